/**
 * The CanaryLLM emulator's request rules, read from seed 000: the document's own request
 * examples are accepted as written, and each stated rule (required field, type, enum, range,
 * length, "xAI only", "odd number", "minimum 10 images", "max 10 unique voice IDs") refuses a
 * body that breaks it with 400 `VALIDATION_ERROR`, a detail naming the field, and no job.
 */
import { describe, expect, it } from 'vitest'
import { encodePng } from '../src'
import { createCanaryEmulator } from '../src/canary'
import { writeZip } from '../src/media/zip'

const KEY = 'clk_live_rules'

function setup() {
  const emulator = createCanaryEmulator({ processingMs: { image: 5_000 } })
  const post = async (path: string, body: unknown) => {
    const response = await emulator.handler(
      new Request(`http://canary.test${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    )
    const json = (await response.json()) as {
      success: boolean
      data?: Record<string, unknown>
      error?: { code: string; message: string; details?: { path: string; message: string }[] }
    }
    return { status: response.status, ...json }
  }
  return { emulator, post }
}

const image = Buffer.from(encodePng({ width: 16, height: 12 })).toString('base64')
const audio = Buffer.from('RIFF....WAVEfmt ').toString('base64')
const dataset = Buffer.from(
  writeZip([
    { name: 'images/train/a.png', data: encodePng({ width: 8, height: 8 }) },
    { name: 'labels/train/a.txt', data: new TextEncoder().encode('0 0.5 0.5 0.2 0.2\n') },
  ]),
).toString('base64')

/** Every request example of seed 000, as written there (base64 placeholders made real). */
const DOCUMENT_EXAMPLES: [path: string, body: Record<string, unknown>][] = [
  [
    '/api/llm/generate-image',
    {
      provider: 'openai',
      prompt: 'A futuristic city skyline at sunset, digital art',
      model: 'gpt-image-1',
      n: 1,
      size: '1024x1024',
      quality: 'hd',
      tag: 'marketing',
    },
  ],
  [
    '/api/llm/generate-image',
    {
      provider: 'ollama',
      prompt: 'A watercolor painting of a forest',
      model: 'flux2-klein',
      n: 1,
      size: '1024x1024',
      tag: 'local-gen',
    },
  ],
  [
    '/api/llm/generate-image',
    {
      provider: 'gemini',
      prompt: 'A watercolor painting of a forest',
      model: 'imagen-4.0-generate-001',
      n: 2,
      aspectRatio: '16:9',
      tag: 'marketing',
    },
  ],
  [
    '/api/llm/generate-video',
    {
      provider: 'gemini',
      prompt: 'A timelapse of clouds moving over a mountain range',
      model: 'veo-3.1-generate-preview',
      aspectRatio: '16:9',
      durationSeconds: 8,
      numberOfVideos: 1,
      tag: 'content-creation',
    },
  ],
  [
    '/api/llm/generate-video',
    {
      provider: 'xai',
      prompt: 'Slow camera zoom out with cinematic lighting',
      model: 'grok-imagine-video',
      imageUrl: 'https://example.com/photo.jpg',
    },
  ],
  [
    '/api/llm/generate-audio',
    {
      provider: 'elevenlabs',
      text: 'Hello, welcome to the interview.',
      model: 'eleven_flash_v2_5',
      voiceId: 'JBFqnCBsd6RMkjVDRZzb',
      outputFormat: 'mp3_44100_128',
      tag: 'interview',
    },
  ],
  [
    '/api/llm/generate-audio',
    {
      provider: 'mlxaudio',
      text: 'Hallo, welkom bij het interview.',
      model: 'kokoro',
      voiceId: 'af_heart',
      tag: 'interview',
    },
  ],
  [
    '/api/llm/generate-sound-effect',
    {
      text: 'thunder rolling in the distance, rain on a tin roof',
      model: 'eleven_text_to_sound_v2',
      durationSeconds: 10,
      promptInfluence: 0.5,
      tag: 'ambient',
    },
  ],
  [
    '/api/llm/generate-music',
    {
      prompt: 'upbeat jazz jingle, 10 seconds, bright piano and saxophone',
      model: 'music_v1',
      durationMs: 10000,
      forceInstrumental: true,
      tag: 'jingle',
    },
  ],
  [
    '/api/llm/generate-dialogue',
    {
      inputs: [
        { text: 'Hello, how are you?', voiceId: 'JBFqnCBsd6RMkjVDRZzb' },
        { text: "I'm doing great, thanks!", voiceId: 'Aw4FAjKCGjjNkVhN1Xmq' },
      ],
      outputFormat: 'mp3_44100_128',
      languageCode: 'en',
    },
  ],
  [
    '/api/llm/transcribe',
    {
      provider: 'elevenlabs',
      audio,
      mimeType: 'audio/mpeg',
      model: 'scribe_v2',
      language: 'nl',
      tag: 'interview',
      diarize: true,
      numSpeakers: 2,
      timestampsGranularity: 'word',
      tagAudioEvents: true,
    },
  ],
  [
    '/api/llm/transcribe',
    {
      provider: 'mlxaudio',
      audio,
      mimeType: 'audio/wav',
      model: 'whisper-large-v3',
      language: 'nl',
      tag: 'transcription',
    },
  ],
  ['/api/vision/detect', { image, model: 'yolo11n', confidence: 0.25 }],
  ['/api/vision/detect/zero-shot', { image, prompt: 'coca-cola bottle, pepsi can' }],
  [
    '/api/vision/detect/faces',
    { image, model: 'mediapipe', confidence: 0.5, blur: true, blurStrength: 51 },
  ],
  ['/api/vision/detect/web', { image, maxResults: 10, engine: 'tineye' }],
  [
    '/api/vision/train',
    {
      datasetB64: dataset,
      baseModel: 'yolo11n',
      classes: ['coca-cola', 'pepsi', 'fanta'],
      imageSize: 640,
    },
  ],
  [
    '/api/vision/auto-label',
    { images: [image, image], classes: ['coca-cola', 'pepsi'], confidence: 0.3 },
  ],
  [
    '/api/vision/auto-train',
    {
      images: Array.from({ length: 10 }, () => image),
      classes: ['coca-cola'],
      baseModel: 'yolo11n',
      confidence: 0.3,
    },
  ],
  // The queue protocol's LLM call (DESIGN.md): provider, model, messages, temperature, ...
  [
    '/api/llm/complete',
    {
      provider: 'openai',
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Say hi' }],
      temperature: 0.2,
      maxTokens: 64,
      stream: false,
      responseFormat: { type: 'json_object' },
      tag: 'chat',
    },
  ],
]

describe('canary emulator rules: what the document allows is accepted', () => {
  it.each(DOCUMENT_EXAMPLES)('%s accepts the document example', async (path, body) => {
    const { post } = setup()
    const answer = await post(path, body)
    expect(answer.error).toBeUndefined()
    expect(answer.status).toBe(200)
    expect(answer.success).toBe(true)
  })

  it('accepts the edges of each stated range and what the document leaves open', async () => {
    const { post } = setup()
    const allowed: [string, Record<string, unknown>][] = [
      ['/api/llm/generate-image', { prompt: 'x', n: 10, quality: 'ultra', tag: 'x'.repeat(100) }],
      // No provider: the gateway is taken to use its default.
      ['/api/llm/generate-image', { prompt: 'x' }],
      ['/api/llm/generate-video', { provider: 'vertex', prompt: 'x', durationSeconds: 60 }],
      ['/api/llm/generate-video', { provider: 'gemini', prompt: 'x', durationSeconds: 1.5 }],
      ['/api/llm/generate-video', { provider: 'xai', prompt: 'x', numberOfVideos: 4 }],
      ['/api/llm/generate-sound-effect', { text: 'x', durationSeconds: 0.5, loop: true }],
      ['/api/llm/generate-sound-effect', { text: 'x', durationSeconds: 30, promptInfluence: 0 }],
      ['/api/llm/generate-music', { prompt: 'x', durationMs: 3000 }],
      ['/api/llm/generate-music', { prompt: 'x', durationMs: 600_000 }],
      [
        '/api/llm/generate-dialogue',
        {
          inputs: Array.from({ length: 100 }, (_, index) => ({
            text: 'x',
            voiceId: `v${index % 10}`,
          })),
          model: 'eleven_v3',
          seed: 4_294_967_295,
          applyTextNormalization: 'off',
          voiceSettings: { stability: 0.5, similarityBoost: 0.7, style: 0, useSpeakerBoost: true },
        },
      ],
      // "(ElevenLabs only)" tuning fields with mlxaudio: ignored by the gateway, not refused.
      ['/api/llm/transcribe', { provider: 'mlxaudio', audio, diarize: true, numSpeakers: 32 }],
      ['/api/llm/transcribe', { audio, timestampsGranularity: 'character' }],
      // Unknown keys pass: a JSON gateway ignores them.
      ['/api/llm/generate-music', { prompt: 'x', somethingNew: 1 }],
      ['/api/vision/detect', { image, model: 'yolo11m', confidence: 1 }],
      ['/api/vision/detect/faces', { image, model: 'yolo-face', blurStrength: 1 }],
      ['/api/vision/detect/web', { image }],
      // Base models are not listed: a model id the document does not name is not refused.
      ['/api/vision/train', { datasetB64: dataset, classes: ['a'], baseModel: 'yolo11l' }],
      [
        '/api/llm/complete',
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: true },
      ],
    ]
    for (const [path, body] of allowed) {
      const answer = await post(path, body)
      expect({ path, body, error: answer.error }).toEqual({ path, body, error: undefined })
    }
  })
})

/** A body that breaks one rule, the field it names, and words of the message. */
type Forbidden = [path: string, field: string, body: Record<string, unknown>, message: RegExp]

const FORBIDDEN: Forbidden[] = [
  ['/api/llm/generate-image', 'prompt', { provider: 'openai' }, /string/],
  ['/api/llm/generate-image', 'prompt', { provider: 'openai', prompt: '' }, /empty/],
  [
    '/api/llm/generate-image',
    'provider',
    { provider: 'midjourney', prompt: 'x' },
    /openai, gemini, vertex, xai, ollama/,
  ],
  ['/api/llm/generate-image', 'n', { prompt: 'x', n: 0 }, /between 1 and 10/],
  ['/api/llm/generate-image', 'n', { prompt: 'x', n: 11 }, /between 1 and 10/],
  ['/api/llm/generate-image', 'n', { prompt: 'x', n: 1.5 }, /integer/],
  ['/api/llm/generate-image', 'quality', { prompt: 'x', quality: 'low' }, /standard, hd, ultra/],
  ['/api/llm/generate-image', 'tag', { prompt: 'x', tag: 'x'.repeat(101) }, /100 characters/],
  [
    '/api/llm/generate-video',
    'provider',
    { provider: 'openai', prompt: 'x' },
    /gemini, vertex, xai/,
  ],
  [
    '/api/llm/generate-video',
    'durationSeconds',
    { prompt: 'x', durationSeconds: 0.5 },
    /between 1 and 60/,
  ],
  [
    '/api/llm/generate-video',
    'durationSeconds',
    { prompt: 'x', durationSeconds: 61 },
    /between 1 and 60/,
  ],
  [
    '/api/llm/generate-video',
    'numberOfVideos',
    { prompt: 'x', numberOfVideos: 5 },
    /between 1 and 4/,
  ],
  ['/api/llm/generate-video', 'tag', { prompt: 'x', tag: 'x'.repeat(101) }, /100 characters/],
  [
    '/api/llm/generate-video',
    'imageUrl',
    { provider: 'gemini', prompt: 'x', imageUrl: 'https://example.com/a.jpg' },
    /xai only/,
  ],
  ['/api/llm/generate-audio', 'text', { provider: 'elevenlabs' }, /string/],
  [
    '/api/llm/generate-audio',
    'provider',
    { provider: 'openai', text: 'x' },
    /elevenlabs, mlxaudio/,
  ],
  ['/api/llm/generate-sound-effect', 'text', { prompt: 'x' }, /string/],
  [
    '/api/llm/generate-sound-effect',
    'durationSeconds',
    { text: 'x', durationSeconds: 0.4 },
    /between 0.5 and 30/,
  ],
  [
    '/api/llm/generate-sound-effect',
    'durationSeconds',
    { text: 'x', durationSeconds: 31 },
    /between 0.5 and 30/,
  ],
  [
    '/api/llm/generate-sound-effect',
    'promptInfluence',
    { text: 'x', promptInfluence: 1.1 },
    /between 0 and 1/,
  ],
  ['/api/llm/generate-sound-effect', 'loop', { text: 'x', loop: 'yes' }, /boolean/],
  ['/api/llm/generate-music', 'prompt', { text: 'x' }, /string/],
  [
    '/api/llm/generate-music',
    'durationMs',
    { prompt: 'x', durationMs: 2999 },
    /between 3000 and 600000/,
  ],
  [
    '/api/llm/generate-music',
    'durationMs',
    { prompt: 'x', durationMs: 600_001 },
    /between 3000 and 600000/,
  ],
  [
    '/api/llm/generate-music',
    'forceInstrumental',
    { prompt: 'x', forceInstrumental: 1 },
    /boolean/,
  ],
  ['/api/llm/generate-dialogue', 'inputs', {}, /array/],
  ['/api/llm/generate-dialogue', 'inputs', { inputs: [] }, /between 1 and 100/],
  [
    '/api/llm/generate-dialogue',
    'inputs',
    { inputs: Array.from({ length: 101 }, () => ({ text: 'x', voiceId: 'a' })) },
    /between 1 and 100/,
  ],
  [
    '/api/llm/generate-dialogue',
    'inputs',
    { inputs: Array.from({ length: 11 }, (_, index) => ({ text: 'x', voiceId: `v${index}` })) },
    /at most 10 different voiceIds/,
  ],
  ['/api/llm/generate-dialogue', 'inputs.0.voiceId', { inputs: [{ text: 'x' }] }, /string/],
  [
    '/api/llm/generate-dialogue',
    'model',
    { inputs: [{ text: 'x', voiceId: 'a' }], model: 'eleven_multilingual_v2' },
    /eleven_v3/,
  ],
  [
    '/api/llm/generate-dialogue',
    'seed',
    { inputs: [{ text: 'x', voiceId: 'a' }], seed: -1 },
    /between 0 and 4294967295/,
  ],
  [
    '/api/llm/generate-dialogue',
    'seed',
    { inputs: [{ text: 'x', voiceId: 'a' }], seed: 2 ** 32 },
    /between 0 and 4294967295/,
  ],
  [
    '/api/llm/generate-dialogue',
    'applyTextNormalization',
    { inputs: [{ text: 'x', voiceId: 'a' }], applyTextNormalization: 'yes' },
    /auto, on, off/,
  ],
  ['/api/llm/transcribe', 'audio', { provider: 'elevenlabs' }, /string/],
  ['/api/llm/transcribe', 'audio', { audio: 'data:audio/wav;base64,AAAA' }, /base64/],
  ['/api/llm/transcribe', 'numSpeakers', { audio, numSpeakers: 33 }, /between 1 and 32/],
  ['/api/llm/transcribe', 'numSpeakers', { audio, numSpeakers: 0 }, /between 1 and 32/],
  [
    '/api/llm/transcribe',
    'timestampsGranularity',
    { audio, timestampsGranularity: 'sentence' },
    /word, character/,
  ],
  ['/api/llm/complete', 'messages', { model: 'x' }, /array/],
  ['/api/llm/complete', 'messages', { messages: [] }, /empty/],
  [
    '/api/llm/complete',
    'maxTokens',
    { messages: [{ role: 'user', content: 'x' }], maxTokens: 0 },
    /at least 1/,
  ],
  ['/api/vision/detect', 'image', { model: 'yolo11n' }, /string/],
  ['/api/vision/detect', 'confidence', { image, confidence: 1.5 }, /between 0 and 1/],
  ['/api/vision/detect/zero-shot', 'prompt', { image }, /string/],
  [
    '/api/vision/detect/faces',
    'model',
    { image, model: 'yolo11n' },
    /haarcascade, mediapipe, yolo-face/,
  ],
  ['/api/vision/detect/faces', 'blurStrength', { image, blurStrength: 50 }, /odd/],
  ['/api/vision/detect/faces', 'blur', { image, blur: 'on' }, /boolean/],
  ['/api/vision/detect/web', 'engine', { image, engine: 'bing' }, /gcvision, tineye/],
  ['/api/vision/detect/web', 'maxResults', { image, maxResults: 0 }, /at least 1/],
  ['/api/vision/train', 'datasetB64', { classes: ['a'] }, /string/],
  ['/api/vision/train', 'classes', { datasetB64: dataset, classes: [] }, /at least one class/],
  [
    '/api/vision/train',
    'baseModel',
    { datasetB64: dataset, classes: ['a'], baseModel: '' },
    /empty/,
  ],
  ['/api/vision/train', 'epochs', { datasetB64: dataset, classes: ['a'], epochs: 0 }, /at least 1/],
  ['/api/vision/auto-label', 'images', { images: [], classes: ['a'] }, /at least one image/],
  [
    '/api/vision/auto-label',
    'confidence',
    { images: [image], classes: ['a'], confidence: -0.1 },
    /between 0 and 1/,
  ],
  [
    '/api/vision/auto-train',
    'images',
    { images: Array.from({ length: 9 }, () => image), classes: ['a'] },
    /at least 10 images/,
  ],
  ['/api/llm/queue/status', 'queueId', {}, /string/],
  ['/api/llm/queue/result', 'queueId', { queueId: '' }, /empty/],
]

describe('canary emulator rules: what the document forbids is refused', () => {
  it.each(FORBIDDEN)('%s refuses a bad %s', async (path, field, body, message) => {
    const { post, emulator } = setup()
    const answer = await post(path, body)
    expect(answer.status).toBe(400)
    expect(answer.success).toBe(false)
    expect(answer.error?.code).toBe('VALIDATION_ERROR')
    const detail = answer.error?.details?.find((candidate) => candidate.path === field)
    expect(detail, JSON.stringify(answer.error)).toBeDefined()
    expect(detail!.message).toMatch(message)
    expect(answer.error?.message).toContain(`${field}: `)
    expect(emulator.state.jobs.size).toBe(0)
    expect(emulator.state.training.size).toBe(0)
  })
})
