/**
 * Vision Q&A (routers/vision.py, vision/schemas.py and vision/qwen3_vl.py @ 0dabb55a): Qwen3-VL.
 * The emulator reads only the image's format and size and answers, after `visionMs` on the GPU,
 * with a deterministic text that repeats the question and states the image size, cut to
 * `max_tokens` words when given.
 *
 * As on the server: a JSON request without `image` is 400; a JSON image that does not decode
 * fails inside the model, after the GPU was taken, and nothing catches it (a plain 500); an
 * uploaded file that is not an image is 400 `Invalid image file`, before the GPU. Deviation:
 * nothing in the answer comes from the pixels.
 */
import type { SidecarContext } from './context'
import { formFile, formValue, parseRequest } from './fastapi'
import { type InputImage, imageFromBase64, imageFromUpload } from './input-image'
import { availability } from './models'
import { float, int, optional, required, str } from './pydantic'
import { HttpError, json, UncaughtError } from './responses'
import type { Router } from './router'
import { VisionRequest } from './schemas'

export const VISION_MODEL = 'qwen3-vl-8b'

/** The emulator's answer to `query` about `image`. */
export function visionAnswer(image: InputImage, query: string, maxTokens?: number | null): string {
  const answer =
    `Emulated answer (no vision model ran): the image is a ${image.width}×${image.height} ` +
    `${image.format} of ${image.bytes} bytes. You asked: "${query}". ` +
    'A real sidecar would answer from the picture itself; this emulator only reads its format and size.'
  if (maxTokens === undefined || maxTokens === null) return answer
  return answer.split(' ').slice(0, Math.max(0, maxTokens)).join(' ')
}

export function registerVisionRoutes(router: Router, ctx: SidecarContext): void {
  const { gpu, timings } = ctx

  const analyze = async (
    label: string,
    read: () => InputImage,
    query: string,
    maxTokens: number | null,
  ) => {
    const end = gpu.begin()
    try {
      const answer = await gpu.use(VISION_MODEL, label, async () => {
        const image = read()
        await ctx.sleep(timings.visionMs)
        return visionAnswer(image, query, maxTokens)
      })
      return json({ response: answer, model: VISION_MODEL })
    } finally {
      end()
    }
  }

  router.add('GET', '/vision/models', async () => json(availability(ctx, 'vision')))

  router.add('POST', '/vision/analyze', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: VisionRequest })
    const req = body as { image: string | null; query: string; max_tokens: number | null }
    if (!req.image) throw new HttpError(400, 'image field required for JSON request')
    const data = req.image
    return analyze(
      'POST /vision/analyze',
      () => {
        const image = imageFromBase64(data)
        if (!image) throw new UncaughtError('the image does not decode')
        return image
      },
      req.query,
      req.max_tokens,
    )
  })

  router.add('POST', '/vision/analyze/upload', async (request, params) => {
    const { form } = await parseRequest(request, params, {
      form: {
        image: formFile(),
        query: formValue(required(str())),
        max_tokens: formValue(optional(int(), null, true)),
        temperature: formValue(optional(float(), 0.7)),
      },
    })
    const image = await imageFromUpload(form.image as File)
    if (!image) throw new HttpError(400, 'Invalid image file')
    return analyze(
      'POST /vision/analyze/upload',
      () => image,
      form.query as string,
      form.max_tokens as number | null,
    )
  })
}
