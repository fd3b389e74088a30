/**
 * The HTTP client every driver uses: requests go out through ky, retries are decided and
 * paced on p-retry. Drivers only say what a call is (`read`, `submit`, `cancel`, `write`,
 * `download`) and the client decides what is safe:
 *
 * - `read` and `cancel` calls (status, result, list, GET, DELETE) retry freely on network
 *   errors, timeouts, 408/429/5xx, honouring `Retry-After`/`retry-after-ms`.
 * - `submit` calls carry an `Idempotency-Key` (kept across retries) and retry only where the
 *   provider cannot have started paid work: 408, 425, 429 and 503, and a network error that
 *   happened before the request left (connection refused, host not found). A 500, 502, 504, a
 *   timeout, a connection lost after sending or an answer cut short is never retried: the job
 *   may exist. Providers that dedupe submits by key (`dedupesSubmits`) are retried on any
 *   network error, with the same key.
 * - `write` calls (create/update that are not jobs) are not retried.
 * - Credentials go only to the configured API origin; other origins (result URLs, redirects
 *   elsewhere) are fetched without them.
 * - With a request budget in the call's context, every attempt (first and retries) waits for
 *   a turn before it is sent; redirect hops of one attempt share its turn.
 *
 * Every failure is a typed error with the body attached and secrets redacted.
 *
 * How the two libraries are used, and what is built on top of them (docs/concepts.md, "HTTP"):
 * - ky sends each attempt (`retry: 0`, `timeout: false`, `throwHttpErrors: false`): the retry
 *   decision needs the call's kind and whether the server answered, which ky's per-request
 *   retry cannot see. The attempt's deadline is our own signal, because ky's `timeout` stops
 *   at the headers and a body must be covered too. Redirects are followed hop by hop
 *   (`redirect: 'manual'`) so credentials never follow a hop to another origin.
 * - The body (and the signal) are handed to `fetch` beside ky's `Request`, not inside it: ky
 *   clones every request to be able to retry it, and a clone of a streamed upload keeps every
 *   byte sent in memory until the answer comes. A body-less `Request` is cheap to clone.
 * - p-retry runs the attempts. The wait before the next one is taken from the failed answer
 *   (`Retry-After`) or our backoff, and slept in `onFailedAttempt` on the injectable clock,
 *   so p-retry's own delay is 0 and an abort ends the wait at once.
 */

import ky from 'ky'
import pRetry, { AbortError as StopRetrying } from 'p-retry'
import { anySignal, type Clock, raceAbort, systemClock, throwIfAborted } from '../clock'
import {
  AbortError,
  type AtelierError,
  ConnectionError,
  isAtelierError,
  RateLimitError,
  ResponseShapeError,
  TimeoutError,
} from '../errors'
import { type AtelierHooks, callHook, type RequestKind } from '../events'
import { type Downloader, refusingHtmlPages } from '../media-file'
import { redact, redactBody, redactHeaders } from '../redact'
import type { RequestBudget } from '../request-budget'
import { NEVER_CONNECTED_CODES, REFUSED_BEFORE_WORK_STATUS } from '../resubmit'
import type { StandardSchemaV1 } from '../standard-schema'
import { runSchema } from '../validation'
import { type AuthStrategy, noAuth } from './auth'
import { checkBaseUrl } from './base-url'
import { describeConnectionFailure } from './connection-failure'
import { joinUrl } from './path'
import { type DescribeError, errorFromResponse } from './response-errors'
import { retryAfterMs } from './retry-after'

export interface RetryPolicy {
  /** Retries after the first attempt. Default 2. */
  limit: number
  /** First backoff delay. Default 500 ms; doubles each retry, with ±25% jitter. */
  minDelayMs: number
  /** Cap on a computed backoff delay. Default 10 s. */
  maxDelayMs: number
  /** A server asking to wait longer than this is not retried: the error reaches the caller. Default 60 s. */
  maxRetryAfterMs: number
}

