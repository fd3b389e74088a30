/**
 * Errors a new user meets first — a server not started, a URL typed without `http://`, a
 * misspelt option, a base URL one path segment off — say what happened and what to check,
 * instead of `fetch failed` or `HTTP 404: Not Found`.
 */
import { createServer as createHttpServer, type Server } from 'node:http'
import { type AddressInfo, createServer as createTcpServer } from 'node:net'
import {
  ConnectionError,
  checkOptionNames,
  nearestName,
  type OptionNames,
  POLLING_OPTION_NAMES,
  ProviderError,
  ValidationError,
} from '@atelier/core'
import { HttpClient } from '@atelier/core/driver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../../fixtures/free-port'
import { describeConnectionFailure } from '../src/http/connection-failure'

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  )
}

const noRetry = { limit: 0 }

describe('baseUrl is checked when the client is created', () => {
  const cases: [string, RegExp][] = [
    [
      'localhost:4201',
      /has no http:\/\/ or https:\/\/ in front; did you mean "http:\/\/localhost:4201"\?/,
    ],
    ['127.0.0.1:4201', /did you mean "http:\/\/127\.0\.0\.1:4201"\?/],
    ['api.canary.example/v1', /did you mean "https:\/\/api\.canary\.example\/v1"\?/],
    ['/api', /is a path: put the server in front/],
    [
      'ws://localhost:4201',
      /uses ws:, not http: or https:; did you mean "http:\/\/localhost:4201"\?/,
    ],
    ['ftp://files.example', /uses ftp:, not http: or https:$/],
    ['https://user:pw@api.example', /holds credentials/],
    [
      'https://api.example/v1?key=1',
      /has a query or fragment.*did you mean "https:\/\/api\.example\/v1"\?/,
    ],
    ['', /is not a URL/],
  ]
  it.each(cases)('%j is refused: %s', (baseUrl, expected) => {
    let thrown: unknown
    try {
      new HttpClient({ provider: 'local', baseUrl })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    const error = thrown as ValidationError
    expect(error.field).toBe('baseUrl')
    expect(error.provider).toBe('local')
    expect(error.issues[0]!.message).toMatch(expected)
    expect(error.message).toContain(`local: baseUrl ${JSON.stringify(baseUrl)}`)
  })

  it('a baseUrl that is not a string is refused too (plain JavaScript)', () => {
    expect(() => new HttpClient({ provider: 'local', baseUrl: 4201 as unknown as string })).toThrow(
      /baseUrl 4201 is not a URL/,
    )
  })

  it('keeps a good URL, without its trailing slash', () => {
    expect(
      new HttpClient({ provider: 'local', baseUrl: ' http://localhost:4201/api/ ' }).baseUrl,
    ).toBe('http://localhost:4201/api')
  })
})

describe('connection errors say the reason, on real sockets', () => {
  it('a refused connection names the code, the address and asks whether the server runs there', async () => {
    const port = await freePort()
    const client = new HttpClient({
      provider: 'local',
      baseUrl: `http://127.0.0.1:${port}`,
      serverName: 'the Silly Media sidecar',
      retry: noRetry,
    })
    const error = await rejectionOf(client.request({ path: '/models' }))
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).networkCode).toBe('ECONNREFUSED')
    expect(error.message).toBe(
      `local: could not reach http://127.0.0.1:${port}/models: connection refused (ECONNREFUSED 127.0.0.1:${port}). ` +
        `Nothing is listening there: is the Silly Media sidecar running at http://127.0.0.1:${port}? Start it, or set baseUrl to where it listens.`,
    )
    expect((error as ConnectionError).toJSON()).toMatchObject({ networkCode: 'ECONNREFUSED' })
  })

  it('a host that does not resolve says so and points at the host name in baseUrl', async () => {
    const client = new HttpClient({
      provider: 'canary',
      baseUrl: 'http://no-such-host.invalid',
      retry: noRetry,
    })
    const error = await rejectionOf(client.request({ path: '/api/models' }))
    expect(error).toBeInstanceOf(ConnectionError)
    // ENOTFOUND where DNS answers; EAI_AGAIN where there is none at all.
    expect((error as ConnectionError).networkCode).toMatch(/^(?:ENOTFOUND|EAI_AGAIN)$/)
    expect(error.message).toMatch(
      /could not reach http:\/\/no-such-host\.invalid\/api\/models: (?:host not found|DNS lookup failed for now) \((?:ENOTFOUND|EAI_AGAIN) no-such-host\.invalid\)/,
    )
  })

  describe('servers that misbehave', () => {
    let http: Server
    let httpPort: number
    let dropper: ReturnType<typeof createTcpServer>
    let dropperPort: number
    beforeAll(async () => {
      http = createHttpServer((request, response) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname
        response.setHeader('content-type', 'application/json')
        if (path === '/api/health' && request.method === 'GET') {
          response.end('{"status":"ok"}')
          return
        }
        if (path === '/api/health') {
          response.statusCode = 405
          response.end('{"detail":"Method Not Allowed"}')
          return
        }
        response.statusCode = 404
        // A resource the route knows to be missing, and FastAPI's answer to a route it lacks.
        response.end(
          path === '/api/jobs/abc' ? '{"detail":"Job not found"}' : '{"detail":"Not Found"}',
        )
      })
      httpPort = await listen(http)
      dropper = createTcpServer((socket) => socket.destroy())
      dropperPort = await listen(dropper)
    })
    afterAll(async () => {
      await new Promise((resolve) => http.close(resolve))
      await new Promise((resolve) => dropper.close(resolve))
    })

    it('https:// to a plain HTTP server is a TLS failure that suggests http://', async () => {
      const client = new HttpClient({
        provider: 'local',
        baseUrl: `https://127.0.0.1:${httpPort}`,
        retry: noRetry,
      })
      const error = await rejectionOf(client.request({ path: '/api/health' }))
      expect(error).toBeInstanceOf(ConnectionError)
      expect(error.message).toContain('TLS handshake failed (ERR_SSL_WRONG_VERSION_NUMBER')
      expect(error.message).toContain(
        `Does 127.0.0.1:${httpPort} speak plain HTTP? Then use http://127.0.0.1:${httpPort} in baseUrl.`,
      )
    })

    it('a connection dropped before any answer says it was closed', async () => {
      const client = new HttpClient({
        provider: 'local',
        baseUrl: `http://127.0.0.1:${dropperPort}`,
        retry: noRetry,
      })
      const error = await rejectionOf(client.request({ path: '/api/health' }))
      expect(error).toBeInstanceOf(ConnectionError)
      expect(error.message).toMatch(
        /the connection was closed before an answer \((?:UND_ERR_SOCKET|ECONNRESET)/,
      )
    })

    it('a 404 on a route the server lacks names the route and the base URL, and suspects the base URL', async () => {
      // One path segment off: the API lives under /api, the base URL left it out.
      const client = new HttpClient({
        provider: 'local',
        baseUrl: `http://127.0.0.1:${httpPort}`,
        retry: noRetry,
      })
      const error = await rejectionOf(client.request({ path: '/health' }))
      expect(error).toBeInstanceOf(ProviderError)
      expect((error as ProviderError).status).toBe(404)
      expect(error.message).toBe(
        `local answered HTTP 404 on GET /health (base URL http://127.0.0.1:${httpPort}): Not Found. ` +
          'The server there has no such route: is baseUrl the root of the local API (no path missing or added), and is it that server on that port?',
      )
    })

    it('a 404 naming a missing resource keeps its own words, without the base-URL hint', async () => {
      const client = new HttpClient({
        provider: 'local',
        baseUrl: `http://127.0.0.1:${httpPort}/api`,
        retry: noRetry,
      })
      const error = await rejectionOf(client.request({ path: '/jobs/abc', query: { verbose: 1 } }))
      expect(error.message).toBe(
        `local answered HTTP 404 on GET /jobs/abc (base URL http://127.0.0.1:${httpPort}/api): Job not found`,
      )
    })

    it('a 405 says the path exists but not for that method', async () => {
      const client = new HttpClient({
        provider: 'local',
        baseUrl: `http://127.0.0.1:${httpPort}/api`,
        retry: noRetry,
      })
      const error = await rejectionOf(client.request({ method: 'DELETE', path: '/health' }))
      expect((error as ProviderError).status).toBe(405)
      expect(error.message).toContain('on DELETE /health')
      expect(error.message).toContain('has this path but not for DELETE')
    })
  })
})

