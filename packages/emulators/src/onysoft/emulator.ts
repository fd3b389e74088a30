/**
 * The Onysoft AI Gateway emulator: two fetch-style handlers. `handler` speaks the gateway's
 * content generation API (the five generate aliases and their status lookups, the video list,
 * the model list) and `cdnHandler` serves the result files on ANOTHER origin, as a real
 * gateway's storage host does — so tests can show that the API key never reaches it. Run both
 * in msw, or as real loopback servers with `serveOnysoftEmulator()`.
 *
 * Requests are checked against the API document's own rules (`rules.ts`, `models.ts`: written
 * from the document, never taken from the driver they are there to check) and its 10 MB request
 * limit; errors come as `{success: false, error: {code, message}}`. Tasks go `pending` →
 * `processing` (with a `progress` percentage) → `completed` with result URLs, or `failed`.
 *
 * Deviations from a real gateway: no model runs; images are gradients, videos still pictures,
 * audio tones, transcripts a fixed sentence. `progress` in status answers, the result fields
 * of non-video tasks (`image_url(s)`, `audio_url(s)`, `text`/`words`), the list and model list
 * shapes and the error envelope are not in the document; they are this emulator's choices,
 * matching what the driver reads. Only web-standard APIs are used.
 */

import { type FailRule, FailRules } from '../fail-rules'
import { seededRandom } from '../media/random'
import type { FetchHandler } from '../server'
import { Router } from '../sidecar/router'
import { fileBody, filesOf, resultFields } from './files'
import {
  customerPriceUsd,
  DOCUMENTED_MODELS,
  kindOf,
  ONYSOFT_ALIASES,
  type OnysoftAlias,
} from './models'
import {
  checkGenerateBody,
  checkVideoListQuery,
  ONYSOFT_MAX_REQUEST_BYTES,
  unsupportedModel,
} from './rules'
import {
  DEFAULT_TIME_SCALE,
  type OnysoftEmulatorOptions,
  type OnysoftRequestRecord,
  type OnysoftState,
  type OnysoftTask,
  type OnysoftTimings,
  phaseOf,
  TYPICAL_PENDING_MS,
  TYPICAL_PROCESSING_MS,
} from './state'

/** Header on every emulator answer, so nobody mistakes it for the real gateway. */
export const ONYSOFT_EMULATOR_HEADER = 'x-atelier-emulator'
/** Error message of tasks failed by `failJobs`. */
export const ONYSOFT_INJECTED_TASK_ERROR = 'Emulated generation failure (upstream provider error)'
/** Default origin of the result files. */
export const ONYSOFT_EMULATOR_CDN = 'https://cdn.onysoft.emulator'

/** Which requests `failNext` fails, and how. */
export interface OnysoftFailNextOptions extends FailRule {
  /** The error message. Default `Emulated failure`. */
  message?: string
  /** The error code. Default `emulated_failure`. */
  code?: string
}

export interface OnysoftEmulator {
  /** The gateway API (`/v1/...`). */
  handler: FetchHandler
  /** The result files (`/files/{task_id}/{name}`), to be served on another origin. */
  cdnHandler: FetchHandler
  /** Where result URLs point; set it to the CDN server's URL once it listens. */
  cdnBaseUrl: string
  /** Tasks and the log of every request both handlers answered. */
  readonly state: OnysoftState
  /** Timings in effect for tasks submitted from now on. */
  readonly timings: OnysoftTimings
  /** Fail the next `count` API requests matching `options` (all by default). */
  failNext(count?: number, options?: OnysoftFailNextOptions): void
  /** Make tasks fail: `true`, `false` or a share in 0-1. Decided at submit. */
  failJobs: boolean | number
  /** Forgets tasks, the request log and failure rules. */
  reset(): void
  /** The API routes served, as the document writes them. */
  readonly routes: readonly { method: string; pattern: string }[]
}

/** The emulator's model list: the document's featured models with their types, and a chat model. */
export const ONYSOFT_EMULATOR_MODELS: readonly {
  id: string
  type: string
  owned_by: string
}[] = [
  ...DOCUMENTED_MODELS.map(({ id, type, owned_by }) => ({ id, type, owned_by })),
  { id: 'gemini-2.5-flash-image', type: 'chat', owned_by: 'Google' },
]

function headers(contentType?: string, extra: Record<string, string> = {}): Headers {
  const all = new Headers({ [ONYSOFT_EMULATOR_HEADER]: 'onysoft', ...extra })
  if (contentType) all.set('content-type', contentType)
  return all
}

function json(body: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers('application/json', extra),
  })
}

/** The error envelope: `{success: false, error: {code, message}}`. */
function failure(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
  details?: unknown,
): Response {
  return json(
    { success: false, error: { code, message, ...(details ? { details } : {}) } },
    status,
    extra,
  )
}

