/**
 * The typed errors every atelier call rejects with. Each carries what a user needs to act
 * on it (the field at fault, the HTTP status, the provider's own code, how long to wait)
 * and, where a provider answered, the raw body — truncated, with credentials redacted.
 *
 * Every error carries a `Symbol.for` marker naming its classes, and `instanceof` reads it:
 * an app that ends up with two copies of `@atelier/core` (an ESM and a CJS build, or two
 * versions) still recognises `err instanceof RateLimitError` from either. `isRetryable` says
 * whether the same call may succeed when tried again.
 */

/** The marker: the error's class names, most derived first. A registered symbol, so every copy of core reads the same key. */
const ERROR_KINDS = Symbol.for('atelier.error.kinds')

/** How much of a provider's body an error keeps. Enough to debug; bounded so a 50 MB HTML page does not end up in logs. */
export const MAX_ERROR_BODY_CHARS = 4_096

export type AtelierErrorCode =
  | 'validation'
  | 'provider'
  | 'rate_limit'
  | 'connection'
  | 'job_failed'
  | 'job_canceled'
  | 'timeout'
  | 'aborted'
  | 'unsupported'
  | 'response_shape'

export interface AtelierErrorOptions {
  /** The provider id (`local`, `canary`, ...) the error came from, when one did. */
  provider?: string
  /** The underlying error, if any. */
  cause?: unknown
  /** The raw body the provider answered with (already truncated and redacted). */
  body?: string
}

/** Base class of every error atelier throws on purpose. */
export class AtelierError extends Error {
  /** The class's name in the marker; each class sets its own (bundlers may rename classes). */
  static readonly kind: string = 'AtelierError'

  /**
   * `instanceof` by marker as well as by prototype, so errors from another copy of core are
   * recognised. A subclass that does not declare its own `kind` matches by prototype only.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class right of `instanceof`, a subclass too
    const type: typeof AtelierError = this
    if (Function.prototype[Symbol.hasInstance].call(type, value)) return true
    if (!Object.hasOwn(type, 'kind') || typeof value !== 'object' || value === null) return false
    const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS]
    return Array.isArray(kinds) && kinds.includes(type.kind)
  }

  readonly code: AtelierErrorCode
  readonly provider: string | undefined
  readonly body: string | undefined

  constructor(code: AtelierErrorCode, message: string, options: AtelierErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.provider = options.provider
    this.body = options.body
    const kinds: string[] = []
    for (let type: unknown = new.target; type !== Error && typeof type === 'function'; ) {
      if (Object.hasOwn(type, 'kind')) kinds.push((type as typeof AtelierError).kind)
      type = Object.getPrototypeOf(type)
    }
    // Not enumerable: logs and `toJSON` stay as they were.
    Object.defineProperty(this, ERROR_KINDS, { value: kinds })
  }

  /** Whether the same call may succeed if tried again (a network fault, a 5xx, a 429, a timeout). */
  get isRetryable(): boolean {
    return false
  }

  /** A plain, loggable view. Never includes credentials: bodies are redacted before they reach an error. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
    }
    if (this.provider !== undefined) json.provider = this.provider
    if (this.body !== undefined) json.body = this.body
    return json
  }
}

/** One rule an input broke. `path` is the field, e.g. `['size', 'width']` or `['messages', 0, 'role']`. */
export interface ValidationIssue {
  path: (string | number)[]
  message: string
  /** The rule, e.g. `too_big`, `invalid_type`, `mutually_exclusive`, or the provider's own code. */
  rule: string
}

/**
 * An input broke a rule. Raised before any request when atelier's own schemas catch it;
 * raised from a provider's 400/422 answer too, with the provider's detail as the issues.
 */
export class ValidationError extends AtelierError {
  static override readonly kind: string = 'ValidationError'

  readonly issues: ValidationIssue[]
  /** HTTP status when the provider rejected the input; undefined when caught locally. */
  readonly status: number | undefined

  constructor(
    issues: ValidationIssue[],
    options: AtelierErrorOptions & { status?: number; message?: string } = {},
  ) {
    super('validation', options.message ?? formatIssues(issues), options)
    this.issues = issues
    this.status = options.status
  }

  /** The first failing field as a dotted path (`size.width`, `messages.0.role`), for quick checks. */
  get field(): string | undefined {
    const first = this.issues[0]
    return first ? formatPath(first.path) : undefined
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, issues: this.issues }
  }
}

export interface ProviderErrorOptions extends AtelierErrorOptions {
  status: number
  /** The provider's own error code, when its body has one. */
  providerCode?: string
  /** The request id the provider assigned (from a header or the body), for support tickets. */
  requestId?: string
}

/** The provider answered with an error status (or an error envelope on a 2xx). */
export class ProviderError extends AtelierError {
  static override readonly kind: string = 'ProviderError'

  readonly status: number
  readonly providerCode: string | undefined
  readonly requestId: string | undefined

