/**
 * `@atelier/onysoft`: the Onysoft AI Gateway — the `onysoft()` driver that runs atelier's media
 * tasks on it, the wire schemas, the endpoints table, and the endpoint functions (each takes
 * an `OnysoftTransport` first, so a bundle carries only the endpoints it calls).
 *
 * The `OnysoftClient` class, which wraps every endpoint, has its own entry,
 * `@atelier/onysoft/client`: an app that only runs tasks does not bundle the endpoints no task
 * calls.
 */
export {
  createTask,
  createTaskWithHeaders,
  getTaskStatus,
  getTaskStatusWithHeaders,
} from './client/generation'
export { tasksForModel, tasksForModelId, tasksForType } from './client/model-tasks'
export {
  listModels,
  ModelCatalogue,
  type ModelCatalogueOptions,
  normaliseModel,
  type OnysoftModel,
} from './client/models'
export { resultFile, statusFiles, type TaskFiles, taskFiles } from './client/outputs'
export {
  createOnysoftTransport,
  isOnysoftTransport,
  ONYSOFT_DEFAULT_BASE_URL,
  ONYSOFT_DEFAULT_TIMEOUT_MS,
  OnysoftTransport,
  type OnysoftTransportOptions,
  oversizeError,
  type WithHeaders,
} from './client/transport'
export { listAllVideos, listVideos, type VideoListPage } from './client/videos'
export * from './driver'
export * from './endpoints'
export * from './schemas'
