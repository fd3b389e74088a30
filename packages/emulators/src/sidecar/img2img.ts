/**
 * Image editing (routers/img2img.py @ 08be65be): `GET /img2img/models`,
 * `GET /img2img/progress`, `POST /img2img/edit/{model}` (base64 JSON) and
 * `POST /img2img/edit/{model}/upload` (multipart). Edits hold the GPU for their steps while
 * `img2img_progress` reports them, then answer a PNG.
 *
 * The checks run in the server's order: body validation (422), unknown model (404), no image
 * (400), upscale size, per-model output limit, LoRAs and reference images (400), then the image
 * itself (400). The multipart route validates its fields twice like the server: once as form
 * fields (standard 422), then by building an `Img2ImgRequest` by hand, whose failures come back
 * as a 422 with only `type`, `loc` (without `"body"`) and `msg`.
 *
 * Output size: `qwen-image-edit` keeps the input's size unless `width`/`height` are given (each
 * on its own), floored to 16 by its diffusers pipeline; `qwen-image-2.1` aims at about one
 * megapixel at the input's aspect unless told otherwise, on a grid of 32. Deviation: the result is a synthetic gradient (RGBA sprite when
 * the result is transparent); the input's pixels are not used.
 */
import { encodePng } from '../media'
import type { CatalogModel } from './catalog'
import type { SidecarContext } from './context'
import { formFile, formFiles, formValue, parseRequest } from './fastapi'
import { progressBody, progressFinish, progressStart, progressUpdate } from './gpu'
import { checkLoras, upscaledSize, upscaleProblem } from './image'
import { type InputImage, imageFromBase64, imageFromUpload } from './input-image'
import { availability, LoraNotFound } from './models'
import {
  bool,
  float,
  int,
  listRepr,
  optional,
  type PydanticError,
  pyRound,
  required,
  str,
  strRepr,
  validateModel,
} from './pydantic'
import { HttpError, json, media } from './responses'
import type { Router } from './router'
import { Img2ImgRequest, type Img2ImgRequestValue, LoraSpec, type LoraSpecValue } from './schemas'

/** A `ValueError` of `parse_lora_list` (the route answers 422 `Invalid loras: ...`). */
class LoraListError extends Error {}
/** A `ValidationError` raised while building a `LoraSpec` by hand. */
class LoraSpecError extends Error {
  constructor(readonly errors: PydanticError[]) {
    super('invalid LoraSpec')
  }
}

/** `parse_lora_list`: a JSON list of `{name, scale}`, or `"name:scale,name2"`. */
export function parseLoraList(value: string | null): LoraSpecValue[] {
  const text = value?.trim() ?? ''
  if (!text) return []
  const spec = (input: Record<string, unknown>): LoraSpecValue => {
    const result = validateModel<LoraSpecValue>(LoraSpec, input)
    if (!result.ok) throw new LoraSpecError(result.errors)
    return result.value
  }
  if (text.startsWith('[')) {
    let items: unknown
    try {
      items = JSON.parse(text)
    } catch {
      throw new LoraListError('Expecting value: line 1 column 2 (char 1)')
    }
    if (!Array.isArray(items)) throw new LoraListError(`'${typeof items}' object is not iterable`)
    return items.map((item) =>
      item !== null && typeof item === 'object' && !Array.isArray(item)
        ? spec(item as Record<string, unknown>)
        : spec({ name: item === null ? 'None' : String(item) }),
    )
  }
  const specs: LoraSpecValue[] = []
  for (const raw of text.split(',')) {
    const item = raw.trim()
    if (!item) continue
    const colon = item.lastIndexOf(':')
    if (colon < 0) {
      specs.push(spec({ name: item }))
      continue
    }
    const scaleText = item.slice(colon + 1).trim()
    const scale = scaleText === '' ? Number.NaN : Number(scaleText)
    if (Number.isNaN(scale)) {
      throw new LoraListError(
        `could not convert string to float: ${strRepr(item.slice(colon + 1))}`,
      )
    }
    specs.push(spec({ name: item.slice(0, colon), scale }))
  }
  return specs
}

