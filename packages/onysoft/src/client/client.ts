/**
 * `OnysoftClient`: a typed client for the Onysoft AI Gateway's content generation API — the
 * five generate aliases and their status lookups, the video list and the model list. Requests
 * are validated before they are sent (documented parameters, ranges, enums, the 10 MB request
 * limit), answers are checked (unknown fields kept), and result URLs become lazy `MediaFile`s.
 *
 * ```ts
 * const onysoft = new OnysoftClient({ apiKey: process.env.ONYSOFT_API_KEY })
 * const { task_id } = await onysoft.video.generate({ model: 'veo3_fast', prompt: 'a cat playing piano', duration: 5 })
 * const status = await onysoft.status(task_id)
 * const { videos } = onysoft.files(status)
 * ```
 */
import {
  type AuthStrategy,
  bearerAuth,
  type Clock,
  type RetryPolicy,
  type SecretSource,
} from '@atelier/core'
import {
  assertKeyAllowedHere,
  HttpClient,
  passThroughOptions,
  type RequestContext,
} from '@atelier/core/driver'
import { type Alias, MAX_REQUEST_BYTES, type TaskStatusData } from '../schemas'
import { GenerationApi, VideoApi } from './generation'
import { ModelsApi } from './models'
import { type TaskFiles, taskFiles } from './outputs'
import { PROVIDER, Transport } from './transport'

/** The gateway's public address. */
export const ONYSOFT_DEFAULT_BASE_URL = 'https://api.onysoft.com'
/** Default per-request timeout, in milliseconds. Every call is quick: generation runs as a task. */
export const ONYSOFT_DEFAULT_TIMEOUT_MS = 60_000

export interface OnysoftClientOptions {
  /** `sk-ony-...`, sent as `Authorization: Bearer <key>`, only to `baseUrl`'s origin. Or a function returning it. */
  apiKey?: SecretSource
  /**
   * Use a literal `apiKey` in a browser anyway. Off by default: a key in a page can be read by
   * every visitor; prefer a proxy `baseUrl`, or a token function returning short-lived tokens.
   */
  dangerouslyAllowBrowser?: boolean
  /** Instead of `apiKey`: any auth strategy (e.g. none, behind your own proxy). */
  auth?: AuthStrategy
  /** Default `https://api.onysoft.com` (paths start with `/v1`). */
  baseUrl?: string
  /** Extra headers on every request to the API origin. */
  headers?: Record<string, string>
  /** Per-request timeout. Default 60 s. */
  timeoutMs?: number
  /** Retry policy of idempotent calls (and of submits the gateway cannot have started). */
  retry?: Partial<RetryPolicy>
  /** Largest JSON body sent, in bytes. Default 10 MiB, the gateway's documented limit. */
  maxRequestBytes?: number
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch
  /** Time source for retry backoff (tests inject one). */
  clock?: Clock
}

/**
 * The Onysoft AI Gateway (`https://api.onysoft.com`): video, image, audio, voice and music
 * generation through one asynchronous task backend.
 *
 * Call kinds decide retries: generate calls are `submit`s (carry an `Idempotency-Key`, never
 * re-sent once the gateway may have started paid work), status, list and model calls are
 * `read`s (retried on network errors, timeouts, 429 and 5xx, honouring `Retry-After`).
 * Errors become typed errors: 400/422 → `ValidationError` with the gateway's message, 429 →
 * `RateLimitError`, others → `ProviderError` with `status`; a 2xx with `success: false` is a
 * `ProviderError` too.
 */
export class OnysoftClient {
  /** The HTTP client every call goes through (provider `onysoft`). */
  readonly http: HttpClient
  /** The API's base URL, without a trailing slash. */
  readonly baseUrl: string
  /** `/v1/video/*`: video generation, status and the list of generated videos. */
  readonly video: VideoApi
  /** `/v1/image/*`: image generation and edits. */
  readonly image: GenerationApi
  /** `/v1/audio/*`: audio in general (TTS, sound effects, speech-to-text, audio isolation). */
  readonly audio: GenerationApi
  /** `/v1/voice/*`: speech (TTS and dialogue). */
  readonly voice: GenerationApi
  /** `/v1/music/*`: music. */
  readonly music: GenerationApi
  /** `GET /v1/models`. */
  readonly models: ModelsApi

  constructor(options: OnysoftClientOptions = {}) {
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new TypeError(`${PROVIDER}: timeoutMs must be a positive number of milliseconds`)
    }
    assertKeyAllowedHere(PROVIDER, options.apiKey, options)
    const auth =
      options.auth ?? (options.apiKey !== undefined ? bearerAuth(options.apiKey) : undefined)
    this.http = new HttpClient({
      provider: PROVIDER,
      baseUrl: options.baseUrl ?? ONYSOFT_DEFAULT_BASE_URL,
      timeoutMs: options.timeoutMs ?? ONYSOFT_DEFAULT_TIMEOUT_MS,
      ...(auth ? { auth } : {}),
      ...passThroughOptions(options),
    })
    this.baseUrl = this.http.baseUrl
    const transport = new Transport(this.http, options.maxRequestBytes ?? MAX_REQUEST_BYTES)
    this.video = new VideoApi(transport)
    this.image = new GenerationApi(transport, 'image')
    this.audio = new GenerationApi(transport, 'audio')
    this.voice = new GenerationApi(transport, 'voice')
    this.music = new GenerationApi(transport, 'music')
    this.models = new ModelsApi(transport)
  }

  /** The method group of an alias (`video`, `image`, `audio`, `voice`, `music`). */
  alias(name: Alias): GenerationApi {
    return this[name]
  }

  /**
   * A task's status, whichever alias started it: the task id is global, so this reads it
   * through the `video` status route (`client.alias(name).status(id)` for another). A `read` call.
   */
  status(taskId: string, context: RequestContext = {}): Promise<TaskStatusData> {
    return this.video.status(taskId, context)
  }

  /**
   * The files a status answer points at, as lazy `MediaFile`s: downloads carry the API key
   * only to the API's own origin, so results on a CDN or storage host are fetched without it.
   */
  files(status: TaskStatusData): TaskFiles {
    return taskFiles(status, { baseUrl: this.baseUrl, download: this.http.downloader() })
  }
}
