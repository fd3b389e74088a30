/**
 * The facade: one client over any number of drivers. It validates input once, routes
 * `provider/model` to the right driver, walks an ordered fallback list, and returns Jobs
 * that can be awaited, watched, canceled or stored and resumed.
 */
import {
  AbortError,
  type AtelierError,
  type AtelierHooks,
  anySignal,
  type Clock,
  callHook,
  createRequestBudget,
  type Driver,
  isAtelierError,
  type Job,
  type ModelInfo,
  mergeHooks,
  type PollingOptions,
  resumeJob,
  type StreamableTask,
  startValidJob,
  systemClock,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type TaskStreamParts,
  type TextStreamPart,
  TimeoutError,
  throwIfAborted,
  ValidationError,
  type ValidTaskInput,
  validateTaskInput,
  type WaitOptions,
} from '@atelier/core'
import { type ResolvedModel, resolveModel } from './model-ref'

export interface AtelierOptions {
  /** The drivers to route to, e.g. `[local({ baseUrl }), canary({ apiKey })]`. Ids must be unique. */
  providers: Driver[]
  /** Logging, tracing and usage hooks for every call. */
  hooks?: AtelierHooks
  /** Polling defaults for every job (drivers' own defaults sit underneath). */
  polling?: Partial<PollingOptions>
  /**
   * Cap on status requests per second across all jobs of this client: no one-second window
   * holds more. Requests go out paced, up to 1/20 of the rate (50 ms worth) back to back, so
   * timers that fire late on a busy event loop do not lower the rate.
   */
  maxPollsPerSecond?: number
  /**
   * Which errors move on to the next model in a fallback list. Default: every provider-side
   * failure; never an abort, a cancel or a spent deadline.
   */
  shouldFallback?(error: AtelierError): boolean
  clock?: Clock
}

/** A facade input: the task's input with `model` as `provider/model`, or an ordered list to fall back through. */
export type AtelierInput<T extends TaskName> = Omit<TaskInput<T>, 'model'> & {
  model: string | readonly string[]
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
}

/** `verb(input)` runs to the end; `verb.submit(input)` returns the Job. */
export interface TaskMethod<T extends TaskName> {
  (input: AtelierInput<T>, options?: CallOptions<TaskOutput<T>>): Promise<TaskOutput<T>>
  submit(input: AtelierInput<T>, options?: SubmitOptions): Promise<Job<TaskOutput<T>>>
}

export interface Atelier {
  image: {
    generate: TaskMethod<'image.generate'>
    edit: TaskMethod<'image.edit'>
    submit: TaskMethod<'image.generate'>['submit']
  }
  video: { generate: TaskMethod<'video.generate'>; submit: TaskMethod<'video.generate'>['submit'] }
  /** 3D models from a prompt, an image, or both: `{ models, referenceImages? }`, binary glTF by default. */
  model3d: {
    generate: TaskMethod<'model3d.generate'>
    submit: TaskMethod<'model3d.generate'>['submit']
  }
  speech: {
    generate: TaskMethod<'speech.generate'>
    submit: TaskMethod<'speech.generate'>['submit']
  }
  dialogue: {
    generate: TaskMethod<'dialogue.generate'>
    submit: TaskMethod<'dialogue.generate'>['submit']
  }
  soundEffect: {
    generate: TaskMethod<'soundEffect.generate'>
    submit: TaskMethod<'soundEffect.generate'>['submit']
  }
  music: { generate: TaskMethod<'music.generate'>; submit: TaskMethod<'music.generate'>['submit'] }
  transcription: {
    create: TaskMethod<'transcription.create'>
    submit: TaskMethod<'transcription.create'>['submit']
  }
  vision: {
    analyze: TaskMethod<'vision.analyze'>
    detect: TaskMethod<'vision.detect'>
    submit: TaskMethod<'vision.analyze'>['submit']
  }
  text: {
    generate: TaskMethod<'text.generate'>
    submit: TaskMethod<'text.generate'>['submit']
    /** Streams the reply as it is written. Providers without streaming yield the whole text as one delta. */
    stream(
      input: AtelierInput<'text.generate'>,
      options?: { signal?: AbortSignal; hooks?: AtelierHooks },
    ): AsyncIterable<TextStreamPart>
  }
  prompt: { enhance: TaskMethod<'prompt.enhance'>; submit: TaskMethod<'prompt.enhance'>['submit'] }

  /** Any task by name: runs to the end. */
  run<T extends TaskName>(
    task: T,
    input: AtelierInput<T>,
    options?: CallOptions<TaskOutput<T>>,
  ): Promise<TaskOutput<T>>
  /** Any task by name: returns the Job once the provider has it. */
  submit<T extends TaskName>(
    task: T,
    input: AtelierInput<T>,
    options?: SubmitOptions,
  ): Promise<Job<TaskOutput<T>>>

