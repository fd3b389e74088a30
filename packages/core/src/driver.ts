/**
 * The driver contract: what a provider package implements so the facade (and anyone else)
 * can run tasks on it. A driver is a map of typed per-task handlers; each handler starts work
 * and answers one observation at a time. Drivers never write loops or timers: core's engine
 * decides when to ask again, for polled jobs and for the progress of in-flight requests alike.
 *
 * Write one with `defineDriver` from `@atelier/core/driver`, which derives the capabilities
 * from the handlers.
 */
import type { Clock } from './clock'
import type { AtelierHooks } from './events'
import type { JobRef, JobSnapshot, JsonValue, QueuedSnapshot, RunningSnapshot } from './job-types'
import type { PollingOptions } from './polling'
import type { RequestBudget } from './request-budget'
import type { StandardSchemaV1 } from './standard-schema'
import type { TaskName, TaskOutput, TextStreamPart, ValidTaskInput } from './tasks'
import type { Warning } from './tasks/shared'

/** What every driver call receives. */
export interface DriverContext {
  /** Aborts the call (and, for inline jobs, the work itself). */
  signal?: AbortSignal
  hooks?: AtelierHooks
  clock: Clock
  /**
   * The client's shared request budget, when it has one: every HTTP request made for this
   * call — each attempt of a retried request included — takes a turn from it before it goes
   * out (`HttpClient` does this). A poll's context carries a budget whose first turn the
   * engine has already taken.
   */
  budget?: RequestBudget
  /**
   * On a submit only: the caller's idempotency key (`submit(input, { idempotencyKey })`).
   * `HttpClient` sends it on the submit request, so a provider that dedupes by key answers a
   * repeated submit with the first job. A submit split into several calls sends `key`,
   * `key.1`, `key.2`, ... A driver that sends two submit requests for one job gives the
   * second a key of its own.
   */
  idempotencyKey?: string
  /** The caller's own headers for this call's requests to the provider's API (see `RequestContext.headers`). */
  headers?: Record<string, string>
}

/**
 * The progress of an inline job (a synchronous request still in flight), read by the engine
 * on its polling schedule while someone watches the job. Failures of a reading are ignored:
 * progress is a courtesy, the request is what matters.
 */
export interface InlineProgress {
  /** One reading: `queued` (waiting for a worker), `running`, or undefined when there is nothing to say. */
  read(context: DriverContext): Promise<QueuedSnapshot | RunningSnapshot | undefined>
  /** How often to read, when the provider's progress moves at a known pace. The engine's schedule otherwise. */
  intervalMs?: number
}

/**
 * What a task handler's `submit` answers. Core turns it into a job: it builds the ref (provider,
 * task, id), keeps `warnings` with the job and adds them to the output when it completes.
 * - `completed`: the provider answered with the result (a fast synchronous endpoint). `id`,
 *   when the provider gave one, makes the finished job resumable (its output fetched again).
 * - `pending`: a remote job exists, to be polled by `id` (and `data`) from any process.
 * - `inline`: the work runs as a request still in flight (a slow synchronous endpoint);
 *   `result` settles with it. `progress` is read by the engine meanwhile; cancel = abort.
 */
export type TaskSubmission<Output> = (
  | { type: 'completed'; output: Output; id?: string; data?: Record<string, JsonValue> }
  | {
      type: 'pending'
      id: string
      /** Driver-specific, JSON-safe data needed to poll, cancel or download. Never credentials. */
      data?: Record<string, JsonValue>
      /** What the submit answer already says about the job. */
      snapshot?: JobSnapshot<Output>
    }
  | {
      type: 'inline'
      result: Promise<Output>
      progress?: InlineProgress
      /** What is already known when the request starts (e.g. its place in line). */
      snapshot?: QueuedSnapshot | RunningSnapshot
    }
) & {
  /** Options the provider cannot honour exactly, found while building the request. */
  warnings?: Warning[]
}

/** How a job came back from core's submit: the handler's answer with its ref built. */
export type Submission<Output> =
  | { type: 'completed'; output: Output; ref?: JobRef }
  | { type: 'pending'; ref: JobRef; snapshot?: JobSnapshot<Output> }
  | {
      type: 'inline'
      ref: JobRef
      result: Promise<Output>
      progress?: InlineProgress
      snapshot?: QueuedSnapshot | RunningSnapshot
    }

