/**
 * Building request paths from ids that came from a provider, a stored job ref or a user.
 * An id is always one path segment: `/`, `?`, `#` and `%` are percent-encoded, and ids
 * that URL parsing would treat as `.`/`..` segments are refused, so a hostile id such as
 * `../admin` or `x?delete=1` cannot change which endpoint is called.
 */
import { ValidationError } from '../errors'

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i

/**
 * Encodes one path segment; throws a ValidationError for empty or dot segments, and for text
 * with a lone UTF-16 surrogate (which `encodeURIComponent` refuses with a URIError).
 */
export function encodePathSegment(value: string | number, field = 'id'): string {
  // Untyped callers pass anything: `undefined` must not become the id "undefined".
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new ValidationError([
      {
        path: [field],
        message: `must be a string or a finite number (got ${value === null ? 'null' : typeof value})`,
        rule: 'invalid_type',
      },
    ])
  }
  const text = String(value)
  const encoded = text.length === 0 || DOT_SEGMENT.test(text) ? undefined : tryEncode(text)
  if (encoded === undefined) {
    throw new ValidationError([
      {
        path: [field],
        message: `must be a non-empty path segment other than "." or ".." in well-formed Unicode (got ${JSON.stringify(text)})`,
        rule: 'path_segment',
      },
    ])
  }
  return encoded
}

/** `encodeURIComponent`, or undefined for text it cannot encode (a lone surrogate). */
function tryEncode(text: string): string | undefined {
  try {
    return encodeURIComponent(text)
  } catch {
    return undefined
  }
}

/**
 * Tagged template for paths: every interpolated value is encoded as one segment.
 * `pathOf\`/video/status/${jobId}\`` → `/video/status/abc%2F..`
 */
export function pathOf(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += encodePathSegment(value) + (strings[index + 1] ?? '')
  })
  return out
}

/** Joins a base URL and a path without losing the base's own path (`https://h/api` + `/x` → `https://h/api/x`). */
export function joinUrl(baseUrl: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return path
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}
