/**
 * `submitMany`: many inputs submitted a few at a time, one outcome per input in input order.
 * The driver here answers each submit only when the test releases it, so the test sees exactly
 * which submits are in flight.
 */
import type { DriverContext } from '@atelier/core'
import { abortErrorFrom, defineDriver } from '@atelier/core/driver'
import { flushMicrotasks } from '@atelier/testing'
import { AbortError, createAtelier, ProviderError, ValidationError } from 'atelier'
import { describe, expect, it } from 'vitest'

interface PendingSubmit {
  prompt: string
  answer(): void
  fail(error: Error): void
}

/** A driver whose submits wait until the test answers them, and that counts what is in flight. */
function gatedDriver() {
  const pending: PendingSubmit[] = []
  const started: string[] = []
  let inFlight = 0
  let mostInFlight = 0
  const driver = defineDriver({
    id: 'gated',
    tasks: {
      'image.generate': {
        models: ['painter'],
        cancel: 'none',
        resumable: true,
        submit: (input, context: DriverContext) => {
          started.push(input.prompt)
          inFlight++
          mostInFlight = Math.max(mostInFlight, inFlight)
          return new Promise((resolve, reject) => {
            const settle = () => {
              inFlight--
              context.signal?.removeEventListener('abort', onAbort)
            }
            const onAbort = () => {
              settle()
              reject(abortErrorFrom(context.signal!))
            }
            context.signal?.addEventListener('abort', onAbort, { once: true })
            pending.push({
              prompt: input.prompt,
              answer: () => {
                settle()
                resolve({
                  type: 'pending',
                  id: `job-${input.prompt}`,
                  snapshot: { state: 'queued' },
                })
              },
              fail: (error) => {
                settle()
                reject(error)
              },
            })
          })
        },
        poll: async () => ({ state: 'running' }),
      },
    },
  })
  return {
    driver,
    pending,
    started,
    get inFlight() {
      return inFlight
    },
    get mostInFlight() {
      return mostInFlight
    },
    /** Answers the submits waiting now, in the order given by `pick` (default: as they came). */
    async answerAll(pick: (waiting: PendingSubmit[]) => PendingSubmit[] = (waiting) => waiting) {
      const waiting = pending.splice(0)
      for (const submit of pick(waiting)) submit.answer()
      await flushMicrotasks()
    },
  }
}

const inputs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ model: 'gated/painter', prompt: `${index}` }))

