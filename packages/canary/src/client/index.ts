export type { Base64Input } from './binary-fields'
export {
  CANARY_DEFAULT_TIMEOUT_MS,
  type CanaryAuthHeader,
  CanaryClient,
  type CanaryClientOptions,
} from './client'
export {
  JsonMediaScanner,
  type JsonMediaScannerOptions,
  type JsonPath,
  JsonScanError,
  type MediaSink,
} from './json-scanner'
export { LlmApi, type TranscribeBody } from './llm'
export {
  QueueApi,
  type QueueResultPending,
  type QueueResultReady,
  type QueueResultResponse,
  type QueueStreamEvent,
} from './queue'
export {
  DEFAULT_INLINE_MEDIA_MAX_BYTES,
  isResultMediaPath,
  type ReadResultOptions,
  readResultBody,
} from './result-reader'
export { describeCanaryError, PROVIDER as CANARY_PROVIDER_ID } from './transport'
export {
  type AutoLabelBody,
  type AutoTrainBody,
  type DetectBody,
  type FaceDetectBody,
  type TrainBody,
  VisionApi,
  type WebDetectBody,
  type ZeroShotDetectBody,
} from './vision'
