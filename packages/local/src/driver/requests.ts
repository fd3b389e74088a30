/**
 * Task inputs → Silly Media request bodies. Pure functions: what cannot be expressed on the
 * sidecar becomes a warning (or an UnsupportedError when dropping it would change the
 * meaning), and the sidecar's own ranges are checked by the client's schemas afterwards.
 */
import {
  type ImageEditInput,
  type ImageGenerateInput,
  type Model3dGenerateInput,
  type MusicGenerateInput,
  type SpeechGenerateInput,
  type TextGenerateInput,
  UnsupportedError,
  type VideoGenerateInput,
  type VisionAnalyzeInput,
  type Warning,
} from '@atelier/core'
import {
  IMAGE_MODEL_CAPABILITIES,
  isImageModelId,
  resolvedImageSize,
  VIDEO_LIMITS,
} from '../schemas'

/** Provider options the `local` driver reads from `providerOptions.local`. */
export type LocalProviderOptions = Record<string, unknown>

export const PROVIDER_ID = 'local'

export function localOptions(input: {
  providerOptions?: Record<string, Record<string, unknown>>
}): LocalProviderOptions {
  return input.providerOptions?.[PROVIDER_ID] ?? {}
}

function unsupported(option: string, details: string): Warning {
  return { type: 'unsupported-option', option, details }
}

/**
 * `POST /generate/{model}` body. `providerOptions.local` passes through (e.g. `base_size`,
 * `use_lora`). What the model would ignore is left out with a warning, and the size the server
 * will really make is announced when it differs from the one asked for.
 */
export function imageGenerateBody(
  input: ImageGenerateInput,
  model: string,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.outputFormat && input.outputFormat !== 'png') {
    warnings.push(unsupported('outputFormat', 'the sidecar returns PNG only'))
  }
  const capabilities = isImageModelId(model) ? IMAGE_MODEL_CAPABILITIES[model] : undefined
  const dropNegative = input.negativePrompt !== undefined && capabilities?.negativePrompt === false
  const dropGuidance = input.guidanceScale !== undefined && capabilities?.cfgScale === null
  if (dropNegative) {
    warnings.push(unsupported('negativePrompt', `${model} runs without CFG and ignores it`))
  }
  if (dropGuidance) {
    warnings.push(unsupported('guidanceScale', `${model} runs without CFG and ignores it`))
  }
  const options = localOptions(input)
  if (options.use_lora === true && capabilities?.lora === false) {
    warnings.push(unsupported('providerOptions.local.use_lora', `${model} has no Turbo-LoRA`))
  }
  if (input.size && input.aspectRatio !== undefined) {
    warnings.push(
      unsupported('aspectRatio', 'size is given, and the sidecar then ignores the aspect ratio'),
    )
  }
  const body: Record<string, unknown> = {
    prompt: input.prompt,
    ...(input.negativePrompt !== undefined && !dropNegative
      ? { negative_prompt: input.negativePrompt }
      : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.guidanceScale !== undefined && !dropGuidance
      ? { cfg_scale: input.guidanceScale }
      : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.size ? { width: input.size.width, height: input.size.height } : {}),
    ...(input.aspectRatio !== undefined && !input.size ? { aspect_ratio: input.aspectRatio } : {}),
    ...options,
  }
  announceSize(body, input, warnings)
  return body
}

/** A warning with the size the server will make, when it floors the asked size to 64. */
function announceSize(
  body: Record<string, unknown>,
  input: ImageGenerateInput,
  warnings: Warning[],
): void {
  if (!input.size) return
  const { width, height } = input.size
  if (width % 64 === 0 && height % 64 === 0) return
  const made = resolvedImageSize(body as Parameters<typeof resolvedImageSize>[0])
  warnings.push({
    type: 'adjusted-option',
    option: 'size',
    details: `the sidecar floors each side to a multiple of 64: ${width}x${height} becomes ${made.width}x${made.height}`,
  })
}

/** `POST /pixelart/generate` body: a square sprite; `size.width` (= height) or `providerOptions.local.size`. */
export function pixelArtBody(
  input: ImageGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.size && input.size.width !== input.size.height) {
    throw new UnsupportedError('pixel art is square: give size.width equal to size.height', {
      provider: PROVIDER_ID,
    })
  }
  if (input.aspectRatio !== undefined && input.aspectRatio !== '1:1') {
    throw new UnsupportedError('pixel art is square: aspectRatio must be 1:1', {
      provider: PROVIDER_ID,
    })
  }
  if (input.guidanceScale !== undefined)
    warnings.push(unsupported('guidanceScale', 'pixel art has no CFG setting'))
  return {
    prompt: input.prompt,
    ...(input.size ? { size: input.size.width } : {}),
    ...(input.negativePrompt !== undefined ? { negative_prompt: input.negativePrompt } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...localOptions(input),
  }
}

