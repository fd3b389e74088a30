/**
 * `updates({ everyMs })`: progress a UI can draw. The job is polled at least that often while
 * the iterator runs, and the latest snapshot comes again when nothing new arrived in time.
 */
import { type Driver, type JobSnapshot, startJob, ValidationError } from '@atelier/core'
import { createManualClock, fakeOutput } from '@atelier/testing'
import { describe, expect, it } from 'vitest'

/** A 10 s job that reports progress in whole 10 % steps, and once a Retry-After of 4 s. */
function steppedProvider(clock: { now(): number }, options: { retryAfterAt?: number } = {}) {
  const pollsAt: number[] = []
  const driver: Driver = {
    id: 'stepped',
    capabilities: { 'video.generate': { cancel: 'none', resumable: true } },
    // Left alone, the engine would wait 8 s before its first poll.
    polling: { initialIntervalMs: 8_000, maxIntervalMs: 30_000, jitter: 0 },
    tasks: {
      'video.generate': {
        cancel: 'none',
        resumable: true,
        async submit() {
          return { type: 'pending', id: 'v1', snapshot: { state: 'queued' } }
        },
        async poll(): Promise<JobSnapshot<never>> {
          const now = clock.now()
          pollsAt.push(now)
          if (now >= 10_000)
            return { state: 'completed', output: fakeOutput('video.generate') as never }
          const hints =
            options.retryAfterAt !== undefined && pollsAt.length === options.retryAfterAt
              ? { hints: { retryAfterMs: 4_000 } }
              : {}
          return {
            state: 'running',
            progress: { fraction: Math.floor(now / 1_000) / 10 },
            ...hints,
          }
        },
      },
    },
  }
  return { driver, pollsAt }
}

async function collect(
  clock: ReturnType<typeof createManualClock>,
  iterator: AsyncGenerator<JobSnapshot<unknown>>,
): Promise<{ at: number; state: string; fraction?: number }[]> {
  const seen: { at: number; state: string; fraction?: number }[] = []
  const reading = (async () => {
    for await (const snapshot of iterator) {
      seen.push({
        at: clock.now(),
        state: snapshot.state,
        ...(snapshot.state === 'running' && snapshot.progress?.fraction !== undefined
          ? { fraction: snapshot.progress.fraction }
          : {}),
      })
    }
  })()
  await clock.runUntil(() => seen.at(-1)?.state === 'completed', 2_000)
  await reading
  return seen
}

describe('updates({ everyMs })', () => {
  it('polls at least every everyMs while the iterator runs, so progress arrives on time', async () => {
    const clock = createManualClock()
    const { driver, pollsAt } = steppedProvider(clock)
    const job = await startJob(driver, 'video.generate', { model: 'm', prompt: 'p' }, { clock })
    const seen = await collect(clock, job.updates({ everyMs: 1_000 }))
    expect(pollsAt).toEqual([1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000])
    expect(
      seen.filter((update) => update.state === 'running').map((update) => update.fraction),
    ).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    expect(seen.at(-1)).toEqual({ at: 10_000, state: 'completed' })
  })

  it('yields the latest snapshot again when nothing new came within everyMs', async () => {
    const clock = createManualClock()
    const { driver } = steppedProvider(clock, { retryAfterAt: 2 })
    const job = await startJob(driver, 'video.generate', { model: 'm', prompt: 'p' }, { clock })
    const seen = await collect(clock, job.updates({ everyMs: 1_000 }))
    // The second poll (at 2 s) asks for 4 s of quiet: the bar still hears every second, with
    // the same 20 %, and the next poll waits for the server's word (6 s).
    const between = seen.filter((update) => update.at > 2_000 && update.at < 6_000)
    expect(between.map((update) => [update.at, update.fraction])).toEqual([
      [3_000, 0.2],
      [4_000, 0.2],
      [5_000, 0.2],
    ])
  })

  it('leaves the schedule alone for other watchers once the iterator is done', async () => {
    const clock = createManualClock()
    const { driver, pollsAt } = steppedProvider(clock)
    const job = await startJob(driver, 'video.generate', { model: 'm', prompt: 'p' }, { clock })
    const waiting = job.wait()
    const iterator = job.updates({ everyMs: 500 })
    await iterator.next()
    await clock.advance(1_500)
    await iterator.return(undefined)
    const before = pollsAt.length
    await clock.runUntil(() => job.snapshot?.state === 'completed', 1_000)
    await waiting
    // Three polls at 0.5 s steps, then the engine's own schedule from the progress rate: the
    // 8.5 s left take a handful of polls, not the 17 that 0.5 s steps would.
    expect(before).toBe(3)
    expect(pollsAt.length - before).toBeLessThan(8)
  })

  it('refuses an everyMs that is not a positive number, naming it', async () => {
    const clock = createManualClock()
    const { driver } = steppedProvider(clock)
    const job = await startJob(driver, 'video.generate', { model: 'm', prompt: 'p' }, { clock })
    for (const everyMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await job
        .updates({ everyMs })
        .next()
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('everyMs')
    }
  })
})
