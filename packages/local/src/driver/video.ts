/**
 * Video: `video.generate` as the sidecar's own async job (`POST /video/t2v/{model}` from text,
 * `POST /video/i2v/{model}` animating an image), polled at `GET /video/status/{job_id}` and
 * resumable from its ref anywhere. One video per job: core asks for more with several jobs.
 */
import {
  type TaskHandler,
  toMediaFile,
  UnsupportedError,
  type VideoGenerateInput,
  type VideoOutput,
  type Warning,
} from '@atelier/core'
import { adjustedOption, unsupportedOption } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { getVideoStatus, startImageToVideo, startTextToVideo } from '../client/video'
import {
  VIDEO_LIMITS,
  VIDEO_MODELS,
  videoI2vRequestSchema,
  videoT2vRequestSchema,
} from '../schemas'
import { PROVIDER_ID, providerOptionsSchema } from './caller-fields'
import { cancelJob, pollJob } from './jobs'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'
import { videoSnapshot } from './snapshots'

/** `providerOptions.local` of `video.generate`: any field of the t2v and i2v bodies but the image. */
export const videoOptionsSchema = providerOptionsSchema(videoI2vRequestSchema.shape, ['image'])

/** The i2v body without its image (read and encoded once the slot is free). */
const i2vFieldsSchema = z.omit(videoI2vRequestSchema, { image: true })

export function videoHandler(runtime: Runtime): TaskHandler<'video.generate'> {
  const { transport } = runtime
  return {
    models: VIDEO_MODELS,
    // The sidecar cannot stop a video job: a cancel stops watching, and the GPU slot and the
    // files wait for the server to be done (see `cancelJob`).
    cancel: 'local',
    resumable: true,
    providerOptions: videoOptionsSchema,
    maxOutputsPerCall: 1,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'video.generate', input, context)
      const { model } = call
      const body = call.merge(videoBody(input, model, call.warnings))
      // An image alone is animated as it is; a provider option may say otherwise.
      body.prompt ??= 'animate this image'
      const source = input.image !== undefined ? toMediaFile(input.image, 'image/png') : undefined
      if (source) {
        const json = call.check(i2vFieldsSchema, body, `POST /video/i2v/${model}`)
        return call.submitJob<VideoOutput>('video', (request) =>
          startImageToVideo(transport, model, { ...json, image: source }, request),
        )
      }
      const json = call.check(videoT2vRequestSchema, body, `POST /video/t2v/${model}`)
      return call.submitJob<VideoOutput>('video', (request) =>
        startTextToVideo(transport, model, json, request),
      )
    },
    poll: (ref, context) =>
      pollJob(runtime, 'video', ref, context, async (request) =>
        videoSnapshot(await getVideoStatus(transport, ref.id, request), ref, transport),
      ),
    cancelJob: (ref, context) => cancelJob(runtime, 'video', ref, context),
  }
}

/**
 * `/video/t2v` and `/video/i2v` body (without the image): only what the caller set, so the server's own (fast,
 * distilled) defaults apply. Duration becomes a frame count (`fps × seconds + 1`), clamped to the
 * server's 9-241 with a warning; `ltx-2.5` snaps it to 8k+1 frames itself.
 */
export function videoBody(
  input: VideoGenerateInput,
  model: string,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.video !== undefined) {
    throw new UnsupportedError('the sidecar makes video from text or an image, not from a video', {
      provider: PROVIDER_ID,
    })
  }
  if (input.lastFrame !== undefined) {
    throw new UnsupportedError('the sidecar takes no last frame', { provider: PROVIDER_ID })
  }
  const silent = model === 'hunyuan-video'
  if (input.generateAudio && silent) {
    warnings.push(unsupportedOption('generateAudio', 'HunyuanVideo makes silent video'))
  }
  if (input.size !== undefined) {
    warnings.push(unsupportedOption('size', 'use resolution (480p/720p) and aspectRatio'))
  }
  if (input.negativePrompt !== undefined) {
    warnings.push(unsupportedOption('negativePrompt', 'video takes no negative prompt'))
  }
  const fps = input.fps ?? 24
  const body: Record<string, unknown> = {
    ...(input.prompt !== undefined ? { prompt: input.prompt } : {}),
    ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
    ...(input.aspectRatio !== undefined ? { aspect_ratio: input.aspectRatio } : {}),
    ...(input.fps !== undefined ? { fps: input.fps } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.generateAudio !== undefined && !silent ? { audio: input.generateAudio } : {}),
  }
  if (input.durationSeconds !== undefined) {
    const { min, max } = VIDEO_LIMITS.numFrames
    const wanted = Math.round(input.durationSeconds * fps) + 1
    const frames = Math.min(max, Math.max(min, wanted))
    if (frames !== wanted) {
      warnings.push(
        adjustedOption(
          'durationSeconds',
          `${input.durationSeconds}s at ${fps} fps is ${wanted} frames; the sidecar takes ${min}-${max}, so ${frames}`,
        ),
      )
    }
    body.num_frames = frames
  }
  return body
}
