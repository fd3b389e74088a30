/**
 * The vlmrun driver end to end: atelier → @atelier/vlmrun → a real loopback server running
 * the VLM Run emulator. Asserts the bodies sent, structured output typed with the caller's
 * zod schema, batch predictions polled (paused is not the end), resuming, credits as usage,
 * errors, and callback deliveries verified with the package's helper.
 */
import { encodeJpeg, encodePng, type RunningServer, serve } from '@atelier/emulators'
import {
  createAtelier,
  JobFailedError,
  ResponseShapeError,
  UnsupportedError,
  ValidationError,
} from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
import {
  createVlmRunEmulator,
  VLMRUN_INJECTED_FAILURE,
  type VlmRunEmulatorOptions,
} from '../../emulators/src/vlmrun'
import {
  CallbackVerificationError,
  type VlmRunDriverOptions,
  verifyVlmRunCallback,
  vlmrun,
} from '../src'

const API_KEY = 'vlm-test-key-0123456789'
const FAST: VlmRunEmulatorOptions = { syncMs: 10, enqueuedMs: 20, pendingMs: 20, runningMs: 60 }
const POLLING = { minIntervalMs: 5, initialIntervalMs: 10, maxIntervalMs: 30 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function vlm(options: VlmRunEmulatorOptions = {}, driverOptions: VlmRunDriverOptions = {}) {
  const emulator = createVlmRunEmulator({ ...FAST, apiKey: API_KEY, ...options })
  const server = await serve(emulator.handler)
  servers.push({
    ...server,
    close: async () => {
      emulator.reset()
      await server.close()
    },
  })
  const driver = vlmrun({ apiKey: API_KEY, baseUrl: server.url, ...driverOptions })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  const onlyPrediction = () => {
    const all = [...emulator.state.predictions.values()]
    expect(all).toHaveLength(1)
    return all[0]!
  }
  return { emulator, server, driver, ai, onlyPrediction }
}

const png = encodePng({ width: 8, height: 6 })
const pngDataUri = `data:image/png;base64,${Buffer.from(png).toString('base64')}`

// Classic zod: a schema that describes itself as JSON Schema (zod/mini ones cannot; see below).
const Invoice = z.object({
  invoice_id: z.string(),
  customer: z.string().transform((name: string) => name.toUpperCase()),
  total: z.number(),
  items: z.array(z.object({ description: z.string(), quantity: z.int() })),
})

describe('vlmrun driver: synchronous predictions', () => {
  it('captions an image given as bytes: data URI sent, caption text, credits as usage', async () => {
    const { ai, onlyPrediction, emulator } = await vlm()
    const usages: unknown[] = []
    const output = await ai.vision.analyze(
      { model: 'vlmrun/vlm-1', image: png },
      { hooks: { onUsage: (event) => usages.push(event.usage) } },
    )
    const prediction = onlyPrediction()
    expect(prediction.request).toEqual({
      images: [pngDataUri],
      domain: 'image.caption',
      model: 'vlm-1',
      batch: false,
    })
    expect(output.text).toMatch(/^An emulated caption/)
    expect(output.object).toEqual(prediction.response)
    expect(output.usage).toEqual({ credits: 1 })
    expect(usages).toEqual([{ credits: 1 }])
    expect(output.providerMetadata).toMatchObject({
      predictionId: prediction.id,
      status: 'completed',
    })
    expect(output.warnings).toEqual([])
    const posts = emulator.state.requests.filter((request) => request.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0]!.authorization).toBe(`Bearer ${API_KEY}`)
    // A synchronous prediction needs no polling.
    expect(emulator.state.requests).toHaveLength(1)
  })

  it('turns a zod schema into config.json_schema and parses the answer with it, typed', async () => {
    const { driver, onlyPrediction } = await vlm()
    const output = await driver.extract({
      images: ['https://docs.example.com/invoice.jpg', encodeJpeg({ width: 8, height: 8 })],
      domain: 'document.invoice',
      schema: Invoice,
      prompt: 'Read the invoice',
      maxTokens: 2048,
      temperature: 0,
    })
    const request = onlyPrediction().request as {
      images: string[]
      config: Record<string, unknown>
    }
    expect(request.images[0]).toBe('https://docs.example.com/invoice.jpg')
    expect(request.images[1]).toMatch(/^data:image\/jpeg;base64,/)
    const { $schema: _dialect, ...expected } = z.toJSONSchema(Invoice, { io: 'input' })
    expect(request.config).toEqual({
      prompt: 'Read the invoice',
      json_schema: expected,
      max_tokens: 2048,
      temperature: 0,
    })
    // Typed by the schema, and parsed with it (the transform ran).
    const total: number = output.object!.total
    expect(total).toBe(42.5)
    expect(output.object!.customer).toBe('EMULATED CUSTOMER')
    expect(output.object!.items[0]).toEqual({ description: 'emulated description', quantity: 42 })
    expect(JSON.parse(output.text)).toEqual(output.object)
    expect(output.usage).toEqual({ credits: 2 })
  })

  it('accepts a plain JSON Schema and returns the answer as parsed JSON', async () => {
    const { ai, onlyPrediction } = await vlm()
    const schema = {
      type: 'object',
      properties: { product: { type: 'string' }, in_stock: { type: 'boolean' } },
      required: ['product'],
    }
    const output = await ai.vision.analyze({
      model: 'vlmrun/vlm-1',
      image: 'https://shop.example.com/p.png',
      mode: 'extract',
      domain: 'retail.product-catalog',
      schema,
    })
    expect((onlyPrediction().request as { config: unknown }).config).toEqual({
      json_schema: schema,
    })
    expect(output.object).toEqual({ product: 'emulated product', in_stock: true })
  })

  it('fails with ResponseShapeError when the answer breaks the zod schema', async () => {
    const { ai } = await vlm()
    const error = await ai.vision
      .analyze({
        model: 'vlmrun/vlm-1',
        image: png,
        mode: 'extract',
        domain: 'document.invoice',
        schema: z.object({ total: z.number() }),
        // A config override makes the server answer a string where the zod schema wants a number.
        providerOptions: {
          vlmrun: {
            config: { json_schema: { type: 'object', properties: { total: { type: 'string' } } } },
          },
        },
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).issues[0]!.path).toEqual(['total'])
  })

  it('refuses a zod/mini schema (it cannot describe itself) before any request, and takes its JSON Schema', async () => {
    const { ai, emulator, onlyPrediction } = await vlm()
    const Total = zm.object({ total: zm.number() })
    const error = await ai.vision
      .analyze({ model: 'vlmrun/vlm-1', image: png, mode: 'extract', schema: Total })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('schema')
    expect((error as ValidationError).message).toContain('z.toJSONSchema')
    expect(emulator.state.requests).toHaveLength(0)

    const { $schema: _dialect, ...json } = zm.toJSONSchema(Total, { io: 'input' })
    await ai.vision.analyze({ model: 'vlmrun/vlm-1', image: png, mode: 'extract', schema: json })
    expect((onlyPrediction().request as { config: unknown }).config).toEqual({ json_schema: json })
  })

  it('warns that a question guides a domain answer, and sends the prompt as config.prompt', async () => {
    const { ai, onlyPrediction } = await vlm()
    const { warnings, text } = await ai.vision.analyze({
      model: 'vlmrun/vlm-1',
      image: png,
      prompt: 'What colour is it?',
    })
    expect((onlyPrediction().request as { config: unknown }).config).toEqual({
      prompt: 'What colour is it?',
    })
    expect(warnings).toEqual([expect.objectContaining({ type: 'other' })])
    expect(text).toMatch(/emulated caption/)
  })

  it('refuses what VLM Run rules out before any request, naming the field', async () => {
    const { ai, emulator } = await vlm()
    const cases: [Record<string, unknown>, string][] = [
      [{ image: png, domain: 'document.nope' }, 'domain'],
      [{ image: 'not a url or base64!' }, 'image'],
      [{ images: [png, 'ftp://x'] }, 'images.1'],
      [
        { image: png, providerOptions: { vlmrun: { callback_url: 'not-a-url' } } },
        'providerOptions.vlmrun.callback_url',
      ],
      [
        { image: png, providerOptions: { vlmrun: { config: { detail: 3 } } } },
        'providerOptions.vlmrun.config.detail',
      ],
      [
        { image: png, providerOptions: { vlmrun: { colour: 'red' } } },
        'providerOptions.vlmrun.colour',
      ],
    ]
    for (const [input, field] of cases) {
      const error = await ai.vision
        .analyze({ model: 'vlmrun/vlm-1', ...input } as never)
        .catch((caught: unknown) => caught)
      expect([field, error]).toEqual([field, expect.any(ValidationError)])
      expect((error as ValidationError).field).toBe(field)
    }
    const model = await ai.vision
      .analyze({ model: 'vlmrun/vlm-2', image: png })
      .catch((caught: unknown) => caught)
    expect((model as ValidationError).field).toBe('model')
    await expect(
      ai.vision.analyze({ model: 'vlmrun/vlm-1', video: 'https://e.com/v.mp4' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('a failed synchronous prediction is a JobFailedError with the reason', async () => {
    const { ai } = await vlm({ failJobs: true })
    const error = await ai.vision
      .analyze({ model: 'vlmrun/vlm-1', image: png })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as Error).message).toContain(VLMRUN_INJECTED_FAILURE)
  })
})

describe('vlmrun driver: batch predictions', () => {
  it('polls a batch prediction through enqueued, pending, running and paused to completed', async () => {
    const { ai, emulator } = await vlm({ pausedMs: 1, lifecycle: 'per-read' }, { batch: true })
    const job = await ai.vision.submit({
      model: 'vlmrun/vlm-1',
      image: png,
      mode: 'extract',
      domain: 'document.invoice',
      schema: Invoice,
    })
    expect(job.snapshot).toMatchObject({ state: 'queued', providerStatus: 'enqueued' })
    const seen: string[] = []
    for await (const snapshot of job.updates())
      seen.push(`${snapshot.state}:${snapshot.providerStatus}`)
    // Paused is not the end: polling carried on through it (queued → queued is one state).
    expect(seen).toEqual([
      'queued:enqueued',
      'running:running',
      'queued:paused',
      'running:running',
      'completed:completed',
    ])
    const output = await job.wait()
    expect((output.object as z.output<typeof Invoice>).customer).toBe('EMULATED CUSTOMER')
    expect(output.usage).toEqual({ credits: 1 })
    expect(
      emulator.state.requests.filter((request) => request.path.startsWith('/v1/predictions/')),
    ).toHaveLength(5)
  })

  it('resumes from a stored ref in another process (no zod schema there: parsed JSON)', async () => {
    const { ai, server } = await vlm()
    const job = await ai.vision.submit({
      model: 'vlmrun/vlm-1',
      image: png,
      domain: 'document.receipt',
      providerOptions: {
        vlmrun: { batch: true, metadata: { environment: 'dev', allow_training: false } },
      },
    })
    const stored = JSON.parse(JSON.stringify(job))
    expect(stored).toMatchObject({
      provider: 'vlmrun',
      task: 'vision.analyze',
      data: { domain: 'document.receipt', mode: 'caption', schemaKind: 'none' },
    })
    expect(JSON.stringify(stored)).not.toContain(API_KEY)
    const elsewhere = createAtelier({
      providers: [vlmrun({ apiKey: API_KEY, baseUrl: server.url })],
      polling: POLLING,
    })
    const output = await elsewhere.jobs.resume<'vision.analyze'>(stored).wait()
    expect(output.object).toMatchObject({ merchant_name: 'Emulated Store', total: 12.5 })
    expect(output.usage).toEqual({ credits: 1 })
  })

  it('a failed batch prediction fails the job; an unknown id fails it too', async () => {
    const { ai } = await vlm({ failJobs: true }, { batch: true })
    await expect(ai.vision.analyze({ model: 'vlmrun/vlm-1', image: png })).rejects.toThrow(
      VLMRUN_INJECTED_FAILURE,
    )
    const lost = ai.jobs.resume({ provider: 'vlmrun', task: 'vision.analyze', id: 'pred_missing' })
    await expect(lost.wait()).rejects.toBeInstanceOf(JobFailedError)
  })

  it('rides out a 503 while polling', async () => {
    const { ai, emulator } = await vlm({}, { batch: true })
    emulator.failNext(1, {
      status: 503,
      path: /^\/v1\/predictions\//,
      headers: { 'retry-after': '0' },
    })
    const output = await ai.vision.analyze({ model: 'vlmrun/vlm-1', image: png })
    expect(output.text).toMatch(/emulated caption/)
    expect(emulator.state.requests.some((request) => request.status === 503)).toBe(true)
  })
})

describe('vlmrun driver: callbacks', () => {
  it('delivers to callback_url; the helper verifies token, id and the API copy, and refuses forgeries', async () => {
    const received: Request[] = []
    const receiver = await serve(async (request) => {
      received.push(
        new Request(request.url, {
          method: 'POST',
          headers: request.headers,
          body: await request.arrayBuffer(),
        }),
      )
      return new Response(null, { status: 204 })
    })
    servers.push(receiver)
    const token = 'callback-token-8c1f'
    const { ai, driver, emulator } = await vlm(
      {},
      {
        batch: true,
        callbackUrl: `${receiver.url}/hooks/vlm?token=${token}`,
      },
    )
    const job = await ai.vision.submit({
      model: 'vlmrun/vlm-1',
      image: png,
      mode: 'extract',
      domain: 'document.invoice',
      schema: Invoice,
    })
    await job.wait()
    await emulator.callbacksSettled()
    expect(received).toHaveLength(1)
    const delivery = received[0]!
    // The document defines no signature, and none is sent.
    expect([...delivery.headers.keys()].filter((name) => /signature|hmac/i.test(name))).toEqual([])
    const verified = await verifyVlmRunCallback(delivery.clone(), {
      urlToken: { param: 'token', value: token },
      expectedId: [job.id],
      confirmWith: driver.client,
      schema: Invoice,
    })
    expect(verified.checks).toEqual(['url-token', 'shape', 'id', 'api'])
    expect(verified.confirmed).toBe(true)
    expect(verified.prediction.response?.customer).toBe('EMULATED CUSTOMER')

    const wrongToken = await verifyVlmRunCallback(
      { body: await delivery.clone().text(), url: `${receiver.url}/hooks/vlm?token=guess` },
      { urlToken: { param: 'token', value: token } },
    ).catch((caught: unknown) => caught)
    expect(wrongToken).toBeInstanceOf(CallbackVerificationError)
    expect((wrongToken as CallbackVerificationError).issues[0]!.rule).toBe('url_token')

    const forged = JSON.stringify({ id: 'pred_forged', status: 'completed', response: {} })
    const unknownId = await verifyVlmRunCallback({ body: forged }, { expectedId: job.id }).catch(
      (caught: unknown) => caught,
    )
    expect((unknownId as CallbackVerificationError).issues[0]!.rule).toBe('id_mismatch')
    const notAtApi = await verifyVlmRunCallback(
      { body: JSON.stringify({ id: job.id, status: 'failed' }) },
      { confirmWith: driver.client },
    ).catch((caught: unknown) => caught)
    expect((notAtApi as CallbackVerificationError).issues[0]!.rule).toBe('api_mismatch')
  })
})

describe('vlmrun driver: models', () => {
  it('lists vlm-1 with the domains', async () => {
    const { ai } = await vlm()
    const models = await ai.models.list({ provider: 'vlmrun' })
    expect(models).toEqual([
      expect.objectContaining({
        id: 'vlm-1',
        provider: 'vlmrun',
        tasks: ['vision.analyze'],
        metadata: { domains: expect.arrayContaining(['document.invoice', 'image.caption']) },
      }),
    ])
  })
})
