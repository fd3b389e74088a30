import * as z from 'zod/mini'
import {
  base64Image,
  formBool,
  formInt,
  formNumber,
  intIn,
  numberIn,
  seed,
  text,
  upload,
} from './common'
import { modelAvailabilitySchema } from './health'
import { LORA_LIMITS, loraSpecSchema } from './loras'

// ---------------------------------------------------------------------------------------------
// Models, presets, ranges and defaults
// ---------------------------------------------------------------------------------------------

/** Text-to-image model ids served by `POST /generate/{model}` (and `model` of `/sprite/generate`). */
export const IMAGE_MODELS = [
  'z-image',
  'z-image-turbo',
  'qwen-image-2512',
  'ovis-image-7b',
  'krea-2-turbo',
] as const
export type ImageModelId = (typeof IMAGE_MODELS)[number]

/** The model the service treats as its default. */
export const DEFAULT_IMAGE_MODEL: ImageModelId = 'z-image-turbo'

/** `aspect_ratio` presets of `POST /generate/{model}`. */
export const ASPECT_RATIOS = [
  '1:1',
  '4:5',
  '3:4',
  '2:3',
  '9:16',
  '5:4',
  '4:3',
  '3:2',
  '16:9',
  '21:9',
] as const
export type AspectRatio = (typeof ASPECT_RATIOS)[number]

/**
 * The output size of a preset, computed the way the server's `calculate_dimensions` does: keep
 * about `baseSize`² pixels at the preset's ratio, then floor each side to a multiple of 64. (The
 * API document's table is off for 3:4, 9:16 and 4:3; `GET /aspect-ratios` is the server's word.)
 */
export function aspectRatioSize(
  aspectRatio: AspectRatio,
  baseSize = 1024,
): { width: number; height: number } {
  const [w, h] = aspectRatio.split(':').map(Number) as [number, number]
  const ratio = w / h
  const height = Math.floor(Math.sqrt((baseSize * baseSize) / ratio))
  const width = Math.floor(height * ratio)
  return { width: Math.floor(width / 64) * 64, height: Math.floor(height / 64) * 64 }
}

const PRESET_LABELS = {
  '1:1': 'Square',
  '4:5': 'Portrait',
  '3:4': 'Portrait',
  '2:3': 'Portrait',
  '9:16': 'Portrait',
  '5:4': 'Landscape',
  '4:3': 'Landscape',
  '3:2': 'Landscape',
  '16:9': 'Landscape',
  '21:9': 'Ultrawide',
} as const satisfies Record<AspectRatio, 'Square' | 'Portrait' | 'Landscape' | 'Ultrawide'>

/** Output size of each preset at `base_size` 1024, in pixels, as the server computes it. */
export const ASPECT_RATIO_PRESETS = /* @__PURE__ */ (() =>
  Object.fromEntries(
    ASPECT_RATIOS.map((ratio) => [
      ratio,
      { label: PRESET_LABELS[ratio], ...aspectRatioSize(ratio) },
    ]),
  ) as Record<
    AspectRatio,
    { label: 'Square' | 'Portrait' | 'Landscape' | 'Ultrawide'; width: number; height: number }
  >)()

/** Ranges shared by every image model, as the server's `GenerateRequest` checks them. */
export const IMAGE_LIMITS = {
  prompt: { max: 4096 },
  negativePrompt: { max: 2048 },
  /** `width`/`height`: pixels; the server floors each to a multiple of `multiple` (1000 → 960). */
  size: { min: 64, max: 2048, multiple: 64 },
  /** Output size when no sizing option is given. */
  defaultSize: { width: 1024, height: 1024 },
  /** `base_size`: pixels, used with `aspect_ratio`. */
  baseSize: { min: 256, max: 2048, default: 1024 },
  /** `num_inference_steps`. */
  steps: { min: 1, max: 100 },
  /** `cfg_scale`, for every model (0 for turbo models). */
  cfgScale: { min: 0, max: 20 },
} as const

