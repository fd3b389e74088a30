/**
 * Structured output: a zod schema (or a plain JSON Schema object) → the `config.json_schema`
 * VLM Run takes, and media inputs → the strings of `images`.
 */
import {
  imageDataUri,
  isPrivateUrl,
  MediaFile,
  type MediaInput,
  type StructuredSchema,
  toMediaFile,
  ValidationError,
} from '@atelier/core'
import type * as z from 'zod/mini'
import { isBase64DataUri, isBase64Text, isHttpUrl } from '../schemas'
import { PROVIDER } from './transport'

/** True for a zod 4 schema (classic or mini): it can be turned into JSON Schema. */
export function isZodSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value
}

/** What a schema may carry to describe itself as JSON Schema. */
interface SelfDescribing {
  /** zod 4 classic schemas. */
  toJSONSchema?: (params?: {
    io?: 'input' | 'output'
    unrepresentable?: 'throw' | 'any'
  }) => unknown
  /** Standard JSON Schema (zod 4 classic and other schema libraries). */
  '~standard'?: {
    jsonSchema?: { input?: (options: { target: string }) => unknown }
  }
}

/**
 * A schema → the JSON Schema VLM Run takes, without the `$schema` dialect marker. A classic zod 4
 * schema (or any schema implementing Standard JSON Schema) describes itself, so no converter
 * ships in this package: zod's converter weighs ~7 KB gzip, which every browser app using this
 * driver would pay. A zod/mini schema carries no converter; give `z.toJSONSchema(schema, { io:
 * 'input' })` instead (the answer is then returned as parsed JSON). A plain JSON Schema object is
 * returned as is; anything else is refused with a ValidationError naming `field`.
 */
export function toJsonSchema(schema: StructuredSchema, field = 'schema'): Record<string, unknown> {
  if (isZodSchema(schema)) {
    const describing = schema as SelfDescribing
    let json: unknown
    try {
      // The model fills the input side of pipes and transforms; parsing then applies them.
      if (typeof describing.toJSONSchema === 'function') {
        json = describing.toJSONSchema({ io: 'input', unrepresentable: 'throw' })
      } else if (typeof describing['~standard']?.jsonSchema?.input === 'function') {
        json = describing['~standard'].jsonSchema.input({ target: 'draft-2020-12' })
      } else {
        throw refused(
          field,
          'is a zod/mini schema, which cannot describe itself as JSON Schema: pass a classic zod schema, or z.toJSONSchema(schema, { io: "input" })',
        )
      }
    } catch (error) {
      if (error instanceof ValidationError) throw error
      throw refused(
        field,
        `cannot be expressed as JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    const { $schema: _dialect, ...rest } = json as Record<string, unknown>
    return rest
  }
  if (typeof (schema as { safeParse?: unknown }).safeParse === 'function') {
    throw refused(field, 'must be a zod 4 schema or a plain JSON Schema object')
  }
  return schema as Record<string, unknown>
}

function refused(field: string, message: string): ValidationError {
  return new ValidationError([{ path: [field], message, rule: 'json_schema' }], {
    provider: PROVIDER,
  })
}

/**
 * One entry of `images`: a public URL as is (VLM Run fetches it), base64 text or a data URI as
 * is, and anything else — bytes, a Blob, a file on a private host — read and sent as a
 * `data:<type>;base64,...` URI. `field` names the input in errors.
 */
export async function imageEntry(
  input: MediaInput,
  field: string | (string | number)[],
  signal?: AbortSignal,
): Promise<string> {
  if (typeof input === 'string' || input instanceof URL) {
    const value = String(input)
    if (isHttpUrl(value) && !isPrivateUrl(value)) return value
    if (isBase64DataUri(value) || (!isHttpUrl(value) && isBase64Text(value))) return value
    if (!isHttpUrl(value)) {
      throw new ValidationError(
        [
          {
            path: Array.isArray(field) ? field : [field],
            message: 'must be an http(s) URL, base64 image data, bytes, a Blob or a MediaFile',
            rule: 'invalid_format',
          },
        ],
        { provider: PROVIDER },
      )
    }
  } else if (
    input instanceof MediaFile &&
    input.url !== undefined &&
    isHttpUrl(input.url) &&
    !isPrivateUrl(input.url)
  ) {
    return input.url
  }
  return imageDataUri(toMediaFile(input, 'image/png'), signal)
}
