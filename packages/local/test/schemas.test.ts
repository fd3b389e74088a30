import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { local } from '../src'
import { SillyMediaClient } from '../src/client'
import { ENDPOINTS } from '../src/endpoints'
import * as schemas from '../src/schemas'
import {
  ACTOR_FROM_YOUTUBE_DEFAULTS,
  ASPECT_RATIO_PRESETS,
  ASPECT_RATIOS,
  actorAudioAddFormSchema,
  actorAudioFileSchema,
  actorAudioFilesResponseSchema,
  actorCreateFormSchema,
  actorFromYoutubeRequestSchema,
  actorSchema,
  actorsListResponseSchema,
  aspectRatioSize,
  aspectRatiosResponseSchema,
  healthResponseSchema,
  IMAGE_LIMITS,
  IMAGE_MODEL_DEFAULTS,
  IMAGE_MODELS,
  IMG2IMG_DEFAULTS,
  imageGenerateRequestSchema,
  imageGenerateRequestSchemaFor,
  imageGenerateRequestSchemas,
  img2imgEditRequestSchema,
  img2imgEditUploadFormSchema,
  img2imgModelsResponseSchema,
  LLM_DEFAULTS,
  llmGenerateRequestSchema,
  llmGenerateResponseSchema,
  llmModelsResponseSchema,
  llmStreamEventSchema,
  MAYA_EMOTION_TAGS,
  MUSIC_DEFAULTS,
  MUSIC_MODELS,
  mayaActorCreateFormSchema,
  mayaActorSchema,
  mayaActorsListResponseSchema,
  mayaActorUpdateFormSchema,
  mayaEmotionTagsResponseSchema,
  mayaGenerateRequestSchema,
  modelAvailabilitySchema,
  modelsResponseSchema,
  musicDeleteResponseSchema,
  musicGenerateRequestSchema,
  musicJobResponseSchema,
  musicModelsResponseSchema,
  musicProgressResponseSchema,
  musicStatusResponseSchema,
  PIXELART_DEFAULTS,
  pixelArtGenerateRequestSchema,
  progressResponseSchema,
  QWEN_IMAGE_LORA_DEFAULTS,
  resolvedImageSize,
  TTS_DEFAULTS,
  TTS_LANGUAGE_NAMES,
  TTS_LANGUAGES,
  ttsGenerateRequestSchema,
  ttsGenerateWithAudioFormSchema,
  ttsHistoryQuerySchema,
  ttsHistoryResponseSchema,
  ttsLanguagesResponseSchema,
  ttsModelsResponseSchema,
  VIDEO_DEFAULTS,
  VIDEO_MODELS,
  videoDeleteResponseSchema,
  videoHistoryQuerySchema,
  videoHistoryResponseSchema,
  videoI2vRequestSchema,
  videoJobResponseSchema,
  videoModelsResponseSchema,
  videoStatusResponseSchema,
  videoT2vRequestSchema,
  visionAnalyzeRequestSchema,
  visionAnalyzeResponseSchema,
  visionAnalyzeUploadFormSchema,
  visionModelsResponseSchema,
} from '../src/schemas'

type Issue = { path: PropertyKey[]; message: string }
type Parser = {
  safeParse(input: unknown):
    | { success: true; data: unknown }
    | {
        success: false
        error: { issues: Issue[] }
      }
}

const issuePaths = (schema: Parser, input: unknown): string[] => {
  const result = schema.safeParse(input)
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))
}

/** Asserts `input` is rejected with an issue at `path`. */
const rejects = (schema: Parser, input: unknown, path: string) => {
  const paths = issuePaths(schema, input)
  expect(paths, `expected an issue at "${path}"`).toContain(path)
}

const parses = <T>(schema: { parse(input: unknown): T }, input: unknown): T => schema.parse(input)

/** A response schema keeps unknown fields. */
const keepsUnknown = (schema: { parse(input: unknown): unknown }, fixture: object) => {
  const parsed = schema.parse({ ...fixture, added_later: 42 }) as Record<string, unknown>
  expect(parsed.added_later).toBe(42)
}

const omit = <T extends object>(value: T, key: keyof T) => {
  const copy = { ...value }
  delete copy[key]
  return copy
}

const B64 = 'iVBORw0KGgo='
const file = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/wav' })

describe('health schemas', () => {
  const health = {
    status: 'healthy',
    models_loaded: ['z-image-turbo'],
    available_image_models: ['z-image', 'z-image-turbo', 'qwen-image-2512', 'ovis-image-7b'],
    available_audio_models: ['xtts-v2', 'maya', 'demucs'],
    available_video_models: ['hunyuan-video'],
    available_vision_models: ['qwen3-vl-8b'],
    available_llm_models: ['huihui-qwen3-4b'],
    available_music_models: ['ace-step-turbo', 'ace-step-sft'],
  }
  const models = {
    image: {
      available: ['z-image', 'z-image-turbo', 'qwen-image-2512', 'ovis-image-7b'],
      loaded: ['z-image-turbo'],
    },
    audio: { available: ['xtts-v2', 'maya', 'demucs'], loaded: [] },
    video: { available: ['hunyuan-video'], loaded: [] },
    vision: { available: ['qwen3-vl-8b'], loaded: [] },
    img2img: { available: ['qwen-image-edit'], loaded: [] },
    llm: { available: ['huihui-qwen3-4b'], loaded: [] },
    music: { available: ['ace-step-turbo', 'ace-step-sft'], loaded: [] },
  }
  const generating = { active: true, step: 5, total_steps: 9, percent: 56, elapsed: 2.3 }
  const aspectRatios = {
    '1:1': { name: 'SQUARE', dimensions_at_1024: [1024, 1024] },
    '16:9': { name: 'LANDSCAPE_16_9', dimensions_at_1024: [1344, 768] },
    '9:16': { name: 'PORTRAIT_9_16', dimensions_at_1024: [768, 1344] },
  }

  it('accepts the documented responses', () => {
    expect(parses(healthResponseSchema, health)).toEqual(health)
    expect(parses(modelsResponseSchema, models)).toEqual(models)
    expect(parses(progressResponseSchema, generating)).toEqual(generating)
    expect(parses(progressResponseSchema, { active: false })).toEqual({ active: false })
    expect(parses(aspectRatiosResponseSchema, aspectRatios)).toEqual(aspectRatios)
    expect(
      parses(img2imgModelsResponseSchema, { available: ['qwen-image-edit'], loaded: [] }),
    ).toBeTruthy()
  })

  it('tolerates unknown and missing optional fields', () => {
    keepsUnknown(healthResponseSchema, health)
    keepsUnknown(modelsResponseSchema, models)
    keepsUnknown(progressResponseSchema, generating)
    expect(healthResponseSchema.safeParse(omit(health, 'available_music_models')).success).toBe(
      true,
    )
    expect(progressResponseSchema.safeParse(omit(generating, 'elapsed')).success).toBe(true)
  })

  it('reads health leniently: any answer says the server is up, ids that are not text are skipped', () => {
    expect(healthResponseSchema.parse({ status: null, models_loaded: ['z-image', 7] })).toEqual({
      models_loaded: ['z-image'],
    })
  })

  it('rejects a model family whose ids are not a list, and reads a missing family as absent', () => {
    rejects(modelAvailabilitySchema, { available: 'z-image', loaded: [] }, 'available')
    const { music: _music, ...older } = models
    expect(
      modelsResponseSchema.parse({ ...older, image: { available: ['z-image', null] } }),
    ).toEqual({ ...older, image: { available: ['z-image'] } })
  })

  it('skips an aspect-ratio preset without a size, reading numeric text as numbers', () => {
    expect(
      aspectRatiosResponseSchema.parse({
        '1:1': { name: 'SQUARE', dimensions_at_1024: ['1024', 1024] },
        '4:3': { name: 'LANDSCAPE_4_3' },
      }),
    ).toEqual({ '1:1': { name: 'SQUARE', dimensions_at_1024: [1024, 1024] } })
  })

  it('reads a progress answer without a usable active flag as idle, and numeric text as numbers', () => {
    expect(progressResponseSchema.parse({})).toEqual({ active: false })
    expect(progressResponseSchema.parse({ active: null, step: '3' })).toEqual({
      active: false,
      step: 3,
    })
  })
})

