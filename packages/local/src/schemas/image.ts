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

// ---------------------------------------------------------------------------------------------
// Models, presets, ranges and defaults
// ---------------------------------------------------------------------------------------------

/** Text-to-image model ids served by `POST /generate/{model}`. */
export const IMAGE_MODELS = [
  'z-image',
  'z-image-turbo',
  'qwen-image-2512',
  'ovis-image-7b',
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

/** Output size of each preset at `base_size` 1024, in pixels. */
export const ASPECT_RATIO_PRESETS = {
  '1:1': { label: 'Square', width: 1024, height: 1024 },
  '4:5': { label: 'Portrait', width: 896, height: 1088 },
  '3:4': { label: 'Portrait', width: 896, height: 1152 },
  '2:3': { label: 'Portrait', width: 832, height: 1216 },
  '9:16': { label: 'Portrait', width: 768, height: 1344 },
  '5:4': { label: 'Landscape', width: 1088, height: 896 },
  '4:3': { label: 'Landscape', width: 1152, height: 896 },
  '3:2': { label: 'Landscape', width: 1216, height: 832 },
  '16:9': { label: 'Landscape', width: 1344, height: 768 },
  '21:9': { label: 'Ultrawide', width: 1536, height: 640 },
} as const satisfies Record<
  AspectRatio,
  { label: 'Square' | 'Portrait' | 'Landscape' | 'Ultrawide'; width: number; height: number }
>

/** Ranges and defaults shared by every image model. */
export const IMAGE_LIMITS = {
  /** `width`/`height`: pixels, rounded by the server to the nearest multiple of `multiple`. */
  size: { min: 64, max: 2048, multiple: 64 },
  /** Output size when no sizing option is given. */
  defaultSize: { width: 1024, height: 1024 },
  /** `base_size`: pixels, used with `aspect_ratio`. */
  baseSize: { min: 256, max: 2048, default: 1024 },
  /** `num_inference_steps` (not documented; 1-100 as for img2img). */
  steps: { min: 1, max: 100 },
  /** `cfg_scale` for models with CFG. */
  cfgScale: { min: 1, max: 20, default: 5 },
} as const

/** Documented per-model defaults of `POST /generate/{model}`. */
export const IMAGE_MODEL_DEFAULTS = {
  'z-image': { num_inference_steps: 30, cfg_scale: 4 },
  /** CFG is ignored; the model runs at 0.0 internally. */
  'z-image-turbo': { num_inference_steps: 9, cfg_scale: 0 },
  /** `cfg_scale` is used as Qwen's `true_cfg_scale`. */
  'qwen-image-2512': { num_inference_steps: 50, cfg_scale: 4 },
  'ovis-image-7b': { num_inference_steps: 50, cfg_scale: 5 },
} as const satisfies Record<ImageModelId, { num_inference_steps: number; cfg_scale: number }>

/** Defaults of `qwen-image-2512` with `use_lora: true` (Turbo-LoRA). */
export const QWEN_IMAGE_LORA_DEFAULTS = { num_inference_steps: 6, cfg_scale: 1 } as const

/** What each model accepts beyond the shared fields; `cfgScale: null` means no CFG. */
export const IMAGE_MODEL_CAPABILITIES = {
  'z-image': { cfgScale: { min: 3, max: 5 }, negativePrompt: true, lora: false },
  'z-image-turbo': { cfgScale: null, negativePrompt: false, lora: false },
  'qwen-image-2512': { cfgScale: { min: 1, max: 20 }, negativePrompt: true, lora: true },
  'ovis-image-7b': { cfgScale: { min: 1, max: 20 }, negativePrompt: true, lora: false },
} as const satisfies Record<
  ImageModelId,
  { cfgScale: { min: number; max: number } | null; negativePrompt: boolean; lora: boolean }
>

// ---------------------------------------------------------------------------------------------
// POST /generate/{model}
// ---------------------------------------------------------------------------------------------

type Sizing = { width?: number; height?: number; aspect_ratio?: string; base_size?: number }

/** The three sizing options are exclusive: width+height, aspect_ratio (+base_size), or none. */
const sizingRule = z.superRefine((req: Sizing, ctx) => {
  const hasWidth = req.width !== undefined
  const hasHeight = req.height !== undefined
  if (hasWidth !== hasHeight) {
    ctx.addIssue({
      code: 'custom',
      message: 'width and height must be given together',
      path: [hasWidth ? 'height' : 'width'],
    })
  }
  if ((hasWidth || hasHeight) && req.aspect_ratio !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'use either width/height or aspect_ratio, not both',
      path: ['aspect_ratio'],
    })
  }
  if (req.base_size !== undefined && req.aspect_ratio === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'base_size only applies together with aspect_ratio',
      path: ['base_size'],
    })
  }
})

