/** `video.generate`: text to video, image to video, video to video. */
import * as z from 'zod/mini'
import type { MediaFile } from '../media-file'
import {
  aspectRatioSchema,
  baseInputShape,
  mediaInputSchema,
  type OutputBase,
  positiveInt,
  seedSchema,
  sizeSchema,
} from './shared'

export const videoGenerateInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** What happens in the video. Optional only when an image or video drives it. */
    prompt: z.optional(z.string().check(z.minLength(1))),
    negativePrompt: z.optional(z.string()),
    /** First frame (image to video). */
    image: z.optional(mediaInputSchema),
    /** Last frame, for providers that interpolate between two. */
    lastFrame: z.optional(mediaInputSchema),
    /** Source video (video to video / motion transfer). */
    video: z.optional(mediaInputSchema),
    /** Length in seconds. */
    durationSeconds: z.optional(z.number().check(z.gt(0), z.lte(600))),
    aspectRatio: z.optional(aspectRatioSchema),
    /** A named resolution such as `480p`, `720p`, `1080p`. */
    resolution: z.optional(
      z.string().check(z.regex(/^\d{3,4}p$/, { error: 'must look like "720p"' })),
    ),
    /** Exact frame size, for providers that take one. */
    size: z.optional(sizeSchema),
    fps: z.optional(positiveInt(120)),
    seed: z.optional(seedSchema),
    /** How many videos. */
    n: z.optional(positiveInt(4)),
    /** Generate an audio track, where the model can. */
    generateAudio: z.optional(z.boolean()),
  })
  .check((context) => {
    const value = context.value
    if (value.prompt === undefined && value.image === undefined && value.video === undefined) {
      context.issues.push({
        code: 'custom',
        input: value,
        path: ['prompt'],
        message: 'give a prompt, an image or a video',
        params: { rule: 'required' },
      })
    }
  })
export type VideoGenerateInput = z.input<typeof videoGenerateInputSchema>

export interface VideoOutput extends OutputBase {
  videos: MediaFile[]
  /** Poster images, one per video, when the provider makes them. */
  thumbnails?: MediaFile[]
}
