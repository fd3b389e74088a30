/**
 * The shapes of a job: the `JobRef` you store to resume it anywhere, and the `JobSnapshot` a
 * poll returns. A ref is plain JSON data, so it survives `JSON.stringify` → `JSON.parse` and
 * crosses process boundaries. A snapshot is not: a failed one holds an error object and a
 * completed one the output with its `MediaFile`s; store the ref, not the snapshot.
 */
import type { AtelierError } from './errors'
import { isTaskName, type TaskName } from './tasks'
import type { Warning } from './tasks/shared'

/**
 * Everything needed to find a job again, in this process or another one.
 *
 * `provider` and `task` route the ref to the right driver; `id` is the provider's job id;
 * `data` holds driver-specific, JSON-safe extras (which status route, which model). A ref
 * never holds credentials: the resuming client supplies its own.
 */
export interface JobRef<T extends TaskName = TaskName> {
  provider: string
  /** The task, which types the job's output: `resume(ref)` of a `JobRef<'video.generate'>` waits for a `VideoOutput`. */
  task: T
  id: string
  /** Set when the job lives only in this process (a synchronous call in flight): it cannot be resumed elsewhere. */
  inline?: true
  /** Driver-specific, JSON-safe data needed to poll, cancel or download. */
  data?: Record<string, JsonValue>
  /**
   * What the driver could not honour when it submitted the job. Set by core from the
   * submission, kept in the ref so a job resumed in another process still reports them, and
   * added to the output's `warnings` when the job completes.
   */
  warnings?: Warning[]
  /**
   * Set when core split a request for more outputs than one call makes (`n` above the handler's
   * `maxOutputsPerCall`): the refs of the calls, watched together as this one job.
   */
  parts?: JobRef<T>[]
}

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue }

/** How far a running job has got. Every field is optional: providers report different things. */
export interface JobProgress {
  /** 0..1 */
  fraction?: number
  /** Current step, e.g. a diffusion step. */
  step?: number
  totalSteps?: number
  /** The provider's estimate of the time left, in milliseconds. */
  etaMs?: number
  /** A human-readable phase, e.g. `loading model` or `decoding`. */
  message?: string
}

/** What a server said about when to ask again. Honoured by the polling engine. */
export interface PollHints {
  /** From `Retry-After` / `retry-after-ms` or an equivalent body field: do not ask before this. */
  retryAfterMs?: number
  /** The server's estimate of time to completion. */
  etaMs?: number
}

interface SnapshotBase {
  /** Hints attached to the poll that produced this snapshot. */
  hints?: PollHints
  /** The provider's raw status value (e.g. `IN_PROGRESS`), for logging. */
  providerStatus?: string
  /**
   * Set by a driver that did not know `providerStatus` and reported the job as still going
   * (`readStatus` in the driver kit). The engine polls on, and fails the wait with a
   * `ResponseShapeError` naming the word after `polling.maxUnrecognisedStatuses` such answers
   * in a row.
   */
  unrecognisedStatus?: boolean
}

/** Waiting for a worker. `position` is 0-based when the provider reports it (0 = next). */
export interface QueuedSnapshot extends SnapshotBase {
  state: 'queued'
  position?: number
}

export interface RunningSnapshot extends SnapshotBase {
  state: 'running'
  progress?: JobProgress
}

export interface CompletedSnapshot<Output> extends SnapshotBase {
  state: 'completed'
  output: Output
}

export interface FailedSnapshot extends SnapshotBase {
  state: 'failed'
  error: AtelierError
}

export interface CanceledSnapshot extends SnapshotBase {
  state: 'canceled'
}

/** One observation of a job. `completed`, `failed` and `canceled` are terminal. */
export type JobSnapshot<Output = unknown> =
  | QueuedSnapshot
  | RunningSnapshot
  | CompletedSnapshot<Output>
  | FailedSnapshot
  | CanceledSnapshot

export type JobState = JobSnapshot['state']

export function isTerminal(snapshot: JobSnapshot<unknown>): boolean {
  return (
    snapshot.state === 'completed' || snapshot.state === 'failed' || snapshot.state === 'canceled'
  )
}

/** Checks the shape of a ref that came from storage or another process, before any request uses it. */
export function isJobRef(value: unknown): value is JobRef {
  if (typeof value !== 'object' || value === null) return false
  const ref = value as Record<string, unknown>
  return (
    typeof ref.provider === 'string' &&
    ref.provider.length > 0 &&
    isTaskName(ref.task) &&
    (ref.warnings === undefined || Array.isArray(ref.warnings)) &&
    (ref.parts === undefined || (Array.isArray(ref.parts) && ref.parts.every(isJobRef))) &&
    typeof ref.id === 'string' &&
    ref.id.length > 0 &&
    (ref.data === undefined || (typeof ref.data === 'object' && ref.data !== null))
  )
}
