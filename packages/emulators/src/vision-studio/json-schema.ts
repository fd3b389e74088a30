/**
 * A small JSON Schema validator for the schemas of the Vision Studio API document, reporting
 * what FastAPI would: pydantic v2 errors `{type, loc, msg, input}` in pydantic's words.
 *
 * It covers the keywords the document uses (and a few it may grow into): `type` (`integer`
 * apart from `number`, `null`), `properties`/`required`/`additionalProperties`, `enum`/`const`,
 * `minLength`/`maxLength`/`pattern`, `minimum`/`maximum`/`exclusiveMinimum`/
 * `exclusiveMaximum`/`multipleOf`, `items`/`minItems`/`maxItems`/`uniqueItems`,
 * `anyOf`/`oneOf`/`allOf`, `$ref` into the document's components, `default`, `format: uri`
 * and `format: binary` (a file part of a multipart form).
 *
 * Like pydantic's lax mode on a parsed JSON body: `"5"` is an integer, `1` a number, `"true"`
 * a boolean; a number is never a string. Values come back with defaults filled in and text
 * coerced, so the emulator acts on what the server would have seen.
 *
 * Deviation kept on purpose: an object whose schema does not say `additionalProperties`
 * refuses unknown keys (`extra_forbidden`), where FastAPI would drop them, so a typo in a
 * test's body fails loudly instead of being ignored.
 *
 * No `eval`, no `new Function`, no Node API: this runs in edge runtimes.
 */
import { floatRepr, type PydanticError } from '../sidecar/pydantic'
import type { JsonSchema } from './document-types'

export type Loc = (string | number)[]
export type SchemaIssue = PydanticError

export interface JsonSchemaOptions {
  /** The schemas `#/components/schemas/{name}` (or `#/$defs/{name}`) points at. */
  components: Readonly<Record<string, JsonSchema>>
  /** Refuse keys an object schema does not list when it says nothing of them. Default true. */
  forbidUnknown?: boolean
}

export type Validated = { ok: true; value: unknown } | { ok: false; issues: SchemaIssue[] }

const TRUE_WORDS = new Set(['1', 'on', 't', 'true', 'y', 'yes'])
const FALSE_WORDS = new Set(['0', 'off', 'f', 'false', 'n', 'no'])

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Blob)

const fail = (issue: SchemaIssue): Validated => ({ ok: false, issues: [issue] })

/** A Python literal's `repr` as pydantic prints expected values: `'a'`, `8`, `True`. */
const literalRepr = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value}'`
    : typeof value === 'boolean'
      ? value
        ? 'True'
        : 'False'
      : value === null
        ? 'None'
        : String(value)

/**
 * Whether `text` is a URL a server reads the way it was written: absolute, `http` or `https`,
 * with a host, no spaces or non-ASCII characters (which servers encode or split in their own
 * ways) and at most one `#`.
 */
export function urlProblem(text: string): SchemaIssue['type'] | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\s\u0000-\u001f\u007f]/.test(text) || /[^\x20-\x7e]/.test(text)) return 'url_parsing'
  if (text.split('#').length > 2) return 'url_parsing'
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'url_parsing'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url_scheme'
  if (url.hostname === '') return 'url_parsing'
  return undefined
}

const URL_MESSAGES: Record<string, (text: string) => string> = {
  url_parsing: (text) =>
    /^[a-z][a-z0-9+.-]*:/i.test(text)
      ? 'Input should be a valid URL, invalid characters or structure'
      : 'Input should be a valid URL, relative URL without a base',
  url_scheme: () => "URL scheme should be 'http' or 'https'",
}

export class JsonSchemaValidator {
  private readonly components: Readonly<Record<string, JsonSchema>>
  private readonly forbidUnknown: boolean

  constructor(options: JsonSchemaOptions) {
    this.components = options.components
    this.forbidUnknown = options.forbidUnknown ?? true
  }

  /** Validates `input` against `schema`; every issue's `loc` starts with `loc`. */
  validate(schema: JsonSchema, input: unknown, loc: Loc = []): Validated {
    return this.check(schema, input, loc)
  }

  /** The schema a `$ref` names (with the keywords beside the `$ref` applied over it). */
  resolve(schema: JsonSchema): JsonSchema {
    let current = schema
    for (let depth = 0; typeof current.$ref === 'string'; depth++) {
      if (depth > 32) throw new Error(`$ref loop at ${String(schema.$ref)}`)
      const name = current.$ref.split('/').at(-1)!
      const target = this.components[name]
      if (!target) throw new Error(`no component ${name} for ${current.$ref}`)
      const { $ref: _, ...siblings } = current
      current = { ...target, ...siblings }
    }
    return current
  }

