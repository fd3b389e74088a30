/**
 * The ComfyUI-compatible API at the sidecar's root: submit an API-format workflow with
 * `POST /prompt`, poll `GET /history/{prompt_id}`, fetch the image with `GET /view`. The server
 * reads the prompts, size, steps, CFG and seed out of the workflow and always draws with
 * z-image-turbo. Routes of the current server that the API document predates.
 *
 * The server's `/ws` WebSocket (live progress events) is not covered: this SDK talks to servers
 * through `fetch` only. Poll `getComfyHistoryEntry` (or `client.progress.image()`) instead.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.comfy` offers the same calls as methods.
 */
import type { MediaFile } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type ComfyClearRequest,
  type ComfyEmbeddingsResponse,
  type ComfyEmptyResponse,
  type ComfyHistoryResponse,
  type ComfyObjectInfoResponse,
  type ComfyPromptRequest,
  type ComfyPromptResponse,
  type ComfyQueueResponse,
  type ComfySystemStatsResponse,
  type ComfyViewQuery,
  comfyClearRequestSchema,
  comfyEmbeddingsResponseSchema,
  comfyEmptyResponseSchema,
  comfyHistoryResponseSchema,
  comfyObjectInfoResponseSchema,
  comfyPromptRequestSchema,
  comfyPromptResponseSchema,
  comfyQueueResponseSchema,
  comfySystemStatsResponseSchema,
  comfyViewQuerySchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'

/**
 * `POST /prompt`: queues a ComfyUI workflow (API format: nodes keyed by id, each with
 * `class_type` and `inputs`) and resolves at once with `{prompt_id, number}`. The server reads
 * `KSampler`/`KSamplerAdvanced` (`steps`, `cfg`, `seed`), the `CLIPTextEncode` texts its
 * `positive`/`negative` inputs lead to, `EmptyLatentImage` (`width`, `height`) and the
 * `SaveImage`/`PreviewImage` node id; other nodes are accepted and ignored, and missing ones
 * default to 1024x1024, 9 steps, CFG 0.0, a random seed. `client_id` is the caller's WebSocket id.
 *
 * The body is checked first (a non-empty workflow whose nodes have a `class_type`; unknown
 * top-level keys such as ComfyUI's `extra_data` are refused, the server would ignore them). A
 * `submit` call. A workflow the server cannot parse is a 400 → `ValidationError`.
 */
export async function submitComfyPrompt(
  connection: Connection,
  body: ComfyPromptRequest,
  context: RequestContext = {},
): Promise<ComfyPromptResponse> {
  const transport = transportOf(connection)
  const json = transport.validate(comfyPromptRequestSchema, body, 'POST /prompt')
  return transport.json(
    { method: 'POST', path: '/prompt', json, kind: 'submit', schema: comfyPromptResponseSchema },
    context,
  )
}

/**
 * `GET /queue`: the prompts running now (`queue_running`) and waiting (`queue_pending`), each as
 * ComfyUI lists them: `[number, prompt_id, workflow, extra_data, output node ids]`.
 */
export function getComfyQueue(
  connection: Connection,
  context: RequestContext = {},
): Promise<ComfyQueueResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/queue', kind: 'read', schema: comfyQueueResponseSchema },
    context,
  )
}

/**
 * `POST /queue`: `{clear: true}` forgets every queued prompt, `{delete: [prompt_id, ...]}` the
 * listed ones (running or finished ones too). Answers `{}`. Neither stops a generation the server
 * has started (there is no `/interrupt`). Idempotent, retried like a read.
 */
export async function clearComfyQueue(
  connection: Connection,
  body: ComfyClearRequest,
  context: RequestContext = {},
): Promise<ComfyEmptyResponse> {
  const transport = transportOf(connection)
  const json = transport.validate(comfyClearRequestSchema, body, 'POST /queue')
  return transport.json(
    { method: 'POST', path: '/queue', json, kind: 'cancel', schema: comfyEmptyResponseSchema },
    context,
  )
}

