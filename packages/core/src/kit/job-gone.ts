/**
 * A job the provider no longer knows. A status request answered 404 (or 410) for an id the
 * provider once gave means the job is over for good (expired, deleted, or the server
 * restarted): a failed snapshot, not a fault worth polling through.
 */
import { JobFailedError, ProviderError } from '../errors'
import type { FailedSnapshot, JobRef } from '../job-types'

/** The statuses that mean "no such job" unless a driver says otherwise. */
export const JOB_GONE_STATUSES: readonly number[] = [404, 410]

/** True when `error` is the provider saying it has no such job. */
export function isJobGone(
  error: unknown,
  statuses: readonly number[] = JOB_GONE_STATUSES,
): boolean {
  return error instanceof ProviderError && statuses.includes(error.status)
}

/** The failed snapshot for a job the provider no longer knows, with its answer attached. */
export function jobGoneSnapshot(ref: JobRef, error: ProviderError): FailedSnapshot {
  return {
    state: 'failed',
    error: new JobFailedError(
      `${ref.provider} no longer knows job ${ref.id} (HTTP ${error.status}); it expired, was deleted, or the server restarted`,
      {
        provider: ref.provider,
        jobId: ref.id,
        ...(error.body !== undefined ? { body: error.body } : {}),
        cause: error,
      },
    ),
  }
}

/**
 * Runs one observation; a "no such job" answer becomes the failed snapshot, other errors pass.
 * `statuses` narrows or widens what counts as gone for this provider.
 */
export async function unlessJobGone<Snapshot>(
  ref: JobRef,
  observe: () => Promise<Snapshot>,
  statuses: readonly number[] = JOB_GONE_STATUSES,
): Promise<Snapshot | FailedSnapshot> {
  try {
    return await observe()
  } catch (error) {
    if (isJobGone(error, statuses)) return jobGoneSnapshot(ref, error as ProviderError)
    throw error
  }
}
