/**
 * `withFaults`: the same seed injects the same faults, each kind of fault really happens on a
 * real socket (and says whether the emulator saw the request), and the submission ledger
 * tells paid work created twice from a repeat the emulator recognised.
 */
import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'
import {
  classifyRequest,
  DEFAULT_FAULT_RATES,
  FAULT_KINDS,
  type FaultKind,
  type FetchHandler,
  type RunningServer,
  serve,
  withFaults,
} from '../src'

/** A toy provider: each submit creates a job (or, with `dedupe`, replays the key's job). */
function toyEmulator(options: { dedupe?: boolean } = {}) {
  const seen: string[] = []
  const jobsByKey = new Map<string, string>()
  let counter = 0
  const handler: FetchHandler = async (request) => {
    const path = new URL(request.url).pathname
    seen.push(`${request.method} ${path}`)
    if (request.method === 'POST') {
      await request.text()
      const key = request.headers.get('idempotency-key')
      const earlier = options.dedupe && key ? jobsByKey.get(key) : undefined
      const id = earlier ?? `job-${++counter}`
      if (key) jobsByKey.set(key, id)
      return Response.json({ data: { task_id: id, status: 'queued' } }, { status: 202 })
    }
    return Response.json({ status: 'running', padding: 'x'.repeat(200) })
  }
  return { handler, seen }
}

const only = (kind: FaultKind) =>
  Object.fromEntries(FAULT_KINDS.map((other) => [other, other === kind ? 1 : 0]))

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function served(handler: FetchHandler) {
  const server = await serve(handler)
  servers.push(server)
  return server
}

/** What a request met: a status, or `reset`. Runs the handler directly, without a socket. */
async function outcome(handler: FetchHandler, path: string): Promise<string> {
  const response = await handler(new Request(`http://emulator.test${path}`))
  if (response.type === 'error') return 'reset'
  const fault = response.headers.get('x-injected-fault')
  await response.body?.cancel()
  return fault ? `${fault} ${response.status}` : String(response.status)
}

describe('withFaults: deterministic per seed', () => {
  it('replays the same faults for the same seed and requests, and others for another seed', async () => {
    // Hangs would wait for a client; here every other kind is drawn, at high rates.
    const rates = { serverError: 0.2, reset: 0.2, rateLimit: 0.2, truncate: 0.2, hang: 0 }
    const run = async (seed: number) => {
      const faults = withFaults(toyEmulator().handler, { seed, rates })
      const outcomes: string[] = []
      for (let index = 0; index < 300; index++)
        outcomes.push(await outcome(faults.handler, `/status/${index}`))
      return { outcomes, byKind: faults.byKind() }
    }
    const first = await run(7)
    const again = await run(7)
    const other = await run(8)
    expect(again.outcomes).toEqual(first.outcomes)
    expect(other.outcomes).not.toEqual(first.outcomes)
    // Every kind drawn, and the counts are what the requests met.
    for (const kind of ['serverError', 'reset', 'rateLimit', 'truncate'] as const) {
      expect(first.byKind[kind]).toBeGreaterThan(30)
      expect(first.outcomes.filter((entry) => entry.split(' ')[0] === kind)).toHaveLength(
        first.byKind[kind],
      )
    }
  })

  it('injects the default mix at its rates (10/5/3/2/1 %)', async () => {
    const faults = withFaults(toyEmulator().handler, { seed: 3, rates: { hang: 0 } })
    const requests = 20_000
    for (let index = 0; index < requests; index++) await outcome(faults.handler, '/status/1')
    const byKind = faults.byKind()
    for (const kind of ['serverError', 'reset', 'rateLimit', 'truncate'] as const) {
      expect(Math.abs(byKind[kind] / requests - DEFAULT_FAULT_RATES[kind])).toBeLessThan(0.006)
    }
    expect(faults.counts.requests.status).toBe(requests)
    expect(faults.counts.injected.status.serverError).toBe(byKind.serverError)
    expect(faults.total).toBe(Object.values(byKind).reduce((sum, count) => sum + count, 0))
  })

  it('refuses rates that cannot be shares', () => {
    expect(() => withFaults(toyEmulator().handler, { rates: { serverError: 1.5 } })).toThrow(
      RangeError,
    )
    expect(() =>
      withFaults(toyEmulator().handler, { rates: { serverError: 0.6, reset: 0.6 } }),
    ).toThrow(/add up/)
  })
})

