/**
 * Answers of the task endpoints: the accepted task of a generate call, the status lookup, and
 * the video list. The document shows a video's completed status only; the fields other tasks
 * carry their results in (images, audio, transcripts) are not documented and are read
 * tolerantly (see `docs/providers/onysoft.md`).
 */
import { integerIn, lenient, lenientNumber, lenientTimestamp } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { envelope, estimatedCostSchema } from './common'

/**
 * A task id: non-empty text, as the document prints it. The one field a job cannot do without
 * stays strict: a number there is an answer of the wrong shape, not an id to poll.
 */
const taskIdSchema = /* @__PURE__ */ (() => z.string().check(z.minLength(1, 'must not be empty')))()

/**
 * The fields of a generate answer. Only the task id is needed: without it there is no job; with
 * it there always is one, whatever else the answer holds or lacks.
 */
const acceptedTaskFields = /* @__PURE__ */ (() =>
  z
    .looseObject({
      /** Global id: any status alias can look it up. */
      task_id: z.optional(taskIdSchema),
      /** The upstream (KieAI) spelling of `task_id`, read when `task_id` is missing. */
      taskId: z.optional(taskIdSchema),
      /** `pending` on acceptance; absent or unreadable, the task is read as queued. */
      status: lenient(z.string()),
      model: lenient(z.string()),
      /** The price the project will be charged, markup included (read leniently, never fatal). */
      estimated_cost: lenient(estimatedCostSchema),
      created_at: lenientTimestamp(),
    })
    .check((context) => {
      if (context.value.task_id === undefined && context.value.taskId === undefined) {
        context.issues.push({
          code: 'custom',
          input: context.value,
          path: ['task_id'],
          message: 'the answer names no task (task_id)',
        })
      }
    }))()

/** `data` of a generate answer (HTTP 202), its `task_id` as text. */
export const acceptedTaskSchema = /* @__PURE__ */ (() =>
  z.pipe(
    acceptedTaskFields,
    z.transform((value) => ({
      ...value,
      task_id: String(value.task_id ?? value.taskId),
    })),
  ))()
export type AcceptedTask = z.output<typeof acceptedTaskSchema>

/**
 * Body of `POST /v1/{alias}/generate`: the documented `{success, data}` envelope, or the task
 * itself without one (read as `{data: task}`), so an answer that names a task always yields it.
 */
export const generateResponseSchema = /* @__PURE__ */ (() =>
  z.union([
    envelope(acceptedTaskSchema),
    z.pipe(
      acceptedTaskSchema,
      z.transform((data) => ({ data })),
    ),
  ]))()
export type GenerateResponse = z.output<typeof generateResponseSchema>

/** An optional text field (a URL, a name, a transcript): text, else absent. */
const optionalText = /* @__PURE__ */ (() => lenient(z.string()))()

/** A list of result URLs: the texts of an array (a lone text is a list of one), else absent. */
const urls = /* @__PURE__ */ (() =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): string[] | undefined => {
        if (typeof value === 'string') return [value]
        if (!Array.isArray(value)) return undefined
        return value.filter((item): item is string => typeof item === 'string')
      }),
    ),
  ))()

/** A failure reason: a message, or `{message, code}`. */
export const taskErrorSchema = /* @__PURE__ */ (() =>
  z.union([
    z.string(),
    z.looseObject({
      message: lenient(z.string()),
      code: lenient(z.union([z.string(), z.number()])),
    }),
  ]))()

/** A word (or segment) of a transcript, as ElevenLabs speech-to-text reports it. */
export const transcriptWordSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.string(),
    start: lenientNumber(),
    end: lenientNumber(),
    type: lenient(z.string()),
    speaker_id: lenient(z.string()),
  }))()
export type TranscriptWord = z.infer<typeof transcriptWordSchema>

/**
 * `data` of a status lookup. Only `status` is needed (the ref holds the id); every other field
 * is read leniently: `null`, a wrong type or an unreadable value is absent, numbers may come as
 * numeric strings (`"5"`, `"45%"`), timestamps in any ISO form or as epoch seconds or
 * milliseconds (read as ISO strings). Result URLs are looked for in every field of
 * `RESULT_URL_FIELDS` (see `client/outputs.ts`).
 */
