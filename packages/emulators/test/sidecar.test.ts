/**
 * The Silly Media emulator against the behaviour of the server's own code
 * (`dearlordlt/silly-media`, `src/silly_media/`). Every expectation here is what that code does;
 * requests are plain `fetch` calls (no client package), so a client's misreading of the API
 * cannot leak into the check.
 */
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createSidecarEmulator,
  EMULATOR_HEADER,
  encodePng,
  encodeWav,
  inspectGlb,
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
  model3dMs: 5,
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
  getJson<T = Record<string, unknown>>(path: string): Promise<T>
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
    getJson: async (path) => (await (await call(path)).json()) as never,
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
  job_id: string
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
async function readChunks(response: Response) {
  const reader = response.body!.getReader()
  const chunks: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return chunks
    chunks.push(value)
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

/** Splits a body made of WAV files one after another (each with its RIFF header). */
function splitWavs(bytes: Uint8Array): Uint8Array[] {
  const files: Uint8Array[] = []
  let offset = 0
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  while (offset < bytes.length) {
    expect(String.fromCharCode(...bytes.subarray(offset, offset + 4))).toBe('RIFF')
    const length = view.getUint32(offset + 4, true) + 8
    files.push(bytes.subarray(offset, offset + length))
    offset += length
  }
  return files
}

const countRiff = (bytes: Uint8Array) => {
  let count = 0
  for (let index = 0; index + 4 <= bytes.length; index++) {
    if (
      bytes[index] === 0x52 &&
      bytes[index + 1] === 0x49 &&
      bytes[index + 2] === 0x46 &&
      bytes[index + 3] === 0x46
    ) {
      count += 1
    }
  }
  return count
}

/** The JSON payloads of an SSE body's `data:` lines (`[DONE]` kept as a string). */
const sseData = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice(6))
    .map((data) => (data === '[DONE]' ? data : (JSON.parse(data) as Record<string, unknown>)))

/** Naive timestamps, as the server's `datetime.utcnow()` serialises: no `Z`, no offset. */
const NAIVE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?$/

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

// ---------------------------------------------------------------------------------------------
// Every route
// ---------------------------------------------------------------------------------------------

/** Every route of the current server's routers (the ComfyUI WebSocket aside). */
const SERVER_ROUTES = [
  'GET /health',
  'GET /models',
  'GET /progress',
  'GET /loras',
  'GET /aspect-ratios',
  'POST /generate/{model}',
  'GET /pixelart/progress',
  'POST /pixelart/generate',
  'GET /sprite/progress',
  'POST /sprite/generate',
  'GET /img2img/progress',
  'GET /img2img/models',
  'POST /img2img/edit/{model}',
  'POST /img2img/edit/{model}/upload',
  'GET /tts/languages',
  'GET /tts/models',
  'POST /tts/generate',
  'POST /tts/stream',
  'POST /tts/generate-with-audio',
  'GET /tts/history',
  'GET /tts/history/{entry_id}/audio',
  'DELETE /tts/history/{entry_id}',
  'DELETE /tts/history',
  'POST /tts/maya/generate',
  'POST /tts/maya/stream',
  'GET /tts/maya/emotion-tags',
  'GET /tts/maya/actors',
  'POST /tts/maya/actors',
  'GET /tts/maya/actors/{actor_id}',
  'PUT /tts/maya/actors/{actor_id}',
  'DELETE /tts/maya/actors/{actor_id}',
  'GET /actors',
  'POST /actors',
  'POST /actors/from-youtube',
  'GET /actors/{name}',
  'DELETE /actors/{name}',
  'POST /actors/{name}/audio',
  'GET /actors/{name}/audio',
  'GET /actors/{name}/audio/{file_id}/download',
  'DELETE /actors/{name}/audio/{file_id}',
  'GET /video/models',
  'POST /video/t2v/{model}',
  'POST /video/i2v/{model}',
  'GET /video/status/{job_id}',
  'GET /video/download/{job_id}',
  'GET /video/thumbnail/{job_id}',
  'DELETE /video/{job_id}',
  'GET /video/history',
  'GET /vision/models',
  'POST /vision/analyze',
  'POST /vision/analyze/upload',
  'GET /llm/models',
  'POST /llm/generate',
  'POST /llm/stream',
  'GET /music/models',
  'POST /music/generate',
  'GET /music/status/{job_id}',
  'GET /music/progress',
  'GET /music/download/{job_id}/{audio_index}',
  'DELETE /music/{job_id}',
  'GET /model3d/models',
  'POST /model3d/generate',
  'GET /model3d/ref/{model_id}',
  'GET /model3d/download/{model_id}',
  'GET /model3d/list',
  'POST /prompt',
  'GET /queue',
  'POST /queue',
  'GET /history',
  'GET /history/{prompt_id}',
  'POST /history',
  'GET /view',
  'GET /system_stats',
  'GET /object_info',
  'GET /object_info/{node_class}',
  'GET /embeddings',
]

