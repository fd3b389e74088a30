/**
 * Maya TTS (voice from a description, emotion tags inline) and Maya actors (saved voice
 * descriptions, addressed by id) — routers/tts.py @ a7c07878, db.py @ b21b0d67.
 *
 * `POST /tts/maya/generate` is saved to the history as `[Maya] <voice description>` (cut at 50
 * characters with `...`); the stream is not (see `./speech` for its format). Maya actors are
 * created with 200 (not 201); a name already taken — exactly, as the database's UNIQUE
 * constraint compares — is 400 `Actor '<name>' already exists`, and renaming one onto a taken
 * name fails inside the server (a plain 500). Listing is by name.
 */
import type { MayaActorRecord, SidecarContext } from './context'
import { formValue, parseRequest } from './fastapi'
import { optional, required, str } from './pydantic'
import { HttpError, json, noContent, UncaughtError } from './responses'
import type { Router } from './router'
import { MAYA_EMOTION_TAGS, type MayaRequestValue, MayaTTSRequest } from './schemas'
import { mayaStream, speechSeconds, synthesize, voicePitch, wavResponse } from './speech'
import { addHistory } from './tts'

const mayaActorBody = (actor: MayaActorRecord) => ({
  id: actor.id,
  name: actor.name,
  voice_description: actor.voiceDescription,
  created_at: actor.createdAt,
  updated_at: actor.updatedAt,
})

export function registerMayaRoutes(router: Router, ctx: SidecarContext): void {
  const { state } = ctx

  const findActor = (id: string | undefined): MayaActorRecord => {
    const actor = id === undefined ? undefined : state.mayaActors.get(id)
    if (!actor) throw new HttpError(404, 'Maya actor not found')
    return actor
  }

  const nameTaken = (name: string, except?: string) =>
    [...state.mayaActors.values()].some((actor) => actor.name === name && actor.id !== except)

  router.add('POST', '/tts/maya/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: MayaTTSRequest })
    const req = body as MayaRequestValue
    const bytes = await synthesize(ctx, {
      model: 'maya',
      label: 'POST /tts/maya/generate',
      seconds: speechSeconds(req.text, req.speed),
      pitch: voicePitch(req.voice_description),
    })
    const voice = req.voice_description
    const short = [...voice].length > 50 ? `${[...voice].slice(0, 50).join('')}...` : voice
    addHistory(ctx, { actorName: `[Maya] ${short}`, text: req.text, language: 'en', bytes })
    return wavResponse(bytes)
  })

  router.add('POST', '/tts/maya/stream', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: MayaTTSRequest })
    const req = body as MayaRequestValue
    return mayaStream(
      ctx,
      {
        model: 'maya',
        label: 'POST /tts/maya/stream',
        seconds: speechSeconds(req.text, req.speed),
        pitch: voicePitch(req.voice_description),
      },
      request,
    )
  })

  router.add('GET', '/tts/maya/emotion-tags', async () =>
    json({
      tags: [...MAYA_EMOTION_TAGS],
      usage: "Insert tags inline in text, e.g., 'Hello! <laugh> That was funny!'",
    }),
  )

  router.add('GET', '/tts/maya/actors', async () => {
    const actors = [...state.mayaActors.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(mayaActorBody)
    return json({ actors, total: actors.length })
  })

  router.add('POST', '/tts/maya/actors', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        name: formValue(required(str())),
        voice_description: formValue(required(str())),
      },
    })
    const name = form.name as string
    if (nameTaken(name)) throw new HttpError(400, `Actor '${name}' already exists`)
    const now = ctx.timestamp()
    const actor: MayaActorRecord = {
      id: ctx.newId(8),
      name,
      voiceDescription: form.voice_description as string,
      createdAt: now,
      updatedAt: now,
    }
    state.mayaActors.set(actor.id, actor)
    return json(mayaActorBody(actor))
  })

  router.add('GET', '/tts/maya/actors/{actor_id}', async (_request, { actor_id }) =>
    json(mayaActorBody(findActor(actor_id))),
  )

  router.add('PUT', '/tts/maya/actors/{actor_id}', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        name: formValue(optional(str(), null, true)),
        voice_description: formValue(optional(str(), null, true)),
      },
    })
    const actor = findActor(params.actor_id)
    const name = form.name as string | null
    if (name !== null && nameTaken(name, actor.id)) {
      throw new UncaughtError('UNIQUE constraint failed: maya_actors.name')
    }
    if (name !== null) actor.name = name
    if (form.voice_description !== null) actor.voiceDescription = form.voice_description as string
    actor.updatedAt = ctx.timestamp()
    return json(mayaActorBody(actor))
  })

  router.add('DELETE', '/tts/maya/actors/{actor_id}', async (_request, { actor_id }) => {
    const actor = findActor(actor_id)
    state.mayaActors.delete(actor.id)
    return noContent()
  })
}
