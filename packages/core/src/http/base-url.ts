/**
 * The `baseUrl` check every driver runs when it is created. Without it, a URL missing its
 * scheme (`localhost:4201` parses as the scheme `localhost:`), a `ws://` URL or one holding
 * credentials is only found out on the first request, as a `fetch failed` two causes deep.
 */
import { ValidationError } from '../errors'

/** Hosts a bare `host:port` most likely means plain HTTP for: this machine and private networks. */
const LOCAL_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|\[::1\]|[^.:/]+\.(?:local|internal|lan))(?::\d+)?(?:\/|$)/i

/**
 * `value` as a URL when it is an absolute `http:` or `https:` URL with no credentials, query or
 * fragment; a ValidationError on `baseUrl` saying what is wrong (and the likely fix) otherwise.
 */
export function checkBaseUrl(provider: string, value: unknown): URL {
  const fail = (problem: string, fix?: string): never => {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
    const suggestion = fix ? `; did you mean ${JSON.stringify(fix)}?` : ''
    throw new ValidationError(
      [{ path: ['baseUrl'], message: `${problem}${suggestion}`, rule: 'invalid_url' }],
      { provider, message: `${provider}: baseUrl ${shown} ${problem}${suggestion}` },
    )
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return fail('is not a URL: it must be an absolute http:// or https:// URL')
  }
  const text = value.trim()
  if (/\s/.test(text)) {
    return fail('is not a URL: it must be an absolute http:// or https:// URL')
  }
  if (text.startsWith('/')) {
    return fail('is a path: put the server in front, as in http://localhost:4201/api')
  }
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
    // `localhost:4201` and `api.example.com/v1` have no scheme (the first even parses, as
    // scheme `localhost:`): name the one most likely meant.
    return fail(
      'has no http:// or https:// in front',
      `${LOCAL_HOST.test(text) ? 'http' : 'https'}://${text}`,
    )
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return fail('is not a valid URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const fix =
      url.protocol === 'ws:' || url.protocol === 'wss:'
        ? `${url.protocol === 'wss:' ? 'https' : 'http'}://${text.slice(url.protocol.length + 2)}`
        : undefined
    return fail(`uses ${url.protocol}, not http: or https:`, fix)
  }
  if (url.username || url.password) {
    // fetch refuses such URLs; credentials belong in `apiKey`/`auth`, where they are redacted.
    return fail('holds credentials (user:password@): pass them as apiKey or auth instead')
  }
  if (url.search || url.hash) {
    return fail(
      'has a query or fragment, which paths are not joined to',
      `${url.origin}${url.pathname}`,
    )
  }
  return url
}

/** The error for a driver whose `baseUrl` has no default and was not given. */
export function requiredBaseUrl(provider: string, what: string): ValidationError {
  return new ValidationError(
    [{ path: ['baseUrl'], message: `is required (${what})`, rule: 'required' }],
    { provider, message: `${provider}: baseUrl is required (${what})` },
  )
}
