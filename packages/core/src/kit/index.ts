/**
 * `@atelier/core/driver`: the driver kit. What every driver needs and none should write again —
 * `defineDriver`, checking a body against the wire schema, reading envelopes, "job gone" on
 * 404, warnings, provider options, media inputs as URLs or data URIs — plus the building
 * blocks under them (the HTTP client, SSE, base64, redaction, the polling schedule).
 *
 * Apps do not need this entry; driver authors and atelier's own packages do.
 */
export * from '../base64'
export { abortErrorFrom, anySignal, raceAbort, throwIfAborted } from '../clock'
export { type Submission, taskHandler } from '../driver'
export { describeIssues, formatPath, MAX_ERROR_BODY_CHARS } from '../errors'
export { callHook, mergeHooks } from '../events'
export { noAuth } from '../http/auth'
export { checkBaseUrl, requiredBaseUrl } from '../http/base-url'
export * from '../http/browser-safety'
export {
  HttpClient,
  type HttpClientOptions,
  newIdempotencyKey,
  type PassThroughOptions,
  passThroughOptions,
  type RequestContext,
  type RequestOptions,
  type ResponseSchema,
  responseText,
} from '../http/client'
export * from '../http/path'
export { requestContextOf } from '../http/request-context'
export * from '../http/response-errors'
export * from '../http/retry-after'
export {
  normaliseStatus,
  type ReadStatus,
  readStatus,
  STATUS_SYNONYMS,
  type StatusState,
} from '../job-status'
export { isMediaInput, mediaTypeFromPath, refuseHtmlPage, refusingHtmlPages } from '../media-file'
export * from '../media-input'
export {
  DEFAULT_JOB_DEADLINES_MS,
  DEFAULT_POLLING,
  type JobTiming,
  jobDeadlineMs,
  newPollHistory,
  type Observation,
  type PollHistory,
  pollIntervalFor,
  recordObservation,
  resolvePollingOptions,
} from '../polling'
export * from '../redact'
export { withTurnTaken } from '../request-budget'
export { startValidJob, submissionOf } from '../run'
export * from '../sse'
export {
  aspectRatioSchema,
  baseInputShape,
  checkExclusive,
  exclusiveFields,
  mediaInputSchema,
  modelIdSchema,
  positiveInt,
  providerOptionsSchema,
  seedSchema,
  sizeSchema,
} from '../tasks/shared'
export {
  describeZodIssue,
  issuesFromZod,
  parseOrThrow,
  runSchema,
  type SchemaIssue,
} from '../validation'
export * from '../wire-schemas'
export { bodyError, type CheckBodyOptions, checkBody, jsonByteLength } from './body'
export { type DriverDefinition, defineDriver } from './define-driver'
export type { EndpointInfo } from './endpoints'
export { type EnvelopeOptions, envelopeError, readEnvelope } from './envelope'
export { isJobGone, JOB_GONE_STATUSES, jobGoneSnapshot, unlessJobGone } from './job-gone'
export { fetchableUrl, mediaUrlOrDataUri } from './media'
export {
  providerOptionsOf,
  withCheckedProviderOptions,
  withProviderOptions,
} from './provider-options'
export { adjustedOption, otherWarning, unsupportedOption } from './warnings'
