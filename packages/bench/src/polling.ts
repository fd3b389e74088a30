/**
 * Polling efficiency: 200 asynchronous jobs whose durations spread from 2 s to 120 s
 * (log-uniform: many short jobs, a few long ones), on each provider style, observed by
 * atelier's engine and by the fixed-interval loops other SDKs use by default.
 *
 * Time is scaled by `SCALE`: every job duration, every fixed interval and every polling
 * option of atelier (`minIntervalMs`, `initialIntervalMs`, `maxIntervalMs`, `etaMarginMs`,
 * and the local driver's `busyLeaseCheckMs`) is multiplied by it; lags are divided by it again
 * before they are printed, so every figure is in real time.
 *
 * - atelier: the facade (`ai.<task>.submit()` then `job.wait()`), with each driver's own
 *   polling defaults, scaled.
 * - fixed intervals: the same job submitted the same way, then the poll of the same driver's
 *   task handler in a plain loop — sleep, poll, until a terminal state — as fal-js and
 *   replicate-javascript (500 ms), the Vercel AI SDK's video helper (5 s) and Runway's SDK
 *   (6 s ± 1.5 s, uniformly) do.
 *
 * Requests are counted by a `fetch` wrapper handed to the driver: status requests (status
 * routes, and Canary's result read), event streams (Canary's `/api/llm/queue/stream`).
 * Detection lag is the time from the server's completion (read from the emulator's job state)
 * to `wait()` resolving, or to the fixed loop seeing `completed`.
 */

