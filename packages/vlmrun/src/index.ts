/**
 * `@atelier/vlmrun`: VLM Run — the `vlmrun()` driver for `vision.analyze` with structured
 * output, each endpoint as a function on a transport, the wire schemas, the endpoints table, and
 * a helper that verifies callback deliveries. The `VlmRunClient` class is in
 * `@atelier/vlmrun/client`: it reaches every endpoint, so exporting it here would put every
 * endpoint in the bundle of an app that only runs tasks.
 */

export * from './callback'
export * from './client/functions'
export * from './driver'
export * from './endpoints'
export * from './schemas'
