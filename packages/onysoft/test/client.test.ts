/**
 * OnysoftClient against msw: every endpoint (method, path, headers, body, parsed answer), the
 * rules checked before sending, error mapping, result files on another host fetched without
 * the key, the cached catalogue, and a coverage check against ENDPOINTS.
 */
import {
  type Clock,
  ProviderError,
  RateLimitError,
  ResponseShapeError,
  ValidationError,
} from '@atelier/core'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  ALIASES,
  ENDPOINTS,
  ModelCatalogue,
  ONYSOFT_DEFAULT_BASE_URL,
  tasksForModel,
  VOICES,
} from '../src'
import { OnysoftClient, type OnysoftClientOptions } from '../src/client'

const BASE = 'https://api.onysoft.test'
const CDN = 'https://files.onysoft-cdn.test'
const KEY = 'sk-ony-client-test-key'

const server = setupServer()
const hits = new Set<string>()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface Captured {
  method: string
  url: URL
  headers: Headers
  json: unknown
}

const TEMPLATES = ENDPOINTS.map((endpoint) => ({
  key: `${endpoint.method} ${endpoint.path}`,
  method: endpoint.method,
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

/** Answers `method path` with `respond`, recording each request. */
function route(
  method: 'GET' | 'POST',
  path: string,
  respond: (request: Request) => Response | Promise<Response>,
  base = BASE,
): Captured[] {
  const calls: Captured[] = []
  const handler = method === 'GET' ? http.get : http.post
  server.use(
    handler(`${base}${path}`, async ({ request }) => {
      const url = new URL(request.url)
      const template = TEMPLATES.find(
        (item) => item.method === request.method && item.pattern.test(url.pathname),
      )
      if (template && base === BASE) hits.add(template.key)
      const text = await request.clone().text()
      calls.push({
        method: request.method,
        url,
        headers: request.headers,
        json: text ? JSON.parse(text) : undefined,
      })
      return respond(request)
    }),
  )
  return calls
}

const ok =
  (data: unknown, status = 200) =>
  () =>
    HttpResponse.json({ success: true, data } as never, { status })

/** A clock whose sleeps (retry delays) end at once and are recorded. */
function quickClock(sleeps: number[] = []): Clock {
  return {
    now: () => 0,
    async sleep(ms) {
      sleeps.push(ms)
    },
  }
}

function makeClient(options: OnysoftClientOptions = {}): OnysoftClient {
  return new OnysoftClient({ apiKey: KEY, baseUrl: BASE, retry: { limit: 0 }, ...options })
}

const accepted = {
  task_id: 'vid_abc123',
  status: 'pending',
  model: 'veo3_fast',
  estimated_cost: { amount: 0.6, currency: 'USD' },
}

describe('generate aliases', () => {
  for (const alias of ALIASES) {
    it(`POST /v1/${alias}/generate sends the validated body as a submit and returns the task`, async () => {
      const calls = route('POST', `/v1/${alias}/generate`, ok(accepted, 202))
      const client = makeClient()
      const task = await client[alias].generate({
        model: 'veo3_fast',
        prompt: 'A golden retriever running through sunflowers',
        aspect_ratio: '16:9',
        duration: 5,
      })
      expect(task).toEqual(accepted)
      expect(calls).toHaveLength(1)
      const call = calls[0]!
      expect(call.method).toBe('POST')
      expect(call.url.pathname).toBe(`/v1/${alias}/generate`)
      expect(call.headers.get('authorization')).toBe(`Bearer ${KEY}`)
      expect(call.headers.get('content-type')).toMatch(/^application\/json/)
      expect(call.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{16,}$/)
      expect(call.json).toEqual({
        model: 'veo3_fast',
        prompt: 'A golden retriever running through sunflowers',
        aspect_ratio: '16:9',
        duration: 5,
      })
    })
  }

  it('sends the documented TTS, sound-effect, Sora 2 and image-to-image examples as written', async () => {
    const calls = route('POST', '/v1/:alias/generate', ok(accepted, 202))
    const client = makeClient()
    const examples = [
      {
        model: 'elevenlabs/text-to-speech-multilingual-v2',
        prompt: 'Merhaba, ben Rachel. Onysoft AI üzerinden konuşuyorum.',
        voice: 'Rachel',
        stability: 0.6,
        similarity_boost: 0.8,
        style: 0.1,
      },
      {
        model: 'elevenlabs/sound-effect-v2',
        prompt: 'thunder rolling in distant mountains, heavy rain',
        duration_seconds: 8,
        prompt_influence: 0.5,
      },
      {
        model: 'sora-2-pro-text-to-video',
        prompt: 'A drone shot of a serene mountain lake at sunrise',
        aspect_ratio: 'landscape',
        n_frames: '10',
        size: 'high',
      },
      {
        model: 'seedream/4.5-edit',
        prompt: 'Change background to a futuristic city',
        image_url: 'https://example.com/input.jpg',
        aspect_ratio: '1:1',
        quality: 'high',
      },
      { model: 'elevenlabs/speech-to-text', audio_url: 'https://example.com/talk.mp3' },
      { model: 'topaz/image-upscale', image_url: 'data:image/png;base64,iVBORw0KGgo=', scale: 4 },
    ] as const
    await client.voice.generate(examples[0])
    await client.audio.generate(examples[1])
    await client.video.generate(examples[2])
    await client.image.generate(examples[3])
    await client.audio.generate(examples[4])
    await client.image.generate(examples[5])
    expect(calls.map((call) => call.url.pathname)).toEqual([
      '/v1/voice/generate',
      '/v1/audio/generate',
      '/v1/video/generate',
      '/v1/image/generate',
      '/v1/audio/generate',
      '/v1/image/generate',
    ])
    expect(calls.map((call) => call.json)).toEqual(examples)
  })
})

describe('status lookups', () => {
  for (const alias of ALIASES) {
    it(`GET /v1/${alias}/status/{task_id} reads the task (a read call, id encoded as one segment)`, async () => {
      const calls = route(
        'GET',
        `/v1/${alias}/status/:id`,
        ok({
          task_id: 'vid_abc123',
          status: 'completed',
          video_url: `${CDN}/v/abc.mp4`,
          thumbnail_url: `${CDN}/v/abc.jpg`,
          duration: 5,
          model: 'veo3_fast',
          extra_field: 'kept',
        }),
      )
      const status = await makeClient()[alias].status('vid_abc123')
      expect(status).toMatchObject({
        task_id: 'vid_abc123',
        status: 'completed',
        video_url: `${CDN}/v/abc.mp4`,
        duration: 5,
        extra_field: 'kept',
      })
      expect(calls[0]!.method).toBe('GET')
      expect(calls[0]!.url.pathname).toBe(`/v1/${alias}/status/vid_abc123`)
      expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`)
      expect(calls[0]!.headers.get('idempotency-key')).toBeNull()
    })
  }

  it('encodes a hostile id as one path segment and refuses dot segments', async () => {
    const calls = route('GET', '/v1/music/status/:id', ok({ task_id: 'x', status: 'pending' }))
    await makeClient().music.status('a/../../v1/models?x=1')
    expect(calls[0]!.url.pathname).toBe('/v1/music/status/a%2F..%2F..%2Fv1%2Fmodels%3Fx%3D1')
    await expect(makeClient().music.status('..')).rejects.toBeInstanceOf(ValidationError)
  })

  it('returns the headers too, for Retry-After hints', async () => {
    route('GET', '/v1/video/status/:id', () =>
      HttpResponse.json(
        { success: true, data: { task_id: 't', status: 'processing', progress: 40 } },
        { headers: { 'retry-after': '7' } },
      ),
    )
    const { data, headers } = await makeClient().video.statusWithHeaders('t')
    expect(data.progress).toBe(40)
    expect(headers.get('retry-after')).toBe('7')
  })
})

describe('video list and models', () => {
  it('GET /v1/video/list sends page and limit and normalises the page', async () => {
    const calls = route(
      'GET',
      '/v1/video/list',
      ok({
        videos: [{ task_id: 'a', status: 'completed', video_url: `${CDN}/a.mp4` }],
        pagination: { page: 2, limit: 1, total: 3, total_pages: 3 },
      }),
    )
    const page = await makeClient().video.list({ page: 2, limit: 1 })
    expect(calls[0]!.url.search).toBe('?page=2&limit=1')
    expect(page).toEqual({
      videos: [{ task_id: 'a', status: 'completed', video_url: `${CDN}/a.mp4` }],
      page: 2,
      limit: 1,
      total: 3,
      totalPages: 3,
    })
  })

  it('reads a bare array list, sends the defaults, and walks every page', async () => {
    const calls = route('GET', '/v1/video/list', ({ url }) => {
      const page = Number(new URL(url).searchParams.get('page'))
      const items = page === 1 ? [{ task_id: 'a' }, { task_id: 'b' }] : [{ task_id: 'c' }]
      return HttpResponse.json({ success: true, data: items })
    })
    const client = makeClient()
    const first = await client.video.list()
    expect(calls[0]!.url.search).toBe('?page=1&limit=20')
    expect(first).toMatchObject({ page: 1, limit: 20 })
    const all = []
    for await (const video of client.video.all({ limit: 2 })) all.push(video.task_id)
    expect(all).toEqual(['a', 'b', 'c'])
    expect(calls.slice(1).map((call) => call.url.search)).toEqual([
      '?page=1&limit=2',
      '?page=2&limit=2',
    ])
  })

  it('refuses a limit over 100 or a page below 1 before the request', async () => {
    const calls = route('GET', '/v1/video/list', ok([]))
    const client = makeClient()
    const error = await client.video.list({ limit: 101 }).catch((caught: unknown) => caught)
    expect((error as ValidationError).field).toBe('limit')
    await expect(client.video.list({ page: 0 })).rejects.toBeInstanceOf(ValidationError)
    expect(calls).toHaveLength(0)
  })

  it('GET /v1/models normalises ids, types, providers and prices', async () => {
    const calls = route('GET', '/v1/models', () =>
      HttpResponse.json({
        object: 'list',
        data: [
          {
            id: 'veo3_fast',
            type: 'video',
            owned_by: 'Google',
            pricing: { amount: 0.6, currency: 'USD' },
          },
          { id: 'elevenlabs/text-to-speech-multilingual-v2', type: 'TTS', price: 0.06 },
          { model: 'seedream/4.5-edit', category: 'image' },
          'gpt-4o-mini',
          { name: 'no id' },
        ],
      }),
    )
    const models = await makeClient().models.list()
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(models.map(({ raw: _raw, ...model }) => model)).toEqual([
      {
        id: 'veo3_fast',
        type: 'video',
        provider: 'Google',
        price: { amount: 0.6, currency: 'USD' },
        tasks: ['video.generate'],
      },
      {
        id: 'elevenlabs/text-to-speech-multilingual-v2',
        type: 'TTS',
        price: { amount: 0.06, currency: 'USD' },
        tasks: ['speech.generate'],
      },
      { id: 'seedream/4.5-edit', type: 'image', tasks: ['image.edit'] },
      { id: 'gpt-4o-mini' },
    ])
  })

  it('reads {models: [...]} and {data: {models: [...]}} too', async () => {
    route('GET', '/v1/models', () => HttpResponse.json({ models: ['veo3'] }))
    expect((await makeClient().models.list()).map((model) => model.id)).toEqual(['veo3'])
    route('GET', '/v1/models', () =>
      HttpResponse.json({ success: true, data: { models: [{ id: 'suno-v4' }] } }),
    )
    expect(await makeClient().models.list()).toMatchObject([
      { id: 'suno-v4', tasks: ['music.generate'] },
    ])
  })
})

describe('rules checked before sending', () => {
  const client = makeClient()
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'voice outside the 20',
      { model: 'elevenlabs/text-to-speech-turbo-2-5', prompt: 'x', voice: 'Adam' },
      'voice',
      /not within the range of allowed options/,
    ],
    [
      'voice in the wrong case',
      { model: 'elevenlabs/text-to-speech-turbo-2-5', prompt: 'x', voice: 'sarah' },
      'voice',
      /use "Sarah"/,
    ],
    [
      'stability above 1',
      { model: 'elevenlabs/text-to-speech-turbo-2-5', prompt: 'x', stability: 1.5 },
      'stability',
      /between 0 and 1/,
    ],
    [
      'style below 0',
      { model: 'elevenlabs/text-to-speech-turbo-2-5', prompt: 'x', style: -0.1 },
      'style',
      /between 0 and 1/,
    ],
    [
      'sound effect longer than 22 s',
      { model: 'elevenlabs/sound-effect-v2', prompt: 'x', duration_seconds: 23 },
      'duration_seconds',
      /between 1 and 22/,
    ],
    [
      'sound effect shorter than 1 s',
      { model: 'elevenlabs/sound-effect-v2', prompt: 'x', duration_seconds: 0.5 },
      'duration_seconds',
      /between 1 and 22/,
    ],
    [
      'prompt influence above 1',
      { model: 'elevenlabs/sound-effect-v2', prompt: 'x', prompt_influence: 2 },
      'prompt_influence',
      /between 0 and 1/,
    ],
    [
      'Sora aspect ratio as W:H',
      { model: 'sora-2-text-to-video', prompt: 'x', aspect_ratio: '16:9' },
      'aspect_ratio',
      /landscape/,
    ],
    [
      'Sora n_frames as a number',
      { model: 'sora-2-text-to-video', prompt: 'x', n_frames: 10 },
      'n_frames',
      /digits/,
    ],
    [
      'size on non-Pro Sora',
      { model: 'sora-2-text-to-video', prompt: 'x', size: 'high' },
      'size',
      /Pro/,
    ],
    [
      'Sora Pro size outside standard/high',
      { model: 'sora-2-pro-text-to-video', prompt: 'x', size: 'ultra' },
      'size',
      /standard/,
    ],
    [
      'Sora image-to-video without image_urls',
      { model: 'sora-2-image-to-video', prompt: 'x', image_url: 'https://e.com/a.png' },
      'image_urls',
      /image_urls/,
    ],
    [
      'Sora-only field on Veo',
      { model: 'veo3', prompt: 'x', remove_watermark: true },
      'remove_watermark',
      /Sora 2/,
    ],
    ['duration of 7 s', { model: 'veo3', prompt: 'x', duration: 7 }, 'duration', /5, 6, 8, 10/],
    [
      'quality on Veo',
      { model: 'veo3', prompt: 'x', quality: 'high' },
      'quality',
      /gpt-image and seedream/,
    ],
    [
      'quality outside the enum',
      { model: 'gpt-image/1.5-text-to-image', prompt: 'x', quality: 'ultra' },
      'quality',
      /high, standard, low/,
    ],
    [
      'resolution outside the enum',
      { model: 'veo3', prompt: 'x', resolution: '480p' },
      'resolution',
      /720p/,
    ],
    [
      'image_url that is a file path',
      { model: 'seedream/4.5-edit', prompt: 'x', image_url: '/tmp/a.png' },
      'image_url',
      /URL or a base64 data URI/,
    ],
    [
      'both image_url and image_urls',
      {
        model: 'seedream/4.5-edit',
        prompt: 'x',
        image_url: 'https://e.com/a.png',
        image_urls: ['https://e.com/b.png'],
      },
      'image_urls',
      /not both/,
    ],
    [
      'speech-to-text without audio_url',
      { model: 'elevenlabs/speech-to-text' },
      'audio_url',
      /audio_url/,
    ],
    [
      'audio_url as a data URI',
      { model: 'elevenlabs/speech-to-text', audio_url: 'data:audio/wav;base64,UklGRg==' },
      'audio_url',
      /http/,
    ],
    ['no prompt', { model: 'veo3' }, 'prompt', /required/],
    ['unknown key', { model: 'veo3', prompt: 'x', negativePrompt: 'y' }, 'negativePrompt', /./],
    ['empty model', { model: '', prompt: 'x' }, 'model', /empty/],
  ]
  for (const [name, body, field, message] of cases) {
    it(`${name} → ValidationError at ${field}`, async () => {
      const calls = route('POST', '/v1/:alias/generate', ok(accepted, 202))
      const error = await client.video.generate(body as never).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe(field)
      expect((error as Error).message).toMatch(message)
      expect((error as Error).message).toMatch(/^POST \/v1\/video\/generate: /)
      expect(calls).toHaveLength(0)
    })
  }

  it('accepts all 20 documented voices', async () => {
    expect(VOICES).toHaveLength(20)
    const calls = route('POST', '/v1/voice/generate', ok(accepted, 202))
    for (const voice of VOICES) {
      await client.voice.generate({
        model: 'elevenlabs/text-to-speech-turbo-2-5',
        prompt: 'x',
        voice,
      })
    }
    expect(calls.map((call) => (call.json as { voice: string }).voice)).toEqual([...VOICES])
  })

  it('takes 10 MB as 10,000,000 bytes: a body of exactly that is sent, one byte more is refused naming the biggest field', async () => {
    const calls = route('POST', '/v1/image/generate', ok(accepted, 202))
    // A body of `bytes` bytes of JSON text: its base64 image fills what the other fields leave.
    const bodyOf = (bytes: number) => {
      const image = (length: number) => `data:image/png;base64,${'A'.repeat(length)}`
      const overhead = JSON.stringify({
        model: 'seedream/4.5-edit',
        prompt: 'x',
        image_url: image(0),
      }).length
      return { model: 'seedream/4.5-edit', prompt: 'x', image_url: image(bytes - overhead) }
    }
    const error = await client.image.generate(bodyOf(10_000_001)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('image_url')
    expect((error as ValidationError).issues[0]!.rule).toBe('too_big')
    expect((error as Error).message).toMatch(
      /the request body is 10 MB \(10,000,001 bytes\); Onysoft accepts at most 10 MB \(10,000,000 bytes\) per request .*public URLs/,
    )
    expect(calls).toHaveLength(0)
    await client.image.generate(bodyOf(10_000_000))
    expect(calls).toHaveLength(1)
    expect(JSON.stringify(calls[0]!.json)).toHaveLength(10_000_000)
    // A lower configured limit applies.
    await expect(
      makeClient({ maxRequestBytes: 100 }).image.generate({ model: 'x', prompt: 'y'.repeat(200) }),
    ).rejects.toThrow(/at most 100 bytes/)
  })
})

describe('errors', () => {
  it('a 400 envelope becomes a ValidationError with the gateway message', async () => {
    route('POST', '/v1/voice/generate', () =>
      HttpResponse.json(
        {
          success: false,
          error: {
            code: 'invalid_voice',
            message: 'This voice is not within the range of allowed options',
          },
        },
        { status: 400 },
      ),
    )
    const error = await makeClient()
      .voice.generate({ model: 'elevenlabs/text-to-speech-multilingual-v2', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).status).toBe(400)
    expect((error as Error).message).toContain(
      'This voice is not within the range of allowed options',
    )
  })

  it('success: false on a 2xx is a ProviderError', async () => {
    route('GET', '/v1/video/status/:id', () =>
      HttpResponse.json({
        success: false,
        error: { code: 'boom', message: 'backend unavailable' },
      }),
    )
    const error = await makeClient()
      .video.status('t')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).providerCode).toBe('boom')
    expect((error as Error).message).toContain('backend unavailable')
  })

  it('a 401 never echoes the key', async () => {
    route('GET', '/v1/video/status/:id', () =>
      HttpResponse.json({ success: false, error: { message: `bad key ${KEY}` } }, { status: 401 }),
    )
    const error = (await makeClient()
      .video.status('t')
      .catch((caught: unknown) => caught)) as ProviderError
    expect(error.status).toBe(401)
    expect(error.message).not.toContain(KEY)
    expect(error.body).not.toContain(KEY)
    expect(JSON.stringify(error)).not.toContain(KEY)
  })

  it('retries a read after 429 honouring Retry-After, but never a submit after 500', async () => {
    let reads = 0
    route('GET', '/v1/image/status/:id', () =>
      ++reads === 1
        ? HttpResponse.json(
            { success: false, error: 'slow down' },
            { status: 429, headers: { 'retry-after': '1' } },
          )
        : HttpResponse.json({ success: true, data: { task_id: 't', status: 'pending' } }),
    )
    const sleeps: number[] = []
    const client = makeClient({ retry: { limit: 2 }, clock: quickClock(sleeps) })
    expect((await client.image.status('t')).status).toBe('pending')
    expect(sleeps).toEqual([1000])

    let submits = 0
    route('POST', '/v1/image/generate', () => {
      submits++
      return HttpResponse.json({ success: false, error: 'internal' }, { status: 500 })
    })
    await expect(
      client.image.generate({ model: 'google/imagen4', prompt: 'x' }),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(submits).toBe(1)

    route('POST', '/v1/image/generate', () =>
      HttpResponse.json(
        { success: false, error: 'rate' },
        { status: 429, headers: { 'retry-after': '90' } },
      ),
    )
    await expect(
      client.image.generate({ model: 'google/imagen4', prompt: 'x' }),
    ).rejects.toBeInstanceOf(RateLimitError)
  })

  it('an answer that is not the documented shape is a ResponseShapeError', async () => {
    route('POST', '/v1/music/generate', () =>
      HttpResponse.json({ success: true, data: { status: 'pending' } }, { status: 202 }),
    )
    await expect(
      makeClient().music.generate({ model: 'suno-v4', prompt: 'x' }),
    ).rejects.toBeInstanceOf(ResponseShapeError)
  })
})

describe('result files', () => {
  it('fetches files on another host without the key, and on the API origin with it', async () => {
    const seen: { url: string; authorization: string | null }[] = []
    const record =
      (body: string, type: string) =>
      ({ request }: { request: Request }) => {
        seen.push({ url: request.url, authorization: request.headers.get('authorization') })
        return new HttpResponse(body, { headers: { 'content-type': type } })
      }
    server.use(
      http.get(`${CDN}/v/abc.mp4`, record('video-bytes', 'video/mp4')),
      http.get(`${CDN}/v/abc`, record('poster', 'image/webp')),
      http.get(`${BASE}/files/audio-1`, record('audio-bytes', 'audio/mpeg')),
    )
    const client = makeClient()
    const files = client.files({
      task_id: 't',
      status: 'completed',
      video_url: `${CDN}/v/abc.mp4`,
      thumbnail_url: `${CDN}/v/abc`,
      audio_url: '/files/audio-1',
      image_urls: [],
    })
    expect(files.videos[0]!.mediaType).toBe('video/mp4')
    expect(new TextDecoder().decode(await files.videos[0]!.bytes())).toBe('video-bytes')
    // No extension: the served Content-Type decides.
    await files.thumbnails[0]!.bytes()
    expect(files.thumbnails[0]!.mediaType).toBe('image/webp')
    expect(new TextDecoder().decode(await files.audio[0]!.bytes())).toBe('audio-bytes')
    expect(seen).toEqual([
      { url: `${CDN}/v/abc.mp4`, authorization: null },
      { url: `${CDN}/v/abc`, authorization: null },
      { url: `${BASE}/files/audio-1`, authorization: `Bearer ${KEY}` },
    ])
    expect(files.images).toEqual([])
  })
})

describe('model catalogue', () => {
  it('fetches the list once per TTL, shares a request in flight, and does not cache failures', async () => {
    let calls = 0
    let fail = true
    route('GET', '/v1/models', () => {
      calls++
      if (fail) return HttpResponse.json({ error: 'down' }, { status: 503 })
      return HttpResponse.json({
        data: [
          { id: 'veo3', type: 'video' },
          { id: 'my-image-model', type: 'i2i' },
        ],
      })
    })
    let now = 0
    const clock: Clock = { now: () => now, async sleep() {} }
    const client = makeClient()
    const catalogue = new ModelCatalogue(client.transport, { ttlMs: 1_000, clock })
    await expect(catalogue.list()).rejects.toBeInstanceOf(ProviderError)
    fail = false
    const [a, b] = await Promise.all([catalogue.list(), catalogue.tasksOf('my-image-model')])
    expect(a.map((model) => model.id)).toEqual(['veo3', 'my-image-model'])
    expect(b).toEqual(['image.edit'])
    expect(calls).toBe(2)
    now = 999
    expect(await catalogue.tasksOf('veo3')).toEqual(['video.generate'])
    // Not listed: the id's family decides.
    expect(await catalogue.tasksOf('suno-v5')).toEqual(['music.generate'])
    expect(calls).toBe(2)
    now = 1_000
    await catalogue.list()
    expect(calls).toBe(3)
    catalogue.invalidate()
    await catalogue.list()
    expect(calls).toBe(4)
  })

  it('tells the task of the document featured models by family', () => {
    const expected: Record<string, string[] | undefined> = {
      veo3_fast: ['video.generate'],
      'kling/v2-5-turbo-text-to-video-pro': ['video.generate'],
      'hailuo/2-3-image-to-video-pro': ['video.generate'],
      'google/imagen4-ultra': ['image.generate'],
      // Typed t2i in the image table, but the mapping matrix gives it source images too.
      'google/nano-banana-2': ['image.generate', 'image.edit'],
      'google/nano-banana-edit': ['image.edit'],
      'ideogram/v3-edit': ['image.edit'],
      'wan/2-7-image-pro': ['image.generate'],
      'grok-imagine/image-to-image': ['image.edit'],
      'elevenlabs/text-to-speech-turbo-2-5': ['speech.generate'],
      'elevenlabs/v3-text-to-dialogue': ['dialogue.generate'],
      'elevenlabs/sound-effect-v2': ['soundEffect.generate'],
      'ai-music-api/sounds': ['soundEffect.generate'],
      'elevenlabs/speech-to-text': ['transcription.create'],
      'elevenlabs/audio-isolation': [],
      'suno-v4': ['music.generate'],
      'gemini-2.5-flash-image': [],
      'mystery-model': undefined,
    }
    for (const [id, tasks] of Object.entries(expected))
      expect([id, tasksForModel(id)]).toEqual([id, tasks])
    expect(tasksForModel('mystery-model', 'Video')).toEqual(['video.generate'])
    expect(tasksForModel('mystery-model', 'image')).toEqual(['image.generate', 'image.edit'])
    expect(tasksForModel('veo3', 'chat')).toEqual([])
  })
})

describe('client options', () => {
  it('defaults to the public base URL and refuses a bad timeout', () => {
    expect(new OnysoftClient({ apiKey: KEY }).baseUrl).toBe(ONYSOFT_DEFAULT_BASE_URL)
    expect(() => new OnysoftClient({ timeoutMs: 0 })).toThrow(TypeError)
  })

  it('status() reads any task through the video route; alias() picks another', async () => {
    const video = route('GET', '/v1/video/status/:id', ok({ task_id: 't', status: 'pending' }))
    const voice = route('GET', '/v1/voice/status/:id', ok({ task_id: 't', status: 'pending' }))
    const client = makeClient({ clock: quickClock() })
    await client.status('t')
    await client.alias('voice').status('t')
    expect([video.length, voice.length]).toEqual([1, 1])
  })
})

describe('coverage', () => {
  it('the tests above called every endpoint of ENDPOINTS, and nothing else', () => {
    const documented = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
    expect(documented.size).toBe(12)
    expect([...hits].sort()).toEqual([...documented].sort())
  })
})
