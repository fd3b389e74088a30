/**
 * `@atelier/vlmrun`: VLM Run — a typed client for `POST /v1/image/generate` and the predictions
 * it creates, the `vlmrun()` driver for `vision.analyze` with structured output, and a helper
 * that verifies callback deliveries.
 */
export * from './callback'
export * from './client'
export * from './driver'
export * from './endpoints'
export * from './schemas'
