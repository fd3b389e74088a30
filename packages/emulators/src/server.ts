/**
 * Serving a fetch-style handler as a real HTTP server on loopback. Every emulator is a
 * `(request: Request) => Response` function, so the same fake runs inside msw for unit tests
 * and here, as a real server, for end-to-end tests, benchmarks and the demo.
 *
 * A handler that answers `Response.error()` makes the server drop the connection without an
 * answer (a reset, as far as the client can tell), as msw fails the fetch for it; `withFaults`
 * injects resets this way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'

/** A provider fake: answers a standard Request with a standard Response. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

export interface ServeOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number
  /** Host to bind. Default `127.0.0.1`: emulators never listen beyond loopback. */
  host?: string
  /** Answer CORS preflights and add CORS headers, so browser tests can call the emulator. Default true. */
  cors?: boolean
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  url: string
  port: number
  /** Stops accepting, ends open connections, resolves when closed. */
  close(): Promise<void>
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
  'access-control-max-age': '600',
}

export async function serve(
  handler: FetchHandler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const cors = options.cors ?? true
  const server = createServer((incoming, outgoing) => {
    void answer(handler, incoming, outgoing, host, cors)
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

async function answer(
  handler: FetchHandler,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  host: string,
  cors: boolean,
): Promise<void> {
  const controller = new AbortController()
  // The client went away: let the handler stop streaming.
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) controller.abort()
  })
  try {
    if (cors && incoming.method === 'OPTIONS') {
      outgoing.writeHead(204, CORS_HEADERS).end()
      return
    }
    const request = toRequest(incoming, host, controller.signal)
    const response = await handler(request)
    // A handler answering `Response.error()` means "the network failed" (msw turns it into a
    // failed fetch as well): drop the connection without a word, as a reset would.
    if (response.type === 'error') {
      outgoing.destroy()
      return
    }
    const headers: Record<string, string> = cors ? { ...CORS_HEADERS } : {}
    response.headers.forEach((value, name) => {
      headers[name] = value
    })
    outgoing.writeHead(response.status, headers)
    if (!response.body || incoming.method === 'HEAD') {
      outgoing.end()
      return
    }
    const body = Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>)
    body.on('error', () => outgoing.destroy())
    body.pipe(outgoing)
  } catch (error) {
    if (!outgoing.headersSent) {
      outgoing.writeHead(500, { 'content-type': 'application/json' })
      outgoing.end(JSON.stringify({ detail: `emulator error: ${String(error)}` }))
    } else {
      outgoing.destroy()
    }
  }
}

function toRequest(incoming: IncomingMessage, host: string, signal: AbortSignal): Request {
  const url = `http://${incoming.headers.host ?? host}${incoming.url ?? '/'}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD'
  return new Request(url, {
    method: incoming.method,
    headers,
    signal,
    ...(hasBody
      ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' }
      : {}),
  } as RequestInit)
}
