/**
 * Durable: 1,000 Canary video jobs on a BullMQ queue in a real Redis, processed by worker
 * processes running `@atelier/bullmq` (parked between checks), two of which are killed with
 * SIGKILL mid-run and started again. Two moments to kill at:
 * - `rendering`: once every job has been submitted and its ref stored (the gateway has seen a
 *   status request for each), while the videos render — where a render farm's workers spend
 *   nearly all their time. The killed workers' jobs must resume from their refs.
 * - `submitting` (full run only): when the gateway has seen half of the submits, so submits are
 *   in flight in the killed processes. A submit whose answer never reached Redis is sent again
 *   on the next attempt with the same idempotency key; the gateway answers it with the first
 *   job. The run shows how many such repeats there were, and that the gateway still started
 *   one job per key.
 * What it prints:
 * - jobs finished, and jobs lost (not completed by the end: failed, or never finished);
 * - duplicate submits: idempotency keys (the BullMQ job ids) the emulator's ledger saw more than
 *   once on the video submit route, and the jobs the gateway started (what would be paid);
 * - throughput of the four-process fleet, with its kills and without, against one process;
 * - Redis memory per job (`INFO` `used_memory`): while the jobs wait, and once finished (each
 *   keeps its data with the provider ref, its last progress and its return value — references,
 *   not video).
 *
 * The emulator and Redis run beside this process; each worker is a child process (this file,
 * compiled to JavaScript and run by plain `node` on the packages' built `dist`) that stores
 * the videos in a temporary folder through `fileSink`. A killed worker's jobs that were in a
 * check at that moment come back when BullMQ finds their lock expired (`lockDuration`
 * below); parked jobs hold no lock and are taken by whichever worker is alive.
 *
 * `--short` (CI): the `rendering` fleet only, with shorter videos, and one line to grep:
 * `durable: jobs 1000, finished 1000, duplicate submits 0, lost 0, workers killed 2`.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanaryEmulator, serve } from '@atelier/emulators'
import { compiledForNode } from './processes'
import { startRedis, usedMemory } from './redis'
import { markdownTable } from './report'

const JOBS = 1_000
const FLEET_PROCESSES = 4
const KILLED = 2
type KillMoment = 'rendering' | 'submitting'
/** Jobs in a check at once per worker process; parked jobs hold no slot. */
const CONCURRENCY = 50
/** A killed worker's locks lapse after this: BullMQ then hands its jobs to another worker. */
const LOCK_DURATION_MS = 4_000
const STALLED_INTERVAL_MS = 2_000
/** How long a run may take before the jobs not finished count as lost. */
const RUN_LIMIT_MS = 300_000
const CHILD_ENV = 'ATELIER_BENCH_DURABLE_WORKER'
const SUBMIT_PATH = '/api/llm/generate-video'
const MODEL = 'canary/veo-3.1-generate-preview'

interface Sizing {
  /** How long each video renders on the emulator. */
  videoMs: number
  /** The client's first poll interval; resumed jobs start their backoff from it. */
  initialIntervalMs: number
}

/** Videos long enough that every job is submitted before the first ones finish. */
const FULL: Sizing = { videoMs: 20_000, initialIntervalMs: 1_000 }
const SHORT: Sizing = { videoMs: 10_000, initialIntervalMs: 500 }

interface WorkerTask {
  connection: { host: string; port: number }
  queueName: string
  baseUrl: string
  mediaDirectory: string
  initialIntervalMs: number
}

interface RunFigures {
  processes: number
  killed: number
  killedWhile: KillMoment | undefined
  /** Jobs already finished when the kill came. */
  finishedAtKill: number | undefined
  jobs: number
  finished: number
  failed: number
  lost: number
  duplicateSubmits: number
  /** Jobs the gateway started: one per key when no submit was ever paid twice. */
  gatewayJobs: number
  submits: number
  statusRequests: number
  seconds: number
  jobsPerSecond: number
  redisBytesPerQueuedJob: number
  redisBytesPerFinishedJob: number
}

/**
 * One run: `processes` workers over a fresh queue; `kill` of them SIGKILLed at `moment` and
 * started again.
 */
