/**
 * The processor on a real Redis (see redis-server.ts) over the CanaryLLM and sidecar emulators:
 * one submit per BullMQ job keyed by its id, resuming after a failed attempt or a dead worker,
 * parking between checks, progress, outputs as references, cancel and removal, and which
 * failures retry.
 */
import { fork } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { canary } from '@atelier/canary'
import { MediaFile } from '@atelier/core'
import {
  type CanaryEmulator,
  createCanaryEmulator,
  createSidecarEmulator,
  inspectMp4,
  inspectPng,
  type RunningServer,
  serve,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { type Job, Queue, QueueEvents, type Worker } from 'bullmq'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type LocalRedis as TestRedis } from '../../../fixtures/redis-server'
import {
  type AtelierJobData,
  type AtelierProgress,
  addTask,
  cancelTask,
  createAtelierWorker,
  fileSink,
  type MediaReference,
  outputToReferences,
  type RemovalWatcher,
  watchRemovals,
} from '../src/index'

const VIDEO = { model: 'canary/veo-3.1-generate-preview', prompt: 'a red panda rendering' }
const SUBMIT_PATH = '/api/llm/generate-video'
const FAST_RETRY = { backoff: { type: 'fixed', delay: 50 } }
const POLLING = { initialIntervalMs: 50, maxIntervalMs: 200, minIntervalMs: 20 }

let redis: TestRedis
let queueCount = 0
/** Everything a test opened, closed after it in reverse order. */
let closers: (() => Promise<unknown>)[] = []

beforeAll(async () => {
  redis = await startRedis()
})

afterEach(async () => {
  for (const close of closers.reverse()) await close().catch(() => {})
  closers = []
})

afterAll(async () => {
  await redis.close()
})

interface Setup {
  gateway: CanaryEmulator
  mediaDirectory: string
  server: RunningServer
  ai: ReturnType<typeof canaryClient>
  queue: Queue
  events: QueueEvents
  queueName: string
  submits(): { idempotencyKey?: string }[]
  cancels(): number
  worker(options?: Partial<Parameters<typeof createAtelierWorker>[1]>): Worker
}

function canaryClient(url: string) {
  return createAtelier({
    providers: [canary({ baseUrl: url, apiKey: 'clk_live_test', retry: { limit: 0 } })],
    polling: POLLING,
  })
}

/** A queue of the test's own and its events, both closed (and the queue emptied) afterwards. */
async function newQueue(): Promise<{ queueName: string; queue: Queue; events: QueueEvents }> {
  const queueName = `atelier-test-${process.pid}-${++queueCount}`
  const queue = new Queue(queueName, { connection: redis.connection })
  closers.push(async () => {
    await queue.obliterate({ force: true })
    await queue.close()
  })
  const events = new QueueEvents(queueName, { connection: redis.connection })
  await events.waitUntilReady()
  closers.push(() => events.close())
  return { queueName, queue, events }
}

/** A Canary emulator whose videos take `videoMs`, a client, and a queue of the test's own. */
async function setUp(videoMs: number): Promise<Setup> {
  const gateway = createCanaryEmulator({
    processingMs: { video: videoMs },
    videoFrame: { width: 64, height: 64 },
  })
  const server = await serve(gateway.handler)
  closers.push(() => server.close())
  const ai = canaryClient(server.url)
  // Canary answers a video inside its result: the worker stores it, Redis keeps the path.
  const mediaDirectory = await mkdtemp(join(tmpdir(), 'atelier-bullmq-'))
  closers.push(() => rm(mediaDirectory, { recursive: true, force: true }))
  const { queueName, queue, events } = await newQueue()
  return {
    gateway,
    mediaDirectory,
    server,
    ai,
    queue,
    events,
    queueName,
    submits: () =>
      gateway.state.requests
        .filter((record) => record.method === 'POST' && record.path === SUBMIT_PATH)
        .map((record) => ({
          ...(record.idempotencyKey ? { idempotencyKey: record.idempotencyKey } : {}),
        })),
    cancels: () =>
      gateway.state.requests.filter((record) => record.path === '/api/llm/queue/cancel').length,
    worker: (options = {}) => {
      const worker = createAtelierWorker(queueName, {
        ai,
        connection: redis.connection,
        media: { sink: fileSink(mediaDirectory) },
        ...options,
      })
      worker.on('error', () => {})
      closers.push(() => worker.close())
      return worker
    },
  }
}

