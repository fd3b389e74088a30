/**
 * XTTS v2 speech: languages and models, speech in a stored actor's voice (whole or streamed),
 * one-shot cloning from uploaded reference audio, and the history of generated clips.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.tts` (and `client.tts.history`) offer
 * the same calls as methods.
 */
import type { MediaFile } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type TtsGenerateRequest,
  type TtsGenerateWithAudioForm,
  type TtsHistoryQuery,
  type TtsHistoryResponse,
  type TtsLanguagesResponse,
  type TtsModelsResponse,
  type TtsStreamRequest,
  ttsGenerateRequestSchema,
  ttsGenerateWithAudioFormSchema,
  ttsHistoryQuerySchema,
  ttsHistoryResponseSchema,
  ttsLanguagesResponseSchema,
  ttsModelsResponseSchema,
  ttsStreamRequestSchema,
} from '../schemas'
import { type Connection, streamResponse, type Transport, transportOf } from './transport'
import { buildFormData, type UploadInput } from './uploads'
import { wavChunks } from './wav-chunks'

/** Form of `generateSpeechWithAudio`: one or more reference recordings as files. */
export type TtsGenerateWithAudioInput = Omit<TtsGenerateWithAudioForm, 'reference_audio'> & {
  reference_audio: UploadInput | readonly UploadInput[]
}

/** `GET /tts/languages`: the XTTS language codes with English names (`TTS_LANGUAGES` offline). */
export function listTtsLanguages(
  connection: Connection,
  context: RequestContext = {},
): Promise<TtsLanguagesResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/tts/languages', kind: 'read', schema: ttsLanguagesResponseSchema },
    context,
  )
}

/**
 * `GET /tts/models`: the speech models (`xtts-v2`, `maya`) with how their voice is chosen
 * (`reference_audio` or `voice_description`), languages, VRAM, streaming support and Maya's
 * emotion tags, plus the default model id.
 */
export function listTtsModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<TtsModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/tts/models', kind: 'read', schema: ttsModelsResponseSchema },
    context,
  )
}

/**
 * `POST /tts/generate`: speaks `text` (1-10000 characters) in the voice of the stored `actor`
 * (see `createActor`) and resolves with the whole clip as a `MediaFile` (`audio/wav`, 24 kHz
 * 16-bit mono). The clip is also saved to the server's TTS history.
 *
 * Only the fields given are sent (server defaults: `language` `en`, `temperature` 0.65,
 * `split_sentences` true); `language` must be one of `TTS_LANGUAGES`. The server's whole-clip
 * synthesis uses neither `temperature` nor `speed` (only `/tts/stream` does). A `submit` call with
 * `generationTimeoutMs`. 400 → `ValidationError`, 404 (unknown actor) and 500 → `ProviderError`.
 */
