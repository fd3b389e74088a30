/**
 * The driver end to end against the emulator served on loopback: what each task sends, how
 * jobs run (inline, or pending and polled on the provider's status route), resume, cancel,
 * failures, warnings, and the bytes of the outputs.
 */
import {
  JobCanceledError,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  MediaFile,
  resumeJob,
  UnsupportedError,
  ValidationError,
  validateTaskInput,
} from '@atelier/core'
import { inspectMp4, inspectPng, inspectWav } from '@atelier/emulators'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { VisionStudioValidationError } from '../src'
import {
  driverFor,
  FAST_POLLING,
  STUDIO_KEY,
  type Studio,
  startJob,
  startStudio,
} from './support/studio'

let studio: Studio
beforeEach(async () => {
  studio = await startStudio()
})
afterEach(() => studio.close())

const run = <T extends Parameters<typeof startJob>[1]>(
  task: T,
  input: Parameters<typeof startJob<T>>[2],
) => startJob(driverFor(studio), task, input, { polling: FAST_POLLING })

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9])

describe('image.generate', () => {
  it('runs Bria asynchronously (sync: false), polls the Bria status route, and resumes elsewhere', async () => {
    const job = await run('image.generate', {
      model: 'bria/3.2',
      prompt: 'a lighthouse at dusk',
      aspectRatio: '16:9',
      seed: 7,
      negativePrompt: 'people',
    })
    expect(studio.received[0]!.json).toEqual({
      prompt: 'a lighthouse at dusk',
      bria_model_version: '3.2',
      num_results: 1,
      aspect_ratio: '16:9',
      seed: 7,
      negative_prompt: 'people',
      sync: false,
    })
    expect(studio.received[0]!.headers.get('x-api-key')).toBe(STUDIO_KEY)
    const ref = JSON.parse(JSON.stringify(job.ref)) as JobRef<'image.generate'>
    expect(ref).toMatchObject({
      provider: 'vision-studio',
      task: 'image.generate',
      data: { route: 'bria', output: 'images' },
    })

    // Another process: a new driver, only the ref.
    const resumed = resumeJob(driverFor(studio), ref, { polling: FAST_POLLING })
    const { images } = await resumed.wait()
    const png = inspectPng(await images[0]!.bytes())
    expect([png.width, png.height]).toEqual([1368, 768])
    expect(images[0]!.mediaType).toBe('image/png')
    const polls = studio
      .calls()
      .filter((call) => call === `GET /api/v1/bria/status/${encodeURIComponent(ref.id)}`)
    expect(polls.length).toBeGreaterThan(0)
    expect(studio.calls()[0]).toBe('POST /api/v1/bria/image/generation/generate-image')
  })

  it('runs Bria synchronously as an inline job when provider options say sync: true', async () => {
    const job = await run('image.generate', {
      model: 'bria/fast',
      prompt: 'a lighthouse at dusk',
      guidanceScale: 4,
      providerOptions: { 'vision-studio': { sync: true, medium: 'art' } },
    })
    expect(job.ref.inline).toBe(true)
    const output = await job.wait()
    expect(studio.received[0]!.json).toEqual({
      prompt: 'a lighthouse at dusk',
      num_results: 1,
      sync: true,
      medium: 'art',
    })
    expect(output.warnings).toEqual([
      {
        type: 'unsupported-option',
        option: 'guidanceScale',
        details: 'Bria fast has no such setting',
      },
    ])
    expect(output.seeds).toHaveLength(1)
    expect(studio.calls().some((call) => call.includes('/status/'))).toBe(false)
  })

  it('maps Imagen, GPT Image and Runway sizes, with warnings for what they cannot take', async () => {
    const imagen = await (
      await run('image.generate', {
        model: 'google/imagen-4.0-generate-preview-06-06',
        prompt: 'a fox',
        size: { width: 1024, height: 600 },
        n: 2,
        seed: 3,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      prompt: 'a fox',
      model_name: 'imagen-4.0-generate-preview-06-06',
      number_of_images: 2,
      aspect_ratio: '16:9',
    })
    expect(imagen.images).toHaveLength(2)
    expect(imagen.warnings).toEqual([
      {
        type: 'unsupported-option',
        option: 'seed',
        details: 'Imagen generation has no such setting',
      },
      {
        type: 'adjusted-option',
        option: 'size',
        details: 'this endpoint takes an aspect ratio, not pixels: 1024x600 became 16:9',
      },
    ])

    const runway = await (
      await run('image.generate', {
        model: 'runway/gen4_image_turbo',
        prompt: 'a fox',
        aspectRatio: '9:16',
      })
    ).wait()
    const runwayCall = studio.received.find(
      (request) => request.path === '/api/v1/runway/image/generation/generate-image',
    )!
    expect(runwayCall.json).toEqual({
      prompt: 'a fox',
      model: 'gen4_image_turbo',
      aspect_ratio: '1080:1920',
    })
    expect(inspectPng(await runway.images[0]!.bytes())).toMatchObject({ width: 1080, height: 1920 })
  })

  it('makes Firefly images of the asked size, one per seed', async () => {
    const { images } = await (
      await run('image.generate', {
        model: 'firefly/image3',
        prompt: 'a teapot',
        size: { width: 64, height: 48 },
        n: 2,
        seed: 10,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      x_model_version: 'image3',
      prompt: 'a teapot',
      seeds: [10, 11],
      size: { width: 64, height: 48 },
    })
    expect(images).toHaveLength(2)
    expect(inspectPng(await images[1]!.bytes())).toMatchObject({ width: 64, height: 48 })
  })

  it('fails bad input before the network, naming the task field', async () => {
    const tooMany = await run('image.generate', {
      model: 'openai/gpt-image-1',
      prompt: 'a kite',
      n: 11,
    }).catch((error: unknown) => error)
    expect(tooMany).toBeInstanceOf(ValidationError)
    expect((tooMany as ValidationError).field).toBe('n')
    const unknownModel = await run('image.generate', { model: 'bria/9.9', prompt: 'a kite' }).catch(
      (error: unknown) => error,
    )
    expect((unknownModel as ValidationError).field).toBe('model')
    const wireRule = await run('image.generate', { model: 'bria/3.2', prompt: 'kit' }).catch(
      (error: unknown) => error,
    )
    expect(wireRule).toBeInstanceOf(ValidationError)
    expect((wireRule as ValidationError).issues[0]).toMatchObject({
      path: ['prompt'],
      message: 'must be at least 4 characters',
    })
    const typo = await run('image.generate', {
      model: 'bria/3.2',
      prompt: 'a kite',
      providerOptions: { 'vision-studio': { mediumm: 'art' } },
    }).catch((error: unknown) => error)
    expect((typo as ValidationError).issues[0]).toMatchObject({
      path: ['providerOptions', 'vision-studio', 'mediumm'],
      message: 'is not a known field',
      rule: 'unrecognized_keys',
    })
    expect(studio.received).toHaveLength(0)
  })

  it("carries the server's 422 detail", async () => {
    studio.emulator.failNext(1, {
      status: 422,
      detail: [
        { loc: ['body', 'aspect_ratio'], msg: 'unsupported for this model', type: 'value_error' },
      ],
    })
    const error = (await run('image.generate', { model: 'bria/hd', prompt: 'a kite' }).catch(
      (caught: unknown) => caught,
    )) as VisionStudioValidationError
    expect(error).toBeInstanceOf(VisionStudioValidationError)
    expect(error.field).toBe('aspect_ratio')
    expect(error.detail[0]!.msg).toBe('unsupported for this model')
  })
})

describe('provider options', () => {
  it('refuses an option that would overwrite a field built from a task field, naming that field', async () => {
    const error = await run('image.generate', {
      model: 'bria/3.2',
      prompt: 'a lighthouse at dusk',
      providerOptions: { 'vision-studio': { prompt: 'something else', num_results: 3 } },
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([
      {
        path: ['providerOptions', 'vision-studio', 'prompt'],
        message: 'is set from `prompt`; set that field instead',
        rule: 'overrides_task_field',
      },
      {
        path: ['providerOptions', 'vision-studio', 'num_results'],
        message: 'is set from `n`; set that field instead',
        rule: 'overrides_task_field',
      },
    ])
    // Media fields too: the image given is not replaced by another URL.
    const image = await run('image.edit', {
      model: 'bria',
      operation: 'remove-background',
      image: 'https://m.test/a.png',
      providerOptions: { 'vision-studio': { image: 'https://m.test/other.png' } },
    }).catch((caught: unknown) => caught)
    expect((image as ValidationError).issues[0]).toMatchObject({
      path: ['providerOptions', 'vision-studio', 'image'],
      message: 'is set from `image`; set that field instead',
    })
    expect(studio.received).toHaveLength(0)
  })

  it('lets an option set what no task field gave, and replace a driver default', async () => {
    await (
      await run('image.generate', {
        model: 'bria/hd',
        prompt: 'a lighthouse at dusk',
        providerOptions: { 'vision-studio': { seed: 5, sync: true } },
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      prompt: 'a lighthouse at dusk',
      num_results: 1,
      seed: 5,
      sync: true,
    })
  })

  it('checks options with the schema of the task, naming providerOptions.vision-studio.<key>', async () => {
    const typed = await run('image.generate', {
      model: 'bria/3.2',
      prompt: 'a lighthouse at dusk',
      providerOptions: { 'vision-studio': { sync: 'yes' } },
    }).catch((caught: unknown) => caught)
    expect(typed).toBeInstanceOf(ValidationError)
    expect((typed as ValidationError).issues[0]!.path).toEqual([
      'providerOptions',
      'vision-studio',
      'sync',
    ])
    // A field of another endpoint of the task passes the task's schema; the endpoint's own
    // schema then refuses it, still named where the caller wrote it.
    const elsewhere = await run('image.generate', {
      model: 'google/imagen-4.0-generate-preview-06-06',
      prompt: 'a lighthouse at dusk',
      providerOptions: { 'vision-studio': { medium: 'art' } },
    }).catch((caught: unknown) => caught)
    expect((elsewhere as ValidationError).issues).toEqual([
      {
        path: ['providerOptions', 'vision-studio', 'medium'],
        message: 'is not a known field',
        rule: 'unrecognized_keys',
      },
    ])
    expect(studio.received).toHaveLength(0)
  })

  it("declares each task's schema and the outputs one call makes per model", () => {
    const driver = driverFor(studio)
    const generate = driver.tasks['image.generate'].maxOutputsPerCall
    const perCall = (model: string) =>
      typeof generate === 'function'
        ? generate(validateTaskInput('image.generate', { model, prompt: 'a kite' }))
        : generate
    expect(
      ['bria/3.2', 'bria-lora/1', 'google/imagen-3.0-generate-002', 'openai/gpt-image-1'].map(
        perCall,
      ),
    ).toEqual([4, 4, 4, 10])
    expect(['firefly/image3', 'runway/gen4_image'].map(perCall)).toEqual([4, 1])
    const edit = driver.tasks['image.edit'].maxOutputsPerCall
    const editsPerCall = (model: string, operation: string) =>
      typeof edit === 'function'
        ? edit(
            validateTaskInput('image.edit', {
              model,
              operation: operation as 'edit',
              image: 'https://m.test/a.png',
              prompt: 'a hat',
              mask: 'https://m.test/m.png',
              size: { width: 64, height: 64 },
            }),
          )
        : edit
    expect(editsPerCall('bria', 'edit')).toBe(4)
    expect(editsPerCall('bria', 'inpaint')).toBe(1)
    expect(editsPerCall('bria/product', 'replace-background')).toBe(4)
    expect(editsPerCall('google/imagen', 'expand')).toBe(4)
    expect(editsPerCall('openai/gpt-image-1', 'edit')).toBe(10)
    expect(editsPerCall('firefly', 'inpaint')).toBe(1)
    expect(driver.tasks['video.generate'].maxOutputsPerCall).toBe(1)
    for (const handler of Object.values(driver.tasks)) expect(handler.providerOptions).toBeDefined()
  })
})

describe('more image models', () => {
  it('maps tailored Bria models and Gemini', async () => {
    await (
      await run('image.generate', {
        model: 'bria-lora/4711',
        prompt: 'our mascot waving',
        n: 2,
        steps: 30,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      model_id: '4711',
      prompt: 'our mascot waving',
      num_results: 2,
      steps_num: 30,
      sync: false,
    })
    studio.received.length = 0
    const gemini = await (
      await run('image.generate', {
        model: 'google/gemini-2.0-flash',
        prompt: 'a collage of sea shells',
        aspectRatio: '1:1',
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({ prompt: 'a collage of sea shells' })
    expect(gemini.warnings).toEqual([
      {
        type: 'unsupported-option',
        option: 'aspectRatio',
        details: 'Gemini image generation has no such setting',
      },
    ])
    // Gemini has no image count: one image per call, so core splits a larger n into calls.
    const perCall = driverFor(studio).tasks['image.generate'].maxOutputsPerCall
    const many = validateTaskInput('image.generate', {
      model: 'google/gemini-2.0-flash',
      prompt: 'shells',
      n: 3,
    })
    expect(typeof perCall === 'function' ? perCall(many) : perCall).toBe(1)
  })
})

describe('jobs', () => {
  it("passes the status route's Retry-After on as a poll hint", async () => {
    const slow = await startStudio({ statusRetryAfterSeconds: 3, taskQueuedMs: 10_000 })
    try {
      const driver = driverFor(slow)
      const job = await startJob(driver, 'image.generate', {
        model: 'runway/gen4_image',
        prompt: 'a storm',
      })
      const ref = job.ref as JobRef<'image.generate'>
      const snapshot = await driver.tasks['image.generate'].poll!(ref, {
        clock: { now: () => 0, sleep: async () => {} },
      })
      expect(snapshot).toEqual({
        state: 'queued',
        providerStatus: 'PENDING',
        hints: { retryAfterMs: 3000 },
      })
      await job.cancel()
      expect(slow.calls().at(-1)).toBe(`DELETE /api/v1/runway/cancel/${job.ref.id}`)
    } finally {
      await slow.close()
    }
  })

  it('reports progress, then fails with the provider code when the task fails', async () => {
    studio.emulator.failTasks = true
    const job = await run('image.generate', { model: 'runway/gen4_image', prompt: 'a storm' })
    const error = (await job.wait().catch((caught: unknown) => caught)) as JobFailedError
    expect(error).toBeInstanceOf(JobFailedError)
    expect(error.providerCode).toBe('INTERNAL.BAD_OUTPUT')
    expect(error.message).toContain('Emulated failure')
  })

  it('treats an unknown Bria request id as a failed job', async () => {
    const driver = driverFor(studio)
    const job = resumeJob(
      driver,
      {
        provider: 'vision-studio',
        task: 'image.edit',
        id: 'gone',
        data: { route: 'bria', method: 'bria.image.upscale', output: 'images' },
      },
      { polling: FAST_POLLING },
    )
    const error = await job.wait().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as Error).message).toContain('no longer knows job gone (HTTP 404)')
  })

  it('refuses a ref whose route it does not know, before any request', async () => {
    const driver = driverFor(studio)
    await expect(
      driver.tasks['video.generate'].poll!(
        {
          provider: 'vision-studio',
          task: 'video.generate',
          id: 'x',
          data: { route: '../admin', output: 'video' },
        },
        { clock: { now: () => 0, sleep: async () => {} } },
      ),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(studio.received).toHaveLength(0)
  })
})

describe('video.generate', () => {
  it('runs a Runway image-to-video task with rising progress and returns the MP4', async () => {
    const job = await run('video.generate', {
      model: 'runway/gen4_turbo',
      prompt: 'the boat drifts',
      image: 'https://media.example.com/boat.png',
      durationSeconds: 7,
      aspectRatio: '16:9',
    })
    expect(studio.received[0]!.json).toEqual({
      prompt: 'the boat drifts',
      model: 'gen4_turbo',
      image_url: 'https://media.example.com/boat.png',
      aspect_ratio: '1280:720',
      duration: 5,
    })
    const fractions: number[] = []
    const output = await job.wait({
      onProgress: (snapshot: JobSnapshot<unknown>) => {
        if (snapshot.state === 'running' && snapshot.progress?.fraction !== undefined)
          fractions.push(snapshot.progress.fraction)
      },
    })
    expect(fractions.length).toBeGreaterThan(0)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(output.warnings).toEqual([
      {
        type: 'adjusted-option',
        option: 'durationSeconds',
        details: '7 is not offered here; 5 is the nearest (5 or 10)',
      },
    ])
    const mp4 = inspectMp4(await output.videos[0]!.bytes())
    expect([mp4.width, mp4.height]).toEqual([1280, 720])
    expect(mp4.durationSeconds).toBeCloseTo(5, 0)
  })

  it('cancels a Runway text-to-video task on the server', async () => {
    studio.emulator.timings.taskRunMs = 5_000
    const job = await run('video.generate', {
      model: 'runway/veo3',
      prompt: 'night waves',
      aspectRatio: '9:16',
    })
    expect(studio.received[0]!.json).toEqual({ prompt: 'night waves', aspect_ratio: '720:1280' })
    for await (const snapshot of job.updates()) {
      if (snapshot.state === 'running') {
        await job.cancel()
        break
      }
    }
    await expect(job.wait()).rejects.toBeInstanceOf(JobCanceledError)
    expect(studio.calls()).toContain(`DELETE /api/v1/runway/cancel/${job.ref.id}`)
    const task = studio.emulator.state.tasks.get(job.ref.id)!
    expect(task.canceledAt).toBeDefined()
  })

  it('maps motion and video-to-video, and runs Veo as an inline job', async () => {
    await (
      await run('video.generate', {
        model: 'runway/motion',
        image: 'https://m.test/hero.png',
        video: 'https://m.test/dance.mp4',
        aspectRatio: '1:1',
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      character: { type: 'image', uri: 'https://m.test/hero.png' },
      reference_url: 'https://m.test/dance.mp4',
      aspect_ratio: '1280:720',
    })
    studio.received.length = 0
    await (
      await run('video.generate', {
        model: 'runway/gen4_turbo',
        prompt: 'in watercolour',
        image: 'https://m.test/style.png',
        video: 'https://m.test/clip.mp4',
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      prompt: 'in watercolour',
      video_uri: 'https://m.test/clip.mp4',
      reference_image_url: 'https://m.test/style.png',
    })
    studio.received.length = 0
    const veo = await run('video.generate', {
      model: 'google/veo-2.0-generate-001',
      prompt: 'a calm lake',
      durationSeconds: 10,
      aspectRatio: '9:16',
    })
    expect(veo.ref.inline).toBe(true)
    const { videos } = await veo.wait()
    expect(studio.received[0]!.json).toEqual({
      model: 'veo-2.0-generate-001',
      prompt: 'a calm lake',
      aspect_ratio: '9:16',
      duration: 10,
    })
    expect(inspectMp4(await videos[0]!.bytes())).toMatchObject({ width: 720, height: 1280 })
  })

  it('needs URLs the provider can fetch, and refuses what it cannot do', async () => {
    const bytes = await run('video.generate', {
      model: 'runway/gen4_turbo',
      prompt: 'x',
      image: PNG_BYTES,
    }).catch((error: unknown) => error)
    expect(bytes).toBeInstanceOf(UnsupportedError)
    const lastFrame = await run('video.generate', {
      model: 'runway/gen4_turbo',
      prompt: 'x',
      lastFrame: 'https://m.test/end.png',
    }).catch((error: unknown) => error)
    expect(lastFrame).toBeInstanceOf(UnsupportedError)
    expect(studio.received).toHaveLength(0)
  })
})

describe('image.edit', () => {
  it('sends bytes to Bria as base64 and returns the cut-out', async () => {
    const { images } = await (
      await run('image.edit', { model: 'bria', operation: 'remove-background', image: PNG_BYTES })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      image: btoa(String.fromCharCode(...PNG_BYTES)),
      sync: false,
    })
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 512, height: 512 })
  })

  it('makes a Bria product shot from a scene description', async () => {
    const { images } = await (
      await run('image.edit', {
        model: 'bria/product',
        operation: 'replace-background',
        image: 'https://m.test/bottle.png',
        prompt: 'on a marble counter',
        n: 2,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      scene_description: 'on a marble counter',
      image_url: 'https://m.test/bottle.png',
      num_results: 2,
      sync: false,
    })
    expect(images).toHaveLength(2)
  })

  it('uploads local files to Firefly (multipart) and references them by upload id', async () => {
    await (
      await run('image.edit', {
        model: 'firefly',
        operation: 'inpaint',
        image: PNG_BYTES,
        mask: new Blob([PNG_BYTES], { type: 'image/png' }),
        prompt: 'a red door',
        size: { width: 32, height: 32 },
      })
    ).wait()
    const uploads = studio.received.filter((request) => request.path === '/api/v1/firefly/upload')
    expect(uploads).toHaveLength(2)
    expect(new Uint8Array(await (uploads[0]!.form!.get('file') as File).arrayBuffer())).toEqual(
      PNG_BYTES,
    )
    const ids = [...studio.emulator.state.uploads.keys()]
    const fill = studio.received.find(
      (request) => request.path === '/api/v1/firefly/image/editing-generation/inpaint',
    )!
    expect(fill.json).toEqual({
      image: { source: { upload_id: ids[0] } },
      mask: { source: { upload_id: ids[1] } },
      prompt: 'a red door',
      size: { width: 32, height: 32 },
    })
  })

  it('upscales with the nearest factor, and says so', async () => {
    const output = await (
      await run('image.edit', {
        model: 'bria',
        operation: 'upscale',
        image: 'https://m.test/a.png',
        scale: 3.5,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      image: 'https://m.test/a.png',
      desired_increase: 4,
      sync: false,
    })
    expect(output.warnings[0]).toMatchObject({ type: 'adjusted-option', option: 'scale' })
  })

  it('refuses operations a provider lacks, and asks for missing masks and prompts by field', async () => {
    const erase = await run('image.edit', {
      model: 'openai/gpt-image-1',
      operation: 'erase',
      image: 'https://m.test/a.png',
    }).catch((error: unknown) => error)
    expect(erase).toBeInstanceOf(UnsupportedError)
    const mask = await run('image.edit', {
      model: 'openai/gpt-image-1',
      operation: 'inpaint',
      image: 'https://m.test/a.png',
      prompt: 'a hat',
    }).catch((error: unknown) => error)
    expect((mask as ValidationError).field).toBe('mask')
    const imagenMask = await run('image.edit', {
      model: 'google/imagen',
      operation: 'inpaint',
      image: 'https://m.test/a.png',
      mask: 'https://m.test/m.png',
      prompt: 'a hat',
    }).catch((error: unknown) => error)
    expect(imagenMask).toBeInstanceOf(UnsupportedError)
    expect(studio.received).toHaveLength(0)
  })
})

describe('speech, prompts and captions', () => {
  it('speaks with a Runway preset voice and returns the audio', async () => {
    const output = await (
      await run('speech.generate', {
        model: 'runway/eleven_multilingual_v2',
        text: 'Welcome to the harbour tour',
        voice: 'Maya',
        speed: 1.2,
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      prompt: 'Welcome to the harbour tour',
      voice: { type: 'runway-preset', preset_id: 'Maya' },
      model: 'eleven_multilingual_v2',
    })
    expect(inspectWav(await output.audio.bytes()).durationSeconds).toBe(2)
    expect(output.audio).toBeInstanceOf(MediaFile)
    expect(output.warnings).toEqual([
      { type: 'unsupported-option', option: 'speed', details: 'Runway speech has no such setting' },
    ])
    const noVoice = await run('speech.generate', {
      model: 'runway/eleven_multilingual_v2',
      text: 'hi',
    }).catch((error: unknown) => error)
    expect((noVoice as ValidationError).field).toBe('voice')
  })

  it('enhances prompts with OpenAI, Gemini or Bria', async () => {
    const openai = await (
      await run('prompt.enhance', { model: 'gemini', prompt: 'a red fox', target: 'video' })
    ).wait()
    expect(studio.received[0]!.json).toEqual({ prompt: 'a red fox', model_provider: 'gemini' })
    expect(openai.prompt).toMatch(/^a red fox, /)
    expect(openai.warnings[0]).toMatchObject({ option: 'target' })
    const bria = await (await run('prompt.enhance', { model: 'bria', prompt: 'a red fox' })).wait()
    expect(bria.prompt).toBe('a red fox, highly detailed, cinematic lighting')
    expect(bria.variants).toEqual(['a red fox, soft pastel tones, studio light'])
  })

  it('captions images and videos, and refuses questions', async () => {
    const image = await (
      await run('vision.analyze', {
        model: 'openai',
        image: 'https://m.test/cat.png',
        providerOptions: { 'vision-studio': { mode: 'image_tagging', nbr_tags: 2 } },
      })
    ).wait()
    expect(studio.received[0]!.json).toEqual({
      image_url: 'https://m.test/cat.png',
      model_provider: 'openai',
      possible_tags: null,
      mode: 'image_tagging',
      nbr_tags: 2,
    })
    expect(image.text).toBe('cat, sofa')
    const video = await (
      await run('vision.analyze', {
        model: 'gemini',
        video: 'https://m.test/cat.mp4',
        providerOptions: { 'vision-studio': { mode: 'segment_timestamps' } },
      })
    ).wait()
    expect(video.text.split('\n')[0]).toBe('[0-4 s] Scene 1')
    const question = await run('vision.analyze', {
      model: 'gemini',
      image: 'https://m.test/cat.png',
      prompt: 'how many cats?',
    }).catch((error: unknown) => error)
    expect(question).toBeInstanceOf(UnsupportedError)
  })
})
