/**
 * What went wrong when a request got no answer, in words. `fetch` rejects with a bare
 * `TypeError: fetch failed` (Node) or `Failed to fetch` (browsers); the real reason, where the
 * runtime gives one, sits a cause or two deeper (`ECONNREFUSED 127.0.0.1:4201`,
 * `ENOTFOUND host`, a TLS code). This digs it out and says what to check.
 */

export interface ConnectionFailure {
  /** The runtime's code, e.g. `ECONNREFUSED`, `ENOTFOUND`, `ERR_SSL_WRONG_VERSION_NUMBER`. */
  code: string | undefined
  /** The reason in words, with the code and address: `connection refused (ECONNREFUSED 127.0.0.1:4201)`. */
  reason: string
  /** What to check next, when the code says. */
  hint: string | undefined
}

export interface FailureTarget {
  /** The URL requested. */
  url: string
  /** The API's base URL, when the URL is on its origin (a download from elsewhere has none). */
  baseUrl: string | undefined
  /** What listens there, e.g. `the Silly Media sidecar`; "the server" when unset. */
  serverName: string | undefined
}

/** Certificate codes from Node's TLS layer (OpenSSL's verify results). */
const CERTIFICATE_CODE = /CERT|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET)|ALTNAME/
/** Other TLS failures: a handshake with something that does not speak TLS, or an old one. */
const TLS_CODE = /^(?:ERR_SSL_|ERR_TLS_|EPROTO$)/

interface Found {
  code: string | undefined
  message: string | undefined
  address: string | undefined
}

/** The innermost error with a code (or, failing that, a message) in the cause chain. */
function dig(thrown: unknown): Found {
  const found: Found = { code: undefined, message: undefined, address: undefined }
  let current: unknown = thrown
  for (let depth = 0; depth < 8 && current && typeof current === 'object'; depth++) {
    const error = current as {
      code?: unknown
      message?: unknown
      address?: unknown
      port?: unknown
      hostname?: unknown
      errors?: unknown
      cause?: unknown
    }
    if (typeof error.code === 'string') {
      found.code = error.code
      found.message = typeof error.message === 'string' ? error.message : found.message
      const host = typeof error.address === 'string' ? error.address : error.hostname
      if (typeof host === 'string') {
        found.address = typeof error.port === 'number' ? `${host}:${error.port}` : host
      }
    } else if (found.code === undefined && typeof error.message === 'string') {
      found.message = error.message
    }
    // A refused dual-stack connect is an AggregateError of one error per address: the first speaks for all.
    const next =
      Array.isArray(error.errors) && error.errors.length > 0 && error.cause === undefined
        ? error.errors[0]
        : error.cause
    current = next
  }
  return found
}

/** The reason a request got no answer, and a hint where the code says what to check. */
export function describeConnectionFailure(
  thrown: unknown,
  target: FailureTarget,
): ConnectionFailure {
  const { code, message, address } = dig(thrown)
  const url = new URL(target.url)
  const where = target.baseUrl ?? url.origin
  const server = target.serverName ?? 'the server'
  const checkBaseUrl = target.baseUrl ? ', or set baseUrl to where it listens' : ''
  // Bun names a refusal `ConnectionRefused`; Deno gives only the words.
  const kind =
    code === 'ConnectionRefused' || (!code && /connection refused/i.test(message ?? ''))
      ? 'ECONNREFUSED'
      : code
  const tagged = (words: string, hint?: string): ConnectionFailure => ({
    code,
    reason: `${words} (${[code, address ?? url.host].filter(Boolean).join(' ')})`,
    hint,
  })
  switch (kind) {
    case 'ECONNREFUSED':
      return tagged(
        'connection refused',
        `Nothing is listening there: is ${server} running at ${where}? Start it${checkBaseUrl}.`,
      )
    case 'ENOTFOUND':
      return tagged(
        'host not found',
        `Check the host name${target.baseUrl ? ' in baseUrl' : ''} and this machine's DNS.`,
      )
    case 'EAI_AGAIN':
      return tagged('DNS lookup failed for now', 'Check the network and DNS, then try again.')
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return tagged(
        'connecting timed out',
        `Is ${url.host} reachable from here (firewall, VPN, the right port)?`,
      )
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return tagged('network unreachable', `Is ${url.host} reachable from here?`)
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return tagged(
        'the connection was closed before an answer',
        `${server[0]!.toUpperCase()}${server.slice(1)} or a proxy in between dropped it.`,
      )
  }
  if (code && CERTIFICATE_CODE.test(code)) {
    return tagged(
      `TLS certificate refused${message ? `: ${message.trim()}` : ''}`,
      `The certificate of ${url.host} is not trusted here: fix it, or give Node its CA (NODE_EXTRA_CA_CERTS).`,
    )
  }
  if (code && TLS_CODE.test(code)) {
    return tagged(
      'TLS handshake failed',
      url.protocol === 'https:'
        ? `Does ${url.host} speak plain HTTP? Then use http://${url.host}${target.baseUrl ? ' in baseUrl' : ''}.`
        : undefined,
    )
  }
  if (code) return tagged(message?.trim() || 'network error')
  // Browsers give no reason at all, by design: the page may not learn why another origin failed.
  if (message && /failed to fetch|networkerror|load failed/i.test(message)) {
    return {
      code,
      reason: `${message}: the browser gives no reason (a refused connection, DNS, TLS or CORS)`,
      hint: `The browser's network panel says which; for CORS, ${url.origin} must allow this page's origin.`,
    }
  }
  return { code, reason: message?.trim() || 'network error', hint: undefined }
}