  constructor(message: string, options: ProviderErrorOptions, code: AtelierErrorCode = 'provider') {
    super(code, message, options)
    this.status = options.status
    this.providerCode = options.providerCode
    this.requestId = options.requestId
  }

  /** A server fault (5xx) or a request timeout (408) may pass; any other status will not. */
  override get isRetryable(): boolean {
    return this.status >= 500 || this.status === 408
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      providerCode: this.providerCode,
      requestId: this.requestId,
    }
  }
}

/** The provider throttled the call (HTTP 429). `retryAfterMs` says how long it asked to wait. */
export class RateLimitError extends ProviderError {
  static override readonly kind: string = 'RateLimitError'

  readonly retryAfterMs: number | undefined

  constructor(message: string, options: ProviderErrorOptions & { retryAfterMs?: number }) {
    super(message, options, 'rate_limit')
    this.retryAfterMs = options.retryAfterMs
  }

  override get isRetryable(): boolean {
    return true
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs }
  }
}

/** The provider answered 2xx with a body atelier cannot read (wrong types, missing fields, not JSON). */
export class ResponseShapeError extends ProviderError {
  static override readonly kind: string = 'ResponseShapeError'

  readonly issues: ValidationIssue[]

  constructor(message: string, options: ProviderErrorOptions & { issues?: ValidationIssue[] }) {
    super(message, options, 'response_shape')
    this.issues = options.issues ?? []
  }

  /** The same answer would come again. */
  override get isRetryable(): boolean {
    return false
  }
}

/** No HTTP answer: DNS, refused or reset connection, a body cut short. */
export class ConnectionError extends AtelierError {
  static override readonly kind: string = 'ConnectionError'

  /** The runtime's code for the failure, when it gave one: `ECONNREFUSED`, `ENOTFOUND`, a TLS code. */
  readonly networkCode: string | undefined

  constructor(message: string, options: AtelierErrorOptions & { networkCode?: string } = {}) {
    super('connection', message, options)
    this.networkCode = options.networkCode
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), networkCode: this.networkCode }
  }

  override get isRetryable(): boolean {
    return true
  }
}

/** The remote job ran and failed. `providerCode`/`body` say why when the provider did. */
export class JobFailedError extends AtelierError {
  static override readonly kind: string = 'JobFailedError'

  readonly jobId: string | undefined
  readonly providerCode: string | undefined

  constructor(
    message: string,
    options: AtelierErrorOptions & { jobId?: string; providerCode?: string } = {},
  ) {
    super('job_failed', message, options)
    this.jobId = options.jobId
    this.providerCode = options.providerCode
  }
}

/** The job was canceled (by this client, another client, or the provider). */
export class JobCanceledError extends AtelierError {
  static override readonly kind: string = 'JobCanceledError'

  readonly jobId: string | undefined

  constructor(message: string, options: AtelierErrorOptions & { jobId?: string } = {}) {
    super('job_canceled', message, options)
    this.jobId = options.jobId
  }
}

/** A deadline passed: a per-request timeout or a job's `timeoutMs`, or the request budget ran out. */
export class TimeoutError extends AtelierError {
  static override readonly kind: string = 'TimeoutError'

  readonly timeoutMs: number | undefined

  constructor(message: string, options: AtelierErrorOptions & { timeoutMs?: number } = {}) {
    super('timeout', message, options)
    this.timeoutMs = options.timeoutMs
  }

  override get isRetryable(): boolean {
    return true
  }
}

/**
 * The caller's `AbortSignal` fired. `name` is `'AbortError'`, as with `fetch`, so existing
 * `err.name === 'AbortError'` checks keep working; `cause` is the signal's reason.
 */
export class AbortError extends AtelierError {
  static override readonly kind: string = 'AbortError'

  constructor(message = 'The operation was aborted', options: AtelierErrorOptions = {}) {
    super('aborted', message, options)
    this.name = 'AbortError'
  }
}

/** The provider (or this driver) cannot do what was asked: a task, a model, an option whose loss would change the meaning. */
export class UnsupportedError extends AtelierError {
  static override readonly kind: string = 'UnsupportedError'

  constructor(message: string, options: AtelierErrorOptions = {}) {
    super('unsupported', message, options)
  }
}

/** True for any atelier error, even from another copy of this package. */
export function isAtelierError(value: unknown): value is AtelierError {
  return (
    value instanceof AtelierError ||
    // A copy of core from before the markers: recognised by its shape.
    (value instanceof Error &&
      typeof (value as { code?: unknown }).code === 'string' &&
      'provider' in value &&
      'body' in value)
  )
}

/** `['messages', 0, 'role']` → `messages.0.role`; the empty path is `(input)`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(input)' : path.join('.')
}

function formatIssues(issues: ValidationIssue[]): string {
  return issues.length === 0 ? 'Invalid input' : `Invalid input: ${describeIssues(issues)}`
}

/** `size.width: must be >= 1; n: must be <= 10` (the first three, then a count). */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  return `${shown.join('; ')}${more}`
}
