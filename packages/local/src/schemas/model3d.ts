/**
 * `/model3d/*`: textured meshes (binary glTF) from text or an image with Hunyuan3D-2. Not in the
 * API document; read from the server code (`model3d/schemas.py`, `routers/model3d.py`) and the
 * server's newer `docs/api.md`.
 */
import * as z from 'zod/mini'
import {
  formInt,
  intIn,
  lenientFlag,
  lenientNumber,
  lenientText,
  modelId,
  seed,
  text,
  tolerantList,
} from './common'

/** 3D backends (`model` query of `POST /model3d/generate`). */
export const MODEL3D_MODELS = ['hunyuan3d-2'] as const
export type Model3dModelId = (typeof MODEL3D_MODELS)[number]

/** Media type of the GLB files the 3D endpoints answer with. */
export const MODEL3D_MEDIA_TYPE = 'model/gltf-binary'

/** `subject`: how the text path frames its reference image. */
export const MODEL3D_SUBJECTS = ['character', 'object', 'building', 'auto'] as const
export type Model3dSubject = (typeof MODEL3D_SUBJECTS)[number]

/** Ranges of `POST /model3d/generate`. */
export const MODEL3D_LIMITS = {
  text: { min: 1, max: 600 },
  octreeResolution: { min: 64, max: 512 },
  steps: { min: 1, max: 100 },
  guidanceScale: { min: 0, max: 15 },
  targetFaces: { min: 500, max: 300_000 },
} as const

/** The server's defaults of `POST /model3d/generate`, for reference: only given fields are sent. */
export const MODEL3D_DEFAULTS = {
  model: 'hunyuan3d-2',
  octree_resolution: 256,
  num_inference_steps: 30,
  guidance_scale: 5.5,
  texture: true,
  target_faces: 10_000,
  seed: -1,
  image_model: 'z-image-turbo',
  subject: 'character',
} as const

/** `GET /model3d/list?limit=`: default 50. */
export const MODEL3D_LIST_DEFAULTS = { limit: 50 } as const

/**
 * A generated model's id (`X-Model-Id`, `{model_id}` of the download and reference URLs): letters
 * and digits only. The server silently drops every other character, so `a-b` would fetch `ab`.
 */
export const model3dIdSchema = /* @__PURE__ */ (() =>
  z
    .string('must be a string')
    .check(
      z.minLength(1, 'must not be empty'),
      z.regex(/^[A-Za-z0-9]+$/, 'must be a model id (letters and digits only)'),
    ))()

/** One backend of `GET /model3d/models`. */
export const model3dInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The `model` of `POST /model3d/generate`. */
    id: z.string(),
    name: lenientText(),
    /** Whether it is in VRAM now. */
    loaded: lenientFlag(),
    /** Whether it can paint a texture (`texture: true`). */
    supports_texture: z.nullable(lenientFlag()),
    /** Approximate VRAM needed, in GB (a number or numeric text). */
    estimated_vram_gb: z.nullable(lenientNumber()),
  }))()
export type Model3dInfo = z.infer<typeof model3dInfoSchema>

/** Body of `GET /model3d/models`. */
export const model3dModelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The backends (an entry without an id is skipped). */
    models: tolerantList(model3dInfoSchema),
  }))()
export type Model3dModelsResponse = z.infer<typeof model3dModelsResponseSchema>

/** Query of `POST /model3d/generate`: the 3D backend, default `hunyuan3d-2` (404 when unknown). */
export const model3dGenerateQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    model: z.optional(modelId()),
  }))()
export type Model3dGenerateQuery = z.input<typeof model3dGenerateQuerySchema>

const IMAGE_URL = /^https?:\/\/\S+$/i
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** Base64 text, optionally behind a `data:...,` prefix, or an http(s) URL. */
function isModel3dImage(value: string): boolean {
  if (IMAGE_URL.test(value)) return true
  const data = /^data:[^,]*,/i.test(value) ? value.slice(value.indexOf(',') + 1) : value
  return data.length > 0 && data.length % 4 === 0 && BASE64.test(data)
}

/**
 * `image` of `POST /model3d/generate`: standard base64 (a `data:` URL prefix is allowed here, the
 * server strips it) or an http(s) URL the server downloads.
 */
