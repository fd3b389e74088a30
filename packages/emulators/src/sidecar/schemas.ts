/**
 * The request models of the Silly Media server, transcribed from its pydantic classes (field
 * order, types, defaults and constraints as written there). Each block names the file and
 * commit of `dearlordlt/silly-media` it follows. Nothing here comes from a client package: a
 * client that misreads the server is caught by this copy.
 */
import {
  bool,
  dict,
  enumOf,
  type FieldSpec,
  float,
  int,
  listOf,
  literal,
  type ModelSchema,
  modelOf,
  optional,
  required,
  str,
} from './pydantic'

// ---------------------------------------------------------------------------------------------
// Images — src/silly_media/schemas.py @ 08be65be
// ---------------------------------------------------------------------------------------------

/** `AspectRatio`: value → enum member name, in declaration order. */
export const ASPECT_RATIOS: readonly (readonly [string, string, number, number])[] = [
  ['1:1', 'SQUARE', 1, 1],
  ['4:5', 'PORTRAIT_4_5', 4, 5],
  ['3:4', 'PORTRAIT_3_4', 3, 4],
  ['2:3', 'PORTRAIT_2_3', 2, 3],
  ['9:16', 'PORTRAIT_9_16', 9, 16],
  ['5:4', 'LANDSCAPE_5_4', 5, 4],
  ['4:3', 'LANDSCAPE_4_3', 4, 3],
  ['3:2', 'LANDSCAPE_3_2', 3, 2],
  ['16:9', 'LANDSCAPE_16_9', 16, 9],
  ['21:9', 'LANDSCAPE_21_9', 21, 9],
]

const ASPECT_RATIO_VALUES = ASPECT_RATIOS.map(([value]) => value)

/** `calculate_dimensions`: about `base_size²` pixels at the ratio, both sides floored to 64. */
export function calculateDimensions(aspectRatio: string, baseSize = 1024): [number, number] {
  const entry = ASPECT_RATIOS.find(([value]) => value === aspectRatio)
  const [, , w, h] = entry ?? ASPECT_RATIOS[0]!
  const targetPixels = baseSize * baseSize
  const ratio = w / h
  const height = Math.trunc((targetPixels / ratio) ** 0.5)
  const width = Math.trunc(height * ratio)
  return [Math.floor(width / 64) * 64, Math.floor(height / 64) * 64]
}

/** `LoraSpec`. */
export const LoraSpec: ModelSchema = {
  name: 'LoraSpec',
  fields: {
    name: required(str({ minLength: 1, maxLength: 128, pattern: '^[^/\\\\]+$' })),
    scale: optional(float({ ge: 0, le: 2 }), null, true),
  },
}

/** The fields `GenerateRequest` declares (a `SpriteRequest` adds its own after these). */
const generateFields: Record<string, FieldSpec> = {
  prompt: required(str({ minLength: 1, maxLength: 4096 })),
  negative_prompt: optional(str({ maxLength: 2048 }), ''),
  // `Annotated[int, Field(default=None, ...)] = None`: an explicit null is rejected.
  num_inference_steps: optional(int({ ge: 1, le: 100 }), null),
  cfg_scale: optional(float({ ge: 0, le: 20 }), null),
  seed: optional(int({ ge: -1 }), null, true),
  width: optional(int({ ge: 64, le: 2048 }), null, true),
  height: optional(int({ ge: 64, le: 2048 }), null, true),
  aspect_ratio: optional(enumOf(ASPECT_RATIO_VALUES), null, true),
  base_size: optional(int({ ge: 256, le: 2048 }), 1024),
  use_lora: optional(bool, false),
  transparent: optional(bool, false),
  upscale: optional(bool, false),
  upscale_factor: optional(float({ gt: 1, le: 4 }), 2),
  upscale_model: optional(literal(['clean', 'sharp']), 'clean'),
  loras: optional(listOf(modelOf(LoraSpec)), () => []),
  lora: optional(str(), null, true),
  lora_scale: optional(float({ ge: 0, le: 2 }), 1),
}

export const GenerateRequest: ModelSchema = { name: 'GenerateRequest', fields: generateFields }

export interface LoraSpecValue {
  name: string
  scale: number | null
}

export interface GenerateRequestValue {
  prompt: string
  negative_prompt: string
  num_inference_steps: number | null
  cfg_scale: number | null
  seed: number | null
  width: number | null
  height: number | null
  aspect_ratio: string | null
  base_size: number
  use_lora: boolean
  transparent: boolean
  upscale: boolean
  upscale_factor: number
  upscale_model: 'clean' | 'sharp'
  loras: LoraSpecValue[]
  lora: string | null
  lora_scale: number
}

