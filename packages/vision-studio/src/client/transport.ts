/**
 * What every Vision Studio call shares: input validation with the generated schemas (before
 * anything is sent), path building with encoded ids, the request kind that decides retries,
 * the `{status, result}` envelope, result checking, 422 → `VisionStudioValidationError`, and
 * turning an asynchronous answer into a `VisionStudioTask`.
 *
 * Every endpoint function (`generateBriaImage(transport, body)`), the client's methods and the
 * driver call through a `Transport`; the driver imports only the endpoints it maps, so its
 * bundle carries only their schemas. One transport can serve a driver and a client at once
 * (`new VisionStudioClient(driver.transport)`): same HttpClient, auth, retries and hooks.
 */
import {
  type Downloader,
  type MediaInput,
  ProviderError,
  ResponseShapeError,
  toMediaFile,
  type ValidationIssue,
} from '@atelier/core'
import {
  bodyError,
  type CheckBodyOptions,
  encodePathSegment,
  type HttpClient,
  type RequestContext,
  type RequestOptions,
  redactBody,
  sniffImageType,
  throwIfAborted,
} from '@atelier/core/driver'
import type * as z from 'zod/mini'
import {
  briaAcceptedSchema,
  envelopeSchema,
  fireflyAcceptedSchema,
  runwayAcceptedSchema,
} from '../schemas/results'
import type {
  BodyOf,
  ReaderSchema,
  ResultOf,
  StatusRoute,
  StatusRouteOf,
  VisionStudioEndpoint,
  WireSchema,
} from './endpoint'
import { withDetail } from './errors'
import { issueMessage } from './messages'
import { canCancel } from './tasks'

/** Provider id on errors and hook events (the driver's id too). */
export const PROVIDER = 'vision-studio'

/**
 * A job the server started: follow it with `readTaskStatus(transport, task)` or
 * `client.tasks.status(task)` (or the provider's status function), cancel it with
 * `cancelTask(transport, task)` or `client.tasks.cancel(task)` where the provider can. Plain
 * data: store it as JSON and pick it up anywhere.
 */
export interface VisionStudioTask<R extends StatusRoute = StatusRoute> {
  /** Which status route follows it: `bria`, `firefly` or `runway`. */
  route: R
  /** The provider's id (Bria's `request_id`, Firefly's `jobId`, Runway's task `id`). */
  taskId: string
  /** The client method that started it, e.g. `runway.video.generateFromText`. */
  method: string
  /** `GET` path of its status, id filled in. */
  statusPath: string
  /** `DELETE` path that cancels it, where the provider has one. */
  cancelPath?: string
  /** The `result` the server answered the submit with. */
  accepted: Record<string, unknown>
}

/** Path and query parameters, and the body, of one call. */
export interface CallArgs {
  params?: unknown
  body?: unknown
}

/** What `call` resolves with: the result, or the task of an asynchronous endpoint. */
export type CallResult<E extends VisionStudioEndpoint> = E['execution'] extends 'async'
  ? VisionStudioTask<StatusRouteOf<E>>
  : ResultOf<E>

/**
 * The standalone function of an endpoint with a `sync` flag, called with the transport first.
 * With `sync: false` it resolves with a task; with `sync: true` with the result; with `sync`
 * left out, as the endpoint's default says.
 */
export interface SyncFlagFunction<
  Body,
  Default extends boolean,
  Result,
  Route extends StatusRoute,
> {
  (
    transport: Transport,
    body: Body & { sync: false },
    context?: RequestContext,
  ): Promise<VisionStudioTask<Route>>
  (transport: Transport, body: Body & { sync: true }, context?: RequestContext): Promise<Result>
  (
    transport: Transport,
    body: Body & { sync?: undefined },
    context?: RequestContext,
  ): Promise<Default extends true ? Result : VisionStudioTask<Route>>
  (
    transport: Transport,
    body: Body,
    context?: RequestContext,
  ): Promise<Result | VisionStudioTask<Route>>
}

