import * as z from 'zod/mini'
import { aspectRatio, intIn, tagSchema, text } from './common'

/** Upstream providers of `POST /api/llm/generate-image`. */
export const IMAGE_PROVIDERS = ['openai', 'gemini', 'vertex', 'xai', 'ollama'] as const
export type ImageProvider = (typeof IMAGE_PROVIDERS)[number]

/** Model ids the API document names for images (any other id is passed through). */
export const IMAGE_MODELS = ['gpt-image-1', 'imagen-4.0-generate-001', 'flux2-klein'] as const

/** `quality` values. */
export const IMAGE_QUALITIES = ['standard', 'hd', 'ultra'] as const
export type ImageQuality = (typeof IMAGE_QUALITIES)[number]

/** Ranges of the image parameters. */
export const IMAGE_LIMITS = { n: { min: 1, max: 10 } } as const

/**
 * Body of `POST /api/llm/generate-image`. `size` (`"1024x1024"`, OpenAI and Ollama) and
 * `aspectRatio` (`"16:9"`, Gemini and Vertex) are alternatives: give at most one.
 */
export const imageGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** `openai`, `gemini`, `vertex`, `xai` or `ollama`. */
      provider: z.enum(IMAGE_PROVIDERS, 'must be one of openai, gemini, vertex, xai, ollama'),
      /** What to draw. */
      prompt: text(),
      /** Model id; the provider's default when omitted. */
      model: z.optional(text()),
      /** Number of images, 1-10. */
      n: z.optional(intIn(IMAGE_LIMITS.n.min, IMAGE_LIMITS.n.max)),
      /** Pixel size as `WIDTHxHEIGHT`, e.g. `1024x1024` (OpenAI, Ollama). */
      size: z.optional(
        z
          .string('must be a string')
          .check(z.regex(/^\d{1,5}x\d{1,5}$/, 'must look like "1024x1024"')),
      ),
      /** Aspect ratio, e.g. `16:9` (Gemini, Vertex). */
      aspectRatio: z.optional(aspectRatio()),
      /** `standard`, `hd` or `ultra`. */
      quality: z.optional(z.enum(IMAGE_QUALITIES, 'must be standard, hd or ultra')),
      /** Usage-tracking label, at most 100 characters. */
      tag: z.optional(tagSchema),
    })
    .check((context) => {
      if (context.value.size !== undefined && context.value.aspectRatio !== undefined) {
        context.issues.push({
          code: 'custom',
          input: context.value,
          path: ['aspectRatio'],
          message: 'give size or aspectRatio, not both',
          params: { rule: 'mutually_exclusive' },
        })
      }
    }))()
export type ImageGenerateRequest = z.input<typeof imageGenerateRequestSchema>
