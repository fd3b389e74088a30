/**
 * Input validation with errors that name the field and the rule. Runs before any request:
 * bad input never reaches the network.
 */
import { ValidationError, type ValidationIssue } from './errors'
import {
  isTaskName,
  type TaskInput,
  type TaskName,
  taskInputSchemas,
  type ValidTaskInput,
} from './tasks'

/** A schema from zod or zod/mini (anything with a zod-style `safeParse`). */
export interface ParseableSchema<Output> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: Output }
    | { success: false; error: { issues: readonly ZodLikeIssue[] } }
}
interface ZodLikeIssue {
  path: readonly PropertyKey[]
  message: string
  code?: string
  params?: Record<string, unknown>
  expected?: unknown
}

/** zod issues → ValidationIssues (`rule` is the custom rule name when one was given, else zod's code). */
export function issuesFromZod(
  issues: readonly ZodLikeIssue[],
  prefix: (string | number)[] = [],
): ValidationIssue[] {
  return issues.map((issue) => ({
    path: [
      ...prefix,
      ...issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    ],
    message: issue.message,
    rule: typeof issue.params?.rule === 'string' ? issue.params.rule : (issue.code ?? 'invalid'),
  }))
}

/** Parses `value` or throws a ValidationError listing every broken rule. */
export function parseOrThrow<Output>(
  schema: ParseableSchema<Output>,
  value: unknown,
  options: { provider?: string; what?: string; pathPrefix?: (string | number)[] } = {},
): Output {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = issuesFromZod(result.error.issues, options.pathPrefix)
  const error = new ValidationError(issues, { provider: options.provider })
  if (options.what) {
    Object.defineProperty(error, 'message', { value: `${options.what}: ${error.message}` })
  }
  throw error
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
    taskInputSchemas[task] as unknown as ParseableSchema<ValidTaskInput<T>>,
    input,
    {
      what: `Invalid ${task} input`,
    },
  )
}