/** The job's stored data once the processor has written its provider ref. */
async function refStored(queue: Queue, id: string): Promise<AtelierJobData> {
  for (;;) {
    const job = await queue.getJob(id)
    if (job?.data.atelier?.ref) return job.data as AtelierJobData
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function stateBecomes(queue: Queue, id: string, state: string): Promise<void> {
  await expect
    .poll(async () => (await queue.getJob(id))?.getState(), { timeout: 10_000 })
    .toBe(state)
}

describe('a video task on BullMQ', () => {
  it('is submitted once with the BullMQ job id as its idempotency key, its ref stored in the data', async () => {
    const setup = await setUp(300)
    const job = await addTask(setup.queue, 'video.generate', VIDEO)
    setup.worker()
    const result = (await job.waitUntilFinished(setup.events)) as { videos: MediaReference[] }

    expect(setup.submits()).toEqual([{ idempotencyKey: job.id }])
    const data = (await setup.queue.getJob(job.id!))?.data as AtelierJobData
    expect(data.atelier?.ref).toMatchObject({ provider: 'canary', task: 'video.generate' })
    expect(data.prompt).toBe(VIDEO.prompt)
    // The return value is a reference to the stored file, which is the provider's MP4.
    const [video] = result.videos
    expect(video).toMatchObject({ mediaType: 'video/mp4', storedBy: 'sink' })
    const bytes = new Uint8Array(readFileSync(fileURLToPath(video!.url)))
    expect(video!.size).toBe(bytes.length)
    expect(inspectMp4(bytes).boxes).toContain('ftyp')
    const stored = await setup.queue.getJob(job.id!)
    expect(JSON.stringify(stored?.returnvalue).length).toBeLessThan(1_000)
  })

  it('a failed attempt after the submit is retried by resuming the ref: one submit', async () => {
    const setup = await setUp(300)
    // The first status request fails with a 500: the attempt fails after the submit.
    setup.gateway.failNext(1, { status: 500, path: '/api/llm/queue/status' })
    const job = await addTask(setup.queue, 'video.generate', VIDEO, FAST_RETRY)
    setup.worker({ parkThresholdMs: 10 })
    await job.waitUntilFinished(setup.events)

    // Two attempts (BullMQ counts the one that completed): the 500, then the resumed one.
    const finished = await setup.queue.getJob(job.id!)
    expect(finished?.attemptsMade).toBe(2)
    expect(setup.gateway.state.requests.filter((record) => record.status === 500)).toHaveLength(1)
    expect(setup.submits()).toEqual([{ idempotencyKey: job.id }])
  })

  it('a worker force-closed after the submit: the next worker resumes the ref and never submits', async () => {
    const setup = await setUp(2_500)
    // Short locks, so the dead worker's job is found stalled within a second.
    const lockOptions = { worker: { lockDuration: 800, stalledInterval: 400 } }
    const job = await addTask(setup.queue, 'video.generate', VIDEO)
    const first = setup.worker({ mode: 'wait', ...lockOptions })
    await refStored(setup.queue, job.id!)
    // Closed without waiting for its job and without renewing its lock: as a killed process.
    await first.close(true)

    setup.worker({ mode: 'wait', ...lockOptions })
    const result = (await job.waitUntilFinished(setup.events)) as { videos: MediaReference[] }
    expect(result.videos).toHaveLength(1)
    expect(setup.submits()).toEqual([{ idempotencyKey: job.id }])
  })

  it('a worker process SIGKILLed after the submit: the next worker resumes the ref, one submit', async () => {
    const setup = await setUp(2_500)
    const lockDurationMs = 800
    const stalledIntervalMs = 400
    const job = await addTask(setup.queue, 'video.generate', VIDEO)
    const child = fork(
      fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url)),
      [],
      {
        execArgv: ['--import', 'tsx'],
        cwd: fileURLToPath(new URL('../../..', import.meta.url)),
        env: {
          ...process.env,
          ATELIER_TEST_WORKER: JSON.stringify({
            queueName: setup.queueName,
            connection: redis.connection,
            baseUrl: setup.server.url,
            mediaDirectory: setup.mediaDirectory,
            lockDurationMs,
            stalledIntervalMs,
          }),
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    )
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
    closers.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    })
    await refStored(setup.queue, job.id!)
    expect(setup.submits()).toHaveLength(1)
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')

    // This worker finds the dead process's lock lapsed and takes the job over.
    setup.worker({
      mode: 'wait',
      worker: { lockDuration: lockDurationMs, stalledInterval: stalledIntervalMs },
    })
    const result = (await job.waitUntilFinished(setup.events)) as { videos: MediaReference[] }
    expect(result.videos).toHaveLength(1)
    expect(setup.submits()).toEqual([{ idempotencyKey: job.id }])
  })

  it('parks between checks: one worker slot carries two renders at once, with progress', async () => {
    const setup = await setUp(1_500)
    const delayed = new Map<string, number>()
    setup.events.on('delayed', ({ jobId }) => delayed.set(jobId, (delayed.get(jobId) ?? 0) + 1))
    const progress = new Map<string, AtelierProgress[]>()
    setup.events.on('progress', ({ jobId, data }) => {
      progress.set(jobId, [...(progress.get(jobId) ?? []), data as AtelierProgress])
    })
    const first = await addTask(setup.queue, 'video.generate', VIDEO)
    const second = await addTask(setup.queue, 'video.generate', { ...VIDEO, prompt: 'a second' })
    setup.worker({ concurrency: 1, parkThresholdMs: 10 })
    await Promise.all([
      first.waitUntilFinished(setup.events),
      second.waitUntilFinished(setup.events),
    ])

    // Both were parked (moved to delayed) between checks...
    expect(delayed.get(first.id!)).toBeGreaterThan(0)
    expect(delayed.get(second.id!)).toBeGreaterThan(0)
    // ...so the second was submitted while the first still rendered, through the one slot.
    const requests = setup.gateway.state.requests
    const secondSubmit = requests.findLastIndex((record) => record.path === SUBMIT_PATH)
    const firstResult = requests.findIndex((record) => record.path === '/api/llm/queue/result')
    expect(secondSubmit).toBeLessThan(firstResult)
    expect(setup.submits()).toHaveLength(2)

    // Progress at every check: the gateway runs one job at a time, so the second waited in its
    // queue (Canary's status has a position but no fraction) before it ran.
    const firstStates = progress.get(first.id!) ?? []
    expect(firstStates[0]).toEqual({ state: 'running' })
    expect(firstStates.at(-1)).toEqual({ state: 'completed', fraction: 1 })
    const secondStates = (progress.get(second.id!) ?? []).map((seen) => JSON.stringify(seen))
    expect([...new Set(secondStates)]).toEqual([
      JSON.stringify({ state: 'queued', position: 0 }),
      JSON.stringify({ state: 'running' }),
      JSON.stringify({ state: 'completed', fraction: 1 }),
    ])
    const stored = await setup.queue.getJob(first.id!)
    expect(stored?.progress).toEqual({ state: 'completed', fraction: 1 })
  })

  it('cancel: the remote job is canceled and the BullMQ job fails as canceled', async () => {
    const setup = await setUp(30_000)
    const job = await addTask(setup.queue, 'video.generate', VIDEO)
    setup.worker({ parkThresholdMs: 10 })
    await refStored(setup.queue, job.id!)
    await stateBecomes(setup.queue, job.id!, 'delayed')

    expect(await cancelTask(setup.queue, job.id!, { ai: setup.ai })).toBe('canceled')
    await expect(job.waitUntilFinished(setup.events)).rejects.toThrow(/cancel/i)
    expect(setup.cancels()).toBe(1)
    const failed = await setup.queue.getJob(job.id!)
    expect(failed?.attemptsMade).toBe(1)
    expect(setup.submits()).toHaveLength(1)
  })

  it('cancel before the submit: the worker never submits', async () => {
    const setup = await setUp(300)
    const job = await addTask(setup.queue, 'video.generate', VIDEO)
    expect(await cancelTask(setup.queue, job.id!, { ai: setup.ai })).toBe('requested')
    setup.worker()
    await expect(job.waitUntilFinished(setup.events)).rejects.toThrow(/cancel/i)
    expect(setup.submits()).toHaveLength(0)
  })

  it('removing a parked job from BullMQ cancels the remote job', async () => {
    const setup = await setUp(30_000)
    let watcher: RemovalWatcher | undefined
    watcher = await watchRemovals(setup.queueName, { ai: setup.ai, connection: redis.connection })
    closers.push(() => watcher!.close())
    const job: Job = await addTask(setup.queue, 'video.generate', VIDEO)
    setup.worker({ parkThresholdMs: 10 })
    await refStored(setup.queue, job.id!)
    await stateBecomes(setup.queue, job.id!, 'delayed')

    await setup.queue.remove(job.id!)
    await expect.poll(() => setup.cancels(), { timeout: 10_000 }).toBe(1)
  })

  it('a 422 on the submit fails the job at once, without another attempt', async () => {
    const setup = await setUp(300)
    setup.gateway.failNext(1, { status: 422, path: SUBMIT_PATH, code: 'VALIDATION_ERROR' })
    const job = await addTask(setup.queue, 'video.generate', VIDEO, FAST_RETRY)
    setup.worker()
    await expect(job.waitUntilFinished(setup.events)).rejects.toThrow(/ValidationError|422/)
    const failed = await setup.queue.getJob(job.id!)
    expect(failed?.attemptsMade).toBe(1)
    expect(setup.submits()).toHaveLength(1)
  })

  it('a 503 on the submit proves nothing started: the next attempt submits again and finishes', async () => {
    const setup = await setUp(300)
    setup.gateway.failNext(1, { status: 503, path: SUBMIT_PATH })
    const job = await addTask(setup.queue, 'video.generate', VIDEO, FAST_RETRY)
    setup.worker()
    await job.waitUntilFinished(setup.events)
    const finished = await setup.queue.getJob(job.id!)
    expect(finished?.attemptsMade).toBe(2)
    expect(setup.submits()).toEqual([{ idempotencyKey: job.id }, { idempotencyKey: job.id }])
  })
})

