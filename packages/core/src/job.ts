/**
 * `Job`: one piece of work at a provider — watched, awaited, canceled, or saved as a ref and
 * resumed elsewhere. However many `wait()`s and `updates()` a job has, it runs one
 * observation loop (one poll at a time, or one push stream); the loop stops when nobody is
 * watching and starts again when someone is.
 */
import { abortErrorFrom, type Clock, raceAbort, throwIfAborted } from './clock'
import type { Driver, DriverContext, Submission } from './driver'
import {
  AbortError,
  type AtelierError,
  ConnectionError,
  isAtelierError,
  JobCanceledError,
  JobFailedError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  UnsupportedError,
} from './errors'
import { type AtelierHooks, callHook } from './events'
import { isTerminal, type JobRef, type JobSnapshot } from './job-types'
import { newPollHistory, type PollingOptions, pollIntervalFor, recordObservation } from './polling'
import type { OutputBase } from './tasks/shared'

export interface WaitOptions<Output> {
  /** Stop waiting when this aborts (rejects with AbortError). */
  signal?: AbortSignal
  /** Stop waiting after this long (rejects with TimeoutError). Measured from the call. */
  timeoutMs?: number
  /** Called with each new snapshot (and once at the start with the latest known one). */
  onProgress?(snapshot: JobSnapshot<Output>): void
  /**
   * Cancel the job when `signal` aborts or `timeoutMs` passes, so abandoned work is not
   * paid for. Default false: stopping to wait leaves the job running (you may resume it).
   * `generate()` sets it.
   */
  cancelOnAbort?: boolean
}

export interface JobInit<Output> {
  driver: Driver
  ref: JobRef
  clock: Clock
  polling: PollingOptions
  hooks?: AtelierHooks
  /** The model, for usage events. */
  model?: string
  /** The first known snapshot (from the submit answer). */
  snapshot?: JobSnapshot<Output>
  /** An inline job: the in-flight request and the controller that aborts it. */
  inline?: { result: Promise<Output>; controller: AbortController }
}

interface Observer {
  controller: AbortController
  /** Rejects when observation fails for a reason other than being stopped. */
  failed: Promise<never>
}

type Terminal<Output> = Extract<JobSnapshot<Output>, { state: 'completed' | 'failed' | 'canceled' }>

export class Job<Output = unknown> {
  readonly ref: JobRef
  readonly #driver: Driver
  readonly #clock: Clock
  readonly #polling: PollingOptions
  readonly #hooks: AtelierHooks | undefined
  readonly #model: string | undefined
  readonly #inline: JobInit<Output>['inline']
  readonly #listeners = new Set<(snapshot: JobSnapshot<Output>) => void>()
  readonly #settled: Promise<Terminal<Output>>
  #settle!: (snapshot: Terminal<Output>) => void
  #latest: JobSnapshot<Output> | undefined
  #terminal: Terminal<Output> | undefined
  #observer: Observer | undefined
  #canceling: Promise<void> | undefined