describe('withFaults: every kind happens on a real socket', () => {
  it('answers 5xx itself; the emulator never sees the request', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('serverError') })
    const server = await served(faults.handler)
    const statuses = new Set<number>()
    for (let index = 0; index < 40; index++) {
      const response = await fetch(`${server.url}/status/1`)
      statuses.add(response.status)
      await response.text()
    }
    expect([...statuses].sort()).toEqual([500, 502, 503, 504])
    expect(toy.seen).toHaveLength(0)
    expect(faults.counts.injected.status.serverError).toBe(40)
  })

  it('drops the connection without an answer (reset); the emulator never sees the request', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('reset') })
    const server = await served(faults.handler)
    await expect(
      fetch(`${server.url}/submit`, {
        method: 'POST',
        headers: { 'idempotency-key': 'k1' },
        body: '{}',
      }),
    ).rejects.toThrow(TypeError)
    expect(toy.seen).toHaveLength(0)
    expect(faults.ledger.records).toHaveLength(0)
    expect(faults.counts.injected.submit.reset).toBe(1)
  })

  it('drops the connection after the emulator took the request, with resetAfterForward', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('reset'), resetAfterForward: true })
    const server = await served(faults.handler)
    await expect(
      fetch(`${server.url}/submit`, {
        method: 'POST',
        headers: { 'idempotency-key': 'k1' },
        body: '{}',
      }),
    ).rejects.toThrow(TypeError)
    expect(toy.seen).toEqual(['POST /submit'])
    expect(faults.ledger.records).toMatchObject([{ key: 'k1', jobId: 'job-1', fault: 'reset' }])
  })

  it('answers 429 with a small Retry-After', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('rateLimit') })
    const server = await served(faults.handler)
    for (let index = 0; index < 10; index++) {
      const response = await fetch(`${server.url}/result/1`)
      expect(response.status).toBe(429)
      expect(['0', '1']).toContain(response.headers.get('retry-after'))
      await response.text()
    }
    expect(toy.seen).toHaveLength(0)
    expect(faults.counts.injected.result.rateLimit).toBe(10)
  })

  it('cuts a body short after the headers; the emulator did the work', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('truncate') })
    const server = await served(faults.handler)
    const response = await fetch(`${server.url}/submit`, {
      method: 'POST',
      headers: { 'idempotency-key': 'k1' },
      body: '{}',
    })
    expect(response.status).toBe(202)
    await expect(response.text()).rejects.toThrow()
    expect(toy.seen).toEqual(['POST /submit'])
    expect(faults.ledger.records).toMatchObject([
      { key: 'k1', status: 202, jobId: 'job-1', fault: 'truncate' },
    ])
  })

  it('never answers (hang) until the client gives up; the emulator did the work', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('hang') })
    const server = await served(faults.handler)
    const started = performance.now()
    await expect(
      fetch(`${server.url}/download/1`, { signal: AbortSignal.timeout(150) }),
    ).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    expect(toy.seen).toEqual(['GET /download/1'])
    expect(faults.counts.injected.download.hang).toBe(1)
  })

  it('lets a hang go when asked (releaseHangs), as a dropped connection', async () => {
    const faults = withFaults(toyEmulator().handler, { rates: only('hang') })
    const server = await served(faults.handler)
    const pending = fetch(`${server.url}/status/1`)
    // Wait until the wrapper holds the answer, then release it.
    while (faults.counts.injected.status.hang === 0)
      await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 20))
    faults.releaseHangs()
    await expect(pending).rejects.toThrow(TypeError)
  })

  it('passes everything through when disabled', async () => {
    const toy = toyEmulator()
    const faults = withFaults(toy.handler, { rates: only('serverError') })
    faults.enabled = false
    const server = await served(faults.handler)
    const response = await fetch(`${server.url}/status/1`)
    expect(response.status).toBe(200)
    await response.text()
    expect(faults.total).toBe(0)
  })
})

