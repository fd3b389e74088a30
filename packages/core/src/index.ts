/**
 * `@atelier/core`: what apps and driver authors share — the task catalogue and its types, the
 * driver contract, jobs, media files, errors and the clock. Everything a driver needs to build
 * requests (HTTP, validation, envelopes, SSE, warnings) is in `@atelier/core/driver`; the root
 * stays small so an app's bundle and autocompletion carry only what it uses.
 *
 * The list is pinned by `test/exports.test.ts`: a name added here is a decision, not an accident.
 */
export { type Clock, systemClock } from './clock'
export type {
  CancelMode,
  Driver,
  DriverCapabilities,
  DriverContext,
  InlineProgress,
  ModelInfo,
  StreamableTask,
  TaskCapability,
  TaskHandler,
  TaskHandlerBase,
  TaskHandlers,
  TaskStreamParts,
  TaskSubmission,
} from './driver'
export {
  createJobDurations,
  type JobDurations,
  type JobDurationsOptions,
  jobDurationKey,
} from './durations'
export {
  AbortError,
  AtelierError,
  type AtelierErrorCode,
  type AtelierErrorOptions,
  ConnectionError,
  isAtelierError,
  JobCanceledError,
  JobFailedError,
  ProviderError,
  type ProviderErrorOptions,
  RateLimitError,
  ResponseShapeError,
  TimeoutError,
  UnsupportedError,
  ValidationError,
  type ValidationIssue,
} from './errors'
export type {
  AtelierHooks,
  FallbackEvent,
  JobStateEvent,
  RequestEvent,
  RequestKind,
  ResponseEvent,
  RetryEvent,
  UsageEvent,
  WarningEvent,
} from './events'
export { type AuthStrategy, bearerAuth, headerAuth, type SecretSource } from './http/auth'
export type { RetryPolicy } from './http/client'
export { Job, type JobCheck, type WaitOptions } from './job'
export {
  type CanceledSnapshot,
  type CompletedSnapshot,
  type FailedSnapshot,
  isJobRef,
  isTerminal,
  type JobProgress,
  type JobRef,
  type JobSnapshot,
  type JobState,
  type JsonValue,
  type PollHints,
  type QueuedSnapshot,
  type RunningSnapshot,
} from './job-types'
export {
  type Downloader,
  MediaFile,
  type MediaFileInit,
  type MediaInput,
  type ReadOptions,
  toMediaFile,
} from './media-file'
export { checkOptionNames, nearestName, type OptionNames } from './options'
export { DEFAULT_JOB_DEADLINES_MS, POLLING_OPTION_NAMES, type PollingOptions } from './polling'
export {
  createRequestBudget,
  type RequestBudget,
  type RequestBudgetOptions,
} from './request-budget'
export { canResubmit } from './resubmit'
export { resumeJob, type StartJobOptions, startJob } from './run'
export type { StandardSchemaV1 } from './standard-schema'
export {
  isTaskName,
  TASK_NAMES,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  type TaskOutputs,
  taskInputSchemas,
  type ValidTaskInput,
} from './tasks'
export type {
  AudioOutput,
  DialogueGenerateInput,
  MusicGenerateInput,
  MusicOutput,
  SoundEffectGenerateInput,
  SpeechGenerateInput,
} from './tasks/audio'
export type {
  ImageEditInput,
  ImageEditOperation,
  ImageGenerateInput,
  ImageOutput,
} from './tasks/image'
export type { Model3dGenerateInput, Model3dOutput } from './tasks/model3d'
export type { OutputBase, ProviderOptions, Size, Usage, Warning } from './tasks/shared'
export type {
  ChatMessage,
  FinishReason,
  PromptEnhanceInput,
  PromptEnhanceOutput,
  TextGenerateInput,
  TextOutput,
  TextStreamPart,
} from './tasks/text'
export type {
  TranscriptionCreateInput,
  TranscriptionOutput,
  TranscriptSegment,
} from './tasks/transcription'
export type { VideoGenerateInput, VideoOutput } from './tasks/video'
export type {
  BoundingBox,
  Detection,
  StructuredSchema,
  VisionAnalyzeInput,
  VisionAnalyzeOutput,
  VisionDetectInput,
  VisionDetectOutput,
  WebMatch,
} from './tasks/vision'
export { validateTaskInput } from './validation'
