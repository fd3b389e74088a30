/**
 * The driver contract: what a provider package implements so the facade (and anyone else)
 * can run tasks on it. Drivers never write polling loops — they answer one `poll` at a
 * time and the core engine decides when to ask again.
 */
import type { Clock } from './clock'
import type { AtelierHooks } from './events'
import type { JobRef, JobSnapshot } from './job-types'
import type { PollingOptions } from './polling'
import type { TaskName, TaskOutput, TextStreamPart, ValidTaskInput } from './tasks'

/** What every driver call receives. */
export interface DriverContext {
  /** Aborts the call (and, for inline jobs, the work itself). */
  signal?: AbortSignal
  hooks?: AtelierHooks
  clock: Clock
  /**
   * For inline jobs (synchronous endpoints): report progress while the request is in flight,
   * e.g. from a `/progress` endpoint. Ignored after the job settles.
   */
  report?(snapshot: JobSnapshot<never>): void
}

/**
 * How a submit came back:
 * - `completed`: the provider answered with the result (a fast synchronous endpoint).
 * - `pending`: a remote job exists; poll it by `ref` (from any process).
 * - `inline`: the work runs as a request still in flight (a slow synchronous endpoint);
 *   `result` settles with it. Progress arrives through `context.report`; cancel = abort.
 */
export type Submission<Output> =
  | { type: 'completed'; output: Output; ref?: JobRef }
  | { type: 'pending'; ref: JobRef; snapshot?: JobSnapshot<Output> }
  | { type: 'inline'; ref: JobRef; result: Promise<Output> }

/** What a driver can do for one task. */
export interface TaskCapability {
  /** Known model ids: autocompletion and routing hints, not a closed list. */
  models?: readonly string[]
  /** `remote`: the provider cancels the job; `local`: in-flight work is aborted and polling stops, the provider may finish anyway; `none`. */
  cancel: 'remote' | 'local' | 'none'
  /** Jobs can be resumed from a serialised ref in another process. */
  resumable: boolean
  /** The task can stream partial output (`Driver.stream`). */
  streaming?: boolean
}

export type DriverCapabilities = Partial<Record<TaskName, TaskCapability>>

/** Tasks that stream, and what their parts are. */
export interface TaskStreamParts {
  'text.generate': TextStreamPart
}
export type StreamableTask = keyof TaskStreamParts

/** A model a provider reports it serves. */
export interface ModelInfo {
  id: string
  /** Tasks this model serves, when the provider says. */
  tasks?: TaskName[]
  name?: string
  description?: string
  /** Provider-specific extras (VRAM, pricing, limits). */
  metadata?: Record<string, unknown>
}

export interface Driver {
  /** Provider id used in `provider/model` addressing and in job refs, e.g. `local`. */
  readonly id: string
  readonly capabilities: DriverCapabilities
  /** Polling defaults that suit this provider (the engine's defaults otherwise). */
  readonly polling?: Partial<PollingOptions>

  /** Starts the work. `input` has passed the shared task schema; the driver checks its own rules too. */
  submit<T extends TaskName>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<Submission<TaskOutput<T>>>

  /** One observation of a pending job. Throws typed errors for faults reaching the provider. */
  poll?(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>>

  /**
   * Pushed observations (e.g. Server-Sent Events), used instead of polling when present.
   * Ending before a terminal snapshot, or failing, falls back to `poll`.
   */
  watch?(ref: JobRef, context: DriverContext): AsyncIterable<JobSnapshot<unknown>>

  /** Cancels the remote job where the provider can; otherwise releases what it can (e.g. deletes files). */
  cancel?(ref: JobRef, context: DriverContext): Promise<void>

  /** Streams a task's partial output. */
  stream?<T extends StreamableTask>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): AsyncIterable<TaskStreamParts[T]>

  /** What the server offers right now. */
  listModels?(context: DriverContext): Promise<ModelInfo[]>
}
