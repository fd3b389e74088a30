/**
 * Many submits, a few at a time. Firing thousands of submits at once holds every request's
 * buffers at the same moment and makes each event-loop turn handle dozens of responses, which
 * delays every timer (polls included) in the process. Here a small pool of workers takes the
 * inputs in order; each worker starts its next submit only after a turn of the event loop, so
 * timers and responses due in between are served, and at most `concurrency` submits are in
 * flight. One input's failure is its own outcome: the jobs already submitted are kept.
 */
import {
  type AtelierHooks,
  type PollingOptions,
  type TaskName,
  ValidationError,
} from '@atelier/core'
import { abortErrorFrom } from '@atelier/core/driver'
import type { AtelierJob } from './types'

/** Submits in flight at once when `concurrency` is not given. */
export const DEFAULT_SUBMIT_CONCURRENCY = 8

export interface SubmitManyOptions {
  /** Submits in flight at once: a whole number, 1 or more. Default 8. */
  concurrency?: number
  /**
   * Stops submitting: inputs not yet started, and submits in flight that the abort reaches,
   * end as `AbortError` outcomes. Jobs already submitted are returned and keep running (cancel
   * them with `job.cancel()` if they are not wanted).
   */
  signal?: AbortSignal
  hooks?: AtelierHooks
  polling?: Partial<PollingOptions>
}

/** What became of one input: its job, or the error its submit ended with. */
export type SubmitOutcome<T extends TaskName = TaskName> =
  | { ok: true; job: AtelierJob<T> }
  | { ok: false; error: Error }

/**
 * Checks `inputs` and `options.concurrency`, then submits each input with `submitOne`, at most
 * `concurrency` at once, and resolves with one outcome per input, in input order. Never
 * rejects once the checks have passed.
 */
export async function submitEach<Input, Job>(
  inputs: readonly Input[],
  options: Pick<SubmitManyOptions, 'concurrency' | 'signal'>,
  submitOne: (input: Input) => Promise<Job>,
): Promise<({ ok: true; job: Job } | { ok: false; error: Error })[]> {
  if (!Array.isArray(inputs)) {
    throw new ValidationError([
      { path: ['inputs'], message: 'expected a list of inputs', rule: 'invalid_type' },
    ])
  }
  const concurrency = checkConcurrency(options.concurrency)
  const { signal } = options
  const outcomes: ({ ok: true; job: Job } | { ok: false; error: Error })[] = new Array(
    inputs.length,
  )
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < inputs.length && !signal?.aborted) {
      const index = next++
      try {
        outcomes[index] = { ok: true, job: await submitOne(inputs[index]!) }
      } catch (error) {
        outcomes[index] = { ok: false, error: asError(error) }
      }
      await nextTurn()
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, inputs.length) }, worker))
  // Inputs the abort stopped before they started.
  for (let index = next; index < inputs.length; index++) {
    outcomes[index] = { ok: false, error: abortErrorFrom(signal!) }
  }
  return outcomes
}

function checkConcurrency(concurrency: unknown): number {
  if (concurrency === undefined) return DEFAULT_SUBMIT_CONCURRENCY
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency)) {
    throw new ValidationError([
      { path: ['concurrency'], message: 'expected a whole number', rule: 'invalid_type' },
    ])
  }
  if (concurrency < 1) {
    throw new ValidationError([
      {
        path: ['concurrency'],
        message: `must be 1 or more (got ${concurrency})`,
        rule: 'too_small',
      },
    ])
  }
  return concurrency
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * Resolves after the event loop has gone round once: timers and I/O due meanwhile run first.
 * Not a clock sleep: no time has to pass, so a manual clock in tests need not be advanced.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve)
    else setTimeout(resolve, 0)
  })
}
