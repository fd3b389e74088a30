/**
 * Reading the images clients send (img2img, image-to-video, vision): only the format and the
 * pixel size are needed, since the emulator never looks at pixels. PNG and JPEG are checked with
 * the structural inspectors of `../media`; WebP and GIF (which a real sidecar's Pillow also
 * opens) are read from their headers.
 */
import { inspectJpeg, inspectPng } from '../media'
import { HttpError } from './responses'

export interface InputImage {
  format: 'PNG' | 'JPEG' | 'WebP' | 'GIF'
  width: number
  height: number
  bytes: number
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
      const { width, height } = inspectPng(bytes)
      return { format: 'PNG', width, height, bytes: bytes.length }
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
  return undefined
}

/** Decodes standard base64 (the schemas have already checked the alphabet and padding). */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** A base64 image from a JSON body, or 400 with `message` when it is not an image. */
export function imageFromBase64(data: string, message: string): InputImage {
  const image = sniffImage(decodeBase64(data))
  if (!image) throw new HttpError(400, message)
  return image
}

/** An uploaded image file, or 400 with `message` when it is not an image. */
export async function imageFromUpload(file: Blob, message: string): Promise<InputImage> {
  const image = sniffImage(new Uint8Array(await file.arrayBuffer()))
  if (!image) throw new HttpError(400, message)
  return image
}
