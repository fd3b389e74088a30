/**
 * A clock you move by hand. Sleeps resolve only when `advance()` passes their time, so a
 * test can assert the exact polling schedule (`clock.sleeps`) without waiting for real time.
 */
import type { Clock } from '@atelier/core'
import { abortErrorFrom } from '@atelier/core/driver'

interface Sleeper {
  wakeAt: number
  resolve(): void
}

export interface ManualClock extends Clock {
  /** Every sleep requested so far, in ms, in order (aborted ones included). */
  readonly sleeps: number[]
  /** Sleeps not yet woken. */
  readonly pending: number
  /** Moves time forward, waking due sleepers in order and letting their follow-up work run. */
  advance(ms: number): Promise<void>
  /** Advances straight to the next pending wake-up; false if none. */
  next(): Promise<boolean>
  /** Advances until `predicate()` holds or `maxSteps` wake-ups have run. */
  runUntil(predicate: () => boolean, maxSteps?: number): Promise<void>
}

/** Lets pending promise callbacks (a fetch answered by msw, a resolved poll) run. */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  const tick =
    typeof setImmediate === 'function'
      ? setImmediate
      : (callback: () => void) => setTimeout(callback, 0)
  for (let round = 0; round < rounds; round++) await new Promise<void>((resolve) => tick(resolve))
}

export function createManualClock(start = 0): ManualClock {
  let now = start
  const sleepers: Sleeper[] = []
  const sleeps: number[] = []
  const clock: ManualClock = {
    sleeps,
    get pending() {
      return sleepers.length
    },
    now: () => now,
    sleep(ms, signal) {
      sleeps.push(ms)
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(abortErrorFrom(signal))
          return
        }
        const sleeper: Sleeper = {
          wakeAt: now + Math.max(0, ms),
          resolve: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          const index = sleepers.indexOf(sleeper)
          if (index >= 0) sleepers.splice(index, 1)
          reject(abortErrorFrom(signal!))
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        sleepers.push(sleeper)
      })
    },
    async advance(ms) {
      const target = now + ms
      await flushMicrotasks()
      for (;;) {
        sleepers.sort((a, b) => a.wakeAt - b.wakeAt)
        const due = sleepers[0]
        if (!due || due.wakeAt > target) break
        sleepers.shift()
        now = Math.max(now, due.wakeAt)
        due.resolve()
        await flushMicrotasks()
      }
      now = target
      await flushMicrotasks()
    },
    async next() {
      await flushMicrotasks()
      sleepers.sort((a, b) => a.wakeAt - b.wakeAt)
      const due = sleepers[0]
      if (!due) return false
      await clock.advance(due.wakeAt - now)
      return true
    },
    async runUntil(predicate, maxSteps = 1_000) {
      for (let step = 0; step < maxSteps && !predicate(); step++) {
        if (!(await clock.next())) await flushMicrotasks()
      }
    },
  }
  return clock
}
