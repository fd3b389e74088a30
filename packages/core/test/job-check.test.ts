/**
 * `job.check()`: one look at a job through the engine, for callers that keep no loop of their
 * own (a queue's worker, the AI SDK's `doStatus`). Each call sends one status request, reports
 * it like any poll, and says when the engine would look again.
 */
import { type Driver, type JobSnapshot, resumeJob, startJob } from '@atelier/core'
import { createManualClock, fakeOutput } from '@atelier/testing'
import { describe, expect, it } from 'vitest'

function countingProvider(answers: JobSnapshot<never>[]) {
  let polls = 0
  const driver: Driver = {
    id: 'counting',
    capabilities: { 'video.generate': { cancel: 'none', resumable: true } },
    polling: { initialIntervalMs: 2_000, maxIntervalMs: 30_000, jitter: 0 },
    tasks: {
      'video.generate': {
        cancel: 'none',
        resumable: true,
        async submit() {
          return { type: 'pending', id: 'v1', snapshot: { state: 'queued' } }
        },
        async poll() {
          return answers[Math.min(polls++, answers.length - 1)]!
        },
      },
    },
  }
  return { driver, polls: () => polls }
}

describe('job.check()', () => {
  it('sends one status request per call and says when to look again', async () => {
    const clock = createManualClock()
    const done = { state: 'completed', output: fakeOutput('video.generate') } as JobSnapshot<never>
    const { driver, polls } = countingProvider([
      { state: 'running', progress: { fraction: 0.25 }, hints: { retryAfterMs: 7_000 } },
      { state: 'running', progress: { fraction: 0.5 } },
      done,
    ])
    const job = await startJob(driver, 'video.generate', { model: 'm', prompt: 'waves' }, { clock })
    const first = await job.check()
    expect(polls()).toBe(1)
    expect(first.snapshot).toMatchObject({ state: 'running', progress: { fraction: 0.25 } })
    // The server's Retry-After is the engine's next poll, as in the loop.
    expect(first.nextCheckInMs).toBe(7_000)
    const second = await job.check()
    expect(polls()).toBe(2)
    expect(second.snapshot.state).toBe('running')
    expect(second.nextCheckInMs).toBeGreaterThan(0)
    const third = await job.check()
    expect(third).toMatchObject({ snapshot: { state: 'completed' }, nextCheckInMs: undefined })
    expect(job.snapshot?.state).toBe('completed')
    // Over: answered from what is known, no request.
    await job.check()
    expect(polls()).toBe(3)
  })

  it('works on a job resumed from its ref in another process', async () => {
    const clock = createManualClock()
    const { driver, polls } = countingProvider([{ state: 'queued', position: 3 }])
    const ref = JSON.parse(
      JSON.stringify(
        await startJob(driver, 'video.generate', { model: 'm', prompt: 'waves' }, { clock }),
      ),
    )
    const resumed = resumeJob(driver, ref, { clock })
    const { snapshot, nextCheckInMs } = await resumed.check()
    expect(snapshot).toMatchObject({ state: 'queued', position: 3 })
    expect(nextCheckInMs).toBe(2_000)
    expect(polls()).toBe(1)
  })
})