describe('withFaults under msw', () => {
  it('injects resets, truncated bodies and hangs into a mocked fetch as well', async () => {
    const toy = toyEmulator()
    const injectors = new Map(
      (['reset', 'truncate', 'hang'] as const).map((kind) => [
        kind,
        withFaults(toy.handler, { rates: only(kind) }),
      ]),
    )
    // The path names the fault, so each request meets the one under test.
    const server = setupServer(
      http.all('http://emulator.test/:kind/*', ({ request, params }) =>
        injectors.get(params.kind as 'reset')!.handler(request),
      ),
    )
    server.listen({ onUnhandledRequest: 'error' })
    try {
      await expect(fetch('http://emulator.test/reset/status/1')).rejects.toThrow(TypeError)
      const response = await fetch('http://emulator.test/truncate/status/1')
      expect(response.status).toBe(200)
      await expect(response.text()).rejects.toThrow()
      await expect(
        fetch('http://emulator.test/hang/status/1', { signal: AbortSignal.timeout(100) }),
      ).rejects.toMatchObject({ name: 'TimeoutError' })
      expect([...injectors.values()].map((injector) => injector.total)).toEqual([1, 1, 1])
      // The emulator saw the truncated and the hung request, not the reset one.
      expect(toy.seen).toEqual(['GET /truncate/status/1', 'GET /hang/status/1'])
    } finally {
      server.close()
    }
  })
})

describe('withFaults: the submission ledger', () => {
  const submit = async (handler: FetchHandler, key: string, job: string) => {
    const response = await handler(
      new Request('http://emulator.test/submit', {
        method: 'POST',
        headers: { 'idempotency-key': key },
        body: JSON.stringify({ prompt: `soak-job-${job}` }),
      }),
    )
    return response.text()
  }
  const logicalJobOf = (body: string) => /soak-job-(\w+)/.exec(body)?.[1]

  it('reports a key the emulator turned into two jobs', async () => {
    const faults = withFaults(toyEmulator().handler, { rates: only('serverError'), logicalJobOf })
    faults.enabled = false
    await submit(faults.handler, 'k1', 'a')
    await submit(faults.handler, 'k1', 'a')
    await submit(faults.handler, 'k2', 'b')
    expect(faults.ledger.countsByKey()).toEqual(
      new Map([
        ['k1', 2],
        ['k2', 1],
      ]),
    )
    expect(faults.ledger.duplicates()).toMatchObject([
      { by: 'logicalJob', id: 'a', submissions: [{ jobId: 'job-1' }, { jobId: 'job-2' }] },
    ])
  })

  it('does not count a repeat the emulator answered with the first job (dedupe by key)', async () => {
    const faults = withFaults(toyEmulator({ dedupe: true }).handler, { logicalJobOf })
    faults.enabled = false
    await submit(faults.handler, 'k1', 'a')
    await submit(faults.handler, 'k1', 'a')
    expect(faults.ledger.countsByKey().get('k1')).toBe(2)
    expect(faults.ledger.duplicates()).toEqual([])
  })

  it('reports one logical job submitted under two keys', async () => {
    const faults = withFaults(toyEmulator({ dedupe: true }).handler, { logicalJobOf })
    faults.enabled = false
    await submit(faults.handler, 'k1', 'a')
    await submit(faults.handler, 'k2', 'a')
    expect(faults.ledger.duplicates()).toMatchObject([{ by: 'logicalJob', id: 'a' }])
  })
})

describe('classifyRequest', () => {
  it('tells submits, status reads, results and downloads of the five emulators apart', () => {
    const classOf = (method: string, path: string, headers: Record<string, string> = {}) =>
      classifyRequest(new Request(`http://e.test${path}`, { method, headers }))
    expect(classOf('POST', '/api/llm/generate-image', { 'Idempotency-Key': 'k' })).toBe('submit')
    expect(classOf('POST', '/api/llm/queue/status')).toBe('status')
    expect(classOf('POST', '/api/llm/queue/result')).toBe('result')
    expect(classOf('GET', '/v1/video/status/task_1')).toBe('status')
    expect(classOf('GET', '/files/task_1/0.png')).toBe('download')
    expect(classOf('GET', '/v1/predictions/pred_1')).toBe('status')
    expect(classOf('GET', '/api/v1/bria/status/abc')).toBe('status')
    expect(classOf('GET', '/emulator/files/abc.png')).toBe('download')
    expect(classOf('GET', '/video/download/job_1')).toBe('download')
    expect(classOf('GET', '/music/download/job_1/0')).toBe('download')
    expect(classOf('GET', '/health')).toBe('other')
  })
})
