/**
 * `VlmRunClient`: a typed client for VLM Run's image API — `POST /v1/image/generate` and the
 * predictions it creates (`GET /v1/predictions/{id}`, `GET /v1/predictions`). Requests are
 * validated before they are sent; answers are checked with unknown fields kept; a completed
 * prediction's `response` can be parsed and typed with your own schema.
 *
 * Each method is one line calling the endpoint function of the same call (`image.generate` →
 * `generateImagePrediction`), so the class is a convenience over them: code that imports only
 * the functions (the driver does) bundles only those endpoints and their schemas.
 *
 * ```ts
 * const vlm = new VlmRunClient({ apiKey: process.env.VLMRUN_API_KEY })
 * const Invoice = z.object({ invoice_number: z.string(), total: z.number() })
 * const prediction = await vlm.image.generate(
 *   { images: [url], domain: 'document.invoice', config: { json_schema: toJsonSchema(Invoice) } },
 *   {},
 *   { schema: Invoice },
 * )
 * prediction.response?.total // number
 *
 * // On a driver's connection (its HTTP client, key, retries and fetch):
 * const direct = new VlmRunClient(driver.transport)
 * await direct.predictions.list({ status: 'completed' })
 * ```
 */
import { checkOptionNames } from '@atelier/core'
import type { HttpClient, RequestContext } from '@atelier/core/driver'
import type { ImageGenerateRequest, Prediction, PredictionListQuery } from '../schemas'
import { type GenerateOptions, generateImagePrediction } from './image'
import { getPrediction, getPredictionWithHeaders, listPredictions } from './predictions'
import {
  createVlmRunTransport,
  VLMRUN_CLIENT_OPTION_NAMES,
  type VlmRunClientOptions,
  type VlmRunTransport,
} from './transport'

/** `/v1/image/*`. */
export class ImageApi {
  readonly #transport: VlmRunTransport

  /** @internal Built by `VlmRunClient`. */
  constructor(transport: VlmRunTransport) {
    this.#transport = transport
  }

  /** `POST /v1/image/generate`: see `generateImagePrediction`. */
  generate<T = unknown>(
    body: ImageGenerateRequest,
    context?: RequestContext,
    options?: GenerateOptions<T>,
  ): Promise<Prediction<T>> {
    return generateImagePrediction(this.#transport, body, context, options)
  }
}

/** `/v1/predictions`. */
export class PredictionsApi {
  readonly #transport: VlmRunTransport

  /** @internal Built by `VlmRunClient`. */
  constructor(transport: VlmRunTransport) {
    this.#transport = transport
  }

  /** `GET /v1/predictions/{id}`: see `getPrediction`. */
  get<T = unknown>(
    id: string,
    context?: RequestContext,
    options?: GenerateOptions<T>,
  ): Promise<Prediction<T>> {
    return getPrediction(this.#transport, id, context, options)
  }

  /** `get` without parsing the response, with the answer's headers: see `getPredictionWithHeaders`. */
  getWithHeaders(
    id: string,
    context?: RequestContext,
  ): Promise<{ prediction: Prediction; headers: Headers }> {
    return getPredictionWithHeaders(this.#transport, id, context)
  }

  /** `GET /v1/predictions`: see `listPredictions`. */
  list(query?: PredictionListQuery, context?: RequestContext): Promise<Prediction[]> {
    return listPredictions(this.#transport, query, context)
  }
}

/**
 * VLM Run (`https://api.vlm.run`). Built from options (a new connection, see
 * `createVlmRunTransport`), or on an existing transport — `new VlmRunClient(driver.transport)` —
 * to make direct calls through the driver's HTTP client.
 */
export class VlmRunClient {
  /** The connection every call goes through; hand it to the endpoint functions, or to a driver. */
  readonly transport: VlmRunTransport
  /** The HTTP client every call goes through (provider `vlmrun`). */
  readonly http: HttpClient
  readonly baseUrl: string
  /** `POST /v1/image/generate`. */
  readonly image: ImageApi
  /** `GET /v1/predictions/{id}`, `GET /v1/predictions`. */
  readonly predictions: PredictionsApi

  constructor(options: VlmRunClientOptions | VlmRunTransport = {}) {
    // Options never carry an `http` key: a value with one is a transport to share.
    if (!('http' in options)) {
      checkOptionNames('new VlmRunClient()', options, VLMRUN_CLIENT_OPTION_NAMES)
    }
    this.transport = 'http' in options ? options : createVlmRunTransport(options)
    this.http = this.transport.http
    this.baseUrl = this.http.baseUrl
    this.image = new ImageApi(this.transport)
    this.predictions = new PredictionsApi(this.transport)
  }
}