describe('outputs as references', () => {
  it('a file with a provider URL keeps the URL; nothing is downloaded', async () => {
    let sinkCalls = 0
    const output = {
      videos: [MediaFile.fromUrl('https://cdn.example/v/1.mp4', { mediaType: 'video/mp4' })],
      warnings: [{ type: 'unsupported', setting: 'seed' }],
      model: 'example/video',
    }
    const references = await outputToReferences(
      output,
      { jobId: '7', task: 'video.generate' },
      {
        sink: async () => {
          sinkCalls++
          return { url: 'file:///copy.mp4' }
        },
      },
    )
    expect(references).toEqual({
      videos: [
        { mediaType: 'video/mp4', url: 'https://cdn.example/v/1.mp4', storedBy: 'provider' },
      ],
      warnings: [{ type: 'unsupported', setting: 'seed' }],
      model: 'example/video',
    })
    expect(sinkCalls).toBe(0)
    // `copy: 'always'` sends even URL files to the sink, for providers whose links expire.
    const copied = await outputToReferences(
      output,
      { jobId: '7', task: 'video.generate' },
      { copy: 'always', sink: async () => ({ url: 'file:///copy.mp4', size: 5 }) },
    )
    expect((copied as { videos: MediaReference[] }).videos[0]).toEqual({
      mediaType: 'video/mp4',
      url: 'file:///copy.mp4',
      size: 5,
      storedBy: 'sink',
    })
  })
})

