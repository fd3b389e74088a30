/**
 * The VLM Run emulator: a fetch-style handler for `POST /v1/image/generate`,
 * `GET /v1/predictions/{id}` and `GET /v1/predictions`. Requests are checked with the rules of
 * the API document (`./requests`, FastAPI-style 422 `detail` lists) and images must decode to a
 * PNG, JPEG, GIF or WebP (URLs are accepted without being fetched).
 *
 * Without `batch` the answer (201) waits `syncMs` and is the completed prediction; with
 * `batch: true` it is `enqueued` at once and moves `enqueued` → `pending` → `running`
 * (→ `paused` → `running` when `pausedMs` is set) → `completed` or `failed`. A `callback_url`
 * is called with the final prediction as JSON — with no signature, since the document defines
 * none. Answers follow the request's `config.json_schema`, else a fixed answer per domain.
 *
 * Deviations from the real service: no model looks at the images; a failed prediction carries
 * its reason in an `error` field (the document does not say where). Web-standard APIs only.
 */

import { type FailRule, FailRules } from '../fail-rules'
import { sniffMediaType } from '../media'
import { seededRandom } from '../media/random'
import type { FetchHandler } from '../server'
import { parseRequest } from '../sidecar/fastapi'
import { orderedError, type ValidationDetail, ValidationFailure } from '../sidecar/responses'
import { Router } from '../sidecar/router'
import { answerFor } from './answers'
import { imageGenerateRequest, predictionListQuery } from './requests'

/** Header on every emulator answer. */
export const VLMRUN_EMULATOR_HEADER = 'x-atelier-emulator'
/** Reason of predictions failed by `failJobs`. */
export const VLMRUN_INJECTED_FAILURE = 'Emulated prediction failure'

export interface VlmRunEmulatorOptions {
  /** The one API key accepted (`Authorization: Bearer <key>`). Default: any non-empty bearer key. */
  apiKey?: string
  /** Multiplies the typical durations. Default 0.02. */
  timeScale?: number
  /** How long a synchronous request takes. Default 4 s × timeScale. */
  syncMs?: number
  /** Batch: time `enqueued`. Default 1 s × timeScale. */
  enqueuedMs?: number
  /** Batch: time `pending`. Default 1 s × timeScale. */
  pendingMs?: number
  /** Batch: time `running`. Default 6 s × timeScale. */
  runningMs?: number
  /** Batch: a `paused` spell halfway through running. Default 0 (none). */
  pausedMs?: number
  /** Make predictions fail: `true`, a share in 0-1 (seeded), or `false` (default). */
  failJobs?: boolean | number
  seed?: number
  /** Delivers callbacks. Default the global `fetch`. */
  callbackFetch?: typeof fetch
  /**
   * `timed` (default): a batch prediction moves on with the clock. `per-read`: it moves one
   * status on each `GET /v1/predictions/{id}` (`enqueued` → `pending` → `running`
   * [→ `paused` → `running` when `pausedMs` > 0] → `completed`), for tests that must see
   * every status whatever the machine's speed.
   */
  lifecycle?: 'timed' | 'per-read'
}

/** One emulated prediction. */
export interface EmulatedPrediction {
  id: string
  domain: string
  batch: boolean
  images: number
  response: unknown
  createdAt: number
  /** Phase boundaries (ms after creation) for batch predictions. */
  plan: { enqueued: number; pending: number; running: number; paused: number }
  fails: boolean
  /** Status reads so far (drives the `per-read` lifecycle). */
  reads: number
  callbackUrl: string | null
  /** The request body as sent (it passed validation), without the defaults filled in. */
  request: Record<string, unknown>
}

export interface VlmRunRequestRecord {
  method: string
  path: string
  search: string
  authorization: string | null
  status?: number
  at: number
}

export interface VlmRunCallbackRecord {
  url: string
  predictionId: string
  /** The body sent. */
  body: string
  headers: Record<string, string>
  /** HTTP status of the receiver, or `error` when it could not be reached. */
  status?: number
  error?: string
}

export interface VlmRunState {
  predictions: Map<string, EmulatedPrediction>
  requests: VlmRunRequestRecord[]
  callbacks: VlmRunCallbackRecord[]
}

export interface VlmRunFailNextOptions extends FailRule {
  detail?: string
}

export interface VlmRunEmulator {
  handler: FetchHandler
  readonly state: VlmRunState
  failNext(count?: number, options?: VlmRunFailNextOptions): void
  failJobs: boolean | number
  /** Resolves when every callback scheduled so far has been delivered (or failed). */
  callbacksSettled(): Promise<void>
  /** Forgets predictions, logs and rules; cancels pending callbacks. */
  reset(): void
  readonly routes: readonly { method: string; pattern: string }[]
}

const TYPICAL = { sync: 4_000, enqueued: 1_000, pending: 1_000, running: 6_000 }

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', [VLMRUN_EMULATOR_HEADER]: 'vlmrun', ...headers },
  })
}

const detail = (status: number, message: string, headers: Record<string, string> = {}) =>
  json({ detail: message }, status, headers)

