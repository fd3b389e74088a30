/**
 * What the `result` of each endpoint holds. The API document gives every response the same
 * envelope, `{"status": "success", "result": <anything>}`, and describes the result only in
 * prose ("the result containing the generated image URLs"). The shapes named here are the ones
 * the emulator answers with; see `docs/providers/vision-studio.md` ("Where the document is
 * silent").
 *
 * Readers are tolerant, writers exact. Each schema is strict only on what the code needs: the
 * media URLs an output is read from, a task's status word, a LoRA record's id (an accepted
 * answer's task id is required by the transport, which reads it from any of its names). Every
 * other field is read leniently: `null` is absent, a number may come as numeric text, a
 * timestamp in any form is read as an ISO string, and a value of another type is absent rather
 * than fatal. Unknown fields are kept. The types are the schemas' output types, so a field that
 * may be absent is optional in them.
 *
 * The Bria status route is the exception to the envelope: the document has its schema
 * (`BriaStatusResponse`), and it is not wrapped.
 */
import { lenient, lenientNumber, lenientTimestamp, readNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'

/** Text the code can do without: absent when `null` or of another type. */
const note = () => /* @__PURE__ */ lenient(/* @__PURE__ */ z.string())
/** Texts the code can do without (tags): absent when `null` or not a list of text. */
const notes = () => /* @__PURE__ */ lenient(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string()))
/** A figure the code can do without (seed, progress, timing): a number or its text, else absent. */
const figure = () => /* @__PURE__ */ lenientNumber()
/** A point in time in any form (ISO with any offset or none, epoch seconds or milliseconds), read as ISO. */
const instant = () => /* @__PURE__ */ lenientTimestamp()

/** `null` read as absent, anything else checked by `schema`: for the fields the code reads. */
const needed = <T extends z.ZodMiniType>(schema: T) =>
  /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.pipe(
      /* @__PURE__ */ z.nullable(schema),
      /* @__PURE__ */ z.transform((value): z.output<T> | undefined => value ?? undefined),
    ),
  )
/** A media URL an output is read from: text, or absent (`null` included); another type is refused. */
const url = () => needed(/* @__PURE__ */ z.string())
/** Media URLs an output is read from: a list of text, or absent; another type is refused. */
const urls = () => needed(/* @__PURE__ */ z.array(/* @__PURE__ */ z.string()))

/** Integer ids as the LoRA routes write them (`project_id: 0`); text ids are kept. */
const INTEGER_TEXT = /^\s*\d+\s*$/
/**
 * A reference to another LoRA record (`project_id`, `dataset_id`): a number, numeric text read as
 * its number, other text kept; absent otherwise. Not read by the code, so never fatal.
 */
const reference = () =>
  /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.pipe(
      /* @__PURE__ */ z.unknown(),
      /* @__PURE__ */ z.transform((value): number | string | undefined => {
        if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
        if (typeof value !== 'string' || value.trim() === '') return undefined
        return INTEGER_TEXT.test(value) ? readNumber(value) : value
      }),
    ),
  )
/** A LoRA record's own id, which calls on it are addressed by: a number or text, required. */
const recordId = () =>
  /* @__PURE__ */ z.union([/* @__PURE__ */ z.number(), /* @__PURE__ */ z.string()])

/** The envelope of every answer but Bria's status. */
export const envelopeSchema = /* @__PURE__ */ z.looseObject({
  status: /* @__PURE__ */ z.string(),
  result: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
})
export type Envelope = z.infer<typeof envelopeSchema>

/**
 * A prompt tool's answer: the prompt as text, or an object holding it (`prompt`; Bria's
 * enhancer answers `prompt_variations`), with the model and temperature that wrote it. Which
 * field holds the prompt varies, so none is required here: the driver fails, quoting the
 * answer, when none does.
 */
export const promptResultSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.looseObject({
    prompt: /* @__PURE__ */ note(),
    enhanced_prompt: /* @__PURE__ */ note(),
    prompt_variations: /* @__PURE__ */ lenient(
      /* @__PURE__ */ z.union([
        /* @__PURE__ */ z.string(),
        /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
      ]),
    ),
    model_provider: /* @__PURE__ */ note(),
    temperature: /* @__PURE__ */ figure(),
  }),
])
export type PromptResult = z.infer<typeof promptResultSchema>

