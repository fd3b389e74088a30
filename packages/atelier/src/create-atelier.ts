/**
 * The facade: one client over any number of drivers. It validates input once, routes
 * `provider/model` to the right driver, walks an ordered fallback list, and returns Jobs
 * that can be awaited, watched, canceled or stored and resumed.
 */
import {
  AbortError,
  type AtelierError,
  type AtelierHooks,
  type Clock,
  checkOptionNames,
  createJobDurations,
  createRequestBudget,
  type Driver,
  isAtelierError,
  type JobRef,
  type ModelInfo,
  type OptionNames,
  POLLING_OPTION_NAMES,
  type PollingOptions,
  resumeJob,
  systemClock,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type TextStreamPart,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  type ValidTaskInput,
  validateTaskInput,
  type WaitOptions,
} from '@atelier/core'
import {
  anySignal,
  callHook,
  mergeHooks,
  startValidJob,
  taskHandler,
  throwIfAborted,
  withCheckedProviderOptions,
} from '@atelier/core/driver'
import { type ResolvedModel, resolveModel } from './model-ref'
import { checkProviderOptionKeys } from './provider-options'
import { type SubmitManyOptions, type SubmitOutcome, submitEach } from './submit-many'
import type { AtelierInput, AtelierJob, Providers } from './types'

/**
 * How much later than others a request may reach the server while the server still counts at
 * most `maxRequestsPerSecond` in any second: a busy event loop on either side delays requests
 * by tens of milliseconds, and the 10,000-job bench saw 10-13 % over the rate without this.
 */
const BUDGET_HEADROOM_MS = 100

export interface AtelierOptions<P extends Providers = Providers> {
  /** The drivers to route to, e.g. `[local({ baseUrl }), canary({ apiKey })]`. Ids must be unique. */
  providers: P
  /** Logging, tracing and usage hooks for every call. */
  hooks?: AtelierHooks
  /**
   * Polling defaults for every job (drivers' own defaults sit underneath). `durations`: where
   * the client learns how long each kind of job takes (a fresh `createJobDurations()` by
   * default; pass your own to seed it or keep what it learnt, `false` to poll without it).
   */
  polling?: Partial<PollingOptions>
  /**
   * Cap on requests per second across all jobs of this client — submits, status polls,
   * results, cancels and their retries alike. Requests go out paced, up to 1/100 of the rate
   * (10 ms worth) back to back: enough that a timer firing a little late does not lower the
   * rate, few enough that their answers do not all land in one turn of the event loop. No window of one second plus the budget's headroom (100 ms) holds more than the
   * rate, so the server still counts at most this many in any second when a request takes up
   * to 100 ms longer than the one before it to arrive; the cost is a mean rate of at most
   * 1000/1100 of the cap (see `createRequestBudget`).
   */
  maxRequestsPerSecond?: number
  /**
   * Which errors move on to the next model in a fallback list. Default: every provider-side
   * failure; never an abort, a cancel or a spent deadline.
   */
  shouldFallback?(error: AtelierError): boolean
  clock?: Clock
}

export interface CallOptions<Output> extends Omit<WaitOptions<Output>, 'cancelOnAbort'> {
  /** Hooks for this call only (added to the client's). */
  hooks?: AtelierHooks
  /** Polling overrides for this call. */
  polling?: Partial<PollingOptions>
}

export interface SubmitOptions {
  signal?: AbortSignal
  hooks?: AtelierHooks
  polling?: Partial<PollingOptions>
  /**
   * The submit's idempotency key (sent in the `Idempotency-Key` header), e.g. your queue's
   * job id: a provider that dedupes by key answers the same work sent again with the first
   * job instead of starting and billing a second. None of the five providers' documents
   * promises that; the key still tells a repeat from new work in their logs and in the
   * emulators' ledgers. A fresh key per submit when unset.
   */
  idempotencyKey?: string
  /** Headers of your own for the submit's requests (a trace id): never in place of credentials. */
  headers?: Record<string, string>
}

export interface StreamOptions {
  signal?: AbortSignal
  hooks?: AtelierHooks
  /** Headers of your own for the stream's requests (a trace id): never in place of credentials. */
  headers?: Record<string, string>
}

export interface ResumeOptions {
  hooks?: AtelierHooks
  polling?: Partial<PollingOptions>
}

/**
 * `verb(input)` runs to the end; `verb.submit(input)` returns the Job; `verb.submitMany(inputs)`
 * submits a list a few at a time.
 */