export type SyncFlagFunctionOf<E extends VisionStudioEndpoint> = SyncFlagFunction<
  BodyOf<E>,
  E['syncDefault'] extends true ? true : false,
  ResultOf<E>,
  StatusRouteOf<E>
>

/**
 * The client method of an endpoint with a `sync` flag: its function with the transport bound,
 * typed by `sync` the same way.
 */
export interface SyncFlagMethod<Body, Default extends boolean, Result, Route extends StatusRoute> {
  (body: Body & { sync: false }, context?: RequestContext): Promise<VisionStudioTask<Route>>
  (body: Body & { sync: true }, context?: RequestContext): Promise<Result>
  (
    body: Body & { sync?: undefined },
    context?: RequestContext,
  ): Promise<Default extends true ? Result : VisionStudioTask<Route>>
  (body: Body, context?: RequestContext): Promise<Result | VisionStudioTask<Route>>
}

export type SyncFlagMethodOf<E extends VisionStudioEndpoint> = SyncFlagMethod<
  BodyOf<E>,
  E['syncDefault'] extends true ? true : false,
  ResultOf<E>,
  StatusRouteOf<E>
>

/** How a body's issues are named for a caller: body field → the caller's field; passed-through keys. */
export type IssueNaming = Pick<CheckBodyOptions, 'fields' | 'providerOptionKeys'>

/** An unknown field, worded as the kit words it (`checkBody`). */
const UNKNOWN_FIELD = { message: 'is not a known field', rule: 'unrecognized_keys' } as const

export interface TransportOptions {
  /** Timeout of synchronous generation calls (image, video, speech answered in the response). */
  generationTimeoutMs: number
  /**
   * The client for routes the document lists without the API key (`auth: false`): the same
   * origin, headers and retries, no credentials. Default: `http` (a caller's own transport).
   */
  anonymous?: HttpClient
}

const ACCEPTED = {
  bria: briaAcceptedSchema,
  firefly: fireflyAcceptedSchema,
  runway: runwayAcceptedSchema,
} as const

/** Where each provider's accepted answer holds the task id, for messages. */
const TASK_ID_FIELDS: Record<StatusRoute, string> = {
  bria: 'request_id',
  firefly: 'jobId',
  runway: 'id',
}

/** The tags whose synchronous calls generate media (and may take minutes). */
const GENERATION_TAGS = /Generation|Editing/

export class Transport {
  readonly http: HttpClient
  readonly generationTimeoutMs: number
  readonly #anonymous: HttpClient

  constructor(http: HttpClient, options: TransportOptions) {
    this.http = http
    this.generationTimeoutMs = options.generationTimeoutMs
    this.#anonymous = options.anonymous ?? http
  }

  /**
   * Parses `value` or throws a ValidationError naming every field at fault, before any request.
   * `what` names the call, e.g. `POST /api/v1/caption/image`; `naming` renames the issues to
   * the fields a caller typed (the driver's task fields and provider options).
   */
  validate<T>(schema: WireSchema<T>, value: unknown, what: string, naming?: IssueNaming): T {
    const result = schema.safeParse(value)
    if (result.success) return result.data
    throw bodyError(wireIssues(result.error.issues, value), {
      provider: PROVIDER,
      what: `Invalid ${what}`,
      ...naming,
    })
  }

  /** Calls an endpoint: the result, or (asynchronous endpoints) its task. */
  async call<E extends VisionStudioEndpoint>(
    endpoint: E,
    args: CallArgs,
    context: RequestContext = {},
  ): Promise<CallResult<E>> {
    return (await this.exchange(endpoint, args, context)).value
  }

