/**
 * Scale: 10,000 concurrent jobs in one client process, sharing a request budget of 200 status
 * requests per second (`maxRequestsPerSecond` on `createAtelier`), against the Onysoft emulator
 * (status without timing hints, so every job is paced by the engine's backoff and the budget).
 *
 * The emulator runs in this process; the client runs in a fresh child process (this file,
 * with the settings in its environment), so the client's figures are its own: peak RSS
 * (sampled every 2 ms from a worker thread), event-loop delay p99 (`monitorEventLoopDelay`),
 * and how many jobs completed. The emulator's request log gives the status request rate it
 * actually saw: the most requests in any one-second window, and the mean while polling went on.
 */
import { measureInChild } from './processes'
import { markdownTable } from './report'

const JOBS = 10_000
const REQUESTS_PER_SECOND = 200
/** How long each task processes on the emulator, in ms (real time, no scaling here). */
const PROCESSING_MS = 5_000
/** Submits in flight at once while the jobs are created. */
const SUBMIT_CONCURRENCY = 100
const MIB = 1024 * 1024
/** Set in the child process: the JSON of `ClientTask`. */
const CHILD_ENV = 'ATELIER_BENCH_SCALE_CLIENT'

interface ClientTask {
  baseUrl: string
}

interface ClientFigures {
  jobs: number
  completed: number
  failed: number
  baselineRssBytes: number
  peakRssBytes: number
  eventLoopDelayP99Ms: number
  eventLoopDelayMaxMs: number
  /** p99 while the jobs were being submitted, then while they were only being waited for. */
  eventLoopDelayP99SubmitMs: number
  eventLoopDelayP99WaitMs: number
  submitMs: number
  totalMs: number
}

/** The child's side: submit every job, wait for all of them, measured. */
async function runClient(task: ClientTask): Promise<ClientFigures> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const { onysoft } = await import('@atelier/onysoft')
  const { createAtelier } = await import('atelier')
  const { startRssSampler } = await import('./canary-memory')
  const ai = createAtelier({
    providers: [onysoft({ baseUrl: task.baseUrl, apiKey: 'sk-ony-bench' })],
    maxRequestsPerSecond: REQUESTS_PER_SECOND,
  })
  // Warm up (HTTP stack, schemas, the model catalogue) with one job.
  await (await ai.image.submit({ model: 'onysoft/google/imagen4', prompt: 'warm up' })).wait()
  ;(globalThis as { gc?: () => void }).gc?.()
  const sampler = await startRssSampler()
  const baseline = process.memoryUsage.rss()
  const delay = monitorEventLoopDelay({ resolution: 10 })
  const submitDelay = monitorEventLoopDelay({ resolution: 10 })
  const waitDelay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  submitDelay.enable()
  const started = performance.now()
  const waits: Promise<unknown>[] = []
  let next = 0
  const submitter = async () => {
    while (next < JOBS) {
      const index = next++
      const job = await ai.image.submit({ model: 'onysoft/google/imagen4', prompt: `job ${index}` })
      waits.push(job.wait())
    }
  }
  await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, submitter))
  const submitMs = performance.now() - started
  submitDelay.disable()
  waitDelay.enable()
  const outcomes = await Promise.allSettled(waits)
  const totalMs = performance.now() - started
  delay.disable()
  waitDelay.disable()
  const peak = await sampler.stop()
  return {
    jobs: JOBS,
    completed: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
    failed: outcomes.filter((outcome) => outcome.status === 'rejected').length,
    baselineRssBytes: baseline,
    peakRssBytes: peak,
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: delay.max / 1e6,
    eventLoopDelayP99SubmitMs: submitDelay.percentile(99) / 1e6,
    eventLoopDelayP99WaitMs: waitDelay.percentile(99) / 1e6,
    submitMs,
    totalMs,
  }
}

/** The most timestamps in any window [t, t + windowMs). `times` sorted ascending. */
export function maxInWindow(times: number[], windowMs: number): number {
  let most = 0
  let start = 0
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++
    most = Math.max(most, end - start + 1)
  }
  return most
}

