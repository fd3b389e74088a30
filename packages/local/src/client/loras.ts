/**
 * User LoRAs installed on the sidecar (`GET /loras`), by model family. A route of the current
 * server that the API document predates.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.loras` offers the same calls as methods.
 */
import type { RequestContext } from '@atelier/core/driver'
import {
  type LorasResponse,
  lorasResponseSchema,
  type ModelLorasResponse,
  modelLorasQuerySchema,
  modelLorasResponseSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'

/**
 * `GET /loras`: every family's LoRAs. `families` maps each LoRA family (`z-image`,
 * `qwen-image`, ...) to its models and installed LoRAs; the top-level `loras` and
 * `compatible_models` repeat the `z-image` family (the older shape of this answer). Each LoRA
 * has its `name` (what `loras: [{name, scale}]` takes), size and the metadata of its sidecar
 * file (`display_name`, `default_scale`, `trigger_words`, ...). A quick `read` call.
 */
export function listLoras(
  connection: Connection,
  context: RequestContext = {},
): Promise<LorasResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/loras', kind: 'read', schema: lorasResponseSchema },
    context,
  )
}

/**
 * `GET /loras?model=<id>`: the LoRAs one model can use: its `family` (`null` and `supported:
 * false` when it takes no LoRAs), the LoRAs, and every model sharing them. Any registered model id
 * works (image and img2img models); an unknown one is a `ProviderError` (404). An empty id throws a
 * `ValidationError` before any request.
 */
export async function listModelLoras(
  connection: Connection,
  model: string,
  context: RequestContext = {},
): Promise<ModelLorasResponse> {
  const transport = transportOf(connection)
  const query = transport.validate(modelLorasQuerySchema, { model }, 'GET /loras')
  return transport.json(
    {
      method: 'GET',
      path: '/loras',
      query: { model: query.model },
      kind: 'read',
      schema: modelLorasResponseSchema,
    },
    context,
  )
}

/** `GET /loras`, with or without `?model=`. */
export class LorasApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /loras`: every family's LoRAs (see `listLoras`). */
  list(context: RequestContext = {}): Promise<LorasResponse> {
    return listLoras(this.#transport, context)
  }

  /** `GET /loras?model=<id>`: the LoRAs `model` can use (see `listModelLoras`). */
  forModel(model: string, context: RequestContext = {}): Promise<ModelLorasResponse> {
    return listModelLoras(this.#transport, model, context)
  }
}
