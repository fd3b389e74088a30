/**
 * Running a task on one driver, without the facade: validate, submit, wrap in a Job.
 * The facade adds model addressing and fallbacks on top; power users can call this with a
 * driver directly.
 */
import { anySignal, type Clock, systemClock } from './clock'
import type { Driver } from './driver'
import { UnsupportedError, ValidationError } from './errors'
import type { AtelierHooks } from './events'
import { Job, jobFromSubmission } from './job'
import { isJobRef, type JobRef, type JobSnapshot } from './job-types'
import { type PollingOptions, resolvePollingOptions } from './polling'
import type { TaskInput, TaskName, TaskOutput, ValidTaskInput } from './tasks'
import { validateTaskInput } from './validation'

export interface StartJobOptions {
  /** Aborts the submission (for inline jobs, the work itself while `submit` is pending). */
  signal?: AbortSignal
  hooks?: AtelierHooks
  clock?: Clock
  polling?: Partial<PollingOptions>
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
  checkCapability(driver, task)
  const clock = options.clock ?? systemClock
  // Owned by the job: aborting it cancels inline work. The caller's signal only covers submitting.
  const controller = new AbortController()
  let job: Job<TaskOutput<T>> | undefined
  const early: JobSnapshot<never>[] = []
  const onCallerAbort = () => controller.abort(options.signal?.reason)
  options.signal?.addEventListener('abort', onCallerAbort, { once: true })
  try {
    const submission = await driver.submit(task, valid, {
      clock,
      hooks: options.hooks,
      signal: anySignal([controller.signal, options.signal]) ?? controller.signal,
      report(snapshot) {
        if (job) job.report(snapshot)
        else early.push(snapshot)
      },
    })
    job = jobFromSubmission(submission, {
      driver,
      task,
      clock,
      hooks: options.hooks,
      model: valid.model,
      polling: resolvePollingOptions(driver.polling, options.polling),
      controller,
    })
    for (const snapshot of early) job.report(snapshot)
    return job
  } finally {
    // After submit, the caller's signal no longer reaches the work; `job.cancel()` does.
    options.signal?.removeEventListener('abort', onCallerAbort)
  }
}

function checkCapability(driver: Driver, task: TaskName): void {
  if (!driver.capabilities[task]) {
    throw new UnsupportedError(`${driver.id} does not support ${task}`, { provider: driver.id })
  }
}

/** Rebuilds a Job from a stored ref (e.g. `JSON.parse(saved)`), to watch or cancel it from here. */
export function resumeJob<Output = unknown>(
  driver: Driver,
  ref: unknown,
  options: Omit<StartJobOptions, 'signal'> = {},
): Job<Output> {
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
  return new Job<Output>({
    driver,
    ref: ref as JobRef,
    clock: options.clock ?? systemClock,
    hooks: options.hooks,
    polling: resolvePollingOptions(driver.polling, options.polling),
  })
}
