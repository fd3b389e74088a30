/**
 * Mounting provider fakes into msw (`@atelier/testing/msw`). A fake is any fetch-style
 * handler — `(request) => Response` — such as the ones `@atelier/emulators` exports, so the
 * same fake serves unit tests through msw and end-to-end tests as a real server.
 */
import { http } from 'msw'

/** A provider fake: answers a standard Request with a standard Response. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/**
 * msw handlers that send every request under `baseUrl` to `handler`.
 *
 * ```ts
 * const server = setupServer(...handlersFor(sidecarFake, { baseUrl: 'http://sidecar.test' }))
 * ```
 */
export function handlersFor(handler: FetchHandler, options: { baseUrl: string }) {
  const base = options.baseUrl.replace(/\/+$/, '')
  return [
    http.all(`${base}/*`, ({ request }) => handler(request)),
    http.all(base, ({ request }) => handler(request)),
  ]
}

/** Records what reached msw (method, URL, headers, body text) for assertions on what was sent. */
export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

/** Wraps a handler so every request it answers is recorded first. */
export function recording(handler: FetchHandler): FetchHandler & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const wrapped = (async (request: Request) => {
    const body =
      request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text()
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body,
    })
    return handler(request)
  }) as FetchHandler & { requests: RecordedRequest[] }
  wrapped.requests = requests
  return wrapped
}
