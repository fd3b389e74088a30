/**
 * A gate in front of an emulator, served on loopback: it records every request the server
 * saw (in order, with the wall time it arrived and the time the client aborted it), and it
 * can hold chosen requests open at a chosen stage so a test can abort the client exactly
 * while that request is in flight:
 *
 * - `request`: the request never reaches the emulator (a server that has not answered yet);
 * - `answer`: the emulator answers (a job may now exist), the answer is withheld;
 * - `body`: the status line, headers and the first part of the body are sent, the rest is
 *   withheld (a download, or an event stream, still arriving).
 *
 * A held request is released only by the client going away, which the server sees as the
 * request's signal aborting (`serve()` aborts it when the connection closes). That is the
 * observation "the in-flight request was aborted on the server side".
 */
import { type FetchHandler, type RunningServer, serve } from '@atelier/emulators'

export interface SeenRequest {
  /** Arrival order across every server of the gate. */
  seq: number
  /** Which server saw it (`api`, or the name given to `add`). */
  server: string
  method: string
  path: string
  /** `performance.now()` when it arrived. */
  at: number
  /** `performance.now()` when the server saw the client abort it (connection closed before the answer ended). */
  abortedAt?: number
}

export interface RequestMatch {
  method?: string
  path: RegExp
  /** Only requests to this server. Default: any. */
  server?: string
}

export interface HoldRule extends RequestMatch {
  stage: 'request' | 'answer' | 'body'
  /**
   * For `body`: keep forwarding the emulator's chunks until this holds for what was sent so
   * far (as text), then withhold the rest. Default: half of the first chunk (at most 1 KiB),
   * so the body is mid-way whatever the emulator's chunk sizes.
   */
  sendUntil?: (sentText: string) => boolean
  /** Which matching request to hold: 1 for the first (default), 2 for the second, ... */
  occurrence?: number
}

export interface Hold {
  /** Resolves when the matching request reached its held point (for `body`: the first part is sent). */
  readonly reached: Promise<SeenRequest>
  /** Resolves when the server saw the client abort the held request. */
  readonly aborted: Promise<SeenRequest>
  /** Whether the held request has been reached yet. */
  readonly isReached: boolean
  /** For `request`: lets the held request through to the emulator (if the client is still there). */
  release(): void
}

export interface Gate {
  /** URL of the `api` server. */
  readonly url: string
  /** URLs of every server by name. */
  readonly urls: Readonly<Record<string, string>>
  /** Every request seen, in arrival order. */
  readonly requests: readonly SeenRequest[]
  /** Serves another handler on its own port (another origin), recorded and gated the same way. */
  add(name: string, handler: FetchHandler): Promise<string>
  hold(rule: HoldRule): Hold
  /** Answers the next matching request with `make()` instead of the emulator. */
  replyOnce(match: RequestMatch, make: () => Response): void
  /** Requests that arrived after `time` (a `performance.now()` value). */
  since(time: number): SeenRequest[]
  close(): Promise<void>
}

interface ActiveHold {
  rule: HoldRule
  seen: number
  reached: (request: SeenRequest) => void
  aborted: (request: SeenRequest) => void
  state: { reached: boolean }
  released: Promise<void>
}

const encoder = new TextEncoder()

