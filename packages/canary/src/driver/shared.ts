/**
 * What every task family of the driver shares: `providerOptions.canary` (its schema, and how
 * it joins a request body), checking the body against the endpoint's wire schema, and the
 * warnings and errors for what CanaryLLM cannot take.
 *
 * `providerOptions.canary` may hold any field of the endpoint's body (strict: an unknown key
 * fails, named `providerOptions.canary.<key>`), plus `provider`, which picks the upstream and
 * is not sent as it is. An option cannot overwrite a field the driver filled from the task
 * input (`prompt`, `model`, ...): that is refused, naming the input field to set instead.
 */
import { type StandardSchemaV1, UnsupportedError, type Warning } from '@atelier/core'
import {
  checkBody,
  providerOptionsOf,
  unsupportedOption,
  withProviderOptions,
} from '@atelier/core/driver'
import * as z from 'zod/mini'
import { text } from '../schemas'

export const PROVIDER_ID = 'canary'

/** Keys of `providerOptions.canary` the driver reads itself instead of sending. */
const DRIVER_KEYS = new Set(['provider'])

type ProviderOptionsInput = {
  providerOptions?: Record<string, Record<string, unknown>> | undefined
}

/** A schema of `providerOptions.canary`. */
export type CanaryOptionsSchema = StandardSchemaV1<Record<string, unknown>, Record<string, unknown>>

/**
 * The `providerOptions.canary` schema of an endpoint: every field of its body, optional, and
 * `provider` (the upstream) where the body has none. Strict, like the bodies.
 */
export function optionsSchema<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.partial(z.strictObject({ provider: text(), ...shape }))
}

/** `providerOptions.canary`, checked against `schema` when one is given (a copy; `{}` when none). */
export function canaryOptions(
  input: ProviderOptionsInput,
  schema?: CanaryOptionsSchema,
): Record<string, unknown> {
  return providerOptionsOf(input, PROVIDER_ID, schema)
}

/**
 * A body the driver built from the task input: `fields` maps each body key it filled to the
 * input field it came from (`numberOfVideos` → `n`), so issues and refused options name what
 * the caller typed.
 */
export interface BuiltBody {
  body: Record<string, unknown>
  fields: Record<string, string>
}

/**
 * The body with the caller's provider options joined (minus the driver's own keys), checked
 * against the endpoint's wire schema before anything is sent. `what` (`POST /api/...`)
 * starts the error's message.
 */
export function checkedBody<Body>(
  schema: StandardSchemaV1<unknown, Body>,
  what: string,
  built: BuiltBody,
  options: Readonly<Record<string, unknown>>,
): Body {
  const passed = Object.fromEntries(
    Object.entries(options).filter(([key, value]) => !DRIVER_KEYS.has(key) && value !== undefined),
  )
  const body = withProviderOptions(built.body, passed, {
    provider: PROVIDER_ID,
    taskFields: built.fields,
  })
  return checkBody(schema, body, {
    provider: PROVIDER_ID,
    what,
    fields: built.fields,
    providerOptionKeys: Object.keys(passed),
  })
}

/** Drops undefined values, so absent options are not sent. */
export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

/** `fields` limited to the body keys that are set. */
export function fieldsOf(
  body: Record<string, unknown>,
  fields: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => body[key] !== undefined))
}

/** Warns, in the order given, about each option the input sets that CanaryLLM cannot take. */
export function warnDropped<Input extends object>(
  input: Input,
  warnings: Warning[],
  details: Partial<Record<keyof Input & string, string>>,
): void {
  for (const [option, detail] of Object.entries(details) as [keyof Input & string, string][]) {
    if (input[option] !== undefined) warnings.push(unsupportedOption(option, detail))
  }
}

/** Refuses what CanaryLLM cannot do, where dropping it would change the result. */
export function fail(message: string): never {
  throw new UnsupportedError(message, { provider: PROVIDER_ID })
}
