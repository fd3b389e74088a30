/**
 * Text to image: `GET /aspect-ratios`, `POST /generate/{model}` (main.py @ 08be65be),
 * `POST /pixelart/generate` with `GET /pixelart/progress` (routers/pixelart.py @ 2b2ffff0) and
 * `POST /sprite/generate` with `GET /sprite/progress` (routers/sprite.py @ 0641409e). All three
 * hold the GPU for `steps × imageStepMs` and report it on the server's one shared `progress`
 * object, which `/progress`, `/pixelart/progress` and `/sprite/progress` all read.
 *
 * Sizes follow `GenerateRequest.resolve_dimensions`: explicit sides are floored to 64 (one side
 * alone makes a square), `aspect_ratio` goes through `calculate_dimensions`, the default is
 * 1024×1024; `upscale` multiplies the result (rounded, capped at 8192 px). Pixel art is always
 * `size`×`size` RGBA; sprites are RGBA at the generation size, or with their longest side at
 * `output_size`. Step counts follow each model (`z-image-turbo` 9, `z-image` 30, `krea-2-turbo`
 * 8, `qwen-image-2512` 50 or 6 with `use_lora`, ...). Requested LoRAs must be installed
 * (`options.loras`) for models with a LoRA family, and are ignored by the others.
 *
 * Deviation: the pictures are a synthetic gradient (transparent results: a sprite), chosen by
 * the seed; no model runs and nothing in the prompt shows.
 */
import { encodePng } from '../media'
import type { CatalogModel } from './catalog'
import type { SidecarContext } from './context'
import { parseRequest } from './fastapi'
import { progressBody, progressFinish, progressStart, progressUpdate } from './gpu'
import { assertLoraInstalled, LoraNotFound } from './models'
import { listRepr, pyRound, validateModel, validationErrorText } from './pydantic'
import { HttpError, json, media } from './responses'
import type { Router } from './router'
import {
  ASPECT_RATIOS,
  calculateDimensions,
  GenerateRequest,
  type GenerateRequestValue,
  PixelArtRequest,
  resolveGenerateRequest,
  SpriteRequest,
} from './schemas'

/** `upscaler.MAX_OUTPUT_SIDE`. */
const MAX_UPSCALED_SIDE = 8192

/** `upscaler.validate`: the 400 text when the upscaled output would be too large. */
export function upscaleProblem(
  width: number | null,
  height: number | null,
  factor: number,
): string | undefined {
  if (width && height && Math.max(pyRound(width * factor), pyRound(height * factor)) > 8192) {
    return `Upscaled output would exceed ${MAX_UPSCALED_SIDE}px per side; lower upscale_factor or the size`
  }
  return undefined
}

/** `upscaler.upscale`'s output size (the factor is capped so no side exceeds 8192 px). */
export function upscaledSize(width: number, height: number, factor: number) {
  const longest = Math.max(width, height)
  const effective = longest * factor > MAX_UPSCALED_SIDE ? MAX_UPSCALED_SIDE / longest : factor
  return { width: pyRound(width * effective), height: pyRound(height * effective) }
}

/** Output size of `POST /generate/{model}` for a request's sizing fields. */
export function imageSize(request: {
  width?: number | null
  height?: number | null
  aspect_ratio?: string | null
  base_size?: number
}): { width: number; height: number } {
  const resolved = resolveGenerateRequest({
    width: request.width ?? null,
    height: request.height ?? null,
    aspect_ratio: request.aspect_ratio ?? null,
    base_size: request.base_size ?? 1024,
    loras: [],
    lora: null,
    lora_scale: 1,
  } as unknown as GenerateRequestValue)
  return { width: resolved.width, height: resolved.height }
}

const chooseSeed = (ctx: SidecarContext, seed: number | null | undefined) =>
  seed !== undefined && seed !== null && seed >= 0 ? seed : ctx.randomSeed()

/** Checks the LoRAs a model's `generate()` would load (`_sync_loras`); others ignore them. */
export function checkLoras(
  ctx: SidecarContext,
  model: CatalogModel,
  loras: readonly { name: string }[],
): void {
  if (!model.loraFamily) return
  for (const spec of loras) assertLoraInstalled(ctx, model.loraFamily, spec.name)
}

