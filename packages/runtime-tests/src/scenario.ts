/**
 * The one scenario every runtime runs: atelier's public API (`atelier` and `@atelier/local`)
 * against a Silly Media sidecar emulator at `baseUrl`, using only web-standard APIs (fetch,
 * streams, timers), so the same bundle runs in Node, Bun, Deno, workerd and a browser.
 *
 * Each check records whether it held and what was seen, so a failing runtime says exactly
 * what broke. The emulator must expose `POST /__control/fail-next` (added by the harness in
 * `run.ts`), which makes the sidecar fail the next matching requests.
 */
import { local } from '@atelier/local'
import {
  createAtelier,
  isAtelierError,
  JobCanceledError,
  type JobRef,
  ProviderError,
  ValidationError,
} from 'atelier'

export interface ScenarioCheck {
  /** `image`, `video-cancel`, `video-resume`, `text-stream`, `validation-error` or `provider-error`. */
  name: string
  ok: boolean
  /** What was seen: sizes, states, counts, or the error when the check failed. */
  detail: string
  ms: number
}

export interface ScenarioResult {
  /** True when every check held. */
  ok: boolean
  checks: ScenarioCheck[]
  /** `navigator.userAgent` where the runtime has one: evidence of where the scenario ran. */
  userAgent: string | undefined
  ms: number
}

/** Longest any one check may take before it is recorded as failed. */
const CHECK_TIMEOUT_MS = 30_000

/** Poll often: the emulator's jobs last a second or two. */
const POLLING = { minIntervalMs: 50, initialIntervalMs: 100, maxIntervalMs: 250 }

const IMAGE_SIZE = { width: 320, height: 192 }
const IMAGE_MODEL = 'local/z-image-turbo'
const VIDEO_MODEL = 'local/hunyuan-video'
const LLM_MODEL = 'local/huihui-qwen3-4b'

