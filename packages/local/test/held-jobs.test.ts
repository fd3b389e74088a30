/**
 * GPU slots held by video and music jobs: freed when something looks at the job and sees it
 * over — a poll, a cancel's check, work joining the line, a waiting job's progress reading —
 * and never on a timer of their own.
 */
import { describe, expect, it } from 'vitest'
import { GpuQueue } from '../src/driver/gpu-queue'
import { HeldJobs, type JobKind } from '../src/driver/held-jobs'

/** A sidecar whose jobs end when the test says; counts the status requests. */
function sidecar() {
  const over = new Set<string>()
  const asked: string[] = []
  let unreachable = false
  const held = new HeldJobs({
    isOver: async (kind: JobKind, id: string) => {
      asked.push(`${kind}:${id}`)
      if (unreachable) throw new Error('connection refused')
      return over.has(id)
    },
  })
  return {
    held,
    asked,
    end: (id: string) => over.add(id),
    setUnreachable: (value: boolean) => {
      unreachable = value
    },
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('HeldJobs', () => {
  it('frees a slot when a poll sees the job over, and keeps it while the job runs', async () => {
    const { held, asked } = sidecar()
    const queue = new GpuQueue()
    held.hold('video', 'v1', await queue.acquire('hunyuan-video'), 0)
    held.seen('video', 'v1', false, 10)
    expect(queue.active).toBe(1)
    held.seen('video', 'v1', true, 20)
    await tick()
    expect(queue.active).toBe(0)
    expect(held.holds('video', 'v1')).toBe(false)
    // The poll's own answer was enough: no request of its own.
    expect(asked).toEqual([])
  })

  it('does nothing by itself: a finished job keeps its slot until someone looks', async () => {
    const { held, asked, end } = sidecar()
    const queue = new GpuQueue()
    held.hold('music', 'm1', await queue.acquire('ace-step'), 0)
    end('m1')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(queue.active).toBe(1)
    expect(asked).toEqual([])
    await held.checkAll(100)
    expect(queue.active).toBe(0)
    expect(asked).toEqual(['music:m1'])
  })

  it('looks at each held job once however many ask at the same moment', async () => {
    const { held, asked, end } = sidecar()
    const queue = new GpuQueue({ concurrency: 2 })
    held.hold('video', 'v1', await queue.acquire('hunyuan-video'), 0)
    held.hold('music', 'm1', await queue.acquire('ace-step'), 0)
    end('v1')
    await Promise.all([held.checkAll(5), held.checkAll(5), held.check('video', 'v1', 5)])
    expect(asked.sort()).toEqual(['music:m1', 'video:v1'])
    expect(held.holds('video', 'v1')).toBe(false)
    expect(held.holds('music', 'm1')).toBe(true)
    expect(queue.active).toBe(1)
  })

  it('re-checks only the jobs nobody looked at for a while', async () => {
    const { held, asked } = sidecar()
    const queue = new GpuQueue({ concurrency: 2 })
    held.hold('video', 'old', await queue.acquire('hunyuan-video'), 0)
    held.hold('video', 'fresh', await queue.acquire('hunyuan-video'), 0)
    held.seen('video', 'fresh', false, 900)
    await held.checkStale(1_000, 1_000)
    expect(asked).toEqual(['video:old'])
    await held.checkStale(1_500, 1_000)
    expect(asked).toEqual(['video:old'])
    await held.checkStale(2_000, 1_000)
    expect(asked.sort()).toEqual(['video:fresh', 'video:old', 'video:old'])
  })

  it('runs a canceled job cleanup before freeing its slot, and frees it even if cleanup fails', async () => {
    const { held, end } = sidecar()
    const queue = new GpuQueue()
    const order: string[] = []
    held.hold('video', 'v1', await queue.acquire('hunyuan-video'), 0)
    held.abandon('video', 'v1', async () => {
      order.push('cleanup')
      throw new Error('disk full')
    })
    const next = queue.acquire('z-image').then((lease) => {
      order.push('next')
      return lease
    })
    await held.check('video', 'v1', 1)
    expect(order).toEqual([])
    end('v1')
    await held.check('video', 'v1', 2)
    ;(await next).release()
    expect(order).toEqual(['cleanup', 'next'])
  })

  it('keeps the slot when the sidecar cannot be reached, and frees it at a later look', async () => {
    const { held, end, setUnreachable } = sidecar()
    const queue = new GpuQueue()
    held.hold('music', 'm1', await queue.acquire('ace-step'), 0)
    end('m1')
    setUnreachable(true)
    await held.checkAll(1)
    expect(queue.active).toBe(1)
    setUnreachable(false)
    await held.checkAll(2)
    expect(queue.active).toBe(0)
  })
})