/** Per-model defaults the server applies when a field is omitted (for reference; not sent). */
export const IMAGE_MODEL_DEFAULTS = {
  'z-image': { num_inference_steps: 30, cfg_scale: 4 },
  /** CFG is ignored; the model runs at 0.0 internally. */
  'z-image-turbo': { num_inference_steps: 9, cfg_scale: 0 },
  /** `cfg_scale` is used as Qwen's `true_cfg_scale`. */
  'qwen-image-2512': { num_inference_steps: 50, cfg_scale: 4 },
  'ovis-image-7b': { num_inference_steps: 50, cfg_scale: 5 },
  /** Guidance is off. */
  'krea-2-turbo': { num_inference_steps: 8, cfg_scale: 0 },
} as const satisfies Record<ImageModelId, { num_inference_steps: number; cfg_scale: number }>

/** Defaults of `qwen-image-2512` with `use_lora: true` (Turbo-LoRA). */
export const QWEN_IMAGE_LORA_DEFAULTS = { num_inference_steps: 6, cfg_scale: 1 } as const

/**
 * What each model does with the optional fields. The server accepts every field for every
 * model and ignores what a model cannot use; the driver turns an ignored field into a warning.
 * `cfgScale.recommended` is the documented useful range, not a limit.
 */
export const IMAGE_MODEL_CAPABILITIES = {
  'z-image': { cfgScale: { recommended: { min: 3, max: 5 } }, negativePrompt: true, lora: false },
  'z-image-turbo': { cfgScale: null, negativePrompt: false, lora: false },
  'qwen-image-2512': { cfgScale: {}, negativePrompt: true, lora: true },
  'ovis-image-7b': { cfgScale: {}, negativePrompt: true, lora: false },
  'krea-2-turbo': { cfgScale: null, negativePrompt: false, lora: false },
} as const satisfies Record<
  ImageModelId,
  {
    cfgScale: { recommended?: { min: number; max: number } } | null
    negativePrompt: boolean
    lora: boolean
  }
>

// ---------------------------------------------------------------------------------------------
// POST /generate/{model}
// ---------------------------------------------------------------------------------------------

const steps = () => intIn(IMAGE_LIMITS.steps.min, IMAGE_LIMITS.steps.max)
const imageSide = () => intIn(IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max)
/** A negative prompt of at most 2048 characters, optional. */
const negativePrompt = () =>
  z.optional(
    z
      .string('must be a string')
      .check(
        z.maxLength(
          IMAGE_LIMITS.negativePrompt.max,
          `must be at most ${IMAGE_LIMITS.negativePrompt.max} characters`,
        ),
      ),
  )

/** `upscale_model` values: `clean` (Real-ESRGAN x4plus, removes grain), `sharp` (4x-UltraSharp). */
export const UPSCALE_MODELS = ['clean', 'sharp'] as const

/** The ESRGAN upscale the server runs after generating or editing, when asked. */
const upscaleFields = /* @__PURE__ */ (() => ({
  /** Upscale the result (server default false). */
  upscale: z.optional(z.boolean()),
  /** Upscale factor, above 1 and at most 4 (server default 2.0). */
  upscale_factor: z.optional(
    z.number('must be a number').check(z.gt(1, 'must be above 1'), z.lte(4, 'must be at most 4')),
  ),
  /** Upscaler: `clean` or `sharp` (server default `clean`). */
  upscale_model: z.optional(z.enum(UPSCALE_MODELS, 'must be clean or sharp')),
}))()

/**
 * Fields of `GenerateRequest`, shared by `POST /generate/{model}` and `POST /sprite/generate`.
 * Sizing, as the server resolves it: `width` and `height` win; else `aspect_ratio` (scaled to
 * `base_size`); else one side alone makes a square; else 1024×1024. Sides are floored to 64.
 */
