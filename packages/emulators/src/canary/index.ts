/**
 * The CanaryLLM emulator: a fetch-style handler that speaks the gateway's whole API — the
 * generation endpoints (image, video, speech, sound effects, music, dialogue, transcription,
 * LLM completion), the queue (`/api/llm/queue/status`, `result`, `stream`, `cancel`) and the
 * vision endpoints (detection, training, auto-labelling, models) — with fake media. Run it in
 * msw for unit tests, or as a real loopback server with `serve(createCanaryEmulator().handler)`.
 *
 * It behaves like a queue: every generation answers at once with `{queueId, status:
 * "queued"}`; jobs wait in line (`position`), `workers` at a time process for their kind's
 * processing time, and `result` answers 202 until the job is done. Results carry valid PNG,
 * MP4 and WAV files as base64, streamed as the client reads, so a 256 MiB video result
 * (`videoBytes`) never sits in memory. Requests need a key (`Authorization: Bearer` or
 * `X-API-Key`), are validated against rules read from the API document itself (`./rules`, 400
 * `VALIDATION_ERROR` with `details`; never the driver's schemas, which it is there to check),
 * may be rate limited (429 with `Retry-After`), and repeat submits with the same
 * `Idempotency-Key` get the first job back.
 *
 * Deviations from the real service: no model runs; images are gradients, videos still
 * pictures, audio tones (always WAV, whatever `outputFormat` asks), transcripts and
 * completions fixed texts, detections made up. Only web-standard APIs are used, so the
 * handler runs in Node, browsers and edge runtimes.
 */

import { encodeBase64 } from '@atelier/core/driver'
import { type FailRule, FailRules } from '../fail-rules'
import type { FetchHandler } from '../server'
import { seededRandom } from '../sidecar/context'
import { Router } from '../sidecar/router'
import {
  type CanaryEmulatorOptions,
  type CanaryJob,
  type CanaryJobKind,
  type CanaryRequestRecord,
  type CanarySettings,
  type CanaryState,
  initialState,
  resolveSettings,
  type TrainingJob,
} from './context'
import { JobQueue } from './queue'
import {
  CanaryHttpError,
  type ErrorDetail,
  eventStream,
  failure,
  ok,
  streamedOk,
} from './responses'
import { completionPieces, completionResult, resultFor } from './results'
import {
  autoLabelRequest,
  autoTrainRequest,
  completeRequest,
  detectRequest,
  dialogueRequest,
  faceDetectRequest,
  imageRequest,
  musicRequest,
  OBJECT_MODELS,
  queueRequest,
  soundEffectRequest,
  speechRequest,
  trainRequest,
  transcribeRequest,
  videoRequest,
  webDetectRequest,
  zeroShotDetectRequest,
} from './rules'
import {
  autoLabel,
  BUILT_IN_MODELS,
  customModelOf,
  datasetStats,
  imageSizeOf,
  trainingProfile,
  trainResponse,
  trainStatus,
} from './vision'

export type {
  CanaryEmulatorOptions,
  CanaryJob,
  CanaryJobKind,
  CanaryJobStatus,
  CanaryRequestRecord,
  CanarySettings,
  CanaryState,
  CustomModel,
  TrainingJob,
} from './context'
export { TYPICAL_PROCESSING_MS as CANARY_TYPICAL_PROCESSING_MS } from './context'
export { EMULATOR_HEADER as CANARY_EMULATOR_HEADER, EmbeddedMedia } from './responses'

/** Which requests `failNext` fails, and how. */
export interface CanaryFailNextOptions extends FailRule {
  /** The error's `code`. Default `INTERNAL_ERROR` (`RATE_LIMITED` for 429). */
  code?: string
  /** The error's `message`. Default `Emulated failure`. */
  message?: string
}

export interface CanaryEmulator {
  /** Answers one request; hand it to `serve()` or to msw. */
  handler: FetchHandler
  /** Live state: jobs, the queue, request log, training runs, custom models. */
  readonly state: CanaryState
  /** Settings in effect; change a field to change the emulator from then on. */
  readonly settings: CanarySettings
  /** Fail the next `count` requests matching `options` (all by default), before auth and routing. */
  failNext(count?: number, options?: CanaryFailNextOptions): void
  /** Make jobs fail: `true` (all), `false` (none) or a share in 0-1. */
  failJobs: boolean | number
  /** Back to the start: forgets jobs, logs, models, rules; stops all work. */
  reset(): void
  /** The routes served. */
  readonly routes: readonly { method: string; pattern: string }[]
}