describe('image generation', () => {
  it('has one schema shared by every image model; the server defaults stay for reference', () => {
    expect([...IMAGE_MODELS].sort()).toEqual(
      ['krea-2-turbo', 'ovis-image-7b', 'qwen-image-2512', 'z-image', 'z-image-turbo'].sort(),
    )
    expect(Object.keys(imageGenerateRequestSchemas).sort()).toEqual([...IMAGE_MODELS].sort())
    for (const model of IMAGE_MODELS) {
      expect(imageGenerateRequestSchemas[model], model).toBe(imageGenerateRequestSchema)
      expect(imageGenerateRequestSchemaFor(model), model).toBe(imageGenerateRequestSchema)
      expect(Object.keys(IMAGE_MODEL_DEFAULTS[model]).sort(), model).toEqual([
        'cfg_scale',
        'num_inference_steps',
      ])
    }
    expect(IMAGE_MODEL_DEFAULTS['z-image']).toEqual({ num_inference_steps: 30, cfg_scale: 4 })
    expect(QWEN_IMAGE_LORA_DEFAULTS).toEqual({ num_inference_steps: 6, cfg_scale: 1 })
  })

  it('fills in nothing: the parsed body is exactly the fields given', () => {
    for (const model of IMAGE_MODELS) {
      const schema = imageGenerateRequestSchemas[model]
      const parsed = parses(schema, { prompt: 'x' }) as Record<string, unknown>
      expect(parsed, model).toEqual({ prompt: 'x' })
      for (const key of ['num_inference_steps', 'cfg_scale', 'use_lora', 'negative_prompt']) {
        expect(key in parsed, `${model}: ${key}`).toBe(false)
      }
    }
    expect(
      parses(imageGenerateRequestSchemas['qwen-image-2512'], { prompt: 'x', use_lora: true }),
    ).toEqual({ prompt: 'x', use_lora: true })
    const every = {
      prompt: 'a lake at dawn',
      negative_prompt: 'blurry',
      num_inference_steps: 12,
      cfg_scale: 3.5,
      seed: 42,
      width: 1280,
      height: 720,
      aspect_ratio: '16:9',
      base_size: 768,
      use_lora: false,
    }
    expect(parses(imageGenerateRequestSchema, every)).toEqual(every)
  })

  it('accepts the documented examples', () => {
    const examples: [string, object][] = [
      ['z-image-turbo', { prompt: 'a red panda eating bamboo' }],
      ['z-image-turbo', { prompt: 'a red panda eating bamboo', aspect_ratio: '16:9' }],
      ['z-image-turbo', { prompt: 'a red panda eating bamboo', aspect_ratio: '3:2', seed: 42 }],
      [
        'z-image',
        {
          prompt: 'a detailed oil painting of a mountain landscape at sunset',
          negative_prompt: 'blurry, low quality, watermark',
          aspect_ratio: '16:9',
          cfg_scale: 4.0,
        },
      ],
      ['z-image', { prompt: 'a lake', cfg_scale: 4.5, seed: 42 }],
      ['z-image', { prompt: 'a lake', seed: null }],
      ['qwen-image-2512', { prompt: 'A portrait', aspect_ratio: '3:4', use_lora: true }],
      ['ovis-image-7b', { prompt: 'a sunset over mountains', width: 1280, height: 720 }],
      ['z-image-turbo', { prompt: 'a sunset', aspect_ratio: '16:9', base_size: 1024 }],
      ['krea-2-turbo', { prompt: 'a sunset', aspect_ratio: '21:9' }],
    ]
    for (const [model, body] of examples) {
      expect(parses(imageGenerateRequestSchemaFor(model), body), model).toEqual(body)
    }
  })

  it('accepts use_lora for every model (the server ignores it where unused)', () => {
    for (const model of IMAGE_MODELS) {
      expect(parses(imageGenerateRequestSchemas[model], { prompt: 'x', use_lora: true })).toEqual({
        prompt: 'x',
        use_lora: true,
      })
    }
    rejects(imageGenerateRequestSchema, { prompt: 'x', use_lora: 'yes' }, 'use_lora')
  })

  it('accepts cfg_scale and negative_prompt on the turbo models (the server ignores them)', () => {
    for (const model of ['z-image-turbo', 'krea-2-turbo'] as const) {
      const body = { prompt: 'x', cfg_scale: 5, negative_prompt: 'blurry' }
      expect(parses(imageGenerateRequestSchemas[model], body), model).toEqual(body)
    }
  })

  it('takes cfg_scale 0-20 for every model, z-image included', () => {
    for (const model of IMAGE_MODELS) {
      const schema = imageGenerateRequestSchemas[model]
      for (const cfg_scale of [0, 1, 2.5, 6, 20]) {
        expect(parses(schema, { prompt: 'x', cfg_scale }), `${model} ${cfg_scale}`).toEqual({
          prompt: 'x',
          cfg_scale,
        })
      }
      rejects(schema, { prompt: 'x', cfg_scale: 20.5 }, 'cfg_scale')
      rejects(schema, { prompt: 'x', cfg_scale: -0.5 }, 'cfg_scale')
    }
    expect(IMAGE_LIMITS.cfgScale).toEqual({ min: 0, max: 20 })
  })

  it('enforces ranges and enums', () => {
    const schema = imageGenerateRequestSchema
    rejects(schema, { prompt: 'x', cfg_scale: 25 }, 'cfg_scale')
    rejects(schema, { prompt: 'x', num_inference_steps: 0 }, 'num_inference_steps')
    rejects(schema, { prompt: 'x', num_inference_steps: 101 }, 'num_inference_steps')
    rejects(schema, { prompt: 'x', num_inference_steps: 2.5 }, 'num_inference_steps')
    rejects(schema, { prompt: 'x', width: 32, height: 64 }, 'width')
    rejects(schema, { prompt: 'x', width: 4096, height: 64 }, 'width')
    rejects(schema, { prompt: 'x', height: 2049 }, 'height')
    rejects(schema, { prompt: 'x', aspect_ratio: '7:5' }, 'aspect_ratio')
    rejects(schema, { prompt: 'x', aspect_ratio: '1:1', base_size: 128 }, 'base_size')
    rejects(schema, { prompt: 'x', base_size: 4096 }, 'base_size')
    rejects(schema, { prompt: 'x', seed: -2 }, 'seed')
    rejects(schema, { prompt: '' }, 'prompt')
    rejects(schema, {}, 'prompt')
    rejects(schema, { prompt: 'x', steps: 4 }, '')
  })

  it('limits the prompt to 4096 and the negative prompt to 2048 characters', () => {
    const schema = imageGenerateRequestSchema
    expect(schema.safeParse({ prompt: 'a'.repeat(4096) }).success).toBe(true)
    rejects(schema, { prompt: 'a'.repeat(4097) }, 'prompt')
    expect(schema.safeParse({ prompt: 'x', negative_prompt: 'n'.repeat(2048) }).success).toBe(true)
    rejects(schema, { prompt: 'x', negative_prompt: 'n'.repeat(2049) }, 'negative_prompt')
  })

  it('accepts null for the sizing and seed fields, and refuses it for steps and CFG as the server does', () => {
    const body = { prompt: 'x', width: null, height: null, aspect_ratio: null, seed: null }
    expect(parses(imageGenerateRequestSchema, body)).toEqual(body)
    expect(resolvedImageSize(body)).toEqual({ width: 1024, height: 1024 })
    // `int` / `float` fields with a None default: an explicit null is a 422 on the server.
    rejects(
      imageGenerateRequestSchema,
      { prompt: 'x', num_inference_steps: null },
      'num_inference_steps',
    )
    rejects(imageGenerateRequestSchema, { prompt: 'x', cfg_scale: null }, 'cfg_scale')
  })

  it('accepts every sizing the server resolves, and resolves it the same way', () => {
    const schema = imageGenerateRequestSchema
    const cases: [Parameters<typeof resolvedImageSize>[0], { width: number; height: number }][] = [
      // width and height win, each floored to a multiple of 64
      [
        { width: 1000, height: 1000 },
        { width: 960, height: 960 },
      ],
      [
        { width: 1280, height: 720 },
        { width: 1280, height: 704 },
      ],
      [
        { width: 1024, height: 768, aspect_ratio: '4:3' },
        { width: 1024, height: 768 },
      ],
      // else the aspect ratio, scaled to base_size (1024 by default)
      [{ aspect_ratio: '16:9' }, { width: 1344, height: 768 }],
      [
        { aspect_ratio: '16:9', base_size: 512 },
        { width: 640, height: 384 },
      ],
      [
        { aspect_ratio: '3:4', width: 512 },
        { width: 832, height: 1152 },
      ],
      // else one side alone makes a square
      [{ width: 800 }, { width: 768, height: 768 }],
      [{ height: 1000 }, { width: 960, height: 960 }],
      // base_size alone changes nothing
      [{ base_size: 512 }, { width: 1024, height: 1024 }],
      [
        { width: 1024, height: 1024, base_size: 512 },
        { width: 1024, height: 1024 },
      ],
      [{}, { width: 1024, height: 1024 }],
    ]
    for (const [sizing, size] of cases) {
      const body = { prompt: 'x', ...sizing }
      const parsed = parses(schema, body)
      expect(parsed, JSON.stringify(sizing)).toEqual(body)
      expect(resolvedImageSize(parsed), JSON.stringify(sizing)).toEqual(size)
    }
  })

  it('computes the presets like the server (about base_size² pixels, sides floored to 64)', () => {
    // height = floor(sqrt(base² / ratio)), width = floor(height * ratio), each floored to 64
    const at1024: Record<string, [number, number]> = {
      '1:1': [1024, 1024],
      '4:5': [896, 1088],
      '3:4': [832, 1152],
      '2:3': [832, 1216],
      '9:16': [704, 1344],
      '5:4': [1088, 896],
      '4:3': [1152, 832],
      '3:2': [1216, 832],
      '16:9': [1344, 768],
      '21:9': [1536, 640],
    }
    expect(ASPECT_RATIOS).toHaveLength(10)
    expect(Object.keys(ASPECT_RATIO_PRESETS).sort()).toEqual([...ASPECT_RATIOS].sort())
    for (const ratio of ASPECT_RATIOS) {
      const [width, height] = at1024[ratio]!
      expect(aspectRatioSize(ratio), ratio).toEqual({ width, height })
      expect(aspectRatioSize(ratio, 1024), ratio).toEqual({ width, height })
      expect(ASPECT_RATIO_PRESETS[ratio], ratio).toMatchObject({ width, height })
    }
    expect(ASPECT_RATIO_PRESETS['1:1'].label).toBe('Square')
    expect(ASPECT_RATIO_PRESETS['9:16'].label).toBe('Portrait')
    expect(ASPECT_RATIO_PRESETS['16:9'].label).toBe('Landscape')
    expect(ASPECT_RATIO_PRESETS['21:9'].label).toBe('Ultrawide')
    // other base sizes: 16:9 at 512 → h 384, w 682 → 640; 3:4 at 2048 → h 2364, w 1773
    expect(aspectRatioSize('16:9', 512)).toEqual({ width: 640, height: 384 })
    expect(aspectRatioSize('1:1', 768)).toEqual({ width: 768, height: 768 })
    expect(aspectRatioSize('3:4', 2048)).toEqual({ width: 1728, height: 2304 })
  })

  it('uses the same schema for unknown models', () => {
    const schema = imageGenerateRequestSchemaFor('flux-next')
    expect(schema).toBe(imageGenerateRequestSchema)
    expect(parses(schema, { prompt: 'x', use_lora: true, cfg_scale: 7 })).toEqual({
      prompt: 'x',
      use_lora: true,
      cfg_scale: 7,
    })
    expect(parses(schema, { prompt: 'x', width: 512 })).toEqual({ prompt: 'x', width: 512 })
    rejects(schema, { prompt: 'x', cfg_scale: 21 }, 'cfg_scale')
  })
})

