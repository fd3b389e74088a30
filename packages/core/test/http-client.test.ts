import {
  AbortError,
  type AtelierError,
  bearerAuth,
  type Clock,
  ConnectionError,
  headerAuth,
  MediaFile,
  ProviderError,
  RateLimitError,
  type RequestEvent,
  type ResponseEvent,
  ResponseShapeError,
  type RetryEvent,
  TimeoutError,
  ValidationError,
} from '@atelier/core'
import {
  encodePathSegment,
  HttpClient,
  type HttpClientOptions,
  joinUrl,
  MAX_ERROR_BODY_CHARS,
  pathOf,
  throwIfAborted,
} from '@atelier/core/driver'
import { delay, HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'

const BASE = 'https://api.example.test/v1'
const OTHER = 'https://cdn.elsewhere.test'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A clock whose sleeps return at once (after moving time) and are recorded. */
function recordingClock(): Clock & { sleeps: number[] } {
  let now = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    async sleep(ms, signal) {
      sleeps.push(ms)
      throwIfAborted(signal)
      now += ms
    },
  }
}

function makeClient(options: Partial<HttpClientOptions> = {}) {
  const clock = recordingClock()
  const client = new HttpClient({
    provider: 'acme',
    baseUrl: BASE,
    clock,
    random: () => 0.5,
    ...options,
  })
  return { client, clock }
}

interface SeenRequest {
  method: string
  url: URL
  headers: Headers
  body: string
}

/** Records every request a handler sees (method, URL, headers, body text). */
function recorder() {
  const seen: SeenRequest[] = []
  const record = async (request: Request) => {
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    })
    return seen.length
  }
  return { seen, record }
}

/** Answers each request with the next responder; the last one repeats. */
function sequence(...responders: (() => Response | Promise<Response>)[]) {
  const { seen, record } = recorder()
  const resolver = async ({ request }: { request: Request }) => {
    const count = await record(request)
    const responder = responders[Math.min(count, responders.length) - 1]!
    return responder()
  }
  return { seen, resolver }
}

async function rejectionOf(promise: Promise<unknown>): Promise<AtelierError> {
  try {
    await promise
  } catch (error) {
    return error as AtelierError
  }
  throw new Error('expected the promise to reject')
}

const ok = () => HttpResponse.json({ ok: true })

describe('HttpClient: URLs and what is sent', () => {
  it('joins paths onto the base URL without losing the base path', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/images/list`, resolver))
    const { client } = makeClient({ baseUrl: `${BASE}/` })
    await client.json({ path: '/images/list' })
    await client.json({ path: 'images/list' })
    expect(seen.map((request) => request.url.pathname)).toEqual([
      '/v1/images/list',
      '/v1/images/list',
    ])
  })

  it('joinUrl keeps the base path and leaves absolute URLs alone', () => {
    expect(joinUrl('https://h.test/api/', '/x/y')).toBe('https://h.test/api/x/y')
    expect(joinUrl('https://h.test/api', 'x')).toBe('https://h.test/api/x')
    expect(joinUrl('https://h.test/api', 'https://other.test/z')).toBe('https://other.test/z')
  })

  it('rejects a base URL that is not absolute, naming the field', () => {
    expect(() => new HttpClient({ provider: 'acme', baseUrl: '/relative' })).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'baseUrl' }),
    )
  })

  it('adds query parameters, skipping undefined and null', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/search`, resolver))
    const { client } = makeClient()
    await client.request({
      path: '/search?fixed=1',
      query: { q: 'red panda & co', limit: 5, safe: true, missing: undefined, none: null },
    })
    const params = seen[0]!.url.searchParams
    expect(params.get('fixed')).toBe('1')
    expect(params.get('q')).toBe('red panda & co')
    expect(params.get('limit')).toBe('5')
    expect(params.get('safe')).toBe('true')
    expect(params.has('missing')).toBe(false)
    expect(params.has('none')).toBe(false)
  })

  it('sends a JSON body as POST with the client and call headers', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.json({ id: 'job-1' }))
    server.use(http.post(`${BASE}/images/generate`, resolver))
    const { client } = makeClient({ headers: { 'X-Client': 'atelier-test' } })
    const answer = await client.json({
      path: '/images/generate',
      json: { prompt: 'a red panda', n: 2 },
      headers: { 'X-Trace': 'trace-1' },
    })
    expect(answer).toEqual({ id: 'job-1' })
    expect(seen).toHaveLength(1)
    const request = seen[0]!
    expect(request.method).toBe('POST')
    expect(request.headers.get('content-type')).toMatch(/^application\/json/)
    expect(request.headers.get('x-client')).toBe('atelier-test')
    expect(request.headers.get('x-trace')).toBe('trace-1')
    expect(JSON.parse(request.body)).toEqual({ prompt: 'a red panda', n: 2 })
    // A write is not a submit: no idempotency key.
    expect(request.headers.has('idempotency-key')).toBe(false)
  })

  it('lets a call header replace a client or auth header of any letter case', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/me`, resolver))
    const { client } = makeClient({ auth: bearerAuth('sk-client-1'), headers: { 'X-Client': 'a' } })
    await client.request({
      path: '/me',
      headers: { Authorization: 'Bearer sk-call-2', 'x-client': 'b' },
    })
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer sk-call-2')
    expect(seen[0]!.headers.get('x-client')).toBe('b')
  })

  it('sends other bodies as given', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.put(`${BASE}/files/a.txt`, resolver))
    const { client } = makeClient()
    await client.request({
      method: 'PUT',
      path: '/files/a.txt',
      body: 'plain text',
      headers: { 'content-type': 'text/plain' },
    })
    expect(seen[0]!.body).toBe('plain text')
    expect(seen[0]!.headers.get('content-type')).toBe('text/plain')
  })
})

describe('HttpClient: auth', () => {
  it('sends a bearer token', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/me`, resolver))
    const { client } = makeClient({ auth: bearerAuth('sk-test-123') })
    await client.request({ path: '/me' })
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer sk-test-123')
  })

  it('sends a key in a named header', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/me`, resolver))
    const { client } = makeClient({ auth: headerAuth('X-API-Key', 'key-abc-123') })
    await client.request({ path: '/me' })
    expect(seen[0]!.headers.get('x-api-key')).toBe('key-abc-123')
    expect(seen[0]!.headers.has('authorization')).toBe(false)
  })

  it('calls a token function for every request', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/me`, resolver))
    let minted = 0
    const { client } = makeClient({ auth: bearerAuth(async () => `tok-${++minted}`) })
    await client.request({ path: '/me' })
    await client.request({ path: '/me' })
    expect(minted).toBe(2)
    expect(seen.map((request) => request.headers.get('authorization'))).toEqual([
      'Bearer tok-1',
      'Bearer tok-2',
    ])
  })
})