describe('sidecar emulator: the whole API', () => {
  it('serves exactly the routes of the current server', async () => {
    const emulator = createSidecarEmulator(FAST)
    const served = emulator.routes.map(({ method, pattern }) => `${method} ${pattern}`).sort()
    expect(served).toEqual([...SERVER_ROUTES].sort())
  })

  it('answers every route with the status and content type the server answers', async () => {
    const sidecar = await startSidecar()
    const hit = new Set<string>()
    const visit = async (
      route: string,
      path: string,
      init: RequestInit,
      status: number,
      contentType: string | null,
    ) => {
      const [method] = route.split(' ')
      const response = await sidecar.call(path, { ...init, method })
      if (response.status !== status) {
        throw new Error(`${route} ${path}: ${response.status} ${await response.text()}`)
      }
      if (contentType === null) expect(await response.text(), route).toBe('')
      else expect(response.headers.get('content-type'), route).toBe(contentType)
      expect(response.headers.get(EMULATOR_HEADER)).toBe('silly-media')
      hit.add(route)
      return response
    }
    const get = (route: string, path: string, type = 'application/json', status = 200) =>
      visit(route, path, {}, status, type)
    const post = (route: string, path: string, body: unknown, type = 'application/json') =>
      visit(route, path, json(body), 200, type)
    const form = (fields: Record<string, string | Blob>): RequestInit => {
      const data = new FormData()
      for (const [name, value] of Object.entries(fields)) {
        if (typeof value === 'string') data.append(name, value)
        else data.append(name, value, value instanceof File ? value.name : name)
      }
      return { body: data }
    }

    for (const route of ['/health', '/models', '/progress', '/loras', '/aspect-ratios']) {
      await get(`GET ${route}`, route)
    }
    await post(
      'POST /generate/{model}',
      '/generate/z-image-turbo',
      { prompt: 'x', width: 64 },
      'image/png',
    )
    await get('GET /pixelart/progress', '/pixelart/progress')
    await post(
      'POST /pixelart/generate',
      '/pixelart/generate',
      { prompt: 'coin', num_inference_steps: 1 },
      'image/png',
    )
    await get('GET /sprite/progress', '/sprite/progress')
    await post(
      'POST /sprite/generate',
      '/sprite/generate',
      { prompt: 'x', width: 64, num_inference_steps: 1 },
      'image/png',
    )
    await get('GET /img2img/progress', '/img2img/progress')
    await get('GET /img2img/models', '/img2img/models')
    await post(
      'POST /img2img/edit/{model}',
      '/img2img/edit/qwen-image-edit',
      { image: pngBase64(32, 32), prompt: 'x', num_inference_steps: 1 },
      'image/png',
    )
    await visit(
      'POST /img2img/edit/{model}/upload',
      '/img2img/edit/qwen-image-edit/upload',
      form({ image: pngFile(32, 32), prompt: 'x', num_inference_steps: '1' }),
      200,
      'image/png',
    )

    await get('GET /tts/languages', '/tts/languages')
    await get('GET /tts/models', '/tts/models')
    await visit(
      'POST /actors',
      '/actors',
      form({ name: 'Morgan', audio_files: voiceFile() }),
      201,
      'application/json',
    )
    await post('POST /tts/generate', '/tts/generate', { text: 'Hi.', actor: 'morgan' }, 'audio/wav')
    await post('POST /tts/stream', '/tts/stream', { text: 'Hi.', actor: 'Morgan' }, 'audio/wav')
    await visit(
      'POST /tts/generate-with-audio',
      '/tts/generate-with-audio',
      form({ text: 'Hi.', reference_audio: voiceFile() }),
      200,
      'audio/wav',
    )
    const history = (await (await get('GET /tts/history', '/tts/history')).json()) as {
      entries: { id: string }[]
    }
    await get(
      'GET /tts/history/{entry_id}/audio',
      `/tts/history/${history.entries[0]!.id}/audio`,
      'audio/wav',
    )
    await visit(
      'DELETE /tts/history/{entry_id}',
      `/tts/history/${history.entries[0]!.id}`,
      {},
      204,
      null,
    )
    await visit('DELETE /tts/history', '/tts/history', {}, 204, null)
    await post(
      'POST /tts/maya/generate',
      '/tts/maya/generate',
      { text: 'Hi.', voice_description: 'calm' },
      'audio/wav',
    )
    await post(
      'POST /tts/maya/stream',
      '/tts/maya/stream',
      { text: 'Hi.', voice_description: 'calm' },
      'audio/wav',
    )
    await get('GET /tts/maya/emotion-tags', '/tts/maya/emotion-tags')
    const maya = (await (
      await visit(
        'POST /tts/maya/actors',
        '/tts/maya/actors',
        form({ name: 'Sarah', voice_description: 'warm' }),
        200,
        'application/json',
      )
    ).json()) as { id: string }
    await get('GET /tts/maya/actors', '/tts/maya/actors')
    await get('GET /tts/maya/actors/{actor_id}', `/tts/maya/actors/${maya.id}`)
    await visit(
      'PUT /tts/maya/actors/{actor_id}',
      `/tts/maya/actors/${maya.id}`,
      form({ name: 'Sara' }),
      200,
      'application/json',
    )
    await visit('DELETE /tts/maya/actors/{actor_id}', `/tts/maya/actors/${maya.id}`, {}, 204, null)

    await get('GET /actors', '/actors')
    await visit(
      'POST /actors/from-youtube',
      '/actors/from-youtube',
      json({ name: 'Tube', youtube_url: 'https://youtu.be/abcdefghijk' }),
      201,
      'application/json',
    )
    await get('GET /actors/{name}', '/actors/Tube')
    const added = (await (
      await visit(
        'POST /actors/{name}/audio',
        '/actors/Morgan/audio',
        form({ audio_file: voiceFile() }),
        201,
        'application/json',
      )
    ).json()) as { id: string }
    await get('GET /actors/{name}/audio', '/actors/Morgan/audio')
    await get(
      'GET /actors/{name}/audio/{file_id}/download',
      `/actors/Morgan/audio/${added.id}/download`,
      'audio/wav',
    )
    await visit(
      'DELETE /actors/{name}/audio/{file_id}',
      `/actors/Morgan/audio/${added.id}`,
      {},
      204,
      null,
    )
    await visit('DELETE /actors/{name}', '/actors/Tube', {}, 204, null)

    await get('GET /video/models', '/video/models')
    const t2v = (await (
      await post('POST /video/t2v/{model}', '/video/t2v/hunyuan-video', { prompt: 'x' })
    ).json()) as { job_id: string }
    await post('POST /video/i2v/{model}', '/video/i2v/ltx-2.5', {
      prompt: 'x',
      image: pngBase64(64, 48),
    })
    await pollUntil(jobStatus(sidecar, `/video/status/${t2v.job_id}`), finished)
    await get('GET /video/status/{job_id}', `/video/status/${t2v.job_id}`)
    await get('GET /video/download/{job_id}', `/video/download/${t2v.job_id}`, 'video/mp4')
    await get('GET /video/thumbnail/{job_id}', `/video/thumbnail/${t2v.job_id}`, 'image/jpeg')
    await get('GET /video/history', '/video/history')
    await visit('DELETE /video/{job_id}', `/video/${t2v.job_id}`, {}, 200, 'application/json')

    await get('GET /vision/models', '/vision/models')
    await post('POST /vision/analyze', '/vision/analyze', {
      image: pngBase64(8, 8),
      query: 'what?',
    })
    await visit(
      'POST /vision/analyze/upload',
      '/vision/analyze/upload',
      form({ image: pngFile(8, 8), query: 'what?' }),
      200,
      'application/json',
    )
    await get('GET /llm/models', '/llm/models')
    await post('POST /llm/generate', '/llm/generate', { prompt: 'hi', max_tokens: 3 })
    await post(
      'POST /llm/stream',
      '/llm/stream',
      { prompt: 'hi', max_tokens: 3 },
      'text/event-stream',
    )

    await get('GET /music/models', '/music/models')
    const music = (await (
      await post('POST /music/generate', '/music/generate', { caption: 'x', duration: 10 })
    ).json()) as { job_id: string }
    const done = (
      await pollUntil(jobStatus(sidecar, `/music/status/${music.job_id}`), finished)
    ).at(-1)!
    await get('GET /music/status/{job_id}', `/music/status/${music.job_id}`)
    await get('GET /music/progress', '/music/progress')
    const audios = done.audios as { download_url: string }[]
    await get('GET /music/download/{job_id}/{audio_index}', audios[0]!.download_url, 'audio/wav')
    await visit('DELETE /music/{job_id}', `/music/${music.job_id}`, {}, 200, 'application/json')

    await get('GET /model3d/models', '/model3d/models')
    const glb = await post(
      'POST /model3d/generate',
      '/model3d/generate',
      { text: 'a chair', texture: false },
      'model/gltf-binary',
    )
    const modelId = glb.headers.get('x-model-id')!
    await get('GET /model3d/ref/{model_id}', `/model3d/ref/${modelId}`, 'image/png')
    await get(
      'GET /model3d/download/{model_id}',
      `/model3d/download/${modelId}`,
      'model/gltf-binary',
    )
    await get('GET /model3d/list', '/model3d/list')

    const prompt = (await (
      await post('POST /prompt', '/prompt', {
        prompt: { '1': { class_type: 'KSampler', inputs: { steps: 1 } } },
      })
    ).json()) as { prompt_id: string }
    await get('GET /queue', '/queue')
    await pollUntil(
      async () => (await (await sidecar.call(`/history/${prompt.prompt_id}`)).json()) as object,
      (entry) => Object.keys(entry).length > 0,
    )
    await get('GET /history', '/history')
    await get('GET /history/{prompt_id}', `/history/${prompt.prompt_id}`)
    await get('GET /view', '/view?filename=ComfyUI_00001_.png', 'image/png')
    await post('POST /queue', '/queue', { clear: true })
    await post('POST /history', '/history', { delete: [prompt.prompt_id] })
    await get('GET /system_stats', '/system_stats')
    await get('GET /object_info', '/object_info')
    await get('GET /object_info/{node_class}', '/object_info/KSampler')
    await get('GET /embeddings', '/embeddings')

    expect([...hit].sort()).toEqual([...SERVER_ROUTES].sort())
  })

  it('answers unknown paths 404 and known paths with the wrong method 405, FastAPI-style', async () => {
    const sidecar = await startSidecar()
    const missing = await sidecar.call('/nothing/here')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: 'Not Found' })
    const wrongMethod = await sidecar.call('/health', { method: 'DELETE' })
    expect(wrongMethod.status).toBe(405)
    expect(await wrongMethod.json()).toEqual({ detail: 'Method Not Allowed' })
    expect((await sidecar.call('/video/history')).status).toBe(200)
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

  it('lists the models of the current server, and only those chosen with `models`', async () => {
    const sidecar = await startSidecar()
    const health = await sidecar.getJson('/health')
    expect(health).toEqual({
      status: 'healthy',
      models_loaded: ['z-image-turbo'],
      available_image_models: [
        'z-image',
        'z-image-turbo',
        'qwen-image-2512',
        'ovis-image-7b',
        'krea-2-turbo',
        'qwen-image-2.1',
      ],
      available_audio_models: ['xtts-v2', 'demucs', 'maya'],
      available_video_models: ['hunyuan-video', 'ltx-2.5'],
      available_vision_models: ['qwen3-vl-8b'],
      available_img2img_models: ['qwen-image-2.1', 'qwen-image-edit'],
      available_llm_models: ['huihui-qwen3-4b'],
      available_music_models: ['ace-step', 'ace-step-quality'],
      available_model3d_models: ['hunyuan3d-2'],
    })
    const models =
      await sidecar.getJson<Record<string, { available: string[]; loaded: string[] }>>('/models')
    expect(Object.keys(models)).toEqual([
      'image',
      'audio',
      'video',
      'vision',
      'img2img',
      'llm',
      'music',
      'model3d',
    ])
    expect(models.image!.loaded).toEqual(['z-image-turbo'])
    expect(models.img2img!.loaded).toEqual([])
    expect(await sidecar.getJson('/music/models')).toEqual({
      models: [
        {
          id: 'ace-step',
          name: 'ACE-Step 1.5 Turbo (8 steps)',
          loaded: false,
          default_steps: 8,
          estimated_vram_gb: 6,
        },
        {
          id: 'ace-step-quality',
          name: 'ACE-Step 1.5 Quality (50 steps)',
          loaded: false,
          default_steps: 50,
          estimated_vram_gb: 6,
        },
      ],
    })
    expect(
      (
        (await sidecar.getJson('/video/models')) as { models: { id: string; name: string }[] }
      ).models.map((model) => [model.id, model.name]),
    ).toEqual([
      ['hunyuan-video', 'HunyuanVideo 1.5'],
      ['ltx-2.5', 'LTX-2.5 Distilled (GGUF)'],
    ])

    const narrow = await startSidecar({ models: { video: ['hunyuan-video'], music: ['ace-step'] } })
    expect((await narrow.getJson('/health')).available_video_models).toEqual(['hunyuan-video'])
    const ltx = await narrow.postJson('/video/t2v/ltx-2.5', { prompt: 'x' })
    expect(ltx.status).toBe(404)
    expect(await ltx.json()).toEqual({ detail: 'Unknown video model: ltx-2.5' })
    const quality = await narrow.postJson('/music/generate', {
      caption: 'x',
      model: 'ace-step-quality',
    })
    expect(quality.status).toBe(404)
    expect(await quality.json()).toEqual({ detail: 'Unknown music model: ace-step-quality' })
    expect(() => createSidecarEmulator({ models: { video: ['sora'] } })).toThrow(RangeError)
  })
})

