/**
 * A streaming JSON scanner for results that carry media as base64 strings. It walks the
 * bytes of a JSON document as they arrive, keeping track of where it is (`['data', 'result',
 * 'videos', 0, 'data']`), and hands the characters of every string value at a media path to
 * a sink instead of keeping them. Everything else can be copied into a small "skeleton"
 * document in which each media string is `""`, to be `JSON.parse`d as usual.
 *
 * That is what lets a 256 MiB video arrive inside a 350 MB JSON body without the body, the
 * base64 text or a parsed string ever being held in memory: the scanner keeps a stack of
 * containers and the current key, nothing more.
 *
 * The scanner checks structure (brackets, commas, colons, string escapes) but not the
 * spelling of numbers and literals; `JSON.parse` of the skeleton does that.
 */

/** Where a value sits: object keys and array indexes from the root. */
export type JsonPath = readonly (string | number)[]

/** Receives the media strings, one at a time. */
export interface MediaSink {
  /** A media string starts at `path`. */
  open(path: JsonPath): void
  /**
   * Characters of the open media string, escapes already resolved, one byte per character
   * (characters above U+00FF, invalid in base64 anyway, arrive as 0x80).
   */
  chars(bytes: Uint8Array): void
  /** The open media string ended. */
  close(): void
}

/** The body is not the JSON document it should be. */
export class JsonScanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JsonScanError'
  }
}

export interface JsonMediaScannerOptions {
  /** Whether the string value at `path` is media (sent to the sink, left out of the skeleton). */
  isMediaPath(path: JsonPath): boolean
  sink: MediaSink
  /** Keep the skeleton (everything but media strings). Default true. */
  skeleton?: boolean
  /** Largest skeleton accepted, in bytes. Default 64 MiB. */
  maxSkeletonBytes?: number
}

type Frame = { object: true; key: string | undefined } | { object: false; index: number }

// Scanner modes.
const VALUE = 0 // a value must come
const VALUE_OR_END = 1 // right after `[`: a value or `]`
const KEY = 2 // after `,` in an object: a key must come
const KEY_OR_END = 3 // right after `{`: a key or `}`
const COLON = 4
const AFTER_VALUE = 5 // `,` or a closing bracket (or the end of the document)
const STRING = 6
const LITERAL = 7

// What the open string is.
const KEY_STRING = 0
const VALUE_STRING = 1
const MEDIA_STRING = 2

const QUOTE = 0x22
const BACKSLASH = 0x5c
const SLASH_BYTE = Uint8Array.of(0x2f)
const BACKSLASH_BYTE = Uint8Array.of(0x5c)
const QUOTE_BYTE = Uint8Array.of(0x22)
const INVALID_BYTE = Uint8Array.of(0x80)

const isWhitespace = (byte: number) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09
const isLiteralByte = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  byte === 0x2b ||
  byte === 0x2d ||
  byte === 0x2e
const hexValue = (byte: number) => {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37
  return -1
}

export class JsonMediaScanner {
  readonly #isMediaPath: (path: JsonPath) => boolean
  readonly #sink: MediaSink
  readonly #maxSkeletonBytes: number
  readonly #skeleton: Uint8Array[] | undefined
  #skeletonBytes = 0
  readonly #frames: Frame[] = []
  #mode = VALUE
  #started = false
  #stringKind = VALUE_STRING
  /** 0: none; 1: after a backslash; 2-5: reading the hex digits of `\u`. */
  #escape = 0
  #hex = 0
  #keyBytes: number[] = []
  /** Whether bytes are being copied to the skeleton (false inside a media string). */
  #copying = true

  constructor(options: JsonMediaScannerOptions) {
    this.#isMediaPath = options.isMediaPath
    this.#sink = options.sink
    this.#maxSkeletonBytes = options.maxSkeletonBytes ?? 64 * 1024 * 1024
    this.#skeleton = options.skeleton === false ? undefined : []
  }

  /** The path of the value about to be read (or being read). */
  get path(): JsonPath {
    return this.#frames.map((frame) => (frame.object ? (frame.key ?? '') : frame.index))
  }