describe('HttpClient: retries of reads', () => {
  it('retries a read after a network error', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.error(), ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await expect(client.json({ path: '/status' })).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([500])
  })

  it.each([500, 502, 503, 504, 408])('retries a read after HTTP %i', async (status) => {
    const { seen, resolver } = sequence(() => HttpResponse.json({ error: 'busy' }, { status }), ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await expect(client.json({ path: '/status' })).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([500])
  })

  it('does not retry a read after a 404 or 401', async () => {
    for (const status of [404, 401]) {
      const { seen, resolver } = sequence(() => HttpResponse.json({ message: 'no' }, { status }))
      server.use(http.get(`${BASE}/status`, resolver))
      const { client, clock } = makeClient()
      const error = await rejectionOf(client.request({ path: '/status' }))
      expect(error).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).status).toBe(status)
      expect(seen).toHaveLength(1)
      expect(clock.sleeps).toEqual([])
    }
  })

  it('waits exactly what Retry-After (seconds) asks after a 429', async () => {
    const { seen, resolver } = sequence(
      () =>
        HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'Retry-After': '2' } }),
      ok,
    )
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await client.request({ path: '/status' })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([2000])
  })

  it('waits exactly what retry-after-ms asks', async () => {
    const { seen, resolver } = sequence(
      () =>
        HttpResponse.json(
          { error: 'slow down' },
          { status: 429, headers: { 'retry-after-ms': '1500' } },
        ),
      ok,
    )
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await client.request({ path: '/status' })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([1500])
  })

  it('honours Retry-After on a 503 too', async () => {
    const { resolver } = sequence(
      () => new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3' } }),
      ok,
    )
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await client.request({ path: '/status' })
    expect(clock.sleeps).toEqual([3000])
  })

  it('backs off exponentially with jitter from the injected random source', async () => {
    const fail = () => HttpResponse.json({}, { status: 503 })
    const { seen, resolver } = sequence(fail, fail, fail, ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient({ random: () => 0, retry: { limit: 3, minDelayMs: 400 } })
    await client.request({ path: '/status' })
    expect(seen).toHaveLength(4)
    // 400, 800, 1600 each scaled by 0.75 (random 0 → -25%).
    expect(clock.sleeps).toEqual([300, 600, 1200])
  })

  it('caps a backoff delay at maxDelayMs', async () => {
    const fail = () => HttpResponse.json({}, { status: 502 })
    const { resolver } = sequence(fail, fail, fail, ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient({
      retry: { limit: 3, minDelayMs: 1000, maxDelayMs: 1500 },
    })
    await client.request({ path: '/status' })
    expect(clock.sleeps).toEqual([1000, 1500, 1500])
  })

  it('gives up after the retry limit with the last error', async () => {
    const { seen, resolver } = sequence(() =>
      HttpResponse.json({ message: 'down' }, { status: 503 }),
    )
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient({ retry: { limit: 2 } })
    const error = await rejectionOf(client.request({ path: '/status' }))
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(503)
    expect(seen).toHaveLength(3)
    expect(clock.sleeps).toEqual([500, 1000])
  })

  it('makes one attempt when the limit is 0', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.error())
    server.use(http.get(`${BASE}/status`, resolver))
    const { client } = makeClient({ retry: { limit: 0 } })
    const error = await rejectionOf(client.request({ path: '/status' }))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.code).toBe('connection')
    expect(seen).toHaveLength(1)
  })

  it('does not retry when Retry-After is longer than maxRetryAfterMs', async () => {
    const { seen, resolver } = sequence(
      () =>
        HttpResponse.json({ error: 'later' }, { status: 429, headers: { 'Retry-After': '120' } }),
      ok,
    )
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient({ retry: { maxRetryAfterMs: 60_000 } })
    const error = await rejectionOf(client.request({ path: '/status' }))
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfterMs).toBe(120_000)
    expect(seen).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('retries cancel calls like reads', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.json({}, { status: 500 }), ok)
    server.use(http.post(`${BASE}/jobs/j1/cancel`, resolver))
    const { client } = makeClient()
    await client.request({ method: 'POST', path: '/jobs/j1/cancel', kind: 'cancel' })
    expect(seen).toHaveLength(2)
  })

  it('reports each retry to onRetry', async () => {
    const { resolver } = sequence(() => HttpResponse.json({ message: 'oops' }, { status: 502 }), ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client } = makeClient()
    const retries: RetryEvent[] = []
    await client.request(
      { path: '/status' },
      { hooks: { onRetry: (event) => retries.push(event) } },
    )
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatchObject({
      provider: 'acme',
      method: 'GET',
      kind: 'read',
      attempt: 2,
      delayMs: 500,
    })
    expect(retries[0]!.error).toBeInstanceOf(ProviderError)
    expect(retries[0]!.url).toBe(`${BASE}/status`)
  })
})

