/**
 * Structured output: a schema (zod 4, any Standard Schema that describes itself as JSON Schema,
 * or a plain JSON Schema object) → the `config.json_schema` VLM Run takes, and media inputs →
 * the strings of `images`.
 */
import { MediaFile, type MediaInput, type StandardSchemaV1, ValidationError } from '@atelier/core'
import { imageDataUri, mediaUrlOrDataUri } from '@atelier/core/driver'
import { isBase64DataUri, isBase64Text, isHttpUrl } from '../schemas'
import { PROVIDER } from './transport'

/** True for a zod 4 schema (classic or mini). */
export function isZodSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_zod' in value
}

/** True for a schema implementing Standard Schema (zod 4, valibot, arktype, ...): it can check an answer. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { '~standard'?: { validate?: unknown } })['~standard']?.validate === 'function'
  )
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
export function toJsonSchema(schema: object, field = 'schema'): Record<string, unknown> {
  const describing = schema as SelfDescribing
  const describe =
    typeof describing.toJSONSchema === 'function'
      ? () => describing.toJSONSchema!({ io: 'input', unrepresentable: 'throw' })
      : typeof describing['~standard']?.jsonSchema?.input === 'function'
        ? () => describing['~standard']!.jsonSchema!.input!({ target: 'draft-2020-12' })
        : undefined
  if (describe) {
    let json: unknown
    try {
      // The model fills the input side of pipes and transforms; parsing then applies them.
      json = describe()
    } catch (error) {
      throw refused(
        field,
        `cannot be expressed as JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
    const { $schema: _dialect, ...rest } = json as Record<string, unknown>
    return rest
  }
  if (isZodSchema(schema)) {
    throw refused(
      field,
      'is a zod/mini schema, which cannot describe itself as JSON Schema: pass a classic zod schema, or z.toJSONSchema(schema, { io: "input" })',
    )
  }
  if (
    isStandardSchema(schema) ||
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  ) {
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
 * One entry of `images`: base64 text or a base64 data URI as is, and otherwise the kit's
 * choice — a public URL as is (VLM Run fetches it); bytes, a Blob, a file on a private host
 * read and sent as a `data:<type>;base64,...` URI. A string that is neither an http(s) URL nor
 * base64 is refused; `field` names the input in errors.
 */
export async function imageEntry(
  input: MediaInput,
  field: string | (string | number)[],
  signal?: AbortSignal,
): Promise<string> {
  if (typeof input === 'string' || input instanceof URL) {
    const value = String(input)
    if (!isHttpUrl(value)) {
      if (isBase64DataUri(value) || isBase64Text(value)) return value
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
  } else if (input instanceof MediaFile && input.url !== undefined && !isHttpUrl(input.url)) {
    // VLM Run fetches http(s) only (not `gs://`): read such a file here.
    return imageDataUri(input, signal)
  }
  return mediaUrlOrDataUri(input, signal ? { signal } : {})
}
