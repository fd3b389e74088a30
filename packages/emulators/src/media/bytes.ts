/**
 * Small byte helpers shared by the encoders and inspectors. Everything works on
 * `Uint8Array` and `DataView` only, so the media module runs unchanged in Node, browsers
 * and edge runtimes.
 */

/** A `DataView` over exactly the bytes of `bytes`, which may be a subarray of a larger buffer. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Writes `text` as one byte per character. Only for ASCII tags such as four-character codes. */
export function writeAscii(target: Uint8Array, offset: number, text: string): void {
  for (let index = 0; index < text.length; index++) target[offset + index] = text.charCodeAt(index)
}

/** `text` as ASCII bytes. */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  writeAscii(bytes, 0, text)
  return bytes
}

/**
 * Reads `length` bytes at `offset` as Latin-1 text. Used for tags; bytes past the end of
 * `bytes` are left out, so a truncated file yields a short tag instead of throwing.
 */
export function readAscii(bytes: Uint8Array, offset: number, length: number): string {
  let text = ''
  const end = Math.min(offset + length, bytes.length)
  for (let index = offset; index < end; index++) text += String.fromCharCode(bytes[index]!)
  return text
}

/** The parts joined into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0
  for (const part of parts) length += part.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

/** Throws a `RangeError` unless `value` is an integer in `[min, max]`. */
export function assertInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`)
  }
}

/** Throws a `RangeError` unless `value` is a finite number in `(0, max]`. */
export function assertPositive(name: string, value: number, max: number): void {
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new RangeError(`${name} must be a number above 0 and at most ${max}, got ${value}`)
  }
}
