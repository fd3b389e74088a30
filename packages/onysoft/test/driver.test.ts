/**
 * The onysoft driver end to end: atelier → @atelier/onysoft → two real loopback servers
 * running the Onysoft emulator (the gateway API, and the file host its result URLs point at).
 * Asserts what users depend on: the bodies sent, the files that come back, polling, resuming,
 * the estimated cost, and that the API key never leaves the API's origin.
 */

import { type JobRef, resumeJob, startJob } from '@atelier/core'
import { encodePng, inspectJpeg, inspectMp4, inspectPng, inspectWav } from '@atelier/emulators'
import {
  createAtelier,
  JobCanceledError,
  JobFailedError,
  ProviderError,
  UnsupportedError,
  ValidationError,
} from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ONYSOFT_INJECTED_TASK_ERROR,
  type OnysoftEmulatorOptions,
  type ServedOnysoftEmulator,
  serveOnysoftEmulator,
} from '../../emulators/src/onysoft'
import { ENDPOINTS, estimatedCostOf, onysoft } from '../src'

const API_KEY = 'sk-ony-test-key-0123456789'
const FAST: OnysoftEmulatorOptions = {
  pendingMs: 30,
  processingMs: 90,
  maxMediaSide: 64,
  videoFps: 4,
}
const POLLING = { minIntervalMs: 10, initialIntervalMs: 20, maxIntervalMs: 60 }

let running: ServedOnysoftEmulator[] = []
afterEach(async () => {
  await Promise.all(running.map((served) => served.close()))
  running = []
})

async function gateway(options: OnysoftEmulatorOptions = {}) {
  const served = await serveOnysoftEmulator({ ...FAST, apiKey: API_KEY, ...options })
  running.push(served)
  const driver = onysoft({ apiKey: API_KEY, baseUrl: served.url, retry: { minDelayMs: 5 } })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  const { emulator } = served
  const requests = (server: 'api' | 'cdn', pattern?: RegExp) =>
    emulator.state.requests.filter(
      (request) =>
        request.server === server &&
        (!pattern || pattern.test(`${request.method} ${request.path}`)),
    )
  const onlyTask = () => {
    const tasks = [...emulator.state.tasks.values()]
    expect(tasks).toHaveLength(1)
    return tasks[0]!
  }
  return { served, emulator, driver, ai, requests, onlyTask }
}

