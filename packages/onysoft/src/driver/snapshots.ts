/**
 * Status answers → JobSnapshots. `pending` is queued, `processing` running, `completed`
 * carries the task's output (read by the task's handler: lazy `MediaFile`s, or the
 * transcript), `failed` a `JobFailedError` with the gateway's reason. The estimated cost given
 * at submit is kept in the ref, so every output — even one polled from another process —
 * reports it as usage.
 */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type OutputBase,
  type PollHints,
  ResponseShapeError,
  type Usage,
} from '@atelier/core'
import { redactBody } from '@atelier/core/driver'
import { statusFiles, type TaskFiles } from '../client/outputs'
import type { OnysoftTransport } from '../client/transport'
import type { EstimatedCost, TaskStatusData } from '../schemas'

/**
 * Reads a task's output from a completed status: the output, or the name of what the answer
 * lacks (`video_url`, `a transcript (text)`). `base` is what every output carries.
 */
export type OutputReader<Output> = (
  status: TaskStatusData,
  files: TaskFiles,
  base: OutputBase,
) => Output | string

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

/** The task's output from a completed status, or a failed snapshot when the result is missing. */
function completed<Output>(
  status: TaskStatusData,
  ref: JobRef,
  transport: OnysoftTransport,
  read: OutputReader<Output>,
  quote: () => string,
): JobSnapshot<Output> {
  const cost = estimatedCostOf(ref) ?? status.estimated_cost ?? undefined
  const usage = usageOf(cost)
  const base: OutputBase = {
    // Warnings found at submit travel in the ref; core adds them to the output.
    warnings: [],
    ...(usage ? { usage } : {}),
    providerMetadata: {
      taskId: ref.id,
      model: status.model ?? ref.data?.model,
      ...(cost ? { estimatedCost: cost } : {}),
      ...(status.duration != null ? { durationSeconds: status.duration } : {}),
    },
  }
  const output = read(status, statusFiles(transport, status), base)
  if (typeof output !== 'string') {
    return { state: 'completed', providerStatus: status.status, output }
  }
  return {
    state: 'failed',
    providerStatus: status.status,
    error: new ResponseShapeError(
      `${ref.provider} ${ref.task} task ${ref.id} completed without ${output}`,
      { provider: ref.provider, status: 200, body: quote() },
    ),
  }
}

/** One status answer → one snapshot; a completed one's output is read by `read`. */
export function snapshotOf<Output>(
  status: TaskStatusData,
  ref: JobRef,
  transport: OnysoftTransport,
  hints: PollHints,
  read: OutputReader<Output>,
): JobSnapshot<Output> {
  const withHints = Object.keys(hints).length ? { hints } : {}
  // What an error quotes of the answer: bounded, and without credentials a gateway echoed.
  const quote = () => redactBody(JSON.stringify(status), transport.http.secrets)
  switch (status.status) {
    case 'pending':
      return { state: 'queued', providerStatus: status.status, ...withHints }
    case 'completed':
      return { ...completed(status, ref, transport, read, quote), ...withHints }
    case 'failed': {
      const { message: reason, code } = failureMessage(status.error)
      const message = reason !== undefined ? transport.http.redact(reason) : undefined
      return {
        state: 'failed',
        providerStatus: status.status,
        error: new JobFailedError(
          `${ref.provider} ${ref.task} task ${ref.id} failed: ${message ?? 'no reason given'}`,
          {
            provider: ref.provider,
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

/** JSON-safe ref data for a submitted task: where to poll it, and what the gateway quoted. */
export function refData(
  alias: string,
  model: string,
  cost: EstimatedCost | null | undefined,
): Record<string, JsonValue> {
  return {
    alias,
    model,
    ...(cost ? { estimatedCost: { amount: cost.amount, currency: cost.currency } } : {}),
  }
}
