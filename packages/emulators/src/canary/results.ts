/**
 * What each finished job returns: valid media (PNG images, MP4 videos, WAV audio) embedded
 * as base64, and plausible transcripts, completions and detections. Media is described here
 * and only made when the result is sent.
 */
import { encodePng, encodeWav, mp4Size, streamMp4 } from '../media'
import type { CanaryJobKind, CanarySettings } from './context'
import { EmbeddedMedia } from './responses'
import { detectionResult, webDetectionResult } from './vision'

/** Audio is WAV at this rate unless an output format names another. */
const DEFAULT_SAMPLE_RATE = 16_000
/** Spoken characters per second, for the length of speech. */
const CHARACTERS_PER_SECOND = 15
const SHORT_SIDE: Record<string, number> = {
  '480p': 480,
  '720p': 720,
  '1080p': 1080,
  '2160p': 2160,
}

export interface ResultContext {
  settings: CanarySettings
  /** A seeded random number in [0, 1). */
  random(): number
  /** Custom model classes by id (for detection with a trained model). */
  customClasses(model: string): string[] | undefined
}

/** `"1024x576"` or a ratio on the longer side `base`. */
export function imageSize(
  body: Record<string, unknown>,
  base: number,
): { width: number; height: number } {
  if (typeof body.size === 'string') {
    const [width = base, height = base] = body.size.split('x').map(Number)
    return { width: clamp(width), height: clamp(height) }
  }
  if (typeof body.aspectRatio === 'string') return fromRatio(body.aspectRatio, base)
  return { width: base, height: base }
}

const clamp = (value: number) => Math.max(1, Math.min(4096, Math.round(value)))

function fromRatio(ratio: string, longSide: number): { width: number; height: number } {
  const [w = 1, h = 1] = ratio.split(':').map(Number)
  return w >= h
    ? { width: clamp(longSide), height: clamp((longSide * h) / w) }
    : { width: clamp((longSide * w) / h), height: clamp(longSide) }
}

/** Frame size of a video: `resolution` is the shorter side, the longer one follows `aspectRatio`, rounded to 16. */
export function videoFrame(
  body: Record<string, unknown>,
  settings: CanarySettings,
): { width: number; height: number } {
  if (settings.videoFrame) return settings.videoFrame
  const short = SHORT_SIDE[String(body.resolution ?? '720p')] ?? 720
  const [w = 16, h = 9] = String(body.aspectRatio ?? '16:9')
    .split(':')
    .map(Number)
  const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 16) * 16
  return w >= h ? { width: long, height: short } : { width: short, height: long }
}

/** Sample rate an ElevenLabs output format names (`mp3_44100_128` → 44100), or the default. */
export function sampleRateOf(format: unknown): number {
  const rate = typeof format === 'string' ? Number(format.split('_')[1]) : Number.NaN
  return Number.isInteger(rate) && rate >= 8_000 && rate <= 48_000 ? rate : DEFAULT_SAMPLE_RATE
}

const wav = (durationSeconds: number, sampleRate: number, frequencyHz = 440) =>
  new EmbeddedMedia(() => encodeWav({ durationSeconds, sampleRate, frequencyHz }))

const speechSeconds = (text: string) =>
  Math.max(0.5, Math.round((text.length / CHARACTERS_PER_SECOND) * 100) / 100)

