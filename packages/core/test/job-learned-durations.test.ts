/**
 * The engine learns how long each kind of job takes and polls the next ones where those
 * durations say they finish: a driver whose jobs give no ETA and no progress, on a manual clock.
 */
import {
  createJobDurations,
  type Driver,
  type JobSnapshot,
  type PollingOptions,
  ProviderError,
  resumeJob,
  startJob,
} from '@atelier/core'
import { createManualClock, fakeOutput } from '@atelier/testing'
import { describe, expect, it } from 'vitest'

/** A provider whose jobs finish `durationMs(prompt)` after their submit, saying only "running" until then. */
function hintlessProvider(clock: { now(): number }, durationMs: (prompt: string) => number) {
  const finishAt = new Map<string, number>()
  const pollsAt: number[] = []
  let next = 0
  const driver: Driver = {
    id: 'quiet',
    capabilities: { 'image.generate': { cancel: 'none', resumable: true } },
    tasks: {
      'image.generate': {
        cancel: 'none',
        resumable: true,
        async submit(input) {
          const id = `job-${++next}`
          finishAt.set(id, clock.now() + durationMs(String(input.prompt)))
          return { type: 'pending', id }
        },
        async poll(ref): Promise<JobSnapshot<never>> {
          pollsAt.push(clock.now())
          if (clock.now() < finishAt.get(ref.id)!) return { state: 'running' }
          return { state: 'completed', output: fakeOutput('image.generate') as never }
        },
      },
    },
  }
  return { driver, pollsAt }
}

const polling = (durations: PollingOptions['durations']): Partial<PollingOptions> => ({
  durations,
  random: () => 0.5,
  deadlineMs: false,
})

async function runJob(
  driver: Driver,
  clock: ReturnType<typeof createManualClock>,
  prompt: string,
  options: Partial<PollingOptions>,
  input: Record<string, unknown> = {},
) {
  const job = await startJob(
    driver,
    'image.generate',
    { model: 'm', prompt, ...input },
    {
      clock,
      polling: options,
    },
  )
  const started = clock.now()
  const done = job.wait()
  await clock.runUntil(() => job.snapshot?.state === 'completed', 1_000)
  await done
  return { job, lagMs: clock.now() - started }
}

describe('durations learnt by the engine', () => {
  it('records a completed job at the midpoint of its last two answers, from its submit', async () => {
    const clock = createManualClock()
    const { driver, pollsAt } = hintlessProvider(clock, () => 20_000)
    const durations = createJobDurations()
    await runJob(driver, clock, 'a', polling(durations))
    const [kind] = Object.keys(durations.toJSON())
    expect(kind).toBe('quiet image.generate m')
    const last = pollsAt[pollsAt.length - 1]!
    const before = pollsAt[pollsAt.length - 2]!
    expect(durations.samples(kind!)).toEqual([(last + before) / 2])
  })

  it('finds the next job of the same kind soon after it finishes, with fewer polls than blind backoff', async () => {
    const clock = createManualClock()
    // 30 s jobs, give or take a second: a GPU running the same model with the same settings.
    const lengths = [29_400, 30_600, 30_000, 29_800, 30_300, 29_600, 30_100, 29_900]
    let index = 0
    const { driver, pollsAt } = hintlessProvider(clock, () => lengths[index++ % lengths.length]!)
    const durations = createJobDurations()
    const blind = { lag: 0, polls: 0 }
    const learnt = { lag: 0, polls: 0 }
    for (let round = 0; round < lengths.length; round++) {
      const before = pollsAt.length
      const length = lengths[round]!
      const { lagMs } = await runJob(driver, clock, `job ${round}`, polling(durations))
      const figures = round === 0 ? blind : learnt
      figures.lag += lagMs - length
      figures.polls += pollsAt.length - before
    }
    const rounds = lengths.length - 1
    // Blind backoff (1 s × 1.5ⁿ up to 30 s) finds a 30 s job seconds late.
    expect(blind.lag).toBeGreaterThan(2_000)
    // Learnt: on average under half a second late, with fewer polls than blind backoff's 8.
    expect(learnt.lag / rounds).toBeLessThan(500)
    expect(learnt.polls / rounds).toBeLessThan(blind.polls)
  })

  it('keeps kinds apart: a 4 s job does not teach the schedule of a 60 s one', async () => {
    const clock = createManualClock()
    const { driver } = hintlessProvider(clock, (prompt) => (prompt === 'short' ? 4_000 : 60_000))
    const durations = createJobDurations()
    await runJob(driver, clock, 'short', polling(durations), { size: { width: 512, height: 512 } })
    await runJob(driver, clock, 'long', polling(durations), { size: { width: 2048, height: 2048 } })
    const kinds = durations.toJSON()
    expect(kinds['quiet image.generate m 512x512']![0]).toBeLessThan(6_000)
    expect(kinds['quiet image.generate m 2048x2048']![0]).toBeGreaterThan(59_000)
  })

  it('learns nothing, and schedules as before, with durations: false or for a resumed job', async () => {
    const clock = createManualClock()
    const { driver, pollsAt } = hintlessProvider(clock, () => 10_000)
    const off = await runJob(driver, clock, 'a', polling(false))
    const offPolls = pollsAt.length
    const durations = createJobDurations()
    const first = await startJob(
      driver,
      'image.generate',
      { model: 'm', prompt: 'b' },
      {
        clock,
        polling: polling(durations),
      },
    )
    // Another process picks the job up from its ref: its age is unknown, so nothing is learnt.
    const resumed = resumeJob(driver, first.ref, { clock, polling: polling(durations) })
    const done = resumed.wait()
    await clock.runUntil(() => resumed.snapshot?.state === 'completed', 1_000)
    await done
    expect(off.lagMs).toBeGreaterThan(10_000)
    expect(offPolls).toBeGreaterThan(0)
    expect(durations.toJSON()).toEqual({})
  })

  it('goes back to plain backoff after a failed poll, so a provider in trouble is not polled densely', async () => {
    const clock = createManualClock()
    const durations = createJobDurations({ samples: { 'flaky image.generate m': [1_000, 1_100] } })
    const pollsAt: number[] = []
    let failures = 0
    const driver: Driver = {
      id: 'flaky',
      capabilities: { 'image.generate': { cancel: 'none', resumable: true } },
      tasks: {
        'image.generate': {
          cancel: 'none',
          resumable: true,
          async submit() {
            return { type: 'pending', id: 'one' }
          },
          async poll(): Promise<JobSnapshot<never>> {
            pollsAt.push(clock.now())
            if (failures++ < 3) throw new ProviderError('503', { provider: 'flaky', status: 503 })
            return { state: 'completed', output: fakeOutput('image.generate') as never }
          },
        },
      },
    }
    const job = await startJob(
      driver,
      'image.generate',
      { model: 'm', prompt: 'p' },
      {
        clock,
        polling: { ...polling(durations), initialIntervalMs: 1_000 },
      },
    )
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed', 1_000)
    await done
    const gaps = pollsAt.slice(1).map((at, index) => at - pollsAt[index]!)
    // The first poll is learnt (about 1 s in); after each 503 the waits grow from 1 s.
    expect(pollsAt[0]).toBeLessThan(1_200)
    expect(gaps).toEqual([1_000, 1_500, 2_250])
  })
})
