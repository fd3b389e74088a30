import * as z from 'zod/mini'
import {
  formBool,
  formInt,
  formNumber,
  intIn,
  lenient,
  lenientFlag,
  lenientList,
  lenientNumber,
  lenientText,
  lenientTimestamp,
  numberIn,
  openEnum,
  text,
  tolerantList,
  uploads,
} from './common'

/** XTTS v2 language codes. */
export const TTS_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'pl',
  'tr',
  'ru',
  'nl',
  'cs',
  'ar',
  'zh-cn',
  'ja',
  'hu',
  'ko',
  'hi',
] as const
export type TtsLanguage = (typeof TTS_LANGUAGES)[number]

/** English names of `TTS_LANGUAGES`. */
export const TTS_LANGUAGE_NAMES = {
  en: 'English',
  es: 'Spanish',
  fr: 'French',
  de: 'German',
  it: 'Italian',
  pt: 'Portuguese',
  pl: 'Polish',
  tr: 'Turkish',
  ru: 'Russian',
  nl: 'Dutch',
  cs: 'Czech',
  ar: 'Arabic',
  'zh-cn': 'Chinese',
  ja: 'Japanese',
  hu: 'Hungarian',
  ko: 'Korean',
  hi: 'Hindi',
} as const satisfies Record<TtsLanguage, string>

/** Speech models listed by `GET /tts/models`. */
export const TTS_MODELS = ['xtts-v2', 'maya'] as const
export type TtsModelId = (typeof TTS_MODELS)[number]

/** Every audio model reported by `GET /health` and `GET /models` (Demucs separates vocals). */
export const AUDIO_MODELS = ['xtts-v2', 'maya', 'demucs'] as const
export type AudioModelId = (typeof AUDIO_MODELS)[number]

/** `voice_control` values of `GET /tts/models`. */
export const TTS_VOICE_CONTROLS = ['reference_audio', 'voice_description'] as const

/** Ranges and defaults of the XTTS endpoints. */
export const TTS_LIMITS = {
  text: { min: 1, max: 10_000 },
  temperature: { min: 0, max: 1 },
  speed: { min: 0.5, max: 2 },
} as const
/** Defaults of `POST /tts/generate`, `/tts/stream` and `/tts/generate-with-audio`. */
export const TTS_DEFAULTS = {
  language: 'en',
  temperature: 0.65,
  speed: 1,
  split_sentences: true,
} as const

/** An XTTS language code from `TTS_LANGUAGES`. */
export const ttsLanguageSchema = /* @__PURE__ */ (() =>
  z.enum(TTS_LANGUAGES, 'must be a supported TTS language code'))()

const ttsText = () => text(TTS_LIMITS.text.max)
const temperature = () => numberIn(TTS_LIMITS.temperature.min, TTS_LIMITS.temperature.max)
const speed = () => numberIn(TTS_LIMITS.speed.min, TTS_LIMITS.speed.max)

/** Request body of `POST /tts/generate` and `POST /tts/stream` (voice of a stored actor). */
export const ttsGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Text to synthesize, 1-10000 characters. */
    text: ttsText(),
    /** Name of a stored actor (see `/actors`). */
    actor: text(),
    /** Output language; server default `en`. */
    language: z.optional(ttsLanguageSchema),
    /** Sampling temperature, 0.0-1.0; server default 0.65. */
    temperature: z.optional(temperature()),
    /** Playback speed, 0.5-2.0; server default 1.0. */
    speed: z.optional(speed()),
    /** Split the text into sentences before synthesis; server default true. */
    split_sentences: z.optional(z.boolean()),
  }))()
export type TtsGenerateRequest = z.input<typeof ttsGenerateRequestSchema>
export type TtsGenerateRequestParsed = z.output<typeof ttsGenerateRequestSchema>

/** Request body of `POST /tts/stream`: the same as `POST /tts/generate`. */
export const ttsStreamRequestSchema = ttsGenerateRequestSchema
export type TtsStreamRequest = TtsGenerateRequest

