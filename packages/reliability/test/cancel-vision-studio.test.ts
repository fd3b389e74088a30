/**
 * Cancel semantics of the `vision-studio` driver, end to end: atelier →
 * @atelier/vision-studio → the Vision Studio emulator on loopback behind a gate that holds a
 * chosen request open. Runway (and Firefly) jobs have a cancel route
 * (`DELETE /api/v1/runway/cancel/{id}`), which must be sent exactly once; Bria has none, so a
 * Bria job must send nothing; inline calls (Imagen) are canceled by aborting the request.
 * The API does not stream, so there is no SSE case.
 */
import { AbortError, JobCanceledError } from '@atelier/core'
import { createVisionStudioEmulator, type VisionStudioEmulatorOptions } from '@atelier/emulators'
import { createManualClock } from '@atelier/testing'
import { visionStudio } from '@atelier/vision-studio'
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
  expectStoppedAtOnce,
  requestsAfter,
  runToEnd,
  serverSawAbort,
  track,
  WALL_BOUND_MS,
} from '../src/cancel-kit'
import { jsonResponse, openGate } from '../src/request-gate'

const KEY = 'vs-cancel-key'
const SLOW: VisionStudioEmulatorOptions = { syncMs: 0, taskQueuedMs: 60_000, taskRunMs: 60_000 }
const POLLING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 5_000, jitter: 0 }
const RUNWAY = { model: 'runway/gen4_image', prompt: 'a storm over the sea' }
const RUNWAY_STATUS = /^\/api\/v1\/runway\/status\//
const runwayCancel = (id: string) => `DELETE /api/v1/runway/cancel/${encodeURIComponent(id)}`

const { tally, keep } = cancelSuite('cancel-vision-studio')

async function studio(options: VisionStudioEmulatorOptions = SLOW) {
  const clock = createManualClock()
  const emulator = createVisionStudioEmulator({ apiKey: KEY, ...options })
  const gate = await openGate(emulator.handler)
  keep(gate, emulator)
  const driver = visionStudio({ baseUrl: gate.url, apiKey: KEY, clock })
  const ai = createAtelier({ providers: [driver], clock, polling: POLLING })
  return { clock, emulator, gate, ai }
}

/** The submit of the scenarios every driver shares (see `cancel-kit`). */
async function submitScenario() {
  const setup = await studio()
  return {
    ...setup,
    tally,
    route: { method: 'POST', path: /^\/api\/v1\/runway\// },
    submit: (signal: AbortSignal) => setup.ai.image.submit(RUNWAY, { signal }),
  }
}

describe('vision-studio: abort during submit', () => {
  it('a Runway submit whose answer the server holds rejects with AbortError; nothing follows', async () => {
    const { ai, gate, clock } = await studio()
    const held = gate.hold({ method: 'POST', path: /^\/api\/v1\/runway\//, stage: 'answer' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(RUNWAY, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('an inline Imagen call in flight is aborted by ai.image.generate', async () => {
    const { ai, gate, clock } = await studio()
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/v1\/google-vision\//,
      stage: 'request',
    })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(
      ai.image.generate(
        { model: 'google/imagen-4.0-generate-preview-06-06', prompt: 'a lighthouse' },
        { signal: controller.signal },
      ),
      clock,
    )
    await held.reached
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('vision-studio: abort while a submit answer arrives', () => {
  it('a submit answer still arriving when the caller aborts rejects with AbortError', async () => {
    const scenario = await submitScenario()
    await abortWhileSubmitAnswerArrives(scenario)
  })
})

describe('vision-studio: abort during a poll', () => {
  it('ai.image.generate aborts the Runway status request and cancels on Runway once', async () => {
    const { ai, gate, clock, emulator } = await studio()
    const held = gate.hold({ method: 'GET', path: RUNWAY_STATUS, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(RUNWAY, { signal: controller.signal }), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    const [task] = [...emulator.state.tasks.values()]
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([runwayCancel(task!.id)])
    expect(task!.canceledAt).toBeDefined()
    expect(clock.pending).toBe(0)
  })

  it('job.cancel() during a status request ends the wait with JobCanceledError', async () => {
    const { ai, gate, clock } = await studio()
    tally.jobs++
    const job = await ai.image.submit(RUNWAY)
    const held = gate.hold({ method: 'GET', path: RUNWAY_STATUS, stage: 'request' })
    const waiting = track(job.wait(), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([runwayCancel(job.id)])
  })

  it('a Bria job (no cancel route) stops polling and sends nothing', async () => {
    const { ai, gate, clock } = await studio()
    const held = gate.hold({ method: 'GET', path: /^\/api\/v1\/bria\/status\//, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(
      ai.image.generate(
        { model: 'bria/3.2', prompt: 'a lighthouse' },
        { signal: controller.signal },
      ),
      clock,
    )
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('vision-studio: abort during a backoff sleep', () => {
  it('between two polls: the sleep ends on the abort, with the clock standing still', async () => {
    const { ai, gate, clock } = await studio()
    tally.jobs++
    const job = await ai.image.submit(RUNWAY)
    await abortBetweenPolls({ gate, clock, tally, job, statusPath: RUNWAY_STATUS }, [
      runwayCancel(job.id),
    ])
  })

  it("during the status answer's own Retry-After pacing", async () => {
    // The emulator puts Retry-After on status answers of running tasks; the engine waits it.
    const { ai, gate, clock } = await studio({ ...SLOW, statusRetryAfterSeconds: 45 })
    tally.jobs++
    const job = await ai.image.submit(RUNWAY)
    const controller = new AbortController()
    const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
    await advanceUntil(clock, () => clock.sleeps.includes(45_000), 'the Retry-After sleep')
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expectStoppedAtOnce(outcome)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([runwayCancel(job.id)])
    expect(clock.pending).toBe(0)
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
    const { ai, gate, clock } = await studio()
    tally.jobs++
    const job = await ai.image.submit(RUNWAY)
    await abortDuringStatusRetryAfter(
      { gate, clock, tally, job, route: { method: 'GET', path: RUNWAY_STATUS } },
      () => jsonResponse({ detail: 'rate limited' }, 429, { 'retry-after': '30' }),
      [runwayCancel(job.id)],
    )
  })
})

describe('vision-studio: abort during a download', () => {
  it('bytes() of a Runway output ends with AbortError mid-body', async () => {
    const { ai, gate, clock } = await studio({ syncMs: 0, taskQueuedMs: 5, taskRunMs: 10 })
    tally.jobs++
    const { images } = await runToEnd(clock, ai.image.generate(RUNWAY), 'the Runway task to finish')
    tally.completed++
    const held = gate.hold({ method: 'GET', path: /^\/emulator\/files\//, stage: 'body' })
    const controller = new AbortController()
    const reading = track(images[0]!.bytes({ signal: controller.signal }), clock)
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
})
