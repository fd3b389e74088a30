/**
 * Base64 fields of request bodies (`image`, `images`, `audio`, `datasetB64`). Callers may pass
 * base64 text as the API document shows, or a file that is encoded for them: bytes, a `Blob`
 * or a `MediaFile` from an earlier result. Validation runs first (with a placeholder), so bad
 * input never costs a download of a URL-backed `MediaFile`.
 */
import { MediaFile, type StandardSchemaV1, toMediaFile } from '@atelier/core'
import type { CanaryTransport } from './transport'

/** Base64 text (no `data:` prefix), or a file to encode: bytes, a `Blob` or a `MediaFile`. */
export type Base64Input = string | Uint8Array | ArrayBuffer | Blob | MediaFile

/** A placeholder that passes the base64 check while the real file waits for validation. */
export const BASE64_PLACEHOLDER = 'AAAA'

function isFile(value: unknown): value is Exclude<Base64Input, string> {
  return (
    value instanceof MediaFile ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  )
}

/** The media type a file input carries, if any. */
export function mediaTypeOf(value: unknown): string | undefined {
  if (value instanceof MediaFile) return value.mediaType
  if (typeof Blob !== 'undefined' && value instanceof Blob && value.type) return value.type
  return undefined
}

/**
 * Validates a JSON body whose `fields` hold base64 (one value, or an array of values),
 * accepting files there: each file is checked as a placeholder, then encoded once the body
 * has passed.
 */
export async function withBase64Fields<T>(
  transport: CanaryTransport,
  schema: StandardSchemaV1<unknown, T>,
  input: unknown,
  fields: readonly string[],
  what: string,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return transport.validate(schema, input, what)
  }
  const record: Record<string, unknown> = { ...input }
  const files: { field: string; index: number | undefined; file: Exclude<Base64Input, string> }[] =
    []
  for (const field of fields) {
    const value = record[field]
    if (isFile(value)) {
      files.push({ field, index: undefined, file: value })
      record[field] = BASE64_PLACEHOLDER
    } else if (Array.isArray(value)) {
      record[field] = value.map((item, index) => {
        if (!isFile(item)) return item
        files.push({ field, index, file: item })
        return BASE64_PLACEHOLDER
      })
    }
  }
  const parsed = transport.validate(schema, record, what) as Record<string, unknown>
  for (const { field, index, file } of files) {
    const encoded = await toMediaFile(file).base64(signal ? { signal } : {})
    if (index === undefined) parsed[field] = encoded
    else (parsed[field] as unknown[])[index] = encoded
  }
  return parsed as T
}
