/**
 * `providerOptions` keys must name configured providers. A driver reads only its own key, so a
 * misspelt one (`lcoal`) would otherwise be dropped without a word and the options never
 * applied: it is refused before any request, with the nearest id when one is close.
 */
import { nearestName, ValidationError, type ValidationIssue } from '@atelier/core'

/** Throws a ValidationError naming each key of `providerOptions` that is not a configured provider. */
export function checkProviderOptionKeys(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
  providers: readonly string[],
): void {
  if (!providerOptions) return
  const issues: ValidationIssue[] = Object.keys(providerOptions)
    .filter((key) => !providers.includes(key))
    .map((key) => {
      const near = nearestName(key, providers)
      return {
        path: ['providerOptions', key],
        message: near
          ? `is not a configured provider; did you mean ${JSON.stringify(near)}?`
          : `is not a configured provider (configured: ${providers.join(', ') || 'none'})`,
        rule: 'unknown_provider',
      }
    })
  if (issues.length > 0) throw new ValidationError(issues)
}
