/**
 * What every cancel case measures: how long after the abort the caller's promise settled
 * (on the injected clock, and on the wall), which typed error it settled with, and what the
 * server saw after the abort once every sleep the SDK might still hold has had its chance
 * to wake.
 */
import { AbortError, isAtelierError, JobCanceledError } from '@atelier/core'
import type { ManualClock } from '@atelier/testing'
import { afterAll, afterEach, expect } from 'vitest'
import { recordFigures } from './figures'
import type { Gate, RequestMatch, SeenRequest } from './request-gate'

/**
 * The bound: a canceled wait ends within 50 ms. Sleeps run on the manual clock, so
 * there it is exact (an aborted sleep ends with the clock standing still).
 */
export const CLOCK_BOUND_MS = 50
/**
 * Wall bound from the abort to the settled promise. The SDK settles in a few milliseconds
 * (microtasks, plus one loopback cancel request where the job is canceled), but the emulator
 * answering that cancel shares this process's event loop, and CI runs other test files on
 * the same 2 cores: 250 ms was seen under load. The bound stays far below anything a held
 * request or an unended sleep would give (they never end by themselves here).
 */
export const WALL_BOUND_MS = 1_000
/** How long a test waits in real time for the server to notice a closed connection. */
const SERVER_NOTICE_MS = 2_000

/** Counts of what the cancel tests ran, for the summary line. */
export interface CancelTally {
  jobs: number
  typedFailures: number
  completed: number
  /** Slowest abort-to-settle seen on the wall, for the report. */
  slowestWallMs: number
}

export function newTally(): CancelTally {
  return { jobs: 0, typedFailures: 0, completed: 0, slowestWallMs: 0 }
}

interface Settlement<T> {
  settled: boolean
  value?: T
  error?: unknown
  wallAt: number
  clockAt: number
}

/** A promise watched from the start, so its settlement time is taken when it happens. */
export interface Tracked<T> {
  readonly settlement: Settlement<T>
  readonly done: Promise<void>
}

export function track<T>(promise: Promise<T>, clock: ManualClock): Tracked<T> {
  const settlement: Settlement<T> = { settled: false, wallAt: 0, clockAt: 0 }
  const mark = () => {
    settlement.settled = true
    settlement.wallAt = performance.now()
    settlement.clockAt = clock.now()
  }
  const done = promise.then(
    (value) => {
      mark()
      settlement.value = value
    },
    (error: unknown) => {
      mark()
      settlement.error = error
    },
  )
  return { settlement, done }
}

export interface AbortOutcome {
  error: unknown
  /** Wall milliseconds from the abort to the settlement. */
  wallMs: number
  /** Manual-clock milliseconds from the abort to the settlement (0: no sleep ran out). */
  clockMs: number
  /** `performance.now()` at the abort: requests after it were sent after the cancel. */
  abortedAt: number
  /** Sleeps still pending on the manual clock when the call settled (0: none outlived the abort). */
  sleepsLeft: number
}

/**
 * Aborts (by calling `abort`) while `tracked` is pending and waits for it to settle, failing
 * the test if it is still pending after a few real seconds (a wait that did not end on abort).
 */
export async function abortAndSettle<T>(
  tracked: Tracked<T>,
  abort: () => void,
  clock: ManualClock,
  tally: CancelTally,
  /** `download`: a read of a finished job's output, not counted as a job that ended typed. */
  what: 'job' | 'download' = 'job',
): Promise<AbortOutcome> {
  if (tracked.settlement.settled) {
    throw new Error(
      `the call settled before the abort: ${describe(tracked.settlement.error ?? 'a value')}`,
    )
  }
  const abortedAt = performance.now()
  const clockStart = clock.now()
  abort()
  await within(tracked.done, SERVER_NOTICE_MS, 'the call to settle after the abort')
  const sleepsLeft = clock.pending
  const { settlement } = tracked
  if (!('error' in settlement)) {
    if (what === 'job') tally.completed++
    throw new Error('the call completed instead of ending on the abort')
  }
  const wallMs = settlement.wallAt - abortedAt
  tally.slowestWallMs = Math.max(tally.slowestWallMs, wallMs)
  if (what === 'job' && isCancelError(settlement.error)) tally.typedFailures++
  return {
    error: settlement.error,
    wallMs,
    clockMs: settlement.clockAt - clockStart,
    abortedAt,
    sleepsLeft,
  }
}

