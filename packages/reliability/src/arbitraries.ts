/**
 * fast-check arbitraries derived from zod (and zod/mini) schemas by walking `schema._zod.def`:
 * valid values a schema must accept, and invalid ones (one field broken on purpose) paired with
 * the path of the field that was broken, so a test can check the ValidationError names it.
 *
 * The walk knows zod's structural rules (types, lengths, bounds, formats, enums, strict objects,
 * required keys). What a schema checks in code — cross-field rules such as "size or aspectRatio,
 * not both" — cannot be read from the definition, so they are restated with
 * `defineObjectRule` (`task-arbitraries.ts`, `client-arbitraries.ts`). An object with such a
 * check and no rule is filtered with itself and listed in `filteredObjects`, which the tests
 * require to stay empty. Opaque leaf refinements (`z.refine`, `z.custom`) are met by drawing
 * from a pool of plausible values and keeping the ones the leaf itself accepts; that keeps
 * generation honest at the level that matters (whole inputs).
 */
import { MediaFile, type StandardSchemaV1 } from '@atelier/core'
import { mediaInputSchema, runSchema } from '@atelier/core/driver'
import fc from 'fast-check'

/**
 * Multiplies the number of runs of every hostile-input property (`HOSTILE_INPUT_SCALE=10` for
 * a deeper search on a developer machine; CI runs the default, 1).
 */
export const RUN_SCALE = Math.max(1, Number(process.env.HOSTILE_INPUT_SCALE ?? 1) || 1)

/** The part of a zod schema this module reads: its definition, walked to generate values. */
export interface ZodSchemaLike extends StandardSchemaV1<unknown, unknown> {
  _zod: { def: ZodDef; optin?: 'optional'; optout?: 'optional' }
}

/** Whether `schema` accepts `value`. */
function accepts(schema: ZodSchemaLike, value: unknown): boolean {
  return runSchema(schema, value).issues === undefined
}

interface ZodDef {
  type: string
  checks?: ZodSchemaLike[]
  [key: string]: unknown
}

/** A value broken in one place, and the path of that place. */
export interface InvalidCase {
  value: unknown
  path: (string | number)[]
  /** What was broken, for failure messages: `wrong type`, `too long`, `unknown key`, ... */
  breakage: string
}

/**
 * A cross-field rule restated for generation: makes `value` (an object the structural walk
 * built) satisfy the rule. `spare` holds a valid value for every optional key, present or not,
 * so a rule can switch a field on; `pick` is a random number to choose between fields.
 */
export type ObjectRule = (
  value: Record<string, unknown>,
  spare: Record<string, unknown>,
  pick: number,
) => void

const objectRules = new Map<object, ObjectRule>()

/** Registers the code-checked rule of one object schema (a zod object, or a pipe around one). */
export function defineObjectRule(schema: unknown, rule: ObjectRule): void {
  objectRules.set(objectOf(schema as ZodSchemaLike), rule)
}

/**
 * Object schemas with a check in code that no rule restates: their valid values are filtered
 * with the schema itself. Tests assert the schemas they care about are not in this set.
 */
export const filteredObjects = new Set<object>()

function objectOf(schema: ZodSchemaLike): ZodSchemaLike {
  let node = schema
  while (node._zod.def.type === 'pipe') node = node._zod.def.in as ZodSchemaLike
  return node
}

/** Rule helpers. */
export const rules = {
  /** At most one of `fields` is present. */
  atMostOne:
    (fields: readonly string[]): ObjectRule =>
    (value, _spare, pick) => {
      const present = fields.filter((field) => value[field] !== undefined)
      const keep = present[pick % Math.max(present.length, 1)]
      for (const field of present) if (field !== keep) delete value[field]
    },
  /** Exactly one of `fields` is present. */
  exactlyOne:
    (fields: readonly string[]): ObjectRule =>
    (value, spare, pick) => {
      const keep = fields[pick % fields.length]!
      for (const field of fields) if (field !== keep) delete value[field]
      // `null` is "not given" for the nullable fields of these rules.
      value[keep] = value[keep] ?? spare[keep]
    },
  /** When `when(value)` holds, `field` is present. */
  requireWhen:
    (when: (value: Record<string, unknown>) => boolean, fields: readonly string[]): ObjectRule =>
    (value, spare, pick) => {
      if (!when(value) || fields.some((field) => value[field] !== undefined)) return
      const field = fields[pick % fields.length]!
      value[field] = spare[field]
    },
  /** When `when(value)` holds, `fields` are absent. */
  absentWhen:
    (when: (value: Record<string, unknown>) => boolean, fields: readonly string[]): ObjectRule =>
    (value) => {
      if (when(value)) for (const field of fields) delete value[field]
    },
  all:
    (...list: ObjectRule[]): ObjectRule =>
    (value, spare, pick) => {
      for (const rule of list) rule(value, spare, pick)
    },
}

