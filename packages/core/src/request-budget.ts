/**
 * A shared request budget: at most `requestsPerSecond` status requests in any one-second
 * window, with bursts of up to `burst`, across every job that uses it.
 *
 * Waiters queue in arrival order and one pump hands out turns from a token bucket evaluated
 * when each turn is granted, not when it was asked for. So 10,000 waiting jobs hold one timer
 * between them (not one each), are served fairly without a thundering herd, and when the
 * event loop stalls the pump wakes late and grants only the turns that accrued (at most
 * `burst`), instead of a backlog of timers all firing together. A timer that fires a little
 * late keeps the fraction of a turn it overslept, so lateness does not lower the rate, and a
 * log of the last grants makes sure no one-second window ever holds more than the rate. An
 * abort frees the waiter at once and gives its turn to the next one.
 */
import { abortErrorFrom, type Clock, systemClock } from './clock'

export interface RequestBudgetOptions {
  requestsPerSecond: number
  /** Requests that may go out back to back before pacing starts. Default 1. */
  burst?: number
  clock?: Clock
}

export interface RequestBudget {
  /** Resolves when a request may go out; rejects with AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>
}

interface Waiter {
  /** Granted or aborted: either way no longer waiting. */
  settled: boolean
  grant(): void
}

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be positive (got ${options.requestsPerSecond})`)
  }
  const clock = options.clock ?? systemClock
  const interval = 1000 / options.requestsPerSecond
  const capacity = Math.max(1, options.burst ?? 1)
  // Up to one turn's fraction above the burst is kept (see above); whole turns never exceed it.
  const ceiling = capacity + 0.999
  let tokens = capacity
  let refilledAt = clock.now()
  // When each of the last `perSecond` grants went out (a ring): the window check.
  const perSecond = Math.max(1, Math.floor(options.requestsPerSecond))
  const grants: number[] = new Array(perSecond).fill(Number.NEGATIVE_INFINITY)
  let oldest = 0
  // A FIFO of waiters: `head` is the next to serve; served entries are dropped in batches.
  let queue: Waiter[] = []
  let head = 0
  let waiting = 0
  // Set while the pump sleeps; aborted when every waiter has gone, so no timer outlives them.
  let pumpSleep: AbortController | undefined

  const refill = () => {
    const now = clock.now()
    tokens = Math.min(ceiling, tokens + (now - refilledAt) / interval)
    refilledAt = now
  }
  /** Milliseconds until a turn may go out: a whole token and room in the one-second window. */
  const waitForTurn = () =>
    Math.max((1 - tokens) * interval, grants[oldest]! + 1000 - clock.now(), 0)
  const take = () => {
    tokens -= 1
    grants[oldest] = clock.now()
    oldest = (oldest + 1) % perSecond
  }

  const pump = async () => {
    if (pumpSleep) return
    while (waiting > 0) {
      refill()
      while (waitForTurn() === 0 && head < queue.length) {
        const waiter = queue[head++]!
        if (waiter.settled) continue
        take()
        waiting -= 1
        waiter.grant()
      }
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head)
        head = 0
      }
      if (waiting === 0) break
      pumpSleep = new AbortController()
      try {
        await clock.sleep(Math.max(1, Math.ceil(waitForTurn())), pumpSleep.signal)
      } catch {
        // Every waiter left while the pump slept.
      } finally {
        pumpSleep = undefined
      }
    }
  }

  return {
    acquire(signal) {
      if (waiting === 0) {
        refill()
        if (waitForTurn() === 0) {
          take()
          return Promise.resolve()
        }
      }
      if (signal?.aborted) return Promise.reject(abortErrorFrom(signal))
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          if (waiter.settled) return
          waiter.settled = true
          waiting -= 1
          if (waiting === 0) pumpSleep?.abort()
          reject(abortErrorFrom(signal!))
        }
        const waiter: Waiter = {
          settled: false,
          grant() {
            waiter.settled = true
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        queue.push(waiter)
        waiting += 1
        void pump()
      })
    },
  }
}
