/**
 * The Vision Studio emulator: a fetch-style handler that speaks every endpoint of the Vision
 * Studio API document (91: same paths, methods, `X-API-Key` auth, the `{status, result}`
 * envelope, FastAPI's 422 `detail` list) with fake media. Run it inside msw for unit tests,
 * or as a real loopback server with `serve(createVisionStudioEmulator().handler)`.
 *
 * Request bodies are validated with the very schemas `@atelier/vision-studio` generates from
 * the document. Synchronous operations answer after `syncMs`; asynchronous ones (Firefly,
 * Runway, Bria with `sync: false`) start tasks that wait, run with rising progress, and
 * complete (or fail, with `failTasks`), reported by each provider's status route in its own
 * words; Firefly and Runway tasks can be cancelled. LoRA projects, datasets, images and
 * models are kept in memory.
 *
 * Deviations from the real service: no model runs — pictures are gradients and sprites
 * (PNG; SVG for vectors), videos still pictures (MP4, also for Bria's WebM presets), speech a
 * tone (WAV); prompts and captions are fixed texts built from the input. Inputs given by URL
 * are not fetched. Output URLs point at the emulator itself (`/emulator/files/...`). Unknown
 * JSON fields are rejected (422 `extra_forbidden`) where FastAPI would ignore them, so typos
 * fail loudly in tests. Only web-standard APIs are used, so the handler runs anywhere.
 */

import {
  ENDPOINTS,
  issueMessage,
  type StatusRoute,
  type VisionStudioEndpoint,
} from '@atelier/vision-studio'
import { type FailRule, FailRules } from '../fail-rules'
import { seededRandom } from '../media/random'
import type { FetchHandler } from '../server'
import { detail, HttpError, json } from '../sidecar/responses'
import { Router } from '../sidecar/router'
import { intParam, readForm, readJson, toDetails } from '../sidecar/validation'
import { captionResult, mediaResult, plan, promptResult } from './answers'
import {
  type FileRecipe,
  initialState,
  resolveTimings,
  type VisionStudioContext,
  type VisionStudioEmulatorOptions,
  type VisionStudioRequestRecord,
  type VisionStudioState,
  type VisionStudioTimings,
} from './context'
import { FILES_PREFIX, fileName, serveFile } from './files'
import { lora } from './lora'
import { acceptedResult, cancel, createTask, isActive, statusBody } from './tasks'

export type {
  EmulatedTask as VisionStudioEmulatedTask,
  FileRecipe as VisionStudioFileRecipe,
  VisionStudioEmulatorOptions,
  VisionStudioRequestRecord,
  VisionStudioState,
  VisionStudioTimings,
} from './context'
export { INJECTED_TASK_ERROR as VISION_STUDIO_INJECTED_TASK_ERROR } from './tasks'

/** Every answer carries `x-atelier-emulator: vision-studio`. */
export const VISION_STUDIO_EMULATOR_NAME = 'vision-studio'

export interface VisionStudioFailNextOptions extends FailRule {
  /** The `detail` of the error body (a string, or a FastAPI list for 422). Default `"Emulated failure"`. */
  detail?: unknown
}

export interface VisionStudioEmulator {
  /** Answers one request; hand it to `serve()` or to msw. */
  handler: FetchHandler
  /** Live state: request log, tasks, files, uploads, LoRA resources. */
  readonly state: VisionStudioState
  /** Timings in effect; change a field to change the emulator's speed from then on. */
  readonly timings: VisionStudioTimings
  /**
   * Fail the next `count` requests that match `options` (all by default) before they reach
   * their endpoint, with `{"detail": ...}`. Rules add up, oldest first.
   */
  failNext(count?: number, options?: VisionStudioFailNextOptions): void
  /** Make tasks started from now on fail: `true`, `false`, or a share in 0-1. */
  failTasks: boolean | number
  /** Back to the starting state: forgets tasks, files, uploads, LoRA resources, logs and failure rules. */
  reset(): void
  /** The documented routes served, as the API document writes them (plus the files route). */
  readonly routes: readonly { method: string; pattern: string }[]
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined,
    input,
  )

/** Issues with the client's wording (the generated schemas carry no messages). */
const worded = <T extends Parameters<typeof issueMessage>[0]>(issues: readonly T[]): T[] =>
  issues.map((issue) => ({ ...issue, message: issueMessage(issue) }))

const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

