// `isPrivateUrl` lives in the driver kit; re-exported so this client's API is unchanged.
export { isPrivateUrl } from '@atelier/core/driver'
export {
  VLMRUN_DEFAULT_BASE_URL,
  VLMRUN_DEFAULT_PREDICTION_TIMEOUT_MS,
  VLMRUN_DEFAULT_TIMEOUT_MS,
  VlmRunClient,
  type VlmRunClientOptions,
} from './client'
export { type GenerateOptions, ImageApi } from './image'
export { PredictionsApi } from './predictions'
export { imageEntry, isStandardSchema, isZodSchema, toJsonSchema } from './structured'
export { withParsedResponse } from './transport'