// ---------------------------------------------------------------------------------------------
// Request validation
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: validation as pydantic v2 and FastAPI write it', () => {
  it('answers 422 with the server handler body: type, loc, msg, input and ctx', async () => {
    const sidecar = await startSidecar()
    const tooMany = await sidecar.postJson('/video/t2v/hunyuan-video', {
      prompt: 'x',
      num_frames: 500,
    })
    expect(tooMany.status).toBe(422)
    expect(await tooMany.text()).toBe(
      '{"detail":[{"type":"less_than_equal","loc":["body","num_frames"],"msg":"Input should be less than or equal to 241","input":500,"ctx":{"le":241}}]}',
    )

    // Every problem, in field order; a missing field's input is the whole body; floats print as floats.
    const body = { resolution: '1080p', guidance_scale: 0.5, seed: -2 }
    const many = await sidecar.postJson('/video/i2v/hunyuan-video', body)
    expect(await many.json()).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'prompt'], msg: 'Field required', input: body },
        {
          type: 'enum',
          loc: ['body', 'resolution'],
          msg: "Input should be '480p' or '720p'",
          input: '1080p',
          ctx: { expected: "'480p' or '720p'" },
        },
        {
          type: 'greater_than_equal',
          loc: ['body', 'guidance_scale'],
          msg: 'Input should be greater than or equal to 1.0',
          input: 0.5,
          ctx: { ge: 1 },
        },
        {
          type: 'greater_than_equal',
          loc: ['body', 'seed'],
          msg: 'Input should be greater than or equal to -1',
          input: -2,
          ctx: { ge: -1 },
        },
        { type: 'missing', loc: ['body', 'image'], msg: 'Field required', input: body },
      ],
    })
    const raw = await (
      await sidecar.postJson('/generate/z-image', { prompt: 'x', cfg_scale: 25 })
    ).text()
    expect(raw).toContain(
      '"msg":"Input should be less than or equal to 20.0","input":25,"ctx":{"le":20.0}',
    )
  })

  it('ignores unknown fields, coerces like pydantic, and refuses an explicit null for a plain int', async () => {
    const sidecar = await startSidecar()
    const extra = await sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'x',
      width: '128',
      height: 64.0,
      steps: 3,
      use_lora: 'yes',
    })
    expect(extra.status).toBe(200)
    expect(inspectPng(await bytesOf(extra)).width).toBe(128)

    const nullSteps = await sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'x',
      num_inference_steps: null,
      cfg_scale: null,
    })
    expect(nullSteps.status).toBe(422)
    expect((await nullSteps.json()).detail).toEqual([
      {
        type: 'int_type',
        loc: ['body', 'num_inference_steps'],
        msg: 'Input should be a valid integer',
        input: null,
      },
      {
        type: 'float_type',
        loc: ['body', 'cfg_scale'],
        msg: 'Input should be a valid number',
        input: null,
      },
    ])
    const fraction = await sidecar.postJson('/pixelart/generate', {
      prompt: 'x',
      size: 32.5,
      prompt2: 1,
    })
    expect((await fraction.json()).detail).toEqual([
      {
        type: 'int_from_float',
        loc: ['body', 'size'],
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input: 32.5,
      },
    ])
    const text = await sidecar.postJson('/llm/generate', { prompt: 5 })
    expect((await text.json()).detail[0]).toMatchObject({
      type: 'string_type',
      loc: ['body', 'prompt'],
    })
    const long = await sidecar.postJson('/music/generate', { caption: 'x'.repeat(513) })
    expect((await long.json()).detail[0]).toEqual({
      type: 'string_too_long',
      loc: ['body', 'caption'],
      msg: 'String should have at most 512 characters',
      input: 'x'.repeat(513),
      ctx: { max_length: 512 },
    })
  })

  it('reports missing, malformed and non-JSON bodies the way FastAPI does', async () => {
    const sidecar = await startSidecar()
    const empty = await sidecar.call('/generate/z-image-turbo', { method: 'POST' })
    expect((await empty.json()).detail).toEqual([
      { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
    ])
    const broken = await sidecar.call('/generate/z-image-turbo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"prompt": ',
    })
    const [decode] = (await broken.json()).detail
    expect(decode).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error', input: {} })
    expect(decode.loc[0]).toBe('body')
    expect(typeof decode.loc[1]).toBe('number')
    expect(typeof decode.ctx.error).toBe('string')
    const plain = await sidecar.call('/generate/z-image-turbo', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'prompt=x',
    })
    expect((await plain.json()).detail).toEqual([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: 'prompt=x',
      },
    ])
    const query = await sidecar.call('/video/history?limit=many')
    expect((await query.json()).detail).toEqual([
      {
        type: 'int_parsing',
        loc: ['query', 'limit'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        input: 'many',
      },
    ])
    const path = await sidecar.call('/music/download/abc/first')
    expect((await path.json()).detail[0]).toMatchObject({
      type: 'int_parsing',
      loc: ['path', 'audio_index'],
    })
    // A form field left empty counts as absent.
    const form = await sidecar.postForm('/tts/maya/actors', { name: '', voice_description: 'x' })
    expect((await form.json()).detail).toEqual([
      { type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: null },
    ])
    // Text where a file is expected breaks the server's validation handler: a plain 500.
    const notFile = await sidecar.postForm('/vision/analyze/upload', { image: 'text', query: 'q' })
    expect(notFile.status).toBe(500)
    expect(notFile.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await notFile.text()).toBe('Internal Server Error')
  })
})

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: images', () => {
  it.each([
    [{ width: 1280, height: 720 }, [1280, 704]],
    [{ width: 1000, height: 1000 }, [960, 960]],
    [{ width: 100 }, [64, 64]],
    [{ height: 700 }, [640, 640]],
    [{ aspect_ratio: '16:9' }, [1344, 768]],
    [{ aspect_ratio: '3:4' }, [832, 1152]],
    [{ aspect_ratio: '4:5', base_size: 512 }, [448, 512]],
    [{ aspect_ratio: '16:9', width: 512, height: 512 }, [512, 512]],
    [{}, [1024, 1024]],
  ])('sizes %j as resolve_dimensions does: %j', async (sizing, expected) => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const response = await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', ...sizing })
    expect(response.status).toBe(200)
    const info = inspectPng(await bytesOf(response))
    expect([info.width, info.height]).toEqual(expected)
  })

  it('lists the aspect ratios with calculate_dimensions at 1024', async () => {
    const sidecar = await startSidecar()
    const ratios =
      await sidecar.getJson<Record<string, { name: string; dimensions_at_1024: number[] }>>(
        '/aspect-ratios',
      )
    expect(Object.keys(ratios)).toEqual([
      '1:1',
      '4:5',
      '3:4',
      '2:3',
      '9:16',
      '5:4',
      '4:3',
      '3:2',
      '16:9',
      '21:9',
    ])
    expect(ratios['3:4']).toEqual({ name: 'PORTRAIT_3_4', dimensions_at_1024: [832, 1152] })
    expect(ratios['21:9']).toEqual({ name: 'LANDSCAPE_21_9', dimensions_at_1024: [1536, 640] })
  })

  it('accepts cfg_scale 0-20 for every model and names the available models in its 404', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    for (const model of ['z-image', 'z-image-turbo', 'krea-2-turbo']) {
      const ok = await sidecar.postJson(`/generate/${model}`, {
        prompt: 'x',
        width: 64,
        cfg_scale: 0,
      })
      expect(ok.status, model).toBe(200)
    }
    const unknown = await sidecar.postJson('/generate/sdxl', { prompt: 'x' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      detail:
        "Model 'sdxl' not found. Available: ['z-image', 'z-image-turbo', 'qwen-image-2512', 'ovis-image-7b', 'krea-2-turbo', 'qwen-image-2.1']",
    })
    // Validation comes first: a bad body for an unknown model is still a 422.
    expect((await sidecar.postJson('/generate/sdxl', {})).status).toBe(422)
  })

  it('reports the running step on the one progress object /progress, /pixelart and /sprite share', async () => {
    const sidecar = await startSidecar({ imageStepMs: 25 })
    expect(await sidecar.getJson('/progress')).toEqual({ active: false })
    const generation = sidecar.postJson('/generate/krea-2-turbo', { prompt: 'x', width: 64 })
    const seen = await pollUntil(
      () =>
        sidecar.getJson<{ active: boolean; step?: number; total_steps?: number }>(
          '/pixelart/progress',
        ),
      (body) => body.active && (body.step ?? 0) >= 2,
    )
    expect(seen.at(-1)).toMatchObject({ active: true, total_steps: 8 })
    const sprite = await sidecar.getJson<Record<string, unknown>>('/sprite/progress')
    expect(sprite.total_steps).toBe(8)
    expect(Object.keys(sprite)).toEqual(['active', 'step', 'total_steps', 'percent', 'elapsed'])
    expect((await generation).status).toBe(200)
    expect(await sidecar.getJson('/progress')).toEqual({ active: false })
    // The Turbo-LoRA runs 6 steps, but the progress bar announces the 50 default.
    const lora = sidecar.postJson('/generate/qwen-image-2512', {
      prompt: 'x',
      width: 64,
      use_lora: true,
    })
    const totals = await pollUntil(
      () => sidecar.getJson<{ active: boolean; total_steps?: number }>('/progress'),
      (body) => body.active,
    )
    expect(totals.at(-1)!.total_steps).toBe(50)
    await lora
  })

  it('upscales by the factor, and refuses outputs over 8192 px with 400', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const up = await sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'x',
      width: 128,
      height: 64,
      upscale: true,
      upscale_factor: 1.5,
    })
    const info = inspectPng(await bytesOf(up))
    expect([info.width, info.height]).toEqual([192, 96])
    // Only an edit can ask for more than 8192 px (sides up to 3072 on qwen-image-2.1).
    const huge = await sidecar.postJson('/img2img/edit/qwen-image-2.1', {
      prompt: 'x',
      image: pngBase64(8, 8),
      width: 3072,
      height: 3072,
      upscale: true,
      upscale_factor: 3,
    })
    expect(huge.status).toBe(400)
    expect(await huge.json()).toEqual({
      detail: 'Upscaled output would exceed 8192px per side; lower upscale_factor or the size',
    })
    const factor = await sidecar.postJson('/generate/z-image-turbo', {
      prompt: 'x',
      upscale_factor: 1,
    })
    expect((await factor.json()).detail).toEqual([
      {
        type: 'greater_than',
        loc: ['body', 'upscale_factor'],
        msg: 'Input should be greater than 1.0',
        input: 1,
        ctx: { gt: 1 },
      },
    ])
  })

  it('applies installed LoRAs, refuses unknown ones, and lists them on GET /loras', async () => {
    const bare = await startSidecar({ imageStepMs: 0 })
    const refused = await bare.postJson('/generate/z-image-turbo', {
      prompt: 'x',
      width: 64,
      lora: 'ghibli',
    })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      detail: "LoRA 'ghibli' not found for z-image. Available: []",
    })
    // Models without a LoRA family ignore them.
    const ignored = await bare.postJson('/generate/krea-2-turbo', {
      prompt: 'x',
      width: 64,
      loras: [{ name: 'ghibli', scale: 0.5 }],
    })
    expect(ignored.status).toBe(200)
    const badScale = await bare.postJson('/generate/z-image', {
      prompt: 'x',
      loras: [{ name: 'a/b', scale: 3 }],
    })
    expect((await badScale.json()).detail.map((error: { loc: unknown[] }) => error.loc)).toEqual([
      ['body', 'loras', 0, 'name'],
      ['body', 'loras', 0, 'scale'],
    ])

    const sidecar = await startSidecar({
      imageStepMs: 0,
      loras: { 'z-image': [{ name: 'ghibli', triggerWords: ['ghibli style'] }] },
    })
    const ok = await sidecar.postJson('/generate/z-image', {
      prompt: 'x',
      width: 64,
      loras: [{ name: 'ghibli' }],
    })
    expect(ok.status).toBe(200)
    const all = await sidecar.getJson<Record<string, unknown>>('/loras')
    expect(all.compatible_models).toEqual(['z-image', 'z-image-turbo'])
    expect((all.loras as { name: string; trigger_words: string[] }[])[0]).toMatchObject({
      name: 'ghibli',
      display_name: 'ghibli',
      modes: ['generate', 'edit'],
      trigger_words: ['ghibli style'],
    })
    expect(Object.keys(all.families as object)).toEqual(['qwen-image-2.1', 'z-image'])
    expect(await sidecar.getJson('/loras?model=krea-2-turbo')).toEqual({
      model: 'krea-2-turbo',
      family: null,
      supported: false,
      loras: [],
      compatible_models: [],
    })
    const missing = await sidecar.call('/loras?model=nope')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: "Model 'nope' not found" })
  })

  it('makes pixel art size×size in RGBA, transparent for sprites and opaque for tiles', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const sprite = inspectPng(
      await bytesOf(await sidecar.postJson('/pixelart/generate', { prompt: 'coin', size: 48 })),
    )
    expect([sprite.width, sprite.height, sprite.colorType]).toEqual([48, 48, 6])
    const tile = inspectPng(
      await bytesOf(
        await sidecar.postJson('/pixelart/generate', { prompt: 'grass', remove_background: false }),
      ),
    )
    expect([tile.width, tile.colorType]).toEqual([32, 6])
    expect(sidecar.emulator.state.gpuRuns.at(-1)!.model).toBe('z-image-turbo')
    expect((await sidecar.postJson('/pixelart/generate', { prompt: 'x', size: 4 })).status).toBe(
      422,
    )
  })

  it('makes sprites with any model at the generation size, or the longest side at output_size', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const full = inspectPng(
      await bytesOf(
        await sidecar.postJson('/sprite/generate', {
          prompt: 'x',
          aspect_ratio: '3:4',
          model: 'z-image',
        }),
      ),
    )
    expect([full.width, full.height, full.colorType]).toEqual([832, 1152, 6])
    expect(sidecar.emulator.state.gpuRuns.at(-1)!.model).toBe('z-image')
    const small = inspectPng(
      await bytesOf(
        await sidecar.postJson('/sprite/generate', {
          prompt: 'x',
          aspect_ratio: '3:4',
          output_size: 256,
        }),
      ),
    )
    expect([small.width, small.height]).toEqual([185, 256])
    const unknown = await sidecar.postJson('/sprite/generate', { prompt: 'x', model: 'sdxl' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ detail: 'Unknown model: sdxl' })
    // Every ValueError is a 404 on this route, an unknown LoRA's included.
    const lora = await sidecar.postJson('/sprite/generate', {
      prompt: 'x',
      width: 64,
      lora: 'nope',
    })
    expect(lora.status).toBe(404)
  })
})

