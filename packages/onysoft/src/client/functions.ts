/**
 * What both entries export of the client: the transport, every endpoint function and their
 * helpers — everything but the `OnysoftClient` class and its method groups, which only
 * `@atelier/onysoft/client` exports (they reach every endpoint, so a bundle holding them holds
 * them all).
 */
export {
  createTask,
  createTaskWithHeaders,
  getTaskStatus,
  getTaskStatusWithHeaders,
} from './generation'
export { tasksForModel, tasksForModelId, tasksForType } from './model-tasks'
export {
  listModels,
  ModelCatalogue,
  type ModelCatalogueOptions,
  normaliseModel,
  type OnysoftModel,
} from './models'
export { resultFile, statusFiles, type TaskFiles, taskFiles } from './outputs'
export {
  createOnysoftTransport,
  isOnysoftTransport,
  ONYSOFT_DEFAULT_BASE_URL,
  ONYSOFT_DEFAULT_TIMEOUT_MS,
  OnysoftTransport,
  type OnysoftTransportOptions,
  oversizeError,
  type WithHeaders,
} from './transport'
export { listAllVideos, listVideos, type VideoListPage } from './videos'
