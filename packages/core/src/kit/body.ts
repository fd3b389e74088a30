/**
 * Checking a request body against the provider's wire schema before it is sent, with issues
 * worded one way for every driver: the path names what the caller typed (`durationSeconds`,
 * not the wire's `duration`; `providerOptions.<id>.<key>` for a passed-through option), and
 * an unknown key is one issue per key.
 */
import { describeIssues, ValidationError, type ValidationIssue } from '../errors'
import type { StandardSchemaV1 } from '../standard-schema'
import { issuesFromZod, runSchema } from '../validation'

export interface CheckBodyOptions {
  /** The provider id, on the error. */
  provider: string
  /** The request, e.g. `POST /v1/video/generate`; the error's message starts with it. */
  what?: string
  /** Body field → the task input field it was built from, so issues name the caller's field. */
  fields?: Readonly<Record<string, string>>
  /** Keys the caller passed in `providerOptions[provider]`: issues on them are named there. */
  providerOptionKeys?: Iterable<string>
}

/** Parses `body` with `schema`, or throws a ValidationError naming each bad field. */
export function checkBody<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  body: unknown,
  options: CheckBodyOptions,
): Output {
  const result = runSchema(schema, body)
  if (!result.issues) return result.value
  throw bodyError(issuesFromZod(result.issues), options)
}

/**
 * The ValidationError for issues found in a body (by a schema, or a size or cross-field rule),
 * their paths renamed to the caller's fields.
 */
export function bodyError(
  issues: readonly ValidationIssue[],
  options: CheckBodyOptions,
  message?: string,
): ValidationError {
  const own = new Set(options.providerOptionKeys ?? [])
  const renamed = issues.map((issue) => {
    const [head, ...rest] = issue.path
    if (typeof head !== 'string') return issue
    const path = own.has(head)
      ? ['providerOptions', options.provider, head, ...rest]
      : [options.fields?.[head] ?? head, ...rest]
    return { ...issue, path }
  })
  const text = message ?? describeIssues(renamed)
  return new ValidationError(renamed, {
    provider: options.provider,
    message: options.what ? `${options.what}: ${text}` : `Invalid input: ${text}`,
  })
}

const encoder = new TextEncoder()

/** UTF-8 length of a value's JSON text. */
export function jsonByteLength(value: unknown): number {
  const json = JSON.stringify(value)
  if (json === undefined) return 0
  // Plain ASCII (base64, URLs, most prompts) is one byte per character: skip the encoding copy.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the point
  return /^[\u0000-\u007f]*$/.test(json) ? json.length : encoder.encode(json).byteLength
}
