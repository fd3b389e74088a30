/**
 * Vision: `vision.analyze` on `POST /vision/analyze` (Qwen3-VL), one image per call, an inline
 * job. Captions, OCR and questions are all a `query` about the image.
 */
import {
  type TaskHandler,
  toMediaFile,
  UnsupportedError,
  type VisionAnalyzeInput,
  type VisionAnalyzeOutput,
} from '@atelier/core'
import * as z from 'zod/mini'
import { analyzeImage } from '../client/vision'
import { VISION_MODELS, visionAnalyzeRequestSchema } from '../schemas'
import { PROVIDER_ID, providerOptionsSchema } from './caller-fields'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'

/** `providerOptions.local` of `vision.analyze`: any field of `/vision/analyze` but the image. */
export const visionOptionsSchema = providerOptionsSchema(visionAnalyzeRequestSchema.shape, [
  'image',
])

/** The body without its image (read and encoded once the slot is free). */
const visionFieldsSchema = z.omit(visionAnalyzeRequestSchema, { image: true })

const DEFAULT_QUERIES = {
  caption: 'Describe this image in detail.',
  ocr: 'Read all of the text in this image, exactly as written.',
} as const

export function visionHandler(runtime: Runtime): TaskHandler<'vision.analyze'> {
  const { transport } = runtime
  return {
    models: VISION_MODELS,
    cancel: 'local',
    resumable: false,
    providerOptions: visionOptionsSchema,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'vision.analyze', input, context)
      if (input.images !== undefined || input.video !== undefined || input.image === undefined) {
        throw new UnsupportedError('the sidecar analyses one image per call', {
          provider: PROVIDER_ID,
        })
      }
      const body = call.merge(visionBody(input))
      // No question: one for the mode, unless a provider option asks its own.
      body.query ??= DEFAULT_QUERIES[input.mode === 'ocr' ? 'ocr' : 'caption']
      const json = call.check(visionFieldsSchema, body, 'POST /vision/analyze')
      const image = toMediaFile(input.image, 'image/png')
      return call.inline<VisionAnalyzeOutput>(async (request) => {
        const answer = await analyzeImage(transport, { ...json, image }, request)
        return { text: answer.response, warnings: [] }
      })
    },
  }
}

/** `/vision/analyze` body without the image (and without a question when the caller asked none). */
export function visionBody(input: VisionAnalyzeInput): Record<string, unknown> {
  if (input.mode === 'extract') {
    throw new UnsupportedError('the sidecar has no structured extraction; ask a question instead', {
      provider: PROVIDER_ID,
    })
  }
  return {
    ...(input.prompt !== undefined ? { query: input.prompt } : {}),
    ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
  }
}
