/**
 * What every method group of `OnysoftClient` shares: the `HttpClient`, checking bodies before
 * they are sent (the kit's `checkBody`, plus the gateway's 10 MB request limit), and reading
 * the `{success, data}` envelope (the kit's `readEnvelope`). Internal to the client; the
 * groups are the public surface.
 */

import type { StandardSchemaV1, ValidationError } from '@atelier/core'
import {
  bodyError,
  type CheckBodyOptions,
  checkBody,
  type HttpClient,
  jsonByteLength,
  parseJsonOrUndefined,
  type RequestContext,
  type RequestOptions,
  type ResponseSchema,
  readEnvelope,
  responseText,
  throwIfAborted,
} from '@atelier/core/driver'

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
    readEnvelope(parseJsonOrUndefined(text), {
      provider: PROVIDER,
      status: response.status,
      secrets: this.http.secrets,
    })
    const data = await this.http.parseJson(
      new Response(text, { status: response.status }),
      options.schema,
    )
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
 * The ValidationError for a JSON body over `maxBytes`, or undefined when it fits. The issue
 * names the largest top-level field, which is nearly always a base64 image; `options` renames
 * its path to the caller's field, as for any other issue of the body.
 */
export function oversizeError(
  body: Record<string, unknown>,
  maxBytes: number,
  options: CheckBodyOptions,
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
  return bodyError([{ path: largest ? [largest] : [], message, rule: 'too_big' }], options, message)
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} bytes`
}
