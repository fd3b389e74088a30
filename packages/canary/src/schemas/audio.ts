import * as z from 'zod/mini'
import { base64Data, intIn, labelSchema, numberIn, text, unitInterval } from './common'

/** Upstream providers of speech (`generate-audio`) and transcription. */
export const AUDIO_PROVIDERS = ['elevenlabs', 'mlxaudio'] as const
export type AudioProvider = (typeof AUDIO_PROVIDERS)[number]

/** Model ids the API document names for speech. */
export const SPEECH_MODELS = ['eleven_flash_v2_5', 'kokoro'] as const
/** Model ids the API document names for transcription. */
export const TRANSCRIPTION_MODELS = ['scribe_v2', 'whisper-large-v3'] as const
/** The sound-effect model; the default. */
export const SOUND_EFFECT_MODELS = ['eleven_text_to_sound_v2'] as const
/** The music model; the default. */
export const MUSIC_MODELS = ['music_v1'] as const
/** The only dialogue model. */
export const DIALOGUE_MODEL = 'eleven_v3'
/** ElevenLabs output formats the document names (`codec_samplerate[_bitrate]`); others pass. */
export const AUDIO_OUTPUT_FORMATS = ['mp3_44100_128', 'pcm_16000'] as const

/** Ranges of the audio parameters. */
export const AUDIO_LIMITS = {
  soundEffectSeconds: { min: 0.5, max: 30 },
  musicMs: { min: 3_000, max: 600_000 },
  dialogueInputs: { min: 1, max: 100 },
  dialogueVoices: { max: 10 },
  dialogueSeed: { min: 0, max: 4_294_967_295 },
  numSpeakers: { min: 1, max: 32 },
} as const

const outputFormat = () =>
  z
    .string('must be a string')
    .check(z.regex(/^[a-z0-9]+(?:_\d+)+$/, 'must look like "mp3_44100_128" or "pcm_16000"'))

/** A rule about fields only one upstream provider takes. */
function onlyFor<T extends { provider: string }>(
  provider: string,
  fields: readonly (keyof T & string)[],
) {
  return (context: { value: T; issues: unknown[] }) => {
    if (context.value.provider === provider) return
    for (const field of fields) {
      if (context.value[field] !== undefined) {
        ;(context.issues as z.core.$ZodRawIssue[]).push({
          code: 'custom',
          input: context.value,
          path: [field],
          message: `is available with provider ${provider} only`,
          params: { rule: 'provider_only' },
        })
      }
    }
  }
}

/** Body of `POST /api/llm/generate-audio` (text to speech). */
export const speechGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** `elevenlabs` or `mlxaudio`. */
      provider: z.enum(AUDIO_PROVIDERS, 'must be elevenlabs or mlxaudio'),
      /** Text to speak. */
      text: text(),
      /** TTS model id. */
      model: z.optional(text()),
      /** An ElevenLabs voice id, or an MLX Audio voice name (e.g. `af_heart`). */
      voiceId: z.optional(text()),
      /** E.g. `mp3_44100_128`, `pcm_16000` (ElevenLabs only). */
      outputFormat: z.optional(outputFormat()),
      /** Usage-tracking label (no length limit is documented for audio). */
      tag: z.optional(labelSchema),
    })
    .check(onlyFor('elevenlabs', ['outputFormat'])))()
export type SpeechGenerateRequest = z.input<typeof speechGenerateRequestSchema>

/** Body of `POST /api/llm/generate-sound-effect` (ElevenLabs text to sound effects). */
export const soundEffectGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** What the sound is. */
    text: text(),
    /** Default `eleven_text_to_sound_v2`. */
    model: z.optional(text()),
    /** 0.5-30 seconds. */
    durationSeconds: z.optional(
      numberIn(AUDIO_LIMITS.soundEffectSeconds.min, AUDIO_LIMITS.soundEffectSeconds.max),
    ),
    /** How closely to follow the prompt, 0-1 (the server's default 0.3). */
    promptInfluence: z.optional(unitInterval()),
    /** A loopable sound effect. */
    loop: z.optional(z.boolean('must be a boolean')),
    tag: z.optional(labelSchema),
  }))()
export type SoundEffectGenerateRequest = z.input<typeof soundEffectGenerateRequestSchema>