/**
 * `GET /history`: every finished prompt keyed by prompt id: its workflow (`prompt`), `outputs`
 * (per output node, the images to fetch with `viewComfyImage`) and `status`
 * (`status_str` `success` or `error`, with `["execution_error", {message}]` in `messages`).
 */
export function getComfyHistory(
  connection: Connection,
  context: RequestContext = {},
): Promise<ComfyHistoryResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/history', kind: 'read', schema: comfyHistoryResponseSchema },
    context,
  )
}

/**
 * `GET /history/{prompt_id}`: `{[prompt_id]: entry}` once the prompt has finished (successfully
 * or not); `{}` while it is queued or running, and for an id the server does not know (the
 * ComfyUI convention), so poll until the key appears. An empty id throws a `ValidationError`.
 */
export async function getComfyHistoryEntry(
  connection: Connection,
  promptId: string,
  context: RequestContext = {},
): Promise<ComfyHistoryResponse> {
  const transport = transportOf(connection)
  const { prompt_id } = transport.params('GET /history/{prompt_id}', { prompt_id: promptId })
  return transport.json(
    {
      method: 'GET',
      path: pathOf`/history/${prompt_id}`,
      kind: 'read',
      schema: comfyHistoryResponseSchema,
    },
    context,
  )
}

/**
 * `POST /history`: `{clear: true}` forgets every finished prompt, `{delete: [prompt_id, ...]}`
 * the listed prompts (whatever their state). Answers `{}`. Idempotent, retried like a read.
 */
export async function clearComfyHistory(
  connection: Connection,
  body: ComfyClearRequest,
  context: RequestContext = {},
): Promise<ComfyEmptyResponse> {
  const transport = transportOf(connection)
  const json = transport.validate(comfyClearRequestSchema, body, 'POST /history')
  return transport.json(
    { method: 'POST', path: '/history', json, kind: 'cancel', schema: comfyEmptyResponseSchema },
    context,
  )
}

/**
 * `GET /view`: a generated image as a lazy `MediaFile` (`image/png`), fetched only when read.
 * Pass an image of a history entry's outputs as it is (`{filename, subfolder, type}`); `subfolder`
 * defaults to `""` and `type` to `output`. A file or folder name with `/` or `\` throws a
 * `ValidationError` at once (the server would keep only its last segment and serve another file);
 * a missing file is a `ProviderError` (404) on the first read.
 */
export function viewComfyImage(
  connection: Connection,
  query: ComfyViewQuery,
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const { filename, subfolder, type } = transport.validate(comfyViewQuerySchema, query, 'GET /view')
  const search = new URLSearchParams({ filename, subfolder, type })
  return transport.lazyMedia(`/view?${search}`, 'image/png', context)
}

/**
 * `GET /system_stats`: the server's OS and Python version (`comfyui_version` is a placeholder)
 * and, with a CUDA GPU, its name and total/free VRAM in bytes. A quick `read` call.
 */
export function getComfySystemStats(
  connection: Connection,
  context: RequestContext = {},
): Promise<ComfySystemStatsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/system_stats', kind: 'read', schema: comfySystemStatsResponseSchema },
    context,
  )
}

/**
 * `GET /object_info`: the node types the server describes (`CheckpointLoaderSimple`, `KSampler`,
 * `CLIPTextEncode`, `EmptyLatentImage`, `VAEDecode`, `SaveImage`, `PreviewImage`), keyed by
 * class, with their inputs and outputs in ComfyUI's format.
 */
export function getComfyObjectInfo(
  connection: Connection,
  context: RequestContext = {},
): Promise<ComfyObjectInfoResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/object_info', kind: 'read', schema: comfyObjectInfoResponseSchema },
    context,
  )
}

/**
 * `GET /object_info/{node_class}`: `{[node_class]: definition}` for one node type; an unknown
 * class is a `ProviderError` (404). An empty class throws a `ValidationError`.
 */
