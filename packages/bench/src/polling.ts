/**
 * Polling efficiency: 200 asynchronous jobs on each provider style, observed by atelier's engine
 * and by the fixed-interval loops other SDKs use by default, in two workloads:
 *
 * - **traffic** (the goal's workload): jobs arrive over 100 s, each of one of four kinds
 *   (model and size) whose typical durations are 3, 8, 20 and 50 s; each job takes its kind's
 *   typical time give or take a spread (log-normal: σ 5 % on the sidecar's own GPU, 10 % on
 *   the gateways). This is what a media app sends: the same few models and settings, over and
 *   over, which is what the engine can learn from.
 * - **spread**: one kind whose durations spread log-uniformly from 2 s to 120 s, all submitted at
 *   once. Nothing tells one job's length from another's; what a schedule can do here is bound
 *   the tail.
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
/** The traffic workload's kinds of job: typical durations, real ms. */
const KIND_TYPICAL_MS = [3_000, 8_000, 20_000, 50_000] as const
/** Traffic arrives over this long (real ms). */
const ARRIVAL_WINDOW_MS = 100_000
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

/** One job of a workload: when it is submitted (real ms from the start), its kind, its length. */
export interface PlannedJob {
  arriveAtMs: number
  kind: number
  durationMs: number
}

/** A fixed pseudo-random sequence in (0, 1), the same in every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
}

/**
 * The traffic workload: `count` jobs arriving at random over `ARRIVAL_WINDOW_MS`, each of a
 * random kind, lasting its kind's typical time × e^(σ·z), z standard normal.
 */
export function trafficWorkload(sigma: number, count = JOBS): PlannedJob[] {
  const random = seeded(23)
  const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random())
  const jobs = Array.from({ length: count }, () => {
    const kind = Math.floor(random() * KIND_TYPICAL_MS.length)
    return {
      arriveAtMs: Math.round(random() * ARRIVAL_WINDOW_MS),
      kind,
      durationMs: Math.round(KIND_TYPICAL_MS[kind]! * Math.exp(sigma * normal())),
    }
  })
  return jobs.sort((a, b) => a.arriveAtMs - b.arriveAtMs)
}

/** The spread workload: one kind, every job submitted at once, lengths from `jobDurations`. */
export function spreadWorkload(count = JOBS): PlannedJob[] {
  return jobDurations(count).map((durationMs) => ({ arriveAtMs: 0, kind: 0, durationMs }))
}

/** Job durations (real ms): log-uniform quantiles over 2-120 s, in a fixed shuffled order. */
export function jobDurations(count = JOBS): number[] {
  const ratio = MAX_DURATION_MS / MIN_DURATION_MS
  const durations = Array.from(
    { length: count },
    (_, index) => MIN_DURATION_MS * ratio ** (count === 1 ? 0 : index / (count - 1)),
  )
  const random = seeded(11)
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
  /** Submits job `index` of `kind` (0-3), which the server will take `durationMs` (bench time) to process. */
  submit(index: number, kind: number, durationMs: number): Promise<PendingJob>
  /** `Date.now()` when the server completed the job, if it has. */
  completedAt(job: PendingJob): number | undefined
  close(): Promise<void>
}

interface Provider {
  id: string
  label: string
  strategies: Strategy[]
  /** Spread of a kind's durations in the traffic workload (σ of the log-normal). */
  sigma: number
  /** Whether the spread workload runs here too (atelier and the 500 ms loop only). */
  spread: boolean
  start(strategy: StrategyId): Promise<Environment>
}

/** The sidecar's two video models × two lengths: four kinds of job. */
const SIDECAR_KINDS = [
  { model: 'local/ltx-2.5', durationSeconds: 2 },
  { model: 'local/ltx-2.5', durationSeconds: 4 },
  { model: 'local/hunyuan-video', durationSeconds: 2 },
  { model: 'local/hunyuan-video', durationSeconds: 4 },
] as const