describe('pixel art and img2img', () => {
  it('sends only the pixel art fields given', () => {
    expect(parses(pixelArtGenerateRequestSchema, { prompt: 'golden coin' })).toEqual({
      prompt: 'golden coin',
    })
    expect(parses(pixelArtGenerateRequestSchema, { prompt: 'tile', size: 64 })).toEqual({
      prompt: 'tile',
      size: 64,
    })
    const documented = {
      prompt: 'golden coin',
      size: 32,
      remove_background: true,
      num_inference_steps: 9,
      seed: null,
      negative_prompt: 'blurry, realistic, photorealistic, 3d render, smooth gradients',
    }
    expect(parses(pixelArtGenerateRequestSchema, documented)).toEqual(documented)
    // The server's defaults, kept for reference.
    expect(PIXELART_DEFAULTS).toEqual({
      size: 32,
      remove_background: true,
      num_inference_steps: 9,
      negative_prompt: 'blurry, realistic, photorealistic, 3d render, smooth gradients',
    })
  })

  it('limits pixel art prompts and negative prompts', () => {
    rejects(pixelArtGenerateRequestSchema, { prompt: '' }, 'prompt')
    rejects(pixelArtGenerateRequestSchema, { prompt: 'a'.repeat(4097) }, 'prompt')
    expect(pixelArtGenerateRequestSchema.safeParse({ prompt: 'a'.repeat(4096) }).success).toBe(true)
    rejects(
      pixelArtGenerateRequestSchema,
      { prompt: 'x', negative_prompt: 'n'.repeat(2049) },
      'negative_prompt',
    )
    rejects(
      pixelArtGenerateRequestSchema,
      { prompt: 'x', num_inference_steps: 0 },
      'num_inference_steps',
    )
  })

  it('rejects bad pixel art sizes', () => {
    rejects(pixelArtGenerateRequestSchema, { prompt: 'x', size: 4 }, 'size')
    rejects(pixelArtGenerateRequestSchema, { prompt: 'x', size: 1024 }, 'size')
    rejects(
      pixelArtGenerateRequestSchema,
      { prompt: 'x', remove_background: 'yes' },
      'remove_background',
    )
  })

  it('validates the img2img JSON body', () => {
    expect(parses(img2imgEditRequestSchema, { image: B64, prompt: 'smile' })).toEqual({
      image: B64,
      prompt: 'smile',
    })
    expect(
      parses(img2imgEditRequestSchema, { image: B64, prompt: 'smile', use_lora: true }),
    ).toEqual({ image: B64, prompt: 'smile', use_lora: true })
    // The server's defaults, kept for reference.
    expect(IMG2IMG_DEFAULTS).toEqual({
      negative_prompt: ' ',
      num_inference_steps: 20,
      true_cfg_scale: 4,
      use_lora: false,
    })
    const documented = {
      image: B64,
      prompt: 'Make the person look happy and smiling',
      negative_prompt: ' ',
      num_inference_steps: 20,
      true_cfg_scale: 4.0,
      seed: null,
      width: null,
      height: null,
      use_lora: false,
    }
    expect(parses(img2imgEditRequestSchema, documented)).toEqual(documented)
    rejects(img2imgEditRequestSchema, { prompt: 'smile' }, 'image')
    rejects(img2imgEditRequestSchema, { image: 'data:image/png;base64,xx', prompt: 'x' }, 'image')
    rejects(
      img2imgEditRequestSchema,
      { image: B64, prompt: 'x', negative_prompt: '' },
      'negative_prompt',
    )
    rejects(
      img2imgEditRequestSchema,
      { image: B64, prompt: 'x', num_inference_steps: 101 },
      'num_inference_steps',
    )
    rejects(
      img2imgEditRequestSchema,
      { image: B64, prompt: 'x', true_cfg_scale: 0.5 },
      'true_cfg_scale',
    )
    rejects(img2imgEditRequestSchema, { image: B64, prompt: 'x', width: 4000 }, 'width')
  })

  it('validates the img2img upload form, typed or as form text', () => {
    const image = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' })
    expect(
      parses(img2imgEditUploadFormSchema, {
        image,
        prompt: 'Change pose to sitting down',
        num_inference_steps: '25',
        true_cfg_scale: '1.5',
        use_lora: 'true',
        seed: '42',
      }),
    ).toMatchObject({ num_inference_steps: 25, true_cfg_scale: 1.5, use_lora: true, seed: 42 })
    expect(parses(img2imgEditUploadFormSchema, { image, prompt: 'x' })).toEqual({
      image,
      prompt: 'x',
    })
    rejects(
      img2imgEditUploadFormSchema,
      { image, prompt: 'x', negative_prompt: '' },
      'negative_prompt',
    )
    rejects(img2imgEditUploadFormSchema, { image, prompt: 'x', use_lora: 'maybe' }, 'use_lora')
    rejects(img2imgEditUploadFormSchema, { prompt: 'x' }, 'image')
    rejects(img2imgEditUploadFormSchema, { image: 'abc', prompt: 'x' }, 'image')
    rejects(
      img2imgEditUploadFormSchema,
      { image, prompt: 'x', num_inference_steps: 'ten' },
      'num_inference_steps',
    )
    rejects(
      img2imgEditUploadFormSchema,
      { image, prompt: 'x', num_inference_steps: '500' },
      'num_inference_steps',
    )
  })
})

