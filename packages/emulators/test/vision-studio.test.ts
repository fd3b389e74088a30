/**
 * The Vision Studio emulator through its fetch handler: auth, FastAPI-style validation with
 * the document's schemas, the envelope, tasks that progress and end in each provider's words,
 * cancel, failure injection, files of the requested size, LoRA resources, uploads.
 */
import { ENDPOINTS } from '@atelier/vision-studio'
import { describe, expect, it } from 'vitest'
import { inspectMp4, inspectPng, inspectWav } from '../src/media'
import {
  createVisionStudioEmulator,
  VISION_STUDIO_INJECTED_TASK_ERROR,
  type VisionStudioEmulatorOptions,
} from '../src/vision-studio'

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read freely in these tests.
type Json = any

const ORIGIN = 'http://studio.emulator'
const KEY = 'k-123'

function setup(options: VisionStudioEmulatorOptions = {}) {
  const emulator = createVisionStudioEmulator({
    syncMs: 0,
    taskQueuedMs: 20,
    taskRunMs: 60,
    ...options,
  })
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const init: RequestInit = { method, headers: { 'x-api-key': KEY, ...headers } }
    if (body instanceof FormData) init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    }
    const response = await emulator.handler(new Request(`${ORIGIN}${path}`, init))
    const type = response.headers.get('content-type') ?? ''
    const json = type.includes('json') ? await response.json() : undefined
    return { response, status: response.status, json: json as Json }
  }
  const download = async (url: string) => {
    const response = await emulator.handler(new Request(url))
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) }
  }
  return { emulator, call, download }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('routes and auth', () => {
  it('serves every endpoint of the document, plus its files route', () => {
    const { emulator } = setup()
    const served = emulator.routes.map((route) => `${route.method} ${route.pattern}`).sort()
    expect(served).toEqual(
      [
        ...ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`),
        'GET /emulator/files/{name}',
      ].sort(),
    )
  })

  it('wants X-API-Key: 403 without one, 401 with the wrong one, and marks every answer as the emulator', async () => {
    const { call } = setup({ apiKey: KEY })
    const none = await call('GET', '/api/v1/bria-lora/projects', undefined, { 'x-api-key': '' })
    expect(none.status).toBe(403)
    expect(none.json).toEqual({ detail: 'Not authenticated' })
    const wrong = await call('GET', '/api/v1/bria-lora/projects', undefined, { 'x-api-key': 'x' })
    expect(wrong.status).toBe(401)
    // The document lists `GET /health` without the API key header.
    const ok = await call('GET', '/health', undefined, { 'x-api-key': '' })
    expect(ok.status).toBe(200)
    expect(ok.json).toEqual({
      status: 'success',
      result: { status: 'healthy', emulator: 'vision-studio' },
    })
    expect(ok.response.headers.get('x-atelier-emulator')).toBe('vision-studio')
    expect((await call('GET', '/api/v1/nope')).status).toBe(404)
    expect((await call('GET', '/api/v1/caption/image')).status).toBe(405)
  })
})

describe('validation', () => {
  it("answers 422 with FastAPI details, in pydantic's words, from the document's schemas", async () => {
    const { call } = setup()
    const { status, json } = await call('POST', '/api/v1/bria/image/generation/generate-image', {
      num_results: 9,
      promt: 'typo',
    })
    expect(status).toBe(422)
    expect(json.detail).toEqual([
      {
        loc: ['body', 'prompt'],
        msg: 'Field required',
        type: 'missing',
        input: { num_results: 9, promt: 'typo' },
      },
      {
        loc: ['body', 'num_results'],
        msg: 'Input should be less than or equal to 4',
        type: 'less_than_equal',
        input: 9,
        ctx: { le: 4 },
      },
      {
        loc: ['body', 'promt'],
        msg: 'Extra inputs are not permitted',
        type: 'extra_forbidden',
        input: 'typo',
      },
    ])
  })

  it('checks path and query parameters where FastAPI would', async () => {
    const { call } = setup()
    const bad = await call('GET', '/api/v1/bria-lora/datasets/3/images/x')
    expect(bad.status).toBe(422)
    expect(bad.json.detail[0]).toMatchObject({ loc: ['path', 'image_id'], type: 'int_parsing' })
    const query = await call('GET', '/api/v1/bria-lora/projects/1/datasets?include_models=maybe')
    expect(query.status).toBe(422)
    expect(query.json.detail[0]).toMatchObject({ loc: ['query', 'include_models'] })
  })
})

describe('synchronous answers', () => {
  it('makes images of the asked aspect ratio, count and seed, served as valid PNGs', async () => {
    const { call, download } = setup()
    const { json } = await call('POST', '/api/v1/bria/image/generation/generate-image', {
      prompt: 'a lighthouse at dusk',
      aspect_ratio: '16:9',
      num_results: 2,
      seed: 42,
    })
    expect(json.status).toBe('success')
    expect(json.result).toMatchObject({ seed: 42 })
    expect(json.result.image_urls).toHaveLength(2)
    expect(json.result.image_url).toBe(json.result.image_urls[0])
    const { response, bytes } = await download(json.result.image_url)
    expect(response.headers.get('content-type')).toBe('image/png')
    const png = inspectPng(bytes)
    expect([png.width, png.height]).toEqual([1368, 768])
  })

  it('answers prompt tools and captions with texts built from the input', async () => {
    const { call } = setup()
    const enhanced = await call('POST', '/api/v1/prompt/enhance-prompt', {
      prompt: 'a red fox',
      model_provider: 'gemini',
    })
    expect(enhanced.json.result.prompt).toMatch(/^a red fox, /)
    expect(enhanced.json.result.model_provider).toBe('gemini')
    const tags = await call('POST', '/api/v1/caption/image', {
      image_url: 'https://x.test/a.png',
      mode: 'image_tagging',
      nbr_tags: 2,
      possible_tags: ['cat', 'dog', 'bird'],
    })
    expect(tags.json.result).toEqual({ tags: ['cat', 'dog'] })
    const segments = await call('POST', '/api/v1/caption/video', {
      video_url: 'https://x.test/a.mp4',
      mode: 'segment_timestamps',
    })
    expect(segments.json.result.segments).toHaveLength(3)
  })

  it('makes a Veo video of the asked duration and a zip of masks', async () => {
    const { call, download } = setup()
    const video = await call('POST', '/api/v1/google-vision/video/generation/generate-video', {
      prompt: 'waves at night',
      aspect_ratio: '9:16',
      duration: 5,
    })
    const mp4 = inspectMp4((await download(video.json.result.video_url)).bytes)
    expect([mp4.width, mp4.height]).toEqual([720, 1280])
    expect(mp4.durationSeconds).toBeCloseTo(5, 0)
    const masks = await call('POST', '/api/v1/bria/image/editing/get-masks', {
      image_url: 'https://x.test/a.png',
    })
    const zip = (await download(masks.json.result.result_url)).bytes
    expect(Array.from(zip.slice(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04])
    expect(new TextDecoder().decode(zip)).toContain('mask_3.png')
  })
})

describe('tasks', () => {
  it('moves a Runway task from PENDING through RUNNING to SUCCEEDED, with its video', async () => {
    const { call, download } = setup()
    const started = await call('POST', '/api/v1/runway/video/generation/generate-video-from-text', {
      prompt: 'a paper boat',
      aspect_ratio: '720:1280',
    })
    const id = started.json.result.id as string
    expect(started.json.result.status).toBe('PENDING')
    const seen: string[] = []
    const progress: number[] = []
    let last: Json
    for (let attempt = 0; attempt < 50; attempt++) {
      last = (await call('GET', `/api/v1/runway/status/${encodeURIComponent(id)}`)).json.result
      if (seen.at(-1) !== last.status) seen.push(last.status)
      if (last.status === 'RUNNING') progress.push(last.progress)
      if (last.status === 'SUCCEEDED') break
      await pause(8)
    }
    expect(seen).toEqual(['PENDING', 'RUNNING', 'SUCCEEDED'])
    expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).toBe(
      true,
    )
    const mp4 = inspectMp4((await download(last.output[0])).bytes)
    expect([mp4.width, mp4.height]).toEqual([720, 1280])
    expect(mp4.durationSeconds).toBeCloseTo(8, 0)
  })

  it('follows Bria sync:false requests on the Bria status route (not wrapped), and 404s unknown ids', async () => {
    const { call } = setup({ taskQueuedMs: 0, taskRunMs: 20 })
    const started = await call('POST', '/api/v1/bria/image/editing-generation/upscale-image', {
      image: 'https://x.test/a.png',
      desired_increase: 4,
    })
    expect(started.json.result).toEqual({
      request_id: expect.any(String),
      status_url: `${ORIGIN}/api/v1/bria/status/${started.json.result.request_id}`,
    })
    const path = `/api/v1/bria/status/${started.json.result.request_id}`
    expect((await call('GET', path)).json).toMatchObject({
      status: 'IN_PROGRESS',
      result: null,
      error: null,
    })
    await pause(30)
    const done = (await call('GET', path)).json
    expect(done.status).toBe('COMPLETED')
    expect(done.result.image_url).toMatch(/\/emulator\/files\/.+\.png$/)
    const missing = await call('GET', '/api/v1/bria/status/nope')
    expect(missing).toMatchObject({
      status: 404,
      json: { detail: 'Request ID not found or expired' },
    })
    expect(
      (await call('GET', `/api/v1/runway/status/${started.json.result.request_id}`)).status,
    ).toBe(404)
  })

  it('cancels a running Firefly job, and leaves a finished one as it ended', async () => {
    const { call } = setup({ taskQueuedMs: 0, taskRunMs: 200 })
    const job = (
      await call('POST', '/api/v1/firefly/image/generation/generate-image', {
        x_model_version: 'image3',
        prompt: 'a kite',
        size: { width: 64, height: 64 },
      })
    ).json.result
    expect(job.cancelUrl).toBe(`${ORIGIN}/api/v1/firefly/cancel/${encodeURIComponent(job.jobId)}`)
    const id = encodeURIComponent(job.jobId)
    await pause(30)
    expect((await call('DELETE', `/api/v1/firefly/cancel/${id}`)).json.status).toBe('success')
    const canceled = (await call('GET', `/api/v1/firefly/status/${id}`)).json.result
    expect(canceled.status).toBe('canceled')
    expect(canceled.progress).toBeGreaterThan(0)

    const { call: fast } = setup({ taskQueuedMs: 0, taskRunMs: 0 })
    const finished = (
      await fast('POST', '/api/v1/runway/image/generation/generate-image', { prompt: 'x' })
    ).json.result
    await fast('DELETE', `/api/v1/runway/cancel/${finished.id}`)
    expect((await fast('GET', `/api/v1/runway/status/${finished.id}`)).json.result.status).toBe(
      'SUCCEEDED',
    )
  })

  it("fails tasks a third of the way in with failTasks, in each provider's words", async () => {
    const { call, emulator } = setup({ taskQueuedMs: 0, taskRunMs: 15, failTasks: true })
    const runway = (
      await call('POST', '/api/v1/runway/audio/generation/text-to-speech', {
        prompt: 'hello',
        voice: { type: 'runway-preset', preset_id: 'Maya' },
      })
    ).json.result
    const bria = (
      await call('POST', '/api/v1/bria/video/editing/remove-background', {
        video: 'https://x.test/v.mp4',
      })
    ).json.result
    await pause(20)
    expect((await call('GET', `/api/v1/runway/status/${runway.id}`)).json.result).toMatchObject({
      status: 'FAILED',
      failure: VISION_STUDIO_INJECTED_TASK_ERROR.runway.message,
      failureCode: VISION_STUDIO_INJECTED_TASK_ERROR.runway.code,
    })
    expect((await call('GET', `/api/v1/bria/status/${bria.request_id}`)).json).toMatchObject({
      status: 'ERROR',
      error: VISION_STUDIO_INJECTED_TASK_ERROR.bria,
    })
    emulator.failTasks = false
    const ok = (
      await call('POST', '/api/v1/runway/audio/generation/text-to-speech', {
        prompt: 'hello there',
        voice: { type: 'runway-preset', preset_id: 'Maya' },
      })
    ).json.result
    await pause(20)
    expect((await call('GET', `/api/v1/runway/status/${ok.id}`)).json.result.status).toBe(
      'SUCCEEDED',
    )
  })

  it('adds Retry-After to status answers of running tasks when asked', async () => {
    const { call } = setup({ statusRetryAfterSeconds: 2, taskQueuedMs: 500 })
    const task = (
      await call('POST', '/api/v1/runway/image/generation/generate-image', { prompt: 'x' })
    ).json.result
    expect(
      (await call('GET', `/api/v1/runway/status/${task.id}`)).response.headers.get('retry-after'),
    ).toBe('2')
  })
})

describe('speech, uploads, LoRA, failures', () => {
  it('speaks a WAV whose length follows the text', async () => {
    const { call, download } = setup({ taskQueuedMs: 0, taskRunMs: 0 })
    const task = (
      await call('POST', '/api/v1/runway/audio/generation/text-to-speech', {
        prompt: 'one two three four five six seven eight nine ten',
        voice: { type: 'runway-preset', preset_id: 'Maya' },
      })
    ).json.result
    const status = (await call('GET', `/api/v1/runway/status/${task.id}`)).json.result
    expect(inspectWav((await download(status.output[0])).bytes).durationSeconds).toBe(4)
  })

  it('takes Firefly uploads as multipart and refuses unknown upload ids', async () => {
    const { call, emulator } = setup()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(10)], { type: 'image/png' }), 'a.png')
    const uploaded = await call('POST', '/api/v1/firefly/upload', form)
    const id = uploaded.json.result.images[0].id as string
    expect(emulator.state.uploads.get(id)).toEqual({ bytes: 10, mediaType: 'image/png' })
    const ok = await call('POST', '/api/v1/firefly/image/generation/generate-variation', {
      x_model_version: 'image3',
      image: { source: { upload_id: id } },
    })
    expect(ok.status).toBe(200)
    const unknown = await call('POST', '/api/v1/firefly/image/generation/generate-variation', {
      x_model_version: 'image3',
      image: { source: { upload_id: 'nope' } },
    })
    expect(unknown.status).toBe(400)
    const missing = await call('POST', '/api/v1/firefly/upload', new FormData())
    expect(missing.json.detail[0]).toMatchObject({ loc: ['body', 'file'], type: 'missing' })
  })

  it('keeps LoRA projects, datasets, images and models, and trains models', async () => {
    const { call } = setup({ trainingMs: 20 })
    const project = (
      await call('POST', '/api/v1/bria-lora/projects', {
        project_name: 'Mascot',
        ip_medium: 'illustration',
        ip_type: 'defined_character',
        ip_name: 'Pip',
      })
    ).json.result
    const dataset = (
      await call('POST', '/api/v1/bria-lora/datasets', { project_id: project.id, name: 'poses' })
    ).json.result
    const image = (
      await call('POST', `/api/v1/bria-lora/datasets/${dataset.id}/images`, {
        dataset_id: dataset.id,
        image_url: 'https://x.test/p.png',
      })
    ).json.result
    await call('PUT', `/api/v1/bria-lora/datasets/${dataset.id}/images/${image.id}/caption`, {
      dataset_id: dataset.id,
      image_id: image.id,
      caption: 'Pip waving',
    })
    expect(
      (await call('GET', `/api/v1/bria-lora/datasets/${dataset.id}/images/${image.id}`)).json.result
        .caption,
    ).toBe('Pip waving')
    const model = (
      await call('POST', '/api/v1/bria-lora/models', {
        name: 'pip-v1',
        dataset_id: dataset.id,
        training_version: 'max',
      })
    ).json.result
    expect(
      (await call('POST', `/api/v1/bria-lora/models/${model.id}/training/start`)).json.result
        .status,
    ).toBe('training')
    await pause(30)
    expect((await call('GET', `/api/v1/bria-lora/models/${model.id}`)).json.result.status).toBe(
      'completed',
    )
    const listed = (
      await call('GET', `/api/v1/bria-lora/projects/${project.id}/datasets?include_models_ids=true`)
    ).json.result
    expect(listed).toEqual([
      expect.objectContaining({ id: dataset.id, images_count: 1, model_ids: [model.id] }),
    ])
    await call('DELETE', `/api/v1/bria-lora/projects/${project.id}`)
    expect(await call('GET', `/api/v1/bria-lora/projects/${project.id}`)).toMatchObject({
      status: 404,
      json: { detail: `Project ${project.id} not found` },
    })
  })

  it('fails the next matching requests with failNext, and forgets everything on reset', async () => {
    const { call, emulator } = setup()
    emulator.failNext(1, {
      path: /runway/,
      status: 429,
      detail: 'slow down',
      headers: { 'retry-after': '1' },
    })
    const limited = await call('POST', '/api/v1/runway/image/generation/generate-image', {
      prompt: 'x',
    })
    expect(limited).toMatchObject({ status: 429, json: { detail: 'slow down' } })
    expect(limited.response.headers.get('retry-after')).toBe('1')
    expect(
      (await call('POST', '/api/v1/runway/image/generation/generate-image', { prompt: 'x' }))
        .status,
    ).toBe(200)
    expect(emulator.state.tasks.size).toBe(1)
    emulator.reset()
    expect(emulator.state.tasks.size).toBe(0)
    expect(emulator.state.requests).toHaveLength(0)
  })
})