/** Output size of an edit, before any upscale. */
export function editSize(
  model: CatalogModel,
  input: InputImage,
  width: number | null,
  height: number | null,
): { width: number; height: number } {
  if (model.id !== 'qwen-image-2.1') {
    // Diffusers' QwenImageEditPlusPipeline floors both sides to its grid of 16.
    const floor16 = (value: number) => Math.floor(value / 16) * 16
    return { width: floor16(width ?? input.width), height: floor16(height ?? input.height) }
  }
  let w: number
  let h: number
  const aspect = input.width / input.height
  if (width && height) {
    w = width
    h = height
  } else if (width) {
    w = width
    h = pyRound(width / aspect)
  } else if (height) {
    w = pyRound(height * aspect)
    h = height
  } else {
    const area = 1024 * 1024
    const exact = Math.sqrt(area * aspect)
    w = Math.max(32, pyRound(exact / 32) * 32)
    h = Math.max(32, pyRound(exact / aspect / 32) * 32)
  }
  return {
    width: Math.max(32, Math.floor(w / 32) * 32),
    height: Math.max(32, Math.floor(h / 32) * 32),
  }
}

export function registerImg2ImgRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings, registry } = ctx

  const resolveModel = (id: string): CatalogModel => {
    const model = registry.has('img2img', id) ? registry.get(id) : undefined
    if (!model) {
      throw new HttpError(
        404,
        `Model '${id}' not found. Available: ${listRepr(registry.available('img2img'))}`,
      )
    }
    return model
  }

  /** `_validate_request`. */
  const validateEdit = (model: CatalogModel, req: Img2ImgRequestValue, references: number) => {
    if (req.upscale) {
      const problem = upscaleProblem(req.width, req.height, req.upscale_factor)
      if (problem) throw new HttpError(400, problem)
    }
    const maxSide = model.maxSide ?? 2048
    for (const side of [req.width, req.height]) {
      if (side !== null && side > maxSide) {
        throw new HttpError(400, `Model '${model.id}' supports output sides up to ${maxSide}px`)
      }
    }
    if (req.loras.length > 0) {
      if (!model.loraFamily) throw new HttpError(400, `Model '${model.id}' does not support loras`)
      try {
        checkLoras(ctx, model, req.loras)
      } catch (error) {
        if (error instanceof LoraNotFound) throw new HttpError(400, error.message)
        throw error
      }
    }
    if (references > 0) {
      if (!model.referenceImages) {
        throw new HttpError(400, `Model '${model.id}' does not support reference_images`)
      }
      if (references > 9) {
        throw new HttpError(400, `Model '${model.id}' accepts up to 9 reference images`)
      }
    }
  }

  /** `_run_edit`. */
  const runEdit = async (model: CatalogModel, req: Img2ImgRequestValue, input: InputImage) => {
    const steps =
      model.imageSteps?.(req.num_inference_steps, req.use_lora).run ??
      (req.num_inference_steps || model.defaultSteps || 20)
    let size = editSize(model, input, req.width, req.height)
    if (size.width < 1 || size.height < 1) {
      // The pipeline cannot make an empty picture; `_run_edit` reports its exception.
      throw new HttpError(500, `Edit failed: cannot edit to ${size.width}x${size.height}`)
    }
    if (req.upscale) size = upscaledSize(size.width, size.height, req.upscale_factor)
    const transparent = model.id === 'qwen-image-2.1' && (req.transparent || input.alpha === true)
    const seed = req.seed !== null && req.seed >= 0 ? req.seed : ctx.randomSeed()
    const end = gpu.begin()
    try {
      const png = await gpu.use(model.id, `POST /img2img/edit/${model.id}`, async () => {
        progressStart(state, 'img2img', steps)
        try {
          await gpu.steps(steps, timings.imageStepMs, (step) =>
            progressUpdate(state, 'img2img', step),
          )
        } finally {
          progressFinish(state, 'img2img')
        }
        return encodePng({ ...size, alpha: transparent, seed })
      })
      return media(png, 'image/png')
    } finally {
      end()
    }
  }

  router.add('GET', '/img2img/progress', async () => json(progressBody(state, 'img2img')))

  // `Img2ImgRegistry` order: its own model first, Qwen-Image-2.1 (borrowed from the image
  // registry) after it — unlike `/health`, which lists the VRAM manager's order.
  router.add('GET', '/img2img/models', async () => {
    const { available, loaded } = availability(ctx, 'img2img')
    const own = available.filter((id) => !registry.has('image', id))
    return json({ available: [...own, ...available.filter((id) => !own.includes(id))], loaded })
  })

  router.add('POST', '/img2img/edit/{model}', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: Img2ImgRequest })
    const req = body as Img2ImgRequestValue
    const model = resolveModel(params.model ?? '')
    if (!req.image) throw new HttpError(400, 'image field required for JSON request')
    const references = req.reference_images ?? []
    validateEdit(model, req, references.length)
    const input = imageFromBase64(req.image)
    if (!input) throw new HttpError(400, 'Invalid base64 image')
    references.forEach((data, index) => {
      if (!imageFromBase64(data)) {
        throw new HttpError(400, `Invalid base64 reference image (image ${index + 2})`)
      }
    })
    return runEdit(model, req, input)
  })

  router.add('POST', '/img2img/edit/{model}/upload', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        image: formFile(),
        prompt: formValue(required(str())),
        negative_prompt: formValue(optional(str(), ' ')),
        num_inference_steps: formValue(optional(int(), null, true)),
        true_cfg_scale: formValue(optional(float(), null, true)),
        seed: formValue(optional(int(), null, true)),
        width: formValue(optional(int(), null, true)),
        height: formValue(optional(int(), null, true)),
        use_lora: formValue(optional(bool, false)),
        transparent: formValue(optional(bool, false)),
        loras: formValue(optional(str(), null, true)),
        upscale: formValue(optional(bool, false)),
        upscale_factor: formValue(optional(float(), 2)),
        upscale_model: formValue(optional(str(), 'clean')),
        reference_images: formFiles(false),
      },
    })
    const model = resolveModel(params.model ?? '')
    let loras: LoraSpecValue[]
    try {
      loras = parseLoraList(form.loras as string | null)
    } catch (error) {
      if (error instanceof LoraSpecError)
        throw new HttpError(422, { detail: shortErrors(error.errors) })
      if (error instanceof LoraListError)
        throw new HttpError(422, `Invalid loras: ${error.message}`)
      throw error
    }
    const built = validateModel<Img2ImgRequestValue>(Img2ImgRequest, {
      prompt: form.prompt,
      negative_prompt: form.negative_prompt,
      num_inference_steps: form.num_inference_steps,
      true_cfg_scale: form.true_cfg_scale,
      seed: form.seed,
      width: form.width,
      height: form.height,
      use_lora: form.use_lora,
      transparent: form.transparent,
      loras,
      upscale: form.upscale,
      upscale_factor: form.upscale_factor,
      upscale_model: form.upscale_model,
    })
    if (!built.ok) throw new HttpError(422, { detail: shortErrors(built.errors) })
    const req = built.value
    const references = (form.reference_images as File[] | null) ?? []
    validateEdit(model, req, references.length)
    const input = await imageFromUpload(form.image as File)
    if (!input) throw new HttpError(400, 'Invalid image file')
    for (const [index, file] of references.entries()) {
      if (!(await imageFromUpload(file))) {
        throw new HttpError(400, `Invalid reference image file (image ${index + 2})`)
      }
    }
    return runEdit(model, req, input)
  })
}

/** `e.errors(include_url=False, include_context=False, include_input=False)`. */
const shortErrors = (errors: readonly PydanticError[]) =>
  errors.map((error) => ({ type: error.type, loc: error.loc, msg: error.msg }))