describe('tts schemas', () => {
  it('lists the 17 documented languages', () => {
    expect(TTS_LANGUAGES).toHaveLength(17)
    expect(TTS_LANGUAGE_NAMES['zh-cn']).toBe('Chinese')
  })

  it('fills nothing in (the server applies TTS_DEFAULTS) and accepts the documented body', () => {
    expect(parses(ttsGenerateRequestSchema, { text: 'Hello', actor: 'Morgan' })).toEqual({
      text: 'Hello',
      actor: 'Morgan',
    })
    expect(TTS_DEFAULTS).toMatchObject({ language: 'en', temperature: 0.65, speed: 1 })
    const documented = {
      text: 'Hello, this is a test.',
      actor: 'My Actor',
      language: 'en',
      temperature: 0.65,
      speed: 1.0,
      split_sentences: true,
    }
    expect(parses(ttsGenerateRequestSchema, documented)).toEqual(documented)
  })

  it('rejects out-of-range values and unknown languages', () => {
    const base = { text: 'Hi', actor: 'Morgan' }
    rejects(ttsGenerateRequestSchema, { ...base, text: 'a'.repeat(10_001) }, 'text')
    rejects(ttsGenerateRequestSchema, { ...base, text: '' }, 'text')
    rejects(ttsGenerateRequestSchema, { ...base, temperature: 1.5 }, 'temperature')
    rejects(ttsGenerateRequestSchema, { ...base, speed: 0.25 }, 'speed')
    rejects(ttsGenerateRequestSchema, { ...base, language: 'xx' }, 'language')
    rejects(ttsGenerateRequestSchema, { text: 'Hi' }, 'actor')
    rejects(ttsGenerateRequestSchema, { ...base, voice: 'other' }, '')
  })

  it('validates the one-shot form', () => {
    expect(
      parses(ttsGenerateWithAudioFormSchema, {
        text: 'Hello, this is a test.',
        language: 'en',
        reference_audio: [file(), file()],
        speed: '1.25',
        split_sentences: 'false',
      }),
    ).toMatchObject({ speed: 1.25, split_sentences: false, language: 'en' })
    expect(
      parses(ttsGenerateWithAudioFormSchema, { text: 'x', reference_audio: file() }),
    ).not.toHaveProperty('temperature')
    rejects(ttsGenerateWithAudioFormSchema, { text: 'x' }, 'reference_audio')
    rejects(ttsGenerateWithAudioFormSchema, { text: 'x', reference_audio: [] }, 'reference_audio')
    rejects(
      ttsGenerateWithAudioFormSchema,
      { text: 'x', reference_audio: file(), speed: '3' },
      'speed',
    )
  })

  it('parses the history query', () => {
    expect(parses(ttsHistoryQuerySchema, {})).toEqual({ limit: 50 })
    expect(parses(ttsHistoryQuerySchema, { limit: '10' })).toEqual({ limit: 10 })
    rejects(ttsHistoryQuerySchema, { limit: '0' }, 'limit')
  })

  it('accepts the documented responses', () => {
    const languages = {
      languages: [
        { code: 'en', name: 'English' },
        { code: 'es', name: 'Spanish' },
      ],
    }
    const history = {
      entries: [
        {
          id: 'abc123',
          actor_name: 'Morgan',
          text: 'Hello, welcome to Silly Media!',
          language: 'en',
          duration_seconds: 2.5,
          created_at: '2024-01-15T10:30:00Z',
        },
      ],
      total: 1,
    }
    const models = {
      models: [
        {
          id: 'xtts-v2',
          name: 'XTTS v2',
          description: 'Voice cloning from reference audio. Supports 17 languages.',
          voice_control: 'reference_audio',
          languages: ['en', 'es', 'fr'],
          vram_gb: 2.0,
          supports_streaming: true,
        },
        {
          id: 'maya',
          name: 'Maya TTS',
          description:
            'Voice description with natural language. English only. Supports emotion tags.',
          voice_control: 'voice_description',
          languages: ['en'],
          vram_gb: 16.0,
          supports_streaming: true,
          emotion_tags: ['<laugh>', '<sigh>', '<whisper>'],
        },
      ],
      default: 'xtts-v2',
    }
    expect(parses(ttsLanguagesResponseSchema, languages)).toEqual(languages)
    expect(parses(ttsHistoryResponseSchema, history)).toEqual(history)
    expect(parses(ttsModelsResponseSchema, models)).toEqual(models)
    keepsUnknown(ttsHistoryResponseSchema, history)
    keepsUnknown(ttsModelsResponseSchema, models)
    const entry = history.entries[0]!
    expect(
      ttsHistoryResponseSchema.safeParse({ entries: [omit(entry, 'actor_name')], total: 1 })
        .success,
    ).toBe(true)
    expect(
      ttsModelsResponseSchema.safeParse({
        models: [{ ...models.models[0]!, voice_control: 'new_kind' }],
      }).success,
    ).toBe(true)
  })
})