// ---------------------------------------------------------------------------------------------
// Hostile but valid strings
// ---------------------------------------------------------------------------------------------

/** Strings that break naive code: prototype keys, NUL, control and bidi characters, emoji, path tricks. */
export const HOSTILE_STRINGS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  'a\u0000b',
  '\u202egnp.exe',
  '\ufeff',
  '😀',
  'e\u0301',
  '../../etc/passwd',
  '..',
  '.',
  '%2e%2e',
  '?x=1#y',
  ' ',
  '\r\n',
  // Quotes, a backtick and a template placeholder, joined so no tool reads it as a template.
  ['"\'`$', '{x}'].join(''),
  '<script>alert(1)</script>',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '1e309',
] as const

/** One character or a short hostile piece (NUL, bidi override, emoji, a ZWJ sequence). */
const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\u202e', 'é', '中', '\ufeff', '\u2028') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '👩‍👩‍👧') },
)

/** A string whose length in code points (what zod's length checks count) lies in [min, max]. */
function stringOfLength(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 40)
  const base = fc
    .array(hostileUnit, { minLength: min, maxLength: cap })
    .map((units) => units.join(''))
    .map((text) => fitLength(text, min, max))
  const hostile = fc
    .constantFrom(...HOSTILE_STRINGS)
    .filter((text) => codePoints(text) >= min && codePoints(text) <= max)
  // Occasionally a long one, where the schema allows it.
  const long =
    max >= 10_000 ? fc.integer({ min: 2_000, max: 20_000 }).map((n) => 'ab\u0000'.repeat(n)) : null
  const options = [
    { weight: 8, arbitrary: base },
    ...(HOSTILE_STRINGS.some((text) => codePoints(text) >= min && codePoints(text) <= max)
      ? [{ weight: 2, arbitrary: hostile }]
      : []),
    ...(long ? [{ weight: 1, arbitrary: long.map((text) => fitLength(text, min, max)) }] : []),
  ]
  return fc.oneof(...options)
}

function codePoints(text: string): number {
  return Array.from(text).length
}

function fitLength(text: string, min: number, max: number): string {
  const points = Array.from(text)
  let out = points.length > max ? points.slice(0, max).join('') : text
  for (let length = Math.min(points.length, max); length < min; length++) out += 'x'
  return out
}

// ---------------------------------------------------------------------------------------------
// Reading definitions
// ---------------------------------------------------------------------------------------------

interface StringRules {
  min: number
  max: number
  patterns: RegExp[]
  formats: string[]
  opaque: boolean
}

interface NumberRules {
  min: number
  max: number
  minExclusive: boolean
  maxExclusive: boolean
  integer: boolean
  multipleOf?: number
}

function checksOf(schema: ZodSchemaLike): ZodDef[] {
  const def = schema._zod.def
  const own = (def.checks ?? []).map((check) => check._zod.def)
  // z.int(), z.url() and friends are themselves checks: their def carries `check`/`format`.
  return typeof def.check === 'string' ? [def, ...own] : own
}

function stringRules(schema: ZodSchemaLike): StringRules {
  const rules: StringRules = {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    patterns: [],
    formats: [],
    opaque: false,
  }
  for (const check of checksOf(schema)) {
    switch (check.check) {
      case 'min_length':
        rules.min = Math.max(rules.min, check.minimum as number)
        break
      case 'max_length':
        rules.max = Math.min(rules.max, check.maximum as number)
        break
      case 'length_equals':
        rules.min = check.length as number
        rules.max = check.length as number
        break
      case 'string_format':
        if (check.format === 'regex') rules.patterns.push(check.pattern as RegExp)
        else rules.formats.push(check.format as string)
        break
      default:
        rules.opaque = true
    }
  }
  return rules
}