export async function benchScale(): Promise<{ figures: unknown; table: string }> {
  const { serveOnysoftEmulator } = await import('@atelier/emulators')
  const served = await serveOnysoftEmulator({ pendingMs: 0, processingMs: PROCESSING_MS })
  let client: ClientFigures
  let statusTimes: number[]
  try {
    client = await measureInChild<ClientFigures>(
      import.meta.url,
      CHILD_ENV,
      JSON.stringify({ baseUrl: served.url } satisfies ClientTask),
      'scale client',
    )
    statusTimes = served.emulator.state.requests
      .filter((request) => request.server === 'api' && /\/status\//.test(request.path))
      .map((request) => request.at)
      .sort((a, b) => a - b)
  } finally {
    await served.close().catch(() => {})
  }
  const maxPerSecond = maxInWindow(statusTimes, 1000)
  const span = (statusTimes.at(-1)! - statusTimes[0]!) / 1000
  const meanPerSecond = statusTimes.length / Math.max(span, 1e-3)
  const rssMib = client.peakRssBytes / MIB
  const figures = {
    jobs: JOBS,
    budgetRequestsPerSecond: REQUESTS_PER_SECOND,
    processingMs: PROCESSING_MS,
    client,
    emulator: {
      statusRequests: statusTimes.length,
      statusRequestsPerJob: Number((statusTimes.length / (JOBS + 1)).toFixed(2)),
      maxStatusRequestsInOneSecond: maxPerSecond,
      meanStatusRequestsPerSecond: Number(meanPerSecond.toFixed(1)),
    },
    goals: {
      peakRssMib: { goal: 150, value: Number(rssMib.toFixed(1)), met: rssMib <= 150 },
      eventLoopDelayP99Ms: {
        goal: 20,
        value: Number(client.eventLoopDelayP99Ms.toFixed(1)),
        met: client.eventLoopDelayP99Ms <= 20,
      },
      allCompleted: { met: client.completed === JOBS },
      budgetNeverExceeded: { met: maxPerSecond <= REQUESTS_PER_SECOND },
    },
  }
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met')
  const table = markdownTable(
    ['figure', 'value', 'goal', ''],
    [
      ['jobs (concurrent, one process)', JOBS.toLocaleString('en-US'), '', ''],
      [
        'peak RSS of the client process',
        `${rssMib.toFixed(1)} MiB (baseline ${(client.baselineRssBytes / MIB).toFixed(1)} MiB)`,
        '≤ 150 MB',
        verdict(figures.goals.peakRssMib.met),
      ],
      [
        'event-loop delay p99 (whole run)',
        `${client.eventLoopDelayP99Ms.toFixed(1)} ms (max ${client.eventLoopDelayMaxMs.toFixed(1)} ms; p99 ${client.eventLoopDelayP99SubmitMs.toFixed(1)} ms while submitting, ${client.eventLoopDelayP99WaitMs.toFixed(1)} ms while waiting)`,
        '≤ 20 ms',
        verdict(figures.goals.eventLoopDelayP99Ms.met),
      ],
      [
        'jobs completed',
        `${client.completed} / ${JOBS} (submits took ${(client.submitMs / 1000).toFixed(1)} s, all done after ${(client.totalMs / 1000).toFixed(1)} s)`,
        'all',
        verdict(figures.goals.allCompleted.met),
      ],
      [
        'status requests seen by the emulator: most in any 1 s',
        `${maxPerSecond} (mean ${meanPerSecond.toFixed(1)}/s, ${figures.emulator.statusRequestsPerJob} per job)`,
        `≤ ${REQUESTS_PER_SECOND}/s`,
        verdict(figures.goals.budgetNeverExceeded.met),
      ],
    ],
  )
  return { figures, table }
}

const childTask = process.env[CHILD_ENV]
if (childTask) {
  const figures = await runClient(JSON.parse(childTask) as ClientTask)
  process.send?.(figures)
  process.disconnect?.()
}
