/**
 * Checking the names in an options object. A misspelt option (`baseURL` for `baseUrl`,
 * `provider` for `providers`) would otherwise be ignored without a word, and the default it
 * meant to replace used in its place: plain JavaScript has no compiler to catch it, and
 * TypeScript misses it when the object is built elsewhere and passed as a variable. So
 * `createAtelier` and every driver factory refuse a name they do not know, naming the
 * nearest one they do.
 *
 * The edit distance comes from `fastest-levenshtein` (small, dependency-free, runs on every
 * runtime atelier supports).
 */
import { distance } from 'fastest-levenshtein'
import { ValidationError, type ValidationIssue } from './errors'

/**
 * Every option name of `T`, as a record: declared `satisfies OptionNames<Options>`, TypeScript
 * fails the build when the interface gains a name the record lacks, or the record names one
 * the interface does not have.
 */
export type OptionNames<T> = { readonly [K in keyof Required<T>]: true }

/**
 * Throws a ValidationError when `options` is not a plain object, or holds a name `names` does
 * not list: one issue per unknown name (at `path` + name), with the nearest known name when one
 * is close. `owner` names what was called, e.g. `local()` or `createAtelier()`.
 */
export function checkOptionNames(
  owner: string,
  options: unknown,
  names: Readonly<Record<string, true>>,
  path: readonly (string | number)[] = [],
): void {
  if (options === undefined) return
  const known = Object.keys(names)
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    const shown = typeof options === 'string' ? JSON.stringify(options) : String(options)
    const hint =
      typeof options === 'string' && 'baseUrl' in names
        ? `; for a URL, pass { baseUrl: ${shown} }`
        : ''
    throw new ValidationError(
      [{ path: [...path], message: `must be an object of options${hint}`, rule: 'invalid_type' }],
      {
        message: `${owner}: ${path.length ? `${path.join('.')} ` : 'options '}must be an object (got ${shown})${hint}`,
      },
    )
  }
  const unknown = Object.keys(options)
    .filter((key) => !Object.hasOwn(names, key))
    .map((key) => ({ key, near: nearestName(key, known) }))
  if (unknown.length === 0) return
  const issues: ValidationIssue[] = unknown.map(({ key, near }) => ({
    path: [...path, key],
    message: near
      ? `is not an option of ${owner}; did you mean ${JSON.stringify(near)}?`
      : `is not an option of ${owner} (it takes ${known.join(', ')})`,
    rule: 'unknown_option',
  }))
  const listed = unknown
    .map(({ key, near }) => {
      const name = JSON.stringify([...path, key].join('.'))
      return near ? `${name} (did you mean ${JSON.stringify(near)}?)` : name
    })
    .join(', ')
  const takes = unknown.some(({ near }) => near === undefined)
    ? `; it takes ${known.join(', ')}`
    : ''
  throw new ValidationError(issues, {
    message: `${owner}: unknown option${unknown.length > 1 ? 's' : ''} ${listed}${takes}`,
  })
}

/**
 * The one name of `candidates` close to `key` (case aside, within about two edits in five
 * characters), or undefined when none is, or when two are equally close.
 */
export function nearestName(key: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.round(key.length * 0.4))
  const wanted = key.toLowerCase()
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  let tied = false
  for (const candidate of candidates) {
    const d = distance(wanted, candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
      tied = false
    } else if (d === bestDistance) {
      tied = true
    }
  }
  return best !== undefined && bestDistance <= limit && !tied ? best : undefined
}
