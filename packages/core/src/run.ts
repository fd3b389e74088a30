/**
 * Running a task on one driver, without the facade: validate, submit, wrap in a Job.
 * The facade adds model addressing and fallbacks on top; power users can call this with a
 * driver directly.
 */
import { anySignal, type Clock, systemClock } from './clock'
import {
  type Driver,
  type DriverContext,
  type Submission,
  type TaskHandler,
  type TaskSubmission,
  taskHandler,
} from './driver'
import { jobDurationKey } from './durations'
import { UnsupportedError, ValidationError } from './errors'
import type { AtelierHooks } from './events'
import { inlineRef, Job, jobFromSubmission, withWarnings } from './job'
import { isJobRef, type JobRef } from './job-types'
import { withCheckedProviderOptions } from './kit/provider-options'
import { type PollingOptions, resolvePollingOptions } from './polling'
import { joinSubmissions, maxOutputsFor, partsDriver, splitCounts } from './split'
import type { TaskInput, TaskName, TaskOutput, ValidTaskInput } from './tasks'
import { validateTaskInput } from './validation'

export interface StartJobOptions {
  /** Aborts the submission (for inline jobs, the work itself while `submit` is pending). */
  signal?: AbortSignal
  hooks?: AtelierHooks
  clock?: Clock
  polling?: Partial<PollingOptions>
  /**
   * The submit request's idempotency key, e.g. a queue's job id: submitting the same work
   * again with the same key lets a provider that dedupes by key return the first job instead
   * of starting (and billing) a second. A fresh key per submit when unset.
   */
  idempotencyKey?: string
  /**
   * Headers of your own for the submit's requests (and an inline job's work), e.g. a trace id:
   * sent to the provider's API after the driver's headers, never in place of its credentials.
   */
  headers?: Record<string, string>
}

/** Validates `input`, submits it to `driver`, and returns the Job. */
export async function startJob<T extends TaskName>(
  driver: Driver,
  task: T,
  input: TaskInput<T>,
  options: StartJobOptions = {},
): Promise<Job<TaskOutput<T>>> {
  checkCapability(driver, task)
  return startValidJob(driver, task, validateTaskInput(task, input), options)
}

/**
 * `startJob` for input that is already the output of `validateTaskInput` (the facade checks
 * the shared rules once for a whole fallback list): submits it without parsing it again.
 */