describe('submitMany', () => {
  it('returns one job per input in input order, however the submits finish', async () => {
    const gated = gatedDriver()
    const ai = createAtelier({ providers: [gated.driver] })
    const all = ai.image.submitMany(inputs(10), { concurrency: 4 })
    while (gated.started.length < 10 || gated.pending.length > 0) {
      await flushMicrotasks()
      // Answer the later submits first: the outcomes must still follow the inputs.
      await gated.answerAll((waiting) => [...waiting].reverse())
    }
    const outcomes = await all
    expect(outcomes.map((outcome) => outcome.ok && outcome.job.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `job-${index}`),
    )
  })

  it('keeps no more than `concurrency` submits in flight, 8 by default', async () => {
    for (const [concurrency, expected] of [
      [3, 3],
      [undefined, 8],
    ] as const) {
      const gated = gatedDriver()
      const ai = createAtelier({ providers: [gated.driver] })
      const all = ai.image.submitMany(inputs(30), concurrency ? { concurrency } : {})
      await flushMicrotasks()
      // Nothing is answered yet: exactly `concurrency` are waiting, the rest not started.
      expect(gated.started).toHaveLength(expected)
      while (gated.started.length < 30 || gated.pending.length > 0) {
        await gated.answerAll()
        expect(gated.inFlight).toBeLessThanOrEqual(expected)
      }
      expect((await all).every((outcome) => outcome.ok)).toBe(true)
      expect(gated.mostInFlight).toBe(expected)
    }
  })

  it('reports each failure with its input and keeps the jobs submitted around it', async () => {
    const gated = gatedDriver()
    const ai = createAtelier({ providers: [gated.driver] })
    const list = inputs(6)
    // Input 2 breaks a shared rule (caught before its request); input 4 fails at the provider.
    list[2] = { model: 'gated/painter', prompt: '' }
    const all = ai.image.submitMany(list, { concurrency: 2 })
    while (gated.started.length < 5 || gated.pending.length > 0) {
      await flushMicrotasks()
      const waiting = gated.pending.splice(0)
      for (const submit of waiting) {
        if (submit.prompt === '4') {
          submit.fail(new ProviderError('busy', { provider: 'gated', status: 503 }))
        } else submit.answer()
      }
      await flushMicrotasks()
    }
    const outcomes = await all
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, true, false, true])
    const invalid = outcomes[2]!
    expect(!invalid.ok && invalid.error).toBeInstanceOf(ValidationError)
    expect(!invalid.ok && (invalid.error as ValidationError).field).toBe('prompt')
    const failed = outcomes[4]!
    expect(!failed.ok && failed.error).toBeInstanceOf(ProviderError)
    expect(outcomes[5]!.ok && outcomes[5]!.job.id).toBe('job-5')
  })

  it('stops on abort: jobs already submitted are kept, the rest end as AbortError', async () => {
    const gated = gatedDriver()
    const ai = createAtelier({ providers: [gated.driver] })
    const controller = new AbortController()
    const all = ai.image.submitMany(inputs(10), { concurrency: 2, signal: controller.signal })
    await flushMicrotasks()
    await gated.answerAll()
    // Inputs 0 and 1 are submitted, 2 and 3 are in flight when the caller aborts.
    expect(gated.started).toEqual(['0', '1', '2', '3'])
    controller.abort()
    const outcomes = await all
    expect(gated.started).toHaveLength(4)
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, ...Array(8).fill(false)])
    for (const outcome of outcomes.slice(2)) {
      expect(!outcome.ok && outcome.error).toBeInstanceOf(AbortError)
    }
    expect(outcomes[1]!.ok && outcomes[1]!.job.id).toBe('job-1')
  })

  it('refuses a bad concurrency with a ValidationError naming it, before any request', async () => {
    const gated = gatedDriver()
    const ai = createAtelier({ providers: [gated.driver] })
    for (const concurrency of [0, -2, 1.5, Number.NaN, '4' as unknown as number]) {
      const error = await ai.image
        .submitMany(inputs(3), { concurrency })
        .catch((thrown: unknown) => thrown)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('concurrency')
    }
    const notAList = await ai.image
      .submitMany({} as unknown as [], {})
      .catch((thrown: unknown) => thrown)
    expect((notAList as ValidationError).field).toBe('inputs')
    expect(gated.started).toEqual([])
  })

  it('yields to the event loop between submits, even when the provider answers at once', async () => {
    // Submits that answer at once run on microtasks only: without a yield, every one of them
    // would start before anything queued on the event loop (a timer, an I/O callback) runs.
    const started: string[] = []
    let startedWhenLoopTurned: number | undefined
    const instant = defineDriver({
      id: 'instant',
      tasks: {
        'image.generate': {
          models: ['painter'],
          cancel: 'none',
          resumable: true,
          submit: async (input) => {
            started.push(input.prompt)
            if (started.length === 1) {
              setImmediate(() => {
                startedWhenLoopTurned = started.length
              })
            }
            return { type: 'pending', id: `job-${input.prompt}`, snapshot: { state: 'queued' } }
          },
          poll: async () => ({ state: 'running' }),
        },
      },
    })
    const ai = createAtelier({ providers: [instant] })
    const outcomes = await ai.submitMany(
      'image.generate',
      inputs(200).map((input) => ({ ...input, model: 'instant/painter' })),
      { concurrency: 4 },
    )
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    // The loop turned after the first four submits, not after all 200.
    expect(startedWhenLoopTurned).toBe(4)
  })
})
