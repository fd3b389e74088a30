/**
 * GPU slots held by the sidecar's own async jobs (video, music). The slot is taken before
 * the job is submitted and given back when this process sees the job end: through a poll, or
 * through a watchdog that checks the job's status itself when nobody is polling it.
 *
 * The sidecar cannot stop a video or music job once it runs, so a job canceled here keeps its
 * slot until the server is really done with it; then its outputs are deleted (`abandon`).
 *
 * The watchdog's timer does not keep a process alive on its own: a script that submits a job
 * and exits should exit. But while other work waits for a slot (`busy()`), the watchdog checks
 * often and keeps the process alive, since that work can only start when a held job ends.
 */
import type { GpuLease } from './gpu-queue'

interface Held {
  lease: GpuLease
  lastSeen: number
  /** Set once the job was canceled here: run when the server is done with it. */
  cleanup?: () => Promise<void>
}

export interface AsyncLeasesOptions {
  /** How often an unwatched job is checked while nobody waits for the GPU. */
  checkEveryMs: number
  /** How often held jobs are checked while other work waits for a slot. */
  busyCheckEveryMs: number
  /** Whether other work waits for a slot. */
  busy: () => boolean
  /** Asks the sidecar whether the job is over (terminal or gone). */
  isFinished: (key: string) => Promise<boolean>
}

export class AsyncLeases {
  readonly #held = new Map<string, Held>()
  readonly #options: AsyncLeasesOptions
  #timer: ReturnType<typeof setTimeout> | undefined
  #timerBusy = false
  #checking = false

  constructor(options: AsyncLeasesOptions) {
    this.#options = options
  }

  get size(): number {
    return this.#held.size
  }

  /** Whether `key` is held, i.e. this process has not seen the job end yet. */
  holds(key: string): boolean {
    return this.#held.has(key)
  }

  hold(key: string, lease: GpuLease): void {
    this.#held.set(key, { lease, lastSeen: Date.now() })
    this.#schedule()
  }

  /** A poll saw the job still running. */
  touch(key: string): void {
    const held = this.#held.get(key)
    if (held) held.lastSeen = Date.now()
  }

  /** The job ended: free its slot (after its cleanup, when it was canceled). */
  async release(key: string): Promise<void> {
    const held = this.#held.get(key)
    if (!held) return
    this.#held.delete(key)
    try {
      await held.cleanup?.().catch(() => {
        // Deleting outputs is a courtesy to the sidecar's disk; the slot is freed regardless.
      })
    } finally {
      held.lease.release()
      if (this.#held.size === 0) this.#stop()
    }
  }

  /**
   * The job was canceled here while the server goes on: keep its slot until the server is done,
   * then run `cleanup` (delete its outputs) and free the slot.
   */
  abandon(key: string, cleanup: () => Promise<void>): void {
    const held = this.#held.get(key)
    if (!held) return
    held.cleanup = cleanup
    held.lastSeen = 0
    this.#schedule()
  }

  /** Someone started waiting for a slot: check the holders soon, and stay alive meanwhile. */
  wake(): void {
    if (this.#held.size === 0 || (this.#timer && this.#timerBusy)) return
    this.#stop()
    this.#schedule()
  }

  #stop(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #schedule(): void {
    if (this.#timer || this.#checking || this.#held.size === 0) return
    const busy = this.#options.busy()
    this.#timerBusy = busy
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined
        this.#checking = true
        void this.#check().finally(() => {
          this.#checking = false
          this.#schedule()
        })
      },
      busy ? this.#options.busyCheckEveryMs : this.#options.checkEveryMs,
    )
    // Never keep a process alive just to watch the GPU; only for work waiting on it.
    if (!busy) (this.#timer as { unref?: () => void }).unref?.()
  }

  async #check(): Promise<void> {
    const every = this.#options.busy() ? this.#options.busyCheckEveryMs : this.#options.checkEveryMs
    const stale = [...this.#held].filter(([, held]) => Date.now() - held.lastSeen >= every)
    for (const [key, held] of stale) {
      try {
        if (await this.#options.isFinished(key)) await this.release(key)
        else held.lastSeen = Date.now()
      } catch {
        // The sidecar is unreachable: keep the slot; the next check tries again.
      }
    }
  }
}