describe('a sidecar video task', () => {
  it('reports the fraction and ETA as it renders, and keeps the sidecar URL of the video', async () => {
    const sidecar = createSidecarEmulator({ videoJobMs: 1_500 })
    const server = await serve(sidecar.handler)
    closers.push(() => server.close())
    const ai = createAtelier({ providers: [local({ baseUrl: server.url })], polling: POLLING })
    const { queueName, queue, events } = await newQueue()
    const seen: AtelierProgress[] = []
    events.on('progress', ({ data }) => seen.push(data as AtelierProgress))
    const worker = createAtelierWorker(queueName, {
      ai,
      connection: redis.connection,
      parkThresholdMs: 10,
    })
    closers.push(() => worker.close())

    const job = await addTask(queue, 'video.generate', {
      model: 'local/hunyuan-video',
      prompt: 'waves',
    })
    const result = (await job.waitUntilFinished(events)) as { videos: MediaReference[] }

    const fractions = seen.flatMap((progress) =>
      progress.state === 'running' && progress.fraction !== undefined ? [progress.fraction] : [],
    )
    expect(fractions.length).toBeGreaterThan(0)
    expect(fractions.every((fraction) => fraction >= 0 && fraction < 1)).toBe(true)
    const running = seen.filter((progress) => progress.state === 'running')
    expect(running.every((progress) => typeof progress.etaMs === 'number')).toBe(true)
    expect(
      running.some((progress) => progress.step !== undefined && progress.totalSteps !== undefined),
    ).toBe(true)
    expect(seen.at(-1)).toEqual({ state: 'completed', fraction: 1 })
    const [video] = result.videos
    expect(video).toMatchObject({ mediaType: 'video/mp4', storedBy: 'provider' })
    expect(video!.url.startsWith(server.url)).toBe(true)
    const bytes = new Uint8Array(await (await fetch(video!.url)).arrayBuffer())
    expect(inspectMp4(bytes).boxes).toContain('ftyp')
  })
})