interface Schema {
  safeParse(input: unknown):
    | { success: true; data: unknown }
    | {
        success: false
        error: {
          issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]
        }
      }
}

const BUILT_IN_IDS = new Set<string>(BUILT_IN_MODELS.map((model) => model.id))

/** Creates a CanaryLLM emulator; see `CanaryEmulatorOptions` for its timings and knobs. */
export function createCanaryEmulator(options: CanaryEmulatorOptions = {}): CanaryEmulator {
  let state = initialState()
  const settings = resolveSettings(options)
  let random = seededRandom(options.seed ?? 1)
  let failJobs: boolean | number = options.failJobs ?? false
  const failRules = new FailRules<CanaryFailNextOptions>()
  let recent: number[] = []
  const apiKeys = options.apiKeys ? new Set(options.apiKeys) : undefined

  const customClasses = (model: string) => state.models.get(model)?.classes

  const newQueue = () =>
    new JobQueue({
      state,
      settings,
      shouldFail: () => (typeof failJobs === 'number' ? random() < failJobs : failJobs),
      resultOf: (job) =>
        job.kind === 'completion'
          ? completionResult(job.request, job.chunks)
          : resultFor(job.kind, detectionBody(job), {
              settings,
              random: () => random(),
              customClasses,
            }),
      piecesOf: (job) => completionPieces(job.request),
    })
  let queue = newQueue()

  /** Registers the models of training runs that have finished. */
  const settleTraining = () => {
    const now = Date.now()
    for (const run of state.training.values()) {
      if (!run.settled && now >= run.startedAt + run.plannedMs) {
        run.settled = true
        state.models.set(run.modelId, customModelOf(run))
      }
    }
  }

  const validate = (schema: Schema, body: unknown): Record<string, unknown> => {
    const result = schema.safeParse(body)
    if (result.success) return result.data as Record<string, unknown>
    const details: ErrorDetail[] = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      code: issue.code ?? 'invalid',
    }))
    throw new CanaryHttpError(
      400,
      'VALIDATION_ERROR',
      details.map((detail) => `${detail.path || '(body)'}: ${detail.message}`).join('; '),
      details,
    )
  }

  const readBody = async (request: Request, record: CanaryRequestRecord): Promise<unknown> => {
    const text = await request.text()
    try {
      record.body = text.trim() === '' ? undefined : JSON.parse(text)
      return record.body
    } catch {
      throw new CanaryHttpError(400, 'INVALID_JSON', 'The body is not valid JSON')
    }
  }

  const jobOf = async (request: Request, record: CanaryRequestRecord): Promise<CanaryJob> => {
    const { queueId } = validate(queueRequest, await readBody(request, record)) as {
      queueId: string
    }
    const job = state.jobs.get(queueId)
    if (!job) throw new CanaryHttpError(404, 'NOT_FOUND', `No job with queueId ${queueId}`)
    return job
  }

  const submit = async (
    request: Request,
    record: CanaryRequestRecord,
    kind: CanaryJobKind,
    schema: Schema,
    check?: (body: Record<string, unknown>) => void,
  ): Promise<Response> => {
    const body = validate(schema, await readBody(request, record))
    check?.(body)
    const key = record.idempotencyKey ? `${record.path} ${record.idempotencyKey}` : undefined
    const earlier = key ? state.jobs.get(state.idempotency.get(key) ?? '') : undefined
    if (earlier) return ok({ queueId: earlier.queueId, status: earlier.status })
    const job: CanaryJob = {
      queueId: `${prefixOf(kind)}_${newId()}`,
      kind,
      endpoint: record.path,
      request: body,
      status: 'queued',
      createdAt: new Date().toISOString(),
      startedAt: null,
      completedAt: null,
      processingMs: settings.processingMs[kind],
      chunks: [],
      stream: body.stream === true,
    }
    if (key) state.idempotency.set(key, job.queueId)
    queue.add(job)
    return ok({ queueId: job.queueId, status: 'queued' })
  }

  const checkImage = (body: Record<string, unknown>) => {
    imageSizeOf(String(body.image))
  }

  const router = new Router()
  /** The log record of each request in flight, for the routes. */
  const records = new WeakMap<Request, CanaryRequestRecord>()
  type Handler = (
    request: Request,
    record: CanaryRequestRecord,
    params: Record<string, string>,
  ) => Promise<Response>
  const add = (method: string, pattern: string, handle: Handler) => {
    router.add(method, pattern, (request, params) => handle(request, records.get(request)!, params))
  }

  // Generation
  add('POST', '/api/llm/generate-image', (request, record) =>
    submit(request, record, 'image', imageRequest),
  )
  add('POST', '/api/llm/generate-video', (request, record) =>
    submit(request, record, 'video', videoRequest),
  )
  add('POST', '/api/llm/generate-audio', (request, record) =>
    submit(request, record, 'speech', speechRequest),
  )
  add('POST', '/api/llm/generate-sound-effect', (request, record) =>
    submit(request, record, 'soundEffect', soundEffectRequest),
  )
  add('POST', '/api/llm/generate-music', (request, record) =>
    submit(request, record, 'music', musicRequest),
  )
  add('POST', '/api/llm/generate-dialogue', (request, record) =>
    submit(request, record, 'dialogue', dialogueRequest),
  )
  add('POST', '/api/llm/transcribe', (request, record) =>
    submit(request, record, 'transcription', transcribeRequest),
  )
  add('POST', '/api/llm/complete', (request, record) =>
    submit(request, record, 'completion', completeRequest),
  )

  // Queue
  add('POST', '/api/llm/queue/status', async (request, record) => {
    const job = await jobOf(request, record)
    return ok({
      queueId: job.queueId,
      status: job.status,
      position: queue.position(job),
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      completedAt: job.completedAt,
      ...(job.error ? { error: job.error } : {}),
    })
  })
  add('POST', '/api/llm/queue/result', async (request, record) => {
    const job = await jobOf(request, record)
    switch (job.status) {
      case 'queued':
      case 'processing':
        return ok({ queueId: job.queueId, status: job.status, position: queue.position(job) }, 202)
      case 'completed':
        return streamedOk({ queueId: job.queueId, status: job.status, result: job.result })
      case 'error':
        return ok({ queueId: job.queueId, status: job.status, error: job.error })
      case 'cancelled':
        return ok({ queueId: job.queueId, status: job.status })
    }
  })
  add('POST', '/api/llm/queue/stream', async (request, record) => {
    const job = await jobOf(request, record)
    return eventStream((events) => {
      let started = false
      let sent = 0
      const send = () => {
        if (!started && job.startedAt !== null) {
          started = true
          events.write('start', {
            queueId: job.queueId,
            status: 'processing',
            startedAt: job.startedAt,
          })
        }
        while (sent < job.chunks.length) {
          events.write('chunk', { delta: job.chunks[sent++], finishReason: null })
        }
        if (job.status === 'queued' || job.status === 'processing') return
        if (job.status === 'completed' && job.kind === 'completion') {
          events.write('chunk', { delta: '', finishReason: 'stop' })
        }
        if (job.status === 'error') {
          events.write('error', { queueId: job.queueId, status: job.status, error: job.error })
        } else {
          const usage =
            job.status === 'completed' && job.kind === 'completion'
              ? (job.result as { usage?: unknown }).usage
              : undefined
          events.write('done', {
            queueId: job.queueId,
            status: job.status,
            ...(usage ? { usage } : {}),
          })
        }
        events.close()
      }
      const unsubscribe = queue.subscribe(job, send)
      const onAbort = () => events.close()
      request.signal.addEventListener('abort', onAbort, { once: true })
      send()
      return () => {
        unsubscribe()
        request.signal.removeEventListener('abort', onAbort)
      }
    })
  })
  add('POST', '/api/llm/queue/cancel', async (request, record) => {
    const job = await jobOf(request, record)
    if (!queue.cancel(job)) {
      throw new CanaryHttpError(
        409,
        'NOT_CANCELLABLE',
        `Job ${job.queueId} has already ended (${job.status})`,
      )
    }
    return ok({ queueId: job.queueId, status: 'cancelled' })
  })

  // Vision detection (queued)
  add('POST', '/api/vision/detect', (request, record) =>
    submit(request, record, 'detection', detectRequest, (body) => {
      checkImage(body)
      const model = body.model
      settleTraining()
      if (
        typeof model === 'string' &&
        !(OBJECT_MODELS as readonly string[]).includes(model) &&
        !state.models.has(model)
      ) {
        throw new CanaryHttpError(404, 'MODEL_NOT_FOUND', `Model ${model} not found`)
      }
    }),
  )
  add('POST', '/api/vision/detect/zero-shot', (request, record) =>
    submit(request, record, 'detection', zeroShotDetectRequest, checkImage),
  )
  add('POST', '/api/vision/detect/faces', (request, record) =>
    submit(request, record, 'detection', faceDetectRequest, checkImage),
  )
  add('POST', '/api/vision/detect/web', (request, record) =>
    submit(request, record, 'webDetection', webDetectRequest, checkImage),
  )

  // Training and models (answered at once)
  const startTraining = (
    datasetB64: string,
    classes: string[],
    baseModel: string,
    epochs: number | undefined,
  ) => {
    const stats = datasetStats(datasetB64)
    const profile = trainingProfile(stats.total)
    const jobId = newId()
    const run: TrainingJob = {
      jobId,
      classes,
      baseModel,
      datasetStats: stats,
      effectiveEpochs: epochs ?? profile.epochs,
      startedAt: Date.now(),
      plannedMs: settings.trainingMs,
      modelId: `custom-${jobId}`,
      settled: false,
    }
    state.training.set(jobId, run)
    return trainResponse(run, profile)
  }
  add('POST', '/api/vision/train', async (request, record) => {
    const body = validate(trainRequest, await readBody(request, record))
    return ok(
      startTraining(
        String(body.datasetB64),
        body.classes as string[],
        (body.baseModel as string | undefined) ?? 'yolo11n',
        body.epochs as number | undefined,
      ),
    )
  })
  add('POST', '/api/vision/auto-label', async (request, record) => {
    const started = Date.now()
    const body = validate(autoLabelRequest, await readBody(request, record))
    const labelled = autoLabel(
      body.images as string[],
      body.classes as string[],
      (body.confidence as number | undefined) ?? 0.3,
    )
    return ok({
      datasetB64: encodeBase64(labelled.datasetB64),
      format: 'yolo-zip',
      stats: labelled.stats,
      processingTimeMs: Date.now() - started,
    })
  })
  add('POST', '/api/vision/auto-train', async (request, record) => {
    const body = validate(autoTrainRequest, await readBody(request, record))
    const classes = body.classes as string[]
    const labelled = autoLabel(
      body.images as string[],
      classes,
      (body.confidence as number | undefined) ?? 0.3,
    )
    return ok({
      ...startTraining(
        encodeBase64(labelled.datasetB64),
        classes,
        (body.baseModel as string | undefined) ?? 'yolo11n',
        body.epochs as number | undefined,
      ),
      labelStats: labelled.stats,
    })
  })
  add('GET', '/api/vision/train/{jobId}', async (_request, _record, { jobId = '' }) => {
    const run = state.training.get(jobId)
    if (!run) throw new CanaryHttpError(404, 'NOT_FOUND', `No training job ${jobId}`)
    return ok(trainStatus(run, Date.now()))
  })
  add('GET', '/api/vision/models', async () =>
    ok({
      models: [
        ...BUILT_IN_MODELS.map((model) => ({ ...model, custom: false })),
        ...[...state.models.values()].map((model) => ({
          id: model.id,
          name: model.id,
          type: 'custom',
          custom: true,
          classes: model.classes,
          baseModel: model.baseModel,
          createdAt: model.createdAt,
        })),
      ],
    }),
  )
  add('DELETE', '/api/vision/models/{modelId}', async (_request, _record, { modelId = '' }) => {
    if (BUILT_IN_IDS.has(modelId)) {
      throw new CanaryHttpError(
        400,
        'MODEL_PROTECTED',
        `Built-in model ${modelId} cannot be deleted`,
      )
    }
    if (!state.models.delete(modelId)) {
      throw new CanaryHttpError(404, 'MODEL_NOT_FOUND', `Model ${modelId} not found`)
    }
    return ok({ deleted: true, modelId })
  })

  const injectedFailure = (method: string, path: string): Response | undefined => {
    const rule = failRules.take(method, path)
    if (!rule) return undefined
    const status = rule.status ?? 500
    return failure(
      status,
      rule.code ?? (status === 429 ? 'RATE_LIMITED' : 'INTERNAL_ERROR'),
      rule.message ?? 'Emulated failure',
      rule.headers ? { headers: rule.headers } : {},
    )
  }

  const authenticate = (request: Request, record: CanaryRequestRecord): Response | undefined => {
    const authorization = request.headers.get('authorization')
    const headerKey = request.headers.get('x-api-key')
    let key: string | undefined
    if (authorization && /^bearer\s+/i.test(authorization)) {
      key = authorization.replace(/^bearer\s+/i, '').trim()
      record.auth = 'bearer'
    } else if (headerKey) {
      key = headerKey.trim()
      record.auth = 'x-api-key'
    }
    if (!key) {
      return failure(
        401,
        'UNAUTHORIZED',
        'Missing API key: send Authorization: Bearer clk_live_... or X-API-Key',
      )
    }
    if (apiKeys && !apiKeys.has(key)) return failure(401, 'UNAUTHORIZED', 'Invalid API key')
    return undefined
  }

  const rateLimited = (): Response | undefined => {
    const limit = options.rateLimit
    if (!limit) return undefined
    const now = Date.now()
    recent = recent.filter((at) => at > now - limit.windowMs)
    if (recent.length < limit.requests) {
      recent.push(now)
      return undefined
    }
    const waitMs = Math.max(1, recent[0]! + limit.windowMs - now)
    return failure(
      429,
      'RATE_LIMITED',
      `Rate limit of ${limit.requests} requests per ${limit.windowMs} ms exceeded`,
      {
        headers: {
          'retry-after': String(Math.ceil(waitMs / 1000)),
          'retry-after-ms': String(waitMs),
        },
      },
    )
  }

  const answer = async (request: Request, record: CanaryRequestRecord): Promise<Response> => {
    const injected = injectedFailure(record.method, record.path)
    if (injected) return injected
    const denied = authenticate(request, record) ?? rateLimited()
    if (denied) return denied
    const match = router.match(record.method, record.path)
    if (match.kind === 'not-found')
      return failure(404, 'NOT_FOUND', `No route ${record.method} ${record.path}`)
    if (match.kind === 'method-not-allowed') {
      return failure(405, 'METHOD_NOT_ALLOWED', `${record.method} is not allowed here`, {
        headers: { allow: match.allowed.join(', ') },
      })
    }
    record.route = match.route.pattern
    settleTraining()
    try {
      return await match.route.handle(request, match.params)
    } catch (error) {
      if (error instanceof CanaryHttpError) return error.toResponse()
      return failure(500, 'INTERNAL_ERROR', error instanceof Error ? error.message : String(error))
    }
  }

  const handler: FetchHandler = async (request) => {
    const idempotencyKey = request.headers.get('idempotency-key')
    const record: CanaryRequestRecord = {
      method: request.method.toUpperCase(),
      path: new URL(request.url).pathname,
      at: Date.now(),
      ...(idempotencyKey ? { idempotencyKey } : {}),
    }
    state.requests.push(record)
    records.set(request, record)
    const response = await answer(request, record)
    record.status = response.status
    return response
  }

  return {
    handler,
    get state() {
      return state
    },
    settings,
    failNext(count = 1, rule: CanaryFailNextOptions = {}) {
      failRules.add(count, rule)
    },
    get failJobs() {
      return failJobs
    },
    set failJobs(value: boolean | number) {
      failJobs = value
    },
    reset() {
      queue.reset()
      state = initialState()
      queue = newQueue()
      random = seededRandom(options.seed ?? 1)
      failJobs = options.failJobs ?? false
      failRules.clear()
      recent = []
    },
    routes: router.routes().map(({ method, pattern }) => ({ method, pattern })),
  }
}

/** A detection job's body, with which detect endpoint made it. */
function detectionBody(job: CanaryJob): Record<string, unknown> {
  if (job.kind !== 'detection') return job.request
  const endpoint = job.endpoint.endsWith('/faces')
    ? 'faces'
    : job.endpoint.endsWith('/zero-shot')
      ? 'zero-shot'
      : 'detect'
  return { ...job.request, endpoint }
}

const PREFIXES: Record<CanaryJobKind, string> = {
  image: 'img',
  video: 'vid',
  speech: 'llm',
  soundEffect: 'llm',
  music: 'llm',
  dialogue: 'llm',
  transcription: 'llm',
  completion: 'llm',
  detection: 'vis',
  webDetection: 'vis',
}

const prefixOf = (kind: CanaryJobKind) => PREFIXES[kind]

const newId = (): string => globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 12)
