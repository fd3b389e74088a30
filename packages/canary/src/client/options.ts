/**
 * Options of a connection to a CanaryLLM deployment. `new CanaryTransport(options)`,
 * `new CanaryClient(options)` and the driver (`canary(options)`) all take them.
 */
import type { AuthStrategy, Clock, OptionNames, RetryPolicy, SecretSource } from '@atelier/core'

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

/** Every name `CanaryClientOptions` takes (checked by the client and the driver). */
export const CANARY_CLIENT_OPTION_NAMES = {
  baseUrl: true,
  apiKey: true,
  authHeader: true,
  dangerouslyAllowBrowser: true,
  auth: true,
  headers: true,
  timeoutMs: true,
  retry: true,
  inlineMediaMaxBytes: true,
  fetch: true,
  clock: true,
} as const satisfies OptionNames<CanaryClientOptions>