// ---------------------------------------------------------------------------------------------
// Img2img
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: img2img', () => {
  it('edits at the input size floored to 16, each side overridable; qwen-image-2.1 aims at ~1 MP', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const edit = (model: string, extra: object) =>
      sidecar.postJson(`/img2img/edit/${model}`, {
        image: pngBase64(300, 200),
        prompt: 'x',
        ...extra,
      })
    const same = inspectPng(await bytesOf(await edit('qwen-image-edit', {})))
    expect([same.width, same.height]).toEqual([288, 192])
    const wide = inspectPng(await bytesOf(await edit('qwen-image-edit', { width: 512 })))
    expect([wide.width, wide.height]).toEqual([512, 192])
    const mp = inspectPng(await bytesOf(await edit('qwen-image-2.1', {})))
    expect([mp.width, mp.height]).toEqual([1248, 832])
    const upload = await sidecar.postForm('/img2img/edit/qwen-image-edit/upload', {
      image: pngFile(40, 30),
      prompt: 'x',
      height: '64',
    })
    const uploaded = inspectPng(await bytesOf(upload))
    expect([uploaded.width, uploaded.height]).toEqual([32, 64])
  })

  it('checks in the server order, with its messages', async () => {
    const sidecar = await startSidecar({ imageStepMs: 0 })
    const post = async (model: string, body: object) => {
      const response = await sidecar.postJson(`/img2img/edit/${model}`, body)
      return [response.status, (await response.json()).detail]
    }
    expect(await post('nope', { prompt: 'x' })).toEqual([
      404,
      "Model 'nope' not found. Available: ['qwen-image-2.1', 'qwen-image-edit']",
    ])
    expect(await post('qwen-image-edit', { prompt: 'x' })).toEqual([
      400,
      'image field required for JSON request',
    ])
    expect(await post('qwen-image-edit', { prompt: 'x', image: 'abc', width: 2500 })).toEqual([
      400,
      "Model 'qwen-image-edit' supports output sides up to 2048px",
    ])
    expect(
      await post('qwen-image-edit', { prompt: 'x', image: 'abc', loras: [{ name: 'a' }] }),
    ).toEqual([400, "Model 'qwen-image-edit' does not support loras"])
    expect(
      await post('qwen-image-edit', { prompt: 'x', image: 'abc', reference_images: ['abc'] }),
    ).toEqual([400, "Model 'qwen-image-edit' does not support reference_images"])
    expect(await post('qwen-image-edit', { prompt: 'x', image: 'not an image' })).toEqual([
      400,
      'Invalid base64 image',
    ])
    expect(
      await post('qwen-image-2.1', {
        prompt: 'x',
        image: pngBase64(8, 8),
        reference_images: ['%%%'],
      }),
    ).toEqual([400, 'Invalid base64 reference image (image 2)'])
    // The upload route builds its request by hand: a 422 without input, ctx or "body".
    const upload = await sidecar.postForm('/img2img/edit/qwen-image-edit/upload', {
      image: pngFile(8, 8),
      prompt: 'x',
      num_inference_steps: '0',
    })
    expect(upload.status).toBe(422)
    expect(await upload.json()).toEqual({
      detail: [
        {
          type: 'greater_than_equal',
          loc: ['num_inference_steps'],
          msg: 'Input should be greater than or equal to 1',
        },
      ],
    })
    const badLoras = await sidecar.postForm('/img2img/edit/qwen-image-2.1/upload', {
      image: pngFile(8, 8),
      prompt: 'x',
      loras: 'a:strong',
    })
    expect(await badLoras.json()).toEqual({
      detail: "Invalid loras: could not convert string to float: 'strong'",
    })
  })

  it('reports its steps on /img2img/progress', async () => {
    const sidecar = await startSidecar({ imageStepMs: 20 })
    const edit = sidecar.postJson('/img2img/edit/qwen-image-edit', {
      image: pngBase64(16, 16),
      prompt: 'x',
    })
    const seen = await pollUntil(
      () => sidecar.getJson<{ active: boolean; total_steps?: number }>('/img2img/progress'),
      (body) => body.active,
    )
    expect(seen.at(-1)!.total_steps).toBe(20)
    expect(await sidecar.getJson('/progress')).toEqual({ active: false })
    expect((await edit).status).toBe(200)
  })
})

