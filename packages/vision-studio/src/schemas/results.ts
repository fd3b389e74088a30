/**
 * What the `result` of each endpoint holds. The API document gives every response the same
 * envelope, `{"status": "success", "result": <anything>}`, and describes the result only in
 * prose ("the result containing the generated image URLs"). These schemas are therefore
 * tolerant: known fields are typed when present, unknown fields are kept, nothing else is
 * required. The shapes named here are the ones the emulator answers with; see
 * `docs/providers/vision-studio.md` ("Where the document is silent").
 *
 * The Bria status route is the exception: the document has its schema (`BriaStatusResponse`),
 * and it is not wrapped in the envelope.
 */
import { lenientNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'

const text = () =>
  /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()))
const texts = () =>
  /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string())),
  )
const count = () =>
  /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()))
/**
 * A status answer's `progress`: a `null` is kept, numeric text read as a number, anything else
 * absent — a progress figure never fails the poll of a task that may be done.
 */
const progress = () => /* @__PURE__ */ z.nullable(/* @__PURE__ */ lenientNumber())

/** The envelope of every answer but Bria's status. */
export const envelopeSchema = /* @__PURE__ */ z.looseObject({
  status: /* @__PURE__ */ z.string(),
  result: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
})
export type Envelope = z.infer<typeof envelopeSchema>

/**
 * A prompt tool's answer: the prompt as text, or an object holding it (`prompt`; Bria's
 * enhancer answers `prompt_variations`).
 */
export const promptResultSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.looseObject({
    prompt: /* @__PURE__ */ text(),
    enhanced_prompt: /* @__PURE__ */ text(),
    prompt_variations: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.union([
        /* @__PURE__ */ z.string(),
        /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
      ]),
    ),
  }),
])
export type PromptResult = z.infer<typeof promptResultSchema>

/** One timed segment of a video caption (`segment_timestamps*` modes). */
export const captionSegmentSchema = /* @__PURE__ */ z.looseObject({
  start: /* @__PURE__ */ count(),
  end: /* @__PURE__ */ count(),
  caption: /* @__PURE__ */ text(),
  description: /* @__PURE__ */ text(),
  tags: /* @__PURE__ */ texts(),
})
export type CaptionSegment = z.infer<typeof captionSegmentSchema>

/** A caption: text, or `{caption}`, `{tags}` (tagging modes) or `{segments}` (timestamp modes). */
export const captionResultSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.looseObject({
    caption: /* @__PURE__ */ text(),
    tags: /* @__PURE__ */ texts(),
    segments: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(captionSegmentSchema)),
    ),
  }),
])
export type CaptionResult = z.infer<typeof captionResultSchema>

/**
 * Generated or edited media: URLs under `image_url`/`image_urls`, `video_url`/`video_urls`,
 * `audio_url`, `result_url` (Bria's masks zip), with the seed and the prompt the provider used.
 * `mediaUrls()` collects the URLs of any shape.
 */
export const mediaResultSchema = /* @__PURE__ */ z.looseObject({
  image_url: /* @__PURE__ */ text(),
  image_urls: /* @__PURE__ */ texts(),
  video_url: /* @__PURE__ */ text(),
  video_urls: /* @__PURE__ */ texts(),
  audio_url: /* @__PURE__ */ text(),
  result_url: /* @__PURE__ */ text(),
  seed: /* @__PURE__ */ count(),
  prompt: /* @__PURE__ */ text(),
  refined_prompt: /* @__PURE__ */ text(),
  /** Text a Gemini model wrote beside its images. */
  text: /* @__PURE__ */ text(),
})
export type MediaResult = z.infer<typeof mediaResultSchema>

/** Firefly's upload answer: `{images: [{id}]}`; the id goes in `source.upload_id`. */
export const uploadResultSchema = /* @__PURE__ */ z.looseObject({
  images: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ id: /* @__PURE__ */ z.string() })),
  ),
  upload_id: /* @__PURE__ */ text(),
})
export type UploadResult = z.infer<typeof uploadResultSchema>

/** `BriaStatusResponse`, as the document defines it (status values kept open). */
export const briaStatusResponseSchema = /* @__PURE__ */ z.looseObject({
  /** `IN_PROGRESS`, `COMPLETED`, `ERROR` or `UNKNOWN`. */
  status: /* @__PURE__ */ z.string(),
  /** Not needed: the task is known by the id it was polled with. */
  request_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
  /** When `COMPLETED`: `image_url` and optionally `seed`, `prompt`, `refined_prompt`. */
  result: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
    ),
  ),
  /** When `ERROR`: `message` and an optional `code`. */
  error: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.unknown()),
    ),
  ),
})
export type BriaStatusResponse = z.infer<typeof briaStatusResponseSchema>

