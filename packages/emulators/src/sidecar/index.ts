/**
 * The Silly Media emulator: a fetch-style handler that speaks the whole API of the self-hosted
 * GPU sidecar (all 57 endpoints of its API document: same paths, methods, status codes, JSON
 * shapes and content types) with fake media. Run it inside msw for unit tests, or as a real
 * loopback server with `serve(createSidecarEmulator().handler)`.
 *
 * It behaves like one GPU: one model in VRAM at a time (other models are swapped in, which takes
 * time and is counted), generation work strictly one after another, progress endpoints that
 * follow the running work, and asynchronous video and music jobs that move from `queued` to
 * `processing` to `completed`. Requests are validated with the wire schemas of `@atelier/local`
 * and rejected the way FastAPI does (422 with `detail[].loc`).
 *
 * Deviations from a real sidecar: no model runs; images are gradients or sprites, speech and
 * music are tones, videos are still pictures, LLM and vision answers are fixed texts; durations
 * are the typical ones times `timeScale`. Only web-standard APIs are used (no `node:` modules),
 * so the handler runs in Node, browsers and edge runtimes alike.
 */
import { type FailRule, FailRules } from '../fail-rules'
import type { FetchHandler } from '../server'
import { registerActorRoutes } from './actors'
import {
  EmulatorResetError,
  initialState,
  newId,
  resolveTimings,
  type SidecarContext,
  type SidecarEmulatorOptions,
  type SidecarRequestRecord,
  type SidecarState,
  type SidecarTimings,
  seededRandom,
} from './context'
import { Gpu } from './gpu'
import { registerImageRoutes } from './image'
import { registerLlmRoutes } from './llm'
import { registerMayaRoutes } from './maya'
import { registerModelRoutes } from './models'
import { registerMusicRoutes } from './music'
import { detail, HttpError } from './responses'
import { Router } from './router'
import { registerTtsRoutes } from './tts'
import { registerVideoRoutes } from './video'
import { registerVisionRoutes } from './vision'

export type {
  ActorRecord,
  GpuRun,
  MayaActorRecord,
  MusicJob,
  ProgressChannel,
  ProgressRecord,
  SidecarEmulatorOptions,
  SidecarRequestRecord,
  SidecarState,
  SidecarTimings,
  TtsHistoryRecord,
  VideoJob,
} from './context'
export { imageSize as sidecarImageSize } from './image'
export { INJECTED_JOB_ERROR as SIDECAR_INJECTED_JOB_ERROR } from './jobs'
export { EMULATOR_HEADER } from './responses'
export { videoSize as sidecarVideoSize } from './video'

/** Which requests `failNext` fails, and how. */
export interface FailNextOptions extends FailRule {
  /** The `detail` of the FastAPI-style error body. Default `"Emulated failure"`. */
  detail?: string
}

export interface SidecarEmulator {
  /** Answers one request; hand it to `serve()` or to msw. */
  handler: FetchHandler
  /** Live state: loaded model, swaps, in-flight generations, request log, actors, jobs. */
  readonly state: SidecarState
  /** Timings in effect; change a field to change the emulator's speed from then on. */
  readonly timings: SidecarTimings
  /**
   * Fail the next `count` requests that match `options` (all requests by default) with a
   * FastAPI-style error, before they reach their endpoint. Rules add up, oldest first.
   */
  failNext(count?: number, options?: FailNextOptions): void
  /** Make asynchronous jobs fail: `true` (all), `false` (none) or a share in 0-1. */
  failJobs: boolean | number
  /**
   * Back to the starting state: forgets actors, history, jobs, logs and failure rules, reloads
   * the initial model, and stops all work in progress (pending jobs stop; requests waiting on
   * the GPU are answered 503).
   */
  reset(): void
  /** The routes served, as the API document writes them. */
  readonly routes: readonly { method: string; pattern: string }[]
}

