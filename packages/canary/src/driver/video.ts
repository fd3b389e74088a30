/**
 * `video.generate` → `POST /api/llm/generate-video`: text to video on Gemini, Vertex and xAI;
 * image to video on xAI only, with the image as a URL the upstream fetches (`imageUrl`).
 */
import type { ValidTaskInput, Warning } from '@atelier/core'
import { fetchableUrl, unsupportedOption } from '@atelier/core/driver'
import { generateVideo } from '../client/llm'
import { VIDEO_LIMITS, VIDEO_MODELS, videoGenerateRequestSchema } from '../schemas'
import { videoOutput } from './outputs'
import { generationHandler, type QueueJobs } from './queue-job'
import {
  type BuiltBody,
  fail,
  fieldsOf,
  optionsSchema,
  warnDropped,
  withoutUndefined,
} from './shared'
import { resolveUpstream } from './upstream'

/** `providerOptions.canary` of `video.generate`: any body field (`tag`, ...) and `provider`. */
export const videoOptionsSchema = optionsSchema(videoGenerateRequestSchema.shape)

/** The body of `POST /api/llm/generate-video`. The source image must be an http(s) URL (xAI only). */
export function videoBody(
  input: ValidTaskInput<'video.generate'>,
  options: Readonly<Record<string, unknown>>,
  warnings: Warning[],
): BuiltBody {
  const upstream = resolveUpstream('video.generate', input.model, options.provider)
  if (input.video !== undefined)
    fail('CanaryLLM makes video from text or an image, not from a video')
  if (input.lastFrame !== undefined) fail('CanaryLLM takes no last frame')
  const body = withoutUndefined({
    provider: upstream.provider,
    // The document lists `prompt` ("Video description") without "optional", image to video
    // included, so none is invented: a request without one fails the wire schema, naming it.
    prompt: input.prompt,
    model: upstream.model,
    aspectRatio: input.aspectRatio,
    durationSeconds: input.durationSeconds,
    numberOfVideos: input.n,
  })
  if (input.image !== undefined) {
    if (upstream.provider !== 'xai')
      fail('image to video is available with the xai upstream only (canary/xai/grok-imagine-video)')
    body.imageUrl = imageUrlOf(input.image)
  }
  if (input.resolution !== undefined) {
    if (upstream.provider === 'xai') body.resolution = input.resolution
    else
      warnings.push(
        unsupportedOption(
          'resolution',
          `the document gives resolution for xAI only; ${upstream.provider} picks it`,
        ),
      )
  }
  warnDropped(input, warnings, {
    negativePrompt: 'CanaryLLM takes no negative prompt',
    size: 'use aspectRatio (and resolution on xAI)',
    fps: 'CanaryLLM takes no frame rate',
    seed: 'CanaryLLM takes no video seed',
    generateAudio: 'the upstream model decides whether there is sound',
  })
  const fields = fieldsOf(body, {
    prompt: 'prompt',
    model: 'model',
    aspectRatio: 'aspectRatio',
    durationSeconds: 'durationSeconds',
    numberOfVideos: 'n',
    imageUrl: 'image',
    resolution: 'resolution',
  })
  return { body, fields }
}

/** The image as the URL `imageUrl` needs: an http(s) URL the upstream can fetch (not a private host). */
function imageUrlOf(image: NonNullable<ValidTaskInput<'video.generate'>['image']>): string {
  const url = fetchableUrl(image)
  if (url === undefined || !/^https?:\/\//i.test(url)) {
    fail(
      'CanaryLLM takes the source image by URL (imageUrl): pass an http(s) URL the upstream can fetch',
    )
  }
  return url
}

export function videoHandlers(jobs: QueueJobs) {
  const { transport } = jobs
  return {
    'video.generate': generationHandler(jobs, 'video.generate', {
      models: VIDEO_MODELS,
      providerOptions: videoOptionsSchema,
      // `numberOfVideos` is 1-4 per request.
      maxOutputsPerCall: VIDEO_LIMITS.numberOfVideos.max,
      schema: videoGenerateRequestSchema,
      what: 'POST /api/llm/generate-video',
      build: videoBody,
      send: (body, context) => generateVideo(transport, body, context),
      kind: 'video',
      output: videoOutput,
    }),
  }
}
