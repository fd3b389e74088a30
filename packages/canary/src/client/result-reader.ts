/**
 * Reading `/api/llm/queue/result` without holding its media in memory.
 *
 * CanaryLLM returns media as base64 strings inside the JSON result. `response.json()` on a
 * video result would hold the body text (4/3 of the video), then the parsed string, then the
 * decoded bytes: three to four times the file. Instead the body is scanned as it streams
 * (`JsonMediaScanner`):
 *
 * 1. The first read keeps every field except the media strings (model, provider, mime types,
 *    transcripts...), which are parsed normally. A media string up to `inlineMediaMaxBytes`
 *    (decoded) is kept as base64 and becomes a `MediaFile.fromBase64`; a larger one is only
 *    counted (its exact decoded size is known at the end).
 * 2. A large media file is a `MediaFile.fromStream` whose `open()` requests the result again
 *    and decodes that one string chunk by chunk with core's `Base64Decoder` as the body
 *    arrives, stopping the download once the string has ended. Saving it to disk never holds
 *    more than a network chunk; `bytes()` fills a single buffer of the known size (core's
 *    `MediaFile` does that whenever it is given the `size`).
 *
 * The trade-off: a large result crosses the network once to read its small fields and once
 * more for every read of a large media file, and the server must still have the result when
 * the file is read. Raise `inlineMediaMaxBytes` to keep larger files from the first read in
 * memory instead (one download, memory about 4/3 of the file while it is kept as base64).
 */
import {
  ConnectionError,
  type Downloader,
  MediaFile,
  type MediaFileInit,
  ResponseShapeError,
} from '@atelier/core'
import {
  abortErrorFrom,
  Base64Decoder,
  Base64FormatError,
  MAX_ERROR_BODY_CHARS,
  raceAbort,
  throwIfAborted,
} from '@atelier/core/driver'
import { JsonMediaScanner, type JsonPath, JsonScanError, type MediaSink } from './json-scanner'

/** Default of `inlineMediaMaxBytes`: media up to 8 MiB (decoded) is kept from the first read. */
export const DEFAULT_INLINE_MEDIA_MAX_BYTES = 8 * 1024 * 1024

const MEDIA_LISTS = new Set(['images', 'videos'])
const SINGLE_MEDIA_FIELDS = new Set(['audio', 'blurredImage'])

/**
 * Whether a string at `path` of a result body is media: `result.images[i].data`,
 * `result.videos[i].data`, `result.audio` and `result.blurredImage`, with `result` at the top
 * level or inside the `data` of the envelope — or the same fields of a result sent bare (at the
 * top level, or as the envelope's `data`), as the document prints the vision results.
 */
export function isResultMediaPath(path: JsonPath): boolean {
  const at = path[0] === 'result' ? 1 : path[0] === 'data' ? (path[1] === 'result' ? 2 : 1) : 0
  const rest = path.length - at
  const field = path[at]
  if (rest === 1) return typeof field === 'string' && SINGLE_MEDIA_FIELDS.has(field)
  return (
    rest === 3 &&
    typeof field === 'string' &&
    MEDIA_LISTS.has(field) &&
    typeof path[at + 1] === 'number' &&
    path[at + 2] === 'data'
  )
}

/** The media type a result states for the media field at `path`, or a default by field. */
/** The media type the answer states beside a media field (`mimeType`, `blurredImageMimeType`). */
function statedMediaType(body: unknown, path: JsonPath): string | undefined {
  const field = path[path.length - 1]
  const owner = valueAt(body, path.slice(0, -1))
  const stated =
    field === 'blurredImage'
      ? (owner as Record<string, unknown> | undefined)?.blurredImageMimeType
      : (owner as Record<string, unknown> | undefined)?.mimeType
  return typeof stated === 'string' && stated.includes('/') ? stated : undefined
}

function mediaTypeAt(body: unknown, path: JsonPath): string {
  const field = path[path.length - 1] === 'data' ? path[path.length - 3] : path[path.length - 1]
  const stated = statedMediaType(body, path)
  if (stated) return stated
  if (field === 'videos') return 'video/mp4'
  if (field === 'audio') return 'audio/mpeg'
  return 'image/png'
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[key]
  }
  return value
}

function setAt(root: unknown, path: JsonPath, value: unknown): void {
  const owner = valueAt(root, path.slice(0, -1))
  if (owner !== null && typeof owner === 'object') {
    ;(owner as Record<string | number, unknown>)[path[path.length - 1]!] = value
  }
}

const samePath = (a: JsonPath, b: JsonPath) =>
  a.length === b.length && a.every((part, index) => part === b[index])

const latin1 = new TextDecoder('latin1')

/**
 * The characters of one media string with a `data:<type>;base64,` prefix (which some
 * gateways send) taken off: counts the base64 data characters and passes them on.
 */
