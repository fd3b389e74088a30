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

function unsupported(option: string, details: string): Warning {
  return { type: 'unsupported-option', option, details }
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
  const body: Record<string, unknown> = {
    provider: upstream.provider,
    prompt: input.prompt,
    ...(upstream.model !== undefined ? { model: upstream.model } : {}),
    ...(input.n !== undefined ? { n: input.n } : {}),
  }
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
  if (input.negativePrompt !== undefined)
    warnings.push(unsupported('negativePrompt', 'CanaryLLM takes no negative prompt'))
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'CanaryLLM takes no image seed'))
  if (input.steps !== undefined)
    warnings.push(unsupported('steps', 'CanaryLLM takes no step count'))
  if (input.guidanceScale !== undefined)
    warnings.push(unsupported('guidanceScale', 'CanaryLLM takes no guidance scale'))
  if (input.outputFormat !== undefined)
    warnings.push(
      unsupported('outputFormat', 'the upstream picks the format; see each image mediaType'),
    )
  return { ...body, ...passThrough(input) }
}

/** `POST /api/llm/generate-video`. The source image must be an http(s) URL (xAI only). */
export function videoBody(input: VideoGenerateInput, warnings: Warning[]): Record<string, unknown> {
  const model = input.model
  const upstream = resolveUpstream('video.generate', model, canaryOptions(input).provider)
  if (input.video !== undefined)
    fail('CanaryLLM makes video from text or an image, not from a video')
  if (input.lastFrame !== undefined) fail('CanaryLLM takes no last frame')
  const body: Record<string, unknown> = {
    provider: upstream.provider,
    prompt: input.prompt ?? 'Animate this image',
    ...(upstream.model !== undefined ? { model: upstream.model } : {}),
    ...(input.aspectRatio !== undefined ? { aspectRatio: input.aspectRatio } : {}),
    ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
    ...(input.n !== undefined ? { numberOfVideos: input.n } : {}),
  }
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
  if (input.negativePrompt !== undefined)
    warnings.push(unsupported('negativePrompt', 'CanaryLLM takes no negative prompt'))
  if (input.size !== undefined)
    warnings.push(unsupported('size', 'use aspectRatio (and resolution on xAI)'))
  if (input.fps !== undefined) warnings.push(unsupported('fps', 'CanaryLLM takes no frame rate'))
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'CanaryLLM takes no video seed'))
  if (input.generateAudio !== undefined)
    warnings.push(unsupported('generateAudio', 'the upstream model decides whether there is sound'))
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
  const body: Record<string, unknown> = {
    provider: upstream.provider,
    text: input.text,
    ...(upstream.model !== undefined ? { model: upstream.model } : {}),
    ...(input.voice !== undefined ? { voiceId: input.voice } : {}),
  }
  if (input.outputFormat !== undefined) {
    if (upstream.provider === 'elevenlabs') body.outputFormat = input.outputFormat
    else warnings.push(unsupported('outputFormat', 'outputFormat is for ElevenLabs only'))
  }
  if (input.language !== undefined)
    warnings.push(
      unsupported('language', 'generate-audio takes no language; the voice and model decide it'),
    )
  if (input.speed !== undefined)
    warnings.push(unsupported('speed', 'generate-audio takes no speed'))
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'generate-audio takes no seed'))
  if (input.referenceText !== undefined)
    warnings.push(unsupported('referenceText', 'no voice cloning'))
  return { ...body, ...passThrough(input) }
}

/** `POST /api/llm/generate-sound-effect`. */
export function soundEffectBody(
  input: SoundEffectGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  const model = elevenLabsModel(input.model)
  if (input.outputFormat !== undefined)
    warnings.push(unsupported('outputFormat', 'generate-sound-effect takes no output format'))
  return {
    text: input.prompt,
    ...(model !== undefined ? { model } : {}),
    ...(input.durationSeconds !== undefined ? { durationSeconds: input.durationSeconds } : {}),
    ...(input.promptInfluence !== undefined ? { promptInfluence: input.promptInfluence } : {}),
    ...(input.loop !== undefined ? { loop: input.loop } : {}),
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
  if (input.bpm !== undefined) warnings.push(unsupported('bpm', 'put the tempo in the prompt'))
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'generate-music takes no seed'))
  if (input.outputFormat !== undefined)
    warnings.push(unsupported('outputFormat', 'generate-music takes no output format'))
  return {
    prompt: input.prompt,
    ...(model !== undefined ? { model } : {}),
    ...(input.durationSeconds !== undefined
      ? { durationMs: Math.round(input.durationSeconds * 1000) }
      : {}),
    ...(input.instrumental !== undefined ? { forceInstrumental: input.instrumental } : {}),
    ...passThrough(input),
  }
}

/** `POST /api/llm/generate-dialogue` (`eleven_v3`). */
export function dialogueBody(input: DialogueGenerateInput): Record<string, unknown> {
  const model = elevenLabsModel(input.model)
  return {
    inputs: input.turns.map((turn) => ({ text: turn.text, voiceId: turn.voice })),
    // Only eleven_v3 exists: any other id fails the client's schema, naming `model`.
    ...(model !== undefined ? { model } : { model: DIALOGUE_MODEL }),
    ...(input.outputFormat !== undefined ? { outputFormat: input.outputFormat } : {}),
    ...(input.language !== undefined ? { languageCode: input.language } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
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
  const body: Record<string, unknown> = {
    provider: upstream.provider,
    mimeType: mediaType,
    ...(upstream.model !== undefined ? { model: upstream.model } : {}),
    ...(input.language !== undefined ? { language: input.language } : {}),
  }
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
  if (input.topP !== undefined) warnings.push(unsupported('topP', 'complete takes no top_p'))
  if (input.stop !== undefined)
    warnings.push(unsupported('stop', 'complete takes no stop sequences'))
  if (input.thinking !== undefined)
    warnings.push(unsupported('thinking', 'complete has no thinking switch'))
  return {
    provider: upstream.provider,
    model: upstream.model,
    messages,
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...(input.maxTokens !== undefined ? { maxTokens: input.maxTokens } : {}),
    ...(input.responseFormat !== undefined
      ? { responseFormat: { type: input.responseFormat === 'json' ? 'json_object' : 'text' } }
      : {}),
    ...(stream ? { stream: true } : {}),
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
          engine: model,
          ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
          ...passThrough(input),
        },
      }
  }
}
