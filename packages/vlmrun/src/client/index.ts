/**
 * `@atelier/vlmrun/client`: the typed client of every VLM Run endpoint — the `VlmRunClient`
 * class, the transport it runs on, and each endpoint as a standalone function taking that
 * transport first. The package root exports the driver without this class, so an app that
 * only runs tasks bundles only the endpoints its tasks call.
 */
export { ImageApi, PredictionsApi, VlmRunClient } from './client'
export * from './functions'
