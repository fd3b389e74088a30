export { VisionStudioClient } from './client'
export {
  type ValidationDetail,
  VisionStudioValidationError,
} from './errors'
export {
  createTransport,
  VISION_STUDIO_DEFAULT_GENERATION_TIMEOUT_MS,
  VISION_STUDIO_DEFAULT_TIMEOUT_MS,
  type VisionStudioClientOptions,
} from './http'
export { issueMessage } from './messages'
export {
  canCancel,
  cancelTask,
  mediaUrls,
  readTaskStatus,
  type TaskLocator,
  type TaskState,
  type TaskStatus,
} from './tasks'
export {
  type CallArgs,
  type CallResult,
  PROVIDER,
  requestKind,
  type SyncFlagMethod,
  type SyncFlagMethodOf,
  syncFlagMethod,
  Transport,
  type VisionStudioTask,
} from './transport'
