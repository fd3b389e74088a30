/**
 * A small re-implementation of the pydantic v2 behaviour the Silly Media server relies on:
 * models described as data (field types, constraints, defaults), validated in lax "python" mode
 * the way FastAPI validates a parsed JSON body, with errors worded and shaped exactly as
 * pydantic writes them (`{type, loc, msg, input, ctx?}`).
 *
 * What pydantic does that matters to clients, and is done here too:
 * - unknown fields are ignored (pydantic's default `extra="ignore"`);
 * - lax coercion: `"5"` and `5.0` are accepted for an `int`, `1`/`"true"`/`"yes"` for a
 *   `bool`, an `int` for a `float`; a number is never accepted for a `str`;
 * - `Annotated[int, Field(default=None)] = None` is a plain `int` with a `None` default: an
 *   explicit `null` is rejected (`int_type`), only leaving the field out gives `None`;
 * - every field is checked and every problem reported, in field order.
 */

/** A Python `float` value: serialised with a decimal point (`2.0`), as `json.dumps` writes it. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** The `repr` of a Python float: `2.0`, `0.5`, `1e-05`. */
export function floatRepr(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`
  return String(value)
}

/**
 * JSON as Python's `json.dumps(..., separators=(",", ":"))` writes it (what FastAPI's
 * `JSONResponse` sends): compact, `PyFloat` with a decimal point, and `BigInt` as digits.
 */
export function pyJson(value: unknown): string {
  if (value instanceof PyFloat) return floatRepr(value.value)
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return pyJson((value as { toJSON(): unknown }).toJSON())
  }
  if (typeof value === 'bigint') return value.toString()
  if (value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(pyJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const parts: string[] = []
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue
      parts.push(`${JSON.stringify(key)}:${pyJson(item)}`)
    }
    return `{${parts.join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Python's `json.dumps` default spacing (`", "` and `": "`), for bodies written with it. */
export function pyJsonSpaced(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pyJsonSpaced).join(', ')}]`
  if (value !== null && typeof value === 'object' && !(value instanceof PyFloat)) {
    const parts = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pyJsonSpaced(item)}`)
    return `{${parts.join(', ')}}`
  }
  return pyJson(value)
}

/** The `repr` of a Python string (single quotes unless the text holds one and no double). */
export function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const body = text
    .replaceAll('\\', '\\\\')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
    .replaceAll('\t', '\\t')
  return quote + (quote === "'" ? body.replaceAll("'", "\\'") : body) + quote
}

/** The `repr` of a Python list of strings: `['a', 'b']`. */
export const listRepr = (items: readonly string[]): string => `[${items.map(strRepr).join(', ')}]`

