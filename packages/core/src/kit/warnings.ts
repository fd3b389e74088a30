/**
 * Warnings: what a driver tells the caller it could not honour exactly. Built here so every
 * driver words and shapes them the same way.
 */
import type { Warning } from '../tasks/shared'

/** The provider has no way to honour `option`; it was not sent. */
export function unsupportedOption(option: string, details?: string): Warning {
  return { type: 'unsupported-option', option, ...(details ? { details } : {}) }
}

/** The provider takes `option`, but not the value given; `details` says what was sent instead. */
export function adjustedOption(option: string, details?: string): Warning {
  return { type: 'adjusted-option', option, ...(details ? { details } : {}) }
}

/** Anything else worth knowing about the request. */
export function otherWarning(message: string): Warning {
  return { type: 'other', message }
}
