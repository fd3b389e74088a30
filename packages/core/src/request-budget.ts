/**
 * A shared request budget: at most `requestsPerSecond` status requests, with bursts of up to
 * `burst`, across every job that uses it. Slots are reserved in arrival order (GCRA), so
 * 10,000 waiting jobs are served fairly without a thundering herd, and an abort frees the
 * waiter at once (its slot stays spent: the budget errs on the side of never being exceeded).
 */
import { type Clock, systemClock } from './clock'

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

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be positive (got ${options.requestsPerSecond})`)
  }
  const clock = options.clock ?? systemClock
  const interval = 1000 / options.requestsPerSecond
  const tolerance = interval * (Math.max(1, options.burst ?? 1) - 1)
  // Theoretical arrival time of the next request.
  let theoreticalArrival = Number.NEGATIVE_INFINITY
  return {
    async acquire(signal) {
      const now = clock.now()
      const start = Math.max(now, theoreticalArrival - tolerance)
      theoreticalArrival = Math.max(theoreticalArrival, now) + interval
      if (start > now) await clock.sleep(start - now, signal)
    },
  }
}