describe('actor schemas', () => {
  const actor = {
    id: 'abc123',
    name: 'My Actor',
    language: 'en',
    description: 'A warm friendly voice',
    audio_count: 2,
    created_at: '2024-01-15T10:30:00Z',
    updated_at: '2024-01-15T10:30:00Z',
  }
  const audioFile = {
    id: 'file123',
    filename: 'reference_01.wav',
    original_name: 'my_recording.wav',
    duration_seconds: 8.5,
    created_at: '2024-01-15T10:35:00Z',
  }

  it('accepts the documented responses', () => {
    expect(parses(actorsListResponseSchema, { actors: [actor], total: 1 })).toEqual({
      actors: [actor],
      total: 1,
    })
    expect(parses(actorSchema, actor)).toEqual(actor)
    expect(parses(actorAudioFileSchema, audioFile)).toEqual(audioFile)
    expect(parses(actorAudioFilesResponseSchema, [audioFile])).toEqual([audioFile])
    keepsUnknown(actorSchema, actor)
    keepsUnknown(actorAudioFileSchema, audioFile)
    expect(actorSchema.safeParse(omit(actor, 'description')).success).toBe(true)
    expect(actorAudioFileSchema.safeParse(omit(audioFile, 'original_name')).success).toBe(true)
    rejects(actorSchema, omit(actor, 'name'), 'name')
  })

  it('reads timestamps in any form: zoned ISO as sent, other forms as the same instant in UTC', () => {
    const read = actorSchema.parse({
      ...actor,
      created_at: 1705314600,
      updated_at: '2024-01-15 10:30:00',
      audio_count: '2',
      language: null,
    })
    expect(read).toEqual({
      ...omit(actor, 'language'),
      created_at: '2024-01-15T10:30:00.000Z',
      updated_at: '2024-01-15T10:30:00.000Z',
    })
    expect(
      actorSchema.parse({ ...actor, created_at: '2024-01-15T12:30:00+02:00' }).created_at,
    ).toBe('2024-01-15T12:30:00+02:00')
    expect(actorSchema.parse({ ...actor, created_at: 'yesterday' }).created_at).toBeUndefined()
  })

  it('skips a listed actor or file without its id or name, reading the others', () => {
    const nameless = omit(actor, 'name')
    expect(actorsListResponseSchema.parse({ actors: [nameless, actor], total: '2' })).toEqual({
      actors: [actor],
      total: 2,
    })
    expect(actorAudioFilesResponseSchema.parse([omit(audioFile, 'id'), audioFile])).toEqual([
      audioFile,
    ])
    rejects(actorsListResponseSchema, { actors: null, total: 0 }, 'actors')
  })

  it('validates the create form', () => {
    expect(
      parses(actorCreateFormSchema, {
        name: 'Morgan',
        description: 'Deep authoritative voice',
        audio_files: file(),
      }),
    ).toMatchObject({ name: 'Morgan', language: 'en' })
    rejects(actorCreateFormSchema, { name: 'Morgan' }, 'audio_files')
    rejects(actorCreateFormSchema, { name: '', audio_files: file() }, 'name')
    rejects(actorCreateFormSchema, { name: 'M', language: 'xx', audio_files: file() }, 'language')
    expect(actorAudioAddFormSchema.safeParse({ audio_file: file() }).success).toBe(true)
    rejects(actorAudioAddFormSchema, {}, 'audio_file')
  })

  it('validates from-youtube requests', () => {
    const documented = {
      name: 'Interviewer',
      youtube_url: 'https://youtube.com/watch?v=VIDEO_ID',
      language: 'en',
      description: 'Voice from podcast interview',
      max_duration: 30,
      separate_vocals: true,
    }
    expect(parses(actorFromYoutubeRequestSchema, documented)).toEqual(documented)
    expect(
      parses(actorFromYoutubeRequestSchema, {
        name: 'Short',
        youtube_url: 'https://youtu.be/abc-DEF_1',
      }),
    ).toEqual({
      name: 'Short',
      youtube_url: 'https://youtu.be/abc-DEF_1',
      ...ACTOR_FROM_YOUTUBE_DEFAULTS,
    })
    for (const url of [
      'https://youtube.com/shorts/VIDEO_ID',
      'https://www.youtube.com/watch?v=VIDEO_ID&t=10',
    ]) {
      expect(actorFromYoutubeRequestSchema.safeParse({ name: 'x', youtube_url: url }).success).toBe(
        true,
      )
    }
    rejects(
      actorFromYoutubeRequestSchema,
      { name: 'x', youtube_url: 'https://vimeo.com/1' },
      'youtube_url',
    )
    rejects(
      actorFromYoutubeRequestSchema,
      { name: 'x', youtube_url: 'https://youtu.be/a', max_duration: 0 },
      'max_duration',
    )
  })
})

describe('maya schemas', () => {
  const mayaActor = {
    id: 'abc123',
    name: 'Friendly Sarah',
    voice_description: 'A young woman with a warm, friendly tone',
    created_at: '2024-01-15T10:30:00Z',
    updated_at: '2024-01-15T10:30:00Z',
  }

  it('fills nothing in and enforces ranges', () => {
    const body = {
      text: 'Hello! <laugh> That is hilarious!',
      voice_description: 'A young woman with a warm, friendly tone and slight British accent',
    }
    expect(parses(mayaGenerateRequestSchema, body)).toEqual(body)
    rejects(
      mayaGenerateRequestSchema,
      { ...body, voice_description: 'a'.repeat(501) },
      'voice_description',
    )
    rejects(mayaGenerateRequestSchema, { ...body, temperature: -0.1 }, 'temperature')
    rejects(mayaGenerateRequestSchema, { ...body, speed: 2.5 }, 'speed')
    rejects(mayaGenerateRequestSchema, { text: 'Hi' }, 'voice_description')
  })

  it('lists the documented emotion tags', () => {
    const documented = {
      tags: [...MAYA_EMOTION_TAGS],
      usage: "Insert tags inline in text, e.g., 'Hello! <laugh> That was funny!'",
    }
    expect(MAYA_EMOTION_TAGS).toHaveLength(17)
    expect(parses(mayaEmotionTagsResponseSchema, documented)).toEqual(documented)
    keepsUnknown(mayaEmotionTagsResponseSchema, documented)
    expect(mayaEmotionTagsResponseSchema.safeParse(omit(documented, 'usage')).success).toBe(true)
  })

  it('handles Maya actors', () => {
    expect(parses(mayaActorsListResponseSchema, { actors: [mayaActor], total: 1 })).toEqual({
      actors: [mayaActor],
      total: 1,
    })
    expect(parses(mayaActorSchema, mayaActor)).toEqual(mayaActor)
    keepsUnknown(mayaActorSchema, mayaActor)
    rejects(mayaActorSchema, omit(mayaActor, 'voice_description'), 'voice_description')
    expect(
      mayaActorCreateFormSchema.safeParse({ name: 'Narrator Bob', voice_description: 'Deep' })
        .success,
    ).toBe(true)
    rejects(mayaActorCreateFormSchema, { name: 'Narrator' }, 'voice_description')
    expect(parses(mayaActorUpdateFormSchema, { name: 'Updated Name' })).toEqual({
      name: 'Updated Name',
    })
    rejects(mayaActorUpdateFormSchema, { voice_description: '' }, 'voice_description')
  })
})

