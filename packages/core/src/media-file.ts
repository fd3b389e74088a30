/**
 * `MediaFile`: every image, audio clip and video atelier returns. It is lazy — a URL is not
 * fetched, a base64 string is not decoded, until you ask — and streamable, so a 2 GB video
 * can go to disk without sitting in memory.
 *
 * Downloads go through a `Downloader` chosen by the driver that produced the file: it adds
 * the provider's credentials only for the provider's own API origin (see `createDownloader`).
 */
import { Base64Decoder, Base64FormatError, encodeBase64, parseDataUri } from './base64'
import { abortErrorFrom, raceAbort, throwIfAborted } from './clock'
import { ConnectionError, isAtelierError, ProviderError, ResponseShapeError } from './errors'
import { readTextBounded } from './http/response-errors'
import { redact, redactBody } from './redact'

/** Fetches a URL for a MediaFile. Receives the signal; returns a successful Response or throws a typed error. */
export type Downloader = (url: string, options: { signal?: AbortSignal }) => Promise<Response>

export interface ReadOptions {
  signal?: AbortSignal
}

type Source =
  | { kind: 'url'; url: string; download: Downloader }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'base64'; base64: string }
  | { kind: 'stream'; open: (signal?: AbortSignal) => Promise<ReadableStream<Uint8Array>> }

/** Base64 characters decoded per chunk when streaming (multiple of 4: 256 KiB of text → 192 KiB of bytes). */
const BASE64_CHUNK_CHARS = 256 * 1024

export interface MediaFileInit {
  /** IANA media type, e.g. `image/png`. */
  mediaType: string
  /**
   * For URL files whose type only the server knows: `mediaType` is a provisional guess that
   * the first download replaces with the response's `Content-Type`.
   */
  mediaTypeFromResponse?: boolean
  /** A suggested file name, when the provider gave one. */
  filename?: string
  /** Size in bytes, when known before reading. */
  size?: number
}

export class MediaFile {
  #mediaType: string
  readonly #mediaTypeFromResponse: boolean
  /** A suggested file name, when the provider gave one. */
  readonly filename: string | undefined
  readonly #source: Source
  #size: number | undefined
  #bytes: Promise<Uint8Array> | undefined

  private constructor(source: Source, init: MediaFileInit) {
    this.#source = source
    this.#mediaType = init.mediaType
    this.#mediaTypeFromResponse = init.mediaTypeFromResponse ?? false
    this.filename = init.filename
    this.#size = init.size
  }

  /**
   * A file behind a URL. Nothing is fetched until read. `download` decides which headers
   * go with the request; without one, a plain credential-free `fetch` is used.
   * A `data:` URL becomes a base64-backed file.
   */
  static fromUrl(
    url: string,
    init: Partial<MediaFileInit> & { download?: Downloader } = {},
  ): MediaFile {
    const data = parseDataUri(url)
    if (data) {
      return new MediaFile(
        { kind: 'base64', base64: data.base64 },
        { ...init, mediaType: init.mediaType ?? data.mediaType },
      )
    }
    const mediaType = init.mediaType ?? mediaTypeFromPath(url) ?? 'application/octet-stream'
    return new MediaFile(
      { kind: 'url', url, download: init.download ?? plainDownload },
      { ...init, mediaType },
    )
  }

  static fromBytes(bytes: Uint8Array | ArrayBuffer, init: MediaFileInit): MediaFile {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
    return new MediaFile({ kind: 'bytes', bytes: view }, { ...init, size: view.byteLength })
  }

  /** Base64 text (plain, or a `data:` URL). Decoded lazily, and in chunks when streamed. */
  static fromBase64(base64: string, init: MediaFileInit): MediaFile {
    const data = parseDataUri(base64)
    const text = data ? data.base64 : base64
    return new MediaFile({ kind: 'base64', base64: text }, init)
  }

  /** A file produced by a function that opens a fresh stream each time it is read (e.g. an authenticated download). */
  static fromStream(
    open: (signal?: AbortSignal) => Promise<ReadableStream<Uint8Array>>,
    init: MediaFileInit,
  ): MediaFile {
    return new MediaFile({ kind: 'stream', open }, init)
  }

  /** IANA media type, e.g. `image/png`, `audio/wav`, `video/mp4`. */
  get mediaType(): string {
    return this.#mediaType
  }

