/**
 * The ComfyUI-compatible routes at the server's root (`/prompt`, `/queue`, `/history`, `/view`,
 * `/system_stats`, `/object_info`, `/embeddings`): ComfyUI clients generate with z-image-turbo
 * through them. Not in the API document; read from the server code (`routers/comfyui.py`,
 * `comfyui/workflow_parser.py`, `comfyui/node_info.py`) and the server's newer `docs/api.md`.
 * The `/ws` WebSocket is not covered (this SDK speaks HTTP through `fetch` only).
 */
import * as z from 'zod/mini'
import {
  lenient,
  lenientFlag,
  lenientList,
  lenientNumber,
  lenientText,
  openEnum,
  readNumber,
  text,
  tolerantList,
  tolerantRecord,
} from './common'

/** Node types whose inputs the server reads from a workflow; every other node is accepted and ignored. */
export const COMFY_PARSED_NODES = [
  'KSampler',
  'KSamplerAdvanced',
  'CLIPTextEncode',
  'EmptyLatentImage',
  'SaveImage',
  'PreviewImage',
] as const

/** Node types `GET /object_info` describes. */
export const COMFY_NODE_CLASSES = [
  'CheckpointLoaderSimple',
  'KSampler',
  'CLIPTextEncode',
  'EmptyLatentImage',
  'VAEDecode',
  'SaveImage',
  'PreviewImage',
] as const

/** What the server uses when a workflow lacks a node: 1024x1024, 9 steps, CFG 0.0, random seed. */
export const COMFY_WORKFLOW_DEFAULTS = {
  width: 1024,
  height: 1024,
  steps: 9,
  cfg: 0,
} as const

/** `type` of `GET /view` (the server serves every type from the same output folder). */
export const COMFY_IMAGE_TYPES = ['output', 'temp', 'input'] as const
export type ComfyImageType = (typeof COMFY_IMAGE_TYPES)[number]

/** `status_str` of a history entry. */
export const COMFY_HISTORY_STATUSES = ['success', 'error'] as const

/**
 * One node of an API-format workflow: its `class_type` and `inputs` (literal values, or links
 * `[node_id, output_index]` to other nodes). Other keys (`_meta`) are kept.
 */
export const comfyWorkflowNodeSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    class_type: text(),
    inputs: z.optional(z.record(z.string(), z.unknown())),
  }))()
export type ComfyWorkflowNode = z.input<typeof comfyWorkflowNodeSchema>

/** An API-format workflow: nodes keyed by node id (`"3"`, `"9"`, ...); at least one. */
export const comfyWorkflowSchema = /* @__PURE__ */ (() =>
  z
    .record(z.string(), comfyWorkflowNodeSchema)
    .check(
      z.refine(
        (workflow) => Object.keys(workflow).length > 0,
        'must hold at least one node (a KSampler, CLIPTextEncode, ...)',
      ),
    ))()
export type ComfyWorkflow = z.input<typeof comfyWorkflowSchema>

/**
 * Request body of `POST /prompt`: the workflow and an optional `client_id` (echoed as `sid` on
 * the WebSocket's status message). The server reads prompt text, negative prompt, size, steps,
 * CFG and seed from the workflow and generates with z-image-turbo in the background.
 */
export const comfyPromptRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The workflow in API format. */
    prompt: comfyWorkflowSchema,
    /** The caller's WebSocket client id, if it listens on `/ws`. */
    client_id: z.optional(z.nullable(z.string())),
  }))()
export type ComfyPromptRequest = z.input<typeof comfyPromptRequestSchema>

/*
 * ComfyUI answers are read tolerantly: strict on the prompt id, an image's `filename` (what
 * `GET /view` fetches) and a finished prompt's `status_str`; everything else may be missing,
 * `null` or of another type (read as absent) and numbers may come as numeric text. A workflow
 * echoed back and a node's input specs are passed on as the server sent them. An entry of a list
 * (or of the history) that cannot be read is skipped rather than failing the others.
 */

