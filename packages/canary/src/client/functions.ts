/**
 * What both entries export of the client: the transport, every endpoint function, their
 * types and the result reader — everything but the `CanaryClient` class, which only
 * `@atelier/canary/client` exports (it references every endpoint, so a bundle holding it
 * holds them all).
 */
export type { Base64Input } from './binary-fields'
export {
  JsonMediaScanner,
  type JsonMediaScannerOptions,
  type JsonPath,
  JsonScanError,
  type MediaSink,
} from './json-scanner'
export {
  generateAudio,
  generateCompletion,
  generateDialogue,
  generateImage,
  generateMusic,
  generateSoundEffect,
  generateVideo,
  type TranscribeBody,
  transcribe,
} from './llm'
export {
  CANARY_DEFAULT_TIMEOUT_MS,
  type CanaryAuthHeader,
  type CanaryClientOptions,
} from './options'
export {
  cancelQueueJob,
  getQueueResult,
  getQueueStatus,
  type QueueResultPending,
  type QueueResultReady,
  type QueueResultResponse,
  type QueueStreamEvent,
  streamQueueEvents,
} from './queue'
export {
  DEFAULT_INLINE_MEDIA_MAX_BYTES,
  isResultMediaPath,
  type ReadResultOptions,
  readResultBody,
} from './result-reader'
export {
  CanaryTransport,
  describeCanaryError,
  isCanaryTransport,
  PROVIDER as CANARY_PROVIDER_ID,
} from './transport'
export {
  type AutoLabelBody,
  type AutoTrainBody,
  autoLabelImages,
  autoTrainModel,
  type DetectBody,
  deleteVisionModel,
  detectFaces,
  detectObjects,
  detectWeb,
  detectZeroShot,
  type FaceDetectBody,
  getTrainingStatus,
  listVisionModels,
  type TrainBody,
  trainModel,
  type WebDetectBody,
  type ZeroShotDetectBody,
} from './vision'
