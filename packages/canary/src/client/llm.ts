/**
 * The generation endpoints under `/api/llm/`. Each validates its body, sends it as a `submit`
 * call (an `Idempotency-Key` kept across retries; re-sent only where the server cannot have
 * queued the job), and resolves at once with the queued job: `{queueId, status: "queued"}`.
 * Follow it with the queue functions (`getQueueStatus`, `getQueueResult`, ...).
 *
 * Each endpoint is a standalone function taking the `CanaryTransport` first, so a bundle
 * carries only the endpoints (and schemas) it calls; `client.llm` offers the same calls as
 * methods.
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
import type { CanaryTransport } from './transport'

/** Body of `transcribe`: `audio` may be base64 text or a file to encode. */
export type TranscribeBody = Omit<TranscribeRequest, 'audio'> & { audio: Base64Input }

/**
 * `POST /api/llm/generate-image`: images from `openai`, `gemini`, `vertex`, `xai` or
 * `ollama`. `n` 1-10; `size` (`"1024x1024"`, OpenAI/Ollama) or `aspectRatio` (`"16:9"`,
 * Gemini/Vertex), not both; `quality` `standard`/`hd`/`ultra`; `tag` at most 100
 * characters. The result (`getQueueResult`) holds `images: [{data, mimeType}]`.
 */
export function generateImage(
  transport: CanaryTransport,
  body: ImageGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(transport, '/api/llm/generate-image', imageGenerateRequestSchema, body, context)
}

/**
 * `POST /api/llm/generate-video`: videos from `gemini`, `vertex` or `xai` (default model
 * `veo-3.1-generate-preview`). `durationSeconds` 1-60, `numberOfVideos` 1-4, `aspectRatio`,
 * `resolution` (xAI) and `imageUrl` (image to video, xAI only). The result holds
 * `videos: [{data, mimeType}]`.
 */
export function generateVideo(
  transport: CanaryTransport,
  body: VideoGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(transport, '/api/llm/generate-video', videoGenerateRequestSchema, body, context)
}

/**
 * `POST /api/llm/generate-audio`: text to speech with `elevenlabs` (`voiceId`,
 * `outputFormat` such as `mp3_44100_128`) or `mlxaudio` (a voice name such as `af_heart`).
 * The result holds `audio`, `mimeType`, `characterCount`.
 */
export function generateAudio(
  transport: CanaryTransport,
  body: SpeechGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(transport, '/api/llm/generate-audio', speechGenerateRequestSchema, body, context)
}

/**
 * `POST /api/llm/generate-sound-effect` (ElevenLabs): `durationSeconds` 0.5-30,
 * `promptInfluence` 0-1 (server default 0.3), `loop`. The result holds `audio`,
 * `durationSeconds`.
 */
export function generateSoundEffect(
  transport: CanaryTransport,
  body: SoundEffectGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(
    transport,
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
export function generateMusic(
  transport: CanaryTransport,
  body: MusicGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(transport, '/api/llm/generate-music', musicGenerateRequestSchema, body, context)
}

/**
 * `POST /api/llm/generate-dialogue` (ElevenLabs `eleven_v3` only): 1-100 `inputs` of
 * `{text, voiceId}` over at most 10 different voices; `voiceSettings`, `seed`
 * (0-4294967295), `applyTextNormalization` (`auto`/`on`/`off`), `languageCode`. The result
 * holds `audio`.
 */
export function generateDialogue(
  transport: CanaryTransport,
  body: DialogueGenerateRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(
    transport,
    '/api/llm/generate-dialogue',
    dialogueGenerateRequestSchema,
    body,
    context,
  )
}

/**
 * `POST /api/llm/transcribe`: speech to text with `elevenlabs` (`diarize`, `numSpeakers`
 * 1-32, `timestampsGranularity` `word`/`character`, `tagAudioEvents`) or `mlxaudio`.
 * `audio` is base64, or a file that is encoded here; `mimeType` defaults to the file's
 * media type. The result holds `text`, `language`, `words`.
 */
export async function transcribe(
  transport: CanaryTransport,
  body: TranscribeBody,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  const what = 'POST /api/llm/transcribe'
  // A body that is not an object goes straight to validation (and its ValidationError).
  const fileType = typeof body === 'object' && body !== null ? mediaTypeOf(body.audio) : undefined
  const withType =
    body?.mimeType === undefined && fileType && fileType !== 'application/octet-stream'
      ? { ...body, mimeType: fileType }
      : body
  const json = await withBase64Fields(
    transport,
    transcribeRequestSchema,
    withType,
    ['audio'],
    what,
    context.signal,
  )
  return send(transport, '/api/llm/transcribe', json, context)
}

/**
 * `POST /api/llm/complete`: an LLM completion (`provider`, `model`, `messages`,
 * `temperature` 0-2, `maxTokens`, `responseFormat`, `tag`). With `stream: true`, read the
 * answer as it is written from `streamQueueEvents`; otherwise from `getQueueResult`.
 */
export function generateCompletion(
  transport: CanaryTransport,
  body: CompleteRequest,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return submit(transport, '/api/llm/complete', completeRequestSchema, body, context)
}

async function submit(
  transport: CanaryTransport,
  path: string,
  schema: StandardSchemaV1<unknown, unknown>,
  body: unknown,
  context: RequestContext,
): Promise<QueuedResponse> {
  const json = transport.validate(schema, body, `POST ${path}`)
  return send(transport, path, json, context)
}

function send(
  transport: CanaryTransport,
  path: string,
  json: unknown,
  context: RequestContext,
): Promise<QueuedResponse> {
  return transport.data(
    { method: 'POST', path, json, kind: 'submit', schema: queuedResponseSchema },
    context,
  )
}
