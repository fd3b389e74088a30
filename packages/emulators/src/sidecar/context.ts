/**
 * Options, timings and in-memory state of the Silly Media emulator, and the small context every
 * area of the API receives (state, GPU, clock, ids).
 */
import type { ModelSelection, Registry } from './catalog'
import type { Gpu } from './gpu'

/** A job's status, as the server's `VideoStatusResponse` and `MusicStatusResponse` spell it. */
export type JobStatus = 'queued' | 'processing' | 'completed' | 'failed'

/** One user LoRA file the emulated server has installed (what `GET /loras` lists). */
export interface LoraFile {
  /** File name without `.safetensors`. */
  name: string
  sizeMb?: number
  displayName?: string
  description?: string
  defaultScale?: number
  recommended?: string
  source?: string
  modes?: string[]
  triggerWords?: string[]
}

/**
 * Options of `createSidecarEmulator`. Durations are the emulated GPU's, in milliseconds; each
 * defaults to the real sidecar's typical duration multiplied by `timeScale`.
 */
export interface SidecarEmulatorOptions {
  /**
   * Multiplies every typical duration (a 50-step video job takes about 75 s on a real GPU, so
   * 1.5 s at the default 0.02). 1 plays in real time; 0 makes everything as fast as possible.
   */
  timeScale?: number
  /** One denoising step of image, pixel art, sprite, img2img and ComfyUI calls. Typical: 500 ms. */
  imageStepMs?: number
  /** Processing time of every video job, whatever its steps. Typical: 75 s per 50 steps. */
  videoJobMs?: number
  /** Processing time of every music job. Typical: (steps × 1.5 + 5) s. */
  musicJobMs?: number
  /** Unloading one model and loading another. Typical: 5 s. */
  swapDelayMs?: number
  /** Producing one streamed chunk (about 0.85 s of audio) of speech. Typical: 150 ms. */
  ttsChunkMs?: number
  /** Producing one LLM token. Typical: 25 ms. */
  llmTokenMs?: number
  /** Answering one vision question. Typical: 3 s. */
  visionMs?: number
  /** Downloading and cutting the audio of `POST /actors/from-youtube`. Typical: 10 s. */
  youtubeMs?: number
  /** Shape and texture of one `POST /model3d/generate`. Typical: 1 s per shape step + 30 s texture. */
  model3dMs?: number
  /** The model in VRAM when the emulator starts; `null` for none. Default `z-image-turbo`. */
  initialModel?: string | null
  /**
   * Make asynchronous video and music jobs fail: `true` for all of them, a number in 0-1 for that
   * share of them (decided by a seeded random generator). Default `false`.
   */
  failJobs?: boolean | number
  /** Seed of the random generator behind random media seeds and `failJobs` rates. Default 1. */
  seed?: number
  /**
   * Pad every video download to exactly this many bytes (filler the decoder skips), streamed
   * in chunks: for memory benchmarks with large files. Default: the video's natural size.
   */
  videoBytes?: number
  /**
   * GPUs working at once, each on one piece of work; they share the one loaded model (a swap
   * changes it for all). Default 1, like the real sidecar. More lets a benchmark run many
   * asynchronous jobs side by side without them queueing.
   */
  gpus?: number
  /**
   * How a video job's status moves while it runs. `'stepped'` (default) follows the current
   * server, whose diffusers step callback mirrors every denoising step into the job
   * (`current_step` counts up, `progress = min(step / total, 0.99)`); `'held'` behaves like
   * servers before that callback: `progress` 0 and `current_step` 0 until the job completes.
   */
  videoProgress?: 'stepped' | 'held'
  /**
   * How a music job's progress moves while it runs. `'held'` (default) follows the current
   * server, which passes no progress callback to ACE-Step: the status keeps `progress` 0 and
   * `current_step` 0, and `GET /music/progress` stays at step 0, until the job ends.
   * `'stepped'` advances both step by step, as a server with a step callback would.
   */
  musicProgress?: 'held' | 'stepped'
  /**
   * The models this server offers, per type (ids from the current server code). Types left
   * out keep every model. Default: all of them except `z-image-turbo-pm`.
   */
  models?: ModelSelection
  /** Installed user LoRAs per family (`z-image`, `qwen-image-2.1`). Default: none. */
  loras?: Record<string, LoraFile[]>
}