describe('describeConnectionFailure reads every runtime', () => {
  const target = {
    url: 'https://api.example/v1/x',
    baseUrl: 'https://api.example/v1',
    serverName: undefined,
  }
  const fetchFailed = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause })

  it('an untrusted certificate names the code and NODE_EXTRA_CA_CERTS', () => {
    const failure = describeConnectionFailure(
      fetchFailed(
        Object.assign(new Error('self-signed certificate'), {
          code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
        }),
      ),
      target,
    )
    expect(failure.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
    expect(failure.reason).toBe(
      'TLS certificate refused: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT api.example)',
    )
    expect(failure.hint).toContain('NODE_EXTRA_CA_CERTS')
  })

  it('a dual-stack refusal (AggregateError) reads its first address', () => {
    const both = new AggregateError([
      Object.assign(new Error('connect ECONNREFUSED ::1:4201'), {
        code: 'ECONNREFUSED',
        address: '::1',
        port: 4201,
      }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4201'), {
        code: 'ECONNREFUSED',
        address: '127.0.0.1',
        port: 4201,
      }),
    ])
    const failure = describeConnectionFailure(fetchFailed(both), target)
    expect(failure.reason).toBe('connection refused (ECONNREFUSED ::1:4201)')
  })

  it("Bun's ConnectionRefused and Deno's words are refusals too", () => {
    const bun = describeConnectionFailure(
      Object.assign(new Error('Unable to connect. Is the computer able to access the url?'), {
        code: 'ConnectionRefused',
      }),
      target,
    )
    expect(bun.reason).toBe('connection refused (ConnectionRefused api.example)')
    const deno = describeConnectionFailure(
      new TypeError('error sending request: tcp connect error: Connection refused (os error 111)'),
      target,
    )
    expect(deno.reason).toBe('connection refused (api.example)')
    expect(deno.hint).toContain('is the server running at https://api.example/v1?')
  })

  it('a browser, which gives no reason, gets the candidates and the network panel', () => {
    const failure = describeConnectionFailure(new TypeError('Failed to fetch'), target)
    expect(failure.reason).toContain(
      'the browser gives no reason (a refused connection, DNS, TLS or CORS)',
    )
    expect(failure.hint).toContain('network panel')
  })

  it('a download from another origin gets no baseUrl advice', () => {
    const failure = describeConnectionFailure(
      fetchFailed(
        Object.assign(new Error('getaddrinfo ENOTFOUND cdn.example'), {
          code: 'ENOTFOUND',
          hostname: 'cdn.example',
        }),
      ),
      { url: 'https://cdn.example/out.png', baseUrl: undefined, serverName: undefined },
    )
    expect(failure.reason).toBe('host not found (ENOTFOUND cdn.example)')
    expect(failure.hint).toBe("Check the host name and this machine's DNS.")
  })
})