const model3dImage = () =>
  z
    .string('must be a string')
    .check(z.refine(isModel3dImage, 'must be base64 image data, a data: URL or an http(s) URL'))

type Model3dInput = { text?: string | null; image?: string | null }

/** Exactly one of `text` and `image` (the server would silently prefer `image`). */
const inputRule = /* @__PURE__ */ (() =>
  z.superRefine((req: Model3dInput, ctx) => {
    const hasText = req.text !== undefined && req.text !== null
    const hasImage = req.image !== undefined && req.image !== null
    if (hasText === hasImage) {
      const message = hasText
        ? 'give either text or image, not both'
        : 'either text or image is required'
      ctx.addIssue({ code: 'custom', message, path: ['text'] })
      ctx.addIssue({ code: 'custom', message, path: ['image'] })
    }
  }))()

/**
 * Request body of `POST /model3d/generate` (the blender-mcp Hunyuan3D `LOCAL_API` contract): a
 * `text` prompt (a reference image is generated first with `image_model`, framed by `subject`) or
 * an `image`, exactly one. Only the fields given are sent; the server fills in the rest
 * (`MODEL3D_DEFAULTS`).
 */
export const model3dGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** Text prompt, 1-600 characters (text → image → 3D). */
      text: z.optional(z.nullable(text(MODEL3D_LIMITS.text.max))),
      /** Base64 image (or `data:` URL) or an http(s) URL (image → 3D). */
      image: z.optional(z.nullable(model3dImage())),
      /** Shape octree resolution (detail), 64-512, server default 256. */
      octree_resolution: z.optional(
        intIn(MODEL3D_LIMITS.octreeResolution.min, MODEL3D_LIMITS.octreeResolution.max),
      ),
      /** Shape diffusion steps, 1-100, server default 30. */
      num_inference_steps: z.optional(intIn(MODEL3D_LIMITS.steps.min, MODEL3D_LIMITS.steps.max)),
      /** Shape guidance, 0.0-15.0, server default 5.5. */
      guidance_scale: z.optional(
        z
          .number('must be a number')
          .check(
            z.gte(MODEL3D_LIMITS.guidanceScale.min, 'must be between 0 and 15'),
            z.lte(MODEL3D_LIMITS.guidanceScale.max, 'must be between 0 and 15'),
          ),
      ),
      /** Paint a texture onto the mesh; server default true. */
      texture: z.optional(z.boolean()),
      /** Decimate toward about this many faces (low = low-poly), 500-300000, server default 10000. */
      target_faces: z.optional(
        intIn(MODEL3D_LIMITS.targetFaces.min, MODEL3D_LIMITS.targetFaces.max),
      ),
      /** `-1` (server default): random. */
      seed: z.optional(seed()),
      /** Image model of the text → image step, server default `z-image-turbo` (the server falls back to another one it has). */
      image_model: z.optional(modelId()),
      /** Framing of the text path's reference image, server default `character`. */
      subject: z.optional(z.enum(MODEL3D_SUBJECTS, 'must be character, object, building or auto')),
    })
    .check(inputRule))()
export type Model3dGenerateRequest = z.input<typeof model3dGenerateRequestSchema>
export type Model3dGenerateRequestParsed = z.output<typeof model3dGenerateRequestSchema>

/** Query of `GET /model3d/list`: how many of the newest models, default 50. */
export const model3dListQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    limit: z._default(formInt(intIn(1)), MODEL3D_LIST_DEFAULTS.limit),
  }))()
export type Model3dListQuery = z.input<typeof model3dListQuerySchema>

/** One generated model of `GET /model3d/list`. */
export const model3dListItemSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The model id (`X-Model-Id` of its generation). */
    id: z.string(),
    /** Relative download URL, `/model3d/download/{id}`: where the file is. */
    url: z.string(),
    /** File size (a number or numeric text). */
    size_bytes: lenientNumber(),
    /** Relative URL of the reference image, when one was kept. */
    ref_url: z.nullable(lenientText()),
  }))()
export type Model3dListItem = z.infer<typeof model3dListItemSchema>

/** Body of `GET /model3d/list`: newest first. */
export const model3dListResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Newest first (an entry without an id or a URL is skipped). */
    models: tolerantList(model3dListItemSchema),
  }))()
export type Model3dListResponse = z.infer<typeof model3dListResponseSchema>
