/**
 * Asynchronous jobs (video, music): accepted at once as `queued`, they wait for the emulated GPU,
 * turn `processing` when it is theirs (a swap, if needed, counts as processing), advance one
 * step at a time over their planned duration, and end `completed` — or `failed` with an `error`
 * when `failJobs` picked them, about a third of the way in, like the seed's
 * "CUDA out of memory" example.
 *
 * Deviation from a real sidecar: the real one marks a job `processing` as soon as its background
 * task starts, even while it waits for the GPU; the emulator keeps it `queued` until then.
 */
import {
  EmulatorResetError,
  type MusicJob,
  type ProgressChannel,
  type SidecarContext,
  type VideoJob,
} from './context'

/** Error text of a job failed by `failJobs`. */
export const INJECTED_JOB_ERROR = 'CUDA out of memory (emulated failure)'

/** Share of the steps done when an injected failure strikes. */
const FAILURE_POINT = 0.32

class InjectedJobFailure extends Error {}

/** Runs `job` in the background; `complete` fills in its results on success. */
export function startJob(
  ctx: SidecarContext,
  job: VideoJob | MusicJob,
  options: { label: string; channel?: ProgressChannel; complete?: () => void },
): void {
  const end = ctx.gpu.begin()
  const failAt = ctx.shouldFailJob()
    ? Math.max(1, Math.floor(job.totalSteps * FAILURE_POINT))
    : undefined
  const stepMs = job.plannedMs / job.totalSteps
  ctx.gpu
    .use(
      job.model,
      options.label,
      async () => {
        await ctx.gpu.steps(options.channel, failAt ?? job.totalSteps, stepMs, (step) => {
          job.currentStep = step
        })
        if (failAt !== undefined) throw new InjectedJobFailure(INJECTED_JOB_ERROR)
      },
      () => {
        job.status = 'processing'
        job.startedAt = Date.now()
      },
    )
    .then(
      () => {
        job.currentStep = job.totalSteps
        options.complete?.()
        job.status = 'completed'
      },
      (error: unknown) => {
        if (error instanceof EmulatorResetError) return
        job.status = 'failed'
        job.error = error instanceof Error ? error.message : String(error)
      },
    )
    .finally(() => {
      job.finishedAt = Date.now()
      end()
    })
}

/** `progress` of a status body: a 0-1 fraction, held below 1 until the job completes. */
export function jobProgress(job: VideoJob | MusicJob): number {
  if (job.status === 'completed') return 1
  return Math.min(Math.round((job.currentStep / job.totalSteps) * 100) / 100, 0.99)
}

/** `elapsed_seconds` of a status body: `null` while queued. */
export function jobElapsed(job: VideoJob | MusicJob): number | null {
  if (job.startedAt === undefined) return null
  const until = job.finishedAt ?? Date.now()
  return Math.round((until - job.startedAt) / 10) / 100
}
