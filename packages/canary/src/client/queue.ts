/**
 * `/api/llm/queue/*`: every generation is a job on CanaryLLM's queue, addressed by its
 * `queueId`. All four endpoints are POSTs with body `{queueId}`.
 *
 * Each endpoint is a standalone function taking the `CanaryTransport` first; `client.queue`
 * offers the same calls as methods.
 */
import { ResponseShapeError, type StandardSchemaV1, ValidationError } from '@atelier/core'
import {
  issuesFromZod,
  type RequestContext,
  readServerSentEvents,
  refuseHtmlPage,
  requestContextOf,
  responseText,
  runSchema,
  throwIfAborted,
} from '@atelier/core/driver'
import type * as z from 'zod/mini'
import {
  type QueueCancelResponse,
  type QueueStatusResponse,
  queueCancelResponseSchema,
  queuePendingResultSchema,
  queueReadyResultSchema,
  queueRequestSchema,
  queueStatusResponseSchema,
  RESULT_SCHEMAS,
  type ResultKind,
  type ResultOf,
  type StreamChunk,
  streamChunkSchema,
} from '../schemas'
import { readResultBody } from './result-reader'
import { type CanaryTransport, PROVIDER } from './transport'

/** `getQueueResult` while the job is still queued or processing (HTTP 202). */
export interface QueueResultPending {
  ready: false
  queueId: string
  status: string
  position?: number
}

/**
 * `getQueueResult` once the job has ended. `result` is there when `status` is
 * `completed`; `error` says why a job ended in `error`. Media fields of `result` are
 * `MediaFile`s (see `readResultBody`).
 */
export interface QueueResultReady<R> {
  ready: true
  queueId: string
  status: string
  result?: R
  error?: string | { message?: string | undefined; code?: string | number | undefined }
}

export type QueueResultResponse<R> = QueueResultPending | QueueResultReady<R>

/** One Server-Sent Event of `POST /api/llm/queue/stream`, parsed. */
export type QueueStreamEvent =
  /** The job started processing. */
  | { type: 'start'; data: Record<string, unknown> }
  /** A piece of a streamed completion. */
  | { type: 'chunk'; data: StreamChunk }
  /** The job ended (`data.status`: `completed`, `error` or `cancelled`). */
  | { type: 'done'; data: Record<string, unknown> }
  /** The job or the stream failed (`data.error`). */
  | { type: 'error'; data: Record<string, unknown> }
  /** Any other event, kept for forward compatibility. */
  | { type: 'other'; event: string; data: unknown }

/**
 * `POST /api/llm/queue/status`: `{status, position, createdAt, startedAt}` with `status`
 * `queued`, `processing`, `completed`, `error` or `cancelled`, and `position` the number of
 * jobs ahead while queued. A `read` call, retried on transient faults (a 429 after its
 * `Retry-After`).
 */
export async function getQueueStatus(
  transport: CanaryTransport,
  args: { queueId: string },
  context: RequestContext = {},
): Promise<QueueStatusResponse> {
  const json = queueBody(transport, args, 'status')
  return transport.data(
    {
      method: 'POST',
      path: '/api/llm/queue/status',
      json,
      kind: 'read',
      schema: queueStatusResponseSchema,
    },
    context,
  )
}

/**
 * `POST /api/llm/queue/result`: `{ready: false}` while the job is queued or processing (the
 * server answers 202), else the job's `result` — from the envelope's `data.result`, or the
 * whole answer when it is the result alone, as the document prints the vision results. With `kind`, the result is checked against
 * that kind's schema (`image`, `video`, `speech`, `soundEffect`, `music`, `dialogue`,
 * `transcription`, `completion`, `detection`, `webDetection`).
 *
 * The body is never parsed whole: base64 media fields (`images[].data`, `videos[].data`,
 * `audio`, `blurredImage`) come back as `MediaFile`s. Files up to `inlineMediaMaxBytes` are
 * kept from this read; larger ones request the result again when read and decode it as it
 * streams, so a large video can be saved to disk without ever being in memory.
 */