export interface TaskMethod<T extends TaskName, P extends Providers = Providers> {
  (input: AtelierInput<T, P>, options?: CallOptions<TaskOutput<T>>): Promise<TaskOutput<T>>
  submit(input: AtelierInput<T, P>, options?: SubmitOptions): Promise<AtelierJob<T>>
  /**
   * Submits every input, at most `concurrency` (default 8) at once, yielding to the event loop
   * between submits so timers and responses keep being served. Resolves with one outcome per
   * input, in input order: `{ ok: true, job }` or `{ ok: false, error }`. One input's failure
   * (a bad input, a provider error) does not stop the others or lose their jobs; an abort
   * stops what has not been submitted yet. A bad `concurrency` throws a ValidationError naming
   * it before any request.
   */
  submitMany(
    inputs: readonly AtelierInput<T, P>[],
    options?: SubmitManyOptions,
  ): Promise<SubmitOutcome<T>[]>
}

export interface Atelier<P extends Providers = Providers> {
  image: {
    generate: TaskMethod<'image.generate', P>
    edit: TaskMethod<'image.edit', P>
    submit: TaskMethod<'image.generate', P>['submit']
    submitMany: TaskMethod<'image.generate', P>['submitMany']
  }
  video: {
    generate: TaskMethod<'video.generate', P>
    submit: TaskMethod<'video.generate', P>['submit']
    submitMany: TaskMethod<'video.generate', P>['submitMany']
  }
  /** 3D models from a prompt, an image, or both: `{ models, referenceImages? }`, binary glTF by default. */
  model3d: {
    generate: TaskMethod<'model3d.generate', P>
    submit: TaskMethod<'model3d.generate', P>['submit']
    submitMany: TaskMethod<'model3d.generate', P>['submitMany']
  }
  speech: {
    generate: TaskMethod<'speech.generate', P>
    submit: TaskMethod<'speech.generate', P>['submit']
    submitMany: TaskMethod<'speech.generate', P>['submitMany']
  }
  dialogue: {
    generate: TaskMethod<'dialogue.generate', P>
    submit: TaskMethod<'dialogue.generate', P>['submit']
    submitMany: TaskMethod<'dialogue.generate', P>['submitMany']
  }
  soundEffect: {
    generate: TaskMethod<'soundEffect.generate', P>
    submit: TaskMethod<'soundEffect.generate', P>['submit']
    submitMany: TaskMethod<'soundEffect.generate', P>['submitMany']
  }
  music: {
    generate: TaskMethod<'music.generate', P>
    submit: TaskMethod<'music.generate', P>['submit']
    submitMany: TaskMethod<'music.generate', P>['submitMany']
  }
  transcription: {
    create: TaskMethod<'transcription.create', P>
    submit: TaskMethod<'transcription.create', P>['submit']
    submitMany: TaskMethod<'transcription.create', P>['submitMany']
  }
  vision: {
    analyze: TaskMethod<'vision.analyze', P>
    detect: TaskMethod<'vision.detect', P>
    submit: TaskMethod<'vision.analyze', P>['submit']
    submitMany: TaskMethod<'vision.analyze', P>['submitMany']
  }
  text: {
    generate: TaskMethod<'text.generate', P>
    submit: TaskMethod<'text.generate', P>['submit']
    submitMany: TaskMethod<'text.generate', P>['submitMany']
    /**
     * Streams the reply as it is written. Providers without streaming yield the whole text as
     * one delta. A fallback list is walked as for the other tasks while nothing has been
     * yielded; once a part has been, an error ends the stream.
     */
    stream(
      input: AtelierInput<'text.generate', P>,
      options?: StreamOptions,
    ): AsyncIterable<TextStreamPart>
  }
  prompt: {
    enhance: TaskMethod<'prompt.enhance', P>
    submit: TaskMethod<'prompt.enhance', P>['submit']
    submitMany: TaskMethod<'prompt.enhance', P>['submitMany']
  }

  /** Any task by name: runs to the end. */
  run<T extends TaskName>(
    task: T,
    input: AtelierInput<T, P>,
    options?: CallOptions<TaskOutput<T>>,
  ): Promise<TaskOutput<T>>
  /** Any task by name: returns the Job once the provider has it. */
  submit<T extends TaskName>(
    task: T,
    input: AtelierInput<T, P>,
    options?: SubmitOptions,
  ): Promise<AtelierJob<T>>
  /** Any task by name: `submitMany` of that task's method. */
  submitMany<T extends TaskName>(
    task: T,
    inputs: readonly AtelierInput<T, P>[],
    options?: SubmitManyOptions,
  ): Promise<SubmitOutcome<T>[]>

