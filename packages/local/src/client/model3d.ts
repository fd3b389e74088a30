/**
 * 3D models (`/model3d/*`, Hunyuan3D-2): a textured, optionally low-poly binary glTF (`.glb`)
 * from a text prompt or an image, generated synchronously, then listed and downloaded by id.
 * Routes of the current server that the API document predates.
 *
 * Every endpoint is a standalone function taking a `Transport` (or a `SillyMediaClient`) first,
 * so a bundle pays only for the calls it imports; `client.model3d` offers the same calls as methods.
 */
import { ConnectionError, MediaFile, ResponseShapeError } from '@atelier/core'
import {
  pathOf,
  type RequestContext,
  type RequestOptions,
  raceAbort,
  refuseHtmlPage,
  throwIfAborted,
} from '@atelier/core/driver'
import * as z from 'zod/mini'
import {
  MODEL3D_MEDIA_TYPE,
  type Model3dGenerateRequest,
  type Model3dListQuery,
  type Model3dListResponse,
  type Model3dModelId,
  type Model3dModelsResponse,
  model3dGenerateQuerySchema,
  model3dGenerateRequestSchema,
  model3dIdSchema,
  model3dListQuerySchema,
  model3dListResponseSchema,
  model3dModelsResponseSchema,
} from '../schemas'
import {
  type Connection,
  dispositionFilename,
  PROVIDER,
  responseMediaType,
  type Transport,
  transportOf,
} from './transport'
import { type Base64ImageInput, withBase64Files } from './uploads'

/** Body of `generateModel3d`: `image` may be base64 text, a `data:` URL, an http(s) URL or a file to encode. */
export type Model3dGenerateBody = Omit<Model3dGenerateRequest, 'image'> & {
  image?: Base64ImageInput | null
}

/** Options of `generateModel3d`: the 3D backend (query `?model=`, default `hunyuan3d-2`). */
export interface Model3dGenerateOptions {
  model?: Model3dModelId | (string & {})
}

/** What `POST /model3d/generate` answers: the GLB and the ids its headers carry. */
export interface Model3dGenerateResult {
  /** The mesh, `model/gltf-binary`, bytes in memory (named `<model id>.glb` by the server). */
  file: MediaFile
  /**
   * `X-Model-Id` (else the stem of the `Content-Disposition` file name): the id for
   * `downloadModel3d`, `getModel3dReference` and `GET /model3d/list`. `undefined` when the
   * response does not expose it: the server sends no `Access-Control-Expose-Headers`, so a browser
   * on another origin sees neither header (`listGeneratedModel3d(connection, { limit: 1 })` then names
   * the newest model).
   */
  modelId: string | undefined
  /** `X-Ref-Url`: the relative URL of the reference image, `/model3d/ref/{model_id}`. */
  refUrl: string | undefined
}

const modelIdParam = /* @__PURE__ */ (() => z.object({ model_id: model3dIdSchema }))()

/** `GET /model3d/models`: the 3D backends (`hunyuan3d-2`), whether each is loaded, whether it paints textures, and its VRAM estimate. */
export function listModel3dModels(
  connection: Connection,
  context: RequestContext = {},
): Promise<Model3dModelsResponse> {
  return transportOf(connection).json(
    { method: 'GET', path: '/model3d/models', kind: 'read', schema: model3dModelsResponseSchema },
    context,
  )
}

/**
 * `POST /model3d/generate`: generates a textured mesh and resolves, once it is ready (often 1-3
 * minutes, more when the sidecar swaps models), with the GLB and its id.
 *
 * Give exactly one of `text` (1-600 characters: the server first draws a reference image with
 * `image_model`, framed by `subject` — `character` in A-pose, an isolated `object`, a `building`,
 * or `auto`) and `image` (base64 text, a `data:` URL or an http(s) URL the server downloads; a
 * `Blob`, bytes or `MediaFile` is encoded to base64 once the rest has passed validation). Every
 * other field is filled with the server's default before sending: `octree_resolution` 256
 * (64-512), `num_inference_steps` 30 (1-100), `guidance_scale` 5.5 (0-15), `texture` true,
 * `target_faces` 10000 (500-300000, low for low-poly), `seed` -1, `image_model`
 * `z-image-turbo`, `subject` `character`. `options.model` picks the 3D backend (query
 * `?model=`, default `hunyuan3d-2`).
 *
 * A `submit` call with the transport's `generationTimeoutMs`. Errors: 400 (bad base64) and 422 →
 * `ValidationError`; 404 (unknown backend) and 500 → `ProviderError` with the server's detail.
 */
