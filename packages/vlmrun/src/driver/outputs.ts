/**
 * Predictions → `vision.analyze` outputs and JobSnapshots. `enqueued`, `pending` and `paused`
 * are waiting (paused is not terminal: the prediction resumes), `running` is running,
 * `completed` carries the response — parsed with the caller's zod schema when this process
 * has it — and `failed` a JobFailedError.
 */
import {
  type HttpClient,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type ParseableSchema,
  type PollHints,
  ResponseShapeError,
  redactBody,
  type Usage,
  type VisionAnalyzeOutput,
  type Warning,
} from '@atelier/core'
import { withParsedResponse } from '../client'
import type { Prediction } from '../schemas'
import { type AnalyzeMode, PROVIDER_ID, type SchemaKind } from './requests'

/** Fields of a plain answer that hold its text, in order of preference. */
const TEXT_FIELDS = ['caption', 'text', 'markdown', 'content', 'answer', 'description', 'summary']

/** The output's `text`: the answer itself, a caption/text field, or the JSON. */
export function textOf(response: unknown, structured: boolean): string {
  if (response == null) return ''
  if (typeof response === 'string') return response
  if (!structured && typeof response === 'object' && !Array.isArray(response)) {
    for (const field of TEXT_FIELDS) {
      const value = (response as Record<string, unknown>)[field]
      if (typeof value === 'string') return value
    }
  }
  return JSON.stringify(response)
}

/** Credits → usage. */
export function usageOf(prediction: Prediction): Usage | undefined {
  const credits = prediction.usage?.credits_used
  return typeof credits === 'number' ? { credits } : undefined
}

export interface OutputContext {
  mode: AnalyzeMode | string
  schemaKind: SchemaKind | string
  warnings: Warning[]
  /** The caller's zod schema, when this process has it. */
  schema?: ParseableSchema<unknown>
  http: HttpClient
}

/** A completed prediction → the output. Throws ResponseShapeError when the response breaks the schema. */
export function analyzeOutput(
  prediction: Prediction,
  context: OutputContext,
): VisionAnalyzeOutput<unknown> {
  const parsed = withParsedResponse(prediction, context.schema, (text) => context.http.redact(text))
  const response = parsed.response
  const structured = context.mode === 'extract' || context.schemaKind !== 'none'
  const usage = usageOf(prediction)
  return {
    text: textOf(response, structured),
    ...(response != null && typeof response === 'object' ? { object: response } : {}),
    warnings: context.warnings,
    ...(usage ? { usage } : {}),
    providerMetadata: {
      predictionId: prediction.id,
      status: prediction.status,
      ...(prediction.usage ? { usage: prediction.usage } : {}),
      ...(prediction.created_at ? { createdAt: prediction.created_at } : {}),
      ...(prediction.completed_at ? { completedAt: prediction.completed_at } : {}),
    },
  }
}

/** Why a prediction failed, from whichever field the server filled. */
function failureReason(prediction: Prediction): string | undefined {
  const record = prediction as Record<string, unknown>
  for (const value of [record.error, record.message, record.detail, prediction.response]) {
    if (typeof value === 'string' && value) return value
    if (typeof value === 'object' && value !== null) {
      const inner =
        (value as Record<string, unknown>).message ?? (value as Record<string, unknown>).error
      if (typeof inner === 'string' && inner) return inner
    }
  }
  return undefined
}

/** The error of a failed prediction. Its reason is the server's text: credentials it quotes are redacted. */
export function failedError(
  prediction: Prediction,
  http: Pick<HttpClient, 'redact' | 'secrets'>,
): JobFailedError {
  const reason = failureReason(prediction)
  return new JobFailedError(
    `${PROVIDER_ID} prediction ${prediction.id} failed: ${reason !== undefined ? http.redact(reason) : 'no reason given'}`,
    {
      provider: PROVIDER_ID,
      jobId: prediction.id,
      body: redactBody(JSON.stringify(prediction), http.secrets),
    },
  )
}

/** One prediction → one snapshot. */
export function snapshotOf(
  prediction: Prediction,
  context: OutputContext,
  hints: PollHints,
): JobSnapshot<unknown> {
  const extra = {
    providerStatus: prediction.status,
    ...(Object.keys(hints).length ? { hints } : {}),
  }
  switch (prediction.status) {
    case 'enqueued':
    case 'pending':
    case 'paused':
      return { state: 'queued', ...extra }
    case 'completed':
      try {
        return { state: 'completed', output: analyzeOutput(prediction, context), ...extra }
      } catch (error) {
        if (error instanceof ResponseShapeError) return { state: 'failed', error, ...extra }
        throw error
      }
    case 'failed':
      return { state: 'failed', error: failedError(prediction, context.http), ...extra }
    default:
      // `running`, or a status newer than the document.
      return { state: 'running', ...extra }
  }
}

/** JSON-safe ref data. */
export function refData(
  built: { mode: AnalyzeMode; schemaKind: SchemaKind; warnings: Warning[] },
  domain: string,
): Record<string, JsonValue> {
  return {
    domain,
    mode: built.mode,
    schemaKind: built.schemaKind,
    ...(built.warnings.length ? { warnings: built.warnings as unknown as JsonValue } : {}),
  }
}

/** Ref data back to an output context (for a resumed job, without the zod schema). */
export function contextFromRef(
  ref: JobRef,
  http: HttpClient,
  schema: ParseableSchema<unknown> | undefined,
): OutputContext {
  const data = ref.data ?? {}
  return {
    mode: typeof data.mode === 'string' ? data.mode : 'caption',
    schemaKind: typeof data.schemaKind === 'string' ? data.schemaKind : 'none',
    warnings: Array.isArray(data.warnings) ? (data.warnings as unknown as Warning[]) : [],
    ...(schema ? { schema } : {}),
    http,
  }
}
