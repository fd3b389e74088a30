/**
 * Cancel semantics of the `canary` driver, end to end: atelier → @atelier/canary → the
 * CanaryLLM emulator on loopback behind a gate that holds a chosen request open. Every
 * CanaryLLM generation is a queue job with a cancel endpoint (`POST /api/llm/queue/cancel`),
 * so each abort of a job the client knows must send that cancel exactly once, and nothing
 * after it. Push updates (`watch` over `/api/llm/queue/stream`) and text streams are SSE.
 */

import { type CanaryDriverOptions, canary } from '@atelier/canary'
import { AbortError, JobCanceledError } from '@atelier/core'
import { type CanaryEmulatorOptions, createCanaryEmulator } from '@atelier/emulators'
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
  expectStoppedAtOnce,
  requestsAfter,
  runToEnd,
  serverSawAbort,
  track,
  WALL_BOUND_MS,
} from '../src/cancel-kit'
import { jsonResponse, openGate } from '../src/request-gate'

const KEY = 'clk_live_cancel_test'
const SLOW = 60_000
const SLOW_QUEUE: CanaryEmulatorOptions = {
  processingMs: { image: SLOW, video: SLOW, completion: SLOW },
  videoFrame: { width: 32, height: 18 },
  imageBaseSize: 64,
}
const POLLING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 5_000, jitter: 0 }
const CANCEL = 'POST /api/llm/queue/cancel'
const IMAGE = {
  model: 'canary/gpt-image-1',
  prompt: 'a red panda',
  size: { width: 64, height: 64 },
}

const { tally, keep } = cancelSuite('cancel-canary')

async function gateway(
  options: CanaryEmulatorOptions = SLOW_QUEUE,
  driverOptions: Partial<CanaryDriverOptions> = {},
) {
  const clock = createManualClock()
  const emulator = createCanaryEmulator(options)
  const gate = await openGate(emulator.handler)
  keep(gate, emulator)
  const driver = canary({
    baseUrl: gate.url,
    apiKey: KEY,
    clock,
    polling: POLLING,
    ...driverOptions,
  })
  const ai = createAtelier({ providers: [driver], clock, polling: POLLING })
  /** Queue ids the cancel endpoint was asked to cancel. */
  const canceled = () =>
    emulator.state.requests
      .filter((request) => request.path === '/api/llm/queue/cancel')
      .map((request) => (request.body as { queueId?: string } | undefined)?.queueId)
  return { clock, emulator, gate, ai, canceled }
}

/** Polling only: `watch` (SSE) off, so status requests and sleeps are what the job does. */
const pollingOnly = () => gateway(SLOW_QUEUE, { eventStream: false })

/** The submit of the scenarios every driver shares (see `cancel-kit`). */
async function submitScenario() {
  const setup = await gateway()
  return {
    ...setup,
    tally,
    route: { method: 'POST', path: /^\/api\/llm\/generate-image$/ },
    submit: (signal: AbortSignal) => setup.ai.image.submit(IMAGE, { signal }),
  }
}

describe('canary: abort during submit', () => {
  it('a submit whose answer the server holds rejects with AbortError; nothing follows', async () => {
    const { ai, gate, clock, emulator } = await gateway()
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/generate-image$/,
      stage: 'answer',
    })
    const controller = new AbortController()
    tally.jobs++
    const submitting = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await held.reached
    const outcome = await abortAndSettle(submitting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    // The queue took the job, but its id never reached the client: nothing can name it.
    expect(emulator.state.jobs.size).toBe(1)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(clock.pending).toBe(0)
  })
})

describe('canary: abort while a submit answer arrives', () => {
  it('a submit answer still arriving when the caller aborts rejects with AbortError', async () => {
    const scenario = await submitScenario()
    await abortWhileSubmitAnswerArrives(scenario)
  })
})

