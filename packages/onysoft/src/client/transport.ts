/**
 * `OnysoftTransport`: the connection every Onysoft call goes through — the `HttpClient` (auth,
 * retries, redaction; hooks and the request budget arrive per call in its `RequestContext`),
 * the body checks (the kit's `checkBody`, plus the gateway's 10 MB request limit) and the
 * reading of the `{success, data}` envelope (the kit's `readEnvelope`).
 *
 * Every endpoint function takes a transport first, so the driver and any direct calls can share
 * one: `new OnysoftClient(driver.transport)` sends through the driver's HTTP client.
 */

import {
  type AuthStrategy,
  bearerAuth,
  type Clock,
  type OptionNames,
  type RetryPolicy,
  type SecretSource,
  type StandardSchemaV1,
  type ValidationError,
} from '@atelier/core'
import {
  assertKeyAllowedHere,
  bodyError,
  type CheckBodyOptions,
  checkBody,
  HttpClient,
  jsonByteLength,
  parseJsonOrUndefined,
  passThroughOptions,
  type RequestContext,
  type RequestOptions,
  type ResponseSchema,
  readEnvelope,
  responseText,
  runSchema,
  throwIfAborted,
} from '@atelier/core/driver'
import { MAX_REQUEST_BYTES } from '../schemas/generate'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'onysoft'

/** The gateway's public address. */
export const ONYSOFT_DEFAULT_BASE_URL = 'https://api.onysoft.com'
/** Default per-request timeout, in milliseconds. Every call is quick: generation runs as a task. */
export const ONYSOFT_DEFAULT_TIMEOUT_MS = 60_000

/** How to reach the gateway: what `createOnysoftTransport` (and so the client and the driver) take. */
export interface OnysoftTransportOptions {
  /** `sk-ony-...`, sent as `Authorization: Bearer <key>`, only to `baseUrl`'s origin. Or a function returning it. */
  apiKey?: SecretSource
  /**
   * Use a literal `apiKey` in a browser anyway. Off by default: a key in a page can be read by
   * every visitor; prefer a proxy `baseUrl`, or a token function returning short-lived tokens.
   */
  dangerouslyAllowBrowser?: boolean
  /** Instead of `apiKey`: any auth strategy (e.g. none, behind your own proxy). */
  auth?: AuthStrategy
  /** Default `https://api.onysoft.com` (paths start with `/v1`). */
  baseUrl?: string
  /** Extra headers on every request to the API origin. */
  headers?: Record<string, string>
  /** Per-request timeout. Default 60 s. */
  timeoutMs?: number
  /** Retry policy of idempotent calls (and of submits the gateway cannot have started). */
  retry?: Partial<RetryPolicy>
  /** Largest JSON body sent, in bytes. Default 10 MB (10,000,000 bytes), the gateway's documented limit. */
  maxRequestBytes?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject one). */
  clock?: Clock
}

/** An answer and the headers it came with (for `Retry-After` and request ids). */
export interface WithHeaders<T> {
  data: T
  headers: Headers
  status: number
}

/** Every name `OnysoftTransportOptions` takes (checked by the client and the driver). */
export const ONYSOFT_CLIENT_OPTION_NAMES = {
  apiKey: true,
  dangerouslyAllowBrowser: true,
  auth: true,
  baseUrl: true,
  headers: true,
  timeoutMs: true,
  retry: true,
  maxRequestBytes: true,
  fetch: true,
  clock: true,
} as const satisfies OptionNames<OnysoftTransportOptions>

/**
 * The gateway connection. Build one with `createOnysoftTransport(options)`, or wrap an
 * `HttpClient` of your own (provider `onysoft`) with `new OnysoftTransport(http, maxBytes)`.
 */
export class OnysoftTransport {
  /** The HTTP client every call goes through (provider `onysoft`). */
  readonly http: HttpClient
  /** Largest JSON body sent, in bytes. */
  readonly maxRequestBytes: number

  constructor(http: HttpClient, maxRequestBytes: number = MAX_REQUEST_BYTES) {
    this.http = http
    this.maxRequestBytes = maxRequestBytes
  }

  /**
   * A JSON body checked against `schema` and the request size limit, or a ValidationError
   * naming each bad field (an unknown key too); `what` is e.g. `POST /v1/video/generate`.
   */
  checkBody<T extends Record<string, unknown>>(
    schema: StandardSchemaV1<unknown, T>,
    body: unknown,
    what: string,
  ): T {
    const options = { provider: PROVIDER, what }
    const checked = checkBody(schema, body, options)
    const error = oversizeError(checked, this.maxRequestBytes, options)
    if (error) throw error
    return checked
  }

