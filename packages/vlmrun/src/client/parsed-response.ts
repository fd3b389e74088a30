/**
 * Reading a prediction's `response` with the caller's schema: shared by the endpoint functions
 * that return predictions, the driver's outputs and the callback check.
 */
import { ResponseShapeError, type StandardSchemaV1 } from '@atelier/core'
import { issuesFromZod, runSchema } from '@atelier/core/driver'
import { type Prediction, readPredictionStatus } from '../schemas'
import { PROVIDER } from './transport'

/**
 * Where a prediction's answer may be: the documented `response` first, then the fields other
 * versions of the API (and proxies in front of it) use for the same thing.
 */
export const RESPONSE_FIELDS = ['response', 'result', 'output'] as const

/** The field of `prediction` that holds its answer, or undefined when none holds one. */
export function responseFieldOf(prediction: Prediction): string | undefined {
  return RESPONSE_FIELDS.find((field) => prediction[field] != null)
}

/**
 * A completed prediction's answer (`response`, or the first of `RESPONSE_FIELDS` that holds one)
 * checked against `schema` (zod, or any Standard Schema): the prediction with the parsed value
 * as `response` (with the schema's transforms and defaults), or a ResponseShapeError naming what
 * did not match. Predictions that are not completed, or have no answer, are returned as they are.
 */
export function withParsedResponse<T>(
  prediction: Prediction,
  schema: StandardSchemaV1<unknown, T> | undefined,
  redact: (text: string) => string = (text) => text,
): Prediction<T> {
  const field = responseFieldOf(prediction)
  if (
    !schema ||
    readPredictionStatus(prediction.status).state !== 'completed' ||
    field === undefined
  ) {
    return prediction as Prediction<T>
  }
  const result = runSchema(schema, prediction[field])
  if (!result.issues) return { ...prediction, response: result.value }
  const issues = issuesFromZod(result.issues)
  throw new ResponseShapeError(
    `${PROVIDER} prediction ${prediction.id} answered with a response that does not match your schema: ${issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(response)'}: ${issue.message}`)
      .join('; ')}`,
    {
      provider: PROVIDER,
      status: 200,
      issues,
      body: redact(JSON.stringify(prediction[field])).slice(0, 4_096),
    },
  )
}