/** One timed segment of a video caption (`segment_timestamps*` modes); times in seconds. */
export const captionSegmentSchema = /* @__PURE__ */ z.looseObject({
  start: /* @__PURE__ */ figure(),
  end: /* @__PURE__ */ figure(),
  caption: /* @__PURE__ */ note(),
  description: /* @__PURE__ */ note(),
  tags: /* @__PURE__ */ notes(),
})
export type CaptionSegment = z.infer<typeof captionSegmentSchema>

/** A caption: text, or `{caption}`, `{tags}` (tagging modes) or `{segments}` (timestamp modes). */
export const captionResultSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.string(),
  /* @__PURE__ */ z.looseObject({
    caption: /* @__PURE__ */ note(),
    tags: /* @__PURE__ */ notes(),
    segments: /* @__PURE__ */ lenient(/* @__PURE__ */ z.array(captionSegmentSchema)),
  }),
])
export type CaptionResult = z.infer<typeof captionResultSchema>

/**
 * Generated or edited media: URLs under `image_url`/`image_urls`, `video_url`/`video_urls`,
 * `audio_url`, `result_url` (Bria's masks zip), with the seed and the prompt the provider used.
 * `mediaUrls()` collects the URLs of any shape. The URL fields are what an output is read from:
 * a URL field of another type is refused, where a seed or a prompt of one is only absent.
 */
export const mediaResultSchema = /* @__PURE__ */ z.looseObject({
  image_url: /* @__PURE__ */ url(),
  image_urls: /* @__PURE__ */ urls(),
  video_url: /* @__PURE__ */ url(),
  video_urls: /* @__PURE__ */ urls(),
  audio_url: /* @__PURE__ */ url(),
  result_url: /* @__PURE__ */ url(),
  seed: /* @__PURE__ */ figure(),
  prompt: /* @__PURE__ */ note(),
  refined_prompt: /* @__PURE__ */ note(),
  /** Text a Gemini model wrote beside its images. */
  text: /* @__PURE__ */ note(),
})
export type MediaResult = z.infer<typeof mediaResultSchema>

/**
 * Firefly's upload answer: `{images: [{id}]}`; the id goes in `source.upload_id`. The ids are
 * what the driver reads (`upload_id` too, where a server names it so): strict.
 */
export const uploadResultSchema = /* @__PURE__ */ z.looseObject({
  images: /* @__PURE__ */ needed(
    /* @__PURE__ */ z.array(/* @__PURE__ */ z.looseObject({ id: /* @__PURE__ */ z.string() })),
  ),
  upload_id: /* @__PURE__ */ needed(/* @__PURE__ */ z.string()),
})
export type UploadResult = z.infer<typeof uploadResultSchema>

/**
 * `BriaStatusResponse`, as the document defines it (status values kept open; `result` and
 * `error` are `null` until they apply, as its example prints them).
 */
export const briaStatusResponseSchema = /* @__PURE__ */ z.looseObject({
  /** `IN_PROGRESS`, `COMPLETED`, `ERROR` or `UNKNOWN`. */
  status: /* @__PURE__ */ z.string(),
  /** Not needed: the task is known by the id it was polled with. */
  request_id: /* @__PURE__ */ note(),
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
  jobId: /* @__PURE__ */ note(),
  status: /* @__PURE__ */ z.string(),
  /** A number or numeric text; anything else absent, so a progress figure never fails a poll. */
  progress: /* @__PURE__ */ figure(),
  /** Searched for output URLs as it comes (`outputs[].image.url`, or any other URL field). */
  result: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  error_code: /* @__PURE__ */ note(),
  message: /* @__PURE__ */ note(),
})
export type FireflyStatusResult = z.infer<typeof fireflyStatusResultSchema>

/**
 * A Runway task: `status` (`PENDING`, `THROTTLED`, `RUNNING`, `SUCCEEDED`, `FAILED`,
 * `CANCELLED`), `progress` 0-1 while running, `output` URLs on success, `failure` and
 * `failureCode` on failure.
 */
export const runwayTaskResultSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ note(),
  status: /* @__PURE__ */ z.string(),
  progress: /* @__PURE__ */ figure(),
  output: /* @__PURE__ */ urls(),
  failure: /* @__PURE__ */ note(),
  failureCode: /* @__PURE__ */ note(),
  createdAt: /* @__PURE__ */ instant(),
})
export type RunwayTaskResult = z.infer<typeof runwayTaskResultSchema>