  constructor(init: JobInit<Output>) {
    this.ref = Object.freeze({ ...init.ref })
    this.#driver = init.driver
    this.#clock = init.clock
    this.#polling = init.polling
    this.#hooks = init.hooks
    this.#model = init.model
    this.#inline = init.inline
    this.#settled = new Promise((resolve) => {
      this.#settle = resolve
    })
    if (init.snapshot) this.report(init.snapshot)
    if (init.inline) this.#observeInline(init.inline.result)
  }

  get id(): string {
    return this.ref.id
  }

  get provider(): string {
    return this.ref.provider
  }

  get task(): string {
    return this.ref.task
  }

  /** The latest snapshot seen, without asking the provider. */
  get snapshot(): JobSnapshot<Output> | undefined {
    return this.#latest
  }

  /** Whether this job can be resumed from its ref in another process. */
  get resumable(): boolean {
    return !this.ref.inline
  }

  /** Resolves with the output when the job completes; rejects with the typed error when it fails, is canceled, or the wait ends. */
  async wait(options: WaitOptions<Output> = {}): Promise<Output> {
    if (this.#terminal) return outcomeOf(this.#terminal, this.ref)
    const { signal, timeoutMs, onProgress, cancelOnAbort = false } = options
    try {
      throwIfAborted(signal)
    } catch (error) {
      if (cancelOnAbort) await this.cancel().catch(() => {})
      throw error
    }
    const unsubscribe = this.#subscribe((snapshot) => safeCall(onProgress, snapshot))
    if (this.#latest) safeCall(onProgress, this.#latest)
    const timer = new AbortController()
    try {
      const races: Promise<Terminal<Output>>[] = [this.#settled]
      if (this.#observer) races.push(this.#observer.failed)
      if (timeoutMs !== undefined) {
        races.push(
          this.#clock.sleep(timeoutMs, timer.signal).then(() => {
            throw new TimeoutError(`Job ${this.ref.id} did not finish within ${timeoutMs} ms`, {
              provider: this.ref.provider,
              timeoutMs,
            })
          }),
        )
      }
      const terminal = await raceAbort(Promise.race(races), signal)
      return outcomeOf(terminal, this.ref)
    } catch (error) {
      if (
        cancelOnAbort &&
        (error instanceof AbortError || error instanceof TimeoutError) &&
        !this.#terminal
      ) {
        await this.cancel().catch(() => {})
      }
      throw error
    } finally {
      timer.abort()
      unsubscribe()
    }
  }

  /** Every new snapshot until a terminal one (which is yielded last). Starts with the latest known. */
  async *updates(
    options: { signal?: AbortSignal } = {},
  ): AsyncGenerator<JobSnapshot<Output>, void, undefined> {
    if (this.#terminal) {
      yield this.#terminal
      return
    }
    const queue: JobSnapshot<Output>[] = []
    let wake: (() => void) | undefined
    const unsubscribe = this.#subscribe((snapshot) => {
      queue.push(snapshot)
      wake?.()
    })
    if (this.#latest) queue.unshift(this.#latest)
    const failed = this.#observer?.failed
    try {
      for (;;) {
        while (queue.length > 0) {
          const snapshot = queue.shift()!
          yield snapshot
          if (isTerminal(snapshot)) return
        }
        const next = new Promise<void>((resolve) => {
          wake = resolve
        })
        await raceAbort(failed ? Promise.race([next, failed]) : next, options.signal)
        wake = undefined
      }
    } finally {
      unsubscribe()
    }
  }

  /**
   * Cancels the job: stops observing, aborts in-flight work, and asks the provider to cancel
   * where it can. Resolves once done; the job's state becomes `canceled`. A job already
   * finished is left as it is.
   */
  cancel(): Promise<void> {
    if (this.#terminal) return Promise.resolve()
    this.#canceling ??= (async () => {
      this.#stopObserving()
      const context = this.#context()
      if (this.#inline) {
        this.#inline.controller.abort(
          new JobCanceledError(`Job ${this.ref.id} was canceled`, { jobId: this.ref.id }),
        )
      } else if (this.#driver.cancel) {
        try {
          await this.#driver.cancel(this.ref, context)
        } catch (error) {
          this.#canceling = undefined
          throw error
        }
      }
      this.report({ state: 'canceled' })
    })()
    return this.#canceling
  }

  /** The ref: store it (it is plain JSON) and `resume` it anywhere. */
  toJSON(): JobRef {
    return { ...this.ref }
  }

  /**
   * Feeds a snapshot into the job (used by the observation loop, and by drivers reporting
   * progress of inline work). Snapshots after a terminal one are ignored.
   */
  report(snapshot: JobSnapshot<Output>): void {
    if (this.#terminal) return
    const previous = this.#latest
    this.#latest = snapshot
    if (previous && sameSnapshot(previous, snapshot)) return
    callHook(this.#hooks, 'onJobState', {
      ref: this.ref,
      snapshot,
      ...(previous ? { previousState: previous.state } : {}),
    })
    if (isTerminal(snapshot)) {
      this.#terminal = snapshot as Terminal<Output>
      this.#stopObserving()
      if (snapshot.state === 'completed') this.#reportOutput(snapshot.output)
      this.#settle(this.#terminal)
    }
    for (const listener of [...this.#listeners]) listener(snapshot)
  }

  #reportOutput(output: Output): void {
    const base = output as Partial<OutputBase> | undefined
    if (base?.usage) {
      callHook(this.#hooks, 'onUsage', {
        provider: this.ref.provider,
        task: this.ref.task,
        model: this.#model ?? String(this.ref.data?.model ?? ''),
        usage: base.usage,
        ref: this.ref,
      })
    }
    for (const warning of base?.warnings ?? []) {
      callHook(this.#hooks, 'onWarning', {
        provider: this.ref.provider,
        task: this.ref.task,
        warning,
      })
    }
  }

  #context(signal?: AbortSignal): DriverContext {
    return { clock: this.#clock, hooks: this.#hooks, ...(signal ? { signal } : {}) }
  }

  #subscribe(listener: (snapshot: JobSnapshot<Output>) => void): () => void {
    this.#listeners.add(listener)
    if (!this.#terminal && !this.#inline && !this.#observer && !this.#canceling)
      this.#startObserving()
    return () => {
      this.#listeners.delete(listener)
      if (this.#listeners.size === 0) this.#stopObserving()
    }
  }

  #startObserving(): void {
    const controller = new AbortController()
    let fail!: (error: unknown) => void
    const failed = new Promise<never>((_, reject) => {
      fail = reject
    })
    failed.catch(() => {})
    const observer: Observer = { controller, failed }
    this.#observer = observer
    this.#observe(controller.signal).then(
      () => {
        if (this.#observer === observer) this.#observer = undefined
      },
      (error: unknown) => {
        if (this.#observer === observer) this.#observer = undefined
        if (!controller.signal.aborted) fail(error)
      },
    )
  }

  #stopObserving(): void {
    this.#observer?.controller.abort()
    this.#observer = undefined
  }

  #observeInline(result: Promise<Output>): void {
    result.then(
      (output) => this.report({ state: 'completed', output }),
      (error: unknown) => {
        if (this.#canceling || this.#inline?.controller.signal.aborted) {
          this.report({ state: 'canceled' })
        } else {
          this.report({ state: 'failed', error: asJobError(error, this.ref) })
        }
      },
    )
  }

  /** The observation loop: a push stream when the driver has one, else polls paced by the engine. */
  async #observe(signal: AbortSignal): Promise<void> {
    const context = this.#context(signal)
    if (this.#driver.watch) {
      try {
        for await (const snapshot of this.#driver.watch(this.ref, context)) {
          this.report(snapshot as JobSnapshot<Output>)
          if (this.#terminal) return
        }
      } catch (error) {
        if (signal.aborted) return
        if (!isTransient(error) && !this.#driver.poll) throw error
        // A broken stream falls back to polling below.
      }
    }
    if (!this.#driver.poll) {
      throw new UnsupportedError(`${this.ref.provider} cannot poll ${this.ref.task} jobs`, {
        provider: this.ref.provider,
      })
    }
    const history = newPollHistory()
    const options = this.#polling
    let last: JobSnapshot<unknown> | undefined = this.#latest
    let requests = 0
    let consecutiveErrors = 0
    for (;;) {
      if (last) await this.#clock.sleep(pollIntervalFor(last, history, options).delayMs, signal)
      if (options.budget) await options.budget.acquire(signal)
      if (options.maxRequests !== undefined && requests >= options.maxRequests) {
        throw new TimeoutError(
          `Job ${this.ref.id}: gave up after ${requests} status requests (polling.maxRequests)`,
          { provider: this.ref.provider },
        )
      }
      requests++
      let snapshot: JobSnapshot<unknown>
      try {
        snapshot = await this.#driver.poll(this.ref, context)
        consecutiveErrors = 0
      } catch (error) {
        if (signal.aborted) return
        if (!isTransient(error) || ++consecutiveErrors >= options.maxConsecutiveErrors) throw error
        // Keep watching through a blip; a 429's Retry-After paces the next try.
        const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined
        last = {
          ...(last ?? { state: 'queued' }),
          hints: retryAfterMs === undefined ? {} : { retryAfterMs },
        } as JobSnapshot<unknown>
        if (retryAfterMs === undefined) last = { state: 'queued' }
        continue
      }
      recordObservation(history, this.#clock.now(), snapshot)
      this.report(snapshot as JobSnapshot<Output>)
      if (this.#terminal) return
      last = snapshot
    }
  }
}

/** Starts a job from a driver's submission. */
export function jobFromSubmission<Output>(
  submission: Submission<Output>,
  init: Omit<JobInit<Output>, 'ref' | 'snapshot' | 'inline'> & {
    task: string
    controller: AbortController
  },
): Job<Output> {
  const { task, controller, ...rest } = init
  switch (submission.type) {
    case 'completed':
      return new Job<Output>({
        ...rest,
        ref: submission.ref ?? inlineRef(init.driver.id, task),
        snapshot: { state: 'completed', output: submission.output },
      })
    case 'pending':
      return new Job<Output>({ ...rest, ref: submission.ref, snapshot: submission.snapshot })
    case 'inline':
      return new Job<Output>({
        ...rest,
        ref: submission.ref,
        inline: { result: submission.result, controller },
      })
  }
}

let inlineCounter = 0
/** A ref for work that lives only in this process. */
export function inlineRef(provider: string, task: string): JobRef {
  inlineCounter = (inlineCounter + 1) % Number.MAX_SAFE_INTEGER
  return { provider, task, id: `inline-${Date.now().toString(36)}-${inlineCounter}`, inline: true }
}

function outcomeOf<Output>(terminal: Terminal<Output>, ref: JobRef): Output {
  if (terminal.state === 'completed') return terminal.output
  if (terminal.state === 'failed') throw terminal.error
  throw new JobCanceledError(`Job ${ref.id} was canceled`, {
    provider: ref.provider,
    jobId: ref.id,
  })
}

/** Errors worth polling through: the network, a 5xx, a 429. */
function isTransient(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof RateLimitError) return true
  if (error instanceof TimeoutError) return true
  return error instanceof ProviderError && error.status >= 500
}

function asJobError(error: unknown, ref: JobRef): AtelierError {
  if (isAtelierError(error)) return error
  if (error instanceof Error && error.name === 'AbortError') {
    return abortErrorFrom(AbortSignal.abort(error)) as AtelierError
  }
  return new JobFailedError(
    `Job ${ref.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      provider: ref.provider,
      jobId: ref.id,
      cause: error,
    },
  )
}

function sameSnapshot(a: JobSnapshot<unknown>, b: JobSnapshot<unknown>): boolean {
  if (a.state !== b.state) return false
  if (a.state === 'queued' && b.state === 'queued') return a.position === b.position
  if (a.state === 'running' && b.state === 'running') {
    const p = a.progress
    const q = b.progress
    return (
      p?.fraction === q?.fraction &&
      p?.step === q?.step &&
      p?.totalSteps === q?.totalSteps &&
      p?.etaMs === q?.etaMs &&
      p?.message === q?.message
    )
  }
  return false
}

function safeCall<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value)
  } catch {
    // A progress callback cannot break the job.
  }
}