  /**
   * Calls an endpoint and also returns the response's status and headers (`Retry-After` on a
   * status route). `expectTask` reads the answer as a task (default: asynchronous endpoints).
   */
  async exchange<E extends VisionStudioEndpoint>(
    endpoint: E,
    args: CallArgs,
    context: RequestContext = {},
    expectTask = endpoint.execution === 'async',
  ): Promise<{ value: CallResult<E>; status: number; headers: Headers }> {
    const options = await this.prepare(endpoint, args, context.signal)
    return this.send(endpoint, options, context, expectTask)
  }

  /** Sends a request built by `prepare` and reads the answer (a task when `expectTask`). */
  async send<E extends VisionStudioEndpoint>(
    endpoint: E,
    options: RequestOptions,
    context: RequestContext = {},
    expectTask = endpoint.execution === 'async',
  ): Promise<{ value: CallResult<E>; status: number; headers: Headers }> {
    let response: Response
    try {
      const client = endpoint.auth === false ? this.#anonymous : this.http
      response = await client.request(options, context)
    } catch (error) {
      throw withDetail(error)
    }
    let body: unknown
    try {
      body = await this.http.parseJson<unknown>(response)
    } catch (error) {
      // A body cut short by the caller's abort is the abort, not a lost connection.
      throwIfAborted(context.signal)
      throw error
    }
    // A task's answer is opened without a schema: `task` names what is missing (its id).
    const value = expectTask
      ? this.task(endpoint, this.result(endpoint, body, response.status), response.status)
      : this.result(endpoint, body, response.status, endpoint.result)
    return { value: value as CallResult<E>, status: response.status, headers: response.headers }
  }

  /**
   * Builds the request for `args` (validated) without sending it: method, path, query, body.
   * `naming` names the body's issues by the caller's fields (see `validate`).
   */
  async prepare(
    endpoint: VisionStudioEndpoint,
    args: CallArgs,
    signal?: AbortSignal,
    naming?: IssueNaming,
  ): Promise<RequestOptions> {
    const what = `${endpoint.method} ${endpoint.path}`
    let path = endpoint.path
    const query: Record<string, string | number | boolean | undefined> = {}
    let bodyArg = args.body
    if (endpoint.params) {
      const params = this.validate(endpoint.params, args.params ?? {}, what) as Record<
        string,
        string | number | boolean | undefined
      >
      for (const name of endpoint.pathParams ?? []) {
        path = path.replace(`{${name}}`, encodePathSegment(params[name] as string | number, name))
      }
      for (const name of endpoint.queryParams ?? []) query[name] = params[name]
      bodyArg = withPathIds(endpoint, params, bodyArg, what)
    }
    const options: RequestOptions = {
      method: endpoint.method,
      path,
      kind: requestKind(endpoint),
      ...(Object.keys(query).length ? { query } : {}),
    }
    if (endpoint.request) {
      const body = this.validate(endpoint.request, bodyArg, what, naming)
      if (endpoint.body === 'multipart') {
        options.body = await formData(body, endpoint.files ?? [], signal, this.http.downloader())
      } else options.json = body
    }
    if (
      endpoint.method === 'POST' &&
      GENERATION_TAGS.test(endpoint.tag) &&
      endpoint.execution !== 'async'
    ) {
      options.timeoutMs = this.generationTimeoutMs
    }
    return options
  }

  /** A parsed answer as an error quotes it: JSON text, credentials redacted, bounded. */
  quote(body: unknown): string {
    return redactBody(JSON.stringify(body ?? null), this.http.secrets)
  }

  /**
   * The `result` of an answer body (the envelope opened), checked with `schema` when there is
   * one. Issues inside an envelope are named from the body (`result.image_url`).
   */
  result<T = unknown>(
    endpoint: VisionStudioEndpoint,
    body: unknown,
    status: number,
    schema?: ReaderSchema<T>,
  ): T {
    let value = body
    if (endpoint.envelope) {
      const envelope = envelopeSchema.safeParse(body)
      if (!envelope.success)
        throw shapeError(endpoint, status, this.quote(body), envelope.error.issues)
      if (envelope.data.status !== 'success') {
        throw new ProviderError(
          `${PROVIDER}: ${endpoint.method} ${endpoint.path} answered with status ${JSON.stringify(envelope.data.status)}`,
          { provider: PROVIDER, status, body: this.quote(body) },
        )
      }
      value = envelope.data.result
    }
    if (!schema) return value as T
    const parsed = schema.safeParse(value)
    if (!parsed.success) {
      const issues = endpoint.envelope
        ? parsed.error.issues.map((issue) => ({ ...issue, path: ['result', ...issue.path] }))
        : parsed.error.issues
      throw shapeError(endpoint, status, this.quote(body), issues)
    }
    return parsed.data
  }

