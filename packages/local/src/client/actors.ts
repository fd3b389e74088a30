/**
 * XTTS actors: named voices with stored reference audio, addressed by `{name}`. Create them from
 * uploaded recordings or a YouTube video, then speak with `client.tts.generate({actor})`.
 */
import type { MediaFile } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type Actor,
  type ActorAudioAddForm,
  type ActorAudioFile,
  type ActorAudioFilesResponse,
  type ActorCreateForm,
  type ActorFromYoutubeRequest,
  type ActorsListResponse,
  actorAudioAddFormSchema,
  actorAudioFileSchema,
  actorAudioFilesResponseSchema,
  actorCreateFormSchema,
  actorFromYoutubeRequestSchema,
  actorSchema,
  actorsListResponseSchema,
} from '../schemas'
import type { Transport } from './transport'
import { buildFormData, type UploadInput } from './uploads'

/** Form of `client.actors.create`: reference recordings as files. */
export type ActorCreateInput = Omit<ActorCreateForm, 'audio_files'> & {
  audio_files: UploadInput | readonly UploadInput[]
}

/** Form of `client.actors.audio.add`: one recording as a file. */
export type ActorAudioAddInput = Omit<ActorAudioAddForm, 'audio_file'> & {
  audio_file: UploadInput
}

/** `/actors` and `/actors/{name}`; reference files under `.audio`. */
export class ActorsApi {
  readonly #transport: Transport
  /** `/actors/{name}/audio...`: an actor's reference recordings. */
  readonly audio: ActorAudioApi

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
    this.audio = new ActorAudioApi(transport)
  }

  /** `GET /actors`: every stored actor (name, language, description, number of recordings) and the total. */
  list(context: RequestContext = {}): Promise<ActorsListResponse> {
    return this.#transport.json(
      { method: 'GET', path: '/actors', kind: 'read', schema: actorsListResponseSchema },
      context,
    )
  }

  /**
   * `POST /actors`: creates an actor from uploaded reference audio (multipart). `name` must be
   * unique, `language` is one of `TTS_LANGUAGES` (default `en`), `audio_files` is one or more
   * recordings (`Blob`/`File`, bytes or `MediaFile`; WAV, MP3, FLAC or OGG, 6+ seconds of clean
   * speech recommended). Resolves with the new actor (201).
   *
   * A `write` call (not retried). 400 (no audio) → `ValidationError`; 409 (name taken) →
   * `ProviderError` with the server's detail.
   */
  async create(form: ActorCreateInput, context: RequestContext = {}): Promise<Actor> {
    const transport = this.#transport
    const body = await buildFormData(
      transport,
      actorCreateFormSchema,
      form,
      ['audio_files'],
      'POST /actors',
      context.signal,
    )
    return transport.json(
      { method: 'POST', path: '/actors', body, kind: 'write', schema: actorSchema },
      context,
    )
  }

  /** `GET /actors/{name}`: one actor by its name. 404 → `ProviderError`. */
  async get(name: string, context: RequestContext = {}): Promise<Actor> {
    const transport = this.#transport
    const params = transport.params('GET /actors/{name}', { name })
    return transport.json(
      { method: 'GET', path: pathOf`/actors/${params.name}`, kind: 'read', schema: actorSchema },
      context,
    )
  }

  /** `DELETE /actors/{name}`: deletes an actor and all its recordings (204). */
  async delete(name: string, context: RequestContext = {}): Promise<void> {
    const transport = this.#transport
    const params = transport.params('DELETE /actors/{name}', { name })
    await transport.empty(
      { method: 'DELETE', path: pathOf`/actors/${params.name}`, kind: 'cancel' },
      context,
    )
  }

  /**
   * `POST /actors/from-youtube`: creates an actor from a YouTube video: the server downloads the
   * audio, optionally separates the voice from music with Demucs (`separate_vocals`, default
   * true), trims silence and keeps up to `max_duration` seconds (default 30). `youtube_url` must
   * be a `youtube.com/watch?v=`, `youtu.be/` or `youtube.com/shorts/` URL. Resolves with the new
   * actor (201).
   *
   * A `write` call (not retried) with `generationTimeoutMs`, since download and separation run
   * on the server before it answers. 400 (bad URL) → `ValidationError`; 409 (name taken) and 500
   * (extraction failed) → `ProviderError`.
   */
  async fromYoutube(body: ActorFromYoutubeRequest, context: RequestContext = {}): Promise<Actor> {
    const transport = this.#transport
    const json = transport.validate(
      actorFromYoutubeRequestSchema,
      body,
      'POST /actors/from-youtube',
    )
    return transport.json(
      {
        method: 'POST',
        path: '/actors/from-youtube',
        json,
        kind: 'write',
        timeoutMs: transport.generationTimeoutMs,
        schema: actorSchema,
      },
      context,
    )
  }
}

