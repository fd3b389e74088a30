/**
 * Building blocks of the Onysoft wire schemas: the `{success, data}` envelope every answer
 * comes in, the task statuses, the estimated cost, and the checks for URL fields that take a
 * public URL or a base64 data URI.
 */

import {
  lenient,
  lenientNumber,
  numberIn,
  openEnum,
  type ReadStatus,
  readStatus,
  type StatusState,
  nonEmptyText as text,
} from '@atelier/core/driver'
import * as z from 'zod/mini'

// Shared with every driver (from core), under this package's names.
export { numberIn, openEnum, text }

/** Task statuses of `GET /v1/{alias}/status/{task_id}`. */
export const TASK_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** What each documented status means; other spellings and the shared synonyms are read by `readStatus`. */
export const TASK_STATUS_STATES: Readonly<Record<TaskStatus, StatusState>> = {
  pending: 'queued',
  processing: 'running',
  completed: 'completed',
  failed: 'failed',
}

/**
 * A task's status word read into a state: the documented words first (any case), then the
 * shared synonyms (`success`, `COMPLETED`, `cancelled`, `error`, ...). A word neither knows is
 * `recognised: false`, read as running.
 */
export function readTaskStatus(status: unknown): ReadStatus {
  return readStatus(status, TASK_STATUS_STATES)
}

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i
const DATA_URI = /^data:[\w.+-]+\/[\w.+-]+(?:;[\w.+-]+=[^;,]+)*;base64,[A-Za-z0-9+/=\s_-]+$/

/** True for an absolute `http:`/`https:` URL. */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value)
}

/** True for a base64 `data:` URI (`data:image/png;base64,...`). */
export function isBase64DataUri(value: string): boolean {
  return value.startsWith('data:') && DATA_URI.test(value)
}

/** A public `http(s)` URL. */
export const httpUrl = () =>
  z
    .string('must be a string')
    .check(z.refine(isHttpUrl, 'must be a public http(s) URL (https://...)'))

/**
 * A source image: a public `http(s)` URL or a base64 data URI (`data:image/jpeg;base64,...`),
 * which the gateway turns into a temporary public URL itself.
 */
export const imageSource = () =>
  z
    .string('must be a string')
    .check(
      z.refine(
        (value) => isHttpUrl(value) || isBase64DataUri(value),
        'must be a public http(s) URL or a base64 data URI (data:image/...;base64,...)',
      ),
    )

/**
 * `estimated_cost` of a submit answer: the customer price with the project's markup applied.
 * Read leniently: a cost is never worth a lost task, so `amount` may come as a numeric string
 * (`"0.60"`) and either field may be missing or null (read as absent; see `costOf` for how an
 * absent currency is read).
 */
export const estimatedCostSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    amount: lenientNumber(),
    /** ISO 4217 code, `USD` in the document. */
    currency: lenient(z.string()),
  }))()
export type WireEstimatedCost = z.infer<typeof estimatedCostSchema>

/** A cost as atelier reports it: an amount in a currency. */
export interface EstimatedCost {
  amount: number
  /** ISO 4217 code, `USD` in the document. */
  currency: string
}

/**
 * The cost an `estimated_cost` states, or undefined without a readable amount. A missing
 * currency is read as `USD`: the document quotes every price in US dollars and shows no other.
 */
export function costOf(cost: WireEstimatedCost | null | undefined): EstimatedCost | undefined {
  if (cost?.amount === undefined) return undefined
  return { amount: cost.amount, currency: cost.currency ?? 'USD' }
}

/** The `{success, data}` envelope around every documented answer. */
export const envelope = <T extends z.core.SomeType>(data: T) =>
  z.looseObject({
    /** `true` on success; a body with `false` is an error whatever its HTTP status. */
    success: lenient(z.boolean()),
    data,
  })