/** Typical durations on a real GPU, before `timeScale`. */
export const TYPICAL_MS = {
  imageStep: 500,
  swap: 5_000,
  ttsChunk: 150,
  llmToken: 25,
  vision: 3_000,
  youtube: 10_000,
} as const

export const DEFAULT_TIME_SCALE = 0.02

/** The timings in effect; a job's duration is fixed when it starts. */
export interface SidecarTimings {
  timeScale: number
  imageStepMs: number
  swapDelayMs: number
  ttsChunkMs: number
  llmTokenMs: number
  visionMs: number
  youtubeMs: number
  /** `undefined`: derived from each job's steps (75 s per 50 steps, times `timeScale`). */
  videoJobMs: number | undefined
  /** `undefined`: derived from each job's steps ((steps × 1.5 + 5) s, times `timeScale`). */
  musicJobMs: number | undefined
  /** `undefined`: derived from the request (1 s per shape step, 30 s of texture). */
  model3dMs: number | undefined
}

export function resolveTimings(options: SidecarEmulatorOptions): SidecarTimings {
  const timeScale = options.timeScale ?? DEFAULT_TIME_SCALE
  if (!(timeScale >= 0)) throw new RangeError(`timeScale must be >= 0, got ${timeScale}`)
  return {
    timeScale,
    imageStepMs: options.imageStepMs ?? TYPICAL_MS.imageStep * timeScale,
    swapDelayMs: options.swapDelayMs ?? TYPICAL_MS.swap * timeScale,
    ttsChunkMs: options.ttsChunkMs ?? TYPICAL_MS.ttsChunk * timeScale,
    llmTokenMs: options.llmTokenMs ?? TYPICAL_MS.llmToken * timeScale,
    visionMs: options.visionMs ?? TYPICAL_MS.vision * timeScale,
    youtubeMs: options.youtubeMs ?? TYPICAL_MS.youtube * timeScale,
    videoJobMs: options.videoJobMs,
    musicJobMs: options.musicJobMs,
    model3dMs: options.model3dMs,
  }
}

/** The server's own estimate of a video job, in seconds (`routers/video.py`). */
export const typicalVideoSeconds = (steps: number) => (steps / 50) * 75
/** The server's own estimate of a music job, in seconds (`routers/music.py`). */
export const typicalMusicSeconds = (steps: number) => steps * 1.5 + 5

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** One request the emulator answered. */
export interface SidecarRequestRecord {
  method: string
  /** Path without the query string. */
  path: string
  /** The server's path pattern it matched, e.g. `/generate/{model}`. */
  route?: string
  /** Status code answered (a stream's status is known when its headers go out). */
  status?: number
  /** `Date.now()` when it arrived. */
  at: number
}

/** One stretch of GPU work, in the order the emulated GPU ran them. */
export interface GpuRun {
  model: string
  /** What ran, e.g. `POST /generate/z-image` or `video job 1a2b3c4d`. */
  label: string
  startedAt: number
  finishedAt?: number
}

/**
 * One of the server's `GenerationProgress` objects (`progress.py`): `progress` (shared by
 * `/progress`, `/pixelart/progress` and `/sprite/progress`), `img2img_progress` and
 * `music_progress`. Each is a single global the last `start()` takes over.
 */
export interface ProgressRecord {
  active: boolean
  step: number
  totalSteps: number
  startedAt: number
}

/** Which of the server's progress objects. */
export type ProgressChannel = 'image' | 'img2img' | 'music'

export interface StoredAudio {
  id: string
  filename: string
  originalName: string | null
  createdAt: string
  bytes: Uint8Array<ArrayBuffer>
}

export interface ActorRecord {
  id: string
  name: string
  language: string
  description: string | null
  createdAt: string
  updatedAt: string
  audio: StoredAudio[]
}

export interface MayaActorRecord {
  id: string
  name: string
  voiceDescription: string
  createdAt: string
  updatedAt: string
}