const notSupported = (message: string) => z.optional(z.never({ error: message }))
const loraNotSupported = () =>
  z.optional(z.literal(false, 'use_lora is only supported by qwen-image-2512'))

const steps = () => intIn(IMAGE_LIMITS.steps.min, IMAGE_LIMITS.steps.max)

const sharedImageFields = {
  /** What to draw. */
  prompt: text(),
  /** `-1`, `null` or omitted: random. */
  seed: z.optional(z.nullable(seed())),
  /** Output width in pixels, 64-2048 (rounded to a multiple of 64); requires `height`. */
  width: z.optional(intIn(IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max)),
  /** Output height in pixels, 64-2048 (rounded to a multiple of 64); requires `width`. */
  height: z.optional(intIn(IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max)),
  /** Preset ratio; excludes `width`/`height`. */
  aspect_ratio: z.optional(z.enum(ASPECT_RATIOS, 'must be one of the documented aspect ratios')),
  /** Pixel size the preset is scaled to, 256-2048 (server default 1024); needs `aspect_ratio`. */
  base_size: z.optional(intIn(IMAGE_LIMITS.baseSize.min, IMAGE_LIMITS.baseSize.max)),
}

/**
 * Request body of `POST /generate/{model}` for a model this package does not know: the ranges
 * shared by every model, no per-model defaults.
 */
export const imageGenerateRequestSchema = z
  .strictObject({
    ...sharedImageFields,
    negative_prompt: z.optional(z.string()),
    /** Denoising steps; the default varies by model. */
    num_inference_steps: z.optional(steps()),
    /** Classifier-free guidance, 1.0-20.0 (server default 5.0). */
    cfg_scale: z.optional(numberIn(IMAGE_LIMITS.cfgScale.min, IMAGE_LIMITS.cfgScale.max)),
    /** Turbo-LoRA; only meaningful for `qwen-image-2512`. */
    use_lora: z.optional(z.boolean()),
  })
  .check(sizingRule)
export type ImageGenerateRequest = z.input<typeof imageGenerateRequestSchema>

/** Request body of `POST /generate/z-image`: 30 steps, full CFG 3.0-5.0 (default 4.0). */
export const zImageGenerateRequestSchema = z
  .strictObject({
    ...sharedImageFields,
    negative_prompt: z.optional(z.string()),
    /** Default 30. */
    num_inference_steps: z._default(steps(), IMAGE_MODEL_DEFAULTS['z-image'].num_inference_steps),
    /** Supported range 3.0-5.0, default 4.0. */
    cfg_scale: z._default(
      numberIn(
        IMAGE_MODEL_CAPABILITIES['z-image'].cfgScale.min,
        IMAGE_MODEL_CAPABILITIES['z-image'].cfgScale.max,
      ),
      IMAGE_MODEL_DEFAULTS['z-image'].cfg_scale,
    ),
    use_lora: loraNotSupported(),
  })
  .check(sizingRule)

/**
 * Request body of `POST /generate/z-image-turbo`: 9 steps, no CFG, so `cfg_scale` and
 * `negative_prompt` are rejected (the server would ignore them).
 */
export const zImageTurboGenerateRequestSchema = z
  .strictObject({
    ...sharedImageFields,
    negative_prompt: notSupported(
      'z-image-turbo runs without CFG, so negative_prompt has no effect',
    ),
    /** Default 9. */
    num_inference_steps: z._default(
      steps(),
      IMAGE_MODEL_DEFAULTS['z-image-turbo'].num_inference_steps,
    ),
    cfg_scale: notSupported('z-image-turbo ignores cfg_scale (it uses 0.0 internally)'),
    use_lora: loraNotSupported(),
  })
  .check(sizingRule)

/**
 * Request body of `POST /generate/qwen-image-2512`. Parsing fills `num_inference_steps` (50, or 6
 * with `use_lora`) and `cfg_scale` (true CFG 4.0, or 1.0 with `use_lora`) when omitted.
 */
