/**
 * The CanaryLLM emulator, called as a fetch handler (and once over a real socket): auth,
 * validation, the queue (positions, 202 while processing, SSE, cancel), rate limiting,
 * failure injection, idempotent submits, valid media in results, an exact-size video result
 * streamed without being built in memory, and custom model training.
 */
import { ENDPOINTS } from '@atelier/canary'
import { afterEach, describe, expect, it } from 'vitest'
import { encodePng, inspectMp4, inspectPng, inspectWav, serve } from '../src'
import { type CanaryEmulatorOptions, createCanaryEmulator } from '../src/canary'
import { zipEntries } from '../src/media/zip'

const KEY = 'clk_live_emulator'
const BASE = 'http://canary.test'
const FAST: CanaryEmulatorOptions = {
  processingMs: {
    image: 30,
    video: 30,
    speech: 20,
    soundEffect: 20,
    music: 20,
    dialogue: 20,
    transcription: 20,
    completion: 40,
    detection: 10,
    webDetection: 10,
  },
  trainingMs: 40,
  videoFrame: { width: 32, height: 18 },
  imageBaseSize: 32,
}

const emulators: ReturnType<typeof createCanaryEmulator>[] = []
afterEach(() => {
  for (const emulator of emulators.splice(0)) emulator.reset()
})

