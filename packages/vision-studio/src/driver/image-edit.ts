/**
 * `image.edit` on Vision Studio, by provider and operation:
 *
 * | operation            | bria                                   | google (Imagen / Gemini)     | openai     | firefly                    |
 * | -------------------- | -------------------------------------- | ---------------------------- | ---------- | -------------------------- |
 * | `edit`               | generate-variation                     | Gemini edit-image            | edit-image | —                          |
 * | `inpaint`            | inpaint                                | Imagen inpaint (insert)      | inpaint    | inpaint (fill)             |
 * | `expand`             | expand-image                           | Imagen expand-image          | —          | expand-image               |
 * | `erase`              | erase (mask) / erase-foreground        | Imagen inpaint (remove)      | —          | —                          |
 * | `remove-background`  | remove-background                      | —                            | —          | —                          |
 * | `replace-background` | generate-background; `bria/product`: product background by text | Imagen generate-background | — | generate-product-background |
 * | `upscale`            | upscale-image                          | —                            | —          | —                          |
 */
import type { ImageOutput, MediaInput, ValidTaskInput, Warning } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import type { Transport } from '../client/transport'
import {
  briaImageEraseEndpoint,
  briaImageEraseForegroundEndpoint,
  briaImageExpandEndpoint,
  briaImageGenerateBackgroundEndpoint,
  briaImageGenerateProductBackgroundByTextEndpoint,
  briaImageGenerateVariationEndpoint,
  briaImageInpaintEndpoint,
  briaImageRemoveBackgroundEndpoint,
  briaImageUpscaleEndpoint,
  fireflyImageExpandEndpoint,
  fireflyImageGenerateProductBackgroundEndpoint,
  fireflyImageInpaintEndpoint,
  googleImageEditEndpoint,
  googleImageExpandEndpoint,
  googleImageGenerateBackgroundEndpoint,
  googleImageInpaintEndpoint,
  openaiImageEditEndpoint,
  openaiImageInpaintEndpoint,
} from '../generated/endpoints'
import { BRIA_RATIOS, GPT_RATIO_LABELS, GPT_RATIOS } from './image'
import { mediaCompleted, mediaPlanner, type PlannedTask } from './jobs'
import { fireflySource, requireUrl, urlOrBase64, urlOrFile } from './media'
import { EDIT_MODELS, parseModel, unknownModel } from './models'
import { type Plan, providerOptionsSchema, refuse, required, warnUnsupported } from './plan'
import { aspectRatioFor, nearestValue } from './sizes'

type Input = ValidTaskInput<'image.edit'>

/** The endpoints `image.edit` maps onto (Firefly's upload, which it also calls, takes no options). */
export const IMAGE_EDIT_ENDPOINTS = [
  briaImageGenerateVariationEndpoint,
  briaImageInpaintEndpoint,
  briaImageExpandEndpoint,
  briaImageEraseEndpoint,
  briaImageEraseForegroundEndpoint,
  briaImageRemoveBackgroundEndpoint,
  briaImageGenerateBackgroundEndpoint,
  briaImageGenerateProductBackgroundByTextEndpoint,
  briaImageUpscaleEndpoint,
  googleImageEditEndpoint,
  googleImageInpaintEndpoint,
  googleImageExpandEndpoint,
  googleImageGenerateBackgroundEndpoint,
  openaiImageEditEndpoint,
  openaiImageInpaintEndpoint,
  fireflyImageInpaintEndpoint,
  fireflyImageExpandEndpoint,
  fireflyImageGenerateProductBackgroundEndpoint,
] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(IMAGE_EDIT_ENDPOINTS)

/** What Imagen `insert` is sent unless provider options say otherwise. */
const IMAGEN_INSERT_DEFAULTS = { mask_mode: 'MASK_MODE_BACKGROUND', mask_dilation: 0.1 } as const

/**
 * Images one call makes: Bria variations and product shots, Imagen expansion and backgrounds
 * up to 4, GPT Image edits 10; every other operation makes one.
 */
export function editsPerCall(input: Pick<Input, 'model' | 'operation'>): number {
  const operation = input.operation ?? 'edit'
  const { provider, name } = parseModel(input.model)
  if (provider === 'bria')
    return operation === 'edit' || (name === 'product' && operation === 'replace-background')
      ? 4
      : 1
  if (provider === 'google' && !name.startsWith('gemini'))
    return operation === 'expand' || operation === 'replace-background' ? 4 : 1
  if (provider === 'openai') return operation === 'edit' ? 10 : 1
  return 1
}

const EXPAND_PLACEMENT = [
  'position',
  'padding_left',
  'padding_right',
  'padding_top',
  'padding_bottom',
] as const

