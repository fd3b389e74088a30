/**
 * `CanaryTransport`: the connection every endpoint function takes first — the `HttpClient`
 * (base URL, credentials, retries, timeouts), input validation, the `{success, data}`
 * envelope and CanaryLLM's error bodies. The driver holds one (`driver.transport`);
 * `new CanaryClient(transport)` makes direct calls through the same one.
 */
import {
  type AuthStrategy,
  bearerAuth,
  headerAuth,
  ResponseShapeError,
  type StandardSchemaV1,
  type ValidationIssue,
} from '@atelier/core'
import {
  assertKeyAllowedHere,
  checkBody,
  type DescribeError,
  HttpClient,
  issuesFromZod,
  passThroughOptions,
  type RequestContext,
  type RequestOptions,
  readEnvelope,
  redactBody,
  requiredBaseUrl,
  responseText,
  runSchema,
  throwIfAborted,
} from '@atelier/core/driver'
import { CANARY_DEFAULT_TIMEOUT_MS, type CanaryClientOptions } from './options'
import { DEFAULT_INLINE_MEDIA_MAX_BYTES } from './result-reader'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'canary'

/**
 * CanaryLLM error bodies: `{success: false, error: {code, message, details}}` (or `error` as a
 * plain message). `details` entries (`{path | field, message}`) become validation issues.
 * Core reads `error.message` and `error.code` itself.
 */
export const describeCanaryError: DescribeError = (body) => {
  if (typeof body !== 'object' || body === null) return undefined
  const error = (body as Record<string, unknown>).error
  if (typeof error !== 'object' || error === null) return undefined
  const details = (error as Record<string, unknown>).details
  if (!Array.isArray(details)) return undefined
  const issues: ValidationIssue[] = details.flatMap((detail): ValidationIssue[] => {
    if (typeof detail !== 'object' || detail === null) return []
    const record = detail as Record<string, unknown>
    const where = record.path ?? record.field
    const path = Array.isArray(where)
      ? where.filter(
          (part): part is string | number => typeof part === 'string' || typeof part === 'number',
        )
      : typeof where === 'string' && where !== ''
        ? where.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part))
        : []
    return [
      {
        path,
        message: typeof record.message === 'string' ? record.message : 'invalid',
        rule: typeof record.code === 'string' ? record.code : 'invalid',
      },
    ]
  })
  return issues.length ? { issues } : undefined
}

/** Options of a call whose answer is enveloped JSON. */
export type DataCall<T> = RequestOptions & { schema: StandardSchemaV1<unknown, T> }

/**
 * Marks a transport across copies of this package: the CommonJS builds of `@atelier/canary`
 * and `@atelier/canary/client` each carry their own class, so `instanceof` alone cannot tell
 * a transport from options there.
 */
const TRANSPORT_BRAND = Symbol.for('@atelier/canary/transport')

/** Whether `value` is a `CanaryTransport` (of this copy of the package or another). */
export function isCanaryTransport(value: unknown): value is CanaryTransport {
  return (
    value instanceof CanaryTransport ||
    (typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[TRANSPORT_BRAND] === true)
  )
}

/**
 * One connection to a CanaryLLM deployment, built from `CanaryClientOptions` (checked here:
 * `baseUrl` required, `timeoutMs` positive, `inlineMediaMaxBytes` >= 0, `authHeader` bearer or
 * x-api-key, no literal key in a browser unless allowed). Pass it first to the endpoint
 * functions (`generateImage(transport, body)`), or wrap it in `new CanaryClient(transport)`.
 *
 * Every call goes through `http`: generation endpoints are `submit` calls (an
 * `Idempotency-Key`, never re-sent once the server may have queued the job); queue status and
 * result, lists and training status are `read`s, retried on network errors, 5xx and 429 (after
 * `Retry-After`); cancel and delete are idempotent `cancel` calls. Errors: 400/422 →
 * `ValidationError` with the server's details as issues, 429 → `RateLimitError` with
 * `retryAfterMs`, others → `ProviderError` with `status` and the error's `code`; a 2xx with
 * `success: false` → a `ProviderError` too.
 */
export class CanaryTransport {
  /** The HTTP client every call goes through (provider `canary`). */
  readonly http: HttpClient
  /** Media up to this many decoded bytes is kept from the first read of a result. */
  readonly inlineMediaMaxBytes: number

