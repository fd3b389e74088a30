/**
 * `providerOptions[providerId]`: what only one provider understands, passed through to its
 * request. Read here so every driver checks them the same way, and so they cannot overwrite
 * a body field the driver built from a shared input field (a `prompt` in provider options
 * would silently replace the caller's `prompt`).
 */
import type { TaskHandler } from '../driver'
import { ValidationError } from '../errors'
import type { StandardSchemaV1 } from '../standard-schema'
import type { TaskName, ValidTaskInput } from '../tasks'
import type { ProviderOptions } from '../tasks/shared'
import { issuesFromZod, runSchema } from '../validation'

/**
 * The caller's options for `provider` (a copy; `{}` when none), checked against `schema`
 * when one is given. Issues are named `providerOptions.<provider>.<key>`.
 */
export function providerOptionsOf<
  Options extends Record<string, unknown> = Record<string, unknown>,
>(
  input: { providerOptions?: ProviderOptions },
  provider: string,
  schema?: StandardSchemaV1<unknown, Options>,
): Options {
  const given = input.providerOptions?.[provider] ?? {}
  if (!schema) return { ...given } as Options
  const result = runSchema(schema, given)
  if (!result.issues) return result.value
  throw new ValidationError(issuesFromZod(result.issues, ['providerOptions', provider]), {
    provider,
  })
}

/**
 * `body` with `options` added. An option whose key the driver already filled from a shared
 * field (`taskFields`: body key → input field) is refused, naming the field to use instead;
 * any other option may replace a driver default.
 */
export function withProviderOptions(
  body: Record<string, unknown>,
  options: Readonly<Record<string, unknown>>,
  settings: { provider: string; taskFields?: Readonly<Record<string, string>> },
): Record<string, unknown> {
  const clashes = Object.keys(options).filter(
    (key) => settings.taskFields?.[key] !== undefined && body[key] !== undefined,
  )
  if (clashes.length > 0) {
    throw new ValidationError(
      clashes.map((key) => ({
        path: ['providerOptions', settings.provider, key],
        message: `is set from \`${settings.taskFields![key]}\`; set that field instead`,
        rule: 'overrides_task_field',
      })),
      { provider: settings.provider },
    )
  }
  return { ...body, ...options }
}

/**
 * The input with `providerOptions[provider]` checked against the handler's schema (its defaults
 * applied), before anything is sent: what core does at submit, for callers that reach a handler
 * another way (the facade's `stream`). Errors name `providerOptions.<provider>.<key>`.
 */
export function withCheckedProviderOptions<T extends TaskName>(
  provider: string,
  handler: TaskHandler<T>,
  input: ValidTaskInput<T>,
): ValidTaskInput<T> {
  if (!handler.providerOptions) return input
  const checked = providerOptionsOf(input, provider, handler.providerOptions)
  return { ...input, providerOptions: { ...input.providerOptions, [provider]: checked } }
}
