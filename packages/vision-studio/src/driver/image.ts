/**
 * `image.generate` on Vision Studio: Bria (base 3.2/2.3, fast, HD, vectors, tailored LoRA
 * models), Google (Imagen, Gemini), OpenAI GPT Image, Firefly and Runway.
 */
import type { ImageOutput, ValidTaskInput, Warning } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import type { VisionStudioEndpoint } from '../client/endpoint'
import type { Transport } from '../client/transport'
import {
  briaImageGenerateEndpoint,
  briaImageGenerateFastEndpoint,
  briaImageGenerateHdEndpoint,
  briaImageGenerateVectorBaseEndpoint,
  briaImageGenerateVectorFastEndpoint,
  fireflyImageGenerateEndpoint,
  googleImageGeminiGenerateEndpoint,
  googleImageGenerateEndpoint,
  loRAImageGenerateEndpoint,
  openaiImageGenerateEndpoint,
  runwayImageGenerateEndpoint,
} from '../generated/endpoints'
import { mediaCompleted, mediaPlanner, type PlannedTask } from './jobs'
import { IMAGE_MODELS, parseModel, unknownModel } from './models'
import { type Plan, providerOptionsSchema, warnUnsupported } from './plan'
import { aspectRatioFor, pixelRatioFor, sizeForRatio } from './sizes'

type Input = ValidTaskInput<'image.generate'>
type ImagePlan = Plan<ImageOutput>

export const BRIA_RATIOS = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '16:9',
  '9:16',
  '4:5',
  '5:4',
] as const
export const IMAGEN_RATIOS = ['1:1', '9:16', '16:9', '3:4', '4:3'] as const
export const GPT_RATIOS = ['1:1', '2:3', '3:2'] as const
/**
 * GPT Image's labels for those shapes (width:height → label): the API document names `2:3`
 * landscape and `3:2` portrait, the reverse of width:height, and the driver follows it.
 */
export const GPT_RATIO_LABELS: Readonly<Record<string, string>> = {
  '1:1': '1:1',
  '3:2': '2:3',
  '2:3': '3:2',
}
/**
 * Runway's image sizes by shape: the document lists `1920:1080`; the portrait is the same size
 * turned. Other shapes and sizes become the nearest of the two, with a warning.
 */
export const RUNWAY_IMAGE_SHAPES: Readonly<Record<string, string>> = {
  '16:9': '1920:1080',
  '9:16': '1080:1920',
}

/** The endpoints `image.generate` maps onto, and the status routes that follow their tasks. */
export const IMAGE_GENERATE_ENDPOINTS = [
  briaImageGenerateEndpoint,
  briaImageGenerateFastEndpoint,
  briaImageGenerateHdEndpoint,
  briaImageGenerateVectorBaseEndpoint,
  briaImageGenerateVectorFastEndpoint,
  loRAImageGenerateEndpoint,
  googleImageGenerateEndpoint,
  googleImageGeminiGenerateEndpoint,
  openaiImageGenerateEndpoint,
  fireflyImageGenerateEndpoint,
  runwayImageGenerateEndpoint,
] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(IMAGE_GENERATE_ENDPOINTS)

interface BriaVariant {
  endpoint: VisionStudioEndpoint
  version?: string
  /** Whether the endpoint has `negative_prompt` and `text_guidance_scale`. */
  full: boolean
}

const BRIA: Record<string, BriaVariant> = {
  '3.2': { endpoint: briaImageGenerateEndpoint, version: '3.2', full: true },
  '2.3': { endpoint: briaImageGenerateEndpoint, version: '2.3', full: true },
  fast: { endpoint: briaImageGenerateFastEndpoint, full: false },
  hd: { endpoint: briaImageGenerateHdEndpoint, full: true },
  vector: { endpoint: briaImageGenerateVectorBaseEndpoint, full: true },
  'vector-fast': { endpoint: briaImageGenerateVectorFastEndpoint, full: false },
}

/** Images one call makes: Bria, Imagen and Firefly up to 4, GPT Image 10, Gemini and Runway one. */
export function imagesPerCall(model: string): number {
  const { provider, name } = parseModel(model)
  if (provider === 'openai') return 10
  if (provider === 'runway' || (provider === 'google' && name.startsWith('gemini'))) return 1
  return 4
}

const BRIA_FIELDS = {
  prompt: 'prompt',
  bria_model_version: 'model',
  num_results: 'n',
  aspect_ratio: 'aspectRatio',
  seed: 'seed',
  steps_num: 'steps',
  negative_prompt: 'negativePrompt',
  text_guidance_scale: 'guidanceScale',
} as const

