/**
 * The canary driver end to end: atelier → @atelier/canary → a real loopback server running
 * the CanaryLLM emulator. Asserts what users depend on: the request bodies sent for each task,
 * the files that come back, queue positions, push updates over SSE with polling as the
 * fallback, resuming from a ref, remote cancel, Retry-After, and typed errors.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type JobSnapshot,
  MediaFile,
  ProviderError,
  type RetryEvent,
  systemClock,
  UnsupportedError,
  ValidationError,
} from '@atelier/core'
import { saveMediaFile } from '@atelier/core/node'
import {
  encodePng,
  encodeWav,
  inspectMp4,
  inspectPng,
  inspectWav,
  type RunningServer,
  serve,
} from '@atelier/emulators'
import { createAtelier, JobCanceledError, JobFailedError } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type CanaryEmulator,
  type CanaryEmulatorOptions,
  createCanaryEmulator,
} from '../../emulators/src/canary'
import { type CanaryDriverOptions, canary, ENDPOINTS } from '../src'
import { CanaryClient } from '../src/client'

const KEY = 'clk_live_driver_test'
const FAST: CanaryEmulatorOptions = {
  processingMs: {
    image: 30,
    video: 60,
    speech: 20,
    soundEffect: 20,
    music: 20,
    dialogue: 20,
    transcription: 20,
    completion: 40,
    detection: 20,
    webDetection: 20,
  },
  trainingMs: 50,
  videoFrame: { width: 64, height: 36 },
  imageBaseSize: 64,
}
const POLLING = { minIntervalMs: 10, initialIntervalMs: 20, maxIntervalMs: 60 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function gateway(
  options: CanaryEmulatorOptions = {},
  driverOptions: Partial<CanaryDriverOptions> = {},
) {
  const emulator = createCanaryEmulator({ ...FAST, ...options })
  const server = await serve(emulator.handler)
  servers.push(server)
  const driver = canary({ baseUrl: server.url, apiKey: KEY, polling: POLLING, ...driverOptions })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  return { emulator, server, driver, ai }
}

/** Bodies the emulator received at `path`, in order. */
const bodiesAt = (emulator: CanaryEmulator, path: string) =>
  emulator.state.requests.filter((request) => request.path === path).map((request) => request.body)
