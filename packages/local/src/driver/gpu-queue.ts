/**
 * The client-side GPU queue. A Silly Media sidecar holds one model in VRAM at a time and
 * swaps on demand (seconds each), so mixed requests fired at once thrash it and time out.
 * Every piece of GPU work therefore takes a slot here first: one at a time by default.
 *
 * With `group-by-model` scheduling, a freed slot goes to the oldest waiting job for the
 * model that is already loaded, so fewer swaps happen — but a job can be passed over at
 * most `maxPassOvers` times; after that it goes next whatever its model, so nobody starves.
 */
import { AbortError, abortErrorFrom } from '@atelier/core'

export type SchedulingPolicy = 'fifo' | 'group-by-model'

export interface GpuQueueOptions {
  /** Slots on the GPU: how many jobs run at once. Default 1. */
  concurrency?: number
  /** Default `group-by-model`. */
  scheduling?: SchedulingPolicy
  /** How many times a waiting job may be overtaken by same-model work. Default 4. */
  maxPassOvers?: number
}

/** A held slot. Release it exactly once, when the GPU work is over. */
export interface GpuLease {
  readonly model: string
  release(): void
}

interface Waiter {
  model: string
  passOvers: number
  enqueuedAt: number
  grant(lease: GpuLease): void
  onPosition?: (position: number) => void
}

export interface GpuQueueStats {
  /** Slots granted, in order, with their model: the GPU's work order. */
  order: string[]
  /** Times the granted model differed from the previous one (a swap on the sidecar). */
  swaps: number
}

export class GpuQueue {
  readonly concurrency: number
  readonly scheduling: SchedulingPolicy
  readonly maxPassOvers: number
  readonly stats: GpuQueueStats = { order: [], swaps: 0 }
  #active = 0
  #waiting: Waiter[] = []
  #lastModel: string | undefined
  #sequence = 0
  #onWait: (() => void) | undefined

  constructor(options: GpuQueueOptions = {}) {
    const concurrency = options.concurrency ?? 1
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number >= 1 (got ${concurrency})`)
    }
    this.concurrency = concurrency
    this.scheduling = options.scheduling ?? 'group-by-model'
    this.maxPassOvers = options.maxPassOvers ?? 4
  }

  /** Jobs holding a slot. */
  get active(): number {
    return this.#active
  }

  /** Jobs waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length
  }

  /**
   * Hears each job that has to wait for a slot. The driver uses it to watch the jobs that hold
   * the slots more closely (and to keep the process alive) while someone is waiting.
   */
  onWait(listener: () => void): void {
    this.#onWait = listener
  }

  /**
   * Waits for a slot for work on `model`. `onPosition` hears the 0-based place in line
   * whenever it changes. Aborting while waiting leaves the line at once.
   */
  acquire(
    model: string,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {},
  ): Promise<GpuLease> {
    const { signal } = options
    if (signal?.aborted) return Promise.reject(abortErrorFrom(signal))
    if (this.#active < this.concurrency && this.#waiting.length === 0) {
      return Promise.resolve(this.#grant(model))
    }
    return new Promise<GpuLease>((resolve, reject) => {
      const waiter: Waiter = {
        model,
        passOvers: 0,
        enqueuedAt: this.#sequence++,
        grant: (lease) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(lease)
        },
        onPosition: options.onPosition,
      }
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter)
        if (index >= 0) this.#waiting.splice(index, 1)
        this.#announcePositions()
        reject(signal ? abortErrorFrom(signal) : new AbortError())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.#waiting.push(waiter)
      waiter.onPosition?.(this.#waiting.length - 1)
      this.#onWait?.()
    })
  }

  /** Runs `work` holding a slot; the slot is released however `work` ends. */
  async run<T>(
    model: string,
    work: () => Promise<T>,
    options: { signal?: AbortSignal; onPosition?: (position: number) => void } = {},
  ): Promise<T> {
    const lease = await this.acquire(model, options)
    try {
      return await work()
    } finally {
      lease.release()
    }
  }

  #grant(model: string): GpuLease {
    this.#active++
    if (this.#lastModel !== undefined && this.#lastModel !== model) this.stats.swaps++
    this.#lastModel = model
    this.stats.order.push(model)
    let released = false
    return {
      model,
      release: () => {
        if (released) return
        released = true
        this.#active--
        this.#dispatch()
      },
    }
  }

  #dispatch(): void {
    while (this.#active < this.concurrency && this.#waiting.length > 0) {
      const index = this.#pick()
      const [chosen] = this.#waiting.splice(index, 1)
      // Everyone who was ahead of the chosen job has been passed over once more.
      for (let earlier = 0; earlier < index; earlier++) this.#waiting[earlier]!.passOvers++
      chosen!.grant(this.#grant(chosen!.model))
    }
    this.#announcePositions()
  }

  /** Index of the next waiter to run. */
  #pick(): number {
    if (this.scheduling === 'fifo') return 0
    const oldest = this.#waiting[0]!
    if (oldest.passOvers >= this.maxPassOvers) return 0
    const sameModel = this.#waiting.findIndex((waiter) => waiter.model === this.#lastModel)
    return Math.max(sameModel, 0)
  }

  #announcePositions(): void {
    for (const [position, waiter] of this.#waiting.entries()) waiter.onPosition?.(position)
  }
}
