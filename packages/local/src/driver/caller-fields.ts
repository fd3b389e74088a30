/**
 * The caller's words for the sidecar's fields. The wire says `num_inference_steps`, `width`,
 * `caption`; a user of the driver wrote `steps`, `size.width`, `prompt`. Each task's table maps
 * a body field to the task input field it is built from, and serves three purposes through the
 * kit: issues found in a body (by the wire schema before sending, or in the server's 422) name
 * the caller's field (`checkBody` / `bodyError`), and a provider option may not overwrite a
 * body field the driver filled from one of them (`withProviderOptions`).
 *
 * Also here: the `providerOptions.local` schemas, built from the wire schemas' own fields.
 */
import {
  type StandardSchemaV1,
  type TaskName,
  ValidationError,
  type ValidationIssue,
} from '@atelier/core'
import { bodyError, type CheckBodyOptions, checkBody, describeIssues } from '@atelier/core/driver'
import * as z from 'zod/mini'

export const PROVIDER_ID = 'local'

/** Body field → the task input field it is built from, per task. */
export const FIELDS = {
  'image.generate': {
    prompt: 'prompt',
    negative_prompt: 'negativePrompt',
    num_inference_steps: 'steps',
    cfg_scale: 'guidanceScale',
    seed: 'seed',
    width: 'size.width',
    height: 'size.height',
    aspect_ratio: 'aspectRatio',
    // Pixel art: the square side.
    size: 'size.width',
  },
  'image.edit': {
    image: 'image',
    prompt: 'prompt',
    negative_prompt: 'negativePrompt',
    num_inference_steps: 'steps',
    true_cfg_scale: 'guidanceScale',
    seed: 'seed',
    width: 'size.width',
    height: 'size.height',
  },
  'video.generate': {
    prompt: 'prompt',
    image: 'image',
    resolution: 'resolution',
    aspect_ratio: 'aspectRatio',
    num_frames: 'durationSeconds',
    fps: 'fps',
    seed: 'seed',
    audio: 'generateAudio',
  },
  'music.generate': {
    model: 'model',
    caption: 'prompt',
    lyrics: 'lyrics',
    instrumental: 'instrumental',
    duration: 'durationSeconds',
    bpm: 'bpm',
    batch_size: 'n',
    seed: 'seed',
    audio_format: 'outputFormat',
  },
  'speech.generate': {
    text: 'text',
    actor: 'voice',
    language: 'language',
    voice_description: 'voiceDescription',
    reference_audio: 'referenceAudio',
    speed: 'speed',
  },
  'vision.analyze': {
    image: 'image',
    query: 'prompt',
    max_tokens: 'maxTokens',
    temperature: 'temperature',
  },
  'text.generate': {
    messages: 'messages',
    prompt: 'prompt',
    system_prompt: 'system',
    max_tokens: 'maxTokens',
    temperature: 'temperature',
    top_p: 'topP',
    enable_thinking: 'thinking',
  },
  'model3d.generate': {
    text: 'prompt',
    image: 'image',
    texture: 'texture',
    target_faces: 'faceCount',
    num_inference_steps: 'steps',
    guidance_scale: 'guidanceScale',
    seed: 'seed',
  },
} as const satisfies Partial<Record<TaskName, Readonly<Record<string, string>>>>

export type LocalTask = keyof typeof FIELDS

/** How one request's issues are named: its task's fields and the options the caller passed. */
export interface CallerFields {
  task: LocalTask
  /** Keys of `providerOptions.local` in this request. */
  optionKeys: readonly string[]
}

function checkOptions(fields: CallerFields, what?: string): CheckBodyOptions {
  return {
    provider: PROVIDER_ID,
    fields: FIELDS[fields.task],
    providerOptionKeys: fields.optionKeys,
    ...(what !== undefined ? { what } : {}),
  }
}

/** Checks a body against its wire schema before any request, issues named in the caller's fields. */
export function checkCallerBody<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  body: unknown,
  fields: CallerFields,
  what: string,
): Output {
  return checkBody(schema, body, checkOptions(fields, what))
}

/**
 * `error` with its issues renamed to the caller's fields (a new ValidationError keeping the
 * status, body and the original as `cause`); any other error unchanged. For what the client
 * finds while the work runs, and for the server's 422s.
 */
export function inCallerFields(error: unknown, fields: CallerFields): unknown {
  if (!(error instanceof ValidationError)) return error
  const issues: ValidationIssue[] = bodyError(error.issues, checkOptions(fields)).issues
  const text = describeIssues(issues)
  return new ValidationError(issues, {
    provider: PROVIDER_ID,
    message:
      error.status !== undefined
        ? `the sidecar rejected the input (HTTP ${error.status}): ${text}`
        : text,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.body !== undefined ? { body: error.body } : {}),
    cause: error,
  })
}

type Shape = Readonly<Record<string, z.ZodMiniType>>
type OptionalShape<S extends Shape> = { -readonly [K in keyof S]: z.ZodMiniOptional<S[K]> }

/**
 * The `providerOptions.local` schema of a task: every field of its wire bodies, each optional,
 * and nothing else (the sidecar's bodies are strict, so an unknown key is refused before the
 * request, named `providerOptions.local.<key>`). File fields are left out: they come from the
 * task's own media inputs.
 */
export function providerOptionsSchema<S extends Shape, Left extends keyof S & string = never>(
  shape: S,
  leaveOut: readonly Left[] = [],
) {
  const left: readonly string[] = leaveOut
  const fields = Object.fromEntries(
    Object.entries(shape)
      .filter(([key]) => !left.includes(key))
      .map(([key, field]) => [key, z.optional(field)]),
  ) as Omit<OptionalShape<S>, Left>
  return z.strictObject(fields)
}
