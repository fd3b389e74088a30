/**
 * Response helpers shaped like FastAPI's: JSON bodies, `{"detail": "..."}` errors, and the
 * `{"detail": [{loc, msg, type}]}` list of a request validation error (422).
 */

/** Every emulator response carries this header, so nobody mistakes it for a real sidecar. */
export const EMULATOR_HEADER = 'x-atelier-emulator'
export const EMULATOR_NAME = 'silly-media'

const baseHeaders = (contentType?: string): Headers => {
  const headers = new Headers({ [EMULATOR_HEADER]: EMULATOR_NAME })
  if (contentType !== undefined) headers.set('content-type', contentType)
  return headers
}

/** One entry of a FastAPI validation error. */
export interface ValidationDetail {
  /** Where the bad value is: `["body", "width"]`, `["query", "limit"]`, `["path", "audio_index"]`. */
  loc: (string | number)[]
  msg: string
  /** Pydantic-style error type: `missing`, `greater_than_equal`, `extra_forbidden`, ... */
  type: string
  /** The rejected value, when there was one and it is JSON-friendly. */
  input?: unknown
}

/** A JSON body (FastAPI's `JSONResponse`). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const all = baseHeaders('application/json')
  for (const [name, value] of Object.entries(headers)) all.set(name, value)
  return new Response(JSON.stringify(body), { status, headers: all })
}

/** An error as FastAPI's `HTTPException` sends it: `{"detail": "..."}`. */
export function detail(status: number, message: string, headers: Record<string, string> = {}) {
  return json({ detail: message }, status, headers)
}

/** A request validation error: 422 with one entry per problem. */
export function validationError(details: ValidationDetail[]): Response {
  return json({ detail: details }, 422)
}

/** `204 No Content`. */
export function noContent(): Response {
  return new Response(null, { status: 204, headers: baseHeaders() })
}

/** Raw bytes or a byte stream of a media type, with its length when known. */
export function media(
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>,
  contentType: string,
  options: { length?: number; filename?: string } = {},
): Response {
  const headers = baseHeaders(contentType)
  const length = body instanceof Uint8Array ? body.byteLength : options.length
  if (length !== undefined) headers.set('content-length', String(length))
  if (options.filename !== undefined) {
    headers.set('content-disposition', `attachment; filename="${options.filename}"`)
  }
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

/** Thrown from a route to answer with a FastAPI-style error; the router turns it into a response. */
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

/** `404 {"detail": "Model 'x' not found"}`. */
export const modelNotFound = (model: string) => new HttpError(404, `Model '${model}' not found`)