export function registerImageRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings, registry } = ctx

  /**
   * One synchronous image generation on the GPU: takes `model` (swapping if needed), starts the
   * shared progress at `announced`, runs `run` steps, and encodes the PNG `picture` gives.
   */
  const generate = async (job: {
    model: string
    label: string
    announced: number
    run: number
    /** What the model checks once loaded (LoRAs); may throw. */
    check?: () => void
    picture: () => Uint8Array<ArrayBuffer>
  }): Promise<Uint8Array<ArrayBuffer>> => {
    const end = gpu.begin()
    try {
      return await gpu.use(job.model, job.label, async () => {
        progressStart(state, 'image', job.announced)
        try {
          job.check?.()
          await gpu.steps(job.run, timings.imageStepMs, (step) =>
            progressUpdate(state, 'image', step),
          )
        } finally {
          progressFinish(state, 'image')
        }
        return job.picture()
      })
    } finally {
      end()
    }
  }

  router.add('GET', '/aspect-ratios', async () => {
    const body: Record<string, { name: string; dimensions_at_1024: [number, number] }> = {}
    for (const [value, name] of ASPECT_RATIOS) {
      body[value] = { name, dimensions_at_1024: calculateDimensions(value, 1024) }
    }
    return json(body)
  })

  router.add('POST', '/generate/{model}', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: GenerateRequest })
    const req = resolveGenerateRequest(body as GenerateRequestValue)
    const modelId = params.model ?? ''
    const model = registry.has('image', modelId) ? registry.get(modelId) : undefined
    if (!model) {
      throw new HttpError(
        404,
        `Model '${modelId}' not found. Available: ${listRepr(registry.available('image'))}`,
      )
    }
    if (req.upscale) {
      const problem = upscaleProblem(req.width, req.height, req.upscale_factor)
      if (problem) throw new HttpError(400, problem)
    }
    const steps = model.imageSteps?.(req.num_inference_steps, req.use_lora) ?? {
      run: req.num_inference_steps || 50,
      announced: req.num_inference_steps || 50,
    }
    const size = req.upscale
      ? upscaledSize(req.width, req.height, req.upscale_factor)
      : { width: req.width, height: req.height }
    const transparent = req.transparent && model.id === 'qwen-image-2.1'
    try {
      const png = await generate({
        model: model.id,
        label: `POST /generate/${model.id}`,
        announced: steps.announced,
        run: steps.run,
        check: () => checkLoras(ctx, model, req.loras),
        picture: () => encodePng({ ...size, alpha: transparent, seed: chooseSeed(ctx, req.seed) }),
      })
      return media(png, 'image/png')
    } catch (error) {
      if (error instanceof LoraNotFound) throw new HttpError(400, error.message)
      throw error
    }
  })

  router.add('GET', '/pixelart/progress', async () => json(progressBody(state, 'image')))

  router.add('POST', '/pixelart/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: PixelArtRequest })
    const req = body as {
      prompt: string
      negative_prompt: string
      num_inference_steps: number
      seed: number | null
      size: number
      remove_background: boolean
    }
    const enhanced = req.remove_background
      ? `${req.prompt}, pixel art style, thick dark outlines, high contrast, minimalist, isometric view, white background, centered, full shot, single object`
      : `texture of ${req.prompt}, pixel art style, top down view, flat 2d, seamless pattern, filling the frame, edge to edge, no border, no outlines`
    return media(
      await generate({
        model: 'z-image-turbo',
        label: 'POST /pixelart/generate',
        announced: req.num_inference_steps,
        run: req.num_inference_steps,
        check: () => {
          // The route builds a GenerateRequest from the enhanced prompt inside its try block.
          const inner = validateModel(GenerateRequest, {
            prompt: enhanced,
            negative_prompt: req.negative_prompt,
            num_inference_steps: req.num_inference_steps,
            seed: req.seed,
            width: 1024,
            height: 1024,
          })
          if (!inner.ok) {
            throw new HttpError(
              500,
              `Generation failed: ${validationErrorText('GenerateRequest', inner.errors)}`,
            )
          }
        },
        picture: () =>
          encodePng({
            width: req.size,
            height: req.size,
            alpha: true,
            ...(req.remove_background ? {} : { picture: 'gradient' as const }),
            seed: chooseSeed(ctx, req.seed),
          }),
      }),
      'image/png',
    )
  })

  router.add('GET', '/sprite/progress', async () => json(progressBody(state, 'image')))

  router.add('POST', '/sprite/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: SpriteRequest })
    const req = resolveGenerateRequest(
      body as GenerateRequestValue & {
        model: string
        remove_background: boolean
        output_size: number | null
      },
    )
    const model = registry.get(req.model)
    // `vram_manager.acquire_gpu` raises ValueError for a model it does not know: a 404 here.
    if (!model) throw new HttpError(404, `Unknown model: ${req.model}`)
    const announced = req.num_inference_steps || (req.model.includes('turbo') ? 9 : 30)
    const run = model.imageSteps?.(req.num_inference_steps, req.use_lora).run ?? announced
    let { width, height } = req
    if (req.output_size !== null) {
      const scale = req.output_size / Math.max(width, height)
      width = Math.max(1, pyRound(width * scale))
      height = Math.max(1, pyRound(height * scale))
    }
    try {
      const png = await generate({
        model: model.id,
        label: 'POST /sprite/generate',
        announced,
        run: model.types.includes('image') ? run : 0,
        check: () => {
          if (!model.types.includes('image')) {
            throw new HttpError(
              500,
              `Generation failed: '${model.className}' object has no attribute 'generate'`,
            )
          }
          checkLoras(ctx, model, req.loras)
        },
        picture: () =>
          encodePng({
            width,
            height,
            alpha: true,
            ...(req.remove_background ? {} : { picture: 'gradient' as const }),
            seed: chooseSeed(ctx, req.seed),
          }),
      })
      return media(png, 'image/png')
    } catch (error) {
      // The route maps every ValueError to 404, an unknown LoRA's included.
      if (error instanceof LoraNotFound) throw new HttpError(404, error.message)
      throw error
    }
  })
}