/**
 * The per-file setup of a cancel test file: the tally of what it ran (recorded as `name`
 * after all its tests) and `keep(gate, emulator)`, which closes the gate and resets the
 * emulator after each test.
 */
export function cancelSuite(name: string): {
  tally: CancelTally
  keep(gate: Gate, emulator: { reset(): void }): void
} {
  const tally = newTally()
  let kept: { gate: Gate; emulator: { reset(): void } }[] = []
  afterEach(async () => {
    await Promise.all(kept.map(({ gate }) => gate.close()))
    for (const { emulator } of kept) emulator.reset()
    kept = []
  })
  afterAll(() => {
    recordFigures(name, {
      jobs: tally.jobs,
      typedFailures: tally.typedFailures,
      completed: tally.completed,
    })
  })
  return { tally, keep: (gate, emulator) => kept.push({ gate, emulator }) }
}

/**
 * The common verdict on an abort: the call rejected with the caller's `AbortError`, with the
 * manual clock standing still (no sleep had to run out), no sleep left pending, and within the
 * wall bound.
 */
export function expectStoppedAtOnce(outcome: AbortOutcome): void {
  expect(outcome.error).toBeInstanceOf(AbortError)
  expect(outcome.clockMs).toBe(0)
  expect(outcome.sleepsLeft).toBe(0)
  expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
}

/** `AbortError` (the caller's signal) or `JobCanceledError` (the job was canceled). */
export function isCancelError(error: unknown): boolean {
  return error instanceof AbortError || error instanceof JobCanceledError
}

/** Rejects with a description when `promise` takes longer than `ms` real milliseconds. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Waits (in real time) for the server to see the held request's connection close. */
export function serverSawAbort(hold: { aborted: Promise<SeenRequest> }): Promise<SeenRequest> {
  return within(hold.aborted, SERVER_NOTICE_MS, 'the server to see the request aborted')
}

export const realPause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Lets anything the SDK left behind run: a short real pause (for work in flight), then ten
 * minutes on the manual clock (every poll, backoff, Retry-After or progress sleep it might
 * still hold wakes), then another pause. Returns the requests the server saw after `since`,
 * as `METHOD path` strings.
 */
export async function requestsAfter(gate: Gate, clock: ManualClock, since: number) {
  await realPause(40)
  await clock.advance(10 * 60_000)
  await realPause(40)
  return gate.since(since).map((request) => `${request.method} ${request.path}`)
}

/** Waits until `predicate` holds, polling in real time (for a state the server reaches on its own). */
export async function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = performance.now() + ms
  while (!predicate()) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await realPause(5)
  }
}

function describe(value: unknown): string {
  if (isAtelierError(value)) return `${value.name}: ${value.message}`
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value)
}

/**
 * Moves the manual clock from one pending sleep to the next (and lets real time pass while
 * none is pending, for requests on the wire) until `predicate` holds.
 */
