/**
 * `CanaryClient`: a typed client for every endpoint of the CanaryLLM gateway — image, video,
 * speech, sound effects, music, dialogue, transcription and LLM completion (all answered
 * through its queue), the queue itself, and vision detection and training. Requests are
 * validated before they are sent, the `{success, data}` envelope is unwrapped (`success:
 * false` is a typed error), and media results come back as `MediaFile`s decoded as they
 * stream.
 *
 * ```ts
 * const canary = new CanaryClient({ baseUrl: 'https://canary.example.com', apiKey: 'clk_live_...' })
 * const { queueId } = await canary.llm.generateImage({ provider: 'openai', prompt: 'a red panda' })
 * const status = await canary.queue.status({ queueId })
 * const done = await canary.queue.result({ queueId, kind: 'image' })
 * if (done.ready) await done.result?.images[0]?.data.bytes()
 * ```
 */
import {
  type AuthStrategy,
  bearerAuth,
  type Clock,
  headerAuth,
  type RetryPolicy,
  type SecretSource,
} from '@atelier/core'
import { assertKeyAllowedHere, HttpClient, passThroughOptions } from '@atelier/core/driver'
import { LlmApi } from './llm'
import { QueueApi } from './queue'
import { DEFAULT_INLINE_MEDIA_MAX_BYTES } from './result-reader'
import { describeCanaryError, PROVIDER, Transport } from './transport'
import { VisionApi } from './vision'

/** Default per-request timeout, in milliseconds (submits, status, lists; result reads have none). */
export const CANARY_DEFAULT_TIMEOUT_MS = 60_000

/** How the API key travels: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export type CanaryAuthHeader = 'bearer' | 'x-api-key'

export interface CanaryClientOptions {
  /**
   * Where your CanaryLLM deployment answers, e.g. `https://canary.example.com` (the client
   * adds `/api/...`). Required: the API document names no public host.
   */
  baseUrl: string
  /** Your key (`clk_live_...`), or a function returning one per request. */
  apiKey?: SecretSource
  /** How `apiKey` is sent. Default `bearer`. */
  authHeader?: CanaryAuthHeader
  /**
   * Use a literal `apiKey` in a browser anyway. Off by default: a key in a page can be read by
   * every visitor; prefer a proxy `baseUrl`, or a token function returning short-lived tokens.
   */
  dangerouslyAllowBrowser?: boolean
  /** Any other credentials (replaces `apiKey`), e.g. none behind a proxy that adds them. */
  auth?: AuthStrategy
  /** Extra headers on every request to the API origin. */
  headers?: Record<string, string>
  /** Per-request timeout, in milliseconds. Default 60 s. */
  timeoutMs?: number
  /** Retries of idempotent calls (and of submits the server cannot have started); a 429 waits for its `Retry-After`. */
  retry?: Partial<RetryPolicy>
  /**
   * Media results up to this many bytes (decoded) are kept in memory from the first read of
   * a result; larger files are read again, as a stream, when they are read. Default 8 MiB.
   */
  inlineMediaMaxBytes?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject a manual clock). */
  clock?: Clock
}

/**
 * The CanaryLLM gateway. Generation endpoints are `submit` calls (an `Idempotency-Key`, never
 * re-sent once the server may have queued the job); queue status and result, lists and
 * training status are `read`s, retried on network errors, 5xx and 429 (after `Retry-After`);
 * cancel and delete are idempotent `cancel` calls. Errors: 400/422 → `ValidationError` with
 * the server's details as issues, 429 → `RateLimitError` with `retryAfterMs`, others →
 * `ProviderError` with `status` and the error's `code`; a 2xx with `success: false` → a
 * `ProviderError` too.
 */
export class CanaryClient {
  /** The HTTP client every call goes through (provider `canary`). */
  readonly http: HttpClient
  /** The base URL, without a trailing slash. */
  readonly baseUrl: string
  /** Generation and completion (`/api/llm/*`). */
  readonly llm: LlmApi
  /** The queue every generation goes through (`/api/llm/queue/*`). */
  readonly queue: QueueApi
  /** Detection, training and models (`/api/vision/*`). */
  readonly vision: VisionApi

  constructor(options: CanaryClientOptions) {
    if (typeof options?.baseUrl !== 'string' || options.baseUrl === '') {
      throw new TypeError(
        `${PROVIDER}: baseUrl is required (where your CanaryLLM deployment answers)`,
      )
    }
    const inlineMediaMaxBytes = options.inlineMediaMaxBytes ?? DEFAULT_INLINE_MEDIA_MAX_BYTES
    if (!(inlineMediaMaxBytes >= 0)) {
      throw new TypeError(
        `${PROVIDER}: inlineMediaMaxBytes must be >= 0 (got ${inlineMediaMaxBytes})`,
      )
    }
    if (
      options.timeoutMs !== undefined &&
      !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)
    ) {
      throw new TypeError(
        `${PROVIDER}: timeoutMs must be a positive number of milliseconds (got ${options.timeoutMs})`,
      )
    }
    assertKeyAllowedHere(PROVIDER, options.apiKey, options)
    this.http = new HttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl,
      auth: options.auth ?? authFor(options),
      timeoutMs: options.timeoutMs ?? CANARY_DEFAULT_TIMEOUT_MS,
      describeError: describeCanaryError,
      ...passThroughOptions(options),
    })
    this.baseUrl = this.http.baseUrl
    const transport = new Transport(this.http, inlineMediaMaxBytes)
    this.llm = new LlmApi(transport)
    this.queue = new QueueApi(transport)
    this.vision = new VisionApi(transport)
  }
}

function authFor(options: CanaryClientOptions): AuthStrategy | undefined {
  if (options.apiKey === undefined) return undefined
  const header = options.authHeader ?? 'bearer'
  if (header !== 'bearer' && header !== 'x-api-key') {
    throw new TypeError(
      `${PROVIDER}: authHeader must be 'bearer' or 'x-api-key' (got ${JSON.stringify(header)})`,
    )
  }
  return header === 'bearer' ? bearerAuth(options.apiKey) : headerAuth('X-API-Key', options.apiKey)
}
