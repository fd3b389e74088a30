/**
 * Images: text-to-image (`POST /generate/{model}`), pixel art (`POST /pixelart/generate`) and
 * prompt-guided edits (`/img2img/*`). All three generators answer synchronously with PNG bytes
 * once the GPU is done, which can take minutes when the sidecar first swaps models.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.image`, `client.pixelArt` and
 * `client.img2img` offer the same calls as methods.
 */
import type { MediaFile, StandardSchemaV1 } from '@atelier/core'
import { pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type AspectRatiosResponse,
  aspectRatiosResponseSchema,
  type ImageGenerateRequest,
  type ImageGenerateRequestFor,
  type ImageModelId,
  type Img2ImgEditRequest,
  type Img2ImgEditUploadForm,
  type Img2ImgModelId,
  type Img2ImgModelsResponse,
  imageGenerateRequestSchemaFor,
  img2imgEditRequestSchema,
  img2imgEditUploadFormSchema,
  img2imgModelsResponseSchema,
  type PixelArtGenerateRequest,
  pixelArtGenerateRequestSchema,
} from '../schemas'
import { type Connection, type Transport, transportOf } from './transport'
import { type Base64ImageInput, buildFormData, type UploadInput, withBase64Files } from './uploads'

/** The body `generateImage(connection, model, body)` takes: the model's own rules for a known id. */
export type ImageGenerateBody<M extends string> = M extends ImageModelId
  ? ImageGenerateRequestFor<M>
  : ImageGenerateRequest

/** Body of `editImage`: `image` may be base64 text or a file to encode. */
export type Img2ImgEditBody = Omit<Img2ImgEditRequest, 'image'> & { image: Base64ImageInput }

/** Form of `editImageUpload`: `image` is a file (`Blob`, bytes or `MediaFile`). */
export type Img2ImgEditUploadInput = Omit<Img2ImgEditUploadForm, 'image'> & { image: UploadInput }

/**
 * `GET /aspect-ratios`: the server's `aspect_ratio` presets keyed by ratio (`"16:9"`), each
 * with its constant name and `[width, height]` at `base_size` 1024. `ASPECT_RATIO_PRESETS`
 * (and `aspectRatioSize(ratio, baseSize)`) compute the same without a request.
 */
export function getAspectRatios(
  connection: Connection,
  context: RequestContext = {},
): Promise<AspectRatiosResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/aspect-ratios', kind: 'read', schema: aspectRatiosResponseSchema },
    context,
  )
}

/**
 * `POST /generate/{model}`: generates one image and resolves with it as a `MediaFile`
 * (`image/png`, bytes in memory).
 *
 * The body is checked with the server's one `GenerateRequest` rules before anything is sent
 * (prompt 1-4096 characters, steps 1-100, `cfg_scale` 0-20, sides 64-2048) and sent as
 * given: omitted fields take the model's own defaults on the server (`IMAGE_MODEL_DEFAULTS`),
 * and fields a model cannot use (CFG on the turbo models, `use_lora` off qwen-image-2512) are
 * ignored there. Sizing as the server resolves it: `width`+`height`, else `aspect_ratio` (+
 * `base_size`), else one side alone as a square, else 1024x1024; sides are floored to a
 * multiple of 64 (`resolvedImageSize` tells the result).
 *
 * A `submit` call: never retried once the server may have started (a 500 is not retried),
 * with the transport's `generationTimeoutMs` (default 15 min). Abort with `context.signal`.
 * Poll `getImageProgress` meanwhile for step progress. Errors: 400/422 → `ValidationError`,
 * 404 (unknown model) and 500 → `ProviderError` with the server's detail.
 */
