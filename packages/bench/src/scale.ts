/**
 * Scale: 10,000 concurrent jobs in one client process, sharing a request budget of 200
 * requests per second (`maxRequestsPerSecond` on `createAtelier`: submits and status requests
 * alike), against the Onysoft emulator (status without timing hints, so every job is paced by
 * the engine's backoff and the budget).
 *
 * The emulator runs in this process; the client runs in a fresh child process (this file,
 * compiled to JavaScript and run by plain `node` on the packages' built `dist`, with the
 * settings in its environment), so the client's figures are its own: peak RSS (the kernel's
 * high-water mark for the process), event-loop delay p99 (`monitorEventLoopDelay`), and how
 * many jobs completed. The jobs are submitted with `submitMany` and then waited on together.
 * The emulator's request log gives the rate it actually saw: the most requests in any
 * one-second window (all requests, which the budget covers, and status requests alone), and
 * the mean while the run went on.
 *
 * A second child measures what one waiting job holds: it submits `PER_JOB_SAMPLE` jobs that
 * never finish (on an emulator whose tasks take ten minutes), waits on them all, and compares
 * the live heap after a full collection with the heap before submitting.
 */
import { measureInChild } from './processes'
import { markdownTable } from './report'

const JOBS = 10_000
const REQUESTS_PER_SECOND = 200
/** How long each task processes on the emulator, in ms (real time, no scaling here). */
const PROCESSING_MS = 5_000
/** Submits in flight at once while the jobs are created (`submitMany`'s `concurrency`). */
const SUBMIT_CONCURRENCY = 8
/** Jobs that start waiting in one turn of the event loop. */
const WAIT_CHUNK = 250
/** Jobs the per-job memory child holds waiting at once. */
const PER_JOB_SAMPLE = 2_000
/** How long the per-job child's tasks process: longer than it runs, so none completes. */
const PER_JOB_PROCESSING_MS = 600_000
const MIB = 1024 * 1024
/** Set in the child process: the JSON of `ClientTask`. */
const CHILD_ENV = 'ATELIER_BENCH_SCALE_CLIENT'
const MODEL = 'onysoft/google/imagen4'

interface ClientTask {
  mode: 'run' | 'perJob'
  baseUrl: string
}

interface PerJobFigures {
  jobs: number
  /** Live heap (after a full collection) per waiting job. */
  heapBytesPerJob: number
  /** Memory outside the JS heap (buffers, native handles) per waiting job. */
  externalBytesPerJob: number
}

interface ClientFigures {
  jobs: number
  completed: number
  failed: number
  baselineRssBytes: number
  peakRssBytes: number
  /** The high-water mark when the last submit had returned (the waiting phase follows). */
  peakRssWhileSubmittingBytes: number
  eventLoopDelayP99Ms: number
  eventLoopDelayMaxMs: number
  /** p99 while the jobs were being submitted, then while they were only being waited for. */
  eventLoopDelayP99SubmitMs: number
  eventLoopDelayP99WaitMs: number
  submitMs: number
  totalMs: number
}

/**
 * A client as the bench uses it, after one warm-up job (HTTP stack, schemas, catalogue): to
 * the end, or for `warmUpMs` of polling when the emulator's jobs do not end.
 */
async function warmClient(baseUrl: string, warmUpMs?: number) {
  const { onysoft } = await import('@atelier/onysoft')
  const { createAtelier } = await import('atelier')
  const ai = createAtelier({
    providers: [onysoft({ baseUrl, apiKey: 'sk-ony-bench' })],
    maxRequestsPerSecond: REQUESTS_PER_SECOND,
  })
  const job = await ai.image.submit({ model: MODEL, prompt: 'warm up' })
  if (warmUpMs === undefined) await job.wait()
  else await job.wait({ timeoutMs: warmUpMs }).catch(() => {})
  return ai
}

const inputs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ model: MODEL, prompt: `job ${index}` }))

