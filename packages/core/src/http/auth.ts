/**
 * Auth header builders. A driver takes one of these instead of a raw key, so the same
 * driver works with a key (server), a token function (short-lived tokens minted by your
 * backend) or a proxy that adds credentials itself (browser).
 */

/** A secret, or a function returning one (called per request; may refresh a token). */
export type SecretSource = string | (() => string | Promise<string>)

export interface AuthStrategy {
  /** Headers to add to a request to the provider's own API origin. Never sent elsewhere. */
  headers(): Promise<Record<string, string>>
}

async function resolveSecret(source: SecretSource): Promise<string> {
  return typeof source === 'function' ? await source() : source
}

/** `Authorization: Bearer <token>` */
export function bearerAuth(token: SecretSource): AuthStrategy {
  return {
    async headers() {
      return { authorization: `Bearer ${await resolveSecret(token)}` }
    },
  }
}

/** A key in a header of the provider's choosing, e.g. `X-API-Key`. */
export function headerAuth(headerName: string, key: SecretSource): AuthStrategy {
  return {
    async headers() {
      return { [headerName.toLowerCase()]: await resolveSecret(key) }
    },
  }
}

/** No credentials: a self-hosted sidecar, or a proxy that authenticates for you. */
export const noAuth: AuthStrategy = {
  async headers() {
    return {}
  },
}