export async function startValidJob<T extends TaskName>(
  driver: Driver,
  task: T,
  valid: ValidTaskInput<T>,
  options: StartJobOptions = {},
): Promise<Job<TaskOutput<T>>> {
  const handler = checkCapability(driver, task)
  const input = withCheckedProviderOptions(driver.id, handler, valid)
  const clock = options.clock ?? systemClock
  // Owned by the job: aborting it cancels inline work. The caller's signal only covers submitting.
  const controller = new AbortController()
  const onCallerAbort = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })
  // The budget paces the submit's requests (each part's of a split submit, and the cancel of
  // parts already started) as it paces polls.
  const budget = options.polling?.budget
  const context: DriverContext = {
    clock,
    hooks: options.hooks,
    signal: anySignal([controller.signal, options.signal]) ?? controller.signal,
    ...(budget ? { budget } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  }
  try {
    const counts = splitCounts((input as { n?: number }).n, maxOutputsFor(handler, input))
    const submission = counts
      ? await submitParts(driver, task, handler, input, counts, context)
      : submissionOf(driver.id, task, await handler.submit(input, context), clock)
    const split = submission.type === 'pending' && submission.ref.parts !== undefined
    return jobFromSubmission(submission, {
      driver: split ? partsDriver(driver, task, handler) : driver,
      task,
      clock,
      hooks: options.hooks,
      model: valid.model,
      durationKey: jobDurationKey(driver.id, task, input),
      polling: resolvePollingOptions(driver.polling, options.polling),
      controller,
    })
  } finally {
    // After submit, the caller's signal no longer reaches the work; `job.cancel()` does.
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
}

/**
 * Submits one call per count, in order, each with its share of `n` (and of the seeds). When one fails, the calls already started are
 * canceled (where the provider can) before the error is thrown, so no abandoned part is paid for.
 */
async function submitParts<T extends TaskName>(
  driver: Driver,
  task: T,
  handler: TaskHandler<T>,
  input: ValidTaskInput<T>,
  counts: readonly number[],
  context: DriverContext,
): Promise<Submission<TaskOutput<T>>> {
  const parts: Submission<TaskOutput<T>>[] = []
  const seed = (input as { seed?: number }).seed
  let asked = 0
  try {
    for (const [index, n] of counts.entries()) {
      // A seed counts up across the parts, as it does across one call's outputs: the same seed
      // in every part would make the same pictures again.
      const part = { ...input, n, ...(seed !== undefined ? { seed: seed + asked } : {}) }
      asked += n
      // Each part is its own job: a shared key would make the provider answer with the first.
      const key = context.idempotencyKey
      const answer = await handler.submit(
        part,
        key && index > 0 ? { ...context, idempotencyKey: `${key}.${index}` } : context,
      )
      parts.push(submissionOf(driver.id, task, answer, context.clock))
    }
  } catch (error) {
    await Promise.all(
      parts.map((part) =>
        part.type === 'pending' && handler.cancelJob
          ? handler.cancelJob(part.ref as JobRef<T>, context).catch(() => {})
          : undefined,
      ),
    )
    throw error
  }
  return joinSubmissions(driver.id, task, parts, () => inlineRef(driver.id, task, context.clock))
}

/**
 * A handler's answer → a submission with its ref built here, not by each driver: the provider
 * and task come from the call, so a ref cannot name the wrong task. Warnings found at submit
 * travel in the ref (a resumed job still reports them) or, for a finished job, in the output.
 */
export function submissionOf<T extends TaskName>(
  provider: string,
  task: T,
  answer: TaskSubmission<TaskOutput<T>>,
  clock: Clock = systemClock,
): Submission<TaskOutput<T>> {
  const warnings = answer.warnings?.length ? answer.warnings : undefined
  const refOf = (id: string, data?: JobRef['data']): JobRef<T> => ({
    provider,
    task,
    id,
    ...(data ? { data } : {}),
    ...(warnings ? { warnings } : {}),
  })
  switch (answer.type) {
    case 'completed':
      // With an id the ref carries the warnings (the job adds them to the output, as for a
      // polled one); without, they go straight into the output.
      return answer.id === undefined
        ? {
            type: 'completed',
            output: warnings ? withWarnings(answer.output, warnings) : answer.output,
          }
        : { type: 'completed', output: answer.output, ref: refOf(answer.id, answer.data) }
    case 'pending':
      return {
        type: 'pending',
        ref: refOf(answer.id, answer.data),
        ...(answer.snapshot ? { snapshot: answer.snapshot } : {}),
      }
    case 'inline':
      return {
        type: 'inline',
        ref: { ...inlineRef(provider, task, clock), ...(warnings ? { warnings } : {}) },
        result: answer.result,
        ...(answer.progress ? { progress: answer.progress } : {}),
        ...(answer.snapshot ? { snapshot: answer.snapshot } : {}),
      }
  }
}

function checkCapability<T extends TaskName>(driver: Driver, task: T) {
  const handler = taskHandler(driver, task)
  if (!handler) {
    throw new UnsupportedError(`${driver.id} does not support ${task}`, { provider: driver.id })
  }
  return handler
}

/**
 * Rebuilds a Job from a stored ref (e.g. `JSON.parse(saved)`), to watch or cancel it from here.
 * A typed ref types the job: `resumeJob(driver, ref as JobRef<'video.generate'>)` waits for a
 * `VideoOutput`. The ref is checked before use either way.
 */
export function resumeJob<T extends TaskName>(
  driver: Driver,
  ref: JobRef<T>,
  options?: Omit<StartJobOptions, 'signal'>,
): Job<TaskOutput<T>>
/** A ref of unknown shape (parsed from storage) is checked; its job's output is any task's. */
export function resumeJob(
  driver: Driver,
  ref: unknown,
  options?: Omit<StartJobOptions, 'signal'>,
): Job<TaskOutput<TaskName>>
export function resumeJob(
  driver: Driver,
  ref: unknown,
  options: Omit<StartJobOptions, 'signal'> = {},
): Job<TaskOutput<TaskName>> {
  if (!isJobRef(ref)) {
    throw new ValidationError([
      { path: ['ref'], message: 'is not a job ref ({ provider, task, id })', rule: 'invalid_type' },
    ])
  }
  if (ref.provider !== driver.id) {
    throw new ValidationError([
      {
        path: ['ref', 'provider'],
        message: `belongs to ${JSON.stringify(ref.provider)}, not ${JSON.stringify(driver.id)}`,
        rule: 'provider_mismatch',
      },
    ])
  }
  if (ref.inline) {
    throw new UnsupportedError(
      `Job ${ref.id} ran as a synchronous request in another process; its result cannot be fetched again`,
      { provider: ref.provider },
    )
  }
  const handler = ref.parts ? taskHandler(driver, ref.task) : undefined
  return new Job<TaskOutput<TaskName>>({
    driver: handler ? partsDriver(driver, ref.task, handler) : driver,
    ref,
    clock: options.clock ?? systemClock,
    hooks: options.hooks,
    polling: resolvePollingOptions(driver.polling, options.polling),
  })
}