export async function openGate(handler: FetchHandler): Promise<Gate> {
  const requests: SeenRequest[] = []
  const holds: ActiveHold[] = []
  const replies: { match: RequestMatch; make: () => Response }[] = []
  const servers: RunningServer[] = []
  const urls: Record<string, string> = {}
  let seq = 0

  const matches = (match: RequestMatch, server: string, method: string, path: string) =>
    (match.server === undefined || match.server === server) &&
    (match.method === undefined || match.method.toUpperCase() === method) &&
    match.path.test(path)

  function gated(server: string, inner: FetchHandler): FetchHandler {
    return async (request) => {
      const path = new URL(request.url).pathname
      const seen: SeenRequest = {
        seq: ++seq,
        server,
        method: request.method,
        path,
        at: performance.now(),
      }
      requests.push(seen)
      const clientGone = new Promise<void>((resolve) => {
        const signal = request.signal
        const onAbort = () => {
          seen.abortedAt ??= performance.now()
          resolve()
        }
        if (signal.aborted) onAbort()
        else signal.addEventListener('abort', onAbort, { once: true })
      })
      const replyIndex = replies.findIndex(({ match }) =>
        matches(match, server, request.method, path),
      )
      if (replyIndex >= 0) {
        const [reply] = replies.splice(replyIndex, 1)
        return reply!.make()
      }
      const hold = holds.find(
        (candidate) =>
          matches(candidate.rule, server, request.method, path) &&
          ++candidate.seen === (candidate.rule.occurrence ?? 1),
      )
      if (!hold) return inner(request)
      holds.splice(holds.indexOf(hold), 1)
      const heldUntilAbort = async () => {
        hold.state.reached = true
        hold.reached(seen)
        await clientGone
        hold.aborted(seen)
        // Nobody is listening any more; whatever is written goes nowhere.
        return new Response(null, { status: 499 })
      }
      if (hold.rule.stage === 'request') {
        hold.state.reached = true
        hold.reached(seen)
        const outcome = await Promise.race([
          clientGone.then(() => 'gone' as const),
          hold.released.then(() => 'released' as const),
        ])
        if (outcome === 'released') return inner(request)
        return heldUntilAbort()
      }
      const response = await inner(request)
      if (hold.rule.stage === 'answer') {
        await response.body?.cancel().catch(() => {})
        return heldUntilAbort()
      }
      return partialBody(response, hold, seen, clientGone)
    }
  }

  /** Forwards the emulator's body until `sendUntil` holds, then withholds the rest until the client leaves. */
  function partialBody(
    response: Response,
    hold: ActiveHold,
    seen: SeenRequest,
    clientGone: Promise<void>,
  ): Response {
    const sendUntil = hold.rule.sendUntil
    const source = response.body?.getReader()
    const decoder = new TextDecoder()
    let sent = ''
    let holding = false
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (holding || !source) {
          await clientGone
          hold.aborted(seen)
          controller.close()
          return
        }
        const { done, value } = await source.read()
        if (done) {
          // The emulator ended before the point to hold at: hold at the end instead.
          holding = true
          hold.state.reached = true
          hold.reached(seen)
          return
        }
        const part = sendUntil
          ? value
          : value.subarray(0, Math.max(1, Math.min(1_024, value.byteLength >> 1)))
        controller.enqueue(part)
        sent += decoder.decode(part, { stream: true })
        if (!sendUntil || sendUntil(sent)) {
          holding = true
          await source.cancel().catch(() => {})
          hold.state.reached = true
          // Reached once the part is on its way to the client.
          setTimeout(() => hold.reached(seen), 0)
        }
      },
      async cancel() {
        await source?.cancel().catch(() => {})
      },
    })
    const headers = new Headers(response.headers)
    // The length of the whole answer stays announced: the client is mid-download, not at the end.
    return new Response(body, { status: response.status, headers })
  }

  async function add(name: string, inner: FetchHandler): Promise<string> {
    const server = await serve(gated(name, inner))
    servers.push(server)
    urls[name] = server.url
    return server.url
  }

  await add('api', handler)

  return {
    get url() {
      return urls.api!
    },
    urls,
    requests,
    add,
    hold(rule) {
      const state = { reached: false }
      let release!: () => void
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      let reached!: (request: SeenRequest) => void
      let aborted!: (request: SeenRequest) => void
      const hold: Hold = {
        reached: new Promise((resolve) => {
          reached = resolve
        }),
        aborted: new Promise((resolve) => {
          aborted = resolve
        }),
        get isReached() {
          return state.reached
        },
        release,
      }
      holds.push({ rule, seen: 0, reached, aborted, state, released })
      return hold
    },
    replyOnce(match, make) {
      replies.push({ match, make })
    },
    since: (time) => requests.filter((request) => request.at > time),
    close: async () => {
      await Promise.all(servers.map((server) => server.close()))
    },
  }
}

/** A JSON response, for `replyOnce`. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(encoder.encode(JSON.stringify(body)), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}
