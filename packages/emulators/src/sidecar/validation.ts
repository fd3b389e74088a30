/**
 * Zod-based request validation reported the FastAPI way (`{"detail": [{"loc", "msg", "type"}]}`),
 * shared by the emulators of cloud providers (Vision Studio, VLM Run) that validate with their
 * drivers' zod schemas. The Silly Media emulator does not use it: it validates with its own
 * transcription of the server's pydantic models (`./pydantic`, `./schemas`, `./fastapi`).
 *
 * Deviation for its users: the schemas are strict, so unknown JSON keys and form fields are
 * rejected (`extra_forbidden`) where FastAPI would ignore them.
 */
import type * as z from 'zod/mini'
import { HttpError, type ValidationDetail } from './responses'

type Issue = z.core.$ZodIssue
type Location = 'body' | 'query' | 'path'

/** Anything with zod's `safeParse` (mini and classic schemas both have it). */
export interface Schema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: Issue[] } }
}

/** Extracts a schema's output type. */
export type Parsed<S> = S extends Schema<infer T> ? T : never

export interface ValidateOptions {
  /**
   * Problems the real server checks in the route, after validation, and documents as `400` with
   * a plain message (an invalid YouTube URL, neither `messages` nor `prompt`). When such issues
   * are the only ones, the answer is 400 with `message(issues)`; otherwise they are left out of
   * the 422, as the real server would never get to check them.
   */
  documented400?: { when(issue: Issue): boolean; message(issues: Issue[]): string }
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

const TYPE_NAMES: Record<string, string> = {
  string: 'string_type',
  number: 'float_type',
  int: 'int_type',
  boolean: 'bool_type',
  array: 'list_type',
  object: 'model_type',
  never: 'extra_forbidden',
}

function pydanticType(issue: Issue, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'missing' : (TYPE_NAMES[issue.expected] ?? `${issue.expected}_type`)
    case 'too_small':
      if (issue.origin === 'string') return 'string_too_short'
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_short'
      return issue.inclusive ? 'greater_than_equal' : 'greater_than'
    case 'too_big':
      if (issue.origin === 'string') return 'string_too_long'
      if (issue.origin === 'array' || issue.origin === 'set') return 'too_long'
      return issue.inclusive ? 'less_than_equal' : 'less_than'
    case 'invalid_value':
      return issue.values.length === 1 ? 'literal_error' : 'enum'
    case 'invalid_format':
      return 'string_pattern_mismatch'
    case 'not_multiple_of':
      return 'multiple_of'
    case 'unrecognized_keys':
      return 'extra_forbidden'
    default:
      return 'value_error'
  }
}

const jsonFriendly = (value: unknown): boolean =>
  value !== undefined && !(value instanceof Blob) && typeof value !== 'function'

/** FastAPI-style details for zod issues found at `location` in `input`. */
export function toDetails(issues: Issue[], location: Location, input: unknown): ValidationDetail[] {
  const details: ValidationDetail[] = []
  for (const issue of issues) {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const value = valueAt(input, [...issue.path, key])
        details.push({
          loc: [location, ...path, key],
          msg: 'Extra inputs are not permitted',
          type: 'extra_forbidden',
          ...(jsonFriendly(value) ? { input: value } : {}),
        })
      }
      continue
    }
    const value = valueAt(input, issue.path)
    const missing = issue.code === 'invalid_type' && value === undefined
    details.push({
      loc: [location, ...path],
      msg: missing ? 'Field required' : issue.message,
      type: pydanticType(issue, missing),
      ...(jsonFriendly(value) ? { input: value } : {}),
    })
  }
  return details
}

/** Validates `input`; throws an `HttpError` (422, or a documented 400) when it does not fit. */
export function validate<T>(
  schema: Schema<T>,
  input: unknown,
  location: Location,
  options: ValidateOptions = {},
): T {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues
  const documented = options.documented400
  if (documented) {
    const routeIssues = issues.filter((issue) => documented.when(issue))
    const fieldIssues = issues.filter((issue) => !documented.when(issue))
    if (fieldIssues.length === 0) throw new HttpError(400, documented.message(routeIssues))
    throw new HttpError(422, { detail: toDetails(fieldIssues, location, input) })
  }
  throw new HttpError(422, { detail: toDetails(issues, location, input) })
}

/** Reads a JSON body: 422 `json_invalid` when it is not JSON, `missing` when it is empty. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text()
  if (text.trim() === '') {
    throw new HttpError(422, {
      detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }],
    })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new HttpError(422, {
      detail: [
        {
          loc: ['body', 0],
          msg: `JSON decode error: ${error instanceof Error ? error.message : String(error)}`,
          type: 'json_invalid',
        },
      ],
    })
  }
}

/** Reads and validates a JSON body. */
export async function jsonBody<T>(
  request: Request,
  schema: Schema<T>,
  options?: ValidateOptions,
): Promise<T> {
  return validate(schema, await readJson(request), 'body', options)
}

/**
 * Reads a multipart (or urlencoded) form into a plain object: one value per field, or an array
 * when a field repeats (several `audio_files`). A body that is not a form reads as empty, so
 * every required field is reported missing, as FastAPI does.
 */
export async function readForm(request: Request): Promise<Record<string, unknown>> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    return {}
  }
  const fields: Record<string, unknown> = {}
  for (const name of new Set(form.keys())) {
    const values = form.getAll(name)
    fields[name] = values.length === 1 ? values[0] : values
  }
  return fields
}

/** Reads and validates a multipart form. */
export async function formBody<T>(
  request: Request,
  schema: Schema<T>,
  options?: ValidateOptions,
): Promise<T> {
  return validate(schema, await readForm(request), 'body', options)
}

/** Validates the query string (first value of each parameter). */
export function queryParams<T>(request: Request, schema: Schema<T>): T {
  const params = new URL(request.url).searchParams
  const query: Record<string, string> = {}
  for (const [name, value] of params) if (!(name in query)) query[name] = value
  return validate(schema, query, 'query')
}

/** An integer path parameter, or 422 `int_parsing` as FastAPI reports it. */
export function intParam(params: Record<string, string>, name: string): number {
  const text = params[name] ?? ''
  if (!/^[+-]?\d+$/.test(text)) {
    throw new HttpError(422, {
      detail: [
        {
          loc: ['path', name],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          type: 'int_parsing',
          input: text,
        },
      ],
    })
  }
  return Number(text)
}

/** Whether an issue is about one of the top-level `fields` (and not an unknown key). */
export const isAbout = (issue: Issue, ...fields: string[]): boolean =>
  issue.code !== 'unrecognized_keys' &&
  typeof issue.path[0] === 'string' &&
  fields.includes(issue.path[0])