describe('canary: abort during a poll', () => {
  it('ai.image.generate aborts the status request and cancels the queue job once', async () => {
    const { ai, gate, clock, canceled } = await pollingOnly()
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/status$/,
      stage: 'request',
    })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(generating, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([CANCEL])
    expect(canceled()).toHaveLength(1)
    expect(clock.pending).toBe(0)
  })

  it('a cancel endpoint slow to answer: polling stops at once, the wait ends on its answer', async () => {
    // The contract (DESIGN.md, "Cancel means cancel"): the caller is told once the provider
    // confirmed the cancel, so a process that exits on the rejection has not dropped it.
    // What stops at once is everything else: the status request and the polling.
    const { ai, gate, clock, canceled } = await pollingOnly()
    const status = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/status$/,
      stage: 'request',
    })
    const cancel = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/cancel$/,
      stage: 'request',
    })
    const controller = new AbortController()
    tally.jobs++
    const generating = track(ai.image.generate(IMAGE, { signal: controller.signal }), clock)
    await advanceUntil(clock, () => status.isReached, 'the status request')
    const abortedAt = performance.now()
    controller.abort()
    const seen = await serverSawAbort(status)
    expect(seen.abortedAt! - abortedAt).toBeLessThan(WALL_BOUND_MS)
    await cancel.reached
    expect(generating.settlement.settled).toBe(false)
    const outcome = await abortAndSettle(generating, () => cancel.release(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(await requestsAfter(gate, clock, abortedAt)).toEqual([CANCEL])
    expect(canceled()).toHaveLength(1)
  })

  it('job.cancel() during a status request ends the wait with JobCanceledError', async () => {
    const { ai, gate, clock, canceled } = await pollingOnly()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/status$/,
      stage: 'request',
    })
    const waiting = track(job.wait(), clock)
    await advanceUntil(clock, () => held.isReached, 'the status request')
    const outcome = await abortAndSettle(waiting, () => void job.cancel(), clock, tally)
    expect(outcome.error).toBeInstanceOf(JobCanceledError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([CANCEL])
    expect(canceled()).toEqual([job.id])
  })
})

