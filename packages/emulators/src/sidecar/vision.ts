/**
 * Vision Q&A (Qwen3-VL). The emulator reads only the image's format and size (an unreadable
 * image is a 400) and answers, after `visionMs` on the GPU, with a deterministic text that
 * repeats the question and states the image size, cut to `max_tokens` words when given.
 * Deviation: nothing in the answer comes from the pixels.
 */
import { visionAnalyzeRequestSchema, visionAnalyzeUploadFormSchema } from '@atelier/local'
import type { SidecarContext } from './context'
import { type InputImage, imageFromBase64, imageFromUpload } from './input-image'
import { availability } from './models'
import { json } from './responses'
import type { Router } from './router'
import { formBody, jsonBody } from './validation'

export const VISION_MODEL = 'qwen3-vl-8b'

/** The emulator's answer to `query` about `image`. */
export function visionAnswer(image: InputImage, query: string, maxTokens?: number | null): string {
  const answer =
    `Emulated answer (no vision model ran): the image is a ${image.width}×${image.height} ` +
    `${image.format} of ${image.bytes} bytes. You asked: "${query}". ` +
    'A real sidecar would answer from the picture itself; this emulator only reads its format and size.'
  if (maxTokens === undefined || maxTokens === null) return answer
  return answer.split(' ').slice(0, maxTokens).join(' ')
}

export function registerVisionRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  const analyze = async (
    label: string,
    image: InputImage,
    query: string,
    maxTokens?: number | null,
  ) => {
    const end = gpu.begin()
    try {
      await gpu.use(VISION_MODEL, label, () => ctx.sleep(timings.visionMs))
      return json({ response: visionAnswer(image, query, maxTokens), model: VISION_MODEL })
    } finally {
      end()
    }
  }

  router.add('GET', '/vision/models', async () => json(availability(state, 'vision')))

  router.add('POST', '/vision/analyze', async (request) => {
    const body = await jsonBody(request, visionAnalyzeRequestSchema)
    const image = imageFromBase64(body.image, 'Invalid image data')
    return analyze('POST /vision/analyze', image, body.query, body.max_tokens)
  })

  router.add('POST', '/vision/analyze/upload', async (request) => {
    const form = await formBody(request, visionAnalyzeUploadFormSchema)
    const image = await imageFromUpload(form.image, 'Invalid image file')
    return analyze('POST /vision/analyze/upload', image, form.query, form.max_tokens)
  })
}
