/**
 * Image generation, pixel art and img2img: synchronous calls that hold the GPU for
 * `steps × imageStepMs` while their progress endpoint (`/progress`, `/pixelart/progress`,
 * `/img2img/progress`) reports the advancing step, then answer with a real PNG of the size the
 * request asked for.
 *
 * Sizing follows the API document: explicit `width`/`height` are rounded to the nearest
 * multiple of 64 (and kept within 64-2048); an `aspect_ratio` preset gives the document's
 * dimensions at `base_size` 1024 and scales them by `base_size / 1024`, again rounded to
 * multiples of 64; otherwise 1024×1024. Deviation: the pictures are a synthetic gradient
 * (pixel art: a sprite on transparency), chosen by the seed; no model runs.
 */
import {
  ASPECT_RATIO_PRESETS,
  ASPECT_RATIOS,
  type AspectRatio,
  IMAGE_LIMITS,
  imageGenerateRequestSchemaFor,
  img2imgEditRequestSchema,
  img2imgEditUploadFormSchema,
  isImageModelId,
  pixelArtGenerateRequestSchema,
} from '@atelier/local'
import { encodePng } from '../media'
import type { SidecarContext } from './context'
import { progressBody } from './gpu'
import { imageFromBase64, imageFromUpload } from './input-image'
import { availability, isModelOf } from './models'
import { json, media, modelNotFound } from './responses'
import type { Router } from './router'
import { formBody, jsonBody, type Schema } from './validation'

/** Enum names of the presets, as `GET /aspect-ratios` reports them. */
const ASPECT_RATIO_NAMES: Record<AspectRatio, string> = {
  '1:1': 'SQUARE',
  '4:5': 'PORTRAIT_4_5',
  '3:4': 'PORTRAIT_3_4',
  '2:3': 'PORTRAIT_2_3',
  '9:16': 'PORTRAIT_9_16',
  '5:4': 'LANDSCAPE_5_4',
  '4:3': 'LANDSCAPE_4_3',
  '3:2': 'LANDSCAPE_3_2',
  '16:9': 'LANDSCAPE_16_9',
  '21:9': 'LANDSCAPE_21_9',
}

const MULTIPLE = IMAGE_LIMITS.size.multiple
const roundToMultiple = (value: number) =>
  Math.max(MULTIPLE, Math.round(value / MULTIPLE) * MULTIPLE)

/** The sizing fields of `POST /generate/{model}`. */
export interface ImageSizing {
  width?: number
  height?: number
  aspect_ratio?: string
  base_size?: number
}

/** Output size of `POST /generate/{model}` for a (validated) request. */
export function imageSize(request: ImageSizing): { width: number; height: number } {
  const { min, max } = IMAGE_LIMITS.size
  if (request.width !== undefined && request.height !== undefined) {
    const fit = (value: number) => Math.min(max, Math.max(min, roundToMultiple(value)))
    return { width: fit(request.width), height: fit(request.height) }
  }
  const preset = ASPECT_RATIO_PRESETS[request.aspect_ratio as AspectRatio] as
    | { width: number; height: number }
    | undefined
  if (preset) {
    const scale = (request.base_size ?? IMAGE_LIMITS.baseSize.default) / 1024
    return {
      width: roundToMultiple(preset.width * scale),
      height: roundToMultiple(preset.height * scale),
    }
  }
  return { ...IMAGE_LIMITS.defaultSize }
}

interface ImageGenerateFields extends ImageSizing {
  seed?: number | null
  num_inference_steps?: number
}

/** Steps of a model whose schema fills no default (only reachable for unknown models). */
const FALLBACK_STEPS = 30

const chooseSeed = (ctx: SidecarContext, seed: number | null | undefined) =>
  seed !== undefined && seed !== null && seed >= 0 ? seed : ctx.randomSeed()

export function registerImageRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  /** Holds the GPU for `steps` steps on `channel`, then encodes the PNG. */
  const generate = async (
    model: string,
    label: string,
    channel: 'image' | 'pixelart' | 'img2img',
    steps: number,
    png: { width: number; height: number; alpha?: boolean; seed: number },
  ): Promise<Response> => {
    const end = gpu.begin()
    try {
      const bytes = await gpu.use(model, label, async () => {
        await gpu.steps(channel, steps, timings.imageStepMs)
        return encodePng(png)
      })
      return media(bytes, 'image/png')
    } finally {
      end()
    }
  }

  router.add('GET', '/aspect-ratios', async () => {
    const body: Record<string, { name: string; dimensions_at_1024: [number, number] }> = {}
    for (const ratio of ASPECT_RATIOS) {
      const { width, height } = ASPECT_RATIO_PRESETS[ratio]
      body[ratio] = { name: ASPECT_RATIO_NAMES[ratio], dimensions_at_1024: [width, height] }
    }
    return json(body)
  })

  router.add('POST', '/generate/{model}', async (request, { model = '' }) => {
    if (!isImageModelId(model)) throw modelNotFound(model)
    const schema = imageGenerateRequestSchemaFor(model) as Schema<ImageGenerateFields>
    const body = await jsonBody(request, schema)
    const { width, height } = imageSize(body)
    const steps = body.num_inference_steps ?? FALLBACK_STEPS
    return generate(model, `POST /generate/${model}`, 'image', steps, {
      width,
      height,
      seed: chooseSeed(ctx, body.seed),
    })
  })

  router.add('GET', '/pixelart/progress', async () => json(progressBody(state, 'pixelart')))

  router.add('POST', '/pixelart/generate', async (request) => {
    const body = await jsonBody(request, pixelArtGenerateRequestSchema)
    return generate(
      'z-image-turbo',
      'POST /pixelart/generate',
      'pixelart',
      body.num_inference_steps,
      {
        width: body.size,
        height: body.size,
        alpha: body.remove_background,
        seed: chooseSeed(ctx, body.seed),
      },
    )
  })

  router.add('GET', '/img2img/models', async () => json(availability(state, 'img2img')))

  router.add('GET', '/img2img/progress', async () => json(progressBody(state, 'img2img')))

  router.add('POST', '/img2img/edit/{model}', async (request, { model = '' }) => {
    if (!isModelOf('img2img', model)) throw modelNotFound(model)
    const body = await jsonBody(request, img2imgEditRequestSchema)
    const input = imageFromBase64(body.image, 'Invalid image data: expected a base64 PNG or JPEG')
    return generate(model, `POST /img2img/edit/${model}`, 'img2img', body.num_inference_steps, {
      width: body.width ?? input.width,
      height: body.height ?? input.height,
      seed: chooseSeed(ctx, body.seed),
    })
  })

  router.add('POST', '/img2img/edit/{model}/upload', async (request, { model = '' }) => {
    if (!isModelOf('img2img', model)) throw modelNotFound(model)
    const form = await formBody(request, img2imgEditUploadFormSchema)
    const input = await imageFromUpload(form.image, 'Invalid image file')
    return generate(
      model,
      `POST /img2img/edit/${model}/upload`,
      'img2img',
      form.num_inference_steps,
      {
        width: form.width ?? input.width,
        height: form.height ?? input.height,
        seed: chooseSeed(ctx, form.seed),
      },
    )
  })
}
