/**
 * Fault soak: 1,000 jobs across the five drivers, through `createAtelier`, against the
 * emulators served on loopback behind `withFaults` (10% 5xx, 5% resets, 3% 429 with
 * Retry-After, 2% truncated bodies, 1% hung answers, on submits, status reads, results and
 * downloads alike). What a user depends on:
 *
 * - every job ends: completed with its files readable, or rejected with a typed atelier error
 *   whose message says why (never a TypeError or anything untyped);
 * - no unhandled rejection escapes, whatever the faults;
 * - no paid work is created twice for one call: the ledger of submits that reached each
 *   emulator shows no idempotency key and no logical job that made two jobs;
 * - once everything is closed, no timer or socket is left open.
 *
 * Each job also has a deadline of the app's own (as a careful app would set), so a hang the
 * SDK did not end by itself could not stall the file; the soak asserts none needed it. The
 * tests after the soak pin single faults on single drivers.
 */

import { createServer } from 'node:net'
import { canary } from '@atelier/canary'
import { TimeoutError } from '@atelier/core'
import {
  createCanaryEmulator,
  createOnysoftEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  createVlmRunEmulator,
  encodePng,
  FAULT_KINDS,
  type FaultInjector,
  type FaultKind,
  type FaultPlan,
  type FetchHandler,
  REQUEST_CLASSES,
  type RequestClass,
  type RunningServer,
  serve,
  withFaults,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import { type Atelier, createAtelier, isAtelierError, type MediaFile } from 'atelier'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { recordFigures } from '../src/figures'

const JOBS = 1_000
/** Jobs in flight at once. */
const CONCURRENCY = 100
/** Per-request timeout of every client: a hung answer ends after this. */
const REQUEST_TIMEOUT_MS = 1_500
/**
 * The app's own deadlines, per call and for reading its files: a safety net, not the expected
 * way out (generous, so a loaded machine does not trip them).
 */
const CALL_DEADLINE_MS = 30_000
const DOWNLOAD_DEADLINE_MS = 8_000
const RETRY = { limit: 2, minDelayMs: 20, maxDelayMs: 200 }
const POLLING = { minIntervalMs: 20, initialIntervalMs: 30, maxIntervalMs: 150 }

const CANARY_KEY = 'clk_live_soak_key_0123'
const ONYSOFT_KEY = 'sk-ony-soak-key-0123456789'
const VLMRUN_KEY = 'vlm-soak-key-0123456789'
const STUDIO_KEY = 'vs-soak-key-0123456789'

/** Every job's prompt carries its tag, so the ledger can group submits by user call. */
const tagOf = (index: number) => `soak-job-${index}`
const logicalJobOf = (body: string) => /soak-job-\d+/.exec(body)?.[0]

type Outcome =
  | { state: 'completed'; provider: string }
  | {
      state: 'typed'
      provider: string
      name: string
      message: string
      /** Ended by the app's own deadline, in the call or while reading files. */
      byDeadline?: 'call' | 'download'
    }
  | { state: 'untyped'; provider: string; error: unknown }

/** The servers faults are injected in front of (Onysoft's result files live on a host of their own). */
type ServerName = 'local' | 'canary' | 'onysoft' | 'onysoft-files' | 'vlmrun' | 'vision-studio'

interface Rig {
  ai: Atelier
  injectors: Map<ServerName, FaultInjector>
  close(): Promise<void>
}

interface RigOptions {
  /** Plan fields per server, over the default mix (seeded per server). */
  plan?: (name: ServerName) => FaultPlan
  requestTimeoutMs?: number
}

/** The five emulators behind faults (each its own seed), served on loopback, and one atelier over them. */
async function startRig(options: RigOptions = {}): Promise<Rig> {
  const injectors = new Map<ServerName, FaultInjector>()
  const servers: RunningServer[] = []
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const faulty = async (name: ServerName, handler: FetchHandler, seed: number) => {
    const injector = withFaults(handler, { seed, logicalJobOf, ...options.plan?.(name) })
    injectors.set(name, injector)
    const server = await serve(injector.handler)
    servers.push(server)
    return server
  }

  const sidecar = createSidecarEmulator({
    imageStepMs: 1,
    swapDelayMs: 0,
    videoJobMs: 120,
    musicJobMs: 120,
    gpus: 32,
  })
  const sidecarServer = await faulty('local', sidecar.handler, 101)

  const canaryEmulator = createCanaryEmulator({
    processingMs: { image: 60 },
    workers: 32,
    imageBaseSize: 64,
    apiKeys: [CANARY_KEY],
  })
  const canaryServer = await faulty('canary', canaryEmulator.handler, 202)

  const onysoftEmulator = createOnysoftEmulator({
    apiKey: ONYSOFT_KEY,
    pendingMs: 20,
    processingMs: 80,
    maxMediaSide: 64,
  })
  // Result files live on another origin, with faults of their own.
  const onysoftCdn = await faulty('onysoft-files', onysoftEmulator.cdnHandler, 303)
  onysoftEmulator.cdnBaseUrl = onysoftCdn.url
  const onysoftServer = await faulty('onysoft', onysoftEmulator.handler, 304)

  const vlmrunEmulator = createVlmRunEmulator({
    apiKey: VLMRUN_KEY,
    enqueuedMs: 20,
    pendingMs: 20,
    runningMs: 60,
  })
  const vlmrunServer = await faulty('vlmrun', vlmrunEmulator.handler, 405)

  const studio = createVisionStudioEmulator({
    apiKey: STUDIO_KEY,
    syncMs: 0,
    taskQueuedMs: 15,
    taskRunMs: 80,
  })
  const studioServer = await faulty('vision-studio', studio.handler, 506)

  const timeouts = { timeoutMs: requestTimeoutMs, retry: RETRY }
  const ai = createAtelier({
    providers: [
      local({
        baseUrl: sidecarServer.url,
        ...timeouts,
        generationTimeoutMs: requestTimeoutMs,
        concurrency: 32,
        progressIntervalMs: 50,
      }),
      canary({ baseUrl: canaryServer.url, apiKey: CANARY_KEY, ...timeouts }),
      onysoft({ baseUrl: onysoftServer.url, apiKey: ONYSOFT_KEY, ...timeouts }),
      vlmrun({
        baseUrl: vlmrunServer.url,
        apiKey: VLMRUN_KEY,
        batch: true,
        ...timeouts,
        predictionTimeoutMs: requestTimeoutMs,
      }),
      visionStudio({
        baseUrl: studioServer.url,
        apiKey: STUDIO_KEY,
        ...timeouts,
        generationTimeoutMs: requestTimeoutMs,
      }),
    ],
    polling: POLLING,
  })

  return {
    ai,
    injectors,
    close: async () => {
      for (const injector of injectors.values()) injector.releaseHangs()
      await Promise.all(servers.map((server) => server.close()))
      // The emulators' own work (queues, job timers) stops with them.
      sidecar.reset()
      canaryEmulator.reset()
      onysoftEmulator.reset()
      vlmrunEmulator.reset()
      studio.reset()
    },
  }
}

const SOURCE_IMAGE = encodePng({ width: 32, height: 32 })

/** One user call per driver, each ending in files to download (or a structured answer). */
const CALLS: {
  provider: string
  run(ai: Atelier, tag: string, options: { signal: AbortSignal }): Promise<MediaFile[]>
}[] = [
  {
    provider: 'local',
    run: async (ai, tag, options) => {
      // Music, not video: a WAV costs the emulator next to nothing to make, an MP4 does not.
      const { tracks } = await ai.music.generate(
        { model: 'local/ace-step', prompt: tag, durationSeconds: 10 },
        options,
      )
      return tracks
    },
  },
  {
    provider: 'canary',
    run: async (ai, tag, options) =>
      (await ai.image.generate({ model: 'canary/gpt-image-1', prompt: tag }, options)).images,
  },
  {
    provider: 'onysoft',
    run: async (ai, tag, options) =>
      (await ai.image.generate({ model: 'onysoft/google/imagen4', prompt: tag }, options)).images,
  },
  {
    provider: 'vlmrun',
    run: async (ai, tag, options) => {
      const output = await ai.vision.analyze(
        { model: 'vlmrun/vlm-1', image: SOURCE_IMAGE, prompt: tag },
        options,
      )
      expect(output).toBeTruthy()
      return []
    },
  },
  {
    provider: 'vision-studio',
    run: async (ai, tag, options) =>
      // Bria vectors are SVG: cheap for the emulator to make, so the soak measures the SDK.
      (await ai.image.generate({ model: 'vision-studio/bria/vector-fast', prompt: tag }, options))
        .images,
  },
]

/** An app's own deadline: a signal that aborts with a TimeoutError after `ms`, and its timer's stop. */
function appDeadline(ms: number, what: string): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController()
  const timer = setTimeout(
    () => controller.abort(new TimeoutError(`soak: the app's own ${ms} ms deadline for ${what}`)),
    ms,
  )
  return { signal: controller.signal, clear: () => clearTimeout(timer) }
}