/** `POST /img2img/edit/{model}` body, given the source image as base64. */
export function imageEditBody(
  input: ImageEditInput,
  imageBase64: string,
  warnings: Warning[],
): Record<string, unknown> {
  const operation = input.operation ?? 'edit'
  if (operation !== 'edit') {
    throw new UnsupportedError(
      `the sidecar edits by instruction only; operation "${operation}" is not available`,
      {
        provider: PROVIDER_ID,
      },
    )
  }
  if (input.mask !== undefined) {
    throw new UnsupportedError(
      'the sidecar has no masked editing; omit mask and describe the change',
      {
        provider: PROVIDER_ID,
      },
    )
  }
  if (input.strength !== undefined)
    warnings.push(unsupported('strength', 'img2img on the sidecar has no strength'))
  if (input.outputFormat && input.outputFormat !== 'png')
    warnings.push(unsupported('outputFormat', 'PNG only'))
  if (input.size && (input.size.width % 16 !== 0 || input.size.height % 16 !== 0)) {
    const floor = (value: number) => Math.floor(value / 16) * 16
    warnings.push({
      type: 'adjusted-option',
      option: 'size',
      details: `the edit model floors each side to a multiple of 16: ${input.size.width}x${input.size.height} becomes ${floor(input.size.width)}x${floor(input.size.height)}`,
    })
  }
  return {
    image: imageBase64,
    prompt: input.prompt,
    ...(input.negativePrompt !== undefined ? { negative_prompt: input.negativePrompt } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.guidanceScale !== undefined ? { true_cfg_scale: input.guidanceScale } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.size ? { width: input.size.width, height: input.size.height } : {}),
    ...localOptions(input),
  }
}

/** XTTS (`/tts/generate`) body for a named actor. */
export function ttsBody(input: SpeechGenerateInput, warnings: Warning[]): Record<string, unknown> {
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'XTTS takes no seed'))
  if (input.outputFormat && input.outputFormat !== 'wav')
    warnings.push(unsupported('outputFormat', 'WAV only'))
  // The server's whole-clip XTTS synthesis passes no speed to the model (only its stream does).
  if (input.speed !== undefined)
    warnings.push(unsupported('speed', 'XTTS speaks whole clips at its own pace'))
  return {
    text: input.text,
    actor: input.voice,
    ...(input.language !== undefined ? { language: input.language.toLowerCase() } : {}),
    ...localOptions(input),
  }
}

/** Maya (`/tts/maya/generate`) body for a described voice. */
export function mayaBody(
  input: SpeechGenerateInput,
  voiceDescription: string,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.language !== undefined && !input.language.toLowerCase().startsWith('en')) {
    throw new UnsupportedError('Maya speaks English only', { provider: PROVIDER_ID })
  }
  if (input.seed !== undefined) warnings.push(unsupported('seed', 'Maya takes no seed'))
  if (input.outputFormat && input.outputFormat !== 'wav')
    warnings.push(unsupported('outputFormat', 'WAV only'))
  return {
    text: input.text,
    voice_description: voiceDescription,
    ...(input.speed !== undefined ? { speed: input.speed } : {}),
    ...localOptions(input),
  }
}

/**
 * `/video/t2v` and `/video/i2v` body: only what the caller set, so the server's own (fast,
 * distilled) defaults apply. Duration becomes a frame count (`fps × seconds + 1`), clamped to the
 * server's 9-241 with a warning; `ltx-2.5` snaps it to 8k+1 frames itself.
 */
