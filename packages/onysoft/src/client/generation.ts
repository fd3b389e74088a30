/**
 * The five generate aliases and their status lookups. All five reach one backend and return
 * the same global task id, so any alias can look up any task; the alias only documents intent
 * (`client.video` for video models, `client.voice` for TTS, ...).
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
  type VideoListItem,
  type VideoListQuery,
  videoListQuerySchema,
  videoListResponseSchema,
} from '../schemas'
import { PROVIDER, type Transport, type WithHeaders } from './transport'

/** `POST /v1/{alias}/generate` and `GET /v1/{alias}/status/{task_id}` for one alias. */
export class GenerationApi {
  /** Which endpoint name this group calls. */
  readonly alias: Alias
  readonly #transport: Transport

  /** @internal Built by `OnysoftClient`. */
  constructor(transport: Transport, alias: Alias) {
    this.#transport = transport
    this.alias = alias
  }

  /**
   * `POST /v1/{alias}/generate`: starts a task and resolves with `{task_id, status: "pending",
   * model, estimated_cost}` (HTTP 202). The body is checked before sending: documented
   * parameters only, their ranges and enums, the model-family rules (Sora 2's aspect ratios,
   * TTS voices, sound-effect lengths), and the gateway's 10 MB total request size. A `submit`
   * call: never re-sent once the gateway may have started the task.
   */
  async generate(body: GenerateRequest, context: RequestContext = {}): Promise<AcceptedTask> {
    return (await this.generateWithHeaders(body, context)).data
  }

  /** `generate`, with the answer's headers (request id, rate-limit hints) and status. */
  async generateWithHeaders(
    body: GenerateRequest,
    context: RequestContext = {},
  ): Promise<WithHeaders<AcceptedTask>> {
    const transport = this.#transport
    const json = transport.checkBody(generateRequestSchema, body, `POST /v1/${this.alias}/generate`)
    return transport.envelope(
      {
        method: 'POST',
        path: `/v1/${this.alias}/generate`,
        json,
        kind: 'submit',
        schema: generateResponseSchema,
      },
      context,
    )
  }

  /**
   * `GET /v1/{alias}/status/{task_id}`: `pending`, `processing`, `completed` (with the result
   * URLs: `video_url`, `thumbnail_url`, image or audio URLs) or `failed` (with `error`). A
   * `read` call, retried on transient faults.
   */
  async status(taskId: string, context: RequestContext = {}): Promise<TaskStatusData> {
    return (await this.statusWithHeaders(taskId, context)).data
  }

  /** `status`, with the answer's headers (`Retry-After` for polling hints). */
  statusWithHeaders(
    taskId: string,
    context: RequestContext = {},
  ): Promise<WithHeaders<TaskStatusData>> {
    return this.#transport.envelope(
      {
        method: 'GET',
        // Named as the document names it, so a bad id is reported as `task_id`.
        path: `/v1/${this.alias}/status/${encodePathSegment(taskId, 'task_id')}`,
        kind: 'read',
        schema: statusResponseSchema,
      },
      context,
    )
  }
}

/** One page of `GET /v1/video/list`, normalised. */
export interface VideoListPage {
  videos: VideoListItem[]
  /** The page returned (the request's when the answer does not say). */
  page: number
  limit: number
  /** Videos in all pages, when the gateway reports it. */
  total?: number
  totalPages?: number
}

/** The video alias: generate and status, plus the list of generated videos. */
export class VideoApi extends GenerationApi {
  readonly #transport: Transport

  /** @internal Built by `OnysoftClient`. */
  constructor(transport: Transport) {
    super(transport, 'video')
    this.#transport = transport
  }

  /**
   * `GET /v1/video/list`: generated videos, a page at a time (`page` from 1, default 1;
   * `limit` 1-100, default 20). Out-of-range values fail before the request.
   */
  async list(query: VideoListQuery = {}, context: RequestContext = {}): Promise<VideoListPage> {
    const transport = this.#transport
    const { page, limit } = checkBody(videoListQuerySchema, query, {
      provider: PROVIDER,
      what: 'GET /v1/video/list',
    })
    const { data } = await transport.envelope(
      {
        method: 'GET',
        path: '/v1/video/list',
        query: { page, limit },
        kind: 'read',
        schema: videoListResponseSchema,
      },
      context,
    )
    if (Array.isArray(data)) return { videos: data, page, limit }
    const paging = { ...data.pagination, ...pick(data) }
    return {
      videos: data.videos ?? data.items ?? data.data ?? [],
      page: paging.page ?? page,
      limit: paging.limit ?? limit,
      ...(paging.total != null ? { total: paging.total } : {}),
      ...(paging.total_pages != null ? { totalPages: paging.total_pages } : {}),
    }
  }

  /**
   * Every page of the list in turn, `limit` (default 100, the maximum) videos a request,
   * until a short or empty page.
   */
  async *all(
    options: { limit?: number } = {},
    context: RequestContext = {},
  ): AsyncGenerator<VideoListItem, void, undefined> {
    const limit = options.limit ?? 100
    for (let page = 1; ; page++) {
      const result = await this.list({ page, limit }, context)
      yield* result.videos
      const done =
        result.videos.length < limit ||
        (result.totalPages !== undefined && page >= result.totalPages)
      if (done) return
    }
  }
}

/** The flat paging fields of a list answer, without undefined/null values. */
function pick(data: {
  page?: number | null
  limit?: number | null
  total?: number | null
  total_pages?: number | null
}) {
  const out: { page?: number; limit?: number; total?: number; total_pages?: number } = {}
  for (const key of ['page', 'limit', 'total', 'total_pages'] as const) {
    const value = data[key]
    if (value != null) out[key] = value
  }
  return out
}