describe('HttpClient: submits and writes', () => {
  it('keeps the same Idempotency-Key across a retry after a network error, for a provider that dedupes', async () => {
    const { seen, resolver } = sequence(
      () => HttpResponse.error(),
      () => HttpResponse.json({ id: 'job-1' }),
    )
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient({ dedupesSubmits: true })
    const answer = await client.json({
      path: '/video/generate',
      json: { prompt: 'p' },
      kind: 'submit',
    })
    expect(answer).toEqual({ id: 'job-1' })
    expect(seen).toHaveLength(2)
    const keys = seen.map((request) => request.headers.get('idempotency-key'))
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(keys[1]).toBe(keys[0])
    // The body goes out again on the retry.
    expect(seen.map((request) => JSON.parse(request.body))).toEqual([
      { prompt: 'p' },
      { prompt: 'p' },
    ])
  })

  it("sends the call context's idempotency key on a submit, and on nothing else", async () => {
    const { seen, resolver } = sequence(
      () => HttpResponse.json({ id: 'job-1' }),
      () => HttpResponse.json({ id: 'job-1', status: 'queued' }),
    )
    server.use(
      http.post(`${BASE}/video/generate`, resolver),
      http.get(`${BASE}/video/job-1`, resolver),
    )
    const { client } = makeClient()
    const context = { idempotencyKey: 'queue-job-42' }
    await client.json({ path: '/video/generate', json: { prompt: 'p' }, kind: 'submit' }, context)
    await client.json({ path: '/video/job-1' }, context)
    expect(seen.map((request) => request.headers.get('idempotency-key'))).toEqual([
      'queue-job-42',
      null,
    ])
  })

  it("sends the call context's headers to the API's origin, never in place of credentials", async () => {
    const { seen, resolver } = sequence(() => HttpResponse.json({ id: 'job-1' }))
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient({ auth: bearerAuth('sk-own-key') })
    await client.json(
      { path: '/video/generate', json: { prompt: 'p' }, kind: 'submit' },
      { headers: { 'x-trace-id': 'trace-9', authorization: 'Bearer stolen' } },
    )
    expect(seen[0]!.headers.get('x-trace-id')).toBe('trace-9')
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer sk-own-key')
  })

  it('keeps the same Idempotency-Key across a retry after a 503', async () => {
    const { seen, resolver } = sequence(
      () => HttpResponse.json({ error: 'overloaded' }, { status: 503 }),
      ok,
    )
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient()
    await client.request({ path: '/video/generate', json: {}, kind: 'submit' })
    expect(seen).toHaveLength(2)
    const [first, second] = seen.map((request) => request.headers.get('idempotency-key'))
    expect(first).toBeTruthy()
    expect(second).toBe(first)
  })

  it('uses a new key for each separate submit', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient()
    await client.request({ path: '/video/generate', json: {}, kind: 'submit' })
    await client.request({ path: '/video/generate', json: {}, kind: 'submit' })
    const [first, second] = seen.map((request) => request.headers.get('idempotency-key'))
    expect(first).toBeTruthy()
    expect(second).toBeTruthy()
    expect(second).not.toBe(first)
  })

  it('never resends a submit lost on the network to a provider that does not dedupe: it may have arrived', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.error(), ok)
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client, clock } = makeClient()
    const error = await rejectionOf(
      client.request({ path: '/video/generate', json: {}, kind: 'submit' }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(seen).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('resends a submit whose connection was refused (it never left), with the same key', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      code: 'ECONNREFUSED',
    })
    let calls = 0
    const keys: (string | null)[] = []
    const fetchStub: typeof fetch = async (_input, init) => {
      calls++
      keys.push(new Headers(init?.headers).get('idempotency-key'))
      if (calls === 1) throw new TypeError('fetch failed', { cause: refused })
      return Response.json({ id: 'job-1' })
    }
    const { client, clock } = makeClient({ fetch: fetchStub })
    await expect(
      client.json({ path: '/video/generate', json: {}, kind: 'submit' }),
    ).resolves.toEqual({ id: 'job-1' })
    expect(calls).toBe(2)
    expect(keys[1]).toBe(keys[0])
    expect(clock.sleeps).toEqual([500])
  })

  it('sends a caller-given key under a configured header name', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.error(), ok)
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient({ idempotencyHeader: 'X-Request-Key', dedupesSubmits: true })
    await client.request({
      path: '/video/generate',
      json: {},
      kind: 'submit',
      idempotencyKey: 'my-key-1',
    })
    expect(seen.map((request) => request.headers.get('x-request-key'))).toEqual([
      'my-key-1',
      'my-key-1',
    ])
    expect(seen[0]!.headers.has('idempotency-key')).toBe(false)
  })

  it.each([500, 502, 504])(
    'does not retry a submit after HTTP %i (the job may exist)',
    async (status) => {
      const { seen, resolver } = sequence(
        () => HttpResponse.json({ error: 'boom' }, { status }),
        ok,
      )
      server.use(http.post(`${BASE}/video/generate`, resolver))
      const { client, clock } = makeClient()
      const error = await rejectionOf(
        client.request({ path: '/video/generate', json: {}, kind: 'submit' }),
      )
      expect(error).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).status).toBe(status)
      expect(seen).toHaveLength(1)
      expect(clock.sleeps).toEqual([])
    },
  )

  it('retries a submit after a 429 with Retry-After', async () => {
    const { seen, resolver } = sequence(
      () => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': '1' } }),
      ok,
    )
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client, clock } = makeClient()
    await client.request({ path: '/video/generate', json: {}, kind: 'submit' })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([1000])
  })

  it('does not retry a submit that timed out after sending', async () => {
    const { seen, resolver } = sequence(async () => {
      await delay(250)
      return ok()
    })
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient({ timeoutMs: 40 })
    const error = await rejectionOf(
      client.request({ path: '/video/generate', json: {}, kind: 'submit' }),
    )
    expect(error).toBeInstanceOf(TimeoutError)
    expect(seen).toHaveLength(1)
  })

  it('never retries a write, neither after a network error nor a 503', async () => {
    const network = sequence(() => HttpResponse.error(), ok)
    server.use(http.post(`${BASE}/voices`, network.resolver))
    const { client, clock } = makeClient()
    expect(
      await rejectionOf(client.request({ path: '/voices', json: { name: 'v' } })),
    ).toBeInstanceOf(ConnectionError)
    expect(network.seen).toHaveLength(1)

    const unavailable = sequence(() => HttpResponse.json({}, { status: 503 }), ok)
    server.use(http.patch(`${BASE}/voices/v1`, unavailable.resolver))
    const error = await rejectionOf(
      client.request({ method: 'PATCH', path: '/voices/v1', json: { name: 'w' } }),
    )
    expect((error as ProviderError).status).toBe(503)
    expect(unavailable.seen).toHaveLength(1)
    expect(clock.sleeps).toEqual([])
  })

  it('treats a DELETE without a kind as a write', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.json({}, { status: 500 }), ok)
    server.use(http.delete(`${BASE}/voices/v1`, resolver))
    const { client } = makeClient()
    await expect(client.request({ method: 'DELETE', path: '/voices/v1' })).rejects.toBeInstanceOf(
      ProviderError,
    )
    expect(seen).toHaveLength(1)
  })
})