describe('video schemas', () => {
  const processing = {
    job_id: 'abc12345',
    status: 'processing',
    progress: 0.56,
    current_step: 28,
    total_steps: 50,
    elapsed_seconds: 45.2,
    video_url: null,
    thumbnail_url: null,
    error: null,
  }
  const completed = {
    job_id: 'abc12345',
    status: 'completed',
    progress: 1.0,
    current_step: 50,
    total_steps: 50,
    elapsed_seconds: 78.5,
    video_url: '/video/download/abc12345',
    thumbnail_url: '/video/thumbnail/abc12345',
    error: null,
  }
  const failed = {
    job_id: 'abc12345',
    status: 'failed',
    progress: 0.32,
    error: 'CUDA out of memory',
  }
  const history = {
    videos: [
      {
        id: 'abc12345',
        prompt: 'A red panda eating bamboo',
        model: 'hunyuan-video',
        resolution: '480p',
        aspect_ratio: '16:9',
        num_frames: 61,
        duration_seconds: 2.54,
        created_at: '2024-01-15T10:30:00Z',
        thumbnail_url: '/video/thumbnail/abc12345',
      },
    ],
    total: 1,
  }
  const models = {
    models: [
      {
        id: 'hunyuan-video',
        name: 'HunyuanVideo 1.5',
        loaded: false,
        supports_t2v: true,
        supports_i2v: true,
        estimated_vram_gb: 16.0,
      },
    ],
  }

  it('sends only the fields given; the server defaults stay for reference', () => {
    const prompt = 'A red panda eating bamboo in a bamboo forest'
    const parsed = parses(videoT2vRequestSchema, { prompt }) as Record<string, unknown>
    expect(parsed).toEqual({ prompt })
    for (const key of ['num_frames', 'num_inference_steps', 'guidance_scale', 'fps', 'audio']) {
      expect(key in parsed, key).toBe(false)
    }
    const every = {
      prompt,
      resolution: '720p',
      aspect_ratio: '9:16',
      num_frames: 121,
      num_inference_steps: 8,
      guidance_scale: 6.0,
      seed: 7,
      fps: 30,
      audio: false,
    }
    expect(parses(videoT2vRequestSchema, every)).toEqual(every)
    expect(parses(videoI2vRequestSchema, { prompt, image: B64, num_frames: 61 })).toEqual({
      prompt,
      image: B64,
      num_frames: 61,
    })
    expect(VIDEO_MODELS).toEqual(['hunyuan-video', 'ltx-2.5'])
    expect(VIDEO_DEFAULTS).toEqual({
      resolution: '480p',
      aspect_ratio: '16:9',
      num_frames: 45,
      num_inference_steps: 6,
      guidance_scale: 1,
      seed: -1,
      fps: 24,
      audio: true,
    })
  })

  it('takes the current server ranges: 9-241 frames, 1-100 steps, guidance 1-15, 12-30 fps', () => {
    const prompt = 'p'
    for (const body of [
      { num_frames: 9 },
      { num_frames: 200 },
      { num_frames: 241 },
      { num_inference_steps: 1 },
      { num_inference_steps: 100 },
      { guidance_scale: 1 },
      { guidance_scale: 15 },
      { fps: 12 },
      { fps: 30 },
      { audio: true },
    ]) {
      expect(parses(videoT2vRequestSchema, { prompt, ...body }), JSON.stringify(body)).toEqual({
        prompt,
        ...body,
      })
    }
  })

  it('rejects out-of-range values and bad enums', () => {
    const prompt = 'p'
    rejects(videoT2vRequestSchema, { prompt: 'a'.repeat(2001) }, 'prompt')
    rejects(videoT2vRequestSchema, { prompt, resolution: '1080p' }, 'resolution')
    rejects(videoT2vRequestSchema, { prompt, aspect_ratio: '4:3' }, 'aspect_ratio')
    rejects(videoT2vRequestSchema, { prompt, num_frames: 8 }, 'num_frames')
    rejects(videoT2vRequestSchema, { prompt, num_frames: 242 }, 'num_frames')
    rejects(videoT2vRequestSchema, { prompt, num_frames: 60.5 }, 'num_frames')
    rejects(videoT2vRequestSchema, { prompt, num_inference_steps: 0 }, 'num_inference_steps')
    rejects(videoT2vRequestSchema, { prompt, num_inference_steps: 101 }, 'num_inference_steps')
    rejects(videoT2vRequestSchema, { prompt, guidance_scale: 0.5 }, 'guidance_scale')
    rejects(videoT2vRequestSchema, { prompt, guidance_scale: 15.5 }, 'guidance_scale')
    rejects(videoT2vRequestSchema, { prompt, seed: -5 }, 'seed')
    rejects(videoT2vRequestSchema, { prompt, fps: 11 }, 'fps')
    rejects(videoT2vRequestSchema, { prompt, fps: 60 }, 'fps')
    rejects(videoT2vRequestSchema, { prompt, audio: 'yes' }, 'audio')
    rejects(videoI2vRequestSchema, { prompt, image: B64, audio: 1 }, 'audio')
    rejects(videoI2vRequestSchema, { prompt }, 'image')
    rejects(videoT2vRequestSchema, { prompt, image: B64 }, '')
  })

  it('parses the history query', () => {
    expect(parses(videoHistoryQuerySchema, {})).toEqual({ limit: 50, offset: 0 })
    expect(parses(videoHistoryQuerySchema, { limit: '5', offset: '10' })).toEqual({
      limit: 5,
      offset: 10,
    })
    rejects(videoHistoryQuerySchema, { offset: '-1' }, 'offset')
  })

  it('accepts the documented responses', () => {
    const job = { job_id: 'abc12345', status: 'queued', estimated_time_seconds: 75.0 }
    expect(parses(videoJobResponseSchema, job)).toEqual(job)
    for (const status of [processing, completed, failed]) {
      expect(parses(videoStatusResponseSchema, status)).toEqual(status)
    }
    expect(parses(videoHistoryResponseSchema, history)).toEqual(history)
    expect(parses(videoModelsResponseSchema, models)).toEqual(models)
    expect(
      parses(videoDeleteResponseSchema, { status: 'deleted', job_id: 'abc12345' }),
    ).toBeTruthy()
    keepsUnknown(videoStatusResponseSchema, completed)
    keepsUnknown(videoHistoryResponseSchema, history)
    expect(
      videoStatusResponseSchema.safeParse({ ...processing, status: 'cancelled' }).success,
    ).toBe(true)
    expect(videoStatusResponseSchema.safeParse(omit(completed, 'thumbnail_url')).success).toBe(true)
    // The status is what the code needs; the job is known by the id it was polled with.
    rejects(videoStatusResponseSchema, omit(completed, 'status'), 'status')
    expect(videoStatusResponseSchema.safeParse(omit(completed, 'job_id')).success).toBe(true)
  })
})

describe('vision schemas', () => {
  it('fills nothing in and validates', () => {
    expect(
      parses(visionAnalyzeRequestSchema, { image: B64, query: 'What is in this image?' }),
    ).toEqual({ image: B64, query: 'What is in this image?' })
    const documented = {
      image: B64,
      query: 'What is in this image?',
      max_tokens: null,
      temperature: 0.7,
    }
    expect(parses(visionAnalyzeRequestSchema, documented)).toEqual(documented)
    rejects(visionAnalyzeRequestSchema, { query: 'x' }, 'image')
    rejects(visionAnalyzeRequestSchema, { image: B64, query: '' }, 'query')
    rejects(visionAnalyzeRequestSchema, { image: B64, query: 'x', max_tokens: 0 }, 'max_tokens')
    rejects(visionAnalyzeRequestSchema, { image: B64, query: 'x', temperature: 3 }, 'temperature')
    const image = new Blob([new Uint8Array([255, 216])], { type: 'image/jpeg' })
    expect(
      parses(visionAnalyzeUploadFormSchema, { image, query: 'Describe', max_tokens: '256' }),
    ).toEqual({ image, query: 'Describe', max_tokens: 256 })
    rejects(visionAnalyzeUploadFormSchema, { query: 'Describe' }, 'image')
  })

  it('accepts the documented responses', () => {
    const answer = {
      response:
        'This image shows a red panda sitting on a tree branch, eating bamboo leaves. The panda has distinctive reddish-brown fur with white markings on its face.',
      model: 'qwen3-vl-8b',
    }
    expect(parses(visionAnalyzeResponseSchema, answer)).toEqual(answer)
    keepsUnknown(visionAnalyzeResponseSchema, answer)
    expect(visionAnalyzeResponseSchema.safeParse(omit(answer, 'model')).success).toBe(true)
    expect(
      parses(visionModelsResponseSchema, { available: ['qwen3-vl-8b'], loaded: [] }),
    ).toBeTruthy()
  })
})

