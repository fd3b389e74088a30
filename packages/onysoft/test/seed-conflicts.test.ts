/**
 * Where the API document (seed 004) says more in one table than in another, the driver follows
 * the more specific text: Nano Banana 2 takes source images (the mapping matrix), image-to-video
 * and image-to-image families need one (refused before any request, naming the field),
 * `generationType` is the documented way to ask Veo 3 for reference-to-video, `GET /v1/models`
 * may group its list by kind, and `ai-music-api/sounds` makes sound effects whatever a catalogue
 * types it as.
 */
import { startJob, UnsupportedError, ValidationError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { createOnysoftTransport, createTask, listModels, onysoft } from '../src'

const BASE = 'https://api.onysoft.test'

/** A gateway that accepts every task and answers `GET /v1/models` with `models`. */
function gateway(models: unknown = { success: true, data: [] }) {
  const requests: { method: string; path: string; body?: Record<string, unknown> }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.text()
    const path = new URL(request.url).pathname
    requests.push({ method: request.method, path, ...(text ? { body: JSON.parse(text) } : {}) })
    if (path === '/v1/models') return Response.json(models)
    return Response.json(
      { success: true, data: { task_id: 'task-1', status: 'pending' } },
      { status: 202 },
    )
  }
  const options = { apiKey: 'sk-ony-seed-conflicts', baseUrl: BASE, fetch }
  return { driver: onysoft(options), transport: createOnysoftTransport(options), requests }
}

const submits = <Request extends { method: string }>(requests: Request[]) =>
  requests.filter((request) => request.method === 'POST')

describe('Nano Banana 2 edits images', () => {
  it('image.edit with google/nano-banana-2 is sent, even when the catalogue types it t2i', async () => {
    const { driver, requests } = gateway({
      success: true,
      data: [{ id: 'google/nano-banana-2', type: 't2i' }],
    })
    await startJob(driver, 'image.edit', {
      model: 'google/nano-banana-2',
      prompt: 'make it night',
      image: 'https://example.com/input.jpg',
    })
    expect(submits(requests)[0]?.body).toMatchObject({
      model: 'google/nano-banana-2',
      image_url: 'https://example.com/input.jpg',
    })
  })
})

