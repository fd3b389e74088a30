/**
 * 3D models (routers/model3d.py @ 1a6841ee, model3d/schemas.py @ 32cb2fbf,
 * model3d/hunyuan3d.py @ 207fd814): `GET /model3d/models`, `POST /model3d/generate`,
 * `GET /model3d/ref/{id}`, `GET /model3d/download/{id}`, `GET /model3d/list`.
 *
 * `POST /model3d/generate?model=hunyuan3d-2` is synchronous, like the server's (it follows the
 * Blender add-on's Hunyuan3D contract): from `text`, a reference picture is first generated with
 * `image_model` (falling back to the first image model; a character is framed 3:4, anything else
 * square, at base size 1024, with that model's default steps), then the 3D model runs on the GPU
 * for `model3dMs` (typical: 1 s per shape step plus 30 s of texture). The answer is the GLB
 * itself (`model/gltf-binary`) with `X-Model-Id`, `X-Ref-Url` and an attachment name; the GLB and
 * its reference picture stay downloadable. `image` is base64 (a `data:` URL prefix is dropped);
 * base64 that does not decode is 400, bytes that are no picture fail uncaught (a plain 500).
 *
 * Deviations: the mesh is a sphere with about `target_faces` triangles and one material colour;
 * an `http(s)` image URL is not fetched (it stands for a 1024×1024 picture).
 */
import { encodeGlb, encodePng } from '../media'
import type { SidecarContext } from './context'
import { parseRequest } from './fastapi'
import { Base64Error, pyB64decode, sniffImage } from './input-image'
import { loadedModels } from './models'
import { int, optional, PyFloat, str } from './pydantic'
import { HttpError, json, media, UncaughtError } from './responses'
import type { Router } from './router'
import { calculateDimensions, Model3DRequest, type Model3DRequestValue } from './schemas'

const GLB_MEDIA = 'model/gltf-binary'

/** Python's `str.isalnum()` filter the routes apply to ids. */
const safeId = (id: string) => [...id].filter((char) => /[\p{L}\p{N}]/u.test(char)).join('')

export function registerModel3dRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings, registry } = ctx

  router.add('GET', '/model3d/models', async () => {
    const loaded = loadedModels(ctx)
    return json({
      models: registry.models
        .filter((model) => model.types.includes('model3d'))
        .map((model) => ({
          id: model.id,
          name: model.displayName,
          loaded: loaded.includes(model.id),
          supports_texture: true,
          estimated_vram_gb: new PyFloat(model.estimatedVramGb),
        })),
    })
  })

  router.add('POST', '/model3d/generate', async (request, params) => {
    const { body, query } = await parseRequest(request, params, {
      query: { model: optional(str(), 'hunyuan3d-2') },
      body: Model3DRequest,
    })
    const req = body as Model3DRequestValue
    const model = query.model as string
    if (!registry.has('model3d', model)) throw new HttpError(404, `Unknown 3D model: ${model}`)
    if (!req.text && !req.image) throw new HttpError(400, "Provide either 'text' or 'image'")

    const seed = req.seed >= 0 ? req.seed : ctx.randomSeed()
    let reference: { width: number; height: number }
    const end = gpu.begin()
    try {
      if (req.image) {
        if (/^https?:\/\//.test(req.image)) {
          reference = { width: 1024, height: 1024 }
        } else {
          let data = req.image
          if (data.startsWith('data:') && data.includes(','))
            data = data.slice(data.indexOf(',') + 1)
          let bytes: Uint8Array
          try {
            bytes = pyB64decode(data)
          } catch (error) {
            const reason = error instanceof Base64Error ? error.message : String(error)
            throw new HttpError(400, `Invalid base64 image: ${reason}`)
          }
          const image = sniffImage(bytes)
          if (!image) throw new UncaughtError('cannot identify image file')
          reference = { width: image.width, height: image.height }
        }
      } else {
        const imageModel = registry.has('image', req.image_model)
          ? registry.get(req.image_model)
          : registry.get(registry.available('image')[0] ?? '')
        if (!imageModel) throw new HttpError(500, 'No image model available for text->3D')
        const [width, height] = calculateDimensions(
          req.subject === 'character' ? '3:4' : '1:1',
          1024,
        )
        reference = { width, height }
        const steps = imageModel.imageSteps?.(null, false).run ?? 30
        await gpu.use(imageModel.id, 'POST /model3d/generate (reference)', () =>
          gpu.steps(steps, timings.imageStepMs),
        )
      }
      const plannedMs =
        timings.model3dMs ??
        (req.num_inference_steps * 1000 + (req.texture ? 30_000 : 0)) * timings.timeScale
      await gpu.use(model, 'POST /model3d/generate', () => ctx.sleep(plannedMs))
    } finally {
      end()
    }
    const id = ctx.newId(8)
    const bytes = encodeGlb({ faces: req.target_faces, seed, generator: 'Hunyuan3D-2 (emulated)' })
    state.models3d.set(id, { id, bytes, reference: { ...reference, seed }, at: Date.now() })
    return media(bytes, GLB_MEDIA, {
      filename: `${id}.glb`,
      headers: { 'x-model-id': id, 'x-ref-url': `/model3d/ref/${id}` },
    })
  })

  router.add('GET', '/model3d/ref/{model_id}', async (_request, { model_id = '' }) => {
    const record = state.models3d.get(safeId(model_id))
    if (!record) throw new HttpError(404, 'Reference image not found')
    return media(encodePng(record.reference), 'image/png')
  })

  router.add('GET', '/model3d/download/{model_id}', async (_request, { model_id = '' }) => {
    const id = safeId(model_id)
    const record = state.models3d.get(id)
    if (!record) throw new HttpError(404, 'Model not found')
    return media(record.bytes, GLB_MEDIA, { filename: `${id}.glb` })
  })

  router.add('GET', '/model3d/list', async (request, params) => {
    const { query } = await parseRequest(request, params, { query: { limit: optional(int(), 50) } })
    const limit = query.limit as number
    const newest = [...state.models3d.values()].sort((a, b) => b.at - a.at)
    // Python's `files[:limit]`: a negative limit drops that many from the end.
    const page = newest.slice(0, limit)
    return json({
      models: page.map((record) => ({
        id: record.id,
        url: `/model3d/download/${record.id}`,
        size_bytes: record.bytes.length,
        ref_url: `/model3d/ref/${record.id}`,
      })),
    })
  })
}
