/**
 * Maya TTS: speech in a voice described in words (English only), with inline emotion tags such
 * as `<laugh>`, and saved voice descriptions ("Maya actors", addressed by `{actor_id}`).
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.maya` (and `client.maya.actors`) offer
 * the same calls as methods.
 */
import type { MediaFile } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type MayaActor,
  type MayaActorCreateForm,
  type MayaActorsListResponse,
  type MayaActorUpdateForm,
  type MayaEmotionTagsResponse,
  type MayaGenerateRequest,
  type MayaStreamRequest,
  mayaActorCreateFormSchema,
  mayaActorSchema,
  mayaActorsListResponseSchema,
  mayaActorUpdateFormSchema,
  mayaEmotionTagsResponseSchema,
  mayaGenerateRequestSchema,
  mayaStreamRequestSchema,
} from '../schemas'
import { type Connection, streamResponse, type Transport, transportOf } from './transport'
import { buildFormData } from './uploads'
import { wavChunks } from './wav-chunks'

/**
 * `POST /tts/maya/generate`: speaks `text` (1-10000 characters, English, emotion tags such as
 * `<laugh>` allowed inline) in the voice `voice_description` describes (1-500 characters) and
 * resolves with the clip as a `MediaFile` (`audio/wav`, 24 kHz 16-bit mono).
 *
 * Only the fields given are sent (server defaults: `temperature` 0.7, `speed` 1.0). Tags are not checked
 * (see `MAYA_EMOTION_TAGS`). A `submit` call with `generationTimeoutMs` (Maya needs ~16 GB of
 * VRAM, so the first call may wait for a model swap). 400 → `ValidationError`, 500 →
 * `ProviderError`.
 */
