/**
 * `@atelier/local`: the `local` driver for the Silly Media sidecar, its schemas and endpoint
 * table, and every endpoint as a standalone function (`generateImage(driver.transport, ...)`).
 * The class offering them all as methods, `SillyMediaClient`, lives in `@atelier/local/client`,
 * so an app that only runs tasks does not bundle every endpoint.
 */
export * from './client/functions'
export * from './driver'
export * from './endpoints'
export * from './schemas'
