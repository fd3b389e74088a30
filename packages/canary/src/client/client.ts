/**
 * `CanaryClient`: every endpoint of the CanaryLLM gateway as methods — image, video, speech,
 * sound effects, music, dialogue, transcription and LLM completion (all answered through its
 * queue), the queue itself, and vision detection and training. Each method calls the
 * standalone function of its endpoint (`client.llm.generateImage(body)` is
 * `generateImage(client.transport, body)`); those carry the validation, the docs and the
 * behaviour. Import the functions instead when a bundle should carry only the endpoints it
 * calls: the class references them all.
 *
 * ```ts
 * const canary = new CanaryClient({ baseUrl: 'https://canary.example.com', apiKey: 'clk_live_...' })
 * const { queueId } = await canary.llm.generateImage({ provider: 'openai', prompt: 'a red panda' })
 * const status = await canary.queue.status({ queueId })
 * const done = await canary.queue.result({ queueId, kind: 'image' })
 * if (done.ready) await done.result?.images[0]?.data.bytes()
 * ```
 *
 * Built on an existing transport — `new CanaryClient(driver.transport)` — it shares that
 * connection: the same `HttpClient` (credentials, retries, timeouts, `fetch`) as the driver.
 */
import { checkOptionNames } from '@atelier/core'
import type { HttpClient, RequestContext } from '@atelier/core/driver'
import type {
  AutoLabelResponse,
  AutoTrainResponse,
  CompleteRequest,
  DeleteModelResponse,
  DialogueGenerateRequest,
  ImageGenerateRequest,
  MusicGenerateRequest,
  QueueCancelResponse,
  QueuedResponse,
  QueueStatusResponse,
  ResultKind,
  ResultOf,
  SoundEffectGenerateRequest,
  SpeechGenerateRequest,
  TrainResponse,
  TrainStatusResponse,
  VideoGenerateRequest,
  VisionModelsResponse,
} from '../schemas'
import {
  generateAudio,
  generateCompletion,
  generateDialogue,
  generateImage,
  generateMusic,
  generateSoundEffect,
  generateVideo,
  type TranscribeBody,
  transcribe,
} from './llm'
import { CANARY_CLIENT_OPTION_NAMES, type CanaryClientOptions } from './options'
import {
  cancelQueueJob,
  getQueueResult,
  getQueueStatus,
  type QueueResultResponse,
  type QueueStreamEvent,
  streamQueueEvents,
} from './queue'
import { CanaryTransport, isCanaryTransport } from './transport'
import {
  type AutoLabelBody,
  type AutoTrainBody,
  autoLabelImages,
  autoTrainModel,
  type DetectBody,
  deleteVisionModel,
  detectFaces,
  detectObjects,
  detectWeb,
  detectZeroShot,
  type FaceDetectBody,
  getTrainingStatus,
  listVisionModels,
  type TrainBody,
  trainModel,
  type WebDetectBody,
  type ZeroShotDetectBody,
} from './vision'

/**
 * The CanaryLLM gateway. `new CanaryClient(options)` opens its own connection (see
 * `CanaryTransport` for how calls are retried and errors mapped);
 * `new CanaryClient(transport)` uses an existing one, e.g. a driver's.
 */
export class CanaryClient {
  /** The connection every call goes through; pass it to the endpoint functions too. */
  readonly transport: CanaryTransport
  /** The HTTP client every call goes through (provider `canary`). */
  readonly http: HttpClient
  /** The base URL, without a trailing slash. */
  readonly baseUrl: string
  /** Generation and completion (`/api/llm/*`). */
  readonly llm: LlmApi
  /** The queue every generation goes through (`/api/llm/queue/*`). */
  readonly queue: QueueApi
  /** Detection, training and models (`/api/vision/*`). */
  readonly vision: VisionApi

  constructor(options: CanaryClientOptions | CanaryTransport) {
    if (!isCanaryTransport(options)) {
      checkOptionNames('new CanaryClient()', options, CANARY_CLIENT_OPTION_NAMES)
    }
    this.transport = isCanaryTransport(options) ? options : new CanaryTransport(options)
    this.http = this.transport.http
    this.baseUrl = this.http.baseUrl
    this.llm = new LlmApi(this.transport)
    this.queue = new QueueApi(this.transport)
    this.vision = new VisionApi(this.transport)
  }
}

/** `client.llm`: `POST /api/llm/*`, generation and completion, all answered through the queue. */
export class LlmApi {
  readonly #transport: CanaryTransport

  /** @internal Built by `CanaryClient`. */
  constructor(transport: CanaryTransport) {
    this.#transport = transport
  }