describe('canary: abort during a backoff sleep', () => {
  it('between two polls: the sleep ends on the abort, with the clock standing still', async () => {
    const { ai, gate, clock, canceled } = await pollingOnly()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    await abortBetweenPolls(
      { gate, clock, tally, job, statusPath: /^\/api\/llm\/queue\/status$/ },
      [CANCEL],
    )
    expect(canceled()).toEqual([job.id])
  })

  it("during a 503's Retry-After wait before the submit is sent again", async () => {
    const scenario = await submitScenario()
    await abortDuringSubmitRetryAfter(scenario, () =>
      jsonResponse({ success: false, error: 'busy' }, 503, { 'retry-after': '20' }),
    )
    // The submit is not sent again once the caller has given up.
    expect(scenario.gate.requests.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it("during a 429's Retry-After wait inside the HTTP client", async () => {
    const { ai, gate, clock, canceled } = await pollingOnly()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    await abortDuringStatusRetryAfter(
      { gate, clock, tally, job, route: { method: 'POST', path: /^\/api\/llm\/queue\/status$/ } },
      () => jsonResponse({ error: 'rate limited' }, 429, { 'retry-after': '30' }),
      [CANCEL],
    )
    expect(canceled()).toEqual([job.id])
  })

  it("during watch's own sleep while the job waits behind another in the queue", async () => {
    // One worker, busy with the first job; the second is next in line (position 0) and the
    // third waits at position 1, so `watch` follows its position with status requests paced
    // by sleeps of its own before it would open the event stream.
    const { ai, gate, clock, canceled } = await gateway()
    tally.jobs += 3
    const ahead = [await ai.image.submit(IMAGE), await ai.image.submit(IMAGE)]
    const job = await ai.image.submit(IMAGE)
    const controller = new AbortController()
    const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
    await advanceUntil(
      clock,
      () => job.snapshot?.state === 'queued' && job.snapshot.position === 1 && clock.pending === 1,
      'watch asleep between position checks',
    )
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expectStoppedAtOnce(outcome)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([CANCEL])
    expect(canceled()).toEqual([job.id])
    for (const other of ahead) expect(other.snapshot?.state).not.toBe('canceled')
    expect(clock.pending).toBe(0)
  })
})

describe('canary: abort while a text stream starts', () => {
  it('ai.text.stream aborted before the completion is queued sends nothing after', async () => {
    const { ai, gate, clock, emulator } = await gateway()
    const held = gate.hold({ method: 'POST', path: /^\/api\/llm\/complete$/, stage: 'answer' })
    const controller = new AbortController()
    tally.jobs++
    const parts = ai.text
      .stream(
        { model: 'canary/openai/gpt-4o-mini', prompt: 'hello' },
        { signal: controller.signal },
      )
      [Symbol.asyncIterator]()
    const next = track(parts.next(), clock)
    await held.reached
    const outcome = await abortAndSettle(next, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    await serverSawAbort(held)
    // The completion was queued but its id never arrived: nothing can name it.
    expect(emulator.state.jobs.size).toBe(1)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('canary: abort during a download', () => {
  it('bytes() of a large result (read again, streamed) ends with AbortError mid-body', async () => {
    // Media above inlineMediaMaxBytes is not kept from the first read: reading the file
    // requests the result again and decodes it as it streams.
    const { ai, gate, clock } = await gateway(
      { ...SLOW_QUEUE, processingMs: { video: 20 }, videoBytes: 3_000_000 },
      { eventStream: false, inlineMediaMaxBytes: 1_024 },
    )
    tally.jobs++
    const { videos } = await runToEnd(
      clock,
      ai.video.generate({ model: 'canary/veo-3.1-generate-preview', prompt: 'clouds' }),
      'the video job to finish',
    )
    tally.completed++
    const held = gate.hold({ method: 'POST', path: /^\/api\/llm\/queue\/result$/, stage: 'body' })
    const controller = new AbortController()
    const reading = track(videos[0]!.bytes({ signal: controller.signal }), clock)
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
    // The job had completed: there is nothing to cancel, and nothing is sent.
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  })
})

describe('canary: abort during an SSE stream', () => {
  it('a wait watching /api/llm/queue/stream closes the stream and cancels the job once', async () => {
    const { ai, gate, clock, canceled } = await gateway()
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/stream$/,
      stage: 'body',
      sendUntil: (sent) => sent.includes('event: start'),
    })
    const controller = new AbortController()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
    await advanceUntil(clock, () => held.isReached && job.snapshot?.state === 'running', 'start')
    const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    expect(outcome.clockMs).toBeLessThanOrEqual(CLOCK_BOUND_MS)
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([CANCEL])
    expect(canceled()).toEqual([job.id])
  })

  it('job.updates({ signal }) aborted mid-stream closes the stream and leaves the job running', async () => {
    const { ai, gate, clock, canceled } = await gateway()
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/stream$/,
      stage: 'body',
      sendUntil: (sent) => sent.includes('event: start'),
    })
    const controller = new AbortController()
    tally.jobs++
    const job = await ai.image.submit(IMAGE)
    const updates = job.updates({ signal: controller.signal })[Symbol.asyncIterator]()
    const states: string[] = []
    const next = async () => {
      for (;;) {
        const { value, done } = await updates.next()
        if (done) return
        states.push(value.state)
      }
    }
    const watching = track(next(), clock)
    await advanceUntil(clock, () => held.isReached && states.includes('running'), 'start')
    const outcome = await abortAndSettle(watching, () => controller.abort(), clock, tally)
    expect(outcome.error).toBeInstanceOf(AbortError)
    expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
    // The last watcher left: the event stream closes, and nothing is canceled or polled.
    await serverSawAbort(held)
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
    expect(canceled()).toEqual([])
    expect(job.snapshot?.state).toBe('running')
  })

  it('ai.text.stream aborted mid-reply closes the stream and cancels the completion once', async () => {
    const { ai, gate, clock, canceled, emulator } = await gateway({
      ...SLOW_QUEUE,
      processingMs: { completion: 2_000 },
    })
    const held = gate.hold({
      method: 'POST',
      path: /^\/api\/llm\/queue\/stream$/,
      stage: 'body',
      sendUntil: (sent) => /event: chunk[\s\S]*\n\n/.test(sent),
    })
    const controller = new AbortController()
    tally.jobs++
    const parts = ai.text
      .stream(
        { model: 'canary/openai/gpt-4o-mini', prompt: 'tell a long story' },
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
    expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([CANCEL])
    const [queueId] = [...emulator.state.jobs.keys()]
    expect(canceled()).toEqual([queueId])
  })
})
