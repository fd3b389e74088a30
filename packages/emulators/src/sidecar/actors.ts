/**
 * XTTS actors: named voices with reference audio, kept in memory by name.
 *
 * Uploaded reference files are stored as sent and downloaded byte for byte (with their own
 * content type); a WAV upload reports its real duration. `POST /actors/from-youtube` downloads
 * nothing: after `youtubeMs` (half of it on the GPU with Demucs when `separate_vocals` is on) it
 * stores a synthetic WAV of `max_duration` seconds (at most 120). Duplicate names are 409,
 * unknown ones 404, an invalid YouTube URL 400, as documented.
 */
import {
  actorAudioAddFormSchema,
  actorCreateFormSchema,
  actorFromYoutubeRequestSchema,
} from '@atelier/local'
import { inspectWav } from '../media'
import type { ActorRecord, SidecarContext, StoredAudio } from './context'
import { detail, HttpError, json, media, noContent } from './responses'
import type { Router } from './router'
import { speechWav, voicePitch } from './speech'
import { formBody, isAbout, jsonBody } from './validation'

/** Longest synthetic clip `POST /actors/from-youtube` stores, in seconds. */
const MAX_YOUTUBE_SECONDS = 120

const CONTENT_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
}

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
  duration_seconds: audio.durationSeconds,
  created_at: audio.createdAt,
})

function wavSeconds(bytes: Uint8Array): number | null {
  try {
    return Math.round(inspectWav(bytes).durationSeconds * 100) / 100
  } catch {
    return null
  }
}

export function registerActorRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  const findActor = (name: string | undefined): ActorRecord => {
    const actor = name === undefined ? undefined : state.actors.get(name)
    if (!actor) throw new HttpError(404, `Actor '${name}' not found`)
    return actor
  }

  const assertNameFree = (name: string) => {
    if (state.actors.has(name)) throw new HttpError(409, `Actor '${name}' already exists`)
  }

  /** Stores an uploaded file as the actor's next reference clip. */
  const storeUpload = async (actor: ActorRecord, file: Blob): Promise<StoredAudio> => {
    const originalName = file instanceof File && file.name !== '' ? file.name : null
    const extension = /\.([a-z0-9]+)$/i.exec(originalName ?? '')?.[1]?.toLowerCase() ?? 'wav'
    const bytes = new Uint8Array(await file.arrayBuffer())
    const audio: StoredAudio = {
      id: ctx.newId(12),
      filename: `reference_${String(actor.audio.length).padStart(2, '0')}.${extension}`,
      originalName,
      durationSeconds: wavSeconds(bytes),
      createdAt: ctx.timestamp(),
      bytes,
      contentType: file.type || CONTENT_TYPES[extension] || 'application/octet-stream',
    }
    actor.audio.push(audio)
    return audio
  }

  const newActor = (name: string, language: string, description: string | null): ActorRecord => {
    const now = ctx.timestamp()
    return {
      id: ctx.newId(12),
      name,
      language,
      description,
      createdAt: now,
      updatedAt: now,
      audio: [],
    }
  }

  router.add('GET', '/actors', async () => {
    const actors = [...state.actors.values()].map(actorBody)
    return json({ actors, total: actors.length })
  })

  router.add('POST', '/actors', async (request) => {
    const form = await formBody(request, actorCreateFormSchema)
    const files = Array.isArray(form.audio_files) ? form.audio_files : [form.audio_files]
    const nonEmpty = files.filter((file) => file.size > 0)
    if (nonEmpty.length === 0) throw new HttpError(400, 'No audio files provided')
    assertNameFree(form.name)
    const actor = newActor(form.name, form.language, form.description ?? null)
    for (const file of nonEmpty) await storeUpload(actor, file)
    state.actors.set(actor.name, actor)
    return json(actorBody(actor), 201)
  })

  router.add('GET', '/actors/{name}', async (_request, { name }) =>
    json(actorBody(findActor(name))),
  )

  router.add('DELETE', '/actors/{name}', async (_request, { name }) => {
    findActor(name)
    state.actors.delete(name!)
    return noContent()
  })

  router.add('POST', '/actors/from-youtube', async (request) => {
    const body = await jsonBody(request, actorFromYoutubeRequestSchema, {
      documented400: {
        when: (issue) => isAbout(issue, 'youtube_url'),
        message: () => 'Invalid YouTube URL',
      },
    })
    assertNameFree(body.name)
    const end = gpu.begin()
    try {
      if (body.separate_vocals) {
        await ctx.sleep(timings.youtubeMs / 2)
        await gpu.use('demucs', 'POST /actors/from-youtube', () => ctx.sleep(timings.youtubeMs / 2))
      } else {
        await ctx.sleep(timings.youtubeMs)
      }
    } finally {
      end()
    }
    assertNameFree(body.name)
    const actor = newActor(body.name, body.language, body.description)
    const seconds = Math.min(body.max_duration, MAX_YOUTUBE_SECONDS)
    actor.audio.push({
      id: ctx.newId(12),
      filename: 'reference_00.wav',
      originalName: 'youtube.wav',
      durationSeconds: seconds,
      createdAt: actor.createdAt,
      contentType: 'audio/wav',
    })
    state.actors.set(actor.name, actor)
    return json(actorBody(actor), 201)
  })

  router.add('POST', '/actors/{name}/audio', async (request, { name }) => {
    const actor = findActor(name)
    const form = await formBody(request, actorAudioAddFormSchema)
    const audio = await storeUpload(actor, form.audio_file)
    actor.updatedAt = ctx.timestamp()
    return json(audioBody(audio), 201)
  })

  router.add('GET', '/actors/{name}/audio', async (_request, { name }) =>
    json(findActor(name).audio.map(audioBody)),
  )

  router.add('GET', '/actors/{name}/audio/{file_id}/download', async (_request, params) => {
    const actor = findActor(params.name)
    const audio = actor.audio.find((file) => file.id === params.file_id)
    if (!audio) return detail(404, 'Audio file not found')
    const bytes = audio.bytes ?? speechWav(audio.durationSeconds ?? 1, voicePitch(actor.name))
    return media(bytes, audio.contentType, { filename: audio.originalName ?? audio.filename })
  })

  router.add('DELETE', '/actors/{name}/audio/{file_id}', async (_request, params) => {
    const actor = findActor(params.name)
    const index = actor.audio.findIndex((file) => file.id === params.file_id)
    if (index < 0) return detail(404, 'Audio file not found')
    actor.audio.splice(index, 1)
    actor.updatedAt = ctx.timestamp()
    return noContent()
  })
}
