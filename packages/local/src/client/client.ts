/**
 * `SillyMediaClient`: every endpoint of the Silly Media sidecar as methods, grouped as the API
 * document groups them. Each method is one line over the endpoint's standalone function
 * (`client.image.generate` calls `generateImage(client.transport, ...)`), so requests are
 * validated before they are sent, responses are checked (unknown fields kept), media comes back
 * as `MediaFile`s, and every method takes an optional `RequestContext` (`signal`, `hooks`) last.
 *
 * ```ts
 * const sidecar = new SillyMediaClient({ baseUrl: 'http://gpu-box:4201' })
 * const png = await sidecar.image.generate('z-image-turbo', { prompt: 'a red panda', aspect_ratio: '16:9' })
 * const { job_id } = await sidecar.video.textToVideo('hunyuan-video', { prompt: 'waves at dusk' })
 *
 * // Direct calls through a driver's HTTP client (its base URL, auth, fetch and retries):
 * const viaDriver = new SillyMediaClient(driver.transport)
 * ```
 *
 * The class references every endpoint, so a bundle that imports it carries them all; an app that
 * needs a few calls imports their functions instead.
 */
import { checkOptionNames } from '@atelier/core'
import type { HttpClient, RequestContext } from '@atelier/core/driver'
import type { HealthResponse, ModelsResponse } from '../schemas'
import { ActorsApi } from './actors'
import { ComfyApi } from './comfyui'
import { getHealth, listModels, ProgressApi } from './health'
import {
  createTransport,
  SILLY_MEDIA_CLIENT_OPTION_NAMES,
  type SillyMediaClientOptions,
} from './http'
import { ImageApi, Img2ImgApi, PixelArtApi } from './image'
import { LlmApi } from './llm'
import { LorasApi } from './loras'
import { MayaApi } from './maya'
import { Model3dApi } from './model3d'
import { MusicApi } from './music'
import { SpriteApi } from './sprite'
import { type Connection, type Transport, transportOf } from './transport'
import { TtsApi } from './tts'
import { VideoApi } from './video'
import { VisionApi } from './vision'

/**
 * The Silly Media sidecar (FastAPI, port 4201): images, pixel art, image edits, XTTS and Maya
 * speech with stored voices, video and music jobs, vision Q&A and LLM text.
 *
 * Built from options (`new SillyMediaClient({ baseUrl })`, its own HTTP client) or on an
 * existing transport (`new SillyMediaClient(driver.transport)`, or another client), whose HTTP
 * client (base URL, auth, headers, `fetch`, timeouts and retries) its calls then share.
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
  /** What every method calls through: pass it to the endpoint functions, or to a `local` driver. */
  readonly transport: Transport
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

  /**
   * With options (or none: `http://localhost:4201`), a client with its own HTTP client. With a
   * transport (`driver.transport`, `createTransport(...)`) or another client, a client whose
   * calls go through that one's HTTP client.
   */
  constructor(source: SillyMediaClientOptions | Connection = {}) {
    if (!isConnection(source)) {
      checkOptionNames('new SillyMediaClient()', source, SILLY_MEDIA_CLIENT_OPTION_NAMES)
    }
    const transport = isConnection(source) ? transportOf(source) : createTransport(source)
    this.transport = transport
    this.http = transport.http
    this.baseUrl = transport.http.baseUrl
    this.generationTimeoutMs = transport.generationTimeoutMs
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

  /** `GET /health`: status and the model in VRAM now (see `getHealth`). */
  health(context: RequestContext = {}): Promise<HealthResponse> {
    return getHealth(this.transport, context)
  }

  /** `GET /models`: available and loaded model ids of every family (see `listModels`). */
  models(context: RequestContext = {}): Promise<ModelsResponse> {
    return listModels(this.transport, context)
  }
}

/**
 * A transport (or client) rather than options: options never carry an `http` field. Checked by
 * shape, not `instanceof`, so a transport from the package's other entry (a separate copy of
 * the class in CommonJS) is recognised too.
 */
function isConnection(source: SillyMediaClientOptions | Connection): source is Connection {
  return typeof source === 'object' && source !== null && 'http' in source
}
