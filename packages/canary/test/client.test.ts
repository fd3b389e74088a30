/**
 * CanaryClient against msw: every endpoint (method, path, headers, body sent, parsed answer),
 * the envelope and error mapping, retries on 429, streamed results, and validation before the
 * network. A coverage test checks that the endpoints exercised are exactly `ENDPOINTS`.
 */
import {
  type Clock,
  ConnectionError,
  MediaFile,
  ProviderError,
  RateLimitError,
  ResponseShapeError,
  type RetryEvent,
  ValidationError,
} from '@atelier/core'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ENDPOINTS, type QueueStreamEvent } from '../src'
import { CanaryClient, type CanaryClientOptions } from '../src/client'

const BASE = 'https://canary.test'
const KEY = 'clk_live_0123456789abcdef'

// ---------------------------------------------------------------------------------------------
// Recording server
// ---------------------------------------------------------------------------------------------

const sent: Request[] = []
const hits = new Set<string>()
const server = setupServer()
server.events.on('request:start', ({ request }) => {
  sent.push(request)
})
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  sent.length = 0
})
afterAll(() => server.close())

type Method = 'GET' | 'POST' | 'DELETE'

interface Captured {
  method: string
  url: URL
  headers: Headers
  json: unknown
}

const TEMPLATES = ENDPOINTS.map((endpoint) => ({
  key: `${endpoint.method} ${endpoint.path}`,
  method: endpoint.method as string,
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

async function capture(request: Request): Promise<Captured> {
  const url = new URL(request.url)
  const template = TEMPLATES.find(
    (item) => item.method === request.method && item.pattern.test(url.pathname),
  )
  if (template) hits.add(template.key)
  const text = await request.text()
  return {
    method: request.method,
    url,
    headers: request.headers,
    json: text ? JSON.parse(text) : undefined,
  }
}

const METHODS = { GET: http.get, POST: http.post, DELETE: http.delete }

function route(
  method: Method,
  path: string,
  respond: (request: Request) => Response | Promise<Response>,
): Captured[] {
  const calls: Captured[] = []
  server.use(
    METHODS[method](`${BASE}${path}`, async ({ request }) => {
      calls.push(await capture(request.clone()))
      return respond(request)
    }),
  )
  return calls
}

const ok =
  (data: unknown, status = 200) =>
  () =>
    HttpResponse.json({ success: true, data } as never, { status })

function only(calls: Captured[], method: Method, pathname: string): Captured {
  expect(calls).toHaveLength(1)
  const call = calls[0]!
  expect(call.method).toBe(method)
  expect(call.url.pathname).toBe(pathname)
  return call
}

function makeClient(options: Partial<CanaryClientOptions> = {}): CanaryClient {
  return new CanaryClient({ baseUrl: BASE, apiKey: KEY, retry: { limit: 0 }, ...options })
}

/** A clock whose sleeps end at once and are recorded. */
function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => 0,
    async sleep(ms) {
      sleeps.push(ms)
    },
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
/** Byte equality without a slow element-by-element deep compare. */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5])
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb])
const QUEUED = { queueId: 'img_abc123', status: 'queued' }

/** A response whose body arrives in `parts` chunks of the JSON text. */
function chunked(text: string, parts = 7, status = 200): Response {
  const bytes = new TextEncoder().encode(text)
  const size = Math.ceil(bytes.length / parts)
  let at = 0
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.length) {
          controller.close()
          return
        }
        controller.enqueue(bytes.slice(at, at + size))
        at += size
      },
    }),
    { status, headers: { 'content-type': 'application/json' } },
  )
}

// ---------------------------------------------------------------------------------------------
// Generation endpoints
// ---------------------------------------------------------------------------------------------

