/**
 * Looking for a credential everywhere atelier lets text out: an error's message, `String()`,
 * stack, `toJSON()` and `JSON.stringify`, what `console.log` would print of it (its whole
 * cause chain and fields), every hook payload, and serialised job refs.
 */
import { inspect } from 'node:util'
import type { AtelierHooks } from '@atelier/core'

/** Every hook atelier calls, in the order it calls them, with its payload. */
export interface HookCall {
  name: keyof AtelierHooks
  event: unknown
}

/** Hooks that record every call (all seven). */
export function recordingHooks(): { hooks: AtelierHooks; calls: HookCall[] } {
  const calls: HookCall[] = []
  const record =
    (name: keyof AtelierHooks) =>
    (event: unknown): void => {
      calls.push({ name, event })
    }
  return {
    calls,
    hooks: {
      onRequest: record('onRequest'),
      onResponse: record('onResponse'),
      onRetry: record('onRetry'),
      onJobState: record('onJobState'),
      onUsage: record('onUsage'),
      onWarning: record('onWarning'),
      onFallback: record('onFallback'),
    },
  }
}

/** The texts an error shows to code and logs. */
export function errorTexts(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { 'String(value)': String(error) }
  const texts: Record<string, string> = {
    message: error.message,
    'String(error)': String(error),
    stack: error.stack ?? '',
    'JSON.stringify(error)': JSON.stringify(error) ?? '',
    // What console.log / a logger prints: every own field and the whole cause chain.
    'inspect(error)': inspect(error, { depth: 12 }),
  }
  const toJSON = (error as { toJSON?: () => unknown }).toJSON
  if (typeof toJSON === 'function') texts['toJSON()'] = JSON.stringify(toJSON.call(error))
  return texts
}

/** Where `secret` shows up among `texts`; [] when nowhere. */
export function leaksOf(secret: string, texts: Record<string, string>): string[] {
  return Object.entries(texts)
    .filter(([, text]) => text.includes(secret))
    .map(([where, text]) => {
      const at = text.indexOf(secret)
      return `${where}: …${text.slice(Math.max(0, at - 60), at + secret.length + 20)}…`
    })
}

/** The texts of every hook call: its JSON (errors by their `toJSON`) and its printed form. */
export function hookTexts(calls: readonly HookCall[]): Record<string, string> {
  const texts: Record<string, string> = {}
  calls.forEach((call, index) => {
    texts[`${call.name}#${index} JSON`] = JSON.stringify(call.event) ?? ''
    texts[`${call.name}#${index} inspect`] = inspect(call.event, { depth: 12 })
  })
  return texts
}
