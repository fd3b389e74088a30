/**
 * Synthetic speech shared by XTTS (`/tts/*`) and Maya (`/tts/maya/*`): WAV tones (24 kHz,
 * 16-bit, mono) whose length follows the text (about 15 characters per second) and whose pitch
 * follows the voice, so two voices sound different.
 *
 * Streams are built the way the server builds them:
 * - XTTS (audio/xtts.py @ 7fecc6da) splits the text into chunks of whole sentences (merged up
 *   to 250 characters, long sentences split at commas), synthesises each with
 *   `inference_stream`, and saves every piece it yields with `torchaudio.save`: the body is a
 *   run of COMPLETE WAV files, one RIFF header per piece — several per text chunk, about
 *   0.85 s of audio each (20 GPT tokens of 1024 samples);
 * - Maya (audio/maya.py @ 5910d574) synthesises the whole text first, then sends that single
 *   WAV in 32000-byte slices: one header, arriving only after the whole synthesis.
 * XTTS's batch synthesis ignores `speed` (the server does not pass it to `tts()`); its stream
 * and Maya honour it. Each produced piece takes `ttsChunkMs` on the GPU.
 */
import { encodeWav } from '../media'
import type { SidecarContext } from './context'
import { gpuStream, type StreamSink } from './gpu'
import { media, stream } from './responses'

/** Sample rate of every TTS output. */
export const SPEECH_SAMPLE_RATE = 24_000
/** Seconds of audio in one XTTS `inference_stream` piece (20 tokens × 1024 samples at 24 kHz). */
export const SPEECH_CHUNK_SECONDS = (20 * 1024) / SPEECH_SAMPLE_RATE
/** Maya's stream slices (`chunk_size = 32000` bytes). */
export const MAYA_STREAM_SLICE = 32_000
const CHARACTERS_PER_SECOND = 15

/** Maya's inline tags (`<laugh>`) take no reading time. */
const spokenLength = (text: string) => text.replace(/<[a-z_]+>/gi, ' ').trim().length

/** Length of the speech for `text` at `speed`, in seconds (at least a tenth of a second). */
export function speechSeconds(text: string, speed = 1): number {
  const seconds = spokenLength(text) / CHARACTERS_PER_SECOND / speed
  return Math.max(0.1, Math.round(seconds * 100) / 100)
}

/** A stable pitch for a voice (an actor name, a voice description, uploaded file sizes). */
export function voicePitch(voice: string): number {
  let hash = 2166136261
  for (let index = 0; index < voice.length; index++) {
    hash = Math.imul(hash ^ voice.charCodeAt(index), 16777619)
  }
  return 140 + ((hash >>> 0) % 160)
}

/** One WAV of speech. */
export const speechWav = (seconds: number, pitch: number) =>
  encodeWav({ durationSeconds: seconds, sampleRate: SPEECH_SAMPLE_RATE, frequencyHz: pitch })

/** `XTTSv2Model._split_text_for_streaming`. */
export function splitTextForStreaming(text: string): string[] {
  const maxChars = 250
  const sentences = text.trim().split(/(?<=[.!?])\s+/)
  const chunks: string[] = []
  let current = ''
  for (const raw of sentences) {
    const sentence = raw.trim()
    if (!sentence) continue
    if (sentence.length > maxChars) {
      for (const rawPart of sentence.split(/(?<=[,;:])\s+/)) {
        const part = rawPart.trim()
        if (!part) continue
        if (current.length + part.length + 1 <= maxChars) current = `${current} ${part}`.trim()
        else {
          if (current) chunks.push(current)
          current = part
        }
      }
    } else if (current.length + sentence.length + 1 <= maxChars) {
      current = `${current} ${sentence}`.trim()
    } else {
      if (current) chunks.push(current)
      current = sentence
    }
  }
  if (current) chunks.push(current)
  return chunks.length > 0 ? chunks : [text.slice(0, maxChars)]
}

/** The pieces (seconds each) XTTS streams for `text`: per text chunk, ~0.85 s pieces. */
export function xttsStreamPieces(text: string, speed: number): number[] {
  const pieces: number[] = []
  for (const chunk of splitTextForStreaming(text)) {
    let left = speechSeconds(chunk, speed)
    while (left > 1e-9) {
      const piece = Math.min(SPEECH_CHUNK_SECONDS, left)
      pieces.push(Math.round(piece * 1000) / 1000)
      left -= piece
    }
  }
  return pieces
}

export interface SpeechJob {
  /** `xtts-v2` or `maya`. */
  model: string
  /** For the GPU log, e.g. `POST /tts/generate`. */
  label: string
  seconds: number
  pitch: number
}

/** Batch synthesis: holds the GPU while the audio is produced, then returns the WAV. */
export async function synthesize(
  ctx: SidecarContext,
  job: SpeechJob,
): Promise<Uint8Array<ArrayBuffer>> {
  const pieces = Math.max(1, Math.ceil(job.seconds / SPEECH_CHUNK_SECONDS))
  const end = ctx.gpu.begin()
  try {
    return await ctx.gpu.use(job.model, job.label, async () => {
      for (let piece = 0; piece < pieces; piece++) await ctx.sleep(ctx.timings.ttsChunkMs)
      return speechWav(job.seconds, job.pitch)
    })
  } finally {
    end()
  }
}

/** A batch answer: `audio/wav`, no disposition. */
export const wavResponse = (bytes: Uint8Array<ArrayBuffer>) => media(bytes, 'audio/wav')

/**
 * XTTS streaming: the response starts at once (a `StreamingResponse`); the body waits for the
 * GPU, then sends one complete WAV file per piece, each after `ttsChunkMs`. A client that goes
 * away frees the GPU at the next piece.
 */
export function xttsStream(
  ctx: SidecarContext,
  job: Omit<SpeechJob, 'seconds'> & { text: string; speed: number },
  request: Request,
): Response {
  const pieces = xttsStreamPieces(job.text, job.speed)
  const body = gpuStream(ctx.gpu, request, {
    model: job.model,
    label: job.label,
    async produce(sink: StreamSink) {
      for (const seconds of pieces) {
        if (sink.stopped) return
        await ctx.sleep(ctx.timings.ttsChunkMs)
        sink.send(speechWav(seconds, job.pitch))
      }
    },
  })
  return stream(body, 'audio/wav')
}

/**
 * Maya streaming: the whole WAV is synthesised first (one `ttsChunkMs` per ~0.85 s of audio),
 * then sent in 32000-byte slices.
 */
export function mayaStream(ctx: SidecarContext, job: SpeechJob, request: Request): Response {
  const pieces = Math.max(1, Math.ceil(job.seconds / SPEECH_CHUNK_SECONDS))
  const body = gpuStream(ctx.gpu, request, {
    model: job.model,
    label: job.label,
    async produce(sink: StreamSink) {
      for (let piece = 0; piece < pieces; piece++) {
        if (sink.stopped) return
        await ctx.sleep(ctx.timings.ttsChunkMs)
      }
      const wav = speechWav(job.seconds, job.pitch)
      for (let offset = 0; offset < wav.length; offset += MAYA_STREAM_SLICE) {
        sink.send(wav.slice(offset, offset + MAYA_STREAM_SLICE))
      }
    },
  })
  return stream(body, 'audio/wav')
}
