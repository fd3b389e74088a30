import {
  AbortError,
  type Clock,
  createRequestBudget,
  type JobSnapshot,
  type PollingOptions,
} from '@atelier/core'
import {
  DEFAULT_POLLING,
  newPollHistory,
  type PollHistory,
  pollIntervalFor,
  recordObservation,
  resolvePollingOptions,
} from '@atelier/core/driver'
import { createManualClock } from '@atelier/testing'
import { describe, expect, it, vi } from 'vitest'

/** Options with jitter neutralised (random 0.5 → spread factor exactly 1). */
const steady = (overrides: Partial<PollingOptions> = {}) =>
  resolvePollingOptions({ random: () => 0.5 }, overrides)

const running = (fraction?: number, etaMs?: number): JobSnapshot => ({
  state: 'running',
  progress: {
    ...(fraction !== undefined ? { fraction } : {}),
    ...(etaMs !== undefined ? { etaMs } : {}),
  },
})
const queued = (position?: number): JobSnapshot => ({
  state: 'queued',
  ...(position !== undefined ? { position } : {}),
})

function historyOf(...observations: [number, JobSnapshot][]): PollHistory {
  const history = newPollHistory()
  for (const [at, snapshot] of observations) recordObservation(history, at, snapshot)
  return history
}

describe('pollIntervalFor: server hints', () => {
  it('waits exactly the Retry-After hint, without jitter, over every other hint', () => {
    const random = vi.fn(() => 0)
    const history = historyOf([0, running(0.2)], [1000, running(0.4)])
    history.hintlessPolls = 4
    const snapshot: JobSnapshot = {
      ...running(0.4, 9_000),
      hints: { retryAfterMs: 2_000, etaMs: 7_000 },
    }
    expect(pollIntervalFor(snapshot, history, resolvePollingOptions({ random }))).toEqual({
      delayMs: 2_000,
      reason: 'retry-after',
    })
    expect(random).not.toHaveBeenCalled()
    expect(history.hintlessPolls).toBe(0)
  })

  it('never waits less than minIntervalMs, even when Retry-After says so', () => {
    const snapshot: JobSnapshot = { ...queued(), hints: { retryAfterMs: 10 } }
    expect(
      pollIntervalFor(snapshot, newPollHistory(), steady({ minIntervalMs: 250 })).delayMs,
    ).toBe(250)
    expect(
      pollIntervalFor({ ...queued(), hints: { retryAfterMs: 0 } }, newPollHistory(), steady())
        .delayMs,
    ).toBe(DEFAULT_POLLING.minIntervalMs)
  })

  it('honours a Retry-After longer than maxIntervalMs (the server asked)', () => {
    const snapshot: JobSnapshot = { ...queued(), hints: { retryAfterMs: 45_000 } }
    expect(
      pollIntervalFor(snapshot, newPollHistory(), steady({ maxIntervalMs: 30_000 })).delayMs,
    ).toBe(45_000)
  })

  it('polls just after the server ETA from hints.etaMs', () => {
    const snapshot: JobSnapshot = { ...queued(3), hints: { etaMs: 3_000 } }
    expect(pollIntervalFor(snapshot, newPollHistory(), steady())).toEqual({
      delayMs: 3_050,
      reason: 'eta',
    })
  })

  it('polls just after the ETA a running job reports in its progress', () => {
    expect(
      pollIntervalFor(running(0.5, 1_000), newPollHistory(), steady({ etaMarginMs: 100 })),
    ).toEqual({
      delayMs: 1_100,
      reason: 'eta',
    })
  })

  it('clamps an ETA to [minIntervalMs, maxIntervalMs]', () => {
    const options = steady({ minIntervalMs: 500, maxIntervalMs: 10_000 })
    expect(pollIntervalFor(running(0.1, 600_000), newPollHistory(), options)).toEqual({
      delayMs: 10_000,
      reason: 'eta',
    })
    expect(pollIntervalFor(running(0.99, 20), newPollHistory(), options)).toEqual({
      delayMs: 500,
      reason: 'eta',
    })
  })

  it('ignores an ETA of zero and does not jitter an ETA', () => {
    const random = vi.fn(() => 0.99)
    const options = resolvePollingOptions({ random })
    expect(pollIntervalFor(running(0.5, 0), newPollHistory(), options).reason).toBe('backoff')
    random.mockClear()
    expect(pollIntervalFor(running(0.5, 2_000), newPollHistory(), options).delayMs).toBe(2_050)
    expect(random).not.toHaveBeenCalled()
  })
})