export function createVisionStudioEmulator(
  options: VisionStudioEmulatorOptions = {},
): VisionStudioEmulator {
  const state = initialState()
  const timings = resolveTimings(options)
  let random = seededRandom(options.seed ?? 1)
  let failTasks: boolean | number = options.failTasks ?? false
  const failRules = new FailRules<VisionStudioFailNextOptions>()
  let counter = 0

  const ctx: VisionStudioContext = {
    state,
    timings,
    now: () => Date.now(),
    timestamp: () => new Date().toISOString(),
    random: () => random(),
    randomSeed: () => Math.floor(random() * 2 ** 31),
    newId: (prefix) =>
      `${prefix}${(++counter).toString(36).padStart(4, '0')}${Math.floor(random() * 36 ** 6).toString(36)}`,
    shouldFailTask: () => (typeof failTasks === 'number' ? random() < failTasks : failTasks),
    statusRetryAfterSeconds: options.statusRetryAfterSeconds,
    output(origin, recipes: FileRecipe[], text) {
      const files = recipes.map((recipe) => {
        const id = ctx.newId('f')
        state.files.set(id, recipe)
        return { id, recipe, url: `${origin}${FILES_PREFIX}${fileName(id, recipe)}` }
      })
      return text === undefined ? { files } : { files, text }
    },
  }

  const router = new Router()
  for (const endpoint of ENDPOINTS) {
    router.add(endpoint.method, endpoint.path, (request, params) =>
      answer(endpoint, request, params),
    )
  }
  router.add('GET', `${FILES_PREFIX}{name}`, async (_request, params) =>
    serveFile(state.files, params.name ?? '', new Headers()),
  )

  const sleep = (ms: number) =>
    ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()

  /**
   * Path and query parameters, checked with the endpoint's schema (FastAPI's `loc`: path or
   * query). Path values arrive as text; those the schema wants as integers are parsed first.
   */
  function readParams(
    endpoint: VisionStudioEndpoint,
    request: Request,
    params: Record<string, string>,
  ) {
    if (!endpoint.params) return {}
    const values: Record<string, unknown> = {}
    for (const name of endpoint.pathParams ?? []) values[name] = params[name]
    const query = new URL(request.url).searchParams
    for (const name of endpoint.queryParams ?? []) {
      const text = query.get(name)
      if (text === null) continue
      const lower = text.toLowerCase()
      values[name] = TRUE.has(lower) ? true : FALSE.has(lower) ? false : text
    }
    let result = endpoint.params.safeParse(values)
    if (!result.success) {
      const integers = result.error.issues.filter(
        (issue) =>
          issue.code === 'invalid_type' &&
          issue.expected === 'number' &&
          (endpoint.pathParams ?? []).includes(String(issue.path[0])),
      )
      for (const issue of integers)
        values[String(issue.path[0])] = intParam(params, String(issue.path[0]))
      if (integers.length) result = endpoint.params.safeParse(values)
    }
    if (result.success) return result.data as Record<string, unknown>
    const inQuery = (name: PropertyKey | undefined) =>
      (endpoint.queryParams ?? []).includes(String(name))
    const issues = result.error.issues
    throw new HttpError(422, {
      detail: [
        ...toDetails(
          issues.filter((issue) => !inQuery(issue.path[0])),
          'path',
          values,
        ),
        ...toDetails(
          issues.filter((issue) => inQuery(issue.path[0])),
          'query',
          values,
        ),
      ],
    })
  }

  async function readBody(endpoint: VisionStudioEndpoint, request: Request) {
    if (!endpoint.request) return {}
    const input = endpoint.body === 'multipart' ? await readForm(request) : await readJson(request)
    const result = endpoint.request.safeParse(input)
    if (result.success) return result.data as Record<string, unknown>
    // A field that is not there at all is `missing`, whatever its schema (a file part too).
    const issues = worded(result.error.issues).map((issue) =>
      issue.code !== 'unrecognized_keys' && valueAt(input, issue.path) === undefined
        ? ({ ...issue, code: 'invalid_type', expected: 'unknown' } as typeof issue)
        : issue,
    )
    throw new HttpError(422, { detail: toDetails(issues, 'body', input) })
  }

  const envelope = (result: unknown, headers: Record<string, string> = {}) =>
    json({ status: 'success', result }, 200, headers)

  async function answer(
    endpoint: VisionStudioEndpoint,
    request: Request,
    pathParams: Record<string, string>,
  ): Promise<Response> {
    const params = readParams(endpoint, request, pathParams)
    const body = await readBody(endpoint, request)
    const origin = new URL(request.url).origin
    const method = endpoint.name

    if (endpoint.role === 'status' || endpoint.role === 'cancel') {
      const task = state.tasks.get(String(params.task_id))
      const route = endpoint.path.split('/')[3] as StatusRoute
      if (!task || task.route !== route) {
        throw new HttpError(
          404,
          route === 'bria'
            ? 'Request ID not found or expired'
            : `Task ${String(params.task_id)} not found`,
        )
      }
      if (endpoint.role === 'cancel') {
        cancel(ctx, task)
        return envelope({ message: 'Task canceled', task_id: task.id })
      }
      const retry =
        ctx.statusRetryAfterSeconds !== undefined && isActive(ctx, task)
          ? { 'retry-after': String(ctx.statusRetryAfterSeconds) }
          : undefined
      const status = statusBody(ctx, task)
      return route === 'bria' ? json(status, 200, retry) : envelope(status, retry)
    }

    await sleep(timings.syncMs)
    switch (endpoint.tag) {
      case 'Health':
        return envelope({ status: 'healthy', emulator: VISION_STUDIO_EMULATOR_NAME })
      case 'Prompt Enhancement':
        return envelope(promptResult(method, body))
      case 'Media Captioning':
        return envelope(captionResult(method, body))
      case 'Upload': {
        const file = body.file as Blob
        const id = ctx.newId('upload-')
        state.uploads.set(id, {
          bytes: file.size,
          mediaType: file.type || 'application/octet-stream',
        })
        return envelope({ images: [{ id }] })
      }
      case 'LoRA Project Management':
      case 'LoRA Training':
        return envelope(lora(ctx, method, params, body))
    }
    if (method.startsWith('firefly.image.')) checkUploads(body)
    const planned = plan(ctx, method, body)
    const output = ctx.output(origin, planned.recipes, planned.text)
    const asynchronous =
      endpoint.execution === 'async' ||
      (endpoint.execution === 'sync-flag' &&
        (typeof body.sync === 'boolean' ? body.sync : endpoint.syncDefault) === false)
    if (asynchronous) {
      const task = createTask(ctx, endpoint.statusRoute!, method, output)
      return envelope(acceptedResult(task, origin))
    }
    return envelope(mediaResult(output))
  }

  /** Firefly references uploads by id: an unknown `upload_id` is a 400, as Firefly answers it. */
  function checkUploads(body: Record<string, unknown>) {
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk)
      else if (typeof value === 'object' && value !== null) {
        for (const [key, child] of Object.entries(value)) {
          if (key === 'upload_id' && typeof child === 'string' && !state.uploads.has(child)) {
            throw new HttpError(400, `Unknown upload_id ${child}: upload the file first`)
          }
          walk(child)
        }
      }
    }
    walk(body)
  }

  const injectedFailure = (method: string, path: string): Response | undefined => {
    const rule = failRules.take(method, path)
    if (!rule) return undefined
    return json({ detail: rule.detail ?? 'Emulated failure' }, rule.status ?? 500, rule.headers)
  }

  const authorise = (request: Request, path: string): Response | undefined => {
    // The document lists `GET /health` without the API key header.
    if (path.startsWith(FILES_PREFIX) || path === '/health') return undefined
    const key = request.headers.get('x-api-key')
    if (!key) return detail(403, 'Not authenticated')
    if (options.apiKey !== undefined && key !== options.apiKey)
      return detail(401, 'Invalid API key')
    return undefined
  }

  const respond = async (
    request: Request,
    record: VisionStudioRequestRecord,
  ): Promise<Response> => {
    const method = request.method.toUpperCase()
    const match = router.match(method, record.path)
    if (match.kind === 'found') {
      const endpoint = ENDPOINTS.find(
        (candidate) => candidate.method === method && candidate.path === match.route.pattern,
      )
      if (endpoint) record.endpoint = endpoint.name
    }
    if (match.kind === 'not-found') return detail(404, 'Not Found')
    if (match.kind === 'method-not-allowed') {
      return detail(405, 'Method Not Allowed', { allow: match.allowed.join(', ') })
    }
    const refused = authorise(request, record.path)
    if (refused) return refused
    const injected = injectedFailure(method, record.path)
    if (injected) return injected
    try {
      return await match.route.handle(request, match.params)
    } catch (error) {
      if (error instanceof HttpError) return error.toResponse()
      return detail(
        500,
        `Internal error: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  const handler: FetchHandler = async (request) => {
    const record: VisionStudioRequestRecord = {
      method: request.method.toUpperCase(),
      path: new URL(request.url).pathname,
      at: Date.now(),
    }
    state.requests.push(record)
    const response = await respond(request, record)
    record.status = response.status
    response.headers.set('x-atelier-emulator', VISION_STUDIO_EMULATOR_NAME)
    return response
  }

  return {
    handler,
    state,
    timings,
    failNext(count = 1, rule: VisionStudioFailNextOptions = {}) {
      failRules.add(count, rule)
    },
    get failTasks() {
      return failTasks
    },
    set failTasks(value: boolean | number) {
      failTasks = value
    },
    reset() {
      Object.assign(state, initialState())
      random = seededRandom(options.seed ?? 1)
      failTasks = options.failTasks ?? false
      failRules.clear()
    },
    routes: router.routes().map(({ method, pattern }) => ({ method, pattern })),
  }
}