/** Body of `POST /api/llm/generate-music` (ElevenLabs text to music). */
export const musicGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Style, mood, instruments. */
    prompt: text(),
    /** Default `music_v1`. */
    model: z.optional(text()),
    /** 3000-600000 milliseconds. */
    durationMs: z.optional(intIn(AUDIO_LIMITS.musicMs.min, AUDIO_LIMITS.musicMs.max)),
    /** No vocals. */
    forceInstrumental: z.optional(z.boolean('must be a boolean')),
    tag: z.optional(labelSchema),
  }))()
export type MusicGenerateRequest = z.input<typeof musicGenerateRequestSchema>

/** `voiceSettings` of a dialogue (ElevenLabs' 0-1 scales). */
export const voiceSettingsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    stability: z.optional(unitInterval()),
    similarityBoost: z.optional(unitInterval()),
    style: z.optional(unitInterval()),
    useSpeakerBoost: z.optional(z.boolean('must be a boolean')),
  }))()
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>

/** Body of `POST /api/llm/generate-dialogue`: 1-100 turns over at most 10 voices, `eleven_v3` only. */
export const dialogueGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** The turns, in order, each with its voice. */
      inputs: z
        .array(z.strictObject({ text: text(), voiceId: text() }))
        .check(
          z.minLength(AUDIO_LIMITS.dialogueInputs.min, 'needs at least one input'),
          z.maxLength(AUDIO_LIMITS.dialogueInputs.max, 'takes at most 100 inputs'),
        ),
      /** Only `eleven_v3` (the default). */
      model: z.optional(z.enum([DIALOGUE_MODEL], 'only eleven_v3 is supported')),
      /** Default `mp3_44100_128`. */
      outputFormat: z.optional(outputFormat()),
      /** E.g. `en`, `nl`. */
      languageCode: z.optional(
        z
          .string('must be a string')
          .check(
            z.regex(
              /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/,
              'must be a language code such as "en"',
            ),
          ),
      ),
      voiceSettings: z.optional(voiceSettingsSchema),
      /** 0-4294967295. */
      seed: z.optional(intIn(AUDIO_LIMITS.dialogueSeed.min, AUDIO_LIMITS.dialogueSeed.max)),
      applyTextNormalization: z.optional(z.enum(['auto', 'on', 'off'], 'must be auto, on or off')),
      tag: z.optional(labelSchema),
    })
    .check((context) => {
      const voices = new Set(context.value.inputs.map((input) => input.voiceId))
      if (voices.size > AUDIO_LIMITS.dialogueVoices.max) {
        context.issues.push({
          code: 'custom',
          input: context.value,
          path: ['inputs'],
          message: `uses ${voices.size} different voices; at most ${AUDIO_LIMITS.dialogueVoices.max} are allowed`,
          params: { rule: 'too_many_voices' },
        })
      }
    }))()
export type DialogueGenerateRequest = z.input<typeof dialogueGenerateRequestSchema>

/** Body of `POST /api/llm/transcribe` (speech to text). Diarization fields are ElevenLabs only. */
export const transcribeRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** `elevenlabs` or `mlxaudio`. */
      provider: z.enum(AUDIO_PROVIDERS, 'must be elevenlabs or mlxaudio'),
      /** Base64 audio. */
      audio: base64Data('audio'),
      /**
       * `audio/mpeg`, `audio/wav`, ... (an open list). A media type the sender could not tell is
       * `application/octet-stream`: the gateway then reads the bytes, rather than trusting a guess.
       */
      mimeType: z.optional(
        z
          .string('must be a string')
          .check(z.regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as "audio/mpeg"')),
      ),
      model: z.optional(text()),
      /** ISO language code. */
      language: z.optional(text(16)),
      tag: z.optional(labelSchema),
      /** Label speakers (ElevenLabs only). */
      diarize: z.optional(z.boolean('must be a boolean')),
      /** Expected speakers, 1-32 (ElevenLabs only). */
      numSpeakers: z.optional(intIn(AUDIO_LIMITS.numSpeakers.min, AUDIO_LIMITS.numSpeakers.max)),
      /** `word` (default) or `character` (ElevenLabs only). */
      timestampsGranularity: z.optional(z.enum(['word', 'character'], 'must be word or character')),
      /** Tag laughter, applause, ... (ElevenLabs only). */
      tagAudioEvents: z.optional(z.boolean('must be a boolean')),
    })
    .check(
      onlyFor('elevenlabs', ['diarize', 'numSpeakers', 'timestampsGranularity', 'tagAudioEvents']),
    ))()
export type TranscribeRequest = z.input<typeof transcribeRequestSchema>