/** Creates an Onysoft emulator; see `OnysoftEmulatorOptions` for its timings and knobs. */
export function createOnysoftEmulator(options: OnysoftEmulatorOptions = {}): OnysoftEmulator {
  const state: OnysoftState = { tasks: new Map(), requests: [] }
  const timings: OnysoftTimings = {
    timeScale: options.timeScale ?? DEFAULT_TIME_SCALE,
    pendingMs: options.pendingMs,
    processingMs: options.processingMs,
  }
  const maxSide = options.maxMediaSide ?? 1024
  const fps = options.videoFps ?? 24
  let random = seededRandom(options.seed ?? 1)
  let failJobs: boolean | number = options.failJobs ?? false
  const failRules = new FailRules<OnysoftFailNextOptions>()
  let cdnBaseUrl = (options.cdnBaseUrl ?? ONYSOFT_EMULATOR_CDN).replace(/\/+$/, '')
  let counter = 0

  const authorised = (request: Request): boolean => {
    const header = request.headers.get('authorization') ?? ''
    const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim()
    if (!token) return false
    return options.apiKey !== undefined ? token === options.apiKey : token.startsWith('sk-ony-')
  }

  const statusBody = (task: OnysoftTask) => {
    const { phase, fraction } = phaseOf(task, Date.now())
    const base = {
      task_id: task.id,
      status: phase,
      model: task.model,
      created_at: new Date(task.createdAt).toISOString(),
    }
    switch (phase) {
      case 'pending':
        return base
      case 'processing':
        return { ...base, progress: Math.min(99, Math.floor(fraction * 100)) }
      case 'failed':
        return { ...base, error: ONYSOFT_INJECTED_TASK_ERROR }
      case 'completed':
        return {
          ...base,
          progress: 100,
          ...resultFields(task, `${cdnBaseUrl}/files`),
          completed_at: new Date(task.createdAt + task.pendingMs + task.processingMs).toISOString(),
        }
    }
  }

  const router = new Router()

  const generate = (alias: OnysoftAlias) => async (request: Request) => {
    const raw = new Uint8Array(await request.arrayBuffer())
    if (raw.byteLength > ONYSOFT_MAX_REQUEST_BYTES) {
      return failure(
        413,
        'payload_too_large',
        `Request body is ${raw.byteLength} bytes; the maximum total request size is 10 MB`,
      )
    }
    let body: unknown
    try {
      body = JSON.parse(new TextDecoder().decode(raw))
    } catch {
      return failure(400, 'invalid_json', 'The request body is not valid JSON')
    }
    const issues = checkGenerateBody(body)
    if (issues.length > 0) {
      return failure(
        400,
        'validation_error',
        issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
        {},
        issues,
      )
    }
    const request_ = body as Record<string, unknown> & { model: string }
    const unsupported = unsupportedModel(request_.model)
    if (unsupported) return failure(400, 'unsupported_model', unsupported)
    const kind = kindOf(request_.model, alias)
    const scale = timings.timeScale
    const id = `task_${(++counter).toString(36)}${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, '0')}`
    const task: OnysoftTask = {
      id,
      alias,
      model: request_.model,
      kind,
      body: request_,
      createdAt: Date.now(),
      pendingMs: timings.pendingMs ?? TYPICAL_PENDING_MS * scale,
      processingMs: timings.processingMs ?? TYPICAL_PROCESSING_MS[kind] * scale,
      fails: typeof failJobs === 'number' ? random() < failJobs : failJobs,
      cost: { amount: customerPriceUsd(request_.model, kind), currency: 'USD' },
      seed: Math.floor(random() * 2 ** 31),
      ...(options.lifecycle === 'per-read' ? { reads: 0 } : {}),
    }
    state.tasks.set(id, task)
    return json(
      {
        success: true,
        data: { task_id: id, status: 'pending', model: task.model, estimated_cost: task.cost },
      },
      202,
    )
  }

  const status = async (_request: Request, params: Record<string, string>) => {
    const task = params.task_id === undefined ? undefined : state.tasks.get(params.task_id)
    if (!task) return failure(404, 'task_not_found', `Task ${params.task_id} not found`)
    const body = statusBody(task)
    if (task.reads !== undefined) task.reads++
    return json({ success: true, data: body })
  }

  for (const alias of ONYSOFT_ALIASES) {
    router.add('POST', `/v1/${alias}/generate`, generate(alias))
    router.add('GET', `/v1/${alias}/status/{task_id}`, status)
  }

  router.add('GET', '/v1/video/list', async (request) => {
    const query = checkVideoListQuery(new URL(request.url).searchParams)
    if ('field' in query) {
      return failure(400, 'validation_error', `${query.field}: ${query.message}`, {}, [query])
    }
    const { page, limit } = query
    const now = Date.now()
    const videos = [...state.tasks.values()]
      .filter((task) => task.kind === 'video' && phaseOf(task, now).phase === 'completed')
      .reverse()
    return json({
      success: true,
      data: {
        videos: videos.slice((page - 1) * limit, page * limit).map((task) => ({
          task_id: task.id,
          status: 'completed',
          model: task.model,
          prompt: task.body.prompt ?? null,
          ...resultFields(task, `${cdnBaseUrl}/files`),
          created_at: new Date(task.createdAt).toISOString(),
        })),
        pagination: {
          page,
          limit,
          total: videos.length,
          total_pages: Math.ceil(videos.length / limit),
        },
      },
    })
  })

  router.add('GET', '/v1/models', async () =>
    json({
      success: true,
      object: 'list',
      data: ONYSOFT_EMULATOR_MODELS.map((model) => ({
        id: model.id,
        object: 'model',
        type: model.type,
        owned_by: model.owned_by,
        // Chat models are priced per token, not per task.
        ...(model.type === 'chat'
          ? {}
          : {
              pricing: {
                amount: customerPriceUsd(model.id, kindOf(model.id, 'video')),
                currency: 'USD',
              },
            }),
      })),
    }),
  )

  const injected = (method: string, path: string): Response | undefined => {
    const rule = failRules.take(method, path)
    if (!rule) return undefined
    return failure(
      rule.status ?? 500,
      rule.code ?? 'emulated_failure',
      rule.message ?? 'Emulated failure',
      rule.headers,
    )
  }

  const record = (server: 'api' | 'cdn', request: Request): OnysoftRequestRecord => {
    const url = new URL(request.url)
    const entry: OnysoftRequestRecord = {
      server,
      method: request.method.toUpperCase(),
      path: url.pathname,
      search: url.search.replace(/^\?/, ''),
      authorization: request.headers.get('authorization'),
      at: Date.now(),
    }
    state.requests.push(entry)
    return entry
  }

  const handler: FetchHandler = async (request) => {
    const entry = record('api', request)
    const response = await (async () => {
      const match = router.match(entry.method, entry.path)
      if (match.kind === 'not-found') return failure(404, 'not_found', 'Not found')
      if (match.kind === 'method-not-allowed')
        return failure(405, 'method_not_allowed', 'Method not allowed', {
          allow: match.allowed.join(', '),
        })
      if (!authorised(request))
        return failure(
          401,
          'unauthorized',
          'Missing or invalid API key (Authorization: Bearer sk-ony-...)',
        )
      return injected(entry.method, entry.path) ?? match.route.handle(request, match.params)
    })()
    entry.status = response.status
    return response
  }

  const cdnHandler: FetchHandler = async (request) => {
    const entry = record('cdn', request)
    const response = (() => {
      const parts = /^\/files\/([^/]+)\/([^/]+)$/.exec(entry.path)
      if (entry.method !== 'GET' && entry.method !== 'HEAD') {
        return new Response('Method not allowed', { status: 405, headers: headers('text/plain') })
      }
      const task = parts ? state.tasks.get(decodeURIComponent(parts[1]!)) : undefined
      const name = parts ? decodeURIComponent(parts[2]!) : ''
      const spec = task ? filesOf(task).find((file) => file.name === name) : undefined
      const ready = task && phaseOf(task, Date.now()).phase === 'completed'
      const file = task && spec && ready ? fileBody(task, name, { maxSide, fps }) : undefined
      if (!file || !spec) {
        return new Response('Not found', { status: 404, headers: headers('text/plain') })
      }
      return new Response(file.body, {
        status: 200,
        headers: headers(spec.contentType, {
          'content-length': String(file.length),
          'cache-control': 'public, max-age=86400',
        }),
      })
    })()
    entry.status = response.status
    return response
  }

  return {
    handler,
    cdnHandler,
    get cdnBaseUrl() {
      return cdnBaseUrl
    },
    set cdnBaseUrl(value: string) {
      cdnBaseUrl = value.replace(/\/+$/, '')
    },
    state,
    timings,
    failNext(count = 1, rule: OnysoftFailNextOptions = {}) {
      failRules.add(count, rule)
    },
    get failJobs() {
      return failJobs
    },
    set failJobs(value: boolean | number) {
      failJobs = value
    },
    reset() {
      state.tasks.clear()
      state.requests.length = 0
      failRules.clear()
      failJobs = options.failJobs ?? false
      random = seededRandom(options.seed ?? 1)
    },
    routes: router.routes().map(({ method, pattern }) => ({ method, pattern })),
  }
}
