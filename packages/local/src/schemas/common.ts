import {
  integerIn as intIn,
  lenient,
  lenientList,
  lenientNumber,
  numberIn,
  openEnum,
  type ReadStatus,
  readNumber,
  readStatus,
  readTimestamp,
  type StatusState,
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
  numberIn,
  openEnum,
  readNumber,
  text,
  tolerantList,
}

/**
 * An object of entries keyed by id (ComfyUI's history, a node list, LoRA families): it must be an
 * object, but an entry `entry` cannot read is skipped rather than failing the others.
 */
export const tolerantRecord = <T extends z.ZodMiniType>(entry: T) =>
  z.pipe(
    z.record(z.string(), z.unknown(), 'must be an object'),
    z.transform((record): Record<string, z.output<T>> => {
      const read: Record<string, z.output<T>> = {}
      for (const [key, value] of Object.entries(record)) {
        const result = entry.safeParse(value)
        if (result.success) read[key] = result.data as z.output<T>
      }
      return read
    }),
  )

/** ISO 8601 date-time text that names its zone (`Z` or an offset). */
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/**
 * A timestamp the code can do without (`created_at`), in any form the server sends, read as ISO
 * 8601 text: as sent when it is already ISO 8601 naming its zone (the typed client returns the
 * values printed), otherwise the same instant in UTC (`...Z`): a date-time without a zone is
 * read as UTC, an epoch in seconds or milliseconds as that instant. Absent when it names no time.
 */
export const lenientTimestamp = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): string | undefined => {
        const iso = readTimestamp(value)
        return iso !== undefined && typeof value === 'string' && ZONED_ISO.test(value.trim())
          ? value.trim()
          : iso
      }),
    ),
  )

/** A number the code needs (a preset's width): a number or numeric text (`"1344"`). */
export const numeric = () =>
  z.pipe(
    z.transform((value: unknown) => readNumber(value)),
    z.number('must be a number'),
  )

/** Text the code can do without (a display name, a description): absent when not text. */
export const lenientText = () => lenient(z.string())

/** A flag the code can do without (`loaded`, `supports_streaming`): absent when not a boolean. */
export const lenientFlag = () => lenient(z.boolean())

/** A random seed: `-1` means random, otherwise any integer >= 0. */
export const seed = () =>
  z.int('must be an integer').check(z.gte(-1, 'must be -1 (random) or >= 0'))

/** Base64 image data (standard alphabet, padded, no `data:` prefix). */
export const base64Image = () =>
  z.base64('must be base64 encoded image data').check(z.minLength(1, 'must not be empty'))

/** A model id in a URL path or body: any non-empty string, since servers add models. */
export const modelId = () => text()

/** Job states of the asynchronous video and music endpoints. */
export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** What each job status the server documents means. */
export const JOB_STATUS_STATES: Readonly<Record<JobStatus, StatusState>> = {
  queued: 'queued',
  processing: 'running',
  completed: 'completed',
  failed: 'failed',
}

/**
 * A video or music job's status word read into a state: the documented words first (any case),
 * then the shared synonyms (`running`, `done`, `cancelled`...); any other word is not recognised.
 */
export function readJobStatus(status: unknown): ReadStatus {
  return readStatus(status, JOB_STATUS_STATES)
}

const INT_TEXT = /^[+-]?\d+$/
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/

/**
 * A multipart form or query-string integer: a number, or its decimal text as sent on the
 * wire, checked against `inner` after conversion.
 */
export const formInt = (inner: z.ZodMiniType<number, number>) =>
  z.pipe(
    z.pipe(
      z.union([z.number(), z.string().check(z.regex(INT_TEXT, 'must be an integer'))]),
      z.transform((value: number | string) => Number(value)),
    ),
    inner,
  )

/** A multipart form number: a number or its decimal text, checked against `inner`. */
export const formNumber = (inner: z.ZodMiniType<number, number>) =>
  z.pipe(
    z.pipe(
      z.union([z.number(), z.string().check(z.regex(NUMBER_TEXT, 'must be a number'))]),
      z.transform((value: number | string) => Number(value)),
    ),
    inner,
  )

/** A multipart form boolean: a boolean or `true`/`false` (also `1`/`0`, `yes`/`no`, `on`/`off`). */
export const formBool = () => z.union([z.boolean(), z.stringbool()])

/** One uploaded file (a `Blob`, `File` included). */
export const upload = () => z.instanceof(Blob, { error: 'must be a file (Blob)' })

/** One or more uploaded files. */
export const uploads = () =>
  z.union([upload(), z.array(upload()).check(z.minLength(1, 'at least one file is required'))])

/** Body of `DELETE /video/{job_id}` and `DELETE /music/{job_id}`. */
export const deletedJobResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** `"deleted"` on success; nothing reads it. */
    status: lenient(z.string()),
    job_id: lenient(z.string()),
  }))()
export type DeletedJobResponse = z.infer<typeof deletedJobResponseSchema>

/**
 * Body of `POST /video/t2v/{model}`, `POST /video/i2v/{model}` and `POST /music/generate`: the
 * queued job to poll.
 */
export const jobCreatedResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Required: the job is polled by it. */
    job_id: z.string(),
    /**
     * Initially `"queued"`; see `JOB_STATUSES`. Only the job id is needed to poll it, so a status
     * that is missing, `null` or not text reads as absent.
     */
    status: lenient(openEnum(JOB_STATUSES)),
    /** Server estimate of the total generation time, in seconds (a number or numeric text). */
    estimated_time_seconds: z.nullable(lenientNumber()),
  }))()
export type JobCreatedResponse = z.infer<typeof jobCreatedResponseSchema>

/*
 * Answers are read tolerantly: what the code needs (a job id to poll, a status, where the files
 * are) is strict; other fields keep a `null` the server sent (the typed client returns the
 * values printed) and read a value of the wrong type as absent, a number as a number or numeric
 * text.
 */

/**
 * Fields shared by the async job status bodies (`GET /video/status/{job_id}`,
 * `GET /music/status/{job_id}`): each adds its own result fields.
 */
export const jobStatusFields = /* @__PURE__ */ (() => ({
  /** The job's id; nothing reads it (the job is known by the id it was polled with). */
  job_id: lenient(z.string()),
  /**
   * `queued`, `processing`, `completed` or `failed` (see `JOB_STATUSES`; read with
   * `readJobStatus`). Required: it says whether the job is done.
   */
  status: openEnum(JOB_STATUSES),
  /** Completion as a fraction, 0.0-1.0. Numbers here may come as numeric text. */
  progress: z.nullable(lenientNumber()),
  current_step: z.nullable(lenientNumber()),
  total_steps: z.nullable(lenientNumber()),
  elapsed_seconds: z.nullable(lenientNumber()),
  /** Failure reason when `status` is `failed`. */
  error: z.nullable(lenient(z.string())),
}))()
