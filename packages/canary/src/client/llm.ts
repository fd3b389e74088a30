/**
 * The generation endpoints under `/api/llm/`. Each validates its body, sends it as a `submit`
 * call (an `Idempotency-Key` kept across retries; re-sent only where the server cannot have
 * queued the job), and resolves at once with the queued job: `{queueId, status: "queued"}`.
 * Follow it with `client.queue`.
 */
import type { StandardSchemaV1 } from '@atelier/core'
import type { RequestContext } from '@atelier/core/driver'
import {
  type CompleteRequest,
  completeRequestSchema,
  type DialogueGenerateRequest,
  dialogueGenerateRequestSchema,
  type ImageGenerateRequest,
  imageGenerateRequestSchema,
  type MusicGenerateRequest,
  musicGenerateRequestSchema,
  type QueuedResponse,
  queuedResponseSchema,
  type SoundEffectGenerateRequest,
  type SpeechGenerateRequest,
  soundEffectGenerateRequestSchema,
  speechGenerateRequestSchema,
  type TranscribeRequest,
  transcribeRequestSchema,
  type VideoGenerateRequest,
  videoGenerateRequestSchema,
} from '../schemas'
import { type Base64Input, mediaTypeOf, withBase64Fields } from './binary-fields'
import type { Transport } from './transport'

/** Body of `client.llm.transcribe`: `audio` may be base64 text or a file to encode. */
export type TranscribeBody = Omit<TranscribeRequest, 'audio'> & { audio: Base64Input }

/** `POST /api/llm/*`: generation and completion, all answered through the queue. */
export class LlmApi {
  readonly #transport: Transport

  /** @internal Built by `CanaryClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * `POST /api/llm/generate-image`: images from `openai`, `gemini`, `vertex`, `xai` or
   * `ollama`. `n` 1-10; `size` (`"1024x1024"`, OpenAI/Ollama) or `aspectRatio` (`"16:9"`,
   * Gemini/Vertex), not both; `quality` `standard`/`hd`/`ultra`; `tag` at most 100
   * characters. The result (`client.queue.result`) holds `images: [{data, mimeType}]`.
   */
  generateImage(body: ImageGenerateRequest, context: RequestContext = {}): Promise<QueuedResponse> {
    return this.#submit('/api/llm/generate-image', imageGenerateRequestSchema, body, context)
  }

  /**
   * `POST /api/llm/generate-video`: videos from `gemini`, `vertex` or `xai` (default model
   * `veo-3.1-generate-preview`). `durationSeconds` 1-60, `numberOfVideos` 1-4, `aspectRatio`,
   * `resolution` (xAI) and `imageUrl` (image to video, xAI only). The result holds
   * `videos: [{data, mimeType}]`.
   */
  generateVideo(body: VideoGenerateRequest, context: RequestContext = {}): Promise<QueuedResponse> {
    return this.#submit('/api/llm/generate-video', videoGenerateRequestSchema, body, context)
  }

  /**
   * `POST /api/llm/generate-audio`: text to speech with `elevenlabs` (`voiceId`,
   * `outputFormat` such as `mp3_44100_128`) or `mlxaudio` (a voice name such as `af_heart`).
   * The result holds `audio`, `mimeType`, `characterCount`.
   */
  generateAudio(
    body: SpeechGenerateRequest,
    context: RequestContext = {},
  ): Promise<QueuedResponse> {
    return this.#submit('/api/llm/generate-audio', speechGenerateRequestSchema, body, context)
  }

  /**
   * `POST /api/llm/generate-sound-effect` (ElevenLabs): `durationSeconds` 0.5-30,
   * `promptInfluence` 0-1 (server default 0.3), `loop`. The result holds `audio`,
   * `durationSeconds`.
   */
  generateSoundEffect(
    body: SoundEffectGenerateRequest,
    context: RequestContext = {},
  ): Promise<QueuedResponse> {
    return this.#submit(
      '/api/llm/generate-sound-effect',
      soundEffectGenerateRequestSchema,
      body,
      context,
    )
  }

  /**
   * `POST /api/llm/generate-music` (ElevenLabs): `durationMs` 3000-600000,
   * `forceInstrumental`. The result holds `audio`, `durationMs`.
   */
  generateMusic(body: MusicGenerateRequest, context: RequestContext = {}): Promise<QueuedResponse> {
    return this.#submit('/api/llm/generate-music', musicGenerateRequestSchema, body, context)
  }

  /**
   * `POST /api/llm/generate-dialogue` (ElevenLabs `eleven_v3` only): 1-100 `inputs` of
   * `{text, voiceId}` over at most 10 different voices; `voiceSettings`, `seed`
   * (0-4294967295), `applyTextNormalization` (`auto`/`on`/`off`), `languageCode`. The result
   * holds `audio`.
   */
  generateDialogue(
    body: DialogueGenerateRequest,
    context: RequestContext = {},
  ): Promise<QueuedResponse> {
    return this.#submit('/api/llm/generate-dialogue', dialogueGenerateRequestSchema, body, context)
  }

  /**
   * `POST /api/llm/transcribe`: speech to text with `elevenlabs` (`diarize`, `numSpeakers`
   * 1-32, `timestampsGranularity` `word`/`character`, `tagAudioEvents`) or `mlxaudio`.
   * `audio` is base64, or a file that is encoded here; `mimeType` defaults to the file's
   * media type. The result holds `text`, `language`, `words`.
   */
  async transcribe(body: TranscribeBody, context: RequestContext = {}): Promise<QueuedResponse> {
    const what = 'POST /api/llm/transcribe'
    // A body that is not an object goes straight to validation (and its ValidationError).
    const fileType = typeof body === 'object' && body !== null ? mediaTypeOf(body.audio) : undefined
    const withType =
      body?.mimeType === undefined && fileType && fileType !== 'application/octet-stream'
        ? { ...body, mimeType: fileType }
        : body
    const json = await withBase64Fields(
      this.#transport,
      transcribeRequestSchema,
      withType,
      ['audio'],
      what,
      context.signal,
    )
    return this.#send('/api/llm/transcribe', json, context)
  }

  /**
   * `POST /api/llm/complete`: an LLM completion (`provider`, `model`, `messages`,
   * `temperature` 0-2, `maxTokens`, `responseFormat`, `tag`). With `stream: true`, read the
   * answer as it is written from `client.queue.stream`; otherwise from `client.queue.result`.
   */
  complete(body: CompleteRequest, context: RequestContext = {}): Promise<QueuedResponse> {
    return this.#submit('/api/llm/complete', completeRequestSchema, body, context)
  }

  async #submit(
    path: string,
    schema: StandardSchemaV1<unknown, unknown>,
    body: unknown,
    context: RequestContext,
  ): Promise<QueuedResponse> {
    const json = this.#transport.validate(schema, body, `POST ${path}`)
    return this.#send(path, json, context)
  }

  #send(path: string, json: unknown, context: RequestContext): Promise<QueuedResponse> {
    return this.#transport.data(
      { method: 'POST', path, json, kind: 'submit', schema: queuedResponseSchema },
      context,
    )
  }
}
