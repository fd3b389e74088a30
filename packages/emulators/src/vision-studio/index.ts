/**
 * The Vision Studio emulator: a fetch-style handler that speaks every endpoint of the Vision
 * Studio API document (91: same paths, methods, `X-API-Key` auth, the `{status, result}`
 * envelope, FastAPI's 422 `detail` list) with fake media. Run it inside msw for unit tests,
 * or as a real loopback server with `serve(createVisionStudioEmulator().handler)`.
 *
 * It is an independent witness of the document: its routes, parameters and request schemas
 * are its own reading of the document (`./document.ts`, written by
 * `scripts/extract-vision-studio.ts` from the document's text), checked by its own JSON Schema
 * validator (`./json-schema.ts`) with pydantic's error words, and which endpoints run as tasks
 * is read from the document's words (`./operations.ts`). Nothing comes from the driver
 * package, so a driver that misreads the document is refused here.
 *
 * Synchronous operations answer after `syncMs`; asynchronous ones (Firefly, Runway, Bria with
 * `sync: false`) start tasks that wait, run with rising progress, and
 * complete (or fail, with `failTasks`), reported by each provider's status route in its own
 * words; Firefly and Runway tasks can be cancelled. LoRA projects, datasets, images and
 * models are kept in memory.
 *
 * Deviations from the real service: no model runs — pictures are gradients and sprites
 * (PNG; SVG for vectors), videos still pictures (MP4, also for Bria's WebM presets), speech a
 * tone (WAV); prompts and captions are fixed texts built from the input. Inputs given by URL
 * are not fetched. Output URLs point at the emulator itself (`/emulator/files/...`). Unknown
 * JSON fields are rejected (422 `extra_forbidden`) where FastAPI would ignore them, so typos
 * fail loudly in tests. Where the document names a type without listing its values
 * (`LlmProvider`, `VideoAspectRatio`, ... are only "Type: string"), any value of that type is
 * taken; the fields of its object tables are all optional (it never says which are required).
 * URL fields (`format: uri`) take absolute http(s) URLs without spaces, non-ASCII characters or
 * a second `#`. Only web-standard APIs are used, so the handler runs anywhere.
 */

import { type FailRule, FailRules } from '../fail-rules'
import { seededRandom } from '../media/random'
import type { FetchHandler } from '../server'
import { detail, HttpError, json } from '../sidecar/responses'
import { Router } from '../sidecar/router'
import { readForm, readJson } from '../sidecar/validation'
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
import { DOCUMENT_COMPONENTS } from './document'
import type { JsonSchema } from './document-types'
import { FILES_PREFIX, fileName, serveFile } from './files'
import { JsonSchemaValidator, type SchemaIssue } from './json-schema'
import { lora } from './lora'
import { OPERATIONS, type Operation } from './operations'
import { acceptedResult, cancel, createTask, isActive, statusBody } from './tasks'

export type {
  EmulatedTask as VisionStudioEmulatedTask,
  FileRecipe as VisionStudioFileRecipe,
  VisionStudioEmulatorOptions,
  VisionStudioRequestRecord,
  VisionStudioState,
  VisionStudioTimings,
} from './context'
export type { StatusRoute as VisionStudioStatusRoute } from './operations'
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

/** FastAPI's 422 `detail` items: pydantic's errors, `input` left out where JSON has no word for it. */
const details = (issues: readonly SchemaIssue[]) =>
  issues.map(({ type, loc, msg, input, ctx }) => ({
    type,
    loc,
    msg,
    ...(input === undefined || input instanceof Blob ? {} : { input }),
    ...(ctx ? { ctx } : {}),
  }))

const validator = new JsonSchemaValidator({ components: DOCUMENT_COMPONENTS })

