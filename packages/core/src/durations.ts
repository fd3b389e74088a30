/**
 * How long jobs take, learnt from the jobs a client has seen finish. Many providers say nothing
 * while a job runs — no ETA, no progress (the sidecar keeps video progress at 0; Bria's status
 * is a bare "pending") — but the same model with the same settings takes about the same time
 * from one job to the next. So the engine keeps the last durations of each kind of job
 * (provider, task, model and the input's size: `jobDurationKey`) and polls where those
 * durations say the job is likely to finish, instead of backing off blind.
 *
 * Small on purpose: a bounded number of kinds (the least recently used is dropped), a bounded
 * ring of samples per kind, plain numbers, no timers. A store is plain JSON (`toJSON`), so a
 * server can keep what it learnt across restarts (`createJobDurations({ samples })`).
 */
import type { TaskName } from './tasks'

export interface JobDurations {
  /** Records that a job of this kind took `durationMs` from its submit to its completion. */
  record(key: string, durationMs: number): void
  /** The recent durations of this kind of job, ascending; empty when none were seen. */
  samples(key: string): readonly number[]
  /** Every kind and its recent durations (oldest first): feed it back to `createJobDurations`. */
  toJSON(): Record<string, number[]>
}

export interface JobDurationsOptions {
  /** Durations kept per kind of job, the most recent. Default 32. */
  samplesPerKind?: number
  /** Kinds of job remembered; the least recently used is forgotten first. Default 256. */
  maxKinds?: number
  /** What an earlier store learnt (its `toJSON()`); invalid entries are skipped. */
  samples?: Record<string, readonly number[]>
}

/** The kind of a job, for learning its duration: the same provider, task, model and size. */
export function jobDurationKey(provider: string, task: TaskName, input: unknown): string {
  const fields = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >
  const model = typeof fields.model === 'string' ? fields.model : ''
  // What makes one job of a model take longer than another: how much it makes. Other settings
  // (prompts, seeds, voices) barely move a GPU's time and would split what is learnt too thin.
  const size = SIZE_FIELDS.map((name) => shapeOf(fields[name]))
    .filter((part) => part !== '')
    .join(',')
  return [provider, task, model, size].filter((part) => part !== '').join(' ')
}

const SIZE_FIELDS = [
  'size',
  'resolution',
  'aspectRatio',
  'durationSeconds',
  'quality',
  'n',
  'steps',
] as const

function shapeOf(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  if (typeof value === 'object' && value !== null) {
    const { width, height } = value as { width?: unknown; height?: unknown }
    if (typeof width === 'number' && typeof height === 'number') return `${width}x${height}`
  }
  return ''
}

export function createJobDurations(options: JobDurationsOptions = {}): JobDurations {
  const perKind = options.samplesPerKind ?? 32
  const maxKinds = options.maxKinds ?? 256
  if (!Number.isInteger(perKind) || perKind < 1) {
    throw new RangeError(`samplesPerKind must be a positive integer (got ${perKind})`)
  }
  if (!Number.isInteger(maxKinds) || maxKinds < 1) {
    throw new RangeError(`maxKinds must be a positive integer (got ${maxKinds})`)
  }
  return new RecentDurations(perKind, maxKinds, options.samples)
}

/** One kind's samples: a ring of recent durations, and the same sorted, made when first asked. */
interface Kind {
  recent: number[]
  /** Where the next sample goes once the ring is full. */
  next: number
  sorted: number[] | undefined
}

class RecentDurations implements JobDurations {
  /** In least-recently-used order: a kind is moved to the end each time it is recorded. */
  readonly #kinds = new Map<string, Kind>()
  readonly #perKind: number
  readonly #maxKinds: number

  constructor(
    perKind: number,
    maxKinds: number,
    samples: Record<string, readonly number[]> | undefined,
  ) {
    this.#perKind = perKind
    this.#maxKinds = maxKinds
    for (const [key, durations] of Object.entries(samples ?? {})) {
      if (!Array.isArray(durations)) continue
      for (const duration of durations) this.record(key, duration)
    }
  }

  record(key: string, durationMs: number): void {
    if (!(durationMs >= 0) || !Number.isFinite(durationMs)) return
    let kind = this.#kinds.get(key)
    if (kind) {
      this.#kinds.delete(key)
    } else {
      kind = { recent: [], next: 0, sorted: undefined }
      if (this.#kinds.size >= this.#maxKinds) {
        this.#kinds.delete(this.#kinds.keys().next().value as string)
      }
    }
    this.#kinds.set(key, kind)
    if (kind.recent.length < this.#perKind) {
      kind.recent.push(durationMs)
    } else {
      kind.recent[kind.next] = durationMs
      kind.next = (kind.next + 1) % this.#perKind
    }
    kind.sorted = undefined
  }

  samples(key: string): readonly number[] {
    const kind = this.#kinds.get(key)
    if (!kind) return EMPTY
    kind.sorted ??= [...kind.recent].sort((a, b) => a - b)
    return kind.sorted
  }

  toJSON(): Record<string, number[]> {
    // `fromEntries`, not assignment: a kind named `__proto__` stays an own key.
    return Object.fromEntries(
      [...this.#kinds].map(([key, kind]) => [
        key,
        [...kind.recent.slice(kind.next), ...kind.recent.slice(0, kind.next)],
      ]),
    )
  }
}

const EMPTY: readonly number[] = Object.freeze([])
