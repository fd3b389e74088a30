/**
 * The one polling engine. Drivers answer single polls; this decides when to ask again:
 *
 * 1. A server's `Retry-After` / `retry-after-ms` wins: wait exactly that (never less than
 *    `minIntervalMs`).
 * 2. Else a time-to-completion estimate: the server's ETA, or one derived from the progress
 *    rate (fraction per second between observations): poll just after it is due.
 * 3. Else, while queued, the rate at which the queue position falls predicts the start.
 * 4. Else how long jobs of the same kind took (`durations`, learnt by the client; or the
 *    submit's own estimate): polls step through those durations' quantiles, a
 *    `1 / learnedSteps` of them at a time (no finer than one sample), so they fall thick where
 *    jobs usually finish; past the longest, the steps grow from the last gap, never jumping
 *    straight to `maxIntervalMs`.
 * 5. Else exponential backoff with jitter between `initialIntervalMs` and `maxIntervalMs`.
 *
 * Delays from estimates and backoff are clamped to `[minIntervalMs, maxIntervalMs]`; a
 * `Retry-After` is honoured in full, however long. The engine (`Job`) sleeps on the injected
 * clock, ends every sleep the moment its signal aborts, and paces requests by a shared budget.
 */
import type { JobDurations } from './durations'
import type { JobSnapshot } from './job-types'
import type { OptionNames } from './options'
import type { RequestBudget } from './request-budget'
import type { TaskName } from './tasks'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

export interface PollingOptions {
  /** Never poll more often than this. Default 200 ms. */
  minIntervalMs: number
  /** Never wait longer than this between polls. Default 30 s. */
  maxIntervalMs: number
  /** First backoff delay when the server gives no hints. Default 1 s. */
  initialIntervalMs: number
  /** Backoff growth per hint-less poll. Default 1.5. */
  backoffFactor: number
  /** ±fraction of random spread on backoff delays, so many clients do not poll in step. Default 0.2. */
  jitter: number
  /** Added after an estimated completion time, to land just after it. Default 50 ms. */
  etaMarginMs: number
  /** Status requests one wait may make before giving up with a TimeoutError. Default unlimited. */
  maxRequests?: number
  /** A shared rate budget across jobs. */
  budget?: RequestBudget
  /** Polls that may fail in a row with transient errors (network, 5xx, 429) before the wait fails. Default 5. */
  maxConsecutiveErrors: number
  /**
   * Answers in a row whose status the driver does not know (`snapshot.unrecognisedStatus`)
   * before the wait fails with a `ResponseShapeError` naming the status. Default 10.
   */
  maxUnrecognisedStatuses: number
  /**
   * How long a job may be polled, from when this process submitted or resumed it, before its
   * watchers fail with a `TimeoutError` (the last poll lands on the deadline). Default: the
   * task's entry in `DEFAULT_JOB_DEADLINES_MS`; `false` or `Infinity` for none. A call's own
   * `timeoutMs` replaces it.
   */
  deadlineMs?: number | false
  /**
   * Durations of finished jobs, by kind (provider, task, model, size), learnt as this client's
   * jobs complete and used to schedule polls for jobs that give no ETA or progress.
   * `createAtelier` makes one per client; `false` turns learning off.
   */
  durations?: JobDurations | false
  /**
   * How many polls a job whose duration is known from earlier jobs gets across the spread of
   * those durations: the first lands where the fastest `1 / learnedSteps` of them had finished.
   * More finds a finished job sooner, at more requests. Default 16.
   */
  learnedSteps: number
  /** Randomness for jitter; tests inject a fixed one. */
  random?: () => number
}

/** Every name `PollingOptions` takes, for checking a `polling` object a caller passed (see `checkOptionNames`). */
export const POLLING_OPTION_NAMES = {
  minIntervalMs: true,
  maxIntervalMs: true,
  initialIntervalMs: true,
  backoffFactor: true,
  jitter: true,
  etaMarginMs: true,
  maxRequests: true,
  budget: true,
  maxConsecutiveErrors: true,
  maxUnrecognisedStatuses: true,
  deadlineMs: true,
  durations: true,
  learnedSteps: true,
  random: true,
} as const satisfies OptionNames<PollingOptions>

export const DEFAULT_POLLING: PollingOptions = {
  minIntervalMs: 200,
  maxIntervalMs: 30_000,
  initialIntervalMs: 1_000,
  backoffFactor: 1.5,
  jitter: 0.2,
  etaMarginMs: 50,
  maxConsecutiveErrors: 5,
  maxUnrecognisedStatuses: 10,
  learnedSteps: 16,
}

/**
 * How long each task's jobs may be polled by default, so that no call polls forever (a job the
 * provider lost, a status word nobody knows). Generous on purpose: about ten times what a slow
 * provider takes on a busy day, so the limit only ends waits that were never going to finish.
 */
