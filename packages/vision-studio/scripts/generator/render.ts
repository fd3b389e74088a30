/**
 * JSON Schema (the subset the document uses) → zod/mini code, a TypeScript type, and a doc
 * comment. Every call in the emitted code carries a `@__PURE__` annotation, so bundlers drop
 * the schemas a program does not use.
 *
 * The schemas carry no messages: zod/mini has none of its own, and the client words every issue
 * from its code and limits when it reports it (`issueMessage`), which keeps bundles small.
 */
import type { JsonSchema, SeedComponent } from './parse'

export interface Rendered {
  zod: string
  ts: string
}

/** How a component referenced with `$ref` is named in the emitted code. */
export interface ComponentNames {
  schema: string
  type: string
}

export const PURE = '/* @__PURE__ */ '
const call = (text: string) => `${PURE}${text}`

/** A single-quoted TypeScript string literal. */
export const quote = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`

export const literal = (value: unknown): string =>
  typeof value === 'string' ? quote(value) : JSON.stringify(value)

const KNOWN_KEYWORDS = new Set([
  'type',
  'title',
  'description',
  'default',
  'examples',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  '$ref',
  'enum',
  'const',
  'format',
  'items',
  'prefixItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minItems',
  'maxItems',
])

/** Numbers as the document means them (`4.0` → `4`). */
const number = (value: number) => String(value)

export class SchemaRenderer {
  readonly #components: ReadonlyMap<string, ComponentNames>
  /** Components referenced so far (for the import list). */
  readonly used = new Set<string>()
  /** Hand-written helpers referenced so far (`mediaInputSchema`). */
  readonly helpers = new Set<string>()

  constructor(components: ReadonlyMap<string, ComponentNames>) {
    this.#components = components
  }

  /** A property schema (or an array item, a union member). */
  render(schema: JsonSchema, where: string): Rendered {
    for (const key of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(key)) throw new Error(`${where}: unsupported keyword "${key}"`)
    }
    if (schema.$ref !== undefined) return this.#reference(schema.$ref, where)
    if (schema.anyOf) return this.#anyOf(schema.anyOf, where)
    if (schema.const !== undefined) {
      return {
        zod: call(`z.literal(${literal(schema.const)})`),
        ts: literal(schema.const),
      }
    }
    if (schema.enum) return this.#enum(schema, where)
    switch (schema.type) {
      case 'string':
        return this.#string(schema, where)
      case 'number':
      case 'integer':
        return this.#number(schema)
      case 'boolean':
        return { zod: call('z.boolean()'), ts: 'boolean' }
      case 'array':
        return this.#array(schema, where)
      case 'object':
        if (schema.properties) return this.object(schema, where)
        throw new Error(`${where}: object without properties`)
      default:
        throw new Error(`${where}: unsupported type ${JSON.stringify(schema.type)}`)
    }
  }

  /** A strict object: unknown fields are rejected (the client names them). */
  object(schema: JsonSchema, where: string, docs = true): Rendered {
    const required = new Set(schema.required ?? [])
    const zodFields: string[] = []
    const tsFields: string[] = []
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const rendered = this.render(property, `${where}.${name}`)
      const optional = !required.has(name)
      const key = /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name)
      const doc = docs ? propertyDoc(property) : ''
      zodFields.push(`${key}: ${optional ? call(`z.optional(${rendered.zod})`) : rendered.zod},`)
      tsFields.push(`${doc}${key}${optional ? '?' : ''}: ${rendered.ts}`)
    }
    for (const name of required) {
      if (!(name in (schema.properties ?? {})))
        throw new Error(`${where}: required "${name}" is not a property`)
    }
    return {
      zod: call(`z.strictObject({\n${zodFields.join('\n')}\n})`),
      ts: `{\n${tsFields.join('\n')}\n}`,
    }
  }

  #reference(ref: string, where: string): Rendered {
    const name = /^#\/components\/schemas\/(\w+)$/.exec(ref)?.[1]
    const names = name ? this.#components.get(name) : undefined
    if (!name || !names) throw new Error(`${where}: unresolved reference ${ref}`)
    this.used.add(name)
    return { zod: names.schema, ts: names.type }
  }

  #anyOf(variants: JsonSchema[], where: string): Rendered {
    const nullable = variants.some((variant) => variant.type === 'null')
    const others = variants.filter((variant) => variant.type !== 'null')
    if (others.length === 0) throw new Error(`${where}: anyOf of null only`)
    const rendered = others.map((variant, index) => this.render(variant, `${where}[${index}]`))
    const inner: Rendered =
      rendered.length === 1
        ? rendered[0]!
        : {
            zod: call(`z.union([${rendered.map((item) => item.zod).join(', ')}])`),
            ts: [...new Set(rendered.map((item) => item.ts))].join(' | '),
          }
    if (!nullable) return inner
    return { zod: call(`z.nullable(${inner.zod})`), ts: `${wrapUnion(inner.ts)} | null` }
  }

  #enum(schema: JsonSchema, where: string): Rendered {
    const values = schema.enum!
    if (values.every((value) => typeof value === 'string')) {
      if (schema.type !== undefined && schema.type !== 'string')
        throw new Error(`${where}: enum type mismatch`)
      return {
        zod: call(`z.enum([${values.map(literal).join(', ')}])`),
        ts: values.map(literal).join(' | '),
      }
    }
    if (values.every((value) => typeof value === 'number')) {
      return {
        zod: call(`z.literal([${values.map(literal).join(', ')}])`),
        ts: values.map(literal).join(' | '),
      }
    }
    throw new Error(`${where}: mixed enum`)
  }

  #string(schema: JsonSchema, where: string): Rendered {
    if (schema.format === 'binary') {
      this.helpers.add('mediaInputSchema')
      return { zod: 'mediaInputSchema', ts: 'MediaInput' }
    }
    if (schema.format !== undefined && schema.format !== 'uri') {
      throw new Error(`${where}: unsupported string format ${schema.format}`)
    }
    // URLs with `src/schemas/url.ts`'s stricter check (no spaces, ASCII, one `#` at most).
    const base = schema.format === 'uri' ? 'urlSchema' : 'z.string()'
    const checks: string[] = []
    if (schema.minLength !== undefined && !(schema.format === 'uri' && schema.minLength <= 1)) {
      checks.push(call(`z.minLength(${schema.minLength})`))
    }
    if (schema.maxLength !== undefined) {
      checks.push(call(`z.maxLength(${schema.maxLength})`))
    }
    return { zod: withChecks(base, checks), ts: 'string' }
  }

  #number(schema: JsonSchema): Rendered {
    const integer = schema.type === 'integer'
    const base = integer ? 'z.int()' : 'z.number()'
    const checks: string[] = []
    if (schema.minimum !== undefined) {
      checks.push(call(`z.gte(${number(schema.minimum)})`))
    }
    if (schema.exclusiveMinimum !== undefined) {
      checks.push(call(`z.gt(${number(schema.exclusiveMinimum)})`))
    }
    if (schema.maximum !== undefined) {
      checks.push(call(`z.lte(${number(schema.maximum)})`))
    }
    return { zod: withChecks(base, checks), ts: 'number' }
  }

  #array(schema: JsonSchema, where: string): Rendered {
    if (schema.prefixItems) {
      const items = schema.prefixItems.map((item, index) => this.render(item, `${where}[${index}]`))
      const length = items.length
      if ((schema.minItems ?? length) !== length || (schema.maxItems ?? length) !== length) {
        throw new Error(`${where}: tuple with a length range`)
      }
      return {
        zod: call(`z.tuple([${items.map((item) => item.zod).join(', ')}])`),
        ts: `[${items.map((item) => item.ts).join(', ')}]`,
      }
    }
    if (!schema.items) throw new Error(`${where}: array without items`)
    const item = this.render(schema.items, `${where}[]`)
    const checks: string[] = []
    if (schema.minItems !== undefined) {
      checks.push(call(`z.minLength(${schema.minItems})`))
    }
    if (schema.maxItems !== undefined) {
      checks.push(call(`z.maxLength(${schema.maxItems})`))
    }
    return {
      zod: withChecks(`z.array(${item.zod})`, checks),
      ts: `${wrapUnion(item.ts)}[]`,
    }
  }
}

