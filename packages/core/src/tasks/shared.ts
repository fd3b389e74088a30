/**
 * Building blocks shared by every task: the fields all inputs have, media inputs, sizes,
 * and what every output carries besides its media (warnings, usage, provider metadata).
 */
import * as z from 'zod/mini'
import { isMediaInput, type MediaInput } from '../media-file'

/**
 * A model id as the provider names it (`z-image-turbo`, `veo-3.1-generate-preview`). Through
 * the facade, prefix it with the provider: `local/z-image-turbo`. Open string: servers add
 * models faster than SDKs ship.
 */
export const modelIdSchema = z.string().check(z.minLength(1, { error: 'must name a model' }))

/**
 * Options only one provider understands, keyed by provider id:
 * `{ local: { use_lora: true }, canary: { quality: 'hd' } }`. A driver reads only its own key.
 */
export const providerOptionsSchema = z.optional(
  z.record(z.string(), z.record(z.string(), z.unknown())),
)
export type ProviderOptions = z.infer<typeof providerOptionsSchema>

/** A URL (`https:` or `data:`), raw bytes, a Blob/File, or a MediaFile from an earlier result. */
export const mediaInputSchema = z.custom<MediaInput>(isMediaInput, {
  error: 'must be a URL, a data URL, bytes, a Blob or a MediaFile',
})

export const positiveInt = (max: number) => z.int().check(z.gte(1), z.lte(max))

/** Output pixel size. */
export const sizeSchema = z.strictObject({
  width: positiveInt(16_384),
  height: positiveInt(16_384),
})
export type Size = z.infer<typeof sizeSchema>

/** `W:H` with whole numbers, e.g. `16:9`, `1:1`, `9:16`. */
export const aspectRatioSchema = z
  .string()
  .check(z.regex(/^\d{1,4}:\d{1,4}$/, { error: 'must look like "16:9"' }))

/** A seed for reproducible output (non-negative integer). */
export const seedSchema = z.int().check(z.gte(0))

/** The fields every task input has. */
export const baseInputShape = {
  /** The model, as the provider names it (facade: `provider/model`). */
  model: modelIdSchema,
  /** Provider-specific options, keyed by provider id. */
  providerOptions: providerOptionsSchema,
}

/** Something the provider could not honour exactly; never silent. */
export type Warning =
  | {
      type: 'unsupported-option'
      /** The input field, e.g. `negativePrompt` or `size`. */
      option: string
      details?: string
    }
  | {
      /** The provider changed a value (rounded a size, clamped a duration). */
      type: 'adjusted-option'
      option: string
      details?: string
    }
  | { type: 'other'; message: string }

/** What the work cost, in whatever units the provider reports. */
export interface Usage {
  /** Provider credits consumed. */
  credits?: number
  /** Cost in US dollars, when the provider states it (or estimates it: see `estimated`). */
  costUsd?: number
  /** True when the cost is the provider's estimate, not a final charge. */
  estimated?: boolean
  inputTokens?: number
  outputTokens?: number
  totalTokens?: number
  /** Seconds of compute or media, when that is the unit. */
  seconds?: number
}

/** Every task output has these besides its own fields. */
export interface OutputBase {
  /** Options the provider could not honour, or adjusted. */
  warnings: Warning[]
  usage?: Usage
  /** Provider-specific extras (seeds used, job ids, raw timings), for logging. */
  providerMetadata?: Record<string, unknown>
}

/** A rule broken across fields ("give prompt or messages, not both"). */
export function exclusiveFields(
  value: Record<string, unknown>,
  fields: readonly string[],
  options: { required?: boolean } = {},
): { path: string[]; message: string; rule: string } | undefined {
  const present = fields.filter((field) => value[field] !== undefined)
  if (present.length > 1) {
    return {
      path: [present[1]!],
      message: `give only one of ${fields.join(', ')} (got ${present.join(' and ')})`,
      rule: 'mutually_exclusive',
    }
  }
  if (options.required && present.length === 0) {
    return {
      path: [fields[0]!],
      message: `give one of ${fields.join(', ')}`,
      rule: 'required',
    }
  }
  return undefined
}

/** Adds an `exclusiveFields` issue to a zod check context. */
export function checkExclusive(
  fields: readonly string[],
  options: { required?: boolean } = {},
): z.core.CheckFn<Record<string, unknown>> {
  return (context) => {
    const issue = exclusiveFields(context.value, fields, options)
    if (issue) {
      context.issues.push({
        code: 'custom',
        input: context.value,
        path: issue.path,
        message: issue.message,
        params: { rule: issue.rule },
      })
    }
  }
}
