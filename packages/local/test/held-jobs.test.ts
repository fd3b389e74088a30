/**
 * GPU slots held by video and music jobs: freed when something looks at the job and sees it
 * over — a poll, a cancel's check, or the engine watching it for work that waits for the slot —
 * and never on a timer of their own. Time here is a manual clock: nothing moves unless the
 * engine sleeps on it.
 */
import { type JobRef, resumeJob } from '@atelier/core'
import { defineDriver } from '@atelier/core/driver'
import { createManualClock, flushMicrotasks } from '@atelier/testing'
import { describe, expect, it } from 'vitest'
import { GpuQueue } from '../src/driver/gpu-queue'
import { HeldJobs, type JobKind } from '../src/driver/held-jobs'

const WATCHING = { minIntervalMs: 100, initialIntervalMs: 1_000, maxIntervalMs: 1_000 }

/** A sidecar whose jobs end when the test says, a driver polling it, and the held slots. */
function setup() {
  const clock = createManualClock()
  const over = new Set<string>()
  const asked: string[] = []
  let unreachable = false
  const status = async (kind: JobKind, id: string) => {
    asked.push(`${kind}:${id}`)
    if (unreachable) throw new Error('connection refused')
    return over.has(id)
  }
  // What the real handlers do: one status request, and the slot freed once the job is over.
  const poll = (kind: JobKind) => async (ref: JobRef) => {
    const done = await status(kind, ref.id)
    held.seen(kind, ref.id, done)
    return done
      ? { state: 'completed' as const, output: { videos: [], tracks: [], warnings: [] } }
      : { state: 'running' as const }
  }
  const driver = defineDriver({
    id: 'local',
    tasks: {
      'video.generate': {
        cancel: 'local',
        resumable: true,
        submit: () => Promise.reject(new Error('not in this test')),
        poll: poll('video'),
      },
      'music.generate': {
        cancel: 'local',
        resumable: true,
        submit: () => Promise.reject(new Error('not in this test')),
        poll: poll('music'),
      },
    },
  })
  const held: HeldJobs = new HeldJobs({
    isOver: status,
    resume: (ref, jobClock) => resumeJob(driver, ref, { clock: jobClock, polling: WATCHING }),
  })
  const ref = (kind: JobKind, id: string): JobRef => ({
    provider: 'local',
    task: kind === 'video' ? 'video.generate' : 'music.generate',
    id,
  })
  return {
    clock,
    held,
    asked,
    ref,
    end: (id: string) => over.add(id),
    setUnreachable: (value: boolean) => {
      unreachable = value
    },
  }
}

describe('HeldJobs', () => {
  it('frees a slot when a poll sees the job over, and keeps it while the job runs', async () => {
    const { held, asked, ref } = setup()
    const queue = new GpuQueue()
    held.hold('video', ref('video', 'v1'), await queue.acquire('hunyuan-video'))
    held.seen('video', 'v1', false)
    expect(queue.active).toBe(1)
    held.seen('video', 'v1', true)
    await flushMicrotasks()
    expect(queue.active).toBe(0)
    expect(held.holds('video', 'v1')).toBe(false)
    // The poll's own answer was enough: no request of its own.
    expect(asked).toEqual([])
  })

  it('does nothing by itself: a finished job keeps its slot until someone looks', async () => {
    const { held, asked, ref, end, clock } = setup()
    const queue = new GpuQueue()
    held.hold('music', ref('music', 'm1'), await queue.acquire('ace-step'))
    end('m1')
    await flushMicrotasks()
    expect(clock.pending).toBe(0)
    expect(queue.active).toBe(1)
    expect(asked).toEqual([])
    await held.check('music', 'm1')
    expect(queue.active).toBe(0)
    expect(asked).toEqual(['music:m1'])
  })

  it('watches the held jobs while work waits: at once, then on the engine schedule, until the slot frees', async () => {
    const { held, asked, ref, end, clock } = setup()
    const queue = new GpuQueue()
    held.hold('video', ref('video', 'v1'), await queue.acquire('hunyuan-video'))
    const waiting = new AbortController()
    const next = queue.acquire('z-image-turbo')
    held.watch(waiting.signal, clock)
    await flushMicrotasks()
    expect(asked).toEqual(['video:v1'])
    await clock.advance(1_000)
    await flushMicrotasks()
    expect(asked).toEqual(['video:v1', 'video:v1'])
    end('v1')
    await clock.advance(1_000)
    const lease = await next
    waiting.abort()
    expect(asked).toHaveLength(3)
    expect(held.holds('video', 'v1')).toBe(false)
    lease.release()
    // Over: nobody polls any more.
    await flushMicrotasks()
    expect(clock.pending).toBe(0)
  })

  it('stops watching when the wait ends, and runs one polling loop however many wait', async () => {
    const { held, asked, ref, clock } = setup()
    const queue = new GpuQueue()
    held.hold('video', ref('video', 'v1'), await queue.acquire('hunyuan-video'))
    const first = new AbortController()
    const second = new AbortController()
    held.watch(first.signal, clock)
    held.watch(second.signal, clock)
    await flushMicrotasks()
    expect(asked).toEqual(['video:v1'])
    await clock.advance(1_000)
    await flushMicrotasks()
    expect(asked).toEqual(['video:v1', 'video:v1'])
    first.abort()
    second.abort()
    await flushMicrotasks()
    expect(clock.pending).toBe(0)
    await clock.advance(10_000)
    expect(asked).toHaveLength(2)
    expect(queue.active).toBe(1)
  })

  it('watches a job held while work is already waiting', async () => {
    const { held, asked, ref, clock } = setup()
    const queue = new GpuQueue({ concurrency: 2 })
    const waiting = new AbortController()
    held.watch(waiting.signal, clock)
    held.hold('music', ref('music', 'm1'), await queue.acquire('ace-step'))
    await flushMicrotasks()
    expect(asked).toEqual(['music:m1'])
    waiting.abort()
  })

  it('runs a canceled job cleanup before freeing its slot, and frees it even if cleanup fails', async () => {
    const { held, end, ref } = setup()
    const queue = new GpuQueue()
    const order: string[] = []
    held.hold('video', ref('video', 'v1'), await queue.acquire('hunyuan-video'))
    held.abandon('video', 'v1', async () => {
      order.push('cleanup')
      throw new Error('disk full')
    })
    const next = queue.acquire('z-image').then((lease) => {
      order.push('next')
      return lease
    })
    await held.check('video', 'v1')
    expect(order).toEqual([])
    end('v1')
    await held.check('video', 'v1')
    ;(await next).release()
    expect(order).toEqual(['cleanup', 'next'])
  })

  it('keeps the slot when the sidecar cannot be reached, and frees it at a later look', async () => {
    const { held, end, ref, setUnreachable } = setup()
    const queue = new GpuQueue()
    held.hold('music', ref('music', 'm1'), await queue.acquire('ace-step'))
    end('m1')
    setUnreachable(true)
    await held.check('music', 'm1')
    expect(queue.active).toBe(1)
    setUnreachable(false)
    await held.check('music', 'm1')
    expect(queue.active).toBe(0)
  })
})
