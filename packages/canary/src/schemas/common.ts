/**
 * Building blocks of the CanaryLLM wire schemas: the `{success, data}` envelope, ranges,
 * base64 fields, the queue's job states and the label every request may carry.
 */

import {
  integerIn as intIn,
  lenient,
  lenientList,
  lenientNumber,
  lenientTimestamp,
  numberIn,
  openEnum,
  readNumber,
  nonEmptyText as text,
  tolerantList,
} from '@atelier/core/driver'
import * as z from 'zod/mini'

// Shared with every driver (from core), under this package's names.
export {
  intIn,
  lenient,
  lenientList,
  lenientNumber,
  lenientTimestamp,
  numberIn,
  openEnum,
  text,
  tolerantList,
}

/*
 * Answers are read tolerantly: only what the code needs (a queue id, a status, where the output
 * is) is strict. Every other field is read with `lenient`/`lenientNumber`/`lenientTimestamp`
 * (null, a wrong type or an unreadable value is absent; numbers may come as numeric strings),
 * and lists with `lenientList`/`tolerantList` (items they cannot read skipped), so a finished, billed job is never lost to the shape of
 * a field nobody needs.
 */

/** A number the code needs (a detection's confidence): a number or a numeric string (`"0.94"`). */
export const numeric = () =>
  z.pipe(
    z.transform((value: unknown) => readNumber(value)),
    z.number('must be a number'),
  )

/** A 0-1 threshold or weight. */
export const unitInterval = () => numberIn(0, 1)

/** Base64 data (standard alphabet, padded, no `data:` prefix), non-empty. */
export const base64Data = (what = 'data') =>
  z
    .base64(`must be base64 encoded ${what} without a data: prefix`)
    .check(z.minLength(1, 'must not be empty'))

/**
 * `tag`: the optional usage-tracking label of every request. The document states "max 100
 * chars" in the image and video tables only, as the gateway's limit there; `tagSchema` holds
 * those two to it. The audio, transcription and completion tables say "Optional label for usage
 * tracking" with no limit, so `labelSchema` (any non-empty text) is used there: refusing what
 * the document allows would be inventing a rule; a gateway that limits them too says so (400).
 */
export const TAG_MAX_LENGTH = 100
export const tagSchema = /* @__PURE__ */ text(TAG_MAX_LENGTH)
/** `tag` where the document states no length limit (audio, transcription, completion). */
export const labelSchema = /* @__PURE__ */ text()

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
    /** The job; the one field the code needs. */
    queueId: z.string(),
    /** `queued` at first; see `QUEUE_STATUSES`. Absent or `null` reads as queued. */
    status: lenient(z.string()),
  }))()
export type QueuedResponse = z.infer<typeof queuedResponseSchema>
