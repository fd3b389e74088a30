/**
 * Images: `image.generate` (`POST /generate/{model}`, or `POST /pixelart/generate` for the
 * `pixel-art` model) and `image.edit` (`POST /img2img/edit/{model}`). Each is an inline job:
 * the request runs once the GPU slot is free, its progress read from the matching `/progress`.
 * The sidecar makes one image per call; core asks for more with several calls.
 */
import {
  type ImageEditInput,
  type ImageGenerateInput,
  type ImageOutput,
  type MediaFile,
  type TaskHandler,
  toMediaFile,
  UnsupportedError,
  type Warning,
} from '@atelier/core'
import { adjustedOption, type RequestContext, unsupportedOption } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { getImageProgress, getImg2ImgProgress, getPixelArtProgress } from '../client/health'
import { editImage, generateImage, generatePixelArt } from '../client/image'
import {
  IMAGE_MODEL_CAPABILITIES,
  IMAGE_MODELS,
  IMG2IMG_MODELS,
  imageGenerateRequestSchema,
  img2imgEditRequestSchema,
  isImageModelId,
  type ProgressResponse,
  pixelArtGenerateRequestSchema,
  resolvedImageSize,
} from '../schemas'
import { PROVIDER_ID, providerOptionsSchema } from './caller-fields'
import { PIXEL_ART_MODEL } from './models'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'

/** `providerOptions.local` of `image.generate`: any field of `/generate/{model}` or `/pixelart/generate`. */
export const imageGenerateOptionsSchema = providerOptionsSchema({
  ...imageGenerateRequestSchema.shape,
  ...pixelArtGenerateRequestSchema.shape,
})

/** `providerOptions.local` of `image.edit`: any field of `/img2img/edit/{model}` but the image. */
export const imageEditOptionsSchema = providerOptionsSchema(img2imgEditRequestSchema.shape, [
  'image',
])

/** What `image` and the `prompt` of `image.edit` are checked as before the image is read. */
const img2imgEditFieldsSchema = z.omit(img2imgEditRequestSchema, { image: true })

export function imageGenerateHandler(runtime: Runtime): TaskHandler<'image.generate'> {
  const { transport } = runtime
  return {
    models: [...IMAGE_MODELS, PIXEL_ART_MODEL],
    // The request is the job: aborting it is all a cancel can do; the GPU finishes the image.
    cancel: 'local',
    resumable: false,
    providerOptions: imageGenerateOptionsSchema,
    maxOutputsPerCall: 1,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'image.generate', input, context)
      const { model, warnings } = call
      // A split call's parts come with their own seeds (core counts them up per part).
      const seed = input.seed
      const seeds = seed !== undefined ? { seeds: [seed] } : {}
      const generate = (
        work: (request: RequestContext) => Promise<MediaFile>,
        endpoint: (request: RequestContext) => Promise<ProgressResponse>,
      ) =>
        call.inline<ImageOutput>(
          async (request) => ({ images: [await work(request)], warnings: [], ...seeds }),
          endpoint,
        )
      if (model === PIXEL_ART_MODEL) {
        const json = call.body(
          pixelArtGenerateRequestSchema,
          pixelArtBody({ ...input, seed }, warnings),
          'POST /pixelart/generate',
        )
        return generate(
          (request) => generatePixelArt(transport, json, request),
          (request) => getPixelArtProgress(transport, request),
        )
      }
      const body = call.merge(imageGenerateBody({ ...input, seed }, model, warnings))
      announceSize(body, input, warnings)
      const json = call.check(imageGenerateRequestSchema, body, `POST /generate/${model}`)
      return generate(
        (request) => generateImage(transport, model, json, request),
        (request) => getImageProgress(transport, request),
      )
    },
  }
}

export function imageEditHandler(runtime: Runtime): TaskHandler<'image.edit'> {
  const { transport } = runtime
  return {
    models: IMG2IMG_MODELS,
    cancel: 'local',
    resumable: false,
    providerOptions: imageEditOptionsSchema,
    maxOutputsPerCall: 1,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'image.edit', input, context)
      const { model } = call
      const json = call.body(
        img2imgEditFieldsSchema,
        imageEditBody(input, call.warnings),
        `POST /img2img/edit/${model}`,
      )
      // Read (and encoded) by the client once the slot is free, not while waiting for it.
      const image = toMediaFile(input.image, 'image/png')
      return call.inline<ImageOutput>(
        async (request) => ({
          images: [await editImage(transport, model, { ...json, image }, request)],
          warnings: [],
        }),
        (request) => getImg2ImgProgress(transport, request),
      )
    },
  }
}

