export * from './actors'
export * from './comfyui'
export {
  type DeletedJobResponse,
  deletedJobResponseSchema,
  JOB_STATUSES,
  type JobCreatedResponse,
  type JobStatus,
  jobCreatedResponseSchema,
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