export async function generateMayaSpeech(
  connection: Connection,
  body: MayaGenerateRequest,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const json = transport.validate(mayaGenerateRequestSchema, body, 'POST /tts/maya/generate')
  return transport.media(
    {
      method: 'POST',
      path: '/tts/maya/generate',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'audio/wav',
    context,
  )
}

/**
 * `POST /tts/maya/stream`: the same request as `generateMayaSpeech`, answered as it is
 * synthesised. Like `/tts/stream`, each `Uint8Array` read from the resolved stream is one
 * complete WAV file (the server sends one per synthesised chunk). No timeout; abort
 * `context.signal` to stop it (the stream then errors with an `AbortError`).
 */
export async function streamMayaSpeech(
  connection: Connection,
  body: MayaStreamRequest,
  context: RequestContext = {},
): Promise<ReadableStream<Uint8Array>> {
  const transport = transportOf(connection)
  const json = transport.validate(mayaStreamRequestSchema, body, 'POST /tts/maya/stream')
  return wavChunks(
    await streamResponse(
      transport,

      { method: 'POST', path: '/tts/maya/stream', json, kind: 'submit' },
      context,
    ),
  )
}

/** `GET /tts/maya/emotion-tags`: the inline tags Maya understands (with brackets) and a usage hint. */
export function listMayaEmotionTags(
  connection: Connection,
  context: RequestContext = {},
): Promise<MayaEmotionTagsResponse> {
  return transportOf(connection).json(
    {
      method: 'GET',
      path: '/tts/maya/emotion-tags',
      kind: 'read',
      schema: mayaEmotionTagsResponseSchema,
    },
    context,
  )
}

/** `GET /tts/maya/actors`: every saved voice description and the total. */
export function listMayaActors(
  connection: Connection,
  context: RequestContext = {},
): Promise<MayaActorsListResponse> {
  return transportOf(connection).json(
    {
      method: 'GET',
      path: '/tts/maya/actors',
      kind: 'read',
      schema: mayaActorsListResponseSchema,
    },
    context,
  )
}

/**
 * `POST /tts/maya/actors`: saves a voice description under a unique `name` (sent as multipart
 * form fields) and resolves with the new actor (201). A `write` call. A duplicate name is a 400
 * → `ValidationError` carrying the server's detail.
 */
export async function createMayaActor(
  connection: Connection,
  form: MayaActorCreateForm,
  context: RequestContext = {},
): Promise<MayaActor> {
  const transport = transportOf(connection)
  const body = await buildFormData(
    transport,
    mayaActorCreateFormSchema,
    form,
    [],
    'POST /tts/maya/actors',
    context.signal,
  )
  return transport.json(
    { method: 'POST', path: '/tts/maya/actors', body, kind: 'write', schema: mayaActorSchema },
    context,
  )
}

/** `GET /tts/maya/actors/{actor_id}`: one saved voice by id. 404 → `ProviderError`. */
export async function getMayaActor(
  connection: Connection,
  actorId: string,
  context: RequestContext = {},
): Promise<MayaActor> {
  const transport = transportOf(connection)
  const { actor_id } = transport.params('GET /tts/maya/actors/{actor_id}', { actor_id: actorId })
  return transport.json(
    {
      method: 'GET',
      path: pathOf`/tts/maya/actors/${actor_id}`,
      kind: 'read',
      schema: mayaActorSchema,
    },
    context,
  )
}

/**
 * `PUT /tts/maya/actors/{actor_id}`: renames an actor and/or replaces its voice description
 * (multipart form fields; omitted fields stay as they are) and resolves with the updated actor.
 * A `write` call (not retried).
 */
export async function updateMayaActor(
  connection: Connection,
  actorId: string,
  form: MayaActorUpdateForm,
  context: RequestContext = {},
): Promise<MayaActor> {
  const transport = transportOf(connection)
  const { actor_id } = transport.params('PUT /tts/maya/actors/{actor_id}', { actor_id: actorId })
  const body = await buildFormData(
    transport,
    mayaActorUpdateFormSchema,
    form,
    [],
    'PUT /tts/maya/actors/{actor_id}',
    context.signal,
  )
  return transport.json(
    {
      method: 'PUT',
      path: pathOf`/tts/maya/actors/${actor_id}`,
      body,
      kind: 'write',
      schema: mayaActorSchema,
    },
    context,
  )
}

/** `DELETE /tts/maya/actors/{actor_id}`: deletes a saved voice (204). */
export async function deleteMayaActor(
  connection: Connection,
  actorId: string,
  context: RequestContext = {},
): Promise<void> {
  const transport = transportOf(connection)
  const { actor_id } = transport.params('DELETE /tts/maya/actors/{actor_id}', {
    actor_id: actorId,
  })
  await transport.empty(
    { method: 'DELETE', path: pathOf`/tts/maya/actors/${actor_id}`, kind: 'cancel' },
    context,
  )
}

/** `/tts/maya/generate`, `/tts/maya/stream`, `/tts/maya/emotion-tags`; voice presets under `.actors`. */
export class MayaApi {
  readonly #transport: Transport
  /** `/tts/maya/actors...`: saved voice descriptions. */
  readonly actors: MayaActorsApi

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
    this.actors = new MayaActorsApi(transport)
  }

  /** `POST /tts/maya/generate`: a clip in a described voice (see `generateMayaSpeech`). */
  generate(body: MayaGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    return generateMayaSpeech(this.#transport, body, context)
  }

  /** `POST /tts/maya/stream`: the clip as a stream of whole WAV files (see `streamMayaSpeech`). */
  stream(
    body: MayaStreamRequest,
    context: RequestContext = {},
  ): Promise<ReadableStream<Uint8Array>> {
    return streamMayaSpeech(this.#transport, body, context)
  }

  /** `GET /tts/maya/emotion-tags`: the inline tags (see `listMayaEmotionTags`). */
  emotionTags(context: RequestContext = {}): Promise<MayaEmotionTagsResponse> {
    return listMayaEmotionTags(this.#transport, context)
  }
}

/** `/tts/maya/actors` and `/tts/maya/actors/{actor_id}`: saved voice descriptions. */
export class MayaActorsApi {
  readonly #transport: Transport

  /** @internal Built by `MayaApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /tts/maya/actors`: every saved voice (see `listMayaActors`). */
  list(context: RequestContext = {}): Promise<MayaActorsListResponse> {
    return listMayaActors(this.#transport, context)
  }

  /** `POST /tts/maya/actors`: saves a voice description (see `createMayaActor`). */
  create(form: MayaActorCreateForm, context: RequestContext = {}): Promise<MayaActor> {
    return createMayaActor(this.#transport, form, context)
  }

  /** `GET /tts/maya/actors/{actor_id}`: one saved voice (see `getMayaActor`). */
  get(actorId: string, context: RequestContext = {}): Promise<MayaActor> {
    return getMayaActor(this.#transport, actorId, context)
  }

  /** `PUT /tts/maya/actors/{actor_id}`: renames or redescribes a voice (see `updateMayaActor`). */
  update(
    actorId: string,
    form: MayaActorUpdateForm,
    context: RequestContext = {},
  ): Promise<MayaActor> {
    return updateMayaActor(this.#transport, actorId, form, context)
  }

  /** `DELETE /tts/maya/actors/{actor_id}`: deletes a saved voice (see `deleteMayaActor`). */
  delete(actorId: string, context: RequestContext = {}): Promise<void> {
    return deleteMayaActor(this.#transport, actorId, context)
  }
}
