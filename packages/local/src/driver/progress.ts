/**
 * Progress of synchronous calls. The sidecar answers an image request only when the image is
 * done, but exposes `/progress` (and `/pixelart/progress`, `/img2img/progress`) while it works.
 * An inline job hands the engine a reader of it: while the request waits for a GPU slot the
 * reading is the place in line (no request made), and once it runs, one read of the matching
 * endpoint. The engine decides when to read; nothing here waits.
 */
import type { InlineProgress, JobProgress, QueuedSnapshot, RunningSnapshot } from '@atelier/core'
import { type RequestContext, requestContextOf } from '@atelier/core/driver'
import type { ProgressResponse } from '../schemas'

/** `/progress` body → JobProgress. `percent` is 0-100 there; the ETA is extrapolated from elapsed time. */
export function progressFromSidecar(body: ProgressResponse): JobProgress | undefined {
  if (!body.active) return undefined
  const progress: JobProgress = {}
  if (body.percent !== undefined) progress.fraction = Math.min(1, Math.max(0, body.percent / 100))
  if (body.step !== undefined) progress.step = body.step
  if (body.total_steps !== undefined) progress.totalSteps = body.total_steps
  if (progress.fraction === undefined && body.step !== undefined && body.total_steps) {
    progress.fraction = Math.min(1, body.step / body.total_steps)
  }
  if (
    body.elapsed !== undefined &&
    progress.fraction !== undefined &&
    progress.fraction > 0 &&
    progress.fraction < 1
  ) {
    progress.etaMs = Math.round(
      ((body.elapsed * 1000) / progress.fraction) * (1 - progress.fraction),
    )
  }
  return progress
}

export interface InlineProgressSource {
  /** The place in line while the work waits for a slot; undefined once it runs. */
  position(): number | undefined
  /** The sidecar's progress endpoint for this work, when it has one. */
  endpoint?(context: RequestContext): Promise<ProgressResponse>
  /** How often the engine reads, when set (the driver's `progressIntervalMs`). */
  intervalMs?: number
}

/** The reader an inline job hands the engine: `queued` with its position, then `running`. */
export function inlineProgress(source: InlineProgressSource): InlineProgress {
  return {
    ...(source.intervalMs !== undefined ? { intervalMs: source.intervalMs } : {}),
    async read(context): Promise<QueuedSnapshot | RunningSnapshot | undefined> {
      const position = source.position()
      if (position !== undefined) return { state: 'queued', position }
      if (!source.endpoint) return { state: 'running' }
      const progress = progressFromSidecar(await source.endpoint(requestContextOf(context)))
      return progress ? { state: 'running', progress } : { state: 'running' }
    },
  }
}
