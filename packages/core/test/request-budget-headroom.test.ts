/**
 * The request budget's headroom: grants are counted over one second plus `headroomMs`, so the
 * server, which counts arrivals, sees at most the rate in any second while requests arrive up
 * to `headroomMs` later than others. All on a manual clock.
 */
import { createRequestBudget } from '@atelier/core'
import { createManualClock } from '@atelier/testing'
import { describe, expect, it } from 'vitest'

/** The most timestamps in any window [t, t + windowMs). `times` sorted ascending. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let most = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

/** When each of `count` waiters, all queued at once, is granted its turn. */
async function grantTimes(
  count: number,
  options: { requestsPerSecond: number; burst?: number; headroomMs?: number },
): Promise<number[]> {
  const clock = createManualClock()
  const budget = createRequestBudget({ ...options, clock })
  const grantedAt: number[] = []
  const all = Array.from({ length: count }, () =>
    budget.acquire().then(() => grantedAt.push(clock.now())),
  )
  await clock.runUntil(() => grantedAt.length === count, count * 4)
  await Promise.all(all)
  return grantedAt
}

/**
 * Arrival times at a server for requests granted at `grantedAt`, each delayed by a different
 * amount below `maxDelayMs` (a fixed pseudo-random sequence, the same on every run): the
 * varying lateness that busy event loops add on the way.
 */
function arrivals(grantedAt: readonly number[], maxDelayMs: number): number[] {
  let seed = 12_345
  return grantedAt
    .map((at) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return at + (seed / 2 ** 31) * maxDelayMs
    })
    .sort((a, b) => a - b)
}

describe('createRequestBudget headroom', () => {
  it('rejects a headroom that is negative or not a number', () => {
    for (const headroomMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createRequestBudget({ requestsPerSecond: 10, headroomMs })).toThrow(/headroomMs/)
    }
  })

  it('paces turns over one second plus the headroom', async () => {
    // 10 per 1.1 s: one turn every 110 ms.
    const grantedAt = await grantTimes(12, { requestsPerSecond: 10, headroomMs: 100 })
    expect(grantedAt).toEqual(Array.from({ length: 12 }, (_, index) => index * 110))
  })

  it('never grants more than the rate within one second plus the headroom, bursts included', async () => {
    const rate = 200
    const grantedAt = await grantTimes(1_000, {
      requestsPerSecond: rate,
      burst: rate / 20,
      headroomMs: 100,
    })
    expect(maxInWindow(grantedAt, 1_100)).toBeLessThanOrEqual(rate)
  })

  it('keeps the server-side count within the rate while arrivals vary by less than the headroom', async () => {
    const rate = 200
    const options = { requestsPerSecond: rate, burst: rate / 20 }
    const withHeadroom = await grantTimes(1_000, { ...options, headroomMs: 100 })
    expect(maxInWindow(arrivals(withHeadroom, 100), 1_000)).toBeLessThanOrEqual(rate)
    // Without headroom the same lateness puts more than the rate in some second at the server.
    const without = await grantTimes(1_000, options)
    expect(maxInWindow(arrivals(without, 100), 1_000)).toBeGreaterThan(rate)
  })

  it('costs at most the share of the window the headroom takes from the mean rate', async () => {
    const rate = 200
    const grantedAt = await grantTimes(2_000, {
      requestsPerSecond: rate,
      burst: rate / 20,
      headroomMs: 100,
    })
    const meanPerSecond = ((grantedAt.length - 1) / (grantedAt.at(-1)! - grantedAt[0]!)) * 1_000
    const ceiling = (rate * 1_000) / 1_100
    // The first burst goes out at once, so the mean over a finite run sits a little above the
    // long-run ceiling; it must not approach the rate itself.
    expect(meanPerSecond).toBeGreaterThan(ceiling * 0.97)
    expect(meanPerSecond).toBeLessThan(ceiling * 1.03)
  })
})
