/**
 * Synthetic speech shared by XTTS (`/tts/*`) and Maya (`/tts/maya/*`): a WAV tone (24 kHz,
 * 16-bit, mono, as documented) whose length follows the text (about 15 characters per second,
 * divided by `speed`) and whose pitch follows the voice, so two voices sound different.
 *
 * The GPU produces audio in chunks of half a second, each taking `ttsChunkMs`. Batch calls wait
 * for all chunks and answer with the whole file; streaming calls send the 44-byte WAV header as
 * soon as the GPU is theirs, then each chunk of samples as it is produced. The header announces
 * the final length, so the concatenated stream is a complete, valid WAV.
 */
import { encodeWav, WAV_HEADER_BYTES } from '../media'
import type { SidecarContext, TtsHistoryRecord } from './context'
import { gpuStream } from './gpu'
import { media, stream } from './responses'

/** Sample rate of every documented TTS output. */
export const SPEECH_SAMPLE_RATE = 24_000
/** Seconds of audio per produced chunk. */
export const SPEECH_CHUNK_SECONDS = 0.5
const CHARACTERS_PER_SECOND = 15
const BYTES_PER_SECOND = SPEECH_SAMPLE_RATE * 2

/** Maya's inline tags (`<laugh>`) take no reading time. */
const spokenLength = (text: string) => text.replace(/<[a-z_]+>/gi, ' ').trim().length

/** Length of the speech for `text` at `speed`, in seconds (at least half a second). */
export function speechSeconds(text: string, speed: number): number {
  const seconds = spokenLength(text) / CHARACTERS_PER_SECOND / speed
  return Math.max(SPEECH_CHUNK_SECONDS, Math.round(seconds * 100) / 100)
}

/** A stable pitch for a voice (an actor name, a voice description, uploaded file sizes). */
export function voicePitch(voice: string): number {
  let hash = 2166136261
  for (let index = 0; index < voice.length; index++) {
    hash = Math.imul(hash ^ voice.charCodeAt(index), 16777619)
  }
  return 140 + ((hash >>> 0) % 160)
}

export interface SpeechJob {
  /** `xtts-v2` or `maya`. */
  model: string
  /** For the GPU log, e.g. `POST /tts/generate`. */
  label: string
  text: string
  speed: number
  pitch: number
  /** What the history entry records. */
  history: { actorName: string | null; language: string | null }
}

/** Encodes the WAV of a history entry (or of a job about to become one). */
export const speechWav = (seconds: number, pitch: number) =>
  encodeWav({ durationSeconds: seconds, sampleRate: SPEECH_SAMPLE_RATE, frequencyHz: pitch })

function remember(ctx: SidecarContext, job: SpeechJob, seconds: number): TtsHistoryRecord {
  const record: TtsHistoryRecord = {
    id: ctx.newId(12),
    model: job.model,
    actorName: job.history.actorName,
    text: job.text,
    language: job.history.language,
    durationSeconds: seconds,
    sampleRate: SPEECH_SAMPLE_RATE,
    frequencyHz: job.pitch,
    createdAt: ctx.timestamp(),
  }
  ctx.state.ttsHistory.push(record)
  return record
}

/** Batch synthesis: holds the GPU while every chunk is produced, then answers with the WAV. */
export async function speak(ctx: SidecarContext, job: SpeechJob): Promise<Response> {
  const seconds = speechSeconds(job.text, job.speed)
  const chunks = Math.ceil(seconds / SPEECH_CHUNK_SECONDS)
  const end = ctx.gpu.begin()
  try {
    await ctx.gpu.use(job.model, job.label, async () => {
      for (let chunk = 0; chunk < chunks; chunk++) await ctx.sleep(ctx.timings.ttsChunkMs)
    })
    remember(ctx, job, seconds)
    return media(speechWav(seconds, job.pitch), 'audio/wav')
  } finally {
    end()
  }
}

/**
 * Streaming synthesis: the response starts at once (as a real `StreamingResponse` does); the body
 * waits for the GPU, then delivers the header and one chunk per `ttsChunkMs`. A client that
 * goes away (its request is aborted, or it cancels the body) frees the GPU at the next chunk.
 */
export function speakStream(ctx: SidecarContext, job: SpeechJob, request: Request): Response {
  const seconds = speechSeconds(job.text, job.speed)
  const wav = speechWav(seconds, job.pitch)
  const chunkBytes = SPEECH_CHUNK_SECONDS * BYTES_PER_SECOND
  const body = gpuStream(ctx.gpu, request, {
    model: job.model,
    label: job.label,
    async produce(sink) {
      sink.send(wav.slice(0, WAV_HEADER_BYTES))
      for (
        let offset = WAV_HEADER_BYTES;
        offset < wav.length && !sink.stopped;
        offset += chunkBytes
      ) {
        await ctx.sleep(ctx.timings.ttsChunkMs)
        sink.send(wav.slice(offset, offset + chunkBytes))
      }
    },
    onComplete: () => remember(ctx, job, seconds),
  })
  return stream(body, 'audio/wav')
}