  jobs: {
    /**
     * A Job from a stored ref, in this process or any other with the same providers. Typed by
     * the ref: `resume(job.toJSON())` of a video job waits for a `VideoOutput`.
     */
    resume<T extends TaskName>(ref: JobRef<T>, options?: ResumeOptions): AtelierJob<T>
    /**
     * A ref of unknown shape (`JSON.parse(saved)`) is checked before use; its job's output is
     * any task's. Say which task it is to type it: `JSON.parse(saved) as JobRef<'video.generate'>`.
     */
    resume(ref: unknown, options?: ResumeOptions): AtelierJob
  }
  models: {
    /** What each provider's server offers now (providers without a model list are skipped). */
    list(options?: {
      provider?: string
      signal?: AbortSignal
    }): Promise<(ModelInfo & { provider: string })[]>
  }
  /** The registered drivers by id. */
  readonly providers: ReadonlyMap<string, Driver>
}

const ATELIER_OPTION_NAMES = {
  providers: true,
  hooks: true,
  polling: true,
  maxRequestsPerSecond: true,
  shouldFallback: true,
  clock: true,
} as const satisfies OptionNames<AtelierOptions>

/**
 * Refuses, before anything is built, options a plain-JavaScript caller can get wrong without
 * noticing: a misspelt name (at the top or in `polling`), and `providers` missing or holding
 * something that is not a driver (`local` instead of `local()`).
 */
function checkAtelierOptions(options: AtelierOptions): void {
  const owner = 'createAtelier()'
  checkOptionNames(owner, options, ATELIER_OPTION_NAMES)
  checkOptionNames(owner, options?.polling, POLLING_OPTION_NAMES, ['polling'])
  const providers: unknown = options?.providers
  if (!Array.isArray(providers)) {
    throw new ValidationError(
      [
        {
          path: ['providers'],
          message: 'is required: a list of drivers, e.g. [local()]',
          rule: providers === undefined ? 'required' : 'invalid_type',
        },
      ],
      { message: `${owner}: providers must be a list of drivers, e.g. { providers: [local()] }` },
    )
  }
  providers.forEach((driver: unknown, index) => {
    const isDriver =
      typeof driver === 'object' &&
      driver !== null &&
      typeof (driver as Partial<Driver>).id === 'string' &&
      typeof (driver as Partial<Driver>).tasks === 'object'
    if (isDriver) return
    const called =
      typeof driver === 'function' ? `; call it: ${driver.name || 'the factory'}(...)` : ''
    throw new ValidationError(
      [{ path: ['providers', index], message: `is not a driver${called}`, rule: 'invalid_type' }],
      {
        message: `${owner}: providers.${index} is not a driver (a driver has an id and tasks)${called}`,
      },
    )
  })
}

/**
 * A client over `providers`. With drivers written by `defineDriver` (every `@atelier/*`
 * driver), `model` completes to their known `provider/model` ids per task and
 * `providerOptions.<id>` is typed by that driver's schema for the task.
 */