describe('HttpClient: error mapping', () => {
  it('maps a FastAPI 422 detail list to a ValidationError with field paths', async () => {
    server.use(
      http.post(`${BASE}/images/generate`, () =>
        HttpResponse.json(
          {
            detail: [
              {
                loc: ['body', 'size', 'width'],
                msg: 'Input should be greater than 0',
                type: 'greater_than',
              },
              { loc: ['body', 'prompt'], msg: 'Field required', type: 'missing' },
            ],
          },
          { status: 422 },
        ),
      ),
    )
    const { client } = makeClient()
    const error = await rejectionOf(client.request({ path: '/images/generate', json: {} }))
    expect(error).toBeInstanceOf(ValidationError)
    const validation = error as ValidationError
    expect(validation.status).toBe(422)
    expect(validation.provider).toBe('acme')
    expect(validation.issues).toEqual([
      { path: ['size', 'width'], message: 'Input should be greater than 0', rule: 'greater_than' },
      { path: ['prompt'], message: 'Field required', rule: 'missing' },
    ])
    expect(validation.field).toBe('size.width')
    expect(validation.message).toContain('HTTP 422')
    expect(validation.message).toContain('size.width: Input should be greater than 0')
    expect(validation.body).toContain('greater_than')
  })

  it('maps a 400 detail list, dropping a leading query location', async () => {
    server.use(
      http.get(`${BASE}/search`, () =>
        HttpResponse.json(
          { detail: [{ loc: ['query', 'limit'], msg: 'too big', type: 'less_than_equal' }] },
          { status: 400 },
        ),
      ),
    )
    const { client } = makeClient()
    const error = (await rejectionOf(client.request({ path: '/search' }))) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.status).toBe(400)
    expect(error.issues[0]!.path).toEqual(['limit'])
  })

  it('maps a 422 with a string detail', async () => {
    server.use(
      http.post(`${BASE}/images/generate`, () =>
        HttpResponse.json({ detail: 'Model z-image is not loaded' }, { status: 422 }),
      ),
    )
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.request({ path: '/images/generate', json: {} }),
    )) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.status).toBe(422)
    expect(error.message).toContain('Model z-image is not loaded')
    expect(error.issues).toHaveLength(1)
    expect(error.issues[0]!.path).toEqual([])
    expect(error.issues[0]!.message).toBe('Model z-image is not loaded')
  })

  it('maps a 429 to a RateLimitError with retryAfterMs', async () => {
    server.use(
      http.get(`${BASE}/status`, () =>
        HttpResponse.json(
          { error: { message: 'Too many requests' } },
          { status: 429, headers: { 'Retry-After': '7' } },
        ),
      ),
    )
    const { client } = makeClient({ retry: { limit: 0 } })
    const error = (await rejectionOf(client.request({ path: '/status' }))) as RateLimitError
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.code).toBe('rate_limit')
    expect(error.status).toBe(429)
    expect(error.retryAfterMs).toBe(7000)
    expect(error.message).toContain('Too many requests')
  })

  it('maps a 500 error envelope to a ProviderError with code, status and request id', async () => {
    server.use(
      http.post(`${BASE}/images/generate`, () =>
        HttpResponse.json(
          { error: { message: 'The model ran out of memory', code: 'E_OOM' } },
          { status: 500, headers: { 'x-request-id': 'req-42' } },
        ),
      ),
    )
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.request({ path: '/images/generate', json: {} }),
    )) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error).not.toBeInstanceOf(RateLimitError)
    expect(error.code).toBe('provider')
    expect(error.status).toBe(500)
    expect(error.providerCode).toBe('E_OOM')
    expect(error.requestId).toBe('req-42')
    expect(error.provider).toBe('acme')
    expect(error.message).toBe('acme answered HTTP 500: The model ran out of memory')
    expect(JSON.parse(error.body!)).toEqual({
      error: { message: 'The model ran out of memory', code: 'E_OOM' },
    })
  })

  it('attaches an HTML error page truncated to MAX_ERROR_BODY_CHARS', async () => {
    const page = `<html><body>${'x'.repeat(20_000)}</body></html>`
    server.use(
      http.post(`${BASE}/images/generate`, () =>
        HttpResponse.text(page, { status: 502, headers: { 'content-type': 'text/html' } }),
      ),
    )
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.request({ path: '/images/generate', json: {} }),
    )) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.status).toBe(502)
    expect(error.message).toBe('acme answered HTTP 502')
    expect(error.body!.startsWith(page.slice(0, MAX_ERROR_BODY_CHARS))).toBe(true)
    expect(error.body).toContain(`[${page.length - MAX_ERROR_BODY_CHARS} more characters]`)
    expect(error.body!.length).toBeLessThan(MAX_ERROR_BODY_CHARS + 40)
  })

  it('uses a driver describeError for bodies it knows', async () => {
    server.use(
      http.post(`${BASE}/images/generate`, () =>
        HttpResponse.json(
          { status: 'fail', why: 'quota exhausted', ticket: 'T-9' },
          { status: 403 },
        ),
      ),
    )
    const { client } = makeClient({
      describeError: (body) => {
        const record = body as { why: string; ticket: string }
        return { message: record.why, providerCode: 'quota', requestId: record.ticket }
      },
    })
    const error = (await rejectionOf(
      client.request({ path: '/images/generate', json: {} }),
    )) as ProviderError
    expect(error.message).toBe('acme answered HTTP 403: quota exhausted')
    expect(error.providerCode).toBe('quota')
    expect(error.requestId).toBe('T-9')
  })

  it('returns statuses listed in acceptStatus instead of throwing', async () => {
    server.use(
      http.get(`${BASE}/jobs/j1`, () => HttpResponse.json({ gone: true }, { status: 404 })),
    )
    const { client } = makeClient()
    const response = await client.request({ path: '/jobs/j1', acceptStatus: [404] })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ gone: true })
  })

  it.each([
    ['bearer', () => bearerAuth('sk-live-SECRET-0001')],
    ['header', () => headerAuth('X-API-Key', 'sk-live-SECRET-0001')],
    ['token function', () => bearerAuth(async () => 'sk-live-SECRET-0001')],
  ])('redacts an API key (%s auth) the server echoes back', async (_name, auth) => {
    const key = 'sk-live-SECRET-0001'
    server.use(
      http.post(`${BASE}/images/generate`, ({ request }) =>
        HttpResponse.json(
          {
            error: {
              message: `Invalid key ${key}`,
              code: 'bad_key',
              echoed: request.headers.get('authorization') ?? request.headers.get('x-api-key'),
            },
          },
          { status: 401 },
        ),
      ),
    )
    const { client } = makeClient({ auth: auth() })
    const error = (await rejectionOf(
      client.request({ path: '/images/generate', json: {} }),
    )) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.status).toBe(401)
    expect(error.message).toBe('acme answered HTTP 401: Invalid key [redacted]')
    for (const text of [error.message, error.body!, JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(key)
      expect(text).not.toContain('SECRET')
    }
    expect(error.body).toContain('[redacted]')
    expect(client.redact(`key ${key}`)).toBe('key [redacted]')
  })

  it('redacts configured secrets and key query parameters from connection errors', async () => {
    server.use(http.get(`${BASE}/status`, () => HttpResponse.error()))
    const { client } = makeClient({ retry: { limit: 0 }, secrets: ['proj-secret-42'] })
    const error = await rejectionOf(
      client.request({
        path: '/status',
        query: { api_key: 'qs-secret-9', project: 'proj-secret-42' },
      }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toContain('could not reach')
    for (const text of [error.message, JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain('qs-secret-9')
      expect(text).not.toContain('proj-secret-42')
    }
  })
})

describe('HttpClient: json() and response shapes', () => {
  const schema = z.object({ id: z.string(), progress: z.number() })

  it('returns the parsed, typed body when it matches the schema', async () => {
    server.use(
      http.get(`${BASE}/jobs/j1`, () =>
        HttpResponse.json({ id: 'j1', progress: 0.5, extra: true }),
      ),
    )
    const { client } = makeClient()
    const job = await client.json({ path: '/jobs/j1', schema })
    expect(job.id).toBe('j1')
    expect(job.progress).toBe(0.5)
  })

  it('throws a ResponseShapeError naming the field on a wrong shape', async () => {
    server.use(http.get(`${BASE}/jobs/j1`, () => HttpResponse.json({ id: 'j1', progress: 'half' })))
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.json({ path: '/jobs/j1', schema }),
    )) as ResponseShapeError
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect(error.code).toBe('response_shape')
    expect(error.status).toBe(200)
    expect(error.issues.map((issue) => issue.path)).toEqual([['progress']])
    expect(error.message).toContain('progress')
    expect(error.body).toBe('{"id":"j1","progress":"half"}')
  })

  it('throws a ResponseShapeError on a body that is not JSON', async () => {
    server.use(http.get(`${BASE}/jobs/j1`, () => HttpResponse.text('<html>maintenance</html>')))
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.json({ path: '/jobs/j1', schema }),
    )) as ResponseShapeError
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect(error.message).toContain('not JSON')
    expect(error.body).toBe('<html>maintenance</html>')
  })

  it('throws a ResponseShapeError on an empty body when a schema expects data', async () => {
    server.use(http.get(`${BASE}/jobs/j1`, () => new HttpResponse(null, { status: 200 })))
    const { client } = makeClient()
    await expect(client.json({ path: '/jobs/j1', schema })).rejects.toBeInstanceOf(
      ResponseShapeError,
    )
  })

  it('throws a ResponseShapeError on an empty body without a schema', async () => {
    server.use(http.get(`${BASE}/jobs/j1`, () => new HttpResponse(null, { status: 200 })))
    const { client } = makeClient()
    await expect(client.json({ path: '/jobs/j1' })).rejects.toBeInstanceOf(ResponseShapeError)
  })

  it('accepts an empty body when the schema allows undefined', async () => {
    server.use(http.post(`${BASE}/jobs/j1/cancel`, () => new HttpResponse(null, { status: 200 })))
    const { client } = makeClient()
    await expect(
      client.json({ method: 'POST', path: '/jobs/j1/cancel', schema: z.optional(z.object({})) }),
    ).resolves.toBeUndefined()
  })

  it('parses JSON scalars and null', async () => {
    const { client } = makeClient()
    for (const [text, value] of [
      ['true', true],
      ['42', 42],
      ['"done"', 'done'],
      ['null', null],
    ] as const) {
      server.use(
        http.get(`${BASE}/flag`, () =>
          HttpResponse.text(text, { headers: { 'content-type': 'application/json' } }),
        ),
      )
      await expect(client.json({ path: '/flag' })).resolves.toBe(value)
    }
  })
})

