/**
 * Building blocks of the task mappings: one planned call (the endpoint, the body built from the
 * task input, which body field came from which task field, and how the answer becomes the
 * output), the provider-options schema of a task, and the warnings and errors that name the
 * task's own fields.
 */
import { UnsupportedError, ValidationError, type Warning } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import * as z from 'zod/mini'
import type { BodyOf, VisionStudioEndpoint } from '../client/endpoint'
import { PROVIDER_ID } from './models'

/** One call the driver will make for a task. */
export interface Plan<Output> {
  endpoint: VisionStudioEndpoint
  /**
   * The body, built from the task input (undefined values are dropped). Media that has to be
   * read or uploaded is `Deferred` (see `media.ts`): read once the provider options have passed.
   */
  body: Record<string, unknown>
  /**
   * Body field → the task input field it was built from. Issues on the field name the task
   * field, and a provider option cannot overwrite it (the caller sets the task field instead).
   */
  fields: Readonly<Record<string, string>>
  /** The task output of a synchronous answer's result. */
  output(result: unknown): Output
}

/** A plan; `fields` lists the task fields the body was built from. */
export function planFor<Output>(
  endpoint: VisionStudioEndpoint,
  fields: Readonly<Record<string, string>>,
  body: Record<string, unknown>,
  output: (result: unknown) => Output,
): Plan<Output> {
  const defined: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) if (value !== undefined) defined[key] = value
  return { endpoint, body: defined, fields, output }
}

type BodyUnion<E extends VisionStudioEndpoint> = E extends unknown ? BodyOf<E> : never
type KeysOf<B> = B extends unknown ? keyof B : never
type ValueAt<B, K extends PropertyKey> = B extends unknown
  ? K extends keyof B
    ? B[K]
    : never
  : never

/**
 * What `providerOptions['vision-studio']` may hold for a task: any field of the bodies of the
 * endpoints the task maps onto, under the endpoint's own name (`medium`, `mask_mode`, `sync`).
 */
export type ProviderOptionsOf<E extends VisionStudioEndpoint> = {
  [K in KeysOf<BodyUnion<E>>]?: ValueAt<BodyUnion<E>, K>
}

type Shape = Record<string, z.ZodMiniType>

/**
 * The provider-options schema of a task that maps onto `endpoints`: a strict object of every
 * field their request schemas (generated from the API document) have, each optional, a field
 * several endpoints share taking what any of them takes. The body actually sent is checked
 * again with its endpoint's own schema.
 */
export function providerOptionsSchema<const E extends readonly VisionStudioEndpoint[]>(
  endpoints: E,
): z.ZodMiniType<ProviderOptionsOf<E[number]>, ProviderOptionsOf<E[number]>> {
  const variants = new Map<string, z.ZodMiniType[]>()
  for (const endpoint of endpoints) {
    const shape = (endpoint.request as { _zod?: { def?: { shape?: Shape } } } | undefined)?._zod
      ?.def?.shape
    for (const [key, schema] of Object.entries(shape ?? {})) {
      const known = variants.get(key) ?? []
      if (!known.includes(schema)) known.push(schema)
      variants.set(key, known)
    }
  }
  const merged: Shape = {}
  for (const [key, schemas] of variants) {
    const [first, ...rest] = schemas
    merged[key] = z.optional(rest.length === 0 ? first! : z.union([first!, ...rest]))
  }
  return z.strictObject(merged) as unknown as z.ZodMiniType<
    ProviderOptionsOf<E[number]>,
    ProviderOptionsOf<E[number]>
  >
}

/** Warns for each given option in `options` that `where` cannot honour. */
export function warnUnsupported(
  warnings: Warning[],
  input: object,
  options: readonly string[],
  where: string,
): void {
  const given = input as Record<string, unknown>
  for (const option of options) {
    if (given[option] !== undefined)
      warnings.push(unsupportedOption(option, `${where} has no such setting`))
  }
}

/** A task field the endpoint needs but was not given. */
export function required(option: string, message: string): ValidationError {
  return new ValidationError([{ path: [option], message, rule: 'required' }], {
    provider: PROVIDER_ID,
  })
}

/** An option whose loss would change the result. */
export function refuse(message: string): UnsupportedError {
  return new UnsupportedError(message, { provider: PROVIDER_ID })
}