class MediaText {
  /** Base64 characters seen, padding excluded: `floor(dataChars × 3 / 4)` bytes decoded. */
  dataChars = 0
  /** The media type a `data:` prefix named. */
  prefixType: string | undefined
  #head: string | undefined = ''
  readonly #emit: (text: string) => void

  constructor(emit: (text: string) => void) {
    this.#emit = emit
  }

  push(bytes: Uint8Array): void {
    if (this.#head === undefined) {
      this.#data(latin1.decode(bytes))
      return
    }
    this.#head += latin1.decode(bytes)
    const head = this.#head
    if (head.length < 5 && 'data:'.startsWith(head)) return
    if (!head.startsWith('data:')) {
      this.#head = undefined
      this.#data(head)
      return
    }
    const comma = head.indexOf(',')
    if (comma < 0) {
      if (head.length > 512) throw new JsonScanError('a media data URL has no comma')
      return
    }
    this.prefixType = /^data:([^;,]+)/.exec(head)?.[1]
    this.#head = undefined
    this.#data(head.slice(comma + 1))
  }

  /** Called when the string ends: a lone short head (e.g. `"da"`) is data too. */
  end(): void {
    if (this.#head) this.#data(this.#head)
    this.#head = undefined
  }

  #data(text: string): void {
    if (text.length === 0) return
    let count = text.length
    for (let at = text.indexOf('='); at !== -1; at = text.indexOf('=', at + 1)) count--
    this.dataChars += count
    this.#emit(text)
  }

  get size(): number {
    return Math.floor((this.dataChars * 3) / 4)
  }
}

/** One media string found by the first read. */
interface FoundMedia {
  path: JsonPath
  text: MediaText
  /** The base64 text, while it decodes to at most `inlineMediaMaxBytes`. */
  parts: string[] | undefined
}

export interface ReadResultOptions {
  provider: string
  /** Media up to this many decoded bytes is kept from this read; larger files are read again when asked for. */
  inlineMediaMaxBytes: number
  /** Requests the same result again, for reading a large media file. */
  reopen(signal: AbortSignal | undefined): Promise<Response>
  signal?: AbortSignal
  /** Removes credentials from the body an error quotes. */
  redact?: (text: string) => string
  /**
   * Fetches a media field the gateway answered with a link instead of base64 (the document
   * prints base64; a link is read rather than decoded as garbage). The client's downloader,
   * so its `fetch` applies and credentials stay with the gateway's origin.
   */
  download?: Downloader
}

/** A media string that is a link, not base64: `https://...` (base64 never holds `:`). */
const MEDIA_LINK = /^https?:\/\/\S+$/i

/**
 * The start of a body as it streams, so that an error about the body can quote it: the first
 * MAX_ERROR_BODY_CHARS bytes are kept, the rest (a result may be hundreds of MB) only counted.
 */
class BodyHead {
  #text = ''
  #kept = 0
  #skipped = 0
  readonly #decoder = new TextDecoder()

  push(bytes: Uint8Array): void {
    const room = MAX_ERROR_BODY_CHARS - this.#kept
    const kept = bytes.byteLength > room ? bytes.subarray(0, Math.max(0, room)) : bytes
    if (kept.byteLength > 0) this.#text += this.#decoder.decode(kept, { stream: true })
    this.#kept += kept.byteLength
    this.#skipped += bytes.byteLength - kept.byteLength
  }

