/**
 * The BullMQ processor for atelier tasks. A BullMQ job named after a task (`video.generate`)
 * with the task's input as its data is submitted once, with the BullMQ job id as the
 * idempotency key, and its provider ref is stored in the job's data before anything waits on
 * it. Every later attempt — after a crash, a deploy, a stalled lock, a park — resumes that ref
 * and never submits again.
 *
 * Parking (the default) holds no worker slot while the provider renders: one look through the
 * polling engine (`job.check()`), a progress update, then the BullMQ job moves to `delayed`
 * until the engine's next poll time and the processor throws BullMQ's `DelayedError` (BullMQ's
 * "process step jobs" pattern). `mode: 'wait'` holds the slot and waits, for short jobs.
 */
import {
  AbortError,
  type Job as AtelierJob,
  canResubmit,
  isAtelierError,
  JobCanceledError,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  systemClock,
  type TaskName,
  UnsupportedError,
  ValidationError,
} from '@atelier/core'
import type { SubmitOptions } from 'atelier'
import { DelayedError, type Job, type RedisClient, UnrecoverableError } from 'bullmq'
import { type MediaOptions, MissingMediaSinkError, outputToReferences } from './media'
import { AtelierStore } from './store'

/** What the processor needs of an atelier client: `createAtelier(...)` is one. */
export interface AtelierClient {
  submit(task: TaskName, input: never, options?: SubmitOptions): Promise<AtelierJob<unknown>>
  jobs: { resume(ref: unknown): AtelierJob<unknown> }
}

/** What the processor adds to a BullMQ job's data once the provider has the job. */
export interface AtelierJobState {
  /** The provider job: every later attempt resumes it. */
  ref: JobRef
  /** When the submit was answered (epoch ms). */
  submittedAt: number
}

/** A BullMQ job's data: the task's input, and the processor's state once submitted. */
export type AtelierJobData = Record<string, unknown> & { atelier?: AtelierJobState }

/** What `job.updateProgress` receives at each look: the job's state and how far it has got. */
export interface AtelierProgress {
  state: JobSnapshot['state']
  /** 0..1 while running, 1 once completed. */
  fraction?: number
  step?: number
  totalSteps?: number
  /** The provider's estimate of the time left. */
  etaMs?: number
  /** Place in the provider's queue, 0 = next. */
  position?: number
  message?: string
}

export interface AtelierProcessorOptions {
  ai: AtelierClient
  /**
   * `'park'` (default): one check per turn, the job delayed between checks, no slot held.
   * `'wait'`: hold the slot and wait for the end, for jobs of a few seconds. A function picks
   * per job. Jobs that run inline in the worker (a sidecar image) cannot be parked and wait.
   */
  mode?: 'park' | 'wait' | ((job: Job<AtelierJobData>) => 'park' | 'wait')
  /**
   * The shortest wait worth parking for, in ms (default 1000): a next check sooner than this is
   * slept in the slot, since moving the job out and back costs more than it frees.
   */
  parkThresholdMs?: number
  /** Where output files go: see `MediaOptions`. Files with a provider URL keep it by default. */
  media?: MediaOptions
  /** The submit's idempotency key; default the BullMQ job id. */
  idempotencyKey?: (job: Job<AtelierJobData>) => string
  /** The Redis connection for the cancel set and the ref index (`worker.client`). */
  redis: () => Promise<RedisClient>
}

/** The processor's result: the task's output with every file as a `MediaReference`. */
export type StoredOutput = Record<string, unknown>

const DEFAULT_PARK_THRESHOLD_MS = 1_000

/**
 * A BullMQ processor for atelier tasks. `createAtelierWorker` wires it to a Worker; use it
 * directly with `new Worker(name, processor, ...)` when you build the Worker yourself.
 */
