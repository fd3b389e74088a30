/**
 * CanaryLLM's answers: the `{success, data}` envelope, `{success: false, error: {code,
 * message, details}}` errors, results whose base64 media is streamed (never held whole), and
 * Server-Sent Events.
 */

/** Every emulator response carries this header, so nobody mistakes it for the real service. */
export const EMULATOR_HEADER = 'x-atelier-emulator'
export const EMULATOR_NAME = 'canary'

function headersFor(contentType: string, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ [EMULATOR_HEADER]: EMULATOR_NAME, 'content-type': contentType })
  for (const [name, value] of Object.entries(extra)) headers.set(name, value)
  return headers
}

/** `{success: true, data}`. */
export function ok(data: unknown, status = 200): Response {
  return new Response(JSON.stringify({ success: true, data }), {
    status,
    headers: headersFor('application/json'),
  })
}

export interface ErrorDetail {
  path: string
  message: string
  code: string
}

/** `{success: false, error: {code, message, details?}}`. */
export function failure(
  status: number,
  code: string,
  message: string,
  options: { details?: ErrorDetail[]; headers?: Record<string, string> } = {},
): Response {
  const error = { code, message, ...(options.details ? { details: options.details } : {}) }
  return new Response(JSON.stringify({ success: false, error }), {
    status,
    headers: headersFor('application/json', options.headers),
  })
}

/** Thrown from a route to answer with an error; the handler turns it into a response. */
export class CanaryHttpError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[] | undefined

  constructor(status: number, code: string, message: string, details?: ErrorDetail[]) {
    super(message)
    this.name = 'CanaryHttpError'
    this.status = status
    this.code = code
    this.details = details
  }

  toResponse(): Response {
    return failure(
      this.status,
      this.code,
      this.message,
      this.details ? { details: this.details } : {},
    )
  }
}

/**
 * Media inside a result, made only when the result is sent: `open()` gives its bytes (a
 * small file) or a stream of them (a large video).
 */
export class EmbeddedMedia {
  readonly open: () => Uint8Array | ReadableStream<Uint8Array>

  constructor(open: () => Uint8Array | ReadableStream<Uint8Array>) {
    this.open = open
  }
}

const FLUSH_CHARS = 16 * 1024

function containsMedia(value: unknown): boolean {
  if (value instanceof EmbeddedMedia) return true
  if (Array.isArray(value)) return value.some(containsMedia)
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsMedia)
  return false
}

const ALPHABET = new TextEncoder().encode(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
)

/**
 * Base64 of `bytes` as ASCII bytes, padded. Written straight into a byte array: building
 * strings three bytes at a time is far too slow for the hundreds of megabytes a large
 * video result needs.
 */
export function base64Bytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4)
  const whole = bytes.length - (bytes.length % 3)
  let at = 0
  for (let index = 0; index < whole; index += 3) {
    const n = (bytes[index]! << 16) | (bytes[index + 1]! << 8) | bytes[index + 2]!
    out[at++] = ALPHABET[n >>> 18]!
    out[at++] = ALPHABET[(n >>> 12) & 63]!
    out[at++] = ALPHABET[(n >>> 6) & 63]!
    out[at++] = ALPHABET[n & 63]!
  }
  const rest = bytes.length - whole
  if (rest > 0) {
    const n = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0)
    out[at++] = ALPHABET[n >>> 18]!
    out[at++] = ALPHABET[(n >>> 12) & 63]!
    out[at++] = rest === 2 ? ALPHABET[(n >>> 6) & 63]! : 0x3d
    out[at++] = 0x3d
  }
  return out
}

/** Base64 of a media file, piece by piece: 3-byte groups carried over between chunks. */
async function* base64Pieces(media: EmbeddedMedia): AsyncGenerator<Uint8Array> {
  const source = media.open()
  if (source instanceof Uint8Array) {
    yield base64Bytes(source)
    return
  }
  const reader = source.getReader()
  let carry = new Uint8Array(0)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      const joined = carry.length ? concat(carry, value) : value
      const whole = joined.length - (joined.length % 3)
      if (whole > 0) yield base64Bytes(joined.subarray(0, whole))
      carry = joined.slice(whole)
    }
  } finally {
    reader.releaseLock()
  }
  if (carry.length) yield base64Bytes(carry)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** JSON text of `value`, in pieces (text, or the bytes of base64), with every `EmbeddedMedia` written as a base64 string. */
async function* jsonPieces(value: unknown): AsyncGenerator<string | Uint8Array> {
  if (value instanceof EmbeddedMedia) {
    yield '"'
    yield* base64Pieces(value)
    yield '"'
  } else if (!containsMedia(value)) {
    yield JSON.stringify(value) ?? 'null'
  } else if (Array.isArray(value)) {
    yield '['
    for (const [index, item] of value.entries()) {
      if (index > 0) yield ','
      yield* jsonPieces(item)
    }
    yield ']'
  } else {
    yield '{'
    let first = true
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue
      yield `${first ? '' : ','}${JSON.stringify(key)}:`
      first = false
      yield* jsonPieces(item)
    }
    yield '}'
  }
}

/**
 * `{success: true, data}` streamed: media is encoded as the client reads, one piece at a time,
 * so the body of a 256 MiB video (about 350 MB of JSON) never sits in memory.
 */
export function streamedOk(data: unknown): Response {
  const pieces = jsonPieces({ success: true, data })
  const encoder = new TextEncoder()
  // Small JSON pieces are gathered into one chunk; media bytes go out as they come.
  let pending = ''
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const next = await pieces.next()
          if (next.done) {
            if (pending) controller.enqueue(encoder.encode(pending))
            pending = ''
            controller.close()
            return
          }
          if (typeof next.value !== 'string') {
            if (pending) controller.enqueue(encoder.encode(pending))
            pending = ''
            controller.enqueue(next.value)
            return
          }
          pending += next.value
          if (pending.length >= FLUSH_CHARS) {
            controller.enqueue(encoder.encode(pending))
            pending = ''
            return
          }
        }
      },
      async cancel() {
        await pieces.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
  return new Response(body, { status: 200, headers: headersFor('application/json') })
}

/** A Server-Sent Events response fed by `write(event, data)`; `close()` ends it. */
export function eventStream(
  start: (events: { write(event: string, data: unknown): void; close(): void }) => () => void,
): Response {
  const encoder = new TextEncoder()
  let stop: (() => void) | undefined
  let closed = false
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = start({
        write(event, data) {
          if (closed) return
          controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))
        },
        close() {
          if (closed) return
          closed = true
          stop?.()
          controller.close()
        },
      })
      if (closed) stop()
    },
    cancel() {
      closed = true
      stop?.()
    },
  })
  return new Response(body, {
    status: 200,
    headers: headersFor('text/event-stream', { 'cache-control': 'no-cache' }),
  })
}
