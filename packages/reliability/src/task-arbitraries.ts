/**
 * Valid and invalid inputs for every task of `@atelier/core`, derived from the task's input
 * schema. The cross-field rules each schema checks in code are restated here, one entry per
 * task: adding a task without an entry fails the hostile-input tests.
 */
import { type TaskName, taskInputSchemas } from '@atelier/core'
import type fc from 'fast-check'
import {
  defineObjectRule,
  type InvalidCase,
  invalidArbitrary,
  type ObjectRule,
  rules,
  validArbitrary,
  type ZodSchemaLike,
} from './arbitraries'

/** The rules each task schema checks in code (`.check(...)`), restated for generation. */
export const TASK_RULES: Record<TaskName, ObjectRule | null> = {
  'image.generate': rules.atMostOne(['size', 'aspectRatio']),
  'image.edit': rules.requireWhen((value) => (value.operation ?? 'edit') === 'edit', ['prompt']),
  'video.generate': rules.requireWhen(() => true, ['prompt', 'image', 'video']),
  'model3d.generate': rules.requireWhen(() => true, ['prompt', 'image']),
  'speech.generate': rules.atMostOne(['voice', 'referenceAudio', 'voiceDescription']),
  'dialogue.generate': null,
  'soundEffect.generate': null,
  'music.generate': null,
  'transcription.create': null,
  'vision.analyze': rules.all(
    rules.exactlyOne(['image', 'images', 'video']),
    rules.requireWhen((value) => value.mode === 'question', ['prompt']),
    rules.requireWhen((value) => value.mode === 'extract', ['schema', 'domain']),
  ),
  'vision.detect': rules.requireWhen((value) => value.mode === 'zero-shot', ['labels']),
  'text.generate': rules.exactlyOne(['messages', 'prompt']),
  'prompt.enhance': null,
}

for (const [task, rule] of Object.entries(TASK_RULES)) {
  if (rule) defineObjectRule(taskInputSchemas[task as TaskName], rule)
}

/** The schema of a task, as the walker reads it. */
export function taskSchema(task: TaskName): ZodSchemaLike {
  return taskInputSchemas[task] as unknown as ZodSchemaLike
}

/** Inputs `task` must accept. */
export function validTaskInput(task: TaskName): fc.Arbitrary<Record<string, unknown>> {
  return validArbitrary(taskSchema(task)) as fc.Arbitrary<Record<string, unknown>>
}

/** Inputs `task` must reject, each with the path of the field that was broken. */
export function invalidTaskInput(task: TaskName): fc.Arbitrary<InvalidCase> {
  return invalidArbitrary(taskSchema(task))
}
