/**
 * Helpers for drivers whose provider takes media inputs as strings (a URL it fetches, or a
 * data URI): which URLs a cloud service can reach, and inlining the rest.
 */
import { encodeBase64 } from './base64'
import type { MediaFile } from './media-file'

/**
 * True for URLs a cloud service cannot fetch: loopback, private (10/8, 172.16/12, 192.168/16),
 * link-local and unique-local hosts, `localhost` and `.local` names, and text that is not a
 * URL at all. Such inputs are read here and inlined instead of being passed on.
 */
export function isPrivateUrl(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return true
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true
  if (host === '[::1]' || /^\[(?:fc|fd|fe80)/.test(host)) return true
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

/** The media type of an image from its first bytes (PNG, JPEG, GIF, WebP); undefined when not recognised. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value)
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png'
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif'
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp'
  return undefined
}

/**
 * An image read whole and inlined as a `data:` URI, its type sniffed from the bytes (the
 * file's own type when the bytes are not a known image format).
 */
export async function imageDataUri(
  file: MediaFile,
  signal: AbortSignal | undefined,
): Promise<string> {
  const bytes = await file.bytes(signal ? { signal } : {})
  return `data:${sniffImageType(bytes) ?? file.mediaType};base64,${encodeBase64(bytes)}`
}