export function createAtelierProcessor(options: AtelierProcessorOptions) {
  const parkThresholdMs = options.parkThresholdMs ?? DEFAULT_PARK_THRESHOLD_MS

  return async function processAtelierJob(
    job: Job<AtelierJobData>,
    token?: string,
    signal?: AbortSignal,
  ): Promise<StoredOutput> {
    const jobId = requireId(job)
    const store = new AtelierStore(await options.redis(), job.queueQualifiedName)
    const task = job.name as TaskName
    const stored = job.data.atelier?.ref

    const cancel = await store.cancelRequest(jobId)
    if (cancel) {
      if (stored && cancel === 'requested') await options.ai.jobs.resume(stored).cancel()
      await store.forget(jobId)
      throw new UnrecoverableError(`canceled: ${jobId} was canceled before it finished`)
    }

    let running: AtelierJob<unknown>
    if (stored) {
      running = options.ai.jobs.resume(stored)
    } else {
      running = await submit(job, jobId, task, signal)
      if (running.resumable) {
        const ref = running.toJSON()
        // The index first: a crash between the two writes leaves a ref the removal watcher can
        // still cancel, never a remote job nobody knows about once the data says submitted.
        await store.remember(jobId, ref)
        await job.updateData({ ...job.data, atelier: { ref, submittedAt: Date.now() } })
        if (await store.cancelRequest(jobId)) {
          await running.cancel()
          await store.forget(jobId)
          throw new UnrecoverableError(`canceled: ${jobId} was canceled while it was submitted`)
        }
      }
    }

    const mode = typeof options.mode === 'function' ? options.mode(job) : (options.mode ?? 'park')
    try {
      const output =
        mode === 'wait' || !running.resumable
          ? await waitInSlot(job, running, signal)
          : await checkAndPark(job, jobId, running, store, token, signal)
      const references = (await outputToReferences(
        output,
        { jobId, task, ...(signal ? { signal } : {}) },
        options.media,
      )) as StoredOutput
      await store.forget(jobId)
      return references
    } catch (error) {
      if (error instanceof DelayedError) throw error
      const mapped = afterSubmit(error)
      if (mapped instanceof UnrecoverableError) await store.forget(jobId)
      throw mapped
    }
  }

  /** The submit, its failures mapped: retried only when `canResubmit` proves nothing started. */
  async function submit(
    job: Job<AtelierJobData>,
    jobId: string,
    task: TaskName,
    signal: AbortSignal | undefined,
  ): Promise<AtelierJob<unknown>> {
    const { atelier: _state, ...input } = job.data
    try {
      return await options.ai.submit(task, input as never, {
        idempotencyKey: options.idempotencyKey?.(job) ?? jobId,
        ...(signal ? { signal } : {}),
      })
    } catch (error) {
      if (canResubmit(error)) throw error
      throw unrecoverable(error)
    }
  }

  async function checkAndPark(
    job: Job<AtelierJobData>,
    jobId: string,
    running: AtelierJob<unknown>,
    store: AtelierStore,
    token: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    for (;;) {
      const { snapshot, nextCheckInMs } = await running.check(signal ? { signal } : {})
      await reportProgress(job, snapshot)
      if (snapshot.state === 'completed') return snapshot.output
      // The provider's job failed: another attempt would resume the same failed job.
      if (snapshot.state === 'failed') throw unrecoverable(snapshot.error)
      if (snapshot.state === 'canceled') throw new JobCanceledError(`${jobId} was canceled`)
      const cancel = await store.cancelRequest(jobId)
      if (cancel) {
        if (cancel === 'requested') await running.cancel()
        throw new JobCanceledError(`${jobId} was canceled`)
      }
      const delayMs = nextCheckInMs ?? parkThresholdMs
      if (delayMs < parkThresholdMs) {
        await systemClock.sleep(delayMs, signal)
        continue
      }
      await job.moveToDelayed(Date.now() + delayMs, token)
      throw new DelayedError()
    }
  }
}

async function waitInSlot(
  job: Job<AtelierJobData>,
  running: AtelierJob<unknown>,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  let reported = ''
  let reporting = Promise.resolve()
  const output = await running.wait({
    ...(signal ? { signal } : {}),
    onProgress: (snapshot) => {
      const progress = progressOf(snapshot)
      const key = JSON.stringify(progress)
      if (key === reported) return
      reported = key
      // In order, one at a time: a late write must not overwrite a newer state.
      reporting = reporting.then(() => job.updateProgress({ ...progress })).catch(() => {})
    },
  })
  await reporting
  return output
}

async function reportProgress(job: Job<AtelierJobData>, snapshot: JobSnapshot): Promise<void> {
  await job.updateProgress({ ...progressOf(snapshot) })
}

export function progressOf(snapshot: JobSnapshot): AtelierProgress {
  switch (snapshot.state) {
    case 'queued':
      return {
        state: 'queued',
        ...(snapshot.position === undefined ? {} : { position: snapshot.position }),
      }
    case 'running': {
      const progress = snapshot.progress ?? {}
      const fields = {
        fraction: progress.fraction,
        step: progress.step,
        totalSteps: progress.totalSteps,
        etaMs: progress.etaMs,
        message: progress.message,
      }
      return {
        state: 'running',
        ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)),
      }
    }
    case 'completed':
      return { state: 'completed', fraction: 1 }
    default:
      return { state: snapshot.state }
  }
}

/**
 * An error once the provider has the job. A retry resumes the ref and never pays twice, so
 * whatever may pass on another try (a lost connection, a 5xx or 429 on a status request, a
 * worker shutting down) is retried; what will not (the job failed or was canceled, bad input,
 * a 401 or 404) fails the BullMQ job for good.
 */
function afterSubmit(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error
  if (error instanceof MissingMediaSinkError) return unrecoverable(error)
  if (
    error instanceof JobFailedError ||
    error instanceof JobCanceledError ||
    error instanceof ValidationError ||
    error instanceof UnsupportedError
  ) {
    return unrecoverable(error)
  }
  if (error instanceof AbortError) return error
  if (isAtelierError(error) && !error.isRetryable && !isTransport(error)) {
    return unrecoverable(error)
  }
  return error instanceof Error ? error : new Error(String(error))
}

/** Connection and timeout errors say nothing about the job: a later look may well succeed. */
function isTransport(error: Error): boolean {
  return error.name === 'ConnectionError' || error.name === 'TimeoutError'
}

function unrecoverable(error: unknown): UnrecoverableError {
  const cause = error instanceof Error ? error : new Error(String(error))
  const failure = new UnrecoverableError(`${cause.name}: ${cause.message}`)
  ;(failure as { cause?: unknown }).cause = cause
  return failure
}

function requireId(job: Job<AtelierJobData>): string {
  if (job.id === undefined) throw new UnrecoverableError('a BullMQ job without an id')
  return job.id
}
