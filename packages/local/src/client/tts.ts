/**
 * XTTS v2 speech: languages and models, speech in a stored actor's voice (whole or streamed),
 * one-shot cloning from uploaded reference audio, and the history of generated clips.
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
import type { Transport } from './transport'
import { buildFormData, type UploadInput } from './uploads'
import { wavChunks } from './wav-chunks'

/** Form of `client.tts.generateWithAudio`: one or more reference recordings as files. */
export type TtsGenerateWithAudioInput = Omit<TtsGenerateWithAudioForm, 'reference_audio'> & {
  reference_audio: UploadInput | readonly UploadInput[]
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

  /** `GET /tts/languages`: the XTTS language codes with English names (`TTS_LANGUAGES` offline). */
  languages(context: RequestContext = {}): Promise<TtsLanguagesResponse> {
    return this.#transport.json(
      { method: 'GET', path: '/tts/languages', kind: 'read', schema: ttsLanguagesResponseSchema },
      context,
    )
  }

  /**
   * `GET /tts/models`: the speech models (`xtts-v2`, `maya`) with how their voice is chosen
   * (`reference_audio` or `voice_description`), languages, VRAM, streaming support and Maya's
   * emotion tags, plus the default model id.
   */
  models(context: RequestContext = {}): Promise<TtsModelsResponse> {
    return this.#transport.json(
      { method: 'GET', path: '/tts/models', kind: 'read', schema: ttsModelsResponseSchema },
      context,
    )
  }

  /**
   * `POST /tts/generate`: speaks `text` (1-10000 characters) in the voice of the stored `actor`
   * (see `client.actors`) and resolves with the whole clip as a `MediaFile` (`audio/wav`, 24 kHz
   * 16-bit mono). The clip is also saved to the server's TTS history.
   *
   * Only the fields given are sent (server defaults: `language` `en`, `temperature` 0.65,
   * `split_sentences` true); `language` must be one of `TTS_LANGUAGES`. The server's whole-clip
   * synthesis uses neither `temperature` nor `speed` (only `/tts/stream` does). A `submit` call with
   * `generationTimeoutMs`. 400 → `ValidationError`, 404 (unknown actor) and 500 → `ProviderError`.
   */
  async generate(body: TtsGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    const transport = this.#transport
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
   * `POST /tts/stream`: the same request as `generate`, answered as it is synthesised (lower
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
  async stream(
    body: TtsStreamRequest,
    context: RequestContext = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const transport = this.#transport
    const json = transport.validate(ttsStreamRequestSchema, body, 'POST /tts/stream')
    return wavChunks(
      await transport.stream(
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
  async generateWithAudio(
    form: TtsGenerateWithAudioInput,
    context: RequestContext = {},
  ): Promise<MediaFile> {
    const transport = this.#transport
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
}

/** `GET /tts/history`, `GET /tts/history/{entry_id}/audio`, `DELETE /tts/history/{entry_id}`, `DELETE /tts/history`. */
export class TtsHistoryApi {
  readonly #transport: Transport

  /** @internal Built by `TtsApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * `GET /tts/history`: generated clips, most recent first, with the total count. `limit`
   * (default 50, >= 1) caps the entries returned. `actor_name` is absent for one-shot clips.
   */
  async list(
    query: TtsHistoryQuery = {},
    context: RequestContext = {},
  ): Promise<TtsHistoryResponse> {
    const transport = this.#transport
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
  audio(entryId: string, context: RequestContext = {}): MediaFile {
    const transport = this.#transport
    const { entry_id } = transport.params('GET /tts/history/{entry_id}/audio', {
      entry_id: entryId,
    })
    return transport.lazyMedia(pathOf`/tts/history/${entry_id}/audio`, 'audio/wav', context)
  }

  /** `DELETE /tts/history/{entry_id}`: deletes one history entry and its audio (204). Idempotent, retried like a read. */
  async delete(entryId: string, context: RequestContext = {}): Promise<void> {
    const transport = this.#transport
    const { entry_id } = transport.params('DELETE /tts/history/{entry_id}', { entry_id: entryId })
    await transport.empty(
      { method: 'DELETE', path: pathOf`/tts/history/${entry_id}`, kind: 'cancel' },
      context,
    )
  }

  /** `DELETE /tts/history`: deletes every history entry (204). */
  async clear(context: RequestContext = {}): Promise<void> {
    await this.#transport.empty({ method: 'DELETE', path: '/tts/history', kind: 'cancel' }, context)
  }
}
