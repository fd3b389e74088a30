/**
 * The Onysoft emulator's own rules, each read from the API document (seed 004): what it
 * refuses with a 400 naming the field, and what it takes, since a gateway that refused
 * documented requests would fail drivers that are right.
 */
import { describe, expect, it } from 'vitest'
import { createOnysoftEmulator } from '../src/onysoft'

const KEY = 'sk-ony-rules-test'

function emulator() {
  const onysoft = createOnysoftEmulator({ pendingMs: 0, processingMs: 0, maxMediaSide: 32 })
  const call = (path: string, init: RequestInit = {}) =>
    onysoft.handler(
      new Request(`https://api.onysoft.com${path}`, {
        ...init,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      }),
    )
  const submit = (alias: string, body: unknown) =>
    call(`/v1/${alias}/generate`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
  return { onysoft, call, submit }
}

interface Refusal {
  success: false
  error: { code: string; message: string; details?: { field: string; message: string }[] }
}

const PNG = 'data:image/png;base64,iVBORw0KGgo='

describe('onysoft emulator: the document refuses', () => {
  const cases: [name: string, alias: string, body: unknown, field: string, words: string][] = [
    ['no model', 'video', { prompt: 'x' }, 'model', 'is required'],
    ['no prompt', 'image', { model: 'google/imagen4' }, 'prompt', 'is required'],
    ['an empty prompt', 'image', { model: 'google/imagen4', prompt: '  ' }, 'prompt', 'non-empty'],
    [
      'a voice outside the 20 (case-sensitive)',
      'voice',
      { model: 'elevenlabs/text-to-speech-multilingual-v2', prompt: 'x', voice: 'rachel' },
      'voice',
      'This voice is not within the range of allowed options',
    ],
    [
      'stability above 1.0',
      'voice',
      { model: 'elevenlabs/text-to-speech-multilingual-v2', prompt: 'x', stability: 1.2 },
      'stability',
      'from 0 to 1',
    ],
    [
      'style as a string',
      'voice',
      { model: 'elevenlabs/text-to-speech-multilingual-v2', prompt: 'x', style: '0.1' },
      'style',
      'from 0 to 1',
    ],
    [
      'a sound effect of 30 s',
      'audio',
      { model: 'elevenlabs/sound-effect-v2', prompt: 'rain', duration_seconds: 30 },
      'duration_seconds',
      'from 1 to 22',
    ],
    [
      'prompt_influence below 0',
      'audio',
      { model: 'elevenlabs/sound-effect-v2', prompt: 'rain', prompt_influence: -0.1 },
      'prompt_influence',
      'from 0 to 1',
    ],
    [
      'an aspect ratio outside "16:9", "9:16", "1:1"',
      'image',
      { model: 'google/imagen4', prompt: 'x', aspect_ratio: '4:3' },
      'aspect_ratio',
      '"16:9", "9:16", "1:1"',
    ],
    [
      'a W:H aspect ratio for Sora 2',
      'video',
      { model: 'sora-2-text-to-video', prompt: 'x', aspect_ratio: '16:9' },
      'aspect_ratio',
      '"landscape", "portrait"',
    ],
    [
      'a 7 s video',
      'video',
      { model: 'veo3_fast', prompt: 'x', duration: 7 },
      'duration',
      '5, 6, 8, 10',
    ],
    [
      'a resolution not listed',
      'video',
      { model: 'veo3_fast', prompt: 'x', resolution: '480p' },
      'resolution',
      '"720p", "1080p", "1K", "2K", "4K"',
    ],
    [
      'a quality not listed',
      'image',
      { model: 'gpt-image/1.5-text-to-image', prompt: 'x', quality: 'ultra' },
      'quality',
      '"high", "standard", "low"',
    ],
    [
      'n_frames as a number',
      'video',
      { model: 'sora-2-text-to-video', prompt: 'x', n_frames: 10 },
      'n_frames',
      'string of digits',
    ],
    [
      'size on Sora 2 (not Pro)',
      'video',
      { model: 'sora-2-text-to-video', prompt: 'x', size: 'high' },
      'size',
      'Sora 2 Pro variant only',
    ],
    [
      'a Sora 2 Pro size not listed',
      'video',
      { model: 'sora-2-pro-text-to-video', prompt: 'x', size: 'max' },
      'size',
      '"standard", "high"',
    ],
    [
      'Sora 2 image-to-video without image_urls',
      'video',
      { model: 'sora-2-image-to-video', prompt: 'x' },
      'image_urls',
      'is required by sora-2-image-to-video',
    ],
    [
      'an image edit without a source image',
      'image',
      { model: 'seedream/4.5-edit', prompt: 'x' },
      'image_url',
      'is required by seedream/4.5-edit',
    ],
    [
      'image-to-video without a source image',
      'video',
      { model: 'hailuo/2-3-image-to-video-pro', prompt: 'x' },
      'image_url',
      'is required',
    ],
    [
      'an image that is neither an HTTP URL nor a data URI',
      'image',
      { model: 'seedream/4.5-edit', prompt: 'x', image_url: '/tmp/input.jpg' },
      'image_url',
      'public HTTP URL or a base64 data URI',
    ],
    [
      'image_urls as a string',
      'image',
      { model: 'seedream/4.5-edit', prompt: 'x', image_urls: 'https://example.com/a.jpg' },
      'image_urls',
      'non-empty array',
    ],
    [
      'speech-to-text without audio_url',
      'audio',
      { model: 'elevenlabs/speech-to-text', prompt: 'x' },
      'audio_url',
      'is required',
    ],
  ]

  it.each(cases)(
    '%s: 400 validation_error naming the field',
    async (_, alias, body, field, words) => {
      const { submit, onysoft } = emulator()
      const response = await submit(alias, body)
      expect(response.status).toBe(400)
      const refusal = (await response.json()) as Refusal
      expect(refusal.success).toBe(false)
      expect(refusal.error.code).toBe('validation_error')
      expect(refusal.error.message).toContain(`${field}: `)
      expect(refusal.error.message).toContain(words)
      expect(refusal.error.details?.map((detail) => detail.field)).toContain(field)
      expect(onysoft.state.tasks.size).toBe(0)
    },
  )

  it('a body that is not a JSON object', async () => {
    const { submit } = emulator()
    expect((await submit('video', '[1]')).status).toBe(400)
    const broken = await submit('video', '{"model":')
    expect(((await broken.json()) as Refusal).error.code).toBe('invalid_json')
  })

  it('a body over 10 MB (read as 10,000,000 bytes), with 413', async () => {
    const { submit } = emulator()
    const body = (size: number) => {
      const shell = JSON.stringify({ model: 'seedream/4.5-edit', prompt: 'x', image_url: PNG })
      return shell.replace('iVBORw0KGgo=', `iVBORw0KGgo=${'A'.repeat(size - shell.length)}`)
    }
    const over = await submit('image', body(10_000_001))
    expect(over.status).toBe(413)
    expect(((await over.json()) as Refusal).error.code).toBe('payload_too_large')
    expect((await submit('image', body(10_000_000))).status).toBe(202)
  })

  it('a Gemini image model, which the document sends to chat completions', async () => {
    const { submit } = emulator()
    const response = await submit('image', { model: 'gemini-2.5-flash-image', prompt: 'x' })
    expect(response.status).toBe(400)
    expect(((await response.json()) as Refusal).error).toMatchObject({
      code: 'unsupported_model',
      message: expect.stringContaining('/v1/chat/completions'),
    })
  })

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['page=0', 'page'],
    ['page=1.5', 'page'],
    ['limit=ten', 'limit'],
  ])('a video list query of %s', async (query, field) => {
    const { call } = emulator()
    const response = await call(`/v1/video/list?${query}`)
    expect(response.status).toBe(400)
    expect(((await response.json()) as Refusal).error.message).toMatch(new RegExp(`^${field}: `))
  })
})

