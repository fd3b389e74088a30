/**
 * What the method groups of `VlmRunClient` share: the `HttpClient`, validation before
 * sending (unknown keys named one by one), and reading a prediction's `response` with a schema.
 * Internal to the client.
 */
import {
  issuesFromZod,
  type ParseableSchema,
  ResponseShapeError,
  ValidationError,
  type ValidationIssue,
  type ZodLikeIssue,
} from '@atelier/core'
import type { Prediction } from '../schemas'

/** Provider id on every error, hook event and validation message of this client. */
export const PROVIDER = 'vlmrun'

/** zod issues → ValidationIssues, one per unknown key (zod reports them together). */
export function requestIssues(issues: readonly ZodLikeIssue[]): ValidationIssue[] {
  return issuesFromZod(issues, [], {
    message: 'is not a documented VLM Run field',
    rule: 'unrecognized_key',
  })
}

/** Parses `value`, or throws a ValidationError naming each bad field; `what` prefixes the message. */
export function validate<T>(schema: ParseableSchema<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const error = new ValidationError(requestIssues(result.error.issues), { provider: PROVIDER })
  Object.defineProperty(error, 'message', { value: `${what}: ${error.message}` })
  throw error
}

/**
 * A completed prediction's `response` checked against `schema`: the parsed value (with the
 * schema's transforms and defaults), or a ResponseShapeError naming what did not match.
 * Predictions that are not completed, or have no response, are returned as they are.
 */
export function withParsedResponse<T>(
  prediction: Prediction,
  schema: ParseableSchema<T> | undefined,
  redact: (text: string) => string = (text) => text,
): Prediction<T> {
  if (!schema || prediction.status !== 'completed' || prediction.response == null) {
    return prediction as Prediction<T>
  }
  const result = schema.safeParse(prediction.response)
  if (result.success) return { ...prediction, response: result.data }
  const issues = issuesFromZod(result.error.issues)
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