  constructor(options: CanaryClientOptions) {
    if (typeof options?.baseUrl !== 'string' || options.baseUrl === '') {
      throw requiredBaseUrl(PROVIDER, 'where your CanaryLLM deployment answers')
    }
    const inlineMediaMaxBytes = options.inlineMediaMaxBytes ?? DEFAULT_INLINE_MEDIA_MAX_BYTES
    if (!(inlineMediaMaxBytes >= 0)) {
      throw new TypeError(
        `${PROVIDER}: inlineMediaMaxBytes must be >= 0 (got ${inlineMediaMaxBytes})`,
      )
    }
    if (
      options.timeoutMs !== undefined &&
      !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)
    ) {
      throw new TypeError(
        `${PROVIDER}: timeoutMs must be a positive number of milliseconds (got ${options.timeoutMs})`,
      )
    }
    assertKeyAllowedHere(PROVIDER, options.apiKey, options)
    this.http = new HttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl,
      auth: options.auth ?? authFor(options),
      timeoutMs: options.timeoutMs ?? CANARY_DEFAULT_TIMEOUT_MS,
      describeError: describeCanaryError,
      ...passThroughOptions(options),
    })
    this.inlineMediaMaxBytes = inlineMediaMaxBytes
    Object.defineProperty(this, TRANSPORT_BRAND, { value: true })
  }

  /** Parses `value` with `schema` or throws a ValidationError naming the field; `what` is e.g. `POST /api/llm/generate-image`. */
  validate<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, what: string): T {
    return checkBody(schema, value, { provider: PROVIDER, what })
  }

  /** A request answered with enveloped JSON: `data` unwrapped and checked against `schema`. */
  async data<T>(options: DataCall<T>, context: RequestContext): Promise<T> {
    const { schema, ...request } = options
    const response = await this.http.request(request, context)
    try {
      return await this.readData(response, schema)
    } catch (error) {
      // A body cut short by the caller's abort is the abort, not a lost connection.
      throwIfAborted(context.signal)
      throw error
    }
  }

  /** Reads an enveloped JSON body: `success: false` throws, `data` is checked against `schema`. */
  async readData<T>(response: Response, schema: StandardSchemaV1<unknown, T>): Promise<T> {
    const text = await responseText(response, PROVIDER)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new ResponseShapeError(`${PROVIDER} answered with a body that is not JSON`, {
        provider: PROVIDER,
        status: response.status,
        body: redactBody(text, this.http.secrets),
      })
    }
    return this.unwrap(body, response, schema, text)
  }

  /**
   * The `data` of an envelope (or the whole body when it has no envelope), checked against
   * `schema`. `{success: false}` becomes a `ProviderError` with the HTTP status, the error's
   * code and the body.
   */
  unwrap<T>(
    body: unknown,
    response: Response,
    schema: StandardSchemaV1<unknown, T>,
    text?: string,
  ): T {
    const requestId = response.headers.get('x-request-id')
    const data = readEnvelope(body, {
      provider: PROVIDER,
      status: response.status,
      secrets: this.http.secrets,
      ...(requestId ? { requestId } : {}),
    })
    return this.check(data, response, schema, text)
  }

  /** `value` checked against `schema`; a ResponseShapeError naming the fields when it does not fit. */
  check<T>(
    value: unknown,
    response: Response,
    schema: StandardSchemaV1<unknown, T>,
    text?: string,
  ): T {
    const raw = () => redactBody(text ?? safeStringify(value), this.http.secrets)
    const result = runSchema(schema, value)
    if (!result.issues) return result.value
    const issues = issuesFromZod(result.issues)
    throw new ResponseShapeError(
      `${PROVIDER} answered with an unexpected shape: ${issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`)
        .join('; ')}`,
      { provider: PROVIDER, status: response.status, body: raw(), issues },
    )
  }
}

function authFor(options: CanaryClientOptions): AuthStrategy | undefined {
  if (options.apiKey === undefined) return undefined
  const header = options.authHeader ?? 'bearer'
  if (header !== 'bearer' && header !== 'x-api-key') {
    throw new TypeError(
      `${PROVIDER}: authHeader must be 'bearer' or 'x-api-key' (got ${JSON.stringify(header)})`,
    )
  }
  return header === 'bearer' ? bearerAuth(options.apiKey) : headerAuth('X-API-Key', options.apiKey)
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