/** A job to the end: the call, then every file read in full, each under the app's own deadline. */
async function runJob(ai: Atelier, index: number): Promise<Outcome> {
  const call = CALLS[index % CALLS.length]!
  let stage: 'call' | 'download' = 'call'
  let deadline = appDeadline(CALL_DEADLINE_MS, `job ${index}`)
  try {
    const files = await call.run(ai, tagOf(index), { signal: deadline.signal })
    deadline.clear()
    stage = 'download'
    deadline = appDeadline(DOWNLOAD_DEADLINE_MS, `the files of job ${index}`)
    for (const file of files) {
      const bytes = await file.bytes({ signal: deadline.signal })
      if (bytes.byteLength === 0) throw new Error(`job ${index}: an empty file came back`)
    }
    return { state: 'completed', provider: call.provider }
  } catch (error) {
    if (!isAtelierError(error)) return { state: 'untyped', provider: call.provider, error }
    return {
      state: 'typed',
      provider: call.provider,
      name: error.name,
      message: error.message,
      ...(deadline.signal.aborted ? { byDeadline: stage } : {}),
    }
  } finally {
    deadline.clear()
  }
}

/** Active timers, sockets and servers by type. */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1)
  return counts
}

function extraResources(before: Map<string, number>): Record<string, number> {
  const extra: Record<string, number> = {}
  for (const [type, count] of activeResources()) {
    const more = count - (before.get(type) ?? 0)
    if (more > 0) extra[type] = more
  }
  return extra
}

