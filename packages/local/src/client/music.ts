/**
 * Music jobs (ACE-Step 1.5): start a job from a caption and lyrics, poll its status, download
 * each generated variation, delete the job.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.music` offers the same calls as
 * methods.
 */
import type { MediaFile } from '@atelier/core'
import { type HttpClient, pathOf, type RequestContext } from '@atelier/core/driver'
import * as z from 'zod/mini'
import {
  MUSIC_AUDIO_CONTENT_TYPES,
  MUSIC_AUDIO_FORMATS,
  MUSIC_DEFAULTS,
  MUSIC_LIMITS,
  type MusicAudioFormat,
  type MusicDeleteResponse,
  type MusicGenerateRequest,
  type MusicJobResponse,
  type MusicModelsResponse,
  type MusicStatusResponse,
  musicDeleteResponseSchema,
  musicGenerateRequestSchema,
  musicJobResponseSchema,
  musicModelsResponseSchema,
  musicStatusResponseSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'

/** Options of `downloadMusic` and `musicFileAt`. */
export interface MusicDownloadOptions {
  /**
   * The job's `audio_format` (`wav`, `flac` or `mp3`), when the caller knows it (e.g. kept with a
   * job ref from another process). Jobs started with `generateMusic` over the same HTTP client
   * are remembered.
   */
  audioFormat?: MusicAudioFormat
}

/** `audio_index`: 0-based, below the largest `batch_size`. */
const audioIndexSchema = /* @__PURE__ */ (() =>
  z
    .int('must be an integer')
    .check(
      z.gte(0, `must be between 0 and ${MUSIC_LIMITS.batchSize.max - 1}`),
      z.lt(MUSIC_LIMITS.batchSize.max, `must be between 0 and ${MUSIC_LIMITS.batchSize.max - 1}`),
    ))()
const downloadOptionsSchema = /* @__PURE__ */ (() =>
  z.object({
    audioFormat: z.optional(z.enum(MUSIC_AUDIO_FORMATS, 'must be wav, flac or mp3')),
  }))()

/** How many job formats are remembered per HTTP client for `downloadMusic` (oldest forgotten first). */
const REMEMBERED_FORMATS = 256

/**
 * The `audio_format` of the jobs `generateMusic` started, per `HttpClient`: a client, a driver
 * and every transport sharing one HTTP client see the same jobs, as one client's methods did.
 */
const rememberedFormats = /* @__PURE__ */ new WeakMap<HttpClient, Map<string, MusicAudioFormat>>()

function formatsOf(http: HttpClient): Map<string, MusicAudioFormat> {
  let formats = rememberedFormats.get(http)
  if (!formats) {
    formats = new Map()
    rememberedFormats.set(http, formats)
  }
  return formats
}

function remember(http: HttpClient, jobId: string, format: MusicAudioFormat): void {
  const formats = formatsOf(http)
  formats.delete(jobId)
  formats.set(jobId, format)
  if (formats.size > REMEMBERED_FORMATS) {
    const oldest = formats.keys().next().value
    if (oldest !== undefined) formats.delete(oldest)
  }
}

/** `GET /music/models`: music models with whether they are loaded, default steps and VRAM needs. */
export function listMusicModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<MusicModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/music/models', kind: 'read', schema: musicModelsResponseSchema },
    context,
  )
}

/**
 * `POST /music/generate`: starts a music job and resolves at once with
 * `{job_id, status: "queued", estimated_time_seconds}`; poll `getMusicStatus(job_id)`
 * (typically 5-60 s). `caption` (1-512 characters) describes genre, instruments and mood;
 * `lyrics` (up to 4096 characters) may use section tags such as `[Verse]`; `batch_size` (1-4)
 * variations are made.
 *
 * Only the fields given are sent: the server fills in its own defaults (30 s, guidance 7.0,
 * seed -1, `wav`, model `ace-step`; see `MUSIC_DEFAULTS`). The job's `audio_format` is
 * remembered (per HTTP client) so `downloadMusic` knows its media type. A `submit` call.
 */
export async function generateMusic(
  connection: Connection,
  body: MusicGenerateRequest,
  context: RequestContext = {},
): Promise<MusicJobResponse> {
  const transport = transportOf(connection)
  const json = transport.validate(musicGenerateRequestSchema, body, 'POST /music/generate')
  const job = await transport.json(
    {
      method: 'POST',
      path: '/music/generate',
      json,
      kind: 'submit',
      schema: musicJobResponseSchema,
    },
    context,
  )
  remember(transport.http, job.job_id, json.audio_format ?? MUSIC_DEFAULTS.audio_format)
  return job
}

/**
 * `GET /music/status/{job_id}`: the job's `status` (`queued`, `processing`, `completed`,
 * `failed`), `progress` as a 0-1 fraction, steps and elapsed seconds; once completed, `audios`
 * lists each variation's `index`, seed, sample rate and `download_url`. `error` says why a job
 * failed. A `read` call, retried on transient faults.
 */
export async function getMusicStatus(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): Promise<MusicStatusResponse> {
  const transport = transportOf(connection)
  const { job_id } = transport.params('GET /music/status/{job_id}', { job_id: jobId })
  return transport.json(
    {
      method: 'GET',
      path: pathOf`/music/status/${job_id}`,
      kind: 'read',
      schema: musicStatusResponseSchema,
    },
    context,
  )
}