function setup(options: CanaryEmulatorOptions = {}) {
  const emulator = createCanaryEmulator({ ...FAST, ...options })
  emulators.push(emulator)
  const call = (
    path: string,
    init: RequestInit = {},
    headers: Record<string, string> = { authorization: `Bearer ${KEY}` },
  ) =>
    emulator.handler(
      new Request(`${BASE}${path}`, {
        ...init,
        headers: {
          'content-type': 'application/json',
          ...headers,
          ...(init.headers as Record<string, string>),
        },
      }),
    )
  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    call(path, { method: 'POST', body: JSON.stringify(body) }, headers)
  const data = async (response: Response | Promise<Response>) => {
    const json = (await (await response).json()) as {
      success: boolean
      data?: Record<string, unknown>
      error?: Record<string, unknown>
    }
    return json
  }
  const submit = async (path: string, body: unknown) => {
    const answer = await data(post(path, body))
    expect(answer.success).toBe(true)
    return String(answer.data!.queueId)
  }
  const waitFor = async (queueId: string) => {
    await expect
      .poll(async () => (await data(post('/api/llm/queue/status', { queueId }))).data!.status, {
        interval: 5,
        timeout: 5000,
      })
      .toMatch(/completed|error|cancelled/)
  }
  const result = async (queueId: string) => {
    await waitFor(queueId)
    return data(post('/api/llm/queue/result', { queueId }))
  }
  return { emulator, call, post, data, submit, waitFor, result }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const decode = (text: unknown) => new Uint8Array(Buffer.from(String(text), 'base64'))

describe('canary emulator: requests', () => {
  it('serves exactly the endpoints of @atelier/canary', () => {
    const { emulator } = setup()
    const served = emulator.routes.map((route) => `${route.method} ${route.pattern}`).sort()
    expect(served).toEqual(
      ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort(),
    )
  })

  it('needs a key, by Bearer or X-API-Key; apiKeys restricts which', async () => {
    const open = setup()
    const missing = await open.data(open.post('/api/llm/generate-music', { prompt: 'x' }, {}))
    expect(missing).toEqual({
      success: false,
      error: { code: 'UNAUTHORIZED', message: expect.stringContaining('X-API-Key') },
    })
    await open.submit('/api/llm/generate-music', { prompt: 'x' })
    expect(
      (await open.post('/api/llm/generate-music', { prompt: 'x' }, { 'x-api-key': 'anything' }))
        .status,
    ).toBe(200)
    expect(open.emulator.state.requests.map((request) => request.auth)).toEqual([
      undefined,
      'bearer',
      'x-api-key',
    ])
    const closed = setup({ apiKeys: ['clk_live_right'] })
    expect((await closed.post('/api/llm/generate-music', { prompt: 'x' })).status).toBe(401)
    expect(
      (
        await closed.post(
          '/api/llm/generate-music',
          { prompt: 'x' },
          { 'x-api-key': 'clk_live_right' },
        )
      ).status,
    ).toBe(200)
  })

  it('validates with its own reading of the document: 400 VALIDATION_ERROR with details per field', async () => {
    const { post, data, emulator } = setup()
    const response = await post('/api/llm/generate-video', {
      provider: 'gemini',
      prompt: 'x',
      durationSeconds: 61,
      imageUrl: 'https://a.example/b.jpg',
    })
    expect(response.status).toBe(400)
    const body = await data(response)
    expect(body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [
        { path: 'durationSeconds', message: 'must be between 1 and 60', code: 'too_big' },
        { path: 'imageUrl', message: expect.stringContaining('xai'), code: 'custom' },
      ],
    })
    expect((await post('/api/llm/generate-image', 'not json' as never)).status).toBe(400)
    const notImage = await data(
      post('/api/vision/detect', { image: b64(new Uint8Array([1, 2, 3])) }),
    )
    expect(notImage.error).toMatchObject({ code: 'INVALID_IMAGE' })
    expect(emulator.state.jobs.size).toBe(0)
  })

  it('unknown routes are 404, wrong methods 405, in the error envelope', async () => {
    const { call } = setup()
    const missing = await call('/api/llm/nothing', { method: 'POST', body: '{}' })
    expect(missing.status).toBe(404)
    const wrong = await call('/api/llm/generate-image', { method: 'GET' })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  it('rate limits with 429, Retry-After and retry-after-ms', async () => {
    const { post, data } = setup({ rateLimit: { requests: 2, windowMs: 60_000 } })
    await post('/api/llm/generate-music', { prompt: 'x' })
    await post('/api/llm/generate-music', { prompt: 'x' })
    const limited = await post('/api/llm/generate-music', { prompt: 'x' })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59)
    expect(Number(limited.headers.get('retry-after-ms'))).toBeGreaterThan(59_000)
    expect((await data(limited)).error).toMatchObject({ code: 'RATE_LIMITED' })
  })

  it('failNext answers the next matching requests with the given status and headers', async () => {
    const { post, emulator } = setup()
    emulator.failNext(1, {
      path: '/api/llm/queue/status',
      status: 503,
      headers: { 'retry-after': '1' },
    })
    const id = 'llm_x'
    const failed = await post('/api/llm/queue/status', { queueId: id })
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('1')
    expect((await post('/api/llm/queue/status', { queueId: id })).status).toBe(404)
  })

  it('a repeated Idempotency-Key gets the first job, not a second one', async () => {
    const { post, data, emulator } = setup()
    const headers = { authorization: `Bearer ${KEY}`, 'idempotency-key': 'key-1' }
    const first = await data(post('/api/llm/generate-music', { prompt: 'x' }, headers))
    const again = await data(post('/api/llm/generate-music', { prompt: 'x' }, headers))
    expect(again.data!.queueId).toBe(first.data!.queueId)
    expect(emulator.state.jobs.size).toBe(1)
  })
})

describe('canary emulator: the queue', () => {
  it('positions count the jobs ahead; result answers 202 until done; workers run in parallel', async () => {
    const { submit, post, data, emulator, waitFor } = setup({ processingMs: { music: 80 } })
    const ids = [
      await submit('/api/llm/generate-music', { prompt: 'a' }),
      await submit('/api/llm/generate-music', { prompt: 'b' }),
      await submit('/api/llm/generate-music', { prompt: 'c' }),
    ]
    const statuses = await Promise.all(
      ids.map(async (queueId) => (await data(post('/api/llm/queue/status', { queueId }))).data),
    )
    expect(statuses.map((status) => [status!.status, status!.position])).toEqual([
      ['processing', null],
      ['queued', 0],
      ['queued', 1],
    ])
    expect(statuses[0]).toMatchObject({
      createdAt: expect.any(String),
      startedAt: expect.any(String),
      completedAt: null,
    })
    const pending = await post('/api/llm/queue/result', { queueId: ids[2] })
    expect(pending.status).toBe(202)
    expect((await data(pending)).data).toEqual({ queueId: ids[2], status: 'queued', position: 1 })
    await waitFor(ids[2]!)
    expect(emulator.state.maxProcessing).toBe(1)
    const parallel = setup({ workers: 2 })
    await parallel.submit('/api/llm/generate-music', { prompt: 'a' })
    await parallel.submit('/api/llm/generate-music', { prompt: 'b' })
    expect(parallel.emulator.state.maxProcessing).toBe(2)
  })

  it('SSE: start, the completion chunks, a final chunk with finishReason, done with usage', async () => {
    const { submit, post } = setup()
    const queueId = await submit('/api/llm/complete', {
      provider: 'openai',
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'say hi' }],
      stream: true,
    })
    const response = await post('/api/llm/queue/stream', { queueId })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const text = await response.text()
    const events = text
      .trim()
      .split('\n\n')
      .map((block) => {
        const [event, data] = block.split('\n')
        return {
          event: event!.slice('event: '.length),
          data: JSON.parse(data!.slice('data: '.length)),
        }
      })
    expect(events[0]).toMatchObject({ event: 'start', data: { queueId, status: 'processing' } })
    const chunks = events.filter((event) => event.event === 'chunk')
    expect(chunks.map((chunk) => chunk.data.delta).join('')).toBe(
      'This is the emulated answer to: say hi',
    )
    expect(chunks.at(-1)!.data).toEqual({ delta: '', finishReason: 'stop' })
    expect(events.at(-1)).toEqual({
      event: 'done',
      data: {
        queueId,
        status: 'completed',
        usage: {
          inputTokens: 2,
          outputTokens: chunks.length - 1,
          totalTokens: 2 + chunks.length - 1,
        },
      },
    })
  })

  it('SSE of a failed job ends with an error event; of a finished job at once', async () => {
    const { submit, post, emulator, waitFor } = setup()
    emulator.failJobs = true
    const queueId = await submit('/api/llm/generate-music', { prompt: 'x' })
    const text = await (await post('/api/llm/queue/stream', { queueId })).text()
    expect(text).toContain('event: start')
    expect(text).toContain('event: error\ndata: {"queueId":')
    expect(text).toContain('"code":"GENERATION_FAILED"')
    await waitFor(queueId)
    const again = await (await post('/api/llm/queue/stream', { queueId })).text()
    expect(again.startsWith('event: start')).toBe(true)
    const status = await (await post('/api/llm/queue/result', { queueId })).json()
    expect(status).toMatchObject({
      success: true,
      data: { status: 'error', error: { code: 'GENERATION_FAILED' } },
    })
  })

  it('cancel: a queued or processing job is cancelled; an ended one is a 409; unknown a 404', async () => {
    const { submit, post, data, emulator } = setup({ processingMs: { video: 5000 } })
    const running = await submit('/api/llm/generate-video', { provider: 'gemini', prompt: 'a' })
    const waiting = await submit('/api/llm/generate-video', { provider: 'gemini', prompt: 'b' })
    expect((await data(post('/api/llm/queue/cancel', { queueId: waiting }))).data).toEqual({
      queueId: waiting,
      status: 'cancelled',
    })
    expect((await data(post('/api/llm/queue/cancel', { queueId: running }))).data).toEqual({
      queueId: running,
      status: 'cancelled',
    })
    expect(emulator.state.processing.size).toBe(0)
    const ended = await post('/api/llm/queue/cancel', { queueId: running })
    expect(ended.status).toBe(409)
    expect((await data(ended)).error).toMatchObject({ code: 'NOT_CANCELLABLE' })
    expect((await post('/api/llm/queue/cancel', { queueId: 'nope' })).status).toBe(404)
    const stream = await (await post('/api/llm/queue/stream', { queueId: waiting })).text()
    expect(stream).toBe(`event: done\ndata: {"queueId":"${waiting}","status":"cancelled"}\n\n`)
  })
})