/** Python's `round()`: half to even. */
export function pyRound(value: number): number {
  const floor = Math.floor(value)
  const diff = value - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

export type FieldType =
  | { kind: 'str'; minLength?: number; maxLength?: number; pattern?: string }
  | { kind: 'int'; ge?: number; le?: number; gt?: number }
  | { kind: 'float'; ge?: number; le?: number; gt?: number }
  | { kind: 'bool' }
  /** A `str` Enum (error type `enum`). */
  | { kind: 'enum'; values: readonly string[] }
  /** A `Literal[...]` (error type `literal_error`). */
  | { kind: 'literal'; values: readonly string[] }
  | { kind: 'list'; item: FieldType; maxLength?: number }
  | { kind: 'dict' }
  | { kind: 'model'; model: ModelSchema }

export interface FieldSpec {
  type: FieldType
  /** `X | None`: an explicit `null` is accepted. */
  nullable?: boolean
  /** Absent: the field is required. A function is a `default_factory`. */
  default?: unknown
}

export interface ModelSchema {
  /** The pydantic class name (used in error texts). */
  name: string
  fields: Record<string, FieldSpec>
}

export const str = (constraints: Omit<Extract<FieldType, { kind: 'str' }>, 'kind'> = {}) =>
  ({ kind: 'str', ...constraints }) as const
export const int = (constraints: Omit<Extract<FieldType, { kind: 'int' }>, 'kind'> = {}) =>
  ({ kind: 'int', ...constraints }) as const
export const float = (constraints: Omit<Extract<FieldType, { kind: 'float' }>, 'kind'> = {}) =>
  ({ kind: 'float', ...constraints }) as const
export const bool = { kind: 'bool' } as const
export const enumOf = (values: readonly string[]) => ({ kind: 'enum', values }) as const
export const literal = (values: readonly string[]) => ({ kind: 'literal', values }) as const
export const listOf = (item: FieldType, maxLength?: number): FieldType =>
  maxLength === undefined ? { kind: 'list', item } : { kind: 'list', item, maxLength }
export const modelOf = (model: ModelSchema): FieldType => ({ kind: 'model', model })
export const dict: FieldType = { kind: 'dict' }

/** A required field. */
export const required = (type: FieldType, nullable = false): FieldSpec => ({ type, nullable })
/** A field with a default (`nullable` for `X | None`). */
export const optional = (type: FieldType, defaultValue: unknown, nullable = false): FieldSpec => ({
  type,
  nullable,
  default: defaultValue,
})

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export type Loc = (string | number)[]

/** One pydantic error, as `ValidationError.errors(include_url=False)` lists it. */
export interface PydanticError {
  type: string
  loc: Loc
  msg: string
  input: unknown
  ctx?: Record<string, unknown>
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/** `'a', 'b' or 'c'`, the way pydantic lists expected values. */
export function expectedList(values: readonly string[]): string {
  const quoted = values.map((value) => `'${value}'`)
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`
}

const bound = (kind: 'int' | 'float', value: number): { text: string; ctx: unknown } =>
  kind === 'float'
    ? { text: floatRepr(value), ctx: new PyFloat(value) }
    : { text: String(value), ctx: value }

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes'])
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no'])

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

type Result = { ok: true; value: unknown } | { ok: false; errors: PydanticError[] }

const fail = (error: PydanticError): Result => ({ ok: false, errors: [error] })

function checkNumber(
  type: Extract<FieldType, { kind: 'int' | 'float' }>,
  value: number,
  loc: Loc,
): Result {
  if (type.gt !== undefined && !(value > type.gt)) {
    const { text, ctx } = bound(type.kind, type.gt)
    return fail({
      type: 'greater_than',
      loc,
      msg: `Input should be greater than ${text}`,
      input: value,
      ctx: { gt: ctx },
    })
  }
  if (type.ge !== undefined && !(value >= type.ge)) {
    const { text, ctx } = bound(type.kind, type.ge)
    return fail({
      type: 'greater_than_equal',
      loc,
      msg: `Input should be greater than or equal to ${text}`,
      input: value,
      ctx: { ge: ctx },
    })
  }
  if (type.le !== undefined && !(value <= type.le)) {
    const { text, ctx } = bound(type.kind, type.le)
    return fail({
      type: 'less_than_equal',
      loc,
      msg: `Input should be less than or equal to ${text}`,
      input: value,
      ctx: { le: ctx },
    })
  }
  return { ok: true, value }
}

function validateType(type: FieldType, input: unknown, loc: Loc): Result {
  switch (type.kind) {
    case 'str': {
      if (typeof input !== 'string') {
        return fail({ type: 'string_type', loc, msg: 'Input should be a valid string', input })
      }
      const length = [...input].length
      if (type.minLength !== undefined && length < type.minLength) {
        return fail({
          type: 'string_too_short',
          loc,
          msg: `String should have at least ${plural(type.minLength, 'character')}`,
          input,
          ctx: { min_length: type.minLength },
        })
      }
      if (type.maxLength !== undefined && length > type.maxLength) {
        return fail({
          type: 'string_too_long',
          loc,
          msg: `String should have at most ${plural(type.maxLength, 'character')}`,
          input,
          ctx: { max_length: type.maxLength },
        })
      }
      if (type.pattern !== undefined && !new RegExp(type.pattern, 'u').test(input)) {
        return fail({
          type: 'string_pattern_mismatch',
          loc,
          msg: `String should match pattern '${type.pattern}'`,
          input,
          ctx: { pattern: type.pattern },
        })
      }
      return { ok: true, value: input }
    }
    case 'int': {
      let value: number
      if (typeof input === 'boolean') value = input ? 1 : 0
      else if (typeof input === 'number') {
        if (!Number.isFinite(input)) {
          return fail({
            type: 'finite_number',
            loc,
            msg: 'Input should be a finite number',
            input,
          })
        }
        if (!Number.isInteger(input)) {
          return fail({
            type: 'int_from_float',
            loc,
            msg: 'Input should be a valid integer, got a number with a fractional part',
            input,
          })
        }
        value = input
      } else if (typeof input === 'string') {
        const text = input.trim()
        if (!/^[+-]?\d+$/.test(text)) {
          return fail({
            type: 'int_parsing',
            loc,
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input,
          })
        }
        value = Number(text)
      } else {
        return fail({ type: 'int_type', loc, msg: 'Input should be a valid integer', input })
      }
      return checkNumber(type, value, loc)
    }
    case 'float': {
      let value: number
      if (typeof input === 'boolean') value = input ? 1 : 0
      else if (typeof input === 'number') value = input
      else if (typeof input === 'string') {
        const text = input.trim()
        const parsed = text === '' ? Number.NaN : Number(text)
        if (Number.isNaN(parsed) || /^0[xob]/i.test(text)) {
          return fail({
            type: 'float_parsing',
            loc,
            msg: 'Input should be a valid number, unable to parse string as a number',
            input,
          })
        }
        value = parsed
      } else {
        return fail({ type: 'float_type', loc, msg: 'Input should be a valid number', input })
      }
      return checkNumber(type, value, loc)
    }
    case 'bool': {
      if (typeof input === 'boolean') return { ok: true, value: input }
      if (typeof input === 'number') {
        if (input === 0 || input === 1) return { ok: true, value: input === 1 }
        return fail({
          type: 'bool_parsing',
          loc,
          msg: 'Input should be a valid boolean, unable to interpret input',
          input,
        })
      }
      if (typeof input === 'string') {
        const word = input.trim().toLowerCase()
        if (TRUE_WORDS.has(word)) return { ok: true, value: true }
        if (FALSE_WORDS.has(word)) return { ok: true, value: false }
        return fail({
          type: 'bool_parsing',
          loc,
          msg: 'Input should be a valid boolean, unable to interpret input',
          input,
        })
      }
      return fail({ type: 'bool_type', loc, msg: 'Input should be a valid boolean', input })
    }
    case 'enum':
    case 'literal': {
      if (typeof input === 'string' && type.values.includes(input))
        return { ok: true, value: input }
      const expected = expectedList(type.values)
      return fail({
        type: type.kind === 'enum' ? 'enum' : 'literal_error',
        loc,
        msg: `Input should be ${expected}`,
        input,
        ctx: { expected },
      })
    }
    case 'list': {
      if (!Array.isArray(input)) {
        return fail({ type: 'list_type', loc, msg: 'Input should be a valid list', input })
      }
      if (type.maxLength !== undefined && input.length > type.maxLength) {
        return fail({
          type: 'too_long',
          loc,
          msg: `List should have at most ${plural(type.maxLength, 'item')} after validation, not ${input.length}`,
          input,
          ctx: { field_type: 'List', max_length: type.maxLength, actual_length: input.length },
        })
      }
      const values: unknown[] = []
      const errors: PydanticError[] = []
      input.forEach((item, index) => {
        const result = validateType(type.item, item, [...loc, index])
        if (result.ok) values.push(result.value)
        else errors.push(...result.errors)
      })
      return errors.length > 0 ? { ok: false, errors } : { ok: true, value: values }
    }
    case 'dict': {
      if (!isObject(input)) {
        return fail({ type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input })
      }
      return { ok: true, value: input }
    }
    case 'model':
      return validateModelAt(type.model, input, loc)
  }
}

function validateModelAt(model: ModelSchema, input: unknown, loc: Loc): Result {
  if (!isObject(input)) {
    // FastAPI validates with `from_attributes=True`, which words a non-object this way.
    return fail({
      type: 'model_attributes_type',
      loc,
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input,
    })
  }
  const value: Record<string, unknown> = {}
  const errors: PydanticError[] = []
  for (const [name, spec] of Object.entries(model.fields)) {
    const fieldLoc = [...loc, name]
    if (!(name in input) || input[name] === undefined) {
      if (!('default' in spec)) {
        errors.push({ type: 'missing', loc: fieldLoc, msg: 'Field required', input })
        continue
      }
      value[name] = typeof spec.default === 'function' ? spec.default() : spec.default
      continue
    }
    const raw = input[name]
    if (raw === null && spec.nullable) {
      value[name] = null
      continue
    }
    const result = validateType(spec.type, raw, fieldLoc)
    if (result.ok) value[name] = result.value
    else errors.push(...result.errors)
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value }
}

/** Validates `input` against `model`; `loc` prefixes every error location. */
export function validateModel<T = Record<string, unknown>>(
  model: ModelSchema,
  input: unknown,
  loc: Loc = [],
): { ok: true; value: T } | { ok: false; errors: PydanticError[] } {
  const result = validateModelAt(model, input, loc)
  return result.ok ? { ok: true, value: result.value as T } : result
}

/** Validates one value against a field spec (a FastAPI form, query or path parameter). */
export function validateField(
  spec: FieldSpec,
  input: unknown,
  loc: Loc,
): { ok: true; value: unknown } | { ok: false; errors: PydanticError[] } {
  if (input === undefined) {
    if ('default' in spec) {
      return { ok: true, value: typeof spec.default === 'function' ? spec.default() : spec.default }
    }
    return { ok: false, errors: [{ type: 'missing', loc, msg: 'Field required', input: null }] }
  }
  if (input === null && spec.nullable) return { ok: true, value: null }
  return validateType(spec.type, input, loc)
}

const shortRepr = (value: unknown): string => {
  if (typeof value === 'string') {
    const text = strRepr(value)
    return text.length > 50 ? `${text.slice(0, 24)}...${text.slice(-24)}` : text
  }
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') return String(value)
  return JSON.stringify(value)
}

const pyTypeName = (value: unknown): string => {
  if (typeof value === 'string') return 'str'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float'
  if (value === null || value === undefined) return 'NoneType'
  if (Array.isArray(value)) return 'list'
  return 'dict'
}

/**
 * `str(ValidationError)`: what the server puts in a `detail` when it catches a validation
 * error raised while building a model by hand (the link to pydantic's docs is left out).
 */
export function validationErrorText(model: string, errors: readonly PydanticError[]): string {
  const lines = [`${errors.length} validation error${errors.length === 1 ? '' : 's'} for ${model}`]
  for (const error of errors) {
    lines.push(error.loc.join('.'))
    lines.push(
      `  ${error.msg} [type=${error.type}, input_value=${shortRepr(error.input)}, input_type=${pyTypeName(error.input)}]`,
    )
  }
  return lines.join('\n')
}
