/**
 * Checking a callback delivery: what VLM Run POSTs to your `callback_url` when a prediction
 * completes.
 *
 * **What can and cannot be verified.** The API document specifies no signature, no signing
 * secret and no authentication header for callbacks, so nothing in a delivery proves by itself
 * that VLM Run sent it: anyone who learns the URL can POST a well-formed body. This helper
 * therefore checks what can be checked, and makes the strong checks easy:
 *
 * - **shape** (always): the body is a prediction (`id`, `status`, ...), parsed with the
 *   package's schema, and optionally its `response` with your own schema;
 * - **prediction id** (`expectedId`): the id is one you submitted (keep it from the submit
 *   answer or the job ref) — a forged body for an unknown id is refused;
 * - **a secret in the URL** (`urlToken`): put an unguessable token in the `callback_url` you
 *   register (`https://you.example/hooks/vlm?token=...`); VLM Run calls that URL as given, so
 *   only someone who knows the URL can deliver. Compared in constant time;
 * - **a shared-secret header or an HMAC** (`sharedSecret`, `hmac`): only if YOUR OWN proxy in
 *   front of the endpoint adds one — VLM Run does not;
 * - **the API's word** (`confirmWith`): re-read the prediction with `GET /v1/predictions/{id}`
 *   using your key and trust that copy, not the body. This is the only check that proves the
 *   content; it costs one request.
 *
 * Any failed check throws a `CallbackVerificationError` (a `ValidationError`) whose issue says
 * which check failed; nothing else is inferred.
 */
import { type StandardSchemaV1, ValidationError, type ValidationIssue } from '@atelier/core'
// Type-only: the class would bring every endpoint into the bundle of this helper.
import type { VlmRunClient } from './client/client'
import { withParsedResponse } from './client/parsed-response'
import { getPredictionWithHeaders } from './client/predictions'
import type { VlmRunTransport } from './client/transport'
import { type Prediction, predictionSchema, readPredictionStatus } from './schemas'

/** A delivery as your framework hands it over, when it is not a `Request`. */
export interface CallbackDelivery {
  /** The raw body, exactly as received (HMACs are computed over these bytes). */
  body: string | Uint8Array
  headers?: Headers | Record<string, string | undefined>
  /** The URL that was called, for `urlToken`. */
  url?: string
}

export type HmacAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SHA-1'

export interface VerifyCallbackOptions<T> {
  /** The prediction id(s) you are waiting for, or a test. */
  expectedId?: string | readonly string[] | ((id: string) => boolean)
  /** A secret you put in the `callback_url` query string: `{ param: 'token', value }`. */
  urlToken?: { param: string; value: string }
  /** A header your own proxy adds with a fixed secret. */
  sharedSecret?: { header: string; value: string }
  /** An HMAC of the raw body your own proxy adds. Default algorithm SHA-256, hex digest. */
  hmac?: {
    header: string
    secret: string
    algorithm?: HmacAlgorithm
    encoding?: 'hex' | 'base64'
    /** Text before the digest in the header, e.g. `sha256=`. */
    prefix?: string
  }
  /**
   * Re-read the prediction from the API and return that copy (the only content proof), through
   * this connection: a driver's `transport`, any transport, or a `VlmRunClient`.
   */
  confirmWith?: VlmRunTransport | VlmRunClient
  /** Parses a completed prediction's `response` (and types it): zod, or any Standard Schema. */
  schema?: StandardSchemaV1<unknown, T>
  /** Largest body read. Default 10 MiB. */
  maxBodyBytes?: number
  signal?: AbortSignal
}

/** Which checks passed. */
export type CallbackCheck = 'shape' | 'id' | 'url-token' | 'shared-secret' | 'hmac' | 'api'

export interface VerifiedCallback<T> {
  /** The prediction: the API's copy when `confirmWith` was given, else the delivered body. */
  prediction: Prediction<T>
  /** True when the prediction was re-read from the API. */
  confirmed: boolean
  checks: CallbackCheck[]
}

/** A callback delivery failed a check; `issues[0].rule` names which. */
export class CallbackVerificationError extends ValidationError {
  constructor(issue: ValidationIssue) {
    super([issue], {
      provider: 'vlmrun',
      message: `VLM Run callback rejected (${issue.rule}): ${issue.message}`,
    })
    this.name = 'CallbackVerificationError'
  }
}

const fail = (path: (string | number)[], rule: string, message: string): never => {
  throw new CallbackVerificationError({ path, message, rule })
}

const encoder = /* @__PURE__ */ new TextEncoder()

/** Equal in time that does not depend on where the first difference is. */
export function timingSafeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const left = typeof a === 'string' ? encoder.encode(a) : a
  const right = typeof b === 'string' ? encoder.encode(b) : b
  let difference = left.length ^ right.length
  for (let index = 0; index < left.length; index++) {
    difference |= left[index]! ^ (right[index % Math.max(1, right.length)] ?? 0)
  }
  return difference === 0
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function base64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The HMAC of `body` with `secret`, as hex or base64 (WebCrypto: Node, browsers, edge). */
export async function hmacDigest(
  body: Uint8Array,
  secret: string,
  algorithm: HmacAlgorithm = 'SHA-256',
  encoding: 'hex' | 'base64' = 'hex',
): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: algorithm },
    false,
    ['sign'],
  )
  const signature = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, body as Uint8Array<ArrayBuffer>),
  )
  return encoding === 'hex' ? hex(signature) : base64(signature)
}