export const imageGenerateFields = /* @__PURE__ */ (() => ({
  /** What to draw, 1-4096 characters. */
  prompt: text(IMAGE_LIMITS.prompt.max),
  /** At most 2048 characters; ignored by models without CFG (z-image-turbo, krea-2-turbo). */
  negative_prompt: negativePrompt(),
  /** Denoising steps, 1-100; omitted: the model's default (an explicit `null` is a 422 there). */
  num_inference_steps: z.optional(steps()),
  /** Classifier-free guidance, 0.0-20.0; omitted: the model's default; ignored by turbo models. */
  cfg_scale: z.optional(numberIn(IMAGE_LIMITS.cfgScale.min, IMAGE_LIMITS.cfgScale.max)),
  /** `-1`, `null` or omitted: random. */
  seed: z.optional(z.nullable(seed())),
  /** Output width, 64-2048 (floored to a multiple of 64); alone, a square. */
  width: z.optional(z.nullable(imageSide())),
  /** Output height, 64-2048 (floored to a multiple of 64); alone, a square. */
  height: z.optional(z.nullable(imageSide())),
  /** Preset ratio; used when `width` and `height` are not both given. */
  aspect_ratio: z.optional(
    z.nullable(z.enum(ASPECT_RATIOS, 'must be one of the documented aspect ratios')),
  ),
  /** Pixel size the preset is scaled to, 256-2048 (server default 1024). */
  base_size: z.optional(intIn(IMAGE_LIMITS.baseSize.min, IMAGE_LIMITS.baseSize.max)),
  /** Turbo-LoRA (6 steps); used by `qwen-image-2512`, ignored by the others. */
  use_lora: z.optional(z.boolean()),
  /** User LoRAs to apply, `{name, scale}` each (names from `GET /loras?model=<id>`). */
  loras: z.optional(z.array(loraSpecSchema)),
  /** One LoRA by name: the older form of `loras`, still taken (folded into `loras`). */
  lora: z.optional(z.nullable(text(LORA_LIMITS.name.max))),
  /** Strength of `lora`, 0.0-2.0. */
  lora_scale: z.optional(z.nullable(numberIn(LORA_LIMITS.scale.min, LORA_LIMITS.scale.max))),
  /** Remove the background: a transparent PNG. */
  transparent: z.optional(z.boolean()),
  ...upscaleFields,
}))()

/**
 * Request body of `POST /generate/{model}`: the server's `GenerateRequest`, the same for every
 * model. Nothing is filled in; omitted fields take the model's defaults (`IMAGE_MODEL_DEFAULTS`).
 */
export const imageGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject(imageGenerateFields))()
export type ImageGenerateRequest = z.input<typeof imageGenerateRequestSchema>

/**
 * `POST /generate/{model}` request schemas by known model. The server has one request model for
 * all of them, so every entry is `imageGenerateRequestSchema`; kept per model for lookups.
 */
export const imageGenerateRequestSchemas = /* @__PURE__ */ (() =>
  Object.fromEntries(IMAGE_MODELS.map((model) => [model, imageGenerateRequestSchema])) as Record<
    ImageModelId,
    typeof imageGenerateRequestSchema
  >)()

/** Request body (as written by a caller) of `POST /generate/{model}` for a known model. */
export type ImageGenerateRequestFor<_M extends ImageModelId> = ImageGenerateRequest

/** Whether `model` is one of `IMAGE_MODELS`. */
export const isImageModelId = (model: string): model is ImageModelId =>
  (IMAGE_MODELS as readonly string[]).includes(model)

/** The request schema for `POST /generate/{model}` (one for every model, as on the server). */
export const imageGenerateRequestSchemaFor = (_model: string) => imageGenerateRequestSchema

