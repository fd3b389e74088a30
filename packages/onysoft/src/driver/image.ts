/**
 * `image.generate` and `image.edit` on the gateway's `image` alias. One task makes one image
 * (the backend fills `n` itself): core splits a larger `n` into several tasks.
 */
import { type ImageOutput, ValidationError, type ValidTaskInput, type Warning } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import { IMAGE_EDIT_MODELS, IMAGE_MODELS } from '../schemas'
import { gatewayAspectRatio } from './aspect-ratio'
import {
  droppedOptions,
  type Gateway,
  type GatewayHandler,
  gatewayHandler,
  PROVIDER_ID,
  refuse,
  type TaskRequest,
} from './gateway'
import { imageSource } from './media-input'
import type { OutputReader } from './snapshots'

/**
 * The images of a completed task as the output: `image_url(s)`, else the generic result URLs,
 * else `video_url` (the document's only result field, which the gateway may use for any task).
 */
const readImages: OutputReader<ImageOutput> = (_status, files, base) => {
  const images = files.of('image')
  return images.length ? { images, ...base } : 'image URLs'
}

/**
 * The body of an `image.generate` task. Image models take the same `aspect_ratio` values as
 * video models (16:9, 9:16, 1:1): another ratio becomes the nearest, with a warning.
 */
export function imageGenerateRequest(input: ValidTaskInput<'image.generate'>): TaskRequest {
  const warnings: Warning[] = []
  const aspectRatio = gatewayAspectRatio(input.aspectRatio, warnings)
  return {
    body: {
      prompt: input.prompt,
      aspect_ratio: aspectRatio,
      negative_prompt: input.negativePrompt,
    },
    fields: { prompt: 'prompt', aspect_ratio: 'aspectRatio', negative_prompt: 'negativePrompt' },
    warnings: [
      ...warnings,
      ...droppedOptions(input, {
        size: 'the gateway sizes images by aspectRatio and resolution (providerOptions.onysoft.resolution: 1K, 2K, 4K)',
        seed: 'the gateway takes no seed',
        steps: 'the gateway takes no step count',
        guidanceScale: 'the gateway takes no guidance scale',
        outputFormat: 'the model decides the file format',
      }),
    ],
  }
}

/** The body of an `image.edit` task; the source image and mask are read when not public URLs. */
export async function imageEditRequest(
  input: ValidTaskInput<'image.edit'>,
  signal: AbortSignal | undefined,
): Promise<TaskRequest> {
  const operation = input.operation ?? 'edit'
  if (operation === 'inpaint' && input.mask === undefined) {
    throw new ValidationError(
      [{ path: ['mask'], message: 'inpainting needs a mask', rule: 'required' }],
      { provider: PROVIDER_ID },
    )
  }
  if (operation !== 'edit' && operation !== 'inpaint' && operation !== 'upscale') {
    refuse(
      `operation "${operation}" has no documented gateway parameters; use "edit" with a prompt that says what to change`,
    )
  }
  if (
    operation === 'upscale' &&
    input.scale !== undefined &&
    input.scale !== 2 &&
    input.scale !== 4
  ) {
    throw new ValidationError(
      [{ path: ['scale'], message: 'the gateway upscales by 2 or 4', rule: 'invalid_value' }],
      { provider: PROVIDER_ID },
    )
  }
  const warnings = droppedOptions(input, {
    strength: 'the gateway takes no edit strength',
    size: 'the model keeps or picks the size',
    seed: 'the gateway takes no seed',
    steps: 'the gateway takes no step count',
    guidanceScale: 'the gateway takes no guidance scale',
    outputFormat: 'the model decides the file format',
  })
  if (operation !== 'upscale' && input.scale !== undefined)
    warnings.push(unsupportedOption('scale', 'scale applies to operation "upscale" only'))
  return {
    body: {
      prompt: input.prompt,
      image_url: await imageSource(input.image, 'image', signal),
      negative_prompt: input.negativePrompt,
      mask_url:
        input.mask !== undefined ? await imageSource(input.mask, 'mask', signal) : undefined,
      scale: operation === 'upscale' ? (input.scale ?? 2) : undefined,
    },
    fields: {
      prompt: 'prompt',
      image_url: 'image',
      negative_prompt: 'negativePrompt',
      mask_url: 'mask',
      scale: 'scale',
    },
    warnings,
  }
}

export function imageGenerateHandler(gateway: Gateway): GatewayHandler<'image.generate'> {
  return gatewayHandler(gateway, {
    task: 'image.generate',
    models: IMAGE_MODELS,
    maxOutputsPerCall: 1,
    build: imageGenerateRequest,
    read: readImages,
  })
}

export function imageEditHandler(gateway: Gateway): GatewayHandler<'image.edit'> {
  return gatewayHandler(gateway, {
    task: 'image.edit',
    models: IMAGE_EDIT_MODELS,
    maxOutputsPerCall: 1,
    build: (input, context) => imageEditRequest(input, context.signal),
    read: readImages,
  })
}
