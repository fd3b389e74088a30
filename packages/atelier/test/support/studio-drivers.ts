/**
 * Two small drivers named like real ones (`local`, `canary`), written with `defineDriver` the
 * way a provider package writes its driver: literal model ids per task and a provider-option
 * schema per handler. The facade's typing is derived from exactly these declarations, so the
 * type tests and the behaviour tests share them.
 *
 * The option schemas are plain Standard Schemas (no validation library), which is all the
 * facade and core ask of one.
 */
import type { StandardSchemaV1, TaskName, TextStreamPart } from '@atelier/core'
import { defineDriver, throwIfAborted } from '@atelier/core/driver'
import { fakeMedia } from '@atelier/testing'

type Check = (value: unknown) => string | undefined

/** A Standard Schema for an options object: one check per known key, unknown keys refused. */
function optionsSchema<Options extends Record<string, unknown>>(
  checks: {
    [Key in keyof Options]-?: Check
  },
): StandardSchemaV1<Options, Options> {
  return {
    '~standard': {
      version: 1,
      vendor: 'atelier-test',
      validate(value) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          return { issues: [{ message: 'expected an object' }] }
        }
        const issues: StandardSchemaV1.Issue[] = []
        for (const [key, field] of Object.entries(value)) {
          const check = (checks as Record<string, Check | undefined>)[key]
          const message = check ? check(field) : 'is not a known field'
          if (message) issues.push({ message, path: [key] })
        }
        return issues.length > 0 ? { issues } : { value: value as Options }
      },
    },
  }
}

const integer =
  (min: number, max: number): Check =>
  (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer between ${min} and ${max}`
const boolean: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean')
const oneOf =
  (...values: string[]): Check =>
  (value) =>
    values.includes(value as string)
      ? undefined
      : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`

/** `providerOptions.local` for `image.generate`. */
export const localImageOptions = optionsSchema<{ steps?: number; use_lora?: boolean }>({
  steps: integer(1, 50),
  use_lora: boolean,
})

/** `providerOptions.canary` for `image.generate`. */
export const canaryImageOptions = optionsSchema<{ quality?: 'standard' | 'hd' }>({
  quality: oneOf('standard', 'hd'),
})

/** `providerOptions.local` for `text.generate` (streamed or not). */
export const localTextOptions = optionsSchema<{ seed?: number }>({
  seed: integer(0, 2 ** 31 - 1),
})

/** What a scripted stream does: the text parts it yields, and where (if anywhere) it fails. */
export interface StreamScript {
  chunks?: string[]
  /** Throw `error` before yielding the part at this index (0: before any part). */
  failAt?: number
  error?: Error
}

export interface StudioCall {
  provider: string
  method: 'submit' | 'poll' | 'stream'
  task: TaskName
  input?: unknown
}

export function studioDrivers(
  options: { localStream?: StreamScript; canaryStream?: StreamScript } = {},
) {
  const calls: StudioCall[] = []
  let nextJob = 0

  function stream(provider: string, script: StreamScript = {}) {
    return async function* (
      input: unknown,
      context: { signal?: AbortSignal },
    ): AsyncGenerator<TextStreamPart> {
      calls.push({ provider, method: 'stream', task: 'text.generate', input })
      const chunks = script.chunks ?? ['Hel', 'lo']
      for (const [index, text] of chunks.entries()) {
        throwIfAborted(context.signal)
        if (index === script.failAt) throw script.error ?? new Error('stream broke')
        yield { type: 'text-delta', text }
      }
      if (script.failAt !== undefined && script.failAt >= chunks.length) {
        throw script.error ?? new Error('stream broke')
      }
      yield { type: 'finish', finishReason: 'stop' }
    }
  }

  const local = defineDriver({
    id: 'local',
    tasks: {
      'image.generate': {
        models: ['z-image-turbo', 'flux-schnell'],
        cancel: 'local',
        resumable: false,
        providerOptions: localImageOptions,
        async submit(input) {
          calls.push({ provider: 'local', method: 'submit', task: 'image.generate', input })
          return { type: 'completed', output: { warnings: [], images: [fakeMedia.png()] } }
        },
      },
      'video.generate': {
        models: ['hunyuan-video'],
        cancel: 'none',
        resumable: true,
        async submit(input) {
          calls.push({ provider: 'local', method: 'submit', task: 'video.generate', input })
          return { type: 'pending', id: `v${++nextJob}`, snapshot: { state: 'queued' } }
        },
        async poll(ref) {
          calls.push({ provider: 'local', method: 'poll', task: ref.task })
          return {
            state: 'completed',
            output: { warnings: [], videos: [fakeMedia.mp4()] },
          }
        },
      },
      'text.generate': {
        models: ['qwen3-4b'],
        cancel: 'local',
        resumable: false,
        providerOptions: localTextOptions,
        async submit(input) {
          calls.push({ provider: 'local', method: 'submit', task: 'text.generate', input })
          return {
            type: 'completed',
            output: { warnings: [], text: 'Hello', finishReason: 'stop' },
          }
        },
        stream: stream('local', options.localStream),
      },
    },
  })

  const canary = defineDriver({
    id: 'canary',
    tasks: {
      'image.generate': {
        models: ['nano-banana'],
        cancel: 'local',
        resumable: false,
        providerOptions: canaryImageOptions,
        async submit(input) {
          calls.push({ provider: 'canary', method: 'submit', task: 'image.generate', input })
          return { type: 'completed', output: { warnings: [], images: [fakeMedia.png()] } }
        },
      },
      'text.generate': {
        models: ['gpt-5-mini'],
        cancel: 'local',
        resumable: false,
        async submit(input) {
          calls.push({ provider: 'canary', method: 'submit', task: 'text.generate', input })
          return {
            type: 'completed',
            output: { warnings: [], text: 'Hi there', finishReason: 'stop' },
          }
        },
        stream: stream('canary', options.canaryStream),
      },
      'speech.generate': {
        models: ['eleven-v3'],
        cancel: 'local',
        resumable: false,
        async submit(input) {
          calls.push({ provider: 'canary', method: 'submit', task: 'speech.generate', input })
          return { type: 'completed', output: { warnings: [], audio: fakeMedia.wav() } }
        },
      },
    },
  })

  return { local, canary, calls }
}
