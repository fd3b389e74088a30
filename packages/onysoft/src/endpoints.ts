/**
 * Every endpoint of the Onysoft content generation document, as data: the client tests check
 * that they call exactly these, and the docs page lists them with their client methods and
 * the tasks whose handlers call them. (`/v1/chat/completions`, which the document points to
 * for text and Gemini image models, is documented elsewhere and is not part of this package.)
 */
import type { TaskName } from '@atelier/core'
import type { EndpointInfo } from '@atelier/core/driver'
import type * as schemas from './schemas'
import { ALIASES, type Alias } from './schemas/generate'

/** Name of a schema exported by `./schemas`. */
export type SchemaName = Extract<keyof typeof schemas, `${string}Schema`>

/** The tasks the driver runs on the gateway. */
export type OnysoftTask =
  | 'image.generate'
  | 'image.edit'
  | 'video.generate'
  | 'speech.generate'
  | 'dialogue.generate'
  | 'soundEffect.generate'
  | 'music.generate'
  | 'transcription.create'

/**
 * Which alias each task's requests go to. All five reach one backend (any alias runs and looks
 * up any task); the alias keeps logs readable.
 */
export const TASK_ALIASES = {
  'image.generate': 'image',
  'image.edit': 'image',
  'video.generate': 'video',
  'speech.generate': 'voice',
  'dialogue.generate': 'voice',
  'soundEffect.generate': 'audio',
  'transcription.create': 'audio',
  'music.generate': 'music',
} as const satisfies Record<OnysoftTask, Alias>

const ALL_TASKS = /* @__PURE__ */ Object.keys(TASK_ALIASES) as OnysoftTask[]

/** The tasks whose requests go to `alias`. */
const tasksOf = (alias: Alias): TaskName[] =>
  ALL_TASKS.filter((task) => TASK_ALIASES[task] === alias)

export interface EndpointSpec extends EndpointInfo {
  method: 'GET' | 'POST'
  /** The alias the endpoint belongs to; `models` for the model list. */
  area: Alias | 'models'
  /** Client method, relative to an `OnysoftClient`. */
  clientMethod: string
  /** JSON request schema, or `none`. */
  request: SchemaName | 'none'
  query?: SchemaName
  responseSchema: SchemaName
  /** Success status. */
  status: 200 | 202
}

const generate = (alias: Alias): EndpointSpec => ({
  method: 'POST',
  path: `/v1/${alias}/generate`,
  area: alias,
  summary: `Start a generation task (${alias} alias)`,
  clientMethod: `${alias}.generate(body)`,
  tasks: tasksOf(alias),
  source: 'seed',
  request: 'generateRequestSchema',
  responseSchema: 'generateResponseSchema',
  status: 202,
})

const status = (alias: Alias): EndpointSpec => ({
  method: 'GET',
  path: `/v1/${alias}/status/{task_id}`,
  area: alias,
  summary: `A task's status (${alias} alias; any task id)`,
  clientMethod: `${alias}.status(taskId)`,
  // Polled through the alias the task was submitted through.
  tasks: tasksOf(alias),
  source: 'seed',
  request: 'none',
  responseSchema: 'statusResponseSchema',
  status: 200,
})

/**
 * Every endpoint, in the order of the document. Built in a pure function so a bundle that never
 * reads the table (an app running tasks) drops it, with the paths of endpoints no task calls.
 */
export const ENDPOINTS: readonly EndpointSpec[] = /* @__PURE__ */ (() => [
  ...ALIASES.map(generate),
  ...ALIASES.map(status),
  {
    method: 'GET',
    path: '/v1/video/list',
    area: 'video',
    summary: 'Generated videos, a page at a time',
    clientMethod: 'video.list({ page, limit })',
    tasks: [],
    source: 'seed',
    request: 'none',
    query: 'videoListQuerySchema',
    responseSchema: 'videoListResponseSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/models',
    area: 'models',
    summary: 'Models and prices the gateway offers now',
    clientMethod: 'models.list()',
    // Every submit looks its model up in the (cached) list first: the model-task check.
    tasks: ALL_TASKS,
    source: 'seed',
    request: 'none',
    responseSchema: 'modelsResponseSchema',
    status: 200,
  },
])()