describe('outputs without a provider URL', () => {
  async function sidecarSetUp() {
    const sidecar = createSidecarEmulator({ timeScale: 0.002 })
    const server = await serve(sidecar.handler)
    closers.push(() => server.close())
    const ai = createAtelier({ providers: [local({ baseUrl: server.url })], polling: POLLING })
    const { queueName, queue, events } = await newQueue()
    return { ai, queue, queueName, events }
  }
  const IMAGE = {
    model: 'local/z-image-turbo',
    prompt: 'a red panda',
    size: { width: 256, height: 256 },
  }

  it('go to the media sink; Redis keeps only where the file is', async () => {
    const { ai, queue, queueName, events } = await sidecarSetUp()
    const directory = await mkdtemp(join(tmpdir(), 'atelier-bullmq-'))
    closers.push(() => rm(directory, { recursive: true, force: true }))
    const worker = createAtelierWorker(queueName, {
      ai,
      connection: redis.connection,
      media: { sink: fileSink(directory) },
    })
    closers.push(() => worker.close())
    const job = await addTask(queue, 'image.generate', IMAGE)
    const result = (await job.waitUntilFinished(events)) as { images: MediaReference[] }

    const [image] = result.images
    expect(image).toMatchObject({ mediaType: 'image/png', storedBy: 'sink' })
    const path = fileURLToPath(image!.url)
    expect(path.startsWith(directory)).toBe(true)
    expect(existsSync(path)).toBe(true)
    expect(inspectPng(new Uint8Array(readFileSync(path)))).toMatchObject({
      width: 256,
      height: 256,
    })
    expect(image!.size).toBe(readFileSync(path).length)
    // What Redis holds for the finished job is the reference, not the picture.
    const stored = await queue.getJob(job.id!)
    expect(JSON.stringify(stored?.returnvalue).length).toBeLessThan(1_000)
  })

  it('without a sink fail the job for good instead of writing bytes into Redis', async () => {
    const { ai, queue, queueName, events } = await sidecarSetUp()
    const worker = createAtelierWorker(queueName, { ai, connection: redis.connection })
    closers.push(() => worker.close())
    const job = await addTask(queue, 'image.generate', IMAGE, FAST_RETRY)
    await expect(job.waitUntilFinished(events)).rejects.toThrow(/media sink/)
    expect((await queue.getJob(job.id!))?.attemptsMade).toBe(1)
  })
})