export interface HttpClientOptions {
  /** Provider id for errors and hooks, e.g. `canary`. */
  provider: string
  /** The API's base URL; also the only origin credentials are sent to. */
  baseUrl: string
  auth?: AuthStrategy
  /** Extra headers on every API request (not on downloads from other origins). */
  headers?: Record<string, string>
  /** Per-request timeout (ms) for everything but streams. Default 60 s. */
  timeoutMs?: number
  retry?: Partial<RetryPolicy>
  /** Header carrying the idempotency key on submits. Default `Idempotency-Key`. */
  idempotencyHeader?: string
  /**
   * The provider answers a repeated submit with the same key with the first job, so a submit
   * lost on the network may be sent again. Default false: without it, a network error on a
   * submit is retried only when the request provably never left.
   */
  dedupesSubmits?: boolean
  /** Literal secrets to scrub from errors and hook payloads (API keys). Auth header values are added automatically. */
  secrets?: string[]
  /** Provider-specific error body reader. */
  describeError?: DescribeError
  /**
   * What listens at `baseUrl`, for the hint of a refused connection ("is the Silly Media
   * sidecar running at http://localhost:4201?"). Default "the server".
   */
  serverName?: string
  fetch?: typeof fetch
  clock?: Clock
  /** Source of randomness for jitter (tests inject a fixed one). */
  random?: () => number
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path relative to the base URL (build it with `pathOf` when it holds ids), or an absolute URL. */
  path: string
  query?: Record<string, string | number | boolean | undefined | null>
  /** JSON body. */
  json?: unknown
  /** Any other body (FormData, bytes, text). */
  body?: BodyInit
  headers?: Record<string, string>
  /** What the call does; decides retries. Default: `read` for GET, `write` otherwise. */
  kind?: RequestKind
  /** Idempotency key for a submit; generated when omitted. */
  idempotencyKey?: string
  /** Overrides the client's per-request timeout; `false` for streams that may run long. */
  timeoutMs?: number | false
  /** Statuses returned as responses instead of thrown (e.g. 202 "not ready" is 2xx anyway; 404 for "gone"). */
  acceptStatus?: number[]
}

/** What each call gets from its caller: cancellation, hooks and the request budget. */
export interface RequestContext {
  signal?: AbortSignal
  hooks?: AtelierHooks
  /**
   * The shared request budget, when the caller has one: every attempt (the first and each
   * retry) waits for a turn before it is sent, so retries are paced like any other request.
   * The wait is not part of the attempt's timeout; an abort while waiting sends nothing.
   */
  budget?: RequestBudget
  /**
   * The key a `submit` request carries in its idempotency header, chosen by the caller (a
   * queue's job id, the AI SDK's key): sending the same work again with it lets the provider
   * answer with the first job. A fresh key per call when unset; never used by other kinds.
   */
  idempotencyKey?: string
  /**
   * Headers of the caller's own for this call (a trace id, a tenant), sent to the API's
   * origin only, after the client's own headers and never in place of its credentials.
   */
  headers?: Record<string, string>
}

/** The schema an answer is checked against: any Standard Schema (zod and zod/mini schemas are). */
export type ResponseSchema<T> = StandardSchemaV1<unknown, T>

const DEFAULT_RETRY: RetryPolicy = {
  limit: 2,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
}
const RETRYABLE_READ_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])
const MAX_REDIRECTS = 5

export class HttpClient {
  readonly provider: string
  readonly baseUrl: string
  readonly origin: string
  readonly clock: Clock
  readonly #auth: AuthStrategy
  readonly #headers: Record<string, string>
  readonly #timeoutMs: number
  readonly #retry: RetryPolicy
  readonly #idempotencyHeader: string
  readonly #dedupesSubmits: boolean
  readonly #secrets: Set<string>
  readonly #describeError: DescribeError | undefined
  readonly #serverName: string | undefined
  readonly #fetch: typeof fetch
  readonly #random: () => number
  #downloader: Downloader | undefined

  constructor(options: HttpClientOptions) {
    const base = checkBaseUrl(options.provider, options.baseUrl)
    this.provider = options.provider
    this.baseUrl = base.href.replace(/\/+$/, '')
    this.origin = base.origin
    this.clock = options.clock ?? systemClock
    this.#auth = options.auth ?? noAuth
    this.#headers = { ...options.headers }
    this.#timeoutMs = options.timeoutMs ?? 60_000
    this.#retry = { ...DEFAULT_RETRY, ...options.retry }
    this.#idempotencyHeader = options.idempotencyHeader ?? 'Idempotency-Key'
    this.#dedupesSubmits = options.dedupesSubmits ?? false
    this.#secrets = new Set((options.secrets ?? []).filter((secret) => secret.length >= 4))
    this.#describeError = options.describeError
    this.#serverName = options.serverName
    // Bind late so tests that swap globalThis.fetch (msw) are honoured.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.#random = options.random ?? Math.random
  }

