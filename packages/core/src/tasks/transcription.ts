/** `transcription.create`: speech to text. */
import * as z from 'zod/mini'
import { baseInputShape, mediaInputSchema, type OutputBase, positiveInt } from './shared'

export const transcriptionCreateInputSchema = z.strictObject({
  ...baseInputShape,
  /** The recording: a URL, bytes, a Blob or a MediaFile. */
  audio: mediaInputSchema,
  /** Language of the speech, when known (improves accuracy). */
  language: z.optional(z.string().check(z.minLength(2), z.maxLength(16))),
  /** Label who speaks when. */
  diarize: z.optional(z.boolean()),
  /** Expected number of speakers, a hint for diarization. */
  speakers: z.optional(positiveInt(32)),
  /** Timestamp detail in the result. Default `segment`. */
  timestamps: z.optional(z.enum(['none', 'segment', 'word'])),
  /** Mark non-speech events such as (laughter). */
  tagAudioEvents: z.optional(z.boolean()),
})
export type TranscriptionCreateInput = z.input<typeof transcriptionCreateInputSchema>

export interface TranscriptSegment {
  text: string
  /** Seconds from the start. */
  start: number
  end: number
  speaker?: string
}

export interface TranscriptionOutput extends OutputBase {
  text: string
  /** Detected or given language. */
  language?: string
  segments?: TranscriptSegment[]
  words?: TranscriptSegment[]
  /** Length of the audio in seconds. */
  durationSeconds?: number
}
