/**
 * Vision Q&A (Qwen3-VL): ask about an image sent as base64 JSON or as a multipart upload.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.vision` offers the same calls as
 * methods.
 */
import type { RequestContext } from '@atelier/core/driver'
import {
  type VisionAnalyzeRequest,
  type VisionAnalyzeResponse,
  type VisionAnalyzeUploadForm,
  type VisionModelsResponse,
  visionAnalyzeRequestSchema,
  visionAnalyzeResponseSchema,
  visionAnalyzeUploadFormSchema,
  visionModelsResponseSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'
import { type Base64ImageInput, buildFormData, type UploadInput, withBase64Files } from './uploads'

/** Body of `analyzeImage`: `image` may be base64 text or a file to encode. */
export type VisionAnalyzeBody = Omit<VisionAnalyzeRequest, 'image'> & { image: Base64ImageInput }

/** Form of `analyzeImageUpload`: `image` is a file. */
export type VisionAnalyzeUploadInput = Omit<VisionAnalyzeUploadForm, 'image'> & {
  image: UploadInput
}

/** `GET /vision/models`: available and loaded vision-language model ids (e.g. `qwen3-vl-8b`). */
export function listVisionModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<VisionModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/vision/models', kind: 'read', schema: visionModelsResponseSchema },
    context,
  )
}

/**
 * `POST /vision/analyze`: asks `query` about an image (describe, OCR, visual Q&A) and
 * resolves with `{response, model}`. The image travels as base64 in the JSON body: pass base64
 * text (PNG, JPEG or WebP, no `data:` prefix) or a `Blob`, bytes or `MediaFile` to encode.
 *
 * `temperature` is 0.7 on the server when omitted (0.0-2.0); `max_tokens` null/omitted means the model's
 * default. A `submit` call with `generationTimeoutMs`. 400 (bad image) → `ValidationError`,
 * 500 → `ProviderError`.
 */
export async function analyzeImage(
  connection: Connection,
  body: VisionAnalyzeBody,
  context: RequestContext = {},
): Promise<VisionAnalyzeResponse> {
  const transport = transportOf(connection)
  const json = await withBase64Files(
    transport,
    visionAnalyzeRequestSchema,
    body,
    ['image'],
    'POST /vision/analyze',
    context.signal,
  )
  return transport.json(
    {
      method: 'POST',
      path: '/vision/analyze',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
      schema: visionAnalyzeResponseSchema,
    },
    context,
  )
}

/**
 * `POST /vision/analyze/upload`: the same question with the image as a multipart file
 * (`Blob`/`File`, bytes or `MediaFile`). Resolves with `{response, model}`. A `submit` call
 * with `generationTimeoutMs`.
 */
export async function analyzeImageUpload(
  connection: Connection,
  form: VisionAnalyzeUploadInput,
  context: RequestContext = {},
): Promise<VisionAnalyzeResponse> {
  const transport = transportOf(connection)
  const body = await buildFormData(
    transport,
    visionAnalyzeUploadFormSchema,
    form,
    ['image'],
    'POST /vision/analyze/upload',
    context.signal,
  )
  return transport.json(
    {
      method: 'POST',
      path: '/vision/analyze/upload',
      body,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
      schema: visionAnalyzeResponseSchema,
    },
    context,
  )
}

/** `/vision/models`, `/vision/analyze`, `/vision/analyze/upload`. */
export class VisionApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /vision/models`: the vision-language models (see `listVisionModels`). */
  models(context: RequestContext = {}): Promise<VisionModelsResponse> {
    return listVisionModels(this.#transport, context)
  }

  /** `POST /vision/analyze`: a question about a base64 image (see `analyzeImage`). */
  analyze(body: VisionAnalyzeBody, context: RequestContext = {}): Promise<VisionAnalyzeResponse> {
    return analyzeImage(this.#transport, body, context)
  }

  /** `POST /vision/analyze/upload`: a question about an uploaded image (see `analyzeImageUpload`). */
  analyzeUpload(
    form: VisionAnalyzeUploadInput,
    context: RequestContext = {},
  ): Promise<VisionAnalyzeResponse> {
    return analyzeImageUpload(this.#transport, form, context)
  }
}