export async function getComfyNodeInfo(
  connection: Connection,
  nodeClass: string,
  context: RequestContext = {},
): Promise<ComfyObjectInfoResponse> {
  const transport = transportOf(connection)
  const { node_class } = transport.params('GET /object_info/{node_class}', {
    node_class: nodeClass,
  })
  return transport.json(
    {
      method: 'GET',
      path: pathOf`/object_info/${node_class}`,
      kind: 'read',
      schema: comfyObjectInfoResponseSchema,
    },
    context,
  )
}

/** `GET /embeddings`: textual inversion embedding names; always `[]` on this server (a stub). */
export function getComfyEmbeddings(
  connection: Connection,
  context: RequestContext = {},
): Promise<ComfyEmbeddingsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/embeddings', kind: 'read', schema: comfyEmbeddingsResponseSchema },
    context,
  )
}

/**
 * The ComfyUI-compatible routes (`/prompt`, `/queue`, `/history`, `/view`, `/system_stats`,
 * `/object_info`, `/embeddings`); `/ws` is not covered (HTTP only).
 */
export class ComfyApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `POST /prompt`: queue a workflow (see `submitComfyPrompt`). */
  prompt(body: ComfyPromptRequest, context: RequestContext = {}): Promise<ComfyPromptResponse> {
    return submitComfyPrompt(this.#transport, body, context)
  }

  /** `GET /queue`: running and pending prompts (see `getComfyQueue`). */
  queue(context: RequestContext = {}): Promise<ComfyQueueResponse> {
    return getComfyQueue(this.#transport, context)
  }

  /** `POST /queue`: clear or delete queued prompts (see `clearComfyQueue`). */
  clearQueue(body: ComfyClearRequest, context: RequestContext = {}): Promise<ComfyEmptyResponse> {
    return clearComfyQueue(this.#transport, body, context)
  }

  /** `GET /history`: every finished prompt (see `getComfyHistory`). */
  history(context: RequestContext = {}): Promise<ComfyHistoryResponse> {
    return getComfyHistory(this.#transport, context)
  }

  /** `GET /history/{prompt_id}`: one prompt once finished, `{}` before (see `getComfyHistoryEntry`). */
  historyEntry(promptId: string, context: RequestContext = {}): Promise<ComfyHistoryResponse> {
    return getComfyHistoryEntry(this.#transport, promptId, context)
  }

  /** `POST /history`: clear or delete history entries (see `clearComfyHistory`). */
  clearHistory(body: ComfyClearRequest, context: RequestContext = {}): Promise<ComfyEmptyResponse> {
    return clearComfyHistory(this.#transport, body, context)
  }

  /** `GET /view`: a lazy PNG of an output image (see `viewComfyImage`). */
  view(query: ComfyViewQuery, context: RequestContext = {}): MediaFile {
    return viewComfyImage(this.#transport, query, context)
  }

  /** `GET /system_stats`: OS, Python and GPU memory (see `getComfySystemStats`). */
  systemStats(context: RequestContext = {}): Promise<ComfySystemStatsResponse> {
    return getComfySystemStats(this.#transport, context)
  }

  /** `GET /object_info`: every node type (see `getComfyObjectInfo`). */
  objectInfo(context: RequestContext = {}): Promise<ComfyObjectInfoResponse> {
    return getComfyObjectInfo(this.#transport, context)
  }

  /** `GET /object_info/{node_class}`: one node type (see `getComfyNodeInfo`). */
  nodeInfo(nodeClass: string, context: RequestContext = {}): Promise<ComfyObjectInfoResponse> {
    return getComfyNodeInfo(this.#transport, nodeClass, context)
  }

  /** `GET /embeddings`: always `[]` (see `getComfyEmbeddings`). */
  embeddings(context: RequestContext = {}): Promise<ComfyEmbeddingsResponse> {
    return getComfyEmbeddings(this.#transport, context)
  }
}
