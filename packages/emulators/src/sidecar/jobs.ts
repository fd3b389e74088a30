/**
 * Asynchronous jobs (video, music), as the server's routers run them: the POST answers
 * `queued`; right after the response a background task marks the job `processing` (even while
 * it still waits for the GPU, as the server's `BackgroundTasks` do) and takes the GPU, swapping
 * models if needed; the job then runs its steps for its planned duration and ends `completed`,
 * or `failed` with an `error` when `failJobs` picked it (about a third of the way in).
 */
import { EmulatorResetError, type MusicJob, type SidecarContext, type VideoJob } from './context'
import { PyFloat } from './pydantic'

/** Error text of a job failed by `failJobs`. */
export const INJECTED_JOB_ERROR = 'CUDA out of memory (emulated failure)'

/** Share of the steps done when an injected failure strikes. */
const FAILURE_POINT = 0.32

/** Raised inside a job's GPU work to make it fail with the given text. */
export class JobFailure extends Error {}

/**
 * Runs `job` in the background: `processing` at once, then the GPU. `work` runs while the GPU is
 * the job's; it gets a `steps` helper that sleeps `total` steps over `plannedMs` and calls
 * `onStep` after each. Failures land in the job (unless it was dropped meanwhile: `onFail`
 * decides); a reset ends it quietly.
 */
export function startJob(
  ctx: SidecarContext,
  job: VideoJob | MusicJob,
  options: {
    label: string
    /** Right after `processing`, before waiting for the GPU. */
    onStart?: () => void
    work: (steps: (total: number, onStep: (step: number) => void) => Promise<void>) => Promise<void>
    onComplete: () => void
    onFail: (message: string) => void
    /** After completion or failure, whatever happened. */
    onSettled?: () => void
  },
): void {
  const failing = ctx.shouldFailJob()
  ctx.background(() => {
    job.status = 'processing'
    job.startedAt = Date.now()
    options.onStart?.()
    const end = ctx.gpu.begin()
    ctx.gpu
      .use(job.model, options.label, () =>
        options.work(async (total, onStep) => {
          const stepMs = job.plannedMs / Math.max(1, total)
          const failAt = failing ? Math.max(1, Math.floor(total * FAILURE_POINT)) : undefined
          await ctx.gpu.steps(failAt ?? total, stepMs, onStep)
          if (failAt !== undefined) throw new JobFailure(INJECTED_JOB_ERROR)
        }),
      )
      .then(
        () => {
          job.finishedAt = Date.now()
          options.onComplete()
        },
        (error: unknown) => {
          if (error instanceof EmulatorResetError) return
          job.finishedAt = Date.now()
          options.onFail(error instanceof Error ? error.message : String(error))
        },
      )
      .finally(() => {
        options.onSettled?.()
        end()
      })
  })
}

/** `elapsed_seconds` of a status body: `null` while queued, live while processing. */
export function jobElapsed(job: VideoJob | MusicJob): PyFloat | null {
  if (job.startedAt === undefined) return null
  const until = job.finishedAt ?? Date.now()
  return new PyFloat((until - job.startedAt) / 1000)
}
