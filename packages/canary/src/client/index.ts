/**
 * `@atelier/canary/client`: the typed client for every CanaryLLM endpoint. `CanaryClient`
 * offers them all as methods; each is also a standalone function taking a `CanaryTransport`
 * first (`generateImage(transport, body)`), so a bundle carries only the endpoints it calls.
 */
export { CanaryClient, LlmApi, QueueApi, VisionApi } from './client'
export * from './functions'