describe('canary emulator: results carry valid media', () => {
  it('images: PNGs of the size asked, n of them', async () => {
    const { submit, result } = setup()
    const queueId = await submit('/api/llm/generate-image', {
      provider: 'openai',
      prompt: 'x',
      n: 3,
      size: '40x24',
    })
    const answer = await result(queueId)
    const images = answer.data!.result as {
      images: { data: string; mimeType: string }[]
      model: string
      provider: string
    }
    expect(images.images).toHaveLength(3)
    expect(images).toMatchObject({ model: 'gpt-image-1', provider: 'openai' })
    for (const image of images.images) {
      expect(image.mimeType).toBe('image/png')
      expect(inspectPng(decode(image.data))).toMatchObject({ width: 40, height: 24 })
    }
    const ratio = await result(
      await submit('/api/llm/generate-image', {
        provider: 'gemini',
        prompt: 'x',
        aspectRatio: '9:16',
      }),
    )
    const tall = (ratio.data!.result as { images: { data: string }[] }).images[0]!
    expect(inspectPng(decode(tall.data))).toMatchObject({ width: 18, height: 32 })
  })

  it('audio: WAV of the right length (speech by text length, effects and music as asked)', async () => {
    const { submit, result } = setup()
    const effect = await result(
      await submit('/api/llm/generate-sound-effect', { text: 'boom', durationSeconds: 2.5 }),
    )
    expect(
      inspectWav(decode((effect.data!.result as { audio: string }).audio)).durationSeconds,
    ).toBeCloseTo(2.5, 3)
    const music = await result(
      await submit('/api/llm/generate-music', { prompt: 'x', durationMs: 3000 }),
    )
    expect(music.data!.result).toMatchObject({
      mimeType: 'audio/wav',
      durationMs: 3000,
      model: 'music_v1',
    })
    const speech = await result(
      await submit('/api/llm/generate-audio', {
        provider: 'elevenlabs',
        text: 'x'.repeat(30),
        outputFormat: 'mp3_44100_128',
      }),
    )
    const wav = inspectWav(decode((speech.data!.result as { audio: string }).audio))
    expect(wav).toMatchObject({ sampleRate: 44100, durationSeconds: 2 })
    expect(speech.data!.result).toMatchObject({ characterCount: 30 })
  })

  it('video: an MP4 of exactly videoBytes, streamed as JSON in many chunks with no length announced', async () => {
    const { submit, post, waitFor } = setup({ videoBytes: 2_000_000 })
    const queueId = await submit('/api/llm/generate-video', {
      provider: 'gemini',
      prompt: 'x',
      durationSeconds: 2,
    })
    await waitFor(queueId)
    const response = await post('/api/llm/queue/result', { queueId })
    expect(response.headers.get('content-length')).toBeNull()
    const reader = response.body!.getReader()
    const parts: Uint8Array[] = []
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parts.push(value)
    }
    expect(parts.length).toBeGreaterThan(1)
    const json = JSON.parse(Buffer.concat(parts).toString('utf8'))
    const video = decode(json.data.result.videos[0].data)
    expect(video.length).toBe(2_000_000)
    expect(inspectMp4(video)).toMatchObject({ width: 32, height: 18, durationSeconds: 2 })
    expect(json.data.result).toMatchObject({
      model: 'veo-3.1-generate-preview',
      provider: 'gemini',
    })
  })

  it('over a real socket, a 1 GiB video result starts at once and is never built in memory', async () => {
    const emulator = createCanaryEmulator({ ...FAST, videoBytes: 1024 * 1024 * 1024 })
    emulators.push(emulator)
    const server = await serve(emulator.handler)
    try {
      const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }
      const created = await (
        await fetch(`${server.url}/api/llm/generate-video`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ provider: 'gemini', prompt: 'x' }),
        })
      ).json()
      const queueId = created.data.queueId
      await expect
        .poll(() => emulator.state.jobs.get(queueId)?.status, { interval: 5 })
        .toBe('completed')
      const before = process.memoryUsage().arrayBuffers
      const response = await fetch(`${server.url}/api/llm/queue/result`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ queueId }),
      })
      const reader = response.body!.getReader()
      const parts: Uint8Array[] = []
      while (parts.length < 3) parts.push((await reader.read()).value!)
      await reader.cancel()
      const start = Buffer.concat(parts).toString('latin1')
      expect(start).toMatch(
        /^\{"success":true,"data":\{"queueId":"vid_\w+","status":"completed","result":\{"videos":\[\{"data":"AAAA/,
      )
      // A body built before sending would hold ~1.4 GB (the base64 of 1 GiB) by now.
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(200 * 1024 * 1024)
    } finally {
      await server.close()
    }
  })

  it('transcripts: words with times, speakers when diarized, audio events when tagged', async () => {
    const { submit, result } = setup()
    const answer = await result(
      await submit('/api/llm/transcribe', {
        provider: 'elevenlabs',
        audio: b64(new Uint8Array([1, 2, 3])),
        diarize: true,
        numSpeakers: 2,
        tagAudioEvents: true,
        timestampsGranularity: 'character',
        language: 'nl',
      }),
    )
    const transcript = answer.data!.result as {
      text: string
      language: string
      words: Record<string, unknown>[]
    }
    expect(transcript.language).toBe('nl')
    expect(transcript.words[0]).toMatchObject({
      text: 'Hello,',
      start: 0.08,
      type: 'word',
      speakerId: 'speaker_0',
    })
    expect((transcript.words[0]!.characters as unknown[]).length).toBe(6)
    expect(transcript.words.some((word) => word.type === 'audio_event')).toBe(true)
    expect(transcript.words.at(-1)).toMatchObject({ speakerId: 'speaker_1' })
  })

  it('detections sit inside the image; faces blur returns a PNG of the same size; web has each engine shape', async () => {
    const { submit, result } = setup()
    const image = b64(encodePng({ width: 120, height: 90 }))
    const objects = (await result(await submit('/api/vision/detect', { image, confidence: 0.5 })))
      .data!.result as {
      detections: {
        confidence: number
        bbox: { x: number; y: number; width: number; height: number }
      }[]
      imageSize: unknown
    }
    expect(objects.imageSize).toEqual({ width: 120, height: 90 })
    expect(objects.detections.length).toBe(3)
    for (const detection of objects.detections) {
      expect(detection.confidence).toBeGreaterThanOrEqual(0.5)
      expect(detection.bbox.x + detection.bbox.width).toBeLessThanOrEqual(120)
      expect(detection.bbox.y + detection.bbox.height).toBeLessThanOrEqual(90)
    }
    const faces = (
      await result(
        await submit('/api/vision/detect/faces', { image, blur: true, blurStrength: 51 }),
      )
    ).data!.result as {
      blurredImage: string
      model: string
    }
    expect(faces.model).toBe('haarcascade')
    expect(inspectPng(decode(faces.blurredImage))).toMatchObject({ width: 120, height: 90 })
    const google = (await result(await submit('/api/vision/detect/web', { image, maxResults: 1 })))
      .data!.result
    expect(google).toMatchObject({
      provider: 'gcvision',
      bestGuessLabels: ['storefront'],
      visuallySimilarImages: [{ url: 'https://sim.example/c.jpg' }],
    })
    const tineye = (
      await result(await submit('/api/vision/detect/web', { image, engine: 'tineye' }))
    ).data!.result
    expect(tineye).toMatchObject({
      provider: 'tineye',
      totalBacklinks: 3,
      pagesWithMatchingImages: [{ domain: 'wp.example', crawlDate: '2024-09-11' }, {}],
    })
  })
})

