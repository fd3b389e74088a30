/**
 * Model ids checked against what the server lists (`GET /models`, read once per driver and read
 * again when an id is missing), so a wrong id fails before any work with the valid ones named;
 * and the server's models as `ModelInfo`s for `listModels`.
 */
import { type ModelInfo, type TaskName, ValidationError } from '@atelier/core'
import type { RequestContext } from '@atelier/core/driver'
import { listModels } from '../client/health'
import type { Transport } from '../client/transport'
import { PROVIDER_ID } from './caller-fields'

/** The model id that routes `image.generate` to the pixel-art endpoint. */
export const PIXEL_ART_MODEL = 'pixel-art'

/** The `GET /models` group whose ids each task takes. */
const MODEL_GROUPS: Partial<Record<TaskName, string>> = {
  'image.generate': 'image',
  'image.edit': 'img2img',
  'speech.generate': 'audio',
  'video.generate': 'video',
  'music.generate': 'music',
  'vision.analyze': 'vision',
  'text.generate': 'llm',
  'model3d.generate': 'model3d',
}

/** The tasks of each `GET /models` group. */
const TASKS_BY_GROUP: Record<string, TaskName[]> = {
  image: ['image.generate'],
  img2img: ['image.edit'],
  audio: ['speech.generate'],
  video: ['video.generate'],
  music: ['music.generate'],
  vision: ['vision.analyze'],
  llm: ['text.generate'],
  model3d: ['model3d.generate'],
}

/** Listed under `audio` but not a voice: the vocal separator used for YouTube actors. */
const NOT_SPEECH = new Set(['demucs'])

interface Availability {
  available?: unknown
  loaded?: unknown
}

export class ModelCatalog {
  readonly #transport: Transport
  readonly #enabled: boolean
  #groups: Promise<Record<string, string[]> | undefined> | undefined

  constructor(transport: Transport, options: { checkModels?: boolean } = {}) {
    this.#transport = transport
    this.#enabled = options.checkModels !== false
  }

  /** Forgets the cached `GET /models` answer, so the next check reads it again. */
  refresh(): void {
    this.#groups = undefined
  }

  /** Refuses a model id the server does not list for the task, naming the ones it does. */
  async check(task: TaskName, model: string, context: RequestContext): Promise<void> {
    const group = MODEL_GROUPS[task]
    if (!this.#enabled || !group) return
    if (task === 'image.generate' && model === PIXEL_ART_MODEL) return
    const listed = (groups: Record<string, string[]>) =>
      (groups[group] ?? []).filter((id) => !(task === 'speech.generate' && NOT_SPEECH.has(id)))
    let groups = await this.#read(context)
    // A server that lists no such group at all (older than the task) judges the id itself.
    if (!groups || !(group in groups) || listed(groups).includes(model)) return
    // The list may be older than the server's models: read it once more before refusing.
    this.refresh()
    groups = await this.#read(context)
    if (!groups || !(group in groups) || listed(groups).includes(model)) return
    const valid = listed(groups)
    const elsewhere = Object.entries(groups).find(([, ids]) => ids.includes(model))?.[0]
    const names = task === 'image.generate' ? [...valid, PIXEL_ART_MODEL] : valid
    throw new ValidationError(
      [
        {
          path: ['model'],
          message: `${elsewhere ? `${model} is a ${elsewhere} model on this sidecar` : `the sidecar has no model ${model}`}; ${task} takes ${names.length ? names.join(', ') : 'no model here'}`,
          rule: 'unknown_model',
        },
      ],
      { provider: PROVIDER_ID },
    )
  }

  /** What the sidecar serves now, with the tasks each model does; pixel art when it makes images. */
  async list(context: RequestContext): Promise<ModelInfo[]> {
    const models = await listModels(this.#transport, context)
    const out: ModelInfo[] = []
    for (const [type, availability] of Object.entries(models)) {
      const { available, loaded } = (availability ?? {}) as Availability
      const inVram = new Set(strings(loaded))
      for (const id of strings(available)) {
        out.push({
          id,
          ...(TASKS_BY_GROUP[type] ? { tasks: TASKS_BY_GROUP[type] } : {}),
          metadata: { type, loaded: inVram.has(id) },
        })
      }
    }
    if (out.some((model) => model.tasks?.includes('image.generate'))) {
      out.push({
        id: PIXEL_ART_MODEL,
        tasks: ['image.generate'],
        description: 'pixel art sprites (/pixelart/generate)',
      })
    }
    return out
  }

  /** The server's model ids by group, read once; undefined when it cannot be read. */
  #read(context: RequestContext): Promise<Record<string, string[]> | undefined> {
    this.#groups ??= listModels(this.#transport, context).then(
      (models) => {
        const groups: Record<string, string[]> = {}
        for (const [group, availability] of Object.entries(models)) {
          const ids = (availability as Availability | null | undefined)?.available
          if (Array.isArray(ids)) groups[group] = strings(ids)
        }
        return groups
      },
      () => {
        // No list (an old server, a proxy): the server judges the id itself.
        this.#groups = undefined
        return undefined
      },
    )
    return this.#groups
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : []
}