describe('pollIntervalFor: estimates from observations', () => {
  it('estimates the time left from the progress rate', () => {
    // 0.2 → 0.4 in one second: 0.2 per second, 0.6 left → 3 s after the last observation.
    const history = historyOf([0, running(0.2)], [1_000, running(0.4)])
    history.hintlessPolls = 3
    expect(pollIntervalFor(running(0.4), history, steady())).toEqual({
      delayMs: 3_050,
      reason: 'progress-rate',
    })
    expect(history.hintlessPolls).toBe(0)
  })

  it('uses the first and the last running observations', () => {
    const history = historyOf(
      [0, queued(2)],
      [500, running(0.1)],
      [1_500, running(0.2)],
      [2_500, running(0.5)],
    )
    // 0.4 gained in 2 s → 0.5 left takes 2.5 s.
    expect(pollIntervalFor(running(0.5), history, steady())).toEqual({
      delayMs: 2_550,
      reason: 'progress-rate',
    })
  })

  it('clamps a progress-rate estimate', () => {
    const history = historyOf([0, running(0.001)], [1_000, running(0.002)])
    expect(pollIntervalFor(running(0.002), history, steady({ maxIntervalMs: 5_000 }))).toEqual({
      delayMs: 5_000,
      reason: 'progress-rate',
    })
  })

  it('needs rising progress over time to estimate', () => {
    const options = steady()
    expect(pollIntervalFor(running(0.4), historyOf([0, running(0.4)]), options).reason).toBe(
      'backoff',
    )
    expect(
      pollIntervalFor(running(0.4), historyOf([0, running(0.4)], [1_000, running(0.4)]), options)
        .reason,
    ).toBe('backoff')
    expect(
      pollIntervalFor(running(0.3), historyOf([0, running(0.5)], [1_000, running(0.3)]), options)
        .reason,
    ).toBe('backoff')
    expect(
      pollIntervalFor(running(), historyOf([0, running()], [1_000, running()]), options).reason,
    ).toBe('backoff')
  })

  it('estimates the start from the rate at which the queue position falls', () => {
    // 4 → 2 in 2 s: one place per second; position 2 starts after 3 more places.
    const history = historyOf([0, queued(4)], [2_000, queued(2)])
    history.hintlessPolls = 2
    expect(pollIntervalFor(queued(2), history, steady())).toEqual({
      delayMs: 3_000,
      reason: 'queue-rate',
    })
    expect(history.hintlessPolls).toBe(0)
  })

  it('clamps a queue-rate estimate', () => {
    const history = historyOf([0, queued(100)], [1_000, queued(99)])
    expect(pollIntervalFor(queued(99), history, steady({ maxIntervalMs: 8_000 }))).toEqual({
      delayMs: 8_000,
      reason: 'queue-rate',
    })
  })

  it('uses no queue rate once the job runs, or when the queue does not move', () => {
    const options = steady()
    const started = historyOf([0, queued(4)], [2_000, queued(2)], [3_000, running()])
    expect(pollIntervalFor(running(), started, options).reason).toBe('backoff')
    const stuck = historyOf([0, queued(3)], [2_000, queued(3)])
    expect(pollIntervalFor(queued(3), stuck, options).reason).toBe('backoff')
    const unknown = historyOf([0, queued()], [2_000, queued()])
    expect(pollIntervalFor(queued(), unknown, options).reason).toBe('backoff')
  })

  it('keeps only the latest observations', () => {
    const history = newPollHistory()
    for (let index = 0; index < 20; index++)
      recordObservation(history, index * 100, queued(50 - index))
    expect(history.observations.length).toBeLessThanOrEqual(8)
    expect(history.observations.at(-1)!.at).toBe(1_900)
    expect(history.observations.map((observation) => observation.at)).toEqual(
      [...history.observations.map((observation) => observation.at)].sort((a, b) => a - b),
    )
  })
})

