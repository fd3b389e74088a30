/**
 * What the VLM Run emulator accepts, written from the API document (seed 002) and not from the
 * driver: the body of `POST /v1/image/generate` and the query of `GET /v1/predictions`. The
 * service answers the way FastAPI does (a 422 with a `detail` list), so both are validated with
 * the emulators' own transcription of FastAPI and pydantic (`../sidecar/fastapi`), which also
 * gives pydantic's defaults: unknown keys are ignored and values are read in lax mode (`"5"`
 * for an integer, `"true"` for a boolean).
 *
 * Where the document is silent, the rule is what a real server plausibly accepts, and says so.
 */
import type { RouteParams } from '../sidecar/fastapi'
import {
  bool,
  dict,
  enumOf,
  float,
  int,
  listOf,
  literal,
  type ModelSchema,
  modelOf,
  optional,
  required,
  str,
} from '../sidecar/pydantic'

/** `domain`: "Available options" of the document, in its order. */
export const VLMRUN_DOMAINS = [
  'aerospace.remote-sensing',
  'document.ocr',
  'document.generative',
  'document.invoice',
  'document.markdown',
  'document.presentation',
  'document.receipt',
  'document.resume',
  'document.utility-bill',
  'image.caption',
  'retail.product-catalog',
  'retail.ecommerce-product-caption',
  'video.tv-news',
  'video.caption',
  'video.commentary',
] as const

/** The prediction statuses the document lists ("Available options" of `status`). */
export const VLMRUN_STATUSES = [
  'enqueued',
  'pending',
  'running',
  'completed',
  'failed',
  'paused',
] as const

/**
 * `metadata`: the document only says "object" and shows `environment: "dev"`,
 * `session_id: "<string>"`, `allow_training: true`; the types are those of the example. It
 * lists no other environments, so any text is taken.
 */
const requestMetadata: ModelSchema = {
  name: 'RequestMetadata',
  fields: {
    environment: optional(str(), 'dev'),
    session_id: optional(str(), null, true),
    allow_training: optional(bool, true),
  },
}

/**
 * `config`: "the VLM generation config". The document gives only its example, so the types are
 * the example's (`max_retries: 3` and `max_tokens: 4096` integers, `temperature: 0` a number)
 * and no ranges are enforced: the document states none. `detail` is `"auto"` in the example
 * with no list of values, so any text is taken. `response_model` is `<any>` and is not checked.
 * `prompt` and `json_schema` may be `null` (they are optional inputs a client leaves empty).
 */
const generationConfig: ModelSchema = {
  name: 'GenerationConfig',
  fields: {
    prompt: optional(str(), null, true),
    detail: optional(str(), 'auto'),
    json_schema: optional(dict, null, true),
    max_retries: optional(int(), 3),
    max_tokens: optional(int(), 4096),
    temperature: optional(float(), 0),
    confidence: optional(bool, false),
    grounding: optional(bool, false),
  },
}

/**
 * The body of `POST /v1/image/generate` ("Request to the VLM API"). Required: `images`
 * (a list of strings) and `domain` (one of {@link VLMRUN_DOMAINS}). `callback_url` is the only
 * field the document types as nullable (`string | null`), with "Minimum length: 1"; `model`
 * allows the one value `vlm-1`. The document sets no minimum number of images; an empty list
 * is taken as pydantic would take it (there is then nothing to predict on).
 *
 * Each image must be "base64 encoded" or a URL; the emulator checks that after this schema
 * (see `imageDetails` in `./emulator`).
 */
export const imageGenerateRequest: ModelSchema = {
  name: 'ImageRequest',
  fields: {
    metadata: optional(modelOf(requestMetadata), () => ({})),
    config: optional(modelOf(generationConfig), () => ({})),
    id: optional(str(), undefined),
    created_at: optional(str(), undefined),
    callback_url: optional(str({ minLength: 1 }), null, true),
    images: required(listOf(str())),
    domain: required(enumOf(VLMRUN_DOMAINS)),
    model: optional(literal(['vlm-1']), 'vlm-1'),
    batch: optional(bool, false),
  },
}

/**
 * `GET /v1/predictions`: the document does not describe it (it only shows the prediction that
 * `GET /v1/predictions/{id}` reads back). The query is the usual FastAPI paging, `skip`
 * (default 0) and `limit` (default 10), integers; a negative `skip` or a `limit` below 1 is
 * refused (a server pages a database with them, which has no meaning for either), with no upper
 * bound on `limit` since none is documented. `status` filters by one of the documented statuses.
 */
export const predictionListQuery: RouteParams = {
  query: {
    skip: optional(int({ ge: 0 }), 0),
    limit: optional(int({ ge: 1 }), 10),
    status: optional(enumOf(VLMRUN_STATUSES), null, true),
  },
}
