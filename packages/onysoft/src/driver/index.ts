export { dialogueRequest, soundEffectRequest, speechRequest } from './audio'
export {
  type Gateway,
  type GatewayHandler,
  type GatewayTask,
  gatewayHandler,
  PROVIDER_ID,
  type TaskRequest,
} from './gateway'
export { imageEditRequest, imageGenerateRequest } from './image'
export { musicRequest, TRACKS_PER_TASK } from './music'
export {
  type OnysoftDriver,
  type OnysoftDriverOptions,
  type OnysoftHandlers,
  onysoft,
} from './onysoft-driver'
export { estimatedCostOf, type OutputReader, usageOf } from './snapshots'
export { transcriptionRequest } from './transcription'
export { videoRequest } from './video'