describe('pollIntervalFor: backoff', () => {
  it('grows by the backoff factor while no hints arrive', () => {
    const history = newPollHistory()
    const options = steady({ initialIntervalMs: 1_000, backoffFactor: 1.5, maxIntervalMs: 60_000 })
    const delays = Array.from({ length: 5 }, () => pollIntervalFor(queued(), history, options))
    expect(delays.map((delay) => delay.reason)).toEqual(Array(5).fill('backoff'))
    expect(delays.map((delay) => delay.delayMs)).toEqual([1_000, 1_500, 2_250, 3_375, 5_062.5])
    expect(history.hintlessPolls).toBe(5)
  })

  it('stays within the jitter bounds for any random value', () => {
    const jitter = 0.2
    for (const value of [0, 0.1, 0.25, 0.5, 0.75, 0.999_999]) {
      const history = newPollHistory()
      const options = resolvePollingOptions({ random: () => value, jitter, maxIntervalMs: 1e9 })
      for (let poll = 0; poll < 6; poll++) {
        const base = options.initialIntervalMs * options.backoffFactor ** poll
        const { delayMs } = pollIntervalFor(queued(), history, options)
        expect(delayMs).toBeGreaterThanOrEqual(base * (1 - jitter))
        expect(delayMs).toBeLessThanOrEqual(base * (1 + jitter))
        expect(delayMs).toBeCloseTo(base * (1 + jitter * (value * 2 - 1)), 6)
      }
    }
  })

  it('never exceeds maxIntervalMs nor goes below minIntervalMs', () => {
    const history = newPollHistory()
    const options = resolvePollingOptions({
      random: () => 0.999,
      maxIntervalMs: 4_000,
      minIntervalMs: 100,
    })
    const delays = Array.from(
      { length: 12 },
      () => pollIntervalFor(queued(), history, options).delayMs,
    )
    expect(Math.max(...delays)).toBe(4_000)
    expect(delays.slice(-3)).toEqual([4_000, 4_000, 4_000])
    const short = resolvePollingOptions({
      random: () => 0,
      initialIntervalMs: 50,
      minIntervalMs: 100,
    })
    expect(pollIntervalFor(queued(), newPollHistory(), short).delayMs).toBe(100)
  })

  it('starts over after a hint', () => {
    const history = newPollHistory()
    const options = steady()
    pollIntervalFor(queued(), history, options)
    pollIntervalFor(queued(), history, options)
    expect(
      pollIntervalFor({ ...queued(), hints: { retryAfterMs: 500 } }, history, options).delayMs,
    ).toBe(500)
    expect(pollIntervalFor(queued(), history, options).delayMs).toBe(1_000)
  })
})

describe('resolvePollingOptions', () => {
  it('returns the defaults', () => {
    expect(resolvePollingOptions()).toEqual(DEFAULT_POLLING)
    expect(resolvePollingOptions()).not.toBe(DEFAULT_POLLING)
  })

  it('merges layers in order, skipping undefined values', () => {
    const resolved = resolvePollingOptions(
      { minIntervalMs: 100, maxIntervalMs: 5_000 },
      undefined,
      { maxIntervalMs: 9_000, jitter: undefined },
    )
    expect(resolved.minIntervalMs).toBe(100)
    expect(resolved.maxIntervalMs).toBe(9_000)
    expect(resolved.jitter).toBe(DEFAULT_POLLING.jitter)
    expect(DEFAULT_POLLING.maxIntervalMs).toBe(30_000)
  })

  it.each([
    [{ minIntervalMs: -1 }],
    [{ minIntervalMs: Number.NaN }],
    [{ minIntervalMs: 1_000, maxIntervalMs: 999 }],
    [{ maxIntervalMs: 100 }],
    [{ maxIntervalMs: Number.NaN }],
  ])('rejects %j', (layer) => {
    expect(() => resolvePollingOptions(layer)).toThrow(RangeError)
  })

  it('accepts equal bounds', () => {
    expect(resolvePollingOptions({ minIntervalMs: 500, maxIntervalMs: 500 }).maxIntervalMs).toBe(
      500,
    )
  })
})

