/**
 * Where the driver used to disagree with seed 000 (the CanaryLLM API document), and the reading
 * taken for each (see "Readings of the document" in docs/providers/canary.md):
 *
 * - image to video: the document lists `prompt` without "optional", so none is invented; a
 *   request without one fails before the network, naming `prompt`;
 * - audio to transcribe is labelled from its bytes (MP3, AAC, WAV, OGG, FLAC, M4A), never
 *   guessed as `audio/mpeg`; unknown bytes are `application/octet-stream`;
 * - what the document allows is sent: `size` with `aspectRatio`, `size: "auto"`,
 *   `resolution: "4k"`, any training `imageSize`, and long tags where no limit is documented
 *   (its "max 100 chars" stands for images and video, where it is written);
 * - defaults the examples leave out are not sent: no `model` for dialogue when none is named,
 *   none for zero-shot detection's one model.
 */
import { ValidationError } from '@atelier/core'
import { createAtelier } from 'atelier'
import { describe, expect, it } from 'vitest'
import { canary } from '../src'
import { CanaryClient } from '../src/client'
import { envelope, scripted } from './scripted-gateway'

const BASE = 'https://canary.test'
const QUEUED = { body: envelope({ queueId: 'q_1', status: 'queued' }) }

function setup() {
  const queued = () => QUEUED
  const { fetch, calls } = scripted({
    '/api/llm/generate-image': queued,
    '/api/llm/generate-video': queued,
    '/api/llm/generate-audio': queued,
    '/api/llm/generate-sound-effect': queued,
    '/api/llm/generate-music': queued,
    '/api/llm/generate-dialogue': queued,
    '/api/llm/transcribe': queued,
    '/api/llm/complete': queued,
    '/api/vision/detect/zero-shot': queued,
    '/api/vision/train': { body: envelope({ jobId: 'train_1', status: 'pending' }) },
  })
  const driver = canary({ baseUrl: BASE, apiKey: 'clk_live_seed', fetch, retry: { limit: 0 } })
  const ai = createAtelier({ providers: [driver] })
  const client = new CanaryClient({ baseUrl: BASE, apiKey: 'clk_live_seed', fetch })
  const sentTo = (path: string) => calls.filter((call) => call.path === path).map((c) => c.body)
  return { ai, client, sentTo }
}