async function readDelivery(
  delivery: Request | CallbackDelivery,
  maxBytes: number,
): Promise<{ body: Uint8Array; headers: Headers; url: string | undefined }> {
  if (delivery instanceof Request) {
    const length = Number(delivery.headers.get('content-length'))
    if (Number.isFinite(length) && length > maxBytes) {
      fail(['body'], 'too_big', `the body is ${length} bytes, over ${maxBytes}`)
    }
    const body = new Uint8Array(await delivery.arrayBuffer())
    if (body.byteLength > maxBytes) fail(['body'], 'too_big', `the body is over ${maxBytes} bytes`)
    return { body, headers: delivery.headers, url: delivery.url }
  }
  const body = typeof delivery.body === 'string' ? encoder.encode(delivery.body) : delivery.body
  if (body.byteLength > maxBytes) fail(['body'], 'too_big', `the body is over ${maxBytes} bytes`)
  const headers = new Headers()
  if (delivery.headers instanceof Headers)
    delivery.headers.forEach((value, name) => {
      headers.set(name, value)
    })
  else {
    for (const [name, value] of Object.entries(delivery.headers ?? {})) {
      if (value !== undefined) headers.set(name, value)
    }
  }
  return { body, headers, url: delivery.url }
}

/**
 * Verifies and parses one callback delivery (see the module comment for what each option
 * proves). Resolves with the prediction and the checks that passed; throws a
 * `CallbackVerificationError` for the first check that fails.
 */
export async function verifyVlmRunCallback<T = unknown>(
  delivery: Request | CallbackDelivery,
  options: VerifyCallbackOptions<T> = {},
): Promise<VerifiedCallback<T>> {
  const checks: CallbackCheck[] = []
  const { body, headers, url } = await readDelivery(
    delivery,
    options.maxBodyBytes ?? 10 * 1024 * 1024,
  )

  // Authenticity first: nothing of an unauthenticated body is parsed.
  if (options.urlToken) {
    let given: string | null = null
    try {
      given = url ? new URL(url).searchParams.get(options.urlToken.param) : null
    } catch {
      given = null
    }
    if (given === null || !timingSafeEqual(given, options.urlToken.value)) {
      fail(
        ['url', options.urlToken.param],
        'url_token',
        'the callback URL does not carry the expected token',
      )
    }
    checks.push('url-token')
  }
  if (options.sharedSecret) {
    const given = headers.get(options.sharedSecret.header)
    if (given === null || !timingSafeEqual(given, options.sharedSecret.value)) {
      fail(
        ['headers', options.sharedSecret.header.toLowerCase()],
        'shared_secret',
        'the shared-secret header is missing or wrong',
      )
    }
    checks.push('shared-secret')
  }
  if (options.hmac) {
    const { header, secret, algorithm = 'SHA-256', encoding = 'hex', prefix = '' } = options.hmac
    const given = headers.get(header)
    const expected = await hmacDigest(body, secret, algorithm, encoding)
    const digest = given?.startsWith(prefix) ? given.slice(prefix.length).trim() : undefined
    // Hex digests are compared without regard to case.
    const comparable = encoding === 'hex' ? digest?.toLowerCase() : digest
    if (!comparable || !timingSafeEqual(comparable, expected)) {
      fail(
        ['headers', header.toLowerCase()],
        'hmac',
        `the ${algorithm} HMAC of the body does not match`,
      )
    }
    checks.push('hmac')
  }

  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(body))
  } catch {
    fail(['body'], 'invalid_json', 'the body is not JSON')
  }
  const parsed = predictionSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    fail(
      [
        'body',
        ...(issue?.path ?? []).map((part) => (typeof part === 'number' ? part : String(part))),
      ],
      'shape',
      `the body is not a prediction: ${issue?.message ?? 'unexpected shape'}`,
    )
  }
  let prediction = parsed.data as Prediction
  checks.push('shape')

  const expected = options.expectedId
  if (expected !== undefined) {
    const known =
      typeof expected === 'function'
        ? expected(prediction.id)
        : typeof expected === 'string'
          ? expected === prediction.id
          : expected.includes(prediction.id)
    if (!known)
      fail(['body', 'id'], 'id_mismatch', `prediction ${prediction.id} is not one you submitted`)
    checks.push('id')
  }

  let confirmed = false
  if (options.confirmWith) {
    const transport =
      'transport' in options.confirmWith ? options.confirmWith.transport : options.confirmWith
    const { prediction: fromApi } = await getPredictionWithHeaders(
      transport,
      prediction.id,
      options.signal ? { signal: options.signal } : {},
    )
    if (fromApi.id !== prediction.id) {
      fail(
        ['body', 'id'],
        'api_mismatch',
        `the API answered for ${fromApi.id}, not ${prediction.id}`,
      )
    }
    // The same state in other spellings (`completed`, `COMPLETED`) is no contradiction.
    if (
      readPredictionStatus(fromApi.status).state !== readPredictionStatus(prediction.status).state
    ) {
      fail(
        ['body', 'status'],
        'api_mismatch',
        `the body says ${prediction.status}, the API says ${fromApi.status}`,
      )
    }
    prediction = fromApi
    confirmed = true
    checks.push('api')
  }

  const typed = withParsedResponse(prediction, options.schema)
  return { prediction: typed, confirmed, checks }
}
