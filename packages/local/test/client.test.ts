import {
  AbortError,
  bearerAuth,
  type Clock,
  ConnectionError,
  MediaFile,
  ProviderError,
  type RequestEvent,
  ResponseShapeError,
  TimeoutError,
  ValidationError,
} from '@atelier/core'
import { encodeWav } from '@atelier/emulators'
import { delay, HttpResponse, http } from 'msw'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS, type LlmStreamEvent, SILLY_MEDIA_DEFAULT_BASE_URL } from '../src'
import { SillyMediaClient } from '../src/client'
import {
  ascii,
  base64,
  bytes,
  expectRejectedBeforeNetwork,
  json,
  only,
  recordingServer,
} from './support/recording-server'

const BASE = 'http://sidecar.test:4201'

// ---------------------------------------------------------------------------------------------
// Recording server
// ---------------------------------------------------------------------------------------------

/**
 * `sent`: every request that left the client, matched by a handler or not. `hits`: `METHOD
 * /template` of every endpoint a handler answered, over the whole file.
 */
const { server, sent, hits, route, makeClient } = recordingServer({
  baseUrl: BASE,
  endpoints: ENDPOINTS,
})

const noContent = () => () => new HttpResponse(null, { status: 204 })

/** A clock whose sleeps end at once, so retried calls finish quickly. */
const instantClock: Clock = {
  now: () => 0,
  async sleep() {},
}

async function fileBytes(file: File | string | null): Promise<Uint8Array> {
  if (!(file instanceof Blob)) throw new Error(`expected a file, got ${String(file)}`)
  return new Uint8Array(await file.arrayBuffer())
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: number[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(...value)
  }
  return new Uint8Array(chunks)
}

/** Every chunk `reader` yields until the end, in order. */
async function remainingChunks(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
  }
}

const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]))
const text = (data: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...data.subarray(from, to))

/**
 * Asserts `chunk` is one whole WAV file, byte for byte `expected`: a RIFF/WAVE header whose
 * size (or, for a streaming placeholder size, the chunk itself) ends exactly where it ends.
 */
function expectWholeWav(chunk: Uint8Array | undefined, expected: Uint8Array) {
  if (!chunk) throw new Error('expected a WAV chunk, got nothing')
  expect(text(chunk, 0, 4)).toBe('RIFF')
  expect(text(chunk, 8, 12)).toBe('WAVE')
  const size = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength).getUint32(4, true)
  if (size !== 0xffffffff) expect(chunk.byteLength).toBe(size + 8)
  expect(chunk).toEqual(expected)
}

/** `wav` with the RIFF size a live encoder writes when it cannot know the length (0xFFFFFFFF). */
function withStreamingSize(wav: Uint8Array): Uint8Array {
  const copy = wav.slice()
  new DataView(copy.buffer).setUint32(4, 0xffffffff, true)
  return copy
}

/** What `promise` is after `ms` milliseconds: its value, or `'still pending'`. */
const settledWithin = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<'still pending'>((done) => setTimeout(done, ms, 'still pending')),
  ])

// ---------------------------------------------------------------------------------------------
// Examples from the API document
// ---------------------------------------------------------------------------------------------

const PNG = new Uint8Array([0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...ascii('JFIF'), 0])
const WAV = new Uint8Array([...ascii('RIFF'), 36, 0, 0, 0, ...ascii('WAVE'), ...ascii('fmt '), 9])
const MP4 = new Uint8Array([0, 0, 0, 24, ...ascii('ftypisom'), 0, 0, 2, 0, 1, 2, 3, 4])
const MP3 = new Uint8Array([...ascii('ID3'), 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb])
const FLAC = new Uint8Array([...ascii('fLaC'), 0, 0, 0, 34, 1, 2, 3])
/** Three synthesised sentences as the speech streams send them: one complete WAV file each. */
const SENTENCES = [
  encodeWav({ durationSeconds: 0.02, frequencyHz: 220 }),
  encodeWav({ durationSeconds: 0.01, frequencyHz: 330 }),
  encodeWav({ durationSeconds: 0.015, frequencyHz: 440 }),
] as const

const TIMESTAMP = '2024-01-15T10:30:00Z'
const IMAGE_MODELS = ['z-image', 'z-image-turbo', 'qwen-image-2512', 'ovis-image-7b']
const HEALTH = {
  status: 'healthy',
  models_loaded: ['z-image-turbo'],
  available_image_models: IMAGE_MODELS,
  available_audio_models: ['xtts-v2', 'maya', 'demucs'],
  available_video_models: ['hunyuan-video'],
  available_vision_models: ['qwen3-vl-8b'],
  available_llm_models: ['huihui-qwen3-4b'],
  available_music_models: ['ace-step-turbo', 'ace-step-sft'],
}
const MODELS = {
  image: { available: IMAGE_MODELS, loaded: ['z-image-turbo'] },
  audio: { available: ['xtts-v2', 'maya', 'demucs'], loaded: [] },
  video: { available: ['hunyuan-video'], loaded: [] },
  vision: { available: ['qwen3-vl-8b'], loaded: [] },
  img2img: { available: ['qwen-image-edit'], loaded: [] },
  llm: { available: ['huihui-qwen3-4b'], loaded: [] },
  music: { available: ['ace-step-turbo', 'ace-step-sft'], loaded: [] },
}
const PROGRESS = { active: true, step: 5, total_steps: 9, percent: 56, elapsed: 2.3 }
const IDLE = { active: false }
const ASPECT_RATIOS = {
  '1:1': { name: 'SQUARE', dimensions_at_1024: [1024, 1024] },
  '16:9': { name: 'LANDSCAPE_16_9', dimensions_at_1024: [1344, 768] },
  '9:16': { name: 'PORTRAIT_9_16', dimensions_at_1024: [768, 1344] },
}
const ACTOR = {
  id: 'abc123',
  name: 'My Actor',
  language: 'en',
  description: 'A warm friendly voice',
  audio_count: 2,
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP,
}
const AUDIO_FILE = {
  id: 'file123',
  filename: 'reference_01.wav',
  original_name: 'my_recording.wav',
  duration_seconds: 8.5,
  created_at: '2024-01-15T10:35:00Z',
}
const HISTORY = {
  entries: [
    {
      id: 'abc123',
      actor_name: 'Morgan',
      text: 'Hello, welcome to Silly Media!',
      language: 'en',
      duration_seconds: 2.5,
      created_at: TIMESTAMP,
    },
  ],
  total: 1,
}
const TTS_MODELS = {
  models: [
    {
      id: 'xtts-v2',
      name: 'XTTS v2',
      description: 'Voice cloning from reference audio. Supports 17 languages.',
      voice_control: 'reference_audio',
      languages: ['en', 'es', 'fr'],
      vram_gb: 2.0,
      supports_streaming: true,
    },
    {
      id: 'maya',
      name: 'Maya TTS',
      description: 'Voice description with natural language. English only. Supports emotion tags.',
      voice_control: 'voice_description',
      languages: ['en'],
      vram_gb: 16.0,
      supports_streaming: true,
      emotion_tags: ['<laugh>', '<sigh>', '<whisper>'],
    },
  ],
  default: 'xtts-v2',
}
const MAYA_ACTOR = {
  id: 'abc123',
  name: 'Friendly Sarah',
  voice_description: 'A young woman with a warm, friendly tone',
  created_at: TIMESTAMP,
  updated_at: TIMESTAMP,
}
const EMOTION_TAGS = {
  tags: ['<laugh>', '<laugh_harder>', '<sigh>', '<whisper>'],
  usage: "Insert tags inline in text, e.g., 'Hello! <laugh> That was funny!'",
}
const VIDEO_MODELS = {
  models: [
    {
      id: 'hunyuan-video',
      name: 'HunyuanVideo 1.5',
      loaded: false,
      supports_t2v: true,
      supports_i2v: true,
      estimated_vram_gb: 16.0,
    },
  ],
}
const JOB = { job_id: 'abc12345', status: 'queued', estimated_time_seconds: 75.0 }
const VIDEO_COMPLETED = {
  job_id: 'abc12345',
  status: 'completed',
  progress: 1.0,
  current_step: 50,
  total_steps: 50,
  elapsed_seconds: 78.5,
  video_url: '/video/download/abc12345',
  thumbnail_url: '/video/thumbnail/abc12345',
  error: null,
}
const DELETED = { status: 'deleted', job_id: 'abc12345' }
const VIDEO_HISTORY = {
  videos: [
    {
      id: 'abc12345',
      prompt: 'A red panda eating bamboo',
      model: 'hunyuan-video',
      resolution: '480p',
      aspect_ratio: '16:9',
      num_frames: 61,
      duration_seconds: 2.54,
      created_at: TIMESTAMP,
      thumbnail_url: '/video/thumbnail/abc12345',
    },
  ],
  total: 1,
}
const VISION_ANSWER = {
  response: 'This image shows a red panda sitting on a tree branch, eating bamboo leaves.',
  model: 'qwen3-vl-8b',
}
const LLM_ANSWER = {
  text: 'Fingers on the keys\nLogic flows like mountain streams\nBugs fade in the night',
  model: 'Huihui Qwen3 4B',
  input_tokens: 25,
  output_tokens: 18,
  generation_time_seconds: 1.23,
  seed: null,
}
const MUSIC_MODELS = {
  models: [
    {
      id: 'ace-step-turbo',
      name: 'ACE-Step 1.5 Turbo',
      loaded: false,
      default_steps: 8,
      estimated_vram_gb: 8.0,
    },
    {
      id: 'ace-step-sft',
      name: 'ACE-Step 1.5 SFT (Quality)',
      loaded: false,
      default_steps: 50,
      estimated_vram_gb: 8.0,
    },
  ],
}
const MUSIC_JOB = { job_id: 'abc12345', status: 'queued', estimated_time_seconds: 17.0 }
const MUSIC_COMPLETED = {
  job_id: 'abc12345',
  status: 'completed',
  progress: 1.0,
  current_step: 8,
  total_steps: 8,
  elapsed_seconds: 24.5,
  audios: [{ index: 0, seed: 42, sample_rate: 48000, download_url: '/music/download/abc12345/0' }],
  error: null,
}

