/**
 * GPU slots held by the sidecar's own async jobs (video, music). The slot is taken before the
 * job is submitted and given back when this process sees the job end. Nothing here keeps time
 * or waits: a job is looked at only when something asks —
 *
 * - a poll of the job (the engine's, while someone watches it) reports what it saw (`seen`);
 * - a cancel checks the job once (`check`);
 * - work that has to wait for a slot checks every held job once as it joins the line
 *   (`checkAll`), so a job nobody watches any more frees its slot for the next one;
 * - while that work keeps waiting and someone watches it, each progress reading the engine
 *   makes re-checks the held jobs not looked at for a while (`checkStale`).
 *
 * The sidecar cannot stop a video or music job once it runs, so a job canceled here keeps its
 * slot until the server is really done with it; then its outputs are deleted (`abandon`).
 */

/** What the sidecar runs as its own jobs. */
export type JobKind = 'video' | 'music'

/** Something holding a GPU slot, released exactly once. */
export interface Releasable {
  release(): void
}

interface Held {
  kind: JobKind
  id: string
  slot: Releasable
  /** When the job was last looked at (a poll or a check), on the caller's clock. */
  seenAt: number | undefined
  /** A status request in flight for it: nobody asks twice at once. */
  checking: Promise<void> | undefined
  /** Set once the job was canceled here: run when the server is done with it. */
  cleanup: (() => Promise<void>) | undefined
}

export interface HeldJobsOptions {
  /** One status request: whether the job is over (finished, failed or gone). */
  isOver(kind: JobKind, id: string): Promise<boolean>
}

export class HeldJobs {
  readonly #held = new Map<string, Held>()
  readonly #isOver: HeldJobsOptions['isOver']

  constructor(options: HeldJobsOptions) {
    this.#isOver = options.isOver
  }

  /** Jobs holding a slot here. */
  get size(): number {
    return this.#held.size
  }

  /** Whether this process holds a slot for the job, i.e. has not seen it end yet. */
  holds(kind: JobKind, id: string): boolean {
    return this.#held.has(keyOf(kind, id))
  }

  /** The job was just submitted holding `slot`. */
  hold(kind: JobKind, id: string, slot: Releasable, at: number): void {
    this.#held.set(keyOf(kind, id), {
      kind,
      id,
      slot,
      seenAt: at,
      checking: undefined,
      cleanup: undefined,
    })
  }

  /** A poll looked at the job: when it is over, its slot is freed (after its cleanup). */
  seen(kind: JobKind, id: string, over: boolean, at: number): void {
    const held = this.#held.get(keyOf(kind, id))
    if (!held) return
    held.seenAt = at
    if (over) void this.#free(held)
  }

  /**
   * The job was canceled here while the server goes on: keep its slot until the server is done,
   * then run `cleanup` (delete its outputs) and free the slot.
   */
  abandon(kind: JobKind, id: string, cleanup: () => Promise<void>): void {
    const held = this.#held.get(keyOf(kind, id))
    if (held) held.cleanup = cleanup
  }

  /** Looks at one held job now (one status request); frees its slot when it is over. */
  check(kind: JobKind, id: string, at: number): Promise<void> {
    const held = this.#held.get(keyOf(kind, id))
    return held ? this.#check(held, at) : Promise.resolve()
  }

  /** Looks at every held job once (work is about to wait for a slot). */
  checkAll(at: number): Promise<void> {
    return this.#checkWhere(() => true, at)
  }

  /** Looks at the held jobs nobody has looked at for `maxAgeMs` (work is still waiting). */
  checkStale(at: number, maxAgeMs: number): Promise<void> {
    return this.#checkWhere((held) => held.seenAt === undefined || at - held.seenAt >= maxAgeMs, at)
  }

  /** The held jobs, for diagnostics: kind, id and whether a cancel is waiting on them. */
  list(): { kind: JobKind; id: string; canceled: boolean }[] {
    return [...this.#held.values()].map((held) => ({
      kind: held.kind,
      id: held.id,
      canceled: held.cleanup !== undefined,
    }))
  }

  async #checkWhere(wanted: (held: Held) => boolean, at: number): Promise<void> {
    const chosen = [...this.#held.values()].filter(wanted)
    await Promise.all(chosen.map((held) => this.#check(held, at)))
  }

  #check(held: Held, at: number): Promise<void> {
    held.checking ??= this.#isOver(held.kind, held.id).then(
      async (over) => {
        held.seenAt = at
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

  async #free(held: Held): Promise<void> {
    const key = keyOf(held.kind, held.id)
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
