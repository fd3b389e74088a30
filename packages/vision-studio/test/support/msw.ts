/** An msw server that records every request the client sends, and the endpoint it was for. */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { ENDPOINTS } from '../../src'

export const BASE = 'https://studio.test'
export const API_KEY = 'vs_test_key_123456'

export interface Sent {
  method: string
  url: URL
  headers: Headers
  json: unknown
  form: FormData | undefined
  /** `METHOD /template` of the documented endpoint this request was for. */
  endpoint: string | undefined
  /** Settles once the body has been read into `json` or `form`. */
  pending?: Promise<void>
}

const TEMPLATES = ENDPOINTS.map((endpoint) => ({
  key: `${endpoint.method} ${endpoint.path}`,
  method: endpoint.method,
  params: (endpoint.path.match(/\{/g) ?? []).length,
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

/** The documented endpoint a request is for (literal paths win over `{param}` ones). */
export function templateOf(method: string, pathname: string): string | undefined {
  return TEMPLATES.filter((item) => item.method === method && item.pattern.test(pathname)).sort(
    (a, b) => a.params - b.params,
  )[0]?.key
}

/** Sets up the server for the calling test file; `sent` fills as requests leave the client. */
export function recordingServer() {
  const server = setupServer()
  const sent: Sent[] = []
  const hits = new Set<string>()
  server.events.on('request:start', ({ request }) => {
    const copy = request.clone()
    const url = new URL(copy.url)
    const record: Sent = {
      method: copy.method,
      url,
      headers: copy.headers,
      json: undefined,
      form: undefined,
      endpoint: templateOf(copy.method, url.pathname),
    }
    sent.push(record)
    if (record.endpoint) hits.add(record.endpoint)
    const type = copy.headers.get('content-type') ?? ''
    record.pending = type.startsWith('multipart/form-data')
      ? copy.formData().then((form) => {
          record.form = form
        })
      : copy.text().then((text) => {
          record.json = text ? JSON.parse(text) : undefined
        })
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    sent.length = 0
  })
  afterAll(() => server.close())
  /** The requests sent so far, bodies read. */
  const requests = async () => {
    await Promise.all(sent.map((record) => record.pending))
    return sent
  }
  return { server, sent, hits, requests }
}
