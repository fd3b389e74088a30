/**
 * Hostile input, task side: for every task of the catalogue, generated inputs that the task's
 * schema allows always pass validation, and generated inputs broken in one place (wrong type,
 * out of range, bad enum, missing field, unknown key, hostile strings) always fail with a
 * ValidationError whose issues name the broken field — through `createAtelier` with all five
 * real drivers registered, and without a single request leaving the process.
 */
import { canary } from '@atelier/canary'
import { TASK_NAMES, type TaskName, ValidationError, validateTaskInput } from '@atelier/core'
import { formatPath } from '@atelier/core/driver'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import { createAtelier } from 'atelier'
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { filteredObjects, type InvalidCase, RUN_SCALE } from '../src/arbitraries'
import { recordFigures } from '../src/figures'
import { createRecordingFetch } from '../src/recording-fetch'
import { invalidTaskInput, TASK_RULES, validTaskInput } from '../src/task-arbitraries'

/**
 * Fixed so every run is the same and a failure replays: fast-check prints the seed (and the
 * shrunk path) when a property fails; `HOSTILE_INPUT_SEED=<n>` runs another sequence.
 */
const SEED = Number(process.env.HOSTILE_INPUT_SEED ?? 20_261_121)
const VALID_RUNS = 60 * RUN_SCALE
const INVALID_RUNS = 150 * RUN_SCALE

let fuzzCases = 0
afterAll(() => recordFigures('hostile-input-tasks', { fuzzCases }))

const network = createRecordingFetch()
beforeAll(() => {
  // Belt and braces: a request that bypassed the drivers' own fetch is counted too.
  vi.stubGlobal('fetch', network.fetch)
})
afterAll(() => vi.unstubAllGlobals())
afterEach(() => network.reset())

const BASE = 'http://hostile-input.test'
const retry = { limit: 0 }
const ai = createAtelier({
  providers: [
    local({ baseUrl: BASE, fetch: network.fetch, retry }),
    canary({ baseUrl: BASE, apiKey: 'clk_live_hostile', fetch: network.fetch, retry }),
    onysoft({ baseUrl: BASE, apiKey: 'sk-ony-hostile', fetch: network.fetch, retry }),
    vlmrun({ baseUrl: BASE, apiKey: 'vlm-hostile', fetch: network.fetch, retry }),
    visionStudio({ baseUrl: BASE, apiKey: 'vs-hostile', fetch: network.fetch, retry }),
  ],
})
const PROVIDER_IDS = [...ai.providers.keys()]

/** Asserts `error` is a local ValidationError with an issue at `path`. */
function expectNamesPath(error: unknown, broken: InvalidCase): void {
  expect(error, `expected a ValidationError for ${broken.breakage}`).toBeInstanceOf(ValidationError)
  const validation = error as ValidationError
  // Caught before the network: no HTTP status.
  expect(validation.status).toBeUndefined()
  const paths = validation.issues.map((issue) => formatPath(issue.path))
  expect(paths, `${broken.breakage} at ${formatPath(broken.path)}`).toContain(
    formatPath(broken.path),
  )
}

/** The facade input for a generated one: the model addressed as `provider/model`. */
function facadeInput(
  input: unknown,
  provider: string,
  broken: InvalidCase | undefined,
): Record<string, unknown> | unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
  const record = input as Record<string, unknown>
  // A broken model stays as it was generated; the facade must blame `model` for it.
  if (broken && broken.path[0] === 'model') return record
  return { ...record, model: `${provider}/${String(record.model)}` }
}

describe('every task has generators', () => {
  it('covers exactly the tasks of the catalogue, through all five drivers', () => {
    expect(Object.keys(TASK_RULES).sort()).toEqual([...TASK_NAMES].sort())
    expect([...PROVIDER_IDS].sort()).toEqual([
      'canary',
      'local',
      'onysoft',
      'vision-studio',
      'vlmrun',
    ])
  })
})

afterAll(() => {
  // Inputs carried own `__proto__` keys holding objects: none may have reached a prototype.
  expect(Object.prototype).not.toHaveProperty('polluted')
})

describe.each(TASK_NAMES.map((task) => [task]))('%s', (task: TaskName) => {
  it('accepts every input its schema allows', () => {
    fc.assert(
      fc.property(validTaskInput(task), (input) => {
        fuzzCases++
        expect(() => validateTaskInput(task, input as never)).not.toThrow()
      }),
      { seed: SEED, numRuns: VALID_RUNS },
    )
    // The cross-field rules of a task are restated (TASK_RULES), never met by filtering with
    // the schema itself: that would make this property hold by definition.
    expect(filteredObjects.size).toBe(0)
  })

  it('rejects inputs broken in one place, naming the field, before any request', async () => {
    await fc.assert(
      fc.asyncProperty(invalidTaskInput(task), async (broken) => {
        fuzzCases++
        network.reset()
        let direct: unknown
        try {
          validateTaskInput(task, broken.value as never)
        } catch (error) {
          direct = error
        }
        expectNamesPath(direct, broken)
        // The facade also takes `model` as a fallback list: a list of strings is valid there.
        const record = broken.value as { model?: unknown } | null
        if (
          broken.path[0] === 'model' &&
          Array.isArray(record?.model) &&
          record.model.every((entry) => typeof entry === 'string')
        )
          return
        // Addressed to each of the five real drivers in turn, through every entry point.
        for (const provider of PROVIDER_IDS) {
          const input = facadeInput(broken.value, provider, broken) as never
          const caught = (error: unknown) => error
          expectNamesPath(await ai.run(task, input).then(() => undefined, caught), broken)
          expectNamesPath(await ai.submit(task, input).then(() => undefined, caught), broken)
          if (task === 'text.generate') {
            const streamed = (async () => {
              for await (const _part of ai.text.stream(input)) {
                // The first part must never come: validation fails before any request.
              }
            })()
            expectNamesPath(await streamed.then(() => undefined, caught), broken)
          }
        }
        expect(network.calls).toEqual([])
        expect(network.downloads).toEqual([])
      }),
      { seed: SEED, numRuns: INVALID_RUNS },
    )
  })
})

describe('found by the properties above, pinned as examples', () => {
  // Before the fix, the facade read `input.model` first: a null input or a numeric model was a
  // TypeError from inside the SDK, and any non-object input blamed `model`.
  it.each([
    ['a null input', null, '(input)'],
    ['a number as input', 42, '(input)'],
    ['an array as input', [{ model: 'local/x' }], '(input)'],
    ['a numeric model', { model: 42, prompt: 'p' }, 'model'],
    ['a model list with a number', { model: ['local/x', 7], prompt: 'p' }, 'model.1'],
  ])('%s is a ValidationError naming %s, before any request', async (_what, input, field) => {
    network.reset()
    const error = await ai.image.generate(input as never).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => formatPath(issue.path))).toContain(
      field,
    )
    expect(network.calls).toEqual([])
  })
})