/**
 * A finished variation by the `download_url` its job's status gave (`audios[i].download_url`),
 * as a lazy `MediaFile`. Prefer this to `downloadMusic(jobId, index)`: the server stores the
 * files under an id of their own, which need not be the status `job_id`, and only the URL it
 * hands back is sure to find them. A relative URL is resolved against the API; an absolute one
 * on another origin is fetched without credentials.
 *
 * The media type comes from `options.audioFormat`, else the job's remembered format (give
 * `jobId` in `options`), else it starts as `audio/wav` and adopts the response's type.
 */
export function musicFileAt(
  connection: Connection,
  downloadUrl: string,
  options: MusicDownloadOptions & { jobId?: string } = {},
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const { audioFormat } = transport.validate(
    downloadOptionsSchema,
    { audioFormat: options.audioFormat },
    'GET {download_url}',
  )
  const format =
    audioFormat ??
    (options.jobId !== undefined ? formatsOf(transport.http).get(options.jobId) : undefined)
  if (format)
    return transport.fileAt(downloadUrl, MUSIC_AUDIO_CONTENT_TYPES[format], 'download_url', context)
  return transport.fileAt(
    downloadUrl,
    MUSIC_AUDIO_CONTENT_TYPES[MUSIC_DEFAULTS.audio_format],
    'download_url',
    context,
    { adoptResponseType: true },
  )
}

/**
 * `GET /music/download/{job_id}/{audio_index}`: one variation (0-based `audioIndex`, below
 * the job's `batch_size`) as a lazy `MediaFile`. `jobId` here is the id the files are stored
 * under, which on current servers is the one inside `audios[].download_url`, not the status
 * `job_id`: use `musicFileAt(download_url)` for a job's outputs: nothing is fetched until it is
 * read, and `stream()` streams it. A missing job or file surfaces as a `ProviderError` (404) on
 * the first read.
 *
 * Its media type (`audio/wav`, `audio/flac` or `audio/mpeg`) comes from the job's
 * `audio_format` when known: `options.audioFormat`, else the format of a job started with
 * `generateMusic` over the same HTTP client (it remembers it). Otherwise the file starts as
 * `audio/wav` (the API's default format) and takes the response's `Content-Type` once it is
 * first downloaded, so read `mediaType` after reading the bytes, or pass `audioFormat` (keep it
 * with a job ref that may be resumed in another process).
 */
export function downloadMusic(
  connection: Connection,
  jobId: string,
  audioIndex: number,
  options: MusicDownloadOptions = {},
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const what = 'GET /music/download/{job_id}/{audio_index}'
  const { job_id } = transport.params(what, { job_id: jobId })
  const index = transport.validate(
    z.object({ audio_index: audioIndexSchema }),
    { audio_index: audioIndex },
    what,
  ).audio_index
  const { audioFormat } = transport.validate(downloadOptionsSchema, options, what)
  const path = pathOf`/music/download/${job_id}/${index}`
  const format = audioFormat ?? formatsOf(transport.http).get(job_id)
  if (format) return transport.lazyMedia(path, MUSIC_AUDIO_CONTENT_TYPES[format], context)
  return transport.lazyMedia(
    path,
    MUSIC_AUDIO_CONTENT_TYPES[MUSIC_DEFAULTS.audio_format],
    context,
    {
      adoptResponseType: true,
    },
  )
}

/**
 * `DELETE /music/{job_id}`: forgets the job's status record and removes the folder of files
 * stored under `job_id`; resolves with `{status: "deleted", job_id}` (200) whether or not
 * either existed. It does not stop a generation in progress: the server keeps working and
 * writes the files later. Idempotent, retried like a read.
 */
export async function deleteMusic(
  connection: Connection,
  jobId: string,
  context: RequestContext = {},
): Promise<MusicDeleteResponse> {
  const transport = transportOf(connection)
  const { job_id } = transport.params('DELETE /music/{job_id}', { job_id: jobId })
  const deleted = await transport.json(
    {
      method: 'DELETE',
      path: pathOf`/music/${job_id}`,
      kind: 'cancel',
      schema: musicDeleteResponseSchema,
    },
    context,
  )
  formatsOf(transport.http).delete(job_id)
  return deleted
}

/** `/music/*` (progress is `client.progress.music()`). */
export class MusicApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /music/models`: the music models (see `listMusicModels`). */
  models(context: RequestContext = {}): Promise<MusicModelsResponse> {
    return listMusicModels(this.#transport, context)
  }

  /** `POST /music/generate`: starts a music job (see `generateMusic`). */
  generate(body: MusicGenerateRequest, context: RequestContext = {}): Promise<MusicJobResponse> {
    return generateMusic(this.#transport, body, context)
  }

  /** `GET /music/status/{job_id}`: a job's status (see `getMusicStatus`). */
  status(jobId: string, context: RequestContext = {}): Promise<MusicStatusResponse> {
    return getMusicStatus(this.#transport, jobId, context)
  }

  /** A finished variation by its `download_url` (see `musicFileAt`). */
  file(
    downloadUrl: string,
    options: MusicDownloadOptions & { jobId?: string } = {},
    context: RequestContext = {},
  ): MediaFile {
    return musicFileAt(this.#transport, downloadUrl, options, context)
  }

  /** `GET /music/download/{job_id}/{audio_index}`: one variation, lazily (see `downloadMusic`). */
  download(
    jobId: string,
    audioIndex: number,
    options: MusicDownloadOptions = {},
    context: RequestContext = {},
  ): MediaFile {
    return downloadMusic(this.#transport, jobId, audioIndex, options, context)
  }

  /** `DELETE /music/{job_id}`: forgets the job and its files (see `deleteMusic`). */
  delete(jobId: string, context: RequestContext = {}): Promise<MusicDeleteResponse> {
    return deleteMusic(this.#transport, jobId, context)
  }
}
