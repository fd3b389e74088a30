/**
 * Keeping credentials out of everything atelier produces: error messages and bodies,
 * hook payloads, `toJSON` output. Drivers register the secrets they hold (API keys,
 * tokens) and every string that leaves the SDK passes through `redact`.
 */
import { MAX_ERROR_BODY_CHARS } from './errors'

export const REDACTED = '[redacted]'

/** Header names whose values are never shown. */
const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'set-cookie',
])

/** Query parameters that commonly carry keys, e.g. `?key=...` or `?api_key=...`. */
const SECRET_QUERY = /([?&](?:key|api[_-]?key|token|access[_-]?token|signature|sig)=)[^&#\s"']*/gi

/** Replaces each secret (4+ chars, to avoid masking everything) and secret-looking query values. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }
  return out.replace(SECRET_QUERY, `$1${REDACTED}`)
}

/** A body for an error: redacted, then cut to `MAX_ERROR_BODY_CHARS` with a marker saying how much was dropped. */
export function redactBody(text: string, secrets: readonly string[] = []): string {
  const clean = redact(text, secrets)
  if (clean.length <= MAX_ERROR_BODY_CHARS) return clean
  return `${clean.slice(0, MAX_ERROR_BODY_CHARS)}… [${clean.length - MAX_ERROR_BODY_CHARS} more characters]`
}

/** Header record safe to log: secret headers masked, other values redacted of known secrets. */
export function redactHeaders(
  headers: Headers | Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers)
  for (const [name, value] of entries) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redact(value, secrets)
  }
  return out
}
