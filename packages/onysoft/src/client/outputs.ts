/**
 * Result URLs of a status answer → lazy `MediaFile`s. Files on the gateway's own origin are
 * fetched with its credentials; files anywhere else (a CDN, a storage bucket) without them,
 * because every download goes through the client's downloader.
 */
import { type Downloader, MediaFile } from '@atelier/core'
import { joinUrl, mediaTypeFromPath } from '@atelier/core/driver'
import type { TaskStatusData } from '../schemas'
import type { OnysoftTransport } from './transport'

/** The kinds of output a task makes. */
export type ResultKind = 'video' | 'image' | 'audio'

/** The files a status answer points at, by kind. Empty lists when there are none. */
export interface TaskFiles {
  videos: MediaFile[]
  thumbnails: MediaFile[]
  images: MediaFile[]
  audio: MediaFile[]
  /**
   * Results whose kind the answer does not say: the generic fields of `RESULT_URL_FIELDS`
   * (`result_urls`, `resultUrls`, `output_url`, `url(s)`, `output(s)`, `result(s)`).
   */
  results: MediaFile[]
  /**
   * The outputs of a task that makes `kind`: the fields of that kind (`video_url(s)`,
   * `image_url(s)`, `audio_url(s)`) first, then the generic fields, then the fields of the other
   * kinds (the document shows `video_url` only, whatever the model made). A thumbnail is never
   * an output. Files without an extension take `kind`'s media type until the server's
   * Content-Type says otherwise.
   */
  of(kind: ResultKind): MediaFile[]
}

/** Fields of a status answer that hold result URLs, by kind; `results` are the generic ones. */
export const RESULT_URL_FIELDS = {
  video: ['video_url', 'video_urls'],
  image: ['image_url', 'image_urls'],
  audio: ['audio_url', 'audio_urls'],
  results: [
    'result_urls',
    'resultUrls',
    'output_url',
    'url',
    'urls',
    'output',
    'outputs',
    'result',
    'results',
  ],
} as const

const FALLBACK_MEDIA_TYPES: Record<ResultKind, string> = {
  video: 'video/mp4',
  image: 'image/png',
  audio: 'audio/mpeg',
}

/** A URL in a field whose content is not promised to be one (`output`, `result`): absolute or rooted. */
const LOOKS_LIKE_URL = /^(?:https?:\/\/|\/)\S+$/i
/** How deep `output: {files: [{url}]}`-style nesting is followed. */
const MAX_DEPTH = 3

/**
 * The URLs a value holds: a text, a list of them, or an object with URL fields (`url`, `urls`,
 * `*_url(s)`, `output(s)`, `result(s)`, ...). `named` marks a field that the document or the
 * gateway's upstream names as a URL field, whose text is taken as it is; in the other fields a
 * text counts only when it looks like a URL (an `output` may be a transcript).
 */
function urlsIn(value: unknown, named: boolean, depth = 0): string[] {
  if (depth > MAX_DEPTH || value == null) return []
  if (typeof value === 'string') {
    const text = value.trim()
    return text.length > 0 && (named || LOOKS_LIKE_URL.test(text)) ? [text] : []
  }
  if (Array.isArray(value)) return value.flatMap((item) => urlsIn(item, named, depth + 1))
  if (typeof value !== 'object') return []
  return Object.entries(value as Record<string, unknown>).flatMap(([key, field]) =>
    /(?:^|_)urls?$|Urls?$|^(?:outputs?|results?|files?)$/.test(key) && !/thumbnail/i.test(key)
      ? urlsIn(field, /urls?$/i.test(key), depth + 1)
      : [],
  )
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
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
  const record = status as Record<string, unknown>
  const urlsOf = (fields: readonly string[]) =>
    unique(fields.flatMap((field) => urlsIn(record[field], /urls?$/i.test(field))))
  const found = {
    video: urlsOf(RESULT_URL_FIELDS.video),
    image: urlsOf(RESULT_URL_FIELDS.image),
    audio: urlsOf(RESULT_URL_FIELDS.audio),
    results: urlsOf(RESULT_URL_FIELDS.results),
  }
  const files = (urls: string[], mediaType: string) =>
    urls.map((url) => resultFile(url, mediaType, options))
  return {
    videos: files(found.video, FALLBACK_MEDIA_TYPES.video),
    thumbnails: files(urlsOf(['thumbnail_url']), 'image/jpeg'),
    images: files(found.image, FALLBACK_MEDIA_TYPES.image),
    audio: files(found.audio, FALLBACK_MEDIA_TYPES.audio),
    results: files(found.results, 'application/octet-stream'),
    of(kind) {
      const others = (['video', 'image', 'audio'] as const).filter((other) => other !== kind)
      const urls = unique([
        ...found[kind],
        ...found.results,
        ...others.flatMap((other) => found[other]),
      ])
      return files(urls, FALLBACK_MEDIA_TYPES[kind])
    },
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