describe('HttpClient: abort and timeout', () => {
  it('rejects with AbortError when the signal fires during a request, without retrying', async () => {
    const { seen, resolver } = sequence(async () => {
      await delay(2_000)
      return ok()
    })
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    const controller = new AbortController()
    const retries: RetryEvent[] = []
    const pending = client.request(
      { path: '/status' },
      {
        signal: controller.signal,
        hooks: { onRetry: (event) => retries.push(event) },
      },
    )
    setTimeout(() => controller.abort(), 20)
    const started = Date.now()
    const error = await rejectionOf(pending)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(error).toBeInstanceOf(AbortError)
    expect(error.name).toBe('AbortError')
    expect(error.code).toBe('aborted')
    expect(seen).toHaveLength(1)
    expect(retries).toEqual([])
    expect(clock.sleeps).toEqual([])
  })

  it('sends nothing when the signal has already fired', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client } = makeClient()
    const error = await rejectionOf(
      client.request({ path: '/status' }, { signal: AbortSignal.abort() }),
    )
    expect(error.name).toBe('AbortError')
    expect(seen).toHaveLength(0)
  })

  it('rethrows an atelier error used as the abort reason, without retrying', async () => {
    const { seen, resolver } = sequence(async () => {
      await delay(2_000)
      return ok()
    })
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    const controller = new AbortController()
    const deadline = new TimeoutError('job deadline passed', { timeoutMs: 10 })
    const retries: RetryEvent[] = []
    const pending = client.request(
      { path: '/status' },
      { signal: controller.signal, hooks: { onRetry: (event) => retries.push(event) } },
    )
    setTimeout(() => controller.abort(deadline), 20)
    expect(await rejectionOf(pending)).toBe(deadline)
    expect(seen).toHaveLength(1)
    expect(retries).toEqual([])
    expect(clock.sleeps).toEqual([])
  })

  it('aborts a retry sleep when the signal fires', async () => {
    const { seen, resolver } = sequence(() => HttpResponse.json({}, { status: 503 }))
    server.use(http.get(`${BASE}/status`, resolver))
    const controller = new AbortController()
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new AbortError()), { once: true })
          controller.abort()
        }),
    }
    const client = new HttpClient({ provider: 'acme', baseUrl: BASE, clock })
    const error = await rejectionOf(
      client.request({ path: '/status' }, { signal: controller.signal }),
    )
    expect(error.name).toBe('AbortError')
    expect(seen).toHaveLength(1)
  })

  it('turns the per-request timeout into a TimeoutError', async () => {
    const { seen, resolver } = sequence(async () => {
      await delay(250)
      return ok()
    })
    server.use(http.get(`${BASE}/slow`, resolver))
    const { client } = makeClient({ retry: { limit: 0 } })
    const started = Date.now()
    const error = await rejectionOf(client.request({ path: '/slow', timeoutMs: 40 }))
    expect(Date.now() - started).toBeLessThan(240)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.code).toBe('timeout')
    expect(error.message).toContain('/slow')
    expect(seen).toHaveLength(1)
  })

  it('retries a read after a timeout', async () => {
    const { seen, resolver } = sequence(async () => {
      await delay(250)
      return ok()
    }, ok)
    server.use(http.get(`${BASE}/slow`, resolver))
    const { client, clock } = makeClient({ timeoutMs: 40 })
    await expect(client.json({ path: '/slow' })).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([500])
  })
})