/** Body of `POST /prompt`: the id to poll `GET /history/{prompt_id}` with. */
export const comfyPromptResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    prompt_id: z.string(),
    /** Place in the queue when submitted (a number or numeric text). */
    number: lenientNumber(),
    node_errors: z.nullable(lenient(z.record(z.string(), z.unknown()))),
  }))()
export type ComfyPromptResponse = z.infer<typeof comfyPromptResponseSchema>

/** A tuple element the code can do without: a number or numeric text, else undefined. */
const tupleNumber = () =>
  z.pipe(
    z.unknown(),
    z.transform((value) => readNumber(value)),
  )

/**
 * A queued or finished prompt as ComfyUI lists it: `[number, prompt_id, workflow, extra_data,
 * output node ids]` (more elements are kept). Only the prompt id is required; the workflow is
 * passed on as sent.
 */
export const comfyQueueItemSchema = /* @__PURE__ */ (() =>
  z.tuple(
    [
      tupleNumber(),
      z.string(),
      lenient(z.record(z.string(), z.unknown())),
      z.optional(z.unknown()),
      lenientList(z.string()),
    ],
    z.unknown(),
  ))()
export type ComfyQueueItem = z.infer<typeof comfyQueueItemSchema>

/** Body of `GET /queue` (an item without a prompt id is skipped). */
export const comfyQueueResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queue_running: tolerantList(comfyQueueItemSchema),
    queue_pending: tolerantList(comfyQueueItemSchema),
  }))()
export type ComfyQueueResponse = z.infer<typeof comfyQueueResponseSchema>

/**
 * Request body of `POST /queue` and `POST /history`: `clear: true` drops every queued (or
 * finished) prompt, `delete` the listed prompt ids. Neither stops a generation already running.
 */
export const comfyClearRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      clear: z.optional(z.boolean()),
      delete: z.optional(z.array(text())),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.clear === undefined && body.delete === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: 'give clear: true or delete: [prompt ids]',
            path: ['clear'],
          })
        }
      }),
    ))()
export type ComfyClearRequest = z.input<typeof comfyClearRequestSchema>

/** Body of `POST /queue` and `POST /history`: `{}`. */
export const comfyEmptyResponseSchema = /* @__PURE__ */ (() => z.looseObject({}))()
export type ComfyEmptyResponse = z.infer<typeof comfyEmptyResponseSchema>

/** One image of a history entry's outputs; its fields are the query of `GET /view`. */
export const comfyImageRefSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The file `GET /view` fetches. */
    filename: z.string(),
    subfolder: z.nullable(lenientText()),
    /** `output` for generated images. */
    type: z.nullable(lenientText()),
  }))()
export type ComfyImageRef = z.infer<typeof comfyImageRefSchema>

/** A finished prompt of `GET /history`. */
export const comfyHistoryEntrySchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** `[number, prompt_id, workflow, extra_data, output node ids]`; absent in some failed entries. */
    prompt: z.nullable(lenient(comfyQueueItemSchema)),
    /**
     * Per output node id, its images (an image without a `filename` is skipped). `{}` when the
     * prompt failed.
     */
    outputs: tolerantRecord(
      z.looseObject({ images: z.nullable(lenientList(comfyImageRefSchema)) }),
    ),
    /** How the prompt ended: required, it says whether there are images. */
    status: z.looseObject({
      /** `success` or `error`. */
      status_str: z.string(),
      completed: lenientFlag(),
      /** E.g. `["execution_error", {message}]` for a failed prompt. */
      messages: lenientList(z.unknown()),
    }),
  }))()
export type ComfyHistoryEntry = z.infer<typeof comfyHistoryEntrySchema>

/**
 * Body of `GET /history` and `GET /history/{prompt_id}`: finished prompts keyed by prompt id.
 * `GET /history/{prompt_id}` answers `{}` while the prompt is queued or running, and for an
 * unknown id.
 */
export const comfyHistoryResponseSchema = /* @__PURE__ */ (() =>
  tolerantRecord(comfyHistoryEntrySchema))()
export type ComfyHistoryResponse = z.infer<typeof comfyHistoryResponseSchema>

