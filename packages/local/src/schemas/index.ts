export * from './actors'
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
export * from './maya'
export * from './music'
export * from './tts'
export * from './video'
export * from './vision'