/** The sidecar emulator and the local driver; `held` keeps video progress at 0, as the real server does. */
async function startSidecar(progress: 'held' | 'stepped'): Promise<Environment> {
  const emulator = createSidecarEmulator({
    timeScale: SCALE,
    gpus: JOBS,
    initialModel: 'hunyuan-video',
    swapDelayMs: 0,
    videoProgress: progress,
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
    async submit(index, kind, durationMs) {
      emulator.timings.videoJobMs = durationMs
      return ai.video.submit({ ...SIDECAR_KINDS[kind]!, prompt: `job ${index}` })
    },
    completedAt: (job) => emulator.state.videoJobs.get(job.id)?.finishedAt,
    close: () => server.close(),
  }
}

/** Four Onysoft image models: four kinds of job. */
const ONYSOFT_KINDS = [
  'onysoft/google/imagen4-fast',
  'onysoft/google/imagen4',
  'onysoft/google/imagen4-ultra',
  'onysoft/google/nano-banana-2',
] as const

/**
 * Two Bria models (status without progress), Firefly (percent) and Runway (0-1 progress): each
 * provider's status route, and half the jobs with nothing but a status word.
 */
const VISION_STUDIO_KINDS = [
  'vision-studio/bria/3.2',
  'vision-studio/bria/hd',
  'vision-studio/firefly/image3',
  'vision-studio/runway/gen4_image',
] as const

const PROVIDERS: Provider[] = [
  {
    id: 'sidecar-held',
    label: 'sidecar (no progress, as the real server)',
    strategies: STRATEGIES,
    sigma: 0.05,
    spread: true,
    start: () => startSidecar('held'),
  },
  {
    id: 'sidecar',
    label: 'sidecar emulator (stepped progress + ETA)',
    strategies: STRATEGIES.slice(0, 2),
    sigma: 0.05,
    spread: false,
    start: () => startSidecar('stepped'),
  },
  {
    id: 'canary',
    label: 'Canary (queue position + SSE)',
    strategies: [
      STRATEGIES[0]!,
      { id: 'atelier-polling', label: 'atelier, SSE off (`eventStream: false`)' },
      ...STRATEGIES.slice(1),
    ],
    sigma: 0.1,
    spread: false,
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
        async submit(index, kind, durationMs) {
          emulator.settings.processingMs.image = durationMs
          // Four sizes of the same model: four kinds of job.
          const side = 16 * (kind + 1)
          return ai.image.submit({
            model: 'canary/gpt-image-1',
            prompt: `job ${index}`,
            size: { width: side, height: side },
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
    label: 'Onysoft (status + progress %)',
    strategies: STRATEGIES,
    sigma: 0.1,
    spread: true,
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
        async submit(index, kind, durationMs) {
          served.emulator.timings.processingMs = durationMs
          return ai.image.submit({ model: ONYSOFT_KINDS[kind]!, prompt: `job ${index}` })
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
    sigma: 0.1,
    spread: true,
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
      return {
        driver,
        counts,
        async submit(index, kind, durationMs) {
          emulator.timings.taskRunMs = durationMs
          return ai.image.submit({ model: VISION_STUDIO_KINDS[kind]!, prompt: `job ${index}` })
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

type WorkloadId = 'traffic' | 'spread'

interface RunFigures {
  workload: WorkloadId
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
  /** p95 of each job's lag as a share of its own duration. */
  relativeLagP95: number
  /** Share of the run the client's event loop was busy (0-1). */
  eventLoopUtilization: number
  /** Bench time of the whole run (submits included), in real ms (divided by SCALE). */
  runScaledBackMs: number
}

async function run(
  provider: Provider,
  strategy: Strategy,
  workload: WorkloadId,
  plan: PlannedJob[],
): Promise<RunFigures> {
  const environment = await provider.start(strategy.id)
  try {
    const started = Date.now()
    const deadline = started + RUN_DEADLINE_MS
    const utilization = performance.eventLoopUtilization()
    const seenAt = new Array<number | undefined>(plan.length)
    const jobs: PendingJob[] = []
    const watchers: Promise<void>[] = []
    for (const [index, planned] of plan.entries()) {
      const wait = started + planned.arriveAtMs * SCALE - Date.now()
      if (wait > 0) await sleep(wait)
      const job = await environment.submit(index, planned.kind, planned.durationMs * SCALE)
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
    const relative: number[] = []
    jobs.forEach((job, index) => {
      const server = environment.completedAt(job)
      const seen = seenAt[index]
      if (server === undefined || seen === undefined) return
      const lag = Math.max(0, seen - server) / SCALE
      lags.push(lag)
      relative.push(lag / plan[index]!.durationMs)
    })
    const { counts } = environment
    return {
      workload,
      provider: provider.id,
      strategy: strategy.id,
      jobs: plan.length,
      detected: lags.length,
      statusRequestsPerJob: Number((counts.status / plan.length).toFixed(2)),
      streamsPerJob: Number((counts.stream / plan.length).toFixed(2)),
      lagP50Ms: Math.round(percentile(lags, 50)),
      lagP95Ms: Math.round(percentile(lags, 95)),
      lagP50BenchMs: Number((percentile(lags, 50) * SCALE).toFixed(1)),
      relativeLagP95: Number(percentile(relative, 95).toFixed(3)),
      eventLoopUtilization: Number(busy.toFixed(2)),
      runScaledBackMs: Math.round(elapsed / SCALE),
    }
  } finally {
    await environment.close()
  }
}

const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`)

const HEADERS = [
  'provider',
  'strategy',
  'status requests / job',
  'streams / job',
  'lag p50',
  'lag p95',
  'lag p95 / job length',
  'lag p50, unscaled',
  'requests vs 500 ms',
  'client loop busy',
  'goal',
]

/** `BENCH_POLLING_PROVIDERS=sidecar-held,onysoft` runs only those providers (ids as in `PROVIDERS`). */
function selectedProviders(): Provider[] {
  const only = process.env.BENCH_POLLING_PROVIDERS?.split(',').filter(Boolean)
  return only?.length ? PROVIDERS.filter((provider) => only.includes(provider.id)) : PROVIDERS
}

export async function benchPolling(options: { jobs?: number } = {}) {
  const count = options.jobs ?? JOBS
  const providers = selectedProviders()
  const runs: RunFigures[] = []
  // Every emulated job sleeps on its emulator's one lifetime signal: hundreds of listeners on
  // one AbortSignal are expected here.
  const defaultMaxListeners = EventEmitter.defaultMaxListeners
  setMaxListeners(count * 4)
  try {
    for (const [providerIndex, provider] of providers.entries()) {
      // Alternate the order of the strategies from one provider to the next, so drift on a
      // noisy machine does not always hit the same one.
      const order =
        providerIndex % 2 === 0 ? provider.strategies : [...provider.strategies].reverse()
      const plan = trafficWorkload(provider.sigma, count)
      for (const strategy of order) runs.push(await run(provider, strategy, 'traffic', plan))
    }
    for (const provider of providers.filter((candidate) => candidate.spread)) {
      for (const strategy of STRATEGIES.slice(0, 2)) {
        runs.push(await run(provider, strategy, 'spread', spreadWorkload(count)))
      }
    }
  } finally {
    setMaxListeners(defaultMaxListeners)
  }
  const goals: Record<string, unknown> = {}
  const tables = (['traffic', 'spread'] as const).map((workload) => {
    const rows: (string | number)[][] = []
    for (const provider of providers) {
      const of = (id: StrategyId) =>
        runs.find(
          (figures) =>
            figures.workload === workload &&
            figures.provider === provider.id &&
            figures.strategy === id,
        )
      const baseline = of('every-500ms')
      const atelier = of('atelier')
      if (!baseline || !atelier) continue
      const fewer = baseline.statusRequestsPerJob / Math.max(0.01, atelier.statusRequestsPerJob)
      const sse = atelier.streamsPerJob > 0
      const met = sse
        ? atelier.streamsPerJob <= 1 && atelier.lagP50Ms <= 50
        : fewer >= 3 && atelier.lagP50Ms <= 250
      if (workload === 'traffic') {
        goals[provider.id] = {
          requestsVs500ms: Number(fewer.toFixed(2)),
          goal: sse
            ? 'one stream per job, p50 lag ≤ 50 ms'
            : '≥ 3x fewer requests than every 500 ms, p50 lag ≤ 250 ms',
          met,
        }
      }
      for (const strategy of provider.strategies) {
        const figures = of(strategy.id)
        if (!figures) continue
        const ratio = figures.statusRequestsPerJob / Math.max(0.01, baseline.statusRequestsPerJob)
        rows.push([
          provider.label,
          strategy.label,
          figures.statusRequestsPerJob.toFixed(1),
          figures.streamsPerJob.toFixed(2),
          seconds(figures.lagP50Ms),
          seconds(figures.lagP95Ms),
          `${Math.round(figures.relativeLagP95 * 100)} %`,
          `${figures.lagP50BenchMs} ms`,
          strategy.id === 'every-500ms' ? '1.00x' : `${ratio.toFixed(2)}x`,
          figures.detected === figures.jobs
            ? `${Math.round(figures.eventLoopUtilization * 100)} %`
            : `${Math.round(figures.eventLoopUtilization * 100)} % (${figures.jobs - figures.detected} jobs missed)`,
          strategy.id !== 'atelier'
            ? ''
            : workload === 'spread'
              ? '(no goal)'
              : met
                ? 'met'
                : 'NOT met',
        ])
      }
    }
    return `### ${workload === 'traffic' ? 'traffic: four kinds of job, arriving over 100 s' : 'spread: one kind, 2-120 s log-uniform, all at once'}\n\n${markdownTable(HEADERS, rows)}`
  })
  const figures = {
    jobs: count,
    workloads: {
      traffic: {
        kindsTypicalMs: KIND_TYPICAL_MS,
        arrivalWindowMs: ARRIVAL_WINDOW_MS,
        sigma: Object.fromEntries(providers.map((provider) => [provider.id, provider.sigma])),
      },
      spread: { min: MIN_DURATION_MS, max: MAX_DURATION_MS, spread: 'log-uniform' },
    },
    timeScale: SCALE,
    canaryWorkers: CANARY_WORKERS,
    runs,
    goals,
  }
  return { figures, table: tables.join('\n\n') }
}
