import { ENDPOINTS } from '@atelier/onysoft'
import { afterEach, describe, expect, it } from 'vitest'
import { inspectJpeg, inspectMp4, inspectPng, inspectWav } from '../src'
import {
  createOnysoftEmulator,
  ONYSOFT_EMULATOR_HEADER,
  ONYSOFT_INJECTED_TASK_ERROR,
  type OnysoftEmulatorOptions,
  type ServedOnysoftEmulator,
  serveOnysoftEmulator,
} from '../src/onysoft'

const KEY = 'sk-ony-emulator-test'
const FAST: OnysoftEmulatorOptions = {
  pendingMs: 20,
  processingMs: 60,
  maxMediaSide: 64,
  videoFps: 4,
}

let running: ServedOnysoftEmulator[] = []
afterEach(async () => {
  await Promise.all(running.map((served) => served.close()))
  running = []
})

async function start(options: OnysoftEmulatorOptions = {}) {
  const served = await serveOnysoftEmulator({ ...FAST, ...options })
  running.push(served)
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${served.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${KEY}`, ...(init.headers as Record<string, string>) },
    })
  const submit = (alias: string, body: unknown) =>
    call(`/v1/${alias}/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const until = async (taskId: string, status: string) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const body = (await (await call(`/v1/video/status/${taskId}`)).json()) as {
        data: Record<string, unknown>
      }
      if (body.data.status === status) return body.data
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    throw new Error(`task ${taskId} never became ${status}`)
  }
  return { served, emulator: served.emulator, call, submit, until }
}

