/**
 * Sidecar job status bodies → JobSnapshots with lazy MediaFile outputs. The warnings found at
 * submit travel in the ref (core adds them to the output); an output here carries only what
 * reading the status found, which is nothing.
 *
 * Statuses are read with `readJobStatus` (`queued`, `processing`, `completed`, `failed` in any
 * case, then the shared synonyms); a word neither knows is reported as running with
 * `unrecognisedStatus`, so the engine stops after a bounded run of them. Outputs are looked for
 * where the server puts them: the documented field first, then the other fields that name a
 * file, before failing with an error that quotes the status body.
 */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type MusicOutput,
  ResponseShapeError,
  type VideoOutput,
} from '@atelier/core'
import { redactBody } from '@atelier/core/driver'
import { musicFileAt } from '../client/music'
import type { Connection } from '../client/transport'
import { downloadVideo, downloadVideoThumbnail, videoFileAt } from '../client/video'
import { type MusicStatusResponse, readJobStatus, type VideoStatusResponse } from '../schemas'
import { PROVIDER_ID } from './caller-fields'

/**
 * A running job's progress, honestly. Video and music status bodies carry `progress`, but a
 * server that cannot see inside the model (music always; video before the step callback) keeps
 * it at 0 until the end: a 0 with no step counted is "unknown", not 0 %. The time left then comes
 * from the submit's `estimated_time_seconds` and the elapsed time, and steers the polling.
 */
function running(
  body: {
    progress?: number | null
    current_step?: number | null
    total_steps?: number | null
    elapsed_seconds?: number | null
  },
  estimatedSeconds: number | undefined,
) {
  const measured = (body.progress ?? 0) > 0 || (body.current_step ?? 0) > 0
  const fraction = measured
    ? (body.progress ?? (body.total_steps ? body.current_step! / body.total_steps : undefined))
    : undefined
  const elapsed = body.elapsed_seconds ?? undefined
  // The server's own estimate, less the time already spent.
  const fromEstimate =
    estimatedSeconds !== undefined
      ? Math.max(0, Math.round((estimatedSeconds - (elapsed ?? 0)) * 1000))
      : undefined
  // Elapsed time and a measured fraction: extrapolate the time left. Progress moves in whole
  // diffusion steps (6 by default), so this runs late by up to a step; the estimate, when there
  // is one, caps it so polling does not sleep past the likely end.
  const extrapolated =
    fraction !== undefined && fraction > 0 && fraction < 1 && elapsed !== undefined
      ? Math.round(((elapsed * 1000) / fraction) * (1 - fraction))
      : undefined
  const etaMs =
    extrapolated !== undefined && fromEstimate !== undefined
      ? Math.min(extrapolated, fromEstimate)
      : (extrapolated ?? fromEstimate)
  const progress = {
    ...(fraction !== undefined ? { fraction } : {}),
    ...(measured && body.current_step != null ? { step: body.current_step } : {}),
    ...(body.total_steps != null ? { totalSteps: body.total_steps } : {}),
    ...(etaMs !== undefined ? { etaMs } : {}),
  }
  return {
    state: 'running' as const,
    progress,
    ...(etaMs !== undefined ? { hints: { etaMs } } : {}),
  }
}

/** A queued job: no position from the sidecar, but the estimate tells when to look again. */
function queued(status: string, estimatedSeconds: number | undefined): JobSnapshot<never> {
  return {
    state: 'queued',
    providerStatus: status,
    ...(estimatedSeconds !== undefined
      ? { hints: { etaMs: Math.round(estimatedSeconds * 1000) } }
      : {}),
  }
}

/** The submit's `estimated_time_seconds`, kept in the ref so a resumed job has it too. */
function estimateOf(ref: JobRef): number | undefined {
  const value = ref.data?.estimatedSeconds
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

function failed(
  ref: JobRef,
  reason: string | null | undefined,
  status: string,
  transport: Connection,
): JobSnapshot<never> {
  // The reason is the sidecar's (or a proxy's) text: it may quote credentials it was sent.
  const message = reason ? transport.http.redact(reason) : undefined
  return {
    state: 'failed',
    providerStatus: status,
    error: new JobFailedError(
      `local ${ref.task} job ${ref.id} failed: ${message ?? 'no reason given'}`,
      {
        provider: PROVIDER_ID,
        jobId: ref.id,
        ...(reason ? { body: redactBody(reason, transport.http.secrets) } : {}),
      },
    ),
  }
}

/** The first field of `body` among `fields` that holds a non-empty string. */
function firstText(body: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = body[field]
    if (typeof value === 'string' && value.trim() !== '') return value
  }
  return undefined
}

