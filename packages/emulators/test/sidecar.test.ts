import { ENDPOINTS, RESPONSE_CONTENT_TYPES } from '@atelier/local'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSidecarEmulator,
  EMULATOR_HEADER,
  encodePng,
  encodeWav,
  inspectJpeg,
  inspectMp4,
  inspectPng,
  inspectWav,
  SIDECAR_INJECTED_JOB_ERROR,
  type SidecarEmulator,
  type SidecarEmulatorOptions,
  serve,
} from '../src'

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/** Fast timings: a whole video job in 200 ms, image steps of 2 ms. */
const FAST: SidecarEmulatorOptions = {
  imageStepMs: 2,
  swapDelayMs: 5,
  videoJobMs: 200,
  musicJobMs: 150,
  ttsChunkMs: 2,
  llmTokenMs: 0,
  visionMs: 5,
  youtubeMs: 5,
}

const running: { close(): Promise<void> }[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

interface Sidecar {
  emulator: SidecarEmulator
  url: string
  call(path: string, init?: RequestInit): Promise<Response>
  postJson(path: string, body: unknown): Promise<Response>
  postForm(
    path: string,
    fields: Record<string, string | Blob | Blob[]>,
    method?: string,
  ): Promise<Response>
}

async function startSidecar(options: SidecarEmulatorOptions = {}): Promise<Sidecar> {
  const emulator = createSidecarEmulator({ ...FAST, ...options })
  const server = await serve(emulator.handler)
  running.push({
    close: async () => {
      emulator.reset()
      await server.close()
    },
  })
  const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init)
  return {
    emulator,
    url: server.url,
    call,
    postJson: (path, body) =>
      call(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    postForm: (path, fields, method = 'POST') => {
      const form = new FormData()
      for (const [name, value] of Object.entries(fields)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'string') form.append(name, item)
          else form.append(name, item, item instanceof File ? item.name : `${name}.bin`)
        }
      }
      return call(path, { method, body: form })
    },
  }
}

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer())
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const pngBase64 = (width: number, height: number) => base64(encodePng({ width, height }))
const pngFile = (width: number, height: number, name = 'input.png') =>
  new File([encodePng({ width, height })], name, { type: 'image/png' })
const voiceFile = (seconds = 1, name = 'voice.wav') =>
  new File([encodeWav({ durationSeconds: seconds })], name, { type: 'audio/wav' })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `read` until `done` accepts its value; returns every value seen. */
async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { intervalMs = 5, timeoutMs = 10_000 } = {},
): Promise<T[]> {
  const seen: T[] = []
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    seen.push(value)
    if (done(value)) return seen
    if (Date.now() > deadline)
      throw new Error(`gave up polling; last value ${JSON.stringify(value)}`)
    await sleep(intervalMs)
  }
}

type JobStatus = {
  status: string
  progress: number
  current_step: number
  total_steps: number
  elapsed_seconds: number | null
  error: string | null
  [key: string]: unknown
}

const jobStatus = (sidecar: Sidecar, path: string) => async () =>
  (await (await sidecar.call(path)).json()) as JobStatus

const finished = (status: JobStatus) => status.status === 'completed' || status.status === 'failed'

/** Reads a stream to its end, noting when each chunk arrived. */
async function readTimed(response: Response) {
  const reader = response.body!.getReader()
  const chunks: { bytes: Uint8Array; at: number }[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { chunks, endedAt: performance.now() }
    chunks.push({ bytes: value, at: performance.now() })
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

/** The JSON payloads of an SSE body's `data:` lines (`[DONE]` kept as a string). */
const sseData = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>)))

