/**
 * A shared request budget: at most `requestsPerSecond` requests in any window of one second
 * plus `headroomMs`, with bursts of up to `burst`, across every job that uses it.
 *
 * The headroom is for the server's count. The server counts arrivals, and a request does not
 * arrive when it is granted: a busy event loop (the client's before it writes, the server's
 * before it reads) delays it by a varying amount. Requests granted within `1000 + headroomMs`
 * ms arrive within one second of each other only if some of them were delayed by up to
 * `headroomMs` more than others, so while that variation stays under the headroom, no second
 * at the server holds more than the rate. The cost is the mean rate: at most
 * `requestsPerSecond * 1000 / (1000 + headroomMs)` (1000/1100 of it with 100 ms).
 *
 * Waiters queue in arrival order and one pump hands out turns from a token bucket evaluated
 * when each turn is granted, not when it was asked for. So 10,000 waiting jobs hold one timer
 * between them (not one each), are served fairly without a thundering herd, and when the
 * event loop stalls the pump wakes late and grants only the turns that accrued (at most
 * `burst`), instead of a backlog of timers all firing together. A timer that fires a little
 * late keeps the fraction of a turn it overslept, so lateness does not lower the rate, and a
 * log of the last grants makes sure no one-second window ever holds more than the rate. An
 * abort frees the waiter at once and gives its turn to the next one.
 *
 * The queue is a linked list of waiters: a granted or aborted waiter is unlinked at once, so
 * the budget never holds on to a job (or its signal) that is no longer waiting. Each waiter is
 * its own abort listener (`handleEvent`), so waiting costs one small object and a promise.
 */
import { abortErrorFrom, type Clock, systemClock } from './clock'

export interface RequestBudgetOptions {
  requestsPerSecond: number
  /**
   * Milliseconds added to the one-second window (see above): how much later than the others a
   * request may arrive at the server while its count stays within the rate. Default 0 (the
   * client's own count only); `createAtelier` uses 100.
   */
  headroomMs?: number
  /** Requests that may go out back to back before pacing starts. Default 1. */
  burst?: number
  clock?: Clock
}

export interface RequestBudget {
  /** Resolves when a request may go out; rejects with AbortError if `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>
}

/**
 * `budget`, with one turn already taken: the first `acquire` resolves at once, the next ones
 * wait their turn. The engine takes a turn before it asks a driver for a poll (so drivers that
 * do not go through `HttpClient` are paced too) and hands the driver this, so the poll's first
 * request does not pay twice while its retries, and any further request it makes, still do.
 */
export function withTurnTaken(budget: RequestBudget): RequestBudget {
  let taken = true
  return {
    acquire(signal) {
      if (taken) {
        taken = false
        return Promise.resolve()
      }
      return budget.acquire(signal)
    },
  }
}

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  if (!(options.requestsPerSecond > 0)) {
    throw new RangeError(`requestsPerSecond must be positive (got ${options.requestsPerSecond})`)
  }
  const headroomMs = options.headroomMs ?? 0
  if (!(headroomMs >= 0 && Number.isFinite(headroomMs))) {
    throw new RangeError(`headroomMs must be zero or more (got ${options.headroomMs})`)
  }
  return new PacedBudget(options)
}

/** One acquire waiting for its turn: a node of the queue, and the listener of its signal's abort. */
class Waiter {
  previous: Waiter | undefined = undefined
  next: Waiter | undefined = undefined
  readonly #budget: PacedBudget
  readonly #signal: AbortSignal | undefined
  readonly #resolve: () => void
  readonly #reject: (error: Error) => void

  constructor(
    budget: PacedBudget,
    signal: AbortSignal | undefined,
    resolve: () => void,
    reject: (error: Error) => void,
  ) {
    this.#budget = budget
    this.#signal = signal
    this.#resolve = resolve
    this.#reject = reject
  }

  grant(): void {
    this.#signal?.removeEventListener('abort', this)
    this.#resolve()
  }

