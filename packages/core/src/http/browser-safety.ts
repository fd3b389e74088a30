/**
 * Keeping raw API keys out of browsers. A key placed in a page's JavaScript can be read by
 * every visitor, so the cloud drivers refuse a literal key when they run in a browser unless
 * the app opts in with `dangerouslyAllowBrowser: true` (e.g. an internal tool on a trusted
 * network). Safe alternatives work everywhere: a proxy `baseUrl` on your own server that adds
 * the key, custom `headers`, or a token function that fetches a short-lived token.
 */
import { UnsupportedError } from '../errors'
import type { SecretSource } from './auth'

/** True in a browser page or a browser web worker; false in Node, Bun, Deno and edge workers. */
export function isBrowserLike(): boolean {
  const scope = globalThis as {
    document?: unknown
    importScripts?: unknown
    WorkerGlobalScope?: unknown
  }
  if (typeof scope.document === 'object' && scope.document !== null) return true
  // Dedicated/shared web workers have importScripts; Cloudflare/edge workers do not.
  return typeof scope.WorkerGlobalScope === 'function' && typeof scope.importScripts === 'function'
}

export interface BrowserKeyOptions {
  /** Allow a literal API key in a browser anyway. Anyone who loads the page can read the key. */
  dangerouslyAllowBrowser?: boolean
}

/**
 * Throws when a literal key would be used in a browser without the explicit opt-in. A token
 * function is allowed (it can mint short-lived, scoped tokens); no key at all is allowed (a
 * proxy adds it).
 */
export function assertKeyAllowedHere(
  provider: string,
  key: SecretSource | undefined,
  options: BrowserKeyOptions = {},
  inBrowser: boolean = isBrowserLike(),
): void {
  if (typeof key !== 'string' || !inBrowser || options.dangerouslyAllowBrowser) return
  throw new UnsupportedError(
    `${provider}: refusing to use a literal API key in a browser, where every visitor could read it. ` +
      'Point baseUrl at a proxy on your server that adds the key, pass a token function that returns ' +
      'a short-lived token, or set dangerouslyAllowBrowser: true if you accept the risk.',
    { provider },
  )
}