describe('onysoft emulator: the document allows', () => {
  const accepted: [name: string, alias: string, body: Record<string, unknown>][] = [
    [
      'the text-to-video example',
      'video',
      { model: 'veo3_fast', prompt: 'x', aspect_ratio: '16:9', duration: 5 },
    ],
    [
      'the image-to-image example',
      'video',
      {
        model: 'seedream/4.5-edit',
        prompt: 'x',
        image_url: 'https://example.com/input.jpg',
        aspect_ratio: '1:1',
      },
    ],
    [
      'a base64 data URI as the source image',
      'image',
      { model: 'ideogram/v3-edit', prompt: 'x', image_url: PNG },
    ],
    [
      'the TTS example',
      'voice',
      {
        model: 'elevenlabs/text-to-speech-multilingual-v2',
        prompt: 'Merhaba',
        voice: 'Rachel',
        stability: 0.6,
        similarity_boost: 0.8,
        style: 0.1,
      },
    ],
    [
      'the sound effect example',
      'audio',
      {
        model: 'elevenlabs/sound-effect-v2',
        prompt: 'thunder',
        duration_seconds: 8.0,
        prompt_influence: 0.5,
      },
    ],
    [
      'the Sora 2 Pro example',
      'video',
      {
        model: 'sora-2-pro-text-to-video',
        prompt: 'x',
        aspect_ratio: 'landscape',
        n_frames: '10',
        size: 'high',
      },
    ],
    [
      'Sora 2 image-to-video with image_urls',
      'video',
      { model: 'sora-2-image-to-video', prompt: 'x', image_urls: ['https://example.com/a.jpg'] },
    ],
    [
      'speech-to-text with audio_url and no prompt',
      'audio',
      { model: 'elevenlabs/speech-to-text', audio_url: 'https://example.com/a.mp3' },
    ],
    [
      'parameters the mapping matrix names but does not type (passed on)',
      'image',
      { model: 'ideogram/v3-edit', prompt: 'x', image_url: PNG, mask_url: PNG, n: 1 },
    ],
    [
      'a model outside the featured tables (the list is dynamic)',
      'video',
      { model: 'kling-3.0/pro', prompt: 'x' },
    ],
    [
      'quality on a model that does not use it (ignored, not refused)',
      'image',
      { model: 'flux-2/pro-text-to-image', prompt: 'x', quality: 'high' },
    ],
  ]

  it.each(accepted)('%s: 202 with a task id', async (_, alias, body) => {
    const { submit } = emulator()
    const response = await submit(alias, body)
    expect(response.status).toBe(202)
    const { data } = (await response.json()) as { data: { task_id: string; model: string } }
    expect(data).toMatchObject({ status: 'pending', model: body.model })
  })

  it('serves any model on any alias: the model decides what is made, as in the examples', async () => {
    const { submit, call } = emulator()
    // The document's own examples send Imagen 4 and Suno V4 to /v1/video/generate.
    const made: Record<string, unknown>[] = []
    for (const model of ['google/imagen4', 'suno-v4', 'wan/2-7-image-to-video']) {
      const response = await submit('video', { model, prompt: 'x', image_url: PNG })
      const { data } = (await response.json()) as { data: { task_id: string } }
      const status = await call(`/v1/image/status/${data.task_id}`)
      made.push(((await status.json()) as { data: Record<string, unknown> }).data)
    }
    expect(made[0]).toHaveProperty('image_url')
    expect(made[0]).not.toHaveProperty('video_url')
    expect(made[1]).toHaveProperty('audio_urls')
    expect(made[2]).toHaveProperty('video_url')
    // A model the document does not place makes what its alias is for.
    const unknown = await submit('music', { model: 'someone/new-model', prompt: 'x' })
    const { data } = (await unknown.json()) as { data: { task_id: string } }
    const status = (await (await call(`/v1/music/status/${data.task_id}`)).json()) as {
      data: Record<string, unknown>
    }
    expect(status.data).toHaveProperty('audio_urls')
  })

  it('prices the audio models as the document does, with the average 50% markup', async () => {
    const { submit } = emulator()
    const response = await submit('audio', {
      model: 'elevenlabs/v3-text-to-dialogue',
      prompt: 'A: hi',
    })
    const { data } = (await response.json()) as { data: { estimated_cost: unknown } }
    expect(data.estimated_cost).toEqual({ amount: 0.105, currency: 'USD' })
  })

  it('a video list query at its documented bounds, and its defaults', async () => {
    const { call } = emulator()
    const page = async (query: string) =>
      (
        (await (await call(`/v1/video/list${query}`)).json()) as {
          data: { pagination: { page: number; limit: number } }
        }
      ).data.pagination
    expect(await page('')).toMatchObject({ page: 1, limit: 20 })
    expect(await page('?page=3&limit=100')).toMatchObject({ page: 3, limit: 100 })
    expect(await page('?limit=1')).toMatchObject({ page: 1, limit: 1 })
  })
})