describe('HttpClient: bodies cut short or stalled', () => {
  /** An OK JSON answer whose body breaks off after its first bytes, as a reset connection does. */
  const cutShort = () =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status":"compl'))
          controller.error(new Error('socket hang up'))
        },
      }),
      { headers: { 'content-type': 'application/json' } },
    )
  /** An OK answer whose body sends a few bytes, then nothing more. */
  const stalled = () =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"status":'))
        },
      }),
      { headers: { 'content-type': 'application/json' } },
    )

  it('retries a read whose body was cut short, and returns the second answer', async () => {
    const { seen, resolver } = sequence(cutShort, ok)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client, clock } = makeClient()
    await expect(client.json({ path: '/status' })).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(2)
    expect(clock.sleeps).toEqual([500])
  })

  it('never resubmits when the answer to a submit was cut short: the job may exist', async () => {
    const { seen, resolver } = sequence(cutShort, ok)
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient()
    const error = await rejectionOf(
      client.json({ path: '/video/generate', json: {}, kind: 'submit' }),
    )
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toContain('cut short')
    expect(seen).toHaveLength(1)
  })

  it('times out a JSON body that stops arriving, with a TimeoutError (not a cut)', async () => {
    const { seen, resolver } = sequence(stalled)
    server.use(http.get(`${BASE}/status`, resolver))
    const { client } = makeClient({ timeoutMs: 40, retry: { limit: 0 } })
    const error = await rejectionOf(client.json({ path: '/status' }))
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('40 ms')
    expect(seen).toHaveLength(1)
  })

  it('follows a 302 after a POST with a GET, without the body', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(
      http.post(
        `${BASE}/upload`,
        () => new HttpResponse(null, { status: 302, headers: { location: `${BASE}/uploaded` } }),
      ),
      http.get(`${BASE}/uploaded`, resolver),
    )
    const { client } = makeClient()
    await expect(client.json({ path: '/upload', json: { a: 1 } })).resolves.toEqual({ ok: true })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.method).toBe('GET')
    expect(seen[0]!.body).toBe('')
  })
})

