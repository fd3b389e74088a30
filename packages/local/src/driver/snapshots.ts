/**
 * Sidecar job status bodies → JobSnapshots with lazy MediaFile outputs. The warnings found at
 * submit travel in the ref (core adds them to the output); an output here carries only what
 * reading the status found, which is nothing.
 */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type MusicOutput,
  type VideoOutput,
} from '@atelier/core'
import { redactBody } from '@atelier/core/driver'
import { musicFileAt } from '../client/music'
import type { Connection } from '../client/transport'
import { downloadVideo, downloadVideoThumbnail, videoFileAt } from '../client/video'
import type { MusicStatusResponse, VideoStatusResponse } from '../schemas'
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

export function videoSnapshot(
  body: VideoStatusResponse,
  ref: JobRef,
  transport: Connection,
): JobSnapshot<VideoOutput> {
  switch (body.status) {
    case 'queued':
      return queued(body.status, estimateOf(ref))
    case 'completed':
      return {
        state: 'completed',
        providerStatus: body.status,
        output: {
          // Where the server says the files are; the documented paths when it does not say.
          videos: [
            body.video_url
              ? videoFileAt(transport, body.video_url)
              : downloadVideo(transport, ref.id),
          ],
          thumbnails: [
            body.thumbnail_url
              ? videoFileAt(transport, body.thumbnail_url, 'image/jpeg')
              : downloadVideoThumbnail(transport, ref.id),
          ],
          warnings: [],
          providerMetadata: { jobId: ref.id, elapsedSeconds: body.elapsed_seconds ?? undefined },
        },
      }
    case 'failed':
      return failed(ref, body.error, body.status, transport)
    default:
      return { ...running(body, estimateOf(ref)), providerStatus: body.status }
  }
}

export function musicSnapshot(
  body: MusicStatusResponse,
  ref: JobRef,
  transport: Connection,
): JobSnapshot<MusicOutput> {
  switch (body.status) {
    case 'queued':
      return queued(body.status, estimateOf(ref))
    case 'completed': {
      const audios = body.audios ?? []
      const format = typeof ref.data?.format === 'string' ? ref.data.format : undefined
      const audioFormat =
        format === 'wav' || format === 'flac' || format === 'mp3' ? format : undefined
      return {
        state: 'completed',
        providerStatus: body.status,
        output: {
          // The files live where the server says: their id need not be the job's.
          tracks: audios.map((audio) =>
            musicFileAt(transport, audio.download_url, audioFormat ? { audioFormat } : {}),
          ),
          warnings: [],
          providerMetadata: {
            jobId: ref.id,
            seeds: audios.map((audio) => audio.seed ?? null),
            downloadUrls: audios.map((audio) => audio.download_url),
          },
        },
      }
    }
    case 'failed':
      return failed(ref, body.error, body.status, transport)
    default:
      return { ...running(body, estimateOf(ref)), providerStatus: body.status }
  }
}
