/**
 * LLM text (Huihui Qwen3 4B): chat or raw-prompt completion, whole or streamed as server-sent
 * events.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.llm` offers the same calls as methods.
 */
import { ConnectionError, ResponseShapeError } from '@atelier/core'
import {
  issuesFromZod,
  type RequestContext,
  readServerSentEvents,
  refuseHtmlPage,
  runSchema,
} from '@atelier/core/driver'
import {
  LLM_STREAM_DONE,
  type LlmGenerateRequest,
  type LlmGenerateRequestParsed,
  type LlmGenerateResponse,
  type LlmModelsResponse,
  type LlmStreamEvent,
  type LlmStreamRequest,
  llmGenerateRequestSchema,
  llmGenerateResponseSchema,
  llmModelsResponseSchema,
  llmStreamEventSchema,
  llmStreamRequestSchema,
} from '../schemas'
import { type Connection, PROVIDER, type Transport, transportOf } from './transport'

/** `GET /llm/models`: available and loaded LLM ids (e.g. `huihui-qwen3-4b`). */
export function listLlmModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<LlmModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/llm/models', kind: 'read', schema: llmModelsResponseSchema },
    context,
  )
}

/**
 * `POST /llm/generate`: a completion of chat `messages` or of a raw `prompt` (exactly one of
 * the two; `system_prompt` only with `prompt`). Resolves with the `text`, token counts,
 * generation time and seed. There is no model field: the server uses its one LLM.
 *
 * Defaults (tuned for creative writing) are filled before sending: `temperature` 0.8, `top_p`
 * 0.9, `top_k` 50, `max_tokens` 32768, `repetition_penalty` 1.1, `enable_thinking` false. A
 * `submit` call with `generationTimeoutMs`. 400/422 → `ValidationError`, 500 → `ProviderError`.
 */
export async function generateLlmText(
  connection: Connection,
  body: LlmGenerateRequest,
  context: RequestContext = {},
): Promise<LlmGenerateResponse> {
  const transport = transportOf(connection)
  const json = transport.validate(llmGenerateRequestSchema, body, 'POST /llm/generate')
  return transport.json(
    {
      method: 'POST',
      path: '/llm/generate',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
      schema: llmGenerateResponseSchema,
    },
    context,
  )
}

/**
 * `POST /llm/stream`: the same request as `generateLlmText`, answered as server-sent events.
 * Yields each `data:` payload parsed as `{delta, finish_reason}` in order (the last one has
 * `finish_reason` such as `stop` and an empty `delta`) and ends at the `data: [DONE]` marker,
 * closing the connection. An event may carry an `error` string if the server fails mid-way.
 *
 * The body is validated when `streamLlmText()` is called, which throws a `ValidationError` at
 * once; the request is sent when iteration starts. No timeout; abort `context.signal` to stop
 * (the iteration then rejects with an `AbortError`), or `break` out of the loop. A frame that is
 * not JSON or not an event rejects with a `ResponseShapeError` whose `body` is the raw frame;
 * a connection that ends before `[DONE]` and before any `finish_reason` rejects with a
 * `ConnectionError`.
 */
export function streamLlmText(
  connection: Connection,
  body: LlmStreamRequest,
  context: RequestContext = {},
): AsyncIterable<LlmStreamEvent> {
  const transport = transportOf(connection)
  const json = transport.validate(llmStreamRequestSchema, body, 'POST /llm/stream')
  return llmEvents(transport, json, context)
}

/** `/llm/models`, `/llm/generate`, `/llm/stream`. */
export class LlmApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /llm/models`: the LLM ids (see `listLlmModels`). */
  models(context: RequestContext = {}): Promise<LlmModelsResponse> {
    return listLlmModels(this.#transport, context)
  }

  /** `POST /llm/generate`: a whole completion (see `generateLlmText`). */
  generate(body: LlmGenerateRequest, context: RequestContext = {}): Promise<LlmGenerateResponse> {
    return generateLlmText(this.#transport, body, context)
  }

  /** `POST /llm/stream`: the completion as events, validated at once (see `streamLlmText`). */
  stream(body: LlmStreamRequest, context: RequestContext = {}): AsyncIterable<LlmStreamEvent> {
    return streamLlmText(this.#transport, body, context)
  }
}

/** The events of `POST /llm/stream`, requested when iteration starts. */
async function* llmEvents(
  transport: Transport,
  json: LlmGenerateRequestParsed,
  context: RequestContext,
): AsyncGenerator<LlmStreamEvent, void, undefined> {
  const response = await transport.http.request(
    {
      method: 'POST',
      path: '/llm/stream',
      json,
      headers: { accept: 'text/event-stream' },
      kind: 'submit',
      timeoutMs: false,
    },
    context,
  )
  if (!response.body) {
    throw new ResponseShapeError(`${PROVIDER} answered POST /llm/stream without a body`, {
      provider: PROVIDER,
      status: response.status,
    })
  }
  // A proxy's error page is not a stream that ended early: say what came, and quote it.
  await refuseHtmlPage(response, 'text/event-stream', `${PROVIDER}: POST /llm/stream`, {
    provider: PROVIDER,
    secrets: transport.http.secrets,
  })
  let finished = false
  const events = readServerSentEvents(response.body, {
    provider: PROVIDER,
    ...(context.signal ? { signal: context.signal } : {}),
  })
  for await (const { data } of events) {
    if (data.trim() === LLM_STREAM_DONE) return
    const event = parseEvent(data, response.status, transport.http.redact(data))
    if (event.finish_reason) finished = true
    yield event
  }
  if (!finished) {
    throw new ConnectionError(`${PROVIDER}: the LLM event stream ended before ${LLM_STREAM_DONE}`, {
      provider: PROVIDER,
    })
  }
}

/** One `data:` payload as an `LlmStreamEvent`, or a ResponseShapeError carrying the frame. */
function parseEvent(data: string, status: number, frame: string): LlmStreamEvent {
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    throw new ResponseShapeError(
      `${PROVIDER} sent an LLM stream event that is not JSON: ${frame.slice(0, 200)}`,
      {
        provider: PROVIDER,
        status,
        body: frame,
      },
    )
  }
  const result = runSchema(llmStreamEventSchema, value)
  if (!result.issues) return result.value
  const issues = issuesFromZod(result.issues)
  throw new ResponseShapeError(
    `${PROVIDER} sent an unexpected LLM stream event: ${issues
      .map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`)
      .join('; ')}`,
    { provider: PROVIDER, status, body: frame, issues },
  )
}