/**
 * A Firefly job: `status` (`pending`, `running`, `succeeded`, `failed`, `canceled`),
 * `progress` in percent, and on success `result.outputs[].image.url`.
 */
export const fireflyStatusResultSchema = /* @__PURE__ */ z.looseObject({
  jobId: /* @__PURE__ */ text(),
  status: /* @__PURE__ */ z.string(),
  progress: /* @__PURE__ */ progress(),
  result: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.unknown())),
  error_code: /* @__PURE__ */ text(),
  message: /* @__PURE__ */ text(),
})
export type FireflyStatusResult = z.infer<typeof fireflyStatusResultSchema>

/**
 * A Runway task: `status` (`PENDING`, `THROTTLED`, `RUNNING`, `SUCCEEDED`, `FAILED`,
 * `CANCELLED`), `progress` 0-1 while running, `output` URLs on success, `failure` and
 * `failureCode` on failure.
 */
export const runwayTaskResultSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ text(),
  status: /* @__PURE__ */ z.string(),
  progress: /* @__PURE__ */ progress(),
  output: /* @__PURE__ */ texts(),
  failure: /* @__PURE__ */ text(),
  failureCode: /* @__PURE__ */ text(),
  createdAt: /* @__PURE__ */ text(),
})
export type RunwayTaskResult = z.infer<typeof runwayTaskResultSchema>

/** A cancel route's answer (a message; nothing is read from it). */
export const cancelResultSchema = /* @__PURE__ */ z.unknown()
export type CancelResult = z.infer<typeof cancelResultSchema>

/** The health probe's answer. */
export const healthResultSchema = /* @__PURE__ */ z.unknown()
export type HealthResult = z.infer<typeof healthResultSchema>

const id = () =>
  /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.union([/* @__PURE__ */ z.number(), /* @__PURE__ */ z.string()]),
  )

/** A LoRA project. */
export const loraProjectSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ id(),
  project_name: /* @__PURE__ */ text(),
  project_description: /* @__PURE__ */ text(),
  ip_name: /* @__PURE__ */ text(),
  ip_description: /* @__PURE__ */ text(),
  ip_medium: /* @__PURE__ */ text(),
  ip_type: /* @__PURE__ */ text(),
})
export type LoraProject = z.infer<typeof loraProjectSchema>
export const loraProjectListSchema = /* @__PURE__ */ z.array(loraProjectSchema)

/** A LoRA dataset (`status` `draft` or `completed`). */
export const loraDatasetSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ id(),
  project_id: /* @__PURE__ */ id(),
  name: /* @__PURE__ */ text(),
  caption_prefix: /* @__PURE__ */ text(),
  status: /* @__PURE__ */ text(),
})
export type LoraDataset = z.infer<typeof loraDatasetSchema>
export const loraDatasetListSchema = /* @__PURE__ */ z.array(loraDatasetSchema)

/** An image of a LoRA dataset. */
export const loraImageSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ id(),
  dataset_id: /* @__PURE__ */ id(),
  image_name: /* @__PURE__ */ text(),
  image_url: /* @__PURE__ */ text(),
  caption: /* @__PURE__ */ text(),
})
export type LoraImage = z.infer<typeof loraImageSchema>
export const loraImageListSchema = /* @__PURE__ */ z.array(loraImageSchema)

/** A LoRA model (`training_version` `light` or `max`; `status` follows training). */
export const loraModelSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ id(),
  dataset_id: /* @__PURE__ */ id(),
  name: /* @__PURE__ */ text(),
  description: /* @__PURE__ */ text(),
  training_version: /* @__PURE__ */ text(),
  status: /* @__PURE__ */ text(),
})
export type LoraModel = z.infer<typeof loraModelSchema>
export const loraModelListSchema = /* @__PURE__ */ z.array(loraModelSchema)

/** A confirmation (deletion, caption regeneration): a message or an object; nothing is required. */
export const loraMessageSchema = /* @__PURE__ */ z.unknown()

/** The asynchronous answer of a Bria `sync: false` call. */
export const briaAcceptedSchema = /* @__PURE__ */ z.looseObject({
  request_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  task_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  status_url: /* @__PURE__ */ text(),
})

/** The answer of a Firefly async operation: the job id (`jobId`, as Firefly names it, or `job_id`). */
export const fireflyAcceptedSchema = /* @__PURE__ */ z.looseObject({
  jobId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  job_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  task_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  statusUrl: /* @__PURE__ */ text(),
  cancelUrl: /* @__PURE__ */ text(),
})

/** The answer of a Runway operation: the task (`id`, or `task_id`) and its status. */
export const runwayAcceptedSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  task_id: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  status: /* @__PURE__ */ text(),
})
