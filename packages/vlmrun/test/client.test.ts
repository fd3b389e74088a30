/**
 * VlmRunClient against msw: every endpoint (method, path, headers, body, parsed answer),
 * validation before sending, typed responses, error mapping, and the coverage check.
 */
import { type Clock, ProviderError, ResponseShapeError, ValidationError } from '@atelier/core'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as zc from 'zod'
import * as z from 'zod/mini'
import {
  DOMAINS,
  ENDPOINTS,
  type ImageGenerateRequest,
  imageEntry,
  toJsonSchema,
  VLMRUN_DEFAULT_BASE_URL,
  withParsedResponse,
} from '../src'
import { VlmRunClient, type VlmRunClientOptions } from '../src/client'

const BASE = 'https://api.vlm.test'
const KEY = 'vlm-client-test-key'

const server = setupServer()
const hits = new Set<string>()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const TEMPLATES = ENDPOINTS.map((endpoint) => ({
  key: `${endpoint.method} ${endpoint.path}`,
  method: endpoint.method,
  pattern: new RegExp(`^${endpoint.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

interface Captured {
  method: string
  url: URL
  headers: Headers
  json: unknown
}

function route(
  method: 'GET' | 'POST',
  path: string,
  respond: (request: Request) => Response | Promise<Response>,
): Captured[] {
  const calls: Captured[] = []
  server.use(
    (method === 'GET' ? http.get : http.post)(`${BASE}${path}`, async ({ request }) => {
      const url = new URL(request.url)
      const template = TEMPLATES.find(
        (item) => item.method === request.method && item.pattern.test(url.pathname),
      )
      if (template) hits.add(template.key)
      const text = await request.clone().text()
      calls.push({
        method: request.method,
        url,
        headers: request.headers,
        json: text ? JSON.parse(text) : undefined,
      })
      return respond(request)
    }),
  )
  return calls
}

function makeClient(options: VlmRunClientOptions = {}): VlmRunClient {
  return new VlmRunClient({ apiKey: KEY, baseUrl: BASE, retry: { limit: 0 }, ...options })
}

const completed = {
  usage: { elements_processed: 1, element_type: 'image', credits_used: 1 },
  id: 'pred_1',
  created_at: '2023-11-07T05:31:56Z',
  completed_at: '2023-11-07T05:31:58.123456',
  response: { invoice_id: 'INV-1', total: 10 },
  status: 'completed',
}

describe('POST /v1/image/generate', () => {
  it('sends the documented body as a submit and parses the prediction (201)', async () => {
    const calls = route('POST', '/v1/image/generate', () =>
      HttpResponse.json(completed, { status: 201 }),
    )
    const body: ImageGenerateRequest = {
      metadata: { environment: 'dev', session_id: 'session-1', allow_training: true },
      config: {
        prompt: 'Extract the invoice',
        detail: 'auto',
        json_schema: { type: 'object', properties: { total: { type: 'number' } } },
        max_retries: 3,
        max_tokens: 4096,
        temperature: 0,
        confidence: true,
        grounding: true,
      },
      id: 'my-request-1',
      created_at: '2023-11-07T05:31:56Z',
      callback_url: 'https://me.example.com/hooks/vlm',
      images: ['https://docs.example.com/invoice.jpg', 'iVBORw0KGgo='],
      model: 'vlm-1',
      domain: 'document.invoice',
      batch: false,
    }
    const prediction = await makeClient().image.generate(body)
    expect(prediction).toEqual(completed)
    expect(calls).toHaveLength(1)
    const call = calls[0]!
    expect(call.method).toBe('POST')
    expect(call.url.pathname).toBe('/v1/image/generate')
    expect(call.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(call.headers.get('content-type')).toMatch(/^application\/json/)
    expect(call.headers.get('idempotency-key')).toBeTruthy()
    expect(call.json).toEqual(body)
  })

  it('parses and types the response with a schema, and says when it does not match', async () => {
    route('POST', '/v1/image/generate', () => HttpResponse.json(completed, { status: 201 }))
    const Invoice = z.object({ invoice_id: z.string(), total: z.number() })
    const typed = await makeClient().image.generate(
      { images: ['https://e.com/a.png'], domain: 'document.invoice' },
      {},
      { schema: Invoice },
    )
    const total: number | undefined = typed.response?.total
    expect(total).toBe(10)
    const error = await makeClient()
      .image.generate(
        { images: ['https://e.com/a.png'], domain: 'document.invoice' },
        {},
        { schema: z.object({ total: z.string() }) },
      )
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).issues[0]!.path).toEqual(['total'])
  })

  it('keeps a batch answer as it is (pending, no response), and reads a missing status as pending', async () => {
    route('POST', '/v1/image/generate', () =>
      HttpResponse.json(
        { id: 'pred_2', created_at: '2023-11-07T05:31:56Z', response: null },
        { status: 201 },
      ),
    )
    const prediction = await makeClient().image.generate(
      { images: ['https://e.com/a.png'], domain: 'image.caption', batch: true },
      {},
      { schema: z.object({ caption: z.string() }) },
    )
    expect(prediction).toMatchObject({ id: 'pred_2', status: 'pending', response: null })
  })

  const cases: [string, Record<string, unknown>, string][] = [
    ['no images', { images: [], domain: 'image.caption' }, 'images'],
    [
      'an image that is neither URL nor base64',
      { images: ['C:\\a.png'], domain: 'image.caption' },
      'images.0',
    ],
    ['an unknown domain', { images: ['https://e.com/a.png'], domain: 'image.tags' }, 'domain'],
    [
      'another model',
      { images: ['https://e.com/a.png'], domain: 'image.caption', model: 'vlm-2' },
      'model',
    ],
    [
      'a callback that is not a URL',
      { images: ['https://e.com/a.png'], domain: 'image.caption', callback_url: 'hook' },
      'callback_url',
    ],
    [
      'an empty callback',
      { images: ['https://e.com/a.png'], domain: 'image.caption', callback_url: '' },
      'callback_url',
    ],
    [
      'max_tokens 0',
      { images: ['https://e.com/a.png'], domain: 'image.caption', config: { max_tokens: 0 } },
      'config.max_tokens',
    ],
    [
      'negative temperature',
      { images: ['https://e.com/a.png'], domain: 'image.caption', config: { temperature: -1 } },
      'config.temperature',
    ],
    [
      'an unknown config key',
      { images: ['https://e.com/a.png'], domain: 'image.caption', config: { top_p: 1 } },
      'config.top_p',
    ],
    [
      'allow_training as text',
      {
        images: ['https://e.com/a.png'],
        domain: 'image.caption',
        metadata: { allow_training: 'yes' },
      },
      'metadata.allow_training',
    ],
    [
      'a json_schema that is not an object',
      { images: ['https://e.com/a.png'], domain: 'image.caption', config: { json_schema: 'x' } },
      'config.json_schema',
    ],
    [
      'batch as text',
      { images: ['https://e.com/a.png'], domain: 'image.caption', batch: 'true' },
      'batch',
    ],
  ]
  for (const [name, body, field] of cases) {
    it(`${name} → ValidationError at ${field}, nothing sent`, async () => {
      const calls = route('POST', '/v1/image/generate', () =>
        HttpResponse.json(completed, { status: 201 }),
      )
      const error = await makeClient()
        .image.generate(body as never)
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).field).toBe(field)
      expect((error as Error).message).toMatch(/^POST \/v1\/image\/generate: /)
      expect(calls).toHaveLength(0)
    })
  }

  it('accepts every domain of the enum', async () => {
    const calls = route('POST', '/v1/image/generate', () =>
      HttpResponse.json(completed, { status: 201 }),
    )
    for (const domain of DOMAINS)
      await makeClient().image.generate({ images: ['https://e.com/a.png'], domain })
    expect(calls.map((call) => (call.json as { domain: string }).domain)).toEqual([...DOMAINS])
    expect(DOMAINS).toHaveLength(15)
  })

  it("FastAPI's 422 detail becomes a ValidationError with field paths; a 500 submit is not retried", async () => {
    route('POST', '/v1/image/generate', () =>
      HttpResponse.json(
        {
          detail: [
            {
              loc: ['body', 'config', 'json_schema'],
              msg: 'Invalid JSON schema',
              type: 'value_error',
            },
          ],
        },
        { status: 422 },
      ),
    )
    const error = await makeClient({ retry: { limit: 2 } })
      .image.generate({ images: ['https://e.com/a.png'], domain: 'image.caption' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]).toMatchObject({
      path: ['config', 'json_schema'],
      message: 'Invalid JSON schema',
    })
    let attempts = 0
    route('POST', '/v1/image/generate', () => {
      attempts++
      return HttpResponse.json({ detail: 'boom' }, { status: 500 })
    })
    await expect(
      makeClient({ retry: { limit: 2 } }).image.generate({
        images: ['https://e.com/a.png'],
        domain: 'image.caption',
      }),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(attempts).toBe(1)
  })
})

describe('GET /v1/predictions/{id}', () => {
  it('reads a prediction (a read call, id as one segment) with its headers', async () => {
    const calls = route('GET', '/v1/predictions/:id', () =>
      HttpResponse.json(
        { ...completed, status: 'paused', extra: 1 },
        { headers: { 'retry-after': '3' } },
      ),
    )
    const client = makeClient()
    const prediction = await client.predictions.get('pred/1')
    expect(prediction).toMatchObject({ id: 'pred_1', status: 'paused', extra: 1 })
    expect(calls[0]!.url.pathname).toBe('/v1/predictions/pred%2F1')
    expect(calls[0]!.headers.get('authorization')).toBe(`Bearer ${KEY}`)
    expect(calls[0]!.headers.get('idempotency-key')).toBeNull()
    const { headers } = await client.predictions.getWithHeaders('pred_1')
    expect(headers.get('retry-after')).toBe('3')
    await expect(client.predictions.get('..')).rejects.toBeInstanceOf(ValidationError)
  })

  it('retries a read after a 503, and maps a 404 to ProviderError', async () => {
    let reads = 0
    route('GET', '/v1/predictions/:id', () =>
      ++reads === 1
        ? HttpResponse.json({ detail: 'busy' }, { status: 503 })
        : HttpResponse.json(completed),
    )
    const clock: Clock = { now: () => 0, async sleep() {} }
    expect(
      (await makeClient({ retry: { limit: 1 }, clock }).predictions.get('pred_1')).status,
    ).toBe('completed')
    expect(reads).toBe(2)
    route('GET', '/v1/predictions/:id', () =>
      HttpResponse.json({ detail: 'Prediction not found' }, { status: 404 }),
    )
    const error = await makeClient()
      .predictions.get('nope')
      .catch((caught: unknown) => caught)
    expect((error as ProviderError).status).toBe(404)
    expect((error as Error).message).toContain('Prediction not found')
  })
})

describe('GET /v1/predictions', () => {
  const list = [
    { id: 'a', status: 'completed' },
    { id: 'b', status: 'running' },
    { id: 'c', status: 'completed' },
  ]

  it('sends skip, limit and status, and filters the page by status too', async () => {
    const calls = route('GET', '/v1/predictions', () => HttpResponse.json(list))
    const client = makeClient()
    const page = await client.predictions.list({ skip: 20, limit: 5, status: 'completed' })
    expect(calls[0]!.url.search).toBe('?skip=20&limit=5&status=completed')
    expect(page.map((prediction) => prediction.id)).toEqual(['a', 'c'])
    const all = await client.predictions.list()
    expect(calls[1]!.url.search).toBe('?skip=0&limit=10')
    expect(all).toHaveLength(3)
  })

  it('reads a wrapped list, and refuses bad paging before the request', async () => {
    route('GET', '/v1/predictions', () => HttpResponse.json({ data: list.slice(0, 1) }))
    expect((await makeClient().predictions.list()).map((prediction) => prediction.id)).toEqual([
      'a',
    ])
    const calls = route('GET', '/v1/predictions', () => HttpResponse.json([]))
    for (const [query, field] of [
      [{ skip: -1 }, 'skip'],
      [{ limit: 0 }, 'limit'],
      [{ status: 'done' }, 'status'],
    ] as const) {
      const error = await makeClient()
        .predictions.list(query as never)
        .catch((caught: unknown) => caught)
      expect((error as ValidationError).field).toBe(field)
    }
    expect(calls).toHaveLength(0)
  })
})

describe('structured-output helpers', () => {
  it('toJsonSchema: classic zod and Standard JSON Schema describe themselves; JSON Schema as is; zod/mini and zod 3-like refused', () => {
    expect(
      toJsonSchema(zc.z.object({ total: zc.z.number(), note: zc.z.optional(zc.z.string()) })),
    ).toEqual({
      type: 'object',
      properties: { total: { type: 'number' }, note: { type: 'string' } },
      required: ['total'],
    })
    expect(toJsonSchema(zc.z.object({ a: zc.z.string().describe('the a') }))).toMatchObject({
      properties: { a: { type: 'string', description: 'the a' } },
    })
    // Any schema implementing Standard JSON Schema (here a hand-made one) is asked for its input side.
    const targets: string[] = []
    const standard = {
      _zod: {},
      safeParse: () => ({ success: true as const, data: 1 }),
      '~standard': {
        jsonSchema: {
          input: ({ target }: { target: string }) => {
            targets.push(target)
            return { $schema: 'x', type: 'integer' }
          },
        },
      },
    }
    expect(toJsonSchema(standard)).toEqual({ type: 'integer' })
    expect(targets).toEqual(['draft-2020-12'])
    const plain = { type: 'object', properties: {} }
    expect(toJsonSchema(plain)).toBe(plain)
    expect(() => toJsonSchema(z.object({ total: z.number() }))).toThrow(
      /zod\/mini schema, which cannot describe itself as JSON Schema/,
    )
    const legacy = { safeParse: () => ({ success: true as const, data: 1 }) }
    expect(() => toJsonSchema(legacy)).toThrow(ValidationError)
    expect(() => toJsonSchema(zc.z.object({ when: zc.z.date() }))).toThrow(
      /cannot be expressed as JSON Schema/,
    )
  })

  it('withParsedResponse: any Standard Schema checks a response (not only zod); one without JSON Schema is refused as a schema to send', () => {
    // A hand-made Standard Schema: numbers doubled, anything else refused.
    const doubled = {
      '~standard': {
        version: 1 as const,
        vendor: 'hand-made',
        validate: (value: unknown) =>
          typeof value === 'number'
            ? { value: value * 2 }
            : { issues: [{ message: 'must be a number', path: ['total'] }] },
      },
    }
    const prediction = { id: 'pred_s', status: 'completed', response: 21 }
    expect(withParsedResponse(prediction, doubled).response).toBe(42)
    const error = (() => {
      try {
        withParsedResponse({ ...prediction, response: 'x' }, doubled)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).issues[0]).toMatchObject({
      path: ['total'],
      message: 'must be a number',
    })
    // Not completed: returned as it is.
    expect(withParsedResponse({ ...prediction, status: 'running' }, doubled).response).toBe(21)
    expect(() => toJsonSchema(doubled)).toThrow(/must be a zod 4 schema or a plain JSON Schema/)
  })

  it('imageEntry: public URLs as is, bytes and private URLs inlined, junk refused', async () => {
    expect(await imageEntry('https://cdn.example.com/a.jpg', 'image')).toBe(
      'https://cdn.example.com/a.jpg',
    )
    expect(await imageEntry(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'image')).toBe(
      'data:image/jpeg;base64,/9j/4A==',
    )
    server.use(
      http.get(
        'http://127.0.0.1:9/a.png',
        () =>
          new HttpResponse(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), {
            headers: { 'content-type': 'image/png' },
          }),
      ),
    )
    expect(await imageEntry('http://127.0.0.1:9/a.png', 'image')).toBe(
      'data:image/png;base64,iVBORw==',
    )
    await expect(imageEntry('::not::', ['images', 2])).rejects.toMatchObject({ field: 'images.2' })
  })
})

describe('client options', () => {
  it('defaults to the public base URL and refuses bad timeouts', () => {
    expect(new VlmRunClient({ apiKey: KEY }).baseUrl).toBe(VLMRUN_DEFAULT_BASE_URL)
    expect(() => new VlmRunClient({ predictionTimeoutMs: -1 })).toThrow(TypeError)
  })
})

describe('coverage', () => {
  it('the tests above called every endpoint of ENDPOINTS, and nothing else', () => {
    const documented = new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
    expect(documented.size).toBe(3)
    expect([...hits].sort()).toEqual([...documented].sort())
  })
})