describe('llm schemas', () => {
  const chat = {
    messages: [
      { role: 'system', content: 'You are a creative storyteller.' },
      { role: 'user', content: 'Write a haiku about coding.' },
    ],
    temperature: 0.8,
    max_tokens: 2048,
  }
  const raw = {
    prompt: 'Write a haiku about coding.',
    system_prompt: 'You are a creative poet.',
    temperature: 0.8,
  }

  it('accepts both documented input forms as given (the server applies LLM_DEFAULTS)', () => {
    expect(parses(llmGenerateRequestSchema, chat)).toEqual(chat)
    expect(parses(llmGenerateRequestSchema, raw)).toEqual(raw)
    expect(LLM_DEFAULTS).toMatchObject({ temperature: 0.8, max_tokens: 32_768 })
    expect(
      llmGenerateRequestSchema.safeParse({ ...raw, messages: null, enable_thinking: true }).success,
    ).toBe(true)
  })

  it('requires exactly one of messages and prompt', () => {
    rejects(llmGenerateRequestSchema, { ...chat, prompt: 'also' }, 'prompt')
    rejects(llmGenerateRequestSchema, { ...chat, prompt: 'also' }, 'messages')
    rejects(llmGenerateRequestSchema, { temperature: 0.5 }, 'messages')
    rejects(llmGenerateRequestSchema, { messages: null, prompt: null }, 'prompt')
    rejects(llmGenerateRequestSchema, { ...chat, system_prompt: 'x' }, 'system_prompt')
  })

  it('enforces ranges and roles', () => {
    rejects(llmGenerateRequestSchema, { ...raw, temperature: 2.1 }, 'temperature')
    rejects(llmGenerateRequestSchema, { ...raw, top_p: 1.1 }, 'top_p')
    rejects(llmGenerateRequestSchema, { ...raw, top_k: 0 }, 'top_k')
    rejects(llmGenerateRequestSchema, { ...raw, max_tokens: 32_769 }, 'max_tokens')
    rejects(llmGenerateRequestSchema, { ...raw, repetition_penalty: 0.9 }, 'repetition_penalty')
    rejects(llmGenerateRequestSchema, { ...raw, min_p: 1.5 }, 'min_p')
    rejects(llmGenerateRequestSchema, { ...raw, seed: -3 }, 'seed')
    rejects(
      llmGenerateRequestSchema,
      { messages: [{ role: 'robot', content: 'x' }] },
      'messages.0.role',
    )
    rejects(llmGenerateRequestSchema, { messages: [] }, 'messages')
  })

  it('accepts the documented responses and stream events', () => {
    const response = {
      text: 'Fingers on the keys\nLogic flows like mountain streams\nBugs fade in the night',
      model: 'Huihui Qwen3 4B',
      input_tokens: 25,
      output_tokens: 18,
      generation_time_seconds: 1.23,
      seed: null,
    }
    expect(parses(llmGenerateResponseSchema, response)).toEqual(response)
    keepsUnknown(llmGenerateResponseSchema, response)
    expect(llmGenerateResponseSchema.safeParse(omit(response, 'seed')).success).toBe(true)
    expect(
      parses(llmModelsResponseSchema, { available: ['huihui-qwen3-4b'], loaded: [] }),
    ).toBeTruthy()
    for (const event of [
      { delta: 'Fingers', finish_reason: null },
      { delta: '', finish_reason: 'stop' },
    ]) {
      expect(parses(llmStreamEventSchema, event)).toEqual(event)
    }
    keepsUnknown(llmStreamEventSchema, { delta: 'x', finish_reason: null })
    expect(llmStreamEventSchema.safeParse({ delta: 'x' }).success).toBe(true)
  })
})

describe('music schemas', () => {
  const completed = {
    job_id: 'abc12345',
    status: 'completed',
    progress: 1.0,
    current_step: 8,
    total_steps: 8,
    elapsed_seconds: 24.5,
    audios: [
      { index: 0, seed: 42, sample_rate: 48000, download_url: '/music/download/abc12345/0' },
    ],
    error: null,
  }

  it('sends only the fields given and accepts the documented bodies', () => {
    const caption = 'upbeat pop, catchy melody, female singer, synth, drums'
    expect(parses(musicGenerateRequestSchema, { caption })).toEqual({ caption })
    const documented = {
      caption,
      lyrics: '[Verse]\nWoke up this morning with a smile\n\n[Chorus]\nLiving for today!',
      duration: 30.0,
      guidance_scale: 7.0,
      seed: -1,
      thinking: true,
      model: 'ace-step',
    }
    expect(parses(musicGenerateRequestSchema, documented)).toEqual(documented)
    const every = {
      caption: 'smooth jazz',
      lyrics: '',
      instrumental: true,
      bpm: 90,
      keyscale: 'Bb Major',
      timesignature: '4',
      duration: 60.0,
      vocal_language: 'en',
      inference_steps: 50,
      guidance_scale: 15.0,
      seed: 7,
      thinking: false,
      lm_temperature: 1.2,
      lm_cfg_scale: 3,
      audio_format: 'flac',
      batch_size: 4,
      model: 'ace-step-quality',
    }
    expect(parses(musicGenerateRequestSchema, every)).toEqual(every)
    expect(musicGenerateRequestSchema.safeParse({ caption, model: 'ace-step-next' }).success).toBe(
      true,
    )
  })

  it('names the current server models; its defaults stay for reference', () => {
    expect(MUSIC_MODELS).toEqual(['ace-step', 'ace-step-quality'])
    expect(MUSIC_DEFAULTS).toMatchObject({
      duration: 30,
      guidance_scale: 7,
      seed: -1,
      audio_format: 'wav',
      batch_size: 1,
      model: 'ace-step',
    })
  })

  it('takes the current server ranges', () => {
    const caption = 'c'
    for (const body of [
      { duration: 10 },
      { duration: 241 },
      { duration: 600 },
      { guidance_scale: 0 },
      { guidance_scale: 50 },
      { timesignature: '' },
      { timesignature: '5' },
      { timesignature: '4/4' },
      { timesignature: '12/8' },
      { keyscale: 'C# Minor' },
      { keyscale: 'k'.repeat(20) },
      { lyrics: 'a'.repeat(4096) },
    ]) {
      expect(
        parses(musicGenerateRequestSchema, { caption, ...body }),
        JSON.stringify(body),
      ).toEqual({ caption, ...body })
    }
  })

  it('rejects out-of-range values and bad enums', () => {
    const caption = 'c'
    rejects(musicGenerateRequestSchema, { caption: '' }, 'caption')
    rejects(musicGenerateRequestSchema, { caption: 'a'.repeat(513) }, 'caption')
    rejects(musicGenerateRequestSchema, { caption, lyrics: 'a'.repeat(4097) }, 'lyrics')
    rejects(musicGenerateRequestSchema, { caption, bpm: 20 }, 'bpm')
    rejects(musicGenerateRequestSchema, { caption, timesignature: '123456' }, 'timesignature')
    rejects(musicGenerateRequestSchema, { caption, timesignature: 4 }, 'timesignature')
    rejects(musicGenerateRequestSchema, { caption, keyscale: 'k'.repeat(21) }, 'keyscale')
    rejects(musicGenerateRequestSchema, { caption, duration: 5 }, 'duration')
    rejects(musicGenerateRequestSchema, { caption, duration: 601 }, 'duration')
    rejects(musicGenerateRequestSchema, { caption, inference_steps: 101 }, 'inference_steps')
    rejects(musicGenerateRequestSchema, { caption, guidance_scale: 51 }, 'guidance_scale')
    rejects(musicGenerateRequestSchema, { caption, guidance_scale: -1 }, 'guidance_scale')
    rejects(musicGenerateRequestSchema, { caption, lm_temperature: 2.5 }, 'lm_temperature')
    rejects(musicGenerateRequestSchema, { caption, lm_cfg_scale: 11 }, 'lm_cfg_scale')
    rejects(musicGenerateRequestSchema, { caption, vocal_language: '' }, 'vocal_language')
    rejects(musicGenerateRequestSchema, { caption, audio_format: 'ogg' }, 'audio_format')
    rejects(musicGenerateRequestSchema, { caption, batch_size: 5 }, 'batch_size')
    rejects(musicGenerateRequestSchema, { caption, model: '' }, 'model')
  })

  it('accepts the documented responses', () => {
    const processing = {
      job_id: 'abc12345',
      status: 'processing',
      progress: 0.5,
      current_step: 4,
      total_steps: 8,
      elapsed_seconds: 12.3,
      audios: null,
      error: null,
    }
    const models = {
      models: [
        {
          id: 'ace-step-turbo',
          name: 'ACE-Step 1.5 Turbo',
          loaded: false,
          default_steps: 8,
          estimated_vram_gb: 8.0,
        },
        {
          id: 'ace-step-sft',
          name: 'ACE-Step 1.5 SFT (Quality)',
          loaded: false,
          default_steps: 50,
          estimated_vram_gb: 8.0,
        },
      ],
    }
    const job = { job_id: 'abc12345', status: 'queued', estimated_time_seconds: 17.0 }
    const progress = { active: true, step: 4, total_steps: 8, percent: 50, elapsed: 12.3 }
    expect(parses(musicJobResponseSchema, job)).toEqual(job)
    expect(parses(musicStatusResponseSchema, processing)).toEqual(processing)
    expect(parses(musicStatusResponseSchema, completed)).toEqual(completed)
    expect(parses(musicModelsResponseSchema, models)).toEqual(models)
    expect(parses(musicProgressResponseSchema, progress)).toEqual(progress)
    expect(
      parses(musicDeleteResponseSchema, { status: 'deleted', job_id: 'abc12345' }),
    ).toBeTruthy()
    keepsUnknown(musicStatusResponseSchema, completed)
    keepsUnknown(musicModelsResponseSchema, models)
    expect(musicStatusResponseSchema.safeParse(omit(completed, 'error')).success).toBe(true)
    expect(
      musicStatusResponseSchema.safeParse({ job_id: 'j', status: 'failed', error: 'OOM' }).success,
    ).toBe(true)
    rejects(
      musicStatusResponseSchema,
      { ...completed, audios: [{ index: 0 }] },
      'audios.0.download_url',
    )
  })
})

