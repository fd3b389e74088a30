/**
 * Building blocks of the task mappings: provider options, `sync` handling, warnings and
 * errors that name the task's own fields.
 */
import {
  type ProviderOptions,
  type RequestContext,
  UnsupportedError,
  ValidationError,
  type Warning,
} from '@atelier/core'
import type { VisionStudioEndpoint } from '../endpoint'
import type { OutputKind, Plan } from './jobs'
import { PROVIDER_ID } from './models'

/**
 * `providerOptions['vision-studio']`: fields merged into the request body as they are (the
 * endpoint's own names, e.g. `{ medium: 'art' }` for Bria), checked with its schema. `sync`
 * among them picks how a Bria call runs.
 */
export function extrasOf(input: { providerOptions?: ProviderOptions }): Record<string, unknown> {
  return { ...(input.providerOptions?.[PROVIDER_ID] ?? {}) }
}

/**
 * A plan for `endpoint`. Endpoints with a `sync` flag run asynchronously (`sync: false`) so the
 * job can be resumed elsewhere, unless the provider options say `sync: true`.
 */
export function planFor(
  endpoint: VisionStudioEndpoint,
  extras: Record<string, unknown>,
  output: Plan['output'],
  build: (context: RequestContext) => Record<string, unknown> | Promise<Record<string, unknown>>,
): Plan {
  const flag = endpoint.execution === 'sync-flag'
  const sync = flag ? extras.sync === true : undefined
  return {
    endpoint,
    async: endpoint.execution === 'async' || sync === false,
    output,
    async body(context) {
      const mapped = await build(context)
      const body: Record<string, unknown> = { ...mapped, ...(flag ? { sync } : {}), ...extras }
      for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key]
      return body
    },
  }
}

export type { OutputKind }

/** Records an option the endpoint has no field for. */
export function unsupported(warnings: Warning[], option: string, details: string): void {
  warnings.push({ type: 'unsupported-option', option, details })
}

/** Warns for each given option in `options` that `where` cannot honour. */
export function warnUnsupported(
  warnings: Warning[],
  input: Record<string, unknown>,
  options: readonly string[],
  where: string,
): void {
  for (const option of options) {
    if (input[option] !== undefined) unsupported(warnings, option, `${where} has no such setting`)
  }
}

/** A task field the endpoint needs but was not given. */
export function required(option: string, message: string): ValidationError {
  return new ValidationError([{ path: [option], message, rule: 'required' }], {
    provider: PROVIDER_ID,
  })
}

/** `n` above what one call makes. */
export function checkCount(n: number | undefined, max: number, where: string): number {
  const count = n ?? 1
  if (count > max) {
    throw new ValidationError(
      [{ path: ['n'], message: `${where} makes at most ${max} per call`, rule: 'too_big' }],
      { provider: PROVIDER_ID },
    )
  }
  return count
}

/** An option whose loss would change the result. */
export function refuse(message: string): UnsupportedError {
  return new UnsupportedError(message, { provider: PROVIDER_ID })
}