// ---------------------------------------------------------------------------------------------
// Every endpoint
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: the whole API', () => {
  it('answers every endpoint of ENDPOINTS with its documented status and content type', async () => {
    const sidecar = await startSidecar()
    const hit = new Set<string>()

    /** Calls `path` (an instance of `pattern`) and checks the answer against ENDPOINTS. */
    const visit = async (method: string, pattern: string, path: string, init: RequestInit = {}) => {
      const endpoint = ENDPOINTS.find((entry) => entry.method === method && entry.path === pattern)
      expect(endpoint, `${method} ${pattern} is documented`).toBeDefined()
      const response = await sidecar.call(path, { ...init, method })
      const label = `${method} ${path}`
      if (response.status !== endpoint!.status) {
        throw new Error(`${label}: ${response.status} ${await response.text()}`)
      }
      const expected = RESPONSE_CONTENT_TYPES[endpoint!.response]
      const contentType = response.headers.get('content-type')
      if (expected === null) expect(await response.text(), label).toBe('')
      else if (expected === 'audio/*') expect(contentType, label).toMatch(/^audio\//)
      else expect(contentType, label).toBe(expected)
      expect(response.headers.get(EMULATOR_HEADER)).toBe('silly-media')
      hit.add(`${method} ${pattern}`)
      return response
    }
    const json = (body: unknown): RequestInit => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const form = (fields: Record<string, string | Blob>): RequestInit => {
      const data = new FormData()
      for (const [name, value] of Object.entries(fields)) {
        if (typeof value === 'string') data.append(name, value)
        else data.append(name, value, value instanceof File ? value.name : name)
      }
      return { body: data }
    }

    // Health & image
    await visit('GET', '/health', '/health')
    await visit('GET', '/models', '/models')
    await visit('GET', '/progress', '/progress')
    await visit('GET', '/aspect-ratios', '/aspect-ratios')
    await visit(
      'POST',
      '/generate/{model}',
      '/generate/z-image-turbo',
      json({ prompt: 'a red panda', width: 64, height: 64 }),
    )
    await visit('GET', '/pixelart/progress', '/pixelart/progress')
    await visit(
      'POST',
      '/pixelart/generate',
      '/pixelart/generate',
      json({ prompt: 'golden coin', size: 16 }),
    )
    await visit('GET', '/img2img/models', '/img2img/models')
    await visit('GET', '/img2img/progress', '/img2img/progress')
    await visit(
      'POST',
      '/img2img/edit/{model}',
      '/img2img/edit/qwen-image-edit',
      json({ image: pngBase64(64, 48), prompt: 'smile', num_inference_steps: 2 }),
    )
    await visit(
      'POST',
      '/img2img/edit/{model}/upload',
      '/img2img/edit/qwen-image-edit/upload',
      form({ image: pngFile(64, 48), prompt: 'frown', num_inference_steps: '2' }),
    )

    // XTTS and actors
    await visit('GET', '/tts/languages', '/tts/languages')
    await visit(
      'POST',
      '/actors',
      '/actors',
      form({ name: 'Morgan', language: 'en', audio_files: voiceFile() }),
    )
    await visit(
      'POST',
      '/tts/generate',
      '/tts/generate',
      json({ text: 'Hello there.', actor: 'Morgan' }),
    )
    const streamed = await visit(
      'POST',
      '/tts/stream',
      '/tts/stream',
      json({ text: 'Hello again.', actor: 'Morgan' }),
    )
    inspectWav(await bytesOf(streamed))
    await visit(
      'POST',
      '/tts/generate-with-audio',
      '/tts/generate-with-audio',
      form({ text: 'One shot.', reference_audio: voiceFile() }),
    )
    await visit('GET', '/actors', '/actors')
    await visit('GET', '/actors/{name}', '/actors/Morgan')
    await visit(
      'POST',
      '/actors/from-youtube',
      '/actors/from-youtube',
      json({ name: 'Interviewer', youtube_url: 'https://youtu.be/abc123', max_duration: 2 }),
    )
    const added = await (
      await visit(
        'POST',
        '/actors/{name}/audio',
        '/actors/Morgan/audio',
        form({ audio_file: voiceFile(2, 'take2.wav') }),
      )
    ).json()
    await visit('GET', '/actors/{name}/audio', '/actors/Morgan/audio')
    await visit(
      'GET',
      '/actors/{name}/audio/{file_id}/download',
      `/actors/Morgan/audio/${added.id}/download`,
    )
    await visit('DELETE', '/actors/{name}/audio/{file_id}', `/actors/Morgan/audio/${added.id}`)
    await visit('DELETE', '/actors/{name}', '/actors/Interviewer')
    const history = await (await visit('GET', '/tts/history', '/tts/history?limit=10')).json()
    await visit(
      'GET',
      '/tts/history/{entry_id}/audio',
      `/tts/history/${history.entries[0].id}/audio`,
    )
    await visit('DELETE', '/tts/history/{entry_id}', `/tts/history/${history.entries[0].id}`)
    await visit('DELETE', '/tts/history', '/tts/history')

    // Maya
    await visit('GET', '/tts/models', '/tts/models')
    await visit(
      'POST',
      '/tts/maya/generate',
      '/tts/maya/generate',
      json({ text: 'Hi! <laugh>', voice_description: 'A warm voice' }),
    )
    await visit(
      'POST',
      '/tts/maya/stream',
      '/tts/maya/stream',
      json({ text: 'Streaming.', voice_description: 'A calm voice' }),
    )
    await visit('GET', '/tts/maya/emotion-tags', '/tts/maya/emotion-tags')
    const maya = await (
      await visit(
        'POST',
        '/tts/maya/actors',
        '/tts/maya/actors',
        form({ name: 'Sarah', voice_description: 'Friendly' }),
      )
    ).json()
    await visit('GET', '/tts/maya/actors', '/tts/maya/actors')
    await visit('GET', '/tts/maya/actors/{actor_id}', `/tts/maya/actors/${maya.id}`)
    await visit(
      'PUT',
      '/tts/maya/actors/{actor_id}',
      `/tts/maya/actors/${maya.id}`,
      form({ name: 'Sarah B' }),
    )
    await visit('DELETE', '/tts/maya/actors/{actor_id}', `/tts/maya/actors/${maya.id}`)

    // Video
    await visit('GET', '/video/models', '/video/models')
    const t2v = await (
      await visit(
        'POST',
        '/video/t2v/{model}',
        '/video/t2v/hunyuan-video',
        json({ prompt: 'a panda', num_frames: 25, num_inference_steps: 8 }),
      )
    ).json()
    const i2v = await (
      await visit(
        'POST',
        '/video/i2v/{model}',
        '/video/i2v/hunyuan-video',
        json({
          prompt: 'it moves',
          image: pngBase64(64, 64),
          num_frames: 25,
          num_inference_steps: 8,
        }),
      )
    ).json()
    for (const job of [t2v, i2v]) {
      await pollUntil(jobStatus(sidecar, `/video/status/${job.job_id}`), finished)
    }
    await visit('GET', '/video/status/{job_id}', `/video/status/${t2v.job_id}`)
    await visit('GET', '/video/download/{job_id}', `/video/download/${t2v.job_id}`)
    await visit('GET', '/video/thumbnail/{job_id}', `/video/thumbnail/${t2v.job_id}`)
    await visit('GET', '/video/history', '/video/history?limit=5&offset=0')
    await visit('DELETE', '/video/{job_id}', `/video/${i2v.job_id}`)

    // Vision & LLM
    await visit('GET', '/vision/models', '/vision/models')
    await visit(
      'POST',
      '/vision/analyze',
      '/vision/analyze',
      json({ image: pngBase64(32, 32), query: 'What is this?' }),
    )
    await visit(
      'POST',
      '/vision/analyze/upload',
      '/vision/analyze/upload',
      form({ image: pngFile(32, 32), query: 'Any text?' }),
    )
    await visit('GET', '/llm/models', '/llm/models')
    await visit('POST', '/llm/generate', '/llm/generate', json({ prompt: 'Write a haiku.' }))
    await visit(
      'POST',
      '/llm/stream',
      '/llm/stream',
      json({ messages: [{ role: 'user', content: 'Hi' }] }),
    )

    // Music
    await visit('GET', '/music/models', '/music/models')
    const music = await (
      await visit(
        'POST',
        '/music/generate',
        '/music/generate',
        json({ caption: 'smooth jazz', duration: 10 }),
      )
    ).json()
    await pollUntil(jobStatus(sidecar, `/music/status/${music.job_id}`), finished)
    await visit('GET', '/music/status/{job_id}', `/music/status/${music.job_id}`)
    await visit('GET', '/music/progress', '/music/progress')
    await visit(
      'GET',
      '/music/download/{job_id}/{audio_index}',
      `/music/download/${music.job_id}/0`,
    )
    await visit('DELETE', '/music/{job_id}', `/music/${music.job_id}`)

    const documented = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
    expect(documented.size).toBe(57)
    expect([...hit].sort()).toEqual([...documented].sort())

    // The emulator's own log agrees: every documented route was matched and answered as documented.
    const answered = new Set(
      sidecar.emulator.state.requests
        .filter((request) => request.route !== undefined)
        .filter((request) => {
          const endpoint = ENDPOINTS.find(
            (entry) => entry.method === request.method && entry.path === request.route,
          )
          return endpoint?.status === request.status
        })
        .map((request) => `${request.method} ${request.route}`),
    )
    expect([...answered].sort()).toEqual([...documented].sort())
    expect(sidecar.emulator.routes).toHaveLength(57)
  })

  it('answers unknown paths 404 and known paths with the wrong method 405, FastAPI-style', async () => {
    const sidecar = await startSidecar()
    const missing = await sidecar.call('/nothing/here')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: 'Not Found' })
    const wrongMethod = await sidecar.call('/health', { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    expect(await wrongMethod.json()).toEqual({ detail: 'Method Not Allowed' })
    // A literal segment wins over a parameter: /video/history is not a job id.
    expect((await sidecar.call('/video/history')).status).toBe(200)
    expect((await sidecar.call('/video/nope', { method: 'DELETE' })).status).toBe(404)
  })

  it('runs inside msw and as a bare handler, on web-standard Request/Response only', async () => {
    const emulator = createSidecarEmulator(FAST)
    const direct = await emulator.handler(new Request('http://sidecar.test/health'))
    expect((await direct.json()).status).toBe('healthy')

    const server = setupServer(
      http.all('http://sidecar.test/*', async ({ request }) => {
        const response = await emulator.handler(request)
        return new HttpResponse(response.body, {
          status: response.status,
          headers: response.headers,
        })
      }),
    )
    server.listen({ onUnhandledRequest: 'error' })
    try {
      const response = await fetch('http://sidecar.test/generate/z-image-turbo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'msw', width: 128, height: 64 }),
      })
      expect(response.status).toBe(200)
      const info = inspectPng(await bytesOf(response))
      expect([info.width, info.height]).toEqual([128, 64])
    } finally {
      server.close()
      emulator.reset()
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: images', () => {
  it.each([
    ['z-image-turbo', { width: 1280, height: 720 }, [1280, 704]],
    ['z-image', { aspect_ratio: '16:9' }, [1344, 768]],
    ['z-image', { aspect_ratio: '9:16', base_size: 1024 }, [768, 1344]],
    ['qwen-image-2512', { aspect_ratio: '3:2', base_size: 512, use_lora: true }, [640, 448]],
    ['ovis-image-7b', { aspect_ratio: '1:1', base_size: 256 }, [256, 256]],
    ['ovis-image-7b', {}, [1024, 1024]],
    ['z-image-turbo', { aspect_ratio: '21:9' }, [1536, 640]],
  ] as const)('%s with %j makes a %j PNG', async (model, sizing, [width, height]) => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const response = await sidecar.postJson(`/generate/${model}`, {
      prompt: 'a red panda',
      ...sizing,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    const info = inspectPng(await bytesOf(response))
    expect([info.width, info.height]).toEqual([width, height])
    expect(info.hasAlpha).toBe(false)
  })

  it('reports the running step on /progress while a synchronous image call runs', async () => {
    const sidecar = await startSidecar({ imageStepMs: 15 })
    expect(await (await sidecar.call('/progress')).json()).toEqual({ active: false })
    const generation = sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'slow',
      width: 64,
      height: 64,
    })
    const seen = await pollUntil(
      async () =>
        (await (await sidecar.call('/progress')).json()) as {
          active: boolean
          step?: number
          total_steps?: number
          percent?: number
          elapsed?: number
        },
      (progress) => progress.active && (progress.step ?? 0) >= 6,
    )
    const active = seen.filter((progress) => progress.active)
    expect(active.every((progress) => progress.total_steps === 9)).toBe(true)
    const steps = active.map((progress) => progress.step!)
    expect(steps).toEqual([...steps].sort((a, b) => a - b))
    expect(steps.at(-1)!).toBeGreaterThan(steps[0]!)
    const last = active.at(-1)!
    expect(last.percent).toBe(Math.round((last.step! / 9) * 100))
    expect(last.elapsed).toBeGreaterThanOrEqual(0)
    expect((await generation).status).toBe(200)
    expect(await (await sidecar.call('/progress')).json()).toEqual({ active: false })
    // Model defaults decide the step count: z-image runs 30 steps.
    const z = sidecar.postJson('/generate/z-image', { prompt: 'full', width: 64, height: 64 })
    const zSeen = await pollUntil(
      async () =>
        (await (await sidecar.call('/progress')).json()) as {
          active: boolean
          total_steps?: number
        },
      (progress) => progress.active,
    )
    expect(zSeen.at(-1)!.total_steps).toBe(30)
    await z
  })

  it('makes pixel art with transparency at the requested size, opaque for tiles', async () => {
    const sidecar = await startSidecar()
    const sprite = await sidecar.postJson('/pixelart/generate', { prompt: 'golden coin', size: 48 })
    const info = inspectPng(await bytesOf(sprite))
    expect([info.width, info.height, info.hasAlpha, info.colorType]).toEqual([48, 48, true, 6])
    const tile = await sidecar.postJson('/pixelart/generate', {
      prompt: 'grass tile',
      remove_background: false,
    })
    const tileInfo = inspectPng(await bytesOf(tile))
    expect([tileInfo.width, tileInfo.height, tileInfo.hasAlpha]).toEqual([32, 32, false])
    expect(sidecar.emulator.state.gpuRuns.map((run) => run.model)).toEqual([
      'z-image-turbo',
      'z-image-turbo',
    ])
  })

  it('edits images at the input size by default, or at the size asked for', async () => {
    const sidecar = await startSidecar()
    const same = await sidecar.postJson('/img2img/edit/qwen-image-edit', {
      image: pngBase64(320, 200),
      prompt: 'smile',
      num_inference_steps: 4,
    })
    expect(same.status).toBe(200)
    const sameInfo = inspectPng(await bytesOf(same))
    expect([sameInfo.width, sameInfo.height]).toEqual([320, 200])
    const wider = await sidecar.postJson('/img2img/edit/qwen-image-edit', {
      image: pngBase64(320, 200),
      prompt: 'wider',
      width: 512,
      num_inference_steps: 4,
    })
    const widerInfo = inspectPng(await bytesOf(wider))
    expect([widerInfo.width, widerInfo.height]).toEqual([512, 200])
    const upload = await sidecar.postForm('/img2img/edit/qwen-image-edit/upload', {
      image: pngFile(100, 150),
      prompt: 'sit',
      num_inference_steps: '3',
    })
    const uploadInfo = inspectPng(await bytesOf(upload))
    expect([uploadInfo.width, uploadInfo.height]).toEqual([100, 150])
    const notAnImage = await sidecar.postForm('/img2img/edit/qwen-image-edit/upload', {
      image: new File(['hello'], 'x.png'),
      prompt: 'x',
    })
    expect(notAnImage.status).toBe(400)
    expect(await notAnImage.json()).toEqual({ detail: 'Invalid image file' })
    expect(sidecar.emulator.state.loadedModel).toBe('qwen-image-edit')
  })
})

