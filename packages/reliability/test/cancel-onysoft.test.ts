/**
 * Cancel semantics of the `onysoft` driver, end to end: atelier → @atelier/onysoft → the
 * Onysoft emulator (API and file host, two origins) on loopback behind a gate that holds a
 * chosen request open. The gateway has no cancel endpoint (`cancel: 'local'`): aborting
 * must stop the request in flight and every later poll, and send nothing at all. It has no
 * streaming either, so there is no SSE case.
 */
import { AbortError, JobCanceledError } from '@atelier/core'
import { createOnysoftEmulator, type OnysoftEmulatorOptions } from '@atelier/emulators'
import { onysoft } from '@atelier/onysoft'
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

const API_KEY = 'sk-ony-cancel-key-0123456789'
const SLOW: OnysoftEmulatorOptions = { pendingMs: 60_000, processingMs: 60_000, maxMediaSide: 64 }
const POLLING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 5_000, jitter: 0 }
const IMAGE = { model: 'onysoft/google/imagen4', prompt: 'a sunset over mountains' }
const STATUS = /^\/v1\/image\/status\//

const { tally, keep } = cancelSuite('cancel-onysoft')

async function gateway(options: OnysoftEmulatorOptions = SLOW) {
  const clock = createManualClock()
  const emulator = createOnysoftEmulator({ apiKey: API_KEY, ...options })
  const gate = await openGate(emulator.handler)
  // Result files live on another origin, recorded and gated the same way.
  emulator.cdnBaseUrl = await gate.add('cdn', emulator.cdnHandler)
  keep(gate, emulator)
  const driver = onysoft({ apiKey: API_KEY, baseUrl: gate.url, clock })
  const ai = createAtelier({ providers: [driver], clock, polling: POLLING })
  return { clock, emulator, gate, ai }
}

/** The submit of the scenarios every driver shares (see `cancel-kit`). */
async function submitScenario() {
  const setup = await gateway()
  return {
    ...setup,
    tally,
    route: { method: 'POST', path: /^\/v1\/image\/generate$/ },
    submit: (signal: AbortSignal) => setup.ai.image.submit(IMAGE, { signal }),
  }
}

describe('onysoft: abort during submit', () => {
  it('a submit whose answer the server holds rejects with AbortError; nothing follows', async () => {
    const { ai, gate, clock, emulator } = await gateway()
    const held = gate.hold({ method: 'POST', path: /^\/v1\/image\/generate$/, stage: 'answer' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(emulator.state.tasks.size).toBe(1)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })
})

describe('onysoft: abort while the model catalogue is read', () => {
  it('rejects at once, and the paid submit is never sent', async () => {
    const { ai, gate, clock, emulator } = await gateway()
    // The catalogue read is shared by every caller and fills a cache, so it is left to
    // finish; what the abort must stop is this caller's wait and its submit.
    const held = gate.hold({ method: 'GET', path: /^\/v1\/models$/, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    held.release()
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(gate.requests.some((request) => request.method === 'POST')).toBe(false)
    expect(emulator.state.tasks.size).toBe(0)
  })
})

describe('onysoft: abort while a submit answer arrives', () => {
  it('a submit answer still arriving when the caller aborts rejects with AbortError', async () => {
    const scenario = await submitScenario()
    await abortWhileSubmitAnswerArrives(scenario)
  })
})

describe('onysoft: abort during a poll', () => {
  it('ai.image.generate aborts the status request; no cancel exists, nothing is sent', async () => {
    const { ai, gate, clock } = await gateway()
    const held = gate.hold({ method: 'GET', path: STATUS, stage: 'request' })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })

  it('job.cancel() during a status request ends the wait with JobCanceledError', async () => {
    const { ai, gate, clock } = await gateway()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    const held = gate.hold({ method: 'GET', path: STATUS, stage: 'request' })
    const waiting = track(job.wait(), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(job.snapshot?.state).toBe('canceled')
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('onysoft: abort during a backoff sleep', () => {
  it('between two polls: the sleep ends on the abort, with the clock standing still', async () => {
    const { ai, gate, clock } = await gateway()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    await abortBetweenPolls({ gate, clock, tally, job, statusPath: STATUS }, [])
  })

  it("during a 503's Retry-After wait before the submit is sent again", async () => {
    const scenario = await submitScenario()
    await abortDuringSubmitRetryAfter(scenario, () =>
      jsonResponse({ error: { message: 'busy', code: 'overloaded' } }, 503, {
        'retry-after': '20',
      }),
    )
    // The submit is not sent again once the caller has given up.
    expect(scenario.gate.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it("during a 429's Retry-After wait inside the HTTP client", async () => {
    const { ai, gate, clock } = await gateway()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    await abortDuringStatusRetryAfter(
      { gate, clock, tally, job, route: { method: 'GET', path: STATUS } },
      () =>
        jsonResponse({ error: { message: 'rate limited', code: 'rate_limited' } }, 429, {
          'retry-after': '30',
        }),
      [],
    )
  })
})

describe('onysoft: abort during a download', () => {
  it('bytes() of a result on the file host ends with AbortError mid-body', async () => {
    const { ai, gate, clock } = await gateway({ pendingMs: 5, processingMs: 10, maxMediaSide: 256 })
    tally.jobs++
    const { images } = await runToEnd(clock, ai.image.generate(IMAGE), 'the image task to finish')
    tally.completed++
    const held = gate.hold({ server: 'cdn', method: 'GET', path: /^\/files\//, stage: 'body' })
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
