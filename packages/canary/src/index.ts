// The driver and what it is made of. The `CanaryClient` class is in `@atelier/canary/client`
// only: it references every endpoint, and an app that uses the driver's tasks should carry
// just the endpoints they call. The endpoint functions and the transport are here too.
export * from './client/functions'
export * from './driver'
export * from './endpoints'
export * from './schemas'
