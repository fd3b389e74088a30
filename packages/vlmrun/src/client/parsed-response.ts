/**
 * Reading a prediction's `response` with the caller's schema: shared by the endpoint functions
 * that return predictions, the driver's outputs and the callback check.
 */
import { ResponseShapeError, type StandardSchemaV1 } from '@atelier/core'
import { issuesFromZod, runSchema } from '@atelier/core/driver'
import type { Prediction } from '../schemas'
import { PROVIDER } from './transport'

/**
 * A completed prediction's `response` checked against `schema` (zod, or any Standard Schema):
 * the parsed value (with the schema's transforms and defaults), or a ResponseShapeError naming
 * what did not match. Predictions that are not completed, or have no response, are returned as
 * they are.
 */
export function withParsedResponse<T>(
  prediction: Prediction,
  schema: StandardSchemaV1<unknown, T> | undefined,
  redact: (text: string) => string = (text) => text,
): Prediction<T> {
  if (!schema || prediction.status !== 'completed' || prediction.response == null) {
    return prediction as Prediction<T>
  }
  const result = runSchema(schema, prediction.response)
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
      body: redact(JSON.stringify(prediction.response)).slice(0, 4_096),
    },
  )
}