// ---------------------------------------------------------------------------------------------
// Speech
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: speech and actors', () => {
  it('speaks in an actor voice as 24 kHz 16-bit mono WAV, longer for longer text', async () => {
    const sidecar = await startSidecar()
    expect(
      (await sidecar.postForm('/actors', { name: 'Morgan', audio_files: voiceFile() })).status,
    ).toBe(201)
    const short = await sidecar.postJson('/tts/generate', {
      text: 'Hello there, friend.',
      actor: 'Morgan',
    })
    expect(short.headers.get('content-type')).toBe('audio/wav')
    const shortInfo = inspectWav(await bytesOf(short))
    expect(shortInfo).toMatchObject({
      sampleRate: 24_000,
      channels: 1,
      bitsPerSample: 16,
      audioFormat: 1,
    })
    const text = 'This sentence is quite a bit longer, so the speech made for it lasts longer too.'
    const long = inspectWav(
      await bytesOf(await sidecar.postJson('/tts/generate', { text, actor: 'Morgan' })),
    )
    expect(long.durationSeconds).toBeGreaterThan(shortInfo.durationSeconds)
    expect(long.durationSeconds).toBeCloseTo(text.length / 15, 1)
    const slow = inspectWav(
      await bytesOf(await sidecar.postJson('/tts/generate', { text, actor: 'Morgan', speed: 0.5 })),
    )
    expect(slow.durationSeconds).toBeCloseTo(long.durationSeconds * 2, 1)

    const unknown = await sidecar.postJson('/tts/generate', { text: 'Hi', actor: 'Nobody' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ detail: "Actor 'Nobody' not found" })

    const history = await (await sidecar.call('/tts/history?limit=2')).json()
    expect(history.total).toBe(3)
    expect(history.entries).toHaveLength(2)
    expect(history.entries[0]).toMatchObject({ actor_name: 'Morgan', text, language: 'en' })
    const replay = inspectWav(
      await bytesOf(await sidecar.call(`/tts/history/${history.entries[0].id}/audio`)),
    )
    expect(replay.durationSeconds).toBeCloseTo(slow.durationSeconds, 2)
    expect((await sidecar.call('/tts/history/missing/audio')).status).toBe(404)
  })

  it('streams speech: the WAV header arrives first and chunks follow before the response ends', async () => {
    const sidecar = await startSidecar({ ttsChunkMs: 40 })
    await sidecar.postForm('/actors', { name: 'Streamer', audio_files: voiceFile() })
    const text = 'Streaming speech arrives chunk by chunk, long before the whole file is ready.'
    const started = performance.now()
    const response = await sidecar.postJson('/tts/stream', { text, actor: 'Streamer' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('audio/wav')
    const { chunks, endedAt } = await readTimed(response)
    expect(chunks.length).toBeGreaterThan(3)
    const header = chunks[0]!.bytes
    expect(new TextDecoder().decode(header.subarray(0, 4))).toBe('RIFF')
    expect(chunks[0]!.at).toBeLessThan(endedAt - 80)
    expect(chunks[1]!.at - started).toBeLessThan(endedAt - started)
    const wav = inspectWav(concat(chunks.map((chunk) => chunk.bytes)))
    expect(wav.sampleRate).toBe(24_000)
    expect(wav.durationSeconds).toBeCloseTo(text.length / 15, 1)
  })

  it('frees the GPU when a streaming client goes away', async () => {
    const sidecar = await startSidecar({ ttsChunkMs: 50 })
    const controller = new AbortController()
    const response = await fetch(`${sidecar.url}/tts/maya/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'A long story. '.repeat(40), voice_description: 'Narrator' }),
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await reader.read().catch(() => undefined)
    const after = await sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'next',
      width: 64,
      height: 64,
    })
    expect(after.status).toBe(200)
    await pollUntil(
      async () => sidecar.emulator.state.activeGenerations,
      (active) => active === 0,
    )
    // The abandoned speech never made it into the history.
    expect(sidecar.emulator.state.ttsHistory).toEqual([])
  })

  it('does one-shot cloning and Maya speech, and keeps actors and Maya actors', async () => {
    const sidecar = await startSidecar()
    const oneShot = await sidecar.postForm('/tts/generate-with-audio', {
      text: 'One shot.',
      language: 'fr',
      reference_audio: [voiceFile(), voiceFile(2)],
    })
    expect(inspectWav(await bytesOf(oneShot)).sampleRate).toBe(24_000)
    const maya = await sidecar.postJson('/tts/maya/generate', {
      text: 'Hello! <laugh> Amazing!',
      voice_description: 'A young woman',
    })
    expect(inspectWav(await bytesOf(maya)).channels).toBe(1)
    expect(sidecar.emulator.state.gpuRuns.map((run) => run.model)).toEqual(['xtts-v2', 'maya'])

    const created = await sidecar.postForm('/actors', {
      name: 'Morgan',
      description: 'Deep',
      audio_files: [voiceFile(3), voiceFile(1)],
    })
    expect(await created.json()).toMatchObject({
      name: 'Morgan',
      language: 'en',
      description: 'Deep',
      audio_count: 2,
    })
    const files = await (await sidecar.call('/actors/Morgan/audio')).json()
    expect(files.map((file: { duration_seconds: number }) => file.duration_seconds)).toEqual([3, 1])
    const download = await sidecar.call(`/actors/Morgan/audio/${files[0].id}/download`)
    expect(inspectWav(await bytesOf(download)).durationSeconds).toBe(3)

    const duplicate = await sidecar.postForm('/actors', {
      name: 'Morgan',
      audio_files: voiceFile(),
    })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.json()).toEqual({ detail: "Actor 'Morgan' already exists" })
    const youtubeDuplicate = await sidecar.postJson('/actors/from-youtube', {
      name: 'Morgan',
      youtube_url: 'https://www.youtube.com/watch?v=abc',
    })
    expect(youtubeDuplicate.status).toBe(409)
    const badUrl = await sidecar.postJson('/actors/from-youtube', {
      name: 'Other',
      youtube_url: 'https://vimeo.com/1',
    })
    expect(badUrl.status).toBe(400)
    expect(await badUrl.json()).toEqual({ detail: 'Invalid YouTube URL' })
    const fromYoutube = await sidecar.postJson('/actors/from-youtube', {
      name: 'Podcast',
      youtube_url: 'https://youtube.com/shorts/xyz',
      max_duration: 4,
    })
    expect(fromYoutube.status).toBe(201)
    expect(sidecar.emulator.state.modelLoads).toContain('demucs')
    expect((await sidecar.call('/actors/Nobody')).status).toBe(404)

    const sarah = await (
      await sidecar.postForm('/tts/maya/actors', { name: 'Sarah', voice_description: 'Warm' })
    ).json()
    const again = await sidecar.postForm('/tts/maya/actors', {
      name: 'Sarah',
      voice_description: 'Cold',
    })
    expect(again.status).toBe(400)
    const updated = await (
      await sidecar.postForm(`/tts/maya/actors/${sarah.id}`, { voice_description: 'Warmer' }, 'PUT')
    ).json()
    expect(updated).toMatchObject({ id: sarah.id, name: 'Sarah', voice_description: 'Warmer' })
    expect((await sidecar.call(`/tts/maya/actors/${sarah.id}`, { method: 'DELETE' })).status).toBe(
      204,
    )
    expect((await sidecar.call(`/tts/maya/actors/${sarah.id}`)).status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: video and music jobs', () => {
  it('moves a video job from queued through processing to completed, then serves MP4 and JPEG', async () => {
    const sidecar = await startSidecar({ videoJobMs: 300 })
    const submitted = await sidecar.postJson('/video/t2v/hunyuan-video', {
      prompt: 'a red panda',
      resolution: '720p',
      aspect_ratio: '9:16',
      num_frames: 25,
      fps: 12,
      num_inference_steps: 20,
    })
    const job = await submitted.json()
    expect(job).toMatchObject({ status: 'queued', estimated_time_seconds: 0.3 })
    expect(job.job_id).toMatch(/^[0-9a-f]{8}$/)

    const seen = await pollUntil(jobStatus(sidecar, `/video/status/${job.job_id}`), finished)
    expect(seen.at(-1)).toMatchObject({
      status: 'completed',
      progress: 1,
      current_step: 20,
      total_steps: 20,
      video_url: `/video/download/${job.job_id}`,
      thumbnail_url: `/video/thumbnail/${job.job_id}`,
      error: null,
    })
    const processing = seen.filter((status) => status.status === 'processing')
    expect(processing.length).toBeGreaterThan(2)
    const progress = processing.map((status) => status.progress)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    expect(progress.at(-1)!).toBeGreaterThan(progress[0]!)
    expect(progress.every((value) => value >= 0 && value < 1)).toBe(true)
    expect(processing.at(-1)!.elapsed_seconds).toBeGreaterThan(0)

    const video = await sidecar.call(`/video/download/${job.job_id}`)
    expect(video.headers.get('content-type')).toBe('video/mp4')
    const mp4 = await bytesOf(video)
    expect(Number(video.headers.get('content-length'))).toBe(mp4.length)
    const info = inspectMp4(mp4)
    expect(info.boxes[0]).toBe('ftyp')
    expect([info.width, info.height, info.codec]).toEqual([720, 1280, 'avc1'])
    expect(info.durationSeconds).toBeCloseTo(25 / 12, 1)
    const thumbnail = await sidecar.call(`/video/thumbnail/${job.job_id}`)
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg')
    const jpeg = inspectJpeg(await bytesOf(thumbnail))
    expect([jpeg.width, jpeg.height]).toEqual([720, 1280])

    const history = await (await sidecar.call('/video/history')).json()
    expect(history).toMatchObject({
      total: 1,
      videos: [
        {
          id: job.job_id,
          resolution: '720p',
          aspect_ratio: '9:16',
          num_frames: 25,
          duration_seconds: 2.08,
        },
      ],
    })
    expect(await (await sidecar.call(`/video/${job.job_id}`, { method: 'DELETE' })).json()).toEqual(
      { status: 'deleted', job_id: job.job_id },
    )
    expect((await sidecar.call(`/video/download/${job.job_id}`)).status).toBe(404)
    expect((await sidecar.call(`/video/status/${job.job_id}`)).status).toBe(404)
  })

  it('runs jobs one at a time: a second job stays queued while the first holds the GPU', async () => {
    const sidecar = await startSidecar({ videoJobMs: 200 })
    const first = await (
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'one', num_frames: 25 })
    ).json()
    const second = await (
      await sidecar.postJson('/video/i2v/hunyuan-video', {
        prompt: 'two',
        image: pngBase64(64, 64),
        num_frames: 25,
      })
    ).json()
    await pollUntil(
      jobStatus(sidecar, `/video/status/${first.job_id}`),
      (status) => status.status === 'processing',
    )
    expect((await jobStatus(sidecar, `/video/status/${second.job_id}`)()).status).toBe('queued')
    expect(sidecar.emulator.state.activeGenerations).toBe(2)
    await pollUntil(jobStatus(sidecar, `/video/status/${second.job_id}`), finished)
    const [runA, runB] = sidecar.emulator.state.gpuRuns
    expect(runB!.startedAt).toBeGreaterThanOrEqual(runA!.finishedAt!)
    expect(sidecar.emulator.state.activeGenerations).toBe(0)
    // 480p 16:9 is 848x480.
    const info = inspectMp4(await bytesOf(await sidecar.call(`/video/download/${second.job_id}`)))
    expect([info.width, info.height]).toEqual([848, 480])
  })

  it('fails jobs on request with the error in their status', async () => {
    const sidecar = await startSidecar({ failJobs: true })
    const video = await (
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'doomed' })
    ).json()
    const music = await (await sidecar.postJson('/music/generate', { caption: 'doomed' })).json()
    const videoEnd = (
      await pollUntil(jobStatus(sidecar, `/video/status/${video.job_id}`), finished)
    ).at(-1)!
    expect(videoEnd).toMatchObject({
      status: 'failed',
      error: SIDECAR_INJECTED_JOB_ERROR,
      video_url: null,
    })
    expect(videoEnd.progress).toBeGreaterThan(0)
    expect(videoEnd.progress).toBeLessThan(1)
    const musicEnd = (
      await pollUntil(jobStatus(sidecar, `/music/status/${music.job_id}`), finished)
    ).at(-1)!
    expect(musicEnd).toMatchObject({
      status: 'failed',
      error: SIDECAR_INJECTED_JOB_ERROR,
      audios: null,
    })
    expect((await sidecar.call(`/video/download/${video.job_id}`)).status).toBe(404)
    expect((await sidecar.call(`/music/download/${music.job_id}/0`)).status).toBe(404)

    sidecar.emulator.failJobs = false
    const ok = await (await sidecar.postJson('/music/generate', { caption: 'fine' })).json()
    expect(
      (await pollUntil(jobStatus(sidecar, `/music/status/${ok.job_id}`), finished)).at(-1)!.status,
    ).toBe('completed')
  })

  it('generates music variations with progress, downloadable per audio_index', async () => {
    const sidecar = await startSidecar({ musicJobMs: 240 })
    const submitted = await sidecar.postJson('/music/generate', {
      caption: 'energetic rock',
      duration: 10,
      batch_size: 2,
      seed: 42,
      audio_format: 'mp3',
    })
    const job = await submitted.json()
    expect(job.status).toBe('queued')
    const progress = await pollUntil(
      async () =>
        (await (await sidecar.call('/music/progress')).json()) as {
          active: boolean
          step?: number
          total_steps?: number
        },
      (value) => value.active && (value.step ?? 0) >= 2,
    )
    expect(progress.at(-1)!.total_steps).toBe(8)
    const end = (await pollUntil(jobStatus(sidecar, `/music/status/${job.job_id}`), finished)).at(
      -1,
    )!
    expect(end).toMatchObject({
      status: 'completed',
      progress: 1,
      total_steps: 8,
      audios: [
        {
          index: 0,
          seed: 42,
          sample_rate: 48_000,
          download_url: `/music/download/${job.job_id}/0`,
        },
        {
          index: 1,
          seed: 43,
          sample_rate: 48_000,
          download_url: `/music/download/${job.job_id}/1`,
        },
      ],
    })
    expect(await (await sidecar.call('/music/progress')).json()).toEqual({ active: false })
    for (const index of [0, 1]) {
      const download = await sidecar.call(`/music/download/${job.job_id}/${index}`)
      expect(download.headers.get('content-type')).toBe('audio/wav')
      expect(inspectWav(await bytesOf(download))).toMatchObject({
        sampleRate: 48_000,
        channels: 2,
        durationSeconds: 10,
      })
    }
    expect((await sidecar.call(`/music/download/${job.job_id}/2`)).status).toBe(404)
    const notAnIndex = await sidecar.call(`/music/download/${job.job_id}/first`)
    expect(notAnIndex.status).toBe(422)
    expect((await notAnIndex.json()).detail[0].loc).toEqual(['path', 'audio_index'])
    expect(sidecar.emulator.state.loadedModel).toBe('ace-step-turbo')
  })
})

// ---------------------------------------------------------------------------------------------
// Vision and LLM
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: vision and LLM', () => {
  it('answers vision questions deterministically, naming the question and the image size', async () => {
    const sidecar = await startSidecar()
    const answer = await (
      await sidecar.postJson('/vision/analyze', {
        image: pngBase64(640, 480),
        query: 'What is in this image?',
      })
    ).json()
    expect(answer.model).toBe('qwen3-vl-8b')
    expect(answer.response).toContain('What is in this image?')
    expect(answer.response).toContain('640×480')
    const again = await (
      await sidecar.postJson('/vision/analyze', {
        image: pngBase64(640, 480),
        query: 'What is in this image?',
      })
    ).json()
    expect(again.response).toBe(answer.response)
    const upload = await (
      await sidecar.postForm('/vision/analyze/upload', {
        image: pngFile(20, 10),
        query: 'Read it',
        max_tokens: '5',
      })
    ).json()
    expect(upload.response.split(' ')).toHaveLength(5)
    const broken = await sidecar.postJson('/vision/analyze', {
      image: base64(new TextEncoder().encode('not an image')),
      query: 'x',
    })
    expect(broken.status).toBe(400)
  })

  it('generates LLM text as JSON, with thinking mode and max_tokens', async () => {
    const sidecar = await startSidecar()
    const body = await (
      await sidecar.postJson('/llm/generate', {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Write a haiku about coding.' },
        ],
        seed: 7,
      })
    ).json()
    expect(body).toMatchObject({ model: 'Huihui Qwen3 4B', seed: 7 })
    expect(body.text).toContain('Write a haiku about coding.')
    expect(body.input_tokens).toBeGreaterThan(0)
    expect(body.output_tokens).toBeGreaterThan(10)
    expect(body.generation_time_seconds).toBeGreaterThanOrEqual(0)
    const thinking = await (
      await sidecar.postJson('/llm/generate', { prompt: 'Think first.', enable_thinking: true })
    ).json()
    expect(thinking.text).toMatch(/^<think>\n[\s\S]+\n<\/think>\n\n/)
    expect(thinking.seed).toBeNull()
    const short = await (
      await sidecar.postJson('/llm/generate', { prompt: 'Long story', max_tokens: 4 })
    ).json()
    expect(short.output_tokens).toBe(4)

    const neither = await sidecar.postJson('/llm/generate', { temperature: 0.5 })
    expect(neither.status).toBe(400)
    expect(await neither.json()).toEqual({
      detail: "Either 'messages' or 'prompt' must be provided",
    })
    const both = await sidecar.postJson('/llm/generate', {
      prompt: 'a',
      messages: [{ role: 'user', content: 'b' }],
    })
    expect(both.status).toBe(400)
    expect(await both.json()).toEqual({ detail: "Provide either 'messages' or 'prompt', not both" })
  })

  it('streams LLM deltas as server-sent events ending with stop and [DONE]', async () => {
    const sidecar = await startSidecar({ llmTokenMs: 2 })
    const generated = await (
      await sidecar.postJson('/llm/generate', { prompt: 'Write a poem about the ocean.' })
    ).json()
    const response = await sidecar.postJson('/llm/stream', {
      prompt: 'Write a poem about the ocean.',
    })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const text = await response.text()
    expect(text).toMatch(/^data: \{"delta":"Emulated","finish_reason":null\}\n\n/)
    const events = sseData(text)
    expect(events.at(-1)).toBe('[DONE]')
    expect(events.at(-2)).toEqual({ delta: '', finish_reason: 'stop' })
    const deltas = events.slice(0, -2) as { delta: string; finish_reason: null }[]
    expect(deltas.every((event) => event.finish_reason === null)).toBe(true)
    expect(
      deltas
        .map((event) => event.delta)
        .join('')
        .trim(),
    ).toBe(generated.text)

    const cut = sseData(
      await (await sidecar.postJson('/llm/stream', { prompt: 'x', max_tokens: 3 })).text(),
    )
    expect(cut).toHaveLength(5)
    expect(cut.at(-2)).toEqual({ delta: '', finish_reason: 'length' })
  })
})

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: errors', () => {
  const locOf = async (response: Response) => {
    expect(response.status).toBe(422)
    const body = (await response.json()) as {
      detail: { loc: unknown[]; msg: string; type: string }[]
    }
    return body.detail
  }

  it('rejects invalid bodies, forms and queries with 422 naming the field in detail[].loc', async () => {
    const sidecar = await startSidecar()
    const tooSmall = await locOf(
      await sidecar.postJson('/generate/z-image', { prompt: 'x', width: 10, height: 512 }),
    )
    expect(tooSmall).toEqual([
      {
        loc: ['body', 'width'],
        msg: 'must be between 64 and 2048',
        type: 'greater_than_equal',
        input: 10,
      },
    ])
    const missing = await locOf(await sidecar.postJson('/generate/z-image-turbo', {}))
    expect(missing).toEqual([{ loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' }])
    const typo = await locOf(
      await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', steps: 4 }),
    )
    expect(typo[0]).toMatchObject({ loc: ['body', 'steps'], type: 'extra_forbidden' })
    const resolution = await locOf(
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'x', resolution: '1080p' }),
    )
    expect(resolution[0]).toMatchObject({ loc: ['body', 'resolution'], type: 'enum' })
    const form = await locOf(await sidecar.postForm('/tts/maya/actors', { name: 'No description' }))
    expect(form).toEqual([
      { loc: ['body', 'voice_description'], msg: 'Field required', type: 'missing' },
    ])
    const formNumber = await locOf(
      await sidecar.postForm('/vision/analyze/upload', {
        image: pngFile(8, 8),
        query: 'q',
        max_tokens: 'many',
      }),
    )
    expect(formNumber[0]).toMatchObject({ loc: ['body', 'max_tokens'] })
    const query = await locOf(await sidecar.call('/tts/history?limit=0'))
    expect(query[0]).toMatchObject({ loc: ['query', 'limit'], type: 'greater_than_equal' })
    const nested = await locOf(
      await sidecar.postJson('/llm/generate', { messages: [{ role: 'robot', content: 'x' }] }),
    )
    expect(nested[0]).toMatchObject({ loc: ['body', 'messages', 0, 'role'] })
    const notJson = await locOf(
      await sidecar.call('/music/generate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"caption":',
      }),
    )
    expect(notJson[0]).toMatchObject({ loc: ['body', 0], type: 'json_invalid' })
    // Nothing invalid reached the GPU.
    expect(sidecar.emulator.state.gpuRuns).toEqual([])
    expect(sidecar.emulator.state.maxConcurrentGenerations).toBe(0)
  })

  it('answers 404 for unknown models, jobs, actors and history entries', async () => {
    const sidecar = await startSidecar()
    const cases: [Promise<Response>, string][] = [
      [sidecar.postJson('/generate/dall-e', { prompt: 'x' }), "Model 'dall-e' not found"],
      [
        sidecar.postJson('/img2img/edit/nope', { image: pngBase64(8, 8), prompt: 'x' }),
        "Model 'nope' not found",
      ],
      [sidecar.postJson('/video/t2v/sora', { prompt: 'x' }), "Model 'sora' not found"],
      [
        sidecar.postJson('/music/generate', { caption: 'x', model: 'musicgen' }),
        "Model 'musicgen' not found",
      ],
      [sidecar.call('/video/status/deadbeef'), 'Job not found: deadbeef'],
      [sidecar.call('/music/status/deadbeef'), 'Job not found: deadbeef'],
      [sidecar.call('/video/thumbnail/deadbeef'), 'Video not found'],
      [sidecar.call('/actors/Ghost'), "Actor 'Ghost' not found"],
      [sidecar.call('/actors/Ghost/audio'), "Actor 'Ghost' not found"],
      [sidecar.call('/tts/history/none', { method: 'DELETE' }), 'History entry not found'],
      [sidecar.call('/tts/maya/actors/none'), 'Maya actor not found'],
    ]
    for (const [pending, message] of cases) {
      const response = await pending
      expect(response.status, message).toBe(404)
      expect(await response.json()).toEqual({ detail: message })
    }
  })

  it('fails the next matching requests with failNext, then recovers', async () => {
    const sidecar = await startSidecar()
    sidecar.emulator.failNext(2, {
      status: 503,
      detail: 'GPU busy',
      path: /^\/generate\//,
      headers: { 'retry-after': '1' },
    })
    expect((await sidecar.call('/health')).status).toBe(200)
    for (let attempt = 0; attempt < 2; attempt++) {
      const failed = await sidecar.postJson('/generate/z-image-turbo', {
        prompt: 'x',
        width: 64,
        height: 64,
      })
      expect(failed.status).toBe(503)
      expect(failed.headers.get('retry-after')).toBe('1')
      expect(await failed.json()).toEqual({ detail: 'GPU busy' })
    }
    expect(
      (await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64, height: 64 }))
        .status,
    ).toBe(200)

    sidecar.emulator.failNext()
    const any = await sidecar.call('/models')
    expect(any.status).toBe(500)
    expect(await any.json()).toEqual({ detail: 'Emulated failure' })
    expect((await sidecar.call('/models')).status).toBe(200)
    expect(sidecar.emulator.state.requests.map((request) => request.status)).toEqual([
      200, 503, 503, 200, 500, 200,
    ])
  })
})

// ---------------------------------------------------------------------------------------------
// One GPU
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: one GPU', () => {
  it('accepts concurrent calls, runs them one at a time, and counts model swaps', async () => {
    const sidecar = await startSidecar({ imageStepMs: 10, swapDelayMs: 30 })
    const { state } = sidecar.emulator
    expect(state.loadedModel).toBe('z-image-turbo')
    // Same model, one after the other: no swap, never more than one generation in flight.
    for (let call = 0; call < 2; call++) {
      expect(
        (await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64, height: 64 }))
          .status,
      ).toBe(200)
    }
    expect(state.swaps).toBe(0)
    expect(state.maxConcurrentGenerations).toBe(1)

    // Two clients, two models, at the same time: both are accepted and both complete.
    const [a, b] = await Promise.all([
      fetch(`${sidecar.url}/generate/z-image`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a', width: 64, height: 64, num_inference_steps: 5 }),
      }),
      fetch(`${sidecar.url}/generate/qwen-image-2512`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'b', width: 128, height: 64, use_lora: true }),
      }),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(inspectPng(await bytesOf(b)).width).toBe(128)
    expect(state.maxConcurrentGenerations).toBe(2)
    expect(state.activeGenerations).toBe(0)
    expect(state.swaps).toBe(2)
    expect([...state.modelLoads].sort()).toEqual(['qwen-image-2512', 'z-image'])
    const runs = state.gpuRuns.slice(-2)
    expect(runs[1]!.startedAt).toBeGreaterThanOrEqual(runs[0]!.finishedAt!)
    expect(state.loadedModel).toBe(runs[1]!.model)
  })

  it('reports the swap on /health: nothing loaded while swapping, then the new model', async () => {
    const sidecar = await startSidecar({ swapDelayMs: 150, imageStepMs: 1 })
    const generation = sidecar.postJson('/generate/ovis-image-7b', {
      prompt: 'x',
      width: 64,
      height: 64,
      num_inference_steps: 2,
    })
    const seen = await pollUntil(
      async () =>
        ((await (await sidecar.call('/health')).json()) as { models_loaded: string[] })
          .models_loaded,
      (loaded) => loaded[0] === 'ovis-image-7b',
    )
    expect(seen[0]).toEqual(['z-image-turbo'])
    expect(seen.some((loaded) => loaded.length === 0)).toBe(true)
    await generation
    const models = await (await sidecar.call('/models')).json()
    expect(models.image.loaded).toEqual(['ovis-image-7b'])
    expect(models.video.loaded).toEqual([])
    expect(sidecar.emulator.state.modelLoads).toEqual(['ovis-image-7b'])
  })

  it('runs that many jobs at once with `gpus`, and one at a time by default', async () => {
    const submitThree = async (sidecar: Sidecar) => {
      const ids: string[] = []
      for (let index = 0; index < 3; index++) {
        const response = await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: `${index}` })
        ids.push(((await response.json()) as { job_id: string }).job_id)
      }
      await pollUntil(
        async () => ids.map((id) => sidecar.emulator.state.videoJobs.get(id)!.status),
        (statuses) => statuses.every((status) => status === 'completed'),
      )
      const runs = sidecar.emulator.state.gpuRuns.filter((run) => run.label.startsWith('video'))
      return runs.some((run, index) =>
        runs.slice(index + 1).some((other) => other.startedAt < run.finishedAt!),
      )
    }
    const options = { videoJobMs: 80, swapDelayMs: 0, initialModel: 'hunyuan-video' }
    expect(await submitThree(await startSidecar(options))).toBe(false)
    const parallel = await startSidecar({ ...options, gpus: 3 })
    expect(await submitThree(parallel)).toBe(true)
    expect(parallel.emulator.state.maxConcurrentGenerations).toBe(3)
    expect(() => createSidecarEmulator({ gpus: 0 })).toThrow(RangeError)
  })

  it('forgets everything on reset', async () => {
    const sidecar = await startSidecar({ videoJobMs: 5_000 })
    await sidecar.postForm('/actors', { name: 'Morgan', audio_files: voiceFile() })
    await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'long' })
    expect(sidecar.emulator.state.activeGenerations).toBe(1)
    sidecar.emulator.reset()
    const { state } = sidecar.emulator
    expect(state.actors.size).toBe(0)
    expect(state.videoJobs.size).toBe(0)
    expect(state.requests).toEqual([])
    expect(state.activeGenerations).toBe(0)
    expect(state.loadedModel).toBe('z-image-turbo')
    expect(
      (
        await sidecar.postJson('/generate/z-image-turbo', {
          prompt: 'after',
          width: 64,
          height: 64,
        })
      ).status,
    ).toBe(200)
  })
})
