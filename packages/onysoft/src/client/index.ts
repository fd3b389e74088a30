export {
  ONYSOFT_DEFAULT_BASE_URL,
  ONYSOFT_DEFAULT_TIMEOUT_MS,
  OnysoftClient,
  type OnysoftClientOptions,
} from './client'
export { GenerationApi, VideoApi, type VideoListPage } from './generation'
export { tasksForModel, tasksForModelId, tasksForType } from './model-tasks'
export {
  ModelCatalogue,
  type ModelCatalogueOptions,
  ModelsApi,
  normaliseModel,
  type OnysoftModel,
} from './models'
export { resultFile, type TaskFiles, taskFiles } from './outputs'
export { oversizeError, type WithHeaders } from './transport'
