/**
 * From a planned call to a job, and from a task status to a JobSnapshot: the part every
 * handler of the driver shares.
 *
 * - Synchronous calls (and Bria calls with `sync: true`) are **inline jobs**: `submit` answers
 *   at once and the request runs as the job; cancel aborts it.
 * - Asynchronous calls (Firefly, Runway, Bria with `sync: false`) are **pending jobs** whose id
 *   is the provider's task id and whose data (`{route, method, output}`) says which status
 *   route follows it; core builds the ref, polled on that route from any process and cancelled
 *   on its cancel route where the provider has one.
 */
import {
  type CancelMode,
  type DriverContext,
  type InlineProgress,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type TaskHandler,
  type TaskName,
  type TaskOutput,
  type TaskSubmission,
  ValidationError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import {
  providerOptionsOf,
  requestContextOf,
  unlessJobGone,
  withProviderOptions,
} from '@atelier/core/driver'
import type { StatusRoute, VisionStudioEndpoint } from '../client/endpoint'
import { canCancel, cancelTask, mediaUrls, readTaskStatus, type TaskStatus } from '../client/tasks'
import type { Transport, VisionStudioTask } from '../client/transport'
import { outputFile, readDeferred } from './media'
import { PROVIDER_ID } from './models'
import { type Plan, planFor } from './plan'

/** What a finished call's URLs become. */
export type OutputKind = 'images' | 'video' | 'audio'

/** The media outputs, by kind. */
interface MediaOutputs {
  images: TaskOutput<'image.generate'>
  video: TaskOutput<'video.generate'>
  audio: TaskOutput<'speech.generate'>
}

const FALLBACK_TYPE: Record<OutputKind, string> = {
  images: 'image/png',
  video: 'video/mp4',
  audio: 'audio/mpeg',
}

/**
 * The task output for the URLs of a finished call. Its warnings are only those found reading
 * the result (none): core puts the ones found at submit in front.
 */
export function mediaOutput<K extends OutputKind>(
  transport: Transport,
  kind: K,
  urls: readonly string[],
  providerMetadata: Record<string, unknown>,
): MediaOutputs[K] {
  const files = urls.map((url) => outputFile(transport, url, FALLBACK_TYPE[kind]))
  const base = { warnings: [] as Warning[], providerMetadata }
  const outputs: { [Kind in OutputKind]: () => MediaOutputs[Kind] } = {
    images: () => ({ ...base, images: files }),
    video: () => ({ ...base, videos: files }),
    audio: () => ({ ...base, audio: files[0]! }),
  }
  return outputs[kind]()
}

/**
 * The output of a synchronous media answer: its URLs as files, with the seed and the prompt
 * the provider used when it says.
 */
export function mediaResultOutput<K extends OutputKind>(
  transport: Transport,
  kind: K,
  method: string,
  result: unknown,
): MediaOutputs[K] {
  const urls = mediaUrls(result)
  if (urls.length === 0) {
    throw new JobFailedError(`${method} answered without any output URL`, {
      provider: PROVIDER_ID,
      body: transport.quote(result),
    })
  }
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<
    string,
    unknown
  >
  const output: MediaOutputs[K] & { seeds?: number[]; revisedPrompt?: string } = mediaOutput(
    transport,
    kind,
    urls,
    { method },
  )
  if (typeof record.seed === 'number') output.seeds = [record.seed]
  if (typeof record.refined_prompt === 'string') output.revisedPrompt = record.refined_prompt
  return output
}

/**
 * Plans a call whose answer is media of `kind`: `plan(endpoint, fields, body)`, its synchronous
 * result read as that endpoint's output.
 */
export function mediaPlanner<K extends OutputKind>(transport: Transport, kind: K) {
  return (
    endpoint: VisionStudioEndpoint,
    fields: Readonly<Record<string, string>>,
    body: Record<string, unknown>,
  ): Plan<MediaOutputs[K]> =>
    planFor(endpoint, fields, body, (result) =>
      mediaResultOutput(transport, kind, endpoint.name, result),
    )
}

/** How a completed asynchronous call of `kind` becomes the output: its URLs as files. */
export function mediaCompleted<K extends OutputKind>(transport: Transport, kind: K) {
  return {
    kind,
    output: (urls: readonly string[], metadata: Record<string, unknown>) =>
      mediaOutput(transport, kind, urls, metadata),
  }
}

/** What a task handler is made of: its description and how it plans a call. */
export interface PlannedTask<T extends TaskName> {
  models: readonly string[]
  cancel: CancelMode
  resumable: boolean
  providerOptions: NonNullable<TaskHandler<T>['providerOptions']>
  maxOutputsPerCall?: TaskHandler<T>['maxOutputsPerCall']
  /** Builds the call for `input`, pushing what it cannot honour onto `warnings`; throws for what it refuses. */
  plan(input: ValidTaskInput<T>, warnings: Warning[]): Plan<TaskOutput<T>>
  /** For tasks with asynchronous calls: the output of a completed task, from its URLs. */
  completed?: {
    kind: OutputKind
    output(urls: readonly string[], providerMetadata: Record<string, unknown>): TaskOutput<T>
  }
}

/** An inline job's progress: the request is in flight, so the work is running. */
const IN_FLIGHT: InlineProgress = { read: async () => ({ state: 'running' }) }

/**
 * The handler of one task: `submit` runs its plan (checked before any request, provider options
 * merged without overwriting a task field); polled tasks get `poll` (404 → job gone) and
 * `cancelJob` (Firefly and Runway cancel on the server; Bria has no cancel route).
 */
export function plannedHandler<T extends TaskName>(
  transport: Transport,
  task: PlannedTask<T>,
): TaskHandler<T> {
  const completed = task.completed
  const handler = {
    models: task.models,
    cancel: task.cancel,
    resumable: task.resumable,
    providerOptions: task.providerOptions,
    ...(task.maxOutputsPerCall !== undefined ? { maxOutputsPerCall: task.maxOutputsPerCall } : {}),

    async submit(
      input: ValidTaskInput<T>,
      context: DriverContext,
    ): Promise<TaskSubmission<TaskOutput<T>>> {
      const warnings: Warning[] = []
      const options = providerOptionsOf(input, PROVIDER_ID, task.providerOptions)
      const plan = task.plan(input, warnings)
      const { endpoint } = plan
      const flag = endpoint.execution === 'sync-flag'
      // Endpoints with a `sync` flag run asynchronously, so the job can be resumed elsewhere,
      // unless the provider options say `sync: true`.
      const built = withProviderOptions(flag ? { ...plan.body, sync: false } : plan.body, options, {
        provider: PROVIDER_ID,
        taskFields: plan.fields,
      })
      const requestContext = requestContextOf(context)
      // Media is read (or uploaded) now; the body is checked before the call is made.
      const body = (await readDeferred(built, requestContext)) as Record<string, unknown>
      const request = await transport.prepare(endpoint, { body }, context.signal, {
        fields: plan.fields,
        providerOptionKeys: Object.keys(options),
      })
      const found = warnings.length ? { warnings } : {}
      if (endpoint.execution === 'sync' || (flag && body.sync === true)) {
        const result = transport
          .send(endpoint, request, requestContext, false)
          .then(({ value }) => plan.output(value))
        return { type: 'inline', result, progress: IN_FLIGHT, ...found }
      }
      if (!completed) {
        throw new TypeError(
          `${PROVIDER_ID}: ${endpoint.name} answers with a task this task cannot follow`,
        )
      }
      const { value } = await transport.send(endpoint, request, requestContext, true)
      const started = value as VisionStudioTask
      return {
        type: 'pending',
        id: started.taskId,
        data: { route: started.route, method: started.method, output: completed.kind },
        snapshot: { state: 'queued' },
        ...found,
      }
    },

    ...(completed
      ? {
          async poll(ref: JobRef<T>, context: DriverContext) {
            const route = routeOf(ref)
            return unlessJobGone(ref, async () => {
              const status = await readTaskStatus(
                transport,
                { route, taskId: ref.id },
                requestContextOf(context),
              )
              return snapshotOf(transport, ref, status, completed.output)
            })
          },

          async cancelJob(ref: JobRef<T>, context: DriverContext) {
            const route = routeOf(ref)
            // Bria has no cancel route: the job stops being watched; Bria may finish it anyway.
            if (!canCancel(route)) return
            await cancelTask(transport, { route, taskId: ref.id }, requestContextOf(context))
          },
        }
      : {}),
  }
  return handler as TaskHandler<T>
}

const ROUTES: readonly StatusRoute[] = ['bria', 'firefly', 'runway']
const KINDS: readonly OutputKind[] = ['images', 'video', 'audio']

/** The status route of a stored ref, checked (with its output kind) before any request uses it. */
export function routeOf(ref: JobRef): StatusRoute {
  const route = ref.data?.route
  const output = ref.data?.output
  const invalid = (field: string, message: string) =>
    new ValidationError([{ path: ['ref', 'data', field], message, rule: 'invalid_ref' }], {
      provider: PROVIDER_ID,
    })
  if (typeof route !== 'string' || !ROUTES.includes(route as StatusRoute)) {
    throw invalid('route', 'must be bria, firefly or runway')
  }
  if (typeof output !== 'string' || !KINDS.includes(output as OutputKind)) {
    throw invalid('output', 'must be images, video or audio')
  }
  return route as StatusRoute
}

/** A task status as a JobSnapshot (outputs as lazy MediaFiles on the result URLs). */
export function snapshotOf<Output>(
  transport: Transport,
  ref: JobRef,
  status: TaskStatus,
  output: (urls: readonly string[], providerMetadata: Record<string, unknown>) => Output,
): JobSnapshot<Output> {
  const hints =
    status.retryAfterMs !== undefined ? { hints: { retryAfterMs: status.retryAfterMs } } : {}
  const base = {
    providerStatus: status.providerStatus,
    ...(status.unrecognisedStatus ? { unrecognisedStatus: true } : {}),
    ...hints,
  }
  const failed = (message: string, extra: { providerCode?: string } = {}): JobSnapshot<Output> => ({
    ...base,
    state: 'failed',
    error: new JobFailedError(`vision-studio ${ref.task} task ${ref.id} ${message}`, {
      provider: PROVIDER_ID,
      jobId: ref.id,
      ...extra,
      body: transport.quote(status.raw),
    }),
  })
  const snapshots: { [State in TaskStatus['state']]: () => JobSnapshot<Output> } = {
    queued: () => ({ ...base, state: 'queued' }),
    running: () => ({
      ...base,
      state: 'running',
      ...(status.progress !== undefined ? { progress: { fraction: status.progress } } : {}),
    }),
    canceled: () => ({ ...base, state: 'canceled' }),
    failed: () =>
      // The reason is the provider's text: credentials it quotes are redacted.
      failed(
        `failed: ${status.error?.message !== undefined ? transport.http.redact(status.error.message) : 'no reason given'}`,
        status.error?.code !== undefined ? { providerCode: status.error.code } : {},
      ),
    completed: () =>
      status.urls.length === 0
        ? failed(`completed without any output URL: ${transport.quote(status.raw).slice(0, 300)}`)
        : {
            ...base,
            state: 'completed',
            output: output(status.urls, { taskId: ref.id, method: ref.data?.method ?? null }),
          },
  }
  return snapshots[status.state]()
}
