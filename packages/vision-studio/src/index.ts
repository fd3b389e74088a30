/**
 * `@atelier/vision-studio`: the Vision Studio API (Bria, Google Imagen/Gemini/Veo, OpenAI,
 * Firefly, Runway) — the atelier driver for prompt enhancement, captioning, image generation
 * and editing, video and speech; one standalone function per endpoint of the API document,
 * generated from it, with its schemas and types; and the endpoints table.
 *
 * The client class, `VisionStudioClient`, is not here: it holds every endpoint, so it has its
 * own entry, `@atelier/vision-studio/client`. An app that imports the driver (or a few
 * endpoint functions) from here bundles only the endpoints it calls.
 */
export * from './client/standalone'
export * from './driver'
export { ENDPOINTS, type VisionStudioEndpointRow } from './endpoints'
export * from './generated'
export * from './schemas'