describe('canary emulator: training', () => {
  it('auto-label makes a YOLO zip; train runs, finishes and leaves a model to detect with and delete', async () => {
    const { post, data, submit, result, call } = setup()
    const image = b64(encodePng({ width: 64, height: 48 }))
    const labelled = await data(
      post('/api/vision/auto-label', {
        images: Array.from({ length: 5 }, () => image),
        classes: ['kite', 'ball'],
      }),
    )
    expect(labelled.data).toMatchObject({
      format: 'yolo-zip',
      stats: {
        totalImages: 5,
        trainImages: 4,
        valImages: 1,
        imagesWithDetections: 4,
        imagesWithoutDetections: 1,
        detectionsPerClass: { kite: 4, ball: 4 },
        totalDetections: 8,
      },
    })
    const names = zipEntries(decode(labelled.data!.datasetB64))
    expect(names).toContain('images/train/img_0.png')
    expect(names).toContain('labels/val/img_4.txt')
    expect(names).toContain('data.yaml')

    const training = await data(
      post('/api/vision/train', {
        datasetB64: labelled.data!.datasetB64,
        classes: ['kite', 'ball'],
        epochs: 20,
      }),
    )
    expect(training.data).toMatchObject({
      status: 'pending',
      datasetStats: { train: 4, val: 1, total: 5 },
      trainingProfile: 'small-dataset',
      augmentation: 'aggressive',
      effectiveEpochs: 20,
      warnings: [expect.stringContaining('zero-shot')],
    })
    const jobId = String(training.data!.jobId)
    await expect
      .poll(async () => (await data(call(`/api/vision/train/${jobId}`))).data!.status, {
        interval: 5,
      })
      .toBe('completed')
    const status = (await data(call(`/api/vision/train/${jobId}`))).data!
    expect(status).toMatchObject({
      progress: 1,
      epoch: 20,
      totalEpochs: 20,
      modelId: `custom-${jobId}`,
      recommended_confidence: 0.35,
    })
    const models = (await data(call('/api/vision/models'))).data!.models as {
      id: string
      custom: boolean
    }[]
    expect(models.find((model) => model.id === `custom-${jobId}`)).toMatchObject({
      custom: true,
      classes: ['kite', 'ball'],
    })
    const detected = (
      await result(await submit('/api/vision/detect', { image, model: `custom-${jobId}` }))
    ).data!.result as {
      detections: { label: string }[]
    }
    expect(new Set(detected.detections.map((detection) => detection.label))).toEqual(
      new Set(['kite', 'ball']),
    )
    expect(
      (await data(call(`/api/vision/models/custom-${jobId}`, { method: 'DELETE' }))).data,
    ).toEqual({ deleted: true, modelId: `custom-${jobId}` })
    expect((await call(`/api/vision/models/custom-${jobId}`, { method: 'DELETE' })).status).toBe(
      404,
    )
    expect((await call('/api/vision/models/yolo11n', { method: 'DELETE' })).status).toBe(400)
    expect((await post('/api/vision/detect', { image, model: `custom-${jobId}` })).status).toBe(404)
  })

  it('auto-train needs ten images; a dataset that is not a zip is refused', async () => {
    const { post, data } = setup()
    const image = b64(encodePng({ width: 8, height: 8 }))
    expect((await post('/api/vision/auto-train', { images: [image], classes: ['a'] })).status).toBe(
      400,
    )
    const ten = await data(
      post('/api/vision/auto-train', {
        images: Array.from({ length: 10 }, () => image),
        classes: ['a'],
      }),
    )
    expect(ten.data).toMatchObject({
      status: 'pending',
      datasetStats: { total: 10 },
      labelStats: { totalImages: 10 },
    })
    const notZip = await data(post('/api/vision/train', { datasetB64: image, classes: ['a'] }))
    expect(notZip.error).toMatchObject({ code: 'INVALID_DATASET' })
  })

  it('reset forgets jobs, models and rules, and stops work', async () => {
    const { submit, emulator } = setup({ processingMs: { video: 5000 } })
    await submit('/api/llm/generate-video', { provider: 'gemini', prompt: 'x' })
    emulator.failNext(5)
    emulator.reset()
    expect(emulator.state.jobs.size).toBe(0)
    expect(emulator.state.processing.size).toBe(0)
    expect(emulator.state.requests).toHaveLength(0)
  })
})
