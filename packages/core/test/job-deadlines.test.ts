/**
 * No wait polls forever: each task's jobs have a polling deadline (overridable), and a run of
 * answers whose status the driver does not know ends the wait with an error naming the status.
 */
import { DEFAULT_JOB_DEADLINES_MS, ResponseShapeError, startJob, TimeoutError } from '@atelier/core'
import { createFakeDriver, createManualClock } from '@atelier/testing'
import { describe, expect, it } from 'vitest'

const prompt = { model: 'fake-model', prompt: 'a red panda' }
const MINUTE = 60_000

async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  )
}

describe('polling deadline', () => {
  it('gives every task a default deadline', () => {
    expect(DEFAULT_JOB_DEADLINES_MS['image.generate']).toBe(30 * MINUTE)
    expect(DEFAULT_JOB_DEADLINES_MS['video.generate']).toBe(180 * MINUTE)
    for (const deadline of Object.values(DEFAULT_JOB_DEADLINES_MS)) {
      expect(deadline).toBeGreaterThanOrEqual(10 * MINUTE)
    }
  })

  it('fails a job that never finishes with a TimeoutError once its task deadline has passed, the last poll on the deadline', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running', providerStatus: 'RUNNING' }] })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const outcome = settle(job.wait())
    await clock.runUntil(() => job.snapshot !== undefined && clock.now() >= 30 * MINUTE, 5_000)
    const { error } = await outcome
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).timeoutMs).toBe(30 * MINUTE)
    expect((error as Error).message).toContain(
      `Job ${job.id} (image.generate) was still not finished after 1800000 ms of polling (last status: RUNNING)`,
    )
    const polls = driver.calls.filter((call) => call.method === 'poll')
    expect(clock.now()).toBe(30 * MINUTE)
    // Backoff caps at 30 s between polls: about a minute's worth of polls at the cap, not one more.
    expect(polls.length).toBeGreaterThan(50)
    expect(polls.length).toBeLessThan(80)
  })

  it('still completes a job whose last poll, on the deadline, finds it done', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [{ state: 'running' }, { state: 'running' }, { state: 'completed' }],
    })
    // Polls every 4 s: at 4 s, 8 s, and (instead of 12 s) on the deadline at 10 s.
    const job = await startJob(driver, 'image.generate', prompt, {
      clock,
      polling: { deadlineMs: 10_000, initialIntervalMs: 4_000, backoffFactor: 1, jitter: 0 },
    })
    const outcome = settle(job.wait())
    await clock.runUntil(() => job.snapshot?.state === 'completed' || clock.now() > 10_000)
    expect((await outcome).error).toBeUndefined()
    expect(job.snapshot?.state).toBe('completed')
    expect(clock.now()).toBe(10_000)
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(3)
  })

  it('takes polling.deadlineMs over the default, and false or Infinity for none', async () => {
    for (const deadlineMs of [false, Number.POSITIVE_INFINITY] as const) {
      const clock = createManualClock()
      const driver = createFakeDriver({ script: [{ state: 'running' }] })
      const job = await startJob(driver, 'prompt.enhance', prompt, {
        clock,
        polling: { deadlineMs },
      })
      const outcome = settle(job.wait())
      await clock.advance(12 * 60 * MINUTE)
      expect(job.snapshot?.state).toBe('running')
      await job.cancel()
      expect((await outcome).error).not.toBeInstanceOf(TimeoutError)
    }
  })

  it('ends at the deadline without asking when a Retry-After reaches past it', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [{ state: 'queued', hints: { retryAfterMs: 60_000 } }],
    })
    const job = await startJob(driver, 'image.generate', prompt, {
      clock,
      polling: { deadlineMs: 150_000 },
    })
    const outcome = settle(job.wait())
    await clock.runUntil(() => clock.now() >= 150_000)
    expect((await outcome).error).toBeInstanceOf(TimeoutError)
    // Polls at 0, 60 s and 120 s; the next would be at 180 s, past the deadline: none is made.
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(3)
  })
})

describe('statuses nobody knows', () => {
  it('polls on through a few unknown statuses, then fails naming the status', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [{ state: 'running', providerStatus: 'HALTED', unrecognisedStatus: true }],
    })
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const outcome = settle(job.wait())
    await clock.runUntil(() => driver.calls.filter((call) => call.method === 'poll').length >= 10)
    const { error } = await outcome
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as Error).message).toBe(
      `fake: job ${job.id} answered the status "HALTED" 10 times in a row, a status atelier does not know. The job may have finished: resume it from its ref once the driver knows the status`,
    )
    expect((error as ResponseShapeError).issues).toEqual([
      { path: ['status'], message: 'unknown status "HALTED"', rule: 'unknown_status' },
    ])
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(10)
  })

  it('starts the count again after a status it knows', async () => {
    const clock = createManualClock()
    const unknown = {
      state: 'running',
      providerStatus: 'HALTED',
      unrecognisedStatus: true,
    } as const
    const driver = createFakeDriver({
      script: [
        ...Array.from({ length: 3 }, () => unknown),
        { state: 'running', providerStatus: 'RUNNING' },
        ...Array.from({ length: 3 }, () => unknown),
        { state: 'completed' },
      ],
    })
    const job = await startJob(driver, 'video.generate', prompt, {
      clock,
      polling: { maxUnrecognisedStatuses: 4 },
    })
    const outcome = settle(job.wait())
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    expect((await outcome).error).toBeUndefined()
  })
})
