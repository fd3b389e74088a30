/**
 * Maya TTS: speech in a voice described in words (English only), with inline emotion tags such
 * as `<laugh>`, and saved voice descriptions ("Maya actors", addressed by `{actor_id}`).
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
import type { Transport } from './transport'
import { buildFormData } from './uploads'
import { wavChunks } from './wav-chunks'

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
  async generate(body: MayaGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    const transport = this.#transport
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
   * `POST /tts/maya/stream`: the same request as `generate`, answered as it is synthesised.
   * Like `/tts/stream`, each `Uint8Array` read from the resolved stream is one complete WAV file
   * (the server sends one per synthesised chunk). No timeout; abort `context.signal` to stop it
   * (the stream then errors with an `AbortError`).
   */
  async stream(
    body: MayaStreamRequest,
    context: RequestContext = {},
  ): Promise<ReadableStream<Uint8Array>> {
    const transport = this.#transport
    const json = transport.validate(mayaStreamRequestSchema, body, 'POST /tts/maya/stream')
    return wavChunks(
      await transport.stream(
        { method: 'POST', path: '/tts/maya/stream', json, kind: 'submit' },
        context,
      ),
    )
  }

  /** `GET /tts/maya/emotion-tags`: the inline tags Maya understands (with brackets) and a usage hint. */
  emotionTags(context: RequestContext = {}): Promise<MayaEmotionTagsResponse> {
    return this.#transport.json(
      {
        method: 'GET',
        path: '/tts/maya/emotion-tags',
        kind: 'read',
        schema: mayaEmotionTagsResponseSchema,
      },
      context,
    )
  }
}

/** `/tts/maya/actors` and `/tts/maya/actors/{actor_id}`: saved voice descriptions. */
export class MayaActorsApi {
  readonly #transport: Transport

  /** @internal Built by `MayaApi`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /tts/maya/actors`: every saved voice description and the total. */
  list(context: RequestContext = {}): Promise<MayaActorsListResponse> {
    return this.#transport.json(
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
  async create(form: MayaActorCreateForm, context: RequestContext = {}): Promise<MayaActor> {
    const transport = this.#transport
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
  async get(actorId: string, context: RequestContext = {}): Promise<MayaActor> {
    const transport = this.#transport
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
  async update(
    actorId: string,
    form: MayaActorUpdateForm,
    context: RequestContext = {},
  ): Promise<MayaActor> {
    const transport = this.#transport
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
  async delete(actorId: string, context: RequestContext = {}): Promise<void> {
    const transport = this.#transport
    const { actor_id } = transport.params('DELETE /tts/maya/actors/{actor_id}', {
      actor_id: actorId,
    })
    await transport.empty(
      { method: 'DELETE', path: pathOf`/tts/maya/actors/${actor_id}`, kind: 'cancel' },
      context,
    )
  }
}
