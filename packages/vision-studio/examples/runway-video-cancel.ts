/**
 * An asynchronous Runway video: submit it, store its ref, pick it up "elsewhere", watch its
 * progress, and cancel it once it is under way — Runway's cancel route is called, so nobody
 * pays for the rest of the work.
 *
 *   npx tsx packages/vision-studio/examples/runway-video-cancel.ts   (from the repository's root)
 */
import { createAtelier, JobCanceledError, type JobRef } from 'atelier'
import { visionStudio } from '../src'
import { isMain, studio } from './shared'

export interface CancelResult {
  /** How far the video got, as the status route reported it. */
  progress: number[]
  /** Runway's task id (the cancel went to `DELETE /api/v1/runway/cancel/{id}`). */
  taskId: string
  state: 'canceled' | 'completed'
}

export async function runwayVideoCancel(
  baseUrl: string,
  apiKey: string,
  options: { cancelAt?: number; log?: (line: string) => void } = {},
): Promise<CancelResult> {
  const log = options.log ?? console.log
  const polling = { minIntervalMs: 50, initialIntervalMs: 100, maxIntervalMs: 500 }
  const ai = createAtelier({ providers: [visionStudio({ baseUrl, apiKey })], polling })

  const job = await ai.video.submit({
    model: 'vision-studio/runway/gen4_turbo',
    prompt: 'a paper boat drifting down a rainy street, close-up',
    image: 'https://images.pexels.com/photos/1029613/pexels-photo-1029613.jpeg',
    aspectRatio: '16:9',
    durationSeconds: 10,
  })
  // The ref is plain data: keep it in a database, a queue message, a cookie...
  const saved: JobRef<'video.generate'> = JSON.parse(JSON.stringify(job))
  log(`submitted Runway task ${saved.id}`)

  // ...and pick the job up from any process with the same provider configured.
  const elsewhere = createAtelier({ providers: [visionStudio({ baseUrl, apiKey })], polling })
  const resumed = elsewhere.jobs.resume(saved)
  const progress: number[] = []
  for await (const snapshot of resumed.updates()) {
    if (snapshot.state !== 'running') continue
    const fraction = snapshot.progress?.fraction ?? 0
    progress.push(fraction)
    log(`running: ${Math.round(fraction * 100)}%`)
    // Changed our mind: cancel on Runway, not just here.
    if (fraction >= (options.cancelAt ?? 0.2)) await resumed.cancel()
  }
  try {
    const { videos } = await resumed.wait()
    log(`completed before the cancel arrived: ${videos[0]?.url}`)
    return { progress, taskId: saved.id, state: 'completed' }
  } catch (error) {
    if (!(error instanceof JobCanceledError)) throw error
    log(`canceled at ${Math.round((progress.at(-1) ?? 0) * 100)}%`)
    return { progress, taskId: saved.id, state: 'canceled' }
  }
}

if (isMain(import.meta.url)) {
  const service = await studio()
  try {
    await runwayVideoCancel(service.baseUrl, service.apiKey)
  } finally {
    await service.close()
  }
}
