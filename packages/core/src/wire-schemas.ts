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