describe('image to video: no invented prompt', () => {
  it('without a prompt, fails before the network with a ValidationError naming prompt', async () => {
    const { ai, sentTo } = setup()
    const error = await ai.video
      .submit({
        model: 'canary/xai/grok-imagine-video',
        image: 'https://example.com/photo.jpg',
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toContain(
      'prompt',
    )
    expect(sentTo('/api/llm/generate-video')).toEqual([])
  })

  it("with the caller's prompt, sends the document's example", async () => {
    const { ai, sentTo } = setup()
    await ai.video.submit({
      model: 'canary/xai/grok-imagine-video',
      prompt: 'Slow camera zoom out with cinematic lighting',
      image: 'https://example.com/photo.jpg',
    })
    expect(sentTo('/api/llm/generate-video')).toEqual([
      {
        provider: 'xai',
        prompt: 'Slow camera zoom out with cinematic lighting',
        model: 'grok-imagine-video',
        imageUrl: 'https://example.com/photo.jpg',
      },
    ])
  })
})

describe('audio to transcribe is labelled from its bytes', () => {
  const bytes = (...head: number[]) => new Uint8Array([...head, 0, 0, 0, 0, 0, 0, 0, 0])
  const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))
  it.each([
    ['MP3 with an ID3 tag', 'audio/mpeg', bytes(...ascii('ID3'), 3, 0)],
    ['an MP3 frame (FF FB)', 'audio/mpeg', bytes(0xff, 0xfb, 0x90, 0x64)],
    ['an MP3 frame (FF F3)', 'audio/mpeg', bytes(0xff, 0xf3, 0x90, 0x64)],
    ['AAC ADTS (FF F1)', 'audio/aac', bytes(0xff, 0xf1, 0x50, 0x80)],
    ['AAC ADTS (FF F9)', 'audio/aac', bytes(0xff, 0xf9, 0x50, 0x80)],
    ['WAV', 'audio/wav', bytes(...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WAVE'))],
    ['OGG', 'audio/ogg', bytes(...ascii('OggS'))],
    ['FLAC', 'audio/flac', bytes(...ascii('fLaC'))],
    ['M4A', 'audio/mp4', bytes(0, 0, 0, 0x20, ...ascii('ftypM4A '))],
    ['unknown bytes', 'application/octet-stream', bytes(1, 2, 3, 4)],
  ])('%s → %s', async (_what, mimeType, audio) => {
    const { ai, sentTo } = setup()
    await ai.transcription.submit({ model: 'canary/scribe_v2', audio })
    expect(sentTo('/api/llm/transcribe')[0]).toMatchObject({ mimeType })
  })
})

describe('what the document allows is sent', () => {
  it('image: size with aspectRatio, and size "auto"', async () => {
    const { client, sentTo } = setup()
    await client.llm.generateImage({
      provider: 'openai',
      prompt: 'x',
      size: '1024x1024',
      aspectRatio: '1:1',
    })
    await client.llm.generateImage({ provider: 'openai', prompt: 'x', size: 'auto' })
    expect(sentTo('/api/llm/generate-image')).toEqual([
      { provider: 'openai', prompt: 'x', size: '1024x1024', aspectRatio: '1:1' },
      { provider: 'openai', prompt: 'x', size: 'auto' },
    ])
  })

  it('video: resolution "4k"', async () => {
    const { client, sentTo } = setup()
    await client.llm.generateVideo({ provider: 'xai', prompt: 'x', resolution: '4k' })
    expect(sentTo('/api/llm/generate-video')).toEqual([
      { provider: 'xai', prompt: 'x', resolution: '4k' },
    ])
  })

  it('training: an imageSize that is not a multiple of 32', async () => {
    const { client, sentTo } = setup()
    await client.vision.train({ datasetB64: 'UEsDBA==', classes: ['a'], imageSize: 650 })
    expect(sentTo('/api/vision/train')).toMatchObject([{ imageSize: 650 }])
  })

  it('a tag over 100 characters where the document states no limit; 100 stays the limit for images and video', async () => {
    const { client, sentTo } = setup()
    const tag = 't'.repeat(150)
    await client.llm.generateAudio({ provider: 'elevenlabs', text: 'x', tag })
    await client.llm.generateSoundEffect({ text: 'x', tag })
    await client.llm.generateMusic({ prompt: 'x', tag })
    await client.llm.generateDialogue({ inputs: [{ text: 'x', voiceId: 'v' }], tag })
    await client.llm.transcribe({ provider: 'mlxaudio', audio: 'AAAA', tag })
    await client.llm.complete({
      provider: 'openai',
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      tag,
    })
    for (const path of [
      '/api/llm/generate-audio',
      '/api/llm/generate-sound-effect',
      '/api/llm/generate-music',
      '/api/llm/generate-dialogue',
      '/api/llm/transcribe',
      '/api/llm/complete',
    ]) {
      expect(sentTo(path), path).toMatchObject([{ tag }])
    }
    for (const send of [
      () => client.llm.generateImage({ provider: 'openai', prompt: 'x', tag }),
      () => client.llm.generateVideo({ provider: 'gemini', prompt: 'x', tag }),
    ]) {
      await expect(send()).rejects.toBeInstanceOf(ValidationError)
    }
  })
})

describe('defaults the examples leave out are not sent', () => {
  it('dialogue: no model when the caller names none (canary/elevenlabs); eleven_v3 when named', async () => {
    const { ai, sentTo } = setup()
    const turns = [
      { text: 'Hello, how are you?', voice: 'JBFqnCBsd6RMkjVDRZzb' },
      { text: "I'm doing great, thanks!", voice: 'Aw4FAjKCGjjNkVhN1Xmq' },
    ]
    await ai.dialogue.submit({ model: 'canary/elevenlabs', turns })
    await ai.dialogue.submit({ model: 'canary/eleven_v3', turns })
    const [unnamed, named] = sentTo('/api/llm/generate-dialogue') as Record<string, unknown>[]
    expect(unnamed).not.toHaveProperty('model')
    expect(named).toMatchObject({ model: 'eleven_v3' })
  })

  it('zero-shot detection: florence-2-base, its one model, is not sent', async () => {
    const { ai, sentTo } = setup()
    await ai.vision.detect.submit({
      model: 'canary/florence-2-base',
      mode: 'zero-shot',
      labels: ['coca-cola bottle', 'pepsi can'],
      image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    })
    const [body] = sentTo('/api/vision/detect/zero-shot') as Record<string, unknown>[]
    expect(body).toMatchObject({ prompt: 'coca-cola bottle, pepsi can' })
    expect(body).not.toHaveProperty('model')
  })
})