/** A file or folder name for `GET /view`: the server keeps only its last path segment. */
const viewName = () =>
  z
    .string('must be a string')
    .check(
      z.refine(
        (value) => !/[/\\]/.test(value) && value !== '.' && value !== '..',
        'must be a plain name (no / or \\, not . or ..)',
      ),
    )

/**
 * Query of `GET /view`: an image of a history entry's outputs, which may be passed as it is
 * (`null` fields take the defaults).
 */
export const comfyViewQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** E.g. `ComfyUI_00001_.png`. */
    filename: viewName().check(z.minLength(1, 'must not be empty')),
    /** Usually `""` (the default). */
    subfolder: z._default(
      z.pipe(
        z.nullable(viewName()),
        z.transform((value: string | null) => value ?? ''),
      ),
      '',
    ),
    /** `output` (default), `temp` or `input`; the server serves all from its output folder. */
    type: z._default(
      z.pipe(
        z.nullable(openEnum(COMFY_IMAGE_TYPES)),
        z.transform((value: string | null) => value ?? 'output'),
      ),
      'output',
    ),
  }))()
export type ComfyViewQuery = z.input<typeof comfyViewQuerySchema>

/** One device of `GET /system_stats`. */
export const comfyDeviceSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    name: lenientText(),
    /** E.g. `cuda`. */
    type: lenientText(),
    index: z.nullable(lenientNumber()),
    /** Bytes (numbers, or numeric text). */
    vram_total: z.nullable(lenientNumber()),
    vram_free: z.nullable(lenientNumber()),
    torch_vram_total: z.nullable(lenientNumber()),
    torch_vram_free: z.nullable(lenientNumber()),
  }))()
export type ComfyDevice = z.infer<typeof comfyDeviceSchema>

/** Body of `GET /system_stats`: `devices` is empty without a CUDA GPU. Nothing here is required. */
export const comfySystemStatsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    system: lenient(
      z.looseObject({
        os: z.nullable(lenientText()),
        python_version: z.nullable(lenientText()),
        embedded_python: z.nullable(lenientFlag()),
        /** A placeholder version (`0.0.1`): this is not ComfyUI. */
        comfyui_version: z.nullable(lenientText()),
      }),
    ),
    devices: lenientList(comfyDeviceSchema),
  }))()
export type ComfySystemStatsResponse = z.infer<typeof comfySystemStatsResponseSchema>

/** One node type of `GET /object_info`. */
export const comfyNodeInfoSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** `required` (and `optional`) inputs: `[type]` or `[type, options]`, or `[[choices]]`. */
    input: lenient(
      z.looseObject({
        required: z.nullable(lenient(z.record(z.string(), z.unknown()))),
        optional: z.nullable(lenient(z.record(z.string(), z.unknown()))),
      }),
    ),
    input_order: z.nullable(lenient(tolerantRecord(tolerantList(z.string())))),
    output: lenientList(z.string()),
    output_is_list: z.nullable(lenientList(z.boolean())),
    output_name: z.nullable(lenientList(z.string())),
    /** The node type: the one field required. */
    name: z.string(),
    display_name: z.nullable(lenientText()),
    category: z.nullable(lenientText()),
    output_node: z.nullable(lenientFlag()),
  }))()
export type ComfyNodeInfo = z.infer<typeof comfyNodeInfoSchema>

/** Body of `GET /object_info` (every node type) and `GET /object_info/{node_class}` (that one). */
export const comfyObjectInfoResponseSchema = /* @__PURE__ */ (() =>
  tolerantRecord(comfyNodeInfoSchema))()
export type ComfyObjectInfoResponse = z.infer<typeof comfyObjectInfoResponseSchema>

/** Body of `GET /embeddings`: embedding names (always `[]` here); an entry not text is skipped. */
export const comfyEmbeddingsResponseSchema = /* @__PURE__ */ (() => tolerantList(z.string()))()
export type ComfyEmbeddingsResponse = z.infer<typeof comfyEmbeddingsResponseSchema>
