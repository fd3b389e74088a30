/**
 * Reading a provider's status word. Providers spell the same five states many ways
 * (`COMPLETED`, `succeeded`, `success`, `IN_PROGRESS`, `cancelled`...) and add words their
 * documents never list. A driver that matched only the documented spelling would count a
 * finished job as running and poll it until someone gave up; one that threw would lose a job
 * the provider had done and billed.
 *
 * So a status is matched case-insensitively, with `-`, `_` and spaces treated alike, against the
 * driver's own words first and then a shared vocabulary of synonyms. A word neither knows is
 * reported as running with `unrecognisedStatus` set: the engine keeps polling for a while (the
 * next answer may well be a word it knows) and, after a bounded run of unknown answers
 * (`polling.maxUnrecognisedStatuses`), fails the wait with a `ResponseShapeError` that names the
 * word. The job's ref stays valid, so it can be resumed once the word is known.
 */
import type { JobState } from './job-types'

/** Non-terminal and terminal states a status word can name. */
export type StatusState = JobState

/** Words for each state, beyond the ones a driver's own table names. Normalised: lower case, `_` between words. */
export const STATUS_SYNONYMS: Readonly<Record<StatusState, readonly string[]>> = {
  queued: [
    'queued',
    'queue',
    'in_queue',
    'pending',
    'enqueued',
    'waiting',
    'submitted',
    'created',
    'accepted',
    'scheduled',
    'not_started',
    'starting',
  ],
  running: [
    'running',
    'in_progress',
    'processing',
    'started',
    'generating',
    'active',
    'working',
    'rendering',
    'uploading',
    'paused',
  ],
  completed: [
    'completed',
    'complete',
    'succeeded',
    'success',
    'successful',
    'done',
    'finished',
    'ready',
    'ok',
  ],
  failed: [
    'failed',
    'failure',
    'fail',
    'error',
    'errored',
    'rejected',
    'expired',
    'timed_out',
    'timeout',
  ],
  canceled: ['canceled', 'cancelled', 'cancel', 'aborted', 'stopped', 'revoked'],
}

/** A status word read: the state it names, the word as the provider wrote it, and whether it was known. */
export interface ReadStatus {
  state: StatusState
  /** The provider's word as it came (trimmed), for `snapshot.providerStatus`. */
  providerStatus: string
  /** False when neither the driver's words nor the synonyms know it: `state` is then `running`. */
  recognised: boolean
}

/** `IN-PROGRESS`, `In Progress` and `in_progress` are one word. */
export function normaliseStatus(word: string): string {
  return word
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

const SYNONYMS: ReadonlyMap<string, StatusState> = new Map(
  (Object.entries(STATUS_SYNONYMS) as [StatusState, readonly string[]][]).flatMap(
    ([state, words]) => words.map((word) => [word, state] as const),
  ),
)

/**
 * The state a provider's status names. `own` maps the driver's documented words (any spelling;
 * they are normalised) and wins over the shared synonyms, so a provider whose `paused` means
 * queued, say, can say so. A missing or non-text status is unrecognised (`providerStatus` is
 * then its JSON text, or empty).
 */
export function readStatus(
  status: unknown,
  own: Readonly<Record<string, StatusState>> = {},
): ReadStatus {
  const providerStatus =
    typeof status === 'string'
      ? status.trim()
      : status === undefined || status === null
        ? ''
        : JSON.stringify(status)
  const word = normaliseStatus(providerStatus)
  const state = ownState(own, word) ?? SYNONYMS.get(word)
  return state
    ? { state, providerStatus, recognised: true }
    : { state: 'running', providerStatus, recognised: false }
}

function ownState(
  own: Readonly<Record<string, StatusState>>,
  word: string,
): StatusState | undefined {
  for (const [key, state] of Object.entries(own)) {
    if (normaliseStatus(key) === word) return state
  }
  return undefined
}