  /** The remote URL, when the file lives behind one. */
  get url(): string | undefined {
    return this.#source.kind === 'url' ? this.#source.url : undefined
  }

  /** Size in bytes when known without reading (bytes in hand, a Content-Length seen, or base64 length). */
  get size(): number | undefined {
    if (this.#size !== undefined) return this.#size
    if (this.#source.kind === 'base64') {
      this.#size = base64ByteLength(this.#source.base64)
      return this.#size
    }
    return undefined
  }

  /** The whole file in memory. The result is kept, so a second call does not download again. */
  async bytes(options: ReadOptions = {}): Promise<Uint8Array> {
    throwIfAborted(options.signal)
    if (this.#source.kind === 'bytes') return this.#source.bytes
    if (!this.#bytes) {
      const pending = this.#readAll(options.signal)
      this.#bytes = pending
      // A failed or aborted read must not poison later reads.
      pending.catch(() => {
        if (this.#bytes === pending) this.#bytes = undefined
      })
    }
    return raceAbort(this.#bytes, options.signal)
  }

  /**
   * A fresh stream of the file's bytes. URL sources stream the response body as it arrives;
   * base64 sources decode chunk by chunk, so neither needs the whole file in memory.
   */
  stream(options: ReadOptions = {}): ReadableStream<Uint8Array> {
    const source = this.#source
    const signal = options.signal
    switch (source.kind) {
      case 'bytes':
        return singleChunkStream(source.bytes)
      case 'base64':
        return base64Stream(source.base64, signal)
      case 'url': {
        const what = `The download of ${redact(source.url)}`
        let status = 0
        return deferredStream(
          async () => {
            const response = await source.download(source.url, { signal })
            await refuseHtmlPage(response, this.#mediaType, what)
            this.#noteResponse(response)
            status = response.status
            return bodyOf(response, source.url)
          },
          signal,
          what,
          // A zero-byte image, audio clip or video is a provider fault, not a result.
          () =>
            /^(?:image|audio|video)\//i.test(this.#mediaType)
              ? new ResponseShapeError(
                  `${what} answered an empty body instead of ${this.#mediaType}`,
                  { status, body: '' },
                )
              : undefined,
        )
      }
      case 'stream':
        return deferredStream(() => source.open(signal), signal, 'The media stream')
    }
  }

  async blob(options: ReadOptions = {}): Promise<Blob> {
    const bytes = await this.bytes(options)
    return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: this.mediaType })
  }

  async arrayBuffer(options: ReadOptions = {}): Promise<ArrayBuffer> {
    const bytes = await this.bytes(options)
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  }

  /** Base64 of the file. A base64-backed file returns its text without decoding. */
  async base64(options: ReadOptions = {}): Promise<string> {
    if (this.#source.kind === 'base64') return standardBase64(this.#source.base64)
    return encodeBase64(await this.bytes(options))
  }

  /** `data:<mediaType>;base64,...` */
  async dataUrl(options: ReadOptions = {}): Promise<string> {
    return `data:${this.mediaType};base64,${await this.base64(options)}`
  }

  /** UTF-8 text of the file (subtitles, JSON results). */
  async text(options: ReadOptions = {}): Promise<string> {
    return new TextDecoder().decode(await this.bytes(options))
  }

  /** A loggable description. Holds no bytes and no credentials. */
  toJSON(): { mediaType: string; url?: string; filename?: string; size?: number } {
    const json: { mediaType: string; url?: string; filename?: string; size?: number } = {
      mediaType: this.mediaType,
    }
    if (this.url !== undefined)
      json.url = this.url.startsWith('data:') ? 'data:…' : redact(this.url)
    if (this.filename !== undefined) json.filename = this.filename
    if (this.size !== undefined) json.size = this.size
    return json
  }

  async #readAll(signal: AbortSignal | undefined): Promise<Uint8Array> {
    const source = this.#source
    if (source.kind === 'base64') {
      const decoder = new Base64Decoder()
      try {
        const bytes = decoder.push(source.base64)
        decoder.finish()
        this.#size = bytes.byteLength
        return bytes
      } catch (error) {
        throw invalidBase64(error)
      }
    }
    // When the size is known (given, or from Content-Length once the download starts), chunks go
    // straight into one buffer of that size: the file is in memory once, not twice at the end.
    const chunks: Uint8Array[] = []
    let total = 0
    let buffer: Uint8Array | undefined
    const reader = this.stream({ signal }).getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      if (
        chunks.length === 0 &&
        !buffer &&
        this.#size !== undefined &&
        this.#size >= value.byteLength
      ) {
        buffer = new Uint8Array(this.#size)
      }
      if (buffer && total + value.byteLength <= buffer.byteLength) {
        buffer.set(value, total)
      } else {
        // More bytes than announced: fall back to collecting chunks.
        if (buffer) {
          chunks.push(buffer.subarray(0, total))
          buffer = undefined
        }
        chunks.push(value)
      }
      total += value.byteLength
    }
    this.#size = total
    if (buffer) return total === buffer.byteLength ? buffer : buffer.slice(0, total)
    if (chunks.length === 1) return chunks[0]!
    const bytes = new Uint8Array(total)
    let offset = 0
    for (const chunk of chunks) {
      bytes.set(chunk, offset)
      offset += chunk.byteLength
    }
    return bytes
  }

  #noteResponse(response: Response): void {
    const served = response.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase()
    if (this.#mediaTypeFromResponse && served && served !== 'application/octet-stream')
      this.#mediaType = served
    const length = Number(response.headers.get('content-length'))
    if (Number.isFinite(length) && length > 0 && !response.headers.get('content-encoding')) {
      this.#size = length
    }
  }
}

const EXTENSION_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  glb: 'model/gltf-binary',
  gltf: 'model/gltf+json',
  json: 'application/json',
  txt: 'text/plain',
}

/** A media type from a URL's or path's file extension; undefined when unknown. */
export function mediaTypeFromPath(path: string): string | undefined {
  const clean = path.split(/[?#]/, 1)[0] ?? ''
  const extension = /\.([a-z0-9]+)$/i.exec(clean)?.[1]?.toLowerCase()
  return extension ? EXTENSION_TYPES[extension] : undefined
}

/** Anything a task accepts as media input: a URL or data URL, raw bytes, a Blob, or a MediaFile from an earlier result. */
export type MediaInput = string | URL | Uint8Array | ArrayBuffer | Blob | MediaFile

/**
 * Normalises a media input to a MediaFile. `mediaType` is a fallback for inputs that do not
 * carry one; `download` fetches a URL input (a driver passes its client's downloader so its
 * `fetch` option applies and credentials stay with its own origin), default a plain `fetch`.
 */
export function toMediaFile(
  input: MediaInput,
  mediaType = 'application/octet-stream',
  options: { download?: Downloader } = {},
): MediaFile {
  if (input instanceof MediaFile) return input
  if (typeof input === 'string' || input instanceof URL) {
    const url = String(input)
    return MediaFile.fromUrl(url, {
      mediaType: mediaTypeFromPath(url) ?? parseDataUri(url)?.mediaType ?? mediaType,
      ...(options.download ? { download: options.download } : {}),
    })
  }
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    return MediaFile.fromBytes(input, { mediaType })
  }
  const blob = input
  return MediaFile.fromStream(async () => blob.stream() as ReadableStream<Uint8Array>, {
    mediaType: blob.type || mediaType,
    size: blob.size,
  })
}

/** True for values a MediaInput field accepts (used by the task schemas). */
export function isMediaInput(value: unknown): value is MediaInput {
  if (typeof value === 'string') return value.length > 0
  return (
    value instanceof MediaFile ||
    value instanceof URL ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  )
}

/** The default downloader: a plain `fetch` with no credentials, errors typed. */
const plainDownload: Downloader = async (url, { signal }) => {
  let response: Response
  try {
    response = await fetch(url, { signal })
  } catch (error) {
    throwIfAborted(signal)
    throw new ConnectionError(`Download failed: ${redact(url)}`, { cause: error })
  }
  if (!response.ok) {
    throw new ProviderError(`Download failed with HTTP ${response.status}: ${redact(url)}`, {
      status: response.status,
      body: redactBody(await response.text().catch(() => '')),
    })
  }
  return response
}

/**
 * Refuses an HTML page served with a success status where a media file (or an event stream)
 * was expected (a proxy's, CDN's or login wall's error page): throws a ResponseShapeError
 * quoting the page (bounded, redacted). An HTML file that was asked for is left alone.
 */
export async function refuseHtmlPage(
  response: Response,
  expectedMediaType: string,
  what: string,
  options: { provider?: string; secrets?: readonly string[] } = {},
): Promise<void> {
  const served = response.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase()
  if (served !== 'text/html' || expectedMediaType.toLowerCase() === 'text/html') return
  const page = await readTextBounded(response)
  throw new ResponseShapeError(
    `${what} answered an HTML page (HTTP ${response.status}) instead of ${expectedMediaType}`,
    {
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
      status: response.status,
      body: redactBody(page, options.secrets),
    },
  )
}

/**
 * Wraps a downloader that sends credentials (its own API's origin) so that an HTML page
 * answered with a success status is refused there, quoting the page with those credentials
 * redacted: an error page may echo the headers it was sent. MediaFile's own check only
 * knows the secrets in URLs.
 */
export function refusingHtmlPages(
  download: Downloader,
  options: { provider?: string; secrets: () => readonly string[] },
): Downloader {
  return async (url, init) => {
    const response = await download(url, init)
    const secrets = options.secrets()
    await refuseHtmlPage(response, 'a media file', `The download of ${redact(url, secrets)}`, {
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
      secrets,
    })
    return response
  }
}

function bodyOf(response: Response, url: string): ReadableStream<Uint8Array> {
  if (!response.body) {
    throw new ResponseShapeError(`Download returned no body: ${redact(url)}`, {
      status: response.status,
    })
  }
  return response.body
}

/** Decoded size of base64 text: data characters only (whitespace such as MIME line breaks and padding do not count). */
function base64ByteLength(text: string): number {
  let length = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code !== 61 && code !== 32 && code !== 10 && code !== 13 && code !== 9) length++
  }
  return Math.floor((length * 3) / 4)
}

/** Standard, padded base64 (what `atob`, data URLs and strict validators expect) from any text the decoder accepts. */
function standardBase64(text: string): string {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')
  const unpadded = clean.replace(/=+$/, '')
  return unpadded.length % 4 === 0
    ? unpadded
    : unpadded.padEnd(unpadded.length + 4 - (unpadded.length % 4), '=')
}

function invalidBase64(error: unknown): Error {
  const reason = error instanceof Base64FormatError ? error.message : 'invalid base64'
  return new ResponseShapeError(`Media data is not valid base64: ${reason}`, {
    status: 200,
    cause: error,
  })
}

function singleChunkStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes)
      controller.close()
    },
  })
}

