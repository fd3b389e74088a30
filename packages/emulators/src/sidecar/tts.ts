/**
 * XTTS text-to-speech and its history: `/tts/languages`, `/tts/models`, `/tts/generate`,
 * `/tts/stream`, `/tts/generate-with-audio`, `/tts/history...`.
 *
 * Speech needs a stored actor (404 `Actor 'x' not found`; 500 if the actor has no reference
 * audio left, as the real sidecar answers). Every generation, Maya's included, is saved to the
 * history, whose audio is the same synthetic WAV again. History entries carry an extra `model`
 * field (`xtts-v2` or `maya`); `actor_name` is `null` for one-shot and Maya speech.
 */
import {
  MAYA_EMOTION_TAGS,
  TTS_LANGUAGE_NAMES,
  TTS_LANGUAGES,
  ttsGenerateRequestSchema,
  ttsGenerateWithAudioFormSchema,
  ttsHistoryQuerySchema,
  ttsStreamRequestSchema,
} from '@atelier/local'
import type { SidecarContext, TtsHistoryRecord } from './context'
import { detail, HttpError, json, media, noContent } from './responses'
import type { Router } from './router'
import { type SpeechJob, speak, speakStream, speechWav, voicePitch } from './speech'
import { formBody, jsonBody, queryParams } from './validation'

const historyEntry = (record: TtsHistoryRecord) => ({
  id: record.id,
  actor_name: record.actorName,
  text: record.text,
  language: record.language,
  duration_seconds: record.durationSeconds,
  created_at: record.createdAt,
  model: record.model,
})

/** Body of `GET /tts/models`. */
export const TTS_MODELS_BODY = {
  models: [
    {
      id: 'xtts-v2',
      name: 'XTTS v2',
      description: 'Voice cloning from reference audio. Supports 17 languages.',
      voice_control: 'reference_audio',
      languages: [...TTS_LANGUAGES],
      vram_gb: 2.0,
      supports_streaming: true,
    },
    {
      id: 'maya',
      name: 'Maya TTS',
      description: 'Voice description with natural language. English only. Supports emotion tags.',
      voice_control: 'voice_description',
      languages: ['en'],
      vram_gb: 16.0,
      supports_streaming: true,
      emotion_tags: [...MAYA_EMOTION_TAGS],
    },
  ],
  default: 'xtts-v2',
}

export function registerTtsRoutes(router: Router, ctx: SidecarContext): void {
  const { state } = ctx

  /** The speech job of `/tts/generate` and `/tts/stream`, after checking the actor. */
  const actorSpeech = (
    label: string,
    body: { text: string; actor: string; language: string; speed: number },
  ): SpeechJob => {
    const actor = state.actors.get(body.actor)
    if (!actor) throw new HttpError(404, `Actor '${body.actor}' not found`)
    if (actor.audio.length === 0) {
      throw new HttpError(500, `Actor '${body.actor}' has no reference audio files`)
    }
    return {
      model: 'xtts-v2',
      label,
      text: body.text,
      speed: body.speed,
      pitch: voicePitch(actor.name),
      history: { actorName: actor.name, language: body.language },
    }
  }

  router.add('GET', '/tts/languages', async () =>
    json({ languages: TTS_LANGUAGES.map((code) => ({ code, name: TTS_LANGUAGE_NAMES[code] })) }),
  )

  router.add('GET', '/tts/models', async () => json(TTS_MODELS_BODY))

  router.add('POST', '/tts/generate', async (request) => {
    const body = await jsonBody(request, ttsGenerateRequestSchema)
    return speak(ctx, actorSpeech('POST /tts/generate', body))
  })

  router.add('POST', '/tts/stream', async (request) => {
    const body = await jsonBody(request, ttsStreamRequestSchema)
    return speakStream(ctx, actorSpeech('POST /tts/stream', body), request)
  })

  router.add('POST', '/tts/generate-with-audio', async (request) => {
    const form = await formBody(request, ttsGenerateWithAudioFormSchema)
    const files = Array.isArray(form.reference_audio)
      ? form.reference_audio
      : [form.reference_audio]
    if (files.every((file) => file.size === 0)) {
      throw new HttpError(400, 'At least one reference audio file is required')
    }
    return speak(ctx, {
      model: 'xtts-v2',
      label: 'POST /tts/generate-with-audio',
      text: form.text,
      speed: form.speed,
      pitch: voicePitch(files.map((file) => file.size).join(',')),
      history: { actorName: null, language: form.language },
    })
  })

  router.add('GET', '/tts/history', async (request) => {
    const { limit } = queryParams(request, ttsHistoryQuerySchema)
    const entries = [...state.ttsHistory].reverse().slice(0, limit).map(historyEntry)
    return json({ entries, total: state.ttsHistory.length })
  })

  router.add('GET', '/tts/history/{entry_id}/audio', async (_request, { entry_id }) => {
    const record = state.ttsHistory.find((entry) => entry.id === entry_id)
    if (!record) return detail(404, 'History entry not found')
    return media(speechWav(record.durationSeconds, record.frequencyHz), 'audio/wav', {
      filename: `tts_${record.id}.wav`,
    })
  })

  router.add('DELETE', '/tts/history/{entry_id}', async (_request, { entry_id }) => {
    const index = state.ttsHistory.findIndex((entry) => entry.id === entry_id)
    if (index < 0) return detail(404, 'History entry not found')
    state.ttsHistory.splice(index, 1)
    return noContent()
  })

  router.add('DELETE', '/tts/history', async () => {
    state.ttsHistory.length = 0
    return noContent()
  })
}