/** Waits (up to `ms`) for resources to fall back to `before`; returns what is still extra. */
async function settle(before: Map<string, number>, ms: number): Promise<Record<string, number>> {
  const until = performance.now() + ms
  let extra = extraResources(before)
  while (Object.keys(extra).length > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    extra = extraResources(before)
  }
  return extra
}

describe('the leak check', () => {
  it('sees a timer and a socket left open, and nothing once they are closed', async () => {
    const before = activeResources()
    const timer = setInterval(() => {}, 60_000)
    const server = createServer().listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    expect(extraResources(before)).toMatchObject({ Timeout: 1, TCPServerWrap: 1 })
    clearInterval(timer)
    await new Promise((resolve) => server.close(resolve))
    expect(await settle(before, 1_000)).toEqual({})
  })
})

describe('fault soak', () => {
  let figures: Parameters<typeof recordFigures>[1] | undefined
  afterAll(() => {
    if (figures) recordFigures('fault-soak', figures)
  })

  it(`${JOBS} jobs across five drivers through injected faults end typed, once each, leaving nothing open`, async () => {
    const before = activeResources()
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    const rig = await startRig()
    const injectors = [...rig.injectors.values()]
    const outcomes: Outcome[] = []
    try {
      let next = 0
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < JOBS) {
            const index = next++
            outcomes[index] = await runJob(rig.ai, index)
          }
        }),
      )
    } finally {
      await rig.close()
    }
    // Let late settlements (aborted reads, closing sockets) surface before counting.
    const leftOpen = await settle(before, 2_000)
    process.off('unhandledRejection', onUnhandled)

    const completed = outcomes.filter((outcome) => outcome.state === 'completed')
    const typed = outcomes.filter((outcome) => outcome.state === 'typed')
    const untyped = outcomes.filter((outcome) => outcome.state === 'untyped')
    const duplicates = injectors.flatMap((injector) => injector.ledger.duplicates())
    const leaks = Object.values(leftOpen).reduce((sum, count) => sum + count, 0)
    figures = {
      jobs: outcomes.length,
      faults: injectors.reduce((sum, injector) => sum + injector.total, 0),
      completed: completed.length,
      typedFailures: typed.length,
      duplicates: duplicates.length,
      leaks,
    }
    const injectedIn = (requestClass: RequestClass) =>
      injectors.reduce(
        (sum, injector) =>
          sum + Object.values(injector.counts.injected[requestClass]).reduce((a, b) => a + b, 0),
        0,
      )
    const byKind = Object.fromEntries(
      FAULT_KINDS.map((kind) => [
        kind,
        injectors.reduce((sum, injector) => sum + injector.byKind()[kind], 0),
      ]),
    ) as Record<FaultKind, number>
    const errors: Record<string, number> = {}
    for (const outcome of typed) errors[outcome.name] = (errors[outcome.name] ?? 0) + 1
    const byDeadline = typed.filter((outcome) => outcome.byDeadline !== undefined)
    console.info(
      `fault soak: ${JSON.stringify({
        ...figures,
        byKind,
        byClass: Object.fromEntries(REQUEST_CLASSES.map((name) => [name, injectedIn(name)])),
        errors,
        endedByAppDeadline: byDeadline.map(
          (outcome) => `${outcome.provider} ${outcome.byDeadline}`,
        ),
      })}`,
    )

    expect(outcomes).toHaveLength(JOBS)
    expect(
      untyped.map(
        (outcome) => `${outcome.provider}: ${String(outcome.state === 'untyped' && outcome.error)}`,
      ),
    ).toEqual([])
    // A typed error that says why: words, not an empty message or `[object Object]`.
    for (const outcome of typed) {
      expect(outcome.message).toMatch(/[a-z]{3,}.*[a-z]{3,}/i)
      expect(outcome.message).not.toMatch(/\[object Object\]|undefined/)
    }
    expect(unhandled).toEqual([])
    // The ledger is only as good as what it groups by: every submit carried a key and its job's tag.
    const submits = injectors.flatMap((injector) => injector.ledger.records)
    expect(submits.length).toBeGreaterThan(JOBS / 2)
    expect(submits.filter((record) => !record.key || !record.logicalJob)).toEqual([])
    expect(duplicates).toEqual([])
    expect(leftOpen).toEqual({})
    // Hangs end by the clients' own request timeouts, never by the app's deadline.
    expect(byDeadline).toEqual([])
    // The faults really hit every phase of a job, and every kind happened.
    for (const requestClass of ['submit', 'status', 'result', 'download'] as const)
      expect(injectedIn(requestClass)).toBeGreaterThan(0)
    for (const kind of FAULT_KINDS) expect(byKind[kind]).toBeGreaterThan(0)
    // Retries and polling ride through most of it: most jobs still complete, on every driver.
    expect(completed.length).toBeGreaterThan(JOBS / 2)
    for (const call of CALLS) {
      const done = completed.filter((outcome) => outcome.provider === call.provider).length
      expect(done, call.provider).toBeGreaterThan(JOBS / CALLS.length / 4)
    }
  }, 120_000)
})