/** A response body the test feeds by hand: `push` chunks, then `close`. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let resolveCanceled!: () => void
  const canceled = new Promise<void>((resolve) => {
    resolveCanceled = resolve
  })
  const stream = new ReadableStream<Uint8Array>({
    start(value) {
      controller = value
    },
    cancel() {
      resolveCanceled()
    },
  })
  const encoder = new TextEncoder()
  return {
    stream,
    canceled,
    push(chunk: Uint8Array | string) {
      controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
    },
    close() {
      controller.close()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Every endpoint
// ---------------------------------------------------------------------------------------------

describe('health and progress', () => {
  it('GET /health, on the default base URL', async () => {
    const calls = route('GET', '/health', json(HEALTH), SILLY_MEDIA_DEFAULT_BASE_URL)
    const client = new SillyMediaClient()
    expect(client.baseUrl).toBe('http://localhost:4201')
    await expect(client.health()).resolves.toEqual(HEALTH)
    const call = only(calls, 'GET', '/health')
    expect(call.url.search).toBe('')
    expect(call.text).toBe('')
  })

  it('GET /models', async () => {
    const calls = route('GET', '/models', json(MODELS))
    await expect(makeClient().models()).resolves.toEqual(MODELS)
    only(calls, 'GET', '/models')
  })

  it('GET /progress (generating and idle)', async () => {
    let answer: Record<string, unknown> = PROGRESS
    const calls = route('GET', '/progress', () => HttpResponse.json(answer))
    const client = makeClient()
    await expect(client.progress.image()).resolves.toEqual(PROGRESS)
    answer = IDLE
    await expect(client.progress.image()).resolves.toEqual(IDLE)
    expect(calls.map((call) => call.url.pathname)).toEqual(['/progress', '/progress'])
  })

  it('GET /pixelart/progress', async () => {
    const calls = route('GET', '/pixelart/progress', json(PROGRESS))
    await expect(makeClient().progress.pixelArt()).resolves.toEqual(PROGRESS)
    only(calls, 'GET', '/pixelart/progress')
  })

  it('GET /img2img/progress', async () => {
    const editing = { active: true, step: 12, total_steps: 20, percent: 60, elapsed: 8.5 }
    const calls = route('GET', '/img2img/progress', json(editing))
    await expect(makeClient().progress.img2img()).resolves.toEqual(editing)
    only(calls, 'GET', '/img2img/progress')
  })

  it('GET /music/progress', async () => {
    const generating = { active: true, step: 4, total_steps: 8, percent: 50, elapsed: 12.3 }
    const calls = route('GET', '/music/progress', json(generating))
    await expect(makeClient().progress.music()).resolves.toEqual(generating)
    only(calls, 'GET', '/music/progress')
  })
})

describe('images', () => {
  it('GET /aspect-ratios', async () => {
    const calls = route('GET', '/aspect-ratios', json(ASPECT_RATIOS))
    await expect(makeClient().image.aspectRatios()).resolves.toEqual(ASPECT_RATIOS)
    only(calls, 'GET', '/aspect-ratios')
  })

  it('POST /generate/{model}: validated JSON body with only the fields given, PNG back', async () => {
    const calls = route('POST', '/generate/:model', bytes(PNG, 'image/png'))
    const image = await makeClient().image.generate('z-image-turbo', {
      prompt: 'a red panda eating bamboo',
      aspect_ratio: '16:9',
    })
    const call = only(calls, 'POST', '/generate/z-image-turbo')
    expect(call.headers.get('content-type')).toBe('application/json')
    expect(call.headers.get('idempotency-key')).toMatch(/\S{16,}/)
    expect(call.json).toEqual({
      prompt: 'a red panda eating bamboo',
      aspect_ratio: '16:9',
    })
    expect(image).toBeInstanceOf(MediaFile)
    expect(image.mediaType).toBe('image/png')
    expect(await image.bytes()).toEqual(PNG)
  })

  it('POST /generate/{model}: every model, known or not, gets exactly the body given', async () => {
    const calls = route('POST', '/generate/:model', bytes(PNG, 'image/png'))
    const client = makeClient()
    await client.image.generate('qwen-image-2512', { prompt: 'portrait', use_lora: true })
    await client.image.generate('flux-next', { prompt: 'portrait', cfg_scale: 12 })
    await client.image.generate('z-image-turbo', {
      prompt: 'portrait',
      cfg_scale: 3,
      negative_prompt: 'blurry',
    })
    await client.image.generate('z-image', { prompt: 'portrait', cfg_scale: 7.5, width: 1000 })
    await client.image.generate('krea-2-turbo', {
      prompt: 'portrait',
      aspect_ratio: '3:4',
      base_size: 768,
      width: null,
      use_lora: false,
    })
    expect(calls.map((call) => [call.url.pathname, call.json])).toEqual([
      ['/generate/qwen-image-2512', { prompt: 'portrait', use_lora: true }],
      ['/generate/flux-next', { prompt: 'portrait', cfg_scale: 12 }],
      ['/generate/z-image-turbo', { prompt: 'portrait', cfg_scale: 3, negative_prompt: 'blurry' }],
      ['/generate/z-image', { prompt: 'portrait', cfg_scale: 7.5, width: 1000 }],
      [
        '/generate/krea-2-turbo',
        { prompt: 'portrait', aspect_ratio: '3:4', base_size: 768, width: null, use_lora: false },
      ],
    ])
  })

  it('POST /pixelart/generate: only the fields given, PNG with alpha back', async () => {
    const calls = route('POST', '/pixelart/generate', bytes(PNG, 'image/png'))
    const icon = await makeClient().pixelArt.generate({ prompt: 'golden coin', size: 32 })
    const call = only(calls, 'POST', '/pixelart/generate')
    expect(call.json).toEqual({ prompt: 'golden coin', size: 32 })
    expect(icon.mediaType).toBe('image/png')
    expect(await icon.bytes()).toEqual(PNG)
  })

  it('GET /img2img/models', async () => {
    const body = { available: ['qwen-image-edit'], loaded: [] }
    const calls = route('GET', '/img2img/models', json(body))
    await expect(makeClient().img2img.models()).resolves.toEqual(body)
    only(calls, 'GET', '/img2img/models')
  })

  it('POST /img2img/edit/{model}: image bytes sent as base64 JSON', async () => {
    const calls = route('POST', '/img2img/edit/:model', bytes(PNG, 'image/png'))
    const edited = await makeClient().img2img.edit('qwen-image-edit', {
      image: PNG,
      prompt: 'Make the person look happy and smiling',
    })
    const call = only(calls, 'POST', '/img2img/edit/qwen-image-edit')
    expect(call.headers.get('content-type')).toBe('application/json')
    expect(call.json).toEqual({
      image: base64(PNG),
      prompt: 'Make the person look happy and smiling',
    })
    expect(edited.mediaType).toBe('image/png')
    expect(await edited.bytes()).toEqual(PNG)
  })

  it('POST /img2img/edit/{model}: the optional fields exactly as given (Lightning LoRA)', async () => {
    const calls = route('POST', '/img2img/edit/:model', bytes(PNG, 'image/png'))
    const body = {
      image: base64(PNG),
      prompt: 'Make it night',
      negative_prompt: 'blurry',
      num_inference_steps: 4,
      true_cfg_scale: 1,
      seed: null,
      width: 512,
      use_lora: true,
    }
    await makeClient().img2img.edit('qwen-image-edit', body)
    expect(only(calls, 'POST', '/img2img/edit/qwen-image-edit').json).toEqual(body)
  })

  it('POST /img2img/edit/{model}/upload: multipart with the file and text fields', async () => {
    const calls = route('POST', '/img2img/edit/:model/upload', bytes(PNG, 'image/png'))
    const edited = await makeClient().img2img.editUpload('qwen-image-edit', {
      image: PNG,
      prompt: 'Change pose to sitting down',
      num_inference_steps: 25,
    })
    const call = only(calls, 'POST', '/img2img/edit/qwen-image-edit/upload')
    expect(call.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    const form = call.form!
    const image = form.get('image') as File
    expect(image.name).toBe('image.png')
    expect(image.type).toBe('image/png')
    expect(await fileBytes(image)).toEqual(PNG)
    expect(Object.fromEntries([...form].filter(([name]) => name !== 'image'))).toEqual({
      prompt: 'Change pose to sitting down',
      num_inference_steps: '25',
    })
    expect(edited.mediaType).toBe('image/png')
    expect(await edited.bytes()).toEqual(PNG)
  })
})

describe('text-to-speech', () => {
  it('GET /tts/languages', async () => {
    const body = {
      languages: [
        { code: 'en', name: 'English' },
        { code: 'es', name: 'Spanish' },
      ],
    }
    const calls = route('GET', '/tts/languages', json(body))
    await expect(makeClient().tts.languages()).resolves.toEqual(body)
    only(calls, 'GET', '/tts/languages')
  })

  it('GET /tts/models', async () => {
    const calls = route('GET', '/tts/models', json(TTS_MODELS))
    await expect(makeClient().tts.models()).resolves.toEqual(TTS_MODELS)
    only(calls, 'GET', '/tts/models')
  })

  it('POST /tts/generate: only the fields given (the server fills its defaults), WAV back', async () => {
    const calls = route('POST', '/tts/generate', bytes(WAV, 'audio/wav'))
    const speech = await makeClient().tts.generate({
      text: 'Hello, welcome to Silly Media!',
      actor: 'Morgan',
    })
    const call = only(calls, 'POST', '/tts/generate')
    expect(call.json).toEqual({ text: 'Hello, welcome to Silly Media!', actor: 'Morgan' })
    expect(speech.mediaType).toBe('audio/wav')
    expect(await speech.bytes()).toEqual(WAV)
  })

  it('POST /tts/stream: resolves at the headers; each chunk is one whole WAV, the first readable before the server finishes', async () => {
    const [first, second, third] = SENTENCES
    const body = controlledStream()
    const calls = route(
      'POST',
      '/tts/stream',
      () => new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } }),
    )
    // The first network chunk ends inside the first file's 44-byte header.
    body.push(first.subarray(0, 20))
    const pending = makeClient().tts.stream({ text: 'Hello there.', actor: 'Morgan', speed: 1.5 })
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('tts.stream waited for the whole body')), 2_000),
    )
    const stream = await Promise.race([pending, timeout])
    const reader = stream.getReader()
    const firstRead = reader.read()
    // Nothing is handed over while the first file is incomplete.
    expect(await settledWithin(firstRead, 50)).toBe('still pending')
    body.push(first.subarray(20, 600))
    // The rest of the first file, and the second file's header up to the middle of its size.
    body.push(concat(first.subarray(600), second.subarray(0, 6)))
    const one = await Promise.race([firstRead, timeout])
    expect(one.done).toBe(false)
    expectWholeWav(one.value, first)
    body.push(second.subarray(6, 30))
    body.push(concat(second.subarray(30), third.subarray(0, 100)))
    body.push(third.subarray(100))
    body.close()
    const rest = await remainingChunks(reader)
    expect(rest).toHaveLength(2)
    expectWholeWav(rest[0], second)
    expectWholeWav(rest[1], third)
    const call = only(calls, 'POST', '/tts/stream')
    expect(call.json).toEqual({ text: 'Hello there.', actor: 'Morgan', speed: 1.5 })
  })

  it('POST /tts/stream: WAV files with a streaming placeholder size end where the next begins', async () => {
    const files = SENTENCES.slice(0, 2).map(withStreamingSize)
    const whole = concat(...files)
    route('POST', '/tts/stream', () => {
      const body = controlledStream()
      for (const [from, to] of [
        [0, 13],
        [13, files[0]!.length + 5],
        [files[0]!.length + 5, whole.length],
      ] as const) {
        body.push(whole.subarray(from, to))
      }
      body.close()
      return new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } })
    })
    const stream = await makeClient().tts.stream({ text: 'One. Two.', actor: 'Morgan' })
    const chunks = await remainingChunks(stream.getReader())
    expect(chunks).toHaveLength(2)
    expectWholeWav(chunks[0], files[0]!)
    expectWholeWav(chunks[1], files[1]!)
  })

  it.each([
    ['an MP3', MP3],
    ['a JSON error body', new TextEncoder().encode('{"detail": "Actor not found"}')],
    ['fewer bytes than a header', new Uint8Array(ascii('RIFF'))],
  ])(
    'POST /tts/stream: %s instead of WAV files errors the stream with ResponseShapeError',
    async (_name, data) => {
      route('POST', '/tts/stream', bytes(new Uint8Array(data), 'audio/wav'))
      const stream = await makeClient().tts.stream({ text: 'Hi.', actor: 'Morgan' })
      await expect(remainingChunks(stream.getReader())).rejects.toBeInstanceOf(ResponseShapeError)
    },
  )

  it('POST /tts/stream: the whole WAV files before a break in the format still arrive', async () => {
    const [first, second] = SENTENCES
    route('POST', '/tts/stream', () => {
      const body = controlledStream()
      body.push(concat(first, new Uint8Array(ascii('not a header at all'))))
      body.close()
      return new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } })
    })
    const reader = (await makeClient().tts.stream({ text: 'Hi.', actor: 'Morgan' })).getReader()
    const one = await reader.read()
    expectWholeWav(one.value, first)
    await expect(reader.read()).rejects.toBeInstanceOf(ResponseShapeError)

    route('POST', '/tts/stream', bytes(concat(first, second.subarray(0, 200)), 'audio/wav'))
    const cut = (await makeClient().tts.stream({ text: 'Hi.', actor: 'Morgan' })).getReader()
    expectWholeWav((await cut.read()).value, first)
    await expect(cut.read()).rejects.toBeInstanceOf(ResponseShapeError)
  })

  it('POST /tts/stream: aborting mid-stream errors it with AbortError', async () => {
    const body = controlledStream()
    route(
      'POST',
      '/tts/stream',
      () => new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } }),
    )
    body.push(SENTENCES[0])
    body.push(SENTENCES[1].subarray(0, 50))
    const controller = new AbortController()
    const stream = await makeClient().tts.stream(
      { text: 'A long story.', actor: 'Morgan' },
      { signal: controller.signal },
    )
    const reader = stream.getReader()
    expectWholeWav((await reader.read()).value, SENTENCES[0])
    const next = reader.read()
    controller.abort()
    await expect(next).rejects.toBeInstanceOf(AbortError)
  })

  it('POST /tts/generate-with-audio: multipart with several reference files', async () => {
    const calls = route('POST', '/tts/generate-with-audio', bytes(WAV, 'audio/wav'))
    const sample = new File([WAV], 'voice_sample.wav', { type: 'audio/wav' })
    const second = MediaFile.fromBytes(WAV, { mediaType: 'audio/wav', filename: 'second.wav' })
    const speech = await makeClient().tts.generateWithAudio({
      text: 'Hello, this is a test.',
      reference_audio: [sample, second],
      temperature: 0.5,
    })
    const call = only(calls, 'POST', '/tts/generate-with-audio')
    const form = call.form!
    const files = form.getAll('reference_audio') as File[]
    expect(files.map((file) => [file.name, file.type])).toEqual([
      ['voice_sample.wav', 'audio/wav'],
      ['second.wav', 'audio/wav'],
    ])
    expect(await fileBytes(files[1]!)).toEqual(WAV)
    expect(Object.fromEntries([...form].filter(([name]) => name !== 'reference_audio'))).toEqual({
      text: 'Hello, this is a test.',
      temperature: '0.5',
    })
    expect(speech.mediaType).toBe('audio/wav')
    expect(await speech.bytes()).toEqual(WAV)
  })

  it('GET /tts/history with a limit, and the default limit', async () => {
    const calls = route('GET', '/tts/history', json(HISTORY))
    const client = makeClient()
    await expect(client.tts.history.list({ limit: 10 })).resolves.toEqual(HISTORY)
    await client.tts.history.list()
    expect(calls.map((call) => call.url.search)).toEqual(['?limit=10', '?limit=50'])
  })

  it('GET /tts/history/{entry_id}/audio: lazy, streamed when read', async () => {
    const calls = route('GET', '/tts/history/:id/audio', bytes(WAV, 'audio/wav'))
    const clip = makeClient().tts.history.audio('abc123')
    expect(calls).toHaveLength(0)
    expect(clip.mediaType).toBe('audio/wav')
    expect(clip.url).toBe(`${BASE}/tts/history/abc123/audio`)
    expect(await readAll(clip.stream())).toEqual(WAV)
    only(calls, 'GET', '/tts/history/abc123/audio')
  })

  it('DELETE /tts/history/{entry_id}', async () => {
    const calls = route('DELETE', '/tts/history/:id', noContent())
    await expect(makeClient().tts.history.delete('abc123')).resolves.toBeUndefined()
    only(calls, 'DELETE', '/tts/history/abc123')
  })

  it('DELETE /tts/history', async () => {
    const calls = route('DELETE', '/tts/history', noContent())
    await expect(makeClient().tts.history.clear()).resolves.toBeUndefined()
    only(calls, 'DELETE', '/tts/history')
  })
})

describe('actors', () => {
  it('GET /actors', async () => {
    const body = { actors: [ACTOR], total: 1 }
    const calls = route('GET', '/actors', json(body))
    await expect(makeClient().actors.list()).resolves.toEqual(body)
    only(calls, 'GET', '/actors')
  })

  it('POST /actors: multipart with the audio files, 201 back, not an idempotent submit', async () => {
    const calls = route('POST', '/actors', json({ ...ACTOR, audio_count: 1 }, 201))
    const actor = await makeClient().actors.create({
      name: 'Morgan',
      language: 'en',
      description: 'Deep authoritative voice',
      audio_files: WAV,
    })
    expect(actor).toEqual({ ...ACTOR, audio_count: 1 })
    const call = only(calls, 'POST', '/actors')
    expect(call.headers.get('idempotency-key')).toBeNull()
    const form = call.form!
    const file = form.get('audio_files') as File
    expect([file.name, file.type]).toEqual(['audio_files.wav', 'audio/wav'])
    expect(await fileBytes(file)).toEqual(WAV)
    expect(Object.fromEntries([...form].filter(([name]) => name !== 'audio_files'))).toEqual({
      name: 'Morgan',
      language: 'en',
      description: 'Deep authoritative voice',
    })
  })

  it('GET /actors/{name}', async () => {
    const calls = route('GET', '/actors/:name', json(ACTOR))
    await expect(makeClient().actors.get('My Actor')).resolves.toEqual(ACTOR)
    only(calls, 'GET', '/actors/My%20Actor')
  })

  it('DELETE /actors/{name}', async () => {
    const calls = route('DELETE', '/actors/:name', noContent())
    await expect(makeClient().actors.delete('Morgan')).resolves.toBeUndefined()
    only(calls, 'DELETE', '/actors/Morgan')
  })

  it('POST /actors/from-youtube: JSON with defaults, 201 back', async () => {
    const created = { ...ACTOR, name: 'Interviewer', description: 'Voice from interview' }
    const calls = route('POST', '/actors/from-youtube', json(created, 201))
    const actor = await makeClient().actors.fromYoutube({
      name: 'Interviewer',
      youtube_url: 'https://youtube.com/watch?v=VIDEO_ID',
    })
    expect(actor).toEqual(created)
    const call = only(calls, 'POST', '/actors/from-youtube')
    expect(call.json).toEqual({
      name: 'Interviewer',
      youtube_url: 'https://youtube.com/watch?v=VIDEO_ID',
      language: 'en',
      description: '',
      max_duration: 30,
      separate_vocals: true,
    })
  })

  it('POST /actors/{name}/audio: one file as multipart', async () => {
    const calls = route('POST', '/actors/:name/audio', json(AUDIO_FILE, 201))
    const recording = new File([WAV], 'my_recording.wav', { type: 'audio/wav' })
    await expect(
      makeClient().actors.audio.add('My Actor', { audio_file: recording }),
    ).resolves.toEqual(AUDIO_FILE)
    const call = only(calls, 'POST', '/actors/My%20Actor/audio')
    const file = call.form!.get('audio_file') as File
    expect([file.name, file.type]).toEqual(['my_recording.wav', 'audio/wav'])
    expect([...call.form!.keys()]).toEqual(['audio_file'])
  })

  it('GET /actors/{name}/audio: a bare array', async () => {
    const body = [{ ...AUDIO_FILE, filename: 'reference_00.wav', created_at: TIMESTAMP }]
    const calls = route('GET', '/actors/:name/audio', json(body))
    await expect(makeClient().actors.audio.list('My Actor')).resolves.toEqual(body)
    only(calls, 'GET', '/actors/My%20Actor/audio')
  })

  it('GET /actors/{name}/audio/{file_id}/download: lazy WAV', async () => {
    const calls = route(
      'GET',
      '/actors/:name/audio/:file/download',
      bytes(WAV, 'audio/wav', { 'content-disposition': 'attachment; filename="my_recording.wav"' }),
    )
    const file = makeClient().actors.audio.download('My Actor', 'file123')
    expect(calls).toHaveLength(0)
    expect(file.mediaType).toBe('audio/wav')
    expect(await file.bytes()).toEqual(WAV)
    only(calls, 'GET', '/actors/My%20Actor/audio/file123/download')
  })

  it('DELETE /actors/{name}/audio/{file_id}', async () => {
    const calls = route('DELETE', '/actors/:name/audio/:file', noContent())
    await expect(makeClient().actors.audio.delete('Morgan', 'file123')).resolves.toBeUndefined()
    only(calls, 'DELETE', '/actors/Morgan/audio/file123')
  })
})

describe('Maya', () => {
  it('POST /tts/maya/generate: only the fields given, WAV back', async () => {
    const calls = route('POST', '/tts/maya/generate', bytes(WAV, 'audio/wav'))
    const speech = await makeClient().maya.generate({
      text: 'Hello! <laugh> This is amazing!',
      voice_description: 'A young woman with a warm, friendly tone and slight British accent',
    })
    const call = only(calls, 'POST', '/tts/maya/generate')
    expect(call.json).toEqual({
      text: 'Hello! <laugh> This is amazing!',
      voice_description: 'A young woman with a warm, friendly tone and slight British accent',
    })
    expect(speech.mediaType).toBe('audio/wav')
    expect(await speech.bytes()).toEqual(WAV)
  })

  it('POST /tts/maya/stream: one whole WAV file per chunk, in order, however the bytes were split', async () => {
    const whole = concat(...SENTENCES)
    const [a, b] = [SENTENCES[0].length, SENTENCES[0].length + SENTENCES[1].length]
    // Cuts inside the first header, right after the first file, inside the second header's
    // "WAVE" tag, in the middle of sample data, and one byte before the end.
    const cuts = [0, 3, 30, a, a + 9, a + 300, b + 2, whole.length - 1, whole.length]
    const calls = route('POST', '/tts/maya/stream', () => {
      const body = controlledStream()
      for (let index = 1; index < cuts.length; index++) {
        body.push(whole.subarray(cuts[index - 1], cuts[index]))
      }
      body.close()
      return new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } })
    })
    const stream = await makeClient().maya.stream({
      text: '<whisper> between you and me',
      voice_description: 'A calm narrator',
      temperature: 0.4,
    })
    const chunks = await remainingChunks(stream.getReader())
    expect(chunks).toHaveLength(3)
    SENTENCES.forEach((wav, index) => {
      expectWholeWav(chunks[index], wav)
    })
    const call = only(calls, 'POST', '/tts/maya/stream')
    expect(call.json).toEqual({
      text: '<whisper> between you and me',
      voice_description: 'A calm narrator',
      temperature: 0.4,
    })
  })

  it('POST /tts/maya/stream: a body that is not WAV errors the stream at once with ResponseShapeError', async () => {
    const body = controlledStream()
    route(
      'POST',
      '/tts/maya/stream',
      () => new HttpResponse(body.stream, { headers: { 'content-type': 'audio/wav' } }),
    )
    // The server has not finished: the error must not wait for the end of the body.
    body.push(concat(JPEG, JPEG))
    const stream = await makeClient().maya.stream({ text: 'hi', voice_description: 'calm' })
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the stream waited for the end of the body')), 2_000),
    )
    await expect(Promise.race([stream.getReader().read(), timeout])).rejects.toBeInstanceOf(
      ResponseShapeError,
    )
  })

  it('GET /tts/maya/emotion-tags', async () => {
    const calls = route('GET', '/tts/maya/emotion-tags', json(EMOTION_TAGS))
    await expect(makeClient().maya.emotionTags()).resolves.toEqual(EMOTION_TAGS)
    only(calls, 'GET', '/tts/maya/emotion-tags')
  })

  it('GET /tts/maya/actors', async () => {
    const body = { actors: [MAYA_ACTOR], total: 1 }
    const calls = route('GET', '/tts/maya/actors', json(body))
    await expect(makeClient().maya.actors.list()).resolves.toEqual(body)
    only(calls, 'GET', '/tts/maya/actors')
  })

  it('POST /tts/maya/actors: text fields as multipart', async () => {
    const calls = route('POST', '/tts/maya/actors', json(MAYA_ACTOR, 201))
    await expect(
      makeClient().maya.actors.create({
        name: 'Friendly Sarah',
        voice_description: 'A young woman with a warm, friendly tone',
      }),
    ).resolves.toEqual(MAYA_ACTOR)
    const call = only(calls, 'POST', '/tts/maya/actors')
    expect(call.headers.get('content-type')).toMatch(/^multipart\/form-data/)
    expect(Object.fromEntries(call.form!)).toEqual({
      name: 'Friendly Sarah',
      voice_description: 'A young woman with a warm, friendly tone',
    })
  })

  it('GET /tts/maya/actors/{actor_id}', async () => {
    const calls = route('GET', '/tts/maya/actors/:id', json(MAYA_ACTOR))
    await expect(makeClient().maya.actors.get('abc123')).resolves.toEqual(MAYA_ACTOR)
    only(calls, 'GET', '/tts/maya/actors/abc123')
  })

  it('PUT /tts/maya/actors/{actor_id}: only the fields given', async () => {
    const updated = { ...MAYA_ACTOR, name: 'Updated Name', updated_at: '2024-01-15T11:00:00Z' }
    const calls = route('PUT', '/tts/maya/actors/:id', json(updated))
    await expect(
      makeClient().maya.actors.update('abc123', { name: 'Updated Name' }),
    ).resolves.toEqual(updated)
    const call = only(calls, 'PUT', '/tts/maya/actors/abc123')
    expect(call.headers.get('idempotency-key')).toBeNull()
    expect(Object.fromEntries(call.form!)).toEqual({ name: 'Updated Name' })
  })

  it('DELETE /tts/maya/actors/{actor_id}', async () => {
    const calls = route('DELETE', '/tts/maya/actors/:id', noContent())
    await expect(makeClient().maya.actors.delete('abc123')).resolves.toBeUndefined()
    only(calls, 'DELETE', '/tts/maya/actors/abc123')
  })
})

describe('video', () => {
  it('GET /video/models', async () => {
    const calls = route('GET', '/video/models', json(VIDEO_MODELS))
    await expect(makeClient().video.models()).resolves.toEqual(VIDEO_MODELS)
    only(calls, 'GET', '/video/models')
  })

  it('POST /video/t2v/{model}: JSON with only the fields given, the queued job back', async () => {
    const calls = route('POST', '/video/t2v/:model', json(JOB))
    await expect(
      makeClient().video.textToVideo('hunyuan-video', {
        prompt: 'A red panda eating bamboo in a bamboo forest',
        num_frames: 61,
      }),
    ).resolves.toEqual(JOB)
    const call = only(calls, 'POST', '/video/t2v/hunyuan-video')
    expect(call.headers.get('idempotency-key')).not.toBeNull()
    expect(call.json).toEqual({
      prompt: 'A red panda eating bamboo in a bamboo forest',
      num_frames: 61,
    })
    const sent = call.json as Record<string, unknown>
    for (const key of ['num_inference_steps', 'guidance_scale', 'fps', 'seed', 'audio']) {
      expect(key in sent, key).toBe(false)
    }
  })

  it('POST /video/t2v/{model}: ltx-2.5 with the current ranges and the audio switch', async () => {
    const calls = route('POST', '/video/t2v/:model', json(JOB))
    const body = {
      prompt: 'Waves on a beach at sunset',
      num_frames: 241,
      num_inference_steps: 8,
      guidance_scale: 1,
      fps: 30,
      audio: false,
    }
    await expect(makeClient().video.textToVideo('ltx-2.5', body)).resolves.toEqual(JOB)
    expect(only(calls, 'POST', '/video/t2v/ltx-2.5').json).toEqual(body)
  })

  it('POST /video/i2v/{model}: JSON with a base64 image, as documented', async () => {
    const calls = route('POST', '/video/i2v/:model', json(JOB))
    const still = MediaFile.fromBytes(PNG, { mediaType: 'image/png' })
    await expect(
      makeClient().video.imageToVideo('hunyuan-video', {
        prompt: 'The panda starts eating the bamboo, moving its head slowly',
        image: still,
        resolution: '720p',
      }),
    ).resolves.toEqual(JOB)
    const call = only(calls, 'POST', '/video/i2v/hunyuan-video')
    expect(call.headers.get('content-type')).toBe('application/json')
    expect(call.json).toEqual({
      prompt: 'The panda starts eating the bamboo, moving its head slowly',
      resolution: '720p',
      image: base64(PNG),
    })
  })

  it('GET /video/status/{job_id}', async () => {
    const calls = route('GET', '/video/status/:id', json(VIDEO_COMPLETED))
    await expect(makeClient().video.status('abc12345')).resolves.toEqual(VIDEO_COMPLETED)
    only(calls, 'GET', '/video/status/abc12345')
  })

  it('GET /video/download/{job_id}: lazy MP4 streamed as it arrives', async () => {
    const calls = route('GET', '/video/download/:id', () => {
      const body = controlledStream()
      body.push(MP4.subarray(0, 10))
      body.push(MP4.subarray(10))
      body.close()
      return new HttpResponse(body.stream, { headers: { 'content-type': 'video/mp4' } })
    })
    const video = makeClient().video.download('abc12345')
    expect(calls).toHaveLength(0)
    expect(video.mediaType).toBe('video/mp4')
    expect(video.url).toBe(`${BASE}/video/download/abc12345`)
    const reader = video.stream().getReader()
    const chunks: Uint8Array[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
    }
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    expect(new Uint8Array(chunks.flatMap((chunk) => [...chunk]))).toEqual(MP4)
    only(calls, 'GET', '/video/download/abc12345')
  })

  it('GET /video/thumbnail/{job_id}: lazy JPEG', async () => {
    const calls = route('GET', '/video/thumbnail/:id', bytes(JPEG, 'image/jpeg'))
    const thumbnail = makeClient().video.thumbnail('abc12345')
    expect(calls).toHaveLength(0)
    expect(thumbnail.mediaType).toBe('image/jpeg')
    expect(await thumbnail.bytes()).toEqual(JPEG)
    only(calls, 'GET', '/video/thumbnail/abc12345')
  })

  it('GET {video_url}: the video and thumbnail a finished job names, lazily', async () => {
    const videos = route('GET', '/video/download/:id', bytes(MP4, 'video/mp4'))
    const thumbnails = route('GET', '/video/thumbnail/:id', bytes(JPEG, 'image/jpeg'))
    const client = makeClient()
    const video = client.video.file(VIDEO_COMPLETED.video_url)
    const thumbnail = client.video.file(VIDEO_COMPLETED.thumbnail_url, 'image/jpeg')
    expect(sent).toHaveLength(0)
    expect(video.mediaType).toBe('video/mp4')
    expect(video.url).toBe(`${BASE}/video/download/abc12345`)
    expect(thumbnail.mediaType).toBe('image/jpeg')
    expect(thumbnail.url).toBe(`${BASE}/video/thumbnail/abc12345`)
    expect(await readAll(video.stream())).toEqual(MP4)
    expect(await thumbnail.bytes()).toEqual(JPEG)
    only(videos, 'GET', '/video/download/abc12345')
    only(thumbnails, 'GET', '/video/thumbnail/abc12345')
  })

  it('GET {video_url}: an http(s) URL on another origin, fetched without credentials', async () => {
    const api = route('GET', '/video/download/:id', bytes(MP4, 'video/mp4'))
    const cdn = route('GET', '/renders/abc12345.mp4', bytes(MP4, 'video/mp4'), 'https://cdn.test')
    const client = makeClient({
      auth: bearerAuth('proxy-token-123'),
      headers: { 'X-Team': 'render' },
    })
    const remote = client.video.file('https://cdn.test/renders/abc12345.mp4')
    expect(remote.url).toBe('https://cdn.test/renders/abc12345.mp4')
    expect(remote.mediaType).toBe('video/mp4')
    expect(await remote.bytes()).toEqual(MP4)
    expect(await client.video.file('/video/download/abc12345').bytes()).toEqual(MP4)
    const elsewhere = only(cdn, 'GET', '/renders/abc12345.mp4')
    expect(elsewhere.url.origin).toBe('https://cdn.test')
    expect(elsewhere.headers.get('authorization')).toBeNull()
    expect(elsewhere.headers.get('x-team')).toBeNull()
    const own = only(api, 'GET', '/video/download/abc12345')
    expect(own.headers.get('authorization')).toBe('Bearer proxy-token-123')
  })

  it('DELETE /video/{job_id}: JSON back', async () => {
    const calls = route('DELETE', '/video/:id', json(DELETED))
    await expect(makeClient().video.delete('abc12345')).resolves.toEqual(DELETED)
    only(calls, 'DELETE', '/video/abc12345')
  })

  it('GET /video/history: paging query', async () => {
    const calls = route('GET', '/video/history', json(VIDEO_HISTORY))
    const client = makeClient()
    await expect(client.video.history({ limit: 10, offset: 20 })).resolves.toEqual(VIDEO_HISTORY)
    await client.video.history()
    expect(calls.map((call) => call.url.search)).toEqual([
      '?limit=10&offset=20',
      '?limit=50&offset=0',
    ])
  })
})

describe('vision', () => {
  it('GET /vision/models', async () => {
    const body = { available: ['qwen3-vl-8b'], loaded: [] }
    const calls = route('GET', '/vision/models', json(body))
    await expect(makeClient().vision.models()).resolves.toEqual(body)
    only(calls, 'GET', '/vision/models')
  })

  it('POST /vision/analyze: base64 text passed through', async () => {
    const calls = route('POST', '/vision/analyze', json(VISION_ANSWER))
    await expect(
      makeClient().vision.analyze({ image: base64(JPEG), query: 'What is in this image?' }),
    ).resolves.toEqual(VISION_ANSWER)
    const call = only(calls, 'POST', '/vision/analyze')
    expect(call.json).toEqual({ image: base64(JPEG), query: 'What is in this image?' })
  })

  it('POST /vision/analyze/upload: multipart', async () => {
    const answer = {
      response:
        "The image contains a handwritten note that says: 'Meeting at 3pm in conference room B'",
      model: 'qwen3-vl-8b',
    }
    const calls = route('POST', '/vision/analyze/upload', json(answer))
    await expect(
      makeClient().vision.analyzeUpload({
        image: new Blob([JPEG], { type: 'image/jpeg' }),
        query: 'Extract all the text from this image',
        max_tokens: 256,
      }),
    ).resolves.toEqual(answer)
    const call = only(calls, 'POST', '/vision/analyze/upload')
    const image = call.form!.get('image') as File
    expect([image.name, image.type]).toEqual(['image.jpg', 'image/jpeg'])
    expect(Object.fromEntries([...call.form!].filter(([name]) => name !== 'image'))).toEqual({
      query: 'Extract all the text from this image',
      max_tokens: '256',
    })
  })
})

describe('LLM', () => {
  const MESSAGES = [
    { role: 'system', content: 'You are a creative storyteller.' },
    { role: 'user', content: 'Write a haiku about coding.' },
  ] as const

  it('GET /llm/models', async () => {
    const body = { available: ['huihui-qwen3-4b'], loaded: [] }
    const calls = route('GET', '/llm/models', json(body))
    await expect(makeClient().llm.models()).resolves.toEqual(body)
    only(calls, 'GET', '/llm/models')
  })

  it('POST /llm/generate', async () => {
    const calls = route('POST', '/llm/generate', json(LLM_ANSWER))
    await expect(
      makeClient().llm.generate({ messages: [...MESSAGES], max_tokens: 2048 }),
    ).resolves.toEqual(LLM_ANSWER)
    const call = only(calls, 'POST', '/llm/generate')
    expect(call.json).toEqual({ messages: MESSAGES, max_tokens: 2048 })
  })

  it('POST /llm/stream: deltas in order, ending at [DONE]', async () => {
    const frames = [
      'data: {"delta": "Fingers", "finish_reason": null}\n\n',
      'data: {"delta": " on", "finish_reason": null}\n\n',
      'data: {"delta": " the keys", "finish_reason": null}\n\n',
      'data: {"delta": "", "finish_reason": "stop"}\n\n',
      'data: [DONE]\n\n',
      'data: {"delta": "after the end", "finish_reason": null}\n\n',
    ]
    const calls = route('POST', '/llm/stream', () => {
      const body = controlledStream()
      // Split across chunk boundaries as a network would.
      const text = frames.join('')
      body.push(text.slice(0, 30))
      body.push(text.slice(30))
      body.close()
      return new HttpResponse(body.stream, { headers: { 'content-type': 'text/event-stream' } })
    })
    const events: LlmStreamEvent[] = []
    for await (const event of makeClient().llm.stream({
      prompt: 'Write a haiku about coding.',
      system_prompt: 'You are a creative poet.',
    })) {
      events.push(event)
    }
    expect(events).toEqual([
      { delta: 'Fingers', finish_reason: null },
      { delta: ' on', finish_reason: null },
      { delta: ' the keys', finish_reason: null },
      { delta: '', finish_reason: 'stop' },
    ])
    const call = only(calls, 'POST', '/llm/stream')
    expect(call.headers.get('accept')).toBe('text/event-stream')
    expect(call.json).toEqual({
      prompt: 'Write a haiku about coding.',
      system_prompt: 'You are a creative poet.',
    })
  })
})

describe('music', () => {
  it('GET /music/models', async () => {
    const calls = route('GET', '/music/models', json(MUSIC_MODELS))
    await expect(makeClient().music.models()).resolves.toEqual(MUSIC_MODELS)
    only(calls, 'GET', '/music/models')
  })

  it('POST /music/generate: JSON with only the fields given, the queued job back', async () => {
    const calls = route('POST', '/music/generate', json(MUSIC_JOB))
    const client = makeClient()
    await expect(
      client.music.generate({
        caption: 'upbeat pop, catchy melody, female singer, synth, drums',
        lyrics: '[Verse]\nWoke up this morning with a smile\n\n[Chorus]\nLiving for today!',
        duration: 30.0,
        model: 'ace-step',
      }),
    ).resolves.toEqual(MUSIC_JOB)
    await client.music.generate({
      caption: 'waltz',
      timesignature: '3/4',
      duration: 600,
      model: 'ace-step-quality',
    })
    expect(calls.map((call) => [call.method, call.url.pathname, call.json])).toEqual([
      [
        'POST',
        '/music/generate',
        {
          caption: 'upbeat pop, catchy melody, female singer, synth, drums',
          lyrics: '[Verse]\nWoke up this morning with a smile\n\n[Chorus]\nLiving for today!',
          duration: 30,
          model: 'ace-step',
        },
      ],
      [
        'POST',
        '/music/generate',
        { caption: 'waltz', timesignature: '3/4', duration: 600, model: 'ace-step-quality' },
      ],
    ])
  })

  it('GET /music/status/{job_id}', async () => {
    const calls = route('GET', '/music/status/:id', json(MUSIC_COMPLETED))
    await expect(makeClient().music.status('abc12345')).resolves.toEqual(MUSIC_COMPLETED)
    only(calls, 'GET', '/music/status/abc12345')
  })

  it('GET /music/download/{job_id}/{audio_index}: media type from the job format, lazily', async () => {
    route('POST', '/music/generate', json(MUSIC_JOB))
    const calls = route('GET', '/music/download/:id/:index', bytes(MP3, 'audio/flac'))
    const client = makeClient()
    await client.music.generate({ caption: 'smooth jazz', audio_format: 'flac', batch_size: 2 })
    const track = client.music.download('abc12345', 1)
    expect(calls).toHaveLength(0)
    expect(track.mediaType).toBe('audio/flac')
    expect(await track.bytes()).toEqual(MP3)
    only(calls, 'GET', '/music/download/abc12345/1')
    expect(client.music.download('other', 0, { audioFormat: 'mp3' }).mediaType).toBe('audio/mpeg')
  })

  it('GET /music/download/{job_id}/{audio_index}: an unknown format is taken from the response', async () => {
    const calls = route('GET', '/music/download/:id/:index', bytes(MP3, 'audio/mpeg'))
    const track = makeClient().music.download('elsewhere', 0)
    expect(calls).toHaveLength(0)
    expect(track.mediaType).toBe('audio/wav')
    expect(await track.bytes()).toEqual(MP3)
    expect(track.mediaType).toBe('audio/mpeg')
    only(calls, 'GET', '/music/download/elsewhere/0')
  })

  it('GET {download_url}: a variation by the URL its status gave, stored under another id', async () => {
    const stored = {
      ...MUSIC_COMPLETED,
      audios: [0, 1].map((index) => ({
        index,
        seed: 42 + index,
        sample_rate: 48000,
        download_url: `/music/download/f00dcafe/${index}`,
      })),
    }
    route('POST', '/music/generate', json(MUSIC_JOB))
    route('GET', '/music/status/:id', json(stored))
    const calls = route('GET', '/music/download/:id/:index', bytes(MP3, 'audio/mpeg'))
    const client = makeClient()
    const job = await client.music.generate({
      caption: 'lo-fi',
      audio_format: 'mp3',
      batch_size: 2,
    })
    const status = await client.music.status(job.job_id)
    const track = client.music.file(status.audios![1]!.download_url, { jobId: job.job_id })
    expect(calls).toHaveLength(0)
    expect(track.mediaType).toBe('audio/mpeg')
    expect(track.url).toBe(`${BASE}/music/download/f00dcafe/1`)
    expect(await track.bytes()).toEqual(MP3)
    only(calls, 'GET', '/music/download/f00dcafe/1')
    const given = client.music.file('/music/download/f00dcafe/0', { audioFormat: 'flac' })
    expect(given.mediaType).toBe('audio/flac')
  })

  it('GET {download_url}: without a known format the media type comes from the response', async () => {
    const calls = route('GET', '/music/download/:id/:index', bytes(FLAC, 'audio/flac'))
    const track = makeClient().music.file('/music/download/f00dcafe/0', { jobId: 'never-seen' })
    expect(track.mediaType).toBe('audio/wav')
    expect(await track.bytes()).toEqual(FLAC)
    expect(track.mediaType).toBe('audio/flac')
    only(calls, 'GET', '/music/download/f00dcafe/0')
  })

  it('GET {download_url}: an http(s) URL on another origin, fetched without credentials', async () => {
    const cdn = route('GET', '/outputs/track.flac', bytes(FLAC, 'audio/flac'), 'http://files.test')
    const client = makeClient({ auth: bearerAuth('proxy-token-123') })
    const track = client.music.file('http://files.test/outputs/track.flac', { audioFormat: 'flac' })
    expect(track.url).toBe('http://files.test/outputs/track.flac')
    expect(track.mediaType).toBe('audio/flac')
    expect(await track.bytes()).toEqual(FLAC)
    expect(only(cdn, 'GET', '/outputs/track.flac').headers.get('authorization')).toBeNull()
  })

  it('DELETE /music/{job_id}: JSON back', async () => {
    const calls = route('DELETE', '/music/:id', json(DELETED))
    await expect(makeClient().music.delete('abc12345')).resolves.toEqual(DELETED)
    only(calls, 'DELETE', '/music/abc12345')
  })
})

describe('coverage', () => {
  it('the tests above called every endpoint of the API document, and nothing else', () => {
    // The routes the server added since the document (source 'server') are covered by
    // client-server-routes.test.ts.
    const documented = new Set(
      ENDPOINTS.filter((endpoint) => endpoint.source === 'seed').map(
        (endpoint) => `${endpoint.method} ${endpoint.path}`,
      ),
    )
    expect(documented.size).toBe(57)
    expect([...hits].sort()).toEqual([...documented].sort())
  })
})

// ---------------------------------------------------------------------------------------------
// Validation before the network
// ---------------------------------------------------------------------------------------------

describe('invalid input fails before any request', () => {
  const client = makeClient()
  const remote = MediaFile.fromUrl('http://cdn.test/input.png', { mediaType: 'image/png' })

  const cases: [string, () => Promise<unknown> | unknown, string, string][] = [
    [
      'image.generate: cfg_scale above 20',
      () => client.image.generate('z-image-turbo', { prompt: 'x', cfg_scale: 21 }),
      'cfg_scale',
      'POST /generate/z-image-turbo',
    ],
    [
      'image.generate: width alone above 2048',
      () => client.image.generate('z-image', { prompt: 'x', width: 4096 }),
      'width',
      'POST /generate/z-image',
    ],
    [
      'image.generate: prompt over 4096 characters',
      () => client.image.generate('krea-2-turbo', { prompt: 'x'.repeat(4097) }),
      'prompt',
      'POST /generate/krea-2-turbo',
    ],
    [
      'image.generate: negative prompt over 2048 characters',
      () =>
        client.image.generate('qwen-image-2512', {
          prompt: 'x',
          negative_prompt: 'n'.repeat(2049),
        }),
      'negative_prompt',
      'POST /generate/qwen-image-2512',
    ],
    [
      'image.generate: empty model id',
      () => client.image.generate('', { prompt: 'x' }),
      'model',
      'POST /generate/{model}',
    ],
    [
      'pixelArt.generate: size below 8',
      () => client.pixelArt.generate({ prompt: 'coin', size: 4 }),
      'size',
      'POST /pixelart/generate',
    ],
    [
      'img2img.edit: image that is not base64',
      () => client.img2img.edit('qwen-image-edit', { image: 'not base64!', prompt: 'x' }),
      'image',
      'POST /img2img/edit/qwen-image-edit',
    ],
    [
      'img2img.editUpload: a remote file is not fetched when another field is bad',
      () => client.img2img.editUpload('qwen-image-edit', { image: remote, prompt: '' }),
      'prompt',
      'POST /img2img/edit/qwen-image-edit/upload',
    ],
    [
      'img2img.editUpload: image that is not a file',
      () => client.img2img.editUpload('qwen-image-edit', { image: 'x' as never, prompt: 'smile' }),
      'image',
      'POST /img2img/edit/qwen-image-edit/upload',
    ],
    [
      'tts.generate: unknown language',
      () => client.tts.generate({ text: 'hi', actor: 'Morgan', language: 'xx' as never }),
      'language',
      'POST /tts/generate',
    ],
    [
      'tts.stream: speed above 2',
      () => client.tts.stream({ text: 'hi', actor: 'Morgan', speed: 3 }),
      'speed',
      'POST /tts/stream',
    ],
    [
      'tts.generateWithAudio: no reference audio',
      () => client.tts.generateWithAudio({ text: 'hi', reference_audio: [] }),
      'reference_audio',
      'POST /tts/generate-with-audio',
    ],
    [
      'tts.history.list: limit 0',
      () => client.tts.history.list({ limit: 0 }),
      'limit',
      'GET /tts/history',
    ],
    [
      'actors.create: empty name',
      () => client.actors.create({ name: '', audio_files: WAV }),
      'name',
      'POST /actors',
    ],
    [
      'actors.fromYoutube: not a YouTube URL',
      () => client.actors.fromYoutube({ name: 'A', youtube_url: 'https://vimeo.com/1' }),
      'youtube_url',
      'POST /actors/from-youtube',
    ],
    [
      'actors.audio.download: empty file id',
      () => client.actors.audio.download('Morgan', ''),
      'file_id',
      'GET /actors/{name}/audio/{file_id}/download',
    ],
    [
      'maya.generate: voice description over 500 characters',
      () => client.maya.generate({ text: 'hi', voice_description: 'x'.repeat(501) }),
      'voice_description',
      'POST /tts/maya/generate',
    ],
    [
      'maya.actors.update: empty voice description',
      () => client.maya.actors.update('abc123', { voice_description: '' }),
      'voice_description',
      'PUT /tts/maya/actors/{actor_id}',
    ],
    [
      'video.textToVideo: too many frames',
      () => client.video.textToVideo('hunyuan-video', { prompt: 'waves', num_frames: 242 }),
      'num_frames',
      'POST /video/t2v/hunyuan-video',
    ],
    [
      'video.textToVideo: audio that is not a boolean',
      () => client.video.textToVideo('ltx-2.5', { prompt: 'waves', audio: 'on' as never }),
      'audio',
      'POST /video/t2v/ltx-2.5',
    ],
    [
      'video.file: a protocol-relative URL',
      () => client.video.file('//cdn.test/video.mp4'),
      'video_url',
      'GET {video_url}',
    ],
    [
      'video.file: a data: URL',
      () => client.video.file('data:video/mp4;base64,AAAA'),
      'video_url',
      'GET {video_url}',
    ],
    [
      'video.imageToVideo: missing image',
      () => client.video.imageToVideo('hunyuan-video', { prompt: 'waves' } as never),
      'image',
      'POST /video/i2v/hunyuan-video',
    ],
    [
      'video.history: negative offset',
      () => client.video.history({ offset: -1 }),
      'offset',
      'GET /video/history',
    ],
    [
      'vision.analyze: empty query',
      () => client.vision.analyze({ image: base64(PNG), query: '' }),
      'query',
      'POST /vision/analyze',
    ],
    [
      'vision.analyzeUpload: max_tokens 0',
      () => client.vision.analyzeUpload({ image: PNG, query: 'what?', max_tokens: 0 }),
      'max_tokens',
      'POST /vision/analyze/upload',
    ],
    [
      'llm.generate: both messages and prompt',
      () => client.llm.generate({ messages: [{ role: 'user', content: 'hi' }], prompt: 'hi' }),
      'messages',
      'POST /llm/generate',
    ],
    [
      'llm.stream: temperature above 2 (thrown when called)',
      () => client.llm.stream({ prompt: 'hi', temperature: 3 }),
      'temperature',
      'POST /llm/stream',
    ],
    [
      'music.generate: batch_size 5',
      () => client.music.generate({ caption: 'jazz', batch_size: 5 }),
      'batch_size',
      'POST /music/generate',
    ],
    [
      'music.generate: timesignature over 5 characters',
      () => client.music.generate({ caption: 'jazz', timesignature: '12/8/4' }),
      'timesignature',
      'POST /music/generate',
    ],
    [
      'music.generate: duration over 600 seconds',
      () => client.music.generate({ caption: 'jazz', duration: 601 }),
      'duration',
      'POST /music/generate',
    ],
    [
      'music.file: a download_url that is not an API path or http(s)',
      () => client.music.file('ftp://files.test/track.wav'),
      'download_url',
      'GET {download_url}',
    ],
    [
      'music.file: a relative download_url without the leading slash',
      () => client.music.file('music/download/abc12345/0'),
      'download_url',
      'GET {download_url}',
    ],
    [
      'music.file: an unknown audio format',
      () => client.music.file('/music/download/abc12345/0', { audioFormat: 'ogg' as never }),
      'audioFormat',
      'GET {download_url}',
    ],
    [
      'music.download: audio index 4',
      () => client.music.download('abc12345', 4),
      'audio_index',
      'GET /music/download/{job_id}/{audio_index}',
    ],
  ]

  it.each(cases)('%s', (_name, call, field, what) =>
    expectRejectedBeforeNetwork(call, field, what, sent),
  )
})

// ---------------------------------------------------------------------------------------------
// Path ids
// ---------------------------------------------------------------------------------------------

describe('path ids', () => {
  it('encodes /, ? and # inside one segment', async () => {
    const seen: string[] = []
    server.use(
      http.all(`${BASE}/*`, ({ request }) => {
        seen.push(new URL(request.url).pathname)
        return HttpResponse.json({ ...ACTOR, voice_description: 'calm' })
      }),
    )
    const client = makeClient()
    await client.actors.get('a/b?c#d')
    await client.maya.actors.get('x y/../z')
    const file = client.actors.audio.download('team/voice', 'file?1#2')
    expect(file.url).toBe(`${BASE}/actors/team%2Fvoice/audio/file%3F1%232/download`)
    expect(seen).toEqual(['/actors/a%2Fb%3Fc%23d', '/tts/maya/actors/x%20y%2F..%2Fz'])
  })

  it.each([
    ['..', 'job_id'],
    ['.', 'job_id'],
    ['%2e%2E', 'job_id'],
  ])('refuses %j as an id', async (id, field) => {
    const client = makeClient()
    await expect(client.video.status(id)).rejects.toMatchObject({
      name: 'ValidationError',
      field,
    })
    expect(() => client.video.download(id)).toThrow(ValidationError)
    await expect(client.actors.delete(id)).rejects.toMatchObject({ field: 'name' })
    await expect(client.image.generate(id, { prompt: 'x' })).rejects.toMatchObject({
      field: 'model',
    })
    expect(sent).toHaveLength(0)
  })
})

// ---------------------------------------------------------------------------------------------
// FastAPI errors
// ---------------------------------------------------------------------------------------------

describe('server errors', () => {
  it('404 with a detail → ProviderError carrying it', async () => {
    route('GET', '/actors/:name', json({ detail: "Actor 'Nobody' not found" }, 404))
    const error = await makeClient()
      .actors.get('Nobody')
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 404, provider: 'local' })
    expect((error as ProviderError).message).toContain("Actor 'Nobody' not found")
    expect((error as ProviderError).body).toContain('detail')
  })

  it('409 with a detail → ProviderError carrying it, not retried', async () => {
    const calls = route('POST', '/actors', json({ detail: 'Actor name already exists' }, 409))
    const client = makeClient({ retry: { limit: 2 }, clock: instantClock })
    const error = await client.actors
      .create({ name: 'Morgan', audio_files: WAV })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 409 })
    expect((error as ProviderError).message).toContain('Actor name already exists')
    expect(calls).toHaveLength(1)
  })

  it('422 with a pydantic list → ValidationError naming the fields', async () => {
    route(
      'POST',
      '/llm/generate',
      json(
        {
          detail: [
            {
              loc: ['body', 'temperature'],
              msg: 'Input should be less than or equal to 2',
              type: 'less_than_equal',
            },
          ],
        },
        422,
      ),
    )
    const error = await makeClient()
      .llm.generate({ prompt: 'hi' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ status: 422, field: 'temperature' })
    expect((error as ValidationError).message).toContain('Input should be less than or equal to 2')
  })

  it('400 with a detail string → ValidationError carrying it', async () => {
    route('POST', '/tts/maya/actors', json({ detail: 'Actor name already exists' }, 400))
    const error = await makeClient()
      .maya.actors.create({ name: 'Narrator', voice_description: 'calm' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error).toMatchObject({ status: 400 })
    expect((error as ValidationError).message).toContain('Actor name already exists')
  })

  it('500 on a generation → ProviderError with the detail, never re-sent', async () => {
    const calls = route('POST', '/generate/:model', json({ detail: 'CUDA out of memory' }, 500))
    const client = makeClient({ retry: { limit: 2 }, clock: instantClock })
    const error = await client.image
      .generate('z-image', { prompt: 'x' })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 500 })
    expect((error as ProviderError).message).toContain('CUDA out of memory')
    expect(calls).toHaveLength(1)
  })

  it('500 on a status read → retried, then ProviderError with the detail', async () => {
    const calls = route('GET', '/video/status/:id', json({ detail: 'database is locked' }, 500))
    const client = makeClient({ retry: { limit: 2 }, clock: instantClock })
    const error = await client.video.status('abc12345').catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).message).toContain('database is locked')
    expect(calls).toHaveLength(3)
  })

  it('a lazy download that is missing fails on read with the detail', async () => {
    route('GET', '/video/download/:id', json({ detail: 'Video not found' }, 404))
    const video = makeClient().video.download('gone')
    await expect(video.bytes()).rejects.toMatchObject({
      name: 'ProviderError',
      status: 404,
      message: expect.stringContaining('Video not found'),
    })
  })

  it('a response of the wrong shape → ResponseShapeError', async () => {
    route('GET', '/video/status/:id', json({ job_id: 'abc12345', progress: 0.5 }))
    await expect(makeClient().video.status('abc12345')).rejects.toBeInstanceOf(ResponseShapeError)
  })
})

// ---------------------------------------------------------------------------------------------
// LLM stream edge cases
// ---------------------------------------------------------------------------------------------

describe('llm.stream', () => {
  it('aborting mid-stream rejects with AbortError and closes the body', async () => {
    const body = controlledStream()
    route(
      'POST',
      '/llm/stream',
      () => new HttpResponse(body.stream, { headers: { 'content-type': 'text/event-stream' } }),
    )
    body.push('data: {"delta": "Once", "finish_reason": null}\n\n')
    const controller = new AbortController()
    const iterator = makeClient()
      .llm.stream({ prompt: 'Tell a story' }, { signal: controller.signal })
      [Symbol.asyncIterator]()
    await expect(iterator.next()).resolves.toEqual({
      done: false,
      value: { delta: 'Once', finish_reason: null },
    })
    const next = iterator.next()
    controller.abort()
    await expect(next).rejects.toBeInstanceOf(AbortError)
  })

  it('a frame that is not JSON → ResponseShapeError carrying the raw frame', async () => {
    route(
      'POST',
      '/llm/stream',
      () =>
        new HttpResponse('data: {"delta": "ok"}\n\ndata: {oops\n\ndata: [DONE]\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        }),
    )
    const seen: LlmStreamEvent[] = []
    const error = await (async () => {
      for await (const event of makeClient().llm.stream({ prompt: 'hi' })) seen.push(event)
    })().catch((thrown: unknown) => thrown)
    expect(seen).toEqual([{ delta: 'ok' }])
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).body).toBe('{oops')
  })

  it('a stream cut before [DONE] and any finish_reason → ConnectionError', async () => {
    route(
      'POST',
      '/llm/stream',
      () =>
        new HttpResponse('data: {"delta": "half", "finish_reason": null}\n\n', {
          headers: { 'content-type': 'text/event-stream' },
        }),
    )
    const stream = makeClient().llm.stream({ prompt: 'hi' })
    const error = await (async () => {
      for await (const _event of stream) {
        // Drain.
      }
    })().catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(ConnectionError)
  })
})

// ---------------------------------------------------------------------------------------------
// Options: headers, auth, hooks, timeouts
// ---------------------------------------------------------------------------------------------

describe('client options', () => {
  it('sends configured headers and proxy credentials, and reports call kinds to hooks', async () => {
    const health = route('GET', '/health', json(HEALTH))
    const generate = route('POST', '/pixelart/generate', bytes(PNG, 'image/png'))
    const events: RequestEvent[] = []
    const hooks = { onRequest: (event: RequestEvent) => events.push(event) }
    const client = makeClient({
      auth: bearerAuth('proxy-token-123'),
      headers: { 'X-Team': 'render' },
    })
    await client.health({ hooks })
    await client.pixelArt.generate({ prompt: 'coin' }, { hooks })
    for (const call of [...health, ...generate]) {
      expect(call.headers.get('authorization')).toBe('Bearer proxy-token-123')
      expect(call.headers.get('x-team')).toBe('render')
    }
    expect(events.map((event) => [event.method, event.kind])).toEqual([
      ['GET', 'read'],
      ['POST', 'submit'],
    ])
    expect(JSON.stringify(events)).not.toContain('proxy-token-123')
  })

  it('quick calls use timeoutMs, generation calls generationTimeoutMs', async () => {
    route('GET', '/health', async () => {
      await delay(150)
      return HttpResponse.json(HEALTH)
    })
    route('POST', '/tts/generate', async () => {
      await delay(150)
      return new HttpResponse(WAV, { headers: { 'content-type': 'audio/wav' } })
    })
    const client = makeClient({ timeoutMs: 40, generationTimeoutMs: 2_000 })
    await expect(client.health()).rejects.toBeInstanceOf(TimeoutError)
    const speech = await client.tts.generate({ text: 'slow GPU', actor: 'Morgan' })
    expect(speech.mediaType).toBe('audio/wav')
  })

  it('rejects nonsense timeouts', () => {
    expect(() => new SillyMediaClient({ generationTimeoutMs: 0 })).toThrow(TypeError)
    expect(() => new SillyMediaClient({ timeoutMs: Number.NaN })).toThrow(TypeError)
  })
})
