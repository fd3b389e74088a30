/**
 * Responses shaped like FastAPI's: JSON bodies written as Python's `json.dumps` writes them,
 * `{"detail": ...}` errors (`HTTPException`), the `{"detail": [...]}` list of a request
 * validation error, Starlette's plain-text `Internal Server Error` for an exception nothing
 * catches, and `FileResponse`'s `content-disposition`.
 */
import { type PydanticError, pyJson } from './pydantic'

/** Every emulator response carries this header, so nobody mistakes it for a real sidecar. */
export const EMULATOR_HEADER = 'x-atelier-emulator'
export const EMULATOR_NAME = 'silly-media'

const baseHeaders = (contentType?: string): Headers => {
  const headers = new Headers({ [EMULATOR_HEADER]: EMULATOR_NAME })
  if (contentType !== undefined) headers.set('content-type', contentType)
  return headers
}

/** A JSON body (FastAPI's `JSONResponse`: compact, UTF-8). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const all = baseHeaders('application/json')
  for (const [name, value] of Object.entries(headers)) all.set(name, value)
  return new Response(pyJson(body), { status, headers: all })
}

/** An error as FastAPI's `HTTPException` sends it: `{"detail": ...}`. */
export function detail(status: number, message: unknown, headers: Record<string, string> = {}) {
  return json({ detail: message }, status, headers)
}

/** The server's request-validation handler: 422 `{"detail": errors}`. */
export function validationError(errors: readonly PydanticError[]): Response {
  return json({ detail: errors.map(orderedError) }, 422)
}

/** Keys in pydantic's order: type, loc, msg, input, ctx. */
export function orderedError(error: PydanticError): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.type,
    loc: error.loc,
    msg: error.msg,
    input: error.input === undefined ? null : error.input,
  }
  if (error.ctx !== undefined) out.ctx = error.ctx
  return out
}

/** What Starlette answers when an exception escapes every handler. */
export function internalServerError(): Response {
  return new Response('Internal Server Error', {
    status: 500,
    headers: baseHeaders('text/plain; charset=utf-8'),
  })
}

/** `204 No Content`. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: baseHeaders() })
}

/** Starlette's `content-disposition` for a `FileResponse(filename=...)`. */
export function attachment(filename: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII test
  if (/^[\x00-\x7f]*$/.test(filename)) return `attachment; filename="${filename}"`
  return `attachment; filename*=utf-8''${encodeURIComponent(filename)}`
}

/** Raw bytes or a byte stream of a media type, with its length when known. */
export function media(
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  contentType: string,
  options: { length?: number; filename?: string; headers?: Record<string, string> } = {},
): Response {
  const headers = baseHeaders(contentType)
  const length = body instanceof Uint8Array ? body.byteLength : options.length
  if (length !== undefined) headers.set('content-length', String(length))
  if (options.filename !== undefined)
    headers.set('content-disposition', attachment(options.filename))
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value)
  return new Response(body, { status: 200, headers })
}

/** A streamed response whose length is not announced (chunked transfer). */
export function stream(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  const all = baseHeaders(contentType)
  for (const [name, value] of Object.entries(headers)) all.set(name, value)
  return new Response(body, { status: 200, headers: all })
}

/**
 * Thrown from a route to answer with a FastAPI-style error; the router turns it into a response.
 * A string is the `detail`; an object is the whole body (`{detail: <anything>}`).
 */
export class HttpError extends Error {
  readonly status: number
  readonly body: unknown

  constructor(status: number, body: string | { detail: unknown }) {
    super(typeof body === 'string' ? body : JSON.stringify(body.detail))
    this.name = 'HttpError'
    this.status = status
    this.body = typeof body === 'string' ? { detail: body } : body
  }

  toResponse(): Response {
    return json(this.body, this.status)
  }
}

/** One entry of a FastAPI validation error, as the zod-based `./validation` reports it. */
export interface ValidationDetail {
  /** Where the bad value is: `["body", "width"]`, `["query", "limit"]`, `["path", "audio_index"]`. */
  loc: (string | number)[]
  msg: string
  /** Pydantic-style error type: `missing`, `greater_than_equal`, `extra_forbidden`, ... */
  type: string
  /** The rejected value, when there was one and it is JSON-friendly. */
  input?: unknown
}

/** Thrown for a request the server rejects with 422 (its validation handler's body). */
export class ValidationFailure extends Error {
  constructor(readonly errors: readonly PydanticError[]) {
    super('request validation failed')
    this.name = 'ValidationFailure'
  }
}

/**
 * An exception the server does not catch: Starlette answers 500 `Internal Server Error` as
 * plain text. `reason` says what the real server would have tripped over.
 */
export class UncaughtError extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'UncaughtError'
  }
}
