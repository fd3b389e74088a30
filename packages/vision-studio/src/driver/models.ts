/**
 * Model ids of the `vision-studio` driver: `<provider>/<model>`, the provider's own model name
 * after the slash (`bria/3.2`, `google/imagen-4.0-generate-preview-06-06`, `runway/gen4_turbo`).
 * Through the facade they carry the driver id in front: `vision-studio/runway/gen4_turbo`.
 * The lists are hints for autocompletion and routing; other model names of a known provider
 * are passed on as they are.
 */
import { ValidationError } from '@atelier/core'

/** Provider id of the driver (in job refs, errors and `provider/model` addressing). */
export const PROVIDER_ID = 'vision-studio'

export const PROMPT_MODELS = ['openai', 'gemini', 'bria'] as const

export const VISION_MODELS = ['openai', 'gemini'] as const

export const IMAGE_MODELS = [
  'bria/3.2',
  'bria/2.3',
  'bria/fast',
  'bria/hd',
  'bria/vector',
  'bria/vector-fast',
  'google/imagen-4.0-generate-preview-06-06',
  'google/imagen-4.0-ultra-generate-preview-06-06',
  'google/imagen-4.0-fast-generate-preview-06-06',
  'google/imagen-3.0-generate-002',
  'google/gemini-2.0-flash',
  'openai/gpt-image-1',
  'firefly/image3',
  'runway/gen4_image',
  'runway/gen4_image_turbo',
] as const

export const EDIT_MODELS = [
  'bria',
  'bria/product',
  'google/imagen',
  'google/gemini-2.0-flash',
  'openai/gpt-image-1',
  'firefly',
] as const

export const VIDEO_MODELS = [
  'runway/gen4_turbo',
  'runway/gen3a_turbo',
  'runway/veo3',
  'runway/motion',
  'google/veo-2.0-generate-001',
] as const

export const SPEECH_MODELS = ['runway/eleven_multilingual_v2'] as const

export interface ModelRef {
  /** `bria`, `bria-lora`, `google`, `openai`, `firefly`, `runway`, or a bare provider id (`openai`). */
  provider: string
  /** What follows the first `/` (may be empty). */
  name: string
}

export function parseModel(model: string): ModelRef {
  const slash = model.indexOf('/')
  return slash < 0
    ? { provider: model, name: '' }
    : { provider: model.slice(0, slash), name: model.slice(slash + 1) }
}

/** A ValidationError for a model this task cannot run. */
export function unknownModel(
  task: string,
  model: string,
  known: readonly string[],
): ValidationError {
  return new ValidationError(
    [
      {
        path: ['model'],
        message: `${JSON.stringify(model)} is not a ${task} model of Vision Studio (models: ${known.join(', ')})`,
        rule: 'unknown_model',
      },
    ],
    { provider: PROVIDER_ID },
  )
}
