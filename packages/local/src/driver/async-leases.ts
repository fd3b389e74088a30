/**
 * GPU slots held by the sidecar's own async jobs (video, music). The slot is taken before
 * the job is submitted and given back when this process sees the job end — through a poll,
 * a cancel, or, when nobody is polling it, a watchdog that checks the job's status itself.
 * Without the watchdog, a job submitted and never awaited would hold the GPU forever.
 */
import type { GpuLease } from './gpu-queue'

interface Held {
  lease: GpuLease
  lastSeen: number
}

export class AsyncLeases {
  readonly #held = new Map<string, Held>()
  readonly #checkEveryMs: number
  readonly #isFinished: (key: string) => Promise<boolean>
  #timer: ReturnType<typeof setTimeout> | undefined

  /** `isFinished(key)` asks the sidecar whether the job is over (terminal or gone). */
  constructor(options: { checkEveryMs: number; isFinished: (key: string) => Promise<boolean> }) {
    this.#checkEveryMs = options.checkEveryMs
    this.#isFinished = options.isFinished
  }

  get size(): number {
    return this.#held.size
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

  /** The job ended (or was canceled): free its slot. */
  release(key: string): void {
    const held = this.#held.get(key)
    if (!held) return
    this.#held.delete(key)
    held.lease.release()
    if (this.#held.size === 0 && this.#timer) {
      clearTimeout(this.#timer)
      this.#timer = undefined
    }
  }

  #schedule(): void {
    if (this.#timer || this.#held.size === 0) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#check().finally(() => this.#schedule())
    }, this.#checkEveryMs)
    // Never keep a process alive just to watch the GPU.
    ;(this.#timer as { unref?: () => void }).unref?.()
  }

  async #check(): Promise<void> {
    const stale = [...this.#held].filter(
      ([, held]) => Date.now() - held.lastSeen >= this.#checkEveryMs,
    )
    for (const [key, held] of stale) {
      try {
        if (await this.#isFinished(key)) this.release(key)
        else held.lastSeen = Date.now()
      } catch {
        // The sidecar is unreachable: keep the slot; the next check tries again.
      }
    }
  }
}
