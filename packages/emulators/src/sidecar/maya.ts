/**
 * Maya TTS (voice from a description, emotion tags inline) and Maya actors (saved voice
 * descriptions, addressed by id). Speech works as in `./speech`, on the `maya` model, with a
 * pitch chosen by the voice description. A duplicate Maya actor name is a 400, as documented
 * (unlike XTTS actors, which answer 409).
 */
import {
  MAYA_EMOTION_TAGS,
  mayaActorCreateFormSchema,
  mayaActorUpdateFormSchema,
  mayaGenerateRequestSchema,
  mayaStreamRequestSchema,
} from '@atelier/local'
import type { MayaActorRecord, SidecarContext } from './context'
import { HttpError, json, noContent } from './responses'
import type { Router } from './router'
import { type SpeechJob, speak, speakStream, voicePitch } from './speech'
import { formBody, jsonBody } from './validation'

const mayaActorBody = (actor: MayaActorRecord) => ({
  id: actor.id,
  name: actor.name,
  voice_description: actor.voiceDescription,
  created_at: actor.createdAt,
  updated_at: actor.updatedAt,
})

const mayaSpeech = (
  label: string,
  body: { text: string; voice_description: string; speed: number },
): SpeechJob => ({
  model: 'maya',
  label,
  text: body.text,
  speed: body.speed,
  pitch: voicePitch(body.voice_description),
  history: { actorName: null, language: 'en' },
})

export function registerMayaRoutes(router: Router, ctx: SidecarContext): void {
  const { state } = ctx

  const findActor = (id: string | undefined): MayaActorRecord => {
    const actor = id === undefined ? undefined : state.mayaActors.get(id)
    if (!actor) throw new HttpError(404, 'Maya actor not found')
    return actor
  }

  const assertNameFree = (name: string, except?: string) => {
    for (const actor of state.mayaActors.values()) {
      if (actor.name === name && actor.id !== except) {
        throw new HttpError(400, `Maya actor '${name}' already exists`)
      }
    }
  }

  router.add('POST', '/tts/maya/generate', async (request) => {
    const body = await jsonBody(request, mayaGenerateRequestSchema)
    return speak(ctx, mayaSpeech('POST /tts/maya/generate', body))
  })

  router.add('POST', '/tts/maya/stream', async (request) => {
    const body = await jsonBody(request, mayaStreamRequestSchema)
    return speakStream(ctx, mayaSpeech('POST /tts/maya/stream', body), request)
  })

  router.add('GET', '/tts/maya/emotion-tags', async () =>
    json({
      tags: [...MAYA_EMOTION_TAGS],
      usage: "Insert tags inline in text, e.g., 'Hello! <laugh> That was funny!'",
    }),
  )

  router.add('GET', '/tts/maya/actors', async () => {
    const actors = [...state.mayaActors.values()].map(mayaActorBody)
    return json({ actors, total: actors.length })
  })

  router.add('POST', '/tts/maya/actors', async (request) => {
    const form = await formBody(request, mayaActorCreateFormSchema)
    assertNameFree(form.name)
    const now = ctx.timestamp()
    const actor: MayaActorRecord = {
      id: ctx.newId(12),
      name: form.name,
      voiceDescription: form.voice_description,
      createdAt: now,
      updatedAt: now,
    }
    state.mayaActors.set(actor.id, actor)
    return json(mayaActorBody(actor), 201)
  })

  router.add('GET', '/tts/maya/actors/{actor_id}', async (_request, { actor_id }) =>
    json(mayaActorBody(findActor(actor_id))),
  )

  router.add('PUT', '/tts/maya/actors/{actor_id}', async (request, { actor_id }) => {
    const actor = findActor(actor_id)
    const form = await formBody(request, mayaActorUpdateFormSchema)
    if (form.name !== undefined) assertNameFree(form.name, actor.id)
    if (form.name !== undefined) actor.name = form.name
    if (form.voice_description !== undefined) actor.voiceDescription = form.voice_description
    if (form.name !== undefined || form.voice_description !== undefined) {
      actor.updatedAt = ctx.timestamp()
    }
    return json(mayaActorBody(actor))
  })

  router.add('DELETE', '/tts/maya/actors/{actor_id}', async (_request, { actor_id }) => {
    findActor(actor_id)
    state.mayaActors.delete(actor_id!)
    return noContent()
  })
}
