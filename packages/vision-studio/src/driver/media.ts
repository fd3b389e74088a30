/**
 * Media in and out. Inputs reach an endpoint the way it takes them: a URL the provider can
 * fetch (the kit's `fetchableUrl`: public http(s) or `gs://`), base64 text (Bria's `image` and
 * `*_file` fields), or a Firefly upload id (the file sent with `POST /api/v1/firefly/upload`
 * first). What has to be read or uploaded is deferred: the task's rules and the provider
 * options are checked first, and the bytes are read (or uploaded) only when they pass. Outputs are lazy `MediaFile`s on the
 * result URLs, downloaded with the API key only when they are on the API's own origin.
 */
import { MediaFile, type MediaInput, toMediaFile, UnsupportedError } from '@atelier/core'
import { fetchableUrl, mediaTypeFromPath, type RequestContext } from '@atelier/core/driver'
import type { Transport } from '../client/transport'
import { uploadFireflyFile } from '../generated/functions'
import { PROVIDER_ID } from './models'

/** A body value read once the body's other checks have passed: media bytes, an upload. */
export class Deferred {
  constructor(readonly read: (context: RequestContext) => Promise<unknown>) {}
}

/** `value` with every Deferred in it read (objects and arrays walked; other values kept). */
export async function readDeferred(value: unknown, context: RequestContext): Promise<unknown> {
  if (value instanceof Deferred) return value.read(context)
  if (Array.isArray(value)) return Promise.all(value.map((item) => readDeferred(item, context)))
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  )
    return value
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, item]) => [key, await readDeferred(item, context)]),
  )
  return Object.fromEntries(entries)
}

/** A URL for an endpoint that takes nothing else; bytes, Blobs, data URLs and private hosts are refused. */
export function requireUrl(input: MediaInput, option: string, where: string): string {
  const url = fetchableUrl(input)
  if (url === undefined) {
    throw new UnsupportedError(
      `${where} takes \`${option}\` only as a URL the provider can fetch (public https:// or gs://); upload the file somewhere first, or use a Bria or Firefly model`,
      { provider: PROVIDER_ID },
    )
  }
  return url
}

/** Base64 text of an input (read from bytes, a Blob, a data URL, or a URL the provider cannot fetch). */
function base64Of(input: MediaInput): Deferred {
  return new Deferred(({ signal }) =>
    toMediaFile(input, 'image/png').base64({ ...(signal ? { signal } : {}) }),
  )
}

/** For fields that take a URL or base64 (Bria's `image`, `mask`): the URL when there is one. */
export function urlOrBase64(input: MediaInput): string | Deferred {
  return fetchableUrl(input) ?? base64Of(input)
}

/** Bria's `image_url` / `image_file` pairs (and `mask_url` / `mask_file`): one of the two. */
export function urlOrFile(input: MediaInput, prefix: string): Record<string, string | Deferred> {
  const url = fetchableUrl(input)
  return url !== undefined ? { [`${prefix}_url`]: url } : { [`${prefix}_file`]: base64Of(input) }
}

/** Firefly's `source`: `{url}` for a URL, else the file is uploaded and referenced by `upload_id`. */
export function fireflySource(
  transport: Transport,
  input: MediaInput,
): { url: string } | { upload_id: Deferred } {
  const url = fetchableUrl(input)
  if (url !== undefined) return { url }
  return {
    upload_id: new Deferred(async (context) => {
      const uploaded = await uploadFireflyFile(transport, { file: input }, context)
      const id = uploaded.images?.[0]?.id ?? uploaded.upload_id
      if (typeof id !== 'string') {
        throw new UnsupportedError('Firefly accepted the upload but answered without an id', {
          provider: PROVIDER_ID,
        })
      }
      return id
    }),
  }
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
