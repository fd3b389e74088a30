/**
 * `video.generate` on Vision Studio: Runway (Veo 3 from text; Gen-4/Gen-3 Alpha Turbo or Veo 3
 * from an image; from a video with a style image; `runway/motion` for character performance
 * from a reference video) and Google Veo.
 */
import type { ValidTaskInput, VideoOutput, Warning } from '@atelier/core'
import { adjustedOption, unsupportedOption } from '@atelier/core/driver'
import type { Transport } from '../client/transport'
import {
  googleVideoGenerateEndpoint,
  runwayVideoGenerateFromImageEndpoint,
  runwayVideoGenerateFromMotionEndpoint,
  runwayVideoGenerateFromTextEndpoint,
  runwayVideoGenerateFromVideoEndpoint,
} from '../generated/endpoints'
import { mediaCompleted, mediaPlanner, type PlannedTask } from './jobs'
import { requireUrl } from './media'
import { parseModel, unknownModel, VIDEO_MODELS } from './models'
import { type Plan, providerOptionsSchema, refuse, required, warnUnsupported } from './plan'
import { aspectRatioFor, nearestValue, pixelRatioFor } from './sizes'

type Input = ValidTaskInput<'video.generate'>

/**
 * Runway's video sizes by shape, the two the document lists (`1280:720`, `720:1280`). Other
 * shapes and sizes become the nearest of the two, with a warning.
 */
export const RUNWAY_VIDEO_SHAPES: Readonly<Record<string, string>> = {
  '16:9': '1280:720',
  '9:16': '720:1280',
}

/** The endpoints `video.generate` maps onto. */
export const VIDEO_GENERATE_ENDPOINTS = [
  googleVideoGenerateEndpoint,
  runwayVideoGenerateFromTextEndpoint,
  runwayVideoGenerateFromImageEndpoint,
  runwayVideoGenerateFromMotionEndpoint,
  runwayVideoGenerateFromVideoEndpoint,
] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(VIDEO_GENERATE_ENDPOINTS)

function videoGeneratePlan(
  transport: Transport,
  input: Input,
  warnings: Warning[],
): Plan<VideoOutput> {
  const { provider, name } = parseModel(input.model)
  const plan = mediaPlanner(transport, 'video')
  if (input.lastFrame !== undefined)
    throw refuse('Vision Studio has no last-frame video generation')
  if (input.fps !== undefined)
    warnings.push(unsupportedOption('fps', 'the provider picks the frame rate'))
  if (input.generateAudio !== undefined)
    warnings.push(unsupportedOption('generateAudio', 'no audio setting on these endpoints'))
  if (input.resolution !== undefined)
    warnings.push(unsupportedOption('resolution', 'the size follows the aspect ratio'))
  const shapeField = input.size !== undefined ? 'size' : 'aspectRatio'

  if (provider === 'google') {
    if (!name) throw unknownModel('video.generate', input.model, VIDEO_MODELS)
    if (input.video !== undefined) throw refuse('Veo on Vision Studio does not take a source video')
    if (input.prompt === undefined) throw required('prompt', 'Veo needs a prompt')
    return plan(
      googleVideoGenerateEndpoint,
      {
        model: 'model',
        prompt: 'prompt',
        start_image_url: 'image',
        aspect_ratio: shapeField,
        duration: 'durationSeconds',
        negative_prompt: 'negativePrompt',
        seed: 'seed',
      },
      {
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
      },
    )
  }
  if (provider !== 'runway' || !name)
    throw unknownModel('video.generate', input.model, VIDEO_MODELS)

  const shape = () => pixelRatioFor(input, RUNWAY_VIDEO_SHAPES, warnings)
  warnUnsupported(warnings, input, ['negativePrompt'], 'Runway')
  if (name === 'motion') {
    // Character performance: the picture (or video) of the character moves like the reference video.
    if (input.video === undefined)
      throw required('video', 'Runway motion needs the reference performance video')
    if (input.image === undefined)
      throw required('image', 'Runway motion needs the character image')
    warnUnsupported(warnings, input, ['prompt', 'durationSeconds'], 'Runway motion')
    return plan(
      runwayVideoGenerateFromMotionEndpoint,
      { character: 'image', reference_url: 'video', aspect_ratio: shapeField, seed: 'seed' },
      {
        character: { type: 'image', uri: requireUrl(input.image, 'image', 'Runway motion') },
        reference_url: requireUrl(input.video, 'video', 'Runway motion'),
        aspect_ratio: shape(),
        seed: input.seed,
      },
    )
  }
  if (input.video !== undefined) {
    if (input.prompt === undefined) throw required('prompt', 'Runway video to video needs a prompt')
    if (input.image === undefined)
      throw required('image', 'Runway video to video needs a style reference image')
    warnUnsupported(warnings, input, ['durationSeconds'], 'Runway video to video')
    return plan(
      runwayVideoGenerateFromVideoEndpoint,
      {
        prompt: 'prompt',
        video_uri: 'video',
        reference_image_url: 'image',
        aspect_ratio: shapeField,
        seed: 'seed',
      },
      {
        prompt: input.prompt,
        video_uri: requireUrl(input.video, 'video', 'Runway video to video'),
        reference_image_url: requireUrl(input.image, 'image', 'Runway video to video'),
        aspect_ratio: shape(),
        seed: input.seed,
      },
    )
  }
  if (input.prompt === undefined) throw required('prompt', 'Runway needs a prompt')
  if (input.image === undefined && name === 'veo3') {
    const duration = input.durationSeconds
    if (duration !== undefined && duration !== 8) {
      warnings.push(
        adjustedOption('durationSeconds', `Veo 3 text to video is 8 s long (asked ${duration})`),
      )
    }
    return plan(
      runwayVideoGenerateFromTextEndpoint,
      { prompt: 'prompt', aspect_ratio: shapeField, seed: 'seed' },
      {
        prompt: input.prompt,
        aspect_ratio: shape(),
        seed: input.seed,
      },
    )
  }
  return plan(
    runwayVideoGenerateFromImageEndpoint,
    {
      prompt: 'prompt',
      model: 'model',
      image_url: 'image',
      aspect_ratio: shapeField,
      duration: 'durationSeconds',
      seed: 'seed',
    },
    {
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
    },
  )
}

/** The `video.generate` handler's parts. */
export function videoGenerateTask(transport: Transport): PlannedTask<'video.generate'> {
  return {
    models: VIDEO_MODELS,
    // The weakest among the models: a Veo call (inline) can only be aborted.
    cancel: 'local',
    resumable: true,
    providerOptions: OPTIONS,
    // Every endpoint makes one video per call.
    maxOutputsPerCall: 1,
    plan: (input, warnings) => videoGeneratePlan(transport, input, warnings),
    completed: mediaCompleted(transport, 'video'),
  }
}