export function getQueueResult<K extends ResultKind>(
  transport: CanaryTransport,
  args: { queueId: string; kind: K },
  context?: RequestContext,
): Promise<QueueResultResponse<ResultOf<K>>>
export function getQueueResult(
  transport: CanaryTransport,
  args: { queueId: string; kind?: undefined },
  context?: RequestContext,
): Promise<QueueResultResponse<Record<string, unknown>>>
/** A `kind` known only at run time: the result is checked against it when given. */
export function getQueueResult(
  transport: CanaryTransport,
  args: { queueId: string; kind?: ResultKind | undefined },
  context?: RequestContext,
): Promise<QueueResultResponse<unknown>>
export async function getQueueResult(
  transport: CanaryTransport,
  args: { queueId: string; kind?: ResultKind | undefined },
  context: RequestContext = {},
): Promise<QueueResultResponse<unknown>> {
  // `kind` is this client's own option; the rest is the body, checked like the other queue
  // calls (a non-object, a missing queueId or an unknown key is a ValidationError).
  const isObject = typeof args === 'object' && args !== null && !Array.isArray(args)
  const { kind, ...queue } = isObject ? args : { kind: undefined }
  const json = queueBody(transport, (isObject ? queue : args) as { queueId: string }, 'result')
  if (kind !== undefined && !Object.hasOwn(RESULT_SCHEMAS, kind)) {
    throw new ValidationError(
      [
        {
          path: ['kind'],
          message: `must be one of ${Object.keys(RESULT_SCHEMAS).join(', ')}`,
          rule: 'invalid_value',
        },
      ],
      { provider: PROVIDER },
    )
  }
  // The request timeout bounds only the wait for the answer's headers, never the (possibly
  // huge) body: without it a gateway that never answers would hang the job for ever.
  const open = (requestContext: RequestContext) =>
    transport.http.request(
      { method: 'POST', path: '/api/llm/queue/result', json, kind: 'read' },
      requestContext,
    )
  const response = await open(context)
  if (response.status === 202) {
    const pending = await readPending(transport, response, context)
    return {
      ready: false,
      queueId: pending.queueId ?? json.queueId,
      status: pending.status ?? 'processing',
      ...(pending.position !== undefined ? { position: pending.position } : {}),
    }
  }
  const body = await readResultBody(response, {
    provider: PROVIDER,
    inlineMediaMaxBytes: transport.inlineMediaMaxBytes,
    reopen: async (signal) => {
      // Later reads of large media must not end with this call's signal (a poll's), only with their own.
      const again = await open(requestContextOf(context, { signal }))
      if (again.status === 202) {
        await again.body?.cancel().catch(() => {})
        throw new ResponseShapeError(
          `${PROVIDER}: the result of ${json.queueId} is no longer ready`,
          {
            provider: PROVIDER,
            status: 202,
          },
        )
      }
      return again
    },
    ...(context.signal ? { signal: context.signal } : {}),
    redact: (text) => transport.http.redact(text),
    download: transport.http.downloader(),
  })
  const data = transport.unwrap(body, response, queueReadyResultSchema)
  const ready: QueueResultReady<unknown> = {
    ready: true,
    queueId: data.queueId ?? json.queueId,
    status: data.status,
    ...(data.error != null ? { error: data.error } : {}),
  }
  if (data.result !== undefined) {
    ready.result = kind
      ? transport.check(
          data.result,
          response,
          RESULT_SCHEMAS[kind] as StandardSchemaV1<unknown, unknown>,
        )
      : data.result
  } else if (data.status === 'completed') {
    throw new ResponseShapeError(`${PROVIDER}: the completed job ${ready.queueId} has no result`, {
      provider: PROVIDER,
      status: response.status,
    })
  }
  return ready
}

/**
 * `POST /api/llm/queue/stream`: the job's Server-Sent Events, parsed — `start` when it
 * begins processing, `chunk` (`{delta, finishReason}`) for a streamed completion, `done`
 * when it ends, `error` when it fails. Ends after `done` or `error`, or when the server
 * closes the stream. No timeout; abort `context.signal` or `break` to stop listening (the
 * job goes on: cancel it with `cancelQueueJob`). The body is validated at once; the request
 * is sent when iteration starts.
 */
export function streamQueueEvents(
  transport: CanaryTransport,
  args: { queueId: string },
  context: RequestContext = {},
): AsyncIterable<QueueStreamEvent> {
  const json = queueBody(transport, args, 'stream')
  return queueEvents(transport, json, context)
}

