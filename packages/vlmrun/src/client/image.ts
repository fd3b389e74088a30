/** `POST /v1/image/generate`: structured image understanding, synchronous or as a batch prediction. */
import type { StandardSchemaV1 } from '@atelier/core'
import { checkBody, type RequestContext } from '@atelier/core/driver'
import {
  type ImageGenerateRequest,
  imageGenerateRequestSchema,
  type Prediction,
  predictionSchema,
} from '../schemas'
import { withParsedResponse } from './parsed-response'
import { PROVIDER, type VlmRunTransport } from './transport'

export interface GenerateOptions<T> {
  /**
   * Checks a completed prediction's `response` (zod or any Standard Schema) and returns
   * it parsed and typed; a mismatch is a ResponseShapeError. Use the same schema you turned
   * into `config.json_schema`.
   */
  schema?: StandardSchemaV1<unknown, T>
}

/**
 * `POST /v1/image/generate`: the images (base64 or URLs) read in a `domain`, optionally shaped
 * by `config.json_schema`. Without `batch` the answer (201) is normally the completed
 * prediction, and the request may run as long as the model does (`predictionTimeoutMs`);
 * with `batch: true` it is a prediction to poll with `getPrediction(transport, id)`. The body is
 * checked before sending (documented fields only, the domain enum, `vlm-1`). A `submit` call:
 * never re-sent once the server may have started the prediction.
 */
export async function generateImagePrediction<T = unknown>(
  transport: VlmRunTransport,
  body: ImageGenerateRequest,
  context: RequestContext = {},
  options: GenerateOptions<T> = {},
): Promise<Prediction<T>> {
  const json = checkBody(imageGenerateRequestSchema, body, {
    provider: PROVIDER,
    what: 'POST /v1/image/generate',
  })
  const { http } = transport
  const prediction = await http.json(
    {
      method: 'POST',
      path: '/v1/image/generate',
      json,
      kind: 'submit',
      schema: predictionSchema,
      ...(json.batch ? {} : { timeoutMs: transport.predictionTimeoutMs }),
    },
    context,
  )
  return withParsedResponse(prediction, options.schema, (text) => http.redact(text))
}
