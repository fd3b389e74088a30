/**
 * The emulated queue: jobs wait first in, first out; `workers` of them process at once, each
 * for its kind's processing time; a completion writes its text piece by piece while it
 * processes. Listeners (the SSE streams) hear every change of a job.
 */
import type { CanaryJob, CanarySettings, CanaryState } from './context'

export interface JobQueueOptions {
  state: CanaryState
  settings: CanarySettings
  /** Whether the job now ending should fail (see `failJobs`). */
  shouldFail(): boolean
  /** The result of a job that ends well. */
  resultOf(job: CanaryJob): unknown
  /** The pieces a completion writes. */
  piecesOf(job: CanaryJob): string[]
}

export class JobQueue {
  readonly #options: JobQueueOptions
  readonly #timers = new Map<CanaryJob, ReturnType<typeof setTimeout>>()
  readonly #listeners = new Map<string, Set<() => void>>()

  constructor(options: JobQueueOptions) {
    this.#options = options
  }

  /** Queues a new job and starts what the workers can take. */
  add(job: CanaryJob): void {
    this.#options.state.jobs.set(job.queueId, job)
    this.#options.state.queue.push(job)
    this.#pump()
  }

  /** Jobs ahead of a queued job (0 = next), or null when it is not waiting. */
  position(job: CanaryJob): number | null {
    const index = this.#options.state.queue.indexOf(job)
    return index < 0 ? null : index
  }

  /** Cancels a queued or processing job; false when it had already ended. */
  cancel(job: CanaryJob): boolean {
    if (job.status !== 'queued' && job.status !== 'processing') return false
    const { state } = this.#options
    state.queue = state.queue.filter((waiting) => waiting !== job)
    this.#stop(job)
    job.status = 'cancelled'
    job.completedAt = new Date().toISOString()
    this.#notify(job)
    this.#pump()
    return true
  }

  /** Calls `listener` after every change of `job`; returns the unsubscribe function. */
  subscribe(job: CanaryJob, listener: () => void): () => void {
    let listeners = this.#listeners.get(job.queueId)
    if (!listeners) {
      listeners = new Set()
      this.#listeners.set(job.queueId, listeners)
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) this.#listeners.delete(job.queueId)
    }
  }

  /** Stops all work (timers) and forgets listeners. */
  reset(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
    for (const listeners of this.#listeners.values())
      for (const listener of [...listeners]) listener()
    this.#listeners.clear()
  }

  #pump(): void {
    const { state, settings } = this.#options
    while (state.processing.size < settings.workers && state.queue.length > 0) {
      const job = state.queue.shift()!
      this.#start(job)
    }
    // Positions moved for everyone still waiting.
    for (const job of state.queue) this.#notify(job)
  }

  #start(job: CanaryJob): void {
    const { state } = this.#options
    job.status = 'processing'
    job.startedAt = new Date().toISOString()
    state.processing.add(job)
    state.maxProcessing = Math.max(state.maxProcessing, state.processing.size)
    this.#notify(job)
    if (job.kind !== 'completion') {
      this.#schedule(job, job.processingMs, () => this.#finish(job))
      return
    }
    const pieces = this.#options.piecesOf(job)
    const interval = job.processingMs / Math.max(1, pieces.length)
    const next = () => {
      job.chunks.push(pieces[job.chunks.length]!)
      this.#notify(job)
      if (job.chunks.length >= pieces.length) this.#finish(job)
      else this.#schedule(job, interval, next)
    }
    this.#schedule(job, interval, next)
  }

  #schedule(job: CanaryJob, ms: number, run: () => void): void {
    this.#timers.set(
      job,
      setTimeout(
        () => {
          this.#timers.delete(job)
          run()
        },
        Math.max(0, ms),
      ),
    )
  }

  #stop(job: CanaryJob): void {
    const timer = this.#timers.get(job)
    if (timer !== undefined) clearTimeout(timer)
    this.#timers.delete(job)
    this.#options.state.processing.delete(job)
  }

  #finish(job: CanaryJob): void {
    this.#stop(job)
    if (this.#options.shouldFail()) {
      job.status = 'error'
      job.error = {
        code: 'GENERATION_FAILED',
        message: 'The upstream provider failed (emulated failure)',
      }
    } else {
      try {
        job.result = this.#options.resultOf(job)
        job.status = 'completed'
      } catch (error) {
        job.status = 'error'
        job.error = {
          code: 'GENERATION_FAILED',
          message: error instanceof Error ? error.message : String(error),
        }
      }
    }
    job.completedAt = new Date().toISOString()
    this.#notify(job)
    this.#pump()
  }

  #notify(job: CanaryJob): void {
    for (const listener of [...(this.#listeners.get(job.queueId) ?? [])]) listener()
  }
}
