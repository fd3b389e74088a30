/**
 * Service status and the progress polls of the synchronous generators: `GET /health`,
 * `GET /models`, `GET /progress`, `GET /pixelart/progress`, `GET /img2img/progress` and
 * `GET /music/progress`.
 */
import type { RequestContext } from '@atelier/core/driver'
import {
  type HealthResponse,
  healthResponseSchema,
  type ModelsResponse,
  type MusicProgressResponse,
  modelsResponseSchema,
  musicProgressResponseSchema,
  type ProgressResponse,
  progressResponseSchema,
} from '../schemas'
import type { Transport } from './transport'

/** `GET /health` and `GET /models`; exposed as `client.health()` and `client.models()`. */
export class HealthApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * `GET /health`: whether the service is up, which model sits in VRAM now (at most one) and
   * the model ids of each family. The `available_*_models` lists are optional (a server may omit
   * a family). A quick `read` call: retried on network errors and 5xx.
   */
  health(context: RequestContext = {}): Promise<HealthResponse> {
    return this.#transport.json(
      { method: 'GET', path: '/health', kind: 'read', schema: healthResponseSchema },
      context,
    )
  }

  /**
   * `GET /models`: available and loaded model ids for every family (image, audio, video, vision,
   * img2img, llm, music). Use it to list what this server really offers; ids are open strings.
   */
  models(context: RequestContext = {}): Promise<ModelsResponse> {
    return this.#transport.json(
      { method: 'GET', path: '/models', kind: 'read', schema: modelsResponseSchema },
      context,
    )
  }
}

/**
 * Progress of the generator running right now, per family. The sidecar runs one model at a
 * time, so these report on the single active run: `{active: false}` when idle, otherwise
 * `step`, `total_steps`, `percent` (0-100) and `elapsed` seconds. Poll them while a
 * synchronous generation call is in flight.
 */
export class ProgressApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /progress`: progress of the text-to-image generation in flight (`POST /generate/{model}`). */
  image(context: RequestContext = {}): Promise<ProgressResponse> {
    return this.#get('/progress', context)
  }

  /** `GET /pixelart/progress`: progress of the pixel art generation in flight (`POST /pixelart/generate`). */
  pixelArt(context: RequestContext = {}): Promise<ProgressResponse> {
    return this.#get('/pixelart/progress', context)
  }

  /** `GET /img2img/progress`: progress of the image edit in flight (`POST /img2img/edit/{model}` or its upload form). */
  img2img(context: RequestContext = {}): Promise<ProgressResponse> {
    return this.#get('/img2img/progress', context)
  }

  /**
   * `GET /music/progress`: diffusion progress of the music job running now, a simpler
   * alternative to `client.music.status(jobId)` (which reports `progress` as a 0-1 fraction,
   * while this reports `percent` 0-100).
   */
  music(context: RequestContext = {}): Promise<MusicProgressResponse> {
    return this.#get('/music/progress', context, musicProgressResponseSchema)
  }

  #get(
    path: string,
    context: RequestContext,
    schema = progressResponseSchema,
  ): Promise<ProgressResponse> {
    return this.#transport.json({ method: 'GET', path, kind: 'read', schema }, context)
  }
}
