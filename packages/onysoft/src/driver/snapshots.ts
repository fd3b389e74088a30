/**
 * Status answers → JobSnapshots. The status word is read with `readTaskStatus`: `pending` is
 * queued, `processing` running, `completed` (or `success`, `COMPLETED`, ...) carries the task's
 * output (read by the task's handler: lazy `MediaFile`s, or the transcript), `failed` (or
 * `error`) a `JobFailedError` with the gateway's reason, `cancelled` a canceled job. A word
 * neither the document nor the shared synonyms know is read as running with
 * `unrecognisedStatus` set, so the engine gives up on it after a bounded run. The estimated cost
 * given at submit is kept in the ref, so every output — even one polled from another process —
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
import {
  costOf,
  type EstimatedCost,
  readTaskStatus,
  type TaskStatusData,
  type WireEstimatedCost,
} from '../schemas'

/**
 * Reads a task's output from a completed status: the output, or the name of what the answer
 * lacks (`a video URL`, `a transcript (text)`). `base` is what every output carries.
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

/** Upstream spellings of a failure reason, read when `error` gives none. */
const REASON_FIELDS = ['message', 'error_message', 'errorMessage', 'fail_msg', 'failMsg'] as const

function failureMessage(status: TaskStatusData): { message?: string; code?: string } {
  const error = status.error
  const record = status as Record<string, unknown>
  const fallback = REASON_FIELDS.map((field) => record[field]).find(
    (value): value is string => typeof value === 'string' && value.length > 0,
  )
  if (error === undefined) return fallback !== undefined ? { message: fallback } : {}
  if (typeof error === 'string') return { message: error }
  const message = error.message ?? fallback
  return {
    ...(message ? { message } : {}),
    ...(error.code !== undefined ? { code: String(error.code) } : {}),
  }
}

/** `progress` as a 0-1 fraction: values above 1 are percentages (`"45%"` is read as 45). */
function fractionOf(progress: number | undefined): number | undefined {
  if (progress === undefined || !Number.isFinite(progress) || progress < 0) return undefined
  return Math.min(1, progress > 1 ? progress / 100 : progress)
}

/** The task's output from a completed status, or a failed snapshot when the result is missing. */
function completed<Output>(
  status: TaskStatusData,
  providerStatus: string,
  ref: JobRef,
  transport: OnysoftTransport,
  read: OutputReader<Output>,
  quote: () => string,
): JobSnapshot<Output> {
  const cost = estimatedCostOf(ref) ?? costOf(status.estimated_cost)
  const usage = usageOf(cost)
  const base: OutputBase = {
    // Warnings found at submit travel in the ref; core adds them to the output.
    warnings: [],
    ...(usage ? { usage } : {}),
    providerMetadata: {
      taskId: ref.id,
      model: status.model ?? ref.data?.model,
      ...(cost ? { estimatedCost: cost } : {}),
      ...(status.duration !== undefined ? { durationSeconds: status.duration } : {}),
    },
  }
  const output = read(status, statusFiles(transport, status), base)
  if (typeof output !== 'string') {
    return { state: 'completed', providerStatus, output }
  }
  const answer = quote()
  return {
    state: 'failed',
    providerStatus,
    error: new ResponseShapeError(
      `${ref.provider} ${ref.task} task ${ref.id} completed without ${output}: ${quoted(answer)}`,
      { provider: ref.provider, status: 200, body: answer },
    ),
  }
}

/** Characters of an answer an error message quotes (the error's body holds more). */
const QUOTED_CHARACTERS = 600

function quoted(answer: string): string {
  return answer.length <= QUOTED_CHARACTERS ? answer : `${answer.slice(0, QUOTED_CHARACTERS)}…`
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
  const { state, providerStatus, recognised } = readTaskStatus(status.status)
  switch (state) {
    case 'queued':
      return { state, providerStatus, ...withHints }
    case 'completed':
      return { ...completed(status, providerStatus, ref, transport, read, quote), ...withHints }
    case 'canceled':
      return { state, providerStatus }
    case 'failed': {
      const { message: reason, code } = failureMessage(status)
      const message = reason !== undefined ? transport.http.redact(reason) : undefined
      return {
        state,
        providerStatus,
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
      // `processing`; or a word nobody knows, reported as running until the engine gives up.
      const fraction = fractionOf(status.progress)
      return {
        state: 'running',
        providerStatus,
        ...(recognised ? {} : { unrecognisedStatus: true }),
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
  wireCost: WireEstimatedCost | undefined,
): Record<string, JsonValue> {
  const cost = costOf(wireCost)
  return {
    alias,
    model,
    ...(cost ? { estimatedCost: { amount: cost.amount, currency: cost.currency } } : {}),
  }
}