  private check(raw: JsonSchema, input: unknown, loc: Loc): Validated {
    const schema = this.resolve(raw)
    if (Array.isArray(schema.allOf)) {
      let value = input
      for (const part of schema.allOf as JsonSchema[]) {
        const result = this.check(part, value, loc)
        if (!result.ok) return result
        value = result.value
      }
      const { allOf: _, ...rest } = schema
      return Object.keys(rest).length > 0 ? this.check(rest, value, loc) : { ok: true, value }
    }
    const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined
    if (Array.isArray(union)) return this.checkUnion(union, input, loc)
    if ('const' in schema) return this.checkConst(schema, input, loc)
    if (Array.isArray(schema.enum)) return this.checkEnum(schema, input, loc)
    const type = schema.type
    if (Array.isArray(type)) {
      return this.checkUnion(
        type.map((one) => ({ ...schema, type: one })),
        input,
        loc,
      )
    }
    switch (type) {
      case 'string':
        return schema.format === 'binary'
          ? this.checkFile(input, loc)
          : this.checkString(schema, input, loc)
      case 'integer':
      case 'number':
        return this.checkNumber(schema, type, input, loc)
      case 'boolean':
        return this.checkBoolean(input, loc)
      case 'null':
        return input === null
          ? { ok: true, value: null }
          : fail({ type: 'none_required', loc, msg: 'Input should be None', input })
      case 'array':
        return this.checkArray(schema, input, loc)
      case 'object':
        return this.checkObject(schema, input, loc)
      default:
        if (schema.properties) return this.checkObject(schema, input, loc)
        return { ok: true, value: input }
    }
  }

  /**
   * `X | None` behaves as `X` (pydantic reports `X`'s errors at the field itself); a union of
   * several types takes the first that fits, or reports every member's errors under a tag
   * naming the member, as pydantic does (`['body', 'seed', 'int']`).
   */
  private checkUnion(members: JsonSchema[], input: unknown, loc: Loc): Validated {
    const resolved = members.map((member) => this.resolve(member))
    const nullable = resolved.some((member) => member.type === 'null')
    const others = resolved.filter((member) => member.type !== 'null')
    if (input === null && nullable) return { ok: true, value: null }
    if (others.length === 1) return this.check(others[0]!, input, loc)
    const issues: SchemaIssue[] = []
    for (const [index, member] of others.entries()) {
      const result = this.check(member, input, [...loc, this.tag(members[index]!, member)])
      if (result.ok) return result
      issues.push(...result.issues)
    }
    if (nullable) {
      issues.push({
        type: 'none_required',
        loc: [...loc, 'none'],
        msg: 'Input should be None',
        input,
      })
    }
    return { ok: false, issues }
  }

  /** pydantic's name for a union member in `loc`: `str`, `int`, `list[str]`, a model's name. */
  private tag(original: JsonSchema, schema: JsonSchema): string {
    if (typeof original.$ref === 'string') return original.$ref.split('/').at(-1)!
    switch (schema.type) {
      case 'string':
        return schema.format === 'uri' ? 'url' : 'str'
      case 'integer':
        return 'int'
      case 'number':
        return 'float'
      case 'boolean':
        return 'bool'
      case 'array':
        return `list[${schema.items ? this.tag(schema.items as JsonSchema, this.resolve(schema.items as JsonSchema)) : 'any'}]`
      case 'object':
        return schema.properties ? 'model' : 'dict[str,any]'
      default:
        return 'any'
    }
  }

  private checkConst(schema: JsonSchema, input: unknown, loc: Loc): Validated {
    const expected = schema.const
    const coerced =
      typeof expected === 'number' ? this.checkNumber({}, 'number', input, loc) : undefined
    const value = coerced?.ok ? coerced.value : input
    if (value === expected) return { ok: true, value }
    const text = literalRepr(expected)
    return fail({
      type: 'literal_error',
      loc,
      msg: `Input should be ${text}`,
      input,
      ctx: { expected: text },
    })
  }

  /**
   * An inline `enum` is how pydantic writes a `Literal[...]` (a Python `Enum` class would be a
   * `$ref` to a component), so a value outside it is a `literal_error`, worded as pydantic
   * lists literals: `'a', 'b' or 'c'`, `5 or 10`.
   */
  private checkEnum(schema: JsonSchema, input: unknown, loc: Loc): Validated {
    const values = schema.enum as unknown[]
    const numeric = values.every((value) => typeof value === 'number')
    const coerced = numeric ? this.checkNumber({}, 'number', input, loc) : undefined
    const value = coerced?.ok ? coerced.value : input
    if (values.includes(value)) return { ok: true, value }
    const reprs = values.map(literalRepr)
    const expected =
      reprs.length <= 1 ? reprs.join('') : `${reprs.slice(0, -1).join(', ')} or ${reprs.at(-1)}`
    return fail({
      type: 'literal_error',
      loc,
      msg: `Input should be ${expected}`,
      input,
      ctx: { expected },
    })
  }

