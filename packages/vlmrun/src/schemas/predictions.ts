/**
 * Predictions: the answer of `POST /v1/image/generate` and of `GET /v1/predictions/{id}`, and
 * the list of `GET /v1/predictions`. Unknown fields are kept; timestamps are plain strings.
 *
 * Each schema is built in a function call marked `@__PURE__`: a bare `z.object(...)` at module
 * level counts as a side effect and stays in every bundle, while a pure call is dropped when
 * nothing uses its result — so an app that only runs the driver's tasks carries no list
 * schemas (only `GET /v1/predictions` uses them).
 */
import * as z from 'zod/mini'
import { openEnum, PREDICTION_STATUSES } from './common'

/** What a prediction cost. */
export const usageSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    elements_processed: z.optional(z.nullable(z.number())),
    /** `image` for this endpoint. */
    element_type: z.optional(z.nullable(z.string())),
    /** Credits charged. */
    credits_used: z.optional(z.nullable(z.number())),
  }))()
export type PredictionUsage = z.infer<typeof usageSchema>

/** A prediction ("base prediction response for all API responses"). */
export const predictionSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    id: z.string(),
    /** `enqueued`, `pending`, `running`, `completed`, `failed` or `paused`; `pending` when absent. */
    status: z._default(openEnum(PREDICTION_STATUSES), 'pending'),
    usage: z.optional(z.nullable(usageSchema)),
    created_at: z.optional(z.nullable(z.string())),
    completed_at: z.optional(z.nullable(z.string())),
    /** The model's answer: JSON shaped by the domain or by your `json_schema`. */
    response: z.optional(z.unknown()),
  }))()
/** A prediction; `response` typed as `T` when read with a schema. Unknown fields are kept. */
export interface Prediction<T = unknown> {
  id: string
  /** See `PREDICTION_STATUSES`. */
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