describe('onysoft emulator: API', () => {
  it('serves exactly the endpoints of @atelier/onysoft', () => {
    const emulator = createOnysoftEmulator()
    expect(emulator.routes.map((route) => `${route.method} ${route.pattern}`).sort()).toEqual(
      ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort(),
    )
  })

  it('wants a bearer key (any sk-ony- key, or the configured one)', async () => {
    const { served } = await start()
    const none = await fetch(`${served.url}/v1/models`)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ success: false, error: { code: 'unauthorized' } })
    expect(none.headers.get(ONYSOFT_EMULATOR_HEADER)).toBe('onysoft')
    const strict = await start({ apiKey: 'sk-ony-only-this' })
    const wrong = await strict.call('/v1/models')
    expect(wrong.status).toBe(401)
  })

  it('takes a task (202, estimated cost), moves it pending → processing → completed', async () => {
    const { submit, call, until, served, emulator } = await start({
      pendingMs: 60_000,
      processingMs: 120,
    })
    const accepted = await submit('video', {
      model: 'veo3_fast',
      prompt: 'A golden retriever running',
      aspect_ratio: '16:9',
      duration: 5,
    })
    expect(accepted.status).toBe(202)
    const { data } = (await accepted.json()) as { data: Record<string, unknown> }
    expect(data).toMatchObject({
      status: 'pending',
      model: 'veo3_fast',
      estimated_cost: { currency: 'USD' },
    })
    const id = String(data.task_id)
    const first = (await (await call(`/v1/music/status/${id}`)).json()) as {
      data: { status: string }
    }
    expect(first.data.status).toBe('pending')
    // The state is live: let the task move on now.
    emulator.state.tasks.get(id)!.pendingMs = 0
    const processing = await until(id, 'processing')
    expect(processing.progress).toBeGreaterThanOrEqual(0)
    const done = await until(id, 'completed')
    expect(done).toMatchObject({ duration: 5, model: 'veo3_fast' })
    const videoUrl = new URL(String(done.video_url))
    expect(videoUrl.origin).toBe(served.cdnUrl)
    const video = await fetch(videoUrl)
    expect(video.headers.get('content-type')).toBe('video/mp4')
    const mp4 = inspectMp4(new Uint8Array(await video.arrayBuffer()))
    expect(mp4).toMatchObject({ width: 64, height: 36 })
    expect(mp4.durationSeconds).toBeCloseTo(5, 0)
    const thumbnail = await fetch(String(done.thumbnail_url))
    expect(inspectJpeg(new Uint8Array(await thumbnail.arrayBuffer()))).toMatchObject({ width: 64 })
  })

  it('makes images, speech, dialogue, sound effects, music and transcripts of the asked shape', async () => {
    const { submit, until } = await start()
    const ids: Record<string, string> = {}
    const bodies: Record<string, unknown> = {
      image: { model: 'google/imagen4', prompt: 'x', aspect_ratio: '9:16' },
      speech: {
        model: 'elevenlabs/text-to-speech-multilingual-v2',
        prompt: 'one two three four five',
        voice: 'Rachel',
      },
      dialogue: {
        model: 'elevenlabs/v3-text-to-dialogue',
        prompt: 'A: hi',
        dialogue: [{ text: 'hi there', voice: 'Aria' }],
      },
      sfx: { model: 'elevenlabs/sound-effect-v2', prompt: 'rain', duration_seconds: 2 },
      music: { model: 'suno-v4', prompt: 'jazz' },
      stt: { model: 'elevenlabs/speech-to-text', audio_url: 'https://example.com/a.mp3' },
    }
    for (const [name, body] of Object.entries(bodies)) {
      const response = await submit(name === 'music' ? 'music' : 'audio', body)
      expect(response.status).toBe(202)
      ids[name] = ((await response.json()) as { data: { task_id: string } }).data.task_id
    }
    const image = await until(ids.image!, 'completed')
    const png = inspectPng(
      new Uint8Array(await (await fetch(String(image.image_url))).arrayBuffer()),
    )
    expect(png.height).toBeGreaterThan(png.width)
    expect(image.image_urls).toEqual([image.image_url])
    const speech = await until(ids.speech!, 'completed')
    expect(
      inspectWav(new Uint8Array(await (await fetch(String(speech.audio_url))).arrayBuffer()))
        .durationSeconds,
    ).toBeCloseTo(2, 1)
    const sfx = await until(ids.sfx!, 'completed')
    expect(
      inspectWav(new Uint8Array(await (await fetch(String(sfx.audio_url))).arrayBuffer()))
        .durationSeconds,
    ).toBeCloseTo(2, 1)
    const dialogue = await until(ids.dialogue!, 'completed')
    expect(dialogue.audio_url).toMatch(/audio\.wav$/)
    const music = await until(ids.music!, 'completed')
    expect(music.audio_urls).toHaveLength(2)
    const stt = await until(ids.stt!, 'completed')
    expect(stt).toMatchObject({ language_code: 'en', text: expect.stringContaining('transcript') })
    expect(Array.isArray(stt.words)).toBe(true)
  })

  it('rejects what the document rules out, like the client does', async () => {
    const { submit, emulator } = await start()
    const voice = await submit('voice', {
      model: 'elevenlabs/text-to-speech-multilingual-v2',
      prompt: 'x',
      voice: 'Adam',
    })
    expect(voice.status).toBe(400)
    const body = (await voice.json()) as {
      success: boolean
      error: { code: string; message: string }
    }
    expect(body.success).toBe(false)
    expect(body.error.code).toBe('validation_error')
    expect(body.error.message).toContain(
      'voice: "Adam": This voice is not within the range of allowed options',
    )
    expect(
      (await submit('video', { model: 'sora-2-text-to-video', prompt: 'x', aspect_ratio: '1:1' }))
        .status,
    ).toBe(400)
    expect((await submit('video', { model: 'gemini-2.5-flash-image', prompt: 'x' })).status).toBe(
      400,
    )
    const big = await submit('image', {
      model: 'seedream/4.5-edit',
      prompt: 'x',
      image_url: `data:image/png;base64,${'A'.repeat(10 * 1024 * 1024)}`,
    })
    expect(big.status).toBe(413)
    expect(emulator.state.tasks.size).toBe(0)
  })

  it('lists completed videos a page at a time and checks the limit', async () => {
    const { submit, call, until } = await start()
    const ids: string[] = []
    for (const prompt of ['a', 'b', 'c']) {
      const response = await submit('video', { model: 'veo3', prompt })
      ids.push(((await response.json()) as { data: { task_id: string } }).data.task_id)
    }
    await submit('image', { model: 'google/imagen4', prompt: 'not a video' })
    for (const id of ids) await until(id, 'completed')
    const page = (await (await call('/v1/video/list?page=2&limit=2')).json()) as {
      data: { videos: { task_id: string }[]; pagination: Record<string, number> }
    }
    expect(page.data.videos.map((video) => video.task_id)).toEqual([ids[0]])
    expect(page.data.pagination).toEqual({ page: 2, limit: 2, total: 3, total_pages: 2 })
    expect((await call('/v1/video/list?limit=101')).status).toBe(400)
  })

  it('lists models with types and prices', async () => {
    const { call } = await start()
    const body = (await (await call('/v1/models')).json()) as { data: Record<string, unknown>[] }
    expect(body.data).toContainEqual(
      expect.objectContaining({
        id: 'elevenlabs/speech-to-text',
        type: 'STT',
        pricing: { amount: 0.0263, currency: 'USD' },
      }),
    )
    expect(body.data).toContainEqual(
      expect.objectContaining({ id: 'gemini-2.5-flash-image', type: 'chat' }),
    )
  })

  it('fails requests on demand and tasks when told', async () => {
    const { submit, call, emulator, until } = await start()
    emulator.failNext(1, { status: 429, path: '/v1/models', headers: { 'retry-after': '2' } })
    const limited = await call('/v1/models')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('2')
    expect((await call('/v1/models')).status).toBe(200)
    emulator.failJobs = true
    const response = await submit('video', { model: 'veo3', prompt: 'x' })
    const id = ((await response.json()) as { data: { task_id: string } }).data.task_id
    expect(await until(id, 'failed')).toMatchObject({ error: ONYSOFT_INJECTED_TASK_ERROR })
    expect((await call('/v1/video/status/nope')).status).toBe(404)
  })
})