  private checkFile(input: unknown, loc: Loc): Validated {
    if (input instanceof Blob) return { ok: true, value: input }
    return fail({
      type: 'value_error',
      loc,
      msg: `Value error, Expected UploadFile, received: <class '${typeof input === 'string' ? 'str' : 'NoneType'}'>`,
      input,
    })
  }

  private checkString(schema: JsonSchema, input: unknown, loc: Loc): Validated {
    if (typeof input !== 'string') {
      return fail({ type: 'string_type', loc, msg: 'Input should be a valid string', input })
    }
    const length = [...input].length
    const min = schema.minLength as number | undefined
    const max = schema.maxLength as number | undefined
    if (min !== undefined && length < min) {
      return fail({
        type: schema.format === 'uri' ? 'url_too_short' : 'string_too_short',
        loc,
        msg:
          schema.format === 'uri'
            ? `URL should have at least ${plural(min, 'character')}`
            : `String should have at least ${plural(min, 'character')}`,
        input,
        ctx: { min_length: min },
      })
    }
    if (max !== undefined && length > max) {
      return fail({
        type: schema.format === 'uri' ? 'url_too_long' : 'string_too_long',
        loc,
        msg:
          schema.format === 'uri'
            ? `URL should have at most ${plural(max, 'character')}`
            : `String should have at most ${plural(max, 'character')}`,
        input,
        ctx: { max_length: max },
      })
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(input)) {
      return fail({
        type: 'string_pattern_mismatch',
        loc,
        msg: `String should match pattern '${schema.pattern}'`,
        input,
        ctx: { pattern: schema.pattern },
      })
    }
    if (schema.format === 'uri') {
      const problem = urlProblem(input)
      if (problem) {
        return fail({
          type: problem,
          loc,
          msg: URL_MESSAGES[problem]!(input),
          input,
          ...(problem === 'url_scheme' ? { ctx: { expected_schemes: "'http' or 'https'" } } : {}),
        })
      }
    }
    return { ok: true, value: input }
  }

  private checkNumber(
    schema: JsonSchema,
    type: 'integer' | 'number',
    input: unknown,
    loc: Loc,
  ): Validated {
    let value: number
    if (typeof input === 'boolean') value = input ? 1 : 0
    else if (typeof input === 'number') value = input
    else if (typeof input === 'string') {
      const text = input.trim()
      if (
        type === 'integer' ? !/^[+-]?\d+$/.test(text) : text === '' || Number.isNaN(Number(text))
      ) {
        return fail(
          type === 'integer'
            ? {
                type: 'int_parsing',
                loc,
                msg: 'Input should be a valid integer, unable to parse string as an integer',
                input,
              }
            : {
                type: 'float_parsing',
                loc,
                msg: 'Input should be a valid number, unable to parse string as a number',
                input,
              },
        )
      }
      value = Number(text)
    } else {
      return fail(
        type === 'integer'
          ? { type: 'int_type', loc, msg: 'Input should be a valid integer', input }
          : { type: 'float_type', loc, msg: 'Input should be a valid number', input },
      )
    }
    if (!Number.isFinite(value)) {
      return fail({ type: 'finite_number', loc, msg: 'Input should be a finite number', input })
    }
    if (type === 'integer' && !Number.isInteger(value)) {
      return fail({
        type: 'int_from_float',
        loc,
        msg: 'Input should be a valid integer, got a number with a fractional part',
        input,
      })
    }
    const repr = (bound: number) => (type === 'number' ? floatRepr(bound) : String(bound))
    const rules: [keyword: string, ok: (bound: number) => boolean, kind: string, words: string][] =
      [
        ['exclusiveMinimum', (bound) => value > bound, 'greater_than', 'greater than'],
        ['minimum', (bound) => value >= bound, 'greater_than_equal', 'greater than or equal to'],
        ['exclusiveMaximum', (bound) => value < bound, 'less_than', 'less than'],
        ['maximum', (bound) => value <= bound, 'less_than_equal', 'less than or equal to'],
      ]
    const ctxKeys: Record<string, string> = {
      greater_than: 'gt',
      greater_than_equal: 'ge',
      less_than: 'lt',
      less_than_equal: 'le',
    }
    for (const [keyword, ok, kind, words] of rules) {
      const bound = schema[keyword]
      if (typeof bound === 'number' && !ok(bound)) {
        return fail({
          type: kind,
          loc,
          msg: `Input should be ${words} ${repr(bound)}`,
          input,
          ctx: { [ctxKeys[kind]!]: bound },
        })
      }
    }
    const step = schema.multipleOf
    if (typeof step === 'number' && Math.abs(value / step - Math.round(value / step)) > 1e-9) {
      return fail({
        type: 'multiple_of',
        loc,
        msg: `Input should be a multiple of ${repr(step)}`,
        input,
        ctx: { multiple_of: step },
      })
    }
    return { ok: true, value }
  }

