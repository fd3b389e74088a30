/**
 * Status answers → JobSnapshots. `pending` is queued, `processing` running, `completed`
 * carries the task's output as lazy `MediaFile`s (or the transcript), `failed` a
 * `JobFailedError` with the gateway's reason. The estimated cost given at submit is kept in
 * the ref, so every output — even one polled from another process — reports it as usage.
 */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type PollHints,
  ResponseShapeError,
  redactBody,
  type TranscriptSegment,
  type Usage,
  type Warning,
} from '@atelier/core'
import type { OnysoftClient, TaskFiles } from '../client'
import type { EstimatedCost, TaskStatusData } from '../schemas'
import { PROVIDER_ID } from './media-input'

/**
 * The estimated cost of a submitted task, from its job ref (`job.ref`, or a stored ref):
 * `{amount, currency}` as the gateway quoted it at submit, markup included.
 */
export function estimatedCostOf(ref: Pick<JobRef, 'data'>): EstimatedCost | undefined {
  const cost = ref.data?.estimatedCost as { amount?: unknown; currency?: unknown } | undefined
  return typeof cost?.amount === 'number' && typeof cost.currency === 'string'
    ? { amount: cost.amount, currency: cost.currency }
    : undefined
}

function storedWarnings(ref: JobRef): Warning[] {
  const stored = ref.data?.warnings
  return Array.isArray(stored) ? (stored as unknown as Warning[]) : []
}

/** Cost → usage: US dollars when the currency is USD, always marked as the gateway's estimate. */
export function usageOf(cost: EstimatedCost | undefined): Usage | undefined {
  if (cost?.currency.toUpperCase() !== 'USD') return undefined
  return { costUsd: cost.amount, estimated: true }
}

function failureMessage(error: TaskStatusData['error']): { message?: string; code?: string } {
  if (error == null) return {}
  if (typeof error === 'string') return { message: error }
  return {
    ...(error.message ? { message: error.message } : {}),
    ...(error.code != null ? { code: String(error.code) } : {}),
  }
}

/** `progress` as a 0-1 fraction: values above 1 are percentages. */
function fractionOf(progress: number | null | undefined): number | undefined {
  if (progress == null || !Number.isFinite(progress) || progress < 0) return undefined
  return Math.min(1, progress > 1 ? progress / 100 : progress)
}

function missing(
  ref: JobRef,
  status: TaskStatusData,
  quote: () => string,
  what: string,
): JobSnapshot<never> {
  return {
    state: 'failed',
    providerStatus: status.status,
    error: new ResponseShapeError(
      `${PROVIDER_ID} ${ref.task} task ${ref.id} completed without ${what}`,
      { provider: PROVIDER_ID, status: 200, body: quote() },
    ),
  }
}

function transcript(status: TaskStatusData) {
  const text = status.text ?? status.transcript ?? undefined
  if (text == null) return undefined
  const words: TranscriptSegment[] = (status.words ?? [])
    .filter((word) => word.type == null || word.type === 'word')
    .filter((word) => word.start != null && word.end != null)
    .map((word) => ({
      text: word.text,
      start: word.start!,
      end: word.end!,
      ...(word.speaker_id ? { speaker: word.speaker_id } : {}),
    }))
  return {
    text,
    ...(status.language_code ? { language: status.language_code } : {}),
    ...(words.length ? { words, durationSeconds: words[words.length - 1]!.end } : {}),
  }
}

/** The task's output from a completed status, or a failed snapshot when the result is missing. */
function completed(
  status: TaskStatusData,
  ref: JobRef,
  files: TaskFiles,
  quote: () => string,
): JobSnapshot<unknown> {
  const cost = estimatedCostOf(ref) ?? status.estimated_cost ?? undefined
  const usage = usageOf(cost)
  const base = {
    warnings: storedWarnings(ref),
    ...(usage ? { usage } : {}),
    providerMetadata: {
      taskId: ref.id,
      model: status.model ?? ref.data?.model,
      ...(cost ? { estimatedCost: cost } : {}),
      ...(status.duration != null ? { durationSeconds: status.duration } : {}),
    },
  }
  const done = (output: Record<string, unknown>): JobSnapshot<unknown> => ({
    state: 'completed',
    providerStatus: status.status,
    output: { ...output, ...base },
  })
  const images = files.images.length ? files.images : files.results
  const audio = files.audio.length ? files.audio : files.results
  switch (ref.task) {
    case 'video.generate': {
      const videos = files.videos.length ? files.videos : files.results
      if (!videos.length) return missing(ref, status, quote, 'video_url')
      return done({ videos, ...(files.thumbnails.length ? { thumbnails: files.thumbnails } : {}) })
    }
    case 'image.generate':
    case 'image.edit':
      return images.length ? done({ images }) : missing(ref, status, quote, 'image URLs')
    case 'speech.generate':
    case 'dialogue.generate':
    case 'soundEffect.generate':
      return audio[0] ? done({ audio: audio[0] }) : missing(ref, status, quote, 'audio_url')
    case 'music.generate':
      return audio.length ? done({ tracks: audio }) : missing(ref, status, quote, 'audio URLs')
    case 'transcription.create': {
      const result = transcript(status)
      return result ? done(result) : missing(ref, status, quote, 'a transcript (text)')
    }
    default:
      return done({ files: Object.values(files).flat() })
  }
}

/** One status answer → one snapshot. */
export function snapshotOf(
  status: TaskStatusData,
  ref: JobRef,
  client: OnysoftClient,
  hints: PollHints,
): JobSnapshot<unknown> {
  const withHints = Object.keys(hints).length ? { hints } : {}
  // What an error quotes of the answer: bounded, and without credentials a gateway echoed.
  const quote = () => redactBody(JSON.stringify(status), client.http.secrets)
  switch (status.status) {
    case 'pending':
      return { state: 'queued', providerStatus: status.status, ...withHints }
    case 'completed':
      return { ...completed(status, ref, client.files(status), quote), ...withHints }
    case 'failed': {
      const { message: reason, code } = failureMessage(status.error)
      const message = reason !== undefined ? client.http.redact(reason) : undefined
      return {
        state: 'failed',
        providerStatus: status.status,
        error: new JobFailedError(
          `${PROVIDER_ID} ${ref.task} task ${ref.id} failed: ${message ?? 'no reason given'}`,
          {
            provider: PROVIDER_ID,
            jobId: ref.id,
            ...(code ? { providerCode: code } : {}),
            body: quote(),
          },
        ),
      }
    }
    default: {
      // `processing`, or a status newer than the document: the task is under way.
      const fraction = fractionOf(status.progress)
      return {
        state: 'running',
        providerStatus: status.status,
        ...(fraction !== undefined ? { progress: { fraction } } : {}),
        ...withHints,
      }
    }
  }
}

/** JSON-safe ref data for a submitted task. */
export function refData(
  alias: string,
  model: string,
  cost: EstimatedCost | null | undefined,
  warnings: Warning[],
): Record<string, JsonValue> {
  return {
    alias,
    model,
    ...(cost ? { estimatedCost: { amount: cost.amount, currency: cost.currency } } : {}),
    // Warnings made at submit reach the output even when another process resumes the job.
    ...(warnings.length ? { warnings: warnings as unknown as JsonValue } : {}),
  }
}
