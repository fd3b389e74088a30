/**
 * Fault injection around any emulator: `withFaults(handler, plan)` answers some requests
 * itself, the way a flaky network or an overloaded gateway would, and hands the rest to the
 * emulator. Which request gets which fault is drawn from a seeded generator, so a seed
 * replays the same faults for the same sequence of requests.
 *
 * The faults, and whether the emulator saw the request (which decides whether a client may
 * safely send it again):
 *
 * | kind          | what the client sees                                | emulator saw it |
 * |---------------|-----------------------------------------------------|-----------------|
 * | `serverError` | 500, 502, 503 or 504 with a JSON error body          | no              |
 * | `reset`       | the connection dropped without an answer             | no (1)          |
 * | `rateLimit`   | 429 with `Retry-After` (0 or 1 s by default)          | no              |
 * | `truncate`    | the emulator's status and headers, the body cut short | yes             |
 * | `hang`        | no answer at all, until the client gives up          | yes             |
 *
 * (1) With `resetAfterForward`, a reset comes after the emulator handled the request: the
 * ambiguous failure a client cannot tell from the safe one.
 *
 * Resets are `Response.error()`: `serve()` drops the connection for it and msw fails the
 * fetch, so they work in both. Truncated bodies are a stream that errors halfway (`serve()`
 * destroys the socket mid-body; under msw the body read fails). A hang waits for the
 * request's signal (the client giving up; `serve()` also aborts it when the connection
 * closes) or for `releaseHangs()`; under msw it ends only if the client's fetch passes a
 * signal, so give the client a timeout there.
 *
 * Every submit that reaches the emulator (a request carrying an `Idempotency-Key`) is written
 * to a ledger with its key, the logical job it belongs to and the job the emulator created,
 * so a test can prove that no paid work was created twice for one call.
 */
import { seededRandom } from './media/random'
import type { FetchHandler } from './server'

/** A fault the wrapper can inject. */
export type FaultKind = 'serverError' | 'reset' | 'rateLimit' | 'truncate' | 'hang'

/** What a request is for, as far as fault accounting goes. */
export type RequestClass = 'submit' | 'status' | 'result' | 'download' | 'other'

export const FAULT_KINDS: readonly FaultKind[] = [
  'serverError',
  'reset',
  'rateLimit',
  'truncate',
  'hang',
]
export const REQUEST_CLASSES: readonly RequestClass[] = [
  'submit',
  'status',
  'result',
  'download',
  'other',
]

/** Share (0-1) of requests that get each fault. */
export type FaultRates = Record<FaultKind, number>

/** 10% 5xx, 5% resets, 3% 429, 2% truncated bodies, 1% hangs. */
export const DEFAULT_FAULT_RATES: FaultRates = {
  serverError: 0.1,
  reset: 0.05,
  rateLimit: 0.03,
  truncate: 0.02,
  hang: 0.01,
}

export interface FaultPlan {
  /** Seed of the generator that picks faults. Default 1. */
  seed?: number
  /** Share of requests per fault; missing kinds keep their default. They must add up to at most 1. */
  rates?: Partial<FaultRates>
  /** `Retry-After` values (seconds) an injected 429 picks from. Default `[0, 1]`: small, so suites stay quick. */
  retryAfterSeconds?: readonly number[]
  /** Statuses an injected server error picks from. Default `[500, 502, 503, 504]`. */
  serverErrorStatuses?: readonly number[]
  /** Header that carries a submit's idempotency key (and marks a request as a submit). Default `Idempotency-Key`. */
  idempotencyHeader?: string
  /** The class of a request. Default `classifyRequest`. */
  classify?: (request: Request) => RequestClass
  /** Which requests may get a fault. Default: all but CORS preflights. */
  appliesTo?: (request: Request, requestClass: RequestClass) => boolean
  /** The logical job (one user call) a submit belongs to, from its body, e.g. a tag in the prompt. */
  logicalJobOf?: (body: string) => string | undefined
  /** The id of the job the emulator created, from a submit's JSON answer. Default `findJobId`. */
  jobIdOf?: (answer: unknown) => string | undefined
  /**
   * Drop the connection after the emulator handled the request instead of before (default
   * false). The client cannot tell the two apart, but only a reset before is safe to send
   * again: this one makes a retried submit reach the emulator twice.
   */
  resetAfterForward?: boolean
}

