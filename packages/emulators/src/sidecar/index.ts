/**
 * The Silly Media emulator: a fetch-style handler that answers like the self-hosted GPU sidecar
 * (`dearlordlt/silly-media`, a FastAPI app on port 4201) with fake media. Run it inside msw for
 * unit tests, or as a real loopback server with `serve(createSidecarEmulator().handler)`.
 *
 * Its rules come from the server's own code — the pydantic models, routers and models under
 * `src/silly_media/` — at its newest commits (main.py, schemas.py, img2img and LoRAs @ 08be65be;
 * video @ 5910d574; music @ 14d32362 / 5274762; TTS @ a7c07878 / 7fecc6da; ComfyUI @ 596c338d;
 * 3D @ 1a6841ee / 32cb2fbf), not from a client package and not from the API document of
 * February 2026 where the code differs. Each area's file names the server files it follows.
 * Every route of that code is served except the ComfyUI WebSocket: health and models, LoRAs,
 * images, pixel art, sprites, img2img, XTTS and Maya speech with actors and history, video and
 * music jobs, vision, LLM, 3D models (GLB) and the ComfyUI-compatible root routes.
 *
 * Requests are validated the way the server's pydantic v2 models and FastAPI validate them
 * (ranges, defaults, enums, lengths; unknown fields ignored) and rejected with the server's
 * 422 body `{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}` in pydantic's wording. Other
 * errors carry the server's texts (`Model 'x' not found. Available: [...]`,
 * `Unknown video model: x`, ...); an exception the server would not catch is Starlette's plain
 * 500 `Internal Server Error`. Timestamps are naive, as `datetime.utcnow()` serialises.
 *
 * It behaves like one GPU behind the server's VRAM manager: one model in VRAM at a time (other
 * models are swapped in, which takes time and is counted), generation work strictly one after
 * another, the server's progress objects following the running work, and video and music jobs
 * that go `queued` → `processing` → `completed`. `videoProgress` and `musicProgress` choose
 * between the current server's progress reporting and the one of other server versions.
 *
 * Deviations from a real sidecar: no model runs; images are gradients or sprites, speech and
 * music are tones (MP3 music is silent), videos are still pictures, 3D models are spheres, LLM
 * and vision answers are fixed texts; durations are the typical ones times `timeScale`; models
 * are never unloaded for idleness. Only web-standard APIs are used (no `node:` modules), so the
 * handler runs in Node, browsers and edge runtimes alike.
 */
import { type FailRule, FailRules } from '../fail-rules'
import type { FetchHandler } from '../server'
import { registerActorRoutes } from './actors'
import { Registry } from './catalog'
import { registerComfyRoutes } from './comfyui'
import {
  EmulatorResetError,
  initialState,
  naiveTimestamp,
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
import { registerImg2ImgRoutes } from './img2img'
import { registerLlmRoutes } from './llm'
import { registerMayaRoutes } from './maya'
import { registerModel3dRoutes } from './model3d'
import { registerModelRoutes } from './models'
import { registerMusicRoutes } from './music'
import {
  detail,
  HttpError,
  internalServerError,
  UncaughtError,
  ValidationFailure,
  validationError,
} from './responses'
import { Router } from './router'
import { registerTtsRoutes } from './tts'
import { registerVideoRoutes } from './video'
import { registerVisionRoutes } from './vision'

export type { CatalogModel, ModelSelection, ModelType } from './catalog'
export { CATALOG as SIDECAR_MODEL_CATALOG } from './catalog'
export type {
  ActorRecord,
  ComfyJob,
  GpuRun,
  JobStatus,
  LoraFile,
  MayaActorRecord,
  Model3dRecord,
  MusicAudioRecord,
  MusicFile,
  MusicJob,
  ProgressChannel,
  ProgressRecord,
  SidecarEmulatorOptions,
  SidecarRequestRecord,
  SidecarState,
  SidecarTimings,
  TtsHistoryRecord,
  VideoJob,
  VideoRecord,
} from './context'
export { imageSize as sidecarImageSize } from './image'
export { INJECTED_JOB_ERROR as SIDECAR_INJECTED_JOB_ERROR } from './jobs'
export type { PydanticError } from './pydantic'
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
  /** The routes served, as the server's routers declare them. */
  readonly routes: readonly { method: string; pattern: string }[]
}

/** Creates a Silly Media emulator; see `SidecarEmulatorOptions` for its timings and knobs. */
export function createSidecarEmulator(options: SidecarEmulatorOptions = {}): SidecarEmulator {
  const initialModel = options.initialModel === undefined ? 'z-image-turbo' : options.initialModel
  const state = initialState(initialModel)
  const timings = resolveTimings(options)
  const registry = new Registry(options.models)
  const videoProgress = options.videoProgress ?? 'stepped'
  if (videoProgress !== 'stepped' && videoProgress !== 'held') {
    throw new RangeError(`videoProgress must be 'stepped' or 'held', got ${String(videoProgress)}`)
  }
  const musicProgress = options.musicProgress ?? 'held'
  if (musicProgress !== 'stepped' && musicProgress !== 'held') {
    throw new RangeError(`musicProgress must be 'held' or 'stepped', got ${String(musicProgress)}`)
  }
  // Sleeps in progress, each with the way to end it early: a reset ends them all. A set rather
  // than abort listeners on one signal, which warn once more than ten GPU waits run at once.
  const sleeping = new Set<() => void>()
  // Background tasks not started yet; a reset drops them.
  const pending = new Set<ReturnType<typeof setTimeout>>()
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
    registry,
    videoProgress,
    musicProgress,
    loras: options.loras ?? {},
    sleep,
    background: (work) => {
      const timer = setTimeout(() => {
        pending.delete(timer)
        work()
      }, 0)
      pending.add(timer)
    },
    random: () => random(),
    randomSeed: () => Math.floor(random() * 2 ** 32),
    shouldFailJob: () => (typeof failJobs === 'number' ? random() < failJobs : failJobs),
    newId,
    timestamp: () => naiveTimestamp(Date.now(), Math.floor((performance.now() % 1) * 1000)),
    videoBytes: options.videoBytes,
  }

  const router = new Router()
  registerModelRoutes(router, ctx)
  registerImageRoutes(router, ctx)
  registerImg2ImgRoutes(router, ctx)
  registerTtsRoutes(router, ctx)
  registerActorRoutes(router, ctx)
  registerMayaRoutes(router, ctx)
  registerVideoRoutes(router, ctx)
  registerVisionRoutes(router, ctx)
  registerLlmRoutes(router, ctx)
  registerMusicRoutes(router, ctx)
  registerModel3dRoutes(router, ctx)
  registerComfyRoutes(router, ctx)

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
      if (error instanceof ValidationFailure) return validationError(error.errors)
      if (error instanceof HttpError) return error.toResponse()
      if (error instanceof UncaughtError) return internalServerError()
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
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
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
