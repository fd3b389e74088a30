/**
 * `@atelier/onysoft/client`: direct calls to the Onysoft AI Gateway. Every endpoint is a
 * function taking an `OnysoftTransport` first (`createTask`, `getTaskStatus`, `listVideos`,
 * `listModels`), so a bundle carries only the endpoints it calls; `OnysoftClient` wraps them
 * all as methods, on its own connection or on an existing one (`new OnysoftClient(driver.transport)`).
 */
export { OnysoftClient, type OnysoftClientOptions } from './client'
export {
  createTask,
  createTaskWithHeaders,
  getTaskStatus,
  getTaskStatusWithHeaders,
} from './generation'
export { GenerationApi, ModelsApi, VideoApi } from './method-groups'
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
