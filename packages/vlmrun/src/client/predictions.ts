/** `GET /v1/predictions/{id}` and `GET /v1/predictions`. */
import { checkBody, type HttpClient, pathOf, type RequestContext } from '@atelier/core/driver'
import {
  type Prediction,
  type PredictionListQuery,
  predictionListQuerySchema,
  predictionListResponseSchema,
  predictionSchema,
} from '../schemas'
import type { GenerateOptions } from './image'
import { PROVIDER, withParsedResponse } from './transport'

/** `/v1/predictions`. */
export class PredictionsApi {
  readonly #http: HttpClient

  /** @internal Built by `VlmRunClient`. */
  constructor(http: HttpClient) {
    this.#http = http
  }

  /**
   * `GET /v1/predictions/{id}`: one prediction, with its `status` (`enqueued`, `pending`,
   * `running`, `paused`, `completed`, `failed`), `usage` and, once completed, `response`
   * (parsed with `options.schema` when given). A `read` call, retried on transient faults.
   */
  async get<T = unknown>(
    id: string,
    context: RequestContext = {},
    options: GenerateOptions<T> = {},
  ): Promise<Prediction<T>> {
    const { prediction } = await this.getWithHeaders(id, context)
    return withParsedResponse(prediction, options.schema, (text) => this.#http.redact(text))
  }

  /** `get` without parsing the response, with the answer's headers (for `Retry-After`). */
  async getWithHeaders(
    id: string,
    context: RequestContext = {},
  ): Promise<{ prediction: Prediction; headers: Headers }> {
    const response = await this.#http.request(
      { method: 'GET', path: pathOf`/v1/predictions/${id}`, kind: 'read' },
      context,
    )
    return {
      prediction: await this.#http.parseJson(response, predictionSchema),
      headers: response.headers,
    }
  }

  /**
   * `GET /v1/predictions`: your predictions, newest first, `skip` (default 0) and `limit`
   * (default 10) at a time. `status` filters: it is sent as a query parameter and also applied
   * to the page received, so the answer holds only that status even from a server that ignores
   * the parameter (the page may then be shorter than `limit`).
   */
  async list(query: PredictionListQuery = {}, context: RequestContext = {}): Promise<Prediction[]> {
    const { skip, limit, status } = checkBody(predictionListQuerySchema, query, {
      provider: PROVIDER,
      what: 'GET /v1/predictions',
    })
    const body = await this.#http.json(
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
    return status ? predictions.filter((prediction) => prediction.status === status) : predictions
  }
}
