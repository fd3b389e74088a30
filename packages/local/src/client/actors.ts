/**
 * XTTS actors: named voices with stored reference audio, addressed by `{name}`. Create them from
 * uploaded recordings or a YouTube video, then speak with `generateSpeech({actor})`.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.actors` (and `client.actors.audio`)
 * offer the same calls as methods.
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
import { type Connection, type Transport, transportOf } from './transport'
import { buildFormData, type UploadInput } from './uploads'

/** Form of `createActor`: reference recordings as files. */
export type ActorCreateInput = Omit<ActorCreateForm, 'audio_files'> & {
  audio_files: UploadInput | readonly UploadInput[]
}

/** Form of `addActorAudio`: one recording as a file. */
export type ActorAudioAddInput = Omit<ActorAudioAddForm, 'audio_file'> & {
  audio_file: UploadInput
}

/** `GET /actors`: every stored actor (name, language, description, number of recordings) and the total. */
export function listActors(
  connection: Connection,
  context: RequestContext = {},
): Promise<ActorsListResponse> {
  return transportOf(connection).json(
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
export async function createActor(
  connection: Connection,
  form: ActorCreateInput,
  context: RequestContext = {},
): Promise<Actor> {
  const transport = transportOf(connection)
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
export async function getActor(
  connection: Connection,
  name: string,
  context: RequestContext = {},
): Promise<Actor> {
  const transport = transportOf(connection)
  const params = transport.params('GET /actors/{name}', { name })
  return transport.json(
    { method: 'GET', path: pathOf`/actors/${params.name}`, kind: 'read', schema: actorSchema },
    context,
  )
}

/** `DELETE /actors/{name}`: deletes an actor and all its recordings (204). */
export async function deleteActor(
  connection: Connection,
  name: string,
  context: RequestContext = {},
): Promise<void> {
  const transport = transportOf(connection)
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
export async function createActorFromYoutube(
  connection: Connection,
  body: ActorFromYoutubeRequest,
  context: RequestContext = {},
): Promise<Actor> {
  const transport = transportOf(connection)
  const json = transport.validate(actorFromYoutubeRequestSchema, body, 'POST /actors/from-youtube')
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

/**
 * `POST /actors/{name}/audio`: adds one reference recording (`form.audio_file`: `Blob`/`File`,
 * bytes or `MediaFile`) to an actor and resolves with the stored file's record (201). A
 * `write` call. 404 (unknown actor) → `ProviderError`.
 */
export async function addActorAudio(
  connection: Connection,
  name: string,
  form: ActorAudioAddInput,
  context: RequestContext = {},
): Promise<ActorAudioFile> {
  const transport = transportOf(connection)
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
export async function listActorAudio(
  connection: Connection,
  name: string,
  context: RequestContext = {},
): Promise<ActorAudioFilesResponse> {
  const transport = transportOf(connection)
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
export function downloadActorAudio(
  connection: Connection,
  name: string,
  fileId: string,
  context: RequestContext = {},
): MediaFile {
  const transport = transportOf(connection)
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
export async function deleteActorAudio(
  connection: Connection,
  name: string,
  fileId: string,
  context: RequestContext = {},
): Promise<void> {
  const transport = transportOf(connection)
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

  /** `GET /actors`: every stored actor (see `listActors`). */
  list(context: RequestContext = {}): Promise<ActorsListResponse> {
    return listActors(this.#transport, context)
  }

  /** `POST /actors`: an actor from uploaded recordings (see `createActor`). */
  create(form: ActorCreateInput, context: RequestContext = {}): Promise<Actor> {
    return createActor(this.#transport, form, context)
  }

  /** `GET /actors/{name}`: one actor (see `getActor`). */
  get(name: string, context: RequestContext = {}): Promise<Actor> {
    return getActor(this.#transport, name, context)
  }

  /** `DELETE /actors/{name}`: an actor and its recordings (see `deleteActor`). */
  delete(name: string, context: RequestContext = {}): Promise<void> {
    return deleteActor(this.#transport, name, context)
  }

  /** `POST /actors/from-youtube`: an actor from a YouTube video (see `createActorFromYoutube`). */
  fromYoutube(body: ActorFromYoutubeRequest, context: RequestContext = {}): Promise<Actor> {
    return createActorFromYoutube(this.#transport, body, context)
  }
}

/** `/actors/{name}/audio` and `/actors/{name}/audio/{file_id}`. */
export class ActorAudioApi {
  readonly #transport: Transport

  /** @internal Built by `ActorsApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `POST /actors/{name}/audio`: adds a recording (see `addActorAudio`). */
  add(
    name: string,
    form: ActorAudioAddInput,
    context: RequestContext = {},
  ): Promise<ActorAudioFile> {
    return addActorAudio(this.#transport, name, form, context)
  }

  /** `GET /actors/{name}/audio`: the actor's recordings (see `listActorAudio`). */
  list(name: string, context: RequestContext = {}): Promise<ActorAudioFilesResponse> {
    return listActorAudio(this.#transport, name, context)
  }

  /** `GET /actors/{name}/audio/{file_id}/download`: a lazy WAV (see `downloadActorAudio`). */
  download(name: string, fileId: string, context: RequestContext = {}): MediaFile {
    return downloadActorAudio(this.#transport, name, fileId, context)
  }

  /** `DELETE /actors/{name}/audio/{file_id}`: deletes a recording (see `deleteActorAudio`). */
  delete(name: string, fileId: string, context: RequestContext = {}): Promise<void> {
    return deleteActorAudio(this.#transport, name, fileId, context)
  }
}