async function runFleet(
  processes: number,
  kill: number,
  moment: KillMoment | undefined,
  sizing: Sizing,
): Promise<RunFigures> {
  const { Queue } = await import('bullmq')
  const redis = await startRedis()
  const gateway = createCanaryEmulator({
    processingMs: { video: sizing.videoMs },
    videoFrame: { width: 64, height: 64 },
    // Every video renders at once: the run measures the workers, not the gateway's queue.
    workers: JOBS,
  })
  const server = await serve(gateway.handler)
  const mediaDirectory = await mkdtemp(join(tmpdir(), 'atelier-bench-durable-'))
  const queueName = `durable-${process.pid}-${processes}-${Date.now()}`
  const queue = new Queue(queueName, { connection: redis.connection })
  const client = await queue.client
  const workerEntry = await compiledForNode(import.meta.url)
  const task: WorkerTask = {
    connection: redis.connection,
    queueName,
    baseUrl: server.url,
    mediaDirectory,
    initialIntervalMs: sizing.initialIntervalMs,
  }
  const children = new Set<ChildProcess>()
  const startWorker = () => {
    const child = fork(workerEntry, [], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify(task) },
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    children.add(child)
    child.once('exit', () => children.delete(child))
    return new Promise<ChildProcess>((resolve, reject) => {
      child.once('message', () => resolve(child))
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL')
          reject(new Error(`a worker exited (${code ?? signal}) before it was ready`))
      })
    })
  }

  try {
    await client.info() // the first INFO after start allocates; measure from the second
    const empty = usedMemory(await client.info())
    await queue.addBulk(
      Array.from({ length: JOBS }, (_, index) => ({
        name: 'video.generate',
        data: { model: MODEL, prompt: `render ${index}` },
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 } },
      })),
    )
    const queued = usedMemory(await client.info())

    const started = performance.now()
    const workers = await Promise.all(Array.from({ length: processes }, startWorker))
    let killed = 0
    let finishedAtKill: number | undefined
    let finished = 0
    let failed = 0
    // The ledger read as it grows: keys submitted, jobs checked at least once.
    const submittedKeys = new Set<string>()
    const checkedJobs = new Set<string>()
    let read = 0
    const killMomentReached = () => {
      const requests = gateway.state.requests
      for (; read < requests.length; read++) {
        const record = requests[read]!
        if (record.path === SUBMIT_PATH && record.idempotencyKey) {
          submittedKeys.add(record.idempotencyKey)
        }
        const queueId = (record.body as { queueId?: unknown } | undefined)?.queueId
        if (record.path === '/api/llm/queue/status' && typeof queueId === 'string') {
          checkedJobs.add(queueId)
        }
      }
      return moment === 'submitting' ? submittedKeys.size >= JOBS / 2 : checkedJobs.size >= JOBS
    }
    for (;;) {
      const counts = await queue.getJobCounts('completed', 'failed')
      finished = counts.completed ?? 0
      failed = counts.failed ?? 0
      if (finished + failed >= JOBS || performance.now() - started > RUN_LIMIT_MS) break
      if (killed < kill && killMomentReached()) {
        finishedAtKill = finished
        for (const victim of workers.slice(0, kill)) victim.kill('SIGKILL')
        killed = kill
        await Promise.all(Array.from({ length: kill }, startWorker))
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const seconds = (performance.now() - started) / 1000
    const done = usedMemory(await client.info())

    const perKey = new Map<string, number>()
    let submits = 0
    let statusRequests = 0
    for (const record of gateway.state.requests) {
      if (record.path === '/api/llm/queue/status') statusRequests++
      if (record.method !== 'POST' || record.path !== SUBMIT_PATH) continue
      submits++
      const key = record.idempotencyKey ?? `(no key) ${submits}`
      perKey.set(key, (perKey.get(key) ?? 0) + 1)
    }
    return {
      processes,
      killed,
      killedWhile: killed > 0 ? moment : undefined,
      finishedAtKill,
      jobs: JOBS,
      finished,
      failed,
      lost: JOBS - finished,
      duplicateSubmits: [...perKey.values()].filter((count) => count > 1).length,
      gatewayJobs: gateway.state.jobs.size,
      submits,
      statusRequests,
      seconds: Number(seconds.toFixed(2)),
      jobsPerSecond: Number((finished / seconds).toFixed(1)),
      redisBytesPerQueuedJob: Math.round((queued - empty) / JOBS),
      redisBytesPerFinishedJob: Math.round((done - empty) / JOBS),
    }
  } finally {
    await Promise.all(
      [...children].map(
        (child) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => resolve())
            child.kill('SIGTERM')
          }),
      ),
    )
    await queue.obliterate({ force: true }).catch(() => {})
    await queue.close()
    await server.close()
    await redis.close()
    await rm(mediaDirectory, { recursive: true, force: true })
  }
}