/** `/actors/{name}/audio` and `/actors/{name}/audio/{file_id}`. */
export class ActorAudioApi {
  readonly #transport: Transport

  /** @internal Built by `ActorsApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /**
   * `POST /actors/{name}/audio`: adds one reference recording (`form.audio_file`: `Blob`/`File`,
   * bytes or `MediaFile`) to an actor and resolves with the stored file's record (201). A
   * `write` call. 404 (unknown actor) → `ProviderError`.
   */
  async add(
    name: string,
    form: ActorAudioAddInput,
    context: RequestContext = {},
  ): Promise<ActorAudioFile> {
    const transport = this.#transport
    const params = transport.params('POST /actors/{name}/audio', { name })
    const body = await buildFormData(
      transport,
      actorAudioAddFormSchema,
      form,
      ['audio_file'],
      'POST /actors/{name}/audio',
      context.signal,
    )
    return transport.json(
      {
        method: 'POST',
        path: pathOf`/actors/${params.name}/audio`,
        body,
        kind: 'write',
        schema: actorAudioFileSchema,
      },
      context,
    )
  }

  /** `GET /actors/{name}/audio`: the actor's recordings (a bare array, unlike the other lists). */
  async list(name: string, context: RequestContext = {}): Promise<ActorAudioFilesResponse> {
    const transport = this.#transport
    const params = transport.params('GET /actors/{name}/audio', { name })
    return transport.json(
      {
        method: 'GET',
        path: pathOf`/actors/${params.name}/audio`,
        kind: 'read',
        schema: actorAudioFilesResponseSchema,
      },
      context,
    )
  }

  /**
   * `GET /actors/{name}/audio/{file_id}/download`: one recording as a lazy `MediaFile`
   * (`audio/wav`). Nothing is fetched until it is read; `stream()` streams it. A missing actor
   * or file surfaces as a `ProviderError` (404) on the first read; invalid ids throw a
   * `ValidationError` at once.
   */
  download(name: string, fileId: string, context: RequestContext = {}): MediaFile {
    const transport = this.#transport
    const params = transport.params('GET /actors/{name}/audio/{file_id}/download', {
      name,
      file_id: fileId,
    })
    return transport.lazyMedia(
      pathOf`/actors/${params.name}/audio/${params.file_id}/download`,
      'audio/wav',
      context,
    )
  }

  /** `DELETE /actors/{name}/audio/{file_id}`: deletes one recording (204). 404 → `ProviderError`. */
  async delete(name: string, fileId: string, context: RequestContext = {}): Promise<void> {
    const transport = this.#transport
    const params = transport.params('DELETE /actors/{name}/audio/{file_id}', {
      name,
      file_id: fileId,
    })
    await transport.empty(
      {
        method: 'DELETE',
        path: pathOf`/actors/${params.name}/audio/${params.file_id}`,
        kind: 'cancel',
      },
      context,
    )
  }
}
