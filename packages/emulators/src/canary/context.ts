/**
 * Options, timings and in-memory state of the CanaryLLM emulator.
 */

/** What a queued job makes; decides its processing time and result shape. */
export type CanaryJobKind =
  | 'image'
  | 'video'
  | 'speech'
  | 'soundEffect'
  | 'music'
  | 'dialogue'
  | 'transcription'
  | 'completion'
  | 'detection'
  | 'webDetection'

/** Typical processing time of each kind on the real service, in milliseconds, before `timeScale`. */
export const TYPICAL_PROCESSING_MS: Record<CanaryJobKind, number> = {
  image: 8_000,
  video: 60_000,
  speech: 2_000,
  soundEffect: 4_000,
  music: 15_000,
  dialogue: 5_000,
  transcription: 4_000,
  completion: 3_000,
  detection: 500,
  webDetection: 1_500,
}

/** Typical training time of a custom model, before `timeScale`. */
export const TYPICAL_TRAINING_MS = 60_000

export const DEFAULT_TIME_SCALE = 0.02

/**
 * Options of `createCanaryEmulator`. Durations default to typical ones times `timeScale`.
 */
export interface CanaryEmulatorOptions {
  /** Multiplies every typical duration. 1 plays in real time, 0 as fast as possible. Default 0.02. */
  timeScale?: number
  /** Processing time per job kind, in milliseconds (overrides `timeScale` for that kind). */
  processingMs?: Partial<Record<CanaryJobKind, number>>
  /** Training time of a custom model, in milliseconds. */
  trainingMs?: number
  /** Jobs processed at once; the rest wait in the queue with a position. Default 1. */
  workers?: number
  /** Accepted API keys. Default: any non-empty key (missing → 401). */
  apiKeys?: readonly string[]
  /** Answer 429 with `Retry-After` beyond `requests` per `windowMs` (all routes). Default: no limit. */
  rateLimit?: { requests: number; windowMs: number }
  /**
   * Exact size in bytes of every video result's MP4 (at least its natural size). The result's
   * JSON is streamed, so even a 256 MiB video is never held in memory here.
   */
  videoBytes?: number
  /** Frame size of every video, instead of the one `resolution` and `aspectRatio` give (small frames keep tests fast). */
  videoFrame?: { width: number; height: number }
  /** Longer side of images sized by `aspectRatio` or not sized at all. Default 1024. */
  imageBaseSize?: number
  /** Make jobs fail: `true` (all), a share in 0-1, or `false` (none, the default). */
  failJobs?: boolean | number
  /** Seed of the random generator behind media seeds and `failJobs` rates. Default 1. */
  seed?: number
}

/** The settings in effect; change a field to change the emulator from then on. */
export interface CanarySettings {
  processingMs: Record<CanaryJobKind, number>
  trainingMs: number
  workers: number
  videoBytes: number | undefined
  videoFrame: { width: number; height: number } | undefined
  imageBaseSize: number
}

export function resolveSettings(options: CanaryEmulatorOptions): CanarySettings {
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE
  if (!(timeScale >= 0)) throw new RangeError(`timeScale must be >= 0, got ${timeScale}`)
  const processingMs = Object.fromEntries(
    Object.entries(TYPICAL_PROCESSING_MS).map(([kind, ms]) => [
      kind,
      options.processingMs?.[kind as CanaryJobKind] ?? ms * timeScale,
    ]),
  ) as Record<CanaryJobKind, number>
  const workers = options.workers ?? 1
  if (!(Number.isInteger(workers) && workers >= 1)) {
    throw new RangeError(`workers must be a positive integer, got ${workers}`)
  }
  return {
    processingMs,
    trainingMs: options.trainingMs ?? TYPICAL_TRAINING_MS * timeScale,
    workers,
    videoBytes: options.videoBytes,
    videoFrame: options.videoFrame,
    imageBaseSize: options.imageBaseSize ?? 1024,
  }
}

/** One request the emulator answered. */
export interface CanaryRequestRecord {
  method: string
  path: string
  /** The route pattern it matched, e.g. `/api/vision/train/{jobId}`. */
  route?: string
  status?: number
  /** How the key came: `bearer` (Authorization) or `x-api-key`. */
  auth?: 'bearer' | 'x-api-key'
  /** The `Idempotency-Key` header, when sent. */
  idempotencyKey?: string
  /** The parsed JSON body, when there was one. */
  body?: unknown
  /** `Date.now()` when it arrived. */
  at: number
}

export type CanaryJobStatus = 'queued' | 'processing' | 'completed' | 'error' | 'cancelled'

/** One job on the queue. */
export interface CanaryJob {
  queueId: string
  kind: CanaryJobKind
  /** The endpoint that made it, e.g. `/api/llm/generate-video`. */
  endpoint: string
  /** The validated request body. */
  request: Record<string, unknown>
  status: CanaryJobStatus
  createdAt: string
  startedAt: string | null
  completedAt: string | null
  processingMs: number
  /** The result, once completed (media embedded lazily). */
  result?: unknown
  error?: { code: string; message: string }
  /** A completion's text pieces so far (streamed as `chunk` events). */
  chunks: string[]
  /** A completion asked for `stream: true`. */
  stream: boolean
}

/** A custom model training run. */
export interface TrainingJob {
  jobId: string
  classes: string[]
  baseModel: string
  datasetStats: { train: number; val: number; total: number }
  effectiveEpochs: number
  startedAt: number
  plannedMs: number
  modelId: string
  /** Whether its model has been added to the models (it may be deleted later). */
  settled: boolean
}

/** A model trained here. */
export interface CustomModel {
  id: string
  classes: string[]
  baseModel: string
  createdAt: string
}

/** Everything the emulator remembers; inspect it in tests. `reset()` empties it. */
export interface CanaryState {
  jobs: Map<string, CanaryJob>
  /** Waiting jobs, first in line first. */
  queue: CanaryJob[]
  /** Jobs processing now. */
  processing: Set<CanaryJob>
  /** The most jobs processed at once so far. */
  maxProcessing: number
  requests: CanaryRequestRecord[]
  /** Submits by `Idempotency-Key`: a repeated key answers with the first job. */
  idempotency: Map<string, string>
  training: Map<string, TrainingJob>
  models: Map<string, CustomModel>
}

export function initialState(): CanaryState {
  return {
    jobs: new Map(),
    queue: [],
    processing: new Set(),
    maxProcessing: 0,
    requests: [],
    idempotency: new Map(),
    training: new Map(),
    models: new Map(),
  }
}
