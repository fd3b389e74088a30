/**
 * How FastAPI turns a request into route arguments, and what it answers when it cannot: path,
 * query, JSON-body and form parameters validated with `./pydantic`, every problem collected
 * (path first, then query, then body) into one 422 whose entries are located as FastAPI
 * locates them (`["body", "width"]`, `["query", "limit"]`, `["path", "audio_index"]`).
 *
 * FastAPI details kept:
 * - a JSON body is read as JSON when the content type is JSON (or absent); any other content
 *   type hands the raw bytes to validation, which the server's validation handler reports
 *   with the body text as `input`;
 * - an empty body is `None` (a required body is then `missing` at `["body"]`);
 * - malformed JSON is `json_invalid` at `["body", <position>]` with `ctx.error`;
 * - an empty form value counts as absent; the last value of a repeated query or form field
 *   wins;
 * - a text value where an `UploadFile` is expected fails validation with an error the
 *   server's validation handler cannot serialise, so the client gets a plain 500.
 */
import {
  type FieldSpec,
  type ModelSchema,
  type PydanticError,
  validateField,
  validateModel,
} from './pydantic'
import { UncaughtError, ValidationFailure } from './responses'

/** One multipart/urlencoded field of a route. */
export type FormField =
  | { kind: 'value'; spec: FieldSpec }
  | { kind: 'file'; required: boolean }
  | { kind: 'files'; required: boolean }

export const formValue = (spec: FieldSpec): FormField => ({ kind: 'value', spec })
export const formFile = (required = true): FormField => ({ kind: 'file', required })
export const formFiles = (required = true): FormField => ({ kind: 'files', required })

export interface RouteParams {
  path?: Record<string, FieldSpec>
  query?: Record<string, FieldSpec>
  /** A JSON body validated as one pydantic model. */
  body?: ModelSchema
  /** A JSON body declared as a bare field (`request: dict | None = None`). */
  bodyField?: FieldSpec
  form?: Record<string, FormField>
}

export interface ParsedRequest {
  path: Record<string, unknown>
  query: Record<string, unknown>
  /** The validated body model, or the bare body field's value. */
  body: unknown
  form: Record<string, unknown>
}

/** The Python `json.JSONDecodeError` closest to a JavaScript `JSON.parse` failure. */
function jsonDecodeError(text: string, error: unknown): PydanticError {
  const message = error instanceof Error ? error.message : String(error)
  const position = /position (\d+)/.exec(message)
  const pos = position ? Number(position[1]) : text.length
  let reason = 'Expecting value'
  if (/after JSON/i.test(message)) reason = 'Extra data'
  else if (/property name/i.test(message))
    reason = 'Expecting property name enclosed in double quotes'
  else if (/control character/i.test(message)) reason = 'Invalid control character at'
  else if (/Unterminated string/i.test(message)) reason = 'Unterminated string starting at'
  else if (/Expected ',' or/i.test(message)) reason = "Expecting ',' delimiter"
  else if (/Expected ':'/i.test(message)) reason = "Expecting ':' delimiter"
  return {
    type: 'json_invalid',
    loc: ['body', pos],
    msg: 'JSON decode error',
    input: {},
    ctx: { error: reason },
  }
}

const isJsonType = (contentType: string | null): boolean => {
  if (contentType === null) return true
  const mime = contentType.split(';')[0]!.trim().toLowerCase()
  if (!mime.startsWith('application/')) return false
  const subtype = mime.slice('application/'.length)
  return subtype === 'json' || subtype.endsWith('+json')
}

/** The body as FastAPI hands it to validation: `undefined` (none), parsed JSON, or raw text. */
async function readBody(
  request: Request,
): Promise<
  { kind: 'none' } | { kind: 'value'; value: unknown } | { kind: 'error'; error: PydanticError }
