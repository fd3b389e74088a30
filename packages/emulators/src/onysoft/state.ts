/**
 * Options, timings and in-memory state of the Onysoft emulator. A task's life is computed from
 * the clock (`pending` for `pendingMs`, `processing` for `processingMs`, then `completed` or
 * `failed`), so there are no timers to stop and no background work.
 */
import type { OnysoftAlias, TaskKind } from './models'

export type { TaskKind } from './models'

export interface OnysoftEmulatorOptions {
  /**
   * The one API key accepted (as `Authorization: Bearer <key>`). Default: any bearer key
   * starting with `sk-ony-`.
   */
  apiKey?: string
  /**
   * Origin (and optional path) the result files are served from, by `cdnHandler`: a different
   * origin from the API, as with a real gateway whose results live on a storage host. Default
   * `https://cdn.onysoft.emulator` (for msw); `serveOnysoftEmulator` sets a loopback URL.
   */
  cdnBaseUrl?: string
  /** How long a task stays `pending`. Default 2 s × `timeScale`. */
  pendingMs?: number
  /**
   * How long a task stays `processing`. Default: the document's typical duration of its kind
   * (image 20 s, video 90 s, speech 10 s, music 60 s, ...) × `timeScale`.
   */
  processingMs?: number
  /** Multiplies the typical durations. Default 0.02 (a video takes under 2 s). */
  timeScale?: number
  /** Make tasks fail: `true` for all, a share in 0-1 (seeded), `false` (default) for none. */
  failJobs?: boolean | number
  /** Seed of the random generator behind `failJobs` shares. Default 1. */
  seed?: number
  /** Longest side of emulated images and videos, in pixels. Default 1024. */
  maxMediaSide?: number
  /** Frames per second of emulated videos. Default 24. */
  videoFps?: number
  /**
   * `timed` (default): a task moves on with the clock. `per-read`: it moves on with each
   * status lookup (`pending`, `processing` at 33 %, at 66 %, then `completed` or `failed`), for
   * tests that must see every status whatever the machine's speed.
   */
  lifecycle?: 'timed' | 'per-read'
}

/** Typical processing durations from the document ("image 10-30 s, video 30-180 s, TTS 5-15 s, music 30-90 s"). */
export const TYPICAL_PROCESSING_MS: Record<TaskKind, number> = {
  image: 20_000,
  video: 90_000,
  speech: 10_000,
  dialogue: 12_000,
  'sound-effect': 8_000,
  music: 60_000,
  transcription: 10_000,
  'audio-filter': 10_000,
}
export const TYPICAL_PENDING_MS = 2_000
export const DEFAULT_TIME_SCALE = 0.02

export interface OnysoftTask {
  id: string
  /** The alias it was submitted through. */
  alias: OnysoftAlias
  model: string
  kind: TaskKind
  /** The validated request body. */
  body: Record<string, unknown>
  createdAt: number
  pendingMs: number
  processingMs: number
  /** Decided at submit by `failJobs`. */
  fails: boolean
  cost: { amount: number; currency: string }
  /** Seed for the emulated files. */
  seed: number
  /** Status lookups so far; drives the `per-read` lifecycle, or `undefined` for a timed task. */
  reads?: number
}

/** One request either handler answered. */
export interface OnysoftRequestRecord {
  /** `api` for the gateway, `cdn` for result files. */
  server: 'api' | 'cdn'
  method: string
  path: string
  /** Query string, without `?`. */
  search: string
  /** The `Authorization` header as received (`null` when absent). */
  authorization: string | null
  status?: number
  at: number
}

export interface OnysoftState {
  tasks: Map<string, OnysoftTask>
  requests: OnysoftRequestRecord[]
}

export interface OnysoftTimings {
  timeScale: number
  /** `undefined`: 2 s × timeScale. */
  pendingMs: number | undefined
  /** `undefined`: the kind's typical duration × timeScale. */
  processingMs: number | undefined
}

export type TaskPhase = 'pending' | 'processing' | 'completed' | 'failed'

/** Status lookups a `per-read` task spends processing. */
export const PER_READ_PROCESSING_STEPS = 2

/** Where a task is now, and how far (0-1) through processing. */
export function phaseOf(task: OnysoftTask, now: number): { phase: TaskPhase; fraction: number } {
  if (task.reads !== undefined) {
    if (task.reads === 0) return { phase: 'pending', fraction: 0 }
    if (task.reads < PER_READ_PROCESSING_STEPS + 1) {
      return { phase: 'processing', fraction: task.reads / (PER_READ_PROCESSING_STEPS + 1) }
    }
    return { phase: task.fails ? 'failed' : 'completed', fraction: 1 }
  }
  const elapsed = now - task.createdAt
  if (elapsed < task.pendingMs) return { phase: 'pending', fraction: 0 }
  const processing = elapsed - task.pendingMs
  if (processing < task.processingMs) {
    return { phase: 'processing', fraction: processing / Math.max(1, task.processingMs) }
  }
  return { phase: task.fails ? 'failed' : 'completed', fraction: 1 }
}
