/**
 * Media inputs → the strings the gateway takes for `image_url`, `audio_url` and friends. A
 * public URL is passed as it is (the gateway fetches it); anything else — bytes, a Blob, a
 * file on a private host — is inlined as a base64 data URI, which the gateway turns into a
 * temporary public URL ("Maximum total request size: 10 MB").
 */
import {
  encodeBase64,
  MediaFile,
  type MediaInput,
  toMediaFile,
  UnsupportedError,
  ValidationError,
} from '@atelier/core'
import { isBase64DataUri, isHttpUrl } from '../schemas'

export const PROVIDER_ID = 'onysoft'

/** Loopback, private and link-local hosts: the gateway cannot fetch from them. */
export function isPrivateUrl(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return true
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true
  if (
    host === '[::1]' ||
    host.startsWith('[fc') ||
    host.startsWith('[fd') ||
    host.startsWith('[fe80')
  )
    return true
  const octets = host.split('.').map(Number)
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false
  const [a, b] = octets as [number, number, number, number]
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  )
}

/** Media type from the first bytes of an image; undefined when not recognised. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp'
  return undefined
}

/**
 * An image for `image_url` (and `image_urls`, `mask_url`, `last_frame_url`): a public URL as
 * is, a data URI as is, anything else read and inlined as a data URI. `field` names the task
 * input field in errors.
 */
export async function imageSource(
  input: MediaInput,
  field: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (typeof input === 'string' || input instanceof URL) {
    const text = String(input)
    if (isBase64DataUri(text)) return text
    if (isHttpUrl(text)) return isPrivateUrl(text) ? inline(toMediaFile(text), signal) : text
    throw new ValidationError(
      [
        {
          path: [field],
          message: 'must be a public http(s) URL, a data URI, bytes, a Blob or a MediaFile',
          rule: 'invalid_format',
        },
      ],
      { provider: PROVIDER_ID },
    )
  }
  if (input instanceof MediaFile && input.url && isHttpUrl(input.url) && !isPrivateUrl(input.url))
    return input.url
  return inline(toMediaFile(input, 'image/png'), signal)
}

async function inline(file: MediaFile, signal: AbortSignal | undefined): Promise<string> {
  const bytes = await file.bytes(signal ? { signal } : {})
  const type = sniffImageType(bytes) ?? file.mediaType
  return `data:${type};base64,${encodeBase64(bytes)}`
}

/**
 * A recording for `audio_url`. The document takes a URL here ("Not an image, audio"); it only
 * promises the base64 → public URL conversion for images, so bytes are refused.
 */
export function audioUrl(input: MediaInput, field: string): string {
  const url =
    typeof input === 'string' || input instanceof URL
      ? String(input)
      : input instanceof MediaFile
        ? input.url
        : undefined
  if (url !== undefined && isHttpUrl(url)) return url
  throw new UnsupportedError(
    `${PROVIDER_ID}: ${field} must be a public http(s) URL of the recording; the gateway's speech-to-text takes audio_url and does not accept uploads`,
    { provider: PROVIDER_ID },
  )
}
