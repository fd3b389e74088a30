/**
 * Polls scheduled from how long jobs of the same kind took: the first lands where the fastest
 * sixteenth had finished, the next ones step through the rest, and past the longest the steps
 * grow from the last gap instead of jumping to the longest interval.
 */
import { createJobDurations, type JobSnapshot, jobDurationKey } from '@atelier/core'
import {
  type JobTiming,
  newPollHistory,
  pollIntervalFor,
  resolvePollingOptions,
} from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'

const options = resolvePollingOptions({
  random: () => 0.5,
  minIntervalMs: 200,
  maxIntervalMs: 30_000,
  etaMarginMs: 50,
  learnedSteps: 4,
})
const running: JobSnapshot = { state: 'running' }
/** 9 samples from 10 s to 14 s: quantile p is 10 s + p × 4 s. */
const samples = [10_000, 10_500, 11_000, 11_500, 12_000, 12_500, 13_000, 13_500, 14_000]
const at = (elapsedMs: number, typicalMs: readonly number[] = samples): JobTiming => ({
  elapsedMs,
  typicalMs,
})

describe('learnt durations in the schedule', () => {
  it('lands the first poll where the fastest 1/learnedSteps of earlier jobs had finished', () => {
    const next = pollIntervalFor(running, newPollHistory(), options, at(0))
    expect(next).toEqual({ delayMs: 11_000 + 50, reason: 'learned' })
  })

  it('steps 1/learnedSteps through the durations from where the job is', () => {
    const history = newPollHistory()
    // At 11.05 s the job sits just past the 25 % quantile: the next step is the 50 % one, 12.05 s.
    expect(pollIntervalFor(running, history, options, at(11_050)).delayMs).toBe(
      12_050 - 11_050 + 50,
    )
    expect(pollIntervalFor(running, history, options, at(13_050)).delayMs).toBe(
      14_000 - 13_050 + 50,
    )
  })

  it('past the longest duration, starts from the last step and grows by backoffFactor, not to maxIntervalMs at once', () => {
    const history = newPollHistory()
    const delays = [14_100, 15_100, 17_000, 20_000].map(
      (elapsed) => pollIntervalFor(running, history, options, at(elapsed)).delayMs,
    )
    // The last quarter spans 1 s (13 s → 14 s); then ×1.5 each poll.
    expect(delays).toEqual([1_000, 1_500, 2_250, 3_375])
    expect(Math.max(...delays)).toBeLessThan(options.maxIntervalMs)
  })

  it('uses the submit estimate alone as one duration: a poll just after it, then short growing steps', () => {
    const history = newPollHistory()
    expect(pollIntervalFor(running, history, options, at(0, [8_000])).delayMs).toBe(8_050)
    // Past it: 2 % of the age (at least minIntervalMs), growing by 1.5 each poll.
    expect(pollIntervalFor(running, history, options, at(8_000, [8_000])).delayMs).toBe(200)
    expect(pollIntervalFor(running, history, options, at(20_000, [8_000])).delayMs).toBe(600)
  })

  it("never steps more than a quarter of the job's age past the longest duration", () => {
    const history = newPollHistory()
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map(
      (poll) => pollIntervalFor(running, history, options, at(14_000 + poll * 4_000)).delayMs,
    )
    // 1 s × 1.5ⁿ until a quarter of the age is shorter: then a quarter of the age.
    expect(delays).toEqual([1_000, 1_500, 2_250, 3_375, 5_062.5, 7_593.75, 10_500, 11_500])
  })

  it('keeps hints first: a Retry-After, an ETA and a progress rate win over learnt durations', () => {
    const withEta: JobSnapshot = { state: 'running', progress: { etaMs: 3_000 } }
    expect(pollIntervalFor(withEta, newPollHistory(), options, at(0)).reason).toBe('eta')
    const retry: JobSnapshot = { state: 'running', hints: { retryAfterMs: 5_000 } }
    expect(pollIntervalFor(retry, newPollHistory(), options, at(0)).reason).toBe('retry-after')
  })

  it('backs off as before when nothing is known of the job', () => {
    expect(pollIntervalFor(running, newPollHistory(), options, at(0, [])).reason).toBe('backoff')
    expect(pollIntervalFor(running, newPollHistory(), options).reason).toBe('backoff')
  })

  it('clamps learnt delays to [minIntervalMs, maxIntervalMs]', () => {
    const history = newPollHistory()
    expect(pollIntervalFor(running, history, options, at(0, [60_000, 120_000])).delayMs).toBe(
      30_000,
    )
    expect(pollIntervalFor(running, history, options, at(0, [10, 20])).delayMs).toBe(200)
  })

  it('steps no finer than one sample: two durations give two steps, whatever learnedSteps says', () => {
    const fine = resolvePollingOptions({ random: () => 0.5, etaMarginMs: 0, learnedSteps: 16 })
    const history = newPollHistory()
    expect(pollIntervalFor(running, history, fine, at(0, [10_000, 12_000])).delayMs).toBe(11_000)
    expect(pollIntervalFor(running, history, fine, at(11_000, [10_000, 12_000])).delayMs).toBe(
      1_000,
    )
  })

  it('refuses learnedSteps below 1', () => {
    expect(() => resolvePollingOptions({ learnedSteps: 0 })).toThrow(/learnedSteps/)
  })
})