// ---------------------------------------------------------------------------------------------
// Speech and actors
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: speech and actors', () => {
  it('keeps actors as the server stores them: by name without case, reference_NN.wav, no duration', async () => {
    const sidecar = await startSidecar()
    const created = await sidecar.postForm('/actors', {
      name: 'Morgan',
      language: 'de',
      audio_files: [voiceFile(1, 'a.mp3'), voiceFile(2, 'b.wav')],
    })
    expect(created.status).toBe(201)
    const actor = await created.json()
    expect(actor).toMatchObject({ name: 'Morgan', language: 'de', description: '', audio_count: 2 })
    expect(actor.id).toMatch(/^[0-9a-f]{8}$/)
    expect(actor.created_at).toMatch(NAIVE)
    const files =
      await sidecar.getJson<{ filename: string; original_name: string; duration_seconds: null }[]>(
        '/actors/MORGAN/audio',
      )
    expect(files.map((file) => [file.filename, file.original_name, file.duration_seconds])).toEqual(
      [
        ['reference_00.wav', 'a.mp3', null],
        ['reference_01.wav', 'b.wav', null],
      ],
    )
    const duplicate = await sidecar.postForm('/actors', {
      name: 'morgan',
      audio_files: voiceFile(),
    })
    expect(duplicate.status).toBe(409)
    expect(await duplicate.json()).toEqual({ detail: "Actor 'morgan' already exists" })
    const download = await sidecar.call(
      `/actors/morgan/audio/${(files as unknown as { id: string }[])[0]!.id}/download`,
    )
    expect(download.headers.get('content-type')).toBe('audio/wav')
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="a.mp3"')
    const missing = await sidecar.call('/actors/morgan/audio/nope/download')
    expect(await missing.json()).toEqual({ detail: "Audio file 'nope' not found" })
    const badUrl = await sidecar.postJson('/actors/from-youtube', {
      name: 'T',
      youtube_url: 'https://vimeo.com/1',
    })
    expect(badUrl.status).toBe(400)
    expect((await badUrl.json()).detail).toMatch(/^Invalid YouTube URL\. Supported formats/)
    const tube = await sidecar.postJson('/actors/from-youtube', {
      name: 'Tube',
      youtube_url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      max_duration: 3,
      separate_vocals: false,
    })
    expect(tube.status).toBe(201)
    const [clip] =
      await sidecar.getJson<{ original_name: string; id: string }[]>('/actors/tube/audio')
    expect(clip!.original_name).toBe('youtube_dQw4w9WgXcQ.wav')
    const listed = await sidecar.getJson<{ actors: { name: string }[] }>('/actors')
    expect(listed.actors.map((entry) => entry.name)).toEqual(['Morgan', 'Tube'])
  })

  it('speaks as 24 kHz mono WAV and saves /tts/generate and Maya to the history as the server does', async () => {
    const sidecar = await startSidecar()
    await sidecar.postForm('/actors', { name: 'Morgan', audio_files: voiceFile() })
    const speech = await sidecar.postJson('/tts/generate', {
      text: 'Hello there. How are you?',
      actor: 'MORGAN',
    })
    expect(speech.status).toBe(200)
    const wav = inspectWav(await bytesOf(speech))
    expect([wav.sampleRate, wav.channels, wav.bitsPerSample]).toEqual([24_000, 1, 16])
    await sidecar
      .postJson('/tts/stream', { text: 'Not saved.', actor: 'Morgan' })
      .then((r) => r.arrayBuffer())
    await sidecar.postForm('/tts/generate-with-audio', {
      text: 'Not saved either.',
      reference_audio: voiceFile(),
    })
    const voice = 'A'.repeat(60)
    await sidecar.postJson('/tts/maya/generate', { text: 'Hi <laugh>', voice_description: voice })
    const history = await sidecar.getJson<{ entries: Record<string, unknown>[]; total: number }>(
      '/tts/history?limit=1',
    )
    expect(history.total).toBe(1)
    expect(history.entries[0]).toMatchObject({
      actor_name: `[Maya] ${'A'.repeat(50)}...`,
      language: 'en',
      duration_seconds: null,
    })
    const all = await sidecar.getJson<{ entries: Record<string, unknown>[]; total: number }>(
      '/tts/history',
    )
    expect(all.entries.map((entry) => entry.actor_name)).toEqual([
      `[Maya] ${'A'.repeat(50)}...`,
      'MORGAN',
    ])
    expect(all.entries[1]!.created_at).toMatch(NAIVE)
    const unknown = await sidecar.postJson('/tts/generate', { text: 'x', actor: 'Nobody' })
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ detail: "Actor 'Nobody' not found" })
  })

  it('streams XTTS as a run of complete WAV files, one per synthesised piece', async () => {
    const sidecar = await startSidecar()
    await sidecar.postForm('/actors', { name: 'Morgan', audio_files: voiceFile() })
    const short = await sidecar.postJson('/tts/stream', { text: 'Hi.', actor: 'Morgan' })
    expect(splitWavs(concat(await readChunks(short)))).toHaveLength(1)
    // Sentences are merged into chunks of up to 250 characters; each chunk streams in pieces.
    const sentence = 'This sentence is about forty characters. '
    const text = sentence.repeat(12).trim()
    const response = await sidecar.postJson('/tts/stream', { text, actor: 'Morgan' })
    const files = splitWavs(concat(await readChunks(response)))
    expect(files.length).toBeGreaterThan(2)
    for (const file of files) {
      const info = inspectWav(file)
      expect([info.sampleRate, info.channels]).toEqual([24_000, 1])
      expect(info.durationSeconds).toBeLessThanOrEqual(0.86)
    }
    const total = files.reduce((sum, file) => sum + inspectWav(file).durationSeconds, 0)
    expect(total).toBeGreaterThan(text.length / 15 - 1)
  })

  it('streams Maya as one WAV sent in 32000-byte slices', async () => {
    const sidecar = await startSidecar()
    const response = await sidecar.postJson('/tts/maya/stream', {
      text: 'A sentence. Another one. <laugh> And a third, rather longer, sentence here.',
      voice_description: 'calm',
    })
    const body = concat(await readChunks(response))
    expect(countRiff(body)).toBe(1)
    expect(inspectWav(body).durationSeconds).toBeGreaterThan(3)
    expect(body.length).toBeGreaterThan(32_000)
  })

  it('keeps Maya actors: 200 on create, 400 for a taken name, updated_at on change', async () => {
    const sidecar = await startSidecar()
    const created = await sidecar.postForm('/tts/maya/actors', {
      name: 'Sarah',
      voice_description: 'warm',
    })
    expect(created.status).toBe(200)
    const actor = await created.json()
    expect(actor.id).toMatch(/^[0-9a-f]{8}$/)
    const taken = await sidecar.postForm('/tts/maya/actors', {
      name: 'Sarah',
      voice_description: 'cold',
    })
    expect(taken.status).toBe(400)
    expect(await taken.json()).toEqual({ detail: "Actor 'Sarah' already exists" })
    const updated = await (
      await sidecar.postForm(`/tts/maya/actors/${actor.id}`, { voice_description: 'warmer' }, 'PUT')
    ).json()
    expect(updated).toMatchObject({
      name: 'Sarah',
      voice_description: 'warmer',
      created_at: actor.created_at,
    })
    const missing = await sidecar.call('/tts/maya/actors/nope')
    expect(await missing.json()).toEqual({ detail: 'Maya actor not found' })
    const tags = await sidecar.getJson<{ tags: string[] }>('/tts/maya/emotion-tags')
    expect(tags.tags).toHaveLength(17)
  })
})