export const taskStatusSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    task_id: optionalText,
    /**
     * `pending`, `processing`, `completed` or `failed` (see `TASK_STATUSES`); other spellings
     * (`COMPLETED`, `success`, `cancelled`, `error`) are read by `readTaskStatus`.
     */
    status: z.string(),
    model: optionalText,
    /** Completion when the server reports it: a 0-1 fraction or a 0-100 percentage (`"45%"`). */
    progress: lenientNumber(),
    /** Video: the file, once completed (the document's only result field). */
    video_url: optionalText,
    video_urls: urls,
    /** Video: a poster image. */
    thumbnail_url: optionalText,
    /** Video length in seconds. */
    duration: lenientNumber(),
    /** Image results. */
    image_url: optionalText,
    image_urls: urls,
    /** Audio results (speech, dialogue, sound effects, music). */
    audio_url: optionalText,
    audio_urls: urls,
    /** Generic result URLs: the upstream `resultUrls`, and the names gateways commonly use. */
    result_urls: urls,
    resultUrls: urls,
    output_url: optionalText,
    url: optionalText,
    urls: urls,
    /** A result as text, a list, or an object holding URL fields; read by `client/outputs.ts`. */
    output: z.optional(z.unknown()),
    outputs: z.optional(z.unknown()),
    result: z.optional(z.unknown()),
    results: z.optional(z.unknown()),
    /** Speech-to-text: the transcript. */
    text: optionalText,
    transcript: optionalText,
    language_code: optionalText,
    words: lenient(z.array(transcriptWordSchema)),
    /** Why a task failed. */
    error: lenient(taskErrorSchema),
    estimated_cost: lenient(estimatedCostSchema),
    created_at: lenientTimestamp(),
    updated_at: lenientTimestamp(),
    completed_at: lenientTimestamp(),
  }))()
export type TaskStatusData = z.infer<typeof taskStatusSchema>

/** Body of `GET /v1/{alias}/status/{task_id}`. */
export const statusResponseSchema = /* @__PURE__ */ envelope(taskStatusSchema)
export type StatusResponse = z.infer<typeof statusResponseSchema>

/** Query of `GET /v1/video/list`. */
export const videoListQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Page number, from 1. Default 1. */
    page: z._default(integerIn(1), 1),
    /** Records per page, 1-100. Default 20. */
    limit: z._default(integerIn(1, 100), 20),
  }))()
export type VideoListQuery = z.input<typeof videoListQuerySchema>

/** One generated video of the list, every field read leniently. */
export const videoListItemSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    task_id: optionalText,
    id: lenient(z.union([z.string(), z.number()])),
    status: optionalText,
    model: optionalText,
    prompt: optionalText,
    video_url: optionalText,
    thumbnail_url: optionalText,
    duration: lenientNumber(),
    created_at: lenientTimestamp(),
  }))()
export type VideoListItem = z.infer<typeof videoListItemSchema>

const pageFields = /* @__PURE__ */ (() => ({
  page: lenientNumber(),
  limit: lenientNumber(),
  total: lenientNumber(),
  total_pages: lenientNumber(),
}))()

/**
 * `data` of `GET /v1/video/list`: the document shows no example, so a bare array and an object
 * holding `videos` (or `items`, `data`) with paging fields (flat or under `pagination`) are read.
 */
export const videoListDataSchema = /* @__PURE__ */ (() =>
  z.union([
    z.array(videoListItemSchema),
    z.looseObject({
      videos: lenient(z.array(videoListItemSchema)),
      items: lenient(z.array(videoListItemSchema)),
      data: lenient(z.array(videoListItemSchema)),
      ...pageFields,
      pagination: lenient(z.looseObject(pageFields)),
    }),
  ]))()

/** Body of `GET /v1/video/list`. */
export const videoListResponseSchema = /* @__PURE__ */ envelope(videoListDataSchema)
export type VideoListResponse = z.infer<typeof videoListResponseSchema>