/**
 * `POST /api/llm/queue/cancel`: cancels a queued or processing job; answers
 * `{status: "cancelled"}`. A 2xx answer without a status (or without a body) is the gateway
 * saying it cancelled, and reads `cancelled`. A `cancel` call, retried on transient faults.
 */
export async function cancelQueueJob(
  transport: CanaryTransport,
  args: { queueId: string },
  context: RequestContext = {},
): Promise<QueueCancelResponse & { status: string }> {
  const json = queueBody(transport, args, 'cancel')
  const response = await transport.http.request(
    { method: 'POST', path: '/api/llm/queue/cancel', json, kind: 'cancel' },
    context,
  )
  const text = await readText(response, context)
  // Errors are HTTP errors (thrown by the request): what reaches here is a 2xx.
  const answer =
    text.trim() === ''
      ? {}
      : await transport.readData(replay(response, text), queueCancelResponseSchema)
  return { ...answer, status: answer.status ?? 'cancelled' }
}

/**
 * The body of a 202 from `/api/llm/queue/result`: the status says "not finished yet" whatever
 * the body holds, so an empty body (or one that is not JSON) is read as a job still running.
 * An enveloped `success: false` is still an error.
 */
async function readPending(
  transport: CanaryTransport,
  response: Response,
  context: RequestContext,
): Promise<z.infer<typeof queuePendingResultSchema>> {
  const text = await readText(response, context)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return {}
  }
  if (typeof body !== 'object' || body === null) return {}
  return transport.unwrap(body, response, queuePendingResultSchema, text)
}

/** A response's text; a body cut short by the caller's abort is the abort. */
async function readText(response: Response, context: RequestContext): Promise<string> {
  try {
    return await responseText(response, PROVIDER)
  } catch (error) {
    throwIfAborted(context.signal)
    throw error
  }
}

/** The same answer again, for a reader that takes a `Response` (its body has been read). */
function replay(response: Response, text: string): Response {
  return new Response(text, { status: response.status, headers: response.headers })
}

function queueBody(
  transport: CanaryTransport,
  args: { queueId: string },
  name: string,
): { queueId: string } {
  return transport.validate(queueRequestSchema, args, `POST /api/llm/queue/${name}`)
}

async function* queueEvents(
  transport: CanaryTransport,
  json: { queueId: string },
  context: RequestContext,
): AsyncGenerator<QueueStreamEvent, void, undefined> {
  const http = transport.http
  const response = await http.request(
    {
      method: 'POST',
      path: '/api/llm/queue/stream',
      json,
      headers: { accept: 'text/event-stream' },
      kind: 'read',
      timeoutMs: false,
    },
    context,
  )
  if (!response.body) {
    throw new ResponseShapeError(`${PROVIDER} answered POST /api/llm/queue/stream without a body`, {
      provider: PROVIDER,
      status: response.status,
    })
  }
  // A proxy's error page is not a stream that ended early: say what came, and quote it.
  await refuseHtmlPage(response, 'text/event-stream', `${PROVIDER}: POST /api/llm/queue/stream`, {
    provider: PROVIDER,
    secrets: http.secrets,
  })
  const events = readServerSentEvents(response.body, {
    provider: PROVIDER,
    ...(context.signal ? { signal: context.signal } : {}),
  })
  for await (const { event, data } of events) {
    const parsed = parseData(data)
    switch (event) {
      case 'chunk': {
        const result = runSchema(streamChunkSchema, parsed)
        if (result.issues) {
          const issues = issuesFromZod(result.issues)
          throw new ResponseShapeError(`${PROVIDER} sent an unexpected chunk event`, {
            provider: PROVIDER,
            status: response.status,
            body: http.redact(data),
            issues,
          })
        }
        yield { type: 'chunk', data: result.value }
        break
      }
      case 'start':
      case 'done':
      case 'error': {
        yield { type: event, data: asRecord(parsed) }
        if (event !== 'start') return
        break
      }
      default:
        yield { type: 'other', event, data: parsed }
    }
  }
}

/** The JSON of an event's data, or the raw text when it is not JSON. */
function parseData(data: string): unknown {
  try {
    return JSON.parse(data)
  } catch {
    return data
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>
  return value === '' || value === undefined ? {} : { message: value }
}