describe('generation endpoints', () => {
  it('POST /api/llm/generate-image: the documented body, bearer key, idempotency key; the queued job back', async () => {
    const calls = route('POST', '/api/llm/generate-image', ok(QUEUED))
    const body = {
      provider: 'openai' as const,
      prompt: 'A futuristic city skyline at sunset, digital art',
      model: 'gpt-image-1',
      n: 1,
      size: '1024x1024',
      quality: 'hd' as const,
      tag: 'marketing',
    }
    await expect(makeClient().llm.generateImage(body)).resolves.toEqual(QUEUED)
    const call = only(calls, 'POST', '/api/llm/generate-image')
    expect(call.json).toEqual(body)
    expect(call.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(call.headers.get('x-api-key')).toBeNull()
    expect(call.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(call.headers.get('content-type')).toContain('application/json')
  })

  it('sends the key as X-API-Key when asked', async () => {
    const calls = route('POST', '/api/llm/generate-image', ok(QUEUED))
    await makeClient({ authHeader: 'x-api-key' }).llm.generateImage({
      provider: 'gemini',
      prompt: 'A watercolor painting of a forest',
      model: 'imagen-4.0-generate-001',
      n: 2,
      aspectRatio: '16:9',
    })
    expect(calls[0]!.headers.get('x-api-key')).toBe(KEY)
    expect(calls[0]!.headers.get('authorization')).toBeNull()
  })

  it('POST /api/llm/generate-video: text to video and xAI image to video', async () => {
    const calls = route(
      'POST',
      '/api/llm/generate-video',
      ok({ queueId: 'vid_abc123', status: 'queued' }),
    )
    const gemini = {
      provider: 'gemini' as const,
      prompt: 'A timelapse of clouds moving over a mountain range',
      model: 'veo-3.1-generate-preview',
      aspectRatio: '16:9',
      durationSeconds: 8,
      numberOfVideos: 1,
      tag: 'content-creation',
    }
    const xai = {
      provider: 'xai' as const,
      prompt: 'Slow camera zoom out with cinematic lighting',
      model: 'grok-imagine-video',
      imageUrl: 'https://example.com/photo.jpg',
      resolution: '1080p',
    }
    const client = makeClient()
    await expect(client.llm.generateVideo(gemini)).resolves.toEqual({
      queueId: 'vid_abc123',
      status: 'queued',
    })
    await client.llm.generateVideo(xai)
    expect(calls.map((call) => call.json)).toEqual([gemini, xai])
  })

  it('POST /api/llm/generate-audio: ElevenLabs and MLX Audio speech', async () => {
    const calls = route(
      'POST',
      '/api/llm/generate-audio',
      ok({ queueId: 'llm_abc123', status: 'queued' }),
    )
    const eleven = {
      provider: 'elevenlabs' as const,
      text: 'Hello, welcome to the interview.',
      model: 'eleven_flash_v2_5',
      voiceId: 'JBFqnCBsd6RMkjVDRZzb',
      outputFormat: 'mp3_44100_128',
      tag: 'interview',
    }
    const mlx = {
      provider: 'mlxaudio' as const,
      text: 'Hallo, welkom bij het interview.',
      model: 'kokoro',
      voiceId: 'af_heart',
      tag: 'interview',
    }
    await makeClient().llm.generateAudio(eleven)
    await makeClient().llm.generateAudio(mlx)
    expect(calls.map((call) => call.json)).toEqual([eleven, mlx])
  })

  it('POST /api/llm/generate-sound-effect', async () => {
    const calls = route(
      'POST',
      '/api/llm/generate-sound-effect',
      ok({ queueId: 'llm_1', status: 'queued' }),
    )
    const body = {
      text: 'thunder rolling in the distance, rain on a tin roof',
      model: 'eleven_text_to_sound_v2',
      durationSeconds: 10,
      promptInfluence: 0.5,
      loop: true,
      tag: 'ambient',
    }
    await expect(makeClient().llm.generateSoundEffect(body)).resolves.toEqual({
      queueId: 'llm_1',
      status: 'queued',
    })
    expect(only(calls, 'POST', '/api/llm/generate-sound-effect').json).toEqual(body)
  })

  it('POST /api/llm/generate-music', async () => {
    const calls = route(
      'POST',
      '/api/llm/generate-music',
      ok({ queueId: 'llm_2', status: 'queued' }),
    )
    const body = {
      prompt: 'upbeat jazz jingle, 10 seconds, bright piano and saxophone',
      model: 'music_v1',
      durationMs: 10000,
      forceInstrumental: true,
      tag: 'jingle',
    }
    await makeClient().llm.generateMusic(body)
    expect(only(calls, 'POST', '/api/llm/generate-music').json).toEqual(body)
  })

  it('POST /api/llm/generate-dialogue', async () => {
    const calls = route(
      'POST',
      '/api/llm/generate-dialogue',
      ok({ queueId: 'llm_3', status: 'queued' }),
    )
    const body = {
      inputs: [
        { text: 'Hello, how are you?', voiceId: 'JBFqnCBsd6RMkjVDRZzb' },
        { text: "I'm doing great, thanks!", voiceId: 'Aw4FAjKCGjjNkVhN1Xmq' },
      ],
      outputFormat: 'mp3_44100_128',
      languageCode: 'en',
      model: 'eleven_v3' as const,
      voiceSettings: { stability: 0.5, similarityBoost: 0.75, style: 0, useSpeakerBoost: true },
      seed: 4294967295,
      applyTextNormalization: 'auto' as const,
    }
    await makeClient().llm.generateDialogue(body)
    expect(only(calls, 'POST', '/api/llm/generate-dialogue').json).toEqual(body)
  })

  it('POST /api/llm/transcribe: base64 text as given, or a file encoded with its media type', async () => {
    const calls = route('POST', '/api/llm/transcribe', ok({ queueId: 'llm_4', status: 'queued' }))
    const eleven = {
      provider: 'elevenlabs' as const,
      audio: b64(MP3),
      mimeType: 'audio/mpeg',
      model: 'scribe_v2',
      language: 'nl',
      tag: 'interview',
      diarize: true,
      numSpeakers: 2,
      timestampsGranularity: 'word' as const,
      tagAudioEvents: true,
    }
    await makeClient().llm.transcribe(eleven)
    await makeClient().llm.transcribe({
      provider: 'mlxaudio',
      audio: MediaFile.fromBytes(MP3, { mediaType: 'audio/mpeg' }),
      model: 'whisper-large-v3',
      language: 'nl',
    })
    expect(calls[0]!.json).toEqual(eleven)
    expect(calls[1]!.json).toEqual({
      provider: 'mlxaudio',
      audio: b64(MP3),
      mimeType: 'audio/mpeg',
      model: 'whisper-large-v3',
      language: 'nl',
    })
  })

  it('POST /api/llm/complete', async () => {
    const calls = route('POST', '/api/llm/complete', ok({ queueId: 'llm_5', status: 'queued' }))
    const body = {
      provider: 'openai',
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: 'Hi' },
      ],
      temperature: 0.2,
      maxTokens: 100,
      stream: true,
      responseFormat: { type: 'json_object' },
      tag: 'chat',
    }
    await makeClient().llm.complete(body)
    expect(only(calls, 'POST', '/api/llm/complete').json).toEqual(body)
  })
})

