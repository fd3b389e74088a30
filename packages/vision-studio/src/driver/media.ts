/**
 * Media in and out. Inputs reach an endpoint the way it takes them: a URL the provider can
 * fetch, base64 text (Bria's `image` and `*_file` fields), or a Firefly upload id (the file
 * sent with `POST /api/v1/firefly/upload` first). Outputs are lazy `MediaFile`s on the result
 * URLs, downloaded with the API key only when they are on the API's own origin.
 */
import {
  MediaFile,
  type MediaInput,
  mediaTypeFromPath,
  type RequestContext,
  toMediaFile,
  UnsupportedError,
} from '@atelier/core'
import type { Transport } from '../client/transport'
import { fireflyUploadEndpoint } from '../generated/endpoints'
import { PROVIDER_ID } from './models'

const REMOTE = /^(?:https?|gs):\/\//i

/** The URL of an input the provider can fetch itself (http(s) or `gs://`), if it is one. */
export function remoteUrl(input: MediaInput): string | undefined {
  if (typeof input === 'string') return REMOTE.test(input) ? input : undefined
  if (input instanceof URL) return REMOTE.test(input.href) ? input.href : undefined
  if (input instanceof MediaFile) {
    const url = input.url
    return url !== undefined && REMOTE.test(url) ? url : undefined
  }
  return undefined
}

/** A URL for an endpoint that takes nothing else; bytes, Blobs and data URLs are refused. */
export function requireUrl(input: MediaInput, option: string, where: string): string {
  const url = remoteUrl(input)
  if (url === undefined) {
    throw new UnsupportedError(
      `${where} takes \`${option}\` only as a URL the provider can fetch (https:// or gs://); upload the file somewhere first, or use a Bria or Firefly model`,
      { provider: PROVIDER_ID },
    )
  }
  return url
}

/** Base64 text of an input (read from bytes, a Blob, a data URL or a downloaded MediaFile). */
export async function base64Of(input: MediaInput, signal?: AbortSignal): Promise<string> {
  return toMediaFile(input, 'image/png').base64({ ...(signal ? { signal } : {}) })
}

/** For fields that take a URL or base64 (Bria's `image`, `mask`): the URL when there is one. */
export async function urlOrBase64(input: MediaInput, signal?: AbortSignal): Promise<string> {
  return remoteUrl(input) ?? (await base64Of(input, signal))
}

/** Bria's `image_url` / `image_file` pairs (and `mask_url` / `mask_file`): one of the two. */
export async function urlOrFile(
  input: MediaInput,
  prefix: string,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const url = remoteUrl(input)
  return url !== undefined
    ? { [`${prefix}_url`]: url }
    : { [`${prefix}_file`]: await base64Of(input, signal) }
}

/** Firefly's `source`: `{url}` for a URL, else the file is uploaded and referenced by `upload_id`. */
export async function fireflySource(
  transport: Transport,
  input: MediaInput,
  context: RequestContext,
): Promise<{ url: string } | { upload_id: string }> {
  const url = remoteUrl(input)
  if (url !== undefined) return { url }
  const uploaded = await transport.call(fireflyUploadEndpoint, { body: { file: input } }, context)
  const id = uploaded.images?.[0]?.id ?? uploaded.upload_id
  if (typeof id !== 'string') {
    throw new UnsupportedError('Firefly accepted the upload but answered without an id', {
      provider: PROVIDER_ID,
    })
  }
  return { upload_id: id }
}

/** A result URL as a lazy MediaFile; its type from the URL, else `fallback` until downloaded. */
export function outputFile(transport: Transport, url: string, fallback: string): MediaFile {
  const known = mediaTypeFromPath(url)
  return MediaFile.fromUrl(url, {
    download: transport.http.downloader(),
    mediaType: known ?? fallback,
    mediaTypeFromResponse: known === undefined,
  })
}
