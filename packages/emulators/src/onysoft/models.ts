/**
 * The models of the Onysoft emulator, written from the gateway's API document (seed 004): its
 * tables of featured video, image, audio and music models, the Sora 2 table and the families of
 * its parameter mapping matrix. Nothing here comes from the driver, so a driver that misreads
 * the document is caught by a test instead of being mirrored.
 *
 * The document calls the model list "dynamic" (200+ models), so a model outside these tables is
 * not refused: its kind is taken from the family its name belongs to, or else from the alias it
 * was sent through (the alias's "recommended use").
 */

/** The five generate/status aliases: "fully equivalent", one backend behind all of them. */
export const ONYSOFT_ALIASES = ['video', 'image', 'audio', 'voice', 'music'] as const
export type OnysoftAlias = (typeof ONYSOFT_ALIASES)[number]

/** What a task makes, decided by its model. */
export type TaskKind =
  | 'image'
  | 'video'
  | 'speech'
  | 'dialogue'
  | 'sound-effect'
  | 'music'
  | 'transcription'
  | 'audio-filter'

export interface DocumentedModel {
  id: string
  /** The document's "Type" column (`Video`, `t2i`, `TTS`, ...), or `music` for the music table. */
  type: string
  owned_by: string
  kind: TaskKind
  /** The document's price in USD before markup, where it gives one (audio models only). */
  priceUsd?: number
}

const video = (id: string, owner: string): DocumentedModel => ({
  id,
  type: 'video',
  owned_by: owner,
  kind: 'video',
})
const image = (id: string, owner: string, type: 't2i' | 'i2i' = 't2i'): DocumentedModel => ({
  id,
  type,
  owned_by: owner,
  kind: 'image',
})
const audio = (id: string, type: string, kind: TaskKind, priceUsd: number): DocumentedModel => ({
  id,
  type,
  owned_by: 'ElevenLabs',
  kind,
  priceUsd,
})
const music = (id: string, owner: string): DocumentedModel => ({
  id,
  type: 'music',
  owned_by: owner,
  kind: 'music',
})

/**
 * The document's featured models, table by table. Veo and Imagen rows leave the provider
 * column empty; they are Google's (`google/...`, Veo 3.1).
 */
export const DOCUMENTED_MODELS: readonly DocumentedModel[] = [
  // Video Models (Featured), and the Sora 2 table.
  video('veo3', 'Google'),
  video('veo3_fast', 'Google'),
  video('sora-2-text-to-video', 'OpenAI'),
  video('sora-2-image-to-video', 'OpenAI'),
  video('sora-2-pro-text-to-video', 'OpenAI'),
  video('sora-2-pro-image-to-video', 'OpenAI'),
  video('runway_gen4_turbo', 'Runway'),
  video('runway_aleph', 'Runway'),
  video('kling/v2-5-turbo-text-to-video-pro', 'Kling'),
  video('kling-2.6/text-to-video', 'Kling'),
  video('wan/2-6-text-to-video', 'Alibaba'),
  video('hailuo/2-3-image-to-video-pro', 'Hailuo'),
  video('grok-imagine/text-to-video', 'xAI'),
  // Image Models (Featured).
  image('grok-imagine/text-to-image', 'xAI'),
  image('google/imagen4', 'Google'),
  image('google/imagen4-fast', 'Google'),
  image('google/imagen4-ultra', 'Google'),
  image('google/nano-banana-2', 'Google'),
  image('ideogram/v3-text-to-image', 'Ideogram'),
  image('ideogram/v3-edit', 'Ideogram', 'i2i'),
  image('flux-2/pro-text-to-image', 'Flux'),
  image('flux-2/flex-text-to-image', 'Flux'),
  image('seedream/4.5-text-to-image', 'ByteDance'),
  image('seedream/4.5-edit', 'ByteDance', 'i2i'),
  image('gpt-image/1.5-text-to-image', 'OpenAI'),
  image('wan/2-7-image-pro', 'Alibaba'),
  // Audio Models (TTS / Sound Effect / Speech), with the document's prices.
  audio('elevenlabs/text-to-speech-multilingual-v2', 'TTS', 'speech', 0.06),
  audio('elevenlabs/text-to-speech-turbo-2-5', 'TTS', 'speech', 0.03),
  audio('elevenlabs/v3-text-to-dialogue', 'TTS Dialogue', 'dialogue', 0.07),
  audio('elevenlabs/sound-effect-v2', 'SFX', 'sound-effect', 0.001),
  audio('elevenlabs/audio-isolation', 'Audio Filter', 'audio-filter', 0.001),
  audio('elevenlabs/speech-to-text', 'STT', 'transcription', 0.0175),
  // Music Models.
  music('suno-v4', 'Suno'),
  music('ai-music-api/generate', 'KieAI'),
  music('ai-music-api/extend', 'KieAI'),
  music('ai-music-api/mashup', 'KieAI'),
  music('ai-music-api/sounds', 'KieAI'),
  music('ai-music-api/upload-and-cover-audio', 'KieAI'),
  music('ai-music-api/separate-vocals', 'KieAI'),
  music('ai-music-api/create-music-video', 'KieAI'),
  music('ai-music-api/add-instrumental', 'KieAI'),
  music('ai-music-api/convert-to-wav-format', 'KieAI'),
  music('suno-add-vocals', 'KieAI'),
  music('suno-extend-music', 'KieAI'),
  music('suno-generate-lyrics', 'KieAI'),
]

