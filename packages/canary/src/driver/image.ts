/**
 * `image.generate` → `POST /api/llm/generate-image`. The upstream takes a pixel `size`
 * (OpenAI, Ollama) or an `aspectRatio` (Gemini, Vertex); what was given is converted with an
 * `adjusted-option` warning.
 */
import type { ValidTaskInput, Warning } from '@atelier/core'
import { adjustedOption } from '@atelier/core/driver'
import { generateImage } from '../client/llm'
import { IMAGE_LIMITS, IMAGE_MODELS, imageGenerateRequestSchema } from '../schemas'
import { imageOutput } from './outputs'
import { generationHandler, type QueueJobs } from './queue-job'
import { type BuiltBody, optionsSchema, warnDropped, withoutUndefined } from './shared'
import { resolveUpstream } from './upstream'

/** `providerOptions.canary` of `image.generate`: any body field (`quality`, `tag`, ...) and `provider`. */
export const imageOptionsSchema = optionsSchema(imageGenerateRequestSchema.shape)

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b))

/** `{width, height}` as the smallest `W:H`. */
function ratioOf(size: { width: number; height: number }): string {
  const divisor = gcd(size.width, size.height)
  return `${size.width / divisor}:${size.height / divisor}`
}

/** The sizes OpenAI's image models take, by orientation. */
const OPENAI_SIZES = { square: '1024x1024', landscape: '1536x1024', portrait: '1024x1536' } as const

/** The body of `POST /api/llm/generate-image` for a task input. */
export function imageBody(
  input: ValidTaskInput<'image.generate'>,
  options: Readonly<Record<string, unknown>>,
  warnings: Warning[],
): BuiltBody {
  const upstream = resolveUpstream('image.generate', input.model, options.provider)
  const body = withoutUndefined({
    provider: upstream.provider,
    prompt: input.prompt,
    model: upstream.model,
    n: input.n,
  })
  const fields: Record<string, string> = { prompt: 'prompt', model: 'model', n: 'n' }
  const takesRatio = upstream.provider === 'gemini' || upstream.provider === 'vertex'
  const takesSize = upstream.provider === 'openai' || upstream.provider === 'ollama'
  if (input.size) {
    if (takesRatio) {
      body.aspectRatio = ratioOf(input.size)
      fields.aspectRatio = 'size'
      warnings.push(
        adjustedOption(
          'size',
          `${upstream.provider} takes an aspect ratio, not a pixel size: sent as ${body.aspectRatio as string}`,
        ),
      )
    } else {
      body.size = `${input.size.width}x${input.size.height}`
      fields.size = 'size'
    }
  }
  if (input.aspectRatio !== undefined) {
    if (takesSize) {
      const [w = 1, h = 1] = input.aspectRatio.split(':').map(Number)
      body.size =
        upstream.provider === 'openai'
          ? OPENAI_SIZES[w === h ? 'square' : w > h ? 'landscape' : 'portrait']
          : w >= h
            ? `1024x${Math.round((1024 * h) / w)}`
            : `${Math.round((1024 * w) / h)}x1024`
      fields.size = 'aspectRatio'
      warnings.push(
        adjustedOption(
          'aspectRatio',
          `${upstream.provider} takes a pixel size: aspect ratio ${input.aspectRatio} sent as ${body.size as string}`,
        ),
      )
    } else {
      body.aspectRatio = input.aspectRatio
      fields.aspectRatio = 'aspectRatio'
    }
  }
  warnDropped(input, warnings, {
    negativePrompt: 'CanaryLLM takes no negative prompt',
    seed: 'CanaryLLM takes no image seed',
    steps: 'CanaryLLM takes no step count',
    guidanceScale: 'CanaryLLM takes no guidance scale',
    outputFormat: 'the upstream picks the format; see each image mediaType',
  })
  return { body, fields }
}

export function imageHandlers(jobs: QueueJobs) {
  const { transport } = jobs
  return {
    'image.generate': generationHandler(jobs, 'image.generate', {
      models: IMAGE_MODELS,
      providerOptions: imageOptionsSchema,
      // `n` is 1-10 per request.
      maxOutputsPerCall: IMAGE_LIMITS.n.max,
      schema: imageGenerateRequestSchema,
      what: 'POST /api/llm/generate-image',
      build: imageBody,
      send: (body, context) => generateImage(transport, body, context),
      kind: 'image',
      output: imageOutput,
    }),
  }
}