describe('createRequestBudget', () => {
  it('rejects a rate that is not positive', () => {
    for (const requestsPerSecond of [0, -1, Number.NaN]) {
      expect(() => createRequestBudget({ requestsPerSecond })).toThrow(RangeError)
    }
  })

  it('spaces ten concurrent acquires 200 ms apart at 5 per second', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 5, clock })
    const grantedAt: number[] = []
    const all = Array.from({ length: 10 }, () =>
      budget.acquire().then(() => grantedAt.push(clock.now())),
    )
    await clock.runUntil(() => grantedAt.length === 10)
    await Promise.all(all)
    expect(grantedAt).toEqual([0, 200, 400, 600, 800, 1_000, 1_200, 1_400, 1_600, 1_800])
    // One pump sleeps between turns: nine waiters, one timer at a time.
    expect(clock.sleeps).toEqual(Array(9).fill(200))
  })

  it('serves a crowd of waiters in arrival order with one timer at a time', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 100, clock })
    const order: number[] = []
    const all = Array.from({ length: 500 }, (_, index) =>
      budget.acquire().then(() => order.push(index)),
    )
    await clock.advance(0)
    expect(clock.pending).toBe(1)
    await clock.runUntil(() => order.length === 500)
    await Promise.all(all)
    expect(order).toEqual(Array.from({ length: 500 }, (_, index) => index))
    expect(clock.now()).toBe(4_990)
    expect(clock.pending).toBe(0)
  })

  it('after a stall grants only what accrued (one burst), never a backlog at once', async () => {
    // A clock whose timers fire only when the test says: the process stalls in between.
    let now = 0
    let due: (() => void) | undefined
    const stallingClock: Clock = {
      now: () => now,
      sleep: (_ms, signal) =>
        new Promise<void>((resolve, reject) => {
          due = resolve
          signal?.addEventListener('abort', () => reject(new AbortError('aborted')))
        }),
    }
    const budget = createRequestBudget({ requestsPerSecond: 10, burst: 2, clock: stallingClock })
    const grantedAt: number[] = []
    for (let index = 0; index < 8; index++) {
      void budget.acquire().then(() => grantedAt.push(now))
    }
    await Promise.resolve()
    expect(grantedAt).toEqual([0, 0])
    // The pump's timer was due at 100 ms; the process only gets to run it at 1,000 ms.
    now = 1_000
    due!()
    for (let tick = 0; tick < 10; tick++) await Promise.resolve()
    // Nine turns accrued, but the bucket holds two: two go now, the rest wait their turn.
    expect(grantedAt).toEqual([0, 0, 1_000, 1_000])
    now = 1_100
    due!()
    for (let tick = 0; tick < 10; tick++) await Promise.resolve()
    expect(grantedAt).toEqual([0, 0, 1_000, 1_000, 1_100])
  })

  it('spaces one-after-another acquires 200 ms apart', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 5, clock })
    const grantedAt: number[] = []
    for (let index = 0; index < 10; index++) {
      let done = false
      const pending = budget.acquire().then(() => {
        done = true
      })
      await clock.runUntil(() => done)
      await pending
      grantedAt.push(clock.now())
    }
    expect(grantedAt).toEqual([0, 200, 400, 600, 800, 1_000, 1_200, 1_400, 1_600, 1_800])
    expect(clock.sleeps).toEqual(Array(9).fill(200))
  })

  it('does not wait when requests are already spaced out', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 2, clock })
    for (let index = 0; index < 4; index++) {
      await budget.acquire()
      await clock.advance(600)
    }
    expect(clock.sleeps).toEqual([])
  })

  it('lets a burst go out back to back, then paces', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 5, burst: 3, clock })
    await budget.acquire()
    await budget.acquire()
    await budget.acquire()
    expect(clock.sleeps).toEqual([])
    let fourth = false
    const pending = budget.acquire().then(() => {
      fourth = true
    })
    await clock.advance(199)
    expect(fourth).toBe(false)
    await clock.advance(1)
    await pending
    expect(fourth).toBe(true)
    expect(clock.sleeps).toEqual([200])

    // After a quiet spell the whole burst is available again.
    await clock.advance(10_000)
    for (let index = 0; index < 3; index++) await budget.acquire()
    expect(clock.sleeps).toEqual([200])
  })

  it('rejects an aborted waiter at once, leaving the others in place', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 1, clock })
    await budget.acquire()
    const controller = new AbortController()
    const aborted = budget.acquire(controller.signal)
    const granted: number[] = []
    const next = budget.acquire().then(() => granted.push(clock.now()))
    await clock.advance(10)
    controller.abort()
    const error = await aborted.catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(AbortError)
    expect((error as Error).name).toBe('AbortError')
    expect(clock.now()).toBe(10)
    await clock.runUntil(() => granted.length === 1)
    await next
    // The aborted waiter's turn goes to the next one.
    expect(granted).toEqual([1_000])
    expect(clock.pending).toBe(0)
  })

  it('serves the others in order when waiters leave from the front, the middle and the back', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 10, clock })
    await budget.acquire()
    const controllers = Array.from({ length: 6 }, () => new AbortController())
    const order: number[] = []
    const all = controllers.map((controller, index) =>
      budget.acquire(controller.signal).then(
        () => order.push(index),
        () => {},
      ),
    )
    for (const index of [0, 3, 5]) controllers[index]!.abort()
    await clock.runUntil(() => order.length === 3)
    await Promise.all(all)
    expect(order).toEqual([1, 2, 4])
    expect(clock.pending).toBe(0)
  })

  it('leaves no timer behind when every waiter aborts', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 1, clock })
    await budget.acquire()
    const controller = new AbortController()
    const waiting = budget.acquire(controller.signal).catch((thrown: unknown) => thrown)
    await clock.advance(0)
    expect(clock.pending).toBe(1)
    controller.abort()
    expect(await waiting).toBeInstanceOf(AbortError)
    await clock.advance(0)
    expect(clock.pending).toBe(0)
  })

  it('rejects at once when the signal has already fired and a wait is needed', async () => {
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 1, clock })
    await budget.acquire()
    await expect(budget.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(AbortError)
  })
})
