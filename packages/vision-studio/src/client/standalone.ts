/**
 * Everything of the client that works without the class: how to build a transport, the
 * transport itself, one function per endpoint (`generateBriaImage(transport, body)`), tasks,
 * errors and the endpoint types. Both entries export it: `@atelier/vision-studio/client` beside
 * `VisionStudioClient`, and the package root beside the driver (the root leaves the class out,
 * so an app that imports the driver, or a few functions, never bundles every endpoint).
 */
export * from '../generated/functions'
export * from './endpoint'
export { type ValidationDetail, VisionStudioValidationError } from './errors'
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
  type SyncFlagFunction,
  type SyncFlagFunctionOf,
  type SyncFlagMethod,
  type SyncFlagMethodOf,
  syncFlagFunction,
  syncFlagMethod,
  Transport,
  type TransportOptions,
  type VisionStudioTask,
} from './transport'
