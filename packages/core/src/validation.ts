/**
 * Input validation with errors that name the field and the rule. Runs before any request:
 * bad input never reaches the network.
 */
import { describeIssues, UnsupportedError, ValidationError, type ValidationIssue } from './errors'
import type { StandardSchemaV1 } from './standard-schema'
import {
  isTaskName,
  type TaskInput,
  type TaskName,
  taskInputSchemas,
  type ValidTaskInput,
} from './tasks'

/**
 * One issue a schema reported: Standard Schema's `message` and `path`, plus the details zod
 * adds (its `code` and limits), which make the wording specific when present.
 */
export interface SchemaIssue extends StandardSchemaV1.Issue {
  code?: string
  params?: Record<string, unknown>
  expected?: unknown
  origin?: unknown
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  values?: readonly unknown[]
  format?: unknown
  keys?: readonly string[]
  divisor?: unknown
}

/**
 * Runs a Standard Schema synchronously. Every check atelier makes happens before a request, in
 * line; a schema that validates asynchronously is refused rather than awaited behind the caller's back.
 */
export function runSchema<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
): { value: Output; issues?: undefined } | { issues: readonly SchemaIssue[] } {
  const result = schema['~standard'].validate(value)
  if (result instanceof Promise) {
    throw new UnsupportedError(
      'this schema validates asynchronously; atelier needs a synchronous one',
    )
  }
  return result as { value: Output } | { issues: readonly SchemaIssue[] }
}

/** The message zod (mini, without a locale loaded) gives every issue; replaced by a specific one. */
const GENERIC_MESSAGE = 'Invalid input'

/**
 * A readable message for a zod issue: the schema's own words when it has them, else one built
 * from the issue's code and limits (`must be <= 10`, `must be one of "png", "jpeg"`).
 */
export function describeZodIssue(issue: SchemaIssue): string {
  // One wording for unknown keys whether or not a zod locale has been loaded (classic zod loads
  // English on first use and would say `Unrecognized key: "x"`).
  if (issue.code === 'unrecognized_keys') return 'is not a known field'
  if (issue.message && issue.message !== GENERIC_MESSAGE) return issue.message
  const sized =
    issue.origin === 'string'
      ? ' characters'
      : issue.origin === 'array' || issue.origin === 'set'
        ? ' items'
        : ''
  switch (issue.code) {
    case 'too_big':
      return sized
        ? `must have at most ${String(issue.maximum)}${sized}`
        : `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`
    case 'too_small':
      return sized
        ? `must have at least ${String(issue.minimum)}${sized}`
        : `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`
    case 'invalid_type':
      return `expected ${String(issue.expected)}`
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map((value) => JSON.stringify(value)).join(', ')}`
    case 'invalid_format':
      return `must be a valid ${String(issue.format)}`
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      return 'is not a known field'
    case 'invalid_union':
      return 'matches none of the allowed shapes'
    default:
      return issue.message || 'is invalid'
  }
}

/**
 * zod issues → ValidationIssues: `path` joined from the prefix, `message` made readable, `rule` the
 * custom rule name when one was given, else zod's code. Unknown keys become one issue per key,
 * each with the key in its path, worded by `unknownKey` when a driver words them its way.
 */
export function issuesFromZod(
  issues: readonly SchemaIssue[],
  prefix: (string | number)[] = [],
  unknownKey?: { message: string; rule: string },
): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const path = [
      ...prefix,
      ...(issue.path ?? []).map((segment) => {
        const part = typeof segment === 'object' ? segment.key : segment
        return typeof part === 'number' ? part : String(part)
      }),
    ]
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: unknownKey?.message ?? describeZodIssue(issue),
        rule: unknownKey?.rule ?? 'unrecognized_keys',
      }))
    }
    return [
      {
        path,
        message: describeZodIssue(issue),
        rule:
          typeof issue.params?.rule === 'string' ? issue.params.rule : (issue.code ?? 'invalid'),
      },
    ]
  })
}

/** Parses `value` or throws a ValidationError listing every broken rule. */
export function parseOrThrow<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
  options: { provider?: string; what?: string; pathPrefix?: (string | number)[] } = {},
): Output {
  const result = runSchema(schema, value)
  if (!result.issues) return result.value
  const issues = issuesFromZod(result.issues, options.pathPrefix)
  throw new ValidationError(issues, {
    provider: options.provider,
    ...(options.what ? { message: `${options.what}: ${describeIssues(issues)}` } : {}),
  })
}

/** Validates a task input against the shared catalogue schema. */
export function validateTaskInput<T extends TaskName>(
  task: T,
  input: TaskInput<T>,
): ValidTaskInput<T> {
  if (!isTaskName(task)) {
    throw new ValidationError([
      { path: ['task'], message: `unknown task ${JSON.stringify(task)}`, rule: 'unknown_task' },
    ])
  }
  return parseOrThrow(
    taskInputSchemas[task] as unknown as StandardSchemaV1<unknown, ValidTaskInput<T>>,
    input,
    {
      what: `Invalid ${task} input`,
    },
  )
}