// ---------------------------------------------------------------------------------------------
// Queue
// ---------------------------------------------------------------------------------------------

describe('queue', () => {
  it('POST /api/llm/queue/status: {queueId} in, status and position out; a read is retried', async () => {
    let calls = 0
    const captured = route('POST', '/api/llm/queue/status', () => {
      calls++
      if (calls === 1)
        return HttpResponse.json({ success: false, error: { message: 'busy' } }, { status: 503 })
      return HttpResponse.json({
        success: true,
        data: {
          queueId: 'vid_1',
          status: 'queued',
          position: 3,
          createdAt: '2025-01-01T00:00:00Z',
          startedAt: null,
        },
      })
    })
    const clock = recordingClock()
    const client = makeClient({ retry: { limit: 2 }, clock })
    // Read tolerantly: the timestamp as an ISO instant, `null` as absent.
    await expect(client.queue.status({ queueId: 'vid_1' })).resolves.toStrictEqual({
      queueId: 'vid_1',
      status: 'queued',
      position: 3,
      createdAt: '2025-01-01T00:00:00.000Z',
      startedAt: undefined,
    })
    expect(captured.map((call) => call.json)).toEqual([{ queueId: 'vid_1' }, { queueId: 'vid_1' }])
    expect(captured[0]!.headers.get('idempotency-key')).toBeNull()
    expect(clock.sleeps).toHaveLength(1)
  })

  it('POST /api/llm/queue/result: 202 is "not yet", with the position', async () => {
    const calls = route(
      'POST',
      '/api/llm/queue/result',
      ok({ queueId: 'img_1', status: 'processing', position: null }, 202),
    )
    await expect(makeClient().queue.result({ queueId: 'img_1' })).resolves.toStrictEqual({
      ready: false,
      queueId: 'img_1',
      status: 'processing',
    })
    expect(only(calls, 'POST', '/api/llm/queue/result').json).toEqual({ queueId: 'img_1' })
  })

  it('POST /api/llm/queue/result: the documented image result, media as MediaFiles', async () => {
    route('POST', '/api/llm/queue/result', () =>
      chunked(
        JSON.stringify({
          success: true,
          data: {
            queueId: 'img_abc123',
            status: 'completed',
            result: {
              images: [{ data: b64(PNG), mimeType: 'image/png' }],
              model: 'gpt-image-1',
              provider: 'openai',
            },
          },
        }),
      ),
    )
    const answer = await makeClient().queue.result({ queueId: 'img_abc123', kind: 'image' })
    expect(answer.ready).toBe(true)
    if (!answer.ready) return
    expect(answer).toMatchObject({ queueId: 'img_abc123', status: 'completed' })
    const image = answer.result!.images[0]!.data
    expect(image).toBeInstanceOf(MediaFile)
    expect(image.mediaType).toBe('image/png')
    expect(image.size).toBe(PNG.length)
    expect(await image.bytes()).toEqual(PNG)
    expect(answer.result).toMatchObject({ model: 'gpt-image-1', provider: 'openai' })
  })

  it('reads a large media field again when asked, decoding it as it streams (escaped slashes too)', async () => {
    const video = new Uint8Array(300_000).map((_, index) => (index * 31 + (index >> 7)) & 0xff)
    // Some encoders escape "/" as "\/": the scanner resolves escapes inside media strings.
    const text = JSON.stringify({
      success: true,
      data: {
        queueId: 'vid_abc123',
        status: 'completed',
        result: {
          videos: [{ data: b64(video), mimeType: 'video/mp4' }],
          model: 'veo-3.1-generate-preview',
          provider: 'gemini',
        },
      },
    }).replaceAll('/', '\\/')
    const calls = route('POST', '/api/llm/queue/result', () => chunked(text, 23))
    const answer = await makeClient({ inlineMediaMaxBytes: 1000 }).queue.result({
      queueId: 'vid_abc123',
      kind: 'video',
    })
    if (!answer.ready) throw new Error('expected a result')
    expect(calls).toHaveLength(1)
    const file = answer.result!.videos[0]!.data
    expect(file.mediaType).toBe('video/mp4')
    expect(file.size).toBe(video.length)
    const parts: Uint8Array[] = []
    for await (const part of file.stream() as unknown as AsyncIterable<Uint8Array>) parts.push(part)
    expect(parts.length).toBeGreaterThan(1)
    expect(sameBytes(Buffer.concat(parts), video)).toBe(true)
    expect(calls).toHaveLength(2)
    expect(sameBytes(await file.bytes(), video)).toBe(true)
    expect(calls).toHaveLength(3)
    expect(calls[2]!.json).toEqual({ queueId: 'vid_abc123' })
  })

  it('audio results: a data URL prefix is taken off and names the type; failed and cancelled jobs come back with their status', async () => {
    let answer = 0
    route('POST', '/api/llm/queue/result', () => {
      answer++
      if (answer === 1) {
        return HttpResponse.json({
          success: true,
          data: {
            queueId: 'llm_1',
            status: 'completed',
            result: {
              audio: `data:audio/mpeg;base64,${b64(MP3)}`,
              mimeType: 'audio/wav',
              model: 'eleven_flash_v2_5',
              characterCount: 32,
            },
          },
        })
      }
      if (answer === 2) {
        return HttpResponse.json({
          success: true,
          data: {
            queueId: 'llm_2',
            status: 'error',
            error: { code: 'UPSTREAM', message: 'quota' },
          },
        })
      }
      return HttpResponse.json({ success: true, data: { queueId: 'llm_3', status: 'cancelled' } })
    })
    const client = makeClient()
    const speech = await client.queue.result({ queueId: 'llm_1', kind: 'speech' })
    if (!speech.ready) throw new Error('expected a result')
    expect(speech.result!.audio.mediaType).toBe('audio/mpeg')
    expect(await speech.result!.audio.bytes()).toEqual(MP3)
    expect(speech.result!.characterCount).toBe(32)
    await expect(client.queue.result({ queueId: 'llm_2' })).resolves.toEqual({
      ready: true,
      queueId: 'llm_2',
      status: 'error',
      error: { code: 'UPSTREAM', message: 'quota' },
    })
    await expect(client.queue.result({ queueId: 'llm_3' })).resolves.toEqual({
      ready: true,
      queueId: 'llm_3',
      status: 'cancelled',
    })
  })

  it('a result body cut short is a ConnectionError; broken JSON a ResponseShapeError', async () => {
    let answer = 0
    route('POST', '/api/llm/queue/result', () => {
      answer++
      if (answer === 2) return chunked('{"success":true,"data":{"status":"completed",,}}')
      const text =
        '{"success":true,"data":{"queueId":"v","status":"completed","result":{"videos":[{"data":"AAAA'
      let sentOnce = false
      return new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sentOnce) controller.error(new Error('socket hang up'))
            else controller.enqueue(new TextEncoder().encode(text))
            sentOnce = true
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      )
    })
    const client = makeClient()
    await expect(client.queue.result({ queueId: 'v' })).rejects.toBeInstanceOf(ConnectionError)
    const broken = await client.queue.result({ queueId: 'v' }).catch((error: unknown) => error)
    expect(broken).toBeInstanceOf(ResponseShapeError)
    expect((broken as Error).message).toContain('broken JSON')
  })

  it('a completed result of the wrong shape is a ResponseShapeError naming the field', async () => {
    route(
      'POST',
      '/api/llm/queue/result',
      ok({ queueId: 'i', status: 'completed', result: { images: 'nope' } }),
    )
    const error = await makeClient()
      .queue.result({ queueId: 'i', kind: 'image' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).issues[0]!.path).toEqual(['images'])
  })

  it('POST /api/llm/queue/stream: start, chunk and done events, parsed', async () => {
    const calls = route('POST', '/api/llm/queue/stream', () => {
      const events = [
        'event: start\ndata: {"queueId":"llm_1","status":"processing"}\n\n',
        'event: chunk\ndata: {"delta":"Hel","finishReason":null}\n\n',
        ': keep-alive\n\n',
        'event: chunk\ndata: {"delta":"lo","finishReason":"stop"}\n\n',
        'event: progress\ndata: {"position":2}\n\n',
        'event: done\ndata: {"queueId":"llm_1","status":"completed"}\n\n',
        'event: chunk\ndata: {"delta":"ignored"}\n\n',
      ]
      return new Response(new TextEncoder().encode(events.join('')), {
        headers: { 'content-type': 'text/event-stream' },
      })
    })
    const events: QueueStreamEvent[] = []
    for await (const event of makeClient().queue.stream({ queueId: 'llm_1' })) events.push(event)
    expect(events).toEqual([
      { type: 'start', data: { queueId: 'llm_1', status: 'processing' } },
      { type: 'chunk', data: { delta: 'Hel', finishReason: undefined } },
      { type: 'chunk', data: { delta: 'lo', finishReason: 'stop' } },
      { type: 'other', event: 'progress', data: { position: 2 } },
      { type: 'done', data: { queueId: 'llm_1', status: 'completed' } },
    ])
    const call = only(calls, 'POST', '/api/llm/queue/stream')
    expect(call.json).toEqual({ queueId: 'llm_1' })
    expect(call.headers.get('accept')).toBe('text/event-stream')
  })

  it('POST /api/llm/queue/cancel', async () => {
    const calls = route(
      'POST',
      '/api/llm/queue/cancel',
      ok({ queueId: 'vid_1', status: 'cancelled' }),
    )
    await expect(makeClient().queue.cancel({ queueId: 'vid_1' })).resolves.toEqual({
      queueId: 'vid_1',
      status: 'cancelled',
    })
    expect(only(calls, 'POST', '/api/llm/queue/cancel').json).toEqual({ queueId: 'vid_1' })
  })
})

