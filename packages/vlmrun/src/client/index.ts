/**
 * `@atelier/vlmrun/client`: the typed client of every VLM Run endpoint — the `VlmRunClient`
 * class, the transport it runs on, and each endpoint as a standalone function taking that
 * transport first. The package root exports the driver without this class, so an app that
 * only runs tasks bundles only the endpoints its tasks call.
 */
// `isPrivateUrl` lives in the driver kit; re-exported so this client's API is unchanged.
export { isPrivateUrl } from '@atelier/core/driver'
export { ImageApi, PredictionsApi, VlmRunClient } from './client'
export { type GenerateOptions, generateImagePrediction } from './image'
export { withParsedResponse } from './parsed-response'
export { getPrediction, getPredictionWithHeaders, listPredictions } from './predictions'
export { imageEntry, isStandardSchema, isZodSchema, toJsonSchema } from './structured'
export {
  createVlmRunTransport,
  VLMRUN_DEFAULT_BASE_URL,
  VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS,
  VLMRUN_DEFAULT_TIMEOUT_MS,
  type VlmRunClientOptions,
  type VlmRunTransport,
} from './transport'