/**
 * Multipart fields of `POST /tts/generate-with-audio` (one-shot cloning, no stored actor).
 * Scalars accept typed values or their form text.
 */
export const ttsGenerateWithAudioFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Text to synthesize, 1-10000 characters. */
    text: ttsText(),
    /** Output language; server default `en`. */
    language: z.optional(ttsLanguageSchema),
    /** One or more reference recordings of the voice. */
    reference_audio: uploads(),
    /** 0.0-1.0; server default 0.65. */
    temperature: z.optional(formNumber(temperature())),
    /** 0.5-2.0; server default 1.0. */
    speed: z.optional(formNumber(speed())),
    split_sentences: z.optional(formBool()),
  }))()
export type TtsGenerateWithAudioForm = z.input<typeof ttsGenerateWithAudioFormSchema>
export type TtsGenerateWithAudioFormParsed = z.output<typeof ttsGenerateWithAudioFormSchema>

/*
 * The TTS lists and history are read tolerantly: strict on each entry's id (a language's `code`),
 * an entry without one skipped; other fields may be missing, `null` or of another type (read as
 * absent), numbers may come as numeric text, timestamps in any form are read as ISO strings in UTC.
 */

/** Body of `GET /tts/languages`. */
export const ttsLanguagesResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    languages: tolerantList(
      z.looseObject({
        /** The code to send as `language`, e.g. `zh-cn`. */
        code: z.string(),
        /** English name, e.g. `Chinese`. */
        name: lenientText(),
      }),
    ),
  }))()
export type TtsLanguagesResponse = z.infer<typeof ttsLanguagesResponseSchema>

/** Query of `GET /tts/history`. */
export const ttsHistoryQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Maximum entries to return, default 50. */
    limit: z._default(formInt(intIn(1)), 50),
  }))()
export type TtsHistoryQuery = z.input<typeof ttsHistoryQuerySchema>

/** One entry of `GET /tts/history`. */
export const ttsHistoryEntrySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `{entry_id}` of the entry's audio and delete URLs. */
    id: z.string(),
    /** Voice used; absent or null for generations without a stored actor. */
    actor_name: z.nullable(lenientText()),
    /** The text spoken. */
    text: lenientText(),
    language: z.nullable(lenientText()),
    /** Audio length in seconds. */
    duration_seconds: z.nullable(lenientNumber()),
    /** When it was generated, as an ISO 8601 string in UTC (sent in any form). */
    created_at: lenientTimestamp(),
  }))()
export type TtsHistoryEntry = z.infer<typeof ttsHistoryEntrySchema>

/** Body of `GET /tts/history`, most recent first. */
export const ttsHistoryResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    entries: tolerantList(ttsHistoryEntrySchema),
    total: lenientNumber(),
  }))()
export type TtsHistoryResponse = z.infer<typeof ttsHistoryResponseSchema>

/** One model of `GET /tts/models`. */
export const ttsModelInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    id: z.string(),
    name: lenientText(),
    description: lenientText(),
    /** How the voice is chosen: `reference_audio` (XTTS) or `voice_description` (Maya). */
    voice_control: lenient(openEnum(TTS_VOICE_CONTROLS)),
    /** Supported language codes. */
    languages: lenientList(z.string()),
    /** Approximate VRAM needed, in GB. */
    vram_gb: lenientNumber(),
    supports_streaming: lenientFlag(),
    /** Inline tags such as `<laugh>`; Maya only. */
    emotion_tags: lenientList(z.string()),
  }))()
export type TtsModelInfo = z.infer<typeof ttsModelInfoSchema>

/** Body of `GET /tts/models`. */
export const ttsModelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The models (an entry without an id is skipped). */
    models: tolerantList(ttsModelInfoSchema),
    /** Id of the default model, e.g. `xtts-v2`. */
    default: lenientText(),
  }))()
export type TtsModelsResponse = z.infer<typeof ttsModelsResponseSchema>
