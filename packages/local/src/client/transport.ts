/**
 * What every endpoint function shares: the `HttpClient`, input validation, path building, and
 * the response readers (JSON, a finished media body, a live audio stream, a lazy download). A
 * `Transport` is what the endpoint functions take first; `SillyMediaClient` and the `local`
 * driver each hold one (`client.transport`, `driver.transport`), and `createTransport` builds
 * one from options.
 */
import {
  ConnectionError,
  type Downloader,
  MediaFile,
  ResponseShapeError,
  type StandardSchemaV1,
} from '@atelier/core'
import {
  abortErrorFrom,
  anySignal,
  checkBody,
  type HttpClient,
  joinUrl,
  type RequestContext,
  type RequestOptions,
  type ResponseSchema,
  raceAbort,
  refuseHtmlPage,
  refusingHtmlPages,
  requestContextOf,
  throwIfAborted,
} from '@atelier/core/driver'
import * as z from 'zod/mini'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'local'

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/**
 * One `{param}` of a URL path (a model id, actor name, file, entry, actor or job id): a
 * non-empty string that is not `.` or `..`, in well-formed Unicode (a lone surrogate cannot be
 * put in a URL). `/`, `?` and `#` are allowed; `pathOf` encodes them.
 */
export const pathParamSchema = /* @__PURE__ */ (() =>
  z.string('must be a string').check(
    z.minLength(1, 'must not be empty'),
    z.refine((value) => !DOT_SEGMENT.test(value), 'must not be "." or ".."'),
    z.refine(isWellFormed, 'must be well-formed Unicode (no lone surrogates)'),
  ))()

/** A URL from a server answer: a path on the API or an absolute http(s) URL. */
const serverUrlSchema = /* @__PURE__ */ (() =>
  z
    .string('must be a string')
    .check(
      z.refine(
        (value) =>
          (value.startsWith('/') && !value.startsWith('//')) || /^https?:\/\//i.test(value),
        'must be a path on the API (starting with "/") or an http(s) URL',
      ),
    ))()

/** False for text with a lone UTF-16 surrogate, which no URL can carry. */
function isWellFormed(value: string): boolean {
  try {
    encodeURIComponent(value)
    return true
  } catch {
    return false
  }
}

/** Media type of a response without parameters, or undefined when it is missing or generic. */
export function responseMediaType(response: Response): string | undefined {
  const type = response.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase()
  if (!type || type === 'application/octet-stream' || !type.includes('/')) return undefined
  return type
}

/** The file name a `Content-Disposition` header suggests (`filename*=` preferred), if any. */
export function dispositionFilename(response: Response): string | undefined {
  const header = response.headers.get('content-disposition')
  if (!header) return undefined
  const extended = /filename\*\s*=\s*(?:[\w-]+)?'[^']*'([^;]+)/i.exec(header)?.[1]
  if (extended) {
    try {
      return decodeURIComponent(extended.trim())
    } catch {
      // Fall through to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header)
  const name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2]?.trim()
  return name || undefined
}

/** Options of a request that answers with JSON. */
export type JsonCall<T> = RequestOptions & { schema: ResponseSchema<T> }

/**
 * The shared machinery of the endpoint functions: one `HttpClient` (its base URL, auth, headers,
 * `fetch`, timeouts and retries) and the timeout of synchronous generation calls. Build one with
 * `createTransport(options)`, or take the one of a driver (`driver.transport`) or a client
 * (`client.transport`) to make calls that share its HTTP client.
 */
export class Transport {
  readonly http: HttpClient
  /** Timeout of synchronous generation calls, in milliseconds. */
  readonly generationTimeoutMs: number

  constructor(http: HttpClient, generationTimeoutMs: number) {
    this.http = http
    this.generationTimeoutMs = generationTimeoutMs
  }

