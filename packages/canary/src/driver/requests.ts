/**
 * Task inputs → CanaryLLM request bodies. Pure functions (media inputs aside): what the API
 * cannot express becomes a warning, or an UnsupportedError where dropping it would change
 * the result. `providerOptions.canary` is merged into every body (minus the driver's own
 * keys), so documented fields without a shared task field (`quality`, `tag`,
 * `voiceSettings`, `applyTextNormalization`, `blur`, ...) pass through — and unknown ones
 * fail the client's strict schemas before any request.
 */
import {
  type DialogueGenerateInput,
  type ImageGenerateInput,
  type MusicGenerateInput,
  type SoundEffectGenerateInput,
  type SpeechGenerateInput,
  type TextGenerateInput,
  type TranscriptionCreateInput,
  UnsupportedError,
  type ValidTaskInput,
  type VideoGenerateInput,
  type VisionDetectInput,
  type Warning,
} from '@atelier/core'
import { DIALOGUE_MODEL } from '../schemas'
import { elevenLabsModel, resolveUpstream } from './upstream'

export const PROVIDER_ID = 'canary'

/** Keys of `providerOptions.canary` the driver reads itself instead of sending. */
const DRIVER_KEYS = new Set(['provider'])

type WithOptions = { providerOptions?: Record<string, Record<string, unknown>> | undefined }

/** `providerOptions.canary`. */
export function canaryOptions(input: WithOptions): Record<string, unknown> {
  return input.providerOptions?.[PROVIDER_ID] ?? {}
}

/** `providerOptions.canary` without the driver's own keys: merged into request bodies. */
function passThrough(input: WithOptions): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(canaryOptions(input)).filter(([key]) => !DRIVER_KEYS.has(key)),
  )
}

/** Drops undefined values, so absent options are not sent. */
function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

function unsupported(option: string, details: string): Warning {
  return { type: 'unsupported-option', option, details }
}

/** Warns, in the order given, about each option the input sets that CanaryLLM cannot take. */
function warnDropped<Input extends object>(
  input: Input,
  warnings: Warning[],
  details: Partial<Record<keyof Input & string, string>>,
): void {
  for (const [option, detail] of Object.entries(details) as [keyof Input & string, string][]) {
    if (input[option] !== undefined) warnings.push(unsupported(option, detail))
  }
}

