/**
 * `image.generate` on Vision Studio: Bria (base 3.2/2.3, fast, HD, vectors, tailored LoRA
 * models), Google (Imagen, Gemini), OpenAI GPT Image, Firefly and Runway.
 */
import type { ValidTaskInput, Warning } from '@atelier/core'
import type { VisionStudioEndpoint } from '../endpoint'
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
import type { Plan } from './jobs'
import { IMAGE_MODELS, parseModel, unknownModel } from './models'
import { checkCount, extrasOf, planFor, refuse, unsupported, warnUnsupported } from './plan'
import { aspectRatioFor, pixelRatioFor, sizeForRatio } from './sizes'

type Input = ValidTaskInput<'image.generate'>

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
/** Runway's output sizes for the common shapes (it takes pixel ratios such as `1920:1080`). */
export const RUNWAY_IMAGE_SHAPES: Record<string, string> = {
  '16:9': '1920:1080',
  '9:16': '1080:1920',
  '1:1': '1024:1024',
  '4:3': '1440:1080',
  '3:4': '1080:1440',
  '21:9': '1808:768',
}

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

export function imageGeneratePlan(input: Input, warnings: Warning[]): Plan {
  const { provider, name } = parseModel(input.model)
  const extras = extrasOf(input)
  const common = input as unknown as Record<string, unknown>
  if (input.outputFormat !== undefined) {
    unsupported(
      warnings,
      'outputFormat',
      'Vision Studio answers in the format each provider produces (PNG; SVG for Bria vectors)',
    )
  }
  switch (provider) {
    case 'bria': {
      const variant = BRIA[name]
      if (!variant) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      const where = `Bria ${name}`
      if (!variant.full)
        warnUnsupported(warnings, common, ['negativePrompt', 'guidanceScale'], where)
      return planFor(variant.endpoint, extras, 'images', () => ({
        prompt: input.prompt,
        ...(variant.version ? { bria_model_version: variant.version } : {}),
        num_results: checkCount(input.n, 4, 'Bria'),
        aspect_ratio: aspectRatioFor(input, BRIA_RATIOS, warnings),
        seed: input.seed,
        steps_num: input.steps,
        ...(variant.full
          ? { negative_prompt: input.negativePrompt, text_guidance_scale: input.guidanceScale }
          : {}),
      }))
    }
    case 'bria-lora': {
      if (!name) throw unknownModel('image.generate', input.model, ['bria-lora/<model_id>'])
      warnUnsupported(
        warnings,
        common,
        ['negativePrompt', 'guidanceScale'],
        'Bria tailored generation',
      )
      return planFor(loRAImageGenerateEndpoint, extras, 'images', () => ({
        model_id: name,
        prompt: input.prompt,
        num_results: checkCount(input.n, 4, 'Bria'),
        aspect_ratio: aspectRatioFor(input, BRIA_RATIOS, warnings),
        seed: input.seed,
        steps_num: input.steps,
      }))
    }
    case 'google': {
      if (name.startsWith('gemini')) {
        // Gemini makes the images the prompt asks for; there is no count, size or seed field.
        if ((input.n ?? 1) > 1)
          throw refuse(
            'Gemini image generation has no image count: ask for several images in the prompt',
          )
        warnUnsupported(
          warnings,
          common,
          ['negativePrompt', 'size', 'aspectRatio', 'seed', 'steps', 'guidanceScale'],
          'Gemini image generation',
        )
        return planFor(googleImageGeminiGenerateEndpoint, extras, 'images', () => ({
          prompt: input.prompt,
        }))
      }
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      warnUnsupported(
        warnings,
        common,
        ['negativePrompt', 'seed', 'steps', 'guidanceScale'],
        'Imagen generation',
      )
      return planFor(googleImageGenerateEndpoint, extras, 'images', () => ({
        prompt: input.prompt,
        model_name: name,
        number_of_images: checkCount(input.n, 4, 'Imagen'),
        aspect_ratio: aspectRatioFor(input, IMAGEN_RATIOS, warnings),
      }))
    }
    case 'openai':
      warnUnsupported(
        warnings,
        common,
        ['negativePrompt', 'seed', 'steps', 'guidanceScale'],
        'GPT Image generation',
      )
      return planFor(openaiImageGenerateEndpoint, extras, 'images', () => ({
        prompt: input.prompt,
        number_of_images: checkCount(input.n, 10, 'GPT Image'),
        aspect_ratio: aspectRatioFor(input, GPT_RATIOS, warnings),
      }))
    case 'firefly': {
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      warnUnsupported(warnings, common, ['steps', 'guidanceScale'], 'Firefly generation')
      const count = checkCount(input.n, 4, 'Firefly')
      // Firefly makes one image per seed; without a seed, consecutive ones from a random start.
      const first = input.seed ?? Math.floor(Math.random() * 100_000)
      const size =
        input.size ?? (input.aspectRatio ? sizeForRatio(input.aspectRatio, 2048) : undefined)
      return planFor(fireflyImageGenerateEndpoint, extras, 'images', () => ({
        x_model_version: name,
        prompt: input.prompt,
        negative_prompt: input.negativePrompt,
        seeds:
          input.seed !== undefined || count > 1
            ? Array.from({ length: count }, (_, index) => first + index)
            : undefined,
        size: size ? { width: size.width, height: size.height } : undefined,
      }))
    }
    case 'runway': {
      if (!name) throw unknownModel('image.generate', input.model, IMAGE_MODELS)
      if ((input.n ?? 1) > 1) throw refuse('Runway makes one image per task')
      warnUnsupported(
        warnings,
        common,
        ['negativePrompt', 'steps', 'guidanceScale'],
        'Runway image generation',
      )
      return planFor(runwayImageGenerateEndpoint, extras, 'images', () => ({
        prompt: input.prompt,
        model: name,
        aspect_ratio: pixelRatioFor(input, RUNWAY_IMAGE_SHAPES, warnings),
        seed: input.seed,
      }))
    }
    default:
      throw unknownModel('image.generate', input.model, IMAGE_MODELS)
  }
}
