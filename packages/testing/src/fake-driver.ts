/**
 * A driver you script, for testing apps built on atelier without a provider: decide what
 * each poll answers, how long submits take, what fails, and inspect every call it got.
 * Jobs live in a `FakeJobStore`; share one store between two drivers to test resuming a
 * job "in another process".
 */
import {
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  type JobRef,
  type JobSnapshot,
  type PollingOptions,
  type Submission,
  TASK_NAMES,
  type TaskName,
  type TaskOutput,
  type TextStreamPart,
  throwIfAborted,
  UnsupportedError,
  type ValidTaskInput,
} from '@atelier/core'
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
  /** Tasks it claims. Default: all. */
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
  /** Make submit throw (first N submits when `times` is set). */
  submitError?: Error | ((task: TaskName, input: unknown) => Error | undefined)
  /** Delay (on the injected clock) before a submit answers. */
  submitDelayMs?: number
  /** How long an inline job runs (on the injected clock). Default 0. */
  inlineDelayMs?: number
  /** Snapshots reported while an inline job runs. */
  inlineProgress?: JobSnapshot<never>[]
  /** Whether the provider can cancel remotely. Default true. */
  cancel?: boolean
  /** Text chunks for `text.generate` streaming. */
  streamChunks?: string[]
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

export interface FakeDriver extends Driver {
  /** Every call, in order. */
  readonly calls: FakeDriverCall[]
  readonly store: FakeJobStore
}

export function createFakeDriver(options: FakeDriverOptions = {}): FakeDriver {
  const id = options.id ?? 'fake'
  const store = options.store ?? new FakeJobStore()
  const calls: FakeDriverCall[] = []
  const mode = options.mode ?? 'job'
  const tasks = options.tasks ?? TASK_NAMES
  const canCancel = options.cancel ?? true
  const capabilities: DriverCapabilities = {}
  for (const task of tasks) {
    capabilities[task] = {
      cancel: mode === 'job' ? (canCancel ? 'remote' : 'none') : 'local',
      resumable: mode === 'job',
      streaming: task === 'text.generate',
      models: ['fake-model'],
    }
  }
  const outputFor = (task: TaskName, input: unknown) =>
    options.output?.(task, input) ?? fakeOutput(task)
  const stepsFor = (task: TaskName, input: unknown): FakeStep[] => {
    const script =
      typeof options.script === 'function' ? options.script(task, input) : options.script
    return script?.length
      ? script
      : [{ state: 'running', progress: { fraction: 0.5 } }, { state: 'completed' }]
  }

  const driver: FakeDriver = {
    id,
    capabilities,
    calls,
    store,
    ...(options.polling ? { polling: options.polling } : {}),

    async submit<T extends TaskName>(task: T, input: ValidTaskInput<T>, context: DriverContext) {
      calls.push({ method: 'submit', task, input })
      if (options.submitDelayMs) await context.clock.sleep(options.submitDelayMs, context.signal)
      throwIfAborted(context.signal)
      const failure =
        typeof options.submitError === 'function'
          ? options.submitError(task, input)
          : options.submitError
      if (failure) throw failure
      const output = () => outputFor(task, input) as TaskOutput<T>
      if (mode === 'completed')
        return { type: 'completed', output: output() } satisfies Submission<TaskOutput<T>>
      if (mode === 'inline') {
        const ref: JobRef = { provider: id, task, id: store.newId(), inline: true }
        const result = (async () => {
          for (const snapshot of options.inlineProgress ?? []) context.report?.(snapshot)
          await context.clock.sleep(options.inlineDelayMs ?? 0, context.signal)
          return output()
        })()
        return { type: 'inline', ref, result } satisfies Submission<TaskOutput<T>>
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
      const ref: JobRef = { provider: id, task, id: job.id, data: { model: input.model } }
      return {
        type: 'pending',
        ref,
        snapshot: { state: 'queued', position: 0 },
      } satisfies Submission<TaskOutput<T>>
    },

    async poll(ref) {
      calls.push({ method: 'poll', id: ref.id, task: ref.task as TaskName })
      const job = store.jobs.get(ref.id)
      if (!job) throw new UnsupportedError(`fake: no job ${ref.id}`, { provider: id })
      if (job.canceled) return { state: 'canceled' }
      const step = job.steps[Math.min(job.polls, job.steps.length - 1)]!
      job.polls++
      if ('throws' in step) throw step.throws
      if (step.state === 'completed') {
        return {
          ...step,
          output: step.output ?? outputFor(job.task, job.input),
        } as JobSnapshot<unknown>
      }
      return step
    },

    ...(canCancel && mode === 'job'
      ? {
          async cancel(ref: JobRef) {
            calls.push({ method: 'cancel', id: ref.id })
            const job = store.jobs.get(ref.id)
            if (job) job.canceled = true
          },
        }
      : {}),

    async *stream(task, input, context) {
      calls.push({ method: 'stream', task, input })
      for (const text of options.streamChunks ?? ['Hello', ', ', 'world']) {
        throwIfAborted(context.signal)
        await context.clock.sleep(0, context.signal)
        yield { type: 'text-delta', text } satisfies TextStreamPart
      }
      yield { type: 'finish', finishReason: 'stop' } satisfies TextStreamPart
    },

    async listModels() {
      calls.push({ method: 'listModels' })
      return [{ id: 'fake-model', tasks }]
    },
  }
  return driver
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