/**
 * Where Bria expansion puts the image on the canvas: the document's canvas mode takes
 * `canvas_size` with a `position` or padding percentages. Unless provider options give one of
 * them, the image sits in the middle of the side that grows (a wide canvas grows sideways).
 */
function expandPlacement(input: Input, size: { width: number; height: number }) {
  const options = (input.providerOptions?.['vision-studio'] ?? {}) as Record<string, unknown>
  if (EXPAND_PLACEMENT.some((key) => options[key] !== undefined)) return {}
  return { position: size.height > size.width ? 'center_vertical' : 'center_horizontal' }
}

function imageEditPlan(transport: Transport, input: Input, warnings: Warning[]): Plan<ImageOutput> {
  const operation = input.operation ?? 'edit'
  const { provider, name } = parseModel(input.model)
  const plan = mediaPlanner(transport, 'images')
  const nope = (where: string) =>
    refuse(
      `${where} cannot ${operation === 'edit' ? 'edit with a prompt' : operation} on Vision Studio; see the image.edit table in docs/providers/vision-studio.md`,
    )
  if (input.outputFormat !== undefined) {
    warnings.push(
      unsupportedOption(
        'outputFormat',
        'Vision Studio answers in the format each provider produces',
      ),
    )
  }
  const needPrompt = (where: string) => {
    if (input.prompt === undefined) throw required('prompt', `${where} needs a prompt`)
    return input.prompt
  }
  const needMask = (where: string): MediaInput => {
    if (input.mask === undefined) throw required('mask', `${where} needs a mask`)
    return input.mask
  }
  const needSize = (where: string) => {
    if (input.size === undefined) throw required('size', `${where} needs the target size`)
    return input.size
  }
  const count = input.n ?? 1

  switch (provider) {
    case 'bria': {
      if (name !== '' && name !== 'product')
        throw unknownModel('image.edit', input.model, EDIT_MODELS)
      if (name === 'product' && operation !== 'replace-background') throw nope('bria/product')
      switch (operation) {
        case 'edit':
          warnUnsupported(
            warnings,
            input,
            ['mask', 'negativePrompt', 'size', 'guidanceScale'],
            'Bria variations',
          )
          return plan(
            briaImageGenerateVariationEndpoint,
            {
              prompt: 'prompt',
              image_url: 'image',
              image_file: 'image',
              num_results: 'n',
              ref_image_influence: 'strength',
              seed: 'seed',
              steps_num: 'steps',
            },
            {
              prompt: needPrompt('Bria variations'),
              ...urlOrFile(input.image, 'image'),
              num_results: count,
              // The strength of the change is the opposite of how closely to follow the picture.
              ref_image_influence: input.strength !== undefined ? 1 - input.strength : undefined,
              seed: input.seed,
              steps_num: input.steps,
            },
          )
        case 'inpaint':
          warnUnsupported(
            warnings,
            input,
            ['strength', 'size', 'steps', 'guidanceScale'],
            'Bria inpainting',
          )
          return plan(
            briaImageInpaintEndpoint,
            {
              image: 'image',
              mask: 'mask',
              prompt: 'prompt',
              negative_prompt: 'negativePrompt',
              seed: 'seed',
            },
            {
              image: urlOrBase64(input.image),
              mask: urlOrBase64(needMask('Bria inpainting')),
              prompt: needPrompt('Bria inpainting'),
              negative_prompt: input.negativePrompt,
              seed: input.seed,
            },
          )
        case 'expand': {
          warnUnsupported(warnings, input, ['strength', 'steps', 'guidanceScale'], 'Bria expansion')
          const size = needSize('Bria expansion')
          return plan(
            briaImageExpandEndpoint,
            {
              image: 'image',
              canvas_size: 'size',
              prompt: 'prompt',
              negative_prompt: 'negativePrompt',
              seed: 'seed',
            },
            {
              image: urlOrBase64(input.image),
              canvas_size: [size.width, size.height],
              ...expandPlacement(input, size),
              prompt: input.prompt,
              negative_prompt: input.negativePrompt,
              seed: input.seed,
            },
          )
        }
        case 'erase':
          warnUnsupported(
            warnings,
            input,
            ['prompt', 'negativePrompt', 'strength', 'size', 'seed'],
            'Bria erasing',
          )
          return input.mask !== undefined
            ? plan(
                briaImageEraseEndpoint,
                { image: 'image', mask: 'mask' },
                { image: urlOrBase64(input.image), mask: urlOrBase64(input.mask) },
              )
            : plan(
                briaImageEraseForegroundEndpoint,
                { image: 'image' },
                { image: urlOrBase64(input.image) },
              )
        case 'remove-background':
          warnUnsupported(
            warnings,
            input,
            ['prompt', 'mask', 'size', 'seed'],
            'Bria background removal',
          )
          return plan(
            briaImageRemoveBackgroundEndpoint,
            { image: 'image' },
            { image: urlOrBase64(input.image) },
          )
        case 'replace-background':
          warnUnsupported(
            warnings,
            input,
            ['mask', 'strength', 'steps', 'guidanceScale'],
            'Bria background generation',
          )
          if (name === 'product') {
            warnUnsupported(warnings, input, ['negativePrompt', 'seed'], 'Bria product shots')
            return plan(
              briaImageGenerateProductBackgroundByTextEndpoint,
              {
                scene_description: 'prompt',
                image_url: 'image',
                image_file: 'image',
                num_results: 'n',
                aspect_ratio: 'size',
              },
              {
                scene_description: needPrompt('A Bria product shot'),
                ...urlOrFile(input.image, 'image'),
                num_results: count,
                aspect_ratio: input.size
                  ? aspectRatioFor({ size: input.size }, BRIA_RATIOS, warnings)
                  : undefined,
              },
            )
          }
          return plan(
            briaImageGenerateBackgroundEndpoint,
            { image: 'image', prompt: 'prompt', negative_prompt: 'negativePrompt', seed: 'seed' },
            {
              image: urlOrBase64(input.image),
              prompt: needPrompt('Bria background generation'),
              negative_prompt: input.negativePrompt,
              seed: input.seed,
            },
          )
        case 'upscale':
          warnUnsupported(warnings, input, ['prompt', 'mask', 'size', 'seed'], 'Bria upscaling')
          return plan(
            briaImageUpscaleEndpoint,
            { image: 'image', desired_increase: 'scale' },
            {
              image: urlOrBase64(input.image),
              desired_increase: nearestValue(input.scale ?? 2, [2, 4], 'scale', warnings),
            },
          )
      }
      break
    }
    case 'google': {
      const gemini = name.startsWith('gemini')
      if (name !== '' && name !== 'imagen' && !gemini)
        throw unknownModel('image.edit', input.model, EDIT_MODELS)
      const where = 'Google image editing'
      if (operation === 'edit') {
        warnUnsupported(
          warnings,
          input,
          ['mask', 'negativePrompt', 'strength', 'size', 'seed'],
          'Gemini editing',
        )
        return plan(
          googleImageEditEndpoint,
          { image_url: 'image', edit_prompt: 'prompt' },
          {
            image_url: requireUrl(input.image, 'image', 'Gemini editing'),
            edit_prompt: needPrompt('Gemini editing'),
          },
        )
      }
      if (gemini) throw nope('Gemini')
      if ((operation === 'inpaint' || operation === 'erase') && input.mask !== undefined) {
        throw refuse(
          'Imagen inpainting on Vision Studio masks by mode (`mask_mode` in provider options), not with a mask image',
        )
      }
      const inpaintFields = { operation_type: 'operation', image_url: 'image', prompt: 'prompt' }
      switch (operation) {
        case 'inpaint':
        case 'erase': {
          // One endpoint: `insert` fills by the prompt (which it needs), `remove` erases.
          const insert = operation === 'inpaint'
          const what = insert ? 'Imagen inpainting' : 'Imagen removal'
          warnUnsupported(warnings, input, ['negativePrompt', 'strength', 'size', 'seed'], what)
          if (!insert && input.prompt !== undefined) {
            // The document: a null prompt for `remove`, which the server sets empty anyway.
            warnings.push(
              unsupportedOption(
                'prompt',
                'Imagen removal ignores the prompt (the document sends it empty); choose what to remove with removal_mode and segmentation_classes in provider options',
              ),
            )
          }
          return plan(googleImageInpaintEndpoint, inpaintFields, {
            operation_type: insert ? 'insert' : 'remove',
            image_url: requireUrl(input.image, 'image', where),
            prompt: insert ? needPrompt(what) : undefined,
            // The document: `mask_mode` and `mask_dilation` are required for `insert`. Without a
            // mask image, what is added goes into the background (the subject stays); its own
            // default dilation. Both are defaults that provider options replace.
            ...(insert ? IMAGEN_INSERT_DEFAULTS : {}),
          })
        }
        case 'expand': {
          warnUnsupported(
            warnings,
            input,
            ['mask', 'negativePrompt', 'strength', 'seed'],
            'Imagen expansion',
          )
          const size = needSize('Imagen expansion')
          return plan(
            googleImageExpandEndpoint,
            {
              image_url: 'image',
              prompt: 'prompt',
              target_width: 'size',
              target_height: 'size',
              number_of_images: 'n',
            },
            {
              image_url: requireUrl(input.image, 'image', where),
              prompt: needPrompt('Imagen expansion'),
              target_width: size.width,
              target_height: size.height,
              number_of_images: count,
            },
          )
        }
        case 'replace-background':
          warnUnsupported(
            warnings,
            input,
            ['mask', 'negativePrompt', 'strength', 'size'],
            'Imagen background generation',
          )
          return plan(
            googleImageGenerateBackgroundEndpoint,
            { image_url: 'image', prompt: 'prompt', seed: 'seed', number_of_images: 'n' },
            {
              image_url: requireUrl(input.image, 'image', where),
              prompt: needPrompt('Imagen background generation'),
              seed: input.seed,
              number_of_images: count,
            },
          )
        default:
          throw nope('Imagen')
      }
    }
    case 'openai': {
      switch (operation) {
        case 'edit':
          warnUnsupported(
            warnings,
            input,
            ['mask', 'negativePrompt', 'strength', 'seed'],
            'GPT Image editing',
          )
          return plan(
            openaiImageEditEndpoint,
            { image_url: 'image', prompt: 'prompt', number_of_images: 'n', aspect_ratio: 'size' },
            {
              image_url: requireUrl(input.image, 'image', 'GPT Image editing'),
              prompt: needPrompt('GPT Image editing'),
              number_of_images: count,
              aspect_ratio: input.size
                ? aspectRatioFor({ size: input.size }, GPT_RATIOS, warnings, GPT_RATIO_LABELS)
                : undefined,
            },
          )
        case 'inpaint':
          warnUnsupported(
            warnings,
            input,
            ['negativePrompt', 'strength', 'size', 'seed'],
            'GPT Image inpainting',
          )
          return plan(
            openaiImageInpaintEndpoint,
            {
              prompt: 'prompt',
              image_url: 'image',
              image_file: 'image',
              mask_url: 'mask',
              mask_file: 'mask',
            },
            {
              prompt: needPrompt('GPT Image inpainting'),
              ...urlOrFile(input.image, 'image'),
              ...urlOrFile(needMask('GPT Image inpainting'), 'mask'),
            },
          )
        default:
          throw nope('GPT Image')
      }
    }
    case 'firefly': {
      const source = (media: MediaInput) => ({ source: fireflySource(transport, media) })
      const seeds = input.seed !== undefined ? [input.seed] : undefined
      const size = input.size ? { width: input.size.width, height: input.size.height } : undefined
      const fields = {
        image: 'image',
        mask: 'mask',
        prompt: 'prompt',
        negative_prompt: 'negativePrompt',
        seeds: 'seed',
        size: 'size',
      }
      warnUnsupported(warnings, input, ['strength', 'steps', 'guidanceScale'], 'Firefly')
      switch (operation) {
        case 'inpaint': {
          const mask = needMask('Firefly inpainting')
          return plan(fireflyImageInpaintEndpoint, fields, {
            image: source(input.image),
            mask: source(mask),
            prompt: input.prompt,
            negative_prompt: input.negativePrompt,
            seeds,
            size,
          })
        }
        case 'expand': {
          warnUnsupported(warnings, input, ['negativePrompt'], 'Firefly expansion')
          const mask = needMask('Firefly expansion (the document requires a mask)')
          return plan(fireflyImageExpandEndpoint, fields, {
            image: source(input.image),
            mask: source(mask),
            prompt: input.prompt,
            seeds,
            size,
          })
        }
        case 'replace-background': {
          warnUnsupported(warnings, input, ['negativePrompt'], 'Firefly product backgrounds')
          const prompt = needPrompt('Firefly product backgrounds')
          const mask = needMask('Firefly product backgrounds (the document requires a mask)')
          return plan(fireflyImageGenerateProductBackgroundEndpoint, fields, {
            prompt,
            image: source(input.image),
            mask: source(mask),
            seeds,
            size,
          })
        }
        default:
          throw nope('Firefly')
      }
    }
  }
  throw unknownModel('image.edit', input.model, EDIT_MODELS)
}

/** The `image.edit` handler's parts. */
export function imageEditTask(transport: Transport): PlannedTask<'image.edit'> {
  return {
    models: EDIT_MODELS,
    // The weakest among the models: Bria jobs and synchronous calls can only stop being watched.
    cancel: 'local',
    resumable: true,
    providerOptions: OPTIONS,
    maxOutputsPerCall: editsPerCall,
    plan: (input, warnings) => imageEditPlan(transport, input, warnings),
    completed: mediaCompleted(transport, 'images'),
  }
}
