/**
 * The method groups of `OnysoftClient` (`client.video`, `client.image`, ..., `client.models`):
 * each method is one line that calls the endpoint's function with the client's transport, so
 * the documentation and behaviour live with the functions.
 */
import type { RequestContext } from '@atelier/core/driver'
import type {
  AcceptedTask,
  Alias,
  GenerateRequest,
  TaskStatusData,
  VideoListItem,
  VideoListQuery,
} from '../schemas'
import {
  createTask,
  createTaskWithHeaders,
  getTaskStatus,
  getTaskStatusWithHeaders,
} from './generation'
import { listModels, type OnysoftModel } from './models'
import type { OnysoftTransport, WithHeaders } from './transport'
import { listAllVideos, listVideos, type VideoListPage } from './videos'

/** `POST /v1/{alias}/generate` and `GET /v1/{alias}/status/{task_id}` for one alias. */
export class GenerationApi {
  /** Which endpoint name this group calls. */
  readonly alias: Alias
  readonly #transport: OnysoftTransport

  /** @internal Built by `OnysoftClient`. */
  constructor(transport: OnysoftTransport, alias: Alias) {
    this.#transport = transport
    this.alias = alias
  }

  /** `POST /v1/{alias}/generate`: starts a task (see {@link createTask}). A `submit` call. */
  generate(body: GenerateRequest, context: RequestContext = {}): Promise<AcceptedTask> {
    return createTask(this.#transport, this.alias, body, context)
  }

  /** `generate`, with the answer's headers and status (see {@link createTaskWithHeaders}). */
  generateWithHeaders(
    body: GenerateRequest,
    context: RequestContext = {},
  ): Promise<WithHeaders<AcceptedTask>> {
    return createTaskWithHeaders(this.#transport, this.alias, body, context)
  }

  /** `GET /v1/{alias}/status/{task_id}`: a task's status (see {@link getTaskStatus}). A `read` call. */
  status(taskId: string, context: RequestContext = {}): Promise<TaskStatusData> {
    return getTaskStatus(this.#transport, this.alias, taskId, context)
  }

  /** `status`, with the answer's headers (see {@link getTaskStatusWithHeaders}). */
  statusWithHeaders(
    taskId: string,
    context: RequestContext = {},
  ): Promise<WithHeaders<TaskStatusData>> {
    return getTaskStatusWithHeaders(this.#transport, this.alias, taskId, context)
  }
}

/** The video alias: generate and status, plus the list of generated videos. */
export class VideoApi extends GenerationApi {
  readonly #transport: OnysoftTransport

  /** @internal Built by `OnysoftClient`. */
  constructor(transport: OnysoftTransport) {
    super(transport, 'video')
    this.#transport = transport
  }

  /** `GET /v1/video/list`: one page of generated videos (see {@link listVideos}). */
  list(query: VideoListQuery = {}, context: RequestContext = {}): Promise<VideoListPage> {
    return listVideos(this.#transport, query, context)
  }

  /** Every page of the list in turn (see {@link listAllVideos}). */
  all(
    options: { limit?: number } = {},
    context: RequestContext = {},
  ): AsyncGenerator<VideoListItem, void, undefined> {
    return listAllVideos(this.#transport, options, context)
  }
}

/** `GET /v1/models`. */
export class ModelsApi {
  readonly #transport: OnysoftTransport

  /** @internal Built by `OnysoftClient`. */
  constructor(transport: OnysoftTransport) {
    this.#transport = transport
  }

  /** `GET /v1/models`: the models and prices the gateway offers now (see {@link listModels}). */
  list(context: RequestContext = {}): Promise<OnysoftModel[]> {
    return listModels(this.#transport, context)
  }
}
