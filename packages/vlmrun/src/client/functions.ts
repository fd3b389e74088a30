/**
 * What both entries export of the client: the transport, every endpoint function and their
 * helpers — everything but the `VlmRunClient` class and its method groups, which only
 * `@atelier/vlmrun/client` exports (they reach every endpoint, so a bundle holding them holds
 * them all).
 */
// `isPrivateUrl` lives in the driver kit; re-exported so this client's API is unchanged.
export { isPrivateUrl } from '@atelier/core/driver'
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
