/**
 * Whether the same work may be submitted again after a failed submit without risking a
 * second (billed) job. The HTTP client retries submits by this rule; callers that retry whole
 * calls themselves (the AI SDK's retry, a queue's next attempt) ask it too.
 */
import { ConnectionError, ProviderError, RateLimitError } from './errors'

/** Statuses a provider answers before it starts any work: the submit may be sent again. */
export const REFUSED_BEFORE_WORK_STATUS: ReadonlySet<number> = new Set([408, 425, 429, 503])

/**
 * Runtime codes of a connection that was never made (Node's, and Bun's `ConnectionRefused`):
 * nothing reached the provider.
 */
export const NEVER_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
])

/**
 * True when `error`, the failure of a submit, proves no job was started: a throttle, a
 * 408/425/429/503 answer, or a connection that was never made. A 500, a timeout, a connection
 * lost after sending or an answer cut short may hide a created job: false. So is any failure
 * once a job exists — submitting again would start a second one.
 */
export function canResubmit(error: unknown): boolean {
  if (error instanceof RateLimitError) return true
  if (error instanceof ProviderError) return REFUSED_BEFORE_WORK_STATUS.has(error.status)
  if (error instanceof ConnectionError) {
    return error.networkCode !== undefined && NEVER_CONNECTED_CODES.has(error.networkCode)
  }
  return false
}
