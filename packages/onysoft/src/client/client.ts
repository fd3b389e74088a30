/**
 * `OnysoftClient`: a typed client for the Onysoft AI Gateway's content generation API — the
 * five generate aliases and their status lookups, the video list and the model list. Requests
 * are validated before they are sent (documented parameters, ranges, enums, the 10 MB request
 * limit), answers are checked (unknown fields kept), and result URLs become lazy `MediaFile`s.
 *
 * The class is a thin wrapper: each method calls one endpoint function of this entry
 * (`createTask`, `getTaskStatus`, `listVideos`, `listModels`) with its transport. Code that
 * needs a few endpoints can call those functions directly and bundle only them.
 *
 * ```ts
 * const onysoft = new OnysoftClient({ apiKey: process.env.ONYSOFT_API_KEY })
 * const { task_id } = await onysoft.video.generate({ model: 'veo3_fast', prompt: 'a cat playing piano', duration: 5 })
 * const status = await onysoft.status(task_id)
 * const { videos } = onysoft.files(status)
 * ```
 */
import { checkOptionNames } from '@atelier/core'
import type { HttpClient, RequestContext } from '@atelier/core/driver'
import type { Alias, TaskStatusData } from '../schemas'
import { getTaskStatus } from './generation'
import { GenerationApi, ModelsApi, VideoApi } from './method-groups'
import { statusFiles, type TaskFiles } from './outputs'
import {
  createOnysoftTransport,
  isOnysoftTransport,
  ONYSOFT_CLIENT_OPTION_NAMES,
  type OnysoftTransport,
  type OnysoftTransportOptions,
} from './transport'

/** What `new OnysoftClient(options)` takes: how to reach the gateway. */
export type OnysoftClientOptions = OnysoftTransportOptions

/**
 * The Onysoft AI Gateway (`https://api.onysoft.com`): video, image, audio, voice and music
 * generation through one asynchronous task backend.
 *
 * `new OnysoftClient(options)` opens its own connection; `new OnysoftClient(transport)` sends
 * through an existing one — `new OnysoftClient(driver.transport)` shares the driver's HTTP
 * client (auth, retries, redaction), and hooks or a request budget passed in a call's context
 * apply as they do to the driver's own requests.
 *
 * Call kinds decide retries: generate calls are `submit`s (carry an `Idempotency-Key`, never
 * re-sent once the gateway may have started paid work), status, list and model calls are
 * `read`s (retried on network errors, timeouts, 429 and 5xx, honouring `Retry-After`).
 * Errors become typed errors: 400/422 → `ValidationError` with the gateway's message, 429 →
 * `RateLimitError`, others → `ProviderError` with `status`; a 2xx with `success: false` is a
 * `ProviderError` too.
 */
export class OnysoftClient {
  /** The connection every call goes through; pass it to the endpoint functions, or to another client. */
  readonly transport: OnysoftTransport
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

  /** A client with its own connection (`options`), or on an existing `transport`. */
  constructor(options: OnysoftClientOptions | OnysoftTransport = {}) {
    if (!isOnysoftTransport(options)) {
      checkOptionNames('new OnysoftClient()', options, ONYSOFT_CLIENT_OPTION_NAMES)
    }
    this.transport = isOnysoftTransport(options) ? options : createOnysoftTransport(options)
    this.http = this.transport.http
    this.baseUrl = this.http.baseUrl
    this.video = new VideoApi(this.transport)
    this.image = new GenerationApi(this.transport, 'image')
    this.audio = new GenerationApi(this.transport, 'audio')
    this.voice = new GenerationApi(this.transport, 'voice')
    this.music = new GenerationApi(this.transport, 'music')
    this.models = new ModelsApi(this.transport)
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
    return getTaskStatus(this.transport, 'video', taskId, context)
  }

  /**
   * The files a status answer points at, as lazy `MediaFile`s: downloads carry the API key
   * only to the API's own origin, so results on a CDN or storage host are fetched without it
   * (see {@link statusFiles}).
   */
  files(status: TaskStatusData): TaskFiles {
    return statusFiles(this.transport, status)
  }
}
