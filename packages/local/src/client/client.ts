/**
 * `SillyMediaClient`: a typed client for every endpoint of the Silly Media sidecar, grouped as
 * the API document groups them. Requests are validated before they are sent, responses are
 * checked (unknown fields kept), media comes back as `MediaFile`s, and every method takes an
 * optional `RequestContext` (`signal`, `hooks`) last.
 *
 * ```ts
 * const sidecar = new SillyMediaClient({ baseUrl: 'http://gpu-box:4201' })
 * const png = await sidecar.image.generate('z-image-turbo', { prompt: 'a red panda', aspect_ratio: '16:9' })
 * const { job_id } = await sidecar.video.textToVideo('hunyuan-video', { prompt: 'waves at dusk' })
 * ```
 */
import type { AuthStrategy, Clock, RetryPolicy } from '@atelier/core'
import { HttpClient, passThroughOptions, type RequestContext } from '@atelier/core/driver'
import type { HealthResponse, ModelsResponse } from '../schemas'
import { ActorsApi } from './actors'
import { ComfyApi } from './comfyui'
import { HealthApi, ProgressApi } from './health'
import { ImageApi, Img2ImgApi, PixelArtApi } from './image'
import { LlmApi } from './llm'
import { LorasApi } from './loras'
import { MayaApi } from './maya'
import { Model3dApi } from './model3d'
import { MusicApi } from './music'
import { SpriteApi } from './sprite'
import { PROVIDER, Transport } from './transport'
import { TtsApi } from './tts'
import { VideoApi } from './video'
import { VisionApi } from './vision'

/** Where the sidecar listens unless told otherwise. */
export const SILLY_MEDIA_DEFAULT_BASE_URL = 'http://localhost:4201'
/** Default timeout of quick calls (health, lists, status, job starts), in milliseconds. */
export const SILLY_MEDIA_DEFAULT_TIMEOUT_MS = 30_000
/** Default timeout of synchronous generation calls, in milliseconds: a GPU may first swap models. */
export const SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS = 15 * 60_000

export interface SillyMediaClientOptions {
  /** Default 'http://localhost:4201'. */
  baseUrl?: string
  /** A proxy in front of the sidecar may need credentials; the sidecar itself has none. */
  auth?: AuthStrategy
  /** Extra headers on every request to the sidecar's origin. */
  headers?: Record<string, string>
  /** Per-request timeout for quick calls (health, lists, status). Default 30 s. */
  timeoutMs?: number
  /** Timeout for synchronous generation calls (image, pixel art, img2img, TTS, vision, LLM). Default 15 min: a GPU may first swap models. */
  generationTimeoutMs?: number
  /** Retry policy of idempotent calls (and of submits the server cannot have started). */
  retry?: Partial<RetryPolicy>
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject a manual clock). */
  clock?: Clock
}

/**
 * The Silly Media sidecar (FastAPI, port 4201): images, pixel art, image edits, XTTS and Maya
 * speech with stored voices, video and music jobs, vision Q&A and LLM text.
 *
 * Call kinds decide retries: generation POSTs are `submit` calls (never re-sent once the
 * server may have started work), GETs are `read`s and DELETEs idempotent `cancel`s (retried on
 * network errors, timeouts and 5xx), actor creation and updates are `write`s (not retried).
 * FastAPI errors become typed errors with the server's `detail` in the message: 400/422 →
 * `ValidationError` (pydantic locations as field paths), others → `ProviderError` with `status`.
 *
 * The sidecar holds one model in VRAM at a time; mixing families makes it swap (seconds each).
 * This client sends what it is asked when it is asked; the `local` driver queues work.
 */
export class SillyMediaClient {
  /** The HTTP client every call goes through (provider `local`). */
  readonly http: HttpClient
  /** The sidecar's base URL, without a trailing slash. */
  readonly baseUrl: string
  /** Timeout of synchronous generation calls, in milliseconds. */
  readonly generationTimeoutMs: number
  /** Progress of the run in flight: `image()`, `pixelArt()`, `img2img()`, `music()`. */
  readonly progress: ProgressApi
  /** Text-to-image and aspect ratio presets. */
  readonly image: ImageApi
  /** Pixel art icons, sprites and tiles. */
  readonly pixelArt: PixelArtApi
  /** Prompt-guided image edits. */
  readonly img2img: Img2ImgApi
  /** XTTS speech, languages, models and history. */
  readonly tts: TtsApi
  /** XTTS actors (stored voices) and their reference recordings. */
  readonly actors: ActorsApi
  /** Maya speech from voice descriptions, emotion tags and saved descriptions. */
  readonly maya: MayaApi
  /** Video jobs. */
  readonly video: VideoApi
  /** Vision Q&A. */
  readonly vision: VisionApi
  /** LLM completion, whole or streamed. */
  readonly llm: LlmApi
  /** Music jobs. */
  readonly music: MusicApi
  /** Non-pixel-art sprites and cutouts (a route of the current server, not in the API document). */
  readonly sprite: SpriteApi
  /** Textured 3D meshes (GLB) from text or an image (current server, not in the API document). */
  readonly model3d: Model3dApi
  /** User LoRAs by model family (current server, not in the API document). */
  readonly loras: LorasApi
  /** The ComfyUI-compatible routes at the root, HTTP only (current server, not in the API document). */
  readonly comfy: ComfyApi
  readonly #health: HealthApi

  constructor(options: SillyMediaClientOptions = {}) {
    const generationTimeoutMs =
      options.generationTimeoutMs ?? SILLY_MEDIA_DEFAULT_GENERATION_TIMEOUT_MS
    checkTimeout('timeoutMs', options.timeoutMs)
    checkTimeout('generationTimeoutMs', generationTimeoutMs)
    this.http = new HttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl ?? SILLY_MEDIA_DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs ?? SILLY_MEDIA_DEFAULT_TIMEOUT_MS,
      ...(options.auth ? { auth: options.auth } : {}),
      ...passThroughOptions(options),
    })
    this.baseUrl = this.http.baseUrl
    this.generationTimeoutMs = generationTimeoutMs
    const transport = new Transport(this.http, generationTimeoutMs)
    this.#health = new HealthApi(transport)
    this.progress = new ProgressApi(transport)
    this.image = new ImageApi(transport)
    this.pixelArt = new PixelArtApi(transport)
    this.img2img = new Img2ImgApi(transport)
    this.tts = new TtsApi(transport)
    this.actors = new ActorsApi(transport)
    this.maya = new MayaApi(transport)
    this.video = new VideoApi(transport)
    this.vision = new VisionApi(transport)
    this.llm = new LlmApi(transport)
    this.music = new MusicApi(transport)
    this.sprite = new SpriteApi(transport)
    this.model3d = new Model3dApi(transport)
    this.loras = new LorasApi(transport)
    this.comfy = new ComfyApi(transport)
  }

  /**
   * `GET /health`: `{status: "healthy", models_loaded, available_*_models}`. `models_loaded`
   * holds the model in VRAM now (at most one). A quick `read` call, retried on transient faults.
   */
  health(context: RequestContext = {}): Promise<HealthResponse> {
    return this.#health.health(context)
  }

  /** `GET /models`: available and loaded model ids of every family (image, audio, video, vision, img2img, llm, music). */
  models(context: RequestContext = {}): Promise<ModelsResponse> {
    return this.#health.models(context)
  }
}

function checkTimeout(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new TypeError(
      `${PROVIDER}: ${name} must be a positive number of milliseconds (got ${value})`,
    )
  }
}
