/**
 * `@atelier/local/client`: the whole typed client of the Silly Media sidecar. `SillyMediaClient`
 * offers every endpoint as a method; each endpoint is also a standalone function taking a
 * `Transport` first (`generateImage(transport, model, body)`), so a bundle carries only the
 * calls it imports. A transport comes from `createTransport(options)`, a client
 * (`client.transport`) or a `local` driver (`driver.transport`).
 */
export { ActorAudioApi, ActorsApi } from './actors'
export { SillyMediaClient } from './client'
export { ComfyApi } from './comfyui'
export * from './functions'
export { ProgressApi } from './health'
export { ImageApi, Img2ImgApi, PixelArtApi } from './image'
export { LlmApi } from './llm'
export { LorasApi } from './loras'
export { MayaActorsApi, MayaApi } from './maya'
export { Model3dApi } from './model3d'
export { MusicApi } from './music'
export { SpriteApi } from './sprite'
export { TtsApi, TtsHistoryApi } from './tts'
export { VideoApi } from './video'
export { VisionApi } from './vision'
