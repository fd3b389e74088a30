/**
 * `video.generate` on Vision Studio: Runway (Veo 3 from text; Gen-4/Gen-3 Alpha Turbo or Veo 3
 * from an image; from a video with a style image; `runway/motion` for character performance
 * from a reference video) and Google Veo.
 */
import type { ValidTaskInput, Warning } from '@atelier/core'
import {
  googleVideoGenerateEndpoint,
  runwayVideoGenerateFromImageEndpoint,
  runwayVideoGenerateFromMotionEndpoint,
  runwayVideoGenerateFromTextEndpoint,
  runwayVideoGenerateFromVideoEndpoint,
} from '../generated/endpoints'
import type { Plan } from './jobs'
import { requireUrl } from './media'
import { parseModel, unknownModel, VIDEO_MODELS } from './models'
import { extrasOf, planFor, refuse, required, unsupported, warnUnsupported } from './plan'
import { aspectRatioFor, nearestValue, pixelRatioFor } from './sizes'

type Input = ValidTaskInput<'video.generate'>

/** Runway's video sizes for the common shapes (it takes pixel ratios such as `1280:720`). */
export const RUNWAY_VIDEO_SHAPES: Record<string, string> = {
  '16:9': '1280:720',
  '9:16': '720:1280',
  '1:1': '960:960',
  '4:3': '1104:832',
  '3:4': '832:1104',
  '21:9': '1584:672',
}

export function videoGeneratePlan(input: Input, warnings: Warning[]): Plan {
  const { provider, name } = parseModel(input.model)
  const extras = extrasOf(input)
  const common = input as unknown as Record<string, unknown>
  if ((input.n ?? 1) > 1) throw refuse('Vision Studio makes one video per call')
  if (input.lastFrame !== undefined)
    throw refuse('Vision Studio has no last-frame video generation')
  if (input.fps !== undefined) unsupported(warnings, 'fps', 'the provider picks the frame rate')
  if (input.generateAudio !== undefined)
    unsupported(warnings, 'generateAudio', 'no audio setting on these endpoints')
  if (input.resolution !== undefined)
    unsupported(warnings, 'resolution', 'the size follows the aspect ratio')

  if (provider === 'google') {
    if (!name) throw unknownModel('video.generate', input.model, VIDEO_MODELS)
    if (input.video !== undefined) throw refuse('Veo on Vision Studio does not take a source video')
    if (input.prompt === undefined) throw required('prompt', 'Veo needs a prompt')
    return planFor(googleVideoGenerateEndpoint, extras, 'video', () => ({
      model: name,
      prompt: input.prompt,
      start_image_url:
        input.image !== undefined ? requireUrl(input.image, 'image', 'Veo') : undefined,
      aspect_ratio: aspectRatioFor(input, ['16:9', '9:16'], warnings),
      duration:
        input.durationSeconds !== undefined
          ? nearestValue(input.durationSeconds, [5, 10], 'durationSeconds', warnings)
          : undefined,
      negative_prompt: input.negativePrompt,
      seed: input.seed,
    }))
  }
  if (provider !== 'runway' || !name)
    throw unknownModel('video.generate', input.model, VIDEO_MODELS)

  const shape = () => pixelRatioFor(input, RUNWAY_VIDEO_SHAPES, warnings)
  warnUnsupported(warnings, common, ['negativePrompt'], 'Runway')
  if (name === 'motion') {
    // Character performance: the picture (or video) of the character moves like the reference video.
    if (input.video === undefined)
      throw required('video', 'Runway motion needs the reference performance video')
    if (input.image === undefined)
      throw required('image', 'Runway motion needs the character image')
    warnUnsupported(warnings, common, ['prompt', 'durationSeconds'], 'Runway motion')
    return planFor(runwayVideoGenerateFromMotionEndpoint, extras, 'video', () => ({
      character: { type: 'image', uri: requireUrl(input.image!, 'image', 'Runway motion') },
      reference_url: requireUrl(input.video!, 'video', 'Runway motion'),
      aspect_ratio: shape(),
      seed: input.seed,
    }))
  }
  if (input.video !== undefined) {
    if (input.prompt === undefined) throw required('prompt', 'Runway video to video needs a prompt')
    if (input.image === undefined)
      throw required('image', 'Runway video to video needs a style reference image')
    warnUnsupported(warnings, common, ['durationSeconds'], 'Runway video to video')
    return planFor(runwayVideoGenerateFromVideoEndpoint, extras, 'video', () => ({
      prompt: input.prompt,
      video_uri: requireUrl(input.video!, 'video', 'Runway video to video'),
      reference_image_url: requireUrl(input.image!, 'image', 'Runway video to video'),
      aspect_ratio: shape(),
      seed: input.seed,
    }))
  }
  if (input.prompt === undefined) throw required('prompt', 'Runway needs a prompt')
  if (input.image === undefined && name === 'veo3') {
    const duration = input.durationSeconds
    if (duration !== undefined && duration !== 8) {
      warnings.push({
        type: 'adjusted-option',
        option: 'durationSeconds',
        details: `Veo 3 text to video is 8 s long (asked ${duration})`,
      })
    }
    return planFor(runwayVideoGenerateFromTextEndpoint, extras, 'video', () => ({
      prompt: input.prompt,
      aspect_ratio: pixelRatioFor(input, { '16:9': '1280:720', '9:16': '720:1280' }, warnings),
      seed: input.seed,
    }))
  }
  return planFor(runwayVideoGenerateFromImageEndpoint, extras, 'video', () => ({
    prompt: input.prompt,
    model: name,
    image_url:
      input.image !== undefined
        ? requireUrl(input.image, 'image', 'Runway image to video')
        : undefined,
    aspect_ratio: shape(),
    duration:
      input.durationSeconds !== undefined
        ? nearestValue(input.durationSeconds, [5, 10], 'durationSeconds', warnings)
        : undefined,
    seed: input.seed,
  }))
}