/** `settings.default_width` / `default_height` (config.py). */
export const DEFAULT_IMAGE_SIZE = 1024

/**
 * The model validators of `GenerateRequest`, run after the fields validate: the legacy
 * `lora`/`lora_scale` folded into `loras` (first name wins), then `resolve_dimensions` (both
 * sides → floored to 64; else an aspect ratio; else one side makes a square, floored; else
 * 1024×1024).
 */
export function resolveGenerateRequest<T extends GenerateRequestValue>(
  request: T,
): T & { width: number; height: number } {
  const merged = [...request.loras]
  if (request.lora) merged.unshift({ name: request.lora, scale: request.lora_scale })
  const seen = new Set<string>()
  request.loras = merged.filter((spec) => !seen.has(spec.name) && seen.add(spec.name) !== undefined)
  const floor64 = (value: number) => Math.floor(value / 64) * 64
  let width: number
  let height: number
  if (request.width !== null && request.height !== null) {
    width = floor64(request.width)
    height = floor64(request.height)
  } else if (request.aspect_ratio !== null) {
    ;[width, height] = calculateDimensions(request.aspect_ratio, request.base_size)
  } else if (request.width !== null) {
    width = floor64(request.width)
    height = width
  } else if (request.height !== null) {
    height = floor64(request.height)
    width = height
  } else {
    width = DEFAULT_IMAGE_SIZE
    height = DEFAULT_IMAGE_SIZE
  }
  return Object.assign(request, { width, height })
}

/** `PixelArtRequest`. */
export const PixelArtRequest: ModelSchema = {
  name: 'PixelArtRequest',
  fields: {
    prompt: required(str({ minLength: 1, maxLength: 4096 })),
    negative_prompt: optional(
      str({ maxLength: 2048 }),
      'blurry, realistic, photorealistic, 3d render, smooth gradients',
    ),
    num_inference_steps: optional(int({ ge: 1, le: 100 }), 9),
    seed: optional(int({ ge: -1 }), null, true),
    size: optional(int({ ge: 8, le: 512 }), 32),
    remove_background: optional(bool, true),
  },
}

/** `SpriteRequest(GenerateRequest)`: the parent's fields, then its own. */
export const SpriteRequest: ModelSchema = {
  name: 'SpriteRequest',
  fields: {
    ...generateFields,
    model: optional(str(), 'z-image-turbo'),
    remove_background: optional(bool, true),
    output_size: optional(int({ ge: 8, le: 2048 }), null, true),
  },
}

// ---------------------------------------------------------------------------------------------
// Img2img — src/silly_media/img2img/schemas.py @ 08be65be
// ---------------------------------------------------------------------------------------------

export const Img2ImgRequest: ModelSchema = {
  name: 'Img2ImgRequest',
  fields: {
    image: optional(str(), null, true),
    prompt: required(str()),
    negative_prompt: optional(str(), ' '),
    num_inference_steps: optional(int({ ge: 1, le: 100 }), null, true),
    true_cfg_scale: optional(float({ ge: 1, le: 20 }), null, true),
    seed: optional(int({ ge: -1 }), null, true),
    width: optional(int({ ge: 64, le: 3072 }), null, true),
    height: optional(int({ ge: 64, le: 3072 }), null, true),
    use_lora: optional(bool, false),
    reference_images: optional(listOf(str(), 9), null, true),
    transparent: optional(bool, false),
    loras: optional(listOf(modelOf(LoraSpec)), () => []),
    upscale: optional(bool, false),
    upscale_factor: optional(float({ gt: 1, le: 4 }), 2),
    upscale_model: optional(literal(['clean', 'sharp']), 'clean'),
  },
}

export interface Img2ImgRequestValue {
  image: string | null
  prompt: string
  negative_prompt: string
  num_inference_steps: number | null
  true_cfg_scale: number | null
  seed: number | null
  width: number | null
  height: number | null
  use_lora: boolean
  reference_images: string[] | null
  transparent: boolean
  loras: LoraSpecValue[]
  upscale: boolean
  upscale_factor: number
  upscale_model: 'clean' | 'sharp'
}

// ---------------------------------------------------------------------------------------------
// Video — src/silly_media/video/schemas.py @ 5910d574
// ---------------------------------------------------------------------------------------------

