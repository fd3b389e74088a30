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
import type { RequestContext, ValidTaskInput, Warning } from '@atelier/core'
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
import { BRIA_RATIOS, GPT_RATIOS } from './images'
import type { Plan } from './jobs'
import { fireflySource, requireUrl, urlOrBase64, urlOrFile } from './media'
import { EDIT_MODELS, parseModel, unknownModel } from './models'
import {
  checkCount,
  extrasOf,
  planFor,
  refuse,
  required,
  unsupported,
  warnUnsupported,
} from './plan'
import { aspectRatioFor, nearestValue } from './sizes'

type Input = ValidTaskInput<'image.edit'>

export function imageEditPlan(input: Input, transport: Transport, warnings: Warning[]): Plan {
  const operation = input.operation ?? 'edit'
  const { provider, name } = parseModel(input.model)
  const extras = extrasOf(input)
  const common = input as unknown as Record<string, unknown>
  const nope = (where: string) =>
    refuse(
      `${where} cannot ${operation === 'edit' ? 'edit with a prompt' : operation} on Vision Studio; see the image.edit table in docs/providers/vision-studio.md`,
    )
  if (input.outputFormat !== undefined) {
    unsupported(
      warnings,
      'outputFormat',
      'Vision Studio answers in the format each provider produces',
    )
  }
  const needPrompt = (where: string) => {
    if (input.prompt === undefined) throw required('prompt', `${where} needs a prompt`)
    return input.prompt
  }
  const needMask = (where: string) => {
    if (input.mask === undefined) throw required('mask', `${where} needs a mask`)
    return input.mask
  }
  const needSize = (where: string) => {
    if (input.size === undefined) throw required('size', `${where} needs the target size`)
    return input.size
  }

  switch (provider) {
    case 'bria': {
      if (name !== '' && name !== 'product')
        throw unknownModel('image.edit', input.model, EDIT_MODELS)
      if (name === 'product' && operation !== 'replace-background') throw nope('bria/product')
      switch (operation) {
        case 'edit':
          warnUnsupported(
            warnings,
            common,
            ['mask', 'negativePrompt', 'size', 'guidanceScale'],
            'Bria variations',
          )
          return planFor(
            briaImageGenerateVariationEndpoint,
            extras,
            'images',
            async ({ signal }) => ({
              prompt: needPrompt('Bria variations'),
              ...(await urlOrFile(input.image, 'image', signal)),
              num_results: checkCount(input.n, 4, 'Bria'),
              // The strength of the change is the opposite of how closely to follow the picture.
              ref_image_influence: input.strength !== undefined ? 1 - input.strength : undefined,
              seed: input.seed,
              steps_num: input.steps,
            }),
          )
        case 'inpaint':
          warnUnsupported(
            warnings,
            common,
            ['strength', 'size', 'steps', 'guidanceScale'],
            'Bria inpainting',
          )
          return planFor(briaImageInpaintEndpoint, extras, 'images', async ({ signal }) => ({
            image: await urlOrBase64(input.image, signal),
            mask: await urlOrBase64(needMask('Bria inpainting'), signal),
            prompt: needPrompt('Bria inpainting'),
            negative_prompt: input.negativePrompt,
            seed: input.seed,
          }))
        case 'expand': {
          warnUnsupported(
            warnings,
            common,
            ['strength', 'steps', 'guidanceScale'],
            'Bria expansion',
          )
          const size = needSize('Bria expansion')
          return planFor(briaImageExpandEndpoint, extras, 'images', async ({ signal }) => ({
            image: await urlOrBase64(input.image, signal),
            canvas_size: [size.width, size.height],
            prompt: input.prompt,
            negative_prompt: input.negativePrompt,
            seed: input.seed,
          }))
        }
        case 'erase':
          warnUnsupported(
            warnings,
            common,
            ['prompt', 'negativePrompt', 'strength', 'size', 'seed'],
            'Bria erasing',
          )
          return input.mask !== undefined
            ? planFor(briaImageEraseEndpoint, extras, 'images', async ({ signal }) => ({
                image: await urlOrBase64(input.image, signal),
                mask: await urlOrBase64(input.mask!, signal),
              }))
            : planFor(briaImageEraseForegroundEndpoint, extras, 'images', async ({ signal }) => ({
                image: await urlOrBase64(input.image, signal),
              }))
        case 'remove-background':
          warnUnsupported(
            warnings,
            common,
            ['prompt', 'mask', 'size', 'seed'],
            'Bria background removal',
          )
          return planFor(
            briaImageRemoveBackgroundEndpoint,
            extras,
            'images',
            async ({ signal }) => ({
              image: await urlOrBase64(input.image, signal),
            }),
          )
        case 'replace-background':
          warnUnsupported(
            warnings,
            common,
            ['mask', 'strength', 'steps', 'guidanceScale'],
            'Bria background generation',
          )
          if (name === 'product') {
            warnUnsupported(warnings, common, ['negativePrompt', 'seed'], 'Bria product shots')
            return planFor(
              briaImageGenerateProductBackgroundByTextEndpoint,
              extras,
              'images',
              async ({ signal }) => ({
                scene_description: needPrompt('A Bria product shot'),
                ...(await urlOrFile(input.image, 'image', signal)),
                num_results: checkCount(input.n, 4, 'Bria'),
                aspect_ratio: input.size
                  ? aspectRatioFor({ size: input.size }, BRIA_RATIOS, warnings)
                  : undefined,
              }),
            )
          }
          return planFor(
            briaImageGenerateBackgroundEndpoint,
            extras,
            'images',
            async ({ signal }) => ({
              image: await urlOrBase64(input.image, signal),
              prompt: needPrompt('Bria background generation'),
              negative_prompt: input.negativePrompt,
              seed: input.seed,
            }),
          )
        case 'upscale':
          warnUnsupported(warnings, common, ['prompt', 'mask', 'size', 'seed'], 'Bria upscaling')
          return planFor(briaImageUpscaleEndpoint, extras, 'images', async ({ signal }) => ({
            image: await urlOrBase64(input.image, signal),
            desired_increase: nearestValue(input.scale ?? 2, [2, 4], 'scale', warnings),
          }))
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
          common,
          ['mask', 'negativePrompt', 'strength', 'size', 'seed', 'n'],
          'Gemini editing',
        )
        return planFor(googleImageEditEndpoint, extras, 'images', () => ({
          image_url: requireUrl(input.image, 'image', 'Gemini editing'),
          edit_prompt: needPrompt('Gemini editing'),
        }))
      }
      if (gemini) throw nope('Gemini')
      if ((operation === 'inpaint' || operation === 'erase') && input.mask !== undefined) {
        throw refuse(
          'Imagen inpainting on Vision Studio masks by mode (`mask_mode` in provider options), not with a mask image',
        )
      }
      switch (operation) {
        case 'inpaint':
          warnUnsupported(
            warnings,
            common,
            ['negativePrompt', 'strength', 'size', 'seed', 'n'],
            'Imagen inpainting',
          )
          return planFor(googleImageInpaintEndpoint, extras, 'images', () => ({
            operation_type: 'insert',
            image_url: requireUrl(input.image, 'image', where),
            prompt: needPrompt('Imagen inpainting'),
          }))
        case 'erase':
          warnUnsupported(
            warnings,
            common,
            ['negativePrompt', 'strength', 'size', 'seed', 'n'],
            'Imagen removal',
          )
          return planFor(googleImageInpaintEndpoint, extras, 'images', () => ({
            operation_type: 'remove',
            image_url: requireUrl(input.image, 'image', where),
            prompt: input.prompt,
          }))
        case 'expand': {
          warnUnsupported(
            warnings,
            common,
            ['mask', 'negativePrompt', 'strength', 'seed'],
            'Imagen expansion',
          )
          const size = needSize('Imagen expansion')
          return planFor(googleImageExpandEndpoint, extras, 'images', () => ({
            image_url: requireUrl(input.image, 'image', where),
            prompt: needPrompt('Imagen expansion'),
            target_width: size.width,
            target_height: size.height,
            number_of_images: checkCount(input.n, 4, 'Imagen'),
          }))
        }
        case 'replace-background':
          warnUnsupported(
            warnings,
            common,
            ['mask', 'negativePrompt', 'strength', 'size'],
            'Imagen background generation',
          )
          return planFor(googleImageGenerateBackgroundEndpoint, extras, 'images', () => ({
            image_url: requireUrl(input.image, 'image', where),
            prompt: needPrompt('Imagen background generation'),
            seed: input.seed,
            number_of_images: checkCount(input.n, 4, 'Imagen'),
          }))
        default:
          throw nope('Imagen')
      }
    }
    case 'openai': {
      switch (operation) {
        case 'edit':
          warnUnsupported(
            warnings,
            common,
            ['mask', 'negativePrompt', 'strength', 'seed'],
            'GPT Image editing',
          )
          return planFor(openaiImageEditEndpoint, extras, 'images', () => ({
            image_url: requireUrl(input.image, 'image', 'GPT Image editing'),
            prompt: needPrompt('GPT Image editing'),
            number_of_images: checkCount(input.n, 10, 'GPT Image'),
            aspect_ratio: input.size
              ? aspectRatioFor({ size: input.size }, GPT_RATIOS, warnings)
              : undefined,
          }))
        case 'inpaint':
          warnUnsupported(
            warnings,
            common,
            ['negativePrompt', 'strength', 'size', 'seed', 'n'],
            'GPT Image inpainting',
          )
          return planFor(openaiImageInpaintEndpoint, extras, 'images', async ({ signal }) => ({
            prompt: needPrompt('GPT Image inpainting'),
            ...(await urlOrFile(input.image, 'image', signal)),
            ...(await urlOrFile(needMask('GPT Image inpainting'), 'mask', signal)),
          }))
        default:
          throw nope('GPT Image')
      }
    }
    case 'firefly': {
      const source = (media: Parameters<typeof fireflySource>[1], context: RequestContext) =>
        fireflySource(transport, media, context)
      const seeds = input.seed !== undefined ? [input.seed] : undefined
      const size = input.size ? { width: input.size.width, height: input.size.height } : undefined
      warnUnsupported(warnings, common, ['strength', 'steps', 'guidanceScale'], 'Firefly')
      if ((input.n ?? 1) > 1)
        throw refuse('Firefly edits make one image per seed; give one seed per call')
      switch (operation) {
        case 'inpaint':
          return planFor(fireflyImageInpaintEndpoint, extras, 'images', async (context) => ({
            image: { source: await source(input.image, context) },
            mask: { source: await source(needMask('Firefly inpainting'), context) },
            prompt: input.prompt,
            negative_prompt: input.negativePrompt,
            seeds,
            size,
          }))
        case 'expand':
          warnUnsupported(warnings, common, ['negativePrompt'], 'Firefly expansion')
          return planFor(fireflyImageExpandEndpoint, extras, 'images', async (context) => ({
            image: { source: await source(input.image, context) },
            mask: {
              source: await source(
                needMask('Firefly expansion (the document requires a mask)'),
                context,
              ),
            },
            prompt: input.prompt,
            seeds,
            size,
          }))
        case 'replace-background':
          warnUnsupported(warnings, common, ['negativePrompt'], 'Firefly product backgrounds')
          return planFor(
            fireflyImageGenerateProductBackgroundEndpoint,
            extras,
            'images',
            async (context) => ({
              prompt: needPrompt('Firefly product backgrounds'),
              image: { source: await source(input.image, context) },
              mask: {
                source: await source(
                  needMask('Firefly product backgrounds (the document requires a mask)'),
                  context,
                ),
              },
              seeds,
              size,
            }),
          )
        default:
          throw nope('Firefly')
      }
    }
  }
  throw unknownModel('image.edit', input.model, EDIT_MODELS)
}
