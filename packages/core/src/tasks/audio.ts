/** The audio tasks: `speech.generate`, `dialogue.generate`, `soundEffect.generate`, `music.generate`. */
import * as z from 'zod/mini'
import type { MediaFile } from '../media-file'
import {
  baseInputShape,
  checkExclusive,
  mediaInputSchema,
  type OutputBase,
  positiveInt,
  seedSchema,
} from './shared'

/** Audio container/codec, e.g. `mp3`, `wav`, `pcm`, or a provider format such as `mp3_44100_128`. */
export const audioFormatSchema = z.string().check(z.minLength(1))

export const speechGenerateInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** What to say. */
    text: z.string().check(z.minLength(1)),
    /**
     * A voice the provider knows: a voice id, a preset name, or a cloned actor's name.
     * Give at most one of `voice`, `referenceAudio`, `voiceDescription`.
     */
    voice: z.optional(z.string().check(z.minLength(1))),
    /** A clip of the voice to clone (zero-shot). */
    referenceAudio: z.optional(mediaInputSchema),
    /** What the reference clip says, for models that use a transcript. */
    referenceText: z.optional(z.string()),
    /** A described voice ("a warm female voice in her 40s"), for models that design voices. */
    voiceDescription: z.optional(z.string().check(z.minLength(1))),
    /** BCP-47-ish language code, e.g. `en`, `de`, `zh-cn`. */
    language: z.optional(z.string().check(z.minLength(2), z.maxLength(16))),
    /** Speaking rate multiplier (1 = normal). */
    speed: z.optional(z.number().check(z.gt(0), z.lte(4))),
    outputFormat: z.optional(audioFormatSchema),
    seed: z.optional(seedSchema),
  })
  .check(checkExclusive(['voice', 'referenceAudio', 'voiceDescription']))
export type SpeechGenerateInput = z.input<typeof speechGenerateInputSchema>

export interface AudioOutput extends OutputBase {
  audio: MediaFile
}

export const dialogueGenerateInputSchema = z.strictObject({
  ...baseInputShape,
  /** The lines in order; each names its voice. */
  turns: z
    .array(
      z.strictObject({
        text: z.string().check(z.minLength(1)),
        /** The voice for this line (provider voice id). */
        voice: z.string().check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1, { error: 'needs at least one turn' })),
  language: z.optional(z.string().check(z.minLength(2), z.maxLength(16))),
  outputFormat: z.optional(audioFormatSchema),
  seed: z.optional(seedSchema),
})
export type DialogueGenerateInput = z.input<typeof dialogueGenerateInputSchema>

export const soundEffectGenerateInputSchema = z.strictObject({
  ...baseInputShape,
  /** The sound, e.g. "glass shattering on a tiled floor". */
  prompt: z.string().check(z.minLength(1)),
  durationSeconds: z.optional(z.number().check(z.gt(0), z.lte(300))),
  /** How literally to follow the prompt (0-1). */
  promptInfluence: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** Make it loop seamlessly. */
  loop: z.optional(z.boolean()),
  outputFormat: z.optional(audioFormatSchema),
})
export type SoundEffectGenerateInput = z.input<typeof soundEffectGenerateInputSchema>

export const musicGenerateInputSchema = z.strictObject({
  ...baseInputShape,
  /** Style, genre, mood, instruments. */
  prompt: z.string().check(z.minLength(1)),
  /** Words to sing; omit (or set `instrumental`) for none. */
  lyrics: z.optional(z.string()),
  instrumental: z.optional(z.boolean()),
  durationSeconds: z.optional(z.number().check(z.gt(0), z.lte(3600))),
  /** Beats per minute, where the model takes it. */
  bpm: z.optional(z.int().check(z.gte(20), z.lte(400))),
  /** How many variations. */
  n: z.optional(positiveInt(8)),
  seed: z.optional(seedSchema),
  outputFormat: z.optional(audioFormatSchema),
})
export type MusicGenerateInput = z.input<typeof musicGenerateInputSchema>

export interface MusicOutput extends OutputBase {
  /** One file per variation. */
  tracks: MediaFile[]
}
