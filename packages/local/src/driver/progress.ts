/**
 * Progress of synchronous calls. The sidecar answers an image request only when the image
 * is done, but exposes `/progress` (and `/pixelart/progress`, `/img2img/progress`) while it
 * works. This watcher reads the matching endpoint while the request is in flight and turns
 * each answer into a `running` snapshot.
 */
import type { Clock, JobProgress, JobSnapshot, RequestContext } from '@atelier/core'
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

/**
 * Reads `read()` every `intervalMs` until `signal` aborts, reporting each active answer.
 * Failures of the progress endpoint are ignored: progress is a courtesy, the call is what matters.
 */
export async function watchProgress(options: {
  read: (context: RequestContext) => Promise<ProgressResponse>
  report: (snapshot: JobSnapshot<never>) => void
  clock: Clock
  intervalMs: number
  signal: AbortSignal
}): Promise<void> {
  const { read, report, clock, intervalMs, signal } = options
  while (!signal.aborted) {
    try {
      await clock.sleep(intervalMs, signal)
      const progress = progressFromSidecar(await read({ signal }))
      if (progress && !signal.aborted) report({ state: 'running', progress })
    } catch {
      if (signal.aborted) return
    }
  }
}