const videoFields: Record<string, FieldSpec> = {
  prompt: required(str({ minLength: 1, maxLength: 2000 })),
  resolution: optional(enumOf(['480p', '720p']), '480p'),
  aspect_ratio: optional(enumOf(['16:9', '9:16', '1:1']), '16:9'),
  num_frames: optional(int({ ge: 9, le: 241 }), 45),
  num_inference_steps: optional(int({ ge: 1, le: 100 }), 6),
  guidance_scale: optional(float({ ge: 1, le: 15 }), 1),
  seed: optional(int({ ge: -1 }), -1),
  fps: optional(int({ ge: 12, le: 30 }), 24),
  audio: optional(bool, true),
}

export const T2VRequest: ModelSchema = { name: 'T2VRequest', fields: videoFields }
export const I2VRequest: ModelSchema = {
  name: 'I2VRequest',
  fields: { ...videoFields, image: required(str({ minLength: 1 })) },
}

export interface VideoRequestValue {
  prompt: string
  resolution: '480p' | '720p'
  aspect_ratio: '16:9' | '9:16' | '1:1'
  num_frames: number
  num_inference_steps: number
  guidance_scale: number
  seed: number
  fps: number
  audio: boolean
  image?: string
}

// ---------------------------------------------------------------------------------------------
// Music — src/silly_media/music/schemas.py @ 14d32362
// ---------------------------------------------------------------------------------------------

export const MUSIC_MODEL_IDS = ['ace-step', 'ace-step-quality'] as const

export const MusicGenerateRequest: ModelSchema = {
  name: 'MusicGenerateRequest',
  fields: {
    caption: required(str({ minLength: 1, maxLength: 512 })),
    lyrics: optional(str({ maxLength: 4096 }), ''),
    instrumental: optional(bool, false),
    bpm: optional(int({ ge: 30, le: 300 }), null, true),
    keyscale: optional(str({ maxLength: 20 }), ''),
    timesignature: optional(str({ maxLength: 5 }), ''),
    duration: optional(float({ ge: 10, le: 600 }), 30),
    inference_steps: optional(int({ ge: 1, le: 100 }), null, true),
    guidance_scale: optional(float({ ge: 0, le: 50 }), 7),
    seed: optional(int({ ge: -1 }), -1),
    audio_format: optional(enumOf(['wav', 'flac', 'mp3']), 'wav'),
    batch_size: optional(int({ ge: 1, le: 4 }), 1),
    model: optional(enumOf(MUSIC_MODEL_IDS), 'ace-step'),
  },
}

export interface MusicRequestValue {
  caption: string
  lyrics: string
  instrumental: boolean
  bpm: number | null
  keyscale: string
  timesignature: string
  duration: number
  inference_steps: number | null
  guidance_scale: number
  seed: number
  audio_format: 'wav' | 'flac' | 'mp3'
  batch_size: number
  model: string
}

// ---------------------------------------------------------------------------------------------
// Speech — src/silly_media/audio/schemas.py @ a7c07878, routers/actors.py @ 4e7c144f
// ---------------------------------------------------------------------------------------------

