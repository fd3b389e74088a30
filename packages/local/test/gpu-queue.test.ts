import { AbortError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { GpuQueue } from '../src/driver/gpu-queue'

/** Work items that finish when the test says. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('GpuQueue', () => {
  it('keeps one job in flight by default and runs the rest in turn', async () => {
    const queue = new GpuQueue({ scheduling: 'fifo' })
    let inFlight = 0
    let maxInFlight = 0
    const gates = [gate(), gate(), gate()]
    const runs = gates.map((g, index) =>
      queue.run(`m${index}`, async () => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        await g.opened
        inFlight--
        return index
      }),
    )
    await tick()
    expect(queue.active).toBe(1)
    expect(queue.waiting).toBe(2)
    for (const g of gates) {
      g.open()
      await tick()
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2])
    expect(maxInFlight).toBe(1)
    expect(queue.stats.order).toEqual(['m0', 'm1', 'm2'])
  })

  it('honours a larger concurrency', async () => {
    const queue = new GpuQueue({ concurrency: 2 })
    const g = gate()
    const runs = [1, 2, 3].map(() => queue.run('m', () => g.opened))
    await tick()
    expect(queue.active).toBe(2)
    expect(queue.waiting).toBe(1)
    g.open()
    await Promise.all(runs)
    expect(() => new GpuQueue({ concurrency: 0 })).toThrow(RangeError)
  })

  it('groups waiting work by the loaded model, so fewer swaps happen', async () => {
    const order = ['a', 'b', 'a', 'b', 'a', 'b']
    const makespan = async (scheduling: 'fifo' | 'group-by-model') => {
      const queue = new GpuQueue({ scheduling, maxPassOvers: 10 })
      const blocker = gate()
      const first = queue.run('a', () => blocker.opened)
      const rest = order.map((model) => queue.run(model, async () => {}))
      await tick()
      blocker.open()
      await Promise.all([first, ...rest])
      return queue.stats
    }
    const fifo = await makespan('fifo')
    const grouped = await makespan('group-by-model')
    expect(fifo.order).toEqual(['a', ...order])
    expect(fifo.swaps).toBe(5)
    expect(grouped.order).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b'])
    expect(grouped.swaps).toBe(1)
  })

  it('never passes a job over more than maxPassOvers times', async () => {
    const queue = new GpuQueue({ scheduling: 'group-by-model', maxPassOvers: 2 })
    const blocker = gate()
    const first = queue.run('a', () => blocker.opened)
    // One job for b, then a stream of a-jobs that would otherwise always win.
    const jobs = ['b', 'a', 'a', 'a', 'a', 'a'].map((model) => queue.run(model, async () => {}))
    await tick()
    blocker.open()
    await Promise.all([first, ...jobs])
    // b was overtaken twice, then ran.
    expect(queue.stats.order).toEqual(['a', 'a', 'a', 'b', 'a', 'a', 'a'])
  })

  it('reports the place in line and lets an aborted waiter leave at once', async () => {
    const queue = new GpuQueue()
    const blocker = gate()
    const running = queue.run('a', () => blocker.opened)
    const positions: number[] = []
    const controller = new AbortController()
    const waiting = queue.run('a', async () => 'never', { signal: controller.signal })
    const third = queue.run('a', async () => 'third', {
      onPosition: (position) => positions.push(position),
    })
    await tick()
    expect(positions).toEqual([1])
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortError)
    expect(positions).toEqual([1, 0])
    blocker.open()
    await running
    expect(await third).toBe('third')
  })

  it('keeps a bounded history of the work order, and counts every grant', async () => {
    const queue = new GpuQueue({ historySize: 3, scheduling: 'fifo' })
    for (const model of ['a', 'b', 'c', 'd', 'e']) await queue.run(model, async () => {})
    expect(queue.stats.order).toEqual(['c', 'd', 'e'])
    expect(queue.stats.granted).toBe(5)
    expect(queue.stats.swaps).toBe(4)
    expect(() => new GpuQueue({ historySize: -1 })).toThrow(RangeError)
  })

  it('tells a ticket its place in line until its slot is granted', async () => {
    const queue = new GpuQueue({ scheduling: 'fifo' })
    const first = queue.enqueue('a')
    expect(first.position()).toBeUndefined()
    const second = queue.enqueue('a')
    const third = queue.enqueue('b')
    expect([second.position(), third.position()]).toEqual([0, 1])
    ;(await first.lease).release()
    const lease = await second.lease
    expect([second.position(), third.position()]).toEqual([undefined, 0])
    lease.release()
    ;(await third.lease).release()
    expect(third.position()).toBeUndefined()
    expect(queue.active).toBe(0)
  })

  it('releases the slot when work fails', async () => {
    const queue = new GpuQueue()
    await expect(queue.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    )
    expect(queue.active).toBe(0)
    expect(await queue.run('a', async () => 'ok')).toBe('ok')
  })
})