describe('onysoft emulator: file host', () => {
  it('serves files only once the task completed, never asks for credentials, and logs what it got', async () => {
    const { submit, until, emulator, served } = await start({ processingMs: 150 })
    const response = await submit('image', { model: 'google/imagen4', prompt: 'x' })
    const id = ((await response.json()) as { data: { task_id: string } }).data.task_id
    const early = await fetch(`${served.cdnUrl}/files/${id}/image-0.png`)
    expect(early.status).toBe(404)
    await until(id, 'completed')
    const file = await fetch(`${served.cdnUrl}/files/${id}/image-0.png`, {
      headers: { authorization: 'Bearer leaked' },
    })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-length')).toBe(
      String((await file.clone().arrayBuffer()).byteLength),
    )
    const cdn = emulator.state.requests.filter((request) => request.server === 'cdn')
    expect(cdn.map((request) => [request.status, request.authorization])).toEqual([
      [404, null],
      [200, 'Bearer leaked'],
    ])
    emulator.reset()
    expect(emulator.state.tasks.size).toBe(0)
    expect((await fetch(`${served.cdnUrl}/files/${id}/image-0.png`)).status).toBe(404)
  })

  it('answers on the default CDN origin inside msw-style use, without a server', async () => {
    const emulator = createOnysoftEmulator({ ...FAST, pendingMs: 0, processingMs: 0 })
    const accepted = await emulator.handler(
      new Request('https://api.onysoft.com/v1/image/generate', {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'google/imagen4', prompt: 'x' }),
      }),
    )
    const id = ((await accepted.json()) as { data: { task_id: string } }).data.task_id
    const status = await emulator.handler(
      new Request(`https://api.onysoft.com/v1/image/status/${id}`, {
        headers: { authorization: `Bearer ${KEY}` },
      }),
    )
    const { data } = (await status.json()) as { data: { image_url: string } }
    expect(data.image_url.startsWith('https://cdn.onysoft.emulator/files/')).toBe(true)
    const file = await emulator.cdnHandler(new Request(data.image_url))
    expect(inspectPng(new Uint8Array(await file.arrayBuffer())).width).toBe(64)
  })
})