> {
  const text = await request.text()
  if (text === '') return { kind: 'none' }
  if (!isJsonType(request.headers.get('content-type'))) {
    // Bytes reach validation; the server's handler swaps bytes for the decoded text.
    return { kind: 'value', value: new RawBody(text) }
  }
  try {
    return { kind: 'value', value: JSON.parse(text) }
  } catch (error) {
    return { kind: 'error', error: jsonDecodeError(text, error) }
  }
}

/** A non-JSON body: validation sees bytes, the error shows its text. */
class RawBody {
  constructor(readonly text: string) {}
}

async function readForm(request: Request): Promise<FormData | undefined> {
  const type = request.headers.get('content-type')?.toLowerCase() ?? ''
  if (
    !type.startsWith('multipart/form-data') &&
    !type.startsWith('application/x-www-form-urlencoded')
  ) {
    return undefined
  }
  try {
    return await request.formData()
  } catch {
    return undefined
  }
}

const isFile = (value: FormDataEntryValue): value is File => typeof value !== 'string'

/**
 * Parses and validates a request the way FastAPI does for a route with these parameters;
 * throws `ValidationFailure` (422) with every problem found.
 */
export async function parseRequest(
  request: Request,
  routeParams: Record<string, string>,
  params: RouteParams,
): Promise<ParsedRequest> {
  const errors: PydanticError[] = []
  const parsed: ParsedRequest = { path: {}, query: {}, body: undefined, form: {} }

  for (const [name, spec] of Object.entries(params.path ?? {})) {
    const result = validateField(spec, routeParams[name], ['path', name])
    if (result.ok) parsed.path[name] = result.value
    else errors.push(...result.errors)
  }

  if (params.query) {
    const search = new URL(request.url).searchParams
    for (const [name, spec] of Object.entries(params.query)) {
      const values = search.getAll(name)
      const result = validateField(spec, values.at(-1), ['query', name])
      if (result.ok) parsed.query[name] = result.value
      else errors.push(...result.errors)
    }
  }

  if (params.body || params.bodyField) {
    const body = await readBody(request)
    if (body.kind === 'error') errors.push(body.error)
    else if (params.body) {
      if (body.kind === 'none') {
        errors.push({ type: 'missing', loc: ['body'], msg: 'Field required', input: null })
      } else if (body.value instanceof RawBody) {
        // Bytes are no object: the model refuses them before looking at any field.
        errors.push({
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: body.value.text,
        })
      } else {
        const result = validateModel(params.body, body.value, ['body'])
        if (result.ok) parsed.body = result.value
        else errors.push(...result.errors)
      }
    } else if (params.bodyField) {
      const value = body.kind === 'none' ? undefined : body.value
      const result =
        value instanceof RawBody
          ? validateField(params.bodyField, value.text, ['body'])
          : validateField(params.bodyField, value, ['body'])
      if (result.ok) parsed.body = result.value
      else errors.push(...result.errors)
    }
  }

  if (params.form) {
    const form = await readForm(request)
    for (const [name, field] of Object.entries(params.form)) {
      const loc = ['body', name]
      const entries = (form?.getAll(name) ?? []).filter((value) => value !== '')
      if (field.kind === 'value') {
        const value = entries.at(-1)
        if (value !== undefined && isFile(value)) {
          throw new UncaughtError(`form field ${name} holds a file where text is expected`)
        }
        const result = validateField(field.spec, value, loc)
        if (result.ok) parsed.form[name] = result.value
        else errors.push(...result.errors)
        continue
      }
      if (entries.length === 0) {
        if (field.required)
          errors.push({ type: 'missing', loc, msg: 'Field required', input: null })
        else parsed.form[name] = null
        continue
      }
      if (!entries.every(isFile)) {
        // "Expected UploadFile, received: <class 'str'>": its ValueError ctx is not JSON.
        throw new UncaughtError(`form field ${name} holds text where a file is expected`)
      }
      parsed.form[name] = field.kind === 'file' ? entries.at(-1) : entries
    }
  }

  if (errors.length > 0) throw new ValidationFailure(errors)
  return parsed
}
