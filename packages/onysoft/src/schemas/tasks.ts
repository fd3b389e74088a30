/**
 * Answers of the task endpoints: the accepted task of a generate call, the status lookup, and
 * the video list. The document shows a video's completed status only; the fields other tasks
 * carry their results in (images, audio, transcripts) are not documented and are read
 * tolerantly (see `docs/providers/onysoft.md`).
 */
import { integerIn } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { envelope, estimatedCostSchema, openEnum, TASK_STATUSES } from './common'

/** `data` of a generate answer (HTTP 202). */
export const acceptedTaskSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Global id: any status alias can look it up. */
    task_id: z.string(),
    /** `pending` on acceptance. */
    status: openEnum(TASK_STATUSES),
    model: z.optional(z.nullable(z.string())),
    /** The price the project will be charged, markup included. */
    estimated_cost: z.optional(z.nullable(estimatedCostSchema)),
  }))()
export type AcceptedTask = z.infer<typeof acceptedTaskSchema>

/** Body of `POST /v1/{alias}/generate`. */
export const generateResponseSchema = /* @__PURE__ */ envelope(acceptedTaskSchema)
export type GenerateResponse = z.infer<typeof generateResponseSchema>

const url = /* @__PURE__ */ (() => z.nullable(z.string()))()
const urls = /* @__PURE__ */ (() => z.nullable(z.array(z.string())))()

/** A failure reason: a message, or `{message, code}`. */
export const taskErrorSchema = /* @__PURE__ */ (() =>
  z.union([
    z.string(),
    z.looseObject({
      message: z.optional(z.nullable(z.string())),
      code: z.optional(z.nullable(z.union([z.string(), z.number()]))),
    }),
  ]))()

/** A word (or segment) of a transcript, as ElevenLabs speech-to-text reports it. */
export const transcriptWordSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.string(),
    start: z.optional(z.nullable(z.number())),
    end: z.optional(z.nullable(z.number())),
    type: z.optional(z.nullable(z.string())),
    speaker_id: z.optional(z.nullable(z.string())),
  }))()
export type TranscriptWord = z.infer<typeof transcriptWordSchema>

/** `data` of a status lookup. */
export const taskStatusSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    task_id: z.string(),
    /** `pending`, `processing`, `completed` or `failed` (see `TASK_STATUSES`). */
    status: openEnum(TASK_STATUSES),
    model: z.optional(z.nullable(z.string())),
    /** Completion when the server reports it: a 0-1 fraction or a 0-100 percentage. */
    progress: z.optional(z.nullable(z.number())),
    /** Video: the file, once completed. */
    video_url: z.optional(url),
    video_urls: z.optional(urls),
    /** Video: a poster image. */
    thumbnail_url: z.optional(url),
    /** Video length in seconds. */
    duration: z.optional(z.nullable(z.number())),
    /** Image results. */
    image_url: z.optional(url),
    image_urls: z.optional(urls),
    /** Audio results (speech, dialogue, sound effects, music). */
    audio_url: z.optional(url),
    audio_urls: z.optional(urls),
    /** Generic result URLs (the upstream `resultUrls`). */
    result_urls: z.optional(urls),
    output_url: z.optional(url),
    /** Speech-to-text: the transcript. */
    text: z.optional(z.nullable(z.string())),
    transcript: z.optional(z.nullable(z.string())),
    language_code: z.optional(z.nullable(z.string())),
    words: z.optional(z.nullable(z.array(transcriptWordSchema))),
    /** Why a task failed. */
    error: z.optional(z.nullable(taskErrorSchema)),
    estimated_cost: z.optional(z.nullable(estimatedCostSchema)),
    created_at: z.optional(z.nullable(z.string())),
    completed_at: z.optional(z.nullable(z.string())),
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

/** One generated video of the list. */
export const videoListItemSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    task_id: z.optional(z.nullable(z.string())),
    id: z.optional(z.nullable(z.union([z.string(), z.number()]))),
    status: z.optional(z.nullable(z.string())),
    model: z.optional(z.nullable(z.string())),
    prompt: z.optional(z.nullable(z.string())),
    video_url: z.optional(url),
    thumbnail_url: z.optional(url),
    duration: z.optional(z.nullable(z.number())),
    created_at: z.optional(z.nullable(z.string())),
  }))()
export type VideoListItem = z.infer<typeof videoListItemSchema>

const pageFields = /* @__PURE__ */ (() => ({
  page: z.optional(z.nullable(z.number())),
  limit: z.optional(z.nullable(z.number())),
  total: z.optional(z.nullable(z.number())),
  total_pages: z.optional(z.nullable(z.number())),
}))()

/**
 * `data` of `GET /v1/video/list`: the document shows no example, so a bare array and an object
 * holding `videos` (or `items`, `data`) with paging fields (flat or under `pagination`) are read.
 */
export const videoListDataSchema = /* @__PURE__ */ (() =>
  z.union([
    z.array(videoListItemSchema),
    z.looseObject({
      videos: z.optional(z.array(videoListItemSchema)),
      items: z.optional(z.array(videoListItemSchema)),
      data: z.optional(z.array(videoListItemSchema)),
      ...pageFields,
      pagination: z.optional(z.nullable(z.looseObject(pageFields))),
    }),
  ]))()

/** Body of `GET /v1/video/list`. */
export const videoListResponseSchema = /* @__PURE__ */ envelope(videoListDataSchema)
export type VideoListResponse = z.infer<typeof videoListResponseSchema>