import { EventEmitter, setMaxListeners } from 'node:events'
import { performance } from 'node:perf_hooks'
import { canary } from '@atelier/canary'
import {
  type Driver,
  isTerminal,
  type JobRef,
  type PollingOptions,
  systemClock,
} from '@atelier/core'
import { resolvePollingOptions, taskHandler } from '@atelier/core/driver'
import {
  createCanaryEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  serve,
  serveOnysoftEmulator,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import { visionStudio } from '@atelier/vision-studio'
import { createAtelier } from 'atelier'
import { markdownTable, percentile } from './report'

/** Real time → bench time. 120 s jobs take 12 s. */
const SCALE = 0.1
const JOBS = 200
const MIN_DURATION_MS = 2_000
const MAX_DURATION_MS = 120_000
/** Canary jobs processed at once: the rest wait in its queue with a position. */
const CANARY_WORKERS = 100
/** A run that has not finished after this long (bench time) is cut short; its jobs count as undetected. */
const RUN_DEADLINE_MS = 400_000 * SCALE

type StrategyId = 'atelier' | 'atelier-polling' | 'every-500ms' | 'every-5s' | 'every-6s'

interface Strategy {
  id: StrategyId
  label: string
  /** The next sleep of a fixed loop, in real ms; absent for atelier's engine. */
  interval?: () => number
}

const STRATEGIES: Strategy[] = [
  { id: 'atelier', label: 'atelier' },
  { id: 'every-500ms', label: 'every 500 ms (fal-js, replicate)', interval: () => 500 },
  { id: 'every-5s', label: 'every 5 s (Vercel AI SDK video)', interval: () => 5_000 },
  {
    id: 'every-6s',
    label: 'every 6 s ± 1.5 s (Runway)',
    interval: () => 4_500 + Math.random() * 3_000,
  },
]

/** Job durations (real ms): log-uniform quantiles over 2-120 s, in a fixed shuffled order. */
export function jobDurations(count = JOBS): number[] {
  const ratio = MAX_DURATION_MS / MIN_DURATION_MS
  const durations = Array.from(
    { length: count },
    (_, index) => MIN_DURATION_MS * ratio ** (count === 1 ? 0 : index / (count - 1)),
  )
  let state = 11
  const random = () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  for (let index = durations.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    const swap = durations[index]!
    durations[index] = durations[other]!
    durations[other] = swap
  }
  return durations.map(Math.round)
}

interface Counts {
  status: number
  stream: number
  submit: number
  other: number
}

/** A `fetch` that counts what goes out, by kind of request. */
function countingFetch(): { fetch: typeof fetch; counts: Counts } {
  const counts: Counts = { status: 0, stream: 0, submit: 0, other: 0 }
  const counted: typeof fetch = (input, init) => {
    const request = input instanceof Request ? input : undefined
    const url = new URL(request ? request.url : String(input))
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase()
    if (url.pathname.endsWith('/queue/stream')) counts.stream++
    else if (url.pathname.includes('/status') || url.pathname.endsWith('/queue/result'))
      counts.status++
    else if (method === 'POST') counts.submit++
    else counts.other++
    return fetch(input, init)
  }
  return { fetch: counted, counts }
}

/** A driver's polling defaults over the engine's, with every duration multiplied by `SCALE`. */
function scaledPolling(driverDefaults: Partial<PollingOptions> | undefined) {
  const base = resolvePollingOptions(driverDefaults)
  return {
    minIntervalMs: base.minIntervalMs * SCALE,
    initialIntervalMs: base.initialIntervalMs * SCALE,
    maxIntervalMs: base.maxIntervalMs * SCALE,
    etaMarginMs: base.etaMarginMs * SCALE,
  }
}

/** What the bench needs of a submitted job (any task's `Job`). */
interface PendingJob {
  readonly id: string
  readonly ref: JobRef
  wait(options: { timeoutMs?: number }): Promise<unknown>
}

/** One provider, ready for one run: a fresh emulator and a client pointed at it. */
interface Environment {
  driver: Driver
  counts: Counts
  /** Submits job `index`, which the server will take `durationMs` (bench time) to process. */
  submit(index: number, durationMs: number): Promise<PendingJob>
  /** `Date.now()` when the server completed the job, if it has. */
  completedAt(job: PendingJob): number | undefined
  close(): Promise<void>
}

interface Provider {
  id: string
  label: string
  strategies: Strategy[]
  start(strategy: StrategyId): Promise<Environment>
}

const PROVIDERS: Provider[] = [
  {
    id: 'sidecar',
    label: 'sidecar (progress + ETA)',
    strategies: STRATEGIES,
    async start() {
      const emulator = createSidecarEmulator({
        timeScale: SCALE,
        gpus: JOBS,
        initialModel: 'hunyuan-video',
        swapDelayMs: 0,
      })
      const server = await serve(emulator.handler)
      const { fetch, counts } = countingFetch()
      const probe = local({ baseUrl: server.url })
      const driver = local({
        baseUrl: server.url,
        fetch,
        concurrency: JOBS,
        busyLeaseCheckMs: 1_000 * SCALE,
      })
      const ai = createAtelier({ providers: [driver], polling: scaledPolling(probe.polling) })
      return {
        driver,
        counts,
        async submit(index, durationMs) {
          emulator.timings.videoJobMs = durationMs
          return ai.video.submit({ model: 'local/hunyuan-video', prompt: `job ${index}` })
        },
        completedAt: (job) => emulator.state.videoJobs.get(job.id)?.finishedAt,
        close: () => server.close(),
      }
    },
  },
  {
    id: 'canary',
    label: 'Canary (queue position + SSE)',
    strategies: [
      STRATEGIES[0]!,
      { id: 'atelier-polling', label: 'atelier, SSE off (`eventStream: false`)' },
      ...STRATEGIES.slice(1),
    ],
    async start(strategy) {
      const emulator = createCanaryEmulator({ timeScale: SCALE, workers: CANARY_WORKERS })
      const server = await serve(emulator.handler)
      const { fetch, counts } = countingFetch()
      const polling = scaledPolling(canary({ baseUrl: server.url, apiKey: 'x' }).polling)
      const driver = canary({
        baseUrl: server.url,
        apiKey: 'clk_live_bench',
        fetch,
        polling,
        eventStream: strategy !== 'atelier-polling',
      })
      const ai = createAtelier({ providers: [driver], polling })
      return {
        driver,
        counts,
        async submit(index, durationMs) {
          emulator.settings.processingMs.image = durationMs
          return ai.image.submit({
            model: 'canary/gpt-image-1',
            prompt: `job ${index}`,
            size: { width: 16, height: 16 },
          })
        },
        completedAt: (job) => {
          const at = emulator.state.jobs.get(job.id)?.completedAt
          return at ? Date.parse(at) : undefined
        },
        close: () => server.close(),
      }
    },
  },
  {
    id: 'onysoft',
    label: 'Onysoft (status only, no hints)',
    strategies: STRATEGIES,
    async start() {
      const served = await serveOnysoftEmulator({ timeScale: SCALE, pendingMs: 0 })
      const { fetch, counts } = countingFetch()
      const options = { baseUrl: served.url, apiKey: 'sk-ony-bench' }
      const driver = onysoft({ ...options, fetch })
      const ai = createAtelier({
        providers: [driver],
        polling: scaledPolling(onysoft(options).polling),
      })
      return {
        driver,
        counts,
        async submit(index, durationMs) {
          served.emulator.timings.processingMs = durationMs
          return ai.image.submit({ model: 'onysoft/google/imagen4', prompt: `job ${index}` })
        },
        completedAt: (job) => {
          const task = served.emulator.state.tasks.get(job.id)
          return task ? task.createdAt + task.pendingMs + task.processingMs : undefined
        },
        close: () => served.close(),
      }
    },
  },
  {
    id: 'vision-studio',
    label: 'Vision Studio (Bria / Firefly / Runway status)',
    strategies: STRATEGIES,
    async start() {
      const emulator = createVisionStudioEmulator({ taskQueuedMs: 0, syncMs: 0 })
      const server = await serve(emulator.handler)
      const { fetch, counts } = countingFetch()
      const options = { baseUrl: server.url, apiKey: 'bench' }
      const driver = visionStudio({ ...options, fetch })
      const ai = createAtelier({
        providers: [driver],
        polling: scaledPolling(visionStudio(options).polling),
      })
      // A third of the jobs on each provider's status route.
      const models = [
        'vision-studio/bria/3.2',
        'vision-studio/firefly/image3',
        'vision-studio/runway/gen4_image',
      ]
      return {
        driver,
        counts,
        async submit(index, durationMs) {
          emulator.timings.taskRunMs = durationMs
          return ai.image.submit({ model: models[index % models.length]!, prompt: `job ${index}` })
        },
        completedAt: (job) => {
          const task = emulator.state.tasks.get(job.id)
          return task ? task.createdAt + task.queuedMs + task.runMs : undefined
        },
        close: () => server.close(),
      }
    },
  },
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the fixed-interval SDKs do: sleep, poll once, until the job is over. */
async function fixedLoop(
  driver: Driver,
  ref: JobRef,
  interval: () => number,
  deadline: number,
): Promise<boolean> {
  const handler = taskHandler(driver, ref.task)
  if (!handler?.poll) throw new Error(`${driver.id} cannot poll ${ref.task} jobs`)
  const context = { clock: systemClock }
  while (Date.now() < deadline) {
    await sleep(interval() * SCALE)
    const snapshot = await handler.poll(ref, context)
    if (isTerminal(snapshot)) return snapshot.state === 'completed'
  }
  return false
}

interface RunFigures {
  provider: string
  strategy: StrategyId
  jobs: number
  detected: number
  statusRequestsPerJob: number
  streamsPerJob: number
  /** Real time, ms. */
  lagP50Ms: number
  lagP95Ms: number
  /** The p50 lag as measured on the bench clock, not divided by SCALE (see the docs). */
  lagP50BenchMs: number
  /** Share of the run the client's event loop was busy (0-1). */
  eventLoopUtilization: number
  /** Bench time of the whole run (submits included), in real ms (divided by SCALE). */
  runScaledBackMs: number
}

async function run(
  provider: Provider,
  strategy: Strategy,
  durations: number[],
): Promise<RunFigures> {
  const environment = await provider.start(strategy.id)
  try {
    const started = Date.now()
    const deadline = started + RUN_DEADLINE_MS
    const utilization = performance.eventLoopUtilization()
    const seenAt = new Array<number | undefined>(durations.length)
    const jobs: PendingJob[] = []
    const watchers: Promise<void>[] = []
    for (const [index, duration] of durations.entries()) {
      const job = await environment.submit(index, duration * SCALE)
      jobs.push(job)
      const done = strategy.interval
        ? fixedLoop(environment.driver, job.ref, strategy.interval, deadline)
        : job.wait({ timeoutMs: deadline - Date.now() }).then(() => true)
      watchers.push(
        done.then(
          (completed) => {
            if (completed) seenAt[index] = Date.now()
          },
          () => {},
        ),
      )
    }
    await Promise.all(watchers)
    const elapsed = Date.now() - started
    const busy = performance.eventLoopUtilization(utilization).utilization
    const lags: number[] = []
    jobs.forEach((job, index) => {
      const server = environment.completedAt(job)
      const seen = seenAt[index]
      if (server !== undefined && seen !== undefined) lags.push(Math.max(0, seen - server) / SCALE)
    })
    const { counts } = environment
    return {
      provider: provider.id,
      strategy: strategy.id,
      jobs: durations.length,
      detected: lags.length,
      statusRequestsPerJob: Number((counts.status / durations.length).toFixed(2)),
      streamsPerJob: Number((counts.stream / durations.length).toFixed(2)),
      lagP50Ms: Math.round(percentile(lags, 50)),
      lagP95Ms: Math.round(percentile(lags, 95)),
      lagP50BenchMs: Number((percentile(lags, 50) * SCALE).toFixed(1)),
      eventLoopUtilization: Number(busy.toFixed(2)),
      runScaledBackMs: Math.round(elapsed / SCALE),
    }
  } finally {
    await environment.close()
  }
}

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`)

export async function benchPolling(options: { jobs?: number } = {}) {
  const durations = jobDurations(options.jobs ?? JOBS)
  const runs: RunFigures[] = []
  // Every emulated job sleeps on its emulator's one lifetime signal: hundreds of listeners on
  // one AbortSignal are expected here.
  const defaultMaxListeners = EventEmitter.defaultMaxListeners
  setMaxListeners(JOBS * 4)
  try {
    await runAll()
  } finally {
    setMaxListeners(defaultMaxListeners)
  }
  async function runAll() {
    for (const [providerIndex, provider] of PROVIDERS.entries()) {
      // Alternate the order of the strategies from one provider to the next, so drift on a
      // noisy machine does not always hit the same one.
      const order =
        providerIndex % 2 === 0 ? provider.strategies : [...provider.strategies].reverse()
      for (const strategy of order) runs.push(await run(provider, strategy, durations))
    }
  }
  const rows: (string | number)[][] = []
  const goals: Record<string, unknown> = {}
  for (const provider of PROVIDERS) {
    const of = (id: StrategyId) =>
      runs.find((figures) => figures.provider === provider.id && figures.strategy === id)!
    const baseline = of('every-500ms')
    const atelier = of('atelier')
    const fewer = baseline.statusRequestsPerJob / Math.max(0.01, atelier.statusRequestsPerJob)
    const sse = atelier.streamsPerJob > 0
    const met = sse
      ? atelier.streamsPerJob <= 1 && atelier.lagP50Ms <= 50
      : fewer >= 3 && atelier.lagP50Ms <= 250
    goals[provider.id] = {
      requestsVs500ms: Number(fewer.toFixed(2)),
      goal: sse
        ? 'one stream per job, p50 lag ≤ 50 ms'
        : '≥ 3x fewer requests than every 500 ms, p50 lag ≤ 250 ms',
      met,
    }
    for (const strategy of provider.strategies) {
      const figures = of(strategy.id)
      const ratio = figures.statusRequestsPerJob / Math.max(0.01, baseline.statusRequestsPerJob)
      rows.push([
        provider.label,
        strategy.label,
        figures.statusRequestsPerJob.toFixed(1),
        figures.streamsPerJob.toFixed(2),
        seconds(figures.lagP50Ms),
        seconds(figures.lagP95Ms),
        `${figures.lagP50BenchMs} ms`,
        strategy.id === 'every-500ms' ? '1.00x' : `${ratio.toFixed(2)}x`,
        figures.detected === figures.jobs
          ? `${Math.round(figures.eventLoopUtilization * 100)} %`
          : `${Math.round(figures.eventLoopUtilization * 100)} % (${figures.jobs - figures.detected} jobs missed)`,
        strategy.id === 'atelier' ? (met ? 'met' : 'NOT met') : '',
      ])
    }
  }
  const figures = {
    jobs: durations.length,
    durationsMs: { min: MIN_DURATION_MS, max: MAX_DURATION_MS, spread: 'log-uniform' },
    timeScale: SCALE,
    canaryWorkers: CANARY_WORKERS,
    runs,
    goals,
  }
  const table = markdownTable(
    [
      'provider',
      'strategy',
      'status requests / job',
      'streams / job',
      'lag p50',
      'lag p95',
      'lag p50, unscaled',
      'requests vs 500 ms',
      'client loop busy',
      'goal',
    ],
    rows,
  )
  return { figures, table }
}
