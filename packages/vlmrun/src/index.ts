/**
 * `@atelier/vlmrun`: VLM Run — the `vlmrun()` driver for `vision.analyze` with structured
 * output, each endpoint as a function on a transport, the wire schemas, the endpoints table, and
 * a helper that verifies callback deliveries. The `VlmRunClient` class is in
 * `@atelier/vlmrun/client`: it reaches every endpoint, so exporting it here would put every
 * endpoint in the bundle of an app that only runs tasks.
 */

// `isPrivateUrl` lives in the driver kit; re-exported so this package's API is unchanged.
export { isPrivateUrl } from '@atelier/core/driver'
export * from './callback'
export { type GenerateOptions, generateImagePrediction } from './client/image'
export { withParsedResponse } from './client/parsed-response'
export { getPrediction, getPredictionWithHeaders, listPredictions } from './client/predictions'
export { imageEntry, isStandardSchema, isZodSchema, toJsonSchema } from './client/structured'
export {
  createVlmRunTransport,
  VLMRUN_DEFAULT_BASE_URL,
  VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS,
  VLMRUN_DEFAULT_TIMEOUT_MS,
  type VlmRunClientOptions,
  type VlmRunTransport,
} from './client/transport'
export * from './driver'
export * from './endpoints'
export * from './schemas'