/** How a task's jobs are canceled. */
export type CancelMode =
  /** The provider cancels the job (`cancelJob`). */
  | 'remote'
  /** In-flight work is aborted and polling stops; the provider may finish (and bill) anyway. */
  | 'local'
  | 'none'

/** Everything a driver does for one task, typed by that task. */
export interface TaskHandlerBase<T extends TaskName> {
  /** Known model ids: autocompletion and routing hints, not a closed list. */
  readonly models?: readonly string[]
  readonly cancel: CancelMode
  /** Jobs can be resumed from a serialised ref in another process. */
  readonly resumable: boolean
  /**
   * The schema of `providerOptions[driver.id]` for this task, checked before any request and
   * used to type the option at the facade. Absent: the driver takes no provider options here.
   */
  readonly providerOptions?: StandardSchemaV1<Record<string, unknown>, Record<string, unknown>>
  /**
   * How many outputs (`n`) one call can make, for tasks with an `n` field: a number, or one per
   * input (per model). Core splits a larger `n` into several submissions and joins their
   * outputs, so `submit` never sees more than this. Absent: the handler takes any `n` the task
   * schema allows.
   */
  readonly maxOutputsPerCall?: number | ((input: ValidTaskInput<T>) => number)
  /** Starts the work. `input` has passed the shared task schema; the handler checks its own rules too. */
  submit(input: ValidTaskInput<T>, context: DriverContext): Promise<TaskSubmission<TaskOutput<T>>>
  /** One observation of a pending job. Throws typed errors for faults reaching the provider. */
  poll?(ref: JobRef<T>, context: DriverContext): Promise<JobSnapshot<TaskOutput<T>>>
  /**
   * Pushed observations (e.g. Server-Sent Events), used instead of polling when present. A
   * watch that ends before a terminal snapshot, or fails, hands the job back to the engine's
   * polling for good.
   */
  watch?(ref: JobRef<T>, context: DriverContext): AsyncIterable<JobSnapshot<TaskOutput<T>>>
  /**
   * When to start watching: the engine polls until this says yes for the latest snapshot
   * (e.g. once a queued job is near the front). Absent: watch from the start.
   */
  watchWhen?(snapshot: JobSnapshot<TaskOutput<T>> | undefined): boolean
  /** Cancels the remote job where the provider can; otherwise releases what it can (e.g. deletes files). */
  cancelJob?(ref: JobRef<T>, context: DriverContext): Promise<void>
}

/** Tasks that stream, and what their parts are. */
export interface TaskStreamParts {
  'text.generate': TextStreamPart
}
export type StreamableTask = keyof TaskStreamParts

/** A handler: streaming tasks may also stream their partial output. */
export type TaskHandler<T extends TaskName> = TaskHandlerBase<T> &
  (T extends StreamableTask
    ? {
        /** Streams the task's partial output. */
        stream?(input: ValidTaskInput<T>, context: DriverContext): AsyncIterable<TaskStreamParts[T]>
      }
    : unknown)

/** A driver's handlers, one per task it does. */
export type TaskHandlers = { readonly [T in TaskName]?: TaskHandler<T> }

/** What a driver can do for one task (derived from its handler). */
export interface TaskCapability {
  /** Known model ids: autocompletion and routing hints, not a closed list. */
  models?: readonly string[]
  cancel: CancelMode
  /** Jobs can be resumed from a serialised ref in another process. */
  resumable: boolean
  /** The task can stream partial output. */
  streaming?: boolean
}

export type DriverCapabilities = Partial<Record<TaskName, TaskCapability>>

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

export interface Driver<Id extends string = string, Tasks extends TaskHandlers = TaskHandlers> {
  /** Provider id used in `provider/model` addressing and in job refs, e.g. `local`. */
  readonly id: Id
  /** The handlers, one per task. */
  readonly tasks: Tasks
  /** What each task supports, derived from `tasks`. */
  readonly capabilities: DriverCapabilities
  /** Polling defaults that suit this provider (the engine's defaults otherwise). */
  readonly polling?: Partial<PollingOptions>
  /** What the server offers right now. */
  listModels?(context: DriverContext): Promise<ModelInfo[]>
}

/** The handler of `task`, typed by it; undefined when the driver does not do the task. */
export function taskHandler<T extends TaskName>(
  driver: Driver,
  task: T,
): TaskHandler<T> | undefined {
  // The one place a task name picks its handler: `TaskHandlers` maps each name to its own type.
  return (driver.tasks as { readonly [K in TaskName]?: TaskHandler<K> })[task] as
    | TaskHandler<T>
    | undefined
}
