/**
 * Building blocks for drivers' wire schemas (zod/mini), with messages that name the rule, so
 * every driver words the same checks the same way.
 */
import * as z from 'zod/mini'

/** A non-empty string, optionally capped at `max` characters. */
export const nonEmptyText = (max?: number) =>
  max === undefined
    ? z.string('must be a string').check(z.minLength(1, 'must not be empty'))
    : z
        .string('must be a string')
        .check(
          z.minLength(1, 'must not be empty'),
          z.maxLength(max, `must be at most ${max} characters`),
        )

/** An integer in `[min, max]` (`max` omitted: no upper bound). */
export const integerIn = (min: number, max?: number) =>
  max === undefined
    ? z.int('must be an integer').check(z.gte(min, `must be >= ${min}`))
    : z
        .int('must be an integer')
        .check(
          z.gte(min, `must be between ${min} and ${max}`),
          z.lte(max, `must be between ${min} and ${max}`),
        )

/** A finite number in `[min, max]`. */
export const numberIn = (min: number, max: number) =>
  z
    .number('must be a number')
    .check(
      z.gte(min, `must be between ${min} and ${max}`),
      z.lte(max, `must be between ${min} and ${max}`),
    )

/**
 * A string whose documented values are `values`, accepting any other string, so a server that
 * adds a value does not break parsing. The inferred type is `string`.
 */
export const openEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.string()])

/*
 * Tolerant readers, for the fields of an answer the code can do without. Readers are tolerant,
 * writers exact: the fields a driver needs (a job id, a status, where the output is) stay
 * strict; anything else is read with these, so `null`, a numeric string or an unexpected type
 * in a field nobody needs never fails a job the provider has finished and billed.
 */

const readWith = <T extends z.ZodMiniType>(schema: T, value: unknown): z.output<T> | undefined => {
  if (value === null || value === undefined) return undefined
  const result = schema.safeParse(value)
  return result.success ? result.data : undefined
}

/**
 * An optional field read leniently: absent, `null`, and any value `schema` refuses all read as
 * absent. For fields the code can do without (a model name, a cost, a timestamp, a count).
 */
export const lenient = <T extends z.ZodMiniType>(schema: T) =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): z.output<T> | undefined => readWith(schema, value)),
    ),
  )

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*%?\s*$/

/** A finite number from a number or a numeric string (`"5"`, `" 0.60 "`, `"45%"` reads 45); else undefined. */
export function readNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value !== 'string' || !NUMERIC_TEXT.test(value)) return undefined
  const number = Number.parseFloat(value.trim())
  return Number.isFinite(number) ? number : undefined
}

/** An optional number read from a number or a numeric string; absent when neither. */
export const lenientNumber = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value) => readNumber(value)),
    ),
  )

/** Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const EPOCH_SECONDS_BELOW = 1e11
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/
/** An ISO date-time without a zone: servers mean UTC, where `Date.parse` would read local time. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

/**
 * A point in time from any of the forms servers send: ISO 8601 with `Z`, an offset or no zone
 * (read as UTC), a space for the `T`, fractions of any length; or an epoch in seconds or
 * milliseconds, as a number or numeric string. Returns an ISO string in UTC, or undefined when
 * the value names no time.
 */
export function readTimestamp(value: unknown): string | undefined {
  const epoch = readNumber(value)
  if (epoch !== undefined && !(typeof value === 'string' && value.includes('%'))) {
    const ms = Math.abs(epoch) < EPOCH_SECONDS_BELOW ? epoch * 1000 : epoch
    const date = new Date(ms)
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
  }
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  // Only dates (ISO 8601, or the HTTP date form): `Date.parse` alone reads `"45%"` as 2045.
  if (!ISO_DATE.test(text) && !HTTP_DATE.test(text)) return undefined
  const iso = ZONELESS.test(text)
    ? `${text.replace(' ', 'T')}Z`
    : text.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T')
  const time = Date.parse(iso)
  return Number.isNaN(time) ? undefined : new Date(time).toISOString()
}

/** An optional timestamp in any form (`readTimestamp`), read as an ISO string; absent when unreadable. */
export const lenientTimestamp = () =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value) => readTimestamp(value)),
    ),
  )

/** The items of `list` that `item` reads; the ones it cannot read are skipped. */
const readableItems = <T extends z.ZodMiniType>(item: T, list: unknown[]): z.output<T>[] =>
  list.flatMap((entry) => {
    const result = item.safeParse(entry)
    return result.success ? [result.data as z.output<T>] : []
  })

/**
 * A list the code needs (models, history entries): it must be a list, but an item `item` cannot
 * read (one without an id) is skipped, so one odd entry never fails the whole answer.
 */
export const tolerantList = <T extends z.ZodMiniType>(item: T) =>
  z.pipe(
    z.array(z.unknown(), 'must be a list'),
    z.transform((list): z.output<T>[] => readableItems(item, list)),
  )

/**
 * An optional list read leniently: absent when missing, `null` or not a list; items `item` cannot
 * read (a detection without a label, a match without a URL) are skipped.
 */
export const lenientList = <T extends z.ZodMiniType>(item: T) =>
  z.optional(
    z.pipe(
      z.unknown(),
      z.transform((value): z.output<T>[] | undefined =>
        Array.isArray(value) ? readableItems(item, value) : undefined,
      ),
    ),
  )
