/**
 * Cancel semantics of the `local` driver, end to end: atelier → @atelier/local → the sidecar
 * emulator on loopback behind a gate that holds a chosen request open. Each case aborts at
 * one point of a job's life and checks that the caller's promise ends at once with the typed
 * error, that the request in flight is aborted on the server, and that nothing is sent after
 * that beyond what a cancel itself asks. The sidecar cannot stop a running video (it has no cancel endpoint, and `DELETE
 * /video/{id}` answers 404 until the video is done), so a cancel of a video job looks at it
 * once — one status request, the only thing sent after the abort — and, the server being still
 * on it, keeps the GPU slot until a later look sees it done and only then deletes the files
 * (`packages/local/test/current-server.test.ts` covers that part).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AbortError, JobCanceledError } from '@atelier/core'
import { saveMediaFile } from '@atelier/core/node'
import { createSidecarEmulator, type SidecarEmulatorOptions } from '@atelier/emulators'
import { local } from '@atelier/local'
import { createManualClock } from '@atelier/testing'
import { createAtelier } from 'atelier'
import { describe, expect, it } from 'vitest'
import {
  abortAndSettle,
  abortBetweenPolls,
  abortDuringStatusRetryAfter,
  abortDuringSubmitRetryAfter,
  abortWhileSubmitAnswerArrives,
  advanceUntil,
  CLOCK_BOUND_MS,
  cancelSuite,
  requestsAfter,
  runToEnd,
  serverSawAbort,
  track,
  WALL_BOUND_MS,
} from '../src/cancel-kit'
import { jsonResponse, openGate } from '../src/request-gate'

const FAST: SidecarEmulatorOptions = {
  imageStepMs: 5,
  swapDelayMs: 5,
  videoJobMs: 60_000,
  musicJobMs: 60_000,
  llmTokenMs: 5,
  visionMs: 5,
}
// No jitter: sleeps are exact on the manual clock.
const POLLING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 5_000, jitter: 0 }

const { tally, keep } = cancelSuite('cancel-local')

async function sidecar(options: SidecarEmulatorOptions = {}) {
  const clock = createManualClock()
  const emulator = createSidecarEmulator({ ...FAST, ...options })
  const gate = await openGate(emulator.handler)
  keep(gate, emulator)
  const driver = local({ baseUrl: gate.url, clock, progressIntervalMs: 500 })
  const ai = createAtelier({ providers: [driver], clock, polling: POLLING })
  return { clock, emulator, gate, ai }
}

const VIDEO = { model: 'local/hunyuan-video', prompt: 'a long shot' }

/** The submit of the scenarios every driver shares (see `cancel-kit`). */
async function submitScenario() {
  const setup = await sidecar()
  return {
    ...setup,
    tally,
    route: { method: 'POST', path: /^\/video\/t2v\// },
    submit: (signal: AbortSignal) => setup.ai.video.submit(VIDEO, { signal }),
  }
}

describe('local: abort during submit', () => {
  it('an async submit whose answer the server holds rejects with AbortError; nothing follows', async () => {
    const { ai, gate, clock, emulator } = await sidecar()
    const held = gate.hold({ method: 'POST', path: /^\/video\/t2v\//, stage: 'answer' })
    const controller = new AbortController()
    tally.jobs++
    const submitting = track(ai.video.submit(VIDEO, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(submitting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    // The sidecar made a job but its id never reached the client: there is nothing to delete.
    expect(emulator.state.videoJobs.size).toBe(1)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('a submit answer still arriving when the caller aborts rejects with AbortError', async () => {
    const scenario = await submitScenario()
    await abortWhileSubmitAnswerArrives(scenario)
  })

  it('an inline image call in flight is aborted by ai.image.generate; progress reads stop', async () => {
    const { ai, gate, clock } = await sidecar()
    const held = gate.hold({ method: 'POST', path: /^\/generate\//, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(
      ai.image.generate(
        { model: 'local/z-image-turbo', prompt: 'a red panda', size: { width: 64, height: 64 } },
        { signal: controller.signal },
      ),
      clock,
    )
    await held.reached
    // Progress is being read while the call runs.
    await advanceUntil(
      clock,
      () => gate.requests.some((request) => request.path === '/progress'),
      'a progress read',
    )
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('a call waiting for the GPU slot ends at once and never reaches the sidecar', async () => {
    const { ai, gate, clock } = await sidecar()
    const busy = gate.hold({ method: 'POST', path: /^\/generate\//, stage: 'request' })
    const image = {
      model: 'local/z-image-turbo',
      prompt: 'a red panda',
      size: { width: 64, height: 64 },
    }
    tally.jobs += 2
    const first = await ai.image.submit(image)
    await busy.reached
    const controller = new AbortController()
    const second = await ai.image.submit(image)
    const waiting = track(second.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
    await advanceUntil(clock, () => second.snapshot?.state === 'queued', 'the second call queued')
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    // The slot frees: the first call runs to the end, and the aborted one is never sent.
    busy.release()
    const { images } = await runToEnd(clock, first.wait(), 'the first call')
    tally.completed++
    expect(images).toHaveLength(1)
    const after = await requestsAfter(gate, clock, outcome.abortedAt)
    expect(after.filter((request) => request.startsWith('POST'))).toEqual([])
    expect(gate.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it('job.cancel() of an inline call in flight ends its wait with JobCanceledError', async () => {
    const { ai, gate, clock } = await sidecar()
    const held = gate.hold({ method: 'POST', path: /^\/llm\/generate$/, stage: 'request' })
    tally.jobs++
    const job = await ai.text.submit({ model: 'local/huihui-qwen3-4b', prompt: 'hello' })
    const waiting = track(job.wait(), clock)
    await held.reached
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(job.snapshot?.state).toBe('canceled')
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('local: abort during a poll', () => {
  it('ai-style wait (cancelOnAbort) aborts the status request; the cancel looks at the running job once, nothing more', async () => {
    const { ai, gate, clock } = await sidecar()
    tally.jobs++
    const job = await ai.video.submit(VIDEO)
    const held = gate.hold({ method: 'GET', path: /^\/video\/status\//, stage: 'request' })
    const controller = new AbortController()
    const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([
      `GET /video/status/${job.id}`,
    ])
    expect(clock.pending).toBe(0)
  })

  it('a plain wait stops its status request and leaves the job alone (resumable)', async () => {
    const { ai, gate, clock } = await sidecar()
    tally.jobs++
    const job = await ai.video.submit(VIDEO)
    const held = gate.hold({ method: 'GET', path: /^\/video\/status\//, stage: 'request' })
    const controller = new AbortController()
    const waiting = track(job.wait({ signal: controller.signal }), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    // Nobody watches any more: no poll, and no delete (the caller did not ask to cancel).
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(job.snapshot?.state).not.toBe('canceled')
  })

  it('job.cancel() during a status request ends every wait with JobCanceledError', async () => {
    const { ai, gate, clock } = await sidecar()
    tally.jobs++
    const job = await ai.video.submit(VIDEO)
    const held = gate.hold({ method: 'GET', path: /^\/video\/status\//, stage: 'request' })
    const waiting = track(job.wait(), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([
      `GET /video/status/${job.id}`,
    ])
  })
})

describe('local: abort during a backoff sleep', () => {
  it('between two polls: the sleep ends on the abort, with the clock standing still', async () => {
    const { ai, gate, clock } = await sidecar()
    tally.jobs++
    const job = await ai.video.submit(VIDEO)
    await abortBetweenPolls({ gate, clock, tally, job, statusPath: /^\/video\/status/ }, [
      `GET /video/status/${job.id}`,
    ])
  })

  it("during a 503's Retry-After wait before the submit is sent again", async () => {
    const scenario = await submitScenario()
    await abortDuringSubmitRetryAfter(scenario, () =>
      jsonResponse({ detail: 'busy' }, 503, { 'retry-after': '20' }),
    )
    // The submit is not sent again once the caller has given up.
    expect(scenario.gate.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it("during a 429's Retry-After wait inside the HTTP client", async () => {
    const { ai, gate, clock } = await sidecar()
    tally.jobs++
    const job = await ai.video.submit(VIDEO)
    await abortDuringStatusRetryAfter(
      { gate, clock, tally, job, route: { method: 'GET', path: /^\/video\/status\// } },
      () => jsonResponse({ detail: 'Too many requests' }, 429, { 'retry-after': '30' }),
      [`GET /video/status/${job.id}`],
    )
  })
})

describe('local: abort during a download', () => {
  async function finishedVideo() {
    const context = await sidecar({ videoJobMs: 20, videoBytes: 4_000_000 })
    tally.jobs++
    const output = await runToEnd(
      context.clock,
      context.ai.video.generate(VIDEO),
      'the video job to finish',
    )
    tally.completed++
    return { ...context, video: output.videos[0]! }
  }

  it('bytes() ends with AbortError while the body is still arriving', async () => {
    const { gate, clock, video } = await finishedVideo()
    const held = gate.hold({ method: 'GET', path: /^\/video\/download\//, stage: 'body' })
    const controller = new AbortController()
    const reading = track(video.bytes({ signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(
      reading,
      () => controller.abort(),
      clock,
      tally,
      'download',
    )
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })

  it('saveMediaFile ends with AbortError and leaves no file, whole or partial', async () => {
    const { gate, clock, video } = await finishedVideo()
    const folder = await mkdtemp(join(tmpdir(), 'atelier-cancel-'))
    try {
      const held = gate.hold({ method: 'GET', path: /^\/video\/download\//, stage: 'body' })
      const controller = new AbortController()
      const target = join(folder, 'video.mp4')
      const saving = track(saveMediaFile(video, target, { signal: controller.signal }), clock)
      await held.reached
      const outcome = await abortAndSettle(
        saving,
        () => controller.abort(),
        clock,
        tally,
        'download',
      )
      expect(outcome.error).toBeInstanceOf(AbortError)
      expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
      await serverSawAbort(held)
      expect(await readdir(folder)).toEqual([])
      expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('a stream() read pending on the network ends with AbortError', async () => {
    const { gate, clock, video } = await finishedVideo()
    const held = gate.hold({ method: 'GET', path: /^\/video\/download\//, stage: 'body' })
    const controller = new AbortController()
    const reader = video.stream({ signal: controller.signal }).getReader()
    const first = await reader.read()
    expect(first.value?.byteLength).toBeGreaterThan(0)
    await held.reached
    const pending = track(reader.read(), clock)
    const outcome = await abortAndSettle(
      pending,
      () => controller.abort(),
      clock,
      tally,
      'download',
    )
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('local: abort during an SSE stream', () => {
  it('ai.text.stream over /llm/stream rejects with AbortError and closes the connection', async () => {
    const { ai, gate, clock } = await sidecar()
    const held = gate.hold({
      method: 'POST',
      path: /^\/llm\/stream$/,
      stage: 'body',
      sendUntil: (sent) => sent.includes('\n\n'),
    })
    const controller = new AbortController()
    tally.jobs++
    const parts = ai.text
      .stream(
        { model: 'local/huihui-qwen3-4b', prompt: 'tell a long story' },
        {
          signal: controller.signal,
        },
      )
      [Symbol.asyncIterator]()
    const first = await parts.next()
    expect(first.value).toMatchObject({ type: 'text-delta' })
    await held.reached
    const next = track(parts.next(), clock)
    const outcome = await abortAndSettle(next, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})
