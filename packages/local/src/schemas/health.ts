import * as z from 'zod/mini'
import {
  lenientList,
  lenientNumber,
  lenientText,
  numeric,
  tolerantList,
  tolerantRecord,
} from './common'

/*
 * Health and model lists are read tolerantly: a list of model ids must be a list (an entry that is
 * not text is skipped); everything else may be missing, `null` or of another type and reads as
 * absent, so a newer or older server's answer never fails a model check.
 */

/** Model ids, informative: absent when missing or not a list, entries that are not text skipped. */
const ids = () => lenientList(z.string())

/** Model families reported by `GET /models`. */
export const MODEL_TYPES = ['image', 'audio', 'video', 'vision', 'img2img', 'llm', 'music'] as const
export type ModelType = (typeof MODEL_TYPES)[number]

/** Body of `GET /health`. */
export const healthResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** `"healthy"` when the service is up (any answer at all says it is reachable). */
    status: lenientText(),
    /** Ids of the models currently in VRAM (at most one at a time). */
    models_loaded: ids(),
    available_image_models: ids(),
    available_audio_models: ids(),
    available_video_models: ids(),
    available_vision_models: ids(),
    available_llm_models: ids(),
    available_music_models: ids(),
  }))()
export type HealthResponse = z.infer<typeof healthResponseSchema>

/**
 * Available and loaded model ids of one family: an entry of `GET /models`, and the whole body of
 * `GET /img2img/models`, `GET /vision/models` and `GET /llm/models`.
 */
export const modelAvailabilitySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The ids the family serves: required (it is what a model id is checked against). */
    available: tolerantList(z.string()),
    /** The ids in VRAM now; absent when the server leaves them out. */
    loaded: ids(),
  }))()
export type ModelAvailability = z.infer<typeof modelAvailabilitySchema>

/** A family of `GET /models`: absent when the server lists none (older than the family). */
const family = () => z.optional(modelAvailabilitySchema)

/**
 * Body of `GET /models`: availability per model family. A server older than a family does not
 * list it; a newer one lists more families (`model3d`), kept as they are.
 */
export const modelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    image: family(),
    audio: family(),
    video: family(),
    vision: family(),
    img2img: family(),
    llm: family(),
    music: family(),
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
    name: lenientText(),
    /** `[width, height]` in pixels at `base_size` 1024 (numbers, or numeric text). */
    dimensions_at_1024: z.tuple([numeric(), numeric()]),
  }))()
export type AspectRatioInfo = z.infer<typeof aspectRatioInfoSchema>

/** Body of `GET /aspect-ratios`: presets keyed by ratio (`"16:9"`, ...); one without a size is skipped. */
export const aspectRatiosResponseSchema = /* @__PURE__ */ (() =>
  tolerantRecord(aspectRatioInfoSchema))()
export type AspectRatiosResponse = z.infer<typeof aspectRatiosResponseSchema>
