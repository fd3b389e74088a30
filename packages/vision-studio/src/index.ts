/**
 * `@atelier/vision-studio`: the Vision Studio API (Bria, Google Imagen/Gemini/Veo, OpenAI,
 * Firefly, Runway) — a client generated from its API document for all of its endpoints, and
 * the atelier driver for prompt enhancement, captioning, image generation and editing, video
 * and speech.
 */
export * from './client'
export * from './client/endpoint'
export * from './driver'
export { ENDPOINTS, type VisionStudioEndpointRow } from './endpoints'
export * from './generated'
export * from './schemas'