  /** The task in an asynchronous answer. */
  task<R extends StatusRoute>(
    endpoint: VisionStudioEndpoint & { statusRoute?: R },
    result: unknown,
    status: number,
  ): VisionStudioTask<R> {
    const route = endpoint.statusRoute
    if (!route) throw new TypeError(`${endpoint.name} has no status route`)
    const accepted = ACCEPTED[route].safeParse(result)
    const fields = (accepted.success ? accepted.data : {}) as Record<string, unknown>
    const id = [fields.request_id, fields.jobId, fields.job_id, fields.id, fields.task_id].find(
      (candidate): candidate is string => typeof candidate === 'string' && candidate.length > 0,
    )
    if (!id) {
      throw new ResponseShapeError(
        `${PROVIDER}: ${endpoint.method} ${endpoint.path} answered without a task id (result: ${this.quote(result).slice(0, 200)})`,
        {
          provider: PROVIDER,
          status,
          body: this.quote(result),
          issues: [
            {
              path: ['result'],
              message: `holds no task id (${TASK_ID_FIELDS[route]})`,
              rule: 'missing_task_id',
            },
          ],
        },
      )
    }
    const segment = encodePathSegment(id, 'task_id')
    // Firefly and Runway tasks can be cancelled on the server; Bria has no cancel route.
    return {
      route: route as R,
      taskId: id,
      method: endpoint.name,
      statusPath: `/api/v1/${route}/status/${segment}`,
      ...(canCancel(route) ? { cancelPath: `/api/v1/${route}/cancel/${segment}` } : {}),
      accepted: fields,
    }
  }
}

/**
 * The standalone function of a `sync`-flag endpoint (typed per `sync`): with `sync: false` it
 * answers with a task, with `sync: true` with the result, with `sync` left out as the endpoint's
 * default says. Creating one has no side effects, so a bundle drops those it does not call.
 */
export function syncFlagFunction<E extends VisionStudioEndpoint>(
  endpoint: E,
): SyncFlagFunctionOf<E> {
  const call = (transport: Transport, body: unknown, context: RequestContext = {}) => {
    const sync = (body as { sync?: unknown } | null)?.sync
    const synchronous = typeof sync === 'boolean' ? sync : endpoint.syncDefault === true
    return transport.exchange(endpoint, { body }, context, !synchronous).then(({ value }) => value)
  }
  return call as SyncFlagFunctionOf<E>
}

/** A `sync`-flag function as a client method on `transport`, keeping its typing by `sync`. */
export function syncFlagMethod<Body, Default extends boolean, Result, Route extends StatusRoute>(
  transport: Transport,
  call: SyncFlagFunction<Body, Default, Result, Route>,
): SyncFlagMethod<Body, Default, Result, Route> {
  const method = (body: Body, context?: RequestContext) => call(transport, body, context)
  return method as SyncFlagMethod<Body, Default, Result, Route>
}

/**
 * Retries follow what a call does: reads retry freely; job submissions only where the server
 * cannot have started paid work; cancels are idempotent; LoRA writes and uploads are not retried.
 */
export function requestKind(endpoint: VisionStudioEndpoint): RequestOptions['kind'] {
  if (endpoint.method === 'GET') return 'read'
  if (endpoint.role === 'cancel') return 'cancel'
  if (endpoint.tag.startsWith('LoRA') || endpoint.tag === 'Upload') return 'write'
  return 'submit'
}