  /**
   * A JSON request answered with any documented shape. `success: false` is an error whatever
   * the HTTP status and whatever else the body holds (or lacks); the rest is checked against
   * `schema`. Resolves with the body and the headers.
   */
  async json<T>(
    options: RequestOptions & { schema: ResponseSchema<T> },
    context: RequestContext,
  ): Promise<WithHeaders<T>> {
    const response = await this.http.request(options, context)
    const text = await responseText(response, PROVIDER).catch((error: unknown) => {
      // A body cut short by the caller's abort is the abort, not a lost connection.
      throwIfAborted(context.signal)
      throw error
    })
    const value = parseJsonOrUndefined(text)
    readEnvelope(value, { provider: PROVIDER, status: response.status, secrets: this.http.secrets })
    // An answer is parsed once and checked once. Only one that is not JSON, or not the promised
    // shape, goes through the HTTP client's reader as well, for its ResponseShapeError: worded
    // as for every provider, the body redacted.
    const checked = value === undefined ? undefined : runSchema(options.schema, value)
    const data =
      checked && !checked.issues
        ? checked.value
        : await this.http.parseJson(new Response(text, { status: response.status }), options.schema)
    return { data, headers: response.headers, status: response.status }
  }

  /** A JSON request whose answer is the `{success, data}` envelope; resolves with `data` and the headers. */
  async envelope<T>(
    options: RequestOptions & { schema: ResponseSchema<{ success?: boolean; data: T }> },
    context: RequestContext,
  ): Promise<WithHeaders<T>> {
    const { data, headers, status } = await this.json(options, context)
    return { data: data.data, headers, status }
  }
}

/**
 * A transport from connection options: the `HttpClient` with bearer auth (or `auth`), the
 * timeout, retries and the request size limit. Refuses a literal key in a browser unless
 * `dangerouslyAllowBrowser` is set.
 */
export function createOnysoftTransport(options: OnysoftTransportOptions = {}): OnysoftTransport {
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new TypeError(`${PROVIDER}: timeoutMs must be a positive number of milliseconds`)
  }
  assertKeyAllowedHere(PROVIDER, options.apiKey, options)
  const auth =
    options.auth ?? (options.apiKey !== undefined ? bearerAuth(options.apiKey) : undefined)
  const http = new HttpClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? ONYSOFT_DEFAULT_BASE_URL,
    timeoutMs: options.timeoutMs ?? ONYSOFT_DEFAULT_TIMEOUT_MS,
    ...(auth ? { auth } : {}),
    ...passThroughOptions(options),
  })
  return new OnysoftTransport(http, options.maxRequestBytes ?? MAX_REQUEST_BYTES)
}

/**
 * True for a transport. Checked by shape as well as by class: the ESM and CommonJS builds of
 * this package each hold their own copy of the class, and a transport from one must still be
 * recognised by the other (a driver loaded with `import`, a client with `require`).
 */
export function isOnysoftTransport(value: unknown): value is OnysoftTransport {
  if (value instanceof OnysoftTransport) return true
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<OnysoftTransport>
  return (
    typeof candidate.http === 'object' &&
    candidate.http !== null &&
    typeof candidate.maxRequestBytes === 'number' &&
    typeof candidate.envelope === 'function' &&
    typeof candidate.checkBody === 'function'
  )
}

/**
 * The ValidationError for a JSON body over `maxBytes`, or undefined when it fits. The issue
 * names the largest top-level field, which is nearly always a base64 image; `options` renames
 * its path to the caller's field, as for any other issue of the body. `size` is the byte length
 * of the body's JSON text, when the caller has serialised it already.
 */
export function oversizeError(
  body: Record<string, unknown>,
  maxBytes: number,
  options: CheckBodyOptions,
  size: number = jsonByteLength(body),
): ValidationError | undefined {
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
  return bodyError([{ path: largest ? [largest] : [], message, rule: 'too_big' }], options, message)
}

/**
 * A request body that passed its schema and the size limit, as the JSON text to send. Made by
 * `serialiseBody`, so the text measured against the limit is the text sent, serialised once.
 */
export interface CheckedBody {
  readonly json: string
}

/**
 * `body` (already checked against its schema) as JSON text, or the ValidationError of
 * `oversizeError` when the text is over `maxBytes`. A 10 MB base64 image is serialised once, here,
 * and that text is both measured and sent.
 */
export function serialiseBody(
  body: Record<string, unknown>,
  maxBytes: number,
  options: CheckBodyOptions,
): CheckedBody {
  const json = JSON.stringify(body)
  const error = oversizeError(body, maxBytes, options, utf8ByteLength(json))
  if (error) throw error
  return { json }
}

const encoder = new TextEncoder()

/** The UTF-8 length of `text`. */
function utf8ByteLength(text: string): number {
  // Plain ASCII (base64, URLs, most prompts) is one byte per character: skip the encoding copy.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  return /^[\u0000-\u007f]*$/.test(text) ? text.length : encoder.encode(text).byteLength
}

const byteCount = new Intl.NumberFormat('en-US')

/**
 * A size in the document's unit: decimal megabytes (10 MB = 10,000,000 bytes), with the exact
 * count beside it, since a body one byte over the limit rounds to the limit itself.
 */
function formatBytes(bytes: number): string {
  const exact = `${byteCount.format(bytes)} bytes`
  if (bytes >= 1_000_000) return `${Number((bytes / 1_000_000).toFixed(2))} MB (${exact})`
  if (bytes >= 1_000) return `${Number((bytes / 1_000).toFixed(1))} KB (${exact})`
  return exact
}