  jobs: {
    /** A Job from a stored ref (`JSON.parse(saved)`), in this process or any other with the same providers. */
    resume<T extends TaskName = TaskName>(
      ref: unknown,
      options?: { hooks?: AtelierHooks; polling?: Partial<PollingOptions> },
    ): Job<TaskOutput<T>>
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

export function createAtelier(options: AtelierOptions): Atelier {
  const drivers = new Map<string, Driver>()
  for (const driver of options.providers ?? []) {
    if (drivers.has(driver.id))
      throw new TypeError(`Two providers share the id ${JSON.stringify(driver.id)}`)
    drivers.set(driver.id, driver)
  }
  const clock = options.clock ?? systemClock
  const budget =
    options.maxPollsPerSecond !== undefined
      ? createRequestBudget({
          requestsPerSecond: options.maxPollsPerSecond,
          burst: Math.max(1, Math.floor(options.maxPollsPerSecond / 20)),
          clock,
        })
      : undefined
  const basePolling: Partial<PollingOptions> = { ...options.polling, ...(budget ? { budget } : {}) }
  const shouldFallback = options.shouldFallback ?? defaultShouldFallback

  /**
   * Shared validation once, then each candidate model in order. `valid` is the input as the
   * task schema parsed it, for the first candidate's model.
   */
  function candidates<T extends TaskName>(
    task: T,
    input: AtelierInput<T>,
  ): { list: ResolvedModel[]; valid: ValidTaskInput<T> } {
    checkModelField(input)
    const models = typeof input.model === 'string' ? [input.model] : [...(input.model ?? [])]
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
    return { list, valid }
  }

  /** Starts the job on one candidate, with input already checked by `candidates`. */
  function startOn<T extends TaskName>(
    task: T,
    candidate: ResolvedModel,
    valid: ValidTaskInput<T>,
    hooks: AtelierHooks | undefined,
    callOptions: SubmitOptions,
  ): Promise<Job<TaskOutput<T>>> {
    throwIfAborted(callOptions.signal)
    // The model field is only ever a non-empty string: any candidate's id is valid as well. A
    // copy for each attempt, so what one driver does with its input never reaches the next.
    const input = { ...valid, model: candidate.model }
    return startValidJob(candidate.driver, task, input, {
      signal: callOptions.signal,
      hooks,
      clock,
      polling: { ...basePolling, ...callOptions.polling },
    })
  }

  async function submit<T extends TaskName>(
    task: T,
    input: AtelierInput<T>,
    callOptions: SubmitOptions = {},
  ): Promise<Job<TaskOutput<T>>> {
    const hooks = mergeHooks(options.hooks, callOptions.hooks)
    const { list, valid } = candidates(task, input)
    return withFallbacks(task, list, hooks, (candidate) =>
      startOn(task, candidate, valid, hooks, callOptions),
    )
  }

  /** Tries each candidate in order, moving on when `shouldFallback` says the failure allows it. */
  async function withFallbacks<Result>(
    task: TaskName,
    list: ResolvedModel[],
    hooks: AtelierHooks | undefined,
    attempt: (candidate: ResolvedModel) => Promise<Result>,
  ): Promise<Result> {
    for (let index = 0; ; index++) {
      const candidate = list[index]!
      try {
        return await attempt(candidate)
      } catch (error) {
        const next = list[index + 1]
        if (!next || !isAtelierError(error) || !shouldFallback(error)) throw error
        callHook(hooks, 'onFallback', { task, from: candidate.address, to: next.address, error })
      }
    }
  }

  async function run<T extends TaskName>(
    task: T,
    input: AtelierInput<T>,
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
    const submitOptions = submitting
      ? { ...callOptions, signal: anySignal([callOptions.signal, submitting.signal]) }
      : callOptions
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

  async function* stream<T extends StreamableTask>(
    task: T,
    input: AtelierInput<T>,
    callOptions: { signal?: AbortSignal; hooks?: AtelierHooks } = {},
  ): AsyncGenerator<TaskStreamParts[T], void, undefined> {
    const hooks = mergeHooks(options.hooks, callOptions.hooks)
    const { list, valid } = candidates(task, input)
    const candidate = list[0]!
    const context = { clock, hooks, signal: callOptions.signal }
    if (candidate.driver.stream && candidate.driver.capabilities[task]?.streaming) {
      yield* candidate.driver.stream(task, valid, context)
      return
    }
    // No streaming at this provider: the whole answer arrives as one delta.
    const output = (await run(
      task,
      { ...input, model: candidate.address },
      callOptions,
    )) as TaskOutput<'text.generate'>
    yield { type: 'text-delta', text: output.text } as TaskStreamParts[T]
    yield {
      type: 'finish',
      finishReason: output.finishReason,
      usage: output.usage,
    } as TaskStreamParts[T]
  }

  function method<T extends TaskName>(task: T): TaskMethod<T> {
    const call = ((input: AtelierInput<T>, callOptions?: CallOptions<TaskOutput<T>>) =>
      run(task, input, callOptions)) as TaskMethod<T>
    call.submit = (input, submitOptions) => submit(task, input, submitOptions)
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

  return {
    image: { ...image, submit: image.generate.submit },
    video: { generate: video, submit: video.submit },
    model3d: { generate: model3d, submit: model3d.submit },
    speech: { generate: speech, submit: speech.submit },
    dialogue: { generate: dialogue, submit: dialogue.submit },
    soundEffect: { generate: soundEffect, submit: soundEffect.submit },
    music: { generate: music, submit: music.submit },
    transcription: { create: transcription, submit: transcription.submit },
    vision: { ...vision, submit: vision.analyze.submit },
    text: {
      generate: text,
      submit: text.submit,
      stream: (input, callOptions) => stream('text.generate', input, callOptions),
    },
    prompt: { enhance: prompt, submit: prompt.submit },
    run,
    submit,
    jobs: {
      resume(ref, resumeOptions = {}) {
        const provider = (ref as { provider?: unknown } | null)?.provider
        const driver = typeof provider === 'string' ? drivers.get(provider) : undefined
        if (!driver) {
          throw new ValidationError([
            {
              path: ['ref', 'provider'],
              message: `no registered provider ${JSON.stringify(provider)} (have: ${[...drivers.keys()].join(', ')})`,
              rule: 'unknown_provider',
            },
          ])
        }
        return resumeJob(driver, ref, {
          clock,
          hooks: mergeHooks(options.hooks, resumeOptions.hooks),
          polling: { ...basePolling, ...resumeOptions.polling },
        })
      },
    },
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