export const DEFAULT_JOB_DEADLINES_MS: Readonly<Record<TaskName, number>> = {
  'image.generate': 30 * MINUTE,
  'image.edit': 30 * MINUTE,
  'video.generate': 3 * HOUR,
  'model3d.generate': 2 * HOUR,
  'speech.generate': 30 * MINUTE,
  'dialogue.generate': 30 * MINUTE,
  'soundEffect.generate': 30 * MINUTE,
  'music.generate': HOUR,
  'transcription.create': 3 * HOUR,
  'vision.analyze': 30 * MINUTE,
  'vision.detect': 30 * MINUTE,
  'text.generate': 30 * MINUTE,
  'prompt.enhance': 10 * MINUTE,
}

/** The deadline in effect for a task's jobs: undefined for none. */
export function jobDeadlineMs(task: TaskName, options: PollingOptions): number | undefined {
  const deadline = options.deadlineMs ?? DEFAULT_JOB_DEADLINES_MS[task]
  return deadline === false || !Number.isFinite(deadline) ? undefined : Math.max(0, deadline)
}

/** One earlier observation, kept to estimate rates. */
export interface Observation {
  at: number
  snapshot: JobSnapshot<unknown>
}

/** What the engine remembers between polls of one job. */
export interface PollHistory {
  /** Polls in a row that gave no timing hint (drives the backoff exponent). */
  hintlessPolls: number
  /** Polls in a row past every known duration (drives the growth of the tail's steps). */
  tailPolls: number
  /** Oldest-first, capped. */
  observations: Observation[]
}

export function newPollHistory(): PollHistory {
  return { hintlessPolls: 0, tailPolls: 0, observations: [] }
}

/**
 * What the engine knows of a job's age and of how long jobs like it take; only for a job whose
 * submit this process saw (a resumed job's age is unknown).
 */
export interface JobTiming {
  /** Since the submit's answer arrived. */
  elapsedMs: number
  /** How long jobs of the same kind took, ascending (or the submit's own estimate, alone). */
  typicalMs: readonly number[]
}

const MAX_OBSERVATIONS = 8

/** Records a snapshot taken at `at` (clock ms). */
export function recordObservation(
  history: PollHistory,
  at: number,
  snapshot: JobSnapshot<unknown>,
): void {
  history.observations.push({ at, snapshot })
  if (history.observations.length > MAX_OBSERVATIONS) history.observations.shift()
}

/**
 * How long to wait before the next poll, given the latest snapshot and what came before. No
 * clock and no I/O (randomness injected), so schedules are easy to test; it does count
 * hint-less polls in `history`, which is what makes the backoff grow.
 */
export function pollIntervalFor(
  snapshot: JobSnapshot<unknown>,
  history: PollHistory,
  options: PollingOptions,
  timing?: JobTiming,
): {
  delayMs: number
  reason: 'retry-after' | 'eta' | 'progress-rate' | 'queue-rate' | 'learned' | 'backoff'
} {
  const clamp = (value: number) =>
    Math.min(options.maxIntervalMs, Math.max(options.minIntervalMs, value))
  const retryAfter = snapshot.hints?.retryAfterMs
  if (retryAfter !== undefined) {
    history.hintlessPolls = 0
    return { delayMs: Math.max(options.minIntervalMs, retryAfter), reason: 'retry-after' }
  }
  const serverEta =
    snapshot.hints?.etaMs ?? (snapshot.state === 'running' ? snapshot.progress?.etaMs : undefined)
  if (serverEta !== undefined && serverEta > 0) {
    history.hintlessPolls = 0
    return { delayMs: clamp(serverEta + options.etaMarginMs), reason: 'eta' }
  }
  const progressEta = etaFromProgressRate(history)
  if (progressEta !== undefined) {
    history.hintlessPolls = 0
    return { delayMs: clamp(progressEta + options.etaMarginMs), reason: 'progress-rate' }
  }
  const queueEta = etaFromQueueRate(history)
  if (queueEta !== undefined) {
    history.hintlessPolls = 0
    return { delayMs: clamp(queueEta), reason: 'queue-rate' }
  }
  if (timing && timing.typicalMs.length > 0) {
    history.hintlessPolls = 0
    return { delayMs: clamp(learnedDelay(timing, history, options)), reason: 'learned' }
  }
  const exponent = history.hintlessPolls++
  const base = options.initialIntervalMs * options.backoffFactor ** exponent
  const random = options.random ?? Math.random
  const spread = 1 + options.jitter * (random() * 2 - 1)
  return { delayMs: clamp(base * spread), reason: 'backoff' }
}

/**
 * Past the longest known duration, the first step is at least this share of the job's age (a
 * run of equal samples must not make it tiny) ...
 */
const TAIL_FIRST_STEP = 0.02
/**
 * ... and no step is longer than this share of it, so a job found late is found at most a
 * quarter of its own time late. The longest known duration is often not the kind's longest:
 * when many jobs of a kind start together, the short ones finish first and the long ones are
 * still running, so past it a job may have far to go; steps of a quarter of its age reach
 * 2 s → 120 s in about 18 polls, where blind backoff (half the age) takes 10 and may be half
 * the job's time late.
 */