  /** Scans the next piece of the document. */
  push(chunk: Uint8Array): void {
    const length = chunk.length
    let index = 0
    let spanStart = this.#copying ? 0 : -1
    // Next quote / backslash at or after `index` (`length` when there is none), cached so a
    // string full of escapes is not searched to its end again and again.
    let nextQuote = -1
    let nextBackslash = -1
    while (index < length) {
      if (this.#mode === STRING) {
        if (this.#escape > 0) {
          this.#escapeByte(chunk[index]!)
          index++
          continue
        }
        if (nextQuote < index) {
          nextQuote = chunk.indexOf(QUOTE, index)
          if (nextQuote === -1) nextQuote = length
        }
        if (nextBackslash < index) {
          nextBackslash = chunk.indexOf(BACKSLASH, index)
          if (nextBackslash === -1) nextBackslash = length
        }
        const end = Math.min(nextQuote, nextBackslash)
        if (end > index) this.#content(chunk, index, end)
        if (end === length) break
        if (end === nextBackslash) {
          this.#escape = 1
          if (this.#stringKind === KEY_STRING) this.#keyBytes.push(BACKSLASH)
          index = end + 1
          continue
        }
        // The closing quote.
        if (this.#stringKind === MEDIA_STRING) {
          this.#sink.close()
          this.#copying = true
          spanStart = end
          this.#mode = AFTER_VALUE
        } else if (this.#stringKind === KEY_STRING) {
          this.#closeKey()
        } else {
          this.#mode = AFTER_VALUE
        }
        index = end + 1
        continue
      }
      const byte = chunk[index]!
      if (this.#mode === LITERAL) {
        if (isLiteralByte(byte)) {
          index++
          continue
        }
        this.#mode = AFTER_VALUE
      }
      if (isWhitespace(byte)) {
        index++
        continue
      }
      switch (this.#mode) {
        case VALUE:
        case VALUE_OR_END: {
          if (byte === 0x5d && this.#mode === VALUE_OR_END) {
            this.#closeContainer(false)
            break
          }
          if (this.#frames.length === 0 && this.#started) {
            throw new JsonScanError('more than one value in the document')
          }
          this.#started = true
          if (byte === 0x7b) {
            this.#frames.push({ object: true, key: undefined })
            this.#mode = KEY_OR_END
          } else if (byte === 0x5b) {
            this.#frames.push({ object: false, index: 0 })
            this.#mode = VALUE_OR_END
          } else if (byte === QUOTE) {
            this.#mode = STRING
            if (this.#isMediaPath(this.path)) {
              this.#stringKind = MEDIA_STRING
              if (this.#copying && this.#skeleton) this.#copy(chunk, spanStart, index + 1)
              this.#copying = false
              spanStart = -1
              this.#sink.open(this.path)
            } else {
              this.#stringKind = VALUE_STRING
            }
          } else if (
            byte === 0x2d ||
            (byte >= 0x30 && byte <= 0x39) ||
            byte === 0x74 ||
            byte === 0x66 ||
            byte === 0x6e
          ) {
            this.#mode = LITERAL
          } else {
            throw unexpected(byte)
          }
          break
        }
        case KEY:
        case KEY_OR_END:
          if (byte === QUOTE) {
            this.#mode = STRING
            this.#stringKind = KEY_STRING
            this.#keyBytes = []
          } else if (byte === 0x7d && this.#mode === KEY_OR_END) {
            this.#closeContainer(true)
          } else {
            throw unexpected(byte)
          }
          break
        case COLON:
          if (byte !== 0x3a) throw unexpected(byte)
          this.#mode = VALUE
          break
        case AFTER_VALUE: {
          const top = this.#frames[this.#frames.length - 1]
          if (!top) throw new JsonScanError('more than one value in the document')
          if (byte === 0x2c) {
            if (top.object) this.#mode = KEY
            else {
              top.index++
              this.#mode = VALUE
            }
          } else if (byte === 0x7d && top.object) {
            this.#closeContainer(true)
          } else if (byte === 0x5d && !top.object) {
            this.#closeContainer(false)
          } else {
            throw unexpected(byte)
          }
          break
        }
      }
      index++
    }
    if (this.#copying && this.#skeleton && spanStart >= 0) this.#copy(chunk, spanStart, length)
  }

  /** Checks the document is complete and returns the skeleton (`""` for every media string). */
  finish(): string {
    if (
      !this.#started ||
      this.#frames.length > 0 ||
      (this.#mode !== AFTER_VALUE && this.#mode !== LITERAL)
    ) {
      throw new JsonScanError('the document ended early')
    }
    if (!this.#skeleton) return ''
    const out = new Uint8Array(this.#skeletonBytes)
    let offset = 0
    for (const part of this.#skeleton) {
      out.set(part, offset)
      offset += part.length
    }
    return new TextDecoder().decode(out)
  }

  #copy(chunk: Uint8Array, start: number, end: number): void {
    if (end <= start) return
    this.#skeletonBytes += end - start
    if (this.#skeletonBytes > this.#maxSkeletonBytes) {
      throw new JsonScanError(
        `more than ${this.#maxSkeletonBytes} bytes of JSON besides the media fields`,
      )
    }
    this.#skeleton!.push(chunk.slice(start, end))
  }

  #content(chunk: Uint8Array, start: number, end: number): void {
    if (this.#stringKind === MEDIA_STRING) this.#sink.chars(chunk.subarray(start, end))
    else if (this.#stringKind === KEY_STRING) {
      for (let index = start; index < end; index++) this.#keyBytes.push(chunk[index]!)
    }
  }

  #escapeByte(byte: number): void {
    const kind = this.#stringKind
    if (kind === KEY_STRING) this.#keyBytes.push(byte)
    if (this.#escape >= 2) {
      const digit = hexValue(byte)
      if (digit < 0) throw new JsonScanError('invalid \\u escape in a string')
      this.#hex = this.#hex * 16 + digit
      if (this.#escape === 5) {
        this.#escape = 0
        if (kind === MEDIA_STRING) {
          this.#sink.chars(this.#hex < 0x80 ? Uint8Array.of(this.#hex) : INVALID_BYTE)
        }
      } else {
        this.#escape++
      }
      return
    }
    this.#escape = 0
    switch (byte) {
      case 0x75: // u
        this.#escape = 2
        this.#hex = 0
        return
      case 0x2f: // \/
        if (kind === MEDIA_STRING) this.#sink.chars(SLASH_BYTE)
        return
      case 0x5c:
        if (kind === MEDIA_STRING) this.#sink.chars(BACKSLASH_BYTE)
        return
      case QUOTE:
        if (kind === MEDIA_STRING) this.#sink.chars(QUOTE_BYTE)
        return
      case 0x6e: // \n, \r, \t: line breaks some encoders put into base64; skipped
      case 0x72:
      case 0x74:
        return
      case 0x62: // \b, \f
      case 0x66:
        if (kind === MEDIA_STRING) this.#sink.chars(INVALID_BYTE)
        return
      default:
        throw new JsonScanError(`invalid escape \\${String.fromCharCode(byte)} in a string`)
    }
  }

  #closeKey(): void {
    let key: string
    try {
      key = JSON.parse(`"${new TextDecoder().decode(Uint8Array.from(this.#keyBytes))}"`) as string
    } catch {
      throw new JsonScanError('invalid object key')
    }
    const top = this.#frames[this.#frames.length - 1]
    if (top?.object) top.key = key
    this.#keyBytes = []
    this.#mode = COLON
  }

  #closeContainer(object: boolean): void {
    const top = this.#frames.pop()
    if (!top || top.object !== object) throw new JsonScanError('mismatched brackets')
    this.#mode = AFTER_VALUE
  }
}

function unexpected(byte: number): JsonScanError {
  const shown =
    byte >= 0x20 && byte < 0x7f ? JSON.stringify(String.fromCharCode(byte)) : `byte ${byte}`
  return new JsonScanError(`unexpected ${shown}`)
}
