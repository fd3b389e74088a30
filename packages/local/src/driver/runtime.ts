/**
 * What every handler of one `local` driver shares: the transport, the GPU queue, the slots held
 * by async jobs, the model catalogue, and the two ways GPU work runs — as an inline job (a
 * synchronous request waiting for its slot, then in flight) or as a sidecar job submitted
 * holding a slot.
 */
import type { DriverContext, TaskSubmission, Warning } from '@atelier/core'
import { type RequestContext, requestContextOf } from '@atelier/core/driver'
import type { Transport } from '../client/transport'
import type { ProgressResponse } from '../schemas'
import { type CallerFields, inCallerFields } from './caller-fields'
import type { GpuQueue, GpuTicket } from './gpu-queue'
import type { HeldJobs, Releasable } from './held-jobs'
import type { ModelCatalog } from './models'
import { inlineProgress } from './progress'

export interface RuntimeSettings {
  /** How often the engine reads an inline job's progress. */
  progressIntervalMs: number
}

/** Several calls holding one slot: released when the last of them lets go. */
class SharedSlot {
  readonly #lease: Releasable
  #holders = 0
  #open = true

  constructor(lease: Releasable) {
    this.#lease = lease
  }

  get open(): boolean {
    return this.#open
  }

  join(): Releasable {
    this.#holders++
    let released = false
    return {
      release: () => {
        if (released) return
        released = true
        if (--this.#holders === 0) {
          this.#open = false
          this.#lease.release()
        }
      },
    }
  }
}

export class Runtime {
  readonly transport: Transport
  readonly queue: GpuQueue
  readonly held: HeldJobs
  readonly models: ModelCatalog
  readonly settings: RuntimeSettings
  /**
   * The slot of each call's async jobs. Core submits the parts of a split call (`n` above what
   * one job makes) one after another under the same context, and hands the job back only once
   * all are submitted: the parts share one slot and queue on the sidecar behind each other,
   * instead of the second part's submit waiting until the first part's job is done.
   */
  readonly #callSlots = new WeakMap<DriverContext, SharedSlot>()

  constructor(init: {
    transport: Transport
    queue: GpuQueue
    held: HeldJobs
    models: ModelCatalog
    settings: RuntimeSettings
  }) {
    this.transport = init.transport
    this.queue = init.queue
    this.held = init.held
    this.models = init.models
    this.settings = init.settings
  }

  /**
   * A place in line for `model`. While it waits, the jobs holding slots are watched through the
   * engine (the first look at once): a job nobody watches any more frees its slot for it.
   */
  enqueue(model: string, context: DriverContext): GpuTicket {
    const ticket = this.queue.enqueue(model, context.signal ? { signal: context.signal } : {})
    if (ticket.position() !== undefined) {
      const waiting = new AbortController()
      const stop = () => waiting.abort()
      ticket.lease.then(stop, stop)
      this.held.watch(waiting.signal, context.clock, context.budget)
    }
    return ticket
  }

  /**
   * Runs GPU work as an inline job: waits for a slot, then runs `work` holding it. The engine
   * reads the progress meanwhile: the place in line while waiting, then `endpoint` (the
   * sidecar's `/progress` for this work) or just `running`.
   */
  inline<Output>(options: {
    model: string
    context: DriverContext
    fields: CallerFields
    warnings: Warning[]
    work: (request: RequestContext) => Promise<Output>
    endpoint?: (request: RequestContext) => Promise<ProgressResponse>
  }): TaskSubmission<Output> {
    const { context, fields } = options
    const ticket = this.enqueue(options.model, context)
    const result = ticket.lease.then(async (lease) => {
      try {
        return await options.work(requestContextOf(context))
      } catch (error) {
        throw inCallerFields(error, fields)
      } finally {
        lease.release()
      }
    })
    return {
      type: 'inline',
      result,
      progress: inlineProgress({
        position: ticket.position,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        intervalMs: this.settings.progressIntervalMs,
      }),
      ...(options.warnings.length ? { warnings: options.warnings } : {}),
    }
  }

  /**
   * The slot an async job is submitted holding: the call's own when an earlier part of it holds
   * one, else a new one from the queue (waiting as `enqueue` does).
   */
  async slotFor(model: string, context: DriverContext): Promise<Releasable> {
    const shared = this.#callSlots.get(context)
    if (shared?.open) return shared.join()
    const lease = await this.enqueue(model, context).lease
    const slot = new SharedSlot(lease)
    this.#callSlots.set(context, slot)
    return slot.join()
  }
}