/** Query booleans FastAPI reads as true or false (any case). */
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
  for (const operation of OPERATIONS) {
    router.add(operation.endpoint.method, operation.endpoint.path, (request, params) =>
      answer(operation, request, params),
    )
  }
  router.add('GET', `${FILES_PREFIX}{name}`, async (_request, params) =>
    serveFile(state.files, params.name ?? '', new Headers()),
  )

  const sleep = (ms: number) =>
    ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()

  /**
   * Path and query parameters, checked with the types of the document's "Input parameters"
   * table (FastAPI's `loc`: path or query). Path values arrive as text; those the table types
   * as integers are parsed (`int_parsing` when they are not digits). Query booleans take
   * true/false, 1/0, yes/no and on/off.
   */
  function readParams(operation: Operation, request: Request, params: Record<string, string>) {
    const values: Record<string, unknown> = {}
    const issues: SchemaIssue[] = []
    const query = new URL(request.url).searchParams
    for (const parameter of operation.endpoint.params) {
      let text: string | null | undefined =
        parameter.in === 'path' ? params[parameter.name] : query.get(parameter.name)
      if (text === null || text === undefined) {
        if (parameter.default !== undefined) values[parameter.name] = parameter.default
        else if (parameter.required) {
          issues.push({
            type: 'missing',
            loc: [parameter.in, parameter.name],
            msg: 'Field required',
            input: null,
          })
        }
        continue
      }
      let input: unknown = text
      if (parameter.type === 'boolean') {
        text = text.toLowerCase()
        input = TRUE.has(text) ? true : FALSE.has(text) ? false : text
      }
      const schema: JsonSchema = { type: parameter.type }
      const result = validator.validate(schema, input, [parameter.in, parameter.name])
      if (result.ok) values[parameter.name] = result.value
      else issues.push(...result.issues)
    }
    if (issues.length > 0) throw new HttpError(422, { detail: details(issues) })
    return values
  }

  /** The body, checked with the document's schema (JSON, or a multipart form's fields). */
  async function readBody(operation: Operation, request: Request) {
    const body = operation.endpoint.body
    if (!body) return {}
    const input =
      body.contentType === 'multipart/form-data' ? await readForm(request) : await readJson(request)
    const result = validator.validate(body.schema, input, ['body'])
    if (result.ok) return result.value as Record<string, unknown>
    throw new HttpError(422, { detail: details(result.issues) })
  }

  const envelope = (result: unknown, headers: Record<string, string> = {}) =>
    json({ status: 'success', result }, 200, headers)

  async function answer(
    operation: Operation,
    request: Request,
    pathParams: Record<string, string>,
  ): Promise<Response> {
    const { endpoint, route } = operation
    const params = readParams(operation, request, pathParams)
    const body = await readBody(operation, request)
    const origin = new URL(request.url).origin

    if (operation.role) {
      const { kind, statusRoute } = operation.role
      const task = state.tasks.get(String(params.task_id))
      if (!task || task.route !== statusRoute) {
        throw new HttpError(
          404,
          statusRoute === 'bria'
            ? 'Request ID not found or expired'
            : `Task ${String(params.task_id)} not found`,
        )
      }
      if (kind === 'cancel') {
        cancel(ctx, task)
        return envelope({ message: 'Task canceled', task_id: task.id })
      }
      const retry =
        ctx.statusRetryAfterSeconds !== undefined && isActive(ctx, task)
          ? { 'retry-after': String(ctx.statusRetryAfterSeconds) }
          : undefined
      const status = statusBody(ctx, task)
      return statusRoute === 'bria' ? json(status, 200, retry) : envelope(status, retry)
    }

    await sleep(timings.syncMs)
    switch (endpoint.tag) {
      case 'Health':
        return envelope({ status: 'healthy', emulator: VISION_STUDIO_EMULATOR_NAME })
      case 'Prompt Enhancement':
        return envelope(promptResult(route, body))
      case 'Media Captioning':
        return envelope(captionResult(route, body))
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
        return envelope(lora(ctx, route, params, body))
    }
    if (endpoint.path.startsWith('/api/v1/firefly/')) checkUploads(body)
    const planned = plan(ctx, route, body)
    const output = ctx.output(origin, planned.recipes, planned.text)
    const { execution } = operation
    // `body` has the schema's defaults filled in, so a `sync` left out reads as its default.
    const asynchronous =
      execution.mode === 'async' ||
      (execution.mode === 'sync-flag' &&
        (typeof body.sync === 'boolean' ? body.sync : execution.syncDefault) === false)
    if (asynchronous && 'statusRoute' in execution) {
      const task = createTask(ctx, execution.statusRoute, route, output)
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
      if (!match.route.pattern.startsWith(FILES_PREFIX))
        record.endpoint = `${method} ${match.route.pattern}`
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