export async function generateSpeech(
  connection: Connection,
  body: TtsGenerateRequest,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const json = transport.validate(ttsGenerateRequestSchema, body, 'POST /tts/generate')
  return transport.media(
    {
      method: 'POST',
      path: '/tts/generate',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'audio/wav',
    context,
  )
}

/**
 * `POST /tts/stream`: the same request as `generateSpeech`, answered as it is synthesised (lower
 * time to first audio). The server sends one complete WAV file per synthesised chunk
 * (sentence), back to back; the stream resolved here yields each of those files as one
 * chunk — every `Uint8Array` read from it is a whole, playable WAV (own RIFF header), handed
 * over as soon as its last byte arrives. Resolves once the response headers arrive. Read it
 * to the end or cancel it.
 *
 * A `submit` call without a timeout (the stream runs as long as the speech); abort
 * `context.signal` to stop it, which errors the stream with an `AbortError` and closes the
 * connection. A broken connection errors it with a `ConnectionError`.
 */
export async function streamSpeech(
  connection: Connection,
  body: TtsStreamRequest,
  context: RequestContext = {},
): Promise<ReadableStream<Uint8Array>> {
  const transport = transportOf(connection)
  const json = transport.validate(ttsStreamRequestSchema, body, 'POST /tts/stream')
  return wavChunks(
    await streamResponse(
      transport,
      { method: 'POST', path: '/tts/stream', json, kind: 'submit' },
      context,
    ),
  )
}

/**
 * `POST /tts/generate-with-audio`: one-shot voice cloning without a stored actor. Sends `text`
 * and one or more `reference_audio` recordings (`Blob`/`File`, bytes or `MediaFile`) as
 * multipart form data and resolves with the clip as a `MediaFile` (`audio/wav`).
 *
 * The form is checked with the `/tts/generate` ranges (text 1-10000 characters, temperature
 * 0.0-1.0, speed 0.5-2.0); only the fields given are sent. A `submit` call with
 * `generationTimeoutMs`. 400 → `ValidationError`, 500 → `ProviderError`.
 */
export async function generateSpeechWithAudio(
  connection: Connection,
  form: TtsGenerateWithAudioInput,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const body = await buildFormData(
    transport,
    ttsGenerateWithAudioFormSchema,
    form,
    ['reference_audio'],
    'POST /tts/generate-with-audio',
    context.signal,
  )
  return transport.media(
    {
      method: 'POST',
      path: '/tts/generate-with-audio',
      body,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'audio/wav',
    context,
  )
}

/**
 * `GET /tts/history`: generated clips, most recent first, with the total count. `limit`
 * (default 50, >= 1) caps the entries returned. `actor_name` is absent for one-shot clips.
 */
export async function listTtsHistory(
  connection: Connection,
  query: TtsHistoryQuery = {},
  context: RequestContext = {},
): Promise<TtsHistoryResponse> {
  const transport = transportOf(connection)
  const { limit } = transport.validate(ttsHistoryQuerySchema, query, 'GET /tts/history')
  return transport.json(
    {
      method: 'GET',
      path: '/tts/history',
      query: { limit },
      kind: 'read',
      schema: ttsHistoryResponseSchema,
    },
    context,
  )
}

/**
 * `GET /tts/history/{entry_id}/audio`: the clip of a history entry as a lazy `MediaFile`
 * (`audio/wav`). Nothing is fetched until it is read; `stream()` streams it. A missing entry
 * surfaces as a `ProviderError` (404) on the first read. `context.signal` also aborts the reads.
 * An invalid id throws a `ValidationError` at once.
 */
export function downloadTtsHistoryAudio(
  connection: Connection,
  entryId: string,
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
  const { entry_id } = transport.params('GET /tts/history/{entry_id}/audio', {
    entry_id: entryId,
  })
  return transport.lazyMedia(pathOf`/tts/history/${entry_id}/audio`, 'audio/wav', context)
}

/** `DELETE /tts/history/{entry_id}`: deletes one history entry and its audio (204). Idempotent, retried like a read. */
export async function deleteTtsHistoryEntry(
  connection: Connection,
  entryId: string,
  context: RequestContext = {},
): Promise<void> {
  const transport = transportOf(connection)
  const { entry_id } = transport.params('DELETE /tts/history/{entry_id}', { entry_id: entryId })
  await transport.empty(
    { method: 'DELETE', path: pathOf`/tts/history/${entry_id}`, kind: 'cancel' },
    context,
  )
}

/** `DELETE /tts/history`: deletes every history entry (204). */
export async function clearTtsHistory(
  connection: Connection,
  context: RequestContext = {},
): Promise<void> {
  await transportOf(connection).empty(
    { method: 'DELETE', path: '/tts/history', kind: 'cancel' },
    context,
  )
}

/** `/tts/languages`, `/tts/models`, `/tts/generate`, `/tts/stream`, `/tts/generate-with-audio`; history under `.history`. */
export class TtsApi {
  readonly #transport: Transport
  /** `GET|DELETE /tts/history...`: clips generated so far. */
  readonly history: TtsHistoryApi

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
    this.history = new TtsHistoryApi(transport)
  }

  /** `GET /tts/languages`: the XTTS language codes (see `listTtsLanguages`). */
  languages(context: RequestContext = {}): Promise<TtsLanguagesResponse> {
    return listTtsLanguages(this.#transport, context)
  }

  /** `GET /tts/models`: the speech models (see `listTtsModels`). */
  models(context: RequestContext = {}): Promise<TtsModelsResponse> {
    return listTtsModels(this.#transport, context)
  }

  /** `POST /tts/generate`: a clip in a stored actor's voice (see `generateSpeech`). */
  generate(body: TtsGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    return generateSpeech(this.#transport, body, context)
  }

  /** `POST /tts/stream`: the clip as a stream of whole WAV files (see `streamSpeech`). */
  stream(
    body: TtsStreamRequest,
    context: RequestContext = {},
  ): Promise<ReadableStream<Uint8Array>> {
    return streamSpeech(this.#transport, body, context)
  }

  /** `POST /tts/generate-with-audio`: one-shot cloning (see `generateSpeechWithAudio`). */
  generateWithAudio(
    form: TtsGenerateWithAudioInput,
    context: RequestContext = {},
  ): Promise<MediaFile> {
    return generateSpeechWithAudio(this.#transport, form, context)
  }
}

/** `GET /tts/history`, `GET /tts/history/{entry_id}/audio`, `DELETE /tts/history/{entry_id}`, `DELETE /tts/history`. */
export class TtsHistoryApi {
  readonly #transport: Transport

  /** @internal Built by `TtsApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /tts/history`: generated clips, newest first (see `listTtsHistory`). */
  list(query: TtsHistoryQuery = {}, context: RequestContext = {}): Promise<TtsHistoryResponse> {
    return listTtsHistory(this.#transport, query, context)
  }

  /** `GET /tts/history/{entry_id}/audio`: a lazy WAV (see `downloadTtsHistoryAudio`). */
  audio(entryId: string, context: RequestContext = {}): MediaFile {
    return downloadTtsHistoryAudio(this.#transport, entryId, context)
  }

  /** `DELETE /tts/history/{entry_id}`: one entry (see `deleteTtsHistoryEntry`). */
  delete(entryId: string, context: RequestContext = {}): Promise<void> {
    return deleteTtsHistoryEntry(this.#transport, entryId, context)
  }

  /** `DELETE /tts/history`: every entry (see `clearTtsHistory`). */
  clear(context: RequestContext = {}): Promise<void> {
    return clearTtsHistory(this.#transport, context)
  }
}