  /** The signal aborted while waiting: leave the queue and reject. */
  handleEvent(): void {
    this.#budget.leave(this)
    this.#reject(abortErrorFrom(this.#signal!))
  }
}

class PacedBudget implements RequestBudget {
  readonly #clock: Clock
  /** The window no more than the rate's worth of grants may fall in: one second plus the headroom. */
  readonly #windowMs: number
  /** Milliseconds per turn: the window shared by the rate, so the bucket never outruns the log. */
  readonly #interval: number
  /** Up to one turn's fraction above the burst is kept (see above); whole turns never exceed the burst. */
  readonly #ceiling: number
  #tokens: number
  #refilledAt: number
  /** When each of the last `requestsPerSecond` grants went out (a ring): the window check. */
  readonly #grants: number[]
  #oldest = 0
  /** The FIFO: `#first` is served next. */
  #first: Waiter | undefined = undefined
  #last: Waiter | undefined = undefined
  /** Set while the pump sleeps; aborted when every waiter has gone, so no timer outlives them. */
  #pumpSleep: AbortController | undefined

  constructor(options: RequestBudgetOptions) {
    this.#clock = options.clock ?? systemClock
    this.#windowMs = 1000 + (options.headroomMs ?? 0)
    this.#interval = this.#windowMs / options.requestsPerSecond
    const capacity = Math.max(1, options.burst ?? 1)
    this.#ceiling = capacity + 0.999
    this.#tokens = capacity
    this.#refilledAt = this.#clock.now()
    const perSecond = Math.max(1, Math.floor(options.requestsPerSecond))
    this.#grants = new Array(perSecond).fill(Number.NEGATIVE_INFINITY)
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (!this.#first) {
      this.#refill()
      if (this.#waitForTurn() === 0) {
        this.#take()
        return Promise.resolve()
      }
    }
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal))
    return new Promise<void>((resolve, reject) => {
      const waiter = new Waiter(this, signal, resolve, reject)
      signal?.addEventListener('abort', waiter, { once: true })
      waiter.previous = this.#last
      if (this.#last) this.#last.next = waiter
      else this.#first = waiter
      this.#last = waiter
      void this.#pump()
    })
  }

  /** Unlinks a waiter that gave up; the pump stops sleeping when nobody is left. */
  leave(waiter: Waiter): void {
    if (waiter.previous) waiter.previous.next = waiter.next
    else this.#first = waiter.next
    if (waiter.next) waiter.next.previous = waiter.previous
    else this.#last = waiter.previous
    waiter.previous = waiter.next = undefined
    if (!this.#first) this.#pumpSleep?.abort()
  }

  #refill(): void {
    const now = this.#clock.now()
    this.#tokens = Math.min(this.#ceiling, this.#tokens + (now - this.#refilledAt) / this.#interval)
    this.#refilledAt = now
  }

  /** Milliseconds until a turn may go out: a whole token and room in the window. */
  #waitForTurn(): number {
    return Math.max(
      (1 - this.#tokens) * this.#interval,
      this.#grants[this.#oldest]! + this.#windowMs - this.#clock.now(),
      0,
    )
  }

  #take(): void {
    this.#tokens -= 1
    this.#grants[this.#oldest] = this.#clock.now()
    this.#oldest = (this.#oldest + 1) % this.#grants.length
  }

  async #pump(): Promise<void> {
    if (this.#pumpSleep) return
    while (this.#first) {
      this.#refill()
      while (this.#first && this.#waitForTurn() === 0) {
        const waiter = this.#first
        this.leave(waiter)
        this.#take()
        waiter.grant()
      }
      if (!this.#first) break
      this.#pumpSleep = new AbortController()
      try {
        await this.#clock.sleep(Math.max(1, Math.ceil(this.#waitForTurn())), this.#pumpSleep.signal)
      } catch {
        // Every waiter left while the pump slept.
      } finally {
        this.#pumpSleep = undefined
      }
    }
  }
}
