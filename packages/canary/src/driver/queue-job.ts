/**
 * What every task's jobs share. Each generation is a job on CanaryLLM's queue, addressed by
 * its `queueId`:
 *
 * - `submit` (in each family's handler; `generationHandler` for a task that posts one body to
 *   one endpoint) sends the request; the queued answer becomes a pending job (`queued`), whose
 *   ref core builds and which resumes anywhere.
 * - `poll` asks `/api/llm/queue/status` once (`queued` with the position, `processing`,
 *   `completed`, `error`, `cancelled`) and, when the job is done, reads `/api/llm/queue/result`
 *   as it streams (media stays out of memory; see `readResultBody`). A job the server no
 *   longer knows (404) has failed.
 * - `watch` follows `/api/llm/queue/stream` (SSE), so the end of the job is seen the moment it
 *   happens. `watchWhen` starts it once the job is processing or at most `streamFromPosition`
 *   jobs are ahead (the stream carries no positions: until then core polls, and the positions
 *   move). When the stream ends without saying the job ended, the watch just returns and
 *   core polls again.
 * - `cancelJob` calls `/api/llm/queue/cancel`.
 */
import {
  type DriverContext,
  isTerminal,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type QueuedSnapshot,
  type StandardSchemaV1,
  type TaskHandlerBase,
  type TaskName,
  type TaskOutput,
  type TaskSubmission,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import {
  describeCommonError,
  type HttpClient,
  isJobGone,
  JOB_GONE_STATUSES,
  readStatus,
  redactBody,
  type StatusState,
  unlessJobGone,
} from '@atelier/core/driver'
import { cancelQueueJob, getQueueResult, getQueueStatus, streamQueueEvents } from '../client/queue'
import type { CanaryTransport } from '../client/transport'
import type {
  QueuedResponse,
  QueueStatus,
  QueueStatusResponse,
  ResultKind,
  ResultOf,
} from '../schemas'
import type { OutputContext } from './outputs'
import { type BuiltBody, canaryOptions, checkedBody, PROVIDER_ID } from './shared'

export interface QueueJobOptions {
  /** Watch jobs over `/api/llm/queue/stream`; false polls only. */
  eventStream: boolean
  /** Open the stream once at most this many jobs are ahead (or the job is processing). */
  streamFromPosition: number
}

/** Reads a completed job's result as the task's output (the snapshot of a job whose status says `completed`). */
export type ReadOutput<T extends TaskName> = (
  ref: JobRef<T>,
  context: DriverContext,
) => Promise<JobSnapshot<TaskOutput<T>>>

/** A `providerOptions.canary` schema. */
export type OptionsSchema = StandardSchemaV1<Record<string, unknown>, Record<string, unknown>>

/** One task on the queue: how it submits and how its result becomes the output. */
export interface QueueTask<
  T extends TaskName,
  Options extends OptionsSchema,
  Models extends readonly string[] | undefined,
> {
  models?: Models
  providerOptions: Options
  maxOutputsPerCall?: number
  submit(input: ValidTaskInput<T>, context: DriverContext): Promise<TaskSubmission<TaskOutput<T>>>
  output: ReadOutput<T>
}

/**
 * A queue task's handler: core's `TaskHandlerBase` (`text.generate` adds its `stream`), with
 * the options schema and the model ids kept as their own types, so the facade types
 * `providerOptions.canary` and completes model ids.
 */
export type QueueHandler<
  T extends TaskName,
  Options extends OptionsSchema,
  Models extends readonly string[] | undefined,
> = Omit<TaskHandlerBase<T>, 'models' | 'providerOptions'> & {
  // Kept literal, so the facade completes model ids and types the provider options.
  readonly models: Models
  readonly providerOptions: Options
}

/** The queue's side of every handler, for one connection. */
export interface QueueJobs {
  /** The connection the handlers send their requests through. */
  readonly transport: CanaryTransport
  /** The handler of `task`: its own submit and output, the queue's poll, watch and cancel. */
  handler<
    T extends TaskName,
    Options extends OptionsSchema,
    const Models extends readonly string[] | undefined = undefined,
  >(task: T, spec: QueueTask<T, Options, Models>): QueueHandler<T, Options, Models>
  /**
   * A completed job's result (`kind`) as a snapshot: `completed` with `toOutput(result)`,
   * or what the result says instead (not ready yet, failed, cancelled).
   */
  readResult<K extends ResultKind, Output>(
    ref: JobRef,
    kind: K,
    context: DriverContext,
    toOutput: (result: ResultOf<K>) => Output,
  ): Promise<JobSnapshot<Output>>
}

/**
 * The queue's status words and the states they name, for `readStatus`: it matches them in any
 * case or spelling, then core's shared synonyms; a word neither knows is reported as running
 * with `unrecognisedStatus`, which the engine bounds.
 */
export const QUEUE_STATUS_STATES: Readonly<Record<QueueStatus, StatusState>> = {
  queued: 'queued',
  processing: 'running',
  completed: 'completed',
  error: 'failed',
  cancelled: 'canceled',
}

/** A queue status word read into a state. */
export const readQueueStatus = (status: unknown) => readStatus(status, QUEUE_STATUS_STATES)

/**
 * The pending job a generation endpoint's answer starts; `data` is what reading it needs later.
 * The answer's queue id is all it needs: a missing or odd `status` still makes a job (queued),
 * since the gateway has accepted, and will bill, the work.
 */
export function queued<Output>(
  answer: QueuedResponse,
  model: string,
  warnings: readonly Warning[],
  data: Record<string, JsonValue> = {},
): TaskSubmission<Output> {
  const status = readQueueStatus(answer.status ?? 'queued')
  return {
    type: 'pending',
    id: answer.queueId,
    data: { model, ...data },
    snapshot:
      status.state === 'running'
        ? { state: 'running', providerStatus: status.providerStatus }
        : { state: 'queued', providerStatus: status.providerStatus },
    ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
  }
}

/**
 * A task that posts one body to one generation endpoint: `build` makes the body of the task
 * input, which joins `providerOptions.canary`, is checked against the endpoint's `schema` and
 * is sent; the job's result, read as `kind`, becomes the output.
 */
export interface GenerationTask<
  T extends TaskName,
  Options extends OptionsSchema,
  Models extends readonly string[] | undefined,
  Body,
  K extends ResultKind,
> {
  models: Models
  providerOptions: Options
  maxOutputsPerCall?: number
  /** The endpoint's wire schema. */
  schema: StandardSchemaV1<unknown, Body>
  /** `POST /api/...`: starts the message of a body that fails the schema. */
  what: string
  build(
    input: ValidTaskInput<T>,
    options: Readonly<Record<string, unknown>>,
    warnings: Warning[],
  ): BuiltBody
  send(body: Body, context: DriverContext): Promise<QueuedResponse>
  kind: K
  output(result: ResultOf<K>, context: OutputContext): TaskOutput<T>
}

/** The handler of a task that posts one body to one generation endpoint (see `GenerationTask`). */
export function generationHandler<
  T extends TaskName,
  Options extends OptionsSchema,
  const Models extends readonly string[] | undefined,
  Body,
  K extends ResultKind,
>(
  jobs: QueueJobs,
  task: T,
  spec: GenerationTask<T, Options, Models, Body, K>,
): QueueHandler<T, Options, Models> {
  return jobs.handler(task, {
    models: spec.models,
    providerOptions: spec.providerOptions,
    ...(spec.maxOutputsPerCall !== undefined ? { maxOutputsPerCall: spec.maxOutputsPerCall } : {}),
    async submit(input, context) {
      const options = canaryOptions(input, spec.providerOptions)
      const warnings: Warning[] = []
      const body = checkedBody(
        spec.schema,
        spec.what,
        spec.build(input, options, warnings),
        options,
      )
      return queued(await spec.send(body, context), input.model, warnings)
    },
    output: (ref, context) =>
      jobs.readResult(ref, spec.kind, context, (result) =>
        spec.output(result, { queueId: ref.id }),
      ),
  })
}

/** A cancel answered with one of these finds nothing left to stop or pay for. */
const ALREADY_OVER = [...JOB_GONE_STATUSES, 409]

export function queueJobs(transport: CanaryTransport, options: QueueJobOptions): QueueJobs {
  const { eventStream, streamFromPosition } = options

  async function poll<T extends TaskName>(
    ref: JobRef<T>,
    context: DriverContext,
    output: ReadOutput<T>,
  ): Promise<JobSnapshot<TaskOutput<T>>> {
    return unlessJobGone(ref, async (): Promise<JobSnapshot<TaskOutput<T>>> => {
      const answer = await getQueueStatus(transport, { queueId: ref.id }, context)
      const status = readQueueStatus(answer.status)
      if (!status.recognised) {
        return { state: 'running', providerStatus: status.providerStatus, unrecognisedStatus: true }
      }
      switch (status.state) {
        case 'queued':
          return queuedSnapshot(answer, status.providerStatus)
        case 'completed':
          return output(ref, context)
        case 'failed':
          return failedSnapshot(ref, answer.error, status.providerStatus, transport.http)
        case 'canceled':
          return { state: 'canceled', providerStatus: status.providerStatus }
        default:
          return { state: 'running', providerStatus: status.providerStatus }
      }
    })
  }

  async function* watch<T extends TaskName>(
    ref: JobRef<T>,
    context: DriverContext,
    output: ReadOutput<T>,
  ): AsyncGenerator<JobSnapshot<TaskOutput<T>>, void, undefined> {
    for await (const event of streamQueueEvents(transport, { queueId: ref.id }, context)) {
      if (event.type === 'start') {
        yield { state: 'running', providerStatus: 'processing' }
      } else if (event.type === 'done' || event.type === 'error') {
        // The stream says the job ended: one status (and result) request for the outcome.
        const final = await poll(ref, context, output)
        if (isTerminal(final)) yield final
        else if (event.type === 'error')
          yield failedSnapshot(ref, event.data.error ?? event.data.message, 'error', transport.http)
        // A `done` the status does not show yet: core polls from here.
        return
      }
    }
  }

  /** Stream once the job is processing or close enough to the front; poll (positions) until then. */
  function watchWhen(snapshot: JobSnapshot<unknown> | undefined): boolean {
    if (snapshot?.state === 'running') return true
    return (
      snapshot?.state === 'queued' &&
      snapshot.position !== undefined &&
      snapshot.position <= streamFromPosition
    )
  }

  async function cancelJob(ref: JobRef, context: DriverContext): Promise<void> {
    try {
      await cancelQueueJob(transport, { queueId: ref.id }, context)
    } catch (error) {
      // Unknown (expired) or already finished: nothing is left to stop or pay for.
      if (isJobGone(error, ALREADY_OVER)) return
      throw error
    }
  }

  return {
    transport,
    handler<
      T extends TaskName,
      Options extends OptionsSchema,
      const Models extends readonly string[] | undefined = undefined,
    >(_task: T, spec: QueueTask<T, Options, Models>): QueueHandler<T, Options, Models> {
      return {
        // Undefined (no list) for a task whose models are open, e.g. every LLM of every upstream.
        models: spec.models as Models,
        cancel: 'remote',
        resumable: true,
        providerOptions: spec.providerOptions,
        ...(spec.maxOutputsPerCall !== undefined
          ? { maxOutputsPerCall: spec.maxOutputsPerCall }
          : {}),
        submit: spec.submit,
        poll: (ref: JobRef<T>, context: DriverContext) => poll(ref, context, spec.output),
        ...(eventStream
          ? {
              watch: (ref: JobRef<T>, context: DriverContext) => watch(ref, context, spec.output),
              watchWhen,
            }
          : {}),
        cancelJob,
      }
    },
    async readResult<K extends ResultKind, Output>(
      ref: JobRef,
      kind: K,
      context: DriverContext,
      toOutput: (result: ResultOf<K>) => Output,
    ): Promise<JobSnapshot<Output>> {
      const answer = await getQueueResult(transport, { queueId: ref.id, kind }, context)
      const status = readQueueStatus(answer.status)
      const providerStatus = status.providerStatus
      if (!answer.ready) return { state: 'running', providerStatus }
      // A result is the job's end: it is read even under a status word nobody knows.
      if (answer.result !== undefined && (status.state === 'completed' || !status.recognised)) {
        return { state: 'completed', providerStatus, output: toOutput(answer.result) }
      }
      if (!status.recognised) return { state: 'running', providerStatus, unrecognisedStatus: true }
      switch (status.state) {
        case 'canceled':
          return { state: 'canceled', providerStatus }
        case 'queued':
          return { state: 'queued', providerStatus }
        case 'running':
          return { state: 'running', providerStatus }
        default:
          return failedSnapshot(ref, answer.error, providerStatus, transport.http)
      }
    },
  }
}

function queuedSnapshot(status: QueueStatusResponse, providerStatus: string): QueuedSnapshot {
  return {
    state: 'queued',
    providerStatus,
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
  // `error` is a message, or `{message, code}`.
  const detail = describeCommonError({ error })
  const message = detail.message !== undefined ? http.redact(detail.message) : undefined
  const code = detail.providerCode
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
