import { lenient } from '@atelier/core/driver'
import * as z from 'zod/mini'
import {
  base64Image,
  deletedJobResponseSchema,
  formInt,
  intIn,
  jobCreatedResponseSchema,
  jobStatusFields,
  lenientFlag,
  lenientNumber,
  lenientText,
  lenientTimestamp,
  numberIn,
  seed,
  text,
  tolerantList,
} from './common'

/**
 * Video model ids served by `POST /video/t2v/{model}` and `POST /video/i2v/{model}`. A server
 * offers each only when its weights are present (`GET /video/models` says which).
 */
export const VIDEO_MODELS = ['hunyuan-video', 'ltx-2.5'] as const
export type VideoModelId = (typeof VIDEO_MODELS)[number]

/** `resolution` values; I2V input images are scaled so their shorter side matches. */
export const VIDEO_RESOLUTIONS = ['480p', '720p'] as const
export type VideoResolution = (typeof VIDEO_RESOLUTIONS)[number]

/** `aspect_ratio` values of the video endpoints. */
export const VIDEO_ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const
export type VideoAspectRatio = (typeof VIDEO_ASPECT_RATIOS)[number]

/**
 * Ranges of the video generation parameters, as the current server's `VideoGenerateRequest`
 * checks them (`num_frames` 9-241: `ltx-2.5` snaps it to 8k+1; servers from before LTX-2.5
 * took 25-85, and the Feb 2026 document said 25-121 — the server's own 422 then says so).
 */
export const VIDEO_LIMITS = {
  prompt: { min: 1, max: 2000 },
  numFrames: { min: 9, max: 241 },
  steps: { min: 1, max: 100 },
  guidanceScale: { min: 1, max: 15 },
  fps: { min: 12, max: 30 },
} as const

/**
 * The current server's defaults, for reference: the client sends only the fields a caller set,
 * so the server applies these itself (the Feb 2026 document's 61 frames / 50 steps / guidance
 * 6.0 made jobs run about eight times longer than the distilled defaults below).
 */
export const VIDEO_DEFAULTS = {
  resolution: '480p',
  aspect_ratio: '16:9',
  num_frames: 45,
  num_inference_steps: 6,
  guidance_scale: 1,
  seed: -1,
  fps: 24,
  audio: true,
} as const

const videoFields = /* @__PURE__ */ (() => ({
  /** Text description of the video, 1-2000 characters. */
  prompt: text(VIDEO_LIMITS.prompt.max),
  /** `480p` or `720p`; server default `480p`. */
  resolution: z.optional(z.enum(VIDEO_RESOLUTIONS, 'must be 480p or 720p')),
  /** `16:9`, `9:16` or `1:1`; server default `16:9`. */
  aspect_ratio: z.optional(z.enum(VIDEO_ASPECT_RATIOS, 'must be 16:9, 9:16 or 1:1')),
  /** Frames, 9-241 (`ltx-2.5` snaps to 8k+1); server default 45. */
  num_frames: z.optional(intIn(VIDEO_LIMITS.numFrames.min, VIDEO_LIMITS.numFrames.max)),
  /** Denoising steps, 1-100; server default 6 (`ltx-2.5` ignores it: fixed 8-step schedule). */
  num_inference_steps: z.optional(intIn(VIDEO_LIMITS.steps.min, VIDEO_LIMITS.steps.max)),
  /** Prompt adherence, 1.0-15.0; server default 1.0 (distilled). */
  guidance_scale: z.optional(
    numberIn(VIDEO_LIMITS.guidanceScale.min, VIDEO_LIMITS.guidanceScale.max),
  ),
  /** `-1` (server default) for random, otherwise >= 0. */
  seed: z.optional(seed()),
  /** Output frame rate, 12-30; server default 24. */
  fps: z.optional(intIn(VIDEO_LIMITS.fps.min, VIDEO_LIMITS.fps.max)),
  /** Mux the generated audio track into the MP4 (`ltx-2.5`); server default true. */
  audio: z.optional(z.boolean()),
}))()

