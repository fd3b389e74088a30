/**
 * `@atelier/onysoft`: the Onysoft AI Gateway — a typed client for its content generation API
 * (five generate aliases on one task backend, status lookups, the video list, the model list)
 * and the `onysoft()` driver that runs atelier's media tasks on it.
 */
export * from './client'
export * from './driver'
export * from './endpoints'
export * from './schemas'