const NO_FAULTS = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
  FaultKind,
  number
>

/** A plan where only the first request of `requestClass` to `server` meets `kind`; every other request goes through. */
function firstOnly(
  server: ServerName,
  requestClass: RequestClass,
  kind: FaultKind,
  extra: FaultPlan = {},
): (name: ServerName) => FaultPlan {
  return (name) => {
    if (name !== server) return { rates: NO_FAULTS }
    let spent = false
    return {
      ...extra,
      rates: { ...NO_FAULTS, [kind]: 1 },
      appliesTo: (_request, candidate) => {
        if (candidate !== requestClass || spent) return false
        spent = true
        return true
      },
    }
  }
}

/** Runs one call of `provider` to the end (files read); the outcome, or `still running` after `boundMs`. */
async function oneJob(
  rig: Rig,
  provider: string,
  boundMs: number,
): Promise<'completed' | 'still running' | unknown> {
  const call = CALLS.find((candidate) => candidate.provider === provider)!
  const stop = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const run = (async () => {
    const files = await call.run(rig.ai, tagOf(0), { signal: stop.signal })
    for (const file of files) await file.bytes({ signal: stop.signal })
    return 'completed' as const
  })().catch((error: unknown) => error)
  try {
    return await Promise.race([
      run,
      new Promise<'still running'>((resolve) => {
        timer = setTimeout(() => resolve('still running'), boundMs)
      }),
    ])
  } finally {
    clearTimeout(timer)
    // Whatever is left (a read that never ends) stops with the app's abort.
    stop.abort()
    await run
  }
}