function numberRules(schema: ZodSchemaLike): NumberRules {
  const rules: NumberRules = {
    min: -1e9,
    max: 1e9,
    minExclusive: false,
    maxExclusive: false,
    integer: false,
  }
  let bounded = { min: false, max: false }
  for (const check of checksOf(schema)) {
    switch (check.check) {
      case 'greater_than':
        rules.min = check.value as number
        rules.minExclusive = check.inclusive === false
        bounded = { ...bounded, min: true }
        break
      case 'less_than':
        rules.max = check.value as number
        rules.maxExclusive = check.inclusive === false
        bounded = { ...bounded, max: true }
        break
      case 'multiple_of':
        rules.multipleOf = check.value as number
        break
      case 'number_format':
        rules.integer = true
        break
    }
  }
  return Object.assign(rules, { bounded })
}

function isOpaque(schema: ZodSchemaLike): boolean {
  return checksOf(schema).some((check) => check.check === 'custom')
}

/** JSON-ish kinds a schema accepts, for choosing wrong-type values; `any` when it cannot tell. */
type Kind = 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'object' | 'array' | 'any'

function kindsOf(schema: ZodSchemaLike): Set<Kind> {
  const def = schema._zod.def
  switch (def.type) {
    case 'string':
    case 'enum':
    case 'template_literal':
      return new Set(
        def.type === 'enum' &&
          Object.values(def.entries as object).some((v) => typeof v !== 'string')
          ? ['string', 'number']
          : ['string'],
      )
    case 'number':
    case 'int':
      return new Set(['number'])
    case 'boolean':
      return new Set(['boolean'])
    case 'null':
      return new Set(['null'])
    case 'undefined':
    case 'void':
      return new Set(['undefined'])
    case 'never':
      return new Set()
    case 'literal':
      return new Set(
        (def.values as unknown[]).map((value) =>
          value === null ? 'null' : value === undefined ? 'undefined' : (typeof value as Kind),
        ),
      )
    case 'object':
    case 'record':
      return new Set(['object'])
    case 'array':
    case 'tuple':
      return new Set(['array'])
    case 'optional':
      return new Set([...kindsOf(def.innerType as ZodSchemaLike), 'undefined'])
    case 'nullable':
      return new Set([...kindsOf(def.innerType as ZodSchemaLike), 'null'])
    case 'default':
    case 'prefault':
      return new Set([...kindsOf(def.innerType as ZodSchemaLike), 'undefined'])
    case 'readonly':
    case 'nonoptional':
      return kindsOf(def.innerType as ZodSchemaLike)
    case 'union': {
      const kinds = new Set<Kind>()
      for (const option of def.options as ZodSchemaLike[])
        for (const kind of kindsOf(option)) kinds.add(kind)
      return kinds
    }
    case 'pipe':
      return kindsOf(def.in as ZodSchemaLike)
    case 'lazy':
      return kindsOf((def.getter as () => ZodSchemaLike)())
    default:
      return new Set(['any'])
  }
}

function kindOfValue(value: unknown): Kind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as Kind
}

/** Values of every kind, to pick a wrong type from. `{}` is left out: an object schema would blame a missing key. */
const WRONG_TYPE_POOL: unknown[] = [42, -1.5, 'text', true, false, null, ['x'], [], 0]

