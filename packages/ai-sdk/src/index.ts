/**
 * `@atelier/ai-sdk`: every atelier driver as a Vercel AI SDK provider. `generateImage`,
 * `experimental_generateSpeech`, `experimental_transcribe`, `experimental_generateVideo` (and
 * ai 7's `experimental_startVideo` / `experimental_getVideoStatus`), `generateText` and
 * `streamText` run on the self-hosted sidecar and the gateways, with what the AI SDK lacks:
 * remote cancel, progress, and an operation resumable in another process.
 */

export type { VideoDelivery } from './media'
export { type AtelierProvider, type AtelierProviderOptions, atelierProvider } from './provider'
export { PROVIDER_KEY } from './shared'
export type {
  ImageModelV4,
  LanguageModelV4,
  SpecificationVersion,
  SpeechModelV4,
  TranscriptionModelV4,
  VideoModelV3WithOperations,
  VideoModelV4,
  VideoOperationStartResult,
  VideoOperationStatusResult,
} from './spec'