/**
 * `POST /generate/{model}` body. What the model would ignore is left out with a warning; the
 * caller's provider options are added by the handler.
 */
export function imageGenerateBody(
  input: ImageGenerateInput,
  model: string,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.outputFormat && input.outputFormat !== 'png') {
    warnings.push(unsupportedOption('outputFormat', 'the sidecar returns PNG only'))
  }
  const capabilities = isImageModelId(model) ? IMAGE_MODEL_CAPABILITIES[model] : undefined
  const dropNegative = input.negativePrompt !== undefined && capabilities?.negativePrompt === false
  const dropGuidance = input.guidanceScale !== undefined && capabilities?.cfgScale === null
  if (dropNegative) {
    warnings.push(unsupportedOption('negativePrompt', `${model} runs without CFG and ignores it`))
  }
  if (dropGuidance) {
    warnings.push(unsupportedOption('guidanceScale', `${model} runs without CFG and ignores it`))
  }
  if (input.providerOptions?.[PROVIDER_ID]?.use_lora === true && capabilities?.lora === false) {
    warnings.push(unsupportedOption('providerOptions.local.use_lora', `${model} has no Turbo-LoRA`))
  }
  if (input.size && input.aspectRatio !== undefined) {
    warnings.push(
      unsupportedOption(
        'aspectRatio',
        'size is given, and the sidecar then ignores the aspect ratio',
      ),
    )
  }
  return {
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
  }
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
  const made = resolvedImageSize({
    width: typeof body.width === 'number' ? body.width : undefined,
    height: typeof body.height === 'number' ? body.height : undefined,
  })
  warnings.push(
    adjustedOption(
      'size',
      `the sidecar floors each side to a multiple of 64: ${width}x${height} becomes ${made.width}x${made.height}`,
    ),
  )
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
  if (input.guidanceScale !== undefined) {
    warnings.push(unsupportedOption('guidanceScale', 'pixel art has no CFG setting'))
  }
  return {
    prompt: input.prompt,
    ...(input.size ? { size: input.size.width } : {}),
    ...(input.negativePrompt !== undefined ? { negative_prompt: input.negativePrompt } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  }
}

/** `POST /img2img/edit/{model}` body without the image (the client encodes it when the work runs). */
export function imageEditBody(input: ImageEditInput, warnings: Warning[]): Record<string, unknown> {
  const operation = input.operation ?? 'edit'
  if (operation !== 'edit') {
    throw new UnsupportedError(
      `the sidecar edits by instruction only; operation "${operation}" is not available`,
      { provider: PROVIDER_ID },
    )
  }
  if (input.mask !== undefined) {
    throw new UnsupportedError(
      'the sidecar has no masked editing; omit mask and describe the change',
      { provider: PROVIDER_ID },
    )
  }
  if (input.strength !== undefined) {
    warnings.push(unsupportedOption('strength', 'img2img on the sidecar has no strength'))
  }
  if (input.outputFormat && input.outputFormat !== 'png') {
    warnings.push(unsupportedOption('outputFormat', 'PNG only'))
  }
  if (input.size && (input.size.width % 16 !== 0 || input.size.height % 16 !== 0)) {
    const floor = (value: number) => Math.floor(value / 16) * 16
    warnings.push(
      adjustedOption(
        'size',
        `the edit model floors each side to a multiple of 16: ${input.size.width}x${input.size.height} becomes ${floor(input.size.width)}x${floor(input.size.height)}`,
      ),
    )
  }
  return {
    prompt: input.prompt,
    ...(input.negativePrompt !== undefined ? { negative_prompt: input.negativePrompt } : {}),
    ...(input.steps !== undefined ? { num_inference_steps: input.steps } : {}),
    ...(input.guidanceScale !== undefined ? { true_cfg_scale: input.guidanceScale } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.size ? { width: input.size.width, height: input.size.height } : {}),
  }
}
