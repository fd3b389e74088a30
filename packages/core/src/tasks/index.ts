/**
 * The task catalogue: the cross-provider verbs, each with one input schema and one output
 * type. Drivers declare which of these they implement; the facade exposes one namespace
 * per task family (`ai.image.generate`, `ai.video.submit`, ...).
 */
import type * as z from 'zod/mini'
import {
  type AudioOutput,
  dialogueGenerateInputSchema,
  type MusicOutput,
  musicGenerateInputSchema,
  soundEffectGenerateInputSchema,
  speechGenerateInputSchema,
} from './audio'
import { type ImageOutput, imageEditInputSchema, imageGenerateInputSchema } from './image'
import { type Model3dOutput, model3dGenerateInputSchema } from './model3d'
import {
  type PromptEnhanceOutput,
  promptEnhanceInputSchema,
  type TextOutput,
  textGenerateInputSchema,
} from './text'
import { type TranscriptionOutput, transcriptionCreateInputSchema } from './transcription'
import { type VideoOutput, videoGenerateInputSchema } from './video'
import {
  type VisionAnalyzeOutput,
  type VisionDetectOutput,
  visionAnalyzeInputSchema,
  visionDetectInputSchema,
} from './vision'

export const taskInputSchemas = {
  'image.generate': imageGenerateInputSchema,
  'image.edit': imageEditInputSchema,
  'video.generate': videoGenerateInputSchema,
  'model3d.generate': model3dGenerateInputSchema,
  'speech.generate': speechGenerateInputSchema,
  'dialogue.generate': dialogueGenerateInputSchema,
  'soundEffect.generate': soundEffectGenerateInputSchema,
  'music.generate': musicGenerateInputSchema,
  'transcription.create': transcriptionCreateInputSchema,
  'vision.analyze': visionAnalyzeInputSchema,
  'vision.detect': visionDetectInputSchema,
  'text.generate': textGenerateInputSchema,
  'prompt.enhance': promptEnhanceInputSchema,
} as const

export type TaskName = keyof typeof taskInputSchemas

/** Every task name, in catalogue order. */
export const TASK_NAMES = Object.keys(taskInputSchemas) as TaskName[]

/** What each task produces. */
export interface TaskOutputs {
  'image.generate': ImageOutput
  'image.edit': ImageOutput
  'video.generate': VideoOutput
  'model3d.generate': Model3dOutput
  'speech.generate': AudioOutput
  'dialogue.generate': AudioOutput
  'soundEffect.generate': AudioOutput
  'music.generate': MusicOutput
  'transcription.create': TranscriptionOutput
  'vision.analyze': VisionAnalyzeOutput
  'vision.detect': VisionDetectOutput
  'text.generate': TextOutput
  'prompt.enhance': PromptEnhanceOutput
}

/** What a caller passes (defaults not yet applied). */
export type TaskInput<T extends TaskName> = z.input<(typeof taskInputSchemas)[T]>
/** What a driver receives (validated). */
export type ValidTaskInput<T extends TaskName> = z.output<(typeof taskInputSchemas)[T]>
export type TaskOutput<T extends TaskName> = TaskOutputs[T]

export function isTaskName(value: unknown): value is TaskName {
  return typeof value === 'string' && Object.hasOwn(taskInputSchemas, value)
}

export * from './audio'
export * from './image'
export * from './model3d'
export * from './shared'
export * from './text'
export * from './transcription'
export * from './video'
export * from './vision'