  quote(redact: ((text: string) => string) | undefined): string {
    const text = redact ? redact(this.#text) : this.#text
    return this.#skipped > 0 ? `${text}… [${this.#skipped} more bytes]` : text
  }
}

/**
 * Reads a result body as it streams and returns it parsed, each media string replaced by a
 * `MediaFile` (inline when small, re-read and streamed when large).
 */
export async function readResultBody(
  response: Response,
  options: ReadResultOptions,
): Promise<unknown> {
  const found: FoundMedia[] = []
  let current: FoundMedia | undefined
  const sink: MediaSink = {
    open(path) {
      const entry: FoundMedia = {
        path,
        parts: [],
        // `size` already counts `text`: the parts are dropped once they decode to more than the limit.
        text: new MediaText((text) => {
          if (entry.text.size > options.inlineMediaMaxBytes) entry.parts = undefined
          else entry.parts?.push(text)
        }),
      }
      current = entry
    },
    chars(bytes) {
      current!.text.push(bytes)
    },
    close() {
      current!.text.end()
      found.push(current!)
      current = undefined
    },
  }
  const scanner = new JsonMediaScanner({ isMediaPath: isResultMediaPath, sink })
  const head = new BodyHead()
  await scanBody(response, scanner, options, head)
  let body: unknown
  try {
    body = JSON.parse(scanner.finish())
  } catch (error) {
    throw shapeError(options.provider, response.status, error, head.quote(options.redact))
  }
  for (const media of found) {
    const text = media.parts?.join('')
    if (text !== undefined && MEDIA_LINK.test(text)) {
      const stated = statedMediaType(body, media.path)
      setAt(
        body,
        media.path,
        MediaFile.fromUrl(text, {
          ...(stated ? { mediaType: stated } : {}),
          ...(options.download ? { download: options.download } : {}),
        }),
      )
      continue
    }
    const init: MediaFileInit = {
      mediaType: media.text.prefixType ?? mediaTypeAt(body, media.path),
      size: media.text.size,
    }
    const file =
      text !== undefined
        ? MediaFile.fromBase64(text, init)
        : MediaFile.fromStream(
            (signal) => openMediaStream(media.path, media.text.size, options, signal),
            init,
          )
    setAt(body, media.path, file)
  }
  return body
}

/** Feeds a whole response body to the scanner. */
async function scanBody(
  response: Response,
  scanner: JsonMediaScanner,
  options: ReadResultOptions,
  head: BodyHead,
): Promise<void> {
  const reader = bodyReader(response, options.provider)
  try {
    for (;;) {
      const { done, value } = await readChunk(reader, options)
      if (done) return
      head.push(value)
      scanner.push(value)
    }
  } catch (error) {
    throw error instanceof JsonScanError
      ? shapeError(options.provider, response.status, error, head.quote(options.redact))
      : error
  } finally {
    reader.cancel().catch(() => {})
  }
}

function bodyReader(response: Response, provider: string): ReadableStreamDefaultReader<Uint8Array> {
  if (!response.body) {
    throw new ResponseShapeError(`${provider} answered the result request without a body`, {
      provider,
      status: response.status,
    })
  }
  return response.body.getReader()
}

async function readChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  options: { provider: string; signal?: AbortSignal | undefined },
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await raceAbort(reader.read(), options.signal)
  } catch (error) {
    throwIfAborted(options.signal)
    throw new ConnectionError(`${options.provider}: the result body was cut short`, {
      provider: options.provider,
      cause: error,
    })
  }
}

function shapeError(
  provider: string,
  status: number,
  error: unknown,
  body: string,
): ResponseShapeError {
  const reason = error instanceof Error ? error.message : String(error)
  return new ResponseShapeError(
    `${provider} answered the result request with broken JSON: ${reason}`,
    {
      provider,
      status,
      body,
      cause: error,
    },
  )
}

/**
 * The decoded bytes of the media string at `path`, read from a fresh result request. Decodes
 * as the body arrives and cancels the download once the string has ended.
 */
async function openMediaStream(
  path: JsonPath,
  expectedSize: number,
  options: ReadResultOptions,
  signal: AbortSignal | undefined,
): Promise<ReadableStream<Uint8Array>> {
  const provider = options.provider
  const response = await options.reopen(signal)
  const reader = bodyReader(response, provider)
  const pending: string[] = []
  let active = false
  let found = false
  let ended = false
  const text = new MediaText((piece) => pending.push(piece))
  const scanner = new JsonMediaScanner({
    isMediaPath: isResultMediaPath,
    skeleton: false,
    sink: {
      open(openedPath) {
        active = !found && samePath(openedPath, path)
        if (active) found = true
      },
      chars(bytes) {
        if (active) text.push(bytes)
      },
      close() {
        if (active) {
          text.end()
          ended = true
        }
        active = false
      },
    },
  })
  const decoder = new Base64Decoder()
  let produced = 0
  const head = new BodyHead()
  const fail = (message: string, cause?: unknown) =>
    new ResponseShapeError(`${provider}: ${message}`, {
      provider,
      status: response.status,
      body: head.quote(options.redact),
      cause,
    })
  const changed = () =>
    fail(
      `the media at ${path.join('.')} changed between reads (${produced} bytes, expected ${expectedSize})`,
    )
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            if (pending.length > 0) {
              const bytes = decoder.push(pending.length === 1 ? pending[0]! : pending.join(''))
              pending.length = 0
              if (bytes.length > 0) {
                produced += bytes.length
                // Fails at once rather than at the end: `bytes()` fills one buffer of the
                // expected size and would otherwise gather the surplus in a second one.
                if (produced > expectedSize) throw changed()
                controller.enqueue(bytes)
                return
              }
            }
            if (ended) {
              decoder.finish()
              reader.cancel().catch(() => {})
              if (produced !== expectedSize) throw changed()
              controller.close()
              return
            }
            const { done, value } = await readChunk(reader, { provider, signal })
            if (done) {
              throw fail(
                found
                  ? 'the result body ended inside a media field'
                  : `the result no longer holds media at ${path.join('.')}`,
              )
            }
            head.push(value)
            scanner.push(value)
          }
        } catch (error) {
          reader.cancel().catch(() => {})
          if (signal?.aborted) controller.error(abortErrorFrom(signal))
          else if (error instanceof Base64FormatError)
            controller.error(fail(`media is not valid base64: ${error.message}`, error))
          else if (error instanceof JsonScanError)
            controller.error(fail(`broken JSON in the result: ${error.message}`, error))
          else controller.error(error)
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