/** `TTSLanguage` values with `LANGUAGE_NAMES`, in declaration order. */
export const TTS_LANGUAGES: readonly (readonly [string, string])[] = [
  ['en', 'English'],
  ['es', 'Spanish'],
  ['fr', 'French'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['pl', 'Polish'],
  ['tr', 'Turkish'],
  ['ru', 'Russian'],
  ['nl', 'Dutch'],
  ['cs', 'Czech'],
  ['ar', 'Arabic'],
  ['zh-cn', 'Chinese'],
  ['ja', 'Japanese'],
  ['hu', 'Hungarian'],
  ['ko', 'Korean'],
  ['hi', 'Hindi'],
]

export const TTS_LANGUAGE_CODES = TTS_LANGUAGES.map(([code]) => code)
export const languageType = enumOf(TTS_LANGUAGE_CODES)

/** `MAYA_EMOTION_TAGS`. */
export const MAYA_EMOTION_TAGS = [
  '<laugh>',
  '<laugh_harder>',
  '<sigh>',
  '<chuckle>',
  '<gasp>',
  '<angry>',
  '<excited>',
  '<whisper>',
  '<cry>',
  '<scream>',
  '<sing>',
  '<snort>',
  '<exhale>',
  '<gulp>',
  '<giggle>',
  '<sarcastic>',
  '<curious>',
] as const

export const TTSRequest: ModelSchema = {
  name: 'TTSRequest',
  fields: {
    text: required(str({ minLength: 1, maxLength: 10000 })),
    actor: required(str({ minLength: 1 })),
    language: optional(languageType, 'en'),
    temperature: optional(float({ ge: 0, le: 1 }), 0.65),
    speed: optional(float({ ge: 0.5, le: 2 }), 1),
    split_sentences: optional(bool, true),
  },
}

export interface TtsRequestValue {
  text: string
  actor: string
  language: string
  temperature: number
  speed: number
  split_sentences: boolean
}

export const MayaTTSRequest: ModelSchema = {
  name: 'MayaTTSRequest',
  fields: {
    text: required(str({ minLength: 1, maxLength: 10000 })),
    voice_description: required(str({ minLength: 1, maxLength: 500 })),
    temperature: optional(float({ ge: 0, le: 1 }), 0.7),
    speed: optional(float({ ge: 0.5, le: 2 }), 1),
  },
}

export interface MayaRequestValue {
  text: string
  voice_description: string
  temperature: number
  speed: number
}

/** `CreateActorFromYouTubeRequest` (routers/actors.py): no length limits at all. */
export const CreateActorFromYouTubeRequest: ModelSchema = {
  name: 'CreateActorFromYouTubeRequest',
  fields: {
    name: required(str()),
    youtube_url: required(str()),
    language: optional(languageType, 'en'),
    description: optional(str(), ''),
    max_duration: optional(float(), 30),
    separate_vocals: optional(bool, true),
  },
}

// ---------------------------------------------------------------------------------------------
// Vision — src/silly_media/vision/schemas.py @ 0dabb55a
// ---------------------------------------------------------------------------------------------

export const VisionRequest: ModelSchema = {
  name: 'VisionRequest',
  fields: {
    image: optional(str(), null, true),
    query: required(str()),
    max_tokens: optional(int(), null, true),
    temperature: optional(float(), 0.7),
  },
}

// ---------------------------------------------------------------------------------------------
// LLM — src/silly_media/llm/schemas.py @ ab0f34f0
// ---------------------------------------------------------------------------------------------

const ChatMessage: ModelSchema = {
  name: 'ChatMessage',
  fields: {
    role: required(enumOf(['system', 'user', 'assistant'])),
    content: required(str()),
  },
}

export const LLMRequest: ModelSchema = {
  name: 'LLMRequest',
  fields: {
    messages: optional(listOf(modelOf(ChatMessage)), null, true),
    prompt: optional(str(), null, true),
    temperature: optional(float({ ge: 0, le: 2 }), 0.8),
    top_p: optional(float({ ge: 0, le: 1 }), 0.9),
    top_k: optional(int({ ge: 1, le: 100 }), 50),
    max_tokens: optional(int({ ge: 1, le: 32768 }), 32768),
    repetition_penalty: optional(float({ ge: 1, le: 2 }), 1.1),
    min_p: optional(float({ ge: 0, le: 1 }), null, true),
    seed: optional(int(), null, true),
    system_prompt: optional(str(), null, true),
    enable_thinking: optional(bool, false),
  },
}

export interface LlmRequestValue {
  messages: { role: string; content: string }[] | null
  prompt: string | null
  max_tokens: number
  seed: number | null
  system_prompt: string | null
  enable_thinking: boolean
}

// ---------------------------------------------------------------------------------------------
// 3D — src/silly_media/model3d/schemas.py @ 32cb2fbf
// ---------------------------------------------------------------------------------------------

export const Model3DRequest: ModelSchema = {
  name: 'Model3DRequest',
  fields: {
    text: optional(str({ maxLength: 600 }), null, true),
    image: optional(str(), null, true),
    octree_resolution: optional(int({ ge: 64, le: 512 }), 256),
    num_inference_steps: optional(int({ ge: 1, le: 100 }), 30),
    guidance_scale: optional(float({ ge: 0, le: 15 }), 5.5),
    texture: optional(bool, true),
    target_faces: optional(int({ ge: 500, le: 300000 }), 10000),
    seed: optional(int({ ge: -1 }), -1),
    image_model: optional(str(), 'z-image-turbo'),
    subject: optional(literal(['character', 'object', 'building', 'auto']), 'character'),
  },
}

export interface Model3DRequestValue {
  text: string | null
  image: string | null
  octree_resolution: number
  num_inference_steps: number
  guidance_scale: number
  texture: boolean
  target_faces: number
  seed: number
  image_model: string
  subject: 'character' | 'object' | 'building' | 'auto'
}

/** `request: dict | None = None` bodies (ComfyUI's `POST /queue` and `POST /history`). */
export const optionalDictBody: FieldSpec = optional(dict, null, true)