function fail(message: string): never {
  throw new UnsupportedError(message, { provider: PROVIDER_ID })
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** `{width, height}` as the smallest `W:H`. */
function ratioOf(size: { width: number; height: number }): string {
  const divisor = gcd(size.width, size.height)
  return `${size.width / divisor}:${size.height / divisor}`
}

/** The sizes OpenAI's image models take, by orientation. */
const OPENAI_SIZES = { square: '1024x1024', landscape: '1536x1024', portrait: '1024x1536' } as const

/** `POST /api/llm/generate-image`. */
export function imageBody(input: ImageGenerateInput, warnings: Warning[]): Record<string, unknown> {
  const upstream = resolveUpstream('image.generate', input.model, canaryOptions(input).provider)
  const body = withoutUndefined({
    provider: upstream.provider,
    prompt: input.prompt,
    model: upstream.model,
    n: input.n,
  })
  const takesRatio = upstream.provider === 'gemini' || upstream.provider === 'vertex'
  const takesSize = upstream.provider === 'openai' || upstream.provider === 'ollama'
  if (input.size) {
    if (takesRatio) {
      body.aspectRatio = ratioOf(input.size)
      warnings.push({
        type: 'adjusted-option',
        option: 'size',
        details: `${upstream.provider} takes an aspect ratio, not a pixel size: sent as ${body.aspectRatio as string}`,
      })
    } else {
      body.size = `${input.size.width}x${input.size.height}`
    }
  }
  if (input.aspectRatio !== undefined) {
    if (takesSize) {
      const [w = 1, h = 1] = input.aspectRatio.split(':').map(Number)
      body.size =
        upstream.provider === 'openai'
          ? OPENAI_SIZES[w === h ? 'square' : w > h ? 'landscape' : 'portrait']
          : w >= h
            ? `1024x${Math.round((1024 * h) / w)}`
            : `${Math.round((1024 * w) / h)}x1024`
      warnings.push({
        type: 'adjusted-option',
        option: 'aspectRatio',
        details: `${upstream.provider} takes a pixel size: aspect ratio ${input.aspectRatio} sent as ${body.size as string}`,
      })
    } else {
      body.aspectRatio = input.aspectRatio
    }
  }
  warnDropped(input, warnings, {
    negativePrompt: 'CanaryLLM takes no negative prompt',
    seed: 'CanaryLLM takes no image seed',
    steps: 'CanaryLLM takes no step count',
    guidanceScale: 'CanaryLLM takes no guidance scale',
    outputFormat: 'the upstream picks the format; see each image mediaType',
  })
  return { ...body, ...passThrough(input) }
}

/** `POST /api/llm/generate-video`. The source image must be an http(s) URL (xAI only). */
export function videoBody(input: VideoGenerateInput, warnings: Warning[]): Record<string, unknown> {
  const model = input.model
  const upstream = resolveUpstream('video.generate', model, canaryOptions(input).provider)
  if (input.video !== undefined)
    fail('CanaryLLM makes video from text or an image, not from a video')
  if (input.lastFrame !== undefined) fail('CanaryLLM takes no last frame')
  const body = withoutUndefined({
    provider: upstream.provider,
    prompt: input.prompt ?? 'Animate this image',
    model: upstream.model,
    aspectRatio: input.aspectRatio,
    durationSeconds: input.durationSeconds,
    numberOfVideos: input.n,
  })
  if (input.image !== undefined) {
    if (upstream.provider !== 'xai')
      fail('image to video is available with the xai upstream only (canary/xai/grok-imagine-video)')
    body.imageUrl = imageUrlOf(input.image)
  }
  if (input.resolution !== undefined) {
    if (upstream.provider === 'xai') body.resolution = input.resolution
    else
      warnings.push(
        unsupported(
          'resolution',
          `the document gives resolution for xAI only; ${upstream.provider} picks it`,
        ),
      )
  }
  warnDropped(input, warnings, {
    negativePrompt: 'CanaryLLM takes no negative prompt',
    size: 'use aspectRatio (and resolution on xAI)',
    fps: 'CanaryLLM takes no frame rate',
    seed: 'CanaryLLM takes no video seed',
    generateAudio: 'the upstream model decides whether there is sound',
  })
  return { ...body, ...passThrough(input) }
}

/** An image input as the URL `imageUrl` needs: an http(s) URL string, `URL`, or URL-backed MediaFile. */
function imageUrlOf(image: ValidTaskInput<'video.generate'>['image']): string {
  const url =
    typeof image === 'string' || image instanceof URL
      ? String(image)
      : typeof image === 'object' &&
          image !== null &&
          'url' in image &&
          typeof image.url === 'string'
        ? image.url
        : undefined
  if (url === undefined || !/^https?:\/\//i.test(url)) {
    fail(
      'CanaryLLM takes the source image by URL (imageUrl): pass an http(s) URL the upstream can fetch',
    )
  }
  return url
}

/** `POST /api/llm/generate-audio`. */
export function speechBody(
  input: SpeechGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  const upstream = resolveUpstream('speech.generate', input.model, canaryOptions(input).provider)
  if (input.referenceAudio !== undefined)
    fail('CanaryLLM speaks with a voice id; it does not clone reference audio')
  if (input.voiceDescription !== undefined)
    fail('CanaryLLM speaks with a voice id; it does not design voices from a description')
  const body = withoutUndefined({
    provider: upstream.provider,
    text: input.text,
    model: upstream.model,
    voiceId: input.voice,
  })
  if (input.outputFormat !== undefined) {
    if (upstream.provider === 'elevenlabs') body.outputFormat = input.outputFormat
    else warnings.push(unsupported('outputFormat', 'outputFormat is for ElevenLabs only'))
  }
  warnDropped(input, warnings, {
    language: 'generate-audio takes no language; the voice and model decide it',
    speed: 'generate-audio takes no speed',
    seed: 'generate-audio takes no seed',
    referenceText: 'no voice cloning',
  })
  return { ...body, ...passThrough(input) }
}

/** `POST /api/llm/generate-sound-effect`. */
export function soundEffectBody(
  input: SoundEffectGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  const model = elevenLabsModel(input.model)
  warnDropped(input, warnings, { outputFormat: 'generate-sound-effect takes no output format' })
  return {
    ...withoutUndefined({
      text: input.prompt,
      model,
      durationSeconds: input.durationSeconds,
      promptInfluence: input.promptInfluence,
      loop: input.loop,
    }),
    ...passThrough(input),
  }
}

/** `POST /api/llm/generate-music`: seconds become `durationMs`. */
export function musicBody(input: MusicGenerateInput, warnings: Warning[]): Record<string, unknown> {
  const model = elevenLabsModel(input.model)
  if (input.lyrics !== undefined)
    fail('generate-music takes no lyrics; describe the song in the prompt, or set instrumental')
  if (input.n !== undefined && input.n > 1)
    fail('generate-music makes one track per job; submit several jobs')
  warnDropped(input, warnings, {
    bpm: 'put the tempo in the prompt',
    seed: 'generate-music takes no seed',
    outputFormat: 'generate-music takes no output format',
  })
  return {
    ...withoutUndefined({
      prompt: input.prompt,
      model,
      durationMs:
        input.durationSeconds !== undefined ? Math.round(input.durationSeconds * 1000) : undefined,
      forceInstrumental: input.instrumental,
    }),
    ...passThrough(input),
  }
}

/** `POST /api/llm/generate-dialogue` (`eleven_v3`). */
export function dialogueBody(input: DialogueGenerateInput): Record<string, unknown> {
  const model = elevenLabsModel(input.model)
  return {
    ...withoutUndefined({
      inputs: input.turns.map((turn) => ({ text: turn.text, voiceId: turn.voice })),
      // Only eleven_v3 exists: any other id fails the client's schema, naming `model`.
      model: model ?? DIALOGUE_MODEL,
      outputFormat: input.outputFormat,
      languageCode: input.language,
      seed: input.seed,
    }),
    ...passThrough(input),
  }
}

/** `POST /api/llm/transcribe` without its `audio`, given the audio's media type. */
export function transcribeBody(
  input: TranscriptionCreateInput,
  mediaType: string,
  warnings: Warning[],
): Record<string, unknown> {
  const upstream = resolveUpstream(
    'transcription.create',
    input.model,
    canaryOptions(input).provider,
  )
  const eleven = upstream.provider === 'elevenlabs'
  const body = withoutUndefined({
    provider: upstream.provider,
    mimeType: mediaType,
    model: upstream.model,
    language: input.language,
  })
  const elevenOnly = (option: string, value: unknown, field: string) => {
    if (value === undefined) return
    if (eleven) body[field] = value
    else warnings.push(unsupported(option, `${field} is for ElevenLabs only`))
  }
  elevenOnly('diarize', input.diarize, 'diarize')
  elevenOnly('speakers', input.speakers, 'numSpeakers')
  elevenOnly('tagAudioEvents', input.tagAudioEvents, 'tagAudioEvents')
  if (input.timestamps === 'word') elevenOnly('timestamps', 'word', 'timestampsGranularity')
  return { ...body, ...passThrough(input) }
}

/** `POST /api/llm/complete`: `system` and `prompt` become messages. */
export function completeBody(
  input: TextGenerateInput,
  stream: boolean,
  warnings: Warning[],
): Record<string, unknown> {
  const upstream = resolveUpstream('text.generate', input.model, canaryOptions(input).provider)
  if (upstream.model === undefined)
    fail('text.generate needs a model id, e.g. canary/openai/gpt-4o-mini')
  const messages = [
    ...(input.system !== undefined ? [{ role: 'system' as const, content: input.system }] : []),
    ...(input.messages ?? [{ role: 'user' as const, content: input.prompt! }]),
  ]
  warnDropped(input, warnings, {
    topP: 'complete takes no top_p',
    stop: 'complete takes no stop sequences',
    thinking: 'complete has no thinking switch',
  })
  return {
    ...withoutUndefined({
      provider: upstream.provider,
      model: upstream.model,
      messages,
      temperature: input.temperature,
      maxTokens: input.maxTokens,
      responseFormat:
        input.responseFormat !== undefined
          ? { type: input.responseFormat === 'json' ? 'json_object' : 'text' }
          : undefined,
      stream: stream ? true : undefined,
    }),
    ...passThrough(input),
  }
}

/** Which `/api/vision/detect*` endpoint a detection mode uses. */
export type DetectEndpoint = 'detect' | 'detectZeroShot' | 'detectFaces' | 'detectWeb'

/** `/api/vision/detect*` and its body without the `image`. */
export function detectRequest(
  input: VisionDetectInput,
  warnings: Warning[],
): { endpoint: DetectEndpoint; body: Record<string, unknown> } {
  const model = input.model
  const confidence = input.threshold !== undefined ? { confidence: input.threshold } : {}
  switch (input.mode) {
    case 'objects':
      return { endpoint: 'detect', body: { model, ...confidence, ...passThrough(input) } }
    case 'zero-shot':
      return {
        endpoint: 'detectZeroShot',
        body: {
          prompt: (input.labels ?? []).join(', '),
          model,
          ...confidence,
          ...passThrough(input),
        },
      }
    case 'faces':
      return { endpoint: 'detectFaces', body: { model, ...confidence, ...passThrough(input) } }
    case 'web':
      if (input.threshold !== undefined)
        warnings.push(unsupported('threshold', 'web detection takes no confidence threshold'))
      return {
        endpoint: 'detectWeb',
        body: {
          ...withoutUndefined({ engine: model, maxResults: input.maxResults }),
          ...passThrough(input),
        },
      }
  }
}