// ---------------------------------------------------------------------------------------------
// Video
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: video jobs', () => {
  it('answers queued with an 8-character id and the server estimate, then completes', async () => {
    // The server's estimate (steps / 50 × 75 s) on the emulator's clock: 30 s × timeScale 0.01.
    const sidecar = await startSidecar({ timeScale: 0.01, videoJobMs: undefined })
    const response = await sidecar.postJson('/video/t2v/hunyuan-video', {
      prompt: 'a panda',
      num_inference_steps: 20,
    })
    const raw = await response.text()
    const job = JSON.parse(raw) as { job_id: string }
    expect(job.job_id).toMatch(/^[0-9a-f]{8}$/)
    expect(raw).toBe(`{"job_id":"${job.job_id}","status":"queued","estimated_time_seconds":0.3}`)
    const seen = await pollUntil(jobStatus(sidecar, `/video/status/${job.job_id}`), finished)
    expect(seen.some((status) => status.status === 'processing')).toBe(true)
    const done = seen.at(-1)!
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1,
      current_step: 20,
      total_steps: 20,
      video_url: `/video/download/${job.job_id}`,
      thumbnail_url: `/video/thumbnail/${job.job_id}`,
      error: null,
    })
    const mp4 = inspectMp4(await bytesOf(await sidecar.call(`/video/download/${job.job_id}`)))
    expect([mp4.width, mp4.height]).toEqual([848, 480])
    expect(mp4.durationSeconds).toBeCloseTo(45 / 24, 1)
    const thumb = inspectJpeg(await bytesOf(await sidecar.call(`/video/thumbnail/${job.job_id}`)))
    expect([thumb.width, thumb.height]).toEqual([848, 480])
    const history = await sidecar.getJson<{ videos: Record<string, unknown>[]; total: number }>(
      '/video/history',
    )
    expect(history.total).toBe(1)
    expect(history.videos[0]).toMatchObject({
      id: job.job_id,
      num_frames: 45,
      model: 'hunyuan-video',
    })
    expect(history.videos[0]!.created_at).toMatch(NAIVE)
  })

  it('moves current_step and progress with each step, as the step callback does', async () => {
    const sidecar = await startSidecar({ videoJobMs: 400 })
    const { job_id } = await (
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'x', num_inference_steps: 8 })
    ).json()
    const seen = await pollUntil(jobStatus(sidecar, `/video/status/${job_id}`), finished)
    const running = seen.filter(
      (status) => status.status === 'processing' && status.current_step > 0,
    )
    expect(running.length).toBeGreaterThan(1)
    for (const status of running) {
      expect(status.progress).toBeCloseTo(Math.min(status.current_step / 8, 0.99), 10)
      expect(status.elapsed_seconds).toBeGreaterThan(0)
    }
    // LTX-2.5 runs its fixed 8-step schedule, whatever the request says.
    const ltx = await (
      await sidecar.postJson('/video/t2v/ltx-2.5', { prompt: 'x', num_inference_steps: 30 })
    ).json()
    const ltxSeen = await pollUntil(jobStatus(sidecar, `/video/status/${ltx.job_id}`), finished)
    expect(ltxSeen[0]!.total_steps).toBe(30)
    expect(ltxSeen.at(-1)).toMatchObject({ status: 'completed', current_step: 8, total_steps: 8 })
    const mp4 = inspectMp4(await bytesOf(await sidecar.call(`/video/download/${ltx.job_id}`)))
    expect([mp4.width, mp4.height]).toEqual([832, 480])
  })

  it("holds progress at 0 until completion with videoProgress: 'held'", async () => {
    const sidecar = await startSidecar({ videoJobMs: 200, videoProgress: 'held' })
    const { job_id } = await (
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'x' })
    ).json()
    const seen = await pollUntil(jobStatus(sidecar, `/video/status/${job_id}`), finished)
    const before = seen.filter((status) => status.status !== 'completed')
    expect(before.length).toBeGreaterThan(1)
    expect(before.every((status) => status.progress === 0 && status.current_step === 0)).toBe(true)
    expect(seen.at(-1)).toMatchObject({ progress: 1, current_step: 6, total_steps: 6 })
  })

  it('deletes only finished videos; a running or failed job is 404 Video not found', async () => {
    const sidecar = await startSidecar({ videoJobMs: 150 })
    const { job_id } = await (
      await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'x' })
    ).json()
    const early = await sidecar.call(`/video/${job_id}`, { method: 'DELETE' })
    expect(early.status).toBe(404)
    expect(await early.json()).toEqual({ detail: 'Video not found' })
    expect((await sidecar.call(`/video/download/${job_id}`)).status).toBe(404)
    await pollUntil(jobStatus(sidecar, `/video/status/${job_id}`), finished)
    const deleted = await sidecar.call(`/video/${job_id}`, { method: 'DELETE' })
    expect(await deleted.json()).toEqual({ status: 'deleted', job_id })
    const gone = await sidecar.call(`/video/status/${job_id}`)
    expect(gone.status).toBe(404)
    expect(await gone.json()).toEqual({ detail: `Job not found: ${job_id}` })
  })

  it('sizes image-to-video from the input; a bad image fails the job, not the request', async () => {
    const sidecar = await startSidecar()
    const portrait = await (
      await sidecar.postJson('/video/i2v/hunyuan-video', {
        prompt: 'x',
        image: pngBase64(300, 500),
        resolution: '720p',
      })
    ).json()
    await pollUntil(jobStatus(sidecar, `/video/status/${portrait.job_id}`), finished)
    const mp4 = inspectMp4(await bytesOf(await sidecar.call(`/video/download/${portrait.job_id}`)))
    expect([mp4.width, mp4.height]).toEqual([720, 1200])
    const bad = await sidecar.postJson('/video/i2v/hunyuan-video', { prompt: 'x', image: 'abc' })
    expect(bad.status).toBe(200)
    const failed = (
      await pollUntil(jobStatus(sidecar, `/video/status/${(await bad.json()).job_id}`), finished)
    ).at(-1)!
    expect(failed).toMatchObject({ status: 'failed', error: 'Incorrect padding' })
  })

  it('runs jobs one at a time and fails them on request', async () => {
    const sidecar = await startSidecar({ videoJobMs: 150, failJobs: true })
    const a = await (await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'a' })).json()
    const b = await (await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'b' })).json()
    await sleep(40)
    // Both are processing (their background tasks started), but only one holds the GPU.
    const second = await jobStatus(sidecar, `/video/status/${b.job_id}`)()
    expect(second.status).toBe('processing')
    expect(second.current_step).toBe(0)
    const failed = (await pollUntil(jobStatus(sidecar, `/video/status/${a.job_id}`), finished)).at(
      -1,
    )!
    expect(failed).toMatchObject({
      status: 'failed',
      error: SIDECAR_INJECTED_JOB_ERROR,
      video_url: null,
    })
    await pollUntil(jobStatus(sidecar, `/video/status/${b.job_id}`), finished)
    const runs = sidecar.emulator.state.gpuRuns.filter((run) => run.label.startsWith('video'))
    expect(runs[1]!.startedAt).toBeGreaterThanOrEqual(runs[0]!.finishedAt!)
  })
})