/** The child's side: submit every job, wait for all of them, measured. */
async function runClient(task: ClientTask): Promise<ClientFigures> {
  const { monitorEventLoopDelay } = await import('node:perf_hooks')
  const ai = await warmClient(task.baseUrl)
  ;(globalThis as { gc?: () => void }).gc?.()
  const baseline = process.memoryUsage.rss()
  const delay = monitorEventLoopDelay({ resolution: 10 })
  const submitDelay = monitorEventLoopDelay({ resolution: 10 })
  const waitDelay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  submitDelay.enable()
  const started = performance.now()
  const submitted = await ai.image.submitMany(inputs(JOBS), { concurrency: SUBMIT_CONCURRENCY })
  const submitMs = performance.now() - started
  const peakWhileSubmittingBytes = process.resourceUsage().maxRSS * 1024
  submitDelay.disable()
  waitDelay.enable()
  // Waiting starts a chunk at a time, with a turn of the event loop in between: 10,000 `wait()`
  // calls in one go would hold the loop for as long as they take to start (most of a second).
  const finished: Promise<boolean>[] = []
  for (let start = 0; start < submitted.length; start += WAIT_CHUNK) {
    for (const outcome of submitted.slice(start, start + WAIT_CHUNK)) {
      finished.push(
        outcome.ok
          ? outcome.job.wait().then(
              () => true,
              () => false,
            )
          : Promise.resolve(false),
      )
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  const completed = (await Promise.all(finished)).filter(Boolean).length
  const totalMs = performance.now() - started
  delay.disable()
  waitDelay.disable()
  return {
    jobs: JOBS,
    completed,
    failed: JOBS - completed,
    baselineRssBytes: baseline,
    peakRssWhileSubmittingBytes: peakWhileSubmittingBytes,
    // The kernel's high-water mark (KiB on Linux): every page the process ever held at once,
    // which no sampling interval can miss.
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: delay.max / 1e6,
    eventLoopDelayP99SubmitMs: submitDelay.percentile(99) / 1e6,
    eventLoopDelayP99WaitMs: waitDelay.percentile(99) / 1e6,
    submitMs,
    totalMs,
  }
}

/**
 * The per-job child's side: `PER_JOB_SAMPLE` jobs submitted and waited on (none finishes), then
 * the live heap compared with the heap before submitting, both after a full collection.
 */
async function perJobClient(task: ClientTask): Promise<PerJobFigures> {
  const gc = (globalThis as { gc?: () => void }).gc!
  const ai = await warmClient(task.baseUrl, 3_000)
  gc()
  const before = process.memoryUsage()
  const submitted = await ai.image.submitMany(inputs(PER_JOB_SAMPLE), {
    concurrency: SUBMIT_CONCURRENCY,
  })
  const controller = new AbortController()
  const waits = submitted.map((outcome) =>
    outcome.ok ? outcome.job.wait({ signal: controller.signal }).catch(() => {}) : undefined,
  )
  // Every job has had its first poll (the budget's pace) and waits for its next one.
  await new Promise((resolve) => setTimeout(resolve, (PER_JOB_SAMPLE / REQUESTS_PER_SECOND) * 1500))
  gc()
  const after = process.memoryUsage()
  const figures = {
    jobs: submitted.filter((outcome) => outcome.ok).length,
    heapBytesPerJob: Math.round((after.heapUsed - before.heapUsed) / PER_JOB_SAMPLE),
    externalBytesPerJob: Math.round((after.external - before.external) / PER_JOB_SAMPLE),
  }
  controller.abort()
  await Promise.all(waits)
  return figures
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

/** The most requests in any one second, and the mean rate over the span they cover. */
function rateOf(times: number[]): { most: number; mean: number } {
  const span = (times.at(-1)! - times[0]!) / 1000
  return { most: maxInWindow(times, 1000), mean: times.length / Math.max(span, 1e-3) }
}

export async function benchScale(): Promise<{ figures: unknown; table: string }> {
  const { serveOnysoftEmulator } = await import('@atelier/emulators')
  const served = await serveOnysoftEmulator({ pendingMs: 0, processingMs: PROCESSING_MS })
  let client: ClientFigures
  let apiTimes: number[]
  let statusTimes: number[]
  try {
    client = await measureInChild<ClientFigures>(
      import.meta.url,
      CHILD_ENV,
      JSON.stringify({ mode: 'run', baseUrl: served.url } satisfies ClientTask),
      'scale client',
      { compiled: true },
    )
    const api = served.emulator.state.requests.filter((request) => request.server === 'api')
    apiTimes = api.map((request) => request.at).sort((a, b) => a - b)
    statusTimes = api
      .filter((request) => /\/status\//.test(request.path))
      .map((request) => request.at)
      .sort((a, b) => a - b)
  } finally {
    await served.close().catch(() => {})
  }
  const idle = await serveOnysoftEmulator({ pendingMs: 0, processingMs: PER_JOB_PROCESSING_MS })
  let perJob: PerJobFigures
  try {
    perJob = await measureInChild<PerJobFigures>(
      import.meta.url,
      CHILD_ENV,
      JSON.stringify({ mode: 'perJob', baseUrl: idle.url } satisfies ClientTask),
      'per-job memory client',
      { compiled: true },
    )
  } finally {
    await idle.close().catch(() => {})
  }
  const all = rateOf(apiTimes)
  const status = rateOf(statusTimes)
  const rssMib = client.peakRssBytes / MIB
  const figures = {
    jobs: JOBS,
    budgetRequestsPerSecond: REQUESTS_PER_SECOND,
    processingMs: PROCESSING_MS,
    submitConcurrency: SUBMIT_CONCURRENCY,
    client,
    perJob,
    emulator: {
      requests: apiTimes.length,
      maxRequestsInOneSecond: all.most,
      meanRequestsPerSecond: Number(all.mean.toFixed(1)),
      statusRequests: statusTimes.length,
      statusRequestsPerJob: Number((statusTimes.length / (JOBS + 1)).toFixed(2)),
      maxStatusRequestsInOneSecond: status.most,
      meanStatusRequestsPerSecond: Number(status.mean.toFixed(1)),
    },
    goals: {
      peakRssMib: { goal: 150, value: Number(rssMib.toFixed(1)), met: rssMib <= 150 },
      eventLoopDelayP99Ms: {
        goal: 20,
        value: Number(client.eventLoopDelayP99Ms.toFixed(1)),
        met: client.eventLoopDelayP99Ms <= 20,
      },
      allCompleted: { met: client.completed === JOBS },
      budgetNeverExceeded: { met: all.most <= REQUESTS_PER_SECOND },
    },
  }
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met')
  const table = markdownTable(
    ['figure', 'value', 'goal', ''],
    [
      ['jobs (concurrent, one process)', JOBS.toLocaleString('en-US'), '', ''],
      [
        'peak RSS of the client process',
        `${rssMib.toFixed(1)} MiB (baseline ${(client.baselineRssBytes / MIB).toFixed(1)} MiB; ${(client.peakRssWhileSubmittingBytes / MIB).toFixed(1)} MiB by the end of the submits)`,
        '≤ 150 MB',
        verdict(figures.goals.peakRssMib.met),
      ],
      [
        'memory a waiting job holds',
        `${(perJob.heapBytesPerJob / 1024).toFixed(2)} KiB of heap + ${(perJob.externalBytesPerJob / 1024).toFixed(2)} KiB outside it (${perJob.jobs.toLocaleString('en-US')} waiting jobs)`,
        '',
        '',
      ],
      [
        'event-loop delay p99 (whole run)',
        `${client.eventLoopDelayP99Ms.toFixed(1)} ms (max ${client.eventLoopDelayMaxMs.toFixed(1)} ms; p99 ${client.eventLoopDelayP99SubmitMs.toFixed(1)} ms while submitting, ${client.eventLoopDelayP99WaitMs.toFixed(1)} ms while waiting)`,
        '≤ 20 ms',
        verdict(figures.goals.eventLoopDelayP99Ms.met),
      ],
      [
        'jobs completed',
        `${client.completed} / ${JOBS} (submitted ${SUBMIT_CONCURRENCY} at a time in ${(client.submitMs / 1000).toFixed(1)} s, all done after ${(client.totalMs / 1000).toFixed(1)} s)`,
        'all',
        verdict(figures.goals.allCompleted.met),
      ],
      [
        'requests seen by the emulator (submits and status): most in any 1 s',
        `${all.most} (mean ${all.mean.toFixed(1)}/s over the run)`,
        `≤ ${REQUESTS_PER_SECOND}/s`,
        verdict(figures.goals.budgetNeverExceeded.met),
      ],
      [
        'of which status requests: most in any 1 s',
        `${status.most} (mean ${status.mean.toFixed(1)}/s, ${figures.emulator.statusRequestsPerJob} per job)`,
        '',
        '',
      ],
    ],
  )
  return { figures, table }
}

const childTask = process.env[CHILD_ENV]
if (childTask) {
  const task = JSON.parse(childTask) as ClientTask
  const figures = task.mode === 'perJob' ? await perJobClient(task) : await runClient(task)
  process.send?.(figures)
  process.disconnect?.()
}
