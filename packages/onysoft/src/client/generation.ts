/**
 * The five generate aliases and their status lookups, as functions of a transport. All five
 * reach one backend and return the same global task id, so any alias can look up any task; the
 * alias only documents intent (`video` for video models, `voice` for TTS, ...).
 */
import { checkBody, encodePathSegment, type RequestContext } from '@atelier/core/driver'
import {
  type AcceptedTask,
  type Alias,
  type GenerateRequest,
  generateRequestSchema,
  generateResponseSchema,
  statusResponseSchema,
  type TaskStatusData,
} from '../schemas'
import {
  type CheckedBody,
  type OnysoftTransport,
  PROVIDER,
  serialiseBody,
  type WithHeaders,
} from './transport'

/**
 * `POST /v1/{alias}/generate`: starts a task and resolves with `{task_id, status: "pending",
 * model, estimated_cost}` (HTTP 202). The body is checked before sending: documented
 * parameters only, their ranges and enums, the model-family rules (Sora 2's aspect ratios,
 * TTS voices, sound-effect lengths), and the gateway's 10 MB total request size. A `submit`
 * call: never re-sent once the gateway may have started the task.
 */
export async function createTask(
  transport: OnysoftTransport,
  alias: Alias,
  body: GenerateRequest,
  context: RequestContext = {},
): Promise<AcceptedTask> {
  return (await createTaskWithHeaders(transport, alias, body, context)).data
}

/** `createTask`, with the answer's headers (request id, rate-limit hints) and status. */
export function createTaskWithHeaders(
  transport: OnysoftTransport,
  alias: Alias,
  body: GenerateRequest,
  context: RequestContext = {},
): Promise<WithHeaders<AcceptedTask>> {
  const options = { provider: PROVIDER, what: `POST /v1/${alias}/generate` }
  const request = checkBody(generateRequestSchema, body, options)
  return sendTask(
    transport,
    alias,
    serialiseBody(request, transport.maxRequestBytes, options),
    context,
  )
}

/**
 * Posts a generate body that is already checked and serialised (`serialiseBody`): the driver's
 * path, which checks the body once with the issues named after the task input's fields. Not
 * exported from the package: a caller's body goes through `createTask`'s checks.
 */
export function sendTask(
  transport: OnysoftTransport,
  alias: Alias,
  body: CheckedBody,
  context: RequestContext = {},
): Promise<WithHeaders<AcceptedTask>> {
  return transport.envelope(
    {
      method: 'POST',
      path: `/v1/${alias}/generate`,
      // The text measured against the size limit, sent as it is (a `json` body would be
      // serialised again, on every attempt).
      body: body.json,
      headers: { 'content-type': 'application/json' },
      kind: 'submit',
      schema: generateResponseSchema,
    },
    context,
  )
}

/**
 * `GET /v1/{alias}/status/{task_id}`: `pending`, `processing`, `completed` (with the result
 * URLs: `video_url`, `thumbnail_url`, image or audio URLs) or `failed` (with `error`). A
 * `read` call, retried on transient faults. Any alias looks up any task.
 */
export async function getTaskStatus(
  transport: OnysoftTransport,
  alias: Alias,
  taskId: string,
  context: RequestContext = {},
): Promise<TaskStatusData> {
  return (await getTaskStatusWithHeaders(transport, alias, taskId, context)).data
}

/** `getTaskStatus`, with the answer's headers (`Retry-After` for polling hints). */
export function getTaskStatusWithHeaders(
  transport: OnysoftTransport,
  alias: Alias,
  taskId: string,
  context: RequestContext = {},
): Promise<WithHeaders<TaskStatusData>> {
  return transport.envelope(
    {
      method: 'GET',
      // Named as the document names it, so a bad id is reported as `task_id`.
      path: `/v1/${alias}/status/${encodePathSegment(taskId, 'task_id')}`,
      kind: 'read',
      schema: statusResponseSchema,
    },
    context,
  )
}
