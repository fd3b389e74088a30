/**
 * atelier — one typed API to generate and analyse media across providers, where every
 * piece of work is a job you can submit, watch, cancel and resume.
 *
 * ```ts
 * import { createAtelier } from 'atelier'
 * import { local } from '@atelier/local'
 *
 * const ai = createAtelier({ providers: [local()] })
 * const { images } = await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a red panda' })
 * ```
 */

// The types and errors an app needs, so most apps import only `atelier`.
export {
  AbortError,
  AtelierError,
  type AtelierHooks,
  ConnectionError,
  DEFAULT_JOB_DEADLINES_MS,
  type Driver,
  isAtelierError,
  Job,
  JobCanceledError,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  MediaFile,
  type MediaInput,
  ProviderError,
  RateLimitError,
  ResponseShapeError,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type TextStreamPart,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  type Warning,
} from '@atelier/core'
export {
  type Atelier,
  type AtelierOptions,
  type CallOptions,
  createAtelier,
  defaultShouldFallback,
  type ResumeOptions,
  type StreamOptions,
  type SubmitOptions,
  type TaskMethod,
} from './create-atelier'
export { type ResolvedModel, resolveModel } from './model-ref'
export {
  DEFAULT_SUBMIT_CONCURRENCY,
  type SubmitManyOptions,
  type SubmitOutcome,
} from './submit-many'
export type {
  AtelierInput,
  AtelierJob,
  ModelId,
  ProviderOptionsFor,
  Providers,
} from './types'
