/**
 * Result URLs of a status answer → lazy `MediaFile`s. Files on the gateway's own origin are
 * fetched with its credentials; files anywhere else (a CDN, a storage bucket) without them,
 * because every download goes through the client's downloader.
 */
import { type Downloader, MediaFile } from '@atelier/core'
import { joinUrl, mediaTypeFromPath } from '@atelier/core/driver'
import type { TaskStatusData } from '../schemas'
import type { OnysoftTransport } from './transport'

/** The files a status answer points at, by kind. Empty lists when there are none. */
export interface TaskFiles {
  videos: MediaFile[]
  thumbnails: MediaFile[]
  images: MediaFile[]
  audio: MediaFile[]
  /** `result_urls` / `output_url`: results whose kind the answer does not say. */
  results: MediaFile[]
}

function unique(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => !!value && value.length > 0))]
}

/** A lazy file for a result URL (`joinUrl` resolves a relative one against the API). */
export function resultFile(
  url: string,
  fallbackMediaType: string,
  options: { baseUrl: string; download: Downloader },
): MediaFile {
  const absolute = joinUrl(options.baseUrl, url)
  const known = mediaTypeFromPath(absolute)
  return MediaFile.fromUrl(absolute, {
    download: options.download,
    mediaType: known ?? fallbackMediaType,
    // Without an extension the server's Content-Type decides.
    mediaTypeFromResponse: known === undefined,
  })
}

/** Every file a status answer points at. Nothing is downloaded until read. */
export function taskFiles(
  status: TaskStatusData,
  options: { baseUrl: string; download: Downloader },
): TaskFiles {
  const files = (urls: string[], mediaType: string) =>
    urls.map((url) => resultFile(url, mediaType, options))
  return {
    videos: files(unique([status.video_url, ...(status.video_urls ?? [])]), 'video/mp4'),
    thumbnails: files(unique([status.thumbnail_url]), 'image/jpeg'),
    images: files(unique([status.image_url, ...(status.image_urls ?? [])]), 'image/png'),
    audio: files(unique([status.audio_url, ...(status.audio_urls ?? [])]), 'audio/mpeg'),
    results: files(
      unique([...(status.result_urls ?? []), status.output_url]),
      'application/octet-stream',
    ),
  }
}

/**
 * The files a status answer points at, downloaded through `transport`'s HTTP client: the API
 * key goes only to the API's own origin, so results on a CDN or storage host are fetched
 * without it.
 */
export function statusFiles(transport: OnysoftTransport, status: TaskStatusData): TaskFiles {
  return taskFiles(status, {
    baseUrl: transport.http.baseUrl,
    download: transport.http.downloader(),
  })
}