describe('HttpClient: hooks', () => {
  it('reports requests with redacted headers and URLs, and responses with status and request id', async () => {
    const { resolver } = sequence(
      () => HttpResponse.json({}, { status: 503 }),
      () => HttpResponse.json({ ok: true }, { headers: { 'x-request-id': 'rid-7' } }),
    )
    server.use(http.post(`${BASE}/video/generate`, resolver))
    const { client } = makeClient({
      auth: bearerAuth('sk-hook-secret-1'),
      headers: { 'X-Tenant': 'tenant-1', 'X-Echo': 'prefix sk-hook-secret-1' },
    })
    const requests: RequestEvent[] = []
    const responses: ResponseEvent[] = []
    await client.request(
      {
        path: '/video/generate',
        query: { key: 'url-secret-5' },
        json: {},
        kind: 'submit',
        idempotencyKey: 'idem-1',
      },
      {
        hooks: {
          onRequest: (event) => requests.push(event),
          onResponse: (event) => responses.push(event),
        },
      },
    )
    expect(requests.map((event) => event.attempt)).toEqual([1, 2])
    for (const event of requests) {
      expect(event).toMatchObject({
        provider: 'acme',
        method: 'POST',
        kind: 'submit',
        idempotencyKey: 'idem-1',
      })
      expect(event.headers.authorization).toBe('[redacted]')
      expect(event.headers['x-tenant']).toBe('tenant-1')
      expect(event.headers['x-echo']).toBe('prefix [redacted]')
      expect(event.url).toBe(`${BASE}/video/generate?key=[redacted]`)
      expect(JSON.stringify(event)).not.toContain('sk-hook-secret-1')
      expect(JSON.stringify(event)).not.toContain('url-secret-5')
    }
    expect(responses.map((event) => [event.attempt, event.status])).toEqual([
      [1, 503],
      [2, 200],
    ])
    expect(responses[1]!.requestId).toBe('rid-7')
    expect(responses[0]!.requestId).toBeUndefined()
  })

  it('masks X-API-Key and custom auth headers in hook payloads', async () => {
    server.use(http.get(`${BASE}/me`, ok))
    const requests: RequestEvent[] = []
    const { client } = makeClient({ auth: headerAuth('X-API-Key', 'key-hook-2') })
    await client.request({ path: '/me' }, { hooks: { onRequest: (event) => requests.push(event) } })
    expect(requests[0]!.headers['x-api-key']).toBe('[redacted]')

    const custom = makeClient({ auth: headerAuth('X-Acme-Token', 'acme-token-3') }).client
    await custom.request({ path: '/me' }, { hooks: { onRequest: (event) => requests.push(event) } })
    expect(requests[1]!.headers['x-acme-token']).toBe('[redacted]')
  })

  it('ignores a hook that throws', async () => {
    server.use(http.get(`${BASE}/me`, ok))
    const { client } = makeClient()
    const hooks = {
      onRequest: () => {
        throw new Error('logger broke')
      },
      onResponse: () => {
        throw new Error('logger broke')
      },
    }
    await expect(client.json({ path: '/me' }, { hooks })).resolves.toEqual({ ok: true })
  })
})