describe('checkOptionNames', () => {
  interface Options {
    baseUrl?: string
    timeoutMs?: number
    providers?: unknown[]
  }
  const names = {
    baseUrl: true,
    timeoutMs: true,
    providers: true,
  } as const satisfies OptionNames<Options>

  it('passes known names and no options at all', () => {
    expect(() =>
      checkOptionNames('x()', { baseUrl: 'http://h', timeoutMs: 1 }, names),
    ).not.toThrow()
    expect(() => checkOptionNames('x()', undefined, names)).not.toThrow()
  })

  it('refuses a misspelt name with the nearest one, case aside', () => {
    let thrown: unknown
    try {
      checkOptionNames('local()', { baseURL: 'http://h', provider: [] }, names)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ValidationError)
    const error = thrown as ValidationError
    expect(error.message).toBe(
      'local(): unknown options "baseURL" (did you mean "baseUrl"?), "provider" (did you mean "providers"?)',
    )
    expect(error.issues).toEqual([
      {
        path: ['baseURL'],
        message: 'is not an option of local(); did you mean "baseUrl"?',
        rule: 'unknown_option',
      },
      {
        path: ['provider'],
        message: 'is not an option of local(); did you mean "providers"?',
        rule: 'unknown_option',
      },
    ])
  })

  it('lists what it takes when nothing is close', () => {
    expect(() => checkOptionNames('local()', { gpu: 1 }, names)).toThrow(
      'local(): unknown option "gpu"; it takes baseUrl, timeoutMs, providers',
    )
  })

  it('names nested options by their path', () => {
    expect(() =>
      checkOptionNames('createAtelier()', { maxInterval: 5 }, POLLING_OPTION_NAMES, ['polling']),
    ).toThrow(
      'createAtelier(): unknown option "polling.maxInterval" (did you mean "maxIntervalMs"?)',
    )
  })

  it('refuses a string where options belong, and shows the object for a URL', () => {
    expect(() => checkOptionNames('local()', 'http://localhost:4201', names)).toThrow(
      'local(): options must be an object (got "http://localhost:4201"); for a URL, pass { baseUrl: "http://localhost:4201" }',
    )
  })

  it('nearestName gives nothing on a tie or when far', () => {
    expect(nearestName('timeout', ['timeoutMs', 'baseUrl'])).toBe('timeoutMs')
    expect(nearestName('ab', ['ac', 'ad'])).toBeUndefined()
    expect(nearestName('zzzzzz', ['baseUrl'])).toBeUndefined()
  })
})