/**
 * zod issues in words a caller can act on: missing fields say so, limits are worded as the
 * emulator's 422 details word them (`issueMessage`), and unknown fields are named one by one,
 * worded as every atelier driver words them.
 */
export function wireIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ValidationIssue[] {
  return issues.flatMap((issue): ValidationIssue[] => {
    const path = issue.path.map((part) => (typeof part === 'number' ? part : String(part)))
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: UNKNOWN_FIELD.message,
        rule: UNKNOWN_FIELD.rule,
      }))
    }
    if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
      return [{ path, message: 'is required', rule: 'required' }]
    }
    return [{ path, message: issueMessage(issue), rule: issue.code }]
  })
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function shapeError(
  endpoint: VisionStudioEndpoint,
  status: number,
  body: string,
  issues: readonly z.core.$ZodIssue[],
): ResponseShapeError {
  const mapped = issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
    rule: issue.code,
  }))
  return new ResponseShapeError(
    `${PROVIDER}: ${endpoint.method} ${endpoint.path} answered with an unexpected shape: ${mapped
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'} ${issue.rule}`)
      .join('; ')}`,
    {
      provider: PROVIDER,
      status,
      body,
      issues: mapped,
    },
  )
}

/**
 * Refuses a body whose id differs from the same id in the path (LoRA updates take
 * `project_id` or `dataset_id` in both), naming the field: the two would address different
 * records. A body without the id is left to its schema, which requires it.
 */
function withPathIds(
  endpoint: VisionStudioEndpoint,
  params: Record<string, unknown>,
  body: unknown,
  what: string,
): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  for (const name of endpoint.pathParams ?? []) {
    const fromPath = params[name]
    const given = (body as Record<string, unknown>)[name]
    if (given === undefined || given === null || String(given) === String(fromPath)) continue
    throw bodyError(
      [
        {
          path: [name],
          message: `is ${JSON.stringify(given)} but the path says ${JSON.stringify(fromPath)}: one record, one id`,
          rule: 'path_mismatch',
        },
      ],
      { provider: PROVIDER, what: `Invalid ${what}` },
    )
  }
  return body
}

/**
 * A multipart form from a validated body: file fields (bytes, a Blob, a MediaFile, or a URL
 * fetched first with `download`, the client's downloader) as file parts, other values as text.
 */
async function formData(
  body: unknown,
  files: readonly string[],
  signal: AbortSignal | undefined,
  download: Downloader,
): Promise<FormData> {
  const form = new FormData()
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || value === null) continue
    if (files.includes(name)) {
      const file = toMediaFile(value as MediaInput, undefined, { download })
      const blob = await typedBlob(await file.blob({ signal }))
      // A File keeps its own name; bytes and URLs get one from the field and the media type.
      const named =
        typeof File !== 'undefined' && value instanceof File ? value.name : file.filename
      form.append(name, blob, named || `${name}${extensionOf(blob.type)}`)
    } else {
      form.append(name, typeof value === 'string' ? value : JSON.stringify(value))
    }
  }
  return form
}

/**
 * The blob, typed from its first bytes when it came without a type (raw bytes): uploads take
 * PNG, JPEG or WebP images, and a part sent as `application/octet-stream` names none of them.
 */
async function typedBlob(blob: Blob): Promise<Blob> {
  if (blob.type !== '' && blob.type !== 'application/octet-stream') return blob
  const sniffed = sniffImageType(new Uint8Array(await blob.slice(0, 12).arrayBuffer()))
  return sniffed ? new Blob([blob], { type: sniffed }) : blob
}

function extensionOf(mediaType: string): string {
  const subtype = mediaType.split('/')[1]?.split(/[;+]/)[0]
  if (!subtype || subtype === 'octet-stream') return ''
  return `.${subtype === 'jpeg' ? 'jpg' : subtype}`
}