// ---------------------------------------------------------------------------------------------
// Music
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: music jobs', () => {
  it('accepts only the current model ids and estimates steps × 1.5 + 5', async () => {
    // The server's estimate on the emulator's clock (timeScale 0.01).
    const sidecar = await startSidecar({ timeScale: 0.01, musicJobMs: undefined })
    const old = await sidecar.postJson('/music/generate', { caption: 'x', model: 'ace-step-turbo' })
    expect(old.status).toBe(422)
    expect((await old.json()).detail).toEqual([
      {
        type: 'enum',
        loc: ['body', 'model'],
        msg: "Input should be 'ace-step' or 'ace-step-quality'",
        input: 'ace-step-turbo',
        ctx: { expected: "'ace-step' or 'ace-step-quality'" },
      },
    ])
    const quality = await (
      await sidecar.postJson('/music/generate', { caption: 'x', model: 'ace-step-quality' })
    ).json()
    expect(quality).toMatchObject({ status: 'queued', estimated_time_seconds: 0.8 })
    const fast = await (
      await sidecar.postJson('/music/generate', { caption: 'x', inference_steps: 4 })
    ).json()
    expect(fast.estimated_time_seconds).toBe(0.11)
  })

  it('stores the files under the audio id: download_url uses it, the status job_id is 404', async () => {
    const sidecar = await startSidecar()
    const { job_id } = await (
      await sidecar.postJson('/music/generate', {
        caption: 'x',
        batch_size: 2,
        seed: 7,
        duration: 10,
      })
    ).json()
    const seen = await pollUntil(jobStatus(sidecar, `/music/status/${job_id}`), finished)
    // No progress callback: the status stays at 0 until the job is done.
    for (const status of seen.filter((entry) => entry.status !== 'completed')) {
      expect([status.progress, status.current_step]).toEqual([0, 0])
    }
    const done = seen.at(-1)!
    expect(done).toMatchObject({
      status: 'completed',
      progress: 1,
      current_step: 8,
      total_steps: 8,
    })
    const audios = done.audios as {
      index: number
      seed: number
      sample_rate: number
      download_url: string
    }[]
    expect(audios.map((audio) => [audio.index, audio.seed, audio.sample_rate])).toEqual([
      [0, 7, 48_000],
      [1, 8, 48_000],
    ])
    const audioId = /^\/music\/download\/([0-9a-f]{8})\/0$/.exec(audios[0]!.download_url)![1]!
    expect(audioId).not.toBe(job_id)
    const file = await sidecar.call(audios[1]!.download_url)
    expect(file.headers.get('content-type')).toBe('audio/wav')
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="music_${audioId}_1.wav"`,
    )
    const wav = inspectWav(await bytesOf(file))
    expect([wav.sampleRate, wav.channels]).toEqual([48_000, 2])
    expect(wav.durationSeconds).toBeCloseTo(10, 1)
    const byStatusId = await sidecar.call(`/music/download/${job_id}/0`)
    expect(byStatusId.status).toBe(404)
    expect(await byStatusId.json()).toEqual({ detail: 'Audio not found' })
    const beyond = await sidecar.call(`/music/download/${audioId}/2`)
    expect(await beyond.json()).toEqual({ detail: 'Audio file not found' })
    // Python indexing: -1 is the last file.
    expect((await sidecar.call(`/music/download/${audioId}/-1`)).status).toBe(200)
  })

  it('serves FLAC and MP3 files with their content types', async () => {
    const sidecar = await startSidecar()
    for (const [format, type, magic] of [
      ['flac', 'audio/flac', [0x66, 0x4c, 0x61, 0x43]],
      ['mp3', 'audio/mpeg', [0xff, 0xfb]],
    ] as const) {
      const { job_id } = await (
        await sidecar.postJson('/music/generate', {
          caption: 'x',
          audio_format: format,
          duration: 10,
        })
      ).json()
      const done = (await pollUntil(jobStatus(sidecar, `/music/status/${job_id}`), finished)).at(
        -1,
      )!
      const url = (done.audios as { download_url: string }[])[0]!.download_url
      const response = await sidecar.call(url)
      expect(response.headers.get('content-type')).toBe(type)
      expect(response.headers.get('content-disposition')).toMatch(new RegExp(`\\.${format}"$`))
      const bytes = await bytesOf(response)
      expect([...bytes.subarray(0, magic.length)]).toEqual([...magic])
    }
  })

  it('follows music_progress: active at step 0 from the task start until the job ends', async () => {
    const sidecar = await startSidecar({ musicJobMs: 300 })
    const { job_id } = await (await sidecar.postJson('/music/generate', { caption: 'x' })).json()
    const seen = await pollUntil(
      () =>
        sidecar.getJson<{ active: boolean; step?: number; total_steps?: number }>(
          '/music/progress',
        ),
      (body) => body.active,
    )
    expect(seen.at(-1)).toMatchObject({ active: true, step: 0, total_steps: 8, percent: 0 })
    await sleep(120)
    expect(await sidecar.getJson('/music/progress')).toMatchObject({ active: true, step: 0 })
    await pollUntil(jobStatus(sidecar, `/music/status/${job_id}`), finished)
    expect(await sidecar.getJson('/music/progress')).toEqual({ active: false })

    const stepped = await startSidecar({ musicJobMs: 300, musicProgress: 'stepped' })
    const job = await (await stepped.postJson('/music/generate', { caption: 'x' })).json()
    const moving = await pollUntil(jobStatus(stepped, `/music/status/${job.job_id}`), finished)
    expect(moving.some((status) => status.status === 'processing' && status.current_step > 0)).toBe(
      true,
    )
  })

  it('deletes a running job at once, while its generation keeps the GPU and still writes its files', async () => {
    const sidecar = await startSidecar({ musicJobMs: 200 })
    const { job_id } = await (await sidecar.postJson('/music/generate', { caption: 'x' })).json()
    await sleep(30)
    const deleted = await sidecar.call(`/music/${job_id}`, { method: 'DELETE' })
    expect(deleted.status).toBe(200)
    expect(await deleted.json()).toEqual({ status: 'deleted', job_id })
    expect((await sidecar.call(`/music/status/${job_id}`)).status).toBe(404)
    const { state } = sidecar.emulator
    expect(state.activeGenerations).toBe(1)
    // Work queued behind it waits for the deleted generation to end.
    const image = await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64 })
    expect(image.status).toBe(200)
    const music = state.gpuRuns.find((run) => run.label === `music job ${job_id}`)!
    expect(state.gpuRuns.at(-1)!.startedAt).toBeGreaterThanOrEqual(music.finishedAt!)
    expect(state.musicFiles.size).toBe(1)
    const [audioId] = [...state.musicFiles.keys()]
    expect((await sidecar.call(`/music/download/${audioId}/0`)).status).toBe(200)
    // Unknown ids are deleted too.
    expect(await (await sidecar.call('/music/whatever', { method: 'DELETE' })).json()).toEqual({
      status: 'deleted',
      job_id: 'whatever',
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Vision and LLM
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: vision and LLM', () => {
  it('answers vision questions, 400 without an image, a plain 500 for JSON bytes that are no image', async () => {
    const sidecar = await startSidecar()
    const answer = await (
      await sidecar.postJson('/vision/analyze', { image: pngBase64(40, 30), query: 'what?' })
    ).json()
    expect(answer.model).toBe('qwen3-vl-8b')
    expect(answer.response).toContain('40×30')
    const missing = await sidecar.postJson('/vision/analyze', { query: 'what?' })
    expect(await missing.json()).toEqual({ detail: 'image field required for JSON request' })
    const broken = await sidecar.postJson('/vision/analyze', { image: 'aGVsbG8=', query: 'what?' })
    expect(broken.status).toBe(500)
    expect(await broken.text()).toBe('Internal Server Error')
    const upload = await sidecar.postForm('/vision/analyze/upload', {
      image: voiceFile(),
      query: 'q',
    })
    expect(upload.status).toBe(400)
    expect(await upload.json()).toEqual({ detail: 'Invalid image file' })
  })

  it('generates LLM text without a finish_reason, and streams one that is always stop', async () => {
    const sidecar = await startSidecar()
    const full = await (
      await sidecar.postJson('/llm/generate', {
        messages: [{ role: 'user', content: 'Hi' }],
        seed: 5,
      })
    ).json()
    expect(Object.keys(full)).toEqual([
      'text',
      'model',
      'input_tokens',
      'output_tokens',
      'generation_time_seconds',
      'seed',
    ])
    expect(full.model).toBe('Huihui Qwen3 4B')
    expect(full.seed).toBe(5)
    const cut = await (
      await sidecar.postJson('/llm/generate', { prompt: 'Hi', max_tokens: 3, seed: -1 })
    ).json()
    expect(cut.output_tokens).toBe(3)
    expect(cut.seed).toBeNull()
    const events = sseData(
      await (await sidecar.postJson('/llm/stream', { prompt: 'Hi', max_tokens: 3 })).text(),
    )
    expect(events.slice(-2)).toEqual([{ delta: '', finish_reason: 'stop' }, '[DONE]'])
    expect(events).toHaveLength(5)
    const both = await sidecar.postJson('/llm/generate', {
      prompt: 'x',
      messages: [{ role: 'user', content: 'y' }],
    })
    expect(await both.json()).toEqual({ detail: "Provide either 'messages' or 'prompt', not both" })
    const neither = await sidecar.postJson('/llm/stream', { messages: [], prompt: '' })
    expect(neither.status).toBe(400)
    expect(await neither.json()).toEqual({
      detail: "Either 'messages' or 'prompt' must be provided",
    })
    const role = await sidecar.postJson('/llm/generate', {
      messages: [{ role: 'robot', content: 'y' }],
    })
    expect((await role.json()).detail[0]).toMatchObject({
      type: 'enum',
      loc: ['body', 'messages', 0, 'role'],
    })
  })
})

// ---------------------------------------------------------------------------------------------
// 3D and ComfyUI
// ---------------------------------------------------------------------------------------------

