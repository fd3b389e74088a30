/**
 * Building blocks of the CanaryLLM wire schemas: the `{success, data}` envelope, ranges,
 * base64 fields, the queue's job states and the label every request may carry.
 */

import { integerIn as intIn, numberIn, openEnum, nonEmptyText as text } from '@atelier/core/driver'
import * as z from 'zod/mini'

// Shared with every driver (from core), under this package's names.
export { intIn, numberIn, openEnum, text }

/** A 0-1 threshold or weight. */
export const unitInterval = () => numberIn(0, 1)

/** Base64 data (standard alphabet, padded, no `data:` prefix), non-empty. */
export const base64Data = (what = 'data') =>
  z
    .base64(`must be base64 encoded ${what} without a data: prefix`)
    .check(z.minLength(1, 'must not be empty'))

/** `tag`: the optional usage-tracking label of every request, at most 100 characters. */
export const TAG_MAX_LENGTH = 100
export const tagSchema = /* @__PURE__ */ text(TAG_MAX_LENGTH)

/** An absolute `http:` or `https:` URL. */
export const httpUrl = () =>
  z.string('must be a string').check(
    z.refine((value) => {
      try {
        const url = new URL(value)
        return url.protocol === 'http:' || url.protocol === 'https:'
      } catch {
        return false
      }
    }, 'must be an absolute http(s) URL'),
  )

/** `W:H` with whole numbers, e.g. `16:9`. */
export const aspectRatio = () =>
  z.string('must be a string').check(z.regex(/^\d{1,4}:\d{1,4}$/, 'must look like "16:9"'))

/**
 * The envelope of every CanaryLLM answer: `{success: true, data}` or `{success: false, error}`.
 * The client unwraps `data` and turns `success: false` into a typed error.
 */
export const envelopeSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    success: z.boolean(),
    data: z.optional(z.unknown()),
    error: z.optional(z.unknown()),
  }))()
export type Envelope = z.infer<typeof envelopeSchema>

/** Job states of the queue. */
export const QUEUE_STATUSES = ['queued', 'processing', 'completed', 'error', 'cancelled'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]

/** What every generation endpoint answers at once (inside `data`): the job to follow on the queue. */
export const queuedResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: z.string(),
    /** `queued` at first; see `QUEUE_STATUSES`. */
    status: openEnum(QUEUE_STATUSES),
  }))()
export type QueuedResponse = z.infer<typeof queuedResponseSchema>