export async function runScenario(baseUrl: string): Promise<ScenarioResult> {
  const started = Date.now()
  const checks: ScenarioCheck[] = []
  const sidecar = (options: { fetch?: typeof fetch } = {}) =>
    local({ baseUrl, progressIntervalMs: 50, busyLeaseCheckMs: 200, ...options })
  const ai = createAtelier({ providers: [sidecar()], polling: POLLING })

  await check(checks, 'image', async (signal) => {
    const output = await ai.image.generate(
      { model: IMAGE_MODEL, prompt: 'a red panda reading a map', size: IMAGE_SIZE },
      { signal },
    )
    const file = output.images[0]
    expect(file !== undefined, `expected one image, got ${output.images.length}`)
    const bytes = await file.bytes({ signal })
    const png = readPngHeader(bytes)
    expect(
      png.width === IMAGE_SIZE.width && png.height === IMAGE_SIZE.height,
      `IHDR says ${png.width}x${png.height}, asked for ${IMAGE_SIZE.width}x${IMAGE_SIZE.height}`,
    )
    return `${file.mediaType}, PNG ${png.width}x${png.height}, ${bytes.byteLength} bytes`
  })

  await check(checks, 'video-cancel', async (signal) => {
    const job = await ai.video.submit(
      { model: VIDEO_MODEL, prompt: 'waves at night', durationSeconds: 1, resolution: '480p' },
      { signal },
    )
    const states: string[] = []
    let fraction: number | undefined
    for await (const snapshot of job.updates({ signal })) {
      states.push(snapshot.state)
      if (snapshot.state === 'running' && snapshot.progress?.fraction !== undefined) {
        fraction = snapshot.progress.fraction
        break
      }
      expect(
        snapshot.state === 'queued' || snapshot.state === 'running',
        `job ended ${snapshot.state} before any progress was seen (states: ${states.join(' → ')})`,
      )
    }
    expect(fraction !== undefined, `no progress update (states: ${states.join(' → ')})`)
    await job.cancel()
    expect(
      job.snapshot?.state === 'canceled',
      `after cancel() the job is ${job.snapshot?.state ?? 'unknown'}, not canceled`,
    )
    const outcome = await job.wait({ signal }).then(
      () => 'completed',
      (error: unknown) => (error instanceof JobCanceledError ? 'canceled' : describe(error)),
    )
    expect(outcome === 'canceled', `wait() after cancel() gave ${outcome}`)
    return `states ${states.join(' → ')}, progress ${Math.round(fraction * 100)}%, then canceled (wait() rejects with JobCanceledError)`
  })

  await check(checks, 'video-resume', async (signal) => {
    const job = await ai.video.submit(
      { model: VIDEO_MODEL, prompt: 'a paper boat in the rain', durationSeconds: 1 },
      { signal },
    )
    const saved = JSON.stringify(job)
    const ref = JSON.parse(saved) as JobRef<'video.generate'>
    expect(ref.id === job.id && ref.provider === 'local', `the ref does not name the job: ${saved}`)
    // Another client, as another process would build it: only the ref crosses over.
    const elsewhere = createAtelier({ providers: [sidecar()], polling: POLLING })
    const resumed = elsewhere.jobs.resume(ref)
    const output = await resumed.wait({ signal })
    const video = output.videos[0]
    expect(video !== undefined, `expected one video, got ${output.videos.length}`)
    const bytes = await video.bytes({ signal })
    const box = ascii(bytes.subarray(4, 8))
    expect(box === 'ftyp', `the MP4 starts with box "${box}", not "ftyp"`)
    return `ref ${saved.length} chars, resumed in a new client, ${video.mediaType} ${bytes.byteLength} bytes starting with an ftyp box (${ascii(bytes.subarray(8, 12))})`
  })

  await check(checks, 'text-stream', async (signal) => {
    let deltas = 0
    let text = ''
    let finish: string | undefined
    for await (const part of ai.text.stream(
      { model: LLM_MODEL, prompt: 'Say hello to a new atelier user.', maxTokens: 48 },
      { signal },
    )) {
      if (part.type === 'text-delta') {
        deltas += 1
        text += part.text
      } else if (part.type === 'finish') finish = part.finishReason
    }
    expect(deltas > 1, `expected more than one delta, got ${deltas} (${JSON.stringify(text)})`)
    expect(finish !== undefined, 'the stream ended without a finish part')
    return `${deltas} deltas, ${text.length} chars, finish ${finish}`
  })

  // A client whose every request is seen, to prove what went over the wire.
  const sent: string[] = []
  const counting = createAtelier({
    providers: [
      sidecar({
        fetch: (input, init) => {
          sent.push(new URL(input instanceof Request ? input.url : String(input)).pathname)
          return fetch(input, init)
        },
      }),
    ],
    polling: POLLING,
  })

  await check(checks, 'validation-error', async (signal) => {
    const before = sent.length
    const error = await counting.image
      .generate(
        { model: IMAGE_MODEL, prompt: 'a red panda', size: { width: -64, height: 192 } },
        { signal },
      )
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect(error !== undefined, 'an image with width -64 was accepted')
    expect(error instanceof ValidationError, `expected ValidationError, got ${describe(error)}`)
    expect(
      error.field === 'size.width',
      `the error names ${error.field ?? 'no field'}, not size.width`,
    )
    const requests = sent.slice(before)
    expect(requests.length === 0, `requests were sent: ${requests.join(', ')}`)
    return `ValidationError on ${error.field} (${error.issues[0]?.rule}), 0 requests sent`
  })

  await check(checks, 'provider-error', async (signal) => {
    const control = await fetch(`${baseUrl}/__control/fail-next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, status: 500, path: '^/generate/' }),
      signal,
    })
    expect(control.ok, `the emulator's control endpoint answered ${control.status}`)
    await control.body?.cancel()
    const before = sent.length
    const error = await counting.image
      .generate({ model: IMAGE_MODEL, prompt: 'a red panda', size: IMAGE_SIZE }, { signal })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      )
    expect(error !== undefined, 'the call succeeded although the sidecar answered 500')
    expect(error instanceof ProviderError, `expected ProviderError, got ${describe(error)}`)
    expect(error.status === 500, `ProviderError has status ${error.status}, not 500`)
    const submits = sent.slice(before).filter((path) => path.startsWith('/generate/'))
    expect(submits.length === 1, `${submits.length} generate requests sent, expected 1`)
    return `ProviderError status 500 (${error.message}), 1 generate request (no retry of paid work)`
  })

  return {
    ok: checks.every((item) => item.ok),
    checks,
    userAgent: (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent,
    ms: Date.now() - started,
  }
}

/** Runs one check under a time limit and records its outcome; never throws. */
async function check(
  checks: ScenarioCheck[],
  name: string,
  run: (signal: AbortSignal) => Promise<string>,
): Promise<void> {
  const started = Date.now()
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)
      controller.abort(error)
      reject(error)
    }, CHECK_TIMEOUT_MS)
  })
  try {
    const detail = await Promise.race([run(controller.signal), timeout])
    checks.push({ name, ok: true, detail, ms: Date.now() - started })
  } catch (error) {
    checks.push({ name, ok: false, detail: describe(error), ms: Date.now() - started })
  } finally {
    clearTimeout(timer)
  }
}

function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

function describe(error: unknown): string {
  if (isAtelierError(error)) return `${error.name} (${error.code}): ${error.message}`
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function readPngHeader(bytes: Uint8Array): { width: number; height: number } {
  expect(bytes.byteLength >= 24, `only ${bytes.byteLength} bytes: too short for a PNG`)
  const signature = [...bytes.subarray(0, 8)]
  expect(
    PNG_SIGNATURE.every((byte, index) => signature[index] === byte),
    `no PNG signature: ${signature.map((byte) => byte.toString(16).padStart(2, '0')).join(' ')}`,
  )
  const chunk = ascii(bytes.subarray(12, 16))
  expect(chunk === 'IHDR', `the first chunk is ${chunk}, not IHDR`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes)
}
