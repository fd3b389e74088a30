/**
 * XTTS actors (routers/actors.py @ 4e7c144f, db.py @ b21b0d67, audio/youtube.py @ 4e7c144f):
 * named voices with reference audio, addressed by name without regard to case, listed by name.
 *
 * As the server stores them: ids are 8 characters; every reference file is named
 * `reference_NN.wav` (NN = how many such files the actor has, whatever the upload's format);
 * `original_name` is the upload's file name (or `unknown`); `duration_seconds` is always null;
 * downloads are the stored bytes as `audio/wav`, named after `original_name`. Duplicate names are
 * 409, unknown actors 404 `Actor 'x' not found`, unknown files 404 `Audio file '<id>' not found`.
 *
 * `POST /actors/from-youtube` downloads nothing: after `youtubeMs` (half of it on the GPU with
 * Demucs when `separate_vocals` is on) it stores a synthetic WAV of `max_duration` seconds named
 * `youtube_<video id>.wav`. A URL the server's patterns refuse is 400, a `max_duration` of 0 or
 * less yields no voice (500, as on the server).
 */
import type { ActorRecord, SidecarContext, StoredAudio } from './context'
import { formFile, formFiles, formValue, parseRequest } from './fastapi'
import { optional, required, str } from './pydantic'
import { attachment, HttpError, json, media, noContent } from './responses'
import type { Router } from './router'
import { CreateActorFromYouTubeRequest, languageType } from './schemas'
import { speechWav, voicePitch } from './speech'
import { actorByName } from './tts'

const YOUTUBE_PATTERNS = [
  /^(?:https?:\/\/)?(?:www\.)?youtube\.com\/watch\?v=([a-zA-Z0-9_-]{11})/,
  /^(?:https?:\/\/)?(?:www\.)?youtu\.be\/([a-zA-Z0-9_-]{11})/,
  /^(?:https?:\/\/)?(?:www\.)?youtube\.com\/shorts\/([a-zA-Z0-9_-]{11})/,
]

export const actorBody = (actor: ActorRecord) => ({
  id: actor.id,
  name: actor.name,
  language: actor.language,
  description: actor.description,
  audio_count: actor.audio.length,
  created_at: actor.createdAt,
  updated_at: actor.updatedAt,
})

const audioBody = (audio: StoredAudio) => ({
  id: audio.id,
  filename: audio.filename,
  original_name: audio.originalName,
  duration_seconds: null,
  created_at: audio.createdAt,
})

export function registerActorRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  const findActor = (name: string): ActorRecord => {
    const actor = actorByName(ctx, name)
    if (!actor) throw new HttpError(404, `Actor '${name}' not found`)
    return actor
  }

  /** `add_audio_to_actor`. */
  const addAudio = (actor: ActorRecord, bytes: Uint8Array<ArrayBuffer>, originalName: string) => {
    const existing = new Set(actor.audio.map((audio) => audio.filename))
    const audio: StoredAudio = {
      id: ctx.newId(8),
      filename: `reference_${String(existing.size).padStart(2, '0')}.wav`,
      originalName,
      createdAt: ctx.timestamp(),
      bytes,
    }
    // Same name as a file still there (after a deletion): the new file replaces its bytes.
    for (const other of actor.audio) if (other.filename === audio.filename) other.bytes = bytes
    actor.audio.push(audio)
    return audio
  }

  const newActor = (name: string, language: string, description: string): ActorRecord => {
    const now = ctx.timestamp()
    return {
      id: ctx.newId(8),
      name,
      language,
      description,
      createdAt: now,
      updatedAt: now,
      audio: [],
    }
  }

  const sortedActors = () =>
    [...state.actors.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

  router.add('GET', '/actors', async () => {
    const actors = sortedActors().map(actorBody)
    return json({ actors, total: actors.length })
  })

  router.add('POST', '/actors', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        name: formValue(required(str())),
        audio_files: formFiles(),
        language: formValue(optional(languageType, 'en')),
        description: formValue(optional(str(), '')),
      },
    })
    const name = form.name as string
    if (actorByName(ctx, name)) throw new HttpError(409, `Actor '${name}' already exists`)
    const actor = newActor(name, form.language as string, form.description as string)
    state.actors.set(actor.id, actor)
    for (const file of form.audio_files as File[]) {
      addAudio(actor, new Uint8Array(await file.arrayBuffer()), file.name || 'unknown')
    }
    return json(actorBody(actor), 201)
  })

  router.add('POST', '/actors/from-youtube', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: CreateActorFromYouTubeRequest })
    const req = body as {
      name: string
      youtube_url: string
      language: string
      description: string
      max_duration: number
      separate_vocals: boolean
    }
    if (!YOUTUBE_PATTERNS.some((pattern) => pattern.test(req.youtube_url))) {
      throw new HttpError(
        400,
        'Invalid YouTube URL. Supported formats: youtube.com/watch?v=..., youtu.be/..., youtube.com/shorts/...',
      )
    }
    if (actorByName(ctx, req.name)) throw new HttpError(409, `Actor '${req.name}' already exists`)
    const end = gpu.begin()
    try {
      if (req.separate_vocals) {
        await ctx.sleep(timings.youtubeMs / 2)
        await gpu.use('demucs', 'POST /actors/from-youtube', () => ctx.sleep(timings.youtubeMs / 2))
      } else {
        await ctx.sleep(timings.youtubeMs)
      }
    } finally {
      end()
    }
    if (!(req.max_duration > 0)) {
      throw new HttpError(500, 'Failed to extract voice from YouTube: No voice segments extracted')
    }
    const actor = newActor(req.name, req.language, req.description)
    state.actors.set(actor.id, actor)
    const videoId = (req.youtube_url.split('=').at(-1) ?? '').slice(0, 11)
    addAudio(
      actor,
      speechWav(req.max_duration, voicePitch(req.name.toLowerCase())),
      `youtube_${videoId}.wav`,
    )
    return json(actorBody(actor), 201)
  })

  router.add('GET', '/actors/{name}', async (_request, { name = '' }) =>
    json(actorBody(findActor(name))),
  )

  router.add('DELETE', '/actors/{name}', async (_request, { name = '' }) => {
    state.actors.delete(findActor(name).id)
    return noContent()
  })

  router.add('POST', '/actors/{name}/audio', async (request, params) => {
    const { form } = await parseRequest(request, params, { form: { audio_file: formFile() } })
    const actor = findActor(params.name ?? '')
    const file = form.audio_file as File
    const audio = addAudio(actor, new Uint8Array(await file.arrayBuffer()), file.name || 'unknown')
    return json(audioBody(audio), 201)
  })

  router.add('GET', '/actors/{name}/audio', async (_request, { name = '' }) =>
    json(findActor(name).audio.map(audioBody)),
  )

  router.add('GET', '/actors/{name}/audio/{file_id}/download', async (_request, params) => {
    const actor = findActor(params.name ?? '')
    const audio = actor.audio.find((file) => file.id === params.file_id)
    if (!audio) throw new HttpError(404, `Audio file '${params.file_id}' not found`)
    return media(audio.bytes, 'audio/wav', {
      headers: { 'content-disposition': attachment(audio.originalName ?? audio.filename) },
    })
  })

  router.add('DELETE', '/actors/{name}/audio/{file_id}', async (_request, params) => {
    const actor = findActor(params.name ?? '')
    const index = actor.audio.findIndex((file) => file.id === params.file_id)
    if (index < 0) throw new HttpError(404, `Audio file '${params.file_id}' not found`)
    actor.audio.splice(index, 1)
    return noContent()
  })
}