export const qwenImageGenerateRequestSchema = z.pipe(
  z
    .strictObject({
      ...sharedImageFields,
      negative_prompt: z.optional(z.string()),
      /** Default 50, or 6 with `use_lora: true`. */
      num_inference_steps: z.optional(steps()),
      /** Sent as Qwen's true CFG scale, 1.0-20.0; default 4.0, or 1.0 with `use_lora: true`. */
      cfg_scale: z.optional(numberIn(IMAGE_LIMITS.cfgScale.min, IMAGE_LIMITS.cfgScale.max)),
      /** Turbo-LoRA for 6-step generation; default false. */
      use_lora: z._default(z.boolean(), false),
    })
    .check(sizingRule),
  z.transform((req) => {
    const defaults = req.use_lora
      ? QWEN_IMAGE_LORA_DEFAULTS
      : IMAGE_MODEL_DEFAULTS['qwen-image-2512']
    return {
      ...req,
      num_inference_steps: req.num_inference_steps ?? defaults.num_inference_steps,
      cfg_scale: req.cfg_scale ?? defaults.cfg_scale,
    }
  }),
)

/** Request body of `POST /generate/ovis-image-7b`: 50 steps, CFG default 5.0. */
export const ovisImageGenerateRequestSchema = z
  .strictObject({
    ...sharedImageFields,
    negative_prompt: z.optional(z.string()),
    /** Default 50. */
    num_inference_steps: z._default(
      steps(),
      IMAGE_MODEL_DEFAULTS['ovis-image-7b'].num_inference_steps,
    ),
    /** 1.0-20.0, default 5.0. */
    cfg_scale: z._default(
      numberIn(IMAGE_LIMITS.cfgScale.min, IMAGE_LIMITS.cfgScale.max),
      IMAGE_MODEL_DEFAULTS['ovis-image-7b'].cfg_scale,
    ),
    use_lora: loraNotSupported(),
  })
  .check(sizingRule)

/** Per-model request bodies of `POST /generate/{model}`, with each model's rules and defaults. */
export const imageGenerateRequestSchemas = {
  'z-image': zImageGenerateRequestSchema,
  'z-image-turbo': zImageTurboGenerateRequestSchema,
  'qwen-image-2512': qwenImageGenerateRequestSchema,
  'ovis-image-7b': ovisImageGenerateRequestSchema,
} as const satisfies Record<ImageModelId, z.ZodMiniType>

/** Request body (as written by a caller) of `POST /generate/{model}` for a known model. */
export type ImageGenerateRequestFor<M extends ImageModelId> = z.input<
  (typeof imageGenerateRequestSchemas)[M]
>
/** Request body after parsing (defaults applied) for a known model. */
export type ImageGenerateRequestParsedFor<M extends ImageModelId> = z.output<
  (typeof imageGenerateRequestSchemas)[M]
>

/** Whether `model` is one of `IMAGE_MODELS`. */
export const isImageModelId = (model: string): model is ImageModelId =>
  (IMAGE_MODELS as readonly string[]).includes(model)

/**
 * The request schema for `POST /generate/{model}`: the model's own schema when known,
 * otherwise `imageGenerateRequestSchema`.
 */
export const imageGenerateRequestSchemaFor = (model: string) =>
  isImageModelId(model) ? imageGenerateRequestSchemas[model] : imageGenerateRequestSchema

// ---------------------------------------------------------------------------------------------
// POST /pixelart/generate
// ---------------------------------------------------------------------------------------------

/** Defaults of `POST /pixelart/generate` (which runs on z-image-turbo). */
export const PIXELART_DEFAULTS = {
  size: 32,
  remove_background: true,
  num_inference_steps: 9,
  negative_prompt: 'blurry, realistic, photorealistic, 3d render, smooth gradients',
} as const
/** `size` of `POST /pixelart/generate`: square output, in pixels. */
export const PIXELART_SIZE_RANGE = { min: 8, max: 512 } as const

/** Request body of `POST /pixelart/generate`. */
export const pixelArtGenerateRequestSchema = z.strictObject({
  /** Subject, e.g. "golden coin"; the server appends pixel-art style keywords. */
  prompt: text(),
  /** Square output size in pixels, 8-512, default 32. */
  size: z._default(intIn(PIXELART_SIZE_RANGE.min, PIXELART_SIZE_RANGE.max), PIXELART_DEFAULTS.size),
  /** Remove the background (transparent PNG); false for seamless tiles. Default true. */
  remove_background: z._default(z.boolean(), PIXELART_DEFAULTS.remove_background),
  /** Denoising steps, default 9 (range not documented; 1-100 assumed). */
  num_inference_steps: z._default(steps(), PIXELART_DEFAULTS.num_inference_steps),
  /** `-1`, `null` or omitted: random. */
  seed: z.optional(z.nullable(seed())),
  /** Default "blurry, realistic, photorealistic, 3d render, smooth gradients". */
  negative_prompt: z._default(z.string(), PIXELART_DEFAULTS.negative_prompt),
})
export type PixelArtGenerateRequest = z.input<typeof pixelArtGenerateRequestSchema>
export type PixelArtGenerateRequestParsed = z.output<typeof pixelArtGenerateRequestSchema>

