/**
 * The models the document features, by family, and `GET /v1/models`. The gateway's list is
 * dynamic ("200+ models, synced from the admin panel"), so these lists are autocompletion and
 * routing hints, never a closed set: any non-empty model id is sent.
 */
import { lenient, readNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'

/** Featured video models (text or image to video). */
export const VIDEO_MODELS = [
  'veo3',
  'veo3_fast',
  'sora-2-text-to-video',
  'sora-2-image-to-video',
  'sora-2-pro-text-to-video',
  'sora-2-pro-image-to-video',
  'runway_gen4_turbo',
  'runway_aleph',
  'kling/v2-5-turbo-text-to-video-pro',
  'kling-2.6/text-to-video',
  'kling-2.5',
  'wan/2-6-text-to-video',
  'hailuo/2-3-image-to-video-pro',
  'grok-imagine/text-to-video',
] as const

/** Featured text-to-image models. */
export const IMAGE_MODELS = [
  'grok-imagine/text-to-image',
  'google/imagen4',
  'google/imagen4-fast',
  'google/imagen4-ultra',
  'google/nano-banana-2',
  'ideogram/v3-text-to-image',
  'flux-2/pro-text-to-image',
  'flux-2/flex-text-to-image',
  'seedream/4.5-text-to-image',
  'gpt-image/1.5-text-to-image',
  'wan/2-7-image-pro',
] as const

/** Image-to-image (edit) models named by the document. */
export const IMAGE_EDIT_MODELS = [
  'seedream/4.5-edit',
  // Takes source images as `image_input` (an empty array for text to image).
  'google/nano-banana-2',
  'ideogram/v3-edit',
  'google/nano-banana-edit',
  'grok-imagine/image-to-image',
] as const

/** ElevenLabs text-to-speech models. `turbo-2-5` is English-weighted and, per the document, failing upstream for now. */
export const TTS_MODELS = [
  'elevenlabs/text-to-speech-multilingual-v2',
  'elevenlabs/text-to-speech-turbo-2-5',
] as const

/** Multi-character dialogue (ElevenLabs V3). */
export const DIALOGUE_MODELS = ['elevenlabs/v3-text-to-dialogue'] as const

/** Sound effects from a description. */
export const SOUND_EFFECT_MODELS = ['elevenlabs/sound-effect-v2', 'ai-music-api/sounds'] as const

/** Speech to text (takes `audio_url`). */
export const TRANSCRIPTION_MODELS = ['elevenlabs/speech-to-text'] as const

/** Audio filters that take `audio_url` and return audio. */
export const AUDIO_FILTER_MODELS = ['elevenlabs/audio-isolation'] as const

/** Music models. The first two make a new song from a prompt; the rest transform existing audio. */
export const MUSIC_MODELS = [
  'suno-v4',
  'ai-music-api/generate',
  'ai-music-api/extend',
  'ai-music-api/mashup',
  'ai-music-api/upload-and-cover-audio',
  'ai-music-api/separate-vocals',
  'ai-music-api/create-music-video',
  'ai-music-api/add-instrumental',
  'ai-music-api/convert-to-wav-format',
  'suno-add-vocals',
  'suno-extend-music',
  'suno-generate-lyrics',
] as const

/** Documented prices in USD (before the project's markup), for the ElevenLabs models only. */
export const DOCUMENTED_PRICES_USD: Readonly<Record<string, number>> = {
  'elevenlabs/text-to-speech-multilingual-v2': 0.06,
  'elevenlabs/text-to-speech-turbo-2-5': 0.03,
  'elevenlabs/v3-text-to-dialogue': 0.07,
  'elevenlabs/sound-effect-v2': 0.001,
  'elevenlabs/audio-isolation': 0.001,
  'elevenlabs/speech-to-text': 0.0175,
}

/**
 * A listed price as the gateway writes it: a number (a numeric string read as one), or an object
 * whose `amount` is read the same way; anything else (`"$0.06"`) as it came.
 */
const price = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): unknown => {
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
          const record = value as Record<string, unknown>
          const amount = readNumber(record.amount)
          return amount === undefined ? record : { ...record, amount }
        }
        return readNumber(value) ?? value
      }),
    ),
  )

/**
 * One entry of `GET /v1/models`. The document gives no shape, so both a bare id and an object
 * are accepted; objects are read for `id` (or `model`), a type, the provider and the price, every
 * field leniently (a `null` or a wrong type is absent).
 */
export const modelEntrySchema = /* @__PURE__ */ (() =>
  z.union([
    z.string(),
    z.looseObject({
      id: lenient(z.string()),
      model: lenient(z.string()),
      name: lenient(z.string()),
      /** The model's kind (`video`, `image`, `t2i`, `i2i`, `tts`, `stt`, `music`, ...), under whichever name the server uses. */
      type: lenient(z.string()),
      category: lenient(z.string()),
      task: lenient(z.string()),
      provider: lenient(z.string()),
      owned_by: lenient(z.string()),
      description: lenient(z.string()),
      price: price(),
      pricing: price(),
    }),
  ]))()
export type ModelEntry = z.infer<typeof modelEntrySchema>

const entries = /* @__PURE__ */ z.array(modelEntrySchema)

/**
 * Models grouped by kind: `{video: [...], image: [...]}`. Every list is read entry by entry (an
 * entry no reading fits is kept as it came, and skipped by `listModels`); other keys are kept.
 */
const groupedEntries = /* @__PURE__ */ (() =>
  z.pipe(
    z.record(z.string(), z.unknown()),
    z.transform((groups) =>
      Object.fromEntries(
        Object.entries(groups).map(([key, value]) => [
          key,
          Array.isArray(value)
            ? value.map((item) => {
                const read = modelEntrySchema.safeParse(item)
                return read.success ? read.data : item
              })
            : value,
        ]),
      ),
    ),
  ))()

/**
 * Body of `GET /v1/models`: a bare array, `{data: [...]}` (the OpenAI list shape, with or
 * without `success`), `{data: {models: [...]}}`, `{models: [...]}`, or the models grouped by
 * kind, `{video: [...], image: [...]}` bare or under `data`. `listModels` reads the groups (an
 * entry without a type takes its group's name).
 */
export const modelsResponseSchema = /* @__PURE__ */ (() =>
  z.union([
    entries,
    z.looseObject({ data: entries }),
    z.looseObject({ data: z.looseObject({ models: entries }) }),
    z.looseObject({ models: entries }),
    z.looseObject({ data: groupedEntries }),
    groupedEntries,
  ]))()
export type ModelsResponse = z.infer<typeof modelsResponseSchema>
