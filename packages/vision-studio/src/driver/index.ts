export { type VisionStudioDriver, type VisionStudioDriverOptions, visionStudio } from './driver'
export { DRIVER_METHODS } from './endpoints'
export type { OutputKind, Plan } from './jobs'
export {
  EDIT_MODELS,
  IMAGE_MODELS,
  PROMPT_MODELS,
  PROVIDER_ID,
  SPEECH_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from './models'
export { RUNWAY_PRESET_VOICE } from './speech'
export { captionText, promptsOf } from './text'
