/**
 * The pieces an app wires up: a Worker running the atelier processor, the job options that
 * make BullMQ retry what may be retried, an explicit cancel, and the watcher that turns a
 * BullMQ removal into the provider's cancel.
 */
import type { TaskName } from '@atelier/core'
import {
  type ConnectionOptions,
  type JobsOptions,
  Queue,
  QueueEvents,
  Worker,
  type WorkerOptions,
} from 'bullmq'
import {
  type AtelierClient,
  type AtelierJobData,
  type AtelierProcessorOptions,
  createAtelierProcessor,
  type StoredOutput,
} from './processor'
import { AtelierStore } from './store'

/**
 * Job options for atelier tasks: attempts with exponential backoff. Only failures that cannot
 * pay twice are retried at all (the processor fails the rest with `UnrecoverableError`), so
 * the attempts are for throttles, refused submits and lost status requests.
 */
export const atelierJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
}

/**
 * Adds a task to the queue: `addTask(queue, 'video.generate', input)`. The same as
 * `queue.add(task, input, { ...atelierJobOptions, ...options })`, typed by task name.
 */
export function addTask<T extends TaskName>(
  queue: Queue,
  task: T,
  input: Record<string, unknown>,
  options: JobsOptions = {},
) {
  return queue.add(task, input, { ...atelierJobOptions, ...options })
}

export interface AtelierWorkerOptions extends Omit<AtelierProcessorOptions, 'redis'> {
  connection: ConnectionOptions
  /** Jobs in a worker slot at once (BullMQ's `concurrency`); parked jobs hold none. */
  concurrency?: number
  /** Any other BullMQ Worker option. */
  worker?: Omit<WorkerOptions, 'connection' | 'concurrency'>
}

/** A BullMQ Worker on `queueName` that runs atelier tasks. */
export function createAtelierWorker(
  queueName: string,
  options: AtelierWorkerOptions,
): Worker<AtelierJobData, StoredOutput> {
  const { connection, concurrency, worker: workerOptions, ...processorOptions } = options
  // The processor reads the worker's own connection, which exists once the Worker does.
  let worker: Worker<AtelierJobData, StoredOutput> | undefined
  const processor = createAtelierProcessor({
    ...processorOptions,
    redis: () => {
      if (!worker) throw new Error('the worker is not constructed yet')
      return worker.client
    },
  })
  worker = new Worker<AtelierJobData, StoredOutput>(queueName, processor, {
    ...workerOptions,
    connection,
    concurrency: concurrency ?? 1,
  })
  return worker
}

export type CancelOutcome = 'not-found' | 'canceled' | 'requested'

/**
 * Cancels a task: the provider's job is canceled now when it exists, and the BullMQ job fails
 * as canceled at its next turn (a parked job is promoted so that turn comes at once). A job
 * still waiting for its submit is marked, so the worker that takes it never submits it.
 * Resolves `'canceled'` when the remote cancel went out here, `'requested'` when the worker
 * will do it (the submit had not been answered yet), `'not-found'` for an unknown id.
 */
export async function cancelTask(
  queue: Queue,
  jobId: string,
  options: { ai: AtelierClient },
): Promise<CancelOutcome> {
  const store = new AtelierStore(await queue.client, queue.qualifiedName)
  const job = await queue.getJob(jobId)
  if (!job) return 'not-found'
  await store.requestCancel(jobId, 'requested')
  const ref = (job.data as AtelierJobData).atelier?.ref
  if (ref) {
    await options.ai.jobs.resume(ref).cancel()
    await store.requestCancel(jobId, 'canceled')
  }
  if ((await job.getState()) === 'delayed') await job.promote().catch(() => {})
  return ref ? 'canceled' : 'requested'
}

export interface RemovalWatcher {
  close(): Promise<void>
}

/**
 * Listens for BullMQ removals on `queueName` (`queue.remove(id)`, `job.remove()`, a drained or
 * obliterated queue) and cancels the provider's job of each removed task that had been
 * submitted and was not over. Run one per app or one per worker process: each removal is
 * claimed once from the ref index, so the provider gets one cancel.
 */
export async function watchRemovals(
  queueName: string,
  options: { ai: AtelierClient; connection: ConnectionOptions; prefix?: string },
): Promise<RemovalWatcher> {
  const events = new QueueEvents(queueName, {
    connection: options.connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
  })
  // Its own connection for the index: the events' one is parked in a blocking stream read.
  const queue = new Queue(queueName, {
    connection: options.connection,
    ...(options.prefix ? { prefix: options.prefix } : {}),
  })
  await Promise.all([events.waitUntilReady(), queue.waitUntilReady()])
  const store = new AtelierStore(await queue.client, queue.qualifiedName)
  const pending = new Set<Promise<void>>()
  events.on('removed', ({ jobId }) => {
    const canceling = (async () => {
      const ref = await store.claim(jobId)
      if (ref) await options.ai.jobs.resume(ref).cancel()
    })()
      .catch((error: unknown) => {
        events.emit('error', error as Error)
      })
      .finally(() => pending.delete(canceling))
    pending.add(canceling)
  })
  return {
    close: async () => {
      await Promise.allSettled(pending)
      await events.close()
      await queue.close()
    },
  }
}
