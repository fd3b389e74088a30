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
 * Body of `POST /api/llm/generate-image`. `size` (`"1024x1024"`, OpenAI) and `aspectRatio`
 * (`"16:9"`, Gemini and Vertex) are each described with "e.g.", not as a list, and the document
 * does not forbid sending both: both are accepted as given (`size: "auto"` too), and the
 * upstream's answer decides.
 */
export const imageGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** `openai`, `gemini`, `vertex`, `xai` or `ollama`. */
    provider: z.enum(IMAGE_PROVIDERS, 'must be one of openai, gemini, vertex, xai, ollama'),
    /** What to draw. */
    prompt: text(),
    /** Model id; the provider's default when omitted. */
    model: z.optional(text()),
    /** Number of images, 1-10. */
    n: z.optional(intIn(IMAGE_LIMITS.n.min, IMAGE_LIMITS.n.max)),
    /** Pixel size, e.g. `1024x1024` (OpenAI, Ollama), or a word the upstream knows (`auto`). */
    size: z.optional(text()),
    /** Aspect ratio, e.g. `16:9` (Gemini, Vertex). */
    aspectRatio: z.optional(aspectRatio()),
    /** `standard`, `hd` or `ultra`. */
    quality: z.optional(z.enum(IMAGE_QUALITIES, 'must be standard, hd or ultra')),
    /** Usage-tracking label, at most 100 characters (the document's limit for images). */
    tag: z.optional(tagSchema),
  }))()
export type ImageGenerateRequest = z.input<typeof imageGenerateRequestSchema>
