/**
 * A video job: submit, watch progress, store the ref, resume it in a "new process", or
 * cancel it. The sidecar has no cancel endpoint: cancelling stops polling and deletes the
 * job and its files.
 */
import { local } from '@atelier/local'
import { createAtelier, JobCanceledError, type JobRef } from 'atelier'
import { isMain, sidecar } from './shared'

export async function videoJob(baseUrl: string, options: { cancelOnceRunning?: boolean } = {}) {
  const ai = createAtelier({
    providers: [local({ baseUrl })],
    polling: { minIntervalMs: 50, initialIntervalMs: 100 },
  })
  const job = await ai.video.submit({
    model: 'local/hunyuan-video',
    prompt: 'a paper boat in the rain',
    durationSeconds: 2,
  })
  const saved: JobRef<'video.generate'> = JSON.parse(JSON.stringify(job))

  // Anywhere else — another request, another process — the ref is all you need.
  const elsewhere = createAtelier({
    providers: [local({ baseUrl })],
    polling: { minIntervalMs: 50, initialIntervalMs: 100 },
  })
  const resumed = elsewhere.jobs.resume(saved)
  const progress: number[] = []
  for await (const snapshot of resumed.updates()) {
    if (snapshot.state === 'running') {
      const fraction = snapshot.progress?.fraction ?? 0
      progress.push(fraction)
      // Changed our mind: cancel as soon as the sidecar starts on it.
      if (options.cancelOnceRunning) await resumed.cancel()
    }
  }
  try {
    const { videos, thumbnails } = await resumed.wait()
    return { state: 'completed' as const, progress, video: videos[0]!, thumbnail: thumbnails?.[0] }
  } catch (error) {
    if (error instanceof JobCanceledError)
      return { state: 'canceled' as const, progress, jobId: resumed.id }
    throw error
  }
}

if (isMain(import.meta.url)) {
  const server = await sidecar()
  try {
    const done = await videoJob(server.baseUrl)
    console.log(`completed after ${done.progress.length} progress updates`)
    const canceled = await videoJob(server.baseUrl, { cancelOnceRunning: true })
    console.log(
      `second job: ${canceled.state} at ${Math.round((canceled.progress.at(-1) ?? 0) * 100)}%`,
    )
  } finally {
    await server.close()
  }
}
