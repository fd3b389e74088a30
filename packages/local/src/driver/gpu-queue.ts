/**
 * The client-side GPU queue. A Silly Media sidecar holds one model in VRAM at a time and
 * swaps on demand (seconds each), so mixed requests fired at once thrash it and time out.
 * Every piece of GPU work therefore takes a slot here first: one at a time by default.
 *
 * With `group-by-model` scheduling, a freed slot goes to the oldest waiting job for the
 * model that is already loaded, so fewer swaps happen — but a job can be passed over at
 * most `maxPassOvers` times; after that it goes next whatever its model, so nobody starves.
 *
 * The queue never waits on a timer: a waiter is granted its slot the moment another is
 * released. Its place in line can be read at any time (`GpuTicket.position()`), which is how
 * an inline job answers the engine's progress readings while it waits.
 */
import { AbortError } from '@atelier/core'
import { abortErrorFrom } from '@atelier/core/driver'

export type SchedulingPolicy = 'fifo' | 'group-by-model'

export interface GpuQueueOptions {
  /** Slots on the GPU: how many jobs run at once. Default 1. */
  concurrency?: number
  /** Default `group-by-model`. */
  scheduling?: SchedulingPolicy
  /** How many times a waiting job may be overtaken by same-model work. Default 4. */
  maxPassOvers?: number
  /** How many of the latest grants `stats.order` keeps. Default 1000. */
  historySize?: number
}

/** A held slot. Release it exactly once, when the GPU work is over (later calls do nothing). */
export interface GpuLease {
  readonly model: string
  release(): void
}

/** A place in line: the lease once granted, and the 0-based position until then. */
export interface GpuTicket {
  /** Settles with the slot; rejects with an AbortError when the signal aborts first. */
  readonly lease: Promise<GpuLease>
  /** The 0-based place in line while waiting; undefined once granted (or gone). */
  position(): number | undefined
}

export interface WaitOptions {
  signal?: AbortSignal
  /** Hears the 0-based place in line whenever it changes. */
  onPosition?: (position: number) => void
}

interface Waiter {
  model: string
  passOvers: number
  grant(lease: GpuLease): void
  onPosition?: ((position: number) => void) | undefined
  lastPosition?: number
}

export interface GpuQueueStats {
  /**
   * The models of the latest slots granted (at most `historySize`, oldest first): the GPU's
   * recent work order.
   */
  order: string[]
  /** Slots granted since the queue was made. */
  granted: number
  /** Times the granted model differed from the previous one (a swap on the sidecar). */
  swaps: number
}

export class GpuQueue {
  readonly concurrency: number
  readonly scheduling: SchedulingPolicy
  readonly maxPassOvers: number
  readonly historySize: number
  readonly stats: GpuQueueStats = { order: [], granted: 0, swaps: 0 }
  #active = 0
  #waiting: Waiter[] = []
  #lastModel: string | undefined

  constructor(options: GpuQueueOptions = {}) {
    const concurrency = options.concurrency ?? 1
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new RangeError(`concurrency must be a whole number >= 1 (got ${concurrency})`)
    }
    const historySize = options.historySize ?? 1_000
    if (!Number.isInteger(historySize) || historySize < 0) {
      throw new RangeError(`historySize must be a whole number >= 0 (got ${historySize})`)
    }
    this.concurrency = concurrency
    this.scheduling = options.scheduling ?? 'group-by-model'
    this.maxPassOvers = options.maxPassOvers ?? 4
    this.historySize = historySize
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
   * Takes a place in line for work on `model`: granted at once when a slot is free and nobody
   * waits, else when its turn comes. Aborting while waiting leaves the line at once.
   */
  enqueue(model: string, options: WaitOptions = {}): GpuTicket {
    const { signal } = options
    if (signal?.aborted) {
      return { lease: Promise.reject(abortErrorFrom(signal)), position: () => undefined }
    }
    if (this.#active < this.concurrency && this.#waiting.length === 0) {
      return { lease: Promise.resolve(this.#grant(model)), position: () => undefined }
    }
    let waiter!: Waiter
    const lease = new Promise<GpuLease>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter)
        if (index >= 0) this.#waiting.splice(index, 1)
        this.#announcePositions()
        reject(signal ? abortErrorFrom(signal) : new AbortError())
      }
      waiter = {
        model,
        passOvers: 0,
        grant: (granted) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(granted)
        },
        onPosition: options.onPosition,
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    this.#waiting.push(waiter)
    this.#announce(waiter, this.#waiting.length - 1)
    return {
      lease,
      position: () => {
        const index = this.#waiting.indexOf(waiter)
        return index >= 0 ? index : undefined
      },
    }
  }

  /** Waits for a slot for work on `model` (`enqueue(...).lease`). */
  acquire(model: string, options: WaitOptions = {}): Promise<GpuLease> {
    return this.enqueue(model, options).lease
  }

  /** Runs `work` holding a slot; the slot is released however `work` ends. */
  async run<T>(model: string, work: () => Promise<T>, options: WaitOptions = {}): Promise<T> {
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
    this.stats.granted++
    const order = this.stats.order
    order.push(model)
    // A bounded history: a long-lived process must not keep every grant it ever made.
    if (order.length > this.historySize) order.splice(0, order.length - this.historySize)
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
    for (const [position, waiter] of this.#waiting.entries()) this.#announce(waiter, position)
  }

  /** Tells a waiter its place when it changed. */
  #announce(waiter: Waiter, position: number): void {
    if (waiter.lastPosition === position) return
    waiter.lastPosition = position
    waiter.onPosition?.(position)
  }
}
