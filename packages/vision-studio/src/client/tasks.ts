/**
 * Following and cancelling tasks: one status request mapped to a provider-neutral
 * `TaskStatus`, and the cancel routes (Firefly, Runway). Bria has no cancel route.
 *
 * Status values, as the providers name them:
 * - Bria (`BriaStatusResponse`, from the document): `IN_PROGRESS`, `COMPLETED`, `ERROR`,
 *   `UNKNOWN` (read as not started yet).
 * - Firefly: `pending`, `running`, `succeeded`, `failed`, `canceled`; `progress` in percent.
 * - Runway: `PENDING`, `THROTTLED`, `RUNNING`, `SUCCEEDED`, `FAILED`, `CANCELLED`; `progress` 0-1.
 *
 * Each is read with `readStatus` (any case; the shared synonyms after the provider's own words).
 * A word neither knows is `running` with `unrecognisedStatus`, so a job is not followed forever
 * on a word nobody documented. Output URLs are taken from the documented result field, then from
 * anywhere else in the body that names a media URL.
 */
import {
  type RequestContext,
  readNumber,
  readStatus,
  retryAfterMs,
  type StatusState,
} from '@atelier/core/driver'
import {
  briaStatusEndpoint,
  fireflyCancelEndpoint,
  fireflyStatusEndpoint,
  runwayCancelEndpoint,
  runwayStatusEndpoint,
} from '../generated/endpoints'
import type { StatusRoute } from './endpoint'
import type { Transport, VisionStudioTask } from './transport'

export type TaskState = 'queued' | 'running' | 'completed' | 'failed' | 'canceled'

/** One observation of a task, the same for every provider. */
export interface TaskStatus {
  state: TaskState
  /** The provider's own status value, e.g. `IN_PROGRESS`. */
  providerStatus: string
  /** 0-1, when the provider reports progress. */
  progress?: number
  /** Output URLs, once completed. */
  urls: string[]
  /** Why it failed, when it did. */
  error?: { message: string; code?: string }
  /** What the server asked for with `Retry-After`, in milliseconds. */
  retryAfterMs?: number
  /** The status body as it came (Firefly and Runway: the envelope's `result`). */
  raw: unknown
  /** Set when the provider's word is neither documented nor a shared synonym (`state` is then running). */
  unrecognisedStatus?: boolean
}

/** Each provider's documented status words, and the state each names. */
export const TASK_STATUS_WORDS: Readonly<
  Record<StatusRoute, Readonly<Record<string, StatusState>>>
> = {
  // `UNKNOWN`: Bria has not started the task yet.
  bria: { IN_PROGRESS: 'running', COMPLETED: 'completed', ERROR: 'failed', UNKNOWN: 'queued' },
  firefly: {
    pending: 'queued',
    running: 'running',
    cancel_pending: 'running',
    succeeded: 'completed',
    failed: 'failed',
    canceled: 'canceled',
  },
  runway: {
    PENDING: 'queued',
    THROTTLED: 'queued',
    RUNNING: 'running',
    SUCCEEDED: 'completed',
    FAILED: 'failed',
    CANCELLED: 'canceled',
  },
}

/** The parts of a task that following it needs (a stored `VisionStudioTask` has them). */
export type TaskLocator = Pick<VisionStudioTask, 'route' | 'taskId'>

const STATUS = {
  bria: briaStatusEndpoint,
  firefly: fireflyStatusEndpoint,
  runway: runwayStatusEndpoint,
}
const CANCEL = { firefly: fireflyCancelEndpoint, runway: runwayCancelEndpoint }
/**
 * Which routes `CANCEL` has, by name (the type keeps the two in step). Every call's transport
 * asks `canCancel` to fill a task's `cancelPath`: reading `CANCEL` there would bundle both
 * cancel endpoints with any single endpoint function.
 */
const CANCELLABLE: { [R in StatusRoute]: R extends keyof typeof CANCEL ? true : false } = {
  bria: false,
  firefly: true,
  runway: true,
}

/** Whether a provider's tasks can be cancelled on the server. */
export function canCancel(route: StatusRoute): route is keyof typeof CANCEL {
  return CANCELLABLE[route] === true
}