  private checkBoolean(input: unknown, loc: Loc): Validated {
    if (typeof input === 'boolean') return { ok: true, value: input }
    const word =
      typeof input === 'string'
        ? input.trim().toLowerCase()
        : typeof input === 'number'
          ? String(input)
          : undefined
    if (word !== undefined && TRUE_WORDS.has(word)) return { ok: true, value: true }
    if (word !== undefined && FALSE_WORDS.has(word)) return { ok: true, value: false }
    return word === undefined
      ? fail({ type: 'bool_type', loc, msg: 'Input should be a valid boolean', input })
      : fail({
          type: 'bool_parsing',
          loc,
          msg: 'Input should be a valid boolean, unable to interpret input',
          input,
        })
  }

  private checkArray(schema: JsonSchema, input: unknown, loc: Loc): Validated {
    if (!Array.isArray(input)) {
      return fail({ type: 'list_type', loc, msg: 'Input should be a valid list', input })
    }
    const min = schema.minItems as number | undefined
    const max = schema.maxItems as number | undefined
    if (min !== undefined && input.length < min) {
      return fail({
        type: 'too_short',
        loc,
        msg: `List should have at least ${plural(min, 'item')} after validation, not ${input.length}`,
        input,
        ctx: { field_type: 'List', min_length: min, actual_length: input.length },
      })
    }
    if (max !== undefined && input.length > max) {
      return fail({
        type: 'too_long',
        loc,
        msg: `List should have at most ${plural(max, 'item')} after validation, not ${input.length}`,
        input,
        ctx: { field_type: 'List', max_length: max, actual_length: input.length },
      })
    }
    const values: unknown[] = []
    const issues: SchemaIssue[] = []
    const items = schema.items as JsonSchema | undefined
    for (const [index, item] of input.entries()) {
      const result = items
        ? this.check(items, item, [...loc, index])
        : { ok: true as const, value: item }
      if (result.ok) values.push(result.value)
      else issues.push(...result.issues)
    }
    if (issues.length > 0) return { ok: false, issues }
    if (schema.uniqueItems === true) {
      const seen = new Set(values.map((value) => JSON.stringify(value)))
      if (seen.size !== values.length) {
        return fail({
          type: 'set_type',
          loc,
          msg: 'List should have unique items',
          input,
        })
      }
    }
    return { ok: true, value: values }
  }

  private checkObject(schema: JsonSchema, input: unknown, loc: Loc): Validated {
    const properties = schema.properties as Record<string, JsonSchema> | undefined
    if (!isObject(input)) {
      return properties
        ? fail({
            type: 'model_attributes_type',
            loc,
            msg: 'Input should be a valid dictionary or object to extract fields from',
            input,
          })
        : fail({ type: 'dict_type', loc, msg: 'Input should be a valid dictionary', input })
    }
    if (!properties) return { ok: true, value: input }
    const required = new Set((schema.required as string[] | undefined) ?? [])
    const value: Record<string, unknown> = {}
    const issues: SchemaIssue[] = []
    for (const [name, property] of Object.entries(properties)) {
      if (input[name] === undefined) {
        if (required.has(name)) {
          issues.push({ type: 'missing', loc: [...loc, name], msg: 'Field required', input })
        } else {
          const fallback = this.resolve(property).default
          if (fallback !== undefined) value[name] = structuredCloneJson(fallback)
        }
        continue
      }
      const result = this.check(property, input[name], [...loc, name])
      if (result.ok) value[name] = result.value
      else issues.push(...result.issues)
    }
    const extra = schema.additionalProperties
    for (const [name, child] of Object.entries(input)) {
      if (name in properties || child === undefined) continue
      if (extra === true || (extra === undefined && !this.forbidUnknown)) value[name] = child
      else if (isObject(extra)) {
        const result = this.check(extra as JsonSchema, child, [...loc, name])
        if (result.ok) value[name] = result.value
        else issues.push(...result.issues)
      } else {
        issues.push({
          type: 'extra_forbidden',
          loc: [...loc, name],
          msg: 'Extra inputs are not permitted',
          input: child,
        })
      }
    }
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value }
  }
}

/** A copy of a JSON default, so answers never share (and change) the document's values. */
const structuredCloneJson = (value: unknown): unknown =>
  value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value