export function createAtelier<const P extends Providers>(options: AtelierOptions<P>): Atelier<P> {
  checkAtelierOptions(options)
  const drivers = new Map<string, Driver>()
  for (const driver of options.providers) {
    if (drivers.has(driver.id))
      throw new TypeError(`Two providers share the id ${JSON.stringify(driver.id)}`)
    drivers.set(driver.id, driver)
  }
  const providerIds = [...drivers.keys()]
  const clock = options.clock ?? systemClock
  const budget =
    options.maxRequestsPerSecond !== undefined
      ? createRequestBudget({
          requestsPerSecond: options.maxRequestsPerSecond,
          burst: Math.max(1, Math.floor(options.maxRequestsPerSecond / 100)),
          headroomMs: BUDGET_HEADROOM_MS,
          clock,
        })
      : undefined
  // One store per client: every job it submits learns how long its kind takes, and later jobs
  // of that kind are polled where those durations say they finish.
  const durations = options.polling?.durations ?? createJobDurations()
  const basePolling: Partial<PollingOptions> = {
    ...options.polling,
    ...(budget ? { budget } : {}),
    durations,
  }
  const shouldFallback = options.shouldFallback ?? defaultShouldFallback

  /**
   * Shared validation once, then each candidate model in order. `valid` is the input as the
   * task schema parsed it, for the first candidate's model. Each provider's own options are
   * checked by core against its handler's schema when the job is submitted there.
   */
  function candidates<T extends TaskName>(
    task: T,
    input: AtelierInput<T, P>,
  ): { list: ResolvedModel[]; valid: ValidTaskInput<T> } {
    checkModelField(input)
    const models: readonly string[] =
      typeof input.model === 'string' ? [input.model] : [...(input.model ?? [])]
    if (models.length === 0) {
      throw new ValidationError([
        { path: ['model'], message: 'needs at least one provider/model', rule: 'required' },
      ])
    }
    const list = models.map((model, index) =>
      resolveModel(
        model,
        task,
        drivers,
        typeof input.model === 'string' ? ['model'] : ['model', index],
      ),
    )
    // Shared rules are provider-independent: check them before any request.
    const valid = validateTaskInput(task, { ...input, model: list[0]!.model } as TaskInput<T>)
    checkProviderOptionKeys(valid.providerOptions, providerIds)
    return { list, valid }
  }

  /** Starts the job on one candidate, with input already checked by `candidates`. */
  async function startOn<T extends TaskName>(
    task: T,
    candidate: ResolvedModel,
    valid: ValidTaskInput<T>,
    hooks: AtelierHooks | undefined,
    callOptions: SubmitOptions,
  ): Promise<AtelierJob<T>> {
    throwIfAborted(callOptions.signal)
    // The model field is only ever a non-empty string: any candidate's id is valid as well. A
    // copy for each attempt, so what one driver does with its input never reaches the next.
    const input = { ...valid, model: candidate.model }
    const job = await startValidJob(candidate.driver, task, input, {
      signal: callOptions.signal,
      hooks,
      clock,
      polling: { ...basePolling, ...callOptions.polling },
      ...(callOptions.idempotencyKey ? { idempotencyKey: callOptions.idempotencyKey } : {}),
      ...(callOptions.headers ? { headers: callOptions.headers } : {}),
    })
    // Core builds the ref from this call's task, so the job is this task's.
    return job as AtelierJob<T>
  }

  async function submit<T extends TaskName>(
    task: T,
    input: AtelierInput<T, P>,
    callOptions: SubmitOptions = {},
  ): Promise<AtelierJob<T>> {
    const hooks = mergeHooks(options.hooks, callOptions.hooks)
    const { list, valid } = candidates(task, input)
    return withFallbacks(task, list, hooks, (candidate) =>
      startOn(task, candidate, valid, hooks, callOptions),
    )
  }

  async function submitMany<T extends TaskName>(
    task: T,
    inputs: readonly AtelierInput<T, P>[],
    manyOptions: SubmitManyOptions = {},
  ): Promise<SubmitOutcome<T>[]> {
    const { concurrency: _concurrency, ...submitOptions } = manyOptions
    return submitEach(inputs, manyOptions, (input) => submit(task, input, submitOptions))
  }

  /** Whether a failure of `list[index]` moves on to the next candidate (told to the hooks). */
  function fallsBack(
    task: TaskName,
    list: readonly ResolvedModel[],
    index: number,
    error: unknown,
    hooks: AtelierHooks | undefined,
  ): boolean {
    const next = list[index + 1]
    if (!next || !isAtelierError(error) || !shouldFallback(error)) return false
    callHook(hooks, 'onFallback', { task, from: list[index]!.address, to: next.address, error })
    return true
  }

  /** Tries each candidate in order, moving on when `shouldFallback` says the failure allows it. */
  async function withFallbacks<Result>(
    task: TaskName,
    list: readonly ResolvedModel[],
    hooks: AtelierHooks | undefined,
    attempt: (candidate: ResolvedModel) => Promise<Result>,
  ): Promise<Result> {
    for (let index = 0; ; index++) {
      try {
        return await attempt(list[index]!)
      } catch (error) {
        if (!fallsBack(task, list, index, error, hooks)) throw error
      }
    }
  }

  async function run<T extends TaskName>(
    task: T,
    input: AtelierInput<T, P>,
    callOptions: CallOptions<TaskOutput<T>> = {},
  ): Promise<TaskOutput<T>> {
    const hooks = mergeHooks(options.hooks, callOptions.hooks)
    const { list, valid } = candidates(task, input)
    const { timeoutMs } = callOptions
    const deadline = timeoutMs !== undefined ? clock.now() + timeoutMs : undefined
    // The deadline covers submitting too: a submit that has to wait (for a GPU slot, say) ends
    // when the time is up, with the caller's limit in the message.
    const submitting = timeoutMs !== undefined ? new AbortController() : undefined
    const timer = timeoutMs !== undefined ? new AbortController() : undefined
    if (timeoutMs !== undefined) {
      clock.sleep(timeoutMs, timer!.signal).then(
        () =>
          submitting!.abort(
            new TimeoutError(`${task} did not start within ${timeoutMs} ms`, { timeoutMs }),
          ),
        () => {
          // Submitted (or failed) first.
        },
      )
    }
    const submitOptions: SubmitOptions = {
      ...callOptions,
      ...(submitting ? { signal: anySignal([callOptions.signal, submitting.signal]) } : {}),
      // The caller's own limit replaces the task's default polling deadline.
      ...(timeoutMs !== undefined
        ? { polling: { deadlineMs: false as const, ...callOptions.polling } }
        : {}),
    }
    try {
      return await withFallbacks(task, list, hooks, async (candidate) => {
        const job = await startOn(task, candidate, valid, hooks, submitOptions)
        timer?.abort()
        const remaining = deadline !== undefined ? Math.max(0, deadline - clock.now()) : undefined
        return job
          .wait({
            signal: callOptions.signal,
            onProgress: callOptions.onProgress,
            ...(remaining !== undefined ? { timeoutMs: remaining } : {}),
            // Nobody holds this job but us: abandoning it must not leave paid work running.
            cancelOnAbort: true,
          })
          .catch((error: unknown) => {
            // Name the caller's limit, not what was left of it after submitting.
            if (error instanceof TimeoutError && timeoutMs !== undefined) {
              throw new TimeoutError(`Job ${job.ref.id} did not finish within ${timeoutMs} ms`, {
                provider: job.ref.provider,
                timeoutMs,
                cause: error,
              })
            }
            throw error
          })
      })
    } finally {
      timer?.abort()
    }
  }

  /**
   * Streams text from each candidate in turn: a candidate that fails before its first part
   * hands over to the next one (as a submit does); after a part has been yielded, the caller
   * has seen output, and an error ends the stream.
   */
  async function* stream(
    input: AtelierInput<'text.generate', P>,
    callOptions: StreamOptions = {},
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const task = 'text.generate'
    const hooks = mergeHooks(options.hooks, callOptions.hooks)
    const { list, valid } = candidates(task, input)
    for (let index = 0; ; index++) {
      let started = false
      try {
        for await (const part of streamOn(list[index]!, valid, hooks, callOptions)) {
          started = true
          yield part
        }
        return
      } catch (error) {
        if (started || !fallsBack(task, list, index, error, hooks)) throw error
      }
    }
  }

  /** One candidate's stream; a provider that cannot stream yields the whole answer as one delta. */
  async function* streamOn(
    candidate: ResolvedModel,
    valid: ValidTaskInput<'text.generate'>,
    hooks: AtelierHooks | undefined,
    callOptions: StreamOptions,
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const task = 'text.generate'
    throwIfAborted(callOptions.signal)
    const handler = taskHandler(candidate.driver, task)
    if (!handler) {
      throw new UnsupportedError(`${candidate.driver.id} does not support ${task}`, {
        provider: candidate.driver.id,
      })
    }
    if (handler.stream) {
      // A stream is not a submitted job: its provider options are checked here, as core does at submit.
      const input = withCheckedProviderOptions(candidate.driver.id, handler, {
        ...valid,
        model: candidate.model,
      })
      yield* handler.stream(input, {
        clock,
        hooks,
        signal: callOptions.signal,
        ...(budget ? { budget } : {}),
        ...(callOptions.headers ? { headers: callOptions.headers } : {}),
      })
      return
    }
    const job = await startOn(task, candidate, valid, hooks, callOptions)
    const output = await job.wait({ signal: callOptions.signal, cancelOnAbort: true })
    yield { type: 'text-delta', text: output.text }
    yield { type: 'finish', finishReason: output.finishReason, usage: output.usage }
  }

  function method<T extends TaskName>(task: T): TaskMethod<T, P> {
    const call = ((input: AtelierInput<T, P>, callOptions?: CallOptions<TaskOutput<T>>) =>
      run(task, input, callOptions)) as TaskMethod<T, P>
    call.submit = (input, submitOptions) => submit(task, input, submitOptions)
    call.submitMany = (inputs, manyOptions) => submitMany(task, inputs, manyOptions)
    return call
  }

  const image = { generate: method('image.generate'), edit: method('image.edit') }
  const video = method('video.generate')
  const model3d = method('model3d.generate')
  const speech = method('speech.generate')
  const dialogue = method('dialogue.generate')
  const soundEffect = method('soundEffect.generate')
  const music = method('music.generate')
  const transcription = method('transcription.create')
  const vision = { analyze: method('vision.analyze'), detect: method('vision.detect') }
  const text = method('text.generate')
  const prompt = method('prompt.enhance')

  function resume(ref: unknown, resumeOptions: ResumeOptions = {}): AtelierJob {
    const provider = (ref as { provider?: unknown } | null)?.provider
    const driver = typeof provider === 'string' ? drivers.get(provider) : undefined
    if (!driver) {
      throw new ValidationError([
        {
          path: ['ref', 'provider'],
          message: `no registered provider ${JSON.stringify(provider)} (have: ${providerIds.join(', ')})`,
          rule: 'unknown_provider',
        },
      ])
    }
    // `resumeJob` checks the ref's shape; the job's ref is the one given, task and all.
    return resumeJob(driver, ref, {
      clock,
      hooks: mergeHooks(options.hooks, resumeOptions.hooks),
      polling: { ...basePolling, ...resumeOptions.polling },
    }) as AtelierJob
  }

  return {
    image: { ...image, submit: image.generate.submit, submitMany: image.generate.submitMany },
    video: { generate: video, submit: video.submit, submitMany: video.submitMany },
    model3d: { generate: model3d, submit: model3d.submit, submitMany: model3d.submitMany },
    speech: { generate: speech, submit: speech.submit, submitMany: speech.submitMany },
    dialogue: { generate: dialogue, submit: dialogue.submit, submitMany: dialogue.submitMany },
    soundEffect: {
      generate: soundEffect,
      submit: soundEffect.submit,
      submitMany: soundEffect.submitMany,
    },
    music: { generate: music, submit: music.submit, submitMany: music.submitMany },
    transcription: {
      create: transcription,
      submit: transcription.submit,
      submitMany: transcription.submitMany,
    },
    vision: { ...vision, submit: vision.analyze.submit, submitMany: vision.analyze.submitMany },
    text: {
      generate: text,
      submit: text.submit,
      submitMany: text.submitMany,
      stream: (input, callOptions) => stream(input, callOptions),
    },
    prompt: { enhance: prompt, submit: prompt.submit, submitMany: prompt.submitMany },
    run,
    submit,
    submitMany,
    // The overloads only type the output by the ref's task, which is the job's task.
    jobs: { resume: resume as Atelier<P>['jobs']['resume'] },
    models: {
      async list(listOptions = {}) {
        const selected = listOptions.provider
          ? [drivers.get(listOptions.provider)].filter(
              (driver): driver is Driver => driver !== undefined,
            )
          : [...drivers.values()]
        const lists = await Promise.all(
          selected.map(async (driver) =>
            driver.listModels
              ? (
                  await driver.listModels({
                    clock,
                    hooks: options.hooks,
                    signal: listOptions.signal,
                  })
                ).map((model) => ({ ...model, provider: driver.id }))
              : [],
          ),
        )
        return lists.flat()
      },
    },
    providers: drivers,
  }
}

/**
 * The input is an object and `model` a string or a list of strings, checked before `model` is
 * read: callers without types (JSON, `any`) must get a ValidationError, not a TypeError.
 */
function checkModelField(input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ValidationError([{ path: [], message: 'expected an object', rule: 'invalid_type' }])
  }
  const model = (input as { model?: unknown }).model
  if (typeof model === 'string' || model === undefined) return
  if (!Array.isArray(model)) {
    throw new ValidationError([
      {
        path: ['model'],
        message: 'expected provider/model or a list of them',
        rule: 'invalid_type',
      },
    ])
  }
  const index = model.findIndex((entry) => typeof entry !== 'string')
  if (index >= 0) {
    throw new ValidationError([
      { path: ['model', index], message: 'expected provider/model', rule: 'invalid_type' },
    ])
  }
}

/** Move on for provider-side failures; stop for the caller's own abort, a cancel, or a spent deadline. */
export function defaultShouldFallback(error: AtelierError): boolean {
  if (error instanceof AbortError) return false
  if (error.code === 'job_canceled') return false
  if (error instanceof TimeoutError && error.timeoutMs !== undefined) return false
  return true
}
