/**
 * `POST /sprite/generate` and `GET /sprite/progress`: non-pixel-art sprites and cutouts. Not in
 * the API document; read from the server code (`schemas.py` `SpriteRequest`, `routers/sprite.py`)
 * and the server's newer `docs/api.md`.
 */
import * as z from 'zod/mini'
import { intIn, modelId } from './common'
import { progressResponseSchema } from './health'
import { imageGenerateFields, UPSCALE_MODELS } from './image'

/**
 * Image model ids the server names for `model` (its `SpriteRequest` description and docs); any
 * image model it registered works, so `model` takes any non-empty string.
 */
export const SPRITE_MODELS = [
  'z-image',
  'z-image-turbo',
  'z-image-turbo-pm',
  'qwen-image-2512',
  'qwen-image-2.1',
  'ovis-image-7b',
  'krea-2-turbo',
] as const
export type SpriteModelId = (typeof SPRITE_MODELS)[number]

/** `upscale_model` values of sprites: the image request's (`UPSCALE_MODELS`). */
export const SPRITE_UPSCALE_MODELS = UPSCALE_MODELS
export type SpriteUpscaleModel = (typeof SPRITE_UPSCALE_MODELS)[number]

/** The server's defaults of `POST /sprite/generate`, for reference (not sent). */
export const SPRITE_DEFAULTS = {
  model: 'z-image-turbo',
  remove_background: true,
} as const

/** Ranges of `POST /sprite/generate` (the server's `GenerateRequest` plus `output_size`). */
export const SPRITE_LIMITS = {
  prompt: { max: 4096 },
  negativePrompt: { max: 2048 },
  steps: { min: 1, max: 100 },
  cfgScale: { min: 0, max: 20 },
  /** `width`/`height`, floored by the server to a multiple of 64. */
  size: { min: 64, max: 2048 },
  baseSize: { min: 256, max: 2048 },
  /** Longest side of the final image. */
  outputSize: { min: 8, max: 2048 },
  /** Exclusive minimum, inclusive maximum. */
  upscaleFactor: { min: 1, max: 4 },
} as const

/**
 * Request body of `POST /sprite/generate`: the server's `SpriteRequest`, which extends the image
 * request (`GenerateRequest`, the same fields and sizing as `POST /generate/{model}`) with
 * `model`, `remove_background` and `output_size`. The prompt is used verbatim (no style keywords
 * are added). Only the fields given are sent: the server's defaults (`model` `z-image-turbo`,
 * `remove_background` true, the model's own steps and CFG) apply.
 */
export const spriteGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    ...imageGenerateFields,
    /** Image model id (see `SPRITE_MODELS`); server default `z-image-turbo`. */
    model: z.optional(modelId()),
    /** Remove the background with rembg for a transparent cutout; server default true. */
    remove_background: z.optional(z.boolean()),
    /** Longest side of the final image, 8-2048 (smooth LANCZOS resize, aspect kept); `null`/omitted: full resolution. */
    output_size: z.optional(
      z.nullable(intIn(SPRITE_LIMITS.outputSize.min, SPRITE_LIMITS.outputSize.max)),
    ),
  }))()
export type SpriteGenerateRequest = z.input<typeof spriteGenerateRequestSchema>
export type SpriteGenerateRequestParsed = z.output<typeof spriteGenerateRequestSchema>

/**
 * Body of `GET /sprite/progress`: the same object as `GET /progress` (the server shares one
 * tracker between text-to-image and sprites), `{active: false}` when idle.
 */
export const spriteProgressResponseSchema = progressResponseSchema
export type SpriteProgressResponse = z.infer<typeof spriteProgressResponseSchema>
