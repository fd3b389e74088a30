/**
 * What every model of the provider shares: the call's `providerOptions.atelier` merged into
 * the atelier input, atelier's warnings in the spec's kinds, atelier's typed errors as the AI
 * SDK's `APICallError` (so its retry logic decides), and JSON-safe metadata.
 */
import {
  APICallError,
  type JSONObject,
  type JSONValue,
  type SharedV3ProviderOptions,
  type SharedV3Warning,
} from '@ai-sdk/provider'
import {
  AbortError,
  canResubmit,
  isAtelierError,
  type JobSnapshot,
  RateLimitError,
  ValidationError,
  type Warning,
} from '@atelier/core'

/** The key of `providerOptions` (and of `providerMetadata`) that belongs to atelier. */
export const PROVIDER_KEY = 'atelier'

/**
 * The atelier-shaped fields a call carries under `providerOptions.atelier`, e.g.
 * `{ steps: 8, negativePrompt: 'blur', providerOptions: { local: { ... } } }`: merged into the
 * task input, where the AI SDK's own settings win for the fields it sets.
 */
export function atelierOptionsOf(
  providerOptions: SharedV3ProviderOptions | undefined,
): Record<string, unknown> {
  const own = providerOptions?.[PROVIDER_KEY]
  if (own === undefined) return {}
  if (typeof own !== 'object' || own === null || Array.isArray(own)) {
    throw new ValidationError([
      {
        path: ['providerOptions', PROVIDER_KEY],
        message: 'must be an object of atelier input fields',
        rule: 'invalid_type',
      },
    ])
  }
  const { model: _model, ...fields } = own as Record<string, unknown>
  return fields
}

/** The one field the AI SDK names that atelier's task does not take, as a spec warning. */
export function unsupported(feature: string, details: string): SharedV3Warning {
  return { type: 'unsupported', feature, details }
}

/** atelier's warnings in the spec's kinds: a dropped option is `unsupported`, a changed one `compatibility`. */
export function specWarnings(warnings: readonly Warning[] | undefined): SharedV3Warning[] {
  return (warnings ?? []).map((warning): SharedV3Warning => {
    if (warning.type === 'unsupported-option') {
      return {
        type: 'unsupported',
        feature: warning.option,
        ...(warning.details ? { details: warning.details } : {}),
      }
    }
    if (warning.type === 'adjusted-option') {
      return {
        type: 'compatibility',
        feature: warning.option,
        ...(warning.details ? { details: warning.details } : {}),
      }
    }
    return { type: 'other', message: warning.message }
  })
}

/** `value` as JSON (dates as ISO text, undefined dropped), for metadata the spec types as JSON. */
export function toJson(value: unknown): JSONValue {
  if (value === undefined) return null
  return JSON.parse(JSON.stringify(value)) as JSONValue
}

/** An object's entries that are defined, as a JSON object. */
export function jsonObject(fields: Record<string, unknown>): JSONObject {
  const out: JSONObject = {}
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) out[key] = toJson(value)
  }
  return out
}

/** The spec's `provider` of a model, for logs: `atelier.local` for `local/z-image-turbo`. */
export function providerNameOf(modelId: string): string {
  return `atelier.${modelId.split('/')[0]}`
}

/** The response metadata every result carries. */
export function responseOf(modelId: string): {
  timestamp: Date
  modelId: string
  headers: Record<string, string> | undefined
} {
  return { timestamp: new Date(), modelId, headers: undefined }
}

/**
 * The headers of an AI SDK call that are the caller's own: the AI SDK adds a `user-agent` to
 * every call, and ai 7 an `idempotency-key` to video starts, which atelier sends as the submit
 * key instead.
 */
export function callerHeaders(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase()
    if (value === undefined || lower === 'user-agent' || lower === 'idempotency-key') continue
    out[lower] = value
  }
  return out
}

/** The caller's idempotency key, from the headers the AI SDK sends it in. */
export function idempotencyKeyOf(
  headers: Record<string, string | undefined> | undefined,
): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'idempotency-key' && value) return value
  }
  return undefined
}

export interface FailedCall {
  /** `provider/model`, named in the error's URL. */
  modelId: string
  /** The atelier task input the call sent, binary data left out. */
  input: unknown
  /** Whether a remote job was created before the failure. */
  jobStarted: boolean
  /**
   * The failed request only read a job (a status check): trying again cannot start work, so
   * the error's own `isRetryable` decides.
   */
  readOnly?: boolean
}

/**
 * The error the AI SDK should see for `error`: an abort stays an abort (its retry stops on
 * those); any other failure becomes an `APICallError` with atelier's typed error as `cause`,
 * the provider's status and body where it answered, and `isRetryable` from
 * `canResubmit`, false once a job exists.
 */
export function toAiSdkError(error: unknown, call: FailedCall): unknown {
  if (error instanceof AbortError || (error as { name?: unknown })?.name === 'AbortError') {
    return error
  }
  if (!isAtelierError(error)) return error
  const status = (error as { status?: unknown }).status
  const retryAfterMs = error instanceof RateLimitError ? error.retryAfterMs : undefined
  return new APICallError({
    message: error.message,
    url: `atelier:${call.modelId}`,
    requestBodyValues: call.input,
    ...(typeof status === 'number' ? { statusCode: status } : {}),
    ...(retryAfterMs !== undefined
      ? { responseHeaders: { 'retry-after-ms': String(retryAfterMs) } }
      : {}),
    ...(error.body !== undefined ? { responseBody: error.body } : {}),
    cause: error,
    // The AI SDK's retry submits anew: only when the failed attempt cannot have started (and
    // billed) work (`canResubmit`). Once a remote job exists, never; a status read as atelier says.
    isRetryable: call.readOnly ? error.isRetryable : !call.jobStarted && canResubmit(error),
    data: error.toJSON(),
  })
}

/** The input with bytes, Blobs and files replaced by a short description, for an error's request body. */
export function describeInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
      out[key] = `[${value.byteLength} bytes]`
    } else if (typeof Blob !== 'undefined' && value instanceof Blob) {
      out[key] = `[${value.size} bytes, ${value.type || 'no type'}]`
    } else if (typeof value === 'string' && value.startsWith('data:') && value.length > 128) {
      out[key] = `[data URL, ${value.length} characters]`
    } else {
      out[key] = value
    }
  }
  return out
}

/** A job's progress and place in line, as `providerMetadata.atelier` carries them. */
export function progressMetadata(snapshot: JobSnapshot<unknown>): JSONObject {
  return jsonObject({
    state: snapshot.state,
    ...(snapshot.state === 'queued' ? { queuePosition: snapshot.position } : {}),
    ...(snapshot.state === 'running' ? { progress: snapshot.progress } : {}),
    ...(snapshot.providerStatus ? { providerStatus: snapshot.providerStatus } : {}),
  })
}

/** Builds a call's atelier input; a bad field fails as the AI SDK's error, before any request. */
export function prepareInput<Prepared>(modelId: string, build: () => Prepared): Prepared {
  try {
    return build()
  } catch (error) {
    throw toAiSdkError(error, { modelId, input: undefined, jobStarted: false })
  }
}