/** One status request for `task`. */
export async function readTaskStatus(
  transport: Transport,
  task: TaskLocator,
  context: RequestContext = {},
): Promise<TaskStatus> {
  const endpoint = STATUS[task.route]
  if (!endpoint) throw new TypeError(`no status route for ${String(task.route)}`)
  const { value, headers } = await transport.exchange(
    endpoint,
    { params: { task_id: task.taskId } },
    context,
  )
  const wait = retryAfterMs(headers)
  const status = taskStatusOf(task.route, value)
  return wait === undefined ? status : { ...status, retryAfterMs: wait }
}

/** Cancels `task` on the server (Firefly, Runway); throws for Bria, which has no cancel route. */
export async function cancelTask(
  transport: Transport,
  task: TaskLocator,
  context: RequestContext = {},
): Promise<void> {
  if (!canCancel(task.route)) {
    throw new TypeError(
      `${task.route} tasks cannot be cancelled: the API has no cancel route for them`,
    )
  }
  await transport.call(CANCEL[task.route], { params: { task_id: task.taskId } }, context)
}

/** A status body (Bria's, or Firefly's and Runway's envelope `result`) read into a `TaskStatus`. */
export function taskStatusOf(route: StatusRoute, value: unknown): TaskStatus {
  const body = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const read = readStatus(body.status, TASK_STATUS_WORDS[route])
  const base = {
    providerStatus: read.providerStatus,
    urls: [] as string[],
    raw: value,
    ...(read.recognised ? {} : { unrecognisedStatus: true }),
  }
  const progress = fraction(body.progress, route === 'firefly' ? 100 : 1)
  switch (read.state) {
    case 'completed': {
      // The documented result field first, then any media URL elsewhere in the body.
      const documented =
        route === 'bria'
          ? mediaUrls(body.result)
          : route === 'firefly'
            ? mediaUrls(body.result ?? body.outputs)
            : mediaUrls(body.output)
      const urls = documented.length ? documented : mediaUrls(body)
      return { ...base, state: 'completed', urls, ...(route === 'bria' ? {} : { progress: 1 }) }
    }
    case 'failed':
      return { ...base, state: 'failed', error: failureOf(route, body) }
    case 'canceled':
      return { ...base, state: 'canceled' }
    case 'running':
      return { ...base, state: 'running', ...(progress !== undefined ? { progress } : {}) }
    default:
      return {
        ...base,
        state: 'queued',
        ...(route === 'firefly' && progress !== undefined ? { progress } : {}),
      }
  }
}

/** Why a task failed, from the fields each provider uses. */
function failureOf(route: StatusRoute, body: Record<string, unknown>) {
  if (route === 'bria') return errorOf(body.error)
  if (route === 'firefly') {
    return errorOf(body.error ?? { message: body.message, code: body.error_code })
  }
  return {
    message: typeof body.failure === 'string' ? body.failure : 'the task failed',
    ...(typeof body.failureCode === 'string' ? { code: body.failureCode } : {}),
  }
}

/** A 0-1 fraction from a number on `scale` (100 for percent), or undefined. */
function fraction(value: unknown, scale: number): number | undefined {
  // A number, or its text (`"45"`, `"45%"`).
  value = readNumber(value)
  if (typeof value !== 'number' || value < 0) return undefined
  // A percent-scale provider may still say 0.5; values above 1 are percent either way.
  const share = scale === 100 || value > 1 ? value / 100 : value
  return Math.min(1, share)
}

function errorOf(value: unknown): { message: string; code?: string } {
  if (typeof value === 'string') return { message: value }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  const message = typeof record.message === 'string' ? record.message : 'the task failed'
  const code = record.code ?? record.error_code
  return typeof code === 'string' || typeof code === 'number'
    ? { message, code: String(code) }
    : { message }
}

const URL_KEY = /(?:^|_)(?:url|urls|uri|uris|output|outputs)$|(?:Url|Urls|Uri)$/
const NOT_MEDIA_KEY = /status|cancel/i
const LOOKS_LIKE_URL = /^(?:https?:|gs:|data:)/i

/**
 * Every media URL in a result, in order, without duplicates: strings under `*_url`/`*_urls`,
 * `url`, `uri`, `output(s)` keys at any depth (`status_url` and `cancelUrl` are not media).
 */
export function mediaUrls(value: unknown): string[] {
  const found: string[] = []
  const walk = (node: unknown, urlish: boolean) => {
    if (typeof node === 'string') {
      if (urlish && LOOKS_LIKE_URL.test(node) && !found.includes(node)) found.push(node)
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, urlish)
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (NOT_MEDIA_KEY.test(key)) continue
        walk(child, URL_KEY.test(key))
      }
    }
  }
  walk(value, true)
  return found
}
