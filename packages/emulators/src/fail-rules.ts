/**
 * Failure injection shared by every emulator: `failNext(count, { path, method, ... })` rules
 * that make the next matching requests fail before they reach their endpoint. Rules apply
 * oldest first; each counts down and is dropped when spent.
 */

/** Which requests a rule applies to: all of them, or those matching `path` and/or `method`. */
export interface RequestMatch {
  /** Only requests whose path matches (a `RegExp`, or a string the path must equal). */
  path?: RegExp | string
  /** Only requests with this method. */
  method?: string
}

/** What every emulator's `failNext` rule says: which requests, and the status and headers to answer with. */
export interface FailRule extends RequestMatch {
  /** Status to answer. Default 500. */
  status?: number
  /** Extra response headers, e.g. `{"retry-after": "1"}`. */
  headers?: Record<string, string>
}

export class FailRules<Rule extends RequestMatch> {
  #rules: { rule: Rule; remaining: number }[] = []

  /** Fail the next `count` matching requests as `rule` says. */
  add(count: number, rule: Rule): void {
    if (count > 0) this.#rules.push({ rule, remaining: count })
  }

  /** The rule the request trips (counting it down), or undefined when none applies. */
  take(method: string, path: string): Rule | undefined {
    const entry = this.#rules.find(({ rule }) => matches(rule, method, path))
    if (!entry) return undefined
    entry.remaining -= 1
    if (entry.remaining <= 0) this.#rules = this.#rules.filter((candidate) => candidate !== entry)
    return entry.rule
  }

  clear(): void {
    this.#rules = []
  }
}

function matches(rule: RequestMatch, method: string, path: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false
  if (rule.path === undefined) return true
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)
}