const BY_ID = new Map(DOCUMENTED_MODELS.map((model) => [model.id, model]))

/** The documented model of this id, if the document lists it. */
export function documentedModel(id: string): DocumentedModel | undefined {
  return BY_ID.get(id)
}

/**
 * Families named by the document (the endpoint table's examples, the mapping matrix) for models
 * outside the featured tables, first match wins: video families before image ones, since
 * `wan/2-7-image-to-video` is a video model with "image" in its name.
 */
const FAMILIES: readonly [RegExp, TaskKind][] = [
  [/^elevenlabs\/.*speech-to-text/, 'transcription'],
  [/^elevenlabs\/.*audio-isolation/, 'audio-filter'],
  [/^elevenlabs\/.*dialogue/, 'dialogue'],
  [/^elevenlabs\/.*sound-effect/, 'sound-effect'],
  [/^elevenlabs\//, 'speech'],
  [/^(?:suno|ai-music-api\/)/, 'music'],
  [/(?:^veo3|^sora-2|^runway_|^kling|^hailuo|-to-video|video-to-video)/, 'video'],
  [
    /(?:-to-image|-edit$|^google\/(?:imagen|nano-banana)|^seedream|^flux|^gpt-image|^ideogram|^wan\/2-7-image|^topaz\/)/,
    'image',
  ],
]

/** The alias's "recommended use", for a model the document does not place. */
const KIND_OF_ALIAS: Record<OnysoftAlias, TaskKind> = {
  video: 'video',
  image: 'image',
  audio: 'speech',
  voice: 'speech',
  music: 'music',
}

/** What a model makes. Any alias serves any model (the document's aliases are equivalent). */
export function kindOf(model: string, alias: OnysoftAlias): TaskKind {
  const documented = documentedModel(model)
  if (documented) return documented.kind
  return FAMILIES.find(([family]) => family.test(model))?.[1] ?? KIND_OF_ALIAS[alias]
}

/**
 * "Google Gemini image models (gemini-*-image) are called through the chat completions
 * endpoint": the task backend does not run them.
 */
export const isChatModel = (model: string): boolean => /^gemini-.*-image/.test(model)

/** Typical emulated price (before markup) where the document gives none. */
export const TYPICAL_PRICE_USD: Record<TaskKind, number> = {
  image: 0.04,
  video: 0.4,
  speech: 0.06,
  dialogue: 0.07,
  'sound-effect': 0.001,
  music: 0.08,
  transcription: 0.0175,
  'audio-filter': 0.001,
}

/** "Average markup: 50% (projects)": prices are answered with it applied. */
export const MARKUP = 1.5

/** A model's price as the gateway answers it: the document's or a typical one, marked up. */
export function customerPriceUsd(model: string, kind: TaskKind): number {
  const price = documentedModel(model)?.priceUsd ?? TYPICAL_PRICE_USD[kind]
  return Math.round(price * MARKUP * 10_000) / 10_000
}
