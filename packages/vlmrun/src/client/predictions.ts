/** `GET /v1/predictions/{id}` and `GET /v1/predictions`. */
import { checkBody, pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type Prediction,
  type PredictionListQuery,
  predictionListQuerySchema,
  predictionListResponseSchema,
  predictionSchema,
} from '../schemas'
import type { GenerateOptions } from './image'
import { withParsedResponse } from './parsed-response'
import { PROVIDER, type VlmRunTransport } from './transport'

/**
 * `GET /v1/predictions/{id}`: one prediction, with its `status` (`enqueued`, `pending`,
 * `running`, `paused`, `completed`, `failed`), `usage` and, once completed, `response`
 * (parsed with `options.schema` when given). A `read` call, retried on transient faults.
 */
export async function getPrediction<T = unknown>(
  transport: VlmRunTransport,
  id: string,
  context: RequestContext = {},
  options: GenerateOptions<T> = {},
): Promise<Prediction<T>> {
  const { prediction } = await getPredictionWithHeaders(transport, id, context)
  return withParsedResponse(prediction, options.schema, (text) => transport.http.redact(text))
}

/** `getPrediction` without parsing the response, with the answer's headers (for `Retry-After`). */
export async function getPredictionWithHeaders(
  transport: VlmRunTransport,
  id: string,
  context: RequestContext = {},
): Promise<{ prediction: Prediction; headers: Headers }> {
  const { http } = transport
  const response = await http.request(
    { method: 'GET', path: pathOf`/v1/predictions/${id}`, kind: 'read' },
    context,
  )
  return {
    prediction: await http.parseJson(response, predictionSchema),
    headers: response.headers,
  }
}

/**
 * `GET /v1/predictions`: your predictions, newest first, `skip` (default 0) and `limit`
 * (default 10) at a time. `status` filters: it is sent as a query parameter and also applied
 * to the page received, so the answer holds only that status even from a server that ignores
 * the parameter (the page may then be shorter than `limit`).
 */
export async function listPredictions(
  transport: VlmRunTransport,
  query: PredictionListQuery = {},
  context: RequestContext = {},
): Promise<Prediction[]> {
  const { skip, limit, status } = checkBody(predictionListQuerySchema, query, {
    provider: PROVIDER,
    what: 'GET /v1/predictions',
  })
  const body = await transport.http.json(
    {
      method: 'GET',
      path: '/v1/predictions',
      query: { skip, limit, status },
      kind: 'read',
      schema: predictionListResponseSchema,
    },
    context,
  )
  const wrapped = body as {
    data?: Prediction[]
    items?: Prediction[]
    predictions?: Prediction[]
  }
  const predictions: Prediction[] = Array.isArray(body)
    ? body
    : (wrapped.data ?? wrapped.items ?? wrapped.predictions ?? [])
  return status
    ? predictions.filter(
        // By the word, in any case: `pending` and `enqueued` are both waiting, yet distinct.
        (prediction) => prediction.status.trim().toLowerCase() === status,
      )
    : predictions
}