  /** `POST /api/llm/generate-image`; see {@link generateImage}. */
  generateImage(body: ImageGenerateRequest, context?: RequestContext): Promise<QueuedResponse> {
    return generateImage(this.#transport, body, context)
  }

  /** `POST /api/llm/generate-video`; see {@link generateVideo}. */
  generateVideo(body: VideoGenerateRequest, context?: RequestContext): Promise<QueuedResponse> {
    return generateVideo(this.#transport, body, context)
  }

  /** `POST /api/llm/generate-audio` (text to speech); see {@link generateAudio}. */
  generateAudio(body: SpeechGenerateRequest, context?: RequestContext): Promise<QueuedResponse> {
    return generateAudio(this.#transport, body, context)
  }

  /** `POST /api/llm/generate-sound-effect`; see {@link generateSoundEffect}. */
  generateSoundEffect(
    body: SoundEffectGenerateRequest,
    context?: RequestContext,
  ): Promise<QueuedResponse> {
    return generateSoundEffect(this.#transport, body, context)
  }

  /** `POST /api/llm/generate-music`; see {@link generateMusic}. */
  generateMusic(body: MusicGenerateRequest, context?: RequestContext): Promise<QueuedResponse> {
    return generateMusic(this.#transport, body, context)
  }

  /** `POST /api/llm/generate-dialogue`; see {@link generateDialogue}. */
  generateDialogue(
    body: DialogueGenerateRequest,
    context?: RequestContext,
  ): Promise<QueuedResponse> {
    return generateDialogue(this.#transport, body, context)
  }

  /** `POST /api/llm/transcribe` (speech to text); see {@link transcribe}. */
  transcribe(body: TranscribeBody, context?: RequestContext): Promise<QueuedResponse> {
    return transcribe(this.#transport, body, context)
  }

  /** `POST /api/llm/complete` (LLM completion); see {@link generateCompletion}. */
  complete(body: CompleteRequest, context?: RequestContext): Promise<QueuedResponse> {
    return generateCompletion(this.#transport, body, context)
  }
}

/** `client.queue`: `/api/llm/queue/*`, the queue every generation goes through. */
export class QueueApi {
  readonly #transport: CanaryTransport

  /** @internal Built by `CanaryClient`. */
  constructor(transport: CanaryTransport) {
    this.#transport = transport
  }

  /** `POST /api/llm/queue/status`; see {@link getQueueStatus}. */
  status(args: { queueId: string }, context?: RequestContext): Promise<QueueStatusResponse> {
    return getQueueStatus(this.#transport, args, context)
  }

  /** `POST /api/llm/queue/result`, media read as it streams; see {@link getQueueResult}. */
  result<K extends ResultKind>(
    args: { queueId: string; kind: K },
    context?: RequestContext,
  ): Promise<QueueResultResponse<ResultOf<K>>>
  result(
    args: { queueId: string; kind?: undefined },
    context?: RequestContext,
  ): Promise<QueueResultResponse<Record<string, unknown>>>
  result(
    args: { queueId: string; kind?: ResultKind | undefined },
    context?: RequestContext,
  ): Promise<QueueResultResponse<unknown>> {
    return getQueueResult(this.#transport, args, context)
  }

  /** `POST /api/llm/queue/stream`, the job's Server-Sent Events; see {@link streamQueueEvents}. */
  stream(args: { queueId: string }, context?: RequestContext): AsyncIterable<QueueStreamEvent> {
    return streamQueueEvents(this.#transport, args, context)
  }

  /** `POST /api/llm/queue/cancel`; see {@link cancelQueueJob}. */
  cancel(args: { queueId: string }, context?: RequestContext): Promise<QueueCancelResponse> {
    return cancelQueueJob(this.#transport, args, context)
  }
}

/** `client.vision`: `/api/vision/*`, detection, custom-model training and the model list. */
export class VisionApi {
  readonly #transport: CanaryTransport

  /** @internal Built by `CanaryClient`. */
  constructor(transport: CanaryTransport) {
    this.#transport = transport
  }

  /** `POST /api/vision/detect` (objects); see {@link detectObjects}. */
  detect(body: DetectBody, context?: RequestContext): Promise<QueuedResponse> {
    return detectObjects(this.#transport, body, context)
  }

  /** `POST /api/vision/detect/zero-shot`; see {@link detectZeroShot}. */
  detectZeroShot(body: ZeroShotDetectBody, context?: RequestContext): Promise<QueuedResponse> {
    return detectZeroShot(this.#transport, body, context)
  }

  /** `POST /api/vision/detect/faces`; see {@link detectFaces}. */
  detectFaces(body: FaceDetectBody, context?: RequestContext): Promise<QueuedResponse> {
    return detectFaces(this.#transport, body, context)
  }

  /** `POST /api/vision/detect/web` (reverse image search); see {@link detectWeb}. */
  detectWeb(body: WebDetectBody, context?: RequestContext): Promise<QueuedResponse> {
    return detectWeb(this.#transport, body, context)
  }

  /** `POST /api/vision/train`; see {@link trainModel}. */
  train(body: TrainBody, context?: RequestContext): Promise<TrainResponse> {
    return trainModel(this.#transport, body, context)
  }

  /** `POST /api/vision/auto-label`; see {@link autoLabelImages}. */
  autoLabel(body: AutoLabelBody, context?: RequestContext): Promise<AutoLabelResponse> {
    return autoLabelImages(this.#transport, body, context)
  }

  /** `POST /api/vision/auto-train`; see {@link autoTrainModel}. */
  autoTrain(body: AutoTrainBody, context?: RequestContext): Promise<AutoTrainResponse> {
    return autoTrainModel(this.#transport, body, context)
  }

  /** `GET /api/vision/train/{jobId}`; see {@link getTrainingStatus}. */
  trainStatus(args: { jobId: string }, context?: RequestContext): Promise<TrainStatusResponse> {
    return getTrainingStatus(this.#transport, args, context)
  }

  /** `GET /api/vision/models`; see {@link listVisionModels}. */
  models(context?: RequestContext): Promise<VisionModelsResponse> {
    return listVisionModels(this.#transport, context)
  }

  /** `DELETE /api/vision/models/{modelId}`; see {@link deleteVisionModel}. */
  deleteModel(args: { modelId: string }, context?: RequestContext): Promise<DeleteModelResponse> {
    return deleteVisionModel(this.#transport, args, context)
  }
}
