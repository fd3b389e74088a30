/**
 * `@atelier/bullmq`: durable atelier jobs across many workers on BullMQ and Redis. Tasks go in
 * as `queue.add('video.generate', input)`; the worker submits each once (the BullMQ job id is
 * the idempotency key), keeps the provider's ref in the job's data, parks the job between
 * checks instead of holding a slot, and finishes it with its outputs as references.
 */
export {
  fileSink,
  type MediaOptions,
  type MediaReference,
  type MediaSink,
  type MediaSinkContext,
  MissingMediaSinkError,
  outputToReferences,
} from './media'
export {
  type AtelierClient,
  type AtelierJobData,
  type AtelierJobState,
  type AtelierProcessorOptions,
  type AtelierProgress,
  createAtelierProcessor,
  progressOf,
  type StoredOutput,
} from './processor'
export { AtelierStore, type CancelRequest } from './store'
export {
  type AtelierWorkerOptions,
  addTask,
  atelierJobOptions,
  type CancelOutcome,
  cancelTask,
  createAtelierWorker,
  type RemovalWatcher,
  watchRemovals,
} from './worker'