describe('fault soak, one fault at a time', () => {
  let rig: Rig | undefined
  afterEach(async () => {
    await rig?.close()
    rig = undefined
  })

  /** A hung answer on a read ends by the request timeout (and the read is retried). */
  const HANGS: { provider: string; server: ServerName; requestClass: RequestClass }[] = [
    { provider: 'local', server: 'local', requestClass: 'download' },
    { provider: 'canary', server: 'canary', requestClass: 'result' },
    { provider: 'onysoft', server: 'onysoft-files', requestClass: 'download' },
    { provider: 'vision-studio', server: 'vision-studio', requestClass: 'download' },
  ]
  for (const { provider, server, requestClass } of HANGS) {
    it(`${provider}: a ${requestClass} that never answers ends by the request timeout`, async () => {
      rig = await startRig({
        plan: firstOnly(server, requestClass, 'hang'),
        requestTimeoutMs: 300,
      })
      const outcome = await oneJob(rig, provider, 3_000)
      expect(rig.injectors.get(server)!.counts.injected[requestClass].hang).toBe(1)
      // Retried after the timeout (reads are safe to repeat), or a typed TimeoutError: never stuck.
      expect(outcome === 'completed' || isAtelierError(outcome), String(outcome)).toBe(true)
    })
  }

  /** A file whose body is cut short mid-download is a typed ConnectionError, not the runtime's TypeError. */
  for (const [provider, server] of [
    ['local', 'local'],
    ['onysoft', 'onysoft-files'],
    ['vision-studio', 'vision-studio'],
  ] as const) {
    it(`${provider}: a download cut short is a ConnectionError that says so`, async () => {
      rig = await startRig({ plan: firstOnly(server, 'download', 'truncate') })
      const outcome = await oneJob(rig, provider, 10_000)
      expect(rig.injectors.get(server)!.counts.injected.download.truncate).toBe(1)
      expect(outcome).toMatchObject({
        name: 'ConnectionError',
        message: expect.stringContaining('cut short'),
      })
    })
  }

  /**
   * A submit the provider took whose answer is lost (the connection drops on the way back)
   * looks to the client exactly like one that never arrived. None of the five APIs documents
   * that a repeated `Idempotency-Key` returns the first job, so the SDK does not send it again:
   * the call ends with a ConnectionError and the provider holds exactly one job.
   */
  for (const provider of ['local', 'canary', 'onysoft', 'vlmrun', 'vision-studio'] as const) {
    it(`${provider}: a submit whose answer is lost after the provider took it is not sent again`, async () => {
      rig = await startRig({
        plan: firstOnly(provider, 'submit', 'reset', { resetAfterForward: true }),
      })
      const outcome = await oneJob(rig, provider, 10_000)
      const injector = rig.injectors.get(provider)!
      expect(injector.counts.injected.submit.reset).toBe(1)
      expect(outcome).toMatchObject({ name: 'ConnectionError' })
      expect(injector.ledger.records).toHaveLength(1)
      expect(injector.ledger.duplicates()).toEqual([])
    })
  }
})
