export { type ActorAudioAddInput, ActorAudioApi, type ActorCreateInput, ActorsApi } from './actors'
export {
  SILLY_MEDIA_DEFAULT_BASE_URL,
  SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS,
  SILLY_MEDIA_DEFAULT_TIMEOUT_MS,
  SillyMediaClient,
  type SillyMediaClientOptions,
} from './client'
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
export { MayaActorsApi, MayaApi } from './maya'
export { MusicApi, type MusicDownloadOptions } from './music'
export { TtsApi, type TtsGenerateWithAudioInput, TtsHistoryApi } from './tts'
export type { Base64ImageInput, UploadInput } from './uploads'
export { VideoApi, type VideoImageToVideoBody } from './video'
export { type VisionAnalyzeBody, type VisionAnalyzeUploadInput, VisionApi } from './vision'