export async function benchDurable(options: { short?: boolean } = {}) {
  const sizing = options.short ? SHORT : FULL
  const fleet = await runFleet(FLEET_PROCESSES, KILLED, 'rendering', sizing)
  console.log(
    `durable: jobs ${fleet.jobs}, finished ${fleet.finished}, duplicate submits ${fleet.duplicateSubmits}, lost ${fleet.lost}, workers killed ${fleet.killed}`,
  )
  const duringSubmits = options.short
    ? undefined
    : await runFleet(FLEET_PROCESSES, KILLED, 'submitting', sizing)
  // The same fleet without kills, and one process alone: what the kills cost, what four
  // processes bring.
  const unkilled = options.short ? undefined : await runFleet(FLEET_PROCESSES, 0, undefined, sizing)
  const single = options.short ? undefined : await runFleet(1, 0, undefined, sizing)
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`
  const row = (name: string, run: RunFigures) => [
    name,
    run.finishedAtKill === undefined ? '' : `${run.finishedAtKill}`,
    `${run.finished} / ${run.jobs}`,
    run.lost,
    run.duplicateSubmits,
    `${run.gatewayJobs} (${run.submits} submits)`,
    (run.statusRequests / run.jobs).toFixed(1),
    `${run.seconds.toFixed(1)} s`,
    `${run.jobsPerSecond}/s`,
    single ? `${(run.jobsPerSecond / single.jobsPerSecond).toFixed(2)}x` : '',
    kib(run.redisBytesPerQueuedJob),
    kib(run.redisBytesPerFinishedJob),
  ]
  const killedRow = (moment: string) =>
    `${FLEET_PROCESSES} processes, ${KILLED} SIGKILLed ${moment} and restarted`
  const table = markdownTable(
    [
      `run (${JOBS} Canary videos of ${sizing.videoMs / 1000} s, ${CONCURRENCY} slots / process)`,
      'finished at the kill',
      'finished',
      'lost',
      'duplicate submits',
      'jobs started at the gateway',
      'status requests / job',
      'wall time',
      'throughput',
      'vs one process',
      'Redis / queued job',
      'Redis / finished job',
    ],
    [
      row(killedRow('while the videos render'), fleet),
      ...(duringSubmits ? [row(killedRow('halfway through the submits'), duringSubmits)] : []),
      ...(unkilled ? [row(`${FLEET_PROCESSES} processes, no kills`, unkilled)] : []),
      ...(single ? [row('1 process, no kills', single)] : []),
    ],
  )
  return {
    figures: { sizing, concurrency: CONCURRENCY, fleet, duringSubmits, unkilled, single },
    table,
  }
}

/** A worker process: runs until SIGTERM (closing cleanly) or SIGKILL (as a crash). */
async function runWorker(task: WorkerTask): Promise<void> {
  const [{ canary }, { createAtelier }, { createAtelierWorker, fileSink }] = await Promise.all([
    import('@atelier/canary'),
    import('atelier'),
    import('@atelier/bullmq'),
  ])
  const ai = createAtelier({
    providers: [canary({ baseUrl: task.baseUrl, apiKey: 'clk_live_bench' })],
    polling: { initialIntervalMs: task.initialIntervalMs, maxIntervalMs: 2_000 },
  })
  const worker = createAtelierWorker(task.queueName, {
    ai,
    connection: task.connection,
    concurrency: CONCURRENCY,
    parkThresholdMs: 100,
    media: { sink: fileSink(task.mediaDirectory) },
    worker: {
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      // A job whose worker died twice (the two kills) is still resumed, not failed as stalled.
      maxStalledCount: 2,
    },
  })
  worker.on('error', () => {})
  await worker.waitUntilReady()
  process.send?.('ready')
  process.once('SIGTERM', () => {
    void worker.close().finally(() => process.exit(0))
  })
}

const childTask = process.env[CHILD_ENV]
if (childTask) await runWorker(JSON.parse(childTask) as WorkerTask)