/** Where a finished video may be: the documented `video_url`, then the names servers also use. */
export const VIDEO_URL_FIELDS = ['video_url', 'url', 'download_url', 'output_url', 'file_url']
/** Where its thumbnail may be. */
export const THUMBNAIL_URL_FIELDS = ['thumbnail_url', 'thumbnail', 'preview_url', 'poster_url']
/** Where a finished music job's files may be when `audios` does not list them. */
export const MUSIC_URL_FIELDS = ['audio_urls', 'download_urls', 'urls', 'audio_url', 'download_url']

/** Status fields every snapshot carries: the word as sent, and whether it was known. */
function statusFields(body: { status: string }) {
  const status = readJobStatus(body.status)
  return {
    status,
    extra: {
      providerStatus: status.providerStatus,
      ...(status.recognised ? {} : { unrecognisedStatus: true }),
    },
  }
}

export function videoSnapshot(
  body: VideoStatusResponse,
  ref: JobRef,
  transport: Connection,
): JobSnapshot<VideoOutput> {
  const { status, extra } = statusFields(body)
  switch (status.state) {
    case 'queued':
      return { ...queued(status.providerStatus, estimateOf(ref)), ...extra }
    case 'completed': {
      const record = body as Record<string, unknown>
      const videoUrl = firstText(record, VIDEO_URL_FIELDS)
      const thumbnailUrl = firstText(record, THUMBNAIL_URL_FIELDS)
      return {
        state: 'completed',
        ...extra,
        output: {
          // Where the server says the files are; the documented paths when it does not say.
          videos: [videoUrl ? videoFileAt(transport, videoUrl) : downloadVideo(transport, ref.id)],
          thumbnails: [
            thumbnailUrl
              ? videoFileAt(transport, thumbnailUrl, 'image/jpeg')
              : downloadVideoThumbnail(transport, ref.id),
          ],
          warnings: [],
          providerMetadata: { jobId: ref.id, elapsedSeconds: body.elapsed_seconds ?? undefined },
        },
      }
    }
    case 'failed':
      return { ...failed(ref, body.error, status.providerStatus, transport), ...extra }
    case 'canceled':
      return { state: 'canceled', ...extra }
    default:
      return { ...running(body, estimateOf(ref)), ...extra }
  }
}

/**
 * The download URLs of a finished music job: each of `audios` (the documented place), or else
 * the other fields that list files. None: a ResponseShapeError quoting the status body.
 */
function musicDownloads(
  body: MusicStatusResponse,
  ref: JobRef,
  transport: Connection,
): { url: string; seed: number | null }[] {
  const audios = body.audios ?? []
  if (audios.length)
    return audios.map((audio) => ({ url: audio.download_url, seed: audio.seed ?? null }))
  const record = body as Record<string, unknown>
  for (const field of MUSIC_URL_FIELDS) {
    const value = record[field]
    const urls = (Array.isArray(value) ? value : [value]).filter(
      (url): url is string => typeof url === 'string' && url.trim() !== '',
    )
    if (urls.length) return urls.map((url) => ({ url, seed: null }))
  }
  const quoted = redactBody(JSON.stringify(body), transport.http.secrets)
  throw new ResponseShapeError(
    `local music job ${ref.id} is ${body.status} but names no file in audios or ${MUSIC_URL_FIELDS.join(', ')}: ${quoted.slice(0, 300)}`,
    {
      provider: PROVIDER_ID,
      status: 200,
      issues: [{ path: ['audios'], message: 'a completed job needs its files', rule: 'required' }],
      body: quoted,
    },
  )
}

export function musicSnapshot(
  body: MusicStatusResponse,
  ref: JobRef,
  transport: Connection,
): JobSnapshot<MusicOutput> {
  const { status, extra } = statusFields(body)
  switch (status.state) {
    case 'queued':
      return { ...queued(status.providerStatus, estimateOf(ref)), ...extra }
    case 'completed': {
      let downloads: { url: string; seed: number | null }[]
      try {
        downloads = musicDownloads(body, ref, transport)
      } catch (error) {
        if (error instanceof ResponseShapeError) return { state: 'failed', error, ...extra }
        throw error
      }
      const format = typeof ref.data?.format === 'string' ? ref.data.format : undefined
      const audioFormat =
        format === 'wav' || format === 'flac' || format === 'mp3' ? format : undefined
      return {
        state: 'completed',
        ...extra,
        output: {
          // The files live where the server says: their id need not be the job's.
          tracks: downloads.map((download) =>
            musicFileAt(transport, download.url, audioFormat ? { audioFormat } : {}),
          ),
          warnings: [],
          providerMetadata: {
            jobId: ref.id,
            seeds: downloads.map((download) => download.seed),
            downloadUrls: downloads.map((download) => download.url),
          },
        },
      }
    }
    case 'failed':
      return { ...failed(ref, body.error, status.providerStatus, transport), ...extra }
    case 'canceled':
      return { state: 'canceled', ...extra }
    default:
      return { ...running(body, estimateOf(ref)), ...extra }
  }
}