describe('endpoint table', () => {
  const seed = readFileSync(
    new URL('../../../../shared/seeds/001_6bdf32008458403a.txt', import.meta.url),
    'utf8',
  )
  const documented = [...seed.matchAll(/^### `(GET|POST|PUT|PATCH|DELETE) ([^`\s]+)`\s*$/gm)].map(
    (match) => `${match[1]} ${match[2]}`,
  )
  const listed = ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`)
  const keysOf = (source: 'seed' | 'server') =>
    ENDPOINTS.filter((endpoint) => endpoint.source === source).map(
      (endpoint) => `${endpoint.method} ${endpoint.path}`,
    )
  /**
   * Every HTTP route of the current server (dearlordlt/silly-media, src/silly_media) that the
   * API document lacks, read from its code: main.py (`GET /loras`, commit 08be65b),
   * routers/sprite.py, routers/model3d.py and routers/comfyui.py. The comfyui router's
   * WebSocket `/ws` is left out on purpose: the SDK is fetch-only.
   */
  const serverOnly = [
    'GET /loras',
    'GET /sprite/progress',
    'POST /sprite/generate',
    'GET /model3d/models',
    'POST /model3d/generate',
    'GET /model3d/ref/{model_id}',
    'GET /model3d/download/{model_id}',
    'GET /model3d/list',
    'POST /prompt',
    'GET /queue',
    'POST /queue',
    'GET /history',
    'GET /history/{prompt_id}',
    'POST /history',
    'GET /view',
    'GET /system_stats',
    'GET /object_info',
    'GET /object_info/{node_class}',
    'GET /embeddings',
  ]

  it('has no duplicate (method, path) pairs', () => {
    expect(new Set(listed).size).toBe(listed.length)
  })

  it('lists every route of the current server: the API document, then the routes added since', () => {
    expect(documented).toHaveLength(57)
    expect([...keysOf('seed')].sort()).toEqual([...documented].sort())
    expect([...keysOf('server')].sort()).toEqual([...serverOnly].sort())
    expect(documented.filter((key) => serverOnly.includes(key))).toEqual([])
    expect(listed).toHaveLength(documented.length + serverOnly.length)
    // The document's rows come first, in its order.
    expect(listed.slice(0, documented.length)).toEqual(documented)
  })

  it('names only schemas that exist', () => {
    const exported = schemas as Record<string, unknown>
    for (const endpoint of ENDPOINTS) {
      const names: unknown[] = [endpoint.request, endpoint.response]
      if ('form' in endpoint) names.push(endpoint.form)
      if ('query' in endpoint) names.push(endpoint.query)
      if ('responseSchema' in endpoint) names.push(endpoint.responseSchema)
      for (const name of names) {
        if (typeof name === 'string' && name.endsWith('Schema')) {
          expect(exported[name], `${endpoint.method} ${endpoint.path}: ${name}`).toBeDefined()
        }
      }
      if (endpoint.request === 'multipart') expect('form' in endpoint).toBe(true)
      if (endpoint.response === 'json' || endpoint.response === 'sse') {
        expect('responseSchema' in endpoint, `${endpoint.method} ${endpoint.path}`).toBe(true)
      }
      if (endpoint.status === 204) expect(endpoint.response).toBe('empty')
    }
    expect(exported.imageGenerateRequestSchemas).toBe(imageGenerateRequestSchemas)
  })

  it('names the client method of every row, and the tasks whose handlers call it', () => {
    const client = new SillyMediaClient({ baseUrl: 'http://sidecar.test:4201' })
    const driver = local({ transport: client.transport })
    for (const endpoint of ENDPOINTS) {
      const method = endpoint.clientMethod
        .split('.')
        .reduce<unknown>((owner, key) => (owner as Record<string, unknown>)?.[key], client)
      expect(typeof method, `${endpoint.method} ${endpoint.path}: ${endpoint.clientMethod}`).toBe(
        'function',
      )
      for (const task of endpoint.tasks) expect(driver.tasks).toHaveProperty([task])
    }
    // Every task the driver does submits through at least one row; polled tasks poll one too.
    for (const task of Object.keys(driver.tasks)) {
      expect(
        ENDPOINTS.some(
          (endpoint) =>
            endpoint.method === 'POST' && (endpoint.tasks as readonly string[]).includes(task),
        ),
      ).toBe(true)
    }
    const polled = (task: string) =>
      ENDPOINTS.filter(
        (endpoint) =>
          endpoint.path.includes('/status/') &&
          (endpoint.tasks as readonly string[]).includes(task),
      )
    expect(polled('video.generate')).toHaveLength(1)
    expect(polled('music.generate')).toHaveLength(1)
  })
})
