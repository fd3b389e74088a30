/**
 * Options, timings and in-memory state of the Vision Studio emulator, and the context every
 * part of it shares (clock, ids, randomness, the file store, the task list).
 */
import type { StatusRoute } from './operations'

export interface VisionStudioEmulatorOptions {
  /**
   * The key `X-API-Key` must carry. Default: any non-empty key is accepted (a request without
   * one is refused with 403, as the real service's `APIKeyHeader` does).
   */
  apiKey?: string
  /** How long synchronous calls take to answer. Default 10 ms. */
  syncMs?: number
  /** How long an asynchronous task waits before it runs. Default 30 ms. */
  taskQueuedMs?: number
  /** How long an asynchronous task runs (progress rises evenly over it). Default 200 ms. */
  taskRunMs?: number
  /** How long LoRA training runs before the model is `completed`. Default 200 ms. */
  trainingMs?: number
  /**
   * Make asynchronous tasks fail a third of the way in: `true` for all of them, a number in
   * 0-1 for that share of them (decided by a seeded random generator). Default `false`.
   */
  failTasks?: boolean | number
  /** Seed of the random generator behind media seeds and `failTasks` rates. Default 1. */
  seed?: number
  /** Add `Retry-After` (seconds) to status answers of running tasks. Default: none. */
  statusRetryAfterSeconds?: number
}

/** The timings in effect; change a field to change the emulator's speed from then on. */
export interface VisionStudioTimings {
  syncMs: number
  taskQueuedMs: number
  taskRunMs: number
  trainingMs: number
}

export function resolveTimings(options: VisionStudioEmulatorOptions): VisionStudioTimings {
  const timings = {
    syncMs: options.syncMs ?? 10,
    taskQueuedMs: options.taskQueuedMs ?? 30,
    taskRunMs: options.taskRunMs ?? 200,
    trainingMs: options.trainingMs ?? 200,
  }
  for (const [name, value] of Object.entries(timings)) {
    if (!(value >= 0)) throw new RangeError(`${name} must be >= 0, got ${value}`)
  }
  return timings
}

/** A file the emulator serves under `/emulator/files/{id}.{ext}`, made on each download. */
export type FileRecipe =
  | { kind: 'png'; width: number; height: number; seed: number; alpha?: boolean }
  | { kind: 'jpeg'; width: number; height: number; seed: number }
  | { kind: 'svg'; width: number; height: number; seed: number }
  | { kind: 'mp4'; width: number; height: number; durationSeconds: number; seed: number }
  | { kind: 'wav'; durationSeconds: number }
  | { kind: 'zip'; masks: number; width: number; height: number; seed: number }

/** What an operation makes: its files (with the seed of each picture). */
export interface Output {
  files: { id: string; url: string; recipe: FileRecipe }[]
  /** Text a model wrote beside its pictures (Gemini). */
  text?: string
}

/** One asynchronous task: its state follows the clock from `createdAt`. */
export interface EmulatedTask {
  id: string
  route: StatusRoute
  /**
   * The document's route of the endpoint that started it, e.g.
   * `POST /api/v1/runway/video/generation/generate-video-from-text`.
   */
  operation: string
  createdAt: number
  queuedMs: number
  runMs: number
  /** Set when `failTasks` picked this task: it fails a third of the way into its run. */
  fails: boolean
  canceledAt?: number
  output: Output
}

export type TaskPhase = 'queued' | 'running' | 'completed' | 'failed' | 'canceled'

/**
 * The phase of a task at `now`, and its progress (0-1). A cancel freezes the clock of the task:
 * what had happened by then stands (a task that had already finished stays finished).
 */
export function taskPhase(task: EmulatedTask, now: number): { phase: TaskPhase; progress: number } {
  const at = task.canceledAt ?? now
  const running = at - task.createdAt - task.queuedMs
  const share = (ms: number) =>
    Math.round(Math.max(0, Math.min(1, task.runMs === 0 ? 1 : ms / task.runMs)) * 100) / 100
  const failAt = task.fails ? task.runMs / 3 : Number.POSITIVE_INFINITY
  if (running >= failAt) return { phase: 'failed', progress: share(failAt) }
  if (running >= task.runMs) return { phase: 'completed', progress: 1 }
  if (task.canceledAt !== undefined) return { phase: 'canceled', progress: share(running) }
  if (running < 0) return { phase: 'queued', progress: 0 }
  return { phase: 'running', progress: share(running) }
}

export interface LoraProjectRecord {
  id: number
  project_name: string
  project_description: string | null
  ip_name: string | null
  ip_description: string | null
  ip_medium: string
  ip_type: string
  created_at: string
}

export interface LoraDatasetRecord {
  id: number
  project_id: number
  name: string
  caption_prefix: string | null
  status: string
  created_at: string
}

export interface LoraImageRecord {
  id: number
  dataset_id: number
  image_name: string | null
  image_url: string | null
  file_path: string | null
  caption: string
}

export interface LoraModelRecord {
  id: number
  dataset_id: number
  name: string
  description: string | null
  training_version: string
  /** `created`, `training` (until `trainingEndsAt`), `completed` or `stopped`. */
  status: string
  trainingEndsAt?: number
  created_at: string
}

/** One request the emulator answered. */
export interface VisionStudioRequestRecord {
  method: string
  path: string
  /**
   * The documented endpoint the request reached, as the API document writes it (method and
   * path template), e.g. `POST /api/v1/prompt/enhance-prompt`; absent for other paths.
   */
  endpoint?: string
  status?: number
  at: number
}

export interface VisionStudioState {
  requests: VisionStudioRequestRecord[]
  tasks: Map<string, EmulatedTask>
  files: Map<string, FileRecipe>
  /** Upload ids handed out by `POST /api/v1/firefly/upload`, with the size of each file. */
  uploads: Map<string, { bytes: number; mediaType: string }>
  projects: Map<number, LoraProjectRecord>
  datasets: Map<number, LoraDatasetRecord>
  images: Map<number, LoraImageRecord>
  models: Map<number, LoraModelRecord>
  /** The next LoRA id (shared by every LoRA resource). */
  nextId: number
}

export function initialState(): VisionStudioState {
  return {
    requests: [],
    tasks: new Map(),
    files: new Map(),
    uploads: new Map(),
    projects: new Map(),
    datasets: new Map(),
    images: new Map(),
    models: new Map(),
    nextId: 1,
  }
}

/** What every part of the emulator receives. */
export interface VisionStudioContext {
  state: VisionStudioState
  timings: VisionStudioTimings
  now(): number
  timestamp(): string
  random(): number
  randomSeed(): number
  newId(prefix: string): string
  shouldFailTask(): boolean
  /** Registers files to be served and returns them with their URLs on `origin`. */
  output(origin: string, recipes: FileRecipe[], text?: string): Output
  statusRetryAfterSeconds: number | undefined
}