/** One submit that reached the emulator. */
export interface SubmissionRecord {
  method: string
  path: string
  /** Its idempotency key, when it carried one. */
  key?: string
  /** The logical job it belongs to (`plan.logicalJobOf`). */
  logicalJob?: string
  /** The emulator's status. */
  status: number
  /** The job the emulator's answer named, when it named one. */
  jobId?: string
  /** The fault injected on the way back (`truncate`, `hang`), if any. */
  fault?: FaultKind
}

/** Paid work created more than once for one idempotency key or one logical job. */
export interface DuplicateSubmission {
  by: 'key' | 'logicalJob'
  id: string
  /** The accepted submits of that key or job. */
  submissions: SubmissionRecord[]
}

/**
 * Every submit the emulator saw. A submit the emulator accepted (2xx) is paid work unless its
 * answer names a job already created for the same key or logical job: an emulator that
 * dedupes by key answers a repeat with the first job, which is not a duplicate. An accepted
 * submit whose answer names no job (a synchronous call) is paid work every time.
 */
export class SubmissionLedger {
  readonly records: SubmissionRecord[] = []

  add(record: SubmissionRecord): void {
    this.records.push(record)
  }

  /** Submits the emulator saw per idempotency key (how often each key arrived). */
  countsByKey(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const record of this.records) {
      if (record.key !== undefined) counts.set(record.key, (counts.get(record.key) ?? 0) + 1)
    }
    return counts
  }

  /** Keys and logical jobs for which the emulator created work more than once. */
  duplicates(): DuplicateSubmission[] {
    const found: DuplicateSubmission[] = []
    const flagged = new Set<SubmissionRecord>()
    for (const by of ['logicalJob', 'key'] as const) {
      const groups = new Map<string, SubmissionRecord[]>()
      for (const record of this.records) {
        const id = record[by]
        if (id === undefined || record.status < 200 || record.status >= 300) continue
        groups.set(id, [...(groups.get(id) ?? []), record])
      }
      for (const [id, submissions] of groups) {
        if (createdJobs(submissions) <= 1) continue
        // A key's duplicates already reported under their logical job are one finding, not two.
        if (by === 'key' && submissions.every((record) => flagged.has(record))) continue
        for (const record of submissions) flagged.add(record)
        found.push({ by, id, submissions })
      }
    }
    return found
  }
}

function createdJobs(submissions: SubmissionRecord[]): number {
  const named = new Set<string>()
  let unnamed = 0
  for (const record of submissions) {
    if (record.jobId === undefined) unnamed++
    else named.add(record.jobId)
  }
  return named.size + unnamed
}

export interface FaultCounts {
  /** Requests seen, per class. */
  requests: Record<RequestClass, number>
  /** Faults injected, per class and kind. */
  injected: Record<RequestClass, Record<FaultKind, number>>
}

export interface FaultInjector {
  /** The wrapped handler: hand it to `serve()` or to msw. */
  handler: FetchHandler
  /** What was seen and injected so far. */
  readonly counts: FaultCounts
  /** Faults injected so far, all kinds and classes. */
  readonly total: number
  /** Faults injected so far, per kind (all classes). */
  byKind(): Record<FaultKind, number>
  /** Submits that reached the emulator. */
  readonly ledger: SubmissionLedger
  /** Inject faults (default true); off, every request goes straight to the emulator. */
  enabled: boolean
  /** Ends every hung answer now (as a reset), e.g. before closing a server. */
  releaseHangs(): void
}

