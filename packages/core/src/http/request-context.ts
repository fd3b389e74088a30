/**
 * The request context of a call made on behalf of a driver call: what `HttpClient` needs from
 * a `DriverContext` (its signal, hooks and request budget), and nothing else. Drivers that hand
 * a call's context on to their client build it here instead of spreading the fields by hand,
 * so a field the client learns to use (the budget was one) is not dropped along the way.
 */
import type { RequestContext } from './client'

/**
 * `context`'s signal, hooks, budget, submit key and headers, the absent ones left out. With `override`, its
 * `signal` replaces the call's own — another signal (one combined with the caller's), or
 * `undefined` for requests that must go out even when the call is aborted (a cancel's
 * clean-up, a later read of a result), which are still reported and paced.
 */
export function requestContextOf(
  context: RequestContext,
  override?: { signal: AbortSignal | undefined },
): RequestContext {
  const signal = override ? override.signal : context.signal
  return {
    ...(signal ? { signal } : {}),
    ...(context.hooks ? { hooks: context.hooks } : {}),
    ...(context.budget ? { budget: context.budget } : {}),
    ...(context.idempotencyKey ? { idempotencyKey: context.idempotencyKey } : {}),
    ...(context.headers ? { headers: context.headers } : {}),
  }
}
