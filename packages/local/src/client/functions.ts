/**
 * Every endpoint of the sidecar as a standalone function taking a `Transport` first, with the
 * transport, its options and the types the calls take. Both entries export these: the package
 * root (next to the driver) and `@atelier/local/client` (next to `SillyMediaClient`).
 */
export {
  type ActorAudioAddInput,
  type ActorCreateInput,
  addActorAudio,
  createActor,
  createActorFromYoutube,
  deleteActor,
  deleteActorAudio,
  downloadActorAudio,
  getActor,
  listActorAudio,
  listActors,
} from './actors'
export {
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
export {
  getHealth,
  getImageProgress,
  getImg2ImgProgress,
  getMusicProgress,
  getPixelArtProgress,
  listModels,
} from './health'
export {
  createTransport,
  SILLY_MEDIA_DEFAULT_BASE_URL,
  SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS,
  SILLY_MEDIA_DEFAULT_TIMEOUT_MS,
  type SillyMediaClientOptions,
} from './http'
export {
  editImage,
  editImageUpload,
  generateImage,
  generatePixelArt,
  getAspectRatios,
  type ImageGenerateBody,
  type Img2ImgEditBody,
  type Img2ImgEditUploadInput,
  listImg2ImgModels,
} from './image'
export { generateLlmText, listLlmModels, streamLlmText } from './llm'
export { listLoras, listModelLoras } from './loras'
export {
  createMayaActor,
  deleteMayaActor,
  generateMayaSpeech,
  getMayaActor,
  listMayaActors,
  listMayaEmotionTags,
  streamMayaSpeech,
  updateMayaActor,
} from './maya'
export {
  downloadModel3d,
  generateModel3d,
  getModel3dReference,
  listGeneratedModel3d,
  listModel3dModels,
  type Model3dGenerateBody,
  type Model3dGenerateOptions,
  type Model3dGenerateResult,
} from './model3d'
export {
  deleteMusic,
  downloadMusic,
  generateMusic,
  getMusicStatus,
  listMusicModels,
  type MusicDownloadOptions,
  musicFileAt,
} from './music'
export { generateSprite, getSpriteProgress } from './sprite'
export { type Connection, Transport } from './transport'
export {
  clearTtsHistory,
  deleteTtsHistoryEntry,
  downloadTtsHistoryAudio,
  generateSpeech,
  generateSpeechWithAudio,
  listTtsHistory,
  listTtsLanguages,
  listTtsModels,
  streamSpeech,
  type TtsGenerateWithAudioInput,
} from './tts'
export type { Base64ImageInput, UploadInput } from './uploads'
export {
  deleteVideo,
  downloadVideo,
  downloadVideoThumbnail,
  getVideoStatus,
  listVideoHistory,
  listVideoModels,
  startImageToVideo,
  startTextToVideo,
  type VideoImageToVideoBody,
  videoFileAt,
} from './video'
export {
  analyzeImage,
  analyzeImageUpload,
  listVisionModels,
  type VisionAnalyzeBody,
  type VisionAnalyzeUploadInput,
} from './vision'