function base64Stream(text: string, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const decoder = new Base64Decoder()
  let offset = 0
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (signal?.aborted) {
          controller.error(abortErrorFrom(signal))
          return
        }
        try {
          if (offset >= text.length) {
            decoder.finish()
            controller.close()
            return
          }
          const chunk = text.slice(offset, offset + BASE64_CHUNK_CHARS)
          offset += BASE64_CHUNK_CHARS
          controller.enqueue(decoder.push(chunk))
        } catch (error) {
          controller.error(invalidBase64(error))
        }
      },
    },
    { highWaterMark: 1 },
  )
}

/**
 * A stream whose source is opened on first read and canceled (with the signal's error) on
 * abort. `emptyError`, asked when the source ends without a byte, is the error to end with
 * instead when an empty file is a fault. The check lives here rather than in a transform
 * stream of its own: each stage a chunk passes costs promises and queue entries per chunk.
 */
function deferredStream(
  open: () => Promise<ReadableStream<Uint8Array>>,
  signal: AbortSignal | undefined,
  what: string,
  emptyError?: () => Error | undefined,
): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined
  let received = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          throwIfAborted(signal)
          reader ??= (await open()).getReader()
          const { done, value } = await raceAbort(reader.read(), signal)
          if (!done) {
            received += value.byteLength
            controller.enqueue(value)
            return
          }
          const empty = received === 0 ? emptyError?.() : undefined
          if (empty) controller.error(empty)
          else controller.close()
        } catch (error) {
          reader?.cancel(error).catch(() => {})
          // A body that fails mid-read (the connection dropped) is the runtime's TypeError
          // ("terminated"): the caller gets a typed ConnectionError saying so instead.
          controller.error(
            isAtelierError(error)
              ? error
              : new ConnectionError(
                  `${what} was cut short (${error instanceof Error ? error.message : String(error)})`,
                  { cause: error },
                ),
          )
        }
      },
      async cancel(reason) {
        await reader?.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}
