/**
 * `@atelier/emulators`: each provider atelier drives, faked as a fetch-style handler that
 * speaks its API with fake media — and `serve()` to run any of them as a real HTTP server
 * on loopback. These are emulators: no model runs; outputs are valid files of the requested
 * size and type.
 */

export * from './canary'
export type { FailRule, RequestMatch } from './fail-rules'
export * from './faults'
export * from './media'
export * from './onysoft'
export { type FetchHandler, type RunningServer, type ServeOptions, serve } from './server'
export * from './sidecar'
export * from './vision-studio'
export * from './vlmrun'