const TAIL_LONGEST_STEP = 0.25

/**
 * The wait until the next quantile step of the known durations: from where the job's age sits
 * among them (by linear interpolation between the sorted samples), `1 / learnedSteps` further
 * on. Past the longest one, the job is slower than any seen: the steps start at the last
 * quantile step's width and grow by `backoffFactor` each poll, within the two shares of the
 * job's age above, so no single step overshoots by much.
 */
function learnedDelay(timing: JobTiming, history: PollHistory, options: PollingOptions): number {
  const samples = timing.typicalMs
  const age = timing.elapsedMs
  // No finer than the samples themselves: two durations do not tell sixteen steps apart.
  const step = 1 / Math.max(1, Math.min(options.learnedSteps, samples.length))
  const longest = samples[samples.length - 1]!
  if (age < longest) {
    // Back in the body of the durations (not just behind a new longest one): steps start small again.
    if (age < quantileOf(samples, 1 - step)) history.tailPolls = 0
    const next = quantileOf(samples, Math.min(1, Math.max(0, rankOf(samples, age)) + step))
    return next - age + options.etaMarginMs
  }
  const lastStep = Math.max(longest - quantileOf(samples, 1 - step), TAIL_FIRST_STEP * age)
  const grown = lastStep * options.backoffFactor ** history.tailPolls++
  return Math.min(grown, TAIL_LONGEST_STEP * age)
}

/** The value at fraction `p` (0-1) of sorted samples, interpolated between neighbours. */
function quantileOf(samples: readonly number[], p: number): number {
  const position = p * (samples.length - 1)
  const below = Math.floor(position)
  if (below >= samples.length - 1) return samples[samples.length - 1]!
  const low = samples[below]!
  return low + (samples[below + 1]! - low) * (position - below)
}

/** Where `value` sits among sorted samples, 0-1 (the inverse of `quantileOf`); -1 below them all. */
function rankOf(samples: readonly number[], value: number): number {
  if (value < samples[0]!) return -1
  if (samples.length === 1) return 1
  let below = 0
  while (below < samples.length - 2 && samples[below + 1]! <= value) below++
  const low = samples[below]!
  const high = samples[below + 1]!
  const within = high > low ? Math.min(1, (value - low) / (high - low)) : 1
  return (below + within) / (samples.length - 1)
}

/** Time left, from the rate at which `progress.fraction` rose across running observations. */
function etaFromProgressRate(history: PollHistory): number | undefined {
  const running = history.observations.filter(
    (observation) =>
      observation.snapshot.state === 'running' &&
      observation.snapshot.progress?.fraction !== undefined,
  )
  if (running.length < 2) return undefined
  const first = running[0]!
  const last = running[running.length - 1]!
  const firstFraction = (first.snapshot as { progress: { fraction: number } }).progress.fraction
  const lastFraction = (last.snapshot as { progress: { fraction: number } }).progress.fraction
  const elapsed = last.at - first.at
  const gained = lastFraction - firstFraction
  if (elapsed <= 0 || gained <= 0) return undefined
  return Math.max(0, ((1 - lastFraction) * elapsed) / gained)
}

/** Time until the job starts, from the rate at which the queue position fell. */
function etaFromQueueRate(history: PollHistory): number | undefined {
  const queued = history.observations.filter(
    (observation) =>
      observation.snapshot.state === 'queued' && observation.snapshot.position !== undefined,
  )
  const last = history.observations[history.observations.length - 1]
  if (queued.length < 2 || last?.snapshot.state !== 'queued') return undefined
  const first = queued[0]!
  const latest = queued[queued.length - 1]!
  const moved =
    (first.snapshot as { position: number }).position -
    (latest.snapshot as { position: number }).position
  const elapsed = latest.at - first.at
  if (moved <= 0 || elapsed <= 0) return undefined
  const position = (latest.snapshot as { position: number }).position
  // Position 0 is next in line: it starts after roughly one more slot.
  return ((position + 1) * elapsed) / moved
}

/** Options merged over the defaults, validated once. */
export function resolvePollingOptions(
  ...layers: (Partial<PollingOptions> | undefined)[]
): PollingOptions {
  // Not `{ ...DEFAULT_POLLING }`: V8 gives a spread copy that then gains keys (`budget`) a hidden
  // class of its own, hundreds of bytes for every job; copies made this way share one.
  const merged: PollingOptions = Object.assign({}, DEFAULT_POLLING)
  for (const layer of layers) {
    if (!layer) continue
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value
    }
  }
  if (!(merged.minIntervalMs >= 0) || !(merged.maxIntervalMs >= merged.minIntervalMs)) {
    throw new RangeError('polling: need 0 <= minIntervalMs <= maxIntervalMs')
  }
  if (!(merged.learnedSteps >= 1)) {
    throw new RangeError(`polling: learnedSteps must be at least 1 (got ${merged.learnedSteps})`)
  }
  return merged
}