export interface TtsHistoryRecord {
  id: string
  /** What the server stores: the actor name as sent, or `[Maya] <voice>`. */
  actorName: string
  text: string
  language: string
  createdAt: string
  /** The WAV the history keeps. */
  bytes: Uint8Array<ArrayBuffer>
  /** `Date.now()` when saved (the server orders by `created_at`). */
  at: number
}

interface JobBase {
  id: string
  model: string
  status: JobStatus
  /** `progress` of the status body. */
  progress: number
  currentStep: number
  totalSteps: number
  /** `Date.now()` when the background task started (status `processing`). */
  startedAt?: number
  /** `Date.now()` when it completed or failed. */
  finishedAt?: number
  error: string | null
  /** Planned GPU time, in ms. */
  plannedMs: number
}

export interface VideoJob extends JobBase {
  kind: 't2v' | 'i2v'
  prompt: string
  resolution: string
  aspectRatio: string
  /** Frames asked for (what the database records). */
  numFrames: number
  fps: number
  seed: number
  /** Picture size and frame count of the file, known once the job ran. */
  width?: number
  height?: number
  frames?: number
}

/** A finished video as the server's `video_jobs` table keeps it (what history and downloads read). */
export interface VideoRecord {
  id: string
  model: string
  prompt: string
  resolution: string
  aspectRatio: string
  numFrames: number
  durationSeconds: number
  createdAt: string
  at: number
  width: number
  height: number
  frames: number
  fps: number
  seed: number
}

export interface MusicAudioRecord {
  index: number
  seed: number
  sampleRate: number
  /** Id of the folder the files are stored under (the model's own job id). */
  audioJobId: string
}

export interface MusicJob extends JobBase {
  caption: string
  durationSeconds: number
  audioFormat: 'wav' | 'flac' | 'mp3'
  batchSize: number
  seed: number
  audios: MusicAudioRecord[] | null
}

/** One generated music file on disk (`data/music/<audio job id>/<name>`). */
export interface MusicFile {
  name: string
  format: 'wav' | 'flac' | 'mp3'
  durationSeconds: number
  sampleRate: number
  /** Pitch of the emulated tone. */
  frequencyHz: number
}

/** A generated GLB and its reference picture (`data/models/<id>.glb`, `<id>_ref.png`). */
export interface Model3dRecord {
  id: string
  bytes: Uint8Array<ArrayBuffer>
  reference: { width: number; height: number; seed: number }
  at: number
}

/** One ComfyUI prompt (`routers/comfyui.py`'s `ComfyJob`). */
export interface ComfyJob {
  promptId: string
  status: 'queued' | 'processing' | 'completed' | 'failed'
  workflow: unknown
  saveNodeId: string
  outputs: Record<string, unknown>
  error: string | null
  totalSteps: number
  currentStep: number
}

/** Everything the emulator remembers; inspect it in tests. `reset()` empties it. */
export interface SidecarState {
  /** The model in VRAM, or `null` (none yet, or in the middle of a swap). */
  loadedModel: string | null
  /** The swap under way, if any. */
  swapping: { from: string | null; to: string } | null
  /** How many times a model was loaded (each load is a swap, and costs `swapDelayMs`). */
  swaps: number
  /** The models loaded, in order (the initial model is not counted). */
  modelLoads: string[]
  /**
   * Generation work in flight now: synchronous generation requests being answered (waiting
   * for the GPU or running) plus asynchronous jobs not yet finished.
   */
  activeGenerations: number
  /** The highest `activeGenerations` seen: 1 proves a client kept one request in flight. */
  maxConcurrentGenerations: number
  /** Every request, in arrival order. */
  requests: SidecarRequestRecord[]
  /** GPU work in the order it ran; runs never overlap (with the default single GPU). */
  gpuRuns: GpuRun[]
  /** The server's three progress objects. */
  progress: Record<ProgressChannel, ProgressRecord>
  /** XTTS actors by id. */
  actors: Map<string, ActorRecord>
  /** Maya actors by id. */
  mayaActors: Map<string, MayaActorRecord>
  /** Oldest first (the API lists them newest first). */
  ttsHistory: TtsHistoryRecord[]
  /** The video router's in-memory jobs (`_jobs`). */
  videoJobs: Map<string, VideoJob>
  /** The `video_jobs` table: finished videos. */
  videos: Map<string, VideoRecord>
  /** The music router's in-memory jobs (`_jobs`). */
  musicJobs: Map<string, MusicJob>
  /** `data/music/`: generated files by the model's own job id. */
  musicFiles: Map<string, MusicFile[]>
  /** `data/models/`: generated GLBs by id. */
  models3d: Map<string, Model3dRecord>
  /** ComfyUI prompts by id. */
  comfyJobs: Map<string, ComfyJob>
  /** `data/comfy/output/`: ComfyUI images by file name. */
  comfyFiles: Map<string, { width: number; height: number; seed: number }>
  /** ComfyUI's global image counter. */
  comfyCounter: number
}

