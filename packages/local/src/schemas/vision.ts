import { lenient } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { base64Image, formInt, formNumber, intIn, numberIn, text, upload } from './common'
import { modelAvailabilitySchema } from './health'

/** Vision-language model ids. */
export const VISION_MODELS = ['qwen3-vl-8b'] as const
export type VisionModelId = (typeof VISION_MODELS)[number]

/** Ranges of the vision endpoints (the temperature range is not documented). */
export const VISION_LIMITS = { temperature: { min: 0, max: 2 }, maxTokens: { min: 1 } } as const
/** Defaults of `POST /vision/analyze` and `/vision/analyze/upload`. */
export const VISION_DEFAULTS = { temperature: 0.7 } as const

const temperature = () => numberIn(VISION_LIMITS.temperature.min, VISION_LIMITS.temperature.max)

/** Body of `GET /vision/models`. */
export const visionModelsResponseSchema = modelAvailabilitySchema
export type VisionModelsResponse = z.infer<typeof visionModelsResponseSchema>

/** Request body of `POST /vision/analyze` (image as base64 JSON). */
export const visionAnalyzeRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Base64 encoded PNG, JPEG or WebP, without a `data:` prefix. */
    image: base64Image(),
    /** Question or instruction about the image. */
    query: text(),
    /** Maximum response tokens, >= 1; `null`/omitted: the model default. */
    max_tokens: z.optional(z.nullable(intIn(VISION_LIMITS.maxTokens.min))),
    /** Sampling temperature; server default 0.7 (0.0-2.0 assumed). */
    temperature: z.optional(temperature()),
  }))()
export type VisionAnalyzeRequest = z.input<typeof visionAnalyzeRequestSchema>
export type VisionAnalyzeRequestParsed = z.output<typeof visionAnalyzeRequestSchema>

/** Multipart fields of `POST /vision/analyze/upload`; scalars accept typed values or form text. */
export const visionAnalyzeUploadFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The image file to analyze. */
    image: upload(),
    query: text(),
    max_tokens: z.optional(z.nullable(formInt(intIn(VISION_LIMITS.maxTokens.min)))),
    temperature: z.optional(formNumber(temperature())),
  }))()
export type VisionAnalyzeUploadForm = z.input<typeof visionAnalyzeUploadFormSchema>
export type VisionAnalyzeUploadFormParsed = z.output<typeof visionAnalyzeUploadFormSchema>

/** Body of `POST /vision/analyze` and `POST /vision/analyze/upload`. */
export const visionAnalyzeResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The model's answer. */
    response: z.string(),
    /** Id of the model that answered, e.g. `qwen3-vl-8b`. */
    model: lenient(z.string()),
  }))()
export type VisionAnalyzeResponse = z.infer<typeof visionAnalyzeResponseSchema>
