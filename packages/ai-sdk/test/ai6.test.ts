/**
 * The real `ai` 6 package's functions (Node 20) on atelier's provider, against the emulators:
 * an image from the sidecar, speech and transcription from Canary, text generated and
 * streamed, a video generated and one aborted (the gateway records the remote cancel), a
 * warning and a typed error arriving intact, and the AI SDK's own retry deciding right on a
 * 503 and on a 422.
 */
import { APICallError } from '@ai-sdk/provider'
import { type AtelierProvider, atelierProvider } from '@atelier/ai-sdk'
import { ValidationError } from '@atelier/core'
import { encodeWav, inspectMp4, inspectPng } from '@atelier/emulators'
import {
  generateImage,
  experimental_generateSpeech as generateSpeech,
  generateText,
  experimental_generateVideo as generateVideo,
  streamText,
  experimental_transcribe as transcribe,
} from 'ai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Services, startServices } from './fixtures'

let services: Services
let provider: AtelierProvider
beforeAll(async () => {
  services = await startServices()
  provider = atelierProvider(services.ai)
})
afterAll(() => services.close())

describe('ai 6 on atelier', () => {
  it('generateImage: a PNG from the sidecar, with the seed and job in providerMetadata', async () => {
    const result = await generateImage({
      model: provider.image('local/z-image-turbo'),
      prompt: 'a red panda',
      size: '512x384',
      seed: 7,
    })
    const png = inspectPng(result.image.uint8Array)
    expect(png).toMatchObject({ width: 512, height: 384 })
    expect(result.image.mediaType).toBe('image/png')
    expect(result.providerMetadata.atelier).toEqual({
      images: [{ mediaType: 'image/png', seed: 7, task: 'image.generate' }],
    })
    const [generation] = services.sidecar.state.requests.filter((record) =>
      record.path.startsWith('/generate/'),
    )
    expect(generation).toMatchObject({ path: '/generate/z-image-turbo' })
  })

  it('generateImage with images in the prompt is an edit of the first', async () => {
    const source = await generateImage({
      model: provider.image('local/z-image-turbo'),
      prompt: 'a red panda',
      size: '512x512',
    })
    const edited = await generateImage({
      model: provider.image('local/qwen-image-edit'),
      prompt: { images: [source.image.uint8Array], text: 'make it blue' },
    })
    expect(inspectPng(edited.image.uint8Array).width).toBeGreaterThan(0)
    expect(
      services.sidecar.state.requests.filter(
        (record) => record.method === 'POST' && record.path === '/img2img/edit/qwen-image-edit',
      ),
    ).toHaveLength(1)
  })

  it("providerOptions.atelier reaches the task input, a provider's own options included", async () => {
    await generateSpeech({
      model: provider.speech('canary/eleven_flash_v2_5'),
      text: 'Hello, welcome to the interview.',
      voice: 'JBFqnCBsd6RMkjVDRZzb',
      providerOptions: { atelier: { providerOptions: { canary: { tag: 'interview' } } } },
    })
    expect(services.submitsTo('/api/llm/generate-audio').at(-1)?.body).toMatchObject({
      tag: 'interview',
    })
  })

  it('a prompt holding a file fails before any request: dropping it would change the answer', async () => {
    const before = services.sidecar.state.requests.length
    await expect(
      generateText({
        model: provider.languageModel('local/huihui-qwen3-4b'),
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'file', data: new Uint8Array([1, 2, 3]), mediaType: 'image/png' },
            ],
          },
        ],
      }),
    ).rejects.toMatchObject({ name: 'AI_UnsupportedFunctionalityError' })
    expect(services.sidecar.state.requests.length).toBe(before)
  })

  it("a driver's warning reaches the AI SDK's warnings intact; the call's headers go with it", async () => {
    const result = await generateSpeech({
      model: provider.speech('canary/kokoro'),
      text: 'Hallo, welkom.',
      voice: 'af_heart',
      outputFormat: 'mp3_44100_128',
      instructions: 'warmly',
      headers: { 'x-trace-id': 'trace-1' },
    })
    expect(result.audio.uint8Array.byteLength).toBeGreaterThan(44)
    // The call's own header went with the submit; the AI SDK's user agent did not replace the driver's.
    expect(services.sent.filter((event) => event.kind === 'submit').at(-1)?.headers).toMatchObject({
      'x-trace-id': 'trace-1',
    })
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'unsupported', feature: 'instructions' }),
        expect.objectContaining({ feature: 'outputFormat' }),
      ]),
    )
  })

  it('experimental_generateSpeech and experimental_transcribe on Canary', async () => {
    const speech = await generateSpeech({
      model: provider.speech('canary/eleven_flash_v2_5'),
      text: 'Hello, welcome to the interview.',
      voice: 'JBFqnCBsd6RMkjVDRZzb',
    })
    expect(speech.audio.uint8Array.byteLength).toBeGreaterThan(44)
    expect(services.submitsTo('/api/llm/generate-audio').at(-1)?.body).toMatchObject({
      provider: 'elevenlabs',
      model: 'eleven_flash_v2_5',
      voiceId: 'JBFqnCBsd6RMkjVDRZzb',
      text: 'Hello, welcome to the interview.',
    })
    const transcript = await transcribe({
      model: provider.transcription('canary/scribe_v2'),
      audio: encodeWav({ durationSeconds: 1 }),
    })
    expect(transcript.text.length).toBeGreaterThan(0)
    expect(services.submitsTo('/api/llm/transcribe').at(-1)?.body).toMatchObject({
      model: 'scribe_v2',
    })
  })

  it('generateText and streamText on the sidecar LLM', async () => {
    const { text, finishReason } = await generateText({
      model: provider.languageModel('local/huihui-qwen3-4b'),
      system: 'Answer briefly.',
      prompt: 'Say hello.',
      maxOutputTokens: 64,
    })
    expect(text.length).toBeGreaterThan(0)
    expect(finishReason).toBe('stop')
    const streamed = streamText({
      model: provider.languageModel('local/huihui-qwen3-4b'),
      prompt: 'Count to three.',
    })
    const pieces: string[] = []
    for await (const piece of streamed.textStream) pieces.push(piece)
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.join('')).toBe(await streamed.text)
  })

  it('experimental_generateVideo: an MP4 from Canary, handed over as its file', async () => {
    const { video } = await generateVideo({
      model: provider.video('canary/veo-3.1-generate-preview'),
      prompt: 'clouds over a lake',
    })
    expect(inspectMp4(video.uint8Array).boxes).toContain('ftyp')
  })

  it('an aborted video call cancels the remote job', async () => {
    const before = services.cancels()
    const controller = new AbortController()
    const submitted = services.submitsTo('/api/llm/generate-video').length
    const call = services.withSlowVideos(() =>
      generateVideo({
        model: provider.video('canary/veo-3.1-generate-preview'),
        prompt: 'a long sunset',
        abortSignal: controller.signal,
        maxRetries: 0,
      }),
    )
    // Aborted once the gateway has the job.
    while (services.submitsTo('/api/llm/generate-video').length === submitted) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    controller.abort()
    await expect(call).rejects.toMatchObject({ name: 'AbortError' })
    await expect.poll(() => services.cancels()).toBe(before + 1)
  })

  it('a 422 is an APICallError with the typed error as cause, and the AI SDK does not retry it', async () => {
    const before = services.submitsTo('/api/llm/generate-audio').length
    services.gateway.failNext(1, { status: 422, path: '/api/llm/generate-audio' })
    const failure = await generateSpeech({
      model: provider.speech('canary/eleven_flash_v2_5'),
      text: 'Hello.',
      voice: 'JBFqnCBsd6RMkjVDRZzb',
    }).catch((error: unknown) => error)
    expect(APICallError.isInstance(failure)).toBe(true)
    const error = failure as APICallError
    expect(error.statusCode).toBe(422)
    expect(error.isRetryable).toBe(false)
    expect(error.cause).toBeInstanceOf(ValidationError)
    expect(error.url).toBe('atelier:canary/eleven_flash_v2_5')
    expect(services.submitsTo('/api/llm/generate-audio').length).toBe(before + 1)
  })

  it("a 503 on the submit is retryable, and the AI SDK's retry gets the job", async () => {
    const before = services.submitsTo('/api/llm/generate-audio').length
    services.gateway.failNext(1, { status: 503, path: '/api/llm/generate-audio' })
    const speech = await generateSpeech({
      model: provider.speech('canary/eleven_flash_v2_5'),
      text: 'Hello again.',
      voice: 'JBFqnCBsd6RMkjVDRZzb',
    })
    expect(speech.audio.uint8Array.byteLength).toBeGreaterThan(44)
    // The refused submit and the AI SDK's retry.
    expect(services.submitsTo('/api/llm/generate-audio').length).toBe(before + 2)
  })

  it('a model id the driver cannot serve is a NoSuchModelError at once', () => {
    expect(() => provider.video('local/z-image-turbo')).not.toThrow()
    expect(() => provider.image('nowhere/x')).toThrow(/No atelier provider "nowhere"/)
    expect(() => provider.transcription('local/whisper')).toThrow(
      /does not do transcription.create/,
    )
    expect(() => provider.embeddingModel('local/x')).toThrow(/no embedding task/)
  })
})
