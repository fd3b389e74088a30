/**
 * GPU slots held by the sidecar's own async jobs (video, music). The slot is taken before the
 * job is submitted and given back when this process sees the job end. Nothing here keeps time:
 * a job is looked at when something asks —
 *
 * - a poll of the job (the engine's, while someone watches it) reports what it saw (`seen`);
 * - a cancel looks at it once (`check`);
 * - work that has to wait for a slot watches the held jobs while it waits (`watch`): through
 *   core's engine, as a job resumed from its ref, whose first poll is at once and whose next
 *   ones come on the engine's schedule until the job ends or the wait does. So a job nobody
 *   watches any more frees its slot for the next work, and a process with work waiting stays
 *   alive until it runs.
 *
 * The sidecar cannot stop a video or music job once it runs, so a job canceled here keeps its
 * slot until the server is really done with it; then its outputs are deleted (`abandon`).
 */
import type { Clock, Job, JobRef, RequestBudget } from '@atelier/core'
import type { RequestContext } from '@atelier/core/driver'

/** What the sidecar runs as its own jobs. */
export type JobKind = 'video' | 'music'

/** Something holding a GPU slot, released exactly once. */
export interface Releasable {
  release(): void
}

interface Held {
  ref: JobRef
  kind: JobKind
  slot: Releasable
  /** A status request in flight for it (a cancel's look): nobody asks twice at once. */
  checking: Promise<void> | undefined
  /** Set once the job was canceled here: run when the server is done with it. */
  cleanup: (() => Promise<void>) | undefined
  /** The engine's observer of the job while work waits for its slot. */
  watcher: Job<unknown> | undefined
}

/** Work waiting for a slot: watches every held job until its wait ends. */
interface Waiter {
  signal: AbortSignal
  clock: Clock
  /** The waiting call's request budget: the watching polls are its requests. */
  budget: RequestBudget | undefined
}

export interface HeldJobsOptions {
  /** One status request: whether the job is over (finished, failed or gone). */
  isOver(kind: JobKind, id: string, request: RequestContext): Promise<boolean>
  /**
   * The job of `ref` as core's engine observes it (`resumeJob` on this driver), on `clock`,
   * its polls paced by `budget` when there is one.
   */
  resume(ref: JobRef, clock: Clock, budget: RequestBudget | undefined): Job<unknown>
}

export class HeldJobs {
  readonly #held = new Map<string, Held>()
  readonly #waiters = new Set<Waiter>()
  readonly #options: HeldJobsOptions

  constructor(options: HeldJobsOptions) {
    this.#options = options
  }

  /** Jobs holding a slot here. */
  get size(): number {
    return this.#held.size
  }

  /** Whether this process holds a slot for the job, i.e. has not seen it end yet. */
  holds(kind: JobKind, id: string): boolean {
    return this.#held.has(keyOf(kind, id))
  }

  /** The job of `ref` was just submitted holding `slot`. Work already waiting watches it too. */
  hold(kind: JobKind, ref: JobRef, slot: Releasable): void {
    const held: Held = {
      ref,
      kind,
      slot,
      checking: undefined,
      cleanup: undefined,
      watcher: undefined,
    }
    this.#held.set(keyOf(kind, ref.id), held)
    for (const waiter of this.#waiters) this.#watch(held, waiter)
  }

  /** A poll looked at the job: when it is over, its slot is freed (after its cleanup). */
  seen(kind: JobKind, id: string, over: boolean): void {
    const held = this.#held.get(keyOf(kind, id))
    if (held && over) void this.#free(held)
  }

  /**
   * The job was canceled here while the server goes on: keep its slot until the server is done,
   * then run `cleanup` (delete its outputs) and free the slot.
   */
  abandon(kind: JobKind, id: string, cleanup: () => Promise<void>): void {
    const held = this.#held.get(keyOf(kind, id))
    if (held) held.cleanup = cleanup
  }

  /**
   * Looks at one held job now (one status request, made with `request`); frees its slot when
   * it is over.
   */
  check(kind: JobKind, id: string, request: RequestContext = {}): Promise<void> {
    const held = this.#held.get(keyOf(kind, id))
    if (!held) return Promise.resolve()
    held.checking ??= this.#options.isOver(kind, id, request).then(
      async (over) => {
        held.checking = undefined
        if (over) await this.#free(held)
      },
      () => {
        // The sidecar did not answer: keep the slot; the next look tries again.
        held.checking = undefined
      },
    )
    return held.checking
  }

  /**
   * Work is waiting for a slot until `signal` aborts: every held job (and every job held later
   * meanwhile) is watched through the engine until then, or until it ends, its polls paced by
   * the waiting call's `budget`.
   */
  watch(signal: AbortSignal, clock: Clock, budget?: RequestBudget): void {
    if (signal.aborted) return
    const waiter: Waiter = { signal, clock, budget }
    this.#waiters.add(waiter)
    signal.addEventListener('abort', () => this.#waiters.delete(waiter), { once: true })
    for (const held of this.#held.values()) this.#watch(held, waiter)
  }

  #watch(held: Held, waiter: Waiter): void {
    // One observer per job: however many waiters watch it, the engine runs one polling loop.
    held.watcher ??= this.#options.resume(held.ref, waiter.clock, waiter.budget)
    const watcher = held.watcher
    watcher.wait({ signal: waiter.signal }).catch(() => {
      // Over, or this wait ended. When the observer itself failed (the sidecar unreachable
      // through every retry), the next waiter starts a new one.
      if (!waiter.signal.aborted && held.watcher === watcher) held.watcher = undefined
    })
  }

  async #free(held: Held): Promise<void> {
    const key = keyOf(held.kind, held.ref.id)
    if (this.#held.get(key) !== held) return
    this.#held.delete(key)
    try {
      await held.cleanup?.()
    } catch {
      // Deleting outputs is a courtesy to the sidecar's disk; the slot is freed regardless.
    } finally {
      held.slot.release()
    }
  }
}

function keyOf(kind: JobKind, id: string): string {
  return `${kind}:${id}`
}
