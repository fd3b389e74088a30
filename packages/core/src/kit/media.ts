/**
 * Media inputs → the strings providers take for image and audio fields: a URL the provider can
 * fetch, passed as it is, or a `data:` URI with the bytes inlined. A URL on a private or
 * loopback host cannot be fetched by a cloud service, so it is read here and inlined.
 */
import { MediaFile, type MediaInput, toMediaFile } from '../media-file'
import { imageDataUri, isPrivateUrl } from '../media-input'

const REMOTE = /^(?:https?|gs):\/\//i

/** The URL of an input a cloud provider can fetch itself (public http(s), or `gs://`), if it is one. */
export function fetchableUrl(input: MediaInput): string | undefined {
  const url =
    typeof input === 'string'
      ? input
      : input instanceof URL
        ? input.href
        : input instanceof MediaFile
          ? input.url
          : undefined
  if (url === undefined || !REMOTE.test(url)) return undefined
  return url.toLowerCase().startsWith('gs:') || !isPrivateUrl(url) ? url : undefined
}

/**
 * The input as a URL the provider fetches or as a data URI: a fetchable URL as it is, a data
 * URI as it is, anything else (bytes, a Blob, a file on a private host) read and inlined, its
 * type sniffed from the bytes for images.
 */
export async function mediaUrlOrDataUri(
  input: MediaInput,
  options: { signal?: AbortSignal; fallbackType?: string } = {},
): Promise<string> {
  const url = fetchableUrl(input)
  if (url !== undefined) return url
  if (typeof input === 'string' && input.startsWith('data:')) return input
  return imageDataUri(toMediaFile(input, options.fallbackType ?? 'image/png'), options.signal)
}