// ---------------------------------------------------------------------------------------------
// Vision
// ---------------------------------------------------------------------------------------------

describe('vision endpoints', () => {
  const image = b64(PNG)

  it('POST /api/vision/detect, /detect/zero-shot, /detect/faces, /detect/web: queued, images as base64', async () => {
    const detect = route('POST', '/api/vision/detect', ok({ queueId: 'vis_1', status: 'queued' }))
    const zeroShot = route(
      'POST',
      '/api/vision/detect/zero-shot',
      ok({ queueId: 'vis_2', status: 'queued' }),
    )
    const faces = route(
      'POST',
      '/api/vision/detect/faces',
      ok({ queueId: 'vis_3', status: 'queued' }),
    )
    const web = route('POST', '/api/vision/detect/web', ok({ queueId: 'vis_4', status: 'queued' }))
    const client = makeClient()
    await expect(
      client.vision.detect({ image, model: 'yolo11n', confidence: 0.25 }),
    ).resolves.toEqual({
      queueId: 'vis_1',
      status: 'queued',
    })
    await client.vision.detectZeroShot({ image: PNG, prompt: 'coca-cola bottle, pepsi can' })
    await client.vision.detectFaces({
      image,
      model: 'mediapipe',
      confidence: 0.5,
      blur: true,
      blurStrength: 51,
    })
    await client.vision.detectWeb({
      image: new Blob([PNG], { type: 'image/png' }),
      maxResults: 10,
      engine: 'tineye',
    })
    expect(only(detect, 'POST', '/api/vision/detect').json).toEqual({
      image,
      model: 'yolo11n',
      confidence: 0.25,
    })
    expect(zeroShot[0]!.json).toEqual({ image, prompt: 'coca-cola bottle, pepsi can' })
    expect(faces[0]!.json).toEqual({
      image,
      model: 'mediapipe',
      confidence: 0.5,
      blur: true,
      blurStrength: 51,
    })
    expect(web[0]!.json).toEqual({ image, maxResults: 10, engine: 'tineye' })
    for (const calls of [detect, zeroShot, faces, web]) {
      expect(calls[0]!.headers.get('idempotency-key')).not.toBeNull()
    }
  })

  it('POST /api/vision/train', async () => {
    const answer = {
      jobId: 'a1b2c3d4',
      status: 'pending',
      datasetStats: { train: 80, val: 20, total: 100 },
      trainingProfile: 'medium-dataset',
      augmentation: 'high',
      effectiveEpochs: 300,
      warnings: [],
    }
    const calls = route('POST', '/api/vision/train', ok(answer))
    const zip = new Uint8Array([0x50, 0x4b, 5, 6, 0, 0, 0, 0])
    await expect(
      makeClient().vision.train({
        datasetB64: zip,
        baseModel: 'yolo11n',
        classes: ['coca-cola', 'pepsi', 'fanta'],
        imageSize: 640,
      }),
    ).resolves.toEqual(answer)
    expect(only(calls, 'POST', '/api/vision/train').json).toEqual({
      datasetB64: b64(zip),
      baseModel: 'yolo11n',
      classes: ['coca-cola', 'pepsi', 'fanta'],
      imageSize: 640,
    })
  })

  it('POST /api/vision/auto-label', async () => {
    const answer = {
      datasetB64: 'UEsFBgAAAAA=',
      format: 'yolo-zip',
      stats: {
        totalImages: 50,
        trainImages: 40,
        valImages: 10,
        imagesWithDetections: 45,
        imagesWithoutDetections: 5,
        detectionsPerClass: { 'coca-cola': 42, pepsi: 38 },
        totalDetections: 80,
      },
      processingTimeMs: 12340,
    }
    const calls = route('POST', '/api/vision/auto-label', ok(answer))
    await expect(
      makeClient().vision.autoLabel({
        images: [image, PNG],
        classes: ['coca-cola', 'pepsi'],
        confidence: 0.3,
      }),
    ).resolves.toEqual(answer)
    expect(only(calls, 'POST', '/api/vision/auto-label').json).toEqual({
      images: [image, image],
      classes: ['coca-cola', 'pepsi'],
      confidence: 0.3,
    })
  })

  it('POST /api/vision/auto-train: ten images or more', async () => {
    const calls = route(
      'POST',
      '/api/vision/auto-train',
      ok({ jobId: 'j1', status: 'pending', labelStats: { totalImages: 10 } }),
    )
    const images = Array.from({ length: 10 }, () => image)
    await expect(
      makeClient().vision.autoTrain({
        images,
        classes: ['coca-cola'],
        baseModel: 'yolo11n',
        confidence: 0.3,
      }),
    ).resolves.toMatchObject({ jobId: 'j1', status: 'pending' })
    expect(only(calls, 'POST', '/api/vision/auto-train').json).toEqual({
      images,
      classes: ['coca-cola'],
      baseModel: 'yolo11n',
      confidence: 0.3,
    })
  })

  it('GET /api/vision/train/{jobId}: the id is one encoded path segment', async () => {
    const status = {
      jobId: 'a/b',
      status: 'training',
      progress: 0.4,
      epoch: 120,
      totalEpochs: 300,
      metrics: { mAP50: 0.61 },
    }
    const calls = route('GET', '/api/vision/train/:jobId', ok(status))
    await expect(makeClient().vision.trainStatus({ jobId: 'a/b' })).resolves.toEqual(status)
    const call = only(calls, 'GET', '/api/vision/train/a%2Fb')
    expect(call.headers.get('authorization')).toBe(`Bearer ${KEY}`)
  })

  it('GET /api/vision/models: {models} or a bare list', async () => {
    const models = [
      { id: 'yolo11n', type: 'object' },
      { id: 'custom-1', custom: true, classes: ['pepsi'] },
    ]
    let answer = 0
    const calls = route('GET', '/api/vision/models', () =>
      ++answer === 1
        ? HttpResponse.json({ success: true, data: { models } })
        : HttpResponse.json({ success: true, data: models }),
    )
    await expect(makeClient().vision.models()).resolves.toEqual({ models })
    await expect(makeClient().vision.models()).resolves.toEqual({ models })
    expect(calls).toHaveLength(2)
  })

  it('DELETE /api/vision/models/{modelId}', async () => {
    const calls = route(
      'DELETE',
      '/api/vision/models/:modelId',
      ok({ deleted: true, modelId: 'custom-1' }),
    )
    await expect(makeClient().vision.deleteModel({ modelId: 'custom-1' })).resolves.toEqual({
      deleted: true,
      modelId: 'custom-1',
    })
    only(calls, 'DELETE', '/api/vision/models/custom-1')
  })
})

