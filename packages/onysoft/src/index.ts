/**
 * `@atelier/onysoft`: the Onysoft AI Gateway — the `onysoft()` driver that runs atelier's media
 * tasks on it, the wire schemas, the endpoints table, and the endpoint functions (each takes
 * an `OnysoftTransport` first, so a bundle carries only the endpoints it calls).
 *
 * The `OnysoftClient` class, which wraps every endpoint, has its own entry,
 * `@atelier/onysoft/client`: an app that only runs tasks does not bundle the endpoints no task
 * calls.
 */
export * from './client/functions'
export * from './driver'
export * from './endpoints'
export * from './schemas'
