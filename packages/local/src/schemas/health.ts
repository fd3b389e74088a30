import { lenientNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'

const ids = () => z.array(z.string())

/** Model families reported by `GET /models`. */
export const MODEL_TYPES = ['image', 'audio', 'video', 'vision', 'img2img', 'llm', 'music'] as const
export type ModelType = (typeof MODEL_TYPES)[number]

/** Body of `GET /health`. */
export const healthResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** `"healthy"` when the service is up. */
    status: z.string(),
    /** Ids of the models currently in VRAM (at most one at a time). */
    models_loaded: ids(),
    available_image_models: z.optional(ids()),
    available_audio_models: z.optional(ids()),
    available_video_models: z.optional(ids()),
    available_vision_models: z.optional(ids()),
    available_llm_models: z.optional(ids()),
    available_music_models: z.optional(ids()),
  }))()
export type HealthResponse = z.infer<typeof healthResponseSchema>

/**
 * Available and loaded model ids of one family: an entry of `GET /models`, and the whole body of
 * `GET /img2img/models`, `GET /vision/models` and `GET /llm/models`.
 */
export const modelAvailabilitySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    available: ids(),
    loaded: ids(),
  }))()
export type ModelAvailability = z.infer<typeof modelAvailabilitySchema>

/** Body of `GET /models`: availability per model family. */
export const modelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    image: modelAvailabilitySchema,
    audio: modelAvailabilitySchema,
    video: modelAvailabilitySchema,
    vision: modelAvailabilitySchema,
    img2img: modelAvailabilitySchema,
    llm: modelAvailabilitySchema,
    music: modelAvailabilitySchema,
  }))()
export type ModelsResponse = z.infer<typeof modelsResponseSchema>

/**
 * Body of the progress polls `GET /progress` (image generation), `GET /pixelart/progress`,
 * `GET /img2img/progress` and `GET /music/progress`. When idle only `active: false` is sent.
 */
export const progressResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Whether a run is in progress; read as false when missing or not a boolean. */
    active: z._default(z.catch(z.boolean(), false), false),
    /** Current denoising step. Numbers here may come as numeric text. */
    step: lenientNumber(),
    total_steps: lenientNumber(),
    /** Completion in percent, 0-100 (unlike the 0-1 `progress` of job status bodies). */
    percent: lenientNumber(),
    /** Seconds since the run started. */
    elapsed: lenientNumber(),
  }))()
export type ProgressResponse = z.infer<typeof progressResponseSchema>

/** One preset of `GET /aspect-ratios`. */
export const aspectRatioInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Preset constant name, e.g. `"SQUARE"`, `"LANDSCAPE_16_9"`. */
    name: z.string(),
    /** `[width, height]` in pixels at `base_size` 1024. */
    dimensions_at_1024: z.tuple([z.number(), z.number()]),
  }))()
export type AspectRatioInfo = z.infer<typeof aspectRatioInfoSchema>

/** Body of `GET /aspect-ratios`: presets keyed by ratio (`"16:9"`, ...). */
export const aspectRatiosResponseSchema = /* @__PURE__ */ (() =>
  z.record(z.string(), aspectRatioInfoSchema))()
export type AspectRatiosResponse = z.infer<typeof aspectRatiosResponseSchema>
