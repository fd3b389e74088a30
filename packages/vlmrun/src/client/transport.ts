/**
 * The connection every VLM Run call goes through: one `HttpClient` (base URL, auth, retries,
 * timeouts, secrets to redact) and the longer timeout of a synchronous `POST /v1/image/generate`.
 *
 * The endpoint functions (`generateImagePrediction`, `getPrediction`, ...) take a transport
 * first, so a program bundles only the endpoints it calls. The driver holds one
 * (`driver.transport`), `VlmRunClient` wraps one, and `createVlmRunTransport(options)` builds one
 * from the same options as the client; a transport shared between them shares their HTTP
 * client, so direct calls use the driver's key, retries and fetch.
 */
import {
  type AuthStrategy,
  bearerAuth,
  type Clock,
  type OptionNames,
  type RetryPolicy,
  type SecretSource,
} from '@atelier/core'
import { assertKeyAllowedHere, HttpClient, passThroughOptions } from '@atelier/core/driver'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'vlmrun'

export const VLMRUN_DEFAULT_BASE_URL = 'https://api.vlm.run'
/** Default timeout of quick calls (predictions, batch submits), in milliseconds. */
export const VLMRUN_DEFAULT_TIMEOUT_MS = 60_000
/** Default timeout of a synchronous `image.generate`, which answers when the model is done. */
export const VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS = 5 * 60_000

/** How to reach VLM Run: the options of `createVlmRunTransport`, `VlmRunClient` and `vlmrun()`. */
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
 * What each endpoint function takes first. Plain data, so it can be handed from the driver to
 * a client (`new VlmRunClient(driver.transport)`) or to the functions themselves.
 */
export interface VlmRunTransport {
  /** The HTTP client every call goes through (provider `vlmrun`). */
  readonly http: HttpClient
  /** Timeout of a synchronous (non-batch) `POST /v1/image/generate`, in milliseconds. */
  readonly predictionTimeoutMs: number
}

/** Every name `VlmRunClientOptions` takes (checked by the client and the driver). */
export const VLMRUN_CLIENT_OPTION_NAMES = {
  apiKey: true,
  dangerouslyAllowBrowser: true,
  auth: true,
  baseUrl: true,
  headers: true,
  timeoutMs: true,
  predictionTimeoutMs: true,
  retry: true,
  fetch: true,
  clock: true,
} as const satisfies OptionNames<VlmRunClientOptions>

/**
 * A transport from client options: checks the timeouts, refuses a literal key in a browser
 * (unless `dangerouslyAllowBrowser`), and builds the HTTP client with bearer auth. Call kinds
 * decide retries: `image.generate` is a `submit` (carries an `Idempotency-Key`, never re-sent
 * once the server may have started), prediction reads are `read`s. FastAPI errors become typed
 * errors with the server's `detail`.
 */
export function createVlmRunTransport(options: VlmRunClientOptions = {}): VlmRunTransport {
  for (const name of ['timeoutMs', 'predictionTimeoutMs'] as const) {
    const value = options[name]
    if (value !== undefined && !(value > 0))
      throw new TypeError(`${PROVIDER}: ${name} must be a positive number of milliseconds`)
  }
  assertKeyAllowedHere(PROVIDER, options.apiKey, options)
  const auth =
    options.auth ?? (options.apiKey !== undefined ? bearerAuth(options.apiKey) : undefined)
  const http = new HttpClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? VLMRUN_DEFAULT_BASE_URL,
    timeoutMs: options.timeoutMs ?? VLMRUN_DEFAULT_TIMEOUT_MS,
    ...(auth ? { auth } : {}),
    ...passThroughOptions(options),
  })
  return {
    http,
    predictionTimeoutMs: options.predictionTimeoutMs ?? VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS,
  }
}