/** The size the server makes for a request: its `resolve_dimensions`, for warnings and tests. */
export function resolvedImageSize(request: {
  width?: number | null
  height?: number | null
  aspect_ratio?: AspectRatio | null
  base_size?: number
}): { width: number; height: number } {
  const floor = (value: number) => Math.floor(value / 64) * 64
  const { width, height } = request
  if (width != null && height != null) return { width: floor(width), height: floor(height) }
  if (request.aspect_ratio != null) {
    return aspectRatioSize(request.aspect_ratio, request.base_size ?? IMAGE_LIMITS.baseSize.default)
  }
  if (width != null) return { width: floor(width), height: floor(width) }
  if (height != null) return { width: floor(height), height: floor(height) }
  return { ...IMAGE_LIMITS.defaultSize }
}

// ---------------------------------------------------------------------------------------------
// POST /pixelart/generate
// ---------------------------------------------------------------------------------------------

/** Server defaults of `POST /pixelart/generate` (which runs on z-image-turbo), for reference. */
export const PIXELART_DEFAULTS = {
  size: 32,
  remove_background: true,
  num_inference_steps: 9,
  negative_prompt: 'blurry, realistic, photorealistic, 3d render, smooth gradients',
} as const
/** `size` of `POST /pixelart/generate`: square output, in pixels. */
export const PIXELART_SIZE_RANGE = { min: 8, max: 512 } as const

/** Request body of `POST /pixelart/generate`. */
export const pixelArtGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Subject, e.g. "golden coin", 1-4096 characters; the server appends pixel-art style keywords. */
    prompt: text(IMAGE_LIMITS.prompt.max),
    /** Square output size in pixels, 8-512; server default 32. */
    size: z.optional(intIn(PIXELART_SIZE_RANGE.min, PIXELART_SIZE_RANGE.max)),
    /** Remove the background (transparent PNG); false for seamless tiles. Server default true. */
    remove_background: z.optional(z.boolean()),
    /** Denoising steps, 1-100; server default 9. */
    num_inference_steps: z.optional(steps()),
    /** `-1`, `null` or omitted: random. */
    seed: z.optional(z.nullable(seed())),
    /** At most 2048 characters; server default "blurry, realistic, photorealistic, 3d render, smooth gradients". */
    negative_prompt: negativePrompt(),
  }))()
export type PixelArtGenerateRequest = z.input<typeof pixelArtGenerateRequestSchema>
export type PixelArtGenerateRequestParsed = z.output<typeof pixelArtGenerateRequestSchema>

// ---------------------------------------------------------------------------------------------
// POST /img2img/edit/{model} and /img2img/edit/{model}/upload
// ---------------------------------------------------------------------------------------------

/**
 * Image editing model ids served by `POST /img2img/edit/{model}`; a server offers
 * `qwen-image-2.1` where its weights are installed.
 */
export const IMG2IMG_MODELS = ['qwen-image-edit', 'qwen-image-2.1'] as const
export type Img2ImgModelId = (typeof IMG2IMG_MODELS)[number]

/** Body of `GET /img2img/models`. */
export const img2imgModelsResponseSchema = modelAvailabilitySchema
export type Img2ImgModelsResponse = z.infer<typeof img2imgModelsResponseSchema>

/** Server defaults of the img2img edit endpoints, for reference (not sent). */
export const IMG2IMG_DEFAULTS = {
  /** The model requires a non-empty negative prompt. */
  negative_prompt: ' ',
  num_inference_steps: 20,
  true_cfg_scale: 4,
  use_lora: false,
} as const
/**
 * Ranges of the img2img edit endpoints (`size`: output width/height in pixels; the server also
 * caps it per model — 2048 for `qwen-image-edit` — and says so with a 400).
 */