/** Creates a Silly Media emulator; see `SidecarEmulatorOptions` for its timings and knobs. */
export function createSidecarEmulator(options: SidecarEmulatorOptions = {}): SidecarEmulator {
  const initialModel = options.initialModel === undefined ? 'z-image-turbo' : options.initialModel
  const state = initialState(initialModel)
  const timings = resolveTimings(options)
  // Sleeps in progress, each with the way to end it early: a reset ends them all. A set rather
  // than abort listeners on one signal, which warn once more than ten GPU waits run at once.
  const sleeping = new Set<() => void>()
  let random = seededRandom(options.seed ?? 1)
  let failJobs: boolean | number = options.failJobs ?? false
  const failRules = new FailRules<FailNextOptions>()

  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const onReset = () => {
        clearTimeout(timer)
        reject(new EmulatorResetError())
      }
      const timer = setTimeout(
        () => {
          sleeping.delete(onReset)
          resolve()
        },
        Math.max(0, ms),
      )
      sleeping.add(onReset)
    })

  const gpus = options.gpus ?? 1
  if (!(Number.isInteger(gpus) && gpus >= 1)) {
    throw new RangeError(`gpus must be a positive integer, got ${gpus}`)
  }
  const gpu = new Gpu({ state, timings, sleep, gpus })
  const ctx: SidecarContext = {
    state,
    timings,
    gpu,
    sleep,
    random: () => random(),
    randomSeed: () => Math.floor(random() * 2 ** 31),
    shouldFailJob: () => (typeof failJobs === 'number' ? random() < failJobs : failJobs),
    newId,
    timestamp: () => new Date().toISOString(),
    videoBytes: options.videoBytes,
  }

  const router = new Router()
  registerModelRoutes(router, ctx)
  registerImageRoutes(router, ctx)
  registerTtsRoutes(router, ctx)
  registerActorRoutes(router, ctx)
  registerMayaRoutes(router, ctx)
  registerVideoRoutes(router, ctx)
  registerVisionRoutes(router, ctx)
  registerLlmRoutes(router, ctx)
  registerMusicRoutes(router, ctx)

  const injectedFailure = (method: string, path: string): Response | undefined => {
    const rule = failRules.take(method, path)
    if (!rule) return undefined
    return detail(rule.status ?? 500, rule.detail ?? 'Emulated failure', rule.headers)
  }

  const answer = async (request: Request, record: SidecarRequestRecord): Promise<Response> => {
    const method = request.method.toUpperCase()
    const injected = injectedFailure(method, record.path)
    const match = router.match(method, record.path)
    if (match.kind === 'found') record.route = match.route.pattern
    if (injected) return injected
    if (match.kind === 'not-found') return detail(404, 'Not Found')
    if (match.kind === 'method-not-allowed') {
      return detail(405, 'Method Not Allowed', { allow: match.allowed.join(', ') })
    }
    try {
      return await match.route.handle(request, match.params)
    } catch (error) {
      if (error instanceof HttpError) return error.toResponse()
      if (error instanceof EmulatorResetError) return detail(503, 'The emulator was reset')
      return detail(
        500,
        `Generation failed: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  const handler: FetchHandler = async (request) => {
    const record: SidecarRequestRecord = {
      method: request.method.toUpperCase(),
      path: new URL(request.url).pathname,
      at: Date.now(),
    }
    state.requests.push(record)
    const response = await answer(request, record)
    record.status = response.status
    return response
  }

  return {
    handler,
    state,
    timings,
    failNext(count = 1, rule: FailNextOptions = {}) {
      failRules.add(count, rule)
    },
    get failJobs() {
      return failJobs
    },
    set failJobs(value: boolean | number) {
      failJobs = value
    },
    reset() {
      for (const onReset of sleeping) onReset()
      sleeping.clear()
      gpu.reset()
      Object.assign(state, initialState(initialModel))
      random = seededRandom(options.seed ?? 1)
      failJobs = options.failJobs ?? false
      failRules.clear()
    },
    routes: router.routes().map(({ method, pattern }) => ({ method, pattern })),
  }
}
