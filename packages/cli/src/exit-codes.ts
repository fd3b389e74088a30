/**
 * The exit codes of `atelier`, one per kind of outcome, so a script can tell a bad input from a
 * provider's refusal, a deadline from a Ctrl-C. 124 and 130 follow the shell's conventions:
 * `timeout(1)` exits 124, and a program stopped by SIGINT exits 128 + 2.
 */
import {
  AbortError,
  ConnectionError,
  isAtelierError,
  JobCanceledError,
  JobFailedError,
  TimeoutError,
  ValidationError,
} from 'atelier'

export const EXIT_CODES = {
  /** Done: the job completed and its outputs were written. */
  ok: 0,
  /** Something the command did not expect: a file it could not write, a bug. */
  internal: 1,
  /** The command line, the config file or the task input broke a rule; nothing was sent. */
  usage: 2,
  /** The provider refused or could not answer the request (HTTP error, rate limit, unreadable answer, unsupported). */
  provider: 3,
  /** The provider ran the job and the job failed. */
  jobFailed: 4,
  /** No answer from the provider: refused, host not found, TLS, dropped connection. */
  connection: 5,
  /** The job was canceled, by another process or on the provider's side. */
  canceled: 6,
  /** `--timeout` passed, or a request timed out. */
  timeout: 124,
  /** Ctrl-C (SIGINT): the job was canceled where the provider can, and the command stopped. */
  interrupted: 130,
} as const

/** A problem with how the command was called, reported as a usage error (exit 2). */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ValidationError) return EXIT_CODES.usage
  if (error instanceof TimeoutError) return EXIT_CODES.timeout
  // Only the command's own Ctrl-C handling aborts what it waits for.
  if (error instanceof AbortError) return EXIT_CODES.interrupted
  if (error instanceof JobCanceledError) return EXIT_CODES.canceled
  if (error instanceof JobFailedError) return EXIT_CODES.jobFailed
  if (error instanceof ConnectionError) return EXIT_CODES.connection
  // What is left of atelier's errors is the provider's answer: ProviderError, RateLimitError,
  // ResponseShapeError, UnsupportedError.
  if (isAtelierError(error)) return EXIT_CODES.provider
  return EXIT_CODES.internal
}

/** A short name for the kind of failure, for `--json` output. */
export function failureKind(code: number): string {
  const entry = Object.entries(EXIT_CODES).find(([, value]) => value === code)
  return entry?.[0] ?? 'internal'
}