describe('createJobDurations', () => {
  it('keeps the most recent samplesPerKind durations of each kind, sorted when read', () => {
    const durations = createJobDurations({ samplesPerKind: 3 })
    for (const ms of [500, 100, 300, 200]) durations.record('kind', ms)
    expect(durations.samples('kind')).toEqual([100, 200, 300])
    expect(durations.toJSON()).toEqual({ kind: [100, 300, 200] })
    expect(durations.samples('other')).toEqual([])
  })

  it('forgets the least recently recorded kind beyond maxKinds', () => {
    const durations = createJobDurations({ maxKinds: 2 })
    durations.record('a', 1)
    durations.record('b', 2)
    durations.record('a', 3)
    durations.record('c', 4)
    expect(Object.keys(durations.toJSON()).sort()).toEqual(['a', 'c'])
  })

  it('starts from what an earlier store learnt, skipping what is not a duration', () => {
    const earlier = createJobDurations()
    earlier.record('local video.generate hunyuan-video 5', 42_000)
    const seeded = createJobDurations({
      samples: { ...earlier.toJSON(), broken: [Number.NaN, -1, 7] } as Record<string, number[]>,
    })
    expect(seeded.samples('local video.generate hunyuan-video 5')).toEqual([42_000])
    expect(seeded.samples('broken')).toEqual([7])
  })

  it('keeps a kind named __proto__ as an own key of its JSON', () => {
    const durations = createJobDurations()
    durations.record('__proto__', 1)
    const json = durations.toJSON()
    expect(Object.hasOwn(json, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype)
  })

  it('refuses sizes that are not positive integers', () => {
    expect(() => createJobDurations({ samplesPerKind: 0 })).toThrow(/samplesPerKind/)
    expect(() => createJobDurations({ maxKinds: 1.5 })).toThrow(/maxKinds/)
  })
})

describe('jobDurationKey', () => {
  it('tells jobs apart by provider, task, model and what sets their size, nothing else', () => {
    const key = (input: unknown) => jobDurationKey('local', 'video.generate', input)
    const base = { model: 'hunyuan-video', prompt: 'a', durationSeconds: 5 }
    expect(key(base)).toBe('local video.generate hunyuan-video 5')
    expect(key({ ...base, prompt: 'something else', seed: 3 })).toBe(key(base))
    expect(key({ ...base, durationSeconds: 10 })).not.toBe(key(base))
    expect(
      jobDurationKey('local', 'image.generate', {
        model: 'z',
        size: { width: 1024, height: 768 },
        n: 2,
      }),
    ).toBe('local image.generate z 1024x768,2')
    expect(jobDurationKey('x', 'image.generate', undefined)).toBe('x image.generate')
  })
})
