/**
 * `@atelier/core`: the contracts every atelier package shares — tasks and their schemas,
 * the driver contract, jobs and the polling engine, HTTP, media files, errors and SSE.
 * No provider knowledge lives here.
 */
export * from './base64'
export * from './clock'
export * from './driver'
export * from './errors'
export * from './events'
export * from './http/auth'
export * from './http/browser-safety'
export * from './http/client'
export * from './http/path'
export * from './http/response-errors'
export * from './http/retry-after'
export * from './job'
export * from './job-types'
export * from './media-file'
export * from './media-input'
export * from './polling'
export * from './redact'
export * from './request-budget'
export * from './run'
export * from './sse'
export * from './tasks'
export * from './validation'
export * from './wire-schemas'
