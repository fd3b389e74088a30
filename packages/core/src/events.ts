/**
 * Hooks: what atelier tells your code while it works, for logging, tracing and usage or cost
 * accounting. Every payload is already redacted (no credentials in URLs or headers). A hook
 * that throws is ignored, so logging can never break a job.
 */
import type { AtelierError } from './errors'
import type { JobRef, JobSnapshot } from './job-types'
import type { Usage, Warning } from './tasks/shared'

export type RequestKind = 'read' | 'submit' | 'cancel' | 'write' | 'download'

export interface RequestEvent {
  provider: string
  method: string
  /** Redacted URL. */
  url: string
  kind: RequestKind
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number
  /** Redacted headers. */
  headers: Record<string, string>
  idempotencyKey?: string
}

export interface ResponseEvent {
  provider: string
  method: string
  url: string
  kind: RequestKind
  attempt: number
  status: number
  durationMs: number
  requestId?: string
}

export interface RetryEvent {
  provider: string
  method: string
  url: string
  kind: RequestKind
  /** The attempt about to be made (2 = first retry). */
  attempt: number
  delayMs: number
  error: AtelierError
}

export interface JobStateEvent {
  ref: JobRef
  snapshot: JobSnapshot<unknown>
  /** The state before this one; undefined for the first observation. */
  previousState?: JobSnapshot['state']
}

export interface UsageEvent {
  provider: string
  task: string
  model: string
  usage: Usage
  ref?: JobRef
}

export interface WarningEvent {
  provider: string
  task: string
  warning: Warning
}

/** The facade moved on from a provider to the next in a `model` list. */
export interface FallbackEvent {
  task: string
  /** `provider/model` that failed. */
  from: string
  /** `provider/model` tried next. */
  to: string
  error: AtelierError
}

export interface AtelierHooks {
  onRequest?(event: RequestEvent): void
  onResponse?(event: ResponseEvent): void
  onRetry?(event: RetryEvent): void
  onJobState?(event: JobStateEvent): void
  onUsage?(event: UsageEvent): void
  onWarning?(event: WarningEvent): void
  onFallback?(event: FallbackEvent): void
}

/** Calls a hook, swallowing whatever it throws. */
export function callHook<K extends keyof AtelierHooks>(
  hooks: AtelierHooks | undefined,
  name: K,
  event: Parameters<NonNullable<AtelierHooks[K]>>[0],
): void {
  const hook = hooks?.[name] as ((event: unknown) => void) | undefined
  if (!hook) return
  try {
    hook.call(hooks, event)
  } catch {
    // Hooks observe; they never change the outcome of a call.
  }
}

/** Several hook sets as one (the facade's and a call's own). */
export function mergeHooks(...sets: (AtelierHooks | undefined)[]): AtelierHooks | undefined {
  const present = sets.filter((set): set is AtelierHooks => set !== undefined)
  if (present.length <= 1) return present[0]
  const merged: AtelierHooks = {}
  const names: (keyof AtelierHooks)[] = [
    'onRequest',
    'onResponse',
    'onRetry',
    'onJobState',
    'onUsage',
    'onWarning',
    'onFallback',
  ]
  for (const name of names) {
    if (present.some((set) => set[name])) {
      merged[name] = ((event: never) => {
        for (const set of present) callHook(set, name, event)
      }) as never
    }
  }
  return merged
}