describe('sidecar emulator: 3D models', () => {
  it('answers a GLB with its id and reference headers, and keeps it for download and listing', async () => {
    const sidecar = await startSidecar()
    const response = await sidecar.postJson('/model3d/generate', {
      text: 'a chair',
      subject: 'object',
      target_faces: 2000,
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('model/gltf-binary')
    const id = response.headers.get('x-model-id')!
    expect(id).toMatch(/^[0-9a-f]{8}$/)
    expect(response.headers.get('x-ref-url')).toBe(`/model3d/ref/${id}`)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${id}.glb"`)
    const glb = inspectGlb(await bytesOf(response))
    expect(glb.version).toBe(2)
    expect(glb.triangles).toBeGreaterThan(1500)
    expect(glb.triangles).toBeLessThan(2500)
    const labels = sidecar.emulator.state.gpuRuns.map((run) => run.model)
    expect(labels.slice(-2)).toEqual(['z-image-turbo', 'hunyuan3d-2'])
    const ref = inspectPng(await bytesOf(await sidecar.call(`/model3d/ref/${id}`)))
    expect([ref.width, ref.height]).toEqual([1024, 1024])
    expect((await sidecar.call(`/model3d/download/${id}`)).status).toBe(200)
    const list = await sidecar.getJson<{ models: Record<string, unknown>[] }>('/model3d/list')
    expect(list.models[0]).toMatchObject({
      id,
      url: `/model3d/download/${id}`,
      ref_url: `/model3d/ref/${id}`,
    })
    const fromImage = await sidecar.postJson('/model3d/generate', {
      image: `data:image/png;base64,${pngBase64(64, 48)}`,
    })
    const imageRef = inspectPng(
      await bytesOf(await sidecar.call(`/model3d/ref/${fromImage.headers.get('x-model-id')}`)),
    )
    expect([imageRef.width, imageRef.height]).toEqual([64, 48])
  })

  it('answers the server errors', async () => {
    const sidecar = await startSidecar()
    const neither = await sidecar.postJson('/model3d/generate', {})
    expect(await neither.json()).toEqual({ detail: "Provide either 'text' or 'image'" })
    const model = await sidecar.postJson('/model3d/generate?model=trellis', { text: 'x' })
    expect(model.status).toBe(404)
    expect(await model.json()).toEqual({ detail: 'Unknown 3D model: trellis' })
    const padding = await sidecar.postJson('/model3d/generate', { image: 'abc' })
    expect(await padding.json()).toEqual({ detail: 'Invalid base64 image: Incorrect padding' })
    expect(await (await sidecar.call('/model3d/download/nope')).json()).toEqual({
      detail: 'Model not found',
    })
    expect(await (await sidecar.call('/model3d/ref/nope')).json()).toEqual({
      detail: 'Reference image not found',
    })
  })
})

describe('sidecar emulator: ComfyUI-compatible routes', () => {
  const workflow = {
    '3': {
      class_type: 'KSampler',
      inputs: {
        seed: 42,
        steps: 4,
        cfg: 1,
        positive: ['6', 0],
        negative: ['7', 0],
        latent_image: ['5', 0],
      },
    },
    '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 300, batch_size: 1 } },
    '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a cat' } },
    '7': { class_type: 'CLIPTextEncode', inputs: { text: 'blurry' } },
    '9': { class_type: 'SaveImage', inputs: { filename_prefix: 'ComfyUI' } },
  }

  it('runs a workflow on z-image-turbo and serves its image through /history and /view', async () => {
    const sidecar = await startSidecar({ imageStepMs: 10 })
    const queued = await (
      await sidecar.postJson('/prompt', { prompt: workflow, client_id: 'c' })
    ).json()
    expect(queued.prompt_id).toMatch(/^[0-9a-f]{12}$/)
    expect(queued.number).toBe(0)
    expect(await sidecar.getJson(`/history/${queued.prompt_id}`)).toEqual({})
    const history = (
      await pollUntil(
        () =>
          sidecar.getJson<
            Record<string, { outputs: Record<string, { images: { filename: string }[] }> }>
          >(`/history/${queued.prompt_id}`),
        (body) => Object.keys(body).length > 0,
      )
    ).at(-1)!
    const entry = history[queued.prompt_id]!
    expect(entry).toMatchObject({
      prompt: [0, queued.prompt_id, workflow, {}, ['9']],
      status: { status_str: 'success', completed: true, messages: [] },
    })
    const [image] = entry.outputs['9']!.images
    expect(image).toEqual({ filename: 'ComfyUI_00001_.png', subfolder: '', type: 'output' })
    const png = inspectPng(
      await bytesOf(await sidecar.call('/view?filename=ComfyUI_00001_.png&type=output')),
    )
    expect([png.width, png.height]).toEqual([512, 256])
    expect(await sidecar.getJson('/progress')).toEqual({ active: false })
    expect((await sidecar.call('/view?filename=nope.png')).status).toBe(404)
    await sidecar.postJson('/history', { clear: true })
    expect(await sidecar.getJson('/history')).toEqual({})
  })

  it('refuses bad prompts with the server error body and serves its node info', async () => {
    const sidecar = await startSidecar()
    const missing = await sidecar.postJson('/prompt', { client_id: 'c' })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({
      detail: { error: "Missing or invalid 'prompt' field", node_errors: {} },
    })
    const notJson = await sidecar.call('/prompt', { method: 'POST', body: '{' })
    expect(await notJson.json()).toEqual({
      detail: { error: 'Request body must be valid JSON', node_errors: {} },
    })
    const steps = await sidecar.postJson('/prompt', {
      prompt: { '1': { class_type: 'KSampler', inputs: { steps: 150 } } },
    })
    expect((await steps.json()).detail.error).toMatch(
      /^Failed to parse workflow: 1 validation error for GenerateRequest\nnum_inference_steps\n {2}Input should be less than or equal to 100/,
    )
    const raw = await (await sidecar.call('/object_info')).text()
    expect(raw).toContain('"max":18446744073709551615')
    expect(await sidecar.getJson('/object_info/SaveImage')).toHaveProperty(
      'SaveImage.output_node',
      true,
    )
    expect(await (await sidecar.call('/object_info/Nope')).json()).toEqual({
      detail: 'Node class not found: Nope',
    })
    expect(await sidecar.getJson('/embeddings')).toEqual([])
    expect(await sidecar.getJson('/queue')).toEqual({ queue_running: [], queue_pending: [] })
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
    for (let call = 0; call < 2; call++) {
      expect(
        (await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64 })).status,
      ).toBe(200)
    }
    expect(state.swaps).toBe(0)
    expect(state.maxConcurrentGenerations).toBe(1)
    const [a, b] = await Promise.all([
      sidecar.postJson('/generate/z-image', { prompt: 'a', width: 64, num_inference_steps: 5 }),
      sidecar.postJson('/generate/qwen-image-2512', {
        prompt: 'b',
        width: 128,
        height: 64,
        use_lora: true,
      }),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(inspectPng(await bytesOf(b)).width).toBe(128)
    expect(state.maxConcurrentGenerations).toBe(2)
    expect(state.activeGenerations).toBe(0)
    expect(state.swaps).toBe(2)
    const runs = state.gpuRuns.slice(-2)
    expect(runs[1]!.startedAt).toBeGreaterThanOrEqual(runs[0]!.finishedAt!)
  })

  it('reports the swap on /health: nothing loaded while swapping, then the new model', async () => {
    const sidecar = await startSidecar({ swapDelayMs: 150, imageStepMs: 1 })
    const generation = sidecar.postJson('/generate/ovis-image-7b', {
      prompt: 'x',
      width: 64,
      num_inference_steps: 2,
    })
    const seen = await pollUntil(
      async () => (await sidecar.getJson<{ models_loaded: string[] }>('/health')).models_loaded,
      (loaded) => loaded[0] === 'ovis-image-7b',
    )
    expect(seen[0]).toEqual(['z-image-turbo'])
    expect(seen.some((loaded) => loaded.length === 0)).toBe(true)
    await generation
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

  it('fails the next matching requests with failNext, then recovers', async () => {
    const sidecar = await startSidecar()
    sidecar.emulator.failNext(1, {
      status: 503,
      path: /^\/generate\//,
      detail: 'busy',
      headers: { 'retry-after': '1' },
    })
    const failed = await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64 })
    expect(failed.status).toBe(503)
    expect(failed.headers.get('retry-after')).toBe('1')
    expect(await failed.json()).toEqual({ detail: 'busy' })
    expect(
      (await sidecar.postJson('/generate/z-image-turbo', { prompt: 'x', width: 64 })).status,
    ).toBe(200)
  })

  it('forgets everything on reset', async () => {
    const sidecar = await startSidecar({ videoJobMs: 5_000 })
    await sidecar.postForm('/actors', { name: 'Morgan', audio_files: voiceFile() })
    await sidecar.postJson('/video/t2v/hunyuan-video', { prompt: 'long' })
    await sleep(20)
    expect(sidecar.emulator.state.activeGenerations).toBe(1)
    sidecar.emulator.reset()
    const { state } = sidecar.emulator
    expect(state.actors.size).toBe(0)
    expect(state.videoJobs.size).toBe(0)
    expect(state.requests).toEqual([])
    expect(state.activeGenerations).toBe(0)
    expect(state.loadedModel).toBe('z-image-turbo')
    expect(
      (await sidecar.postJson('/generate/z-image-turbo', { prompt: 'after', width: 64 })).status,
    ).toBe(200)
  })
})
