/**
 * `Job`: one piece of work at a provider — watched, awaited, canceled, or saved as a ref and
 * resumed elsewhere. However many `wait()`s and `updates()` a job has, it runs one
 * observation loop (one poll at a time, or one push stream); the loop stops when nobody is
 * watching and starts again when someone is.
 *
 * A process may hold thousands of waiting jobs, so a waiting job stays small: its watchers
 * are plain objects (no closures, promise races or abort controllers per `wait()`), and the
 * one abort controller it owns is the observation loop's.
 */
import { abortErrorFrom, type Clock, raceAbort } from './clock'
import {
  type Driver,
  type DriverContext,
  type InlineProgress,
  type Submission,
  type TaskHandler,
  taskHandler,
} from './driver'
import type { JobDurations } from './durations'
import {
  AbortError,
  type AtelierError,
  isAtelierError,
  JobCanceledError,
  JobFailedError,
  RateLimitError,
  ResponseShapeError,
  TimeoutError,
  UnsupportedError,
  ValidationError,
} from './errors'
import { type AtelierHooks, callHook } from './events'
import { isTerminal, type JobRef, type JobSnapshot } from './job-types'
import {
  type JobTiming,
  jobDeadlineMs,
  newPollHistory,
  type PollHistory,
  type PollingOptions,
  pollIntervalFor,
  recordObservation,
} from './polling'
import { withTurnTaken } from './request-budget'
import type { TaskName } from './tasks'
import type { OutputBase, Warning } from './tasks/shared'

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
  /**
   * The kind of job (`jobDurationKey`), set when this process submitted it: its duration is
   * learnt into `polling.durations` when it completes, and earlier ones schedule its polls.
   */
  durationKey?: string
  /** An inline job: the in-flight request, the controller that aborts it, and its progress reader. */
  inline?: { result: Promise<Output>; controller: AbortController; progress?: InlineProgress }
}

type Terminal<Output> = Extract<JobSnapshot<Output>, { state: 'completed' | 'failed' | 'canceled' }>

/** Someone watching a job: a `wait()` or an `updates()` iterator. */
interface Watcher<Output> {
  /** Wants the job observed at least this often (`updates({ everyMs })`). */
  readonly everyMs?: number
  /** A new snapshot; the terminal one comes last. */
  update(snapshot: JobSnapshot<Output>): void
  /** Observation failed for a reason other than being stopped. */
  fail(error: unknown): void
}

/**
 * Takes a watcher off its job, which stops observing when nobody else watches. Set by `Job`
 * (only code inside the class reaches its private fields), so a waiter needs no closure of its
 * own to leave.
 */
let unwatch: <Output>(job: Job<Output>, watcher: Watcher<Output>) => void

/**
 * One `wait()`: settles its promise with the job's outcome, or rejects when observation fails,
 * the caller's signal aborts (it is the signal's listener) or the timeout passes — after
 * canceling the job first when `cancelOnAbort` asks for it. A plain object rather than a
 * suspended async function, so a waiting job stays small.
 */
class WaitWatcher<Output> implements Watcher<Output> {
  readonly #job: Job<Output>
  readonly #resolve: (output: Output) => void
  readonly #reject: (error: unknown) => void
  readonly #signal: AbortSignal | undefined
  readonly #onProgress: ((snapshot: JobSnapshot<Output>) => void) | undefined
  readonly #cancelOnAbort: boolean
  /** Ends the timeout's sleep; only when there is a timeout. */
  readonly #timer: AbortController | undefined
  /** Settled, or canceling before it rejects: later snapshots only reach `onProgress`. */
  #ending = false

  constructor(
    job: Job<Output>,
    options: WaitOptions<Output>,
    clock: Clock,
    settle: { resolve(output: Output): void; reject(error: unknown): void },
  ) {
    this.#job = job
    this.#resolve = settle.resolve
    this.#reject = settle.reject
    this.#signal = options.signal
    this.#onProgress = options.onProgress
    this.#cancelOnAbort = options.cancelOnAbort ?? false
    this.#signal?.addEventListener('abort', this, { once: true })
    const timeoutMs = options.timeoutMs
    if (timeoutMs !== undefined) {
      this.#timer = new AbortController()
      clock.sleep(timeoutMs, this.#timer.signal).then(
        () =>
          this.fail(
            new TimeoutError(`Job ${job.ref.id} did not finish within ${timeoutMs} ms`, {
              provider: job.ref.provider,
              timeoutMs,
            }),
          ),
        () => {
          // The wait ended first.
        },
      )
    }
  }