const countOf = (emulator: CanaryEmulator, path: string) =>
  emulator.state.requests.filter((request) => request.path === path).length

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe('canary driver: generation tasks', () => {
  it('image.generate: upstream from the model id, size as WxH, n images as PNGs, quality and tag passed through', async () => {
    const { ai, emulator } = await gateway()
    const { images, warnings, providerMetadata } = await ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'a red panda',
      size: { width: 96, height: 64 },
      n: 2,
      seed: 7,
      providerOptions: { canary: { quality: 'hd', tag: 'marketing' } },
    })
    expect(bodiesAt(emulator, '/api/llm/generate-image')).toEqual([
      {
        provider: 'openai',
        prompt: 'a red panda',
        model: 'gpt-image-1',
        n: 2,
        size: '96x64',
        quality: 'hd',
        tag: 'marketing',
      },
    ])
    expect(images).toHaveLength(2)
    for (const image of images) {
      expect(image.mediaType).toBe('image/png')
      expect(inspectPng(await image.bytes())).toMatchObject({ width: 96, height: 64 })
    }
    expect(warnings).toEqual([
      { type: 'unsupported-option', option: 'seed', details: expect.any(String) },
    ])
    expect(providerMetadata).toMatchObject({
      model: 'gpt-image-1',
      provider: 'openai',
      queueId: expect.stringMatching(/^img_/),
    })
  })

  it('image.generate on Vertex: provider/model addressing, size sent as an aspect ratio with a warning', async () => {
    const { ai, emulator } = await gateway()
    const { images, warnings } = await ai.image.generate({
      model: 'canary/vertex/imagen-4.0-generate-001',
      prompt: 'a forest',
      size: { width: 1920, height: 1080 },
    })
    expect(bodiesAt(emulator, '/api/llm/generate-image')).toEqual([
      {
        provider: 'vertex',
        prompt: 'a forest',
        model: 'imagen-4.0-generate-001',
        aspectRatio: '16:9',
      },
    ])
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 64, height: 36 })
    expect(warnings).toEqual([expect.objectContaining({ type: 'adjusted-option', option: 'size' })])
  })

  it('an unknown model without an upstream fails validation at model, before any request', async () => {
    const { ai, emulator } = await gateway()
    const error = await ai.image
      .generate({ model: 'canary/mystery-model', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('model')
    const invalid = await ai.image
      .generate({
        model: 'canary/gpt-image-1',
        prompt: 'x',
        // @ts-expect-error quality is standard, hd or ultra: refused at run time as well
        providerOptions: { canary: { quality: 'mega' } },
      })
      .catch((caught: unknown) => caught)
    expect((invalid as ValidationError).field).toBe('providerOptions.canary.quality')
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('video.generate: a playable MP4 of the requested length; n → numberOfVideos', async () => {
    const { ai, emulator } = await gateway()
    const { videos, warnings } = await ai.video.generate({
      model: 'canary/veo-3.1-generate-preview',
      prompt: 'clouds over mountains',
      durationSeconds: 2,
      aspectRatio: '16:9',
      n: 2,
      fps: 30,
    })
    expect(bodiesAt(emulator, '/api/llm/generate-video')).toEqual([
      {
        provider: 'gemini',
        prompt: 'clouds over mountains',
        model: 'veo-3.1-generate-preview',
        aspectRatio: '16:9',
        durationSeconds: 2,
        numberOfVideos: 2,
      },
    ])
    expect(videos).toHaveLength(2)
    const info = inspectMp4(await videos[1]!.bytes())
    expect(info).toMatchObject({ width: 64, height: 36, durationSeconds: 2 })
    expect(warnings).toEqual([expect.objectContaining({ option: 'fps' })])
  })

  it('video.generate from an image: xAI with imageUrl; bytes or other upstreams are refused', async () => {
    const { ai, emulator } = await gateway()
    await ai.video.generate({
      model: 'canary/xai/grok-imagine-video',
      prompt: 'slow zoom out',
      image: 'https://example.com/photo.jpg',
      resolution: '1080p',
    })
    expect(bodiesAt(emulator, '/api/llm/generate-video')).toEqual([
      {
        provider: 'xai',
        prompt: 'slow zoom out',
        model: 'grok-imagine-video',
        imageUrl: 'https://example.com/photo.jpg',
        resolution: '1080p',
      },
    ])
    await expect(
      ai.video.generate({
        model: 'canary/xai/grok-imagine-video',
        prompt: 'x',
        image: new Uint8Array([1, 2, 3]),
      }),
    ).rejects.toBeInstanceOf(UnsupportedError)
    await expect(
      ai.video.generate({
        model: 'canary/veo-3.1-generate-preview',
        prompt: 'x',
        image: 'https://example.com/p.jpg',
      }),
    ).rejects.toBeInstanceOf(UnsupportedError)
    expect(countOf(emulator, '/api/llm/generate-video')).toBe(1)
  })

  it('speech.generate: ElevenLabs with voice and format; MLX Audio warns about the format', async () => {
    const { ai, emulator } = await gateway()
    const eleven = await ai.speech.generate({
      model: 'canary/eleven_flash_v2_5',
      text: 'Hello, welcome to the interview.',
      voice: 'JBFqnCBsd6RMkjVDRZzb',
      outputFormat: 'pcm_16000',
      providerOptions: { canary: { tag: 'interview' } },
    })
    const mlx = await ai.speech.generate({
      model: 'canary/kokoro',
      text: 'Hallo, welkom.',
      voice: 'af_heart',
      outputFormat: 'mp3_44100_128',
    })
    expect(bodiesAt(emulator, '/api/llm/generate-audio')).toEqual([
      {
        provider: 'elevenlabs',
        text: 'Hello, welcome to the interview.',
        model: 'eleven_flash_v2_5',
        voiceId: 'JBFqnCBsd6RMkjVDRZzb',
        outputFormat: 'pcm_16000',
        tag: 'interview',
      },
      { provider: 'mlxaudio', text: 'Hallo, welkom.', model: 'kokoro', voiceId: 'af_heart' },
    ])
    expect(inspectWav(await eleven.audio.bytes())).toMatchObject({ sampleRate: 16000 })
    expect(eleven.providerMetadata).toMatchObject({ characterCount: 32 })
    expect(mlx.warnings).toEqual([expect.objectContaining({ option: 'outputFormat' })])
    await expect(
      ai.speech.generate({
        model: 'canary/eleven_flash_v2_5',
        text: 'x',
        voiceDescription: 'a warm voice',
      }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('soundEffect.generate and music.generate: ElevenLabs ranges, seconds → durationMs', async () => {
    const { ai, emulator } = await gateway()
    const effect = await ai.soundEffect.generate({
      model: 'canary/eleven_text_to_sound_v2',
      prompt: 'thunder',
      durationSeconds: 1.5,
      promptInfluence: 0.5,
      loop: true,
    })
    const music = await ai.music.generate({
      model: 'canary/music_v1',
      prompt: 'upbeat jazz',
      durationSeconds: 3.5,
      instrumental: true,
    })
    expect(bodiesAt(emulator, '/api/llm/generate-sound-effect')).toEqual([
      {
        text: 'thunder',
        model: 'eleven_text_to_sound_v2',
        durationSeconds: 1.5,
        promptInfluence: 0.5,
        loop: true,
      },
    ])
    expect(bodiesAt(emulator, '/api/llm/generate-music')).toEqual([
      { prompt: 'upbeat jazz', model: 'music_v1', durationMs: 3500, forceInstrumental: true },
    ])
    expect(inspectWav(await effect.audio.bytes()).durationSeconds).toBeCloseTo(1.5, 2)
    expect(inspectWav(await music.tracks[0]!.bytes()).durationSeconds).toBeCloseTo(3.5, 2)
    const tooLong = await ai.soundEffect
      .generate({ model: 'canary/eleven_text_to_sound_v2', prompt: 'x', durationSeconds: 45 })
      .catch((caught: unknown) => caught)
    expect((tooLong as ValidationError).field).toBe('durationSeconds')
    await expect(
      ai.music.generate({ model: 'canary/music_v1', prompt: 'x', lyrics: 'la la' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
  })

  it('dialogue.generate: turns → inputs with eleven_v3; more than 10 voices fail before any request', async () => {
    const { ai, emulator } = await gateway()
    const { audio } = await ai.dialogue.generate({
      model: 'canary/eleven_v3',
      turns: [
        { text: 'Hello, how are you?', voice: 'JBFqnCBsd6RMkjVDRZzb' },
        { text: "I'm doing great, thanks!", voice: 'Aw4FAjKCGjjNkVhN1Xmq' },
      ],
      language: 'en',
      seed: 42,
      providerOptions: {
        canary: { applyTextNormalization: 'on', voiceSettings: { stability: 0.4 } },
      },
    })
    expect(bodiesAt(emulator, '/api/llm/generate-dialogue')).toEqual([
      {
        inputs: [
          { text: 'Hello, how are you?', voiceId: 'JBFqnCBsd6RMkjVDRZzb' },
          { text: "I'm doing great, thanks!", voiceId: 'Aw4FAjKCGjjNkVhN1Xmq' },
        ],
        model: 'eleven_v3',
        languageCode: 'en',
        seed: 42,
        applyTextNormalization: 'on',
        voiceSettings: { stability: 0.4 },
      },
    ])
    expect(inspectWav(await audio.bytes()).durationSeconds).toBeGreaterThan(0)
    const error = await ai.dialogue
      .generate({
        model: 'canary/eleven_v3',
        turns: Array.from({ length: 11 }, (_, index) => ({ text: 'hi', voice: `voice${index}` })),
      })
      .catch((caught: unknown) => caught)
    expect((error as ValidationError).field).toBe('turns')
    expect(countOf(emulator, '/api/llm/generate-dialogue')).toBe(1)
  })

  it('transcription.create: the audio as base64 with its type, diarization; words and speaker segments back', async () => {
    const { ai, emulator } = await gateway()
    const wav = encodeWav({ durationSeconds: 0.2, sampleRate: 8000 })
    const result = await ai.transcription.create({
      model: 'canary/scribe_v2',
      audio: wav,
      language: 'nl',
      diarize: true,
      speakers: 2,
      timestamps: 'word',
      tagAudioEvents: true,
    })
    expect(bodiesAt(emulator, '/api/llm/transcribe')).toEqual([
      {
        provider: 'elevenlabs',
        audio: b64(wav),
        mimeType: 'audio/wav',
        model: 'scribe_v2',
        language: 'nl',
        diarize: true,
        numSpeakers: 2,
        tagAudioEvents: true,
        timestampsGranularity: 'word',
      },
    ])
    expect(result.text).toBe('Hello, welcome to the interview. Thank you for having me.')
    expect(result.language).toBe('nl')
    expect(result.words?.[0]).toEqual({
      text: 'Hello,',
      start: 0.08,
      end: 0.56,
      speaker: 'speaker_0',
    })
    expect(result.words?.some((word) => word.text === '(laughter)')).toBe(false)
    expect(result.segments).toEqual([
      expect.objectContaining({ text: 'Hello, welcome to the interview.', speaker: 'speaker_0' }),
      expect.objectContaining({ text: 'Thank you for having me.', speaker: 'speaker_1' }),
    ])
    const local = await ai.transcription.create({
      model: 'canary/whisper-large-v3',
      audio: wav,
      diarize: true,
    })
    expect(local.warnings).toEqual([expect.objectContaining({ option: 'diarize' })])
    expect(bodiesAt(emulator, '/api/llm/transcribe')[1]).not.toHaveProperty('diarize')
  })

  it('text.generate: system + prompt as messages, JSON response format, usage back', async () => {
    const { ai, emulator } = await gateway()
    const result = await ai.text.generate({
      model: 'canary/openai/gpt-4o-mini',
      system: 'Answer in JSON.',
      prompt: 'Name a colour',
      maxTokens: 50,
      responseFormat: 'json',
      topP: 0.5,
    })
    expect(bodiesAt(emulator, '/api/llm/complete')).toEqual([
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'Answer in JSON.' },
          { role: 'user', content: 'Name a colour' },
        ],
        maxTokens: 50,
        responseFormat: { type: 'json_object' },
      },
    ])
    expect(JSON.parse(result.text)).toEqual({
      answer: 'This is the emulated answer to: Name a colour',
    })
    expect(result.finishReason).toBe('stop')
    expect(result.usage).toMatchObject({
      outputTokens: expect.any(Number),
      inputTokens: expect.any(Number),
    })
    expect(result.warnings).toEqual([expect.objectContaining({ option: 'topP' })])
  })

  it('text streaming: deltas from the queue stream, in order, then finish with usage', async () => {
    const { ai, emulator } = await gateway()
    const parts: string[] = []
    let finish: unknown
    for await (const part of ai.text.stream({
      model: 'canary/anthropic/sonnet-4',
      prompt: 'tell me about otters',
    })) {
      if (part.type === 'text-delta') parts.push(part.text)
      else finish = part
    }
    expect(parts.length).toBeGreaterThan(3)
    expect(parts.join('')).toBe('This is the emulated answer to: tell me about otters')
    expect(finish).toMatchObject({
      type: 'finish',
      finishReason: 'stop',
      usage: { outputTokens: parts.length },
    })
    expect(bodiesAt(emulator, '/api/llm/complete')[0]).toMatchObject({
      provider: 'anthropic',
      stream: true,
    })
    expect(countOf(emulator, '/api/llm/queue/stream')).toBe(1)
  })

  it('breaking out of a text stream cancels the completion remotely', async () => {
    const { ai, emulator } = await gateway({ processingMs: { completion: 2000 } })
    for await (const part of ai.text.stream({
      model: 'canary/gpt-4o',
      prompt: 'a long story please',
    })) {
      if (part.type === 'text-delta') break
    }
    await expect.poll(() => countOf(emulator, '/api/llm/queue/cancel')).toBe(1)
    const job = [...emulator.state.jobs.values()][0]!
    await expect.poll(() => job.status).toBe('cancelled')
  })
})

describe('canary driver: provider options', () => {
  it('an option cannot overwrite a field set from the task input: refused, naming the field to set', async () => {
    const { ai, emulator } = await gateway()
    const error = await ai.image
      .generate({
        model: 'canary/gpt-image-1',
        prompt: 'a red panda',
        providerOptions: { canary: { prompt: 'something else' } },
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([
      {
        path: ['providerOptions', 'canary', 'prompt'],
        message: expect.stringContaining('`prompt`'),
        rule: 'overrides_task_field',
      },
    ])
    // The wire name differs from the input's: the error names the input field.
    const music = await ai.music
      .generate({
        model: 'canary/music_v1',
        prompt: 'jazz',
        durationSeconds: 4,
        providerOptions: { canary: { durationMs: 9000 } },
      })
      .catch((caught: unknown) => caught)
    expect((music as ValidationError).field).toBe('providerOptions.canary.durationMs')
    expect((music as ValidationError).message).toContain('`durationSeconds`')
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('an option may set a body field the task input left unset', async () => {
    const { ai, emulator } = await gateway()
    const { images } = await ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'a banner',
      providerOptions: { canary: { size: '48x16' } },
    })
    expect(bodiesAt(emulator, '/api/llm/generate-image')).toEqual([
      { provider: 'openai', prompt: 'a banner', model: 'gpt-image-1', size: '48x16' },
    ])
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 48, height: 16 })
  })

  it('schema errors name providerOptions.canary.<key>: unknown keys, bad values, keys the mode does not take', async () => {
    const { ai, emulator } = await gateway()
    const unknown = await ai.image
      .generate({
        model: 'canary/gpt-image-1',
        prompt: 'x',
        // @ts-expect-error not a field of generate-image: refused at run time as well
        providerOptions: { canary: { qualty: 'hd' } },
      })
      .catch((caught: unknown) => caught)
    expect(unknown).toBeInstanceOf(ValidationError)
    expect((unknown as ValidationError).issues).toEqual([
      {
        path: ['providerOptions', 'canary', 'qualty'],
        message: 'is not a known field',
        rule: 'unrecognized_keys',
      },
    ])
    const range = await ai.soundEffect
      .generate({
        model: 'canary/eleven_text_to_sound_v2',
        prompt: 'x',
        providerOptions: { canary: { promptInfluence: 2 } },
      })
      .catch((caught: unknown) => caught)
    expect((range as ValidationError).field).toBe('providerOptions.canary.promptInfluence')
    // `blur` is an option of face detection; object detection's endpoint does not take it.
    const blur = await ai.vision
      .detect({
        model: 'canary/yolo11n',
        image: encodePng({ width: 8, height: 8 }),
        mode: 'objects',
        providerOptions: { canary: { blur: true } },
      })
      .catch((caught: unknown) => caught)
    expect((blur as ValidationError).issues).toEqual([
      {
        path: ['providerOptions', 'canary', 'blur'],
        message: 'is not a known field',
        rule: 'unrecognized_keys',
      },
    ])
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('each handler declares its providerOptions schema, and n per call where the task has n', () => {
    const driver = canary({ baseUrl: 'https://canary.test', apiKey: KEY })
    for (const handler of Object.values(driver.tasks)) {
      expect(handler.providerOptions['~standard'].vendor).toBe('zod')
    }
    expect(driver.tasks['image.generate'].maxOutputsPerCall).toBe(10)
    expect(driver.tasks['video.generate'].maxOutputsPerCall).toBe(4)
    expect(driver.tasks['music.generate'].maxOutputsPerCall).toBe(1)
  })

  it('ENDPOINTS names the tasks whose handlers call each endpoint', () => {
    const tasks: string[] = Object.keys(canary({ baseUrl: 'https://canary.test' }).tasks)
    for (const endpoint of ENDPOINTS) {
      for (const task of endpoint.tasks) expect(tasks).toContain(task)
    }
    // Each task submits to an endpoint of its own, and follows its job on the queue.
    for (const task of tasks) {
      const callers = ENDPOINTS.filter((endpoint) =>
        (endpoint.tasks as readonly string[]).includes(task),
      )
      expect(callers.filter((endpoint) => endpoint.area !== 'queue').length).toBeGreaterThan(0)
      expect(callers.filter((endpoint) => endpoint.area === 'queue')).toHaveLength(4)
    }
  })

  it('music.generate with n: 2 makes two jobs of one track each, joined by core', async () => {
    const { ai, emulator } = await gateway()
    const { tracks } = await ai.music.generate({
      model: 'canary/music_v1',
      prompt: 'upbeat jazz',
      durationSeconds: 3,
      n: 2,
    })
    expect(tracks).toHaveLength(2)
    expect(bodiesAt(emulator, '/api/llm/generate-music')).toEqual([
      { prompt: 'upbeat jazz', model: 'music_v1', durationMs: 3000 },
      { prompt: 'upbeat jazz', model: 'music_v1', durationMs: 3000 },
    ])
  })
})

describe('canary driver: vision.detect', () => {
  const png = encodePng({ width: 200, height: 120 })

  it('objects, zero-shot, faces with blur, and web, each on its endpoint', async () => {
    const { ai, emulator } = await gateway()
    const objects = await ai.vision.detect({
      model: 'canary/yolo11n',
      image: png,
      mode: 'objects',
      threshold: 0.3,
      maxResults: 2,
    })
    expect(bodiesAt(emulator, '/api/vision/detect')).toEqual([
      { image: b64(png), model: 'yolo11n', confidence: 0.3 },
    ])
    expect(objects.detections).toHaveLength(2)
    expect(objects.detections[0]).toMatchObject({
      label: 'person',
      score: 0.94,
      box: { width: 50, height: 40 },
    })
    expect(objects.providerMetadata).toMatchObject({ imageSize: { width: 200, height: 120 } })

    const zeroShot = await ai.vision.detect({
      model: 'canary/florence-2-base',
      image: png,
      mode: 'zero-shot',
      labels: ['coca-cola bottle', 'pepsi can'],
    })
    expect(bodiesAt(emulator, '/api/vision/detect/zero-shot')).toEqual([
      // florence-2-base is the endpoint's one model: not sent, as in the document's example.
      { image: b64(png), prompt: 'coca-cola bottle, pepsi can' },
    ])
    expect(new Set(zeroShot.detections.map((item) => item.label))).toEqual(
      new Set(['coca-cola-bottle', 'pepsi-can']),
    )

    const faces = await ai.vision.detect({
      model: 'canary/mediapipe',
      image: png,
      mode: 'faces',
      providerOptions: { canary: { blur: true, blurStrength: 31 } },
    })
    expect(bodiesAt(emulator, '/api/vision/detect/faces')).toEqual([
      { image: b64(png), model: 'mediapipe', blur: true, blurStrength: 31 },
    ])
    expect(faces.detections.every((item) => item.label === 'face' && item.score >= 0.5)).toBe(true)
    const blurred = faces.providerMetadata?.blurredImage as MediaFile
    expect(blurred).toBeInstanceOf(MediaFile)
    expect(inspectPng(await blurred.bytes())).toMatchObject({ width: 200, height: 120 })

    const web = await ai.vision.detect({
      model: 'canary/tineye',
      image: png,
      mode: 'web',
      maxResults: 5,
    })
    expect(bodiesAt(emulator, '/api/vision/detect/web')).toEqual([
      { image: b64(png), engine: 'tineye', maxResults: 5 },
    ])
    expect(web.webMatches).toEqual([
      { url: 'https://wp.example/a.jpg', kind: 'full', score: 0.97 },
      { url: 'https://wp.example/post', kind: 'page', score: 0.97 },
      { url: 'https://news.example/story', kind: 'page', score: 0.88 },
    ])
    expect(web.providerMetadata).toMatchObject({
      likelyFromWeb: true,
      totalBacklinks: 3,
      engine: 'tineye',
    })
    const google = await ai.vision.detect({ model: 'canary/gcvision', image: png, mode: 'web' })
    expect(google.detections).toEqual([
      { label: 'storefront', score: 0.9 },
      { label: 'shop window', score: 0.6 },
    ])
    expect(google.webMatches?.map((match) => match.kind)).toEqual([
      'full',
      'partial',
      'page',
      'similar',
      'similar',
    ])
  })

  it('lists the vision models the server has, custom ones included', async () => {
    const { ai, driver } = await gateway()
    const client = new CanaryClient(driver.transport)
    const training = await client.vision.autoTrain({
      images: Array.from({ length: 10 }, () => png),
      classes: ['kite'],
    })
    await expect
      .poll(async () => (await client.vision.trainStatus({ jobId: training.jobId })).status)
      .toBe('completed')
    const models = await ai.models.list({ provider: 'canary' })
    const ids = models.map((model) => model.id)
    expect(ids).toEqual(
      expect.arrayContaining(['yolo11n', 'florence-2-base', `custom-${training.jobId}`]),
    )
    const custom = models.find((model) => model.id === `custom-${training.jobId}`)
    expect(custom).toMatchObject({
      tasks: ['vision.detect'],
      metadata: { custom: true, classes: ['kite'] },
    })
    const found = await ai.vision.detect({
      model: `canary/custom-${training.jobId}`,
      image: png,
      mode: 'objects',
    })
    expect(found.detections.every((item) => item.label === 'kite')).toBe(true)
  })
})

describe('canary driver: jobs', () => {
  it('reports queue positions while jobs wait, then running, then completed', async () => {
    const { ai } = await gateway({ processingMs: { image: 150 } })
    const jobs = await Promise.all(
      [0, 1, 2].map((index) =>
        ai.image.submit({
          model: 'canary/gpt-image-1',
          prompt: `job ${index}`,
          size: { width: 8, height: 8 },
        }),
      ),
    )
    const seen: JobSnapshot<unknown>[] = []
    await jobs[2]!.wait({ onProgress: (snapshot) => seen.push(snapshot) })
    const positions = seen
      .filter((snapshot) => snapshot.state === 'queued')
      .map((snapshot) => snapshot.position)
    expect(positions).toContain(1)
    expect(positions).toContain(0)
    expect(positions.indexOf(1)).toBeLessThan(positions.indexOf(0))
    expect(seen.map((snapshot) => snapshot.state).slice(-2)).toEqual(['running', 'completed'])
  })

  it('watches over SSE once the job is next: the end is pushed, not polled for', async () => {
    const { ai, emulator } = await gateway({ processingMs: { video: 400 } })
    const { videos } = await ai.video.generate({
      model: 'canary/veo-3.1-generate-preview',
      prompt: 'x',
      durationSeconds: 1,
    })
    expect(videos).toHaveLength(1)
    expect(countOf(emulator, '/api/llm/queue/stream')).toBe(1)
    // One status before the stream opens, one when it says done; no polling while it processed.
    expect(countOf(emulator, '/api/llm/queue/status')).toBe(2)
    expect(countOf(emulator, '/api/llm/queue/result')).toBe(1)
  })

  it('watchWhen: the stream opens once the job is processing or at most streamFromPosition jobs are ahead', () => {
    const next = canary({ baseUrl: 'https://canary.test', apiKey: KEY }).tasks['image.generate']
    const near = canary({ baseUrl: 'https://canary.test', apiKey: KEY, streamFromPosition: 2 })
      .tasks['image.generate']
    // Nothing seen yet (a resumed job), or the submit's answer without a position: poll first.
    expect(next.watchWhen?.(undefined)).toBe(false)
    expect(next.watchWhen?.({ state: 'queued', providerStatus: 'queued' })).toBe(false)
    expect(next.watchWhen?.({ state: 'queued', position: 1 })).toBe(false)
    expect(next.watchWhen?.({ state: 'queued', position: 0 })).toBe(true)
    expect(next.watchWhen?.({ state: 'running' })).toBe(true)
    expect(near.watchWhen?.({ state: 'queued', position: 2 })).toBe(true)
    expect(near.watchWhen?.({ state: 'queued', position: 3 })).toBe(false)
    const polling = canary({ baseUrl: 'https://canary.test', apiKey: KEY, eventStream: false })
    expect(polling.tasks['image.generate'].watch).toBeUndefined()
  })

  it('a watch whose stream ends without the end of the job just returns: core polls from there', async () => {
    const paths: string[] = []
    const fetch: typeof globalThis.fetch = async (request) => {
      paths.push(new URL(request instanceof Request ? request.url : String(request)).pathname)
      return new Response('event: start\ndata: {}\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      })
    }
    const driver = canary({ baseUrl: 'https://canary.test', apiKey: KEY, fetch })
    const seen: JobSnapshot<unknown>[] = []
    const ref = { provider: 'canary', task: 'image.generate', id: 'img_1' } as const
    for await (const snapshot of driver.tasks['image.generate'].watch!(ref, {
      clock: systemClock,
    })) {
      seen.push(snapshot)
    }
    expect(seen).toEqual([{ state: 'running', providerStatus: 'processing' }])
    expect(paths).toEqual(['/api/llm/queue/stream'])
  })

  it('falls back to polling when the event stream fails, and polls only when asked to', async () => {
    // Jobs long enough that the first status request cannot already see them done.
    const broken = await gateway({ processingMs: { image: 150 } })
    broken.emulator.failNext(1, {
      path: '/api/llm/queue/stream',
      status: 404,
      message: 'no streams here',
    })
    const { images } = await broken.ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'x',
      size: { width: 8, height: 8 },
    })
    expect(images).toHaveLength(1)
    expect(countOf(broken.emulator, '/api/llm/queue/stream')).toBe(1)
    expect(countOf(broken.emulator, '/api/llm/queue/status')).toBeGreaterThan(1)

    const polling = await gateway({ processingMs: { image: 150 } }, { eventStream: false })
    await polling.ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'x',
      size: { width: 8, height: 8 },
    })
    expect(countOf(polling.emulator, '/api/llm/queue/stream')).toBe(0)
    expect(countOf(polling.emulator, '/api/llm/queue/status')).toBeGreaterThan(1)
  })

  it('resumes from a stored ref in another process (a new driver), with the warnings made at submit', async () => {
    const first = await gateway({ processingMs: { image: 80 } })
    const job = await first.ai.image.submit({
      model: 'canary/gpt-image-1',
      prompt: 'resume me',
      size: { width: 16, height: 16 },
      steps: 4,
    })
    const stored = JSON.stringify(job)
    expect(stored).not.toContain(KEY)
    // Core keeps the warnings found at submit in the ref, not in the driver's data.
    expect(JSON.parse(stored)).toMatchObject({
      provider: 'canary',
      task: 'image.generate',
      id: job.id,
      warnings: [expect.objectContaining({ option: 'steps' })],
    })
    expect(JSON.parse(stored).data).toEqual({ model: 'gpt-image-1' })
    const elsewhere = createAtelier({
      providers: [canary({ baseUrl: first.server.url, apiKey: KEY, authHeader: 'x-api-key' })],
      polling: POLLING,
    })
    const { images, warnings } = await elsewhere.jobs
      .resume<'image.generate'>(JSON.parse(stored))
      .wait()
    expect(inspectPng(await images[0]!.bytes())).toMatchObject({ width: 16, height: 16 })
    expect(warnings).toEqual([expect.objectContaining({ option: 'steps' })])
    const auth = first.emulator.state.requests.map((request) => request.auth)
    expect(auth).toContain('bearer')
    expect(auth).toContain('x-api-key')
  })

  it('cancel stops the remote job: /queue/cancel, the job cancelled, JobCanceledError for waiters', async () => {
    const { ai, emulator } = await gateway({ processingMs: { video: 5000 } })
    const job = await ai.video.submit({
      model: 'canary/veo-3.1-generate-preview',
      prompt: 'long one',
    })
    const waiting = job.wait()
    await job.cancel()
    await expect(waiting).rejects.toBeInstanceOf(JobCanceledError)
    expect(bodiesAt(emulator, '/api/llm/queue/cancel')).toEqual([{ queueId: job.id }])
    expect(emulator.state.jobs.get(job.id)?.status).toBe('cancelled')
  })

  it('aborting generate() cancels the remote job so it is not paid for', async () => {
    const { ai, emulator } = await gateway({ processingMs: { video: 5000 } })
    const controller = new AbortController()
    const pending = ai.video.generate(
      { model: 'canary/veo-3.1-generate-preview', prompt: 'x' },
      { signal: controller.signal },
    )
    await expect.poll(() => emulator.state.jobs.size).toBe(1)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect.poll(() => [...emulator.state.jobs.values()][0]!.status).toBe('cancelled')
  })

  it('a failed job is a JobFailedError with the reason; a job the server forgot fails too', async () => {
    const { ai, driver, emulator } = await gateway()
    emulator.failJobs = true
    const error = await ai.image
      .generate({ model: 'canary/gpt-image-1', prompt: 'x', size: { width: 8, height: 8 } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as JobFailedError).message).toContain('emulated failure')
    expect((error as JobFailedError).providerCode).toBe('GENERATION_FAILED')
    const gone = await createAtelier({ providers: [driver], polling: POLLING })
      .jobs.resume({ provider: 'canary', task: 'image.generate', id: 'img_unknown' })
      .wait()
      .catch((caught: unknown) => caught)
    expect(gone).toBeInstanceOf(JobFailedError)
    expect((gone as Error).message).toMatch(/no longer knows/)
  })

  it('429 is retried after Retry-After, for submits and polls alike', async () => {
    const { ai, emulator } = await gateway({ rateLimit: { requests: 2, windowMs: 150 } })
    const retries: RetryEvent[] = []
    const { images } = await ai.image.generate(
      { model: 'canary/gpt-image-1', prompt: 'x', size: { width: 8, height: 8 } },
      { hooks: { onRetry: (event) => retries.push(event) } },
    )
    expect(images).toHaveLength(1)
    const limited = emulator.state.requests.filter((request) => request.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(retries.length).toBeGreaterThan(0)
    for (const retry of retries) {
      expect(retry.error.code).toBe('rate_limit')
      expect(retry.delayMs).toBeGreaterThan(0)
      expect(retry.delayMs).toBeLessThanOrEqual(150)
    }
  })

  it('a missing or wrong key is a ProviderError 401', async () => {
    const { server } = await gateway({ apiKeys: ['clk_live_right'] })
    const ai = createAtelier({
      providers: [canary({ baseUrl: server.url, apiKey: 'clk_live_wrong' })],
      polling: POLLING,
    })
    const error = await ai.image
      .generate({ model: 'canary/gpt-image-1', prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(401)
    expect((error as Error).message).not.toContain('clk_live_wrong')
  })

  it('a large video result is saved to disk by streaming, byte for byte, reading the result again', async () => {
    const { ai, emulator } = await gateway(
      { videoBytes: 3_000_000 },
      { inlineMediaMaxBytes: 64 * 1024 },
    )
    const { videos } = await ai.video.generate({
      model: 'canary/veo-3.1-generate-preview',
      prompt: 'big',
      durationSeconds: 1,
    })
    const video = videos[0]!
    expect(video.size).toBe(3_000_000)
    expect(countOf(emulator, '/api/llm/queue/result')).toBe(1)
    const directory = await mkdtemp(join(tmpdir(), 'canary-driver-'))
    try {
      const path = join(directory, 'video.mp4')
      expect(await saveMediaFile(video, path)).toBe(3_000_000)
      expect(countOf(emulator, '/api/llm/queue/result')).toBe(2)
      const saved = new Uint8Array(await readFile(path))
      expect(inspectMp4(saved)).toMatchObject({ width: 64, height: 36 })
      expect(sameBytes(saved, await video.bytes())).toBe(true)
      expect(countOf(emulator, '/api/llm/queue/result')).toBe(3)
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })
})