export async function generateModel3d(
  connection: Connection,
  body: Model3dGenerateBody,
  options: Model3dGenerateOptions = {},
  context: RequestContext = {},
): Promise<Model3dGenerateResult> {
  const transport = transportOf(connection)
  const what = 'POST /model3d/generate'
  const query = transport.validate(model3dGenerateQuerySchema, options, what)
  const json = await withBase64Files(
    transport,
    model3dGenerateRequestSchema,
    body,
    ['image'],
    what,
    context.signal,
  )
  const request: RequestOptions = {
    method: 'POST',
    path: '/model3d/generate',
    ...(query.model !== undefined ? { query: { model: query.model } } : {}),
    json,
    kind: 'submit',
    timeoutMs: transport.generationTimeoutMs,
  }
  const response = await transport.http.request(request, context)
  const where = `${PROVIDER}: ${what}`
  // A proxy's error page with a 200 is not a mesh, and neither is nothing at all.
  await refuseHtmlPage(response, MODEL3D_MEDIA_TYPE, where, {
    provider: PROVIDER,
    secrets: transport.http.secrets,
  })
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await raceAbort(response.arrayBuffer(), context.signal))
  } catch (error) {
    throwIfAborted(context.signal)
    throw new ConnectionError(`${PROVIDER}: the response body was cut short`, {
      provider: PROVIDER,
      cause: error,
    })
  }
  if (bytes.byteLength === 0) {
    throw new ResponseShapeError(`${where} answered an empty body instead of a GLB`, {
      provider: PROVIDER,
      status: response.status,
      body: '',
    })
  }
  const filename = dispositionFilename(response)
  const file = MediaFile.fromBytes(bytes, {
    mediaType: responseMediaType(response) ?? MODEL3D_MEDIA_TYPE,
    ...(filename !== undefined ? { filename } : {}),
  })
  const stem = filename?.replace(/\.glb$/i, '')
  return {
    file,
    modelId: response.headers.get('x-model-id') || stem || undefined,
    refUrl: response.headers.get('x-ref-url') || undefined,
  }
}

/**
 * `GET /model3d/download/{model_id}`: a generated GLB as a lazy `MediaFile`
 * (`model/gltf-binary`), fetched only when read (`stream()` streams it). A missing model surfaces
 * as a `ProviderError` (404) on the first read. An id with anything but letters and digits throws
 * a `ValidationError` at once (the server would silently drop those characters).
 */
export function downloadModel3d(
  connection: Connection,
  modelId: string,
  context: RequestContext = {},
): MediaFile {
  return fileOfModel(connection, 'download', modelId, MODEL3D_MEDIA_TYPE, context)
}

/**
 * `GET /model3d/ref/{model_id}`: the reference image a model was built from (the generated
 * text → image result, or the uploaded image) as a lazy `MediaFile` (`image/png`). A model
 * without one surfaces as a `ProviderError` (404) on the first read; a malformed id throws a
 * `ValidationError` at once.
 */
export function getModel3dReference(
  connection: Connection,
  modelId: string,
  context: RequestContext = {},
): MediaFile {
  return fileOfModel(connection, 'ref', modelId, 'image/png', context)
}

/** `GET /model3d/{download|ref}/{model_id}` as a lazy file, the id checked first. */
function fileOfModel(
  connection: Connection,
  route: 'download' | 'ref',
  modelId: string,
  mediaType: string,
  context: RequestContext,
): MediaFile {
  const transport = transportOf(connection)
  const { model_id } = transport.validate(
    modelIdParam,
    { model_id: modelId },
    `GET /model3d/${route}/{model_id}`,
  )
  return transport.lazyMedia(pathOf`/model3d/${route}/${model_id}`, mediaType, context)
}

/**
 * `GET /model3d/list`: generated models, newest first, each with its `id`, download `url`,
 * `size_bytes` and, when a reference image was kept, `ref_url`. `limit` (default 50, >= 1) caps
 * the list. A quick `read` call.
 */
export async function listGeneratedModel3d(
  connection: Connection,
  query: Model3dListQuery = {},
  context: RequestContext = {},
): Promise<Model3dListResponse> {
  const transport = transportOf(connection)
  const { limit } = transport.validate(model3dListQuerySchema, query, 'GET /model3d/list')
  return transport.json(
    {
      method: 'GET',
      path: '/model3d/list',
      query: { limit },
      kind: 'read',
      schema: model3dListResponseSchema,
    },
    context,
  )
}

/** `/model3d/*`. */
export class Model3dApi {
  readonly #transport: Transport

  /** @internal Built by `SillyMediaClient`. */
  constructor(transport: Transport) {
    this.#transport = transport
  }

  /** `GET /model3d/models`: the 3D backends (see `listModel3dModels`). */
  models(context: RequestContext = {}): Promise<Model3dModelsResponse> {
    return listModel3dModels(this.#transport, context)
  }

  /** `POST /model3d/generate`: a GLB from `text` or `image`, with its id (see `generateModel3d`). */
  generate(
    body: Model3dGenerateBody,
    options: Model3dGenerateOptions = {},
    context: RequestContext = {},
  ): Promise<Model3dGenerateResult> {
    return generateModel3d(this.#transport, body, options, context)
  }

  /** `GET /model3d/download/{model_id}`: a lazy GLB (see `downloadModel3d`). */
  download(modelId: string, context: RequestContext = {}): MediaFile {
    return downloadModel3d(this.#transport, modelId, context)
  }

  /** `GET /model3d/ref/{model_id}`: the lazy reference PNG (see `getModel3dReference`). */
  reference(modelId: string, context: RequestContext = {}): MediaFile {
    return getModel3dReference(this.#transport, modelId, context)
  }

  /** `GET /model3d/list`: generated models, newest first (see `listGeneratedModel3d`). */
  list(query: Model3dListQuery = {}, context: RequestContext = {}): Promise<Model3dListResponse> {
    return listGeneratedModel3d(this.#transport, query, context)
  }
}