  /** Parses `value` with `schema`, or throws a ValidationError naming the field; `what` is e.g. `POST /tts/generate`. */
  validate<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, what: string): T {
    return checkBody(schema, value, { provider: PROVIDER, what })
  }

  /**
   * Validates the `{param}`s of a path (named as in the API document, e.g. `job_id`) and returns
   * them as strings; `..`, empty and non-string values fail with a ValidationError naming the param.
   */
  params<const K extends string>(what: string, values: Record<K, unknown>): Record<K, string> {
    const shape = Object.fromEntries(Object.keys(values).map((key) => [key, pathParamSchema]))
    return this.validate(z.object(shape), values, what) as Record<K, string>
  }

  /** A request answered with JSON, checked against `schema`. */
  json<T>(options: JsonCall<T>, context: RequestContext): Promise<T> {
    return this.http.json(options, context)
  }

  /** A request answered with no content (204), or whose body is not needed. */
  async empty(options: RequestOptions, context: RequestContext): Promise<void> {
    const response = await this.http.request(options, context)
    await response.body?.cancel().catch(() => {})
  }

  /**
   * A request answered with a finished media file (PNG, WAV): the body is read to the end and
   * kept in memory. The media type comes from the response, else `fallbackMediaType`.
   */
  async media(
    options: RequestOptions,
    fallbackMediaType: string,
    context: RequestContext,
  ): Promise<MediaFile> {
    const response = await this.http.request(options, context)
    const what = `${PROVIDER}: ${options.method ?? 'POST'} ${options.path}`
    // A proxy's error page with a 200 is not an image, and neither is nothing at all.
    await refuseHtmlPage(response, fallbackMediaType, what, {
      provider: PROVIDER,
      secrets: this.http.secrets,
    })
    const bytes = await readBytes(response, context.signal)
    if (bytes.byteLength === 0) {
      throw new ResponseShapeError(
        `${what} answered an empty body instead of ${fallbackMediaType}`,
        {
          provider: PROVIDER,
          status: response.status,
          body: '',
        },
      )
    }
    const filename = dispositionFilename(response)
    return MediaFile.fromBytes(bytes, {
      mediaType: responseMediaType(response) ?? fallbackMediaType,
      ...(filename !== undefined ? { filename } : {}),
    })
  }

  /**
   * A file at a URL the server handed back (`video_url`, `audios[].download_url`), fetched only
   * when read: a path on this API (starting with `/`) or an absolute http(s) URL — one on
   * another origin is fetched without credentials. Anything else is a ValidationError naming
   * `field` (the answer's field the URL came from, e.g. `download_url`).
   */
  fileAt(
    url: string,
    mediaType: string,
    field: string,
    context: RequestContext,
    options: { adoptResponseType?: boolean } = {},
  ): MediaFile {
    this.validate(z.object({ [field]: serverUrlSchema }), { [field]: url }, `GET {${field}}`)
    return this.lazyMedia(url, mediaType, context, options)
  }

  /**
   * A file behind a GET on this API, fetched only when read (and streamed when read with
   * `stream()`): a request of kind `download` (a timeout on the headers only, credentials only
   * for this origin) carrying the context's hooks, aborted by the context's signal or the
   * read's own.
   *
   * With `adoptResponseType`, `mediaType` is a provisional guess that the first download
   * replaces with the response's `Content-Type` (for files whose type only the server knows).
   */
  lazyMedia(
    path: string,
    mediaType: string,
    context: RequestContext,
    options: { adoptResponseType?: boolean } = {},
  ): MediaFile {
    const download: Downloader = (url, { signal }) =>
      // The request timeout bounds the wait for the file's headers, not the streaming body: a
      // sidecar that never answers ends in a TimeoutError instead of a read that never ends.
      this.http.request(
        { path: url, kind: 'download' },
        requestContextOf(context, { signal: anySignal([context.signal, signal]) }),
      )
    const http = this.http
    return MediaFile.fromUrl(joinUrl(http.baseUrl, path), {
      mediaType,
      download: refusingHtmlPages(download, { provider: PROVIDER, secrets: () => http.secrets }),
      mediaTypeFromResponse: options.adoptResponseType ?? false,
    })
  }
}

/**
 * What the endpoint functions take first: a `Transport`, or anything holding the same two
 * things — a `SillyMediaClient` works as it is.
 */
export type Connection = Pick<Transport, 'http' | 'generationTimeoutMs'>

/** The transport of a connection: itself when it is one, else one over its `http`. */
export function transportOf(connection: Connection): Transport {
  return connection instanceof Transport
    ? connection
    : new Transport(connection.http, connection.generationTimeoutMs)
}

/**
 * A request answered with a body that keeps coming (chunked WAV): resolves once the response
 * headers arrive, with the body as it streams. Nothing is buffered; aborting `context.signal`
 * errors the stream with an AbortError and closes the connection. A function rather than a
 * method of `Transport`, so that only the streaming calls bundle it.
 */
export async function streamResponse(
  transport: Transport,
  options: RequestOptions,
  context: RequestContext,
): Promise<ReadableStream<Uint8Array>> {
  const response = await transport.http.request({ ...options, timeoutMs: false }, context)
  return typedBody(response, context.signal)
}

/** Reads a whole body; an abort becomes an AbortError, a body cut short a ConnectionError. */
async function readBytes(response: Response, signal: AbortSignal | undefined): Promise<Uint8Array> {
  try {
    return new Uint8Array(await raceAbort(response.arrayBuffer(), signal))
  } catch (error) {
    throwIfAborted(signal)
    throw new ConnectionError(`${PROVIDER}: the response body was cut short`, {
      provider: PROVIDER,
      cause: error,
    })
  }
}

/** The response body re-exposed so that read failures are typed errors and an abort ends it at once. */
function typedBody(
  response: Response,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  const body = response.body
  if (!body) {
    throw new ResponseShapeError(`${PROVIDER} answered a streaming request without a body`, {
      provider: PROVIDER,
      status: response.status,
    })
  }
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await raceAbort(reader.read(), signal)
          if (done) controller.close()
          else controller.enqueue(value)
        } catch (error) {
          const typed = signal?.aborted
            ? abortErrorFrom(signal)
            : new ConnectionError(`${PROVIDER}: the stream broke off`, {
                provider: PROVIDER,
                cause: error,
              })
          reader.cancel(typed).catch(() => {})
          controller.error(typed)
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