  update(snapshot: JobSnapshot<Output>): void {
    safeCall(this.#onProgress, snapshot)
    if (this.#ending || !isTerminal(snapshot)) return
    this.#ending = true
    this.#end()
    try {
      this.#resolve(outcomeOf(snapshot as Terminal<Output>, this.#job.ref))
    } catch (error) {
      this.#reject(error)
    }
  }

  /** Observation failed, the signal aborted or the timeout passed. */
  fail(error: unknown): void {
    if (this.#ending) return
    this.#ending = true
    const latest = this.#job.snapshot
    if (
      this.#cancelOnAbort &&
      (error instanceof AbortError || error instanceof TimeoutError) &&
      !(latest && isTerminal(latest))
    ) {
      // Still watching while canceling, as the caller was: `onProgress` sees `canceled`.
      void this.#job
        .cancel()
        .catch(() => {})
        .then(() => {
          this.#end()
          this.#reject(error)
        })
      return
    }
    this.#end()
    this.#reject(error)
  }

  /** The caller's signal aborted. */
  handleEvent(): void {
    this.fail(abortErrorFrom(this.#signal!))
  }

  /** Lets go of the signal, the timer and the job. */
  #end(): void {
    this.#signal?.removeEventListener('abort', this)
    this.#timer?.abort()
    unwatch(this.#job, this)
  }
}

/** One `updates()` iterator: snapshots queue up until the consumer takes them. */
class UpdatesWatcher<Output> implements Watcher<Output> {
  readonly snapshots: JobSnapshot<Output>[] = []
  readonly everyMs: number | undefined
  #failure: { error: unknown } | undefined
  #wake: { resolve(): void; reject(error: unknown): void } | undefined

  constructor(everyMs: number | undefined) {
    this.everyMs = everyMs
  }

  update(snapshot: JobSnapshot<Output>): void {
    this.snapshots.push(snapshot)
    this.#wake?.resolve()
    this.#wake = undefined
  }

  fail(error: unknown): void {
    this.#failure = { error }
    this.#wake?.reject(error)
    this.#wake = undefined
  }

  /** Resolves when a snapshot arrives; rejects once observation has failed. */
  next(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure.error)
    return new Promise((resolve, reject) => {
      this.#wake = { resolve, reject }
    })
  }
}

/** What `job.check()` saw: the job's snapshot, and when the engine would look again. */
export interface JobCheck<Output = unknown> {
  snapshot: JobSnapshot<Output>
  /** Milliseconds until the engine's next poll; undefined once the job is over. */
  nextCheckInMs: number | undefined
}

export class Job<Output = unknown> {
  readonly ref: JobRef
  /** The ref's task handler; undefined when the driver no longer does the task. */
  readonly #handler: TaskHandler<TaskName> | undefined
  readonly #clock: Clock
  readonly #polling: PollingOptions
  readonly #hooks: AtelierHooks | undefined
  readonly #model: string | undefined
  readonly #inline: JobInit<Output>['inline']
  /** Replaced, never changed in place: a watcher may leave while the others are being told. */
  #watchers: readonly Watcher<Output>[] = []
  #latest: JobSnapshot<Output> | undefined
  #terminal: Terminal<Output> | undefined
  /** Aborts the running observation loop; set while one runs. */
  #observation: AbortController | undefined
  #canceling: Promise<void> | undefined
  /** Clock time after which polling gives up (`polling.deadlineMs`); undefined for none. */
  readonly #deadlineAt: number | undefined
  /** Where this job's duration is learnt and read, with its kind; only for jobs submitted here. */
  readonly #learning: { durations: JobDurations; key: string } | undefined
  /** Clock time the submit's answer arrived (the job's age counts from it). */
  readonly #submittedAt: number
  /** The submit answer's own estimate of the job's duration, if it gave one. */
  readonly #estimatedMs: number | undefined
  /** What `check()` has seen, so its next-check hint follows the same schedule as the loop. */
  #checks: PollHistory | undefined

  static {
    unwatch = (job, watcher) => job.#unwatch(watcher)
  }

  constructor(init: JobInit<Output>) {
    // A copy, frozen. Not `{ ...ref }`: V8 gives a spread copy that is then frozen a hidden
    // class of its own, hundreds of bytes per job. `fromEntries` keeps a `__proto__` key of a
    // parsed ref an own property, as the spread did.
    this.ref = Object.freeze(Object.fromEntries(Object.entries(init.ref))) as JobRef
    this.#handler = taskHandler(init.driver, this.ref.task)
    this.#clock = init.clock
    this.#polling = init.polling
    this.#hooks = init.hooks
    this.#model = init.model
    this.#inline = init.inline
    const deadlineMs = jobDeadlineMs(this.ref.task, init.polling)
    this.#submittedAt = init.clock.now()
    this.#deadlineAt = deadlineMs === undefined ? undefined : this.#submittedAt + deadlineMs
    const durations = init.polling.durations
    this.#learning =
      durations && init.durationKey !== undefined ? { durations, key: init.durationKey } : undefined
    this.#estimatedMs = this.#learning ? estimateOf(init.snapshot) : undefined
    if (init.snapshot) this.#report(init.snapshot)
    if (init.inline) this.#observeInline(init.inline.result)
  }

  get id(): string {
    return this.ref.id
  }

  get provider(): string {
    return this.ref.provider
  }

  get task(): TaskName {
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

  /**
   * Resolves with the output when the job completes; rejects with the typed error when it
   * fails, is canceled, or the wait ends. Not an async function: a suspended one would cost
   * every waiting job hundreds of bytes more.
   */
  wait(options: WaitOptions<Output> = {}): Promise<Output> {
    const terminal = this.#terminal
    if (terminal) return new Promise((resolve) => resolve(outcomeOf(terminal, this.ref)))
    const signal = options.signal
    if (signal?.aborted) {
      const error = abortErrorFrom(signal)
      if (!options.cancelOnAbort) return Promise.reject(error)
      return this.cancel()
        .catch(() => {})
        .then(() => Promise.reject(error))
    }
    return new Promise<Output>((resolve, reject) => {
      const watcher = new WaitWatcher(this, options, this.#clock, { resolve, reject })
      this.#watch(watcher)
      if (this.#latest) safeCall(options.onProgress, this.#latest)
    })
  }

  /**
   * Every new snapshot until a terminal one (which is yielded last). Starts with the latest known.
   *
   * By default a snapshot comes when the engine polls and something changed, which may be
   * seldom (a provider that reports no progress, a schedule that waits for the job's usual
   * time). `everyMs` makes it regular, for a progress bar or a "cancel past 20 %" rule: while
   * this iterator runs, the job is polled at least every `everyMs` (a server's `Retry-After`
   * still wins, and the client's request budget still paces), and when nothing new arrives
   * within `everyMs` the latest snapshot is yielded again, so a UI can redraw its clock.
   */
  async *updates(
    options: { signal?: AbortSignal; everyMs?: number } = {},
  ): AsyncGenerator<JobSnapshot<Output>, void, undefined> {
    const { everyMs } = options
    if (everyMs !== undefined && !(everyMs > 0 && Number.isFinite(everyMs))) {
      throw new ValidationError([
        {
          path: ['everyMs'],
          message: `must be a positive number of milliseconds (got ${String(everyMs)})`,
          rule: 'range',
        },
      ])
    }
    if (this.#terminal) {
      yield this.#terminal
      return
    }
    const watcher = new UpdatesWatcher<Output>(everyMs)
    if (this.#latest) watcher.snapshots.push(this.#latest)
    this.#watch(watcher)
    try {
      for (;;) {
        while (watcher.snapshots.length > 0) {
          const snapshot = watcher.snapshots.shift()!
          yield snapshot
          if (isTerminal(snapshot)) return
        }
        if (everyMs === undefined) {
          await raceAbort(watcher.next(), options.signal)
          continue
        }
        const tick = new AbortController()
        const ticked = this.#clock.sleep(everyMs, tick.signal).then(
          () => true,
          () => false,
        )
        const arrived = watcher.next().then(() => false)
        // A failure after the tick won is seen by the next `next()`, which reads it first.
        arrived.catch(() => {})
        try {
          const woke = await raceAbort(Promise.race([arrived, ticked]), options.signal)
          // Nothing new within everyMs: the latest again, so the consumer hears on time.
          if (woke && watcher.snapshots.length === 0 && this.#latest) {
            watcher.snapshots.push(this.#latest)
          }
        } finally {
          tick.abort()
        }
      }
    } finally {
      this.#unwatch(watcher)
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
      } else if (this.#handler?.cancelJob) {
        try {
          await this.#handler.cancelJob(this.ref, context)
        } catch (error) {
          this.#canceling = undefined
          throw error
        }
      }
      this.#report({ state: 'canceled' })
    })()
    return this.#canceling
  }

  /**
   * One look at the job through the engine, for callers that keep no loop of their own: a
   * queue's worker that parks the job until later, the AI SDK's `doStatus`. A finished job
   * answers from what is known; otherwise one status request goes out (paced by the client's
   * request budget) and its answer reaches `updates()` and the hooks as any poll's would.
   * `nextCheckInMs` is when the engine would look again (a server's `Retry-After`, an ETA,
   * learnt durations or backoff), undefined once the job is over. A job running inline in
   * this process is not polled: its latest snapshot comes back, `running` until it ends.
   */
  async check(
    options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<JobCheck<Output>> {
    if (this.#terminal) return { snapshot: this.#terminal, nextCheckInMs: undefined }
    const signal = options.signal
    if (this.#inline) {
      return {
        snapshot: this.#latest ?? { state: 'running' },
        nextCheckInMs: this.#inline.progress?.intervalMs ?? this.#polling.initialIntervalMs,
      }
    }
    const handler = this.#handler
    if (!handler?.poll) {
      throw new UnsupportedError(`${this.ref.provider} cannot poll ${this.ref.task} jobs`, {
        provider: this.ref.provider,
      })
    }
    let context = this.#context(signal)
    if (options.headers) context = { ...context, headers: options.headers }
    const budget = this.#polling.budget
    if (budget) {
      await budget.acquire(signal)
      context = { ...context, budget: withTurnTaken(budget) }
    }
    const snapshot = (await handler.poll(this.ref, context)) as JobSnapshot<Output>
    this.#checks ??= newPollHistory()
    recordObservation(this.#checks, this.#clock.now(), snapshot)
    this.#report(snapshot)
    if (this.#terminal) return { snapshot: this.#terminal, nextCheckInMs: undefined }
    const { delayMs } = pollIntervalFor(snapshot, this.#checks, this.#polling, this.#timing())
    return { snapshot, nextCheckInMs: delayMs }
  }

  /** The ref: store it (it is plain JSON) and `resume` it anywhere. */
  toJSON(): JobRef {
    return { ...this.ref }
  }

  /**
   * Feeds a snapshot into the job, from the observation loop. Snapshots after a terminal one
   * are ignored; a completed one gets the warnings found at submit in front of its own.
   */
  #report(snapshot: JobSnapshot<Output>): void {
    if (this.#terminal) return
    const warnings = this.ref.warnings
    if (warnings?.length && snapshot.state === 'completed') {
      snapshot = { ...snapshot, output: withWarnings(snapshot.output, warnings) }
    }
    const previous = this.#latest
    this.#latest = snapshot
    if (previous && sameSnapshot(previous, snapshot)) return
    if (this.#hooks?.onJobState) {
      callHook(this.#hooks, 'onJobState', {
        ref: this.ref,
        snapshot,
        ...(previous ? { previousState: previous.state } : {}),
      })
    }
    if (isTerminal(snapshot)) {
      this.#terminal = snapshot as Terminal<Output>
      this.#stopObserving()
      if (snapshot.state === 'completed') this.#reportOutput(snapshot.output)
    }
    for (const watcher of this.#watchers) watcher.update(snapshot)
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
    const budget = this.#polling.budget
    return {
      clock: this.#clock,
      hooks: this.#hooks,
      ...(signal ? { signal } : {}),
      ...(budget ? { budget } : {}),
    }
  }

  #watch(watcher: Watcher<Output>): void {
    // `concat` allocates exactly what it holds; a spread leaves room for more.
    this.#watchers = this.#watchers.concat(watcher)
    const observable = !this.#inline || this.#inline.progress !== undefined
    if (!this.#terminal && observable && !this.#canceling) {
      // A watcher that wants regular updates may not wait out a long sleep already begun: the
      // loop starts again on its cadence.
      if (watcher.everyMs !== undefined) this.#stopObserving()
    }
    if (!this.#terminal && observable && !this.#observation && !this.#canceling) {
      const controller = new AbortController()
      this.#observation = controller
      void this.#observe(controller)
    }
  }

  #unwatch(watcher: Watcher<Output>): void {
    this.#watchers = this.#watchers.filter((other) => other !== watcher)
    if (this.#watchers.length === 0) this.#stopObserving()
  }

  #stopObserving(): void {
    this.#observation?.abort()
    this.#observation = undefined
  }

  #observeInline(result: Promise<Output>): void {
    result.then(
      (output) => this.#report({ state: 'completed', output }),
      (error: unknown) => {
        if (this.#canceling || this.#inline?.controller.signal.aborted) {
          this.#report({ state: 'canceled' })
        } else {
          this.#report({ state: 'failed', error: asJobError(error, this.ref) })
        }
      },
    )
  }

  /**
   * The observation loop under `controller`: the progress of an inline job; else a push stream
   * when the handler has one (from the snapshot its `watchWhen` accepts), and polls paced by
   * the engine before and after it. A failure that is not the loop being stopped fails every
   * watcher. One async function on purpose: thousands of waiting jobs sit suspended in it at once.
   */
  async #observe(controller: AbortController): Promise<void> {
    const signal = controller.signal
    const context = this.#context(signal)
    const handler = this.#handler
    try {
      if (this.#inline?.progress) return await this.#readProgress(this.#inline.progress, context)
      let watched = false
      if (
        handler?.watch &&
        (!handler.watchWhen || handler.watchWhen(this.#latest as JobSnapshot<never> | undefined))
      ) {
        watched = true
        if (!(await this.#watchPushed(handler, context))) return
      }
      if (!handler?.poll) {
        throw new UnsupportedError(`${this.ref.provider} cannot poll ${this.ref.task} jobs`, {
          provider: this.ref.provider,
        })
      }
      const history = newPollHistory()
      const options = this.#polling
      let last: JobSnapshot<unknown> | undefined = this.#latest
      /** A 429's Retry-After, pacing the next try after a failed poll. */
      let retryAfterMs: number | undefined
      let requests = 0
      let consecutiveErrors = 0
      /** Answers in a row whose status the driver did not know. */
      let unrecognised = 0
      /** When the latest answer said the job was not over: the completion came after it. */
      let notOverAt = this.#submittedAt
      /** The latest poll failed with a transient fault. */
      let faulted = false
      for (;;) {
        // A 429's Retry-After, else the engine's schedule; none before the first poll.
        const delayMs =
          retryAfterMs ??
          (last
            ? // After a fault, plain backoff gives the provider time to recover; dense learnt steps would not.
              pollIntervalFor(last, history, options, faulted ? undefined : this.#timing()).delayMs
            : undefined)
        if (delayMs !== undefined) {
          const notBefore = retryAfterMs !== undefined || last?.hints?.retryAfterMs !== undefined
          if (notBefore && this.#passesDeadline(delayMs)) {
            // A server's "not before" is honoured: past the deadline, the wait ends without asking.
            await this.#clock.sleep(this.#untilDeadline(), signal)
            throw this.#deadlinePassed(last)
          }
          // The last poll lands on the deadline rather than after it; a watcher that asked for
          // regular updates (`updates({ everyMs })`) gets a poll at least that often.
          const everyMs = notBefore ? undefined : this.#everyMs()
          await this.#clock.sleep(
            Math.min(delayMs, everyMs ?? Number.POSITIVE_INFINITY, this.#untilDeadline()),
            signal,
          )
        }
        retryAfterMs = undefined
        let pollContext = context
        if (options.budget) {
          await options.budget.acquire(signal)
          // The driver's requests for this poll (retries, a second read) take turns too.
          pollContext = { ...context, budget: withTurnTaken(options.budget) }
        }
        if (options.maxRequests !== undefined && requests >= options.maxRequests) {
          throw new TimeoutError(
            `Job ${this.ref.id}: gave up after ${requests} status requests (polling.maxRequests)`,
            { provider: this.ref.provider },
          )
        }
        requests++
        let snapshot: JobSnapshot<unknown>
        try {
          snapshot = await handler.poll(this.ref, pollContext)
          consecutiveErrors = 0
          faulted = false
        } catch (error) {
          if (signal.aborted) return
          if (!isTransient(error) || ++consecutiveErrors >= options.maxConsecutiveErrors) {
            throw error
          }
          if (this.#untilDeadline() === 0) throw this.#deadlinePassed(last, error)
          // Keep watching through a blip, asking again as if the job were freshly queued.
          retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined
          last = { state: 'queued' }
          faulted = true
          continue
        }
        const answeredAt = this.#clock.now()
        recordObservation(history, answeredAt, snapshot)
        this.#report(snapshot as JobSnapshot<Output>)
        if (this.#terminal) {
          // It finished between the two answers: the midpoint is the best guess of when.
          if (snapshot.state === 'completed') this.#learn((notOverAt + answeredAt) / 2)
          return
        }
        notOverAt = answeredAt
        unrecognised = snapshot.unrecognisedStatus ? unrecognised + 1 : 0
        if (unrecognised >= options.maxUnrecognisedStatuses) throw this.#unknownStatus(snapshot)
        if (this.#untilDeadline() === 0) throw this.#deadlinePassed(snapshot)
        last = snapshot
        if (!watched && handler.watch && handler.watchWhen?.(snapshot as JobSnapshot<never>)) {
          // The job got to where pushing pays off: watch once; if the stream ends early, polling goes on.
          watched = true
          if (!(await this.#watchPushed(handler, context))) return
        }
      }
    } catch (error) {
      if (signal.aborted) return
      // Over before the watchers hear of it, so the last one leaving has nothing to stop.
      if (this.#observation === controller) this.#observation = undefined
      for (const watcher of this.#watchers) watcher.fail(error)
    } finally {
      if (this.#observation === controller) this.#observation = undefined
    }
  }

  /** The shortest `everyMs` among the watchers, if any asked for one. */
  #everyMs(): number | undefined {
    let shortest: number | undefined
    for (const watcher of this.#watchers) {
      if (watcher.everyMs !== undefined && !(shortest! <= watcher.everyMs)) {
        shortest = watcher.everyMs
      }
    }
    return shortest
  }

  /** The job's age and how long its kind usually takes, for the schedule; undefined when unknown. */
  #timing(): JobTiming | undefined {
    const learning = this.#learning
    if (!learning) return undefined
    const samples = learning.durations.samples(learning.key)
    const estimated = this.#estimatedMs
    return {
      elapsedMs: this.#clock.now() - this.#submittedAt,
      typicalMs: samples.length > 0 || estimated === undefined ? samples : [estimated],
    }
  }

  /** Learns that this job completed at clock time `completedAt`. */
  #learn(completedAt: number): void {
    this.#learning?.durations.record(this.#learning.key, completedAt - this.#submittedAt)
  }

  /** Milliseconds left before the polling deadline (0 once passed); Infinity without one. */
  #untilDeadline(): number {
    if (this.#deadlineAt === undefined) return Number.POSITIVE_INFINITY
    return Math.max(0, this.#deadlineAt - this.#clock.now())
  }

  #passesDeadline(delayMs: number): boolean {
    return this.#deadlineAt !== undefined && this.#clock.now() + delayMs > this.#deadlineAt
  }

  #deadlinePassed(last: JobSnapshot<unknown> | undefined, cause?: unknown): TimeoutError {
    const deadlineMs = jobDeadlineMs(this.ref.task, this.#polling)!
    const where = last?.providerStatus ? ` (last status: ${last.providerStatus})` : ''
    return new TimeoutError(
      `Job ${this.ref.id} (${this.ref.task}) was still not finished after ${deadlineMs} ms of ` +
        `polling${where}, the deadline for ${this.ref.task} jobs; the job may still finish: ` +
        "resume it from its ref, or set polling.deadlineMs (or the call's timeoutMs) to wait longer",
      { provider: this.ref.provider, timeoutMs: deadlineMs, ...(cause ? { cause } : {}) },
    )
  }

  #unknownStatus(snapshot: JobSnapshot<unknown>): ResponseShapeError {
    const word = snapshot.providerStatus ?? ''
    return new ResponseShapeError(
      `${this.ref.provider}: job ${this.ref.id} answered the status ${JSON.stringify(word)} ` +
        `${this.#polling.maxUnrecognisedStatuses} times in a row, a status atelier does not know. ` +
        'The job may have finished: resume it from its ref once the driver knows the status',
      {
        provider: this.ref.provider,
        status: 200,
        issues: [
          {
            path: ['status'],
            message: `unknown status ${JSON.stringify(word)}`,
            rule: 'unknown_status',
          },
        ],
      },
    )
  }

  /**
   * Reads an inline job's progress on the engine's schedule (or the reader's own interval)
   * until the request settles or nobody watches. A reading that fails is skipped.
   */
  async #readProgress(progress: InlineProgress, context: DriverContext): Promise<void> {
    const signal = context.signal!
    const history = newPollHistory()
    const options = this.#polling
    let last: JobSnapshot<unknown> = this.#latest ?? { state: 'running' }
    while (!this.#terminal) {
      const delayMs = progress.intervalMs ?? pollIntervalFor(last, history, options).delayMs
      await this.#clock.sleep(
        Math.min(delayMs, this.#everyMs() ?? Number.POSITIVE_INFINITY),
        signal,
      )
      let snapshot: JobSnapshot<unknown> | undefined
      try {
        snapshot = await progress.read(context)
      } catch {
        if (signal.aborted) return
        continue
      }
      if (signal.aborted) return
      if (!snapshot) continue
      recordObservation(history, this.#clock.now(), snapshot)
      this.#report(snapshot as JobSnapshot<Output>)
      last = snapshot
    }
  }

  /**
   * Follows the handler's push stream. True when polling should take over (the stream ended
   * early or broke on a transient fault), false when the job is terminal or observation stopped.
   */
  async #watchPushed(handler: TaskHandler<TaskName>, context: DriverContext): Promise<boolean> {
    try {
      for await (const snapshot of handler.watch!(this.ref, context)) {
        this.#report(snapshot as JobSnapshot<Output>)
        if (this.#terminal) {
          // A pushed completion arrives as it happens.
          if (snapshot.state === 'completed') this.#learn(this.#clock.now())
          return false
        }
      }
    } catch (error) {
      if (context.signal?.aborted) return false
      if (!isTransient(error) && !handler.poll) throw error
      // A broken stream falls back to polling.
    }
    return true
  }
}

/** How long the submit's answer expected the job to take (an ETA given at submit), if it said. */
function estimateOf(snapshot: JobSnapshot<unknown> | undefined): number | undefined {
  if (!snapshot || isTerminal(snapshot)) return undefined
  const eta =
    snapshot.hints?.etaMs ?? (snapshot.state === 'running' ? snapshot.progress?.etaMs : undefined)
  return eta !== undefined && eta > 0 ? eta : undefined
}

/** Starts a job from a driver's submission. */
export function jobFromSubmission<Output>(
  submission: Submission<Output>,
  init: Omit<JobInit<Output>, 'ref' | 'snapshot' | 'inline'> & {
    task: TaskName
    controller: AbortController
  },
): Job<Output> {
  const { task, controller, ...rest } = init
  switch (submission.type) {
    case 'completed':
      return new Job<Output>({
        ...rest,
        ref: submission.ref ?? inlineRef(init.driver.id, task, init.clock),
        snapshot: { state: 'completed', output: submission.output },
      })
    case 'pending':
      return new Job<Output>({ ...rest, ref: submission.ref, snapshot: submission.snapshot })
    case 'inline':
      return new Job<Output>({
        ...rest,
        ref: submission.ref,
        ...(submission.snapshot ? { snapshot: submission.snapshot } : {}),
        inline: {
          result: submission.result,
          controller,
          ...(submission.progress ? { progress: submission.progress } : {}),
        },
      })
  }
}

let inlineCounter = 0
/** A ref for work that lives only in this process; its id's time is the injected clock's. */
export function inlineRef<T extends TaskName>(provider: string, task: T, clock: Clock): JobRef<T> {
  inlineCounter = (inlineCounter + 1) % Number.MAX_SAFE_INTEGER
  return {
    provider,
    task,
    id: `inline-${Math.floor(clock.now()).toString(36)}-${inlineCounter}`,
    inline: true,
  }
}

/** `output` with `warnings` in front of its own. */
export function withWarnings<Output>(output: Output, warnings: readonly Warning[]): Output {
  if (warnings.length === 0 || typeof output !== 'object' || output === null) return output
  const own = (output as Partial<OutputBase>).warnings ?? []
  return { ...output, warnings: [...warnings, ...own] }
}

function outcomeOf<Output>(terminal: Terminal<Output>, ref: JobRef): Output {
  if (terminal.state === 'completed') return terminal.output
  if (terminal.state === 'failed') throw terminal.error
  throw new JobCanceledError(`Job ${ref.id} was canceled`, {
    provider: ref.provider,
    jobId: ref.id,
  })
}

/** Errors worth polling through: the network, a 5xx, a 429, a request timeout. Read from the error's own flag, so another copy of core's errors count. */
function isTransient(error: unknown): boolean {
  return isAtelierError(error) && error.isRetryable
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
