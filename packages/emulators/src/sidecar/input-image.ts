/**
 * Reading the images clients send (img2img, image-to-video, vision, 3D): only the format and the
 * pixel size are needed, since the emulator never looks at pixels. PNG and JPEG are checked with
 * the structural inspectors of `../media`; WebP, GIF and BMP (which the server's Pillow also
 * opens) are read from their headers. Base64 is decoded the way Python's `b64decode` does.
 */
import { inspectJpeg, inspectPng } from '../media'

export interface InputImage {
  format: 'PNG' | 'JPEG' | 'WebP' | 'GIF' | 'BMP'
  width: number
  height: number
  bytes: number
  /** A PNG with an alpha channel or transparency chunk. */
  alpha?: boolean
}

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length))

function webpSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    return undefined
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunk = ascii(bytes, 12, 4)
  if (chunk === 'VP8 ') {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff }
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    const width = 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16))
    const height = 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16))
    return { width, height }
  }
  return undefined
}

/** The format and size of an image, or `undefined` when the bytes are not a readable image. */
export function sniffImage(bytes: Uint8Array): InputImage | undefined {
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) {
      const { width, height, hasAlpha } = inspectPng(bytes)
      return { format: 'PNG', width, height, bytes: bytes.length, alpha: hasAlpha }
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const { width, height } = inspectJpeg(bytes)
      return { format: 'JPEG', width, height, bytes: bytes.length }
    }
  } catch {
    return undefined
  }
  const webp = webpSize(bytes)
  if (webp) return { format: 'WebP', ...webp, bytes: bytes.length }
  if (bytes.length >= 10 && ascii(bytes, 0, 4) === 'GIF8') {
    const width = bytes[6]! | (bytes[7]! << 8)
    const height = bytes[8]! | (bytes[9]! << 8)
    if (width > 0 && height > 0) return { format: 'GIF', width, height, bytes: bytes.length }
  }
  if (bytes.length >= 26 && ascii(bytes, 0, 2) === 'BM') {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const width = Math.abs(view.getInt32(18, true))
    const height = Math.abs(view.getInt32(22, true))
    if (width > 0 && height > 0) return { format: 'BMP', width, height, bytes: bytes.length }
  }
  return undefined
}

/** Decodes standard base64 strictly (the other emulators' schemas check the alphabet first). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** What Python's `binascii.Error` says when base64 text does not decode. */
export class Base64Error extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'Base64Error'
  }
}

/**
 * Python's `base64.b64decode(text)` (not `validate=True`): characters outside the alphabet are
 * skipped, and a missing `=` is `Incorrect padding`.
 */
export function pyB64decode(text: string): Uint8Array {
  let data = ''
  let pads = 0
  for (const char of text) {
    if (char === '=') {
      pads += 1
      continue
    }
    if (!/[A-Za-z0-9+/]/.test(char)) continue
    if (pads > 0) break
    data += char
  }
  const rest = data.length % 4
  if (rest === 1) {
    throw new Base64Error(
      `Invalid base64-encoded string: number of data characters (${data.length}) cannot be 1 more than a multiple of 4`,
    )
  }
  if (rest !== 0 && pads < 4 - rest) throw new Base64Error('Incorrect padding')
  const binary = atob(data + '='.repeat((4 - rest) % 4))
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** Pillow's error for bytes it cannot read (`Image.open`). */
export const PIL_UNIDENTIFIED = 'cannot identify image file <_io.BytesIO object at 0x7f3a2c1d5e40>'

/** A base64 image as the server decodes it: `undefined` when Pillow would not open it. */
export function imageFromBase64(data: string): InputImage | undefined {
  try {
    return sniffImage(pyB64decode(data))
  } catch {
    return undefined
  }
}

/** An uploaded image file: `undefined` when Pillow would not open it. */
export async function imageFromUpload(file: Blob): Promise<InputImage | undefined> {
  return sniffImage(new Uint8Array(await file.arrayBuffer()))
}