export const IMG2IMG_LIMITS = {
  steps: { min: 1, max: 100 },
  trueCfgScale: { min: 1, max: 20 },
  size: { min: 64, max: 3072 },
  /** Extra reference images (`image 2`, `image 3`, ... in the prompt). */
  referenceImages: { max: 9 },
  upscaleFactor: { min: 1, max: 4 },
} as const
/** Recommended (not enforced) settings with `use_lora: true` (Lightning LoRA). */
export const IMG2IMG_LORA_RECOMMENDED = {
  num_inference_steps: { min: 4, max: 6 },
  true_cfg_scale: 1,
} as const

const editSize = () => intIn(IMG2IMG_LIMITS.size.min, IMG2IMG_LIMITS.size.max)
const editSteps = () => intIn(IMG2IMG_LIMITS.steps.min, IMG2IMG_LIMITS.steps.max)
const editCfg = () => numberIn(IMG2IMG_LIMITS.trueCfgScale.min, IMG2IMG_LIMITS.trueCfgScale.max)

/** Request body of `POST /img2img/edit/{model}` (image as base64 JSON). */
export const img2imgEditRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Base64 encoded PNG or JPEG, without a `data:` prefix. */
    image: base64Image(),
    /** Edit instruction, e.g. "Make the person look happy". */
    prompt: text(),
    /** Must be non-empty when given; server default `" "`. */
    negative_prompt: z.optional(text()),
    /** 1-100; `null`/omitted: the model's default (20 for qwen-image-edit; 4-6 recommended with `use_lora`). */
    num_inference_steps: z.optional(z.nullable(editSteps())),
    /** 1.0-20.0; `null`/omitted: the model's default (4.0 for qwen-image-edit; 1.0 recommended with `use_lora`). */
    true_cfg_scale: z.optional(z.nullable(editCfg())),
    /** `-1`, `null` or omitted: random. */
    seed: z.optional(z.nullable(seed())),
    /** Output width, 64-2048; `null`/omitted: the input image's width. */
    width: z.optional(z.nullable(editSize())),
    /** Output height, 64-2048; `null`/omitted: the input image's height. */
    height: z.optional(z.nullable(editSize())),
    /** Lightning LoRA for faster inference; server default false. */
    use_lora: z.optional(z.boolean()),
    /** User LoRAs to apply, `{name, scale}` each (names from `GET /loras?model=<id>`). */
    loras: z.optional(z.array(loraSpecSchema)),
    /** Up to 9 extra base64 reference images (`image 2`, `image 3`, ... in the prompt), for models that take them. */
    reference_images: z.optional(
      z.nullable(
        z
          .array(base64Image())
          .check(
            z.maxLength(
              IMG2IMG_LIMITS.referenceImages.max,
              `must hold at most ${IMG2IMG_LIMITS.referenceImages.max} images`,
            ),
          ),
      ),
    ),
    /** Return a transparent (RGBA) result (automatic when the input has alpha). */
    transparent: z.optional(z.boolean()),
    ...upscaleFields,
  }))()
export type Img2ImgEditRequest = z.input<typeof img2imgEditRequestSchema>
export type Img2ImgEditRequestParsed = z.output<typeof img2imgEditRequestSchema>

/**
 * Multipart fields of `POST /img2img/edit/{model}/upload`. Scalars accept typed values or their
 * form text (`"25"`, `"true"`), so a client and a server parsing `FormData` share one schema.
 */
export const img2imgEditUploadFormSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The image file to edit. */
    image: upload(),
    prompt: text(),
    negative_prompt: z.optional(text()),
    num_inference_steps: z.optional(formInt(editSteps())),
    true_cfg_scale: z.optional(formNumber(editCfg())),
    seed: z.optional(z.nullable(formInt(seed()))),
    width: z.optional(z.nullable(formInt(editSize()))),
    height: z.optional(z.nullable(formInt(editSize()))),
    use_lora: z.optional(formBool()),
  }))()
export type Img2ImgEditUploadForm = z.input<typeof img2imgEditUploadFormSchema>
export type Img2ImgEditUploadFormParsed = z.output<typeof img2imgEditUploadFormSchema>
