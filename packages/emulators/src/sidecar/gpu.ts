/**
 * The emulated GPU: one model in VRAM, one piece of work at a time (or, with `gpus` > 1,
 * that many pieces at once, sharing the one loaded model).
 *
 * Like the real sidecar's VRAM manager (one `asyncio.Lock`, FIFO), the emulator accepts any number
 * of concurrent requests but runs their GPU work strictly one after another, in arrival order. Work for a model other
 * than the loaded one first swaps models, which takes `swapDelayMs` and is counted in
 * `state.swaps`. Keeping the GPU busy with one request at a time, and grouping work by model,
 * is the client's job; `state.maxConcurrentGenerations` and `state.swaps` let tests check it.
 *
 * Deviations from a real sidecar: no model runs, a swap is only a delay, and models are never
 * unloaded for being idle (the real VRAM manager unloads everything after 300 s idle).
 */
import {
  EmulatorResetError,
  type GpuRun,
  type ProgressChannel,
  type SidecarState,
  type SidecarTimings,
} from './context'
import { PyFloat, pyRound } from './pydantic'

export interface GpuHost {
  readonly state: SidecarState
  readonly timings: SidecarTimings
  sleep(ms: number): Promise<void>
  /** Pieces of GPU work that run at once (see `SidecarEmulatorOptions.gpus`). Default 1. */
  readonly gpus?: number
}

export class Gpu {
  /** Holders running now. */
  private running = 0
  /** Callers waiting for a free GPU, first in line first. */
  private waiting: (() => void)[] = []
  /** Bumped by `reset()`: work begun before a reset no longer touches the state. */
  private epoch = 0

  constructor(private readonly host: GpuHost) {}

  /** Forgets queued work: after a reset, earlier holders no longer block anyone. */
  reset(): void {
    this.epoch += 1
    this.running = 0
    const waiting = this.waiting
    this.waiting = []
    for (const wake of waiting) wake()
  }

  /**
   * Counts one unit of generation work in flight (a request being answered, or a job not yet
   * finished) and returns the function that ends it; calling that more than once is harmless.
   */
  begin(): () => void {
    const { state } = this.host
    const epoch = this.epoch
    state.activeGenerations += 1
    state.maxConcurrentGenerations = Math.max(
      state.maxConcurrentGenerations,
      state.activeGenerations,
    )
    let ended = false
    return () => {
      if (ended || epoch !== this.epoch) return
      ended = true
      state.activeGenerations = Math.max(0, state.activeGenerations - 1)
    }
  }

  /**
   * Waits for the GPU, loads `model` if another one is in VRAM, then runs `work` while holding
   * the GPU. `onAcquire` runs as soon as the GPU is this caller's, before any swap.
   */
  async use<T>(
    model: string,
    label: string,
    work: () => Promise<T>,
    onAcquire?: () => void,
  ): Promise<T> {
    const epoch = this.epoch
    const release = await this.acquire()
    try {
      if (epoch !== this.epoch) throw new EmulatorResetError()
      onAcquire?.()
      if (this.host.state.loadedModel !== model) await this.swapTo(model)
      const run: GpuRun = { model, label, startedAt: Date.now() }
      this.host.state.gpuRuns.push(run)
      try {
        return await work()
      } finally {
        run.finishedAt = Date.now()
      }
    } finally {
      release()
    }
  }

  /** Runs `total` denoising steps of `stepMs` each, reporting each finished step to `onStep`. */
  async steps(total: number, stepMs: number, onStep?: (step: number) => void): Promise<void> {
    for (let step = 1; step <= total; step++) {
      await this.host.sleep(stepMs)
      onStep?.(step)
    }
  }

  private async swapTo(model: string): Promise<void> {
    const { state, timings } = this.host
    state.swapping = { from: state.loadedModel, to: model }
    state.loadedModel = null
    await this.host.sleep(timings.swapDelayMs)
    state.swapping = null
    state.loadedModel = model
    state.swaps += 1
    state.modelLoads.push(model)
  }

  /** A FIFO semaphore of `gpus` slots: resolves with the release function once a slot is free. */
  private acquire(): Promise<() => void> {
    const epoch = this.epoch
    const slots = Math.max(1, this.host.gpus ?? 1)
    const granted = (): (() => void) => {
      // Woken by a reset: the caller sees the new epoch and gives up; it holds nothing.
      if (epoch !== this.epoch) return () => {}
      this.running += 1
      let released = false
      return () => {
        if (released || epoch !== this.epoch) return
        released = true
        this.running -= 1
        this.waiting.shift()?.()
      }
    }
    if (this.running < slots && this.waiting.length === 0) return Promise.resolve(granted())
    return new Promise((resolve) => {
      this.waiting.push(() => resolve(granted()))
    })
  }
}

/** `GenerationProgress.start()`: the object is this run's now, whoever had it before. */
export function progressStart(state: SidecarState, channel: ProgressChannel, total: number): void {
  Object.assign(state.progress[channel], {
    active: true,
    step: 0,
    totalSteps: total,
    startedAt: Date.now(),
  })
}

/** `GenerationProgress.update()`. */
export function progressUpdate(state: SidecarState, channel: ProgressChannel, step: number): void {
  state.progress[channel].step = step
}

/** `GenerationProgress.finish()`: idle again, whoever started it. */
export function progressFinish(state: SidecarState, channel: ProgressChannel): void {
  Object.assign(state.progress[channel], { active: false, step: 0, totalSteps: 0 })
}

/** `GenerationProgress.to_dict()`: the body of `GET /progress` and its siblings. */
export function progressBody(state: SidecarState, channel: ProgressChannel) {
  const record = state.progress[channel]
  if (!record.active) return { active: false }
  return {
    active: true,
    step: record.step,
    total_steps: record.totalSteps,
    percent: record.totalSteps > 0 ? pyRound((record.step / record.totalSteps) * 100) : 0,
    elapsed: new PyFloat(Math.round((Date.now() - record.startedAt) / 100) / 10),
  }
}

/** What a streaming producer gets: `send` enqueues a chunk, `stopped` tells it to give up. */
export interface StreamSink {
  send(chunk: Uint8Array): void
  /** True once the client went away (request aborted or body cancelled). */
  readonly stopped: boolean
}

/**
 * A response body produced while holding the GPU. The body starts at once; `produce` runs when
 * the GPU is this stream's (after a swap if needed) and sends chunks as it makes them. The
 * generation counts as in flight until the stream ends. A client that goes away frees the GPU
 * as soon as `produce` next looks at `stopped`; `onComplete` runs only if the stream finished.
 */
export function gpuStream(
  gpu: Gpu,
  request: Request,
  work: {
    model: string
    label: string
    produce(sink: StreamSink): Promise<void>
    onComplete?(): void
  },
): ReadableStream<Uint8Array> {
  const end = gpu.begin()
  let stopped = false
  const stop = () => {
    stopped = true
  }
  request.signal.addEventListener('abort', stop, { once: true })
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const sink: StreamSink = {
        send(chunk) {
          if (stopped) return
          try {
            controller.enqueue(chunk)
          } catch {
            stopped = true
          }
        },
        get stopped() {
          return stopped
        },
      }
      gpu
        .use(work.model, work.label, () => work.produce(sink))
        .then(
          () => {
            if (stopped) return
            work.onComplete?.()
            controller.close()
          },
          (error: unknown) => {
            if (!stopped) controller.error(error)
          },
        )
        .finally(() => {
          request.signal.removeEventListener('abort', stop)
          end()
        })
    },
    cancel: stop,
  })
}
