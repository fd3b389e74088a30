/**
 * `GET /loras`: the user LoRAs installed on the server, per model family. Not in the API
 * document; read from the server code (`main.py`, `loras.py`).
 */
import * as z from 'zod/mini'
import {
  lenient,
  lenientFlag,
  lenientList,
  lenientNumber,
  lenientText,
  modelId,
  tolerantList,
  tolerantRecord,
} from './common'

/** The family whose LoRAs `GET /loras` lists at the top level (kept flat in the LoRA folder). */
export const LORA_LEGACY_FAMILY = 'z-image'

/** `modes` a LoRA may declare in its sidecar: text-to-image, image editing. */
export const LORA_MODES = ['generate', 'edit'] as const
export type LoraMode = (typeof LORA_MODES)[number]

/** Ranges of a LoRA reference (`loras[]` of image requests). */
export const LORA_LIMITS = {
  /** LoRA name: the file name without `.safetensors`. */
  name: { min: 1, max: 128 },
  /** Strength. */
  scale: { min: 0, max: 2 },
} as const

/**
 * One LoRA to apply, `{name, scale}`: the shape of the `loras` list the newest server takes on
 * image requests (`GenerateRequest`, `Img2ImgRequest`, and so `POST /sprite/generate`). `name` is
 * 1-128 characters without `/` or `\`; `scale` 0.0-2.0, `null`/omitted for the LoRA's
 * `default_scale` (else 1.0).
 */
export const loraSpecSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** A `name` from `GET /loras?model=<id>`. */
    name: z
      .string('must be a string')
      .check(
        z.minLength(LORA_LIMITS.name.min, 'must not be empty'),
        z.maxLength(LORA_LIMITS.name.max, `must be at most ${LORA_LIMITS.name.max} characters`),
        z.regex(/^[^/\\]+$/, 'must be a LoRA name, without / or \\'),
      ),
    /** 0.0-2.0; `null`/omitted: the LoRA's `default_scale`. */
    scale: z.optional(
      z.nullable(
        z
          .number('must be a number')
          .check(
            z.gte(LORA_LIMITS.scale.min, 'must be between 0 and 2'),
            z.lte(LORA_LIMITS.scale.max, 'must be between 0 and 2'),
          ),
      ),
    ),
  }))()
export type LoraSpec = z.input<typeof loraSpecSchema>

/** Query of `GET /loras`: without `model`, every family; with it, that model's family. */
export const lorasQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Any model id the server registered (image, img2img, ...); 404 when unknown. */
    model: z.optional(modelId()),
  }))()
export type LorasQuery = z.input<typeof lorasQuerySchema>

/** Query of `GET /loras?model=<id>` (`client.loras.forModel`): `model` required. */
export const modelLorasQuerySchema = /* @__PURE__ */ (() => z.object({ model: modelId() }))()
export type ModelLorasQuery = z.input<typeof modelLorasQuerySchema>

/**
 * One installed LoRA. `name` and `size_mb` come from the file; the other fields from its optional
 * `<name>.json` sidecar, which the server passes on without checking (defaults: `display_name` the
 * name, `""` texts, `default_scale` 1.0, `modes` both, no `trigger_words`). So only `name` (what a
 * request sends) is required: every other field may be missing, `null` or of another type (read
 * as absent), numbers may come as numeric text, and a list's entries that are not text are skipped.
 */
export const loraInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** File name without `.safetensors`; the `name` to send in `loras`. */
    name: z.string(),
    /** File size in MiB, one decimal. */
    size_mb: lenientNumber(),
    display_name: z.nullable(lenientText()),
    description: z.nullable(lenientText()),
    /** Strength used when a request gives no `scale`. */
    default_scale: z.nullable(lenientNumber()),
    /** Free-text usage advice. */
    recommended: z.nullable(lenientText()),
    /** Where the LoRA came from (free text, e.g. a URL). */
    source: z.nullable(lenientText()),
    /** `generate` and/or `edit` (see `LORA_MODES`); open strings. */
    modes: z.nullable(lenientList(z.string())),
    /** Words the server appends to the prompt while the LoRA is active. */
    trigger_words: z.nullable(lenientList(z.string())),
  }))()
export type LoraInfo = z.infer<typeof loraInfoSchema>

/** One family of `GET /loras`: the models that share its LoRAs, and the LoRAs. */
export const loraFamilySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The models that share the family's LoRAs. */
    models: lenientList(z.string()),
    /** The LoRAs (an entry without a name is skipped). */
    loras: tolerantList(loraInfoSchema),
  }))()
export type LoraFamily = z.infer<typeof loraFamilySchema>

/**
 * Body of `GET /loras` without `model`: the `z-image` family's LoRAs at the top level (the older
 * shape of this answer) and every family in `families`, keyed by family name.
 */
export const lorasResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** LoRAs of the legacy `z-image` family (an entry without a name is skipped). */
    loras: tolerantList(loraInfoSchema),
    /** Models of the `z-image` family. */
    compatible_models: z.nullable(lenientList(z.string())),
    /** Every family with at least one registered model, keyed by family (e.g. `z-image`). */
    families: z.nullable(lenient(tolerantRecord(loraFamilySchema))),
  }))()
export type LorasResponse = z.infer<typeof lorasResponseSchema>

/** Body of `GET /loras?model=<id>`: the model's family and its LoRAs. */
export const modelLorasResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The model asked about. */
    model: lenientText(),
    /** `null` when the model takes no LoRAs. */
    family: z.nullable(lenientText()),
    /** Whether the model takes `loras` at all. */
    supported: lenientFlag(),
    /** The LoRAs (an entry without a name is skipped). */
    loras: tolerantList(loraInfoSchema),
    /** Every model of the same family (they share LoRAs). */
    compatible_models: lenientList(z.string()),
  }))()
export type ModelLorasResponse = z.infer<typeof modelLorasResponseSchema>
