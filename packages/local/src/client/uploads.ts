/**
 * Files going to the sidecar: multipart uploads (`FormData` built from validated fields) and
 * base64 image fields of JSON bodies. Callers may pass a `Blob`/`File`, raw bytes or a
 * `MediaFile` from an earlier result. Validation runs before any file is read, so bad input
 * never costs a download of a URL-backed `MediaFile`.
 */
import { MediaFile, type StandardSchemaV1 } from '@atelier/core'
import { encodeBase64 } from '@atelier/core/driver'
import type { Transport } from './transport'

/** A file to upload: a `Blob` (a `File` keeps its name), raw bytes, or a `MediaFile`. */
export type UploadInput = Blob | Uint8Array | ArrayBuffer | MediaFile

/** An image for a base64 JSON field: base64 text (no `data:` prefix), or a file that is encoded for you. */
export type Base64ImageInput = string | UploadInput

/** Placeholder that passes the base64 check while the real file waits for validation to pass. */
const BASE64_PLACEHOLDER = 'AAAA'

function isUploadInput(value: unknown): value is UploadInput {
  return (
    value instanceof MediaFile ||
    value instanceof Uint8Array ||
    value instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  )
}

/**
 * Validates a multipart form and builds its `FormData`. `fileFields` name the fields holding one
 * file or an array of files; every other field is sent as text (`true`/`false` for booleans),
 * and `null`/`undefined` fields are left out.
 */
export async function buildFormData(
  transport: Transport,
  schema: StandardSchemaV1<unknown, unknown>,
  input: unknown,
  fileFields: readonly string[],
  what: string,
  signal: AbortSignal | undefined,
): Promise<FormData> {
  const pending = new Map<Blob, MediaFile>()
  const names = new WeakMap<Blob, string>()
  const asBlob = (value: unknown): unknown => {
    if (value instanceof MediaFile) {
      const placeholder = new Blob([], { type: value.mediaType })
      pending.set(placeholder, value)
      return placeholder
    }
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) return bytesBlob(value)
    return value
  }
  const record = isRecord(input) ? { ...input } : input
  if (isRecord(record)) {
    for (const field of fileFields) {
      const value = record[field]
      record[field] = Array.isArray(value) ? value.map(asBlob) : asBlob(value)
    }
  }
  const parsed = transport.validate(schema, record, what) as Record<string, unknown>
  const resolve = async (value: unknown): Promise<unknown> => {
    const file = value instanceof Blob ? pending.get(value) : undefined
    if (!file) return value
    const blob = await file.blob(signal ? { signal } : {})
    if (file.filename) names.set(blob, file.filename)
    return blob
  }
  const form = new FormData()
  for (const [field, value] of Object.entries(parsed)) {
    const values = Array.isArray(value) ? value : [value]
    for (const item of values) {
      const resolved = await resolve(item)
      if (resolved === undefined || resolved === null) continue
      if (resolved instanceof Blob) {
        form.append(field, resolved, names.get(resolved) ?? uploadName(field, resolved))
      } else {
        form.append(field, String(resolved))
      }
    }
  }
  return form
}

/**
 * Validates a JSON body whose `fields` hold images as base64, accepting files there too: a file
 * is checked as a placeholder, then encoded once the rest of the body has passed.
 */
export async function withBase64Files<T>(
  transport: Transport,
  schema: StandardSchemaV1<unknown, T>,
  input: unknown,
  fields: readonly string[],
  what: string,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!isRecord(input)) return transport.validate(schema, input, what)
  const files = new Map<string, UploadInput>()
  const record: Record<string, unknown> = { ...input }
  for (const field of fields) {
    const value = record[field]
    if (isUploadInput(value)) {
      files.set(field, value)
      record[field] = BASE64_PLACEHOLDER
    }
  }
  const parsed = transport.validate(schema, record, what)
  for (const [field, file] of files) {
    ;(parsed as Record<string, unknown>)[field] = await base64Of(file, signal)
  }
  return parsed
}

async function base64Of(file: UploadInput, signal: AbortSignal | undefined): Promise<string> {
  if (file instanceof MediaFile) return file.base64(signal ? { signal } : {})
  if (file instanceof Uint8Array) return encodeBase64(file)
  if (file instanceof ArrayBuffer) return encodeBase64(new Uint8Array(file))
  return encodeBase64(new Uint8Array(await file.arrayBuffer()))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function bytesBlob(bytes: Uint8Array | ArrayBuffer): Blob {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  return new Blob([view as Uint8Array<ArrayBuffer>], { type: sniffMediaType(view) ?? '' })
}

/** A `File`'s own name, else `<field><extension of its media type>`. */
function uploadName(field: string, blob: Blob): string {
  if (typeof File !== 'undefined' && blob instanceof File && blob.name) return blob.name
  return `${field}${EXTENSIONS[blob.type] ?? ''}`
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'audio/wav': '.wav',
  'audio/x-wav': '.wav',
  'audio/wave': '.wav',
  'audio/mpeg': '.mp3',
  'audio/flac': '.flac',
  'audio/ogg': '.ogg',
  'video/mp4': '.mp4',
}

/** The media type of common image and audio files from their first bytes; undefined when unknown. */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (ascii(0, 4) === 'GIF8') return 'image/gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav'
  if (ascii(0, 4) === 'fLaC') return 'audio/flac'
  if (ascii(0, 4) === 'OggS') return 'audio/ogg'
  if (ascii(0, 3) === 'ID3') return 'audio/mpeg'
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg'
  if (ascii(4, 8) === 'ftyp') return 'video/mp4'
  return undefined
}
