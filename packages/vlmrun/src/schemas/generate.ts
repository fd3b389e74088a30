/**
 * The body of `POST /v1/image/generate`: the images, the domain, and the generation config
 * (prompt, a JSON Schema or response model for structured output, limits), with `batch` to
 * run it as an asynchronous prediction and `callback_url` to be called when it completes.
 * Unknown keys are rejected, so a typo fails before it is sent. Schemas are built in calls
 * marked `@__PURE__`, so a bundle keeps only those it uses (see `./predictions`).
 */
import * as z from 'zod/mini'
import { DOMAINS, isBase64DataUri, isBase64Text, isHttpUrl, MODELS, text } from './common'

/** Optional metadata passed to the model. */
export const metadataSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** `dev` in the document's example. */
    environment: z.optional(text()),
    session_id: z.optional(z.nullable(z.string())),
    /** Whether VLM Run may use the request for training. */
    allow_training: z.optional(z.boolean('must be true or false')),
  }))()
export type Metadata = z.infer<typeof metadataSchema>

/** The generation config "to be used for /<dtype>/generate". */
export const generationConfigSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Instructions, or a question, for the model. */
    prompt: z.optional(z.nullable(z.string())),
    /** Image detail, `auto` by default. */
    detail: z.optional(text()),
    /** A response model, in whatever form the server accepts. */
    response_model: z.optional(z.unknown()),
    /** A JSON Schema the response must follow (structured output). */
    json_schema: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    /** Default 3. */
    max_retries: z.optional(z.int('must be an integer').check(z.gte(0, 'must be >= 0'))),
    /** Default 4096. */
    max_tokens: z.optional(z.int('must be an integer').check(z.gte(1, 'must be >= 1'))),
    /** Default 0. */
    temperature: z.optional(z.number('must be a number').check(z.gte(0, 'must be >= 0'))),
    /** Attach confidence scores. */
    confidence: z.optional(z.boolean('must be true or false')),
    /** Attach visual grounding (where in the image each value was found). */
    grounding: z.optional(z.boolean('must be true or false')),
  }))()
export type GenerationConfig = z.infer<typeof generationConfigSchema>

/** One image: a URL, a base64 data URI, or bare base64 text. */
export const imageEntrySchema = /* @__PURE__ */ (() =>
  z
    .string('must be a string')
    .check(
      z.refine(
        (value) => isHttpUrl(value) || isBase64DataUri(value) || isBase64Text(value),
        'must be an http(s) URL or base64 image data (bare or as a data: URI)',
      ),
    ))()

/** Body of `POST /v1/image/generate`. */
export const imageGenerateRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Base64 encoded images or URLs to images. At least one. */
    images: z.array(imageEntrySchema).check(z.minLength(1, 'needs at least one image')),
    /** The domain, e.g. `image.caption` or `document.invoice`. */
    domain: z.enum(DOMAINS, `must be one of ${DOMAINS.join(', ')}`),
    metadata: z.optional(metadataSchema),
    config: z.optional(generationConfigSchema),
    /** Your id for the request. */
    id: z.optional(text()),
    /** When the request was created (UTC). */
    created_at: z.optional(text()),
    /** Called when the prediction completes. */
    callback_url: z.optional(
      z.nullable(
        z
          .string('must be a string')
          .check(
            z.minLength(1, 'must not be empty'),
            z.refine(isHttpUrl, 'must be an http(s) URL the server can call'),
          ),
      ),
    ),
    /** Only `vlm-1` (the default). */
    model: z.optional(z.enum(MODELS, 'must be "vlm-1", the only model the API allows')),
    /** Run asynchronously: the answer is a prediction to poll. Default false. */
    batch: z.optional(z.boolean('must be true or false')),
  }))()
export type ImageGenerateRequest = z.input<typeof imageGenerateRequestSchema>