describe('coverage', () => {
  it('the tests above called every endpoint of ENDPOINTS, and nothing else', () => {
    const documented = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
    expect(documented.size).toBe(22)
    expect([...hits].sort()).toEqual([...documented].sort())
  })
})

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

describe('errors', () => {
  it('400 with details → ValidationError with the server issues', async () => {
    route('POST', '/api/llm/generate-image', () =>
      HttpResponse.json(
        {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'prompt is unsafe',
            details: [{ path: 'prompt', message: 'is unsafe', code: 'policy' }],
          },
        },
        { status: 400, headers: { 'x-request-id': 'req_9' } },
      ),
    )
    const error = await makeClient()
      .llm.generateImage({ provider: 'openai', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).status).toBe(400)
    expect((error as ValidationError).issues).toEqual([
      { path: ['prompt'], message: 'is unsafe', rule: 'policy' },
    ])
    expect((error as ValidationError).message).toContain('prompt is unsafe')
  })

  it('401 → ProviderError with status and code; the key never shows', async () => {
    route('POST', '/api/llm/queue/status', () =>
      HttpResponse.json(
        { success: false, error: { code: 'UNAUTHORIZED', message: `Invalid API key ${KEY}` } },
        { status: 401 },
      ),
    )
    const error = await makeClient()
      .queue.status({ queueId: 'q' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(401)
    expect((error as ProviderError).providerCode).toBe('UNAUTHORIZED')
    expect(JSON.stringify(error)).not.toContain(KEY)
    expect((error as Error).message).not.toContain(KEY)
  })

  it('success: false on a 200 is a ProviderError', async () => {
    route('POST', '/api/llm/queue/cancel', () =>
      HttpResponse.json({
        success: false,
        error: { code: 'NOT_CANCELLABLE', message: 'already completed' },
      }),
    )
    const error = await makeClient()
      .queue.cancel({ queueId: 'q' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).toMatchObject({ status: 200, providerCode: 'NOT_CANCELLABLE' })
    expect((error as Error).message).toContain('already completed')
  })

  it('429 waits exactly Retry-After, for submits too (the same idempotency key), then succeeds', async () => {
    let calls = 0
    const captured = route('POST', '/api/llm/generate-music', () => {
      calls++
      if (calls === 1) {
        return HttpResponse.json(
          { success: false, error: { code: 'RATE_LIMITED', message: 'slow down' } },
          { status: 429, headers: { 'retry-after': '2' } },
        )
      }
      return HttpResponse.json({ success: true, data: { queueId: 'llm_9', status: 'queued' } })
    })
    const clock = recordingClock()
    const retries: RetryEvent[] = []
    const client = makeClient({ retry: { limit: 2 }, clock })
    await expect(
      client.llm.generateMusic(
        { prompt: 'jazz' },
        { hooks: { onRetry: (event) => retries.push(event) } },
      ),
    ).resolves.toEqual({ queueId: 'llm_9', status: 'queued' })
    expect(clock.sleeps).toEqual([2000])
    expect(retries[0]!.error).toBeInstanceOf(RateLimitError)
    expect(captured).toHaveLength(2)
    expect(captured[1]!.headers.get('idempotency-key')).toBe(
      captured[0]!.headers.get('idempotency-key'),
    )
  })

  it('429 beyond the retries → RateLimitError with retryAfterMs', async () => {
    route('POST', '/api/llm/queue/status', () =>
      HttpResponse.json(
        { success: false, error: { message: 'slow down' } },
        { status: 429, headers: { 'retry-after': '3' } },
      ),
    )
    const error = await makeClient()
      .queue.status({ queueId: 'q' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBe(3000)
  })

  it('a submit is not re-sent after a 500: the job may exist', async () => {
    const calls = route('POST', '/api/llm/generate-video', () =>
      HttpResponse.json({ success: false, error: { message: 'boom' } }, { status: 500 }),
    )
    const client = makeClient({ retry: { limit: 3 }, clock: recordingClock() })
    await expect(
      client.llm.generateVideo({ provider: 'gemini', prompt: 'x' }),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(calls).toHaveLength(1)
  })
})

// ---------------------------------------------------------------------------------------------
// Validation before the network
// ---------------------------------------------------------------------------------------------

describe('invalid input fails before any request, naming the field', () => {
  const client = makeClient()
  const image = b64(PNG)
  const cases: [string, () => Promise<unknown>, string][] = [
    [
      'image provider',
      () => client.llm.generateImage({ provider: 'midjourney' as never, prompt: 'x' }),
      'provider',
    ],
    ['image n 11', () => client.llm.generateImage({ provider: 'openai', prompt: 'x', n: 11 }), 'n'],
    ['image n 0', () => client.llm.generateImage({ provider: 'openai', prompt: 'x', n: 0 }), 'n'],
    [
      'image quality',
      () => client.llm.generateImage({ provider: 'openai', prompt: 'x', quality: 'max' as never }),
      'quality',
    ],
    [
      'image tag 101',
      () => client.llm.generateImage({ provider: 'openai', prompt: 'x', tag: 't'.repeat(101) }),
      'tag',
    ],
    [
      'image size empty',
      () => client.llm.generateImage({ provider: 'openai', prompt: 'x', size: '' }),
      'size',
    ],
    [
      'image unknown field',
      () => client.llm.generateImage({ provider: 'openai', prompt: 'x', steps: 4 } as never),
      'steps',
    ],
    [
      'video provider',
      () => client.llm.generateVideo({ provider: 'openai' as never, prompt: 'x' }),
      'provider',
    ],
    [
      'video 61 s',
      () => client.llm.generateVideo({ provider: 'gemini', prompt: 'x', durationSeconds: 61 }),
      'durationSeconds',
    ],
    [
      'video 0.5 s',
      () => client.llm.generateVideo({ provider: 'gemini', prompt: 'x', durationSeconds: 0.5 }),
      'durationSeconds',
    ],
    [
      'video 5 videos',
      () => client.llm.generateVideo({ provider: 'gemini', prompt: 'x', numberOfVideos: 5 }),
      'numberOfVideos',
    ],
    [
      'video imageUrl on gemini',
      () =>
        client.llm.generateVideo({
          provider: 'gemini',
          prompt: 'x',
          imageUrl: 'https://a.example/p.jpg',
        }),
      'imageUrl',
    ],
    [
      'video imageUrl not a URL',
      () => client.llm.generateVideo({ provider: 'xai', prompt: 'x', imageUrl: 'photo.jpg' }),
      'imageUrl',
    ],
    [
      'video resolution empty',
      () => client.llm.generateVideo({ provider: 'xai', prompt: 'x', resolution: '' }),
      'resolution',
    ],
    [
      'speech outputFormat on mlxaudio',
      () =>
        client.llm.generateAudio({
          provider: 'mlxaudio',
          text: 'x',
          outputFormat: 'mp3_44100_128',
        }),
      'outputFormat',
    ],
    [
      'speech empty text',
      () => client.llm.generateAudio({ provider: 'elevenlabs', text: '' }),
      'text',
    ],
    [
      'sound effect 0.4 s',
      () => client.llm.generateSoundEffect({ text: 'x', durationSeconds: 0.4 }),
      'durationSeconds',
    ],
    [
      'sound effect 31 s',
      () => client.llm.generateSoundEffect({ text: 'x', durationSeconds: 31 }),
      'durationSeconds',
    ],
    [
      'sound effect influence 1.1',
      () => client.llm.generateSoundEffect({ text: 'x', promptInfluence: 1.1 }),
      'promptInfluence',
    ],
    [
      'music 2999 ms',
      () => client.llm.generateMusic({ prompt: 'x', durationMs: 2999 }),
      'durationMs',
    ],
    [
      'music 600001 ms',
      () => client.llm.generateMusic({ prompt: 'x', durationMs: 600_001 }),
      'durationMs',
    ],
    ['dialogue no inputs', () => client.llm.generateDialogue({ inputs: [] }), 'inputs'],
    [
      'dialogue 101 inputs',
      () =>
        client.llm.generateDialogue({
          inputs: Array.from({ length: 101 }, () => ({ text: 'x', voiceId: 'v' })),
        }),
      'inputs',
    ],
    [
      'dialogue 11 voices',
      () =>
        client.llm.generateDialogue({
          inputs: Array.from({ length: 11 }, (_, index) => ({ text: 'x', voiceId: `v${index}` })),
        }),
      'inputs',
    ],
    [
      'dialogue model',
      () =>
        client.llm.generateDialogue({
          inputs: [{ text: 'x', voiceId: 'v' }],
          model: 'eleven_v2' as never,
        }),
      'model',
    ],
    [
      'dialogue seed',
      () =>
        client.llm.generateDialogue({ inputs: [{ text: 'x', voiceId: 'v' }], seed: 4_294_967_296 }),
      'seed',
    ],
    [
      'dialogue normalization',
      () =>
        client.llm.generateDialogue({
          inputs: [{ text: 'x', voiceId: 'v' }],
          applyTextNormalization: 'yes' as never,
        }),
      'applyTextNormalization',
    ],
    [
      'dialogue stability',
      () =>
        client.llm.generateDialogue({
          inputs: [{ text: 'x', voiceId: 'v' }],
          voiceSettings: { stability: 2 },
        }),
      'voiceSettings.stability',
    ],
    [
      'transcribe 33 speakers',
      () => client.llm.transcribe({ provider: 'elevenlabs', audio: b64(MP3), numSpeakers: 33 }),
      'numSpeakers',
    ],
    [
      'transcribe diarize on mlxaudio',
      () => client.llm.transcribe({ provider: 'mlxaudio', audio: b64(MP3), diarize: true }),
      'diarize',
    ],
    [
      'transcribe granularity',
      () =>
        client.llm.transcribe({
          provider: 'elevenlabs',
          audio: b64(MP3),
          timestampsGranularity: 'segment' as never,
        }),
      'timestampsGranularity',
    ],
    [
      'transcribe audio not base64',
      () => client.llm.transcribe({ provider: 'elevenlabs', audio: 'not base64!' }),
      'audio',
    ],
    [
      'complete temperature',
      () =>
        client.llm.complete({
          provider: 'openai',
          model: 'm',
          messages: [{ role: 'user', content: 'x' }],
          temperature: 3,
        }),
      'temperature',
    ],
    [
      'complete no messages',
      () => client.llm.complete({ provider: 'openai', model: 'm', messages: [] }),
      'messages',
    ],
    ['detect confidence', () => client.vision.detect({ image, confidence: 1.5 }), 'confidence'],
    ['faces model', () => client.vision.detectFaces({ image, model: 'yolo11n' as never }), 'model'],
    [
      'faces even blurStrength',
      () => client.vision.detectFaces({ image, blur: true, blurStrength: 50 }),
      'blurStrength',
    ],
    ['web engine', () => client.vision.detectWeb({ image, engine: 'bing' as never }), 'engine'],
    ['zero-shot prompt', () => client.vision.detectZeroShot({ image, prompt: '' }), 'prompt'],
    ['train classes', () => client.vision.train({ datasetB64: image, classes: [] }), 'classes'],
    [
      'train imageSize',
      () => client.vision.train({ datasetB64: image, classes: ['a'], imageSize: 0 }),
      'imageSize',
    ],
    [
      'auto-train 9 images',
      () =>
        client.vision.autoTrain({ images: Array.from({ length: 9 }, () => image), classes: ['a'] }),
      'images',
    ],
    ['train status id', () => client.vision.trainStatus({ jobId: '..' }), 'jobId'],
    ['delete model id', () => client.vision.deleteModel({ modelId: '' }), 'modelId'],
    ['queue id', () => client.queue.status({ queueId: '' }), 'queueId'],
  ]
  it.each(cases)('%s', async (_name, call, field) => {
    const error = await call().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field ?? '(input)').toBe(field || '(input)')
    expect(sent).toHaveLength(0)
  })

  it('a MediaFile behind a URL is not fetched when the rest of the body is invalid', async () => {
    const remote = MediaFile.fromUrl('https://cdn.test/clip.mp3', { mediaType: 'audio/mpeg' })
    await expect(
      client.llm.transcribe({ provider: 'mlxaudio', audio: remote, numSpeakers: 2 }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(sent).toHaveLength(0)
  })

  it('options are checked when the client is made', () => {
    expect(() => new CanaryClient({ baseUrl: '' })).toThrow(/baseUrl is required/)
    expect(() => new CanaryClient({ baseUrl: 'not a url' })).toThrow(
      /baseUrl "not a url" is not a URL/,
    )
    expect(
      () => new CanaryClient({ baseUrl: BASE, apiKey: KEY, authHeader: 'cookie' as never }),
    ).toThrow(/authHeader/)
    expect(() => new CanaryClient({ baseUrl: BASE, inlineMediaMaxBytes: -1 })).toThrow(
      /inlineMediaMaxBytes/,
    )
  })
})