// ---------------------------------------------------------------------------------------------
// POST /img2img/edit/{model} and /img2img/edit/{model}/upload
// ---------------------------------------------------------------------------------------------

/** Image editing model ids served by `POST /img2img/edit/{model}`. */
export const IMG2IMG_MODELS = ['qwen-image-edit'] as const
export type Img2ImgModelId = (typeof IMG2IMG_MODELS)[number]

/** Body of `GET /img2img/models`. */
export const img2imgModelsResponseSchema = modelAvailabilitySchema
export type Img2ImgModelsResponse = z.infer<typeof img2imgModelsResponseSchema>

/** Defaults of the img2img edit endpoints. */
export const IMG2IMG_DEFAULTS = {
  /** The model requires a non-empty negative prompt. */
  negative_prompt: ' ',
  num_inference_steps: 20,
  true_cfg_scale: 4,
  use_lora: false,
} as const
/** Ranges of the img2img edit endpoints (`size`: output width/height in pixels). */
export const IMG2IMG_LIMITS = {
  steps: { min: 1, max: 100 },
  trueCfgScale: { min: 1, max: 20 },
  size: { min: 64, max: 2048 },
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
export const img2imgEditRequestSchema = z.strictObject({
  /** Base64 encoded PNG or JPEG, without a `data:` prefix. */
  image: base64Image(),
  /** Edit instruction, e.g. "Make the person look happy". */
  prompt: text(),
  /** Must be non-empty; default `" "`. */
  negative_prompt: z._default(text(), IMG2IMG_DEFAULTS.negative_prompt),
  /** 1-100, default 20 (4-6 recommended with `use_lora`). */
  num_inference_steps: z._default(editSteps(), IMG2IMG_DEFAULTS.num_inference_steps),
  /** 1.0-20.0, default 4.0 (1.0 recommended with `use_lora`). */
  true_cfg_scale: z._default(editCfg(), IMG2IMG_DEFAULTS.true_cfg_scale),
  /** `-1`, `null` or omitted: random. */
  seed: z.optional(z.nullable(seed())),
  /** Output width, 64-2048; `null`/omitted: the input image's width. */
  width: z.optional(z.nullable(editSize())),
  /** Output height, 64-2048; `null`/omitted: the input image's height. */
  height: z.optional(z.nullable(editSize())),
  /** Lightning LoRA for faster inference; default false. */
  use_lora: z._default(z.boolean(), IMG2IMG_DEFAULTS.use_lora),
})
export type Img2ImgEditRequest = z.input<typeof img2imgEditRequestSchema>
export type Img2ImgEditRequestParsed = z.output<typeof img2imgEditRequestSchema>

/**
 * Multipart fields of `POST /img2img/edit/{model}/upload`. Scalars accept typed values or their
 * form text (`"25"`, `"true"`), so a client and a server parsing `FormData` share one schema.
 */
export const img2imgEditUploadFormSchema = z.strictObject({
  /** The image file to edit. */
  image: upload(),
  prompt: text(),
  negative_prompt: z._default(text(), IMG2IMG_DEFAULTS.negative_prompt),
  num_inference_steps: z._default(formInt(editSteps()), IMG2IMG_DEFAULTS.num_inference_steps),
  true_cfg_scale: z._default(formNumber(editCfg()), IMG2IMG_DEFAULTS.true_cfg_scale),
  seed: z.optional(z.nullable(formInt(seed()))),
  width: z.optional(z.nullable(formInt(editSize()))),
  height: z.optional(z.nullable(formInt(editSize()))),
  use_lora: z._default(formBool(), IMG2IMG_DEFAULTS.use_lora),
})
export type Img2ImgEditUploadForm = z.input<typeof img2imgEditUploadFormSchema>
export type Img2ImgEditUploadFormParsed = z.output<typeof img2imgEditUploadFormSchema>
