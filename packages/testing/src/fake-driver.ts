/**
 * A driver you script, for testing apps built on atelier without a provider: decide what
 * each poll answers, how long submits take, what fails, and inspect every call it got.
 * Jobs live in a `FakeJobStore`; share one store between two drivers to test resuming a
 * job "in another process".
 *
 * Built with `defineDriver` like any real driver: one typed handler per task, so the
 * capabilities it claims are the ones its handlers have.
 */
import {
  type Driver,
  type DriverContext,
  type JobRef,
  type JobSnapshot,
  type PollingOptions,
  type QueuedSnapshot,
  type RunningSnapshot,
  TASK_NAMES,
  type TaskHandler,
  type TaskHandlers,
  type TaskName,
  type TaskOutput,
  type TaskSubmission,
  type TextStreamPart,
  UnsupportedError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { defineDriver, throwIfAborted } from '@atelier/core/driver'
import { fakeMedia } from './fake-media'

/**
 * One scripted poll answer. `completed` may omit `output` (the default output for the task is
 * used); `error` steps make the poll itself throw (a provider fault, not a job failure).
 */
export type FakeStep =
  | JobSnapshot<unknown>
  | { state: 'completed'; output?: unknown }
  | { throws: Error }

export interface FakeDriverOptions {
  /** Provider id. Default `fake`. */
  id?: string
  /** Tasks it has handlers for. Default: all. */
  tasks?: TaskName[]
  /**
   * How submits answer: `job` (a pending remote job, polled through the script), `inline`
   * (a synchronous call that completes after `inlineDelayMs`), `completed` (answer at once).
   * Default `job`.
   */
  mode?: 'job' | 'inline' | 'completed'
  /** Poll answers in order; the last one repeats. Default: one `running`, then `completed`. */
  script?: FakeStep[] | ((task: TaskName, input: unknown) => FakeStep[])
  /** The output of a completed job. Default: small valid media per task (`fakeOutput`). */
  output?: (task: TaskName, input: unknown) => unknown
  /** Make submit throw: always, or whenever the function returns an error. */
  submitError?: Error | ((task: TaskName, input: unknown) => Error | undefined)
  /**
   * Warnings the submit reports (options "the provider" could not honour). Core keeps them
   * with the job (`ref.warnings`) and puts them in front of the output's own warnings.
   */
  warnings?: Warning[] | ((task: TaskName, input: unknown) => Warning[] | undefined)
  /** Delay (on the injected clock) before a submit answers. */
  submitDelayMs?: number
  /** How long an inline job runs (on the injected clock). Default 0. */
  inlineDelayMs?: number
  /**
   * What an inline job reports while it runs: the first is known when the request starts (the
   * job's first snapshot), the others are what its progress reads answer, in order, the last
   * one repeating. The engine reads them on its polling schedule while someone watches the job.
   * Absent: the inline job reports no progress.
   */
  inlineProgress?: (QueuedSnapshot | RunningSnapshot)[]
  /** Whether the provider can cancel remotely. Default true. */
  cancel?: boolean
  /** Text chunks for `text.generate` streaming. */
  streamChunks?: string[]
  /** Whether `text.generate` can stream. Default true; false makes a provider that cannot. */
  streaming?: boolean
  store?: FakeJobStore
  polling?: Partial<PollingOptions>
}

export interface FakeJob {
  id: string
  task: TaskName
  input: unknown
  steps: FakeStep[]
  polls: number
  canceled: boolean
}

/** Where fake jobs live. Two drivers sharing one behave like two processes using one provider. */
export class FakeJobStore {
  readonly jobs = new Map<string, FakeJob>()
  #next = 0
  newId(): string {
    this.#next++
    return `job_${this.#next}`
  }
}

export interface FakeDriverCall {
  method: 'submit' | 'poll' | 'cancel' | 'stream' | 'listModels'
  task?: TaskName
  id?: string
  input?: unknown
}

export interface FakeDriver extends Driver<string, TaskHandlers> {
  /** Every call, in order. */
  readonly calls: FakeDriverCall[]
  readonly store: FakeJobStore
}

const FAKE_MODELS = ['fake-model'] as const

export function createFakeDriver(options: FakeDriverOptions = {}): FakeDriver {
  const id = options.id ?? 'fake'
  const store = options.store ?? new FakeJobStore()
  const calls: FakeDriverCall[] = []
  const mode = options.mode ?? 'job'
  const tasks = options.tasks ?? TASK_NAMES
  const canCancel = options.cancel ?? true

  const outputFor = (task: TaskName, input: unknown) =>
    options.output?.(task, input) ?? fakeOutput(task)
  const stepsFor = (task: TaskName, input: unknown): FakeStep[] => {
    const script =
      typeof options.script === 'function' ? options.script(task, input) : options.script
    return script?.length
      ? script
      : [{ state: 'running', progress: { fraction: 0.5 } }, { state: 'completed' }]
  }
  const warningsFor = (task: TaskName, input: unknown): { warnings?: Warning[] } => {
    const warnings =
      typeof options.warnings === 'function' ? options.warnings(task, input) : options.warnings
    return warnings?.length ? { warnings } : {}
  }

  /**
   * An inline job's scripted progress: the first snapshot at once, then one per read (the
   * engine's), the last one repeating.
   */
  const inlineProgress = (snapshots: readonly (QueuedSnapshot | RunningSnapshot)[]) => {
    let reads = 0
    return {
      snapshot: snapshots[0]!,
      progress: {
        async read() {
          reads++
          return snapshots[Math.min(reads, snapshots.length - 1)]
        },
      },
    }
  }

  async function submit<T extends TaskName>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<TaskSubmission<TaskOutput<T>>> {
    calls.push({ method: 'submit', task, input })
    if (options.submitDelayMs) await context.clock.sleep(options.submitDelayMs, context.signal)
    throwIfAborted(context.signal)
    const failure =
      typeof options.submitError === 'function'
        ? options.submitError(task, input)
        : options.submitError
    if (failure) throw failure
    const warnings = warningsFor(task, input)
    const output = () => outputFor(task, input) as TaskOutput<T>
    if (mode === 'completed') return { type: 'completed', output: output(), ...warnings }
    if (mode === 'inline') {
      const signal = context.signal
      const result = context.clock.sleep(options.inlineDelayMs ?? 0, signal).then(output)
      const progress = options.inlineProgress?.length ? inlineProgress(options.inlineProgress) : {}
      return { type: 'inline', result, ...progress, ...warnings }
    }
    const job: FakeJob = {
      id: store.newId(),
      task,
      input,
      steps: stepsFor(task, input),
      polls: 0,
      canceled: false,
    }
    store.jobs.set(job.id, job)
    return {
      type: 'pending',
      id: job.id,
      data: { model: input.model },
      snapshot: { state: 'queued', position: 0 },
      ...warnings,
    }
  }

  async function poll<T extends TaskName>(ref: JobRef<T>): Promise<JobSnapshot<TaskOutput<T>>> {
    calls.push({ method: 'poll', id: ref.id, task: ref.task })
    const job = store.jobs.get(ref.id)
    if (!job) throw new UnsupportedError(`fake: no job ${ref.id}`, { provider: id })
    if (job.canceled) return { state: 'canceled' }
    const step = job.steps[Math.min(job.polls, job.steps.length - 1)]!
    job.polls++
    if ('throws' in step) throw step.throws
    if (step.state === 'completed') {
      return {
        ...step,
        output: (step.output ?? outputFor(job.task, job.input)) as TaskOutput<T>,
      }
    }
    return step
  }

  async function cancelJob(ref: JobRef): Promise<void> {
    calls.push({ method: 'cancel', id: ref.id })
    const job = store.jobs.get(ref.id)
    if (job) job.canceled = true
  }

  async function* stream(
    input: ValidTaskInput<'text.generate'>,
    context: DriverContext,
  ): AsyncGenerator<TextStreamPart> {
    calls.push({ method: 'stream', task: 'text.generate', input })
    for (const text of options.streamChunks ?? ['Hello', ', ', 'world']) {
      throwIfAborted(context.signal)
      await context.clock.sleep(0, context.signal)
      yield { type: 'text-delta', text }
    }
    yield { type: 'finish', finishReason: 'stop' }
  }

  /** The handler of one task: the same scripted behaviour, typed by the task. */
  function handlerFor<T extends TaskName>(task: T): TaskHandler<T> {
    const remote = mode === 'job'
    const handler = {
      models: FAKE_MODELS,
      cancel: remote ? (canCancel ? 'remote' : 'none') : 'local',
      resumable: remote,
      submit: (input: ValidTaskInput<T>, context: DriverContext) => submit(task, input, context),
      ...(remote ? { poll: (ref: JobRef<T>) => poll(ref) } : {}),
      ...(remote && canCancel ? { cancelJob } : {}),
      ...(task === 'text.generate' && options.streaming !== false ? { stream } : {}),
    } as const
    // `stream` is there only for `text.generate`, which the conditional handler type cannot see.
    return handler as TaskHandler<T>
  }

  const handlers: { [T in TaskName]?: TaskHandler<T> } = {}
  const assign = <T extends TaskName>(task: T) => {
    handlers[task] = handlerFor(task) as (typeof handlers)[T]
  }
  for (const task of tasks) assign(task)

  const driver = defineDriver({
    id,
    tasks: handlers as TaskHandlers,
    ...(options.polling ? { polling: options.polling } : {}),
    async listModels() {
      calls.push({ method: 'listModels' })
      return [{ id: 'fake-model', tasks: [...tasks] }]
    },
  })
  return Object.assign(driver, { calls, store })
}

/** A plausible output for each task, with small valid media files. */
export function fakeOutput(task: TaskName): TaskOutput<TaskName> {
  const base = { warnings: [] }
  switch (task) {
    case 'image.generate':
    case 'image.edit':
      return { ...base, images: [fakeMedia.png()] }
    case 'video.generate':
      return { ...base, videos: [fakeMedia.mp4()], thumbnails: [fakeMedia.png()] }
    case 'model3d.generate':
      return { ...base, models: [fakeMedia.glb()], referenceImages: [fakeMedia.png()] }
    case 'speech.generate':
    case 'dialogue.generate':
    case 'soundEffect.generate':
      return { ...base, audio: fakeMedia.wav() }
    case 'music.generate':
      return { ...base, tracks: [fakeMedia.wav()] }
    case 'transcription.create':
      return { ...base, text: 'hello world', segments: [{ text: 'hello world', start: 0, end: 1 }] }
    case 'vision.analyze':
      return { ...base, text: 'A small test image.' }
    case 'vision.detect':
      return {
        ...base,
        detections: [{ label: 'square', score: 0.9, box: { x: 0, y: 0, width: 1, height: 1 } }],
      }
    case 'text.generate':
      return { ...base, text: 'Hello, world', finishReason: 'stop' }
    case 'prompt.enhance':
      return { ...base, prompt: 'a detailed, well-lit test prompt' }
  }
}