describe('HttpClient: downloader', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])

  it('sends credentials to the API origin only', async () => {
    const api = sequence(() => new HttpResponse(png))
    const cdn = sequence(() => new HttpResponse(png))
    server.use(
      http.get(`${BASE}/files/a.png`, api.resolver),
      http.get(`${OTHER}/a.png`, cdn.resolver),
    )
    const { client } = makeClient({
      auth: bearerAuth('sk-dl-secret'),
      headers: { 'X-Tenant': 'tenant-1' },
    })
    const download = client.downloader()

    const own = await download(`${BASE}/files/a.png`, {})
    expect(new Uint8Array(await own.arrayBuffer())).toEqual(png)
    expect(api.seen[0]!.headers.get('authorization')).toBe('Bearer sk-dl-secret')
    expect(api.seen[0]!.headers.get('x-tenant')).toBe('tenant-1')

    const foreign = await download(`${OTHER}/a.png`, {})
    expect(new Uint8Array(await foreign.arrayBuffer())).toEqual(png)
    expect(cdn.seen[0]!.headers.has('authorization')).toBe(false)
    expect(cdn.seen[0]!.headers.has('x-tenant')).toBe(false)
  })

  it('drops credentials on a redirect to another origin', async () => {
    for (const auth of [bearerAuth('sk-dl-secret'), headerAuth('X-API-Key', 'key-dl-secret')]) {
      const api = sequence(
        () =>
          new HttpResponse(null, {
            status: 302,
            headers: { Location: `${OTHER}/signed/a.png?sig=abc` },
          }),
      )
      const cdn = sequence(
        () => new HttpResponse(png, { headers: { 'content-type': 'image/png' } }),
      )
      server.use(
        http.get(`${BASE}/files/a.png`, api.resolver),
        http.get(`${OTHER}/signed/a.png`, cdn.resolver),
      )
      const { client } = makeClient({ auth })
      const file = MediaFile.fromUrl(`${BASE}/files/a.png`, { download: client.downloader() })
      expect(await file.bytes()).toEqual(png)
      expect(api.seen).toHaveLength(1)
      expect(
        api.seen[0]!.headers.get('authorization') ?? api.seen[0]!.headers.get('x-api-key'),
      ).toMatch(/secret/)
      expect(cdn.seen).toHaveLength(1)
      expect(cdn.seen[0]!.url.searchParams.get('sig')).toBe('abc')
      expect(cdn.seen[0]!.headers.has('authorization')).toBe(false)
      expect(cdn.seen[0]!.headers.has('x-api-key')).toBe(false)
    }
  })

  it('keeps credentials on a redirect within the API origin', async () => {
    const first = sequence(
      () => new HttpResponse(null, { status: 307, headers: { Location: '/v1/files/b.png' } }),
    )
    const second = sequence(() => new HttpResponse(png))
    server.use(
      http.get(`${BASE}/files/a.png`, first.resolver),
      http.get(`${BASE}/files/b.png`, second.resolver),
    )
    const { client } = makeClient({ auth: bearerAuth('sk-dl-secret') })
    const response = await client.downloader()(`${BASE}/files/a.png`, {})
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png)
    expect(second.seen[0]!.headers.get('authorization')).toBe('Bearer sk-dl-secret')
  })

  it('turns a failed download into a ProviderError', async () => {
    server.use(
      http.get(`${OTHER}/missing.png`, () => HttpResponse.text('not found', { status: 404 })),
    )
    const { client } = makeClient()
    const error = (await rejectionOf(
      client.downloader()(`${OTHER}/missing.png`, {}),
    )) as ProviderError
    expect(error).toBeInstanceOf(ProviderError)
    expect(error.status).toBe(404)
    expect(error.body).toBe('not found')
  })
})

describe('pathOf and encodePathSegment', () => {
  it('encodes each interpolated value as one segment', () => {
    expect(pathOf`/jobs/${'a/b?c=1#d'}/status`).toBe('/jobs/a%2Fb%3Fc%3D1%23d/status')
    expect(pathOf`/jobs/${42}`).toBe('/jobs/42')
    expect(pathOf`/files/${'100%'}`).toBe('/files/100%25')
    expect(pathOf`/plain`).toBe('/plain')
    expect(encodePathSegment('...')).toBe('...')
    expect(encodePathSegment('a.b')).toBe('a.b')
  })

  it.each(['..', '.', '%2e%2e', '%2E%2E', '.%2e', '%2e', ''])('refuses the segment %j', (value) => {
    let thrown: unknown
    try {
      pathOf`/jobs/${value}`
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    expect((thrown as ValidationError).issues[0]).toMatchObject({
      path: ['id'],
      rule: 'path_segment',
    })
  })

  it('names the field it was given', () => {
    expect(() => encodePathSegment('..', 'jobId')).toThrow(ValidationError)
    try {
      encodePathSegment('', 'jobId')
    } catch (error) {
      expect((error as ValidationError).field).toBe('jobId')
    }
  })

  it('keeps a hostile id inside one segment of the request URL', async () => {
    const { seen, resolver } = sequence(ok)
    server.use(http.get(`${BASE}/jobs/*`, resolver))
    const { client } = makeClient()
    await client.request({ path: pathOf`/jobs/${'x/../../admin?delete=1'}` })
    expect(seen[0]!.url.pathname).toBe('/v1/jobs/x%2F..%2F..%2Fadmin%3Fdelete%3D1')
    expect(seen[0]!.url.search).toBe('')
  })
})
