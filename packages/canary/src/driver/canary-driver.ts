/**
 * The `canary` driver: atelier's tasks on the CanaryLLM gateway. Every generation is a job on
 * CanaryLLM's queue, addressed by its `queueId`:
 *
 * - `submit` sends the request and returns a pending job whose ref (`{provider: 'canary',
 *   task, id: queueId, data}`) resumes anywhere.
 * - `poll` asks `/api/llm/queue/status` once (`queued` with the position, `processing`,
 *   `completed`, `error`, `cancelled`) and, when the job is done, reads `/api/llm/queue/result`
 *   as it streams (media stays out of memory; see `readResultBody`).
 * - `watch` follows the queue position by status requests while the job waits further back
 *   than `streamFromPosition`, then listens to `/api/llm/queue/stream` (SSE) so the end of the
 *   job is seen the moment it happens. If the stream breaks, core falls back to `poll`.
 * - `cancel` calls `/api/llm/queue/cancel`; `stream` (text) reads the `chunk` events.
 */
import {
  ConnectionError,
  callHook,
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  type HttpClient,
  isTerminal,
  JobCanceledError,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type MediaFile,
  type ModelInfo,
  newPollHistory,
  type PollingOptions,
  ProviderError,
  pollIntervalFor,
  type QueuedSnapshot,
  type RequestContext,
  recordObservation,
  redactBody,
  resolvePollingOptions,
  type Submission,
  type TaskName,
  type TaskOutput,
  type TextStreamPart,
  toMediaFile,
  UnsupportedError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { CanaryClient, type CanaryClientOptions } from '../client'
import { errorDetail } from '../client/transport'
import {
  DIALOGUE_MODEL,
  FACE_DETECTION_MODELS,
  IMAGE_MODELS,
  MUSIC_MODELS,
  OBJECT_DETECTION_MODELS,
  type QueuedResponse,
  type QueueStatusResponse,
  SOUND_EFFECT_MODELS,
  SPEECH_MODELS,
  TRANSCRIPTION_MODELS,
  VIDEO_MODELS,
  WEB_DETECTION_ENGINES,
  ZERO_SHOT_MODEL,
} from '../schemas'
import { finishReasonOf, outputFor, resultKindOf, tokenUsageOf } from './outputs'
import {
  completeBody,
  detectRequest,
  dialogueBody,
  imageBody,
  musicBody,
  PROVIDER_ID,
  soundEffectBody,
  speechBody,
  transcribeBody,
  videoBody,
} from './requests'

export interface CanaryDriverOptions extends Partial<CanaryClientOptions> {
  /** A client to reuse (e.g. one shared with your own direct calls). Built from the other options otherwise. */
  client?: CanaryClient
  /**
   * Listen to `/api/llm/queue/stream` (Server-Sent Events) in `watch` instead of polling once
   * the job is close to the front. Default true; turn it off behind proxies that buffer SSE.
   */
  eventStream?: boolean
  /**
   * `watch` follows the queue position with status requests while more than this many jobs
   * are ahead, then switches to the event stream. Default 0: the stream opens once the job is
   * next in line or processing (the stream carries no positions).
   */
  streamFromPosition?: number
  /**
   * Polling defaults of this driver (core merges the facade's and each call's options over
   * them). They also pace `watch`'s status requests while the job waits in the queue, which
   * the facade's options do not reach. Default: first poll after 1 s, at most every 10 s.
   */
  polling?: Partial<PollingOptions>
}

export interface CanaryDriver extends Driver {
  /** The typed client for every CanaryLLM endpoint. */
  readonly client: CanaryClient
}

const queued = { cancel: 'remote', resumable: true } as const

const CAPABILITIES: DriverCapabilities = {
  'image.generate': { ...queued, models: IMAGE_MODELS },
  'video.generate': { ...queued, models: VIDEO_MODELS },
  'speech.generate': { ...queued, models: SPEECH_MODELS },
  'soundEffect.generate': { ...queued, models: SOUND_EFFECT_MODELS },
  'music.generate': { ...queued, models: MUSIC_MODELS },
  'dialogue.generate': { ...queued, models: [DIALOGUE_MODEL] },
  'transcription.create': { ...queued, models: TRANSCRIPTION_MODELS },
  'vision.detect': {
    ...queued,
    models: [
      ...OBJECT_DETECTION_MODELS,
      ZERO_SHOT_MODEL,
      ...FACE_DETECTION_MODELS,
      ...WEB_DETECTION_ENGINES,
    ],
  },
  'text.generate': { ...queued, streaming: true },
}

/** Polling that suits a queue whose jobs take seconds to minutes. */
const POLLING: Partial<PollingOptions> = { initialIntervalMs: 1_000, maxIntervalMs: 10_000 }

/** Creates the driver. `baseUrl` (and usually `apiKey`) are required unless a `client` is given. */
export function canary(options: CanaryDriverOptions): CanaryDriver {
  const client = options.client ?? new CanaryClient(options as CanaryClientOptions)
  const eventStream = options.eventStream ?? true
  const streamFromPosition = options.streamFromPosition ?? 0
  const polling = { ...POLLING, ...options.polling }
  const watchPolling = resolvePollingOptions(polling)

  async function submit<T extends TaskName>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<Submission<TaskOutput<T>>> {
    const warnings: Warning[] = []
    const data: Record<string, JsonValue> = {}
    let answer: QueuedResponse
    switch (task) {
      case 'image.generate':
        answer = await client.llm.generateImage(
          imageBody(input as ValidTaskInput<'image.generate'>, warnings) as never,
          context,
        )
        break
      case 'video.generate':
        answer = await client.llm.generateVideo(
          videoBody(input as ValidTaskInput<'video.generate'>, warnings) as never,
          context,
        )
        break
      case 'speech.generate':
        answer = await client.llm.generateAudio(
          speechBody(input as ValidTaskInput<'speech.generate'>, warnings) as never,
          context,
        )
        break
      case 'soundEffect.generate':
        answer = await client.llm.generateSoundEffect(
          soundEffectBody(input as ValidTaskInput<'soundEffect.generate'>, warnings) as never,
          context,
        )
        break
      case 'music.generate':
        answer = await client.llm.generateMusic(
          musicBody(input as ValidTaskInput<'music.generate'>, warnings) as never,
          context,
        )
        break
      case 'dialogue.generate':
        answer = await client.llm.generateDialogue(
          dialogueBody(input as ValidTaskInput<'dialogue.generate'>) as never,
          context,
        )
        break
      case 'transcription.create': {
        const transcription = input as ValidTaskInput<'transcription.create'>
        const audio = toMediaFile(transcription.audio, 'application/octet-stream')
        const body = transcribeBody(
          transcription,
          audioMediaType(transcription.audio, audio),
          warnings,
        )
        // The client validates the body first, then encodes the file (a URL is fetched only then).
        answer = await client.llm.transcribe({ ...body, audio } as never, context)
        if (transcription.timestamps !== undefined) data.timestamps = transcription.timestamps
        break
      }
      case 'vision.detect': {
        const detect = input as ValidTaskInput<'vision.detect'>
        const image = toMediaFile(detect.image, 'image/png')
        const { endpoint, body } = detectRequest(detect, warnings)
        answer = await client.vision[endpoint]({ ...body, image } as never, context)
        data.mode = detect.mode
        if (detect.maxResults !== undefined && detect.mode !== 'web')
          data.maxResults = detect.maxResults
        break
      }
      case 'text.generate':
        answer = await client.llm.complete(
          completeBody(input as ValidTaskInput<'text.generate'>, false, warnings) as never,
          context,
        )
        break
      default:
        throw new UnsupportedError(`CanaryLLM does not do ${task}`, { provider: PROVIDER_ID })
    }
    // Warnings made at submit reach the output even when another process resumes the job.
    if (warnings.length) data.warnings = warnings as unknown as JsonValue
    return {
      type: 'pending',
      ref: {
        provider: PROVIDER_ID,
        task,
        id: answer.queueId,
        data: { model: input.model, ...data },
        submittedAt: new Date().toISOString(),
      },
      snapshot: { state: 'queued', providerStatus: answer.status },
    }
  }

  async function poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
    let status: QueueStatusResponse
    try {
      status = await client.queue.status({ queueId: ref.id }, context)
    } catch (error) {
      if (error instanceof ProviderError && (error.status === 404 || error.status === 410)) {
        return {
          state: 'failed',
          error: new JobFailedError(
            `CanaryLLM no longer knows job ${ref.id} (expired or never existed)`,
            {
              provider: PROVIDER_ID,
              jobId: ref.id,
              ...(error.body !== undefined ? { body: error.body } : {}),
            },
          ),
        }
      }
      throw error
    }
    switch (status.status) {
      case 'queued':
        return queuedSnapshot(status)
      case 'completed':
        return completedSnapshot(ref, context)
      case 'error':
        return failedSnapshot(ref, status.error, status.status, client.http)
      case 'cancelled':
        return { state: 'canceled', providerStatus: status.status }
      default:
        return { state: 'running', providerStatus: status.status }
    }
  }

  async function completedSnapshot(
    ref: JobRef,
    context: RequestContext,
  ): Promise<JobSnapshot<unknown>> {
    const kind = resultKindOf(
      ref.task,
      typeof ref.data?.mode === 'string' ? ref.data.mode : undefined,
    )
    const answer = await client.queue.result({ queueId: ref.id, kind }, context)
    if (!answer.ready) return { state: 'running', providerStatus: answer.status }
    if (answer.status === 'cancelled') return { state: 'canceled', providerStatus: answer.status }
    if (answer.status !== 'completed' || answer.result === undefined) {
      return failedSnapshot(ref, answer.error, answer.status, client.http)
    }
    const maxResults = ref.data?.maxResults
    const timestamps = ref.data?.timestamps
    return {
      state: 'completed',
      providerStatus: answer.status,
      output: outputFor(ref.task as TaskName, kind, answer.result, {
        queueId: ref.id,
        warnings: storedWarnings(ref),
        ...(typeof maxResults === 'number' ? { maxResults } : {}),
        ...(typeof timestamps === 'string' ? { timestamps } : {}),
      }),
    }
  }

  async function* watch(
    ref: JobRef,
    context: DriverContext,
  ): AsyncGenerator<JobSnapshot<unknown>, void, undefined> {
    // While the job waits further back, status requests report its position moving (the
    // stream carries none), paced by core's schedule.
    const history = newPollHistory()
    let snapshot = await poll(ref, context)
    for (;;) {
      yield snapshot
      if (isTerminal(snapshot)) return
      if (!(snapshot.state === 'queued' && (snapshot.position ?? 0) > streamFromPosition)) break
      recordObservation(history, context.clock.now(), snapshot)
      await context.clock.sleep(
        pollIntervalFor(snapshot, history, watchPolling).delayMs,
        context.signal,
      )
      snapshot = await poll(ref, context)
    }
    let running = snapshot.state === 'running'
    for await (const event of client.queue.stream({ queueId: ref.id }, context)) {
      if (event.type === 'start' && !running) {
        running = true
        yield { state: 'running', providerStatus: 'processing' }
      } else if (event.type === 'done' || event.type === 'error') {
        const final = await poll(ref, context)
        if (isTerminal(final)) yield final
        else if (event.type === 'error')
          yield failedSnapshot(ref, event.data.error ?? event.data.message, 'error', client.http)
        // A `done` the status does not show yet: polling takes over.
        return
      }
    }
  }

  async function cancel(ref: JobRef, context: DriverContext): Promise<void> {
    try {
      await client.queue.cancel({ queueId: ref.id }, context)
    } catch (error) {
      // Unknown (expired) or already finished: nothing is left to stop or pay for.
      if (
        error instanceof ProviderError &&
        (error.status === 404 || error.status === 409 || error.status === 410)
      )
        return
      throw error
    }
  }

  async function* stream<T extends 'text.generate'>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): AsyncGenerator<TextStreamPart, void, undefined> {
    const warnings: Warning[] = []
    const { queueId } = await client.llm.complete(
      completeBody(input, true, warnings) as never,
      context,
    )
    for (const warning of warnings)
      callHook(context.hooks, 'onWarning', { provider: PROVIDER_ID, task, warning })
    let ended = false
    let finishReason: string | null | undefined
    try {
      for await (const event of client.queue.stream({ queueId }, context)) {
        if (event.type === 'chunk') {
          if (event.data.delta) yield { type: 'text-delta', text: event.data.delta }
          if (event.data.finishReason) finishReason = event.data.finishReason
        } else if (event.type === 'done' || event.type === 'error') {
          ended = true
          const status = event.type === 'error' ? 'error' : event.data.status
          if (status === 'error') {
            const { message } = errorDetail(event.data.error ?? event.data.message)
            throw new JobFailedError(
              `CanaryLLM completion ${queueId} failed: ${message ? client.http.redact(message) : 'no reason given'}`,
              {
                provider: PROVIDER_ID,
                jobId: queueId,
              },
            )
          }
          if (status === 'cancelled') {
            throw new JobCanceledError(`CanaryLLM completion ${queueId} was cancelled`, {
              provider: PROVIDER_ID,
              jobId: queueId,
            })
          }
          const usage = tokenUsageOf(event.data.usage)
          yield {
            type: 'finish',
            finishReason: finishReasonOf(finishReason),
            ...(usage ? { usage } : {}),
          }
          return
        }
      }
      if (finishReason !== undefined) {
        ended = true
        yield { type: 'finish', finishReason: finishReasonOf(finishReason) }
        return
      }
      throw new ConnectionError(
        `canary: the event stream of ${queueId} ended before the completion did`,
        {
          provider: PROVIDER_ID,
        },
      )
    } finally {
      // Stopped early (break, abort, broken stream): nobody will read the rest, so stop paying for it.
      if (!ended) {
        client.queue
          .cancel({ queueId }, context.hooks ? { hooks: context.hooks } : {})
          .catch(() => {})
      }
    }
  }

  async function listModels(context: DriverContext): Promise<ModelInfo[]> {
    const { models } = await client.vision.models(context)
    return models.map((model) => ({
      id: model.id,
      tasks: ['vision.detect'],
      ...(model.name !== undefined ? { name: model.name } : {}),
      metadata: {
        ...(model.type !== undefined ? { type: model.type } : {}),
        ...(model.custom !== undefined ? { custom: model.custom } : {}),
        ...(model.classes !== undefined ? { classes: model.classes } : {}),
      },
    }))
  }

  return {
    id: PROVIDER_ID,
    capabilities: CAPABILITIES,
    polling,
    client,
    submit,
    poll,
    ...(eventStream ? { watch } : {}),
    cancel,
    stream,
    listModels,
  }
}

