import * as z from 'zod/mini'
import { aspectRatio, httpUrl, intIn, numberIn, tagSchema, text } from './common'

/** Upstream providers of `POST /api/llm/generate-video`. */
export const VIDEO_PROVIDERS = ['gemini', 'vertex', 'xai'] as const
export type VideoProvider = (typeof VIDEO_PROVIDERS)[number]

/** Model ids the API document names for video; `veo-3.1-generate-preview` is the default. */
export const VIDEO_MODELS = ['veo-3.1-generate-preview', 'grok-imagine-video'] as const
export const DEFAULT_VIDEO_MODEL = 'veo-3.1-generate-preview'

/** Ranges of the video parameters. */
export const VIDEO_LIMITS = {
  durationSeconds: { min: 1, max: 60 },
  numberOfVideos: { min: 1, max: 4 },
} as const

/**
 * Body of `POST /api/llm/generate-video`. `imageUrl` (image to video) is xAI only;
 * `resolution` is documented for xAI.
 */
export const videoGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** `gemini`, `vertex` or `xai`. */
      provider: z.enum(VIDEO_PROVIDERS, 'must be one of gemini, vertex, xai'),
      /** What happens in the video. */
      prompt: text(),
      /** Model id; default `veo-3.1-generate-preview`. */
      model: z.optional(text()),
      /** E.g. `16:9`, `9:16`, `1:1`. */
      aspectRatio: z.optional(aspectRatio()),
      /** Length in seconds, 1-60. */
      durationSeconds: z.optional(
        numberIn(VIDEO_LIMITS.durationSeconds.min, VIDEO_LIMITS.durationSeconds.max),
      ),
      /** How many videos, 1-4. */
      numberOfVideos: z.optional(
        intIn(VIDEO_LIMITS.numberOfVideos.min, VIDEO_LIMITS.numberOfVideos.max),
      ),
      /** Usage-tracking label, at most 100 characters (the document's limit for video). */
      tag: z.optional(tagSchema),
      /** E.g. `1080p` (xAI): "e.g.", not a list, so `720p`, `4k` and the like are sent as given. */
      resolution: z.optional(text()),
      /** Source image URL for image to video (xAI only). */
      imageUrl: z.optional(httpUrl()),
    })
    .check((context) => {
      if (context.value.imageUrl !== undefined && context.value.provider !== 'xai') {
        context.issues.push({
          code: 'custom',
          input: context.value,
          path: ['imageUrl'],
          message: 'image to video (imageUrl) is available with provider xai only',
          params: { rule: 'provider_only' },
        })
      }
    }))()
export type VideoGenerateRequest = z.input<typeof videoGenerateRequestSchema>
