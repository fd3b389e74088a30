/**
 * How a client or driver reaches the sidecar: its options, their defaults, and the `Transport`
 * (one `HttpClient` plus the generation timeout) built from them.
 */
import type { AuthStrategy, Clock, OptionNames, RetryPolicy } from '@atelier/core'
import { HttpClient, passThroughOptions } from '@atelier/core/driver'
import { PROVIDER, Transport } from './transport'

/** Where the sidecar listens unless told otherwise. */
export const SILLY_MEDIA_DEFAULT_BASE_URL = 'http://localhost:4201'
/** Default timeout of quick calls (health, lists, status, job starts), in milliseconds. */
export const SILLY_MEDIA_DEFAULT_TIMEOUT_MS = 30_000
/** Default timeout of synchronous generation calls, in milliseconds: a GPU may first swap models. */
export const SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS = 15 * 60_000

/** How to reach the sidecar: the options of `createTransport`, `SillyMediaClient` and the `local` driver. */
export interface SillyMediaClientOptions {
  /** Default 'http://localhost:4201'. */
  baseUrl?: string
  /** A proxy in front of the sidecar may need credentials; the sidecar itself has none. */
  auth?: AuthStrategy
  /** Extra headers on every request to the sidecar's origin. */
  headers?: Record<string, string>
  /** Per-request timeout for quick calls (health, lists, status). Default 30 s. */
  timeoutMs?: number
  /** Timeout for synchronous generation calls (image, pixel art, img2img, TTS, vision, LLM). Default 15 min: a GPU may first swap models. */
  generationTimeoutMs?: number
  /** Retry policy of idempotent calls (and of submits the server cannot have started). */
  retry?: Partial<RetryPolicy>
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject a manual clock). */
  clock?: Clock
}

/** Every name `SillyMediaClientOptions` takes (checked by the client and the driver). */
export const SILLY_MEDIA_CLIENT_OPTION_NAMES = {
  baseUrl: true,
  auth: true,
  headers: true,
  timeoutMs: true,
  generationTimeoutMs: true,
  retry: true,
  fetch: true,
  clock: true,
} as const satisfies OptionNames<SillyMediaClientOptions>

/**
 * A transport to the sidecar built from `options`: what the endpoint functions take first, and
 * what `SillyMediaClient` and the `local` driver build when not given one. Throws a `TypeError`
 * for a timeout that is not a positive number or a `baseUrl` that is not an absolute URL.
 */
export function createTransport(options: SillyMediaClientOptions = {}): Transport {
  const generationTimeoutMs =
    options.generationTimeoutMs ?? SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS
  checkTimeout('timeoutMs', options.timeoutMs)
  checkTimeout('generationTimeoutMs', generationTimeoutMs)
  const http = new HttpClient({
    provider: PROVIDER,
    baseUrl: options.baseUrl ?? SILLY_MEDIA_DEFAULT_BASE_URL,
    timeoutMs: options.timeoutMs ?? SILLY_MEDIA_DEFAULT_TIMEOUT_MS,
    // Named in the hint of a refused connection: the usual first error is a sidecar not started.
    serverName: 'the Silly Media sidecar',
    ...(options.auth ? { auth: options.auth } : {}),
    ...passThroughOptions(options),
  })
  return new Transport(http, generationTimeoutMs)
}

function checkTimeout(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new TypeError(
      `${PROVIDER}: ${name} must be a positive number of milliseconds (got ${value})`,
    )
  }
}
