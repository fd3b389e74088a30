/**
 * The local driver end to end: atelier → @atelier/local → a real loopback server running
 * the Silly Media emulator. Asserts what users depend on: the files that come back, the
 * progress they see, resuming and cancelling jobs, and one request in flight on the GPU.
 */

import { systemClock, validateTaskInput } from '@atelier/core'
import {
  createSidecarEmulator,
  encodePng,
  encodeWav,
  inspectJpeg,
  inspectMp4,
  inspectPng,
  inspectWav,
  type RunningServer,
  type SidecarEmulator,
  serve,
} from '@atelier/emulators'
import {
  AbortError,
  createAtelier,
  JobCanceledError,
  ProviderError,
  UnsupportedError,
  ValidationError,
} from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { local } from '../src'
import { SillyMediaClient } from '../src/client'

const FAST = {
  imageStepMs: 15,
  swapDelayMs: 20,
  videoJobMs: 400,
  musicJobMs: 300,
  ttsChunkMs: 5,
  llmTokenMs: 2,
  visionMs: 10,
}
const POLLING = { minIntervalMs: 20, initialIntervalMs: 40, maxIntervalMs: 200 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function sidecar(options: Parameters<typeof createSidecarEmulator>[0] = {}) {
  const emulator = createSidecarEmulator({ ...FAST, ...options })
  const server = await serve(emulator.handler)
  servers.push(server)
  const driver = local({ baseUrl: server.url, progressIntervalMs: 20 })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  return { emulator, server, driver, ai }
}

const requestsTo = (emulator: SidecarEmulator, pattern: RegExp) =>
  emulator.state.requests.filter((request) => pattern.test(`${request.method} ${request.path}`))

describe('local driver: images', () => {
  it('reports progress of a synchronous image call from /progress while it runs', async () => {
    const { ai, emulator } = await sidecar()
    const steps: number[] = []
    const states: string[] = []
    const { images } = await ai.image.generate(
      {
        model: 'local/z-image',
        prompt: 'a red panda',
        size: { width: 320, height: 192 },
        steps: 12,
      },
      {
        onProgress: (snapshot) => {
          states.push(snapshot.state)
          if (snapshot.state === 'running' && snapshot.progress?.step !== undefined)
            steps.push(snapshot.progress.step)
        },
      },
    )
    const png = inspectPng(await images[0]!.bytes())
    expect([png.width, png.height]).toEqual([320, 192])
    expect(steps.length).toBeGreaterThanOrEqual(2)
    expect(steps).toEqual([...steps].sort((a, b) => a - b))
    expect(states.at(-1)).toBe('completed')
    expect(requestsTo(emulator, /^GET \/progress$/).length).toBeGreaterThanOrEqual(2)
    expect(requestsTo(emulator, /^POST \/generate\/z-image$/)).toHaveLength(1)
  })

  it('makes images with every documented model, aspect-ratio sizing, n and seeds', async () => {
    const { ai } = await sidecar()
    for (const model of [
      'z-image-turbo',
      'z-image',
      'qwen-image-2512',
      'ovis-image-7b',
      'krea-2-turbo',
    ]) {
      const { images, warnings } = await ai.image.generate({
        model: `local/${model}`,
        prompt: 'a kite',
        size: { width: 192, height: 128 },
      })
      expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 192, height: 128 })
      expect(warnings).toEqual([])
    }
    // The sidecar floors each side to a multiple of 64, and the warning says what comes back.
    const rounded = await ai.image.generate({
      model: 'local/z-image-turbo',
      prompt: 'a kite',
      size: { width: 128, height: 96 },
    })
    expect(inspectPng(await rounded.images[0]!.bytes())).toMatchObject({ width: 128, height: 64 })
    expect(rounded.warnings).toEqual([
      expect.objectContaining({ type: 'adjusted-option', option: 'size' }),
    ])
    expect(JSON.stringify(rounded.warnings)).toContain('128x64')
    const wide = await ai.image.generate({
      model: 'local/qwen-image-2512',
      prompt: 'a kite',
      aspectRatio: '16:9',
      n: 2,
      seed: 40,
      providerOptions: { local: { use_lora: true, base_size: 512 } },
    })
    expect(wide.images).toHaveLength(2)
    expect(wide.seeds).toEqual([40, 41])
    const first = inspectPng(await wide.images[0]!.bytes())
    expect(first.width).toBeGreaterThan(first.height)
  })

  it('rejects a sidecar rule before any request, naming the provider option', async () => {
    const { ai, emulator } = await sidecar()
    const error = await ai.image
      .generate({
        model: 'local/z-image',
        prompt: 'x',
        aspectRatio: '16:9',
        providerOptions: { local: { base_size: 100 } },
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('providerOptions.local.base_size')
    expect(requestsTo(emulator, /^POST/)).toHaveLength(0)
  })

  it('warns about use_lora on a model without a Turbo-LoRA (the sidecar ignores it)', async () => {
    const { ai } = await sidecar()
    const { warnings } = await ai.image.generate({
      model: 'local/z-image',
      prompt: 'x',
      size: { width: 64, height: 64 },
      providerOptions: { local: { use_lora: true } },
    })
    expect(warnings).toEqual([
      expect.objectContaining({
        type: 'unsupported-option',
        option: 'providerOptions.local.use_lora',
      }),
    ])
  })

  it('makes a pixel-art sprite with a transparent background', async () => {
    const { ai, emulator } = await sidecar()
    const { images } = await ai.image.generate({
      model: 'local/pixel-art',
      prompt: 'a chest',
      size: { width: 64, height: 64 },
    })
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({
      width: 64,
      height: 64,
      hasAlpha: true,
    })
    expect(requestsTo(emulator, /^POST \/pixelart\/generate$/)).toHaveLength(1)
    await expect(
      ai.image.generate({ model: 'local/pixel-art', prompt: 'x', size: { width: 64, height: 32 } }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('edits an image (img2img) and refuses edits the sidecar cannot do', async () => {
    const { ai, emulator } = await sidecar()
    const source = encodePng({ width: 96, height: 64 })
    const { images } = await ai.image.edit({
      model: 'local/qwen-image-edit',
      image: source,
      prompt: 'make it night',
    })
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 96, height: 64 })
    await expect(
      ai.image.edit({ model: 'local/qwen-image-edit', image: source, operation: 'upscale' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
    expect(requestsTo(emulator, /^POST \/img2img/)).toHaveLength(1)
  })
})

describe('local driver: speech, vision, text', () => {
  it('speaks as an actor, clones reference audio, and designs a Maya voice', async () => {
    const { ai, driver, emulator } = await sidecar()
    const clip = new Blob([encodeWav({ durationSeconds: 2 })], { type: 'audio/wav' })
    await new SillyMediaClient(driver.transport).actors.create({
      name: 'narrator',
      language: 'en',
      audio_files: [clip],
    } as never)
    const actor = await ai.speech.generate({
      model: 'local/xtts-v2',
      text: 'Hello there.',
      voice: 'narrator',
    })
    expect(inspectWav(await actor.audio.bytes()).durationSeconds).toBeGreaterThan(0)
    const cloned = await ai.speech.generate({
      model: 'local/xtts-v2',
      text: 'Hello again.',
      referenceAudio: encodeWav({ durationSeconds: 2 }),
    })
    expect(inspectWav(await cloned.audio.bytes()).channels).toBeGreaterThan(0)
    const maya = await ai.speech.generate({
      model: 'local/maya',
      text: 'Hi <laugh>',
      voiceDescription: 'a warm, calm voice',
    })
    expect(maya.audio.mediaType).toBe('audio/wav')
    expect(
      requestsTo(emulator, /^POST \/tts\/(generate|generate-with-audio|maya\/generate)$/).map(
        (r) => r.path,
      ),
    ).toEqual(['/tts/generate', '/tts/generate-with-audio', '/tts/maya/generate'])
    await expect(
      ai.speech.generate({ model: 'local/xtts-v2', text: 'no voice' }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['voice'] })],
    })
  })

  it('answers a vision question about an image', async () => {
    const { ai } = await sidecar()
    const answer = await ai.vision.analyze({
      model: 'local/qwen3-vl-8b',
      image: encodePng({ width: 40, height: 30 }),
      prompt: 'What is this?',
    })
    expect(answer.text.length).toBeGreaterThan(0)
    await expect(
      ai.vision.analyze({
        model: 'local/qwen3-vl-8b',
        image: encodePng({ width: 4, height: 4 }),
        mode: 'extract',
        domain: 'invoice',
      }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('generates text, and streams it as deltas that add up to the reply', async () => {
    const { ai } = await sidecar()
    const whole = await ai.text.generate({ model: 'local/huihui-qwen3-4b', prompt: 'Say hi' })
    expect(whole.text.length).toBeGreaterThan(0)
    expect(whole.usage?.outputTokens).toBeGreaterThan(0)
    const deltas: string[] = []
    let finish: string | undefined
    for await (const part of ai.text.stream({ model: 'local/huihui-qwen3-4b', prompt: 'Say hi' })) {
      if (part.type === 'text-delta') deltas.push(part.text)
      if (part.type === 'finish') finish = part.finishReason
    }
    expect(deltas.length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe(whole.text)
    expect(finish).toBe('stop')
  })

  it('stops an LLM stream when aborted', async () => {
    const { ai } = await sidecar({ llmTokenMs: 30 })
    const controller = new AbortController()
    const parts: string[] = []
    const reading = (async () => {
      for await (const part of ai.text.stream(
        { model: 'local/huihui-qwen3-4b', prompt: 'tell a long story' },
        { signal: controller.signal },
      )) {
        if (part.type === 'text-delta') parts.push(part.text)
        if (parts.length === 2) controller.abort()
      }
    })()
    await expect(reading).rejects.toBeInstanceOf(AbortError)
    expect(parts).toHaveLength(2)
  })
})

describe('local driver: video and music jobs', () => {
  it('runs a video job that is resumed from its JSON ref by a new client', async () => {
    const { ai, server } = await sidecar()
    const job = await ai.video.submit({
      model: 'local/hunyuan-video',
      prompt: 'waves',
      resolution: '480p',
      aspectRatio: '16:9',
      durationSeconds: 1.5,
    })
    expect(job.resumable).toBe(true)
    const ref = JSON.parse(JSON.stringify(job))

    const other = createAtelier({ providers: [local({ baseUrl: server.url })], polling: POLLING })
    const resumed = other.jobs.resume<'video.generate'>(ref)
    const fractions: number[] = []
    const output = await resumed.wait({
      onProgress: (snapshot) => {
        if (snapshot.state === 'running' && snapshot.progress?.fraction !== undefined)
          fractions.push(snapshot.progress.fraction)
      },
    })
    expect(fractions.length).toBeGreaterThan(0)
    const mp4 = inspectMp4(await output.videos[0]!.bytes())
    expect(mp4.brands).toContain('isom')
    expect(mp4.width).toBeGreaterThan(mp4.height)
    const jpeg = inspectJpeg(await output.thumbnails![0]!.bytes())
    expect([jpeg.width, jpeg.height]).toEqual([mp4.width, mp4.height])
  })

  it('animates an image (image to video)', async () => {
    const { ai, emulator } = await sidecar()
    const { videos } = await ai.video.generate({
      model: 'local/hunyuan-video',
      prompt: 'the kite flies',
      image: encodePng({ width: 64, height: 64 }),
    })
    expect(inspectMp4(await videos[0]!.bytes()).boxes).toContain('moov')
    expect(requestsTo(emulator, /^POST \/video\/i2v\/hunyuan-video$/)).toHaveLength(1)
  })

  it('cancels a video job: stops watching at once; the slot and files wait for the server', async () => {
    const { ai, emulator } = await sidecar({ videoJobMs: 1_200 })
    const job = await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'a long shot' })
    const waiting = job.wait()
    await new Promise((resolve) => setTimeout(resolve, 150))
    await job.cancel()
    await expect(waiting).rejects.toBeInstanceOf(JobCanceledError)
    // A running video cannot be deleted (the sidecar answers 404): nothing is sent for it yet.
    expect(requestsTo(emulator, /^DELETE /)).toHaveLength(0)
    // The GPU is still rendering: the next image waits for the video, then the video's files
    // are deleted and the image runs.
    await ai.image.generate({
      model: 'local/z-image-turbo',
      prompt: 'after',
      size: { width: 64, height: 64 },
    })
    const after = emulator.state.requests
      .filter((request) =>
        /^(DELETE \/video\/|POST \/generate\/)/.test(`${request.method} ${request.path}`),
      )
      .map((request) => `${request.method} ${request.path}`)
    expect(after).toEqual([`DELETE /video/${job.id}`, 'POST /generate/z-image-turbo'])
  })

  it('generates music variations, each downloadable', async () => {
    const { ai } = await sidecar()
    const { tracks } = await ai.music.generate({
      model: 'local/ace-step',
      prompt: 'calm piano',
      durationSeconds: 10,
      n: 2,
    })
    expect(tracks).toHaveLength(2)
    for (const track of tracks)
      expect(inspectWav(await track.bytes()).sampleRate).toBeGreaterThan(0)
  })

  it('turns a failed sidecar job into JobFailedError with its reason', async () => {
    const { ai } = await sidecar({ failJobs: true })
    await expect(
      ai.video.generate({ model: 'local/hunyuan-video', prompt: 'doomed' }),
    ).rejects.toMatchObject({
      name: 'JobFailedError',
      message: expect.stringContaining('failed'),
    })
  })
})

describe('local driver: the handlers themselves', () => {
  it('an inline job reads its place in line without a request, then the sidecar progress', async () => {
    const { driver, emulator } = await sidecar({ imageStepMs: 40 })
    const handler = driver.tasks['image.generate']
    const context = { clock: systemClock }
    const input = (prompt: string) =>
      validateTaskInput('image.generate', {
        model: 'z-image-turbo',
        prompt,
        size: { width: 64, height: 64 },
        steps: 8,
      })
    const first = await handler.submit(input('first'), context)
    const second = await handler.submit(input('second'), context)
    if (first.type !== 'inline' || second.type !== 'inline') throw new Error('expected inline jobs')
    expect(await second.progress?.read(context)).toEqual({ state: 'queued', position: 0 })
    expect(requestsTo(emulator, /^GET \/progress$/)).toHaveLength(0)
    await first.result
    const readings = []
    while (readings.length < 20) {
      const reading = await second.progress?.read(context)
      readings.push(reading)
      if (reading?.state === 'running' && reading.progress?.step !== undefined) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(readings.at(-1)).toMatchObject({ state: 'running', progress: { totalSteps: 8 } })
    expect(requestsTo(emulator, /^GET \/progress$/).length).toBeGreaterThan(0)
    const { images } = await second.result
    expect(images).toHaveLength(1)
  })

  it('derives its capabilities from the handlers', async () => {
    const { driver } = await sidecar()
    expect(driver.capabilities['text.generate']).toMatchObject({
      cancel: 'local',
      resumable: false,
      streaming: true,
    })
    expect(driver.capabilities['video.generate']).toMatchObject({
      cancel: 'local',
      resumable: true,
    })
    expect(driver.tasks['image.generate'].maxOutputsPerCall).toBe(1)
    expect(driver.tasks['music.generate'].maxOutputsPerCall).toBe(4)
  })
})

describe('local driver: the GPU queue and errors', () => {
  it('keeps one request in flight on the sidecar, whatever the app fires at once', async () => {
    const { ai, emulator, driver } = await sidecar()
    const models = [
      'z-image-turbo',
      'ovis-image-7b',
      'z-image-turbo',
      'qwen-image-2512',
      'ovis-image-7b',
      'z-image-turbo',
    ]
    await Promise.all(
      models.map((model, index) =>
        ai.image.generate({
          model: `local/${model}`,
          prompt: `p${index}`,
          size: { width: 64, height: 64 },
          steps: 2,
        }),
      ),
    )
    expect(emulator.state.maxConcurrentGenerations).toBe(1)
    // Grouped by model: the three z-image-turbo jobs ran together.
    expect(
      driver.queue.stats.order.filter((model, index, order) => model !== order[index - 1]).length,
    ).toBeLessThan(models.length)
  })

  it('lets several requests through when concurrency allows it', async () => {
    const emulator = createSidecarEmulator(FAST)
    const server = await serve(emulator.handler)
    servers.push(server)
    const ai = createAtelier({ providers: [local({ baseUrl: server.url, concurrency: 2 })] })
    await Promise.all(
      [1, 2, 3, 4].map((index) =>
        ai.image.generate({
          model: 'local/z-image-turbo',
          prompt: `p${index}`,
          size: { width: 64, height: 64 },
          steps: 4,
        }),
      ),
    )
    expect(emulator.state.maxConcurrentGenerations).toBe(2)
  })

  it('reports the place in line while waiting for the GPU', async () => {
    const { ai } = await sidecar()
    const first = ai.image.generate({
      model: 'local/z-image',
      prompt: 'first',
      size: { width: 64, height: 64 },
      steps: 10,
    })
    const positions: number[] = []
    const second = await ai.image.submit({
      model: 'local/z-image',
      prompt: 'second',
      size: { width: 64, height: 64 },
    })
    const done = second.wait({
      onProgress: (snapshot) =>
        snapshot.state === 'queued' && positions.push(snapshot.position ?? -1),
    })
    await Promise.all([first, done])
    expect(positions[0]).toBe(0)
  })

  it('carries the sidecar detail on 404 and 500 answers', async () => {
    const { ai, emulator, server } = await sidecar()
    // Unchecked ids go to the sidecar, whose 404 detail names the model.
    const unchecked = createAtelier({
      providers: [local({ baseUrl: server.url, checkModels: false })],
      polling: POLLING,
    })
    const missing = (await unchecked.image
      .generate({ model: 'local/no-such-model', prompt: 'x' })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(missing).toBeInstanceOf(ProviderError)
    expect(missing.status).toBe(404)
    expect(missing.message).toMatch(/no-such-model/)
    emulator.failNext(1, { status: 500, detail: 'CUDA out of memory', path: /^\/generate\// })
    const crashed = (await ai.image
      .generate({ model: 'local/z-image-turbo', prompt: 'x' })
      .catch((caught: unknown) => caught)) as ProviderError
    expect(crashed.status).toBe(500)
    expect(crashed.message).toContain('CUDA out of memory')
    expect(crashed.body).toContain('CUDA out of memory')
  })

  it('lists what the sidecar serves, with the tasks each model does', async () => {
    const { ai } = await sidecar()
    const models = await ai.models.list({ provider: 'local' })
    expect(models.find((model) => model.id === 'z-image-turbo')?.tasks).toEqual(['image.generate'])
    expect(models.find((model) => model.id === 'hunyuan-video')?.tasks).toEqual(['video.generate'])
    expect(models.some((model) => model.id === 'pixel-art')).toBe(true)
  })
})
