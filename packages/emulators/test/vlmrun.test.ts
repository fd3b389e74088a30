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
    const unknown = await generate({
      images: ['https://e.com/a.png'],
      domain: 'image.caption',
      colour: 'red',
    })
    expect(await unknown.json()).toMatchObject({
      detail: [{ loc: ['body', 'colour'], type: 'extra_forbidden' }],
    })
    expect(emulator.state.predictions.size).toBe(0)
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
