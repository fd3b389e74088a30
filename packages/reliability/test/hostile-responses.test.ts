/**
 * Hostile responses: every driver fed malformed provider answers — wrong types, missing
 * fields, HTML error pages (200 and 5xx), empty bodies, huge bodies, invalid base64, broken
 * Server-Sent Events — on each call it makes (submit, status, result, download, stream).
 *
 * Each case runs a real task through `createAtelier` against the provider's emulator mounted
 * in msw, with one kind of request answered by the hostile handler every time it is made.
 * What a user depends on: the call ends with a typed atelier error of the class that says what
 * happened, carrying the raw body (bounded by MAX_ERROR_BODY_CHARS) — never a TypeError or
 * another untyped error from inside the SDK, never an unhandled rejection, never a made-up
 * result. Where the hostile answer only feeds a courtesy (progress, a model catalogue, the push
 * stream that polling backs up), the task must still complete with real output.
 */
import { canary } from '@atelier/canary'
import {
  type AtelierError,
  ConnectionError,
  isAtelierError,
  ProviderError,
  ResponseShapeError,
} from '@atelier/core'
import { MAX_ERROR_BODY_CHARS } from '@atelier/core/driver'
import {
  createCanaryEmulator,
  createOnysoftEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  createVlmRunEmulator,
  encodePng,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import type { FetchHandler } from '@atelier/testing/msw'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import { type Atelier, createAtelier } from 'atelier'
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { recordFigures } from '../src/figures'
import {
  type AnswerKind,
  corrupting,
  type HostileAnswer,
  type Malformation,
  malformationsFor,
} from '../src/hostile-answers'

type CallName = 'submit' | 'status' | 'result' | 'download' | 'stream' | 'progress' | 'catalogue'

/**
 * What must happen when this call is answered with garbage:
 * - `typed-error`: the task fails with a typed error (the answer was the result, or the way to it);
 * - `output`: the task completes with real output (the answer fed a courtesy);
 * - `typed-error-or-output`: either (a push stream whose failure falls back to polling).
 */
type Expectation = 'typed-error' | 'output' | 'typed-error-or-output'

interface HostileCall {
  driver: 'local' | 'canary' | 'onysoft' | 'vlmrun' | 'vision-studio'
  call: CallName
  /** The request, as the provider documents it. */
  request: string
  kind: AnswerKind
  expect: Expectation
  /** Whether `run` waits on a Job (counted in the suite's job figures) rather than reading a stream. */
  job: boolean
  /** A fresh request picker per case (some pick the n-th request to a path). */
  picker(): (request: Request, url: URL) => boolean
  /** Runs the task to the end, media read, and returns what the user would get. */
  run(ai: Atelier): Promise<unknown>
  /** Malformations that change nothing in this answer, so prove nothing here. */
  unfit?: string[]
}

const KEY = 'hostile-test-key-0001'
const POLLING = {
  minIntervalMs: 1,
  initialIntervalMs: 2,
  maxIntervalMs: 5,
  // Transient faults (5xx) are polled through twice, then the wait fails with the last error.
  maxConsecutiveErrors: 2,
}
// Retries stay on (the hostile answer must survive them) but do not wait.
const RETRY = { limit: 1, minDelayMs: 1, maxDelayMs: 2 }
const png = encodePng({ width: 8, height: 8 } as never)

const BASE = {
  local: 'http://sidecar.test',
  canary: 'http://canary.test',
  onysoft: 'http://onysoft.test',
  onysoftFiles: 'http://files.onysoft.test',
  vlmrun: 'http://vlmrun.test',
  visionStudio: 'http://studio.test',
} as const

const path =
  (method: string, pattern: RegExp, origin?: string) => () => (request: Request, url: URL) =>
    request.method === method && pattern.test(url.pathname) && (!origin || url.origin === origin)

/** Picks requests to a path after the first `skip` of them. */
const after = (skip: number, method: string, pattern: RegExp) => () => {
  let seen = 0
  return (request: Request, url: URL) =>
    request.method === method && pattern.test(url.pathname) && seen++ >= skip
}

async function bytesOf(files: { bytes(): Promise<Uint8Array> }[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for (const file of files) out.push(await file.bytes())
  return out
}

async function collect<T>(parts: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const part of parts) out.push(part)
  return out
}

const localVideo = async (ai: Atelier) => {
  const output = await ai.video.generate({
    model: 'local/hunyuan-video',
    prompt: 'waves at dusk',
    resolution: '480p',
    durationSeconds: 1,
  })
  return bytesOf([...output.videos, ...(output.thumbnails ?? [])])
}
const localImage = async (ai: Atelier) => {
  const { images } = await ai.image.generate({
    model: 'local/z-image-turbo',
    prompt: 'a red panda',
    size: { width: 64, height: 64 },
  })
  return bytesOf(images)
}
const localText = async (ai: Atelier) =>
  (await ai.text.generate({ model: 'local/huihui-qwen3-4b', prompt: 'hello' })).text
const localStream = (ai: Atelier) =>
  collect(ai.text.stream({ model: 'local/huihui-qwen3-4b', prompt: 'hello' }))
const canaryImage = async (ai: Atelier) =>
  bytesOf((await ai.image.generate({ model: 'canary/gpt-image-1', prompt: 'a red panda' })).images)
const canaryStream = (ai: Atelier) =>
  collect(ai.text.stream({ model: 'canary/openai/gpt-4o-mini', prompt: 'hello' }))
const onysoftImage = async (ai: Atelier) =>
  bytesOf(
    (await ai.image.generate({ model: 'onysoft/google/imagen4', prompt: 'a red panda' })).images,
  )
const vlmrunCaption = async (ai: Atelier) =>
  (await ai.vision.analyze({ model: 'vlmrun/vlm-1', image: png })).text
const vlmrunBatchCaption = async (ai: Atelier) =>
  (
    await ai.vision.analyze({
      model: 'vlmrun/vlm-1',
      image: png,
      providerOptions: { vlmrun: { batch: true } },
    })
  ).text
const studioBria = async (ai: Atelier) =>
  bytesOf(
    (await ai.image.generate({ model: 'vision-studio/bria/fast', prompt: 'a red panda' })).images,
  )
const studioOpenAi = async (ai: Atelier) =>
  bytesOf(
    (await ai.image.generate({ model: 'vision-studio/openai/gpt-image-1', prompt: 'a red panda' }))
      .images,
  )
const studioRunwayVideo = async (ai: Atelier) =>
  bytesOf(
    (
      await ai.video.generate({
        model: 'vision-studio/runway/gen4_turbo',
        prompt: 'the boat drifts',
        image: 'https://media.example.com/boat.png',
        durationSeconds: 5,
      })
    ).videos,
  )

/** Every call of every driver that reads a provider answer, and the task that makes it. */
const CALLS: HostileCall[] = [
  // local: the sidecar. Async video jobs, synchronous image/LLM calls, an SSE LLM stream.
  {
    driver: 'local',
    call: 'submit',
    request: 'POST /video/t2v/{model}',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/video\/t2v\//),
    run: localVideo,
  },
  {
    driver: 'local',
    call: 'status',
    request: 'GET /video/status/{job_id}',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/video\/status\//),
    run: localVideo,
  },
  {
    driver: 'local',
    call: 'download',
    request: 'GET /video/download/{job_id}',
    kind: 'media',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/video\/download\//),
    run: localVideo,
  },
  {
    driver: 'local',
    call: 'result',
    request: 'POST /generate/{model} (PNG answer)',
    kind: 'media',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/generate\//),
    run: localImage,
  },
  {
    driver: 'local',
    call: 'result',
    request: 'POST /llm/generate',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/llm\/generate$/),
    run: localText,
  },
  {
    driver: 'local',
    call: 'stream',
    request: 'POST /llm/stream (SSE)',
    kind: 'sse',
    expect: 'typed-error',
    job: false,
    picker: path('POST', /^\/llm\/stream$/),
    run: localStream,
    // The sidecar's stream is `data:` lines only: there are no event names to take away.
    unfit: ['SSE frames without event names'],
  },
  {
    driver: 'local',
    call: 'progress',
    request: 'GET /progress',
    kind: 'json',
    expect: 'output',
    job: true,
    picker: path('GET', /^\/progress$/),
    run: localImage,
  },
  // canary: every generation is a queue job; results carry base64 media.
  {
    driver: 'canary',
    call: 'submit',
    request: 'POST /api/llm/generate-image',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/api\/llm\/generate-image$/),
    run: canaryImage,
  },
  {
    driver: 'canary',
    call: 'status',
    request: 'POST /api/llm/queue/status',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/api\/llm\/queue\/status$/),
    run: canaryImage,
  },
  {
    driver: 'canary',
    call: 'result',
    request: 'POST /api/llm/queue/result',
    kind: 'base64-json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/api\/llm\/queue\/result$/),
    run: canaryImage,
  },
  {
    driver: 'canary',
    call: 'download',
    request: 'POST /api/llm/queue/result (media read again)',
    kind: 'base64-json',
    expect: 'typed-error',
    job: true,
    picker: after(1, 'POST', /^\/api\/llm\/queue\/result$/),
    run: canaryImage,
  },
  {
    driver: 'canary',
    call: 'stream',
    request: 'POST /api/llm/queue/stream (SSE watch)',
    kind: 'sse',
    expect: 'typed-error-or-output',
    job: true,
    picker: path('POST', /^\/api\/llm\/queue\/stream$/),
    run: canaryImage,
  },
  {
    driver: 'canary',
    call: 'stream',
    request: 'POST /api/llm/queue/stream (SSE text)',
    kind: 'sse',
    expect: 'typed-error',
    job: false,
    picker: path('POST', /^\/api\/llm\/queue\/stream$/),
    run: canaryStream,
  },
  // onysoft: task backend with result URLs on another origin.
  {
    driver: 'onysoft',
    call: 'catalogue',
    request: 'GET /v1/models',
    kind: 'json',
    expect: 'output',
    job: true,
    picker: path('GET', /^\/v1\/models$/),
    run: onysoftImage,
  },
  {
    driver: 'onysoft',
    call: 'submit',
    request: 'POST /v1/image/generate',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/v1\/image\/generate$/),
    run: onysoftImage,
  },
  {
    driver: 'onysoft',
    call: 'status',
    request: 'GET /v1/image/status/{task_id}',
    kind: 'url-json',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/v1\/image\/status\//),
    run: onysoftImage,
  },
  {
    driver: 'onysoft',
    call: 'download',
    request: 'GET {result URL} (file host)',
    kind: 'media',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/files\//, BASE.onysoftFiles),
    run: onysoftImage,
  },
  // vlmrun: synchronous predictions and batch predictions polled by id.
  {
    driver: 'vlmrun',
    call: 'result',
    request: 'POST /v1/image/generate (synchronous)',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/v1\/image\/generate$/),
    run: vlmrunCaption,
  },
  {
    driver: 'vlmrun',
    call: 'submit',
    request: 'POST /v1/image/generate (batch)',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/v1\/image\/generate$/),
    run: vlmrunBatchCaption,
  },
  {
    driver: 'vlmrun',
    call: 'status',
    request: 'GET /v1/predictions/{id}',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/v1\/predictions\//),
    run: vlmrunBatchCaption,
  },
  // vision-studio: synchronous calls, async Bria and Runway tasks, files by URL.
  {
    driver: 'vision-studio',
    call: 'submit',
    request: 'POST /api/v1/bria/image/generation/generate-image-fast',
    kind: 'json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/api\/v1\/bria\//),
    run: studioBria,
  },
  {
    driver: 'vision-studio',
    call: 'status',
    request: 'GET /api/v1/bria/status/{id}',
    kind: 'url-json',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/api\/v1\/bria\/status\//),
    run: studioBria,
  },
  {
    driver: 'vision-studio',
    call: 'download',
    request: 'GET {result URL}',
    kind: 'media',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/emulator\/files\//),
    run: studioBria,
  },
  {
    driver: 'vision-studio',
    call: 'result',
    request: 'POST /api/v1/openai/image/generation/generate-image (synchronous)',
    kind: 'url-json',
    expect: 'typed-error',
    job: true,
    picker: path('POST', /^\/api\/v1\/openai\//),
    run: studioOpenAi,
  },
  {
    driver: 'vision-studio',
    call: 'status',
    request: 'GET /api/v1/runway/status/{id}',
    kind: 'url-json',
    expect: 'typed-error',
    job: true,
    picker: path('GET', /^\/api\/v1\/runway\/status\//),
    run: studioRunwayVideo,
  },
]

interface Case {
  name: string
  call: HostileCall
  malformation: Malformation
}

const CASES: Case[] = CALLS.flatMap((call) =>
  malformationsFor(call.kind)
    .filter((malformation) => !call.unfit?.includes(malformation.name))
    .map((malformation) => ({
      name: `${call.driver} ${call.call} ${call.request}: ${malformation.name}`,
      call,
      malformation,
    })),
)

/** A fresh emulator for the driver, mounted in msw with `pick`ed requests corrupted. */
function mount(call: HostileCall, malformation: Malformation) {
  const pick = call.picker()
  const mounted: { base: string; handler: FetchHandler }[] = []
  let driver: Parameters<typeof createAtelier>[0]['providers'][number]
  switch (call.driver) {
    case 'local': {
      // Steps take a few ms so that /progress is read while an image is being made.
      const emulator = createSidecarEmulator({ timeScale: 0, imageStepMs: 10, llmTokenMs: 0 })
      mounted.push({ base: BASE.local, handler: emulator.handler })
      driver = local({ baseUrl: BASE.local, retry: RETRY, progressIntervalMs: 2 })
      break
    }
    case 'canary': {
      const emulator = createCanaryEmulator({
        timeScale: 0,
        // The image job is still running at the first status request, so the watch opens the
        // event stream (a job already done would never need it).
        processingMs: { image: 40 },
        imageBaseSize: 32,
        apiKeys: [KEY],
      })
      mounted.push({ base: BASE.canary, handler: emulator.handler })
      driver = canary({
        baseUrl: BASE.canary,
        apiKey: KEY,
        retry: RETRY,
        polling: POLLING,
        // Media are read again on demand (the `download` call) instead of kept from the result.
        inlineMediaMaxBytes: 0,
      })
      break
    }
    case 'onysoft': {
      const emulator = createOnysoftEmulator({
        timeScale: 0,
        apiKey: KEY,
        cdnBaseUrl: BASE.onysoftFiles,
        maxMediaSide: 64,
      })
      mounted.push({ base: BASE.onysoft, handler: emulator.handler })
      mounted.push({ base: BASE.onysoftFiles, handler: emulator.cdnHandler })
      driver = onysoft({ baseUrl: BASE.onysoft, apiKey: KEY, retry: RETRY })
      break
    }
    case 'vlmrun': {
      const emulator = createVlmRunEmulator({ timeScale: 0, apiKey: KEY, lifecycle: 'per-read' })
      mounted.push({ base: BASE.vlmrun, handler: emulator.handler })
      driver = vlmrun({ baseUrl: BASE.vlmrun, apiKey: KEY, retry: RETRY })
      break
    }
    case 'vision-studio': {
      const emulator = createVisionStudioEmulator({
        apiKey: KEY,
        syncMs: 0,
        taskQueuedMs: 0,
        taskRunMs: 0,
      })
      mounted.push({ base: BASE.visionStudio, handler: emulator.handler })
      driver = visionStudio({ baseUrl: BASE.visionStudio, apiKey: KEY, retry: RETRY })
      break
    }
  }
  // One log for every origin of the provider (the onysoft file host is another one).
  const served: HostileAnswer[] = []
  for (const { base, handler } of mounted) {
    const hostile = corrupting(handler, pick, malformation, served)
    server.use(http.all(`${base}/*`, ({ request }) => hostile(request)))
  }
  return { ai: createAtelier({ providers: [driver], polling: POLLING }), served }
}

/** What the user got: the output, or the error. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

/** Error classes that say what happened, by malformation. */
function allowedErrors(malformation: Malformation): (abstract new (...args: never[]) => Error)[] {
  switch (malformation.name) {
    case 'HTML page with 502':
    case 'empty body with 500':
    case 'huge HTML page with 500':
      return [ProviderError]
    case 'body cut off mid-way':
    case 'SSE connection reset':
      return [ConnectionError]
    case 'HTML page with 200':
      // An error page is not what was asked for, whatever the call (JSON, media, a stream).
      return [ResponseShapeError]
    default:
      // The answer came with 2xx but cannot be read: a shape error, or (for a stream that
      // ended without its end event) a connection error.
      return [ResponseShapeError, ConnectionError]
  }
}

/**
 * A programming error (TypeError, RangeError, ReferenceError) wrapped somewhere in the cause
 * chain: an SDK bug that a typed error only papers over (an inline job turns whatever its
 * work throws into a JobFailedError). A parser's own error under a shape error is what that
 * error reports, and a connection error's cause is the runtime's network error.
 */
function wrappedBug(error: unknown): unknown {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof ConnectionError) return undefined
    const cause: unknown = current.cause
    if (
      cause instanceof TypeError ||
      cause instanceof RangeError ||
      cause instanceof ReferenceError
    ) {
      return cause
    }
    current = cause
  }
  return undefined
}

