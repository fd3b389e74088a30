/**
 * Non-pixel-art sprites (`POST /sprite/generate`, `GET /sprite/progress`): hand-painted or
 * realistic game assets with a transparent cutout. Routes of the current server that the API
 * document predates.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.sprite` offers the same calls as methods.
 */
import type { MediaFile } from '@atelier/core'
import type { RequestContext } from '@atelier/core/driver'
import {
  type SpriteGenerateRequest,
  type SpriteProgressResponse,
  spriteGenerateRequestSchema,
  spriteProgressResponseSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'

/**
 * `POST /sprite/generate`: one sprite, resolved as a `MediaFile` (`image/png`, RGBA, bytes in
 * memory). Unlike pixel art the prompt is used as written (no style keywords are added), any image
 * `model` may draw it (default `z-image-turbo`), the size may be non-square (`width`/`height`, one
 * of them for a square, or `aspect_ratio` + `base_size`), the background is removed with rembg
 * unless `remove_background: false`, and `output_size` (8-2048) smooth-resizes the longest side
 * (LANCZOS), keeping the aspect ratio; without it the image keeps the generation size.
 *
 * The body is the image request's (`negative_prompt`, `num_inference_steps`, `cfg_scale` 0-20,
 * `seed`, `use_lora`, `transparent`, `upscale*`, `loras: [{name, scale}]`), checked before
 * anything is sent; `model` and `remove_background` are filled in, other omitted fields take the
 * model's defaults on the server. The deprecated `lora`/`lora_scale` are refused (use `loras`).
 *
 * A `submit` call: never retried once the server may have started, with the transport's
 * `generationTimeoutMs`. Poll `getSpriteProgress` meanwhile. Errors: 422 → `ValidationError`;
 * 404 (unknown model, and on the server version read also an unknown LoRA name) and 500 →
 * `ProviderError` with the server's detail.
 */
export async function generateSprite(
  connection: Connection,
  body: SpriteGenerateRequest,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const json = transport.validate(spriteGenerateRequestSchema, body, 'POST /sprite/generate')
  return transport.media(
    {
      method: 'POST',
      path: '/sprite/generate',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'image/png',
    context,
  )
}

/**
 * `GET /sprite/progress`: step progress of the sprite in flight, `{active: false}` when idle,
 * otherwise `step`, `total_steps` (a best guess: 9 for turbo models, else 30, unless the request
 * gave `num_inference_steps`), `percent` (0-100) and `elapsed` seconds. The server shares this
 * tracker with `GET /progress`, so both report whichever text-to-image run is active.
 */
export function getSpriteProgress(
  connection: Connection,
  context: RequestContext = {},
): Promise<SpriteProgressResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/sprite/progress', kind: 'read', schema: spriteProgressResponseSchema },
    context,
  )
}

/** `POST /sprite/generate` and `GET /sprite/progress`. */
export class SpriteApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `POST /sprite/generate`: a sprite as a PNG `MediaFile` (see `generateSprite`). */
  generate(body: SpriteGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    return generateSprite(this.#transport, body, context)
  }

  /** `GET /sprite/progress`: progress of the sprite in flight (see `getSpriteProgress`). */
  progress(context: RequestContext = {}): Promise<SpriteProgressResponse> {
    return getSpriteProgress(this.#transport, context)
  }
}