function decodeBase64(text: string): Uint8Array | undefined {
  try {
    const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/')
    const binary = atob(clean.padEnd(clean.length + ((4 - (clean.length % 4)) % 4), '='))
    return Uint8Array.from(binary, (char) => char.charCodeAt(0))
  } catch {
    return undefined
  }
}

function isImage(bytes: Uint8Array): boolean {
  const sniffed = sniffMediaType(bytes)
  if (sniffed === 'image/png' || sniffed === 'image/jpeg') return true
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))
  return ascii(0, 4) === 'GIF8' || (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP')
}

/** Checks each entry of `images`: URLs pass, base64 must decode to an image. */
function imageDetails(images: string[]): ValidationDetail[] {
  const details: ValidationDetail[] = []
  images.forEach((image, index) => {
    if (/^https?:\/\//i.test(image)) return
    const base64 = image.startsWith('data:') ? image.slice(image.indexOf(',') + 1) : image
    const bytes = decodeBase64(base64)
    if (!bytes || !isImage(bytes)) {
      details.push({
        loc: ['body', 'images', index],
        msg: 'Invalid image: expected a URL or base64 PNG, JPEG, GIF or WebP data',
        type: 'value_error',
      })
    }
  })
  return details
}

export function createVlmRunEmulator(options: VlmRunEmulatorOptions = {}): VlmRunEmulator {
  const state: VlmRunState = { predictions: new Map(), requests: [], callbacks: [] }
  const scale = options.timeScale ?? 0.02
  const timing = {
    sync: options.syncMs ?? TYPICAL.sync * scale,
    enqueued: options.enqueuedMs ?? TYPICAL.enqueued * scale,
    pending: options.pendingMs ?? TYPICAL.pending * scale,
    running: options.runningMs ?? TYPICAL.running * scale,
    paused: options.pausedMs ?? 0,
  }
  let random = seededRandom(options.seed ?? 1)
  let failJobs: boolean | number = options.failJobs ?? false
  const failRules = new FailRules<VlmRunFailNextOptions>()
  let lifetime = new AbortController()
  let deliveries: Promise<void>[] = []
  let counter = 0

  const sleep = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('reset'))
      const timer = setTimeout(resolve, Math.max(0, ms))
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer)
          reject(new Error('reset'))
        },
        { once: true },
      )
    })

  const total = (prediction: EmulatedPrediction) => {
    const plan = prediction.plan
    return plan.enqueued + plan.pending + plan.running + plan.paused
  }

  const perRead = options.lifecycle === 'per-read'

  /** The `per-read` sequence of a batch prediction. */
  const sequence = (prediction: EmulatedPrediction): string[] => [
    'enqueued',
    'pending',
    'running',
    ...(prediction.plan.paused > 0 ? ['paused', 'running'] : []),
    prediction.fails ? 'failed' : 'completed',
  ]

  const statusOf = (prediction: EmulatedPrediction, now: number): string => {
    if (perRead && prediction.batch) {
      const steps = sequence(prediction)
      return steps[Math.min(prediction.reads, steps.length - 1)]!
    }
    const elapsed = now - prediction.createdAt
    if (elapsed >= total(prediction)) return prediction.fails ? 'failed' : 'completed'
    if (!prediction.batch) return 'running'
    const { enqueued, pending, running, paused } = prediction.plan
    if (elapsed < enqueued) return 'enqueued'
    if (elapsed < enqueued + pending) return 'pending'
    const intoRun = elapsed - enqueued - pending
    if (paused > 0 && intoRun >= running / 2 && intoRun < running / 2 + paused) return 'paused'
    return 'running'
  }

  const body = (prediction: EmulatedPrediction, now = Date.now()) => {
    const status = statusOf(prediction, now)
    const done = status === 'completed' || status === 'failed'
    return {
      id: prediction.id,
      created_at: new Date(prediction.createdAt).toISOString(),
      completed_at: done ? new Date(prediction.createdAt + total(prediction)).toISOString() : null,
      status,
      response: status === 'completed' ? prediction.response : null,
      usage: {
        elements_processed: prediction.images,
        element_type: 'image',
        credits_used: done && status === 'completed' ? prediction.images : 0,
      },
      ...(status === 'failed' ? { error: VLMRUN_INJECTED_FAILURE } : {}),
    }
  }

  const deliver = (prediction: EmulatedPrediction, delayMs: number) => {
    if (!prediction.callbackUrl) return
    const url = prediction.callbackUrl
    const signal = lifetime.signal
    const send = options.callbackFetch ?? ((input, init) => globalThis.fetch(input, init))
    const delivery = sleep(delayMs, signal)
      .then(async () => {
        const payload = JSON.stringify(body(prediction, prediction.createdAt + total(prediction)))
        const headers = { 'content-type': 'application/json', 'user-agent': 'vlmrun-emulator' }
        const record: VlmRunCallbackRecord = {
          url,
          predictionId: prediction.id,
          body: payload,
          headers,
        }
        state.callbacks.push(record)
        try {
          const response = await send(url, { method: 'POST', headers, body: payload, signal })
          record.status = response.status
          await response.body?.cancel().catch(() => {})
        } catch (error) {
          record.error = error instanceof Error ? error.message : String(error)
        }
      })
      .catch(() => {})
    deliveries.push(delivery)
  }

  const router = new Router()

  /** Parses a request as FastAPI would; a `Response` (422) when it does not validate. */
  const parse = async (request: Request, params: Parameters<typeof parseRequest>[2]) => {
    try {
      return await parseRequest(request, {}, params)
    } catch (error) {
      if (error instanceof ValidationFailure) {
        return json({ detail: error.errors.map(orderedError) }, 422)
      }
      throw error
    }
  }

  router.add('POST', '/v1/image/generate', async (request) => {
    const sent = request.clone()
    const parsed = await parse(request, { body: imageGenerateRequest })
    if (parsed instanceof Response) return parsed
    const input = parsed.body as {
      images: string[]
      domain: string
      batch: boolean
      callback_url: string | null
      config: { json_schema: unknown }
    }
    const invalid = imageDetails(input.images)
    if (invalid.length) return json({ detail: invalid }, 422)
    const batch = input.batch
    const prediction: EmulatedPrediction = {
      id: `pred_${(++counter).toString(36)}${Math.floor(random() * 36 ** 8)
        .toString(36)
        .padStart(8, '0')}`,
      domain: input.domain,
      batch,
      images: input.images.length,
      response: answerFor(input.domain, input.config.json_schema ?? undefined),
      createdAt: Date.now(),
      plan: batch
        ? {
            enqueued: timing.enqueued,
            pending: timing.pending,
            running: timing.running,
            paused: timing.paused,
          }
        : { enqueued: 0, pending: 0, running: timing.sync, paused: 0 },
      fails: typeof failJobs === 'number' ? random() < failJobs : failJobs,
      reads: 0,
      callbackUrl: input.callback_url,
      request: (await sent.json()) as Record<string, unknown>,
    }
    state.predictions.set(prediction.id, prediction)
    if (!(perRead && batch)) deliver(prediction, total(prediction))
    if (batch) return json(body(prediction), 201)
    try {
      await sleep(timing.sync, lifetime.signal)
    } catch {
      return detail(503, 'The emulator was reset')
    }
    return json(body(prediction), 201)
  })

  router.add('GET', '/v1/predictions/{id}', async (_request, params) => {
    const prediction = params.id === undefined ? undefined : state.predictions.get(params.id)
    if (!prediction) return detail(404, `Prediction ${params.id} not found`)
    if (perRead && prediction.batch) {
      const steps = sequence(prediction)
      if (prediction.reads < steps.length - 1) {
        prediction.reads++
        // The read that ends the prediction triggers its callback.
        if (prediction.reads === steps.length - 1) deliver(prediction, 0)
      }
    }
    return json(body(prediction))
  })

  router.add('GET', '/v1/predictions', async (request) => {
    const parsed = await parse(request, predictionListQuery)
    if (parsed instanceof Response) return parsed
    const { skip, limit, status } = parsed.query as {
      skip: number
      limit: number
      status: string | null
    }
    const now = Date.now()
    const all = [...state.predictions.values()]
      .reverse()
      .map((prediction) => body(prediction, now))
      .filter((prediction) => !status || prediction.status === status)
    return json(all.slice(skip, skip + limit))
  })

  const injected = (method: string, path: string): Response | undefined => {
    const rule = failRules.take(method, path)
    if (!rule) return undefined
    return detail(rule.status ?? 500, rule.detail ?? 'Emulated failure', rule.headers)
  }

  const authorised = (request: Request) => {
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim()
    return !!token && (options.apiKey === undefined || token === options.apiKey)
  }

  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url)
    const record: VlmRunRequestRecord = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      search: url.search.replace(/^\?/, ''),
      authorization: request.headers.get('authorization'),
      at: Date.now(),
    }
    state.requests.push(record)
    const response = await (async () => {
      const match = router.match(record.method, record.path)
      if (match.kind === 'not-found') return detail(404, 'Not Found')
      if (match.kind === 'method-not-allowed')
        return detail(405, 'Method Not Allowed', { allow: match.allowed.join(', ') })
      if (!authorised(request)) return detail(401, 'Invalid or missing API key')
      return injected(record.method, record.path) ?? match.route.handle(request, match.params)
    })()
    record.status = response.status
    return response
  }

  return {
    handler,
    state,
    failNext(count = 1, rule: VlmRunFailNextOptions = {}) {
      failRules.add(count, rule)
    },
    get failJobs() {
      return failJobs
    },
    set failJobs(value: boolean | number) {
      failJobs = value
    },
    async callbacksSettled() {
      await Promise.all(deliveries)
    },
    reset() {
      lifetime.abort()
      lifetime = new AbortController()
      deliveries = []
      state.predictions.clear()
      state.requests.length = 0
      state.callbacks.length = 0
      failRules.clear()
      failJobs = options.failJobs ?? false
      random = seededRandom(options.seed ?? 1)
    },
    routes: router.routes().map(({ method, pattern }) => ({ method, pattern })),
  }
}