describe('onysoft driver: images', () => {
  it('generates an image, sends the key only to the API and fetches the file from the other origin without it', async () => {
    const { ai, served, requests, onlyTask } = await gateway()
    const states: string[] = []
    const { images, usage, warnings, providerMetadata } = await ai.image.generate(
      {
        model: 'onysoft/google/imagen4',
        prompt: 'a sunset over mountains',
        aspectRatio: '16:9',
        negativePrompt: 'people',
        providerOptions: { onysoft: { resolution: '2K' } },
      },
      { onProgress: (snapshot) => states.push(snapshot.state) },
    )
    const task = onlyTask()
    expect(task.alias).toBe('image')
    expect(task.body).toEqual({
      model: 'google/imagen4',
      prompt: 'a sunset over mountains',
      aspect_ratio: '16:9',
      negative_prompt: 'people',
      resolution: '2K',
    })
    expect(images).toHaveLength(1)
    const file = images[0]!
    expect(new URL(file.url!).origin).toBe(served.cdnUrl)
    expect(new URL(file.url!).origin).not.toBe(served.url)
    const png = inspectPng(await file.bytes())
    expect(png.width / png.height).toBeCloseTo(16 / 9, 1)
    expect(file.mediaType).toBe('image/png')
    // The estimated cost of the submit answer, as usage.
    expect(usage).toEqual({ costUsd: task.cost.amount, estimated: true })
    expect(providerMetadata).toMatchObject({ taskId: task.id, estimatedCost: task.cost })
    expect(warnings).toEqual([])
    expect(states).toContain('queued')
    expect(states.at(-1)).toBe('completed')
    // Credentials: every API request carried the key, the file host never saw it.
    const api = requests('api')
    expect(api.length).toBeGreaterThanOrEqual(3)
    for (const request of api) expect(request.authorization).toBe(`Bearer ${API_KEY}`)
    const cdn = requests('cdn')
    expect(cdn).toHaveLength(1)
    expect(cdn[0]).toMatchObject({ method: 'GET', status: 200, authorization: null })
    expect(requests('api', /^GET \/v1\/image\/status\//).length).toBeGreaterThanOrEqual(1)
    expect(requests('api', /^POST \/v1\/image\/generate$/)).toHaveLength(1)
  })

  it('warns about options the gateway cannot honour and makes n > 1 images one task each', async () => {
    const { ai, emulator, requests } = await gateway()
    const { warnings } = await ai.image.generate({
      model: 'onysoft/flux-2/pro-text-to-image',
      prompt: 'a fox',
      size: { width: 512, height: 512 },
      seed: 3,
      steps: 20,
    })
    expect(warnings.map((warning) => (warning as { option: string }).option)).toEqual([
      'size',
      'seed',
      'steps',
    ])
    expect(requests('api', /^POST/)).toHaveLength(1)
    // One task makes one image (maxOutputsPerCall 1): core submits one task per image.
    const { images, usage } = await ai.image.generate({
      model: 'onysoft/google/imagen4',
      prompt: 'x',
      n: 2,
    })
    expect(images).toHaveLength(2)
    expect(requests('api', /^POST/)).toHaveLength(3)
    const tasks = [...emulator.state.tasks.values()].slice(1)
    expect(tasks.map((task) => task.body)).toEqual([
      { model: 'google/imagen4', prompt: 'x' },
      { model: 'google/imagen4', prompt: 'x' },
    ])
    expect(usage).toEqual({
      costUsd: tasks.reduce((sum, task) => sum + task.cost.amount, 0),
      estimated: true,
    })
  })

  it('edits an image given as bytes (inlined as a data URI) with a mask', async () => {
    const { ai, onlyTask } = await gateway()
    const source = encodePng({ width: 8, height: 8 })
    const { images } = await ai.image.edit({
      model: 'onysoft/ideogram/v3-edit',
      image: source,
      mask: encodePng({ width: 8, height: 8, alpha: true }),
      prompt: 'make it night',
    })
    const body = onlyTask().body
    expect(body.image_url).toBe(`data:image/png;base64,${Buffer.from(source).toString('base64')}`)
    expect(String(body.mask_url)).toMatch(/^data:image\/png;base64,/)
    expect(inspectPng(await images[0]!.bytes()).width).toBeGreaterThan(0)
  })

  it('refuses a request over the 10 MB limit before sending anything, naming the field', async () => {
    const { ai, emulator } = await gateway()
    const huge = new Uint8Array(11 * 1024 * 1024)
    huge.set([0x89, 0x50, 0x4e, 0x47])
    const error = await ai.image
      .edit({ model: 'onysoft/seedream/4.5-edit', image: huge, prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('image')
    expect((error as ValidationError).issues[0]!.rule).toBe('too_big')
    expect((error as Error).message).toMatch(/at most 10 MB \(10,000,000 bytes\)/)
    expect(emulator.state.requests).toHaveLength(0)
  })
})

describe('onysoft driver: video', () => {
  it('makes a video from an image with running progress, an MP4 and a thumbnail', async () => {
    const { ai, onlyTask, requests } = await gateway({ lifecycle: 'per-read' })
    const fractions: number[] = []
    const { videos, thumbnails } = await ai.video.generate(
      {
        model: 'onysoft/kling-2.6/text-to-video',
        prompt: 'a cat playing piano',
        image: 'https://images.example.com/cat.jpg',
        durationSeconds: 10,
        aspectRatio: '9:16',
        resolution: '1080p',
      },
      {
        onProgress: (snapshot) => {
          if (snapshot.state === 'running' && snapshot.progress?.fraction !== undefined)
            fractions.push(snapshot.progress.fraction)
        },
      },
    )
    expect(onlyTask().body).toEqual({
      model: 'kling-2.6/text-to-video',
      prompt: 'a cat playing piano',
      aspect_ratio: '9:16',
      duration: 10,
      resolution: '1080p',
      image_url: 'https://images.example.com/cat.jpg',
    })
    expect(fractions).toEqual([0.33, 0.66])
    const mp4 = inspectMp4(await videos[0]!.bytes())
    expect(mp4.durationSeconds).toBeCloseTo(10, 0)
    expect(mp4.height).toBeGreaterThan(mp4.width)
    expect(inspectJpeg(await thumbnails![0]!.bytes())).toMatchObject({
      width: mp4.width,
      height: mp4.height,
    })
    expect(requests('api', /^GET \/v1\/video\/status\//)).toHaveLength(4)
  })

  it('maps Sora 2: orientation, n_frames as a string, image_urls', async () => {
    const { ai, onlyTask } = await gateway()
    await ai.video.generate({
      model: 'onysoft/sora-2-pro-image-to-video',
      prompt: 'a drone shot of a lake',
      image: 'https://images.example.com/lake.jpg',
      aspectRatio: '16:9',
      durationSeconds: 10,
      providerOptions: { onysoft: { size: 'high', remove_watermark: true } },
    })
    expect(onlyTask().body).toEqual({
      model: 'sora-2-pro-image-to-video',
      prompt: 'a drone shot of a lake',
      aspect_ratio: 'landscape',
      n_frames: '10',
      image_urls: ['https://images.example.com/lake.jpg'],
      size: 'high',
      remove_watermark: true,
    })
  })

  it('names the task field when a gateway rule fails, before any request', async () => {
    const { ai, emulator, served } = await gateway()
    const duration = await ai.video
      .generate({ model: 'onysoft/veo3_fast', prompt: 'x', durationSeconds: 7 })
      .catch((caught: unknown) => caught)
    expect(duration).toBeInstanceOf(ValidationError)
    expect((duration as ValidationError).field).toBe('durationSeconds')
    const sora = await ai.video
      .generate({ model: 'onysoft/sora-2-text-to-video', prompt: 'x', aspectRatio: '1:1' })
      .catch((caught: unknown) => caught)
    expect((sora as ValidationError).field).toBe('aspectRatio')
    // A source image at a private address is downloaded to be inlined; a bad aspect ratio
    // is refused before that download.
    const soraFromImage = await ai.video
      .generate({
        model: 'onysoft/sora-2-image-to-video',
        prompt: 'x',
        aspectRatio: '1:1',
        image: `${served.url}/source.png`,
      })
      .catch((caught: unknown) => caught)
    expect((soraFromImage as ValidationError).field).toBe('aspectRatio')
    const option = await ai.video
      .generate({
        model: 'onysoft/veo3',
        prompt: 'x',
        providerOptions: { onysoft: { quality: 'high' } },
      })
      .catch((caught: unknown) => caught)
    expect((option as ValidationError).field).toBe('providerOptions.onysoft.quality')
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('resumes a job from its stored ref in another client, with the cost and warnings of the submit', async () => {
    const { ai, served, onlyTask } = await gateway()
    const job = await ai.video.submit({
      model: 'onysoft/veo3_fast',
      prompt: 'waves at night',
      fps: 30,
    })
    // The estimated cost is on the job from the moment it is submitted.
    expect(estimatedCostOf(job.ref)).toEqual(onlyTask().cost)
    const stored = JSON.parse(JSON.stringify(job))
    expect(stored).toMatchObject({
      provider: 'onysoft',
      task: 'video.generate',
      data: { alias: 'video', model: 'veo3_fast', estimatedCost: { currency: 'USD' } },
    })
    expect(JSON.stringify(stored)).not.toContain(API_KEY)
    const elsewhere = createAtelier({
      providers: [onysoft({ apiKey: API_KEY, baseUrl: served.url })],
      polling: POLLING,
    })
    const ref: JobRef<'video.generate'> = stored
    // Warnings found at submit travel in the ref, not in the driver's data.
    expect(ref.warnings).toEqual([expect.objectContaining({ option: 'fps' })])
    const output = await elsewhere.jobs.resume(ref).wait()
    expect(inspectMp4(await output.videos[0]!.bytes()).durationSeconds).toBeCloseTo(5, 0)
    expect(output.usage).toEqual({
      costUsd: stored.data.estimatedCost.amount,
      estimated: true,
    })
    expect(output.warnings).toEqual([expect.objectContaining({ option: 'fps' })])
  })

  it('reports a failed task as JobFailedError with the gateway reason', async () => {
    const { ai } = await gateway({ failJobs: true })
    const error = await ai.video
      .generate({ model: 'onysoft/veo3', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as Error).message).toContain(ONYSOFT_INJECTED_TASK_ERROR)
  })

  it('rides out a transient status failure and never re-sends a submit the gateway may have started', async () => {
    const { ai, emulator, requests } = await gateway()
    emulator.failNext(1, { status: 503, path: /\/status\//, headers: { 'retry-after': '0' } })
    const { videos } = await ai.video.generate({ model: 'onysoft/veo3', prompt: 'x' })
    expect(videos).toHaveLength(1)
    expect(
      requests('api', /^GET \/v1\/video\/status\//).some((request) => request.status === 503),
    ).toBe(true)

    emulator.failNext(1, { status: 500, method: 'POST' })
    const error = await ai.video
      .generate({ model: 'onysoft/veo3', prompt: 'again' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(500)
    expect(requests('api', /^POST/)).toHaveLength(2)
  })

  it('cancel stops watching (no cancel endpoint exists) and leaves no requests behind', async () => {
    const { ai, requests } = await gateway({ pendingMs: 5_000 })
    const job = await ai.video.submit({ model: 'onysoft/veo3', prompt: 'x' })
    const waiting = job.wait()
    await new Promise((resolve) => setTimeout(resolve, 50))
    await job.cancel()
    await expect(waiting).rejects.toBeInstanceOf(JobCanceledError)
    expect(job.snapshot?.state).toBe('canceled')
    const atCancel = requests('api').length
    // A status request aborted in flight may still reach the server; nothing comes after it.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const settled = requests('api').length
    expect(settled - atCancel).toBeLessThanOrEqual(1)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(requests('api')).toHaveLength(settled)
    expect(requests('api', /^(?:DELETE|POST .*cancel)/)).toHaveLength(0)
  })
})

describe('onysoft driver: audio', () => {
  it('speaks with a gateway voice through the voice alias', async () => {
    const { ai, onlyTask, requests } = await gateway()
    const { audio } = await ai.speech.generate({
      model: 'onysoft/elevenlabs/text-to-speech-multilingual-v2',
      text: 'Merhaba, ben Brian.',
      voice: 'Brian',
      providerOptions: { onysoft: { stability: 0.6, similarity_boost: 0.8, style: 0.1 } },
    })
    expect(onlyTask().body).toEqual({
      model: 'elevenlabs/text-to-speech-multilingual-v2',
      prompt: 'Merhaba, ben Brian.',
      voice: 'Brian',
      stability: 0.6,
      similarity_boost: 0.8,
      style: 0.1,
    })
    expect(requests('api', /^POST \/v1\/voice\/generate$/)).toHaveLength(1)
    expect(inspectWav(await audio.bytes()).durationSeconds).toBeGreaterThan(0)
  })

  it('refuses a voice outside the 20 names (case-sensitive) before sending', async () => {
    const { ai, emulator } = await gateway()
    const error = await ai.speech
      .generate({
        model: 'onysoft/elevenlabs/text-to-speech-multilingual-v2',
        text: 'hi',
        voice: 'rachel',
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('voice')
    expect((error as Error).message).toContain('use "Rachel"')
    await expect(
      ai.speech.generate({
        model: 'onysoft/elevenlabs/text-to-speech-multilingual-v2',
        text: 'hi',
        voice: 'Morgan',
      }),
    ).rejects.toThrow(/not within the range of allowed options/)
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('makes a dialogue from turns', async () => {
    const { ai, onlyTask } = await gateway()
    const { audio } = await ai.dialogue.generate({
      model: 'onysoft/elevenlabs/v3-text-to-dialogue',
      turns: [
        { voice: 'Aria', text: 'Did you finish the report?' },
        { voice: 'Roger', text: 'Almost.' },
      ],
      language: 'en',
    })
    expect(onlyTask().body).toEqual({
      model: 'elevenlabs/v3-text-to-dialogue',
      prompt: 'Aria: Did you finish the report?\nRoger: Almost.',
      dialogue: [
        { text: 'Did you finish the report?', voice: 'Aria' },
        { text: 'Almost.', voice: 'Roger' },
      ],
      language_code: 'en',
    })
    expect(inspectWav(await audio.bytes()).durationSeconds).toBeGreaterThan(1)
  })

  it('makes a sound effect of the asked length and checks the 1-22 s range', async () => {
    const { ai, onlyTask, requests } = await gateway()
    const { audio } = await ai.soundEffect.generate({
      model: 'onysoft/elevenlabs/sound-effect-v2',
      prompt: 'thunder rolling in distant mountains',
      durationSeconds: 3,
      promptInfluence: 0.5,
    })
    expect(onlyTask().body).toMatchObject({ duration_seconds: 3, prompt_influence: 0.5 })
    expect(inspectWav(await audio.bytes()).durationSeconds).toBeCloseTo(3, 1)
    expect(requests('api', /^POST \/v1\/audio\/generate$/)).toHaveLength(1)
    const error = await ai.soundEffect
      .generate({ model: 'onysoft/elevenlabs/sound-effect-v2', prompt: 'x', durationSeconds: 30 })
      .catch((caught: unknown) => caught)
    expect((error as ValidationError).field).toBe('durationSeconds')
  })

  it('makes music with two tracks and refuses lyrics it cannot send', async () => {
    const { ai } = await gateway()
    const { tracks, warnings } = await ai.music.generate({
      model: 'onysoft/suno-v4',
      prompt: 'upbeat electronic dance music',
      bpm: 128,
    })
    expect(tracks).toHaveLength(2)
    for (const track of tracks)
      expect(inspectWav(await track.bytes()).durationSeconds).toBeGreaterThan(1)
    expect(warnings).toEqual([expect.objectContaining({ option: 'bpm' })])
    await expect(
      ai.music.generate({ model: 'onysoft/suno-v4', prompt: 'x', lyrics: 'la la' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('transcribes a recording given by URL, and refuses bytes', async () => {
    const { ai, onlyTask } = await gateway()
    const result = await ai.transcription.create({
      model: 'onysoft/elevenlabs/speech-to-text',
      audio: 'https://files.example.com/interview.mp3',
      diarize: true,
    })
    expect(onlyTask().body).toEqual({
      model: 'elevenlabs/speech-to-text',
      audio_url: 'https://files.example.com/interview.mp3',
    })
    expect(result.text).toMatch(/emulated transcript/)
    expect(result.language).toBe('en')
    expect(result.words?.[0]).toMatchObject({ text: 'this', start: 0, speaker: 'speaker_0' })
    expect(result.warnings).toEqual([expect.objectContaining({ option: 'diarize' })])
    await expect(
      ai.transcription.create({
        model: 'onysoft/elevenlabs/speech-to-text',
        audio: new Uint8Array([1, 2, 3]),
      }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })
})

describe('onysoft driver: model catalogue', () => {
  it('refuses a model of another task before paying for it, fetching the list once', async () => {
    const { ai, requests } = await gateway()
    const error = await ai.image
      .generate({ model: 'onysoft/veo3', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(UnsupportedError)
    expect((error as Error).message).toContain('veo3 serves video.generate, not image.generate')
    const chat = await ai.image
      .generate({ model: 'onysoft/gemini-2.5-flash-image', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect((chat as Error).message).toContain('/v1/chat/completions')
    // A model the catalogue does not list is sent as is.
    await ai.image.generate({ model: 'onysoft/brand-new/image-model', prompt: 'x' })
    expect(requests('api', /^POST/)).toHaveLength(1)
    expect(requests('api', /^GET \/v1\/models$/)).toHaveLength(1)
  })

  it('lists models with their tasks and tells the task of a bare model id', async () => {
    const { ai, driver } = await gateway()
    const models = await ai.models.list({ provider: 'onysoft' })
    expect(models.find((model) => model.id === 'veo3_fast')).toMatchObject({
      provider: 'onysoft',
      tasks: ['video.generate'],
      metadata: { type: 'video', provider: 'Google' },
    })
    expect(models.find((model) => model.id === 'elevenlabs/speech-to-text')).toMatchObject({
      tasks: ['transcription.create'],
      metadata: { price: { amount: 0.0263, currency: 'USD' } },
    })
    expect(await driver.taskOf('elevenlabs/sound-effect-v2')).toBe('soundEffect.generate')
    expect(await driver.taskOf('seedream/4.5-edit')).toBe('image.edit')
    expect(await driver.tasksOf('gemini-2.5-flash-image')).toEqual([])
    expect(await driver.taskOf('something-unknown')).toBeUndefined()
  })
})

describe('onysoft driver: provider options', () => {
  it('refuses a provider option that would replace a field set from the task input, naming that field', async () => {
    const { ai, emulator } = await gateway()
    const prompt = await ai.image
      .generate({
        model: 'onysoft/google/imagen4',
        prompt: 'a fox',
        providerOptions: { onysoft: { prompt: 'a wolf' } },
      })
      .catch((caught: unknown) => caught)
    expect(prompt).toBeInstanceOf(ValidationError)
    expect((prompt as ValidationError).field).toBe('providerOptions.onysoft.prompt')
    expect((prompt as ValidationError).issues[0]!.rule).toBe('overrides_task_field')
    expect((prompt as Error).message).toContain('`prompt`')
    // The field it is set from, when the names differ.
    const text = await ai.speech
      .generate({
        model: 'onysoft/elevenlabs/text-to-speech-multilingual-v2',
        text: 'hello',
        providerOptions: { onysoft: { prompt: 'goodbye' } },
      })
      .catch((caught: unknown) => caught)
    expect((text as ValidationError).field).toBe('providerOptions.onysoft.prompt')
    expect((text as Error).message).toContain('`text`')
    const model = await ai.video
      .generate({
        model: 'onysoft/veo3',
        prompt: 'x',
        aspectRatio: '16:9',
        providerOptions: { onysoft: { model: 'veo3_fast', aspect_ratio: '9:16' } },
      })
      .catch((caught: unknown) => caught)
    expect((model as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'providerOptions.onysoft.model',
      'providerOptions.onysoft.aspect_ratio',
    ])
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('sends a provider option for a body field the task input left empty', async () => {
    const { ai, onlyTask } = await gateway()
    await ai.video.generate({
      model: 'onysoft/sora-2-text-to-video',
      prompt: 'x',
      providerOptions: { onysoft: { aspect_ratio: 'portrait', n_frames: '15' } },
    })
    expect(onlyTask().body).toEqual({
      model: 'sora-2-text-to-video',
      prompt: 'x',
      aspect_ratio: 'portrait',
      n_frames: '15',
    })
  })

  it('checks provider options against their schema, naming providerOptions.onysoft.<key>', async () => {
    const { ai, emulator } = await gateway()
    const range = await ai.speech
      .generate({
        model: 'onysoft/elevenlabs/text-to-speech-multilingual-v2',
        text: 'hi',
        providerOptions: { onysoft: { stability: 2 } },
      })
      .catch((caught: unknown) => caught)
    expect(range).toBeInstanceOf(ValidationError)
    expect((range as ValidationError).field).toBe('providerOptions.onysoft.stability')
    const unknown = await ai.image
      .generate({
        model: 'onysoft/google/imagen4',
        prompt: 'x',
        // @ts-expect-error: the facade types provider options from the handler's schema
        providerOptions: { onysoft: { negativePrompt: 'people' } },
      })
      .catch((caught: unknown) => caught)
    expect((unknown as ValidationError).field).toBe('providerOptions.onysoft.negativePrompt')
    expect((unknown as ValidationError).issues[0]).toMatchObject({
      rule: 'unrecognized_keys',
      message: 'is not a known field',
    })
    expect(emulator.state.requests).toHaveLength(0)
  })
})

describe('onysoft driver: the handlers', () => {
  it('derives capabilities from one handler per task and declares outputs per call', async () => {
    const { driver } = await gateway()
    const tasks = Object.keys(driver.tasks).sort()
    expect(Object.keys(driver.capabilities).sort()).toEqual(tasks)
    for (const capability of Object.values(driver.capabilities))
      expect(capability).toMatchObject({ cancel: 'local', resumable: true })
    expect(driver.capabilities['video.generate']?.models).toContain('veo3_fast')
    expect(driver.tasks['image.generate'].maxOutputsPerCall).toBe(1)
    expect(driver.tasks['image.edit'].maxOutputsPerCall).toBe(1)
    expect(driver.tasks['video.generate'].maxOutputsPerCall).toBe(1)
    expect(driver.tasks['music.generate'].maxOutputsPerCall).toBe(2)
    for (const handler of Object.values(driver.tasks)) expect(handler.providerOptions).toBeDefined()
    // Every handler's submit and poll endpoints are in ENDPOINTS, and only handlers are named there.
    const named = new Set(ENDPOINTS.flatMap((endpoint) => endpoint.tasks))
    expect([...named].sort()).toEqual(tasks)
    for (const task of tasks) {
      const rows = ENDPOINTS.filter((endpoint) => endpoint.tasks.includes(task as never))
      expect(rows.map((row) => row.method).sort()).toEqual(['GET', 'GET', 'POST'])
    }
  })

  it('runs a task without the facade: startJob, then resumeJob from the stored ref', async () => {
    const { driver, served } = await gateway()
    const job = await startJob(
      driver,
      'speech.generate',
      {
        model: 'elevenlabs/text-to-speech-multilingual-v2',
        text: 'Hello there.',
        voice: 'Rachel',
        speed: 1.2,
      },
      { polling: POLLING },
    )
    expect(job.ref).toMatchObject({
      provider: 'onysoft',
      task: 'speech.generate',
      data: { alias: 'voice', model: 'elevenlabs/text-to-speech-multilingual-v2' },
      warnings: [expect.objectContaining({ type: 'unsupported-option', option: 'speed' })],
    })
    const stored = JSON.parse(JSON.stringify(job.ref)) as JobRef<'speech.generate'>
    const other = onysoft({ apiKey: API_KEY, baseUrl: served.url })
    const output = await resumeJob(other, stored, { polling: POLLING }).wait()
    expect(inspectWav(await output.audio.bytes()).durationSeconds).toBeGreaterThan(0)
    expect(output.warnings).toEqual([expect.objectContaining({ option: 'speed' })])
  })

  it('fails a job the gateway no longer knows (404 on its status)', async () => {
    const { driver } = await gateway()
    const ref: JobRef<'video.generate'> = {
      provider: 'onysoft',
      task: 'video.generate',
      id: 'task_unknown',
      data: { alias: 'video', model: 'veo3' },
    }
    const error = await resumeJob(driver, ref, { polling: POLLING })
      .wait()
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as Error).message).toMatch(/no longer knows job task_unknown \(HTTP 404\)/)
  })
})