  /** Secrets known so far (configured ones plus auth values seen), for redacting text that leaves the SDK. */
  get secrets(): readonly string[] {
    return [...this.#secrets]
  }

  /** Redacts known secrets from any text (for drivers building their own messages). */
  redact(text: string): string {
    return redact(text, this.secrets)
  }

  /** Sends a request; resolves with an OK (or accepted) response, rejects with a typed error. */
  request(options: RequestOptions, context: RequestContext = {}): Promise<Response> {
    return this.#call(options, context, async (response) => response)
  }

  /** A request whose JSON answer is parsed (and checked against `schema` when given). */
  async json<T = unknown>(
    options: RequestOptions & { schema?: ResponseSchema<T> },
    context: RequestContext = {},
  ): Promise<T> {
    // The body is read inside the attempt: the timeout covers it, and a body cut short is
    // retried where the call kind allows (never for a submit the server has answered).
    const { response, text } = await this.#call(options, context, async (answer, signal) => {
      // Raced against the attempt's signal: not every fetch errors a body when its signal fires.
      const reading = responseText(answer, this.provider)
      try {
        return { response: answer, text: await raceAbort(reading, signal) }
      } catch (error) {
        answer.body?.cancel().catch(() => {})
        throw error
      }
    })
    return this.#parseText(response, text, options.schema)
  }

  /**
   * The attempts, run by p-retry. `consume` reads what the caller needs from an OK response
   * while the attempt's timeout still runs; its failures count as failures of the attempt.
   */
  async #call<T>(
    options: RequestOptions,
    context: RequestContext,
    consume: (response: Response, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    const method =
      options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET')
    const kind = options.kind ?? (method === 'GET' ? 'read' : 'write')
    const idempotencyKey =
      kind === 'submit'
        ? (options.idempotencyKey ?? context.idempotencyKey ?? newIdempotencyKey())
        : undefined
    const url = this.#url(options)
    const signal = context.signal
    const timeoutMs =
      options.timeoutMs === false ? undefined : (options.timeoutMs ?? this.#timeoutMs)
    let attempt = 0
    // The wait the last failure asked for, read by `onFailedAttempt` before the next attempt.
    let delay = 0
    const attemptOnce = async (): Promise<T> => {
      attempt++
      throwIfAborted(signal)
      if (context.budget) {
        // Before the attempt's timeout starts: waiting for a turn is not the server being slow.
        // An abort while waiting ends the call (nothing was sent, nothing to retry).
        try {
          await context.budget.acquire(signal)
        } catch (thrown) {
          // An abort while waiting ends as aborts do; any other failure of the budget as it is.
          throw new StopRetrying(
            signal?.aborted ? this.#typedError(thrown, signal, url) : (thrown as Error),
          )
        }
      }
      let error: AtelierError
      // The non-OK answer this attempt failed with (its status and Retry-After decide the retry).
      let refusal: Response | undefined
      // Set once the server has answered: a submit failing after that point may have created the job.
      let answered = false
      const timeout = this.#timeout(url, timeoutMs, signal)
      try {
        const response = await this.#send(
          { ...options, method, kind, url, attempt, idempotencyKey },
          { ...context, signal: timeout.signal },
        )
        answered = true
        if (response.ok || options.acceptStatus?.includes(response.status)) {
          return await consume(response, timeout.signal)
        }
        refusal = response
        error = await errorFromResponse(response, {
          provider: this.provider,
          secrets: this.secrets,
          describeError: this.#describeError,
          request: { method, url, baseUrl: this.baseUrl },
        })
      } catch (thrown) {
        error = this.#typedError(thrown, signal, url)
        // An aborted call ends here, whatever the signal's reason (a job deadline's TimeoutError too).
        if (error instanceof AbortError || signal?.aborted) throw new StopRetrying(error)
        if (!(error instanceof ConnectionError || error instanceof TimeoutError)) {
          throw new StopRetrying(error)
        }
      } finally {
        timeout.clear()
      }
      const next = this.#retryDelay(kind, error, refusal, attempt, answered)
      // p-retry rethrows a StopRetrying's error as it is: the caller sees the typed error.
      if (next === undefined) throw new StopRetrying(error)
      delay = next
      throw error
    }
    return pRetry(attemptOnce, {
      // `#retryDelay` applies the limit first; this only keeps p-retry from stopping sooner.
      retries: this.#retry.limit,
      minTimeout: 0,
      randomize: false,
      onFailedAttempt: async ({ error }) => {
        callHook(context.hooks, 'onRetry', {
          provider: this.provider,
          method,
          url: this.redact(url),
          kind,
          attempt: attempt + 1,
          delayMs: delay,
          error: error as AtelierError,
        })
        await this.clock.sleep(delay, signal)
      },
    })
  }

  /** The attempt's signal: the caller's, plus a timer that aborts it with a TimeoutError. */
  #timeout(
    url: string,
    timeoutMs: number | undefined,
    signal: AbortSignal | undefined,
  ): { signal: AbortSignal | undefined; clear(): void } {
    if (timeoutMs === undefined) return { signal, clear() {} }
    const controller = new AbortController()
    // The injected clock's deadline when it keeps one (a test's clock that drives timeouts),
    // else real time: a clock whose sleeps end at once must not end every request at once.
    const timer = new AbortController()
    const deadline = this.clock.deadline
      ? this.clock.deadline(timeoutMs, timer.signal)
      : systemClock.sleep(timeoutMs, timer.signal)
    deadline.then(
      () =>
        controller.abort(
          new TimeoutError(
            `${this.provider}: no answer within the request timeout of ${timeoutMs} ms (${this.redact(url)})`,
            { provider: this.provider },
          ),
        ),
      () => {
        // Cleared: the attempt ended first.
      },
    )
    return {
      signal: anySignal([signal, controller.signal]),
      clear: () => timer.abort(),
    }
  }

  /** Parses a response body as JSON and checks it; a typed ResponseShapeError when it is not what was promised. */
  async parseJson<T>(response: Response, schema?: ResponseSchema<T>): Promise<T> {
    return this.#parseText(response, await responseText(response, this.provider), schema)
  }

  #parseText<T>(response: Response, text: string, schema?: ResponseSchema<T>): T {
    const empty = text.trim() === ''
    // Any JSON value is an answer (`true`, `42`, `"done"`, `null`); an empty body is one only when a schema allows it.
    let value: unknown
    let parsed = !empty
    if (!empty) {
      try {
        value = JSON.parse(text)
      } catch {
        parsed = false
      }
    }
    if (!parsed && !(schema && empty)) {
      throw new ResponseShapeError(`${this.provider} answered with a body that is not JSON`, {
        provider: this.provider,
        status: response.status,
        body: redactBody(text, this.secrets),
      })
    }
    if (!schema) return value as T
    const result = runSchema(schema, value)
    if (!result.issues) return result.value
    const issues = result.issues.map((issue) => ({
      path: (issue.path ?? []).map((segment) => {
        const part = typeof segment === 'object' ? segment.key : segment
        return typeof part === 'number' ? part : String(part)
      }),
      message: issue.message,
      rule: issue.code ?? 'invalid',
    }))
    throw new ResponseShapeError(
      `${this.provider} answered with an unexpected shape: ${issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
        .join('; ')}`,
      {
        provider: this.provider,
        status: response.status,
        body: redactBody(text, this.secrets),
        issues,
      },
    )
  }

  /**
   * A `Downloader` for MediaFiles: credentials only for this API's origin, redirects
   * followed by hand so a hop to another origin drops them, GET retries on transient faults,
   * and an HTML page where a file was expected refused with the page quoted, secrets redacted.
   */
  downloader(): Downloader {
    // One per client: every result file of every job holds it.
    // The timeout bounds the wait for the answer's headers only, never the streamed body.
    this.#downloader ??= refusingHtmlPages(
      (url, { signal }) => this.request({ path: url, kind: 'download' }, { signal }),
      { provider: this.provider, secrets: () => this.secrets },
    )
    return this.#downloader
  }

  async #send(
    call: RequestOptions & {
      method: string
      kind: RequestKind
      url: string
      attempt: number
      idempotencyKey?: string
    },
    context: RequestContext,
  ): Promise<Response> {
    let url = call.url
    for (let hop = 0; ; hop++) {
      const sameOrigin = new URL(url).origin === this.origin
      // Names lower-cased before merging, so a call's header replaces the client's instead of both being sent.
      // The caller's headers for this call come after the client's and before the
      // credentials, which they never replace.
      const headers = mergeHeaders(
        sameOrigin
          ? [this.#headers, context.headers, await this.#authHeaders(), call.headers]
          : [call.headers],
      )
      if (call.idempotencyKey && sameOrigin)
        headers[this.#idempotencyHeader.toLowerCase()] = call.idempotencyKey
      // Events are built (and redacted) only for hooks that want them.
      if (context.hooks?.onRequest) {
        callHook(context.hooks, 'onRequest', {
          ...this.#eventOf(call, url),
          headers: redactHeaders(headers, this.secrets),
          ...(call.idempotencyKey ? { idempotencyKey: call.idempotencyKey } : {}),
        })
      }
      const started = this.clock.now()
      // Only the first hop carries the body; redirects of a POST become GETs as fetch does.
      let body: BodyInit | undefined
      if (hop === 0 && call.json !== undefined) {
        body = JSON.stringify(call.json)
        headers['content-type'] ??= 'application/json'
      } else if (hop === 0) {
        body = call.body
      }
      const response = await this.#ky(url, {
        method: hop === 0 ? call.method : 'GET',
        headers,
        body,
        signal: context.signal,
        redirect: 'manual',
      })
      if (context.hooks?.onResponse) {
        callHook(context.hooks, 'onResponse', {
          ...this.#eventOf(call, url),
          status: response.status,
          durationMs: this.clock.now() - started,
          ...(response.headers.get('x-request-id')
            ? { requestId: response.headers.get('x-request-id')! }
            : {}),
        })
      }
      const location = response.headers.get('location')
      if (response.type === 'opaqueredirect') {
        // Browsers hide manual redirects; let the browser follow (it drops Authorization across origins).
        return this.#ky(url, {
          method: 'GET',
          headers: sameOrigin ? headers : {},
          signal: context.signal,
          redirect: 'follow',
        })
      }
      if (response.status < 300 || response.status >= 400 || !location || hop >= MAX_REDIRECTS) {
        return response
      }
      await response.body?.cancel().catch(() => {})
      url = new URL(location, url).href
    }
  }

  /**
   * One request through ky. ky builds the `Request` (method, headers, URL, redirect mode) and
   * hands it to `fetch`; the body and the signal go to `fetch` beside it (see the top of this
   * file), and `fetch` gets a plain `(url, init)` call, as an injected `fetch` expects.
   */
  #ky(
    url: string,
    init: {
      method: string
      headers: Record<string, string>
      body?: BodyInit | undefined
      signal: AbortSignal | undefined
      redirect: RequestRedirect
    },
  ): Promise<Response> {
    const { body, signal } = init
    return ky(url, {
      method: init.method,
      headers: init.headers,
      redirect: init.redirect,
      // The signal, like the body, goes to fetch directly: with its retry and timeout off, ky
      // would only combine it with a controller of its own for every request (~1.5 KB each).
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      // ky always passes the Request it built; the type also allows a URL.
      fetch: (input) => {
        const request = input instanceof Request ? input : new Request(input)
        return this.#fetch(request.url, {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          ...(body !== undefined ? { body } : {}),
          signal: signal ?? null,
          redirect: init.redirect,
        })
      },
    })
  }

  /** What the `onRequest` and `onResponse` events of one request share, the URL redacted. */
  #eventOf(call: { method: string; kind: RequestKind; attempt: number }, url: string) {
    return {
      provider: this.provider,
      method: call.method,
      url: this.redact(url),
      kind: call.kind,
      attempt: call.attempt,
    }
  }

  async #authHeaders(): Promise<Record<string, string>> {
    const headers = await this.#auth.headers()
    for (const value of Object.values(headers)) {
      // Remember the raw secret (and a bearer token's bare value) for redaction.
      this.#secrets.add(value)
      const bare = /^(?:bearer|basic|token)\s+(.+)$/i.exec(value)?.[1]
      if (bare && bare.length >= 4) this.#secrets.add(bare)
    }
    return headers
  }

  #url(options: RequestOptions): string {
    const url = new URL(joinUrl(this.baseUrl, options.path))
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value))
    }
    return url.href
  }

  #typedError(thrown: unknown, signal: AbortSignal | undefined, url: string): AtelierError {
    if (signal?.aborted) {
      try {
        throwIfAborted(signal)
      } catch (abort) {
        return abort as AtelierError
      }
    }
    if (isAtelierError(thrown)) return thrown
    const name = (thrown as { name?: unknown })?.name
    if (name === 'TimeoutError') {
      return new TimeoutError(
        `${this.provider}: no answer within the request timeout (${this.redact(url)})`,
        {
          provider: this.provider,
          cause: thrown,
        },
      )
    }
    if (name === 'AbortError') return new AbortError('The request was aborted', { cause: thrown })
    const onApi = new URL(url).origin === this.origin
    const failure = describeConnectionFailure(thrown, {
      url,
      baseUrl: onApi ? this.baseUrl : undefined,
      serverName: this.#serverName,
    })
    const hint = failure.hint ? ` ${failure.hint}` : ''
    return new ConnectionError(
      this.redact(`${this.provider}: could not reach ${url}: ${failure.reason}.${hint}`),
      {
        provider: this.provider,
        cause: thrown,
        ...(failure.code ? { networkCode: failure.code } : {}),
      },
    )
  }

  /**
   * Milliseconds before the next attempt, or undefined when this failure must not be retried.
   * `answered`: the server sent a status line, so for a submit the job may already exist.
   */
  #retryDelay(
    kind: RequestKind,
    error: AtelierError,
    response: Response | undefined,
    attempt: number,
    answered: boolean,
  ): number | undefined {
    if (attempt > this.#retry.limit) return undefined
    const status = response?.status
    const transport = error instanceof ConnectionError || error instanceof TimeoutError
    const retryable =
      kind === 'write'
        ? false
        : kind === 'submit'
          ? status !== undefined
            ? REFUSED_BEFORE_WORK_STATUS.has(status)
            : // No answer: safe to send again only if the request never left, or if the
              // provider dedupes by key. A timeout or a body cut short may hide a created job.
              error instanceof ConnectionError &&
              !answered &&
              (this.#dedupesSubmits || neverSent(error))
          : status !== undefined
            ? RETRYABLE_READ_STATUS.has(status)
            : transport
    if (!retryable) return undefined
    const asked = response ? retryAfterMs(response.headers) : undefined
    if (asked !== undefined) return asked <= this.#retry.maxRetryAfterMs ? asked : undefined
    if (error instanceof RateLimitError && error.retryAfterMs !== undefined)
      return error.retryAfterMs
    const backoff = Math.min(this.#retry.maxDelayMs, this.#retry.minDelayMs * 2 ** (attempt - 1))
    return Math.round(backoff * (0.75 + this.#random() * 0.5))
  }
}

/** What a driver's client takes from its caller and hands its HttpClient as given. */
export interface PassThroughOptions {
  /** A literal key is also registered as a secret to redact (a token function's values are, once used). */
  apiKey?: string | (() => string | Promise<string>)
  headers?: Record<string, string>
  retry?: Partial<RetryPolicy>
  fetch?: typeof fetch
  clock?: Clock
}

/** The HttpClient options for what the caller set of `options`, leaving the rest to defaults. */
export function passThroughOptions(options: PassThroughOptions): Partial<HttpClientOptions> {
  return {
    ...(typeof options.apiKey === 'string' ? { secrets: [options.apiKey] } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  }
}

/**
 * Whether a runtime code anywhere in the cause chain says the connection was never made.
 * Runtimes that give no code (browsers) are treated as "may have been sent".
 */
function neverSent(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NEVER_CONNECTED_CODES.has(code)) return true
    const errors = (current as { errors?: unknown }).errors
    // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
    if (Array.isArray(errors) && errors.length > 0 && errors.every((item) => neverSent(item)))
      return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function mergeHeaders(records: (Record<string, string> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const record of records) {
    for (const [name, value] of Object.entries(record ?? {})) out[name.toLowerCase()] = value
  }
  return out
}

/** A fresh idempotency key (UUID v4 where the runtime has one). */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID()
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** Reads a response as text (bounded errors aside), mapping a cut-off body to a ConnectionError. */
export async function responseText(response: Response, provider: string): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    // The attempt's timeout (or an abort) ended the read: that is the reason, not the cut.
    if (isAtelierError(error)) throw error
    if ((error as { name?: unknown })?.name === 'AbortError') {
      throw new AbortError('The operation was aborted', { cause: error })
    }
    throw new ConnectionError(`${provider}: the response body was cut short`, {
      provider,
      cause: error,
    })
  }
}