function imageGeneratePlan(transport: Transport, input: Input, warnings: Warning[]): ImagePlan {
  const { provider, name } = parseModel(input.model)
  const plan = mediaPlanner(transport, 'images')
  if (input.outputFormat !== undefined) {
    warnings.push(
      unsupportedOption(
        'outputFormat',
        'Vision Studio answers in the format each provider produces (PNG; SVG for Bria vectors)',
      ),
    )
  }
  // A size becomes an aspect ratio on most endpoints: issues on it name what the caller gave.
  const ratioField = input.size !== undefined ? 'size' : 'aspectRatio'
  switch (provider) {
    case 'bria': {
      const variant = BRIA[name]
      if (!variant) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      const where = `Bria ${name}`
      if (!variant.full)
        warnUnsupported(warnings, input, ['negativePrompt', 'guidanceScale'], where)
      return plan(
        variant.endpoint,
        { ...BRIA_FIELDS, aspect_ratio: ratioField },
        {
          prompt: input.prompt,
          ...(variant.version ? { bria_model_version: variant.version } : {}),
          num_results: input.n ?? 1,
          aspect_ratio: aspectRatioFor(input, BRIA_RATIOS, warnings),
          seed: input.seed,
          steps_num: input.steps,
          ...(variant.full
            ? { negative_prompt: input.negativePrompt, text_guidance_scale: input.guidanceScale }
            : {}),
        },
      )
    }
    case 'bria-lora': {
      if (!name) throw unknownModel('image.generate', input.model, ['bria-lora/<model_id>'])
      warnUnsupported(
        warnings,
        input,
        ['negativePrompt', 'guidanceScale'],
        'Bria tailored generation',
      )
      return plan(
        loRAImageGenerateEndpoint,
        { ...BRIA_FIELDS, model_id: 'model', aspect_ratio: ratioField },
        {
          model_id: name,
          prompt: input.prompt,
          num_results: input.n ?? 1,
          aspect_ratio: aspectRatioFor(input, BRIA_RATIOS, warnings),
          seed: input.seed,
          steps_num: input.steps,
        },
      )
    }
    case 'google': {
      if (name.startsWith('gemini')) {
        // Gemini makes the images the prompt asks for; there is no count, size or seed field.
        warnUnsupported(
          warnings,
          input,
          ['negativePrompt', 'size', 'aspectRatio', 'seed', 'steps', 'guidanceScale'],
          'Gemini image generation',
        )
        return plan(
          googleImageGeminiGenerateEndpoint,
          { prompt: 'prompt' },
          { prompt: input.prompt },
        )
      }
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      warnUnsupported(
        warnings,
        input,
        ['negativePrompt', 'seed', 'steps', 'guidanceScale'],
        'Imagen generation',
      )
      return plan(
        googleImageGenerateEndpoint,
        {
          prompt: 'prompt',
          model_name: 'model',
          number_of_images: 'n',
          aspect_ratio: ratioField,
        },
        {
          prompt: input.prompt,
          model_name: name,
          number_of_images: input.n ?? 1,
          aspect_ratio: aspectRatioFor(input, IMAGEN_RATIOS, warnings),
        },
      )
    }
    case 'openai':
      warnUnsupported(
        warnings,
        input,
        ['negativePrompt', 'seed', 'steps', 'guidanceScale'],
        'GPT Image generation',
      )
      return plan(
        openaiImageGenerateEndpoint,
        { prompt: 'prompt', number_of_images: 'n', aspect_ratio: ratioField },
        {
          prompt: input.prompt,
          number_of_images: input.n ?? 1,
          aspect_ratio: aspectRatioFor(input, GPT_RATIOS, warnings, GPT_RATIO_LABELS),
        },
      )
    case 'firefly': {
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      warnUnsupported(warnings, input, ['steps', 'guidanceScale'], 'Firefly generation')
      const count = input.n ?? 1
      // Firefly makes one image per seed; without a seed, consecutive ones from a random start.
      const first = input.seed ?? Math.floor(Math.random() * 100_000)
      const size =
        input.size ?? (input.aspectRatio ? sizeForRatio(input.aspectRatio, 2048) : undefined)
      return plan(
        fireflyImageGenerateEndpoint,
        {
          x_model_version: 'model',
          prompt: 'prompt',
          negative_prompt: 'negativePrompt',
          seeds: input.seed !== undefined ? 'seed' : 'n',
          size: ratioField === 'size' ? 'size' : 'aspectRatio',
        },
        {
          x_model_version: name,
          prompt: input.prompt,
          negative_prompt: input.negativePrompt,
          seeds:
            input.seed !== undefined || count > 1
              ? Array.from({ length: count }, (_, index) => first + index)
              : undefined,
          size: size ? { width: size.width, height: size.height } : undefined,
        },
      )
    }
    case 'runway': {
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      warnUnsupported(
        warnings,
        input,
        ['negativePrompt', 'steps', 'guidanceScale'],
        'Runway image generation',
      )
      return plan(
        runwayImageGenerateEndpoint,
        { prompt: 'prompt', model: 'model', aspect_ratio: ratioField, seed: 'seed' },
        {
          prompt: input.prompt,
          model: name,
          aspect_ratio: pixelRatioFor(input, RUNWAY_IMAGE_SHAPES, warnings),
          seed: input.seed,
        },
      )
    }
    default:
      throw unknownModel('image.generate', input.model, IMAGE_MODELS)
  }
}

/** The `image.generate` handler's parts. */
export function imageGenerateTask(transport: Transport): PlannedTask<'image.generate'> {
  return {
    models: IMAGE_MODELS,
    // The weakest among the models: Bria jobs and synchronous calls can only stop being watched.
    cancel: 'local',
    resumable: true,
    providerOptions: OPTIONS,
    maxOutputsPerCall: (input) => imagesPerCall(input.model),
    plan: (input, warnings) => imageGeneratePlan(transport, input, warnings),
    completed: mediaCompleted(transport, 'images'),
  }
}