/** The `result` of a finished job. */
export function resultFor(
  kind: CanaryJobKind,
  body: Record<string, unknown>,
  context: ResultContext,
): unknown {
  const seed = () => Math.floor(context.random() * 2 ** 31)
  switch (kind) {
    case 'image': {
      const size = imageSize(body, context.settings.imageBaseSize)
      const count = typeof body.n === 'number' ? body.n : 1
      return {
        images: Array.from({ length: count }, () => {
          const imageSeed = seed()
          return {
            data: new EmbeddedMedia(() => encodePng({ ...size, seed: imageSeed })),
            mimeType: 'image/png',
          }
        }),
        model: body.model ?? defaultImageModel(String(body.provider)),
        provider: body.provider,
      }
    }
    case 'video': {
      const frame = videoFrame(body, context.settings)
      const durationSeconds = typeof body.durationSeconds === 'number' ? body.durationSeconds : 8
      const count = typeof body.numberOfVideos === 'number' ? body.numberOfVideos : 1
      return {
        videos: Array.from({ length: count }, () => {
          const options = { ...frame, durationSeconds, fps: 24, seed: seed() }
          const natural = mp4Size(options)
          const wanted = context.settings.videoBytes
          const totalBytes = wanted !== undefined && wanted > natural ? wanted : natural
          return {
            data: new EmbeddedMedia(() => streamMp4({ ...options, totalBytes })),
            mimeType: 'video/mp4',
          }
        }),
        model: body.model ?? 'veo-3.1-generate-preview',
        provider: body.provider,
      }
    }
    case 'speech': {
      const text = String(body.text)
      return {
        audio: wav(speechSeconds(text), sampleRateOf(body.outputFormat)),
        mimeType: 'audio/wav',
        model: body.model ?? (body.provider === 'mlxaudio' ? 'kokoro' : 'eleven_flash_v2_5'),
        characterCount: text.length,
      }
    }
    case 'soundEffect': {
      const durationSeconds = typeof body.durationSeconds === 'number' ? body.durationSeconds : 5
      return {
        audio: wav(durationSeconds, DEFAULT_SAMPLE_RATE, 220),
        mimeType: 'audio/wav',
        durationSeconds,
        model: body.model ?? 'eleven_text_to_sound_v2',
      }
    }
    case 'music': {
      const durationMs = typeof body.durationMs === 'number' ? body.durationMs : 10_000
      return {
        audio: wav(durationMs / 1000, DEFAULT_SAMPLE_RATE, 330),
        mimeType: 'audio/wav',
        durationMs,
        model: body.model ?? 'music_v1',
      }
    }
    case 'dialogue': {
      const inputs = body.inputs as { text: string }[]
      const text = inputs.map((input) => input.text).join(' ')
      return {
        audio: wav(speechSeconds(text), sampleRateOf(body.outputFormat)),
        mimeType: 'audio/wav',
        model: body.model ?? 'eleven_v3',
        characterCount: text.length,
      }
    }
    case 'transcription':
      return transcriptionResult(body)
    case 'completion':
      return undefined // built from the streamed chunks when the job ends
    case 'detection':
      return detectionResult(body, context)
    case 'webDetection':
      return webDetectionResult(body)
  }
}

function defaultImageModel(provider: string): string {
  if (provider === 'gemini' || provider === 'vertex') return 'imagen-4.0-generate-001'
  if (provider === 'ollama') return 'flux2-klein'
  if (provider === 'xai') return 'grok-2-image'
  return 'gpt-image-1'
}

const TRANSCRIPT = 'Hello, welcome to the interview. Thank you for having me.'

/** A fixed transcript with word times; speakers alternate by sentence when diarized. */
function transcriptionResult(body: Record<string, unknown>): unknown {
  const eleven = body.provider === 'elevenlabs'
  const speakers =
    body.diarize === true ? (typeof body.numSpeakers === 'number' ? body.numSpeakers : 2) : 0
  const characters = body.timestampsGranularity === 'character'
  const words: Record<string, unknown>[] = []
  let time = 0.08
  let sentence = 0
  for (const word of TRANSCRIPT.split(' ')) {
    const end = Math.round((time + 0.08 * word.length) * 100) / 100
    words.push({
      text: word,
      start: time,
      end,
      type: 'word',
      ...(speakers > 0 ? { speakerId: `speaker_${sentence % speakers}` } : {}),
      ...(characters
        ? {
            characters: [...word].map((char, index) => ({
              text: char,
              start: Math.round((time + 0.08 * index) * 100) / 100,
              end: Math.round((time + 0.08 * (index + 1)) * 100) / 100,
            })),
          }
        : {}),
    })
    time = Math.round((end + 0.04) * 100) / 100
    if (word.endsWith('.')) {
      sentence++
      if (eleven && body.tagAudioEvents === true && sentence === 1) {
        words.push({ text: '(laughter)', start: time, end: time + 0.5, type: 'audio_event' })
        time = Math.round((time + 0.6) * 100) / 100
      }
    }
  }
  return {
    text: TRANSCRIPT,
    language: typeof body.language === 'string' ? body.language : 'en',
    model: body.model ?? (eleven ? 'scribe_v2' : 'whisper-large-v3'),
    words,
  }
}

/** The text a completion writes, in pieces as a token stream would deliver them. */
export function completionPieces(body: Record<string, unknown>): string[] {
  const messages = body.messages as { role: string; content: string }[]
  const last = [...messages].reverse().find((message) => message.role === 'user')?.content ?? ''
  const topic = last.length > 60 ? `${last.slice(0, 57)}...` : last
  const reply = `This is the emulated answer to: ${topic}`
  const format = (body.responseFormat as { type?: string } | undefined)?.type
  const text = format === 'json_object' ? JSON.stringify({ answer: reply }) : reply
  return text.match(/\S+\s*/g) ?? [text]
}

/** The `result` of a completion, from its pieces. */
export function completionResult(body: Record<string, unknown>, pieces: string[]): unknown {
  const text = pieces.join('')
  const inputTokens = (body.messages as { content: string }[]).reduce(
    (sum, message) => sum + Math.ceil(message.content.length / 4),
    0,
  )
  return {
    text,
    model: body.model,
    provider: body.provider,
    finishReason: 'stop',
    usage: { inputTokens, outputTokens: pieces.length, totalTokens: inputTokens + pieces.length },
  }
}