describe('families that need a source image', () => {
  it.each([
    'hailuo/2-3-image-to-video-pro',
    'kling-2.6/image-to-video',
    'grok-imagine/image-to-video',
    'wan/2-7-image-to-video',
    'wan/2-6-flash-image-to-video',
  ])(
    'video.generate with %s and no image is refused naming image, before any request',
    async (model) => {
      const { driver, requests } = gateway()
      const error = await startJob(driver, 'video.generate', { model, prompt: 'a fox runs' }).catch(
        (caught: unknown) => caught,
      )
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe('image')
      expect(requests).toEqual([])
    },
  )

  it('the same models are sent with an image', async () => {
    const { driver, requests } = gateway()
    await startJob(driver, 'video.generate', {
      model: 'hailuo/2-3-image-to-video-pro',
      prompt: 'a fox runs',
      image: 'https://example.com/fox.jpg',
    })
    expect(submits(requests)[0]?.body).toMatchObject({ image_url: 'https://example.com/fox.jpg' })
  })

  it.each([
    ['seedream/4.5-edit', 'image_url'],
    ['flux-2/pro-image-to-image', 'image_url'],
    ['google/nano-banana-edit', 'image_url'],
    ['ideogram/v3-remix', 'image_url'],
    ['topaz/image-upscale', 'image_url'],
    ['ideogram/character-edit', 'reference_image_urls'],
  ])('the client refuses %s without its source image, naming %s', async (model, field) => {
    const { transport, requests } = gateway()
    const error = await createTask(transport, 'image', { model, prompt: 'x' }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe(field)
    expect(requests).toEqual([])
  })

  it('image_urls satisfies an image-to-video model; Nano Banana 2 needs no image', async () => {
    const { transport, requests } = gateway()
    await createTask(transport, 'video', {
      model: 'grok-imagine/image-to-video',
      prompt: 'x',
      image_urls: ['https://example.com/a.jpg'],
    })
    await createTask(transport, 'image', { model: 'google/nano-banana-2', prompt: 'x' })
    expect(submits(requests)).toHaveLength(2)
  })
})

describe('Veo 3 reference-to-video', () => {
  it('generationType goes through providerOptions with the reference images', async () => {
    const { driver, requests } = gateway()
    await startJob(driver, 'video.generate', {
      model: 'veo3',
      prompt: 'the character waves',
      providerOptions: {
        onysoft: {
          generationType: 'REFERENCE_2_VIDEO',
          image_urls: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
        },
      },
    })
    expect(submits(requests)[0]?.body).toMatchObject({
      model: 'veo3',
      generationType: 'REFERENCE_2_VIDEO',
      image_urls: ['https://example.com/a.jpg', 'https://example.com/b.jpg'],
    })
  })

  it('is refused without reference images, and for a model other than Veo 3', async () => {
    const { driver, requests } = gateway()
    const missing = await startJob(driver, 'video.generate', {
      model: 'veo3_fast',
      prompt: 'x',
      providerOptions: { onysoft: { generationType: 'REFERENCE_2_VIDEO' } },
    }).catch((caught: unknown) => caught)
    expect((missing as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'image_urls',
    ])
    const other = await startJob(driver, 'video.generate', {
      model: 'kling-2.6/text-to-video',
      prompt: 'x',
      providerOptions: { onysoft: { generationType: 'REFERENCE_2_VIDEO' } },
    }).catch((caught: unknown) => caught)
    expect(other).toBeInstanceOf(ValidationError)
    expect(JSON.stringify((other as ValidationError).issues)).toContain('generationType')
    expect(requests).toEqual([])
  })
})

describe('GET /v1/models grouped by kind', () => {
  const grouped = {
    video: ['veo3_fast', { id: 'kling-2.6/text-to-video', price: 0.3 }],
    image: [{ id: 'google/imagen4' }, 'seedream/4.5-edit'],
    music: [{ id: 'suno-v4' }],
  }

  it.each([
    ['bare', grouped],
    ['under data', { success: true, data: grouped }],
  ])('reads the groups %s, each entry typed by its group', async (_name, body) => {
    const { transport } = gateway(body)
    const models = await listModels(transport)
    expect(models.map((model) => [model.id, model.type, model.tasks])).toEqual([
      ['veo3_fast', 'video', ['video.generate']],
      ['kling-2.6/text-to-video', 'video', ['video.generate']],
      ['google/imagen4', 'image', ['image.generate']],
      ['seedream/4.5-edit', 'image', ['image.edit']],
      ['suno-v4', 'music', ['music.generate']],
    ])
  })

  it('still reads the flat list shapes', async () => {
    const { transport } = gateway({ object: 'list', data: [{ id: 'veo3', type: 'video' }] })
    expect((await listModels(transport)).map((model) => model.id)).toEqual(['veo3'])
  })
})

describe('ai-music-api/sounds', () => {
  it('makes sound effects even when the catalogue types it as music', async () => {
    const { driver, requests } = gateway({
      success: true,
      data: [{ id: 'ai-music-api/sounds', type: 'music' }],
    })
    expect(await driver.tasksOf('ai-music-api/sounds')).toEqual(['soundEffect.generate'])
    await startJob(driver, 'soundEffect.generate', {
      model: 'ai-music-api/sounds',
      prompt: 'rain on a metal roof',
    })
    expect(submits(requests)).toHaveLength(1)
    const refused = await startJob(driver, 'music.generate', {
      model: 'ai-music-api/sounds',
      prompt: 'a song',
    }).catch((caught: unknown) => caught)
    expect(refused).toBeInstanceOf(UnsupportedError)
  })
})
