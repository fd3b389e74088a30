/**
 * `ImageModelV3` / `ImageModelV4` over atelier's `image.generate`, and `image.edit` when the
 * call carries files (the first is the image to edit; `mask` is its mask). Images come back
 * as bytes; seeds, usage and the job's id in `providerMetadata.atelier`.
 */
import type { ImageModelV3, ImageModelV3CallOptions, SharedV3Warning } from '@ai-sdk/provider'
import { ValidationError } from '@atelier/core'
import type { Atelier } from 'atelier'
import { mediaInputOf } from './media'
import { runJob } from './run'
import {
  atelierOptionsOf,
  jsonObject,
  PROVIDER_KEY,
  prepareInput,
  providerNameOf,
  responseOf,
  specWarnings,
  unsupported,
} from './shared'
import type { ImageModelV4, SpecificationVersion } from './spec'

/** atelier's own limit on `n`; core splits it over calls where a provider takes fewer. */
const MAX_IMAGES_PER_CALL = 10

export function imageModel<V extends SpecificationVersion>(
  ai: Atelier,
  modelId: string,
  version: V,
): V extends 'v4' ? ImageModelV4 : ImageModelV3 {
  const model: Omit<ImageModelV3, 'specificationVersion'> = {
    provider: providerNameOf(modelId),
    modelId,
    maxImagesPerCall: MAX_IMAGES_PER_CALL,
    async doGenerate(options: ImageModelV3CallOptions) {
      const warnings: SharedV3Warning[] = []
      const { input, task } = prepareInput(modelId, () => imageInput(modelId, options, warnings))
      const { job, output } = await runJob(ai, task, input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
      })
      const images = await Promise.all(
        output.images.map((image) =>
          image.bytes(options.abortSignal ? { signal: options.abortSignal } : {}),
        ),
      )
      const seeds = 'seeds' in output ? output.seeds : undefined
      return {
        images,
        warnings: [...warnings, ...specWarnings(output.warnings)],
        // The AI SDK's generateImage keeps only `images` of a provider's metadata: what
        // belongs to the call (the job, usage) rides on the first image's entry.
        providerMetadata: {
          [PROVIDER_KEY]: {
            images: output.images.map((image, index) =>
              jsonObject({
                mediaType: image.mediaType,
                seed: seeds?.[index],
                task,
                jobId: job.resumable ? job.id : undefined,
                revisedPrompt: 'revisedPrompt' in output ? output.revisedPrompt : undefined,
                ...(index === 0
                  ? { usage: output.usage, providerMetadata: output.providerMetadata }
                  : {}),
              }),
            ),
          },
        },
        response: responseOf(modelId),
      }
    },
  }
  return { specificationVersion: version, ...model } as V extends 'v4' ? ImageModelV4 : ImageModelV3
}

/** The atelier input for an AI SDK image call: a generation, or an edit when files come along. */
function imageInput(
  modelId: string,
  options: ImageModelV3CallOptions,
  warnings: SharedV3Warning[],
): { task: 'image.generate' | 'image.edit'; input: Record<string, unknown> } {
  const fields = atelierOptionsOf(options.providerOptions)
  const size = sizeOf(options.size)
  const common = {
    ...fields,
    model: modelId,
    ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
    n: options.n,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(size ? { size } : {}),
  }
  const [image, ...others] = options.files ?? []
  if (!image) {
    if (options.mask) warnings.push(unsupported('mask', 'a mask needs an image to edit'))
    return {
      task: 'image.generate',
      input: {
        ...common,
        ...(options.aspectRatio !== undefined ? { aspectRatio: options.aspectRatio } : {}),
      },
    }
  }
  if (others.length > 0) {
    warnings.push(
      unsupported('files', `atelier edits one image; ${others.length} more were not sent`),
    )
  }
  if (options.aspectRatio !== undefined) {
    warnings.push(unsupported('aspectRatio', 'an edit keeps the shape of its image'))
  }
  return {
    task: 'image.edit',
    input: {
      ...common,
      image: mediaInputOf(image),
      ...(options.mask ? { mask: mediaInputOf(options.mask) } : {}),
    },
  }
}

/** `1024x768` as atelier's `{ width, height }`. */
export function sizeOf(size: string | undefined): { width: number; height: number } | undefined {
  if (size === undefined) return undefined
  const match = /^(\d+)x(\d+)$/.exec(size)
  if (!match) {
    throw new ValidationError([
      {
        path: ['size'],
        message: `must look like "1024x768" (got ${JSON.stringify(size)})`,
        rule: 'invalid_format',
      },
    ])
  }
  return { width: Number(match[1]), height: Number(match[2]) }
}
