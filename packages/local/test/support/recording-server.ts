import { ValidationError } from '@atelier/core'
/**
 * An msw server for the client tests: it records every request that leaves the client, answers
 * the routes a test sets up, and notes which endpoint template each answered request was for.
 */
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { EndpointSpec, HttpMethod, SillyMediaClientOptions } from '../../src'
import { SillyMediaClient } from '../../src/client'

export interface Captured {
  method: string
  url: URL
  headers: Headers
  json: unknown
  form: FormData | undefined
  text: string
}

export interface RecordingServerOptions {
  /** Where the client under test sends its requests. */
  baseUrl: string
  /** The endpoints whose `METHOD /template` an answered request is recorded under in `hits`. */
  endpoints: readonly Pick<EndpointSpec, 'method' | 'path'>[]
}

const METHODS = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete }

/**
 * Sets up the server for the calling test file (listening from its first test on, erroring on
 * unhandled requests, reset after every test); call it once at the file's top level.
 */
export function recordingServer({ baseUrl, endpoints }: RecordingServerOptions) {
  /** Every request that left the client, matched by a handler or not; emptied after each test. */
  const sent: Request[] = []
  /** `METHOD /template` of every endpoint of `endpoints` a handler answered, over the whole file. */
  const hits = new Set<string>()

  const server = setupServer()
  server.events.on('request:start', ({ request }) => {
    sent.push(request)
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    sent.length = 0
  })
  afterAll(() => server.close())

  const templates = endpoints.map((endpoint) => ({
    key: `${endpoint.method} ${endpoint.path}`,
    method: endpoint.method,
    params: (endpoint.path.match(/\{/g) ?? []).length,
    pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))

  /** The endpoint a request is for (literal paths win over `{param}` ones). */
  function templateOf(method: string, pathname: string): string | undefined {
    return templates
      .filter((item) => item.method === method && item.pattern.test(pathname))
      .sort((a, b) => a.params - b.params)[0]?.key
  }

  /** Reads `request` (a multipart body into `form`, any other into `text`) and notes its hit. */
  async function capture(request: Request): Promise<Captured> {
    const url = new URL(request.url)
    const template = templateOf(request.method, url.pathname)
    if (template) hits.add(template)
    const type = request.headers.get('content-type') ?? ''
    const captured: Captured = {
      method: request.method,
      url,
      headers: request.headers,
      json: undefined,
      form: undefined,
      text: '',
    }
    if (type.startsWith('multipart/form-data')) captured.form = await request.formData()
    else {
      captured.text = await request.text()
      if (type.includes('json')) captured.json = JSON.parse(captured.text)
    }
    return captured
  }

  /** Answers `method path` with `respond`, recording each request; returns the records. */
  function route(
    method: HttpMethod,
    path: string,
    respond: (request: Request) => Response | Promise<Response>,
    base = baseUrl,
  ): Captured[] {
    const calls: Captured[] = []
    server.use(
      METHODS[method](`${base}${path}`, async ({ request }) => {
        calls.push(await capture(request.clone()))
        return respond(request)
      }),
    )
    return calls
  }

  /** A client for `baseUrl` that does not retry, unless `options` say otherwise. */
  function makeClient(options: SillyMediaClientOptions = {}): SillyMediaClient {
    return new SillyMediaClient({ baseUrl, retry: { limit: 0 }, ...options })
  }

  return { server, sent, hits, templateOf, capture, route, makeClient }
}

/** The only request of `calls`, checked to be `method` on exactly `pathname`. */
export function only(calls: Captured[], method: HttpMethod, pathname: string): Captured {
  expect(calls).toHaveLength(1)
  const call = calls[0]!
  expect(call.method).toBe(method)
  expect(call.url.pathname).toBe(pathname)
  return call
}

export const json =
  (body: Record<string, unknown> | unknown[], status = 200) =>
  () =>
    HttpResponse.json(body as never, { status })
export const bytes =
  (data: Uint8Array<ArrayBuffer>, contentType: string, headers: Record<string, string> = {}) =>
  () =>
    new HttpResponse(data, { headers: { 'content-type': contentType, ...headers } })

export const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))
export const base64 = (data: Uint8Array) => Buffer.from(data).toString('base64')

/**
 * A call that must fail validation before anything is sent: a client-side `ValidationError`
 * (no HTTP status) from `local`, naming `field` and the call (`what`, e.g. `POST /tts/generate`),
 * with `sent` still empty.
 */
export async function expectRejectedBeforeNetwork(
  call: () => Promise<unknown> | unknown,
  field: string,
  what: string,
  sent: readonly Request[],
): Promise<void> {
  let error: unknown
  try {
    await call()
  } catch (thrown) {
    error = thrown
  }
  expect(error).toBeInstanceOf(ValidationError)
  const validation = error as ValidationError
  expect(validation.field).toBe(field)
  expect(validation.provider).toBe('local')
  expect(validation.status).toBeUndefined()
  expect(validation.message).toContain(what)
  expect(validation.message).toContain(field)
  expect(sent).toHaveLength(0)
}