function queuedSnapshot(status: QueueStatusResponse): QueuedSnapshot {
  return {
    state: 'queued',
    providerStatus: status.status,
    ...(typeof status.position === 'number' ? { position: status.position } : {}),
  }
}

function failedSnapshot(
  ref: JobRef,
  error: unknown,
  status: string,
  // The reason is the provider's text: it may quote what it was sent, credentials included.
  http: Pick<HttpClient, 'redact' | 'secrets'>,
): JobSnapshot<never> {
  const detail = errorDetail(error)
  const message = detail.message !== undefined ? http.redact(detail.message) : undefined
  const code = detail.code
  return {
    state: 'failed',
    providerStatus: status,
    error: new JobFailedError(
      `CanaryLLM ${ref.task} job ${ref.id} failed: ${message ?? 'no reason given'}`,
      {
        provider: PROVIDER_ID,
        jobId: ref.id,
        ...(code ? { providerCode: code } : {}),
        ...(message ? { body: redactBody(message, http.secrets) } : {}),
      },
    ),
  }
}

function storedWarnings(ref: JobRef): Warning[] {
  const stored = ref.data?.warnings
  return Array.isArray(stored) ? (stored as unknown as Warning[]) : []
}

const AUDIO_SIGNATURES: [number[], number, string][] = [
  [[0x52, 0x49, 0x46, 0x46], 0, 'audio/wav'],
  [[0x49, 0x44, 0x33], 0, 'audio/mpeg'],
  [[0x4f, 0x67, 0x67, 0x53], 0, 'audio/ogg'],
  [[0x66, 0x4c, 0x61, 0x43], 0, 'audio/flac'],
  [[0x66, 0x74, 0x79, 0x70], 4, 'audio/mp4'],
  [[0x1a, 0x45, 0xdf, 0xa3], 0, 'audio/webm'],
]

/** The media type of the audio to transcribe: stated by the input, sniffed from raw bytes, else `audio/mpeg`. */
function audioMediaType(input: unknown, file: MediaFile): string {
  if (file.mediaType !== 'application/octet-stream') return file.mediaType
  const bytes =
    input instanceof Uint8Array
      ? input
      : input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : undefined
  if (bytes) {
    for (const [signature, offset, type] of AUDIO_SIGNATURES) {
      if (signature.every((byte, index) => bytes[offset + index] === byte)) return type
    }
    if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0) return 'audio/mpeg'
  }
  return 'audio/mpeg'
}
