/**
 * Validation errors in the caller's words. The client checks (and the sidecar's 422s name) the
 * wire fields — `num_inference_steps`, `width`, `caption` — but a user of the driver wrote
 * `steps`, `size.width`, `prompt`. This renames each issue's path to the task input field it
 * came from, so `error.field` points at what the caller can fix.
 */
import { formatPath, type TaskName, ValidationError, type ValidationIssue } from '@atelier/core'
import { PROVIDER_ID } from './requests'

type Path = (string | number)[]

/** Wire field → task input path, per task. Fields not listed keep their wire name. */
const FIELDS: Partial<Record<TaskName, Record<string, Path>>> = {
  'image.generate': {
    negative_prompt: ['negativePrompt'],
    num_inference_steps: ['steps'],
    cfg_scale: ['guidanceScale'],
    width: ['size', 'width'],
    height: ['size', 'height'],
    aspect_ratio: ['aspectRatio'],
    // Pixel art: the square side.
    size: ['size', 'width'],
  },
  'image.edit': {
    negative_prompt: ['negativePrompt'],
    num_inference_steps: ['steps'],
    true_cfg_scale: ['guidanceScale'],
    width: ['size', 'width'],
    height: ['size', 'height'],
  },
  'video.generate': {
    aspect_ratio: ['aspectRatio'],
    num_frames: ['durationSeconds'],
    audio: ['generateAudio'],
    negative_prompt: ['negativePrompt'],
  },
  'music.generate': {
    caption: ['prompt'],
    duration: ['durationSeconds'],
    batch_size: ['n'],
    audio_format: ['outputFormat'],
  },
  'speech.generate': {
    actor: ['voice'],
    voice_description: ['voiceDescription'],
    reference_audio: ['referenceAudio'],
  },
  'vision.analyze': { query: ['prompt'], max_tokens: ['maxTokens'] },
  'model3d.generate': {
    text: ['prompt'],
    target_faces: ['faceCount'],
    num_inference_steps: ['steps'],
    guidance_scale: ['guidanceScale'],
  },
  'text.generate': {
    system_prompt: ['system'],
    max_tokens: ['maxTokens'],
    top_p: ['topP'],
    enable_thinking: ['thinking'],
  },
}

/** The caller's path for a wire path; fields passed through `providerOptions.local` stay there. */
export function callerPath(task: TaskName, path: Path, passedThrough: ReadonlySet<string>): Path {
  const [head, ...rest] = path
  if (typeof head !== 'string') return path
  if (passedThrough.has(head)) return ['providerOptions', PROVIDER_ID, head, ...rest]
  const mapped = FIELDS[task]?.[head]
  return mapped ? [...mapped, ...rest] : path
}

/**
 * `error` with its issues renamed to the caller's fields (a new ValidationError keeping status,
 * body and the original as `cause`); any other error unchanged.
 */
export function inCallerFields(
  error: unknown,
  task: TaskName,
  passedThrough: ReadonlySet<string>,
): unknown {
  if (!(error instanceof ValidationError)) return error
  const issues: ValidationIssue[] = error.issues.map((issue) => ({
    ...issue,
    path: callerPath(task, issue.path, passedThrough),
  }))
  const text = issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ')
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''
  const message =
    error.status !== undefined
      ? `the sidecar rejected the input (HTTP ${error.status}): ${text}${more}`
      : `${text}${more}`
  return new ValidationError(issues, {
    provider: PROVIDER_ID,
    message,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.body !== undefined ? { body: error.body } : {}),
    cause: error,
  })
}
