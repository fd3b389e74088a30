/**
 * The result files of emulated tasks, and the status fields that point at them. Files are
 * made on request from the task's parameters: images follow `aspect_ratio` and `resolution`,
 * videos also `duration` (or Sora's `n_frames`), speech lasts as long as its text takes to
 * say, sound effects `duration_seconds`. Every size is scaled down to `maxMediaSide`.
 */
import { encodeJpeg, encodePng, encodeWav, mp4Size, streamMp4 } from '../media'
import type { OnysoftTask } from './state'

export interface FileSpec {
  name: string
  contentType: string
}

const LONG_SIDE: Record<string, number> = { '1K': 1024, '2K': 2048, '4K': 4096 }
const SHORT_SIDE: Record<string, number> = { '720p': 720, '1080p': 1080 }
const SORA_RATIO: Record<string, string> = { landscape: '16:9', portrait: '9:16' }

function ratioOf(task: OnysoftTask, fallback: string): [number, number] {
  const raw = String(task.body.aspect_ratio ?? fallback)
  const [w = 16, h = 9] = (SORA_RATIO[raw] ?? raw).split(':').map(Number)
  return w > 0 && h > 0 ? [w, h] : [16, 9]
}

const even = (value: number) => Math.max(2, Math.round(value / 2) * 2)

function fit(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return { width: even(width * scale), height: even(height * scale) }
}

/** Pixel size of an image task's output. */
export function imageSize(task: OnysoftTask, maxSide: number) {
  const [w, h] = ratioOf(task, '1:1')
  const long = LONG_SIDE[String(task.body.resolution)] ?? 1024
  return fit(w >= h ? long : (long * w) / h, w >= h ? (long * h) / w : long, maxSide)
}

/** Pixel size of a video task's output. */
export function videoSize(task: OnysoftTask, maxSide: number) {
  const [w, h] = ratioOf(task, '16:9')
  const short = SHORT_SIDE[String(task.body.resolution)] ?? 720
  return fit(w >= h ? (short * w) / h : short, w >= h ? short : (short * h) / w, maxSide)
}

/** Length of a video task's output in seconds: `duration`, Sora's `n_frames`, or 5. */
export function videoSeconds(task: OnysoftTask): number {
  if (typeof task.body.n_frames === 'string') return Number(task.body.n_frames) || 10
  return typeof task.body.duration === 'number' ? task.body.duration : 5
}

/** Length of an audio task's output in seconds. */
export function audioSeconds(task: OnysoftTask): number {
  const words = (text: unknown) => (typeof text === 'string' ? text.split(/\s+/).length : 0)
  switch (task.kind) {
    case 'sound-effect':
      return typeof task.body.duration_seconds === 'number' ? task.body.duration_seconds : 5
    case 'speech':
      return Math.min(60, Math.max(1, words(task.body.prompt) * 0.4))
    case 'dialogue': {
      const lines = Array.isArray(task.body.dialogue) ? task.body.dialogue : []
      const total = lines.reduce(
        (sum: number, line) => sum + words((line as { text?: unknown }).text),
        0,
      )
      return Math.min(120, Math.max(1, total * 0.4 + lines.length * 0.3))
    }
    case 'music':
      return 10
    default:
      return 3
  }
}

/** The files a completed task has, by name. */
export function filesOf(task: OnysoftTask): FileSpec[] {
  switch (task.kind) {
    case 'video':
      return [
        { name: 'video.mp4', contentType: 'video/mp4' },
        { name: 'thumbnail.jpg', contentType: 'image/jpeg' },
      ]
    case 'image':
      return [{ name: 'image-0.png', contentType: 'image/png' }]
    case 'music':
      // Suno makes two variations of a song per task.
      return [
        { name: 'track-0.wav', contentType: 'audio/wav' },
        { name: 'track-1.wav', contentType: 'audio/wav' },
      ]
    case 'transcription':
      return []
    default:
      return [{ name: 'audio.wav', contentType: 'audio/wav' }]
  }
}

const WORDS = 'this is an emulated transcript of the recording you sent'.split(' ')

/** The result fields of a completed task's status, given the base URL of its files. */
export function resultFields(task: OnysoftTask, filesUrl: string): Record<string, unknown> {
  const url = (name: string) => `${filesUrl}/${encodeURIComponent(task.id)}/${name}`
  switch (task.kind) {
    case 'video':
      return {
        video_url: url('video.mp4'),
        thumbnail_url: url('thumbnail.jpg'),
        duration: videoSeconds(task),
      }
    case 'image':
      return { image_url: url('image-0.png'), image_urls: [url('image-0.png')] }
    case 'music':
      return {
        audio_url: url('track-0.wav'),
        audio_urls: [url('track-0.wav'), url('track-1.wav')],
        duration: audioSeconds(task),
      }
    case 'transcription':
      return {
        text: `${WORDS.join(' ')}.`,
        language_code: 'en',
        words: WORDS.map((text, index) => ({
          text,
          start: Math.round(index * 0.4 * 100) / 100,
          end: Math.round((index * 0.4 + 0.35) * 100) / 100,
          type: 'word',
          speaker_id: 'speaker_0',
        })),
      }
    default:
      return { audio_url: url('audio.wav'), duration: audioSeconds(task) }
  }
}

/** The bytes (or byte stream) of one file, with its length. */
export function fileBody(
  task: OnysoftTask,
  name: string,
  options: { maxSide: number; fps: number },
): { body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>; length: number } | undefined {
  if (name === 'video.mp4' && task.kind === 'video') {
    const mp4 = {
      ...videoSize(task, options.maxSide),
      durationSeconds: videoSeconds(task),
      fps: options.fps,
      seed: task.seed,
    }
    return { body: streamMp4(mp4), length: mp4Size(mp4) }
  }
  if (name === 'thumbnail.jpg' && task.kind === 'video') {
    const bytes = encodeJpeg({ ...videoSize(task, options.maxSide), seed: task.seed })
    return { body: bytes, length: bytes.byteLength }
  }
  const image = /^image-(\d+)\.png$/.exec(name)
  if (image && task.kind === 'image') {
    const bytes = encodePng({
      ...imageSize(task, options.maxSide),
      seed: task.seed + Number(image[1]),
    })
    return { body: bytes, length: bytes.byteLength }
  }
  const track = /^track-([01])\.wav$/.exec(name)
  const isAudio =
    name === 'audio.wav' && !['video', 'image', 'music', 'transcription'].includes(task.kind)
  if ((track && task.kind === 'music') || isAudio) {
    const bytes = encodeWav({
      durationSeconds: audioSeconds(task),
      frequencyHz: 220 + (task.seed % 440) + (track ? Number(track[1]) * 110 : 0),
    })
    return { body: bytes, length: bytes.byteLength }
  }
  return undefined
}
