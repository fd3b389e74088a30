/**
 * `video.generate` on the gateway's `video` alias: Veo, Kling, Runway, Wan, Hailuo and the
 * rest take `duration`/`aspect_ratio` (16:9, 9:16 or 1:1; another ratio becomes the nearest, with
 * a warning)/`image_url`; Sora 2 takes `n_frames` (a string), `landscape`/`portrait` and
 * `image_urls`. One task makes one video: core splits a larger `n`.
 */
import { ValidationError, type ValidTaskInput } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import { isSoraModel, VIDEO_MODELS } from '../schemas'
import { gatewayAspectRatio } from './aspect-ratio'
import {
  droppedOptions,
  type Gateway,
  type GatewayHandler,
  gatewayHandler,
  PROVIDER_ID,
  refuse,
  type TaskRequest,
} from './gateway'
import { imageSource } from './media-input'

const SORA_ORIENTATION: Record<string, string> = { '16:9': 'landscape', '9:16': 'portrait' }

/** Sora 2's `aspect_ratio` for a task aspect ratio; anything but 16:9 and 9:16 is refused. */
function soraOrientation(aspectRatio: string | undefined): string | undefined {
  if (aspectRatio === undefined) return undefined
  const orientation = SORA_ORIENTATION[aspectRatio]
  if (orientation !== undefined) return orientation
  throw new ValidationError(
    [
      {
        path: ['aspectRatio'],
        message: 'Sora 2 makes landscape (16:9) or portrait (9:16) video',
        rule: 'invalid_value',
      },
    ],
    { provider: PROVIDER_ID },
  )
}

/** The body of a `video.generate` task; source frames are read when not public URLs. */
export async function videoRequest(
  input: ValidTaskInput<'video.generate'>,
  signal: AbortSignal | undefined,
): Promise<TaskRequest> {
  const model = input.model
  if (input.video !== undefined) {
    refuse(
      'video-to-video models take a source video through a parameter the document does not name; use the typed client with providerOptions if your gateway documents one',
    )
  }
  const warnings = droppedOptions(input, {
    size: 'the gateway sizes video by aspectRatio and resolution',
    fps: 'the model decides the frame rate',
    seed: 'the gateway takes no seed',
  })
  // Checked before the source images are read: reading one may download it.
  const sora = isSoraModel(model)
  const orientation = sora ? soraOrientation(input.aspectRatio) : undefined
  const aspectRatio = sora ? undefined : gatewayAspectRatio(input.aspectRatio, warnings)
  const image =
    input.image !== undefined ? await imageSource(input.image, 'image', signal) : undefined
  const lastFrame =
    input.lastFrame !== undefined
      ? await imageSource(input.lastFrame, 'lastFrame', signal)
      : undefined
  const shared = {
    body: {
      prompt: input.prompt,
      negative_prompt: input.negativePrompt,
      last_frame_url: lastFrame,
    },
    fields: {
      prompt: 'prompt',
      negative_prompt: 'negativePrompt',
      last_frame_url: 'lastFrame',
      aspect_ratio: 'aspectRatio',
    },
  }
  if (sora) {
    if (input.resolution !== undefined)
      warnings.push(
        unsupportedOption(
          'resolution',
          'Sora 2 takes no resolution; Pro models take providerOptions.onysoft.size',
        ),
      )
    if (input.generateAudio === false)
      warnings.push(unsupportedOption('generateAudio', 'Sora 2 video always has audio'))
    return {
      body: {
        ...shared.body,
        aspect_ratio: orientation,
        n_frames:
          input.durationSeconds !== undefined
            ? String(Math.round(input.durationSeconds))
            : undefined,
        image_urls: image !== undefined ? [image] : undefined,
      },
      fields: { ...shared.fields, n_frames: 'durationSeconds', image_urls: 'image' },
      warnings,
    }
  }
  const takesAudio = /^wan\//.test(model)
  if (input.generateAudio !== undefined && !takesAudio)
    warnings.push(
      unsupportedOption(
        'generateAudio',
        'only Wan models take an audio switch; other models decide by themselves',
      ),
    )
  return {
    body: {
      ...shared.body,
      aspect_ratio: aspectRatio,
      duration: input.durationSeconds,
      resolution: input.resolution,
      image_url: image,
      audio: takesAudio ? input.generateAudio : undefined,
    },
    fields: {
      ...shared.fields,
      duration: 'durationSeconds',
      resolution: 'resolution',
      image_url: 'image',
      audio: 'generateAudio',
    },
    warnings,
  }
}

export function videoHandler(gateway: Gateway): GatewayHandler<'video.generate'> {
  return gatewayHandler(gateway, {
    task: 'video.generate',
    models: VIDEO_MODELS,
    maxOutputsPerCall: 1,
    build: (input, context) => videoRequest(input, context.signal),
    read: (_status, files, base) => {
      const videos = files.of('video')
      if (!videos.length) return 'a video URL (video_url)'
      return {
        videos,
        ...(files.thumbnails.length ? { thumbnails: files.thumbnails } : {}),
        ...base,
      }
    },
  })
}