const PNG = [0x89, 0x50, 0x4e, 0x47]
/** Output that a real provider could have given: media with their magic numbers, non-empty text. */
function realOutput(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 0
  if (!Array.isArray(value) || value.length === 0) return false
  return value.every((item) => {
    if (!(item instanceof Uint8Array)) return typeof item === 'object' && item !== null
    const isPng = PNG.every((byte, index) => item[index] === byte)
    const isMp4 = String.fromCharCode(...item.subarray(4, 8)) === 'ftyp'
    const isJpeg = item[0] === 0xff && item[1] === 0xd8
    return isPng || isMp4 || isJpeg
  })
}

const server = setupServer()
const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason)
}
const figures = { jobs: 0, faults: 0, completed: 0, typedFailures: 0, cases: 0 }
const casesByDriver = new Map<string, number>()

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  server.resetHandlers()
})
afterAll(() => {
  server.close()
  process.off('unhandledRejection', onUnhandled)
  // Each case that ran a job counts as a job, and each hostile answer served to it as a fault.
  recordFigures('hostile-responses', {
    jobs: figures.jobs,
    faults: figures.faults,
    completed: figures.completed,
    typedFailures: figures.typedFailures,
  })
  console.log(
    `hostile responses: ${figures.cases} cases (${[...casesByDriver]
      .map(([driver, count]) => `${driver} ${count}`)
      .join(
        ', ',
      )}), ${figures.jobs} of them jobs: ${figures.typedFailures} typed failures, ${figures.completed} completed`,
  )
})

