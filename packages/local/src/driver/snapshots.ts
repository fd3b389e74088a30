/** Sidecar job status bodies → JobSnapshots with lazy MediaFile outputs. */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  redactBody,
  type Warning,
} from '@atelier/core'
import type { SillyMediaClient } from '../client'
import type { MusicStatusResponse, VideoStatusResponse } from '../schemas'
import { PROVIDER_ID } from './requests'

function running(body: {
  progress?: number | null
  current_step?: number | null
  total_steps?: number | null
  elapsed_seconds?: number | null
}) {
  const fraction = body.progress ?? undefined
  const progress = {
    ...(fraction !== undefined ? { fraction } : {}),
    ...(body.current_step != null ? { step: body.current_step } : {}),
    ...(body.total_steps != null ? { totalSteps: body.total_steps } : {}),
    // The sidecar gives elapsed time and a fraction: extrapolate the time left.
    ...(fraction !== undefined && fraction > 0 && fraction < 1 && body.elapsed_seconds != null
      ? { etaMs: Math.round(((body.elapsed_seconds * 1000) / fraction) * (1 - fraction)) }
      : {}),
  }
  return { state: 'running' as const, progress }
}

function failed(
  ref: JobRef,
  reason: string | null | undefined,
  status: string,
  client: SillyMediaClient,
): JobSnapshot<never> {
  // The reason is the sidecar's (or a proxy's) text: it may quote credentials it was sent.
  const message = reason ? client.http.redact(reason) : undefined
  return {
    state: 'failed',
    providerStatus: status,
    error: new JobFailedError(
      `local ${ref.task} job ${ref.id} failed: ${message ?? 'no reason given'}`,
      {
        provider: PROVIDER_ID,
        jobId: ref.id,
        ...(reason ? { body: redactBody(reason, client.http.secrets) } : {}),
      },
    ),
  }
}

export function videoSnapshot(
  body: VideoStatusResponse,
  ref: JobRef,
  client: SillyMediaClient,
  warnings: Warning[],
): JobSnapshot<unknown> {
  switch (body.status) {
    case 'queued':
      return { state: 'queued', providerStatus: body.status }
    case 'completed':
      return {
        state: 'completed',
        providerStatus: body.status,
        output: {
          videos: [client.video.download(ref.id)],
          thumbnails: [client.video.thumbnail(ref.id)],
          warnings,
          providerMetadata: { jobId: ref.id, elapsedSeconds: body.elapsed_seconds ?? undefined },
        },
      }
    case 'failed':
      return failed(ref, body.error, body.status, client)
    default:
      return { ...running(body), providerStatus: body.status }
  }
}

export function musicSnapshot(
  body: MusicStatusResponse,
  ref: JobRef,
  client: SillyMediaClient,
): JobSnapshot<unknown> {
  switch (body.status) {
    case 'queued':
      return { state: 'queued', providerStatus: body.status }
    case 'completed': {
      const audios = body.audios ?? []
      return {
        state: 'completed',
        providerStatus: body.status,
        output: {
          tracks: audios.map((audio) => client.music.download(ref.id, audio.index)),
          warnings: [],
          providerMetadata: { jobId: ref.id, seeds: audios.map((audio) => audio.seed ?? null) },
        },
      }
    }
    case 'failed':
      return failed(ref, body.error, body.status, client)
    default:
      return { ...running(body), providerStatus: body.status }
  }
}
