/**
 * Every endpoint of the Onysoft content generation document, as data: the client tests check
 * that they call exactly these, and the docs page lists them with their client methods.
 * (`/v1/chat/completions`, which the document points to for text and Gemini image models, is
 * documented elsewhere and is not part of this package.)
 */
import type * as schemas from './schemas'
import { ALIASES, type Alias } from './schemas/generate'

/** Name of a schema exported by `./schemas`. */
export type SchemaName = Extract<keyof typeof schemas, `${string}Schema`>

export interface EndpointSpec {
  method: 'GET' | 'POST'
  /** Path with `{param}` placeholders, as in the document. */
  path: string
  /** The alias the endpoint belongs to; `models` for the model list. */
  area: Alias | 'models'
  summary: string
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
  request: 'none',
  responseSchema: 'statusResponseSchema',
  status: 200,
})

/** Every endpoint, in the order of the document. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  ...ALIASES.map(generate),
  ...ALIASES.map(status),
  {
    method: 'GET',
    path: '/v1/video/list',
    area: 'video',
    summary: 'Generated videos, a page at a time',
    clientMethod: 'video.list({ page, limit })',
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
    request: 'none',
    responseSchema: 'modelsResponseSchema',
    status: 200,
  },
]
