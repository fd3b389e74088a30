/**
 * The `HttpClient` of a Vision Studio client or driver: the API key in `X-API-Key` (only to
 * the configured origin), the request and generation timeouts, retries.
 */
import {
  type AuthStrategy,
  type Clock,
  headerAuth,
  type OptionNames,
  type RetryPolicy,
  type SecretSource,
} from '@atelier/core'
import { assertKeyAllowedHere, HttpClient, passThroughOptions } from '@atelier/core/driver'
import { PROVIDER, Transport } from './transport'

/** Default timeout of quick calls (status, prompt tools, LoRA management), in milliseconds. */
export const VISION_STUDIO_DEFAULT_TIMEOUT_MS = 60_000
/**
 * Default timeout of synchronous generation calls (an image or a Veo video answered in the
 * response): 10 minutes. A literal, not `10 * 60_000`: a bundler keeps an unused arithmetic
 * initializer in some bundles, a literal it always drops.
 */
export const VISION_STUDIO_DEFAULT_GENERATION_TIMEOUT_MS = 600_000

export interface VisionStudioClientOptions {
  /** The API's base URL, e.g. `https://vision-studio.example.com` (the document names none). */
  baseUrl: string
  /** Sent as `X-API-Key`. A function is called per request (e.g. to read a rotated key). */
  apiKey?: SecretSource
  /**
   * Use a literal `apiKey` in a browser anyway. Off by default: a key in a page can be read by
   * every visitor; prefer a proxy `baseUrl`, or a function returning a short-lived token.
   */
  dangerouslyAllowBrowser?: boolean
  /** Instead of `apiKey`: any auth strategy (a proxy that adds the key needs none). */
  auth?: AuthStrategy
  /** Extra headers on every request to the API's origin. */
  headers?: Record<string, string>
  /** Per-request timeout of quick calls. Default 60 s. */
  timeoutMs?: number
  /** Timeout of synchronous generation calls. Default 10 min. */
  generationTimeoutMs?: number
  /** Retries of reads, cancels, and of submits the server cannot have started. */
  retry?: Partial<RetryPolicy>
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject one). */
  clock?: Clock
}

/** Every name `VisionStudioClientOptions` takes (checked by the client and the driver). */
export const VISION_STUDIO_CLIENT_OPTION_NAMES = {
  baseUrl: true,
  apiKey: true,
  dangerouslyAllowBrowser: true,
  auth: true,
  headers: true,
  timeoutMs: true,
  generationTimeoutMs: true,
  retry: true,
  fetch: true,
  clock: true,
} as const satisfies OptionNames<VisionStudioClientOptions>

/** The transport (and its HttpClient) a client or driver calls through. */
export function createTransport(options: VisionStudioClientOptions): Transport {
  for (const [name, value] of [
    ['timeoutMs', options.timeoutMs],
    ['generationTimeoutMs', options.generationTimeoutMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new TypeError(`${PROVIDER}: ${name} must be a positive number of milliseconds`)
    }
  }
  if (options.apiKey !== undefined && options.auth !== undefined) {
    throw new TypeError(`${PROVIDER}: give apiKey or auth, not both`)
  }
  assertKeyAllowedHere(PROVIDER, options.apiKey, options)
  const auth =
    options.auth ??
    (options.apiKey !== undefined ? headerAuth('X-API-Key', options.apiKey) : undefined)
  const shared = {
    provider: PROVIDER,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? VISION_STUDIO_DEFAULT_TIMEOUT_MS,
    ...passThroughOptions(options),
  }
  const http = new HttpClient({ ...shared, ...(auth ? { auth } : {}) })
  return new Transport(http, {
    generationTimeoutMs: options.generationTimeoutMs ?? VISION_STUDIO_DEFAULT_GENERATION_TIMEOUT_MS,
    // The document lists `GET /health` without the API key: it gets none.
    ...(auth ? { anonymous: new HttpClient(shared) } : {}),
  })
}