/** A cancel route's answer (a message; nothing is read from it). */
export const cancelResultSchema = /* @__PURE__ */ z.unknown()
export type CancelResult = z.infer<typeof cancelResultSchema>

/** The health probe's answer. */
export const healthResultSchema = /* @__PURE__ */ z.unknown()
export type HealthResult = z.infer<typeof healthResultSchema>

/** A LoRA project. */
export const loraProjectSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ recordId(),
  project_name: /* @__PURE__ */ note(),
  project_description: /* @__PURE__ */ note(),
  ip_name: /* @__PURE__ */ note(),
  ip_description: /* @__PURE__ */ note(),
  ip_medium: /* @__PURE__ */ note(),
  ip_type: /* @__PURE__ */ note(),
  created_at: /* @__PURE__ */ instant(),
})
export type LoraProject = z.infer<typeof loraProjectSchema>
export const loraProjectListSchema = /* @__PURE__ */ z.array(loraProjectSchema)

/** A LoRA dataset (`status` `draft` or `completed`). */
export const loraDatasetSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ recordId(),
  project_id: /* @__PURE__ */ reference(),
  name: /* @__PURE__ */ note(),
  caption_prefix: /* @__PURE__ */ note(),
  status: /* @__PURE__ */ note(),
  created_at: /* @__PURE__ */ instant(),
})
export type LoraDataset = z.infer<typeof loraDatasetSchema>
export const loraDatasetListSchema = /* @__PURE__ */ z.array(loraDatasetSchema)

/** An image of a LoRA dataset. */
export const loraImageSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ recordId(),
  dataset_id: /* @__PURE__ */ reference(),
  image_name: /* @__PURE__ */ note(),
  image_url: /* @__PURE__ */ note(),
  file_path: /* @__PURE__ */ note(),
  caption: /* @__PURE__ */ note(),
})
export type LoraImage = z.infer<typeof loraImageSchema>
export const loraImageListSchema = /* @__PURE__ */ z.array(loraImageSchema)

/** A LoRA model (`training_version` `light` or `max`; `status` follows training). */
export const loraModelSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ recordId(),
  dataset_id: /* @__PURE__ */ reference(),
  name: /* @__PURE__ */ note(),
  description: /* @__PURE__ */ note(),
  training_version: /* @__PURE__ */ note(),
  status: /* @__PURE__ */ note(),
  created_at: /* @__PURE__ */ instant(),
})
export type LoraModel = z.infer<typeof loraModelSchema>
export const loraModelListSchema = /* @__PURE__ */ z.array(loraModelSchema)

/** A confirmation (deletion, caption regeneration): a message or an object; nothing is required. */
export const loraMessageSchema = /* @__PURE__ */ z.unknown()

/*
 * The answers of asynchronous calls. The task id is required, but by the transport, which takes
 * it from any of the names a provider uses (`request_id`, `jobId`, `job_id`, `id`, `task_id`)
 * and fails quoting the answer when none holds text: each name alone is optional, and one of
 * another type (a number is not an id to poll) reads as absent without hiding the others.
 */

/** The asynchronous answer of a Bria `sync: false` call. */
export const briaAcceptedSchema = /* @__PURE__ */ z.looseObject({
  request_id: /* @__PURE__ */ note(),
  task_id: /* @__PURE__ */ note(),
  status_url: /* @__PURE__ */ note(),
})

/** The answer of a Firefly async operation: the job id (`jobId`, as Firefly names it, or `job_id`). */
export const fireflyAcceptedSchema = /* @__PURE__ */ z.looseObject({
  jobId: /* @__PURE__ */ note(),
  job_id: /* @__PURE__ */ note(),
  task_id: /* @__PURE__ */ note(),
  statusUrl: /* @__PURE__ */ note(),
  cancelUrl: /* @__PURE__ */ note(),
})

/** The answer of a Runway operation: the task (`id`, or `task_id`), its status and creation time. */
export const runwayAcceptedSchema = /* @__PURE__ */ z.looseObject({
  id: /* @__PURE__ */ note(),
  task_id: /* @__PURE__ */ note(),
  status: /* @__PURE__ */ note(),
  createdAt: /* @__PURE__ */ instant(),
})
