/**
 * Options, timings and in-memory state of the Silly Media emulator, and the small context every
 * area of the API receives (state, GPU, clock, ids).
 */
import type { JobStatus } from '@atelier/local'
import type { Gpu } from './gpu'

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
  /** One denoising step of image, pixel art and img2img calls. Typical: 500 ms. */
  imageStepMs?: number
  /** Processing time of every video job, whatever its steps. Typical: 75 s per 50 steps. */
  videoJobMs?: number
  /** Processing time of every music job. Typical: (steps × 1.5 + 5) s. */
  musicJobMs?: number
  /** Unloading one model and loading another. Typical: 5 s. */
  swapDelayMs?: number
  /** Producing one chunk (0.5 s of audio) of speech. Typical: 150 ms. */
  ttsChunkMs?: number
  /** Producing one LLM token. Typical: 25 ms. */
  llmTokenMs?: number
  /** Answering one vision question. Typical: 3 s. */
  visionMs?: number
  /** Downloading and cutting the audio of `POST /actors/from-youtube`. Typical: 10 s. */
  youtubeMs?: number
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
  }
}

/** Typical seconds of a video job on a real GPU (the sidecar's own estimate). */
export const typicalVideoSeconds = (steps: number) => (steps / 50) * 75
/** Typical seconds of a music job on a real GPU (the sidecar's own estimate). */
export const typicalMusicSeconds = (steps: number) => steps * 1.5 + 5

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/** One request the emulator answered. */
export interface SidecarRequestRecord {
  method: string
  /** Path without the query string. */
  path: string
  /** The API document's path pattern it matched, e.g. `/generate/{model}`. */
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

/** The progress endpoints' view of one synchronous run. */
export interface ProgressRecord {
  step: number
  totalSteps: number
  startedAt: number
}

/** Which progress endpoint reports a run. */
export type ProgressChannel = 'image' | 'pixelart' | 'img2img' | 'music'

export interface StoredAudio {
  id: string
  filename: string
  originalName: string | null
  durationSeconds: number | null
  createdAt: string
  /** Uploaded bytes, or `undefined` for synthetic audio (generated on download). */
  bytes?: Uint8Array<ArrayBuffer>
  contentType: string
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
  /** `xtts-v2` or `maya`. */
  model: string
  actorName: string | null
  text: string
  language: string | null
  durationSeconds: number
  sampleRate: number
  /** Pitch of the synthetic voice (a tone), so the audio can be generated again on download. */
  frequencyHz: number
  createdAt: string
}

interface JobBase {
  id: string
  model: string
  status: JobStatus
  currentStep: number
  totalSteps: number
  /** `Date.now()` when processing started. */
  startedAt?: number
  /** `Date.now()` when it completed or failed. */
  finishedAt?: number
  error: string | null
  createdAt: string
  /** Planned processing time, in ms. */
  plannedMs: number
}

export interface VideoJob extends JobBase {
  kind: 't2v' | 'i2v'
  prompt: string
  resolution: string
  aspectRatio: string
  numFrames: number
  fps: number
  width: number
  height: number
  seed: number
}

export interface MusicAudioRecord {
  index: number
  seed: number
  sampleRate: number
}

export interface MusicJob extends JobBase {
  caption: string
  durationSeconds: number
  audioFormat: string
  batchSize: number
  seed: number
  audios: MusicAudioRecord[] | null
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
  progress: Record<ProgressChannel, ProgressRecord | null>
  /** XTTS actors by name. */
  actors: Map<string, ActorRecord>
  /** Maya actors by id. */
  mayaActors: Map<string, MayaActorRecord>
  /** Oldest first (the API lists them newest first). */
  ttsHistory: TtsHistoryRecord[]
  videoJobs: Map<string, VideoJob>
  musicJobs: Map<string, MusicJob>
}

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
    progress: { image: null, pixelart: null, img2img: null, music: null },
    actors: new Map(),
    mayaActors: new Map(),
    ttsHistory: [],
    videoJobs: new Map(),
    musicJobs: new Map(),
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
  /** Waits `ms`; rejects with `EmulatorResetError` if the emulator is reset meanwhile. */
  sleep(ms: number): Promise<void>
  /** A seeded random number in [0, 1). */
  random(): number
  /** A random media seed (what the sidecar picks for `seed: -1`). */
  randomSeed(): number
  /** Whether the next asynchronous job should fail (see `failJobs`). */
  shouldFailJob(): boolean
  /** A short random hex id. */
  newId(length?: number): string
  /** ISO 8601 timestamp of now. */
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
