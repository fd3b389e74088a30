export { RUNWAY_PRESET_VOICE, SPEECH_GENERATE_ENDPOINTS } from './audio'
export { IMAGE_GENERATE_ENDPOINTS } from './image'
export { IMAGE_EDIT_ENDPOINTS } from './image-edit'
export type { OutputKind, PlannedTask } from './jobs'
export {
  EDIT_MODELS,
  IMAGE_MODELS,
  PROMPT_MODELS,
  PROVIDER_ID,
  SPEECH_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from './models'
export type { Plan, ProviderOptionsOf } from './plan'
export { PROMPT_ENHANCE_ENDPOINTS, promptsOf } from './text'
export { VIDEO_GENERATE_ENDPOINTS } from './video'
export { captionText, VISION_ANALYZE_ENDPOINTS } from './vision'
export {
  type VisionStudioDriver,
  type VisionStudioDriverOptions,
  visionStudio,
} from './vision-studio-driver'
