/**
 * Reading a server's "ask again later" headers: `retry-after-ms` (milliseconds, used by
 * several AI APIs), `Retry-After` as seconds or as an HTTP date.
 */

/** Milliseconds to wait, or undefined when the headers say nothing usable. `now` is wall-clock ms. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms')
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds)
    if (Number.isFinite(value) && value >= 0) return value
  }
  const retryAfter = headers.get('retry-after')
  if (retryAfter === null || retryAfter.trim() === '') return undefined
  const seconds = Number(retryAfter)
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined
  const date = Date.parse(retryAfter)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Poll hints from a status response's headers, for drivers building a JobSnapshot. */
export function pollHintsFrom(headers: Headers, now?: number): { retryAfterMs?: number } {
  const wait = retryAfterMs(headers, now)
  return wait === undefined ? {} : { retryAfterMs: wait }
}
