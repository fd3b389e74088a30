/**
 * Media inputs → the strings the gateway takes for `image_url`, `audio_url` and friends. A
 * public URL is passed as it is (the gateway fetches it); anything else — bytes, a Blob, a
 * file on a private host — is inlined as a base64 data URI (the kit's `mediaUrlOrDataUri`),
 * which the gateway turns into a temporary public URL ("Maximum total request size: 10 MB").
 */
import { type MediaInput, UnsupportedError, ValidationError } from '@atelier/core'
import { fetchableUrl, mediaUrlOrDataUri } from '@atelier/core/driver'
import { isBase64DataUri, isHttpUrl } from '../schemas'
import { PROVIDER_ID } from './gateway'

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
    // Text that is neither would be read as a path or a relative URL: refused, naming the field.
    if (!isBase64DataUri(text) && !isHttpUrl(text)) {
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
  }
  return mediaUrlOrDataUri(input, { ...(signal ? { signal } : {}), fallbackType: 'image/png' })
}

/**
 * A recording for `audio_url`: a public http(s) URL (or a `MediaFile` behind one). The document
 * takes a URL here ("Not an image, audio"); it only promises the base64 → public URL
 * conversion for images, so bytes, and URLs the gateway cannot reach, are refused.
 */
export function audioUrl(input: MediaInput, field: string): string {
  const url = fetchableUrl(input)
  if (url !== undefined && isHttpUrl(url)) return url
  throw new UnsupportedError(
    `${PROVIDER_ID}: ${field} must be a public http(s) URL of the recording; the gateway's speech-to-text takes audio_url and does not accept uploads`,
    { provider: PROVIDER_ID },
  )
}