describe('hostile responses: every driver × call × malformed answer ends typed', () => {
  it('covers every driver and every kind of call', () => {
    expect(new Set(CALLS.map((call) => call.driver))).toEqual(
      new Set(['local', 'canary', 'onysoft', 'vlmrun', 'vision-studio']),
    )
    expect(new Set(CALLS.map((call) => call.call))).toEqual(
      new Set(['submit', 'status', 'result', 'download', 'stream', 'progress', 'catalogue']),
    )
    expect(CASES.length).toBeGreaterThan(200)
  })

  it.each(CASES.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const { call, malformation } = entry
    const { ai, served } = mount(call, malformation)
    const before = unhandled.length
    const outcome: Outcome = await call.run(ai).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error }),
    )
    // Let stray rejections surface before judging.
    await new Promise((resolve) => setTimeout(resolve, 5))
    figures.cases++
    casesByDriver.set(call.driver, (casesByDriver.get(call.driver) ?? 0) + 1)
    if (call.job) {
      figures.jobs++
      figures.faults += served.length
      if (outcome.ok) figures.completed++
      else if (isAtelierError(outcome.error)) figures.typedFailures++
    }

    // The hostile answer really was served, so the case proves something.
    expect(served.length, 'hostile answers served').toBeGreaterThan(0)
    expect(unhandled.slice(before), 'unhandled rejections').toEqual([])

    if (outcome.ok) {
      expect(
        call.expect,
        `accepted a malformed answer and returned ${summarize(outcome.value)}`,
      ).not.toBe('typed-error')
      expect(realOutput(outcome.value), `output ${summarize(outcome.value)}`).toBe(true)
      return
    }
    const error = outcome.error
    expect(call.expect, `failed: ${describeError(error)}`).not.toBe('output')
    expect(isAtelierError(error), `untyped error escaped: ${describeError(error)}`).toBe(true)
    expect(wrappedBug(error), `wrapped an untyped error: ${describeError(error)}`).toBeUndefined()
    const typed = error as AtelierError
    expect(
      allowedErrors(malformation).some((type) => typed instanceof type),
      `${typed.name} for ${malformation.name}: ${typed.message}`,
    ).toBe(true)
    if (typed instanceof ProviderError && /with (5\d\d)$/.test(malformation.name)) {
      expect(typed.status).toBe(Number(malformation.name.slice(-3)))
    }
    // Bodies are bounded: the marker after MAX_ERROR_BODY_CHARS says how much was dropped.
    if (typed.body !== undefined) {
      expect(typed.body.length).toBeLessThanOrEqual(MAX_ERROR_BODY_CHARS + 64)
    }
    const raw = served.at(-1)?.raw ?? ''
    if (malformation.quotable && raw !== '' && !(typed instanceof ConnectionError)) {
      expect(typed.body, `${typed.name} carries no body: ${typed.message}`).toBeTypeOf('string')
      const body = typed.body ?? ''
      expect(body.length).toBeGreaterThan(0)
      // The error quotes the answer as it came (its start, or the broken frame within it).
      expect(raw.includes(body.slice(0, 48)), `body ${JSON.stringify(body.slice(0, 80))}`).toBe(
        true,
      )
      if (raw.length > MAX_ERROR_BODY_CHARS)
        expect(body).toMatch(/… \[\d+ more (characters|bytes)\]$/)
    }
  })
})

function summarize(value: unknown): string {
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`
  if (Array.isArray(value)) return `[${value.map(summarize).join(', ')}]`
  return JSON.stringify(value)?.slice(0, 120) ?? String(value)
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause =
    error.cause instanceof Error ? ` (cause ${error.cause.name}: ${error.cause.message})` : ''
  return `${error.name}: ${error.message.slice(0, 300)}${cause}`
}
