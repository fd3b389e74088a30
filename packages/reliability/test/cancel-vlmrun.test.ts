/**
 * Cancel semantics of the `vlmrun` driver, end to end: atelier → @atelier/vlmrun → the VLM
 * Run emulator on loopback behind a gate that holds a chosen request open. VLM Run has no
 * cancel endpoint (`cancel: 'local'`): aborting stops the request in flight and every later
 * poll, and sends nothing. Its outputs are text and JSON (no media files to download) and
 * it does not stream, so there is no download or SSE case.
 */
import { AbortError, JobCanceledError } from '@atelier/core'
import { createVlmRunEmulator, encodePng, type VlmRunEmulatorOptions } from '@atelier/emulators'
import { createManualClock } from '@atelier/testing'
import { vlmrun } from '@atelier/vlmrun'
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
  serverSawAbort,
  track,
  WALL_BOUND_MS,
} from '../src/cancel-kit'
import { jsonResponse, openGate } from '../src/request-gate'

const API_KEY = 'vlm-cancel-key-0123456789'
const SLOW: VlmRunEmulatorOptions = {
  syncMs: 60_000,
  enqueuedMs: 60_000,
  pendingMs: 60_000,
  runningMs: 60_000,
}
const POLLING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 5_000, jitter: 0 }
const CAPTION = { model: 'vlmrun/vlm-1', image: encodePng({ width: 8, height: 6 }) }
const PREDICTION = /^\/v1\/predictions\/[^/]+$/

const { tally, keep } = cancelSuite('cancel-vlmrun')

async function vlm(batch: boolean) {
  const clock = createManualClock()
  const emulator = createVlmRunEmulator({ ...SLOW, apiKey: API_KEY })
  const gate = await openGate(emulator.handler)
  keep(gate, emulator)
  const driver = vlmrun({ apiKey: API_KEY, baseUrl: gate.url, clock, batch })
  const ai = createAtelier({ providers: [driver], clock, polling: POLLING })
  return { clock, emulator, gate, ai }
}

/** The submit of the scenarios every driver shares (see `cancel-kit`). */
async function submitScenario() {
  const setup = await vlm(true)
  return {
    ...setup,
    tally,
    route: { method: 'POST', path: /^\/v1\/image\/generate$/ },
    submit: (signal: AbortSignal) => setup.ai.vision.submit(CAPTION, { signal }),
  }
}

describe('vlmrun: abort during submit', () => {
  it('a synchronous prediction in flight (the request is the job) rejects with AbortError', async () => {
    const { ai, gate, clock } = await vlm(false)
    const held = gate.hold({ method: 'POST', path: /^\/v1\/image\/generate$/, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const analyzing = track(ai.vision.analyze(CAPTION, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(analyzing, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('a batch submit whose answer the server holds rejects with AbortError; nothing follows', async () => {
    const { ai, gate, clock, emulator } = await vlm(true)
    const held = gate.hold({ method: 'POST', path: /^\/v1\/image\/generate$/, stage: 'answer' })
    const controller = new AbortController()
    tally.jobs++
    const submitting = track(ai.vision.submit(CAPTION, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(submitting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(emulator.state.predictions.size).toBe(1)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })

  it("during a 503's Retry-After wait before the submit is sent again", async () => {
    const scenario = await submitScenario()
    await abortDuringSubmitRetryAfter(scenario, () =>
      jsonResponse({ detail: 'overloaded' }, 503, { 'retry-after': '20' }),
    )
    expect(scenario.emulator.state.predictions.size).toBe(0)
    expect(scenario.clock.pending).toBe(0)
  })
})

describe('vlmrun: abort while a submit answer arrives', () => {
  it('a submit answer still arriving when the caller aborts rejects with AbortError', async () => {
    const scenario = await submitScenario()
    await abortWhileSubmitAnswerArrives(scenario)
  })
})

describe('vlmrun: abort during a poll', () => {
  it('ai.vision.analyze (batch) aborts the prediction read; nothing is sent after', async () => {
    const { ai, gate, clock } = await vlm(true)
    const held = gate.hold({ method: 'GET', path: PREDICTION, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const analyzing = track(ai.vision.analyze(CAPTION, { signal: controller.signal }), clock)
    await advanceUntil(clock, () => held.isReached, 'the prediction read')
    const outcome = await abortAndSettle(analyzing, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('job.cancel() during a prediction read ends the wait with JobCanceledError', async () => {
    const { ai, gate, clock } = await vlm(true)
    tally.jobs++
    const job = await ai.vision.submit(CAPTION)
    const held = gate.hold({ method: 'GET', path: PREDICTION, stage: 'request' })
    const waiting = track(job.wait(), clock)
    await advanceUntil(clock, () => held.isReached, 'the prediction read')
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('vlmrun: abort during a backoff sleep', () => {
  it('between two polls: the sleep ends on the abort, with the clock standing still', async () => {
    const { ai, gate, clock } = await vlm(true)
    tally.jobs++
    const job = await ai.vision.submit(CAPTION)
    await abortBetweenPolls({ gate, clock, tally, job, statusPath: PREDICTION }, [])
  })

  it("during a 429's Retry-After wait inside the HTTP client", async () => {
    const { ai, gate, clock } = await vlm(true)
    tally.jobs++
    const job = await ai.vision.submit(CAPTION)
    await abortDuringStatusRetryAfter(
      { gate, clock, tally, job, route: { method: 'GET', path: PREDICTION } },
      () => jsonResponse({ detail: 'rate limited' }, 429, { 'retry-after': '30' }),
      [],
    )
  })
})
