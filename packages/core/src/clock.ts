/**
 * Time as a dependency. Every wait in atelier (polling, retry backoff, rate budgets) goes
 * through a `Clock`, so tests can inject a manual clock and assert exact schedules, and
 * every sleep ends the moment its signal aborts.
 */
import { AbortError, isAtelierError } from './errors'

export interface Clock {
  /** Milliseconds on a monotonic-enough scale; only differences are used. */
  now(): number
  /** Resolves after `ms`; rejects with an `AbortError` as soon as `signal` aborts (also when already aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /**
   * Optional: how this clock times a deadline (a request's timeout), like `sleep`. A clock
   * without it leaves deadlines to real time, so a clock whose sleeps end at once (common in
   * tests of retry schedules) does not also end every request at once; a clock that wants to
   * drive timeouts (a manual clock in a test of one) implements it.
   */
  deadline?(ms: number, signal?: AbortSignal): Promise<void>
}

/** The real clock: `Date.now()` and `setTimeout`, with the timer cleared on abort so nothing outlives it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortErrorFrom(signal))
        return
      }
      const onAbort = () => {
        clearTimeout(timer)
        reject(abortErrorFrom(signal!))
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms),
      )
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  },
}

/** The error an aborted signal turns into: the reason itself when it is one of ours (e.g. a TimeoutError), else an AbortError wrapping it. */
export function abortErrorFrom(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (isAtelierError(reason)) return reason
  return new AbortError('The operation was aborted', { cause: reason })
}

/** Throws the abort error when `signal` has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFrom(signal)
}

/**
 * A signal that fires when any input fires. Uses `AbortSignal.any` where the runtime has it;
 * the fallback removes its listeners once it fires so long-lived parents do not leak.
 */
export function anySignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined)
  if (present.length <= 1) return present[0]
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(present)
  const controller = new AbortController()
  const cleanups: (() => void)[] = []
  for (const signal of present) {
    if (signal.aborted) {
      controller.abort(signal.reason)
      break
    }
    const onAbort = () => {
      controller.abort(signal.reason)
      for (const cleanup of cleanups) cleanup()
    }
    signal.addEventListener('abort', onAbort, { once: true })
    cleanups.push(() => signal.removeEventListener('abort', onAbort))
  }
  return controller.signal
}

/**
 * Races `promise` against `signal`: rejects at once when the signal aborts, even if the
 * promise never settles (the promise's own rejection is then swallowed, not left unhandled).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(() => {})
    return Promise.reject(abortErrorFrom(signal))
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {})
      reject(abortErrorFrom(signal))
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
