import { ENDPOINTS } from '@atelier/vlmrun'
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { encodeJpeg, encodePng, type RunningServer, serve } from '../src'
import {
  createVlmRunEmulator,
  fakeFromJsonSchema,
  VLMRUN_EMULATOR_HEADER,
  VLMRUN_INJECTED_FAILURE,
  type VlmRunEmulatorOptions,
} from '../src/vlmrun'

const KEY = 'vlm-emulator-key'
const FAST: VlmRunEmulatorOptions = { syncMs: 5, enqueuedMs: 10, pendingMs: 10, runningMs: 30 }
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function start(options: VlmRunEmulatorOptions = {}) {
  const emulator = createVlmRunEmulator({ ...FAST, ...options })
  const server = await serve(emulator.handler)
  servers.push({
    ...server,
    close: async () => {
      emulator.reset()
      await server.close()
    },
  })
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${KEY}`, ...(init.headers as Record<string, string>) },
    })
  const generate = (body: unknown) =>
    call('/v1/image/generate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  return { emulator, server, call, generate }
}

describe('vlmrun emulator', () => {
  it('serves exactly the endpoints of @atelier/vlmrun and wants a bearer key', async () => {
    const { emulator, server } = await start({ apiKey: KEY })
    expect(emulator.routes.map((route) => `${route.method} ${route.pattern}`).sort()).toEqual(
      ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort(),
    )
    const anonymous = await fetch(`${server.url}/v1/predictions`)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get(VLMRUN_EMULATOR_HEADER)).toBe('vlmrun')
    const wrong = await fetch(`${server.url}/v1/predictions`, {
      headers: { authorization: 'Bearer other' },
    })
    expect(wrong.status).toBe(401)
  })

  it('answers a synchronous request with the completed prediction (201), usage and a domain answer', async () => {
    const { generate, call } = await start()
    const response = await generate({
      images: [
        `data:image/png;base64,${base64(encodePng({ width: 4, height: 4 }))}`,
        base64(encodeJpeg({ width: 8, height: 8 })),
      ],
      domain: 'document.invoice',
    })
    expect(response.status).toBe(201)
    const prediction = (await response.json()) as Record<string, unknown>
    expect(prediction).toMatchObject({
      status: 'completed',
      usage: { elements_processed: 2, element_type: 'image', credits_used: 2 },
      response: { invoice_id: 'INV-0001', total: 120 },
    })
    expect(prediction.completed_at).toEqual(expect.any(String))
    const again = (await (await call(`/v1/predictions/${prediction.id}`)).json()) as Record<
      string,
      unknown
    >
    expect(again).toEqual(prediction)
  })

  it('answers in the shape of config.json_schema', async () => {
    const { generate } = await start()
    const Receipt = z.object({
      merchant: z.string(),
      total: z.number().check(z.gte(0)),
      paid: z.boolean(),
      currency: z.enum(['EUR', 'USD']),
      date: z.iso.date(),
      lines: z.array(z.object({ name: z.string(), qty: z.int() })),
      note: z.nullable(z.string()),
    })
    const response = await generate({
      images: ['https://example.com/receipt.jpg'],
      domain: 'document.receipt',
      config: { json_schema: z.toJSONSchema(Receipt) },
    })
    const prediction = (await response.json()) as { response: unknown }
    expect(Receipt.safeParse(prediction.response).success).toBe(true)
  })

  it('rejects bad requests the FastAPI way (422 detail), images included', async () => {
    const { generate, emulator } = await start()
    const domain = await generate({ images: ['https://e.com/a.png'], domain: 'image.tags' })
    expect(domain.status).toBe(422)
    expect(((await domain.json()) as { detail: { loc: unknown[] }[] }).detail[0]!.loc).toEqual([
      'body',
      'domain',
    ])
    const image = await generate({
      images: [base64(new TextEncoder().encode('not an image'))],
      domain: 'image.caption',
    })
    expect(image.status).toBe(422)
    expect(await image.json()).toMatchObject({
      detail: [{ loc: ['body', 'images', 0], type: 'value_error' }],
    })
    expect(emulator.state.predictions.size).toBe(0)
  })

  it('accepts the request example of the API document, placeholders made real', async () => {
    const { generate, emulator } = await start({ callbackFetch: async () => new Response(null) })
    // The document's curl example; only the "<string>" image is swapped for a URL, since an
    // image must be a URL or base64 data. Its "<string>" callback_url has the documented
    // minimum length of 1 and nothing more is asked of it.
    const example = {
      metadata: { environment: 'dev', session_id: '<string>', allow_training: true },
      config: {
        prompt: '<string>',
        detail: 'auto',
        response_model: '<any>',
        json_schema: {},
        max_retries: 3,
        max_tokens: 4096,
        temperature: 0,
        confidence: true,
        grounding: true,
      },
      id: '<string>',
      created_at: '2023-11-07T05:31:56Z',
      callback_url: '<string>',
      images: ['https://e.com/a.png'],
      model: 'vlm-1',
      domain: 'aerospace.remote-sensing',
      batch: false,
    }
    const response = await generate(example)
    expect(response.status).toBe(201)
    expect(await response.json()).toMatchObject({ status: 'completed' })
    // What was sent is recorded as sent, without defaults filled in.
    expect([...emulator.state.predictions.values()][0]!.request).toEqual(example)
  })

  it('ignores unknown keys, as a pydantic model does by default (the document forbids none)', async () => {
    const { generate } = await start()
    const response = await generate({
      images: ['https://e.com/a.png'],
      domain: 'image.caption',
      colour: 'red',
      config: { prompt: 'Describe', style: 'terse' },
    })
    expect(response.status).toBe(201)
  })

  it('refuses what the document rules out with a 422 naming each field', async () => {
    const { generate, emulator } = await start()
    const refused = async (body: unknown) => {
      const response = await generate(body)
      expect(response.status).toBe(422)
      const { detail } = (await response.json()) as { detail: { loc: unknown[]; type: string }[] }
      return detail.map(({ loc, type }) => ({ loc, type }))
    }
    // `images` and `domain` are required.
    expect(await refused({})).toEqual([
      { loc: ['body', 'images'], type: 'missing' },
      { loc: ['body', 'domain'], type: 'missing' },
    ])
    const valid = { images: ['https://e.com/a.png'], domain: 'image.caption' }
    expect(await refused({ ...valid, images: 'https://e.com/a.png' })).toEqual([
      { loc: ['body', 'images'], type: 'list_type' },
    ])
    // "Allowed value: vlm-1"; "Minimum length: 1"; only callback_url is `| null`.
    expect(
      await refused({ ...valid, model: 'vlm-2', callback_url: '', metadata: null, batch: 'often' }),
    ).toEqual([
      { loc: ['body', 'metadata'], type: 'model_attributes_type' },
      { loc: ['body', 'callback_url'], type: 'string_too_short' },
      { loc: ['body', 'model'], type: 'literal_error' },
      { loc: ['body', 'batch'], type: 'bool_parsing' },
    ])
    // The config's types are those of the document's example.
    expect(
      await refused({
        ...valid,
        config: { max_tokens: 1.5, temperature: 'warm', confidence: 'maybe', json_schema: [] },
      }),
    ).toEqual([
      { loc: ['body', 'config', 'json_schema'], type: 'dict_type' },
      { loc: ['body', 'config', 'max_tokens'], type: 'int_from_float' },
      { loc: ['body', 'config', 'temperature'], type: 'float_parsing' },
      { loc: ['body', 'config', 'confidence'], type: 'bool_parsing' },
    ])
    expect(emulator.state.predictions.size).toBe(0)
    // Allowed: a null callback_url, and config values the document sets no range on.
    const allowed = await generate({
      ...valid,
      callback_url: null,
      config: { temperature: 1.5, max_retries: 0, prompt: null, json_schema: null },
    })
    expect(allowed.status).toBe(201)
  })

  it('moves a batch prediction through its statuses, paused included, one per read', async () => {
    const { generate, call } = await start({ lifecycle: 'per-read', pausedMs: 1 })
    const created = (await (
      await generate({ images: ['https://e.com/a.png'], domain: 'image.caption', batch: true })
    ).json()) as { id: string; status: string; response: unknown }
    expect(created).toMatchObject({ status: 'enqueued', response: null })
    const statuses: string[] = []
    for (let read = 0; read < 7; read++) {
      statuses.push(
        ((await (await call(`/v1/predictions/${created.id}`)).json()) as { status: string }).status,
      )
    }
    expect(statuses).toEqual([
      'pending',
      'running',
      'paused',
      'running',
      'completed',
      'completed',
      'completed',
    ])
  })

  it('moves a timed batch prediction to completed, and lists predictions with paging and status', async () => {
    const { generate, call } = await start()
    const ids: string[] = []
    for (const domain of ['image.caption', 'document.ocr', 'document.markdown']) {
      const body = (await (
        await generate({ images: ['https://e.com/a.png'], domain, batch: true })
      ).json()) as { id: string }
      ids.push(body.id)
    }
    const list = async (query: string) =>
      (await (await call(`/v1/predictions${query}`)).json()) as { id: string; status: string }[]
    for (
      let attempt = 0;
      attempt < 200 && (await list('?status=completed')).length < 3;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect((await list('?status=completed')).map((prediction) => prediction.id)).toEqual(
      [...ids].reverse(),
    )
    expect((await list('?skip=1&limit=1')).map((prediction) => prediction.id)).toEqual([ids[1]])
    expect((await call('/v1/predictions?limit=0')).status).toBe(422)
    expect((await call('/v1/predictions/pred_missing')).status).toBe(404)
  })

  it('checks the paging query of GET /v1/predictions as FastAPI reads integers', async () => {
    const { call, generate } = await start()
    for (let index = 0; index < 12; index++) {
      await generate({ images: ['https://e.com/a.png'], domain: 'image.caption', batch: true })
    }
    const errors = async (query: string) => {
      const response = await call(`/v1/predictions${query}`)
      expect(response.status).toBe(422)
      const { detail } = (await response.json()) as { detail: { loc: unknown[]; type: string }[] }
      return detail.map(({ loc, type }) => ({ loc, type }))
    }
    expect(await errors('?skip=-1&limit=ten')).toEqual([
      { loc: ['query', 'skip'], type: 'greater_than_equal' },
      { loc: ['query', 'limit'], type: 'int_parsing' },
    ])
    expect(await errors('?limit=0&status=done')).toEqual([
      { loc: ['query', 'limit'], type: 'greater_than_equal' },
      { loc: ['query', 'status'], type: 'enum' },
    ])
    const length = async (query: string) =>
      ((await (await call(`/v1/predictions${query}`)).json()) as unknown[]).length
    // Default limit 10; no upper bound is documented.
    expect(await length('')).toBe(10)
    expect(await length('?limit=1000')).toBe(12)
    expect(await length('?skip=10')).toBe(2)
  })

  it('calls callback_url with the final prediction and no signature', async () => {
    const received: { body: string; headers: Headers }[] = []
    const receiver = await serve(async (request) => {
      received.push({ body: await request.text(), headers: request.headers })
      return new Response(null, { status: 202 })
    })
    servers.push(receiver)
    const { generate, emulator } = await start()
    const created = (await (
      await generate({
        images: ['https://e.com/a.png'],
        domain: 'image.caption',
        batch: true,
        callback_url: `${receiver.url}/hook?token=t`,
      })
    ).json()) as { id: string }
    // Resolves once the delivery scheduled for the prediction's end has been made.
    await emulator.callbacksSettled()
    expect(received).toHaveLength(1)
    expect(JSON.parse(received[0]!.body)).toMatchObject({ id: created.id, status: 'completed' })
    expect(received[0]!.headers.get('content-type')).toBe('application/json')
    expect(emulator.state.callbacks).toEqual([
      expect.objectContaining({
        url: `${receiver.url}/hook?token=t`,
        predictionId: created.id,
        status: 202,
      }),
    ])
  })

  it('fails requests and predictions on demand', async () => {
    const { generate, call, emulator } = await start()
    emulator.failNext(1, { status: 429, method: 'POST', headers: { 'retry-after': '1' } })
    const limited = await generate({ images: ['https://e.com/a.png'], domain: 'image.caption' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    emulator.failJobs = true
    const failed = (await (
      await generate({ images: ['https://e.com/a.png'], domain: 'image.caption' })
    ).json()) as Record<string, unknown>
    expect(failed).toMatchObject({
      status: 'failed',
      response: null,
      error: VLMRUN_INJECTED_FAILURE,
    })
    emulator.reset()
    expect((await call(`/v1/predictions/${failed.id}`)).status).toBe(404)
  })
})

describe('fakeFromJsonSchema', () => {
  it('follows $ref, anyOf, enums, formats and bounds', () => {
    const Node = z.object({
      id: z.uuid(),
      kind: z.literal('leaf'),
      score: z.number().check(z.gte(100)),
      tags: z.array(z.string()).check(z.minLength(2)),
      child: z.optional(z.union([z.null(), z.object({ name: z.string().check(z.maxLength(5)) })])),
    })
    const value = fakeFromJsonSchema(z.toJSONSchema(Node))
    expect(Node.safeParse(value).success).toBe(true)
    expect(
      fakeFromJsonSchema({
        $defs: { Item: { type: 'object', properties: { n: { type: 'integer', maximum: 3 } } } },
        type: 'array',
        items: { $ref: '#/$defs/Item' },
      }),
    ).toEqual([{ n: 3 }])
  })
})
