/**
 * Service status and the progress polls of the synchronous generators: `GET /health`,
 * `GET /models`, `GET /progress`, `GET /pixelart/progress`, `GET /img2img/progress` and
 * `GET /music/progress`.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.health()`, `client.models()` and
 * `client.progress` offer the same calls as methods.
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
import { type Connection, type Transport, transportOf } from './transport'

/**
 * `GET /health`: whether the service is up, which model sits in VRAM now (at most one) and
 * the model ids of each family. The `available_*_models` lists are optional (a server may omit
 * a family). A quick `read` call: retried on network errors and 5xx.
 */
export function getHealth(
  connection: Connection,
  context: RequestContext = {},
): Promise<HealthResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/health', kind: 'read', schema: healthResponseSchema },
    context,
  )
}

/**
 * `GET /models`: available and loaded model ids for every family (image, audio, video, vision,
 * img2img, llm, music). Use it to list what this server really offers; ids are open strings.
 */
export function listModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<ModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/models', kind: 'read', schema: modelsResponseSchema },
    context,
  )
}

/*
 * The progress polls report on the generator running right now, per family. The sidecar runs
 * one model at a time, so each reports on the single active run: `{active: false}` when idle,
 * otherwise `step`, `total_steps`, `percent` (0-100) and `elapsed` seconds. Poll them while a
 * synchronous generation call is in flight.
 */

/** `GET /progress`: progress of the text-to-image generation in flight (`POST /generate/{model}`). */
export function getImageProgress(
  connection: Connection,
  context: RequestContext = {},
): Promise<ProgressResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/progress', kind: 'read', schema: progressResponseSchema },
    context,
  )
}

/** `GET /pixelart/progress`: progress of the pixel art generation in flight (`POST /pixelart/generate`). */
export function getPixelArtProgress(
  connection: Connection,
  context: RequestContext = {},
): Promise<ProgressResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/pixelart/progress', kind: 'read', schema: progressResponseSchema },
    context,
  )
}

/** `GET /img2img/progress`: progress of the image edit in flight (`POST /img2img/edit/{model}` or its upload form). */
export function getImg2ImgProgress(
  connection: Connection,
  context: RequestContext = {},
): Promise<ProgressResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/img2img/progress', kind: 'read', schema: progressResponseSchema },
    context,
  )
}

/**
 * `GET /music/progress`: diffusion progress of the music job running now, a simpler
 * alternative to `getMusicStatus(connection, jobId)` (which reports `progress` as a 0-1
 * fraction, while this reports `percent` 0-100).
 */
export function getMusicProgress(
  connection: Connection,
  context: RequestContext = {},
): Promise<MusicProgressResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/music/progress', kind: 'read', schema: musicProgressResponseSchema },
    context,
  )
}

/**
 * Progress of the generator running right now, per family: `{active: false}` when idle,
 * otherwise `step`, `total_steps`, `percent` (0-100) and `elapsed` seconds.
 */
export class ProgressApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /progress`: the text-to-image generation in flight (see `getImageProgress`). */
  image(context: RequestContext = {}): Promise<ProgressResponse> {
    return getImageProgress(this.#transport, context)
  }

  /** `GET /pixelart/progress`: the pixel art generation in flight (see `getPixelArtProgress`). */
  pixelArt(context: RequestContext = {}): Promise<ProgressResponse> {
    return getPixelArtProgress(this.#transport, context)
  }

  /** `GET /img2img/progress`: the image edit in flight (see `getImg2ImgProgress`). */
  img2img(context: RequestContext = {}): Promise<ProgressResponse> {
    return getImg2ImgProgress(this.#transport, context)
  }

  /** `GET /music/progress`: the music job running now, in percent (see `getMusicProgress`). */
  music(context: RequestContext = {}): Promise<MusicProgressResponse> {
    return getMusicProgress(this.#transport, context)
  }
}
