/** `image.generate` and `image.edit`. */
import * as z from 'zod/mini'
import type { MediaFile } from '../media-file'
import {
  aspectRatioSchema,
  baseInputShape,
  checkExclusive,
  mediaInputSchema,
  type OutputBase,
  positiveInt,
  seedSchema,
  sizeSchema,
} from './shared'

export const imageOutputFormatSchema = z.enum(['png', 'jpeg', 'webp'])

export const imageGenerateInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** What to draw. */
    prompt: z.string().check(z.minLength(1)),
    /** What to keep out of the picture; providers without negative prompts warn. */
    negativePrompt: z.optional(z.string()),
    /** How many images (1-10); providers with a lower cap fail validation or warn. */
    n: z.optional(positiveInt(10)),
    /** Exact size in pixels. Give `size` or `aspectRatio`, not both. */
    size: z.optional(sizeSchema),
    /** Aspect ratio, e.g. `16:9`; the provider picks the pixel size. */
    aspectRatio: z.optional(aspectRatioSchema),
    seed: z.optional(seedSchema),
    /** Denoising steps, for diffusion models that expose them. */
    steps: z.optional(positiveInt(1000)),
    /** Classifier-free guidance scale. */
    guidanceScale: z.optional(z.number().check(z.gte(0), z.lte(100))),
    outputFormat: z.optional(imageOutputFormatSchema),
  })
  .check(checkExclusive(['size', 'aspectRatio']))
export type ImageGenerateInput = z.input<typeof imageGenerateInputSchema>

export interface ImageOutput extends OutputBase {
  images: MediaFile[]
  /** Seeds used, one per image, when the provider reports them. */
  seeds?: number[]
  /** The prompt after provider-side rewriting, when it reports one. */
  revisedPrompt?: string
}

/**
 * What an edit does. `edit` is a prompt-guided change of the whole picture (img2img);
 * the rest are the specialised operations some providers offer.
 */
export const imageEditOperationSchema = z.enum([
  'edit',
  'inpaint',
  'expand',
  'erase',
  'remove-background',
  'replace-background',
  'upscale',
])
export type ImageEditOperation = z.infer<typeof imageEditOperationSchema>

export const imageEditInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** The picture to change. */
    image: mediaInputSchema,
    /** Default `edit`. */
    operation: z.optional(imageEditOperationSchema),
    /** What to change, or what to fill a masked/expanded area with. Required for `edit`. */
    prompt: z.optional(z.string().check(z.minLength(1))),
    negativePrompt: z.optional(z.string()),
    /** White = change, black = keep (for `inpaint` and `erase`). */
    mask: z.optional(mediaInputSchema),
    /** How far from the original (0 = unchanged, 1 = ignore it), for `edit`. */
    strength: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Target size for `expand`/`upscale`, or the output size for `edit`. */
    size: z.optional(sizeSchema),
    /** Upscale factor for `upscale`. */
    scale: z.optional(z.number().check(z.gte(1), z.lte(16))),
    n: z.optional(positiveInt(10)),
    seed: z.optional(seedSchema),
    steps: z.optional(positiveInt(1000)),
    guidanceScale: z.optional(z.number().check(z.gte(0), z.lte(100))),
    outputFormat: z.optional(imageOutputFormatSchema),
  })
  .check((context) => {
    const value = context.value
    if ((value.operation ?? 'edit') === 'edit' && value.prompt === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['prompt'],
        message: 'an `edit` needs a prompt saying what to change',
        params: { rule: 'required' },
      })
    }
  })
export type ImageEditInput = z.input<typeof imageEditInputSchema>
