/**
 * The sidecar's request and response schemas (zod/mini), one file per area of the API.
 *
 * Every module-level schema built by calls is written `/* @__PURE__ *\/ (() => ...)()`: the
 * package ships one bundled file per entry, and a bundler drops an unused constant only when its
 * initializer is known to be free of side effects. So an app bundles the schemas of the endpoints
 * it calls (the driver's, or the functions it imports) and none of the others.
 */
export * from './actors'
export * from './comfyui'
export {
  type DeletedJobResponse,
  deletedJobResponseSchema,
  JOB_STATUS_STATES,
  JOB_STATUSES,
  type JobCreatedResponse,
  type JobStatus,
  jobCreatedResponseSchema,
  readJobStatus,
} from './common'
export * from './health'
export * from './image'
export * from './llm'
export * from './loras'
export * from './maya'
export * from './model3d'
export * from './music'
export * from './sprite'
export * from './tts'
export * from './video'
export * from './vision'
