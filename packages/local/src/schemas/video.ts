import * as z from 'zod/mini'
import {
  base64Image,
  deletedJobResponseSchema,
  formInt,
  intIn,
  jobCreatedResponseSchema,
  jobStatusFields,
  numberIn,
  seed,
  text,
} from './common'

/** Video model ids served by `POST /video/t2v/{model}` and `POST /video/i2v/{model}`. */
export const VIDEO_MODELS = ['hunyuan-video'] as const
export type VideoModelId = (typeof VIDEO_MODELS)[number]

/** `resolution` values; I2V input images are scaled so their shorter side matches. */
export const VIDEO_RESOLUTIONS = ['480p', '720p'] as const
export type VideoResolution = (typeof VIDEO_RESOLUTIONS)[number]

/** `aspect_ratio` values of the video endpoints. */
export const VIDEO_ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const
export type VideoAspectRatio = (typeof VIDEO_ASPECT_RATIOS)[number]

/** Ranges of the video generation parameters. */
export const VIDEO_LIMITS = {
  prompt: { min: 1, max: 2000 },
  numFrames: { min: 25, max: 121 },
  steps: { min: 8, max: 100 },
  guidanceScale: { min: 1, max: 15 },
  fps: { min: 12, max: 30 },
} as const

/** Defaults of the video generation parameters. */
export const VIDEO_DEFAULTS = {
  resolution: '480p',
  aspect_ratio: '16:9',
  num_frames: 61,
  num_inference_steps: 50,
  guidance_scale: 6,
  seed: -1,
  fps: 24,
} as const

const videoFields = {
  /** Text description of the video, 1-2000 characters. */
  prompt: text(VIDEO_LIMITS.prompt.max),
  /** `480p` or `720p`, default `480p`. */
  resolution: z._default(
    z.enum(VIDEO_RESOLUTIONS, 'must be 480p or 720p'),
    VIDEO_DEFAULTS.resolution,
  ),
  /** `16:9`, `9:16` or `1:1`, default `16:9`. */
  aspect_ratio: z._default(
    z.enum(VIDEO_ASPECT_RATIOS, 'must be 16:9, 9:16 or 1:1'),
    VIDEO_DEFAULTS.aspect_ratio,
  ),
  /** Frames, 25-121, default 61 (about 1-5 s at 24 fps). */
  num_frames: z._default(
    intIn(VIDEO_LIMITS.numFrames.min, VIDEO_LIMITS.numFrames.max),
    VIDEO_DEFAULTS.num_frames,
  ),
  /** Quality steps, 8-100, default 50. */
  num_inference_steps: z._default(
    intIn(VIDEO_LIMITS.steps.min, VIDEO_LIMITS.steps.max),
    VIDEO_DEFAULTS.num_inference_steps,
  ),
  /** Prompt adherence, 1.0-15.0, default 6.0. */
  guidance_scale: z._default(
    numberIn(VIDEO_LIMITS.guidanceScale.min, VIDEO_LIMITS.guidanceScale.max),
    VIDEO_DEFAULTS.guidance_scale,
  ),
  /** `-1` (default) for random, otherwise >= 0. */
  seed: z._default(seed(), VIDEO_DEFAULTS.seed),
  /** Output frame rate, 12-30, default 24. */
  fps: z._default(intIn(VIDEO_LIMITS.fps.min, VIDEO_LIMITS.fps.max), VIDEO_DEFAULTS.fps),
}

/** Request body of `POST /video/t2v/{model}` (text to video). */
export const videoT2vRequestSchema = z.strictObject(videoFields)
export type VideoT2vRequest = z.input<typeof videoT2vRequestSchema>
export type VideoT2vRequestParsed = z.output<typeof videoT2vRequestSchema>

/** Request body of `POST /video/i2v/{model}` (animate a reference image). */
export const videoI2vRequestSchema = z.strictObject({
  ...videoFields,
  /** Base64 encoded PNG or JPEG reference image, without a `data:` prefix. */
  image: base64Image(),
})
export type VideoI2vRequest = z.input<typeof videoI2vRequestSchema>
export type VideoI2vRequestParsed = z.output<typeof videoI2vRequestSchema>

/** One model of `GET /video/models`. */
export const videoModelInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  loaded: z.boolean(),
  supports_t2v: z.optional(z.boolean()),
  supports_i2v: z.optional(z.boolean()),
  /** Approximate VRAM needed, in GB. */
  estimated_vram_gb: z.optional(z.number()),
})
export type VideoModelInfo = z.infer<typeof videoModelInfoSchema>

/** Body of `GET /video/models`. */
export const videoModelsResponseSchema = z.looseObject({
  models: z.array(videoModelInfoSchema),
})
export type VideoModelsResponse = z.infer<typeof videoModelsResponseSchema>

/** Body of `POST /video/t2v/{model}` and `POST /video/i2v/{model}`: the queued job. */
export const videoJobResponseSchema = jobCreatedResponseSchema
export type VideoJobResponse = z.infer<typeof videoJobResponseSchema>

/** Body of `GET /video/status/{job_id}`. A failed job may omit the step fields. */
export const videoStatusResponseSchema = z.looseObject({
  ...jobStatusFields,
  /** Relative URL of the MP4 once completed, e.g. `/video/download/{job_id}`. */
  video_url: z.optional(z.nullable(z.string())),
  /** Relative URL of the JPEG thumbnail once completed. */
  thumbnail_url: z.optional(z.nullable(z.string())),
})
export type VideoStatusResponse = z.infer<typeof videoStatusResponseSchema>

/** Body of `DELETE /video/{job_id}`. */
export const videoDeleteResponseSchema = deletedJobResponseSchema
export type VideoDeleteResponse = z.infer<typeof videoDeleteResponseSchema>

/** Query of `GET /video/history`. */
export const videoHistoryQuerySchema = z.object({
  /** Maximum entries to return, default 50. */
  limit: z._default(formInt(intIn(1)), 50),
  /** Entries to skip, default 0. */
  offset: z._default(formInt(intIn(0)), 0),
})
export type VideoHistoryQuery = z.input<typeof videoHistoryQuerySchema>

/** One video of `GET /video/history`; `id` is the job id. */
export const videoHistoryItemSchema = z.looseObject({
  id: z.string(),
  prompt: z.string(),
  model: z.string(),
  resolution: z.string(),
  aspect_ratio: z.string(),
  num_frames: z.number(),
  /** Video length in seconds. */
  duration_seconds: z.optional(z.nullable(z.number())),
  /** ISO 8601 timestamp. */
  created_at: z.string(),
  thumbnail_url: z.optional(z.nullable(z.string())),
})
export type VideoHistoryItem = z.infer<typeof videoHistoryItemSchema>

/** Body of `GET /video/history`. */
export const videoHistoryResponseSchema = z.looseObject({
  videos: z.array(videoHistoryItemSchema),
  total: z.number(),
})
export type VideoHistoryResponse = z.infer<typeof videoHistoryResponseSchema>
