/**
 * Every endpoint this package calls, as data: the client tests check that they call exactly
 * these, and the docs page lists them. The document describes `POST /v1/image/generate`; the
 * two prediction reads are how its predictions are read back (see `docs/providers/vlmrun.md`).
 * Each row is an `EndpointInfo` of the driver kit, plus this package's schema columns.
 */
import type { EndpointInfo } from '@atelier/core/driver'
import type * as schemas from './schemas'

/** Name of a schema exported by `./schemas`. */
export type SchemaName = Extract<keyof typeof schemas, `${string}Schema`>

export interface EndpointSpec extends EndpointInfo {
  method: 'GET' | 'POST'
  request: SchemaName | 'none'
  query?: SchemaName
  responseSchema: SchemaName
  status: 200 | 201
}

export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    method: 'POST',
    path: '/v1/image/generate',
    summary: 'Structured prediction over images in a domain (sync, or batch)',
    clientMethod: 'image.generate',
    tasks: ['vision.analyze'],
    source: 'seed',
    request: 'imageGenerateRequestSchema',
    responseSchema: 'predictionSchema',
    status: 201,
  },
  {
    method: 'GET',
    path: '/v1/predictions/{id}',
    summary: 'One prediction: status, usage and response',
    clientMethod: 'predictions.get',
    tasks: ['vision.analyze'],
    request: 'none',
    responseSchema: 'predictionSchema',
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/predictions',
    summary: 'Your predictions, paged (skip, limit) and filtered by status',
    clientMethod: 'predictions.list',
    tasks: [],
    request: 'none',
    query: 'predictionListQuerySchema',
    responseSchema: 'predictionListResponseSchema',
    status: 200,
  },
]
