/**
 * The `local` driver: atelier's task contract on a Silly Media sidecar, the user's own GPU.
 *
 * - Synchronous endpoints (image, pixel art, img2img, TTS, vision, LLM, 3D) are **inline
 *   jobs**: `submit` returns at once, the request runs as the job once the GPU slot is free,
 *   the engine reads its progress (the place in line, then the matching `/progress`), and a
 *   cancel aborts the request.
 * - Video and music are the sidecar's own **async jobs**, resumable from their ref anywhere.
 *   The sidecar cannot stop them: cancelling stops watching (`cancel: 'local'`), keeps the GPU
 *   slot until the server is really done, then deletes the job's files.
 * - Model ids are checked against what the server lists (`GET /models`, read once per driver
 *   and read again when an id is missing), so a wrong id fails before any work with the valid
 *   ones named.
 * - Bodies are checked against the sidecar's rules before any request; validation errors,
 *   local or the server's 422, name the caller's fields (`steps`, `size.width`), and
 *   `providerOptions.local` cannot overwrite a field set from one of them.
 * - All GPU work passes through a client-side **GPU queue** (one job at a time by default,
 *   grouped by model to avoid swaps, with a bound on how long any job is passed over).
 *
 * Nothing here waits on a timer: the engine in core decides when to look again.
 */
import {
  checkOptionNames,
  type Driver,
  type OptionNames,
  resumeJob,
  type TaskHandler,
} from '@atelier/core'
import { DEFAULT_POLLING, defineDriver, requestContextOf } from '@atelier/core/driver'
import {
  createTransport,
  SILLY_MEDIA_CLIENT_OPTION_NAMES,
  type SillyMediaClientOptions,
} from '../client/http'
import { type Connection, type Transport, transportOf } from '../client/transport'
import { musicHandler, speechHandler } from './audio'
import { PROVIDER_ID } from './caller-fields'
import { GpuQueue, type GpuQueueOptions } from './gpu-queue'
import { HeldJobs } from './held-jobs'
import { imageEditHandler, imageGenerateHandler } from './image'
import { jobIsOver } from './jobs'
import { model3dHandler } from './model3d'
import { ModelCatalog } from './models'
import { Runtime } from './runtime'
import { textHandler } from './text'
import { videoHandler } from './video'
import { visionHandler } from './vision'

export interface LocalDriverOptions extends SillyMediaClientOptions, GpuQueueOptions {
  /**
   * A transport to share instead of building one from the other options: another driver's
   * `driver.transport`, `createTransport(...)`, or a `SillyMediaClient` (or its `transport`).
   * The driver's requests then go through that HTTP client (its base URL, auth, headers, `fetch`,
   * timeouts and retries); the connection options (`baseUrl`, `auth`, `headers`, `timeoutMs`,
   * `generationTimeoutMs`, `retry`, `fetch`, `clock`) are not read.
   */
  transport?: Connection
  /** How often the engine reads the progress of a synchronous call. Default 500 ms. */
  progressIntervalMs?: number
  /**
   * While work waits for the GPU slot, how often (at most) a video or music job holding the slot
   * is looked at: core's engine polls it from when the work joins the line until the job ends or
   * the wait does, sooner when the job's ETA says so. Default 1 s.
   */
  busyLeaseCheckMs?: number
  /**
   * Check model ids against the server's `GET /models` before submitting (read once, again when
   * an id is missing). Default true; false sends any id and lets the server answer.
   */
  checkModels?: boolean
}

/** The handlers of the `local` driver, one per task. */
export interface LocalTasks {
  readonly 'image.generate': TaskHandler<'image.generate'>
  readonly 'image.edit': TaskHandler<'image.edit'>
  readonly 'speech.generate': TaskHandler<'speech.generate'>
  readonly 'video.generate': TaskHandler<'video.generate'>
  readonly 'music.generate': TaskHandler<'music.generate'>
  readonly 'vision.analyze': TaskHandler<'vision.analyze'>
  readonly 'text.generate': TaskHandler<'text.generate'>
  readonly 'model3d.generate': TaskHandler<'model3d.generate'>
}

export interface LocalDriver extends Driver<typeof PROVIDER_ID, LocalTasks> {
  /**
   * The transport every request of the driver goes through. Pass it to the endpoint functions
   * (`listActors(driver.transport)`) or to `new SillyMediaClient(driver.transport)` from
   * `@atelier/local/client` for direct calls sharing the driver's HTTP client.
   */
  readonly transport: Transport
  /** The GPU queue all work passes through (stats: recent order, swaps). */
  readonly queue: GpuQueue
  /** Forgets the cached `GET /models` answer, so the next submit reads it again. */
  refreshModels(): void
}

const LOCAL_OPTION_NAMES = {
  ...SILLY_MEDIA_CLIENT_OPTION_NAMES,
  concurrency: true,
  scheduling: true,
  maxPassOvers: true,
  historySize: true,
  transport: true,
  progressIntervalMs: true,
  busyLeaseCheckMs: true,
  checkModels: true,
} as const satisfies OptionNames<LocalDriverOptions>

/**
 * Creates the driver. With no options it talks to `http://localhost:4201`. A name it does not
 * take (`baseURL`) or a `baseUrl` it cannot use (`localhost:4201`) is a ValidationError here.
 */
export function local(options: LocalDriverOptions = {}): LocalDriver {
  checkOptionNames('local()', options, LOCAL_OPTION_NAMES)
  const transport = options.transport ? transportOf(options.transport) : createTransport(options)
  const queue = new GpuQueue(options)
  const busyLeaseCheckMs = options.busyLeaseCheckMs ?? 1_000
  if (!(Number.isFinite(busyLeaseCheckMs) && busyLeaseCheckMs > 0)) {
    throw new RangeError(`busyLeaseCheckMs must be a positive number (got ${busyLeaseCheckMs})`)
  }
  /** How the engine watches a held job while work waits for its slot: at most every `busyLeaseCheckMs`. */
  const watching = {
    minIntervalMs: Math.min(DEFAULT_POLLING.minIntervalMs, busyLeaseCheckMs),
    initialIntervalMs: busyLeaseCheckMs,
    maxIntervalMs: busyLeaseCheckMs,
  }
  let driver: Driver | undefined
  const held = new HeldJobs({
    isOver: (kind, id, request) => jobIsOver(transport, kind, id, request),
    // Only called once work waits for a slot, long after the driver below exists.
    resume: (ref, clock, budget) =>
      resumeJob(driver!, ref, { clock, polling: budget ? { ...watching, budget } : watching }),
  })
  const runtime = new Runtime({
    transport,
    queue,
    held,
    models: new ModelCatalog(transport, options),
    settings: { progressIntervalMs: options.progressIntervalMs ?? 500 },
  })
  const tasks: LocalTasks = {
    'image.generate': imageGenerateHandler(runtime),
    'image.edit': imageEditHandler(runtime),
    'speech.generate': speechHandler(runtime),
    'video.generate': videoHandler(runtime),
    'music.generate': musicHandler(runtime),
    'vision.analyze': visionHandler(runtime),
    'text.generate': textHandler(runtime),
    'model3d.generate': model3dHandler(runtime),
  }
  const defined = defineDriver({
    id: PROVIDER_ID,
    tasks,
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 10_000 },
    listModels: (context) => runtime.models.list(requestContextOf(context)),
  })
  driver = defined
  return {
    ...defined,
    transport,
    queue,
    refreshModels: () => runtime.models.refresh(),
  }
}
