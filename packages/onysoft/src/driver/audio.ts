/**
 * Speech, dialogue and sound effects: ElevenLabs models through the gateway (`voice` alias for
 * speech and dialogue, `audio` for sound effects). One task makes one clip.
 */

import type { AudioOutput, ValidTaskInput } from '@atelier/core'
import { DIALOGUE_MODELS, SOUND_EFFECT_MODELS, TTS_MODELS } from '../schemas'
import {
  droppedOptions,
  type Gateway,
  type GatewayHandler,
  gatewayHandler,
  refuse,
  type TaskRequest,
} from './gateway'
import type { OutputReader } from './snapshots'

/**
 * The clip of a completed task as the output: `audio_url(s)`, else the generic result URLs,
 * else the other kinds' fields (`video_url`, the document's only result field).
 */
const readClip: OutputReader<AudioOutput> = (_status, files, base) => {
  const audio = files.of('audio')[0]
  return audio ? { audio, ...base } : 'an audio URL'
}

/** The body of a `speech.generate` task: the text as `prompt`, one of the 20 voices. */
export function speechRequest(input: ValidTaskInput<'speech.generate'>): TaskRequest {
  if (input.referenceAudio !== undefined)
    refuse('the gateway speaks with its 20 preset voices; it does not clone reference audio')
  if (input.voiceDescription !== undefined)
    refuse(
      'the gateway speaks with its 20 preset voices; it does not design voices from a description',
    )
  return {
    body: { prompt: input.text, voice: input.voice },
    fields: { prompt: 'text', voice: 'voice' },
    warnings: droppedOptions(input, {
      language:
        'the multilingual model reads the language from the text; no language parameter is sent',
      speed: 'the gateway takes no speaking rate',
      seed: 'the gateway takes no seed',
      outputFormat: 'the model decides the audio format',
    }),
  }
}

/** The body of a `dialogue.generate` task: the turns as `dialogue`, and as a `prompt` script. */
export function dialogueRequest(input: ValidTaskInput<'dialogue.generate'>): TaskRequest {
  return {
    body: {
      // The script as text too, for a backend that reads only `prompt`.
      prompt: input.turns.map((turn) => `${turn.voice}: ${turn.text}`).join('\n'),
      dialogue: input.turns.map((turn) => ({ text: turn.text, voice: turn.voice })),
      language_code: input.language,
    },
    fields: { prompt: 'turns', dialogue: 'turns', language_code: 'language' },
    warnings: droppedOptions(input, {
      seed: 'the gateway takes no seed',
      outputFormat: 'the model decides the audio format',
    }),
  }
}

/** The body of a `soundEffect.generate` task. */
export function soundEffectRequest(input: ValidTaskInput<'soundEffect.generate'>): TaskRequest {
  return {
    body: {
      prompt: input.prompt,
      duration_seconds: input.durationSeconds,
      prompt_influence: input.promptInfluence,
    },
    fields: {
      prompt: 'prompt',
      duration_seconds: 'durationSeconds',
      prompt_influence: 'promptInfluence',
    },
    warnings: droppedOptions(input, {
      loop: 'the gateway takes no loop switch',
      outputFormat: 'the model decides the audio format',
    }),
  }
}

export function speechHandler(gateway: Gateway): GatewayHandler<'speech.generate'> {
  return gatewayHandler(gateway, {
    task: 'speech.generate',
    models: TTS_MODELS,
    build: speechRequest,
    read: readClip,
  })
}

export function dialogueHandler(gateway: Gateway): GatewayHandler<'dialogue.generate'> {
  return gatewayHandler(gateway, {
    task: 'dialogue.generate',
    models: DIALOGUE_MODELS,
    build: dialogueRequest,
    read: readClip,
  })
}

export function soundEffectHandler(gateway: Gateway): GatewayHandler<'soundEffect.generate'> {
  return gatewayHandler(gateway, {
    task: 'soundEffect.generate',
    models: SOUND_EFFECT_MODELS,
    build: soundEffectRequest,
    read: readClip,
  })
}