export async function advanceUntil(
  clock: ManualClock,
  predicate: () => boolean,
  what: string,
  ms = 5_000,
): Promise<void> {
  const deadline = performance.now() + ms
  while (!predicate()) {
    if (performance.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    if (clock.pending > 0) await clock.next()
    else await realPause(5)
  }
}

/** Drives `promise` to its end on the manual clock (polls run as their sleeps are reached). */
export async function runToEnd<T>(
  clock: ManualClock,
  promise: Promise<T>,
  what: string,
): Promise<T> {
  const tracked = track(promise, clock)
  await advanceUntil(clock, () => tracked.settlement.settled, what, 10_000)
  if ('error' in tracked.settlement) throw tracked.settlement.error
  return tracked.settlement.value as T
}

/**
 * A driver's submit, as the scenarios every driver shares run it: the gated server, the clock,
 * the tally, the submit request's route, and how to start the submit with a signal.
 */
export interface SubmitScenario {
  gate: Gate
  clock: ManualClock
  tally: CancelTally
  /** The submit request (method and path). */
  route: RequestMatch
  /** Starts the submit, e.g. `(signal) => ai.image.submit(IMAGE, { signal })`. */
  submit(signal: AbortSignal): Promise<unknown>
}

/**
 * The submit's answer is still arriving when the caller aborts: the body cut short by the
 * abort is the abort (`AbortError`), not a lost connection; the server sees the connection
 * close, and nothing is sent after.
 */
export async function abortWhileSubmitAnswerArrives(scenario: SubmitScenario): Promise<void> {
  const { gate, clock, tally } = scenario
  const held = gate.hold({ ...scenario.route, stage: 'body' })
  const controller = new AbortController()
  tally.jobs++
  const submitting = track(scenario.submit(controller.signal), clock)
  await held.reached
  // Give the client time to take the headers and start reading the body.
  await realPause(50)
  const outcome = await abortAndSettle(submitting, () => controller.abort(), clock, tally)
  expect(outcome.error).toBeInstanceOf(AbortError)
  expect(outcome.wallMs).toBeLessThan(WALL_BOUND_MS)
  await serverSawAbort(held)
  expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
}

/**
 * The submit is answered once with `busy` (a 503 with `Retry-After: 20`), and the caller aborts
 * during that 20 s wait: the call stops at once and the submit is not sent again. Returns the
 * outcome for the driver's own checks.
 */
export async function abortDuringSubmitRetryAfter(
  scenario: SubmitScenario,
  busy: () => Response,
): Promise<AbortOutcome> {
  const { gate, clock, tally } = scenario
  gate.replyOnce(scenario.route, busy)
  const controller = new AbortController()
  tally.jobs++
  const submitting = track(scenario.submit(controller.signal), clock)
  await advanceUntil(clock, () => clock.sleeps.includes(20_000), 'the Retry-After sleep')
  const outcome = await abortAndSettle(submitting, () => controller.abort(), clock, tally)
  expectStoppedAtOnce(outcome)
  expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual([])
  return outcome
}

/**
 * A status read of `job` is answered once with `rateLimited` (a 429 with `Retry-After: 30`),
 * and the caller aborts its `cancelOnAbort` wait while the HTTP client sleeps on that: the wait
 * stops at once, and after the abort the server sees only `expectedAfter` (the cancel request,
 * where the provider has one). Returns the outcome for the driver's own checks.
 */
export async function abortDuringStatusRetryAfter(
  scenario: {
    gate: Gate
    clock: ManualClock
    tally: CancelTally
    /** A submitted job nobody waits on yet. */
    job: { wait(options: { signal: AbortSignal; cancelOnAbort: boolean }): Promise<unknown> }
    /** The status request. */
    route: RequestMatch
  },
  rateLimited: () => Response,
  expectedAfter: string[],
): Promise<AbortOutcome> {
  const { gate, clock, tally, job } = scenario
  gate.replyOnce(scenario.route, rateLimited)
  const controller = new AbortController()
  const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
  await advanceUntil(clock, () => clock.sleeps.includes(30_000), 'the Retry-After sleep')
  expect(clock.pending).toBe(1)
  const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
  expectStoppedAtOnce(outcome)
  expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual(expectedAfter)
  expect(clock.pending).toBe(0)
  return outcome
}

/**
 * The caller aborts `job`'s `cancelOnAbort` wait while the polling engine sleeps between two
 * polls: the sleep ends on the abort with the clock standing still, no second poll is sent,
 * and after the abort the server sees only `expectedAfter` (the cancel request, where the
 * provider has one, or the cancel's own look at the job). Returns the outcome for the driver's
 * own checks.
 */
export async function abortBetweenPolls(
  scenario: {
    gate: Gate
    clock: ManualClock
    tally: CancelTally
    /** A submitted job nobody waits on yet. */
    job: { wait(options: { signal: AbortSignal; cancelOnAbort: boolean }): Promise<unknown> }
    /** Paths of the status requests. */
    statusPath: RegExp
  },
  expectedAfter: string[],
): Promise<AbortOutcome> {
  const { gate, clock, tally, job } = scenario
  const controller = new AbortController()
  const waiting = track(job.wait({ signal: controller.signal, cancelOnAbort: true }), clock)
  const polls = () => gate.requests.filter((request) => scenario.statusPath.test(request.path))
  // One poll answered, and the engine asleep before the next.
  await advanceUntil(clock, () => polls().length === 1, 'the first poll')
  await advanceUntil(clock, () => clock.sleeps.length === 2 && clock.pending === 1, 'a sleep')
  const outcome = await abortAndSettle(waiting, () => controller.abort(), clock, tally)
  expectStoppedAtOnce(outcome)
  expect(await requestsAfter(gate, clock, outcome.abortedAt)).toEqual(expectedAfter)
  // One poll before the abort; after it, only `expectedAfter` (checked above).
  expect(polls().filter((request) => request.at < outcome.abortedAt)).toHaveLength(1)
  expect(clock.pending).toBe(0)
  return outcome
}
