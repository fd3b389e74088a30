/** `vision.analyze` (questions, captions, OCR, structured extraction) and `vision.detect`. */
import * as z from 'zod/mini'
import type { StandardSchemaV1 } from '../standard-schema'
import { baseInputShape, mediaInputSchema, type OutputBase } from './shared'

/**
 * A structured-output schema: a Standard Schema (zod, valibot, arktype: the result is checked
 * and typed with it) or a plain JSON Schema object (the result is returned as parsed JSON).
 */
export type StructuredSchema<T = unknown> = StandardSchemaV1<unknown, T> | Record<string, unknown>

export const visionAnalyzeInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** The picture(s). Give `image`, `images` or `video`. */
    image: z.optional(mediaInputSchema),
    images: z.optional(z.array(mediaInputSchema).check(z.minLength(1))),
    /** A video to caption or ask about, for models that watch video. */
    video: z.optional(mediaInputSchema),
    /** What to do. Default: `question` when a prompt is given, else `caption`. */
    mode: z.optional(z.enum(['question', 'caption', 'ocr', 'extract'])),
    /** The question, or instructions for the caption/extraction. Required for `question`. */
    prompt: z.optional(z.string().check(z.minLength(1))),
    /** For `extract`: the shape of the answer. A domain name (e.g. `document.invoice`) for providers that have them. */
    schema: z.optional(
      z.custom<StructuredSchema>((value) => typeof value === 'object' && value !== null),
    ),
    domain: z.optional(z.string().check(z.minLength(1))),
    maxTokens: z.optional(z.int().check(z.gte(1))),
    temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
  })
  .check((context) => {
    const value = context.value
    const sources = (['image', 'images', 'video'] as const).filter(
      (field) => value[field] !== undefined,
    )
    if (sources.length !== 1) {
      context.issues.push({
        code: 'custom',
        input: value,
        // Name a field the caller gave (the second source), as checkExclusive does.
        path: [sources[1] ?? 'image'],
        message: 'give exactly one of image, images, video',
        params: { rule: sources.length === 0 ? 'required' : 'mutually_exclusive' },
      })
    }
    if (value.mode === 'question' && value.prompt === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['prompt'],
        message: 'a question needs a prompt',
        params: { rule: 'required' },
      })
    }
    if (value.mode === 'extract' && value.schema === undefined && value.domain === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['schema'],
        message: 'extraction needs a schema or a domain',
        params: { rule: 'required' },
      })
    }
  })
export type VisionAnalyzeInput = z.input<typeof visionAnalyzeInputSchema>

export interface VisionAnalyzeOutput<T = unknown> extends OutputBase {
  /** The answer, caption or recognised text. For `extract`, the JSON text. */
  text: string
  /** For `extract`: the parsed (and, with a zod schema, validated) result. */
  object?: T
}

export const visionDetectInputSchema = z
  .strictObject({
    ...baseInputShape,
    image: mediaInputSchema,
    /** What to find. `zero-shot` needs `labels`. */
    mode: z.enum(['objects', 'zero-shot', 'faces', 'web']),
    /** Labels to look for (zero-shot). */
    labels: z.optional(z.array(z.string().check(z.minLength(1))).check(z.minLength(1))),
    /** Drop detections scoring below this (0-1). */
    threshold: z.optional(z.number().check(z.gte(0), z.lte(1))),
    maxResults: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  })
  .check((context) => {
    if (context.value.mode === 'zero-shot' && context.value.labels === undefined) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: ['labels'],
        message: 'zero-shot detection needs labels',
        params: { rule: 'required' },
      })
    }
  })
export type VisionDetectInput = z.input<typeof visionDetectInputSchema>

/** A box in pixels of the input image: top-left corner and size. */
export interface BoundingBox {
  x: number
  y: number
  width: number
  height: number
}

export interface Detection {
  label: string
  /** 0-1 */
  score: number
  box?: BoundingBox
  /** How many of `label` the provider counted in the image, where it reports a count. */
  count?: number
}

export interface WebMatch {
  url: string
  score?: number
  title?: string
  /** `full`, `partial` or `similar` where the provider says. */
  kind?: string
}

export interface VisionDetectOutput extends OutputBase {
  detections: Detection[]
  /** For `web`: where the image (or similar ones) appears online. */
  webMatches?: WebMatch[]
}
