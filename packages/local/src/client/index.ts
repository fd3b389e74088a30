export { type ActorAudioAddInput, ActorAudioApi, type ActorCreateInput, ActorsApi } from './actors'
export {
  SILLY_MEDIA_DEFAULT_BASE_URL,
  SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS,
  SILLY_MEDIA_DEFAULT_TIMEOUT_MS,
  SillyMediaClient,
  type SillyMediaClientOptions,
} from './client'
export {
  ComfyApi,
  clearComfyHistory,
  clearComfyQueue,
  getComfyEmbeddings,
  getComfyHistory,
  getComfyHistoryEntry,
  getComfyNodeInfo,
  getComfyObjectInfo,
  getComfyQueue,
  getComfySystemStats,
  submitComfyPrompt,
  viewComfyImage,
} from './comfyui'
export { ProgressApi } from './health'
export {
  ImageApi,
  type ImageGenerateBody,
  Img2ImgApi,
  type Img2ImgEditBody,
  type Img2ImgEditUploadInput,
  PixelArtApi,
} from './image'
export { LlmApi } from './llm'
export { LorasApi, listLoras, listModelLoras } from './loras'
export { MayaActorsApi, MayaApi } from './maya'
export {
  downloadModel3d,
  generateModel3d,
  getModel3dReference,
  listGeneratedModel3d,
  listModel3dModels,
  Model3dApi,
  type Model3dGenerateBody,
  type Model3dGenerateOptions,
  type Model3dGenerateResult,
} from './model3d'
export { MusicApi, type MusicDownloadOptions } from './music'
export { generateSprite, getSpriteProgress, SpriteApi } from './sprite'
export { TtsApi, type TtsGenerateWithAudioInput, TtsHistoryApi } from './tts'
export type { Base64ImageInput, UploadInput } from './uploads'
export { VideoApi, type VideoImageToVideoBody } from './video'
export { type VisionAnalyzeBody, type VisionAnalyzeUploadInput, VisionApi } from './vision'