// A bare schema constant (`urlSchema`) is no call: it takes no pure annotation.
const withChecks = (base: string, checks: string[]) =>
  checks.length
    ? call(`${base}.check(${checks.join(', ')})`)
    : base.includes('(')
      ? call(base)
      : base

const wrapUnion = (ts: string) => (ts.includes(' | ') || ts.includes('&') ? `(${ts})` : ts)

/** A JSDoc block: the lines given, escaped, or nothing when there are none. */
export function docBlock(lines: string[]): string {
  const clean = lines.flatMap((line) => wrap(line.replace(/\*\//g, '*\\/').trimEnd(), 92))
  while (clean.length > 0 && clean.at(-1) === '') clean.pop()
  if (clean.length === 0) return ''
  if (clean.length === 1) return `/** ${clean[0]} */\n`
  return `/**\n${clean.map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')}\n */\n`
}

/** Splits text into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  if (text.length <= width) return [text]
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines
}

/** A sentence with a capital and a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim()
  if (trimmed === '') return ''
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`
}

const examplesText = (values: unknown[]) =>
  values
    .slice(0, 3)
    .map((value) => `\`${JSON.stringify(value)}\``)
    .join(', ')

/** What a reader needs about one property: the document's description, rules, default, examples. */
export function propertyDoc(property: JsonSchema): string {
  const lines: string[] = []
  const description = property.description ?? property.title
  if (description) lines.push(sentence(description))
  const rules = ruleText(property)
  if (rules) lines.push(rules)
  if (property.examples?.length) lines.push(`Examples: ${examplesText(property.examples)}.`)
  if (property.default !== undefined) lines.push(`@default ${JSON.stringify(property.default)}`)
  return docBlock(lines)
}

/** The rules a schema states, in words (`3-1000 characters`, `1-4`, `a URL`, `nullable`). */
function ruleText(schema: JsonSchema): string {
  const parts: string[] = []
  const variants = schema.anyOf?.filter((variant) => variant.type !== 'null') ?? [schema]
  for (const variant of variants) {
    if (variant.format === 'uri') parts.push('A URL')
    if (variant.minLength !== undefined && variant.maxLength !== undefined) {
      parts.push(`${variant.minLength}-${variant.maxLength} characters`)
    } else if (variant.minLength !== undefined && variant.minLength > 1) {
      parts.push(`At least ${variant.minLength} characters`)
    } else if (variant.maxLength !== undefined) {
      parts.push(`At most ${variant.maxLength} characters`)
    }
    const min = variant.minimum ?? variant.exclusiveMinimum
    if (min !== undefined && variant.maximum !== undefined)
      parts.push(`Range ${min}-${variant.maximum}`)
    else if (variant.exclusiveMinimum !== undefined)
      parts.push(`Greater than ${variant.exclusiveMinimum}`)
    else if (variant.minimum !== undefined) parts.push(`At least ${variant.minimum}`)
    else if (variant.maximum !== undefined) parts.push(`At most ${variant.maximum}`)
    if (variant.maxItems !== undefined) parts.push(`At most ${variant.maxItems} items`)
  }
  if (schema.anyOf?.some((variant) => variant.type === 'null')) parts.push('May be null')
  return parts.length ? `${[...new Set(parts)].join('. ')}.` : ''
}

/** The JSON Schema of a component table's type column (`string`, `integer`, `string(uri)`, `Array<string>`, a component name). */
export function tableFieldSchema(
  type: string,
  seedComponents: ReadonlyMap<string, SeedComponent>,
  where: string,
): JsonSchema {
  switch (type) {
    case 'string':
      return { type: 'string' }
    case 'string(uri)':
      return { type: 'string', format: 'uri' }
    case 'integer':
      return { type: 'integer' }
    case 'number':
      return { type: 'number' }
    case 'boolean':
      return { type: 'boolean' }
    case 'Array<string>':
      return { type: 'array', items: { type: 'string' } }
    default:
      if (seedComponents.has(type)) return { $ref: `#/components/schemas/${type}` }
      throw new Error(`${where}: unsupported table type "${type}"`)
  }
}