/** Request body of `POST /video/t2v/{model}` (text to video). */
export const videoT2vRequestSchema = /* @__PURE__ */ (() => z.strictObject(videoFields))()
export type VideoT2vRequest = z.input<typeof videoT2vRequestSchema>
export type VideoT2vRequestParsed = z.output<typeof videoT2vRequestSchema>

/** Request body of `POST /video/i2v/{model}` (animate a reference image). */
export const videoI2vRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    ...videoFields,
    /** Base64 encoded PNG or JPEG reference image, without a `data:` prefix. */
    image: base64Image(),
  }))()
export type VideoI2vRequest = z.input<typeof videoI2vRequestSchema>
export type VideoI2vRequestParsed = z.output<typeof videoI2vRequestSchema>

/** One model of `GET /video/models`. */
export const videoModelInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `{model}` of the generation URLs. */
    id: z.string(),
    name: lenientText(),
    /** Whether it is in VRAM now. */
    loaded: lenientFlag(),
    supports_t2v: lenientFlag(),
    supports_i2v: lenientFlag(),
    /** Approximate VRAM needed, in GB (a number or numeric text). */
    estimated_vram_gb: lenientNumber(),
  }))()
export type VideoModelInfo = z.infer<typeof videoModelInfoSchema>

/** Body of `GET /video/models`. */
export const videoModelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The models (an entry without an id is skipped). */
    models: tolerantList(videoModelInfoSchema),
  }))()
export type VideoModelsResponse = z.infer<typeof videoModelsResponseSchema>

/** Body of `POST /video/t2v/{model}` and `POST /video/i2v/{model}`: the queued job. */
export const videoJobResponseSchema = jobCreatedResponseSchema
export type VideoJobResponse = z.infer<typeof videoJobResponseSchema>

/** Body of `GET /video/status/{job_id}`. A failed job may omit the step fields. */
export const videoStatusResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...jobStatusFields,
    /** Relative URL of the MP4 once completed, e.g. `/video/download/{job_id}`. */
    video_url: z.nullable(lenient(z.string())),
    /** Relative URL of the JPEG thumbnail once completed. */
    thumbnail_url: z.nullable(lenient(z.string())),
  }))()
export type VideoStatusResponse = z.infer<typeof videoStatusResponseSchema>

/** Body of `DELETE /video/{job_id}`. */
export const videoDeleteResponseSchema = deletedJobResponseSchema
export type VideoDeleteResponse = z.infer<typeof videoDeleteResponseSchema>

/** Query of `GET /video/history`. */
export const videoHistoryQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Maximum entries to return, default 50. */
    limit: z._default(formInt(intIn(1)), 50),
    /** Entries to skip, default 0. */
    offset: z._default(formInt(intIn(0)), 0),
  }))()
export type VideoHistoryQuery = z.input<typeof videoHistoryQuerySchema>

/**
 * One video of `GET /video/history`; `id` is the job id, the one field required (the video is
 * fetched by it). The rest may be missing, `null` or of another type (read as absent), numbers
 * may come as numeric text and the timestamp in any form (read as an ISO string in UTC).
 */
export const videoHistoryItemSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    id: z.string(),
    prompt: lenientText(),
    model: lenientText(),
    resolution: lenientText(),
    aspect_ratio: lenientText(),
    num_frames: lenientNumber(),
    /** Video length in seconds. */
    duration_seconds: z.nullable(lenientNumber()),
    /** When it was generated, as an ISO 8601 string in UTC (sent in any form). */
    created_at: lenientTimestamp(),
    thumbnail_url: z.nullable(lenientText()),
  }))()
export type VideoHistoryItem = z.infer<typeof videoHistoryItemSchema>

/** Body of `GET /video/history`. */
export const videoHistoryResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The videos, newest first (an entry without an id is skipped). */
    videos: tolerantList(videoHistoryItemSchema),
    total: lenientNumber(),
  }))()
export type VideoHistoryResponse = z.infer<typeof videoHistoryResponseSchema>
