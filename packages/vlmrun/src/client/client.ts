/**
 * `VlmRunClient`: a typed client for VLM Run's image API — `POST /v1/image/generate` and the
 * predictions it creates (`GET /v1/predictions/{id}`, `GET /v1/predictions`). Requests are
 * validated before they are sent; answers are checked with unknown fields kept; a completed
 * prediction's `response` can be parsed and typed with your own schema.
 *
 * ```ts
 * const vlm = new VlmRunClient({ apiKey: process.env.VLMRUN_API_KEY })
 * const Invoice = z.object({ invoice_number: z.string(), total: z.number() })
 * const prediction = await vlm.image.generate(
 *   { images: [url], domain: 'document.invoice', config: { json_schema: toJsonSchema(Invoice) } },
 *   {},
 *   { schema: Invoice },
 * )
 * prediction.response?.total // number
 * ```
 */
import {
  type AuthStrategy,
  bearerAuth,
  type Clock,
  type RetryPolicy,
  type SecretSource,
} from '@atelier/core'
import { assertKeyAllowedHere, HttpClient, passThroughOptions } from '@atelier/core/driver'
import { ImageApi } from './image'
import { PredictionsApi } from './predictions'
import { PROVIDER } from './transport'

export const VLMRUN_DEFAULT_BASE_URL = 'https://api.vlm.run'
/** Default timeout of quick calls (predictions, batch submits), in milliseconds. */
export const VLMRUN_DEFAULT_TIMEOUT_MS = 60_000
/** Default timeout of a synchronous `image.generate`, which answers when the model is done. */
export const VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS = 5 * 60_000

export interface VlmRunClientOptions {
  /** Sent as `Authorization: Bearer <key>`, only to `baseUrl`'s origin. Or a function returning it. */
  apiKey?: SecretSource
  /**
   * Use a literal `apiKey` in a browser anyway. Off by default: a key in a page can be read by
   * every visitor; prefer a proxy `baseUrl`, or a token function returning short-lived tokens.
   */
  dangerouslyAllowBrowser?: boolean
  /** Instead of `apiKey`: any auth strategy. */
  auth?: AuthStrategy
  /** Default `https://api.vlm.run` (paths start with `/v1`). */
  baseUrl?: string
  headers?: Record<string, string>
  /** Timeout of quick calls. Default 60 s. */
  timeoutMs?: number
  /** Timeout of a synchronous (non-batch) `image.generate`. Default 5 min. */
  predictionTimeoutMs?: number
  retry?: Partial<RetryPolicy>
  fetch?: typeof fetch
  clock?: Clock
}

/**
 * VLM Run (`https://api.vlm.run`). Call kinds decide retries: `image.generate` is a `submit`
 * (carries an `Idempotency-Key`, never re-sent once the server may have started), prediction
 * reads are `read`s. FastAPI errors become typed errors with the server's `detail`.
 */
export class VlmRunClient {
  /** The HTTP client every call goes through (provider `vlmrun`). */
  readonly http: HttpClient
  readonly baseUrl: string
  /** `POST /v1/image/generate`. */
  readonly image: ImageApi
  /** `GET /v1/predictions/{id}`, `GET /v1/predictions`. */
  readonly predictions: PredictionsApi

  constructor(options: VlmRunClientOptions = {}) {
    for (const name of ['timeoutMs', 'predictionTimeoutMs'] as const) {
      const value = options[name]
      if (value !== undefined && !(value > 0))
        throw new TypeError(`${PROVIDER}: ${name} must be a positive number of milliseconds`)
    }
    assertKeyAllowedHere(PROVIDER, options.apiKey, options)
    const auth =
      options.auth ?? (options.apiKey !== undefined ? bearerAuth(options.apiKey) : undefined)
    this.http = new HttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl ?? VLMRUN_DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs ?? VLMRUN_DEFAULT_TIMEOUT_MS,
      ...(auth ? { auth } : {}),
      ...passThroughOptions(options),
    })
    this.baseUrl = this.http.baseUrl
    this.image = new ImageApi(
      this.http,
      options.predictionTimeoutMs ?? VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS,
    )
    this.predictions = new PredictionsApi(this.http)
  }
}
