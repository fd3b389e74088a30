/**
 * Predictions: the answer of `POST /v1/image/generate` and of `GET /v1/predictions/{id}`, and
 * the list of `GET /v1/predictions`.
 *
 * Read tolerantly: the prediction's `id` is the only field the code cannot do without. Unknown
 * fields are kept; `null` reads as absent; a status that is missing or `null` reads as the
 * document's default `pending` (one that is not text is kept as its JSON, an unknown word); usage figures may come as numeric strings; a timestamp may come
 * in any ISO form (kept as the server wrote it) or as an epoch in seconds or milliseconds (read
 * into an ISO string). A field the code does not need that holds something unreadable is
 * dropped rather than failing a prediction that was created, and charged, already.
 *
 * Each schema is built in a function call marked `@__PURE__`: a bare `z.object(...)` at module
 * level counts as a side effect and stays in every bundle, while a pure call is dropped when
 * nothing uses its result — so an app that only runs the driver's tasks carries no list
 * schemas (only `GET /v1/predictions` uses them).
 */
import { lenient, lenientNumber, readTimestamp } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { PREDICTION_STATUSES } from './common'

/** What a prediction cost. Every figure optional, and read from a number or a numeric string. */
export const usageSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    elements_processed: lenientNumber(),
    /** `image` for this endpoint. */
    element_type: lenient(z.string()),
    /** Credits charged. */
    credits_used: lenientNumber(),
  }))()
export type PredictionUsage = z.infer<typeof usageSchema>

/**
 * A timestamp as the prediction gives it: an ISO string the server wrote is kept as written (it
 * is what the document prints), an epoch in seconds or milliseconds becomes an ISO string, and
 * anything that names no time reads as absent.
 */
const predictionTimestamp = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): string | undefined => {
        const time = readTimestamp(value)
        return time !== undefined && typeof value === 'string' ? value.trim() : time
      }),
    ),
  )

/** A prediction ("base prediction response for all API responses"). */
export const predictionSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Required: without it there is no prediction to poll. */
    id: z.string(),
    /**
     * `enqueued`, `pending`, `running`, `completed`, `failed` or `paused` (any other word is kept
     * as it came: the driver reads it with `readStatus`); `pending`, the document's default, when
     * absent or `null`.
     */
    status: z._default(
      z.pipe(
        z.unknown(),
        // Missing or null: the document's default. Anything else that is not text is kept as its
        // JSON, so `readStatus` flags it as unrecognised rather than waiting on it forever.
        z.transform((status): string =>
          typeof status === 'string'
            ? status.trim() !== ''
              ? status
              : 'pending'
            : status == null
              ? 'pending'
              : JSON.stringify(status),
        ),
      ),
      'pending',
    ),
    /** Absent when the server sends something that is not an object. */
    usage: lenient(usageSchema),
    created_at: predictionTimestamp(),
    completed_at: predictionTimestamp(),
    /** The model's answer: JSON shaped by the domain or by your `json_schema`. */
    response: z.optional(z.unknown()),
  }))()
/** A prediction; `response` typed as `T` when read with a schema. Unknown fields are kept. */
export interface Prediction<T = unknown> {
  id: string
  /** See `PREDICTION_STATUSES`; read it with `readStatus` (other words and spellings occur). */
  status: string
  usage?: PredictionUsage | null
  created_at?: string | null
  completed_at?: string | null
  /** The model's answer, once completed. */
  response?: T | null
  [field: string]: unknown
}

/** Query of `GET /v1/predictions`. */
export const predictionListQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Predictions to skip. Default 0. */
    skip: z._default(z.int('must be an integer').check(z.gte(0, 'must be >= 0')), 0),
    /** Predictions to return. Default 10. */
    limit: z._default(z.int('must be an integer').check(z.gte(1, 'must be >= 1')), 10),
    /** Only predictions in this status. */
    status: z.optional(
      z.enum(PREDICTION_STATUSES, `must be one of ${PREDICTION_STATUSES.join(', ')}`),
    ),
  }))()
export type PredictionListQuery = z.input<typeof predictionListQuerySchema>

/** Body of `GET /v1/predictions`: an array, or an object holding one. */
export const predictionListResponseSchema = /* @__PURE__ */ (() =>
  z.union([
    z.array(predictionSchema),
    z.looseObject({ data: z.array(predictionSchema) }),
    z.looseObject({ items: z.array(predictionSchema) }),
    z.looseObject({ predictions: z.array(predictionSchema) }),
  ]))()
export type PredictionListResponse = z.infer<typeof predictionListResponseSchema>
