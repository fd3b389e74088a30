/**
 * XTTS text-to-speech and its history (routers/tts.py @ a7c07878, audio/schemas.py @ a7c07878,
 * db.py @ b21b0d67): `/tts/languages`, `/tts/models`, `/tts/generate`, `/tts/stream`,
 * `/tts/generate-with-audio`, `/tts/history...`.
 *
 * Speech needs a stored actor, looked up by name without regard to case (404
 * `Actor 'x' not found`; 500 when the actor has no reference audio). Only `POST /tts/generate`
 * and `POST /tts/maya/generate` are saved to the history — with `actor_name` the name as the
 * request spelt it (Maya: `[Maya] <voice description>`) and `duration_seconds` null, as the
 * server saves them; streams and one-shot cloning are not. `GET /tts/history` counts only the
 * entries it returns in `total`. See `./speech` for the audio and the stream format.
 */
import type { ActorRecord, SidecarContext, TtsHistoryRecord } from './context'
import { formFiles, formValue, parseRequest } from './fastapi'
import {
  bool,
  float,
  int,
  optional,
  PyFloat,
  required,
  str,
  validateModel,
  validationErrorText,
} from './pydantic'
import { HttpError, json, media, noContent } from './responses'
import type { Router } from './router'
import {
  languageType,
  MAYA_EMOTION_TAGS,
  TTS_LANGUAGE_CODES,
  TTS_LANGUAGES,
  TTSRequest,
  type TtsRequestValue,
} from './schemas'
import { speechSeconds, synthesize, voicePitch, wavResponse, xttsStream } from './speech'

const historyEntry = (record: TtsHistoryRecord) => ({
  id: record.id,
  actor_name: record.actorName,
  text: record.text,
  language: record.language,
  duration_seconds: null,
  created_at: record.createdAt,
})

/** Body of `GET /tts/models`. */
export const TTS_MODELS_BODY = {
  models: [
    {
      id: 'xtts-v2',
      name: 'XTTS v2',
      description: 'Voice cloning from reference audio. Supports 17 languages.',
      voice_control: 'reference_audio',
      languages: [...TTS_LANGUAGE_CODES],
      vram_gb: new PyFloat(2),
      supports_streaming: true,
    },
    {
      id: 'maya',
      name: 'Maya TTS',
      description: 'Voice description with natural language. English only. Supports emotion tags.',
      voice_control: 'voice_description',
      languages: ['en'],
      vram_gb: new PyFloat(16),
      supports_streaming: true,
      emotion_tags: [...MAYA_EMOTION_TAGS],
    },
  ],
  default: 'xtts-v2',
}

/** `get_actor_by_name`: case-insensitive. */
export function actorByName(ctx: SidecarContext, name: string): ActorRecord | undefined {
  const wanted = name.toLowerCase()
  for (const actor of ctx.state.actors.values()) {
    if (actor.name.toLowerCase() === wanted) return actor
  }
  return undefined
}

/** `add_tts_history`. */
export function addHistory(
  ctx: SidecarContext,
  entry: { actorName: string; text: string; language: string; bytes: Uint8Array<ArrayBuffer> },
): void {
  ctx.state.ttsHistory.push({
    id: ctx.newId(8),
    ...entry,
    createdAt: ctx.timestamp(),
    at: Date.now(),
  })
}

export function registerTtsRoutes(router: Router, ctx: SidecarContext): void {
  const { state } = ctx

  /** The checks `/tts/generate` and `/tts/stream` make before synthesising. */
  const speakingActor = (name: string): ActorRecord => {
    const actor = actorByName(ctx, name)
    if (!actor) throw new HttpError(404, `Actor '${name}' not found`)
    if (actor.audio.length === 0) {
      throw new HttpError(500, `Actor '${name}' has no reference audio files`)
    }
    return actor
  }

  router.add('GET', '/tts/languages', async () =>
    json({ languages: TTS_LANGUAGES.map(([code, name]) => ({ code, name })) }),
  )

  router.add('GET', '/tts/models', async () => json(TTS_MODELS_BODY))

  router.add('POST', '/tts/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: TTSRequest })
    const req = body as TtsRequestValue
    const actor = speakingActor(req.actor)
    // `tts()` gets no speed: batch speech is always at speed 1.
    const bytes = await synthesize(ctx, {
      model: 'xtts-v2',
      label: 'POST /tts/generate',
      seconds: speechSeconds(req.text),
      pitch: voicePitch(actor.name.toLowerCase()),
    })
    addHistory(ctx, { actorName: req.actor, text: req.text, language: req.language, bytes })
    return wavResponse(bytes)
  })

  router.add('POST', '/tts/stream', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: TTSRequest })
    const req = body as TtsRequestValue
    const actor = speakingActor(req.actor)
    return xttsStream(
      ctx,
      {
        model: 'xtts-v2',
        label: 'POST /tts/stream',
        text: req.text,
        speed: req.speed,
        pitch: voicePitch(actor.name.toLowerCase()),
      },
      request,
    )
  })

  router.add('POST', '/tts/generate-with-audio', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        text: formValue(required(str())),
        language: formValue(optional(languageType, 'en')),
        reference_audio: formFiles(),
        temperature: formValue(optional(float({ ge: 0, le: 1 }), 0.65)),
        speed: formValue(optional(float({ ge: 0.5, le: 2 }), 1)),
        split_sentences: formValue(optional(bool, true)),
      },
    })
    const files = form.reference_audio as File[]
    // The route builds a TTSRequest by hand inside its try block: a failure is a 500.
    const built = validateModel(TTSRequest, {
      text: form.text,
      actor: '__uploaded__',
      language: form.language,
      temperature: form.temperature,
      speed: form.speed,
      split_sentences: form.split_sentences,
    })
    if (!built.ok) {
      throw new HttpError(
        500,
        `Generation failed: ${validationErrorText('TTSRequest', built.errors)}`,
      )
    }
    const bytes = await synthesize(ctx, {
      model: 'xtts-v2',
      label: 'POST /tts/generate-with-audio',
      seconds: speechSeconds(form.text as string),
      pitch: voicePitch(files.map((file) => file.size).join(',')),
    })
    return wavResponse(bytes)
  })

  router.add('GET', '/tts/history', async (request, params) => {
    const { query } = await parseRequest(request, params, { query: { limit: optional(int(), 50) } })
    const limit = query.limit as number
    const newest = [...state.ttsHistory].sort((a, b) => b.at - a.at)
    // SQLite: a negative LIMIT means no limit.
    const entries = (limit < 0 ? newest : newest.slice(0, limit)).map(historyEntry)
    return json({ entries, total: entries.length })
  })

  router.add('GET', '/tts/history/{entry_id}/audio', async (_request, { entry_id }) => {
    const record = state.ttsHistory.find((entry) => entry.id === entry_id)
    if (!record) throw new HttpError(404, 'History entry not found')
    return media(record.bytes, 'audio/wav')
  })

  router.add('DELETE', '/tts/history/{entry_id}', async (_request, { entry_id }) => {
    const index = state.ttsHistory.findIndex((entry) => entry.id === entry_id)
    if (index < 0) throw new HttpError(404, 'History entry not found')
    state.ttsHistory.splice(index, 1)
    return noContent()
  })

  router.add('DELETE', '/tts/history', async () => {
    state.ttsHistory.length = 0
    return noContent()
  })
}
