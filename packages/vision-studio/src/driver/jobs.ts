/**
 * From a planned call to a job, and from a task status to a JobSnapshot.
 *
 * - Synchronous calls (and Bria calls with `sync: true`) are **inline jobs**: `submit` returns
 *   at once and the request runs as the job; cancel aborts it.
 * - Asynchronous calls (Firefly, Runway, Bria with `sync: false`) are **pending jobs** whose
 *   ref (`{provider: 'vision-studio', task, id, data: {route, method, output}}`) is polled on
 *   the provider's status route from any process, and cancelled on its cancel route where it
 *   has one.
 */
import {
  type DriverContext,
  type ImageOutput,
  inlineRef,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type RequestContext,
  type Submission,
  ValidationError,
  type Warning,
} from '@atelier/core'
import { mediaUrls, type TaskStatus } from '../client/tasks'
import type { Transport, VisionStudioTask } from '../client/transport'
import type { StatusRoute, VisionStudioEndpoint } from '../endpoint'
import { outputFile } from './media'
import { PROVIDER_ID } from './models'

/** What a finished call's URLs become. */
export type OutputKind = 'images' | 'video' | 'audio'

/** One call the driver will make for a task. */
export interface Plan {
  endpoint: VisionStudioEndpoint
  /** Whether the call answers with a task (async endpoint, or `sync: false`). */
  async: boolean
  /** Builds the body (reading or uploading media first); runs when the job starts. */
  body(context: RequestContext): Promise<Record<string, unknown>>
  /** How a result becomes the task's output. */
  output: OutputKind | ((result: unknown) => unknown)
}

const FALLBACK_TYPE: Record<OutputKind, string> = {
  images: 'image/png',
  video: 'video/mp4',
  audio: 'audio/mpeg',
}

/** The task output for the URLs of a finished call. */
export function mediaOutput(
  transport: Transport,
  kind: OutputKind,
  urls: string[],
  warnings: Warning[],
  providerMetadata: Record<string, unknown>,
): unknown {
  const files = urls.map((url) => outputFile(transport, url, FALLBACK_TYPE[kind]))
  if (kind === 'images') return { images: files, warnings, providerMetadata } satisfies ImageOutput
  if (kind === 'video') return { videos: files, warnings, providerMetadata }
  return { audio: files[0]!, warnings, providerMetadata }
}

function outputOf(transport: Transport, plan: Plan, result: unknown, warnings: Warning[]): unknown {
  if (typeof plan.output === 'function') return plan.output(result)
  const urls = mediaUrls(result)
  if (urls.length === 0) {
    throw new JobFailedError(`${plan.endpoint.name} answered without any output URL`, {
      provider: PROVIDER_ID,
      body: transport.quote(result),
    })
  }
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<
    string,
    unknown
  >
  const output = mediaOutput(transport, plan.output, urls, warnings, {
    method: plan.endpoint.name,
  }) as Record<string, unknown>
  if (typeof record.seed === 'number') output.seeds = [record.seed]
  if (typeof record.refined_prompt === 'string') output.revisedPrompt = record.refined_prompt
  return output
}

/** The parts of a driver call's context that its requests take: the abort signal and the hooks. */
export function requestContextOf(context: DriverContext): RequestContext {
  return {
    ...(context.signal ? { signal: context.signal } : {}),
    ...(context.hooks ? { hooks: context.hooks } : {}),
  }
}

/** Runs a plan as an inline job (synchronous call) or starts it as a pending one. */
export async function execute<O>(
  transport: Transport,
  task: string,
  plan: Plan,
  context: DriverContext,
  warnings: Warning[],
): Promise<Submission<O>> {
  const requestContext = requestContextOf(context)
  // The body is built (media read, files uploaded) and checked before submit returns, so bad
  // input fails here, before the call is made.
  const body = await plan.body(requestContext)
  const request = await transport.prepare(plan.endpoint, { body }, requestContext.signal)
  if (!plan.async) {
    context.report?.({ state: 'running' })
    const result = transport
      .send(plan.endpoint, request, requestContext, false)
      .then(({ value }) => outputOf(transport, plan, value, warnings) as O)
    return { type: 'inline', ref: inlineRef(PROVIDER_ID, task), result }
  }
  const { value } = await transport.send(plan.endpoint, request, requestContext, true)
  const started = value as VisionStudioTask
  const data: Record<string, JsonValue> = {
    route: started.route,
    method: started.method,
    output: plan.output as OutputKind,
  }
  // Warnings made at submit reach the output even when another process resumes the job.
  if (warnings.length) data.warnings = warnings as unknown as JsonValue
  return {
    type: 'pending',
    ref: {
      provider: PROVIDER_ID,
      task,
      id: started.taskId,
      data,
      submittedAt: new Date().toISOString(),
    },
    snapshot: { state: 'queued' },
  }
}

const ROUTES: readonly StatusRoute[] = ['bria', 'firefly', 'runway']
const KINDS: readonly OutputKind[] = ['images', 'video', 'audio']

/** The status route and output kind of a stored ref, checked before any request uses them. */
export function refRoute(ref: JobRef): {
  route: StatusRoute
  output: OutputKind
  warnings: Warning[]
} {
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
  const warnings = Array.isArray(ref.data?.warnings)
    ? (ref.data.warnings as unknown as Warning[])
    : []
  return { route: route as StatusRoute, output: output as OutputKind, warnings }
}

/** A task status as a JobSnapshot (outputs as lazy MediaFiles on the result URLs). */
export function snapshotOf(
  transport: Transport,
  ref: JobRef,
  status: TaskStatus,
): JobSnapshot<unknown> {
  const { output, warnings } = refRoute(ref)
  const hints =
    status.retryAfterMs !== undefined ? { hints: { retryAfterMs: status.retryAfterMs } } : {}
  const base = { providerStatus: status.providerStatus, ...hints }
  switch (status.state) {
    case 'queued':
      return { ...base, state: 'queued' }
    case 'running':
      return {
        ...base,
        state: 'running',
        ...(status.progress !== undefined ? { progress: { fraction: status.progress } } : {}),
      }
    case 'canceled':
      return { ...base, state: 'canceled' }
    case 'failed':
      return {
        ...base,
        state: 'failed',
        error: new JobFailedError(
          // The reason is the provider's text: credentials it quotes are redacted.
          `vision-studio ${ref.task} task ${ref.id} failed: ${status.error?.message !== undefined ? transport.http.redact(status.error.message) : 'no reason given'}`,
          {
            provider: PROVIDER_ID,
            jobId: ref.id,
            ...(status.error?.code !== undefined ? { providerCode: status.error.code } : {}),
            body: transport.quote(status.raw),
          },
        ),
      }
    case 'completed':
      if (status.urls.length === 0) {
        return {
          ...base,
          state: 'failed',
          error: new JobFailedError(
            `vision-studio ${ref.task} task ${ref.id} completed without any output URL`,
            {
              provider: PROVIDER_ID,
              jobId: ref.id,
              body: transport.quote(status.raw),
            },
          ),
        }
      }
      return {
        ...base,
        state: 'completed',
        output: mediaOutput(transport, output, status.urls, warnings, {
          taskId: ref.id,
          method: ref.data?.method ?? null,
        }),
      }
  }
}
