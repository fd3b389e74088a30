/**
 * `providerOptions` keys must name configured providers. A driver reads only its own key, so a
 * misspelt one (`lcoal`) would otherwise be dropped without a word and the options never
 * applied: it is refused before any request, with the nearest id when one is close.
 *
 * The edit distance comes from `fastest-levenshtein` (small, dependency-free, runs on every
 * runtime atelier supports).
 */
import { ValidationError, type ValidationIssue } from '@atelier/core'
import { distance } from 'fastest-levenshtein'

/** Throws a ValidationError naming each key of `providerOptions` that is not a configured provider. */
export function checkProviderOptionKeys(
  providerOptions: Readonly<Record<string, unknown>> | undefined,
  providers: readonly string[],
): void {
  if (!providerOptions) return
  const issues: ValidationIssue[] = Object.keys(providerOptions)
    .filter((key) => !providers.includes(key))
    .map((key) => {
      const near = nearest(key, providers)
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

/**
 * The one provider id close to `key` (case aside, within about two edits in five characters),
 * or undefined when none is, or when two are equally close.
 */
export function nearest(key: string, providers: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.round(key.length * 0.4))
  const wanted = key.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  let tied = false
  for (const id of providers) {
    const d = distance(wanted, id.toLowerCase())
    if (d < bestDistance) {
      best = id
      bestDistance = d
      tied = false
    } else if (d === bestDistance) {
      tied = true
    }
  }
  return best !== undefined && bestDistance <= limit && !tied ? best : undefined
}