export function videoBody(
  input: VideoGenerateInput,
  model: string,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.video !== undefined) {
    throw new UnsupportedError('the sidecar makes video from text or an image, not from a video', {
      provider: PROVIDER_ID,
    })
  }
  if (input.lastFrame !== undefined)
    throw new UnsupportedError('the sidecar takes no last frame', { provider: PROVIDER_ID })
  if (input.n !== undefined && input.n > 1) {
    throw new UnsupportedError('the sidecar makes one video per job; submit several jobs', {
      provider: PROVIDER_ID,
    })
  }
  const silent = model === 'hunyuan-video'
  if (input.generateAudio && silent)
    warnings.push(unsupported('generateAudio', 'HunyuanVideo makes silent video'))
  if (input.size !== undefined)
    warnings.push(unsupported('size', 'use resolution (480p/720p) and aspectRatio'))
  if (input.negativePrompt !== undefined)
    warnings.push(unsupported('negativePrompt', 'video takes no negative prompt'))
  const fps = input.fps ?? 24
  const body: Record<string, unknown> = {
    prompt: input.prompt ?? 'animate this image',
    ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
    ...(input.aspectRatio !== undefined ? { aspect_ratio: input.aspectRatio } : {}),
    ...(input.fps !== undefined ? { fps: input.fps } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.generateAudio !== undefined && !silent ? { audio: input.generateAudio } : {}),
  }
  if (input.durationSeconds !== undefined) {
    const { min, max } = VIDEO_LIMITS.numFrames
    const wanted = Math.round(input.durationSeconds * fps) + 1
    const frames = Math.min(max, Math.max(min, wanted))
    if (frames !== wanted) {
      warnings.push({
        type: 'adjusted-option',
        option: 'durationSeconds',
        details: `${input.durationSeconds}s at ${fps} fps is ${wanted} frames; the sidecar takes ${min}-${max}, so ${frames}`,
      })
    }
    body.num_frames = frames
  }
  return { ...body, ...localOptions(input) }
}

/** `/music/generate` body. */
export function musicBody(input: MusicGenerateInput, model: string): Record<string, unknown> {
  return {
    model,
    caption: input.prompt,
    ...(input.lyrics !== undefined ? { lyrics: input.lyrics } : {}),
    ...(input.instrumental !== undefined ? { instrumental: input.instrumental } : {}),
    ...(input.durationSeconds !== undefined ? { duration: input.durationSeconds } : {}),
    ...(input.bpm !== undefined ? { bpm: input.bpm } : {}),
    ...(input.n !== undefined ? { batch_size: input.n } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.outputFormat !== undefined ? { audio_format: input.outputFormat } : {}),
    ...localOptions(input),
  }
}

const DEFAULT_QUERIES = {
  caption: 'Describe this image in detail.',
  ocr: 'Read all of the text in this image, exactly as written.',
} as const

/** `/vision/analyze` body, given the image as base64. */
export function visionBody(
  input: VisionAnalyzeInput,
  imageBase64: string,
): Record<string, unknown> {
  const mode = input.mode ?? (input.prompt !== undefined ? 'question' : 'caption')
  if (mode === 'extract') {
    throw new UnsupportedError('the sidecar has no structured extraction; ask a question instead', {
      provider: PROVIDER_ID,
    })
  }
  const query = input.prompt ?? DEFAULT_QUERIES[mode === 'ocr' ? 'ocr' : 'caption']
  return {
    image: imageBase64,
    query,
    ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...localOptions(input),
  }
}

/** `/llm/generate` and `/llm/stream` body: `messages` xor `prompt`, a system prompt, thinking mode. */
export function llmBody(input: TextGenerateInput, warnings: Warning[]): Record<string, unknown> {
  if (input.stop !== undefined)
    warnings.push(unsupported('stop', 'the sidecar takes no stop sequences'))
  if (input.responseFormat === 'json')
    warnings.push(unsupported('responseFormat', 'no JSON mode; ask for JSON in the prompt'))
  const messages = input.messages
    ? [
        ...(input.system !== undefined ? [{ role: 'system' as const, content: input.system }] : []),
        ...input.messages,
      ]
    : undefined
  return {
    ...(messages ? { messages } : { prompt: input.prompt }),
    ...(!messages && input.system !== undefined ? { system_prompt: input.system } : {}),
    ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...(input.topP !== undefined ? { top_p: input.topP } : {}),
    ...(input.thinking !== undefined ? { enable_thinking: input.thinking } : {}),
    ...localOptions(input),
  }
}

/**
 * `POST /model3d/generate` body (the image, when there is one, is added as base64 by the
 * caller). `faceCount` → `target_faces`, `steps` → `num_inference_steps`.
 */
export function model3dBody(
  input: Model3dGenerateInput,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.outputFormat !== undefined && input.outputFormat.toLowerCase() !== 'glb') {
    warnings.push(unsupported('outputFormat', 'the sidecar makes binary glTF (GLB) only'))
  }
  return {
    ...(input.prompt !== undefined ? { text: input.prompt } : {}),
    ...(input.texture !== undefined ? { texture: input.texture } : {}),
    ...(input.faceCount !== undefined ? { target_faces: input.faceCount } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.guidanceScale !== undefined ? { guidance_scale: input.guidanceScale } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...localOptions(input),
  }
}