const idleProgress = (): ProgressRecord => ({ active: false, step: 0, totalSteps: 0, startedAt: 0 })

export function initialState(initialModel: string | null): SidecarState {
  return {
    loadedModel: initialModel,
    swapping: null,
    swaps: 0,
    modelLoads: [],
    activeGenerations: 0,
    maxConcurrentGenerations: 0,
    requests: [],
    gpuRuns: [],
    progress: { image: idleProgress(), img2img: idleProgress(), music: idleProgress() },
    actors: new Map(),
    mayaActors: new Map(),
    ttsHistory: [],
    videoJobs: new Map(),
    videos: new Map(),
    musicJobs: new Map(),
    musicFiles: new Map(),
    models3d: new Map(),
    comfyJobs: new Map(),
    comfyFiles: new Map(),
    comfyCounter: 0,
  }
}

// ---------------------------------------------------------------------------------------------
// Context
// ---------------------------------------------------------------------------------------------

/** Raised into pending waits when the emulator is reset; background work stops quietly. */
export class EmulatorResetError extends Error {
  constructor() {
    super('the emulator was reset')
    this.name = 'EmulatorResetError'
  }
}

/** What every area of the API works with. */
export interface SidecarContext {
  readonly state: SidecarState
  readonly timings: SidecarTimings
  readonly gpu: Gpu
  readonly registry: Registry
  readonly videoProgress: 'stepped' | 'held'
  readonly musicProgress: 'held' | 'stepped'
  readonly loras: Record<string, LoraFile[]>
  /** Waits `ms`; rejects with `EmulatorResetError` if the emulator is reset meanwhile. */
  sleep(ms: number): Promise<void>
  /** Runs `work` soon, like a background task started after the response. */
  background(work: () => void): void
  /** A seeded random number in [0, 1). */
  random(): number
  /** A random media seed (what the server picks for `seed: -1`: 0 to 2³²-1). */
  randomSeed(): number
  /** Whether the next asynchronous job should fail (see `failJobs`). */
  shouldFailJob(): boolean
  /** `str(uuid.uuid4())[:8]`, or `uuid4().hex[:length]`. */
  newId(length?: number): string
  /** Naive UTC timestamp of now, as pydantic writes a `datetime.utcnow()`. */
  timestamp(): string
  /** See `SidecarEmulatorOptions.videoBytes`. */
  readonly videoBytes: number | undefined
}

/** A seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let value = seed >>> 0
  return () => {
    value = (value + 0x6d2b79f5) >>> 0
    let t = value
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export const newId = (length = 8): string =>
  globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, length)

/**
 * A naive ISO timestamp (`2026-12-06T10:30:00.123456`): Python's `datetime.utcnow()` as
 * pydantic serialises it, with no `Z` and no offset. Microseconds are dropped when zero, as
 * `isoformat()` does.
 */
export function naiveTimestamp(ms = Date.now(), micro = 0): string {
  const iso = new Date(ms).toISOString() // 2026-12-06T10:30:00.123Z
  const micros = (ms % 1000) * 1000 + micro
  const base = iso.slice(0, 19)
  return micros === 0 ? base : `${base}.${String(micros).padStart(6, '0')}`
}
