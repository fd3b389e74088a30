/**
 * Base64 without `Buffer`, `atob` or `btoa`, so it runs the same in Node, browsers and
 * edge runtimes and never builds a binary string twice the size of the data. The
 * incremental decoder lets a large base64 payload be turned into bytes chunk by chunk.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DECODE = new Int16Array(256).fill(-1)
for (let index = 0; index < ALPHABET.length; index++) DECODE[ALPHABET.charCodeAt(index)] = index
// URL-safe alphabet decodes too: providers differ.
DECODE['-'.charCodeAt(0)] = 62
DECODE['_'.charCodeAt(0)] = 63

/** Thrown for characters outside the base64 alphabets; the caller wraps it in a typed error. */
export class Base64FormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Base64FormatError'
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  // 3 bytes in → 4 chars out; 24 KiB input chunks keep each string piece small.
  const chunk = 3 * 8192
  for (let offset = 0; offset < bytes.length; offset += chunk) {
    const end = Math.min(offset + chunk, bytes.length)
    let out = ''
    let index = offset
    for (; index + 2 < end; index += 3) {
      const n = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!
      out +=
        ALPHABET[(n >> 18) & 63]! +
        ALPHABET[(n >> 12) & 63]! +
        ALPHABET[(n >> 6) & 63]! +
        ALPHABET[n & 63]!
    }
    const rest = end - index
    if (rest === 1) {
      const n = bytes[index]! << 16
      out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}==`
    } else if (rest === 2) {
      const n = (bytes[index]! << 16) | (bytes[index + 1]! << 8)
      out += `${ALPHABET[(n >> 18) & 63]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`
    }
    parts.push(out)
  }
  return parts.join('')
}

/**
 * Streaming decoder: feed base64 text in any split, get bytes out. Whitespace is skipped,
 * padding ends the data, anything else outside the alphabet throws.
 */
export class Base64Decoder {
  #bits = 0
  #bitCount = 0
  #done = false

  /** Decodes what it can of `text`; keeps up to 3 characters' worth of bits for the next call. */
  push(text: string): Uint8Array {
    const out = new Uint8Array(Math.ceil((text.length * 3) / 4) + 3)
    let length = 0
    let bits = this.#bits
    let bitCount = this.#bitCount
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      if (code === 61 /* = */) {
        this.#done = true
        continue
      }
      if (code === 32 || code === 10 || code === 13 || code === 9) continue
      const value = code < 256 ? DECODE[code]! : -1
      if (value < 0 || this.#done) {
        throw new Base64FormatError(
          this.#done
            ? 'base64 data continues after padding'
            : `invalid base64 character ${JSON.stringify(text[index])}`,
        )
      }
      bits = ((bits << 6) | value) & 0xffffff
      bitCount += 6
      if (bitCount >= 8) {
        bitCount -= 8
        out[length++] = (bits >> bitCount) & 0xff
      }
    }
    this.#bits = bits
    this.#bitCount = bitCount
    return out.subarray(0, length)
  }

  /** Checks that what was fed was complete base64 (no dangling single character). */
  finish(): void {
    if (this.#bitCount >= 6) throw new Base64FormatError('base64 data is truncated')
  }
}

export function decodeBase64(text: string): Uint8Array {
  const decoder = new Base64Decoder()
  const bytes = decoder.push(text)
  decoder.finish()
  // push() over-allocates by a few bytes. Small results get an exact buffer (so `.buffer` is
  // safe to use); large ones stay a view rather than being copied, which would double memory.
  return bytes.byteLength < 1 << 20 ? bytes.slice() : bytes
}

/** Parses `data:<type>;base64,<data>`; undefined for anything else. */
export function parseDataUri(uri: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),/i.exec(uri.slice(0, 512))
  if (!match) return undefined
  const parameters = (match[2] ?? '').toLowerCase()
  if (!parameters.split(';').includes('base64')) return undefined
  return {
    mediaType: match[1] || 'application/octet-stream',
    base64: uri.slice(match[0].length),
  }
}