export async function generateImage<M extends ImageModelId | (string & {})>(
  connection: Connection,
  model: M,
  body: ImageGenerateBody<M>,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const { model: id } = transport.params('POST /generate/{model}', { model })
  const schema = imageGenerateRequestSchemaFor(id) as StandardSchemaV1<unknown, unknown>
  const json = transport.validate(schema, body, `POST /generate/${id}`)
  return transport.media(
    {
      method: 'POST',
      path: pathOf`/generate/${id}`,
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'image/png',
    context,
  )
}

/**
 * `POST /pixelart/generate`: a pixel art icon, sprite or tile. The server renders at 1024 with
 * z-image-turbo, removes the background (unless `remove_background: false`, for seamless
 * tiles), and scales down with nearest-neighbour to `size` (8-512, default 32). Resolves with a
 * `MediaFile` of `image/png` with an alpha channel.
 *
 * Only the fields given are sent; the server's defaults (`PIXELART_DEFAULTS`: `size` 32,
 * `remove_background` true, 9 steps, an anti-realism negative prompt) apply. A `submit` call with `generationTimeoutMs`; poll
 * `getPixelArtProgress` meanwhile. 400 → `ValidationError`, 500 → `ProviderError`.
 */
export async function generatePixelArt(
  connection: Connection,
  body: PixelArtGenerateRequest,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const json = transport.validate(pixelArtGenerateRequestSchema, body, 'POST /pixelart/generate')
  return transport.media(
    {
      method: 'POST',
      path: '/pixelart/generate',
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'image/png',
    context,
  )
}

/** `GET /img2img/models`: available and loaded image editing model ids (e.g. `qwen-image-edit`). */
export function listImg2ImgModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<Img2ImgModelsResponse> {
  return transportOf(connection).json(
    {
      method: 'GET',
      path: '/img2img/models',
      kind: 'read',
      schema: img2imgModelsResponseSchema,
    },
    context,
  )
}

/**
 * `POST /img2img/edit/{model}`: edits an image following a natural-language instruction
 * (`prompt`) and resolves with the result as a `MediaFile` (`image/png`). The image travels as
 * base64 in the JSON body: pass base64 text (standard alphabet, padded, no `data:` prefix) or a
 * `Blob`, bytes or `MediaFile`, which is encoded once the rest of the body has passed validation.
 *
 * Only the fields given are sent; the server's defaults (`IMG2IMG_DEFAULTS`: `negative_prompt`
 * `" "` — the model needs a non-empty one — 20 steps, `true_cfg_scale` 4.0, `use_lora` false)
 * apply, and `width`/`height` default to the input image's. The edit model floors each side
 * to a multiple of 16. With `use_lora: true`, 4-6 steps and CFG 1.0 work best
 * (`IMG2IMG_LORA_RECOMMENDED`). A `submit` call with `generationTimeoutMs`; poll
 * `getImg2ImgProgress` meanwhile. 400 → `ValidationError`, 404 (unknown model) and 500
 * → `ProviderError`.
 */
export async function editImage(
  connection: Connection,
  model: Img2ImgModelId | (string & {}),
  body: Img2ImgEditBody,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const { model: id } = transport.params('POST /img2img/edit/{model}', { model })
  const json = await withBase64Files(
    transport,
    img2imgEditRequestSchema,
    body,
    ['image'],
    `POST /img2img/edit/${id}`,
    context.signal,
  )
  return transport.media(
    {
      method: 'POST',
      path: pathOf`/img2img/edit/${id}`,
      json,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'image/png',
    context,
  )
}

/**
 * `POST /img2img/edit/{model}/upload`: the same edit with the image sent as a multipart file
 * (no base64 overhead). `form.image` is a `Blob`/`File`, bytes or a `MediaFile`; the other
 * fields take typed values (or their text) and are checked with the JSON body's ranges before
 * sending. Resolves with a `MediaFile` of `image/png`.
 *
 * A `submit` call with `generationTimeoutMs`. 400 (invalid image file) → `ValidationError`,
 * 404 (unknown model) and 500 → `ProviderError`.
 */
export async function editImageUpload(
  connection: Connection,
  model: Img2ImgModelId | (string & {}),
  form: Img2ImgEditUploadInput,
  context: RequestContext = {},
): Promise<MediaFile> {
  const transport = transportOf(connection)
  const { model: id } = transport.params('POST /img2img/edit/{model}/upload', { model })
  const body = await buildFormData(
    transport,
    img2imgEditUploadFormSchema,
    form,
    ['image'],
    `POST /img2img/edit/${id}/upload`,
    context.signal,
  )
  return transport.media(
    {
      method: 'POST',
      path: pathOf`/img2img/edit/${id}/upload`,
      body,
      kind: 'submit',
      timeoutMs: transport.generationTimeoutMs,
    },
    'image/png',
    context,
  )
}

/** `GET /aspect-ratios` and `POST /generate/{model}`. */
export class ImageApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /aspect-ratios`: the server's presets (see `getAspectRatios`). */
  aspectRatios(context: RequestContext = {}): Promise<AspectRatiosResponse> {
    return getAspectRatios(this.#transport, context)
  }

  /** `POST /generate/{model}`: one image as a PNG `MediaFile` (see `generateImage`). */
  generate<M extends ImageModelId | (string & {})>(
    model: M,
    body: ImageGenerateBody<M>,
    context: RequestContext = {},
  ): Promise<MediaFile> {
    return generateImage(this.#transport, model, body, context)
  }
}

/** `POST /pixelart/generate`. */
export class PixelArtApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `POST /pixelart/generate`: a pixel art PNG with alpha (see `generatePixelArt`). */
  generate(body: PixelArtGenerateRequest, context: RequestContext = {}): Promise<MediaFile> {
    return generatePixelArt(this.#transport, body, context)
  }
}

/** `GET /img2img/models`, `POST /img2img/edit/{model}` and `POST /img2img/edit/{model}/upload`. */
export class Img2ImgApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /img2img/models`: image editing model ids (see `listImg2ImgModels`). */
  models(context: RequestContext = {}): Promise<Img2ImgModelsResponse> {
    return listImg2ImgModels(this.#transport, context)
  }

  /** `POST /img2img/edit/{model}`: an edit with the image as base64 JSON (see `editImage`). */
  edit(
    model: Img2ImgModelId | (string & {}),
    body: Img2ImgEditBody,
    context: RequestContext = {},
  ): Promise<MediaFile> {
    return editImage(this.#transport, model, body, context)
  }

  /** `POST /img2img/edit/{model}/upload`: an edit with the image as a file (see `editImageUpload`). */
  editUpload(
    model: Img2ImgModelId | (string & {}),
    form: Img2ImgEditUploadInput,
    context: RequestContext = {},
  ): Promise<MediaFile> {
    return editImageUpload(this.#transport, model, form, context)
  }
}