function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` must become an own property, not the prototype.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

function cloneWith(
  source: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, child] of Object.entries(source)) defineOwn(out, name, child)
  if (value === undefined) delete out[key]
  else defineOwn(out, key, value)
  return out
}

// ---------------------------------------------------------------------------------------------
// Valid values
// ---------------------------------------------------------------------------------------------

const cache = new WeakMap<object, fc.Arbitrary<unknown>>()

/** Plausible values for opaque leaves (`z.custom`, `z.refine`), filtered by the leaf. */
const OPAQUE_POOL: unknown[] = [
  'https://media.example.com/a.png',
  'http://media.example.com/clip.mp4',
  'data:image/png;base64,iVBORw0KGgo=',
  'aGVsbG8gd29ybGQ=',
  'iVBORw0KGgo=',
  'a value',
  'task-1',
  1,
  3,
  7,
  0.5,
  true,
  { type: 'object', properties: {} },
  {},
]

/** Any media input the SDK takes: URL strings, data URLs, bytes, a Blob, a URL, a MediaFile. */
export const mediaInputArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'https://media.example.com/picture.png',
    'data:image/png;base64,iVBORw0KGgo=',
    'https://media.example.com/a%20b.png?sig=1#frag',
  ),
  fc.uint8Array({ minLength: 1, maxLength: 32 }),
  fc.uint8Array({ minLength: 1, maxLength: 32 }).map((bytes) => bytes.slice().buffer),
  fc
    .uint8Array({ minLength: 1, maxLength: 32 })
    .map((bytes) => new Blob([bytes.slice()], { type: 'image/png' })),
  fc.constant(new URL('https://media.example.com/u.png')),
  fc
    .uint8Array({ minLength: 1, maxLength: 32 })
    .map((bytes) => MediaFile.fromBytes(bytes, { mediaType: 'image/png' })),
)

/** Valid values of `schema`. */
export function validArbitrary(schema: ZodSchemaLike): fc.Arbitrary<unknown> {
  const cached = cache.get(schema)
  if (cached) return cached
  const built = buildValid(schema)
  cache.set(schema, built)
  return built
}

function buildValid(schema: ZodSchemaLike): fc.Arbitrary<unknown> {
  if (schema === (mediaInputSchema as unknown)) return mediaInputArbitrary
  const def = schema._zod.def
  switch (def.type) {
    case 'string':
      return validString(schema)
    case 'number':
    case 'int':
      return validNumber(schema)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'undefined':
    case 'void':
      return fc.constant(undefined)
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>))
    case 'unknown':
    case 'any':
      return fc.oneof(
        fc.jsonValue({ maxDepth: 2 }),
        fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
      )
    case 'optional':
      return fc.option(validArbitrary(def.innerType as ZodSchemaLike), { nil: undefined })
    case 'nullable':
      return fc.option(validArbitrary(def.innerType as ZodSchemaLike), { nil: null })
    case 'default':
    case 'prefault':
      return fc.option(validArbitrary(def.innerType as ZodSchemaLike), { nil: undefined })
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return validArbitrary(def.innerType as ZodSchemaLike)
    case 'lazy':
      return fc.constant(null).chain(() => validArbitrary((def.getter as () => ZodSchemaLike)()))
    case 'array':
      return validArray(schema)
    case 'tuple':
      return fc.tuple(...(def.items as ZodSchemaLike[]).map(validArbitrary))
    case 'record':
      return validRecord(schema)
    case 'object':
      return validObject(schema)
    case 'union':
      return fc.oneof(...(def.options as ZodSchemaLike[]).map(validArbitrary))
    case 'pipe': {
      // A caller passes what the input side takes. When the output side is a schema (not a
      // transform) its values usually pass the input side too, and they meet its narrower rules;
      // form fields also take their text form (`"7"`, `"true"`).
      const out = def.out as ZodSchemaLike
      const source = out._zod.def.type === 'transform' ? (def.in as ZodSchemaLike) : out
      return fc
        .oneof(
          { weight: 4, arbitrary: validArbitrary(source) },
          { weight: 1, arbitrary: fc.constantFrom('true', 'false', '1', '0', '7', '0.5') },
        )
        .chain((value) =>
          typeof value === 'number' || typeof value === 'boolean'
            ? fc.constantFrom<unknown>(value, String(value))
            : fc.constant<unknown>(value),
        )
        .filter((value) => accepts(schema, value))
    }
    case 'custom':
      return opaqueArbitrary(schema)
    case 'never':
      return fc.constant(undefined)
    default:
      throw new Error(`arbitraries: no generator for zod type ${def.type}`)
  }
}

function opaqueArbitrary(schema: ZodSchemaLike): fc.Arbitrary<unknown> {
  const accepted = [
    ...OPAQUE_POOL,
    new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
    new Uint8Array([1, 2, 3]),
    MediaFile.fromBytes(new Uint8Array([1, 2, 3]), { mediaType: 'image/png' }),
  ].filter((value) => accepts(schema, value))
  if (accepted.length === 0) throw new Error('arbitraries: no pool value passes a custom schema')
  return fc.constantFrom(...accepted)
}

function validString(schema: ZodSchemaLike): fc.Arbitrary<string> {
  const rules = stringRules(schema)
  const def = schema._zod.def
  let base: fc.Arbitrary<string>
  if (rules.patterns.length > 0) {
    base = fc
      .stringMatching(rules.patterns[0]!)
      .filter((text) => codePoints(text) >= rules.min && codePoints(text) <= rules.max)
  } else if (rules.formats.includes('base64')) {
    base = fc.base64String({ minLength: Math.max(4, rules.min), maxLength: 64 })
  } else if (rules.formats.includes('url') || def.format === 'url') {
    base = fc.constantFrom('https://media.example.com/a.png', 'http://example.com/x?y=1#z')
  } else if (rules.formats.length > 0 || typeof def.format === 'string') {
    // Other formats: the pool of plausible values, kept when the schema accepts them.
    base = opaqueArbitrary(schema) as fc.Arbitrary<string>
  } else {
    base = stringOfLength(rules.min, rules.max)
  }
  const all = rules.patterns.slice(1)
  if (rules.opaque || all.length > 0) {
    // A refinement in code: mix in the plausible pool so it has values to accept.
    const pooled = OPAQUE_POOL.filter((value): value is string => typeof value === 'string')
    return fc.oneof(base, fc.constantFrom(...pooled)).filter((text) => accepts(schema, text))
  }
  return base
}

function validNumber(schema: ZodSchemaLike): fc.Arbitrary<number> {
  const rules = numberRules(schema)
  if (rules.integer || rules.multipleOf !== undefined) {
    const step = rules.multipleOf ?? 1
    const low = Math.ceil((rules.minExclusive ? rules.min + step / 2 : rules.min) / step)
    const high = Math.floor((rules.maxExclusive ? rules.max - step / 2 : rules.max) / step)
    const lowSafe = Math.max(low, Math.ceil(Number.MIN_SAFE_INTEGER / step))
    const highSafe = Math.min(high, Math.floor(Number.MAX_SAFE_INTEGER / step))
    const arb = fc
      .oneof(fc.integer({ min: lowSafe, max: highSafe }), fc.constantFrom(lowSafe, highSafe))
      .map((k) => k * step)
    return isOpaque(schema) ? arb.filter((value) => accepts(schema, value)) : arb
  }
  const arb = fc
    .oneof(
      fc.double({
        min: rules.min,
        max: rules.max,
        minExcluded: rules.minExclusive,
        maxExcluded: rules.maxExclusive,
        noNaN: true,
        noDefaultInfinity: true,
      }),
      fc
        .constantFrom(rules.min, rules.max)
        .filter((value) => (value === rules.min ? !rules.minExclusive : !rules.maxExclusive)),
    )
    // -0 is a valid number but not worth a separate case in messages.
    .map((value) => (Object.is(value, -0) ? 0 : value))
  return isOpaque(schema) ? arb.filter((value) => accepts(schema, value)) : arb
}

function arrayBounds(schema: ZodSchemaLike): { min: number; max: number } {
  let min = 0
  let max = Number.POSITIVE_INFINITY
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum as number)
    if (check.check === 'max_length') max = Math.min(max, check.maximum as number)
    if (check.check === 'length_equals') min = max = check.length as number
  }
  return { min, max }
}

function validArray(schema: ZodSchemaLike): fc.Arbitrary<unknown[]> {
  const { min, max } = arrayBounds(schema)
  const arb = fc.array(validArbitrary(schema._zod.def.element as ZodSchemaLike), {
    minLength: min,
    maxLength: Math.min(max, min + 3),
  })
  return isOpaque(schema) ? arb.filter((value) => accepts(schema, value)) : arb
}

function validRecord(schema: ZodSchemaLike): fc.Arbitrary<Record<string, unknown>> {
  const def = schema._zod.def
  const keyType = def.keyType as ZodSchemaLike
  const keys =
    keyType._zod.def.type === 'enum'
      ? fc.constantFrom(...(Object.values(keyType._zod.def.entries as object) as string[]))
      : fc.oneof(
          fc.string({ minLength: 1, maxLength: 8 }),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'a.b', ''),
        )
  return fc
    .array(fc.tuple(keys, validArbitrary(def.valueType as ZodSchemaLike)), { maxLength: 3 })
    .map((entries) => {
      const out: Record<string, unknown> = {}
      for (const [key, value] of entries) defineOwn(out, key, value)
      return out
    })
}

function shapeOf(schema: ZodSchemaLike): Record<string, ZodSchemaLike> {
  return schema._zod.def.shape as Record<string, ZodSchemaLike>
}

/** True when the key may be left out (optional, default, or a field the schema forbids). */
function mayBeAbsent(child: ZodSchemaLike): boolean {
  return (
    child._zod.optin === 'optional' ||
    ['optional', 'default', 'prefault', 'unknown', 'any'].includes(child._zod.def.type)
  )
}

/** The schema inside `optional`/`default` wrappers. */
function unwrapOptional(child: ZodSchemaLike): ZodSchemaLike {
  let node = child
  while (['optional', 'default', 'prefault'].includes(node._zod.def.type))
    node = node._zod.def.innerType as ZodSchemaLike
  return node
}

function validObject(schema: ZodSchemaLike): fc.Arbitrary<Record<string, unknown>> {
  const shape = shapeOf(schema)
  const present: Record<string, fc.Arbitrary<unknown>> = {}
  const spare: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, child] of Object.entries(shape)) {
    const inner = unwrapOptional(child)
    // A field typed `never` is one the schema forbids: never generated.
    if (inner._zod.def.type === 'never') continue
    if (mayBeAbsent(child)) {
      present[key] = fc.option(validArbitrary(inner), { nil: undefined, freq: 2 })
      // A spare is a value a rule can switch on: present and not null.
      spare[key] = validArbitrary(
        inner._zod.def.type === 'nullable' ? (inner._zod.def.innerType as ZodSchemaLike) : inner,
      )
    } else {
      present[key] = validArbitrary(child)
    }
  }
  const rule = objectRules.get(schema)
  const built = fc
    .record({
      value: fc.record(present),
      spare: fc.record(spare),
      pick: fc.nat(),
    })
    .map(({ value, spare: spares, pick }) => {
      const out: Record<string, unknown> = {}
      for (const [key, child] of Object.entries(value))
        if (child !== undefined) defineOwn(out, key, child)
      rule?.(out, spares, pick)
      return out
    })
  if (isOpaque(schema) && !rule) {
    filteredObjects.add(schema)
    return built.filter((value) => accepts(schema, value))
  }
  return built
}

// ---------------------------------------------------------------------------------------------
// Invalid values
// ---------------------------------------------------------------------------------------------

/** One way to break a value at one place: the broken value of the node, and where. */
type Site = () => fc.Arbitrary<InvalidCase>

/**
 * Values of `schema` broken in exactly one place: a wrong type, a number out of range, a string
 * too short or long or off its pattern, an enum value that is not one, a missing required key,
 * an unknown key on a strict object (`__proto__` and `constructor` among them), too few or too
 * many items. Each comes with the path of the broken field.
 */
export function invalidArbitrary(schema: ZodSchemaLike): fc.Arbitrary<InvalidCase> {
  return validArbitrary(schema).chain((valid) => {
    const sites = sitesOf(schema, valid, [])
    if (sites.length === 0) throw new Error('arbitraries: nothing in this schema can be broken')
    // Every node offers a wrong type; weigh the other breakages up so ranges, lengths,
    // patterns, enums and keys are tried about as often as types.
    return fc
      .oneof(
        ...sites.map((site) => ({
          weight: wrongTypeSites.has(site) ? 1 : 3,
          arbitrary: fc.constant(site),
        })),
      )
      .chain((site) => site())
  })
}

/** Sites that break a node's type, kept through the wrappers that carry them up the tree. */
const wrongTypeSites = new WeakSet<Site>()

/** A site built on `inner`, tagged as `inner` is. */
function derived(inner: Site, make: Site): Site {
  if (wrongTypeSites.has(inner)) wrongTypeSites.add(make)
  return make
}

function at(path: (string | number)[], breakage: string, value: unknown): InvalidCase {
  return { value, path, breakage }
}

/**
 * The ways to break `value` (valid for `schema`) at `path` or below. `wrongType: false` leaves
 * out the wrong-type site of this node: a wrapper (optional, nullable, pipe) adds its own, as
 * `null` may be right for the wrapper and wrong for what it wraps.
 */
function sitesOf(
  schema: ZodSchemaLike,
  value: unknown,
  path: (string | number)[],
  wrongType = true,
): Site[] {
  const def = schema._zod.def
  const sites: Site[] = []
  const kinds = kindsOf(schema)
  const wrong = kinds.has('any')
    ? WRONG_TYPE_POOL.filter((candidate) => !accepts(schema, candidate))
    : WRONG_TYPE_POOL.filter((candidate) => !kinds.has(kindOfValue(candidate)))
  if (wrongType && wrong.length > 0) {
    const site: Site = () => fc.constantFrom(...wrong).map((bad) => at(path, 'wrong type', bad))
    wrongTypeSites.add(site)
    sites.push(site)
  }

  switch (def.type) {
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional': {
      const inner = def.innerType as ZodSchemaLike
      if (inner._zod.def.type === 'never') {
        // A forbidden field: any value at all is wrong.
        sites.push(() =>
          fc.constantFrom('x', 1, true).map((bad) => at(path, 'forbidden field', bad)),
        )
        break
      }
      if (value === undefined || value === null) {
        // Absent now: break a fresh value of the inner type (unless it takes anything at all).
        if (['unknown', 'any'].includes(inner._zod.def.type)) break
        sites.push(() =>
          validArbitrary(inner).chain((fresh) => {
            const inside = sitesOf(inner, fresh, path, false)
            return inside.length === 0
              ? fc.constantFrom(...wrong).map((bad) => at(path, 'wrong type', bad))
              : fc.integer({ min: 0, max: inside.length - 1 }).chain((i) => inside[i]!())
          }),
        )
      } else {
        sites.push(...sitesOf(inner, value, path, false))
      }
      break
    }
    case 'string':
      sites.push(...stringSites(schema, path))
      break
    case 'number':
    case 'int':
      sites.push(...numberSites(schema, value as number, path))
      break
    case 'enum': {
      const values = Object.values(def.entries as object)
      sites.push(() =>
        fc
          .oneof(
            fc.constantFrom('__proto__', 'toString', 'constructor', 'NOT_ONE', ''),
            fc.string({ maxLength: 6 }),
            fc.constantFrom(...values.map((entry) => String(entry).toUpperCase() + ' ')),
          )
          .filter((bad) => !values.includes(bad))
          .map((bad) => at(path, 'not an enum value', bad)),
      )
      break
    }
    case 'literal': {
      const values = def.values as unknown[]
      sites.push(() =>
        fc
          .constantFrom('__proto__', 'other', 7)
          .filter((bad) => !values.includes(bad))
          .map((bad) => at(path, 'not the literal', bad)),
      )
      break
    }
    case 'array': {
      const items = value as unknown[]
      const { min, max } = arrayBounds(schema)
      const element = def.element as ZodSchemaLike
      if (min > 0) sites.push(() => fc.constant(at(path, 'too few items', items.slice(0, min - 1))))
      if (Number.isFinite(max))
        sites.push(() =>
          fc
            .array(validArbitrary(element), {
              minLength: max + 1 - items.length,
              maxLength: max + 1 - items.length,
            })
            .map((more) => at(path, 'too many items', [...items, ...more])),
        )
      items.forEach((item, index) => {
        for (const site of sitesOf(element, item, [...path, index]))
          sites.push(
            derived(site, () =>
              site().map((broken) => ({
                ...broken,
                value: items.map((old, i) => (i === index ? broken.value : old)),
              })),
            ),
          )
      })
      break
    }
    case 'record': {
      const record = value as Record<string, unknown>
      const valueType = def.valueType as ZodSchemaLike
      // A key that shadows an Object.prototype member, holding a broken value. (An own
      // `__proto__` key is different: zod strips it unread, which the valid records exercise.)
      const anything = ['unknown', 'any'].includes(valueType._zod.def.type)
      if (!anything)
        sites.push(() =>
          fc.constantFrom('constructor', 'toString', 'hasOwnProperty').chain((key) =>
            validArbitrary(valueType).chain((fresh) => {
              const inside = sitesOf(valueType, fresh, [...path, key])
              return fc
                .integer({ min: 0, max: inside.length - 1 })
                .chain((i) => inside[i]!())
                .map((broken) => ({ ...broken, value: cloneWith(record, key, broken.value) }))
            }),
          ),
        )
      for (const [key, child] of Object.entries(record))
        for (const site of key === '__proto__' ? [] : sitesOf(valueType, child, [...path, key]))
          sites.push(
            derived(site, () =>
              site().map((broken) => ({ ...broken, value: cloneWith(record, key, broken.value) })),
            ),
          )
      break
    }
    case 'object':
      sites.push(...objectSites(schema, value as Record<string, unknown>, path))
      break
    case 'pipe': {
      sites.push(...sitesOf(def.in as ZodSchemaLike, value, path, false))
      // The output side's own rules (a form number's range): broken on a value of its kind.
      const out = def.out as ZodSchemaLike
      if (out._zod.def.type !== 'transform' && kindsOf(out).has(kindOfValue(value)))
        sites.push(...sitesOf(out, value, path, false))
      break
    }
    case 'lazy':
      sites.push(...sitesOf((def.getter as () => ZodSchemaLike)(), value, path, false))
      break
  }
  return sites
}

function stringSites(schema: ZodSchemaLike, path: (string | number)[]): Site[] {
  const rules = stringRules(schema)
  const sites: Site[] = []
  if (rules.min > 0)
    sites.push(() =>
      fc
        .integer({ min: 0, max: rules.min - 1 })
        .map((length) => at(path, 'too short', 'x'.repeat(length))),
    )
  if (Number.isFinite(rules.max))
    sites.push(() =>
      fc
        .oneof(
          fc.integer({ min: rules.max + 1, max: rules.max + 64 }),
          // A huge string: bounded rules must not depend on the input being small.
          fc.constant(Math.max(rules.max + 1, 1_000_000)),
        )
        .map((length) =>
          at(path, 'too long', '\u0000x'.repeat(Math.ceil(length / 2)).slice(0, length)),
        ),
    )
  const hasShape =
    rules.patterns.length > 0 ||
    rules.formats.length > 0 ||
    typeof schema._zod.def.format === 'string'
  if (hasShape || rules.opaque)
    sites.push(() =>
      fc
        .oneof(
          fc.constantFrom(...HOSTILE_STRINGS),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
          fc.constantFrom('not a url', 'javascript:alert(1)', 'ftp://example.com/a', 'x:y:z'),
        )
        .filter((bad) => !accepts(schema, bad))
        .map((bad) => at(path, 'off its pattern', bad)),
    )
  return sites
}

function numberSites(schema: ZodSchemaLike, valid: number, path: (string | number)[]): Site[] {
  const rules = numberRules(schema) as NumberRules & { bounded: { min: boolean; max: boolean } }
  const sites: Site[] = [
    () =>
      fc
        .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
        .map((bad) => at(path, 'not finite', bad)),
  ]
  if (rules.bounded.min)
    sites.push(() =>
      fc
        .oneof(
          fc.constant(rules.minExclusive ? rules.min : rules.min - (rules.integer ? 1 : 1e-6)),
          fc.double({ min: -1e12, max: rules.min, maxExcluded: !rules.minExclusive, noNaN: true }),
        )
        .map((bad) => (rules.integer ? Math.floor(bad) : bad))
        // -0 is not below 0: keep only values really out of range.
        .filter(
          (bad) =>
            Number.isFinite(bad) && (rules.minExclusive ? bad <= rules.min : bad < rules.min),
        )
        .map((bad) => at(path, 'below minimum', bad)),
    )
  if (rules.bounded.max)
    sites.push(() =>
      fc
        .oneof(
          fc.constant(rules.maxExclusive ? rules.max : rules.max + (rules.integer ? 1 : 1e-6)),
          fc.double({ min: rules.max, max: 1e12, minExcluded: !rules.maxExclusive, noNaN: true }),
        )
        .map((bad) => (rules.integer ? Math.ceil(bad) : bad))
        .filter(
          (bad) =>
            Number.isFinite(bad) && (rules.maxExclusive ? bad >= rules.max : bad > rules.max),
        )
        .map((bad) => at(path, 'above maximum', bad)),
    )
  if (rules.integer) {
    sites.push(() =>
      fc
        .constantFrom(0.5, 0.25, -0.5)
        // Near 2^53 a fraction rounds away; break a small value instead.
        .map((fraction) =>
          at(path, 'not an integer', (Math.abs(valid) > 2 ** 40 ? 1 : valid) + fraction),
        ),
    )
    sites.push(() => fc.constant(at(path, 'unsafe integer', 2 ** 53 + 2)))
  }
  if (rules.multipleOf !== undefined && rules.multipleOf > 0 && !rules.integer)
    sites.push(() => fc.constant(at(path, 'not a multiple', valid + rules.multipleOf! / 2)))
  return sites
}

function objectSites(
  schema: ZodSchemaLike,
  value: Record<string, unknown>,
  path: (string | number)[],
): Site[] {
  const sites: Site[] = []
  const shape = shapeOf(schema)
  const catchall = schema._zod.def.catchall as ZodSchemaLike | undefined
  if (catchall?._zod.def.type === 'never') {
    const taken = new Set(Object.keys(shape))
    sites.push(() =>
      fc
        .oneof(
          fc.constantFrom('__proto__', 'constructor', 'toString', 'not_in_the_document'),
          fc.string({ minLength: 1, maxLength: 10 }),
        )
        .filter((key) => !taken.has(key))
        .chain((key) =>
          fc
            .constantFrom<unknown>('x', 1, true, null, { polluted: true })
            .map((extra) => at([...path, key], 'unknown key', cloneWith(value, key, extra))),
        ),
    )
  }
  for (const [key, child] of Object.entries(shape)) {
    if (!mayBeAbsent(child))
      sites.push(() => fc.constant(at([...path, key], 'missing', cloneWith(value, key, undefined))))
    for (const site of sitesOf(child, value[key], [...path, key]))
      sites.push(
        derived(site, () =>
          site().map((broken) => ({
            ...broken,
            value:
              broken.value === undefined
                ? cloneWith(value, key, undefined)
                : cloneWith(value, key, broken.value),
          })),
        ),
      )
  }
  return sites
}