/**
 * The class of a request to one of the emulators: a submit carries an idempotency key;
 * downloads, results and status reads are told by their path.
 */
export function classifyRequest(
  request: Request,
  idempotencyHeader = 'idempotency-key',
): RequestClass {
  if (request.headers.has(idempotencyHeader)) return 'submit'
  const path = new URL(request.url).pathname
  if (/\/(download|files|thumbnail)(\/|$)/.test(path)) return 'download'
  if (/\/result(\/|$)/.test(path)) return 'result'
  if (/\/(status|progress)(\/|$)|\/predictions\/[^/]+$/.test(path)) return 'status'
  return 'other'
}

const JOB_ID_FIELDS = ['queueId', 'task_id', 'job_id', 'jobId', 'request_id', 'id']

/** The job id in a submit's answer: the first of the usual id fields, at the top or in `data`/`result`. */
export function findJobId(answer: unknown): string | undefined {
  for (const scope of [answer, field(answer, 'data'), field(answer, 'result')]) {
    for (const name of JOB_ID_FIELDS) {
      const value = field(scope, name)
      if (typeof value === 'string' && value !== '') return value
      if (typeof value === 'number') return String(value)
    }
  }
  return undefined
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined
}

/** Wraps an emulator's handler with seeded faults and a submission ledger. */
export function withFaults(handler: FetchHandler, plan: FaultPlan = {}): FaultInjector {
  const rates = { ...DEFAULT_FAULT_RATES, ...plan.rates }
  let sum = 0
  for (const kind of FAULT_KINDS) {
    const rate = rates[kind]
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${kind} rate must be in 0-1, got ${rate}`)
    sum += rate
  }
  if (sum > 1 + 1e-9) throw new RangeError(`fault rates add up to ${sum}, more than 1`)
  const random = seededRandom(plan.seed ?? 1)
  const retryAfter = plan.retryAfterSeconds ?? [0, 1]
  const statuses = plan.serverErrorStatuses ?? [500, 502, 503, 504]
  const keyHeader = (plan.idempotencyHeader ?? 'idempotency-key').toLowerCase()
  const classify = plan.classify ?? ((request: Request) => classifyRequest(request, keyHeader))
  const appliesTo = plan.appliesTo ?? ((request: Request) => request.method !== 'OPTIONS')
  const jobIdOf = plan.jobIdOf ?? findJobId
  const ledger = new SubmissionLedger()
  const counts: FaultCounts = {
    requests: Object.fromEntries(
      REQUEST_CLASSES.map((name) => [name, 0]),
    ) as FaultCounts['requests'],
    injected: Object.fromEntries(
      REQUEST_CLASSES.map((name) => [
        name,
        Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])),
      ]),
    ) as FaultCounts['injected'],
  }
  const hung = new Set<() => void>()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

  const draw = (): FaultKind | undefined => {
    const roll = random()
    let edge = 0
    for (const kind of FAULT_KINDS) {
      edge += rates[kind]
      if (roll < edge) return kind
    }
    return undefined
  }

  /** Forwards to the emulator; a submit goes into the ledger (its answer read in full to name the job). */
  const forward = async (
    request: Request,
    requestClass: RequestClass,
    fault: FaultKind | undefined,
  ): Promise<Response> => {
    if (requestClass !== 'submit') return handler(request)
    const url = new URL(request.url)
    const key = request.headers.get(keyHeader) ?? undefined
    const logicalJob =
      plan.logicalJobOf && request.body
        ? plan.logicalJobOf(await request.clone().text())
        : undefined
    const response = await handler(request)
    const record: SubmissionRecord = {
      method: request.method,
      path: url.pathname,
      status: response.status,
      ...(key !== undefined ? { key } : {}),
      ...(logicalJob !== undefined ? { logicalJob } : {}),
      ...(fault ? { fault } : {}),
    }
    ledger.add(record)
    const type = response.headers.get('content-type') ?? ''
    // A stream (SSE) is passed on as it comes; its job, if any, cannot be named without waiting for it.
    if (!response.body || !type.includes('json')) return response
    const bytes = new Uint8Array(await response.arrayBuffer())
    try {
      const jobId = jobIdOf(JSON.parse(new TextDecoder().decode(bytes)))
      if (jobId !== undefined) record.jobId = jobId
    } catch {
      // Not JSON after all: the submit stays a job of its own.
    }
    return new Response(bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }

  const injector: FaultInjector = {
    counts,
    ledger,
    enabled: true,
    get total() {
      return Object.values(injector.byKind()).reduce((sum, count) => sum + count, 0)
    },
    byKind() {
      const totals = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<
        FaultKind,
        number
      >
      for (const name of REQUEST_CLASSES) {
        for (const kind of FAULT_KINDS) totals[kind] += counts.injected[name][kind]
      }
      return totals
    },
    releaseHangs() {
      for (const release of [...hung]) release()
    },
    handler: async (request) => {
      const requestClass = classify(request)
      counts.requests[requestClass]++
      const fault = injector.enabled && appliesTo(request, requestClass) ? draw() : undefined
      if (fault) counts.injected[requestClass][fault]++
      switch (fault) {
        case undefined:
          return forward(request, requestClass, undefined)
        case 'serverError': {
          const status = pick(statuses)
          return Response.json(
            { error: { code: 'injected_fault', message: `Injected ${status} (fault soak)` } },
            { status, headers: { 'x-injected-fault': 'serverError' } },
          )
        }
        case 'rateLimit':
          return Response.json(
            { error: { code: 'rate_limited', message: 'Injected 429 (fault soak)' } },
            {
              status: 429,
              headers: { 'retry-after': String(pick(retryAfter)), 'x-injected-fault': 'rateLimit' },
            },
          )
        case 'reset':
          if (plan.resetAfterForward) {
            // The emulator did the work; the answer is lost on the way back.
            const response = await forward(request, requestClass, fault)
            await response.body?.cancel().catch(() => {})
            return Response.error()
          }
          // The request never reaches the emulator: nothing happened, so sending it again is safe.
          await request.body?.cancel().catch(() => {})
          return Response.error()
        case 'truncate':
          return truncated(await forward(request, requestClass, fault))
        case 'hang': {
          // The emulator does the work; the answer never comes back.
          const response = await forward(request, requestClass, fault)
          await response.body?.cancel().catch(() => {})
          await new Promise<void>((resolve) => {
            const release = () => {
              hung.delete(release)
              request.signal.removeEventListener('abort', release)
              resolve()
            }
            if (request.signal.aborted) return resolve()
            hung.add(release)
            request.signal.addEventListener('abort', release, { once: true })
          })
          return Response.error()
        }
      }
    },
  }
  return injector
}

/**
 * The emulator's status and headers with half the body, then a failure: the client has its
 * answer's headers and loses the rest. `content-length` keeps the full size, so a client over
 * a real socket sees the connection close early. An empty body is announced as two bytes and
 * cut after one.
 */
async function truncated(response: Response): Promise<Response> {
  if ([101, 204, 205, 304].includes(response.status)) return response
  const bytes = new Uint8Array(await response.arrayBuffer())
  const whole = bytes.byteLength > 0 ? bytes : new TextEncoder().encode('  ')
  const cut = Math.max(1, Math.floor(whole.byteLength / 2))
  const headers = new Headers(response.headers)
  headers.set('content-length', String(whole.byteLength))
  headers.set('x-injected-fault', 'truncate')
  let sent = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sent) {
        sent = true
        controller.enqueue(whole.slice(0, cut))
        return
      }
      // A moment for the headers and the first half to leave, then the connection drops.
      await new Promise((resolve) => setTimeout(resolve, 10))
      controller.error(new Error('connection dropped mid-body (injected fault)'))
    },
  })
  return new Response(body, { status: response.status, statusText: response.statusText, headers })
}
