/**
 * What every method group of `OnysoftClient` shares: the `HttpClient`, validation before
 * sending, the 10 MB request limit, and unwrapping the `{success, data}` envelope. Internal to
 * the client; the groups are the public surface.
 */
import {
  describeCommonError,
  type HttpClient,
  issuesFromZod,
  type ParseableSchema,
  ProviderError,
  parseJsonOrUndefined,
  type RequestContext,
  type RequestOptions,
  type ResponseSchema,
  redactBody,
  responseText,
  throwIfAborted,
  ValidationError,
  type ValidationIssue,
  type ZodLikeIssue,
} from '@atelier/core'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'onysoft'

/** An answer and the headers it came with (for `Retry-After` and request ids). */
export interface WithHeaders<T> {
  data: T
  headers: Headers
  status: number
}

export class Transport {
  readonly http: HttpClient
  /** Largest JSON body sent, in bytes. */
  readonly maxRequestBytes: number

  constructor(http: HttpClient, maxRequestBytes: number) {
    this.http = http
    this.maxRequestBytes = maxRequestBytes
  }

  /**
   * Parses `value` with `schema`, or throws a ValidationError naming each bad field (an
   * unknown key is named too); `what` is e.g. `POST /v1/video/generate`.
   */
  validate<T>(schema: ParseableSchema<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    const error = new ValidationError(requestIssues(result.error.issues), { provider: PROVIDER })
    Object.defineProperty(error, 'message', { value: `${what}: ${error.message}` })
    throw error
  }

  /** Refuses a JSON body over the gateway's total request size before it is sent. */
  checkSize(body: Record<string, unknown>, what: string): void {
    const error = oversizeError(body, this.maxRequestBytes, what)
    if (error) throw error
  }

  /** A JSON request whose answer is the `{success, data}` envelope; resolves with `data` and the headers. */
  async envelope<T>(
    options: RequestOptions & { schema: ResponseSchema<{ success?: boolean; data: T }> },
    context: RequestContext,
  ): Promise<WithHeaders<T>> {
    const response = await this.http.request(options, context)
    const text = await responseText(response, PROVIDER).catch((error: unknown) => {
      // A body cut short by the caller's abort is the abort, not a lost connection.
      throwIfAborted(context.signal)
      throw error
    })
    // `success: false` is an error whatever else the body holds (or lacks).
    const raw = parseJsonOrUndefined(text) as { success?: unknown } | undefined
    if (raw?.success === false) throw this.envelopeError(raw, response.status)
    const body = await this.http.parseJson(
      new Response(text, { status: response.status }),
      options.schema,
    )
    return { data: body.data, headers: response.headers, status: response.status }
  }

  /** A JSON request answered with any documented shape (no envelope check). */
  json<T>(
    options: RequestOptions & { schema: ResponseSchema<T> },
    context: RequestContext,
  ): Promise<T> {
    return this.http.json(options, context)
  }

  /** A 2xx body that says `success: false` is still an error. */
  envelopeError(body: unknown, status: number): ProviderError {
    const described = describeCommonError(body)
    const message = described.message ? this.http.redact(described.message) : 'no reason given'
    return new ProviderError(`${PROVIDER} answered success: false (HTTP ${status}): ${message}`, {
      provider: PROVIDER,
      status,
      providerCode: described.providerCode,
      requestId: described.requestId,
      body: redactBody(JSON.stringify(body), this.http.secrets),
    })
  }
}

/**
 * The ValidationError for a JSON body over `maxBytes`, or undefined when it fits. The issue
 * names the largest top-level field, which is nearly always a base64 image.
 */
export function oversizeError(
  body: Record<string, unknown>,
  maxBytes: number,
  what: string,
): ValidationError | undefined {
  const size = jsonByteLength(body)
  if (size <= maxBytes) return undefined
  let largest = ''
  let largestSize = 0
  for (const [field, value] of Object.entries(body)) {
    const fieldSize = jsonByteLength(value)
    if (fieldSize > largestSize) {
      largest = field
      largestSize = fieldSize
    }
  }
  // One wording for the issue and the error: the error only says which request it was.
  const message = `the request body is ${formatBytes(size)}; Onysoft accepts at most ${formatBytes(maxBytes)} per request (${largest} alone is ${formatBytes(largestSize)}). Send images as public URLs instead of base64 data URIs.`
  return new ValidationError([{ path: largest ? [largest] : [], message, rule: 'too_big' }], {
    provider: PROVIDER,
    message: `${what}: ${message}`,
  })
}

/** zod issues → ValidationIssues, one per unknown key (zod reports them together, at the object). */
export function requestIssues(issues: readonly ZodLikeIssue[]): ValidationIssue[] {
  return issuesFromZod(issues, [], {
    message: 'is not a documented Onysoft parameter',
    rule: 'unrecognized_key',
  })
}

const encoder = new TextEncoder()

/** UTF-8 length of a value's JSON text. */
export function jsonByteLength(value: unknown): number {
  const json = JSON.stringify(value)
  if (json === undefined) return 0
  // Plain ASCII (base64, URLs, most prompts) is one byte per character: skip the encoding copy.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  return /^[\u0000-\u007f]*$/.test(json) ? json.length : encoder.encode(json).byteLength
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} bytes`
}
