/**
 * The vlmrun driver end to end: core's `startJob`/`resumeJob` → @atelier/vlmrun → a real
 * loopback server running the VLM Run emulator. Asserts the bodies sent, structured output
 * typed with the caller's zod schema, batch predictions polled (paused is not the end),
 * resuming, credits as usage, errors, provider options, the bounded schema map, and callback
 * deliveries verified with the package's helper.
 */
import {
  type AtelierHooks,
  JobFailedError,
  type JobRef,
  ResponseShapeError,
  resumeJob,
  startJob,
  systemClock,
  type TaskInput,
  UnsupportedError,
  ValidationError,
} from '@atelier/core'
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod'
import * as zm from 'zod/mini'
// The emulator's own modules, not the package index (which loads every provider's emulator).
import { encodeJpeg, encodePng } from '../../emulators/src/media'
import { type RunningServer, serve } from '../../emulators/src/server'
import {
  createVlmRunEmulator,
  VLMRUN_INJECTED_FAILURE,
  type VlmRunEmulatorOptions,
} from '../../emulators/src/vlmrun'
import {
  CallbackVerificationError,
  type VlmRunDriver,
  type VlmRunDriverOptions,
  verifyVlmRunCallback,
  vlmrun,
} from '../src'
import { DEFAULT_MAX_PENDING_SCHEMAS, PendingSchemas } from '../src/driver/vision'

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
  const onlyPrediction = () => {
    const all = [...emulator.state.predictions.values()]
    expect(all).toHaveLength(1)
    return all[0]!
  }
  return { emulator, server, driver, onlyPrediction }
}

/** Starts a `vision.analyze` job on `driver`. */
function submit(driver: VlmRunDriver, input: TaskInput<'vision.analyze'>) {
  return startJob(driver, 'vision.analyze', input, { polling: POLLING })
}

/** Runs `vision.analyze` on `driver` to the end. */
async function analyze(
  driver: VlmRunDriver,
  input: TaskInput<'vision.analyze'>,
  options: { hooks?: AtelierHooks } = {},
) {
  const job = await startJob(driver, 'vision.analyze', input, { polling: POLLING, ...options })
  return job.wait({ cancelOnAbort: true })
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
    const { driver, onlyPrediction, emulator } = await vlm()
    const usages: unknown[] = []
    const output = await analyze(
      driver,
      { model: 'vlm-1', image: png },
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
    const { driver, onlyPrediction } = await vlm()
    const schema = {
      type: 'object',
      properties: { product: { type: 'string' }, in_stock: { type: 'boolean' } },
      required: ['product'],
    }
    const output = await analyze(driver, {
      model: 'vlm-1',
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
    const { driver } = await vlm()
    const error = await analyze(driver, {
      model: 'vlm-1',
      image: png,
      mode: 'extract',
      domain: 'document.invoice',
      // JSON Schema cannot say "negative": the server answers a number the schema refuses.
      schema: z.object({ total: z.number().refine((total) => total < 0, 'must be negative') }),
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as ResponseShapeError).issues[0]!.path).toEqual(['total'])
  })

  it('refuses a zod/mini schema (it cannot describe itself) before any request, and takes its JSON Schema', async () => {
    const { driver, emulator, onlyPrediction } = await vlm()
    const Total = zm.object({ total: zm.number() })
    const error = await analyze(driver, {
      model: 'vlm-1',
      image: png,
      mode: 'extract',
      schema: Total,
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('schema')
    expect((error as ValidationError).message).toContain('z.toJSONSchema')
    expect(emulator.state.requests).toHaveLength(0)

    const { $schema: _dialect, ...json } = zm.toJSONSchema(Total, { io: 'input' })
    await analyze(driver, { model: 'vlm-1', image: png, mode: 'extract', schema: json })
    expect((onlyPrediction().request as { config: unknown }).config).toEqual({ json_schema: json })
  })

  it('warns that a question guides a domain answer, and sends the prompt as config.prompt', async () => {
    const { driver, onlyPrediction } = await vlm()
    const { warnings, text } = await analyze(driver, {
      model: 'vlm-1',
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
    const { driver, emulator } = await vlm()
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
      const error = await analyze(driver, {
        model: 'vlm-1',
        ...input,
      } as TaskInput<'vision.analyze'>).catch((caught: unknown) => caught)
      expect([field, error]).toEqual([field, expect.any(ValidationError)])
      expect((error as ValidationError).field).toBe(field)
    }
    const model = await analyze(driver, { model: 'vlm-2', image: png }).catch(
      (caught: unknown) => caught,
    )
    expect((model as ValidationError).field).toBe('model')
    await expect(
      analyze(driver, { model: 'vlm-1', video: 'https://e.com/v.mp4' }),
    ).rejects.toBeInstanceOf(UnsupportedError)
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('a failed synchronous prediction is a JobFailedError with the reason', async () => {
    const { driver } = await vlm({ failJobs: true })
    const error = await analyze(driver, { model: 'vlm-1', image: png }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as Error).message).toContain(VLMRUN_INJECTED_FAILURE)
  })
})

describe('vlmrun driver: provider options', () => {
  it('refuses provider options that would replace a task field, naming the field to use', async () => {
    const { driver, emulator } = await vlm()
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { prompt: 'Read it', providerOptions: { vlmrun: { config: { prompt: 'Other' } } } },
        'providerOptions.vlmrun.config.prompt',
        '`prompt`',
      ],
      [
        {
          mode: 'extract',
          schema: { type: 'object' },
          providerOptions: { vlmrun: { config: { json_schema: { type: 'array' } } } },
        },
        'providerOptions.vlmrun.config.json_schema',
        '`schema`',
      ],
      [
        { maxTokens: 100, providerOptions: { vlmrun: { config: { max_tokens: 200 } } } },
        'providerOptions.vlmrun.config.max_tokens',
        '`maxTokens`',
      ],
      [
        { temperature: 0.5, providerOptions: { vlmrun: { config: { temperature: 1 } } } },
        'providerOptions.vlmrun.config.temperature',
        '`temperature`',
      ],
    ]
    for (const [input, field, named] of cases) {
      const error = await analyze(driver, {
        model: 'vlm-1',
        image: png,
        ...input,
      } as TaskInput<'vision.analyze'>).catch((caught: unknown) => caught)
      expect([field, error]).toEqual([field, expect.any(ValidationError)])
      expect((error as ValidationError).field).toBe(field)
      expect((error as ValidationError).issues[0]!.rule).toBe('overrides_task_field')
      expect((error as ValidationError).issues[0]!.message).toContain(named)
    }
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('takes a config key no task field set, and replaces the driver defaults', async () => {
    const { driver, onlyPrediction } = await vlm(
      {},
      { metadata: { environment: 'prod' }, callbackUrl: 'https://me.example.com/default' },
    )
    await analyze(driver, {
      model: 'vlm-1',
      image: png,
      providerOptions: {
        vlmrun: {
          config: { prompt: 'Only here', detail: 'hi', confidence: true },
          metadata: { environment: 'dev' },
          callback_url: null,
          id: 'my-request-1',
        },
      },
    })
    expect(onlyPrediction().request).toEqual({
      images: [pngDataUri],
      domain: 'image.caption',
      model: 'vlm-1',
      config: { prompt: 'Only here', detail: 'hi', confidence: true },
      metadata: { environment: 'dev' },
      callback_url: null,
      id: 'my-request-1',
      batch: false,
    })
  })

  it('checks provider options against their schema, naming providerOptions.vlmrun.<key>', async () => {
    const { driver, emulator } = await vlm()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ batch: 'yes' }, 'providerOptions.vlmrun.batch', 'must be true or false'],
      [{ metadata: { allow_training: 1 } }, 'providerOptions.vlmrun.metadata.allow_training', ''],
      [{ config: { max_retries: -1 } }, 'providerOptions.vlmrun.config.max_retries', ''],
      [{ config: { top_p: 1 } }, 'providerOptions.vlmrun.config.top_p', ''],
      [{ domain: 'document.invoice' }, 'providerOptions.vlmrun.domain', ''],
    ]
    for (const [options, field, message] of cases) {
      const error = await analyze(driver, {
        model: 'vlm-1',
        image: png,
        providerOptions: { vlmrun: options },
      }).catch((caught: unknown) => caught)
      expect([field, error]).toEqual([field, expect.any(ValidationError)])
      expect((error as ValidationError).field).toBe(field)
      expect((error as ValidationError).issues[0]!.message).toContain(message)
    }
    const unknown = await analyze(driver, {
      model: 'vlm-1',
      image: png,
      providerOptions: { vlmrun: { colour: 'red' } },
    }).catch((caught: unknown) => caught)
    // One rule for every unknown key. (Its message is the kit's, or zod's English one once
    // classic zod, which this file imports, has loaded its locale.)
    expect((unknown as ValidationError).issues[0]).toMatchObject({
      path: ['providerOptions', 'vlmrun', 'colour'],
      rule: 'unrecognized_keys',
    })
    expect(emulator.state.requests).toHaveLength(0)
  })

  it('declares its provider-options schema on the handler', () => {
    const handler = vlmrun({ apiKey: API_KEY }).tasks['vision.analyze']
    expect(handler.providerOptions).toBeDefined()
    expect(handler.providerOptions!['~standard'].validate({ batch: true })).toEqual({
      value: { batch: true },
    })
  })
})

describe('vlmrun driver: batch predictions', () => {
  it('polls a batch prediction through enqueued, pending, running and paused to completed', async () => {
    const { driver, emulator } = await vlm({ pausedMs: 1, lifecycle: 'per-read' }, { batch: true })
    const job = await submit(driver, {
      model: 'vlm-1',
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
    const { driver, server } = await vlm()
    const job = await submit(driver, {
      model: 'vlm-1',
      image: png,
      domain: 'document.receipt',
      providerOptions: {
        vlmrun: { batch: true, metadata: { environment: 'dev', allow_training: false } },
      },
    })
    const stored: JobRef<'vision.analyze'> = JSON.parse(JSON.stringify(job))
    expect(stored).toMatchObject({
      provider: 'vlmrun',
      task: 'vision.analyze',
      data: { domain: 'document.receipt', mode: 'caption', schemaKind: 'none' },
    })
    expect(JSON.stringify(stored)).not.toContain(API_KEY)
    const elsewhere = vlmrun({ apiKey: API_KEY, baseUrl: server.url })
    const output = await resumeJob(elsewhere, stored, { polling: POLLING }).wait()
    expect(output.object).toMatchObject({ merchant_name: 'Emulated Store', total: 12.5 })
    expect(output.usage).toEqual({ credits: 1 })
  })

  it('a failed batch prediction fails the job; an unknown id fails it too', async () => {
    const { driver } = await vlm({ failJobs: true }, { batch: true })
    await expect(analyze(driver, { model: 'vlm-1', image: png })).rejects.toThrow(
      VLMRUN_INJECTED_FAILURE,
    )
    const lost = resumeJob(
      driver,
      { provider: 'vlmrun', task: 'vision.analyze', id: 'pred_missing' },
      { polling: POLLING },
    )
    await expect(lost.wait()).rejects.toBeInstanceOf(JobFailedError)
  })

  it('rides out a 503 while polling', async () => {
    const { driver, emulator } = await vlm({}, { batch: true })
    emulator.failNext(1, {
      status: 503,
      path: /^\/v1\/predictions\//,
      headers: { 'retry-after': '0' },
    })
    const output = await analyze(driver, { model: 'vlm-1', image: png })
    expect(output.text).toMatch(/emulated caption/)
    expect(emulator.state.requests.some((request) => request.status === 503)).toBe(true)
  })
})

describe('vlmrun driver: the schemas of pending predictions', () => {
  it('keeps at most maxPendingSchemas; an answer whose schema was dropped comes back unchecked, with a warning', async () => {
    const { driver } = await vlm({}, { batch: true, maxPendingSchemas: 1 })
    const extract = {
      model: 'vlm-1',
      image: png,
      mode: 'extract',
      domain: 'document.invoice',
      schema: Invoice,
    } as const
    const first = await submit(driver, extract)
    const second = await submit(driver, extract)
    // The second submit dropped the first job's schema: its answer is JSON, not parsed.
    const dropped = await first.wait()
    expect((dropped.object as { customer: string }).customer).toBe('emulated customer')
    expect(dropped.warnings).toEqual([
      expect.objectContaining({
        type: 'other',
        message: expect.stringContaining('not checked'),
      }),
    ])
    const kept = await second.wait()
    expect((kept.object as z.output<typeof Invoice>).customer).toBe('EMULATED CUSTOMER')
    expect(kept.warnings).toEqual([])
  })

  it('PendingSchemas: bounded, least recently used dropped first, entries removed when done', () => {
    const schema = z.string()
    const schemas = new PendingSchemas(2)
    schemas.set('a', schema)
    schemas.set('b', schema)
    expect(schemas.get('a')).toBe(schema) // a is now the most recent
    schemas.set('c', schema)
    expect(schemas.size).toBe(2)
    expect(schemas.get('b')).toBeUndefined()
    expect(schemas.get('a')).toBe(schema)
    expect(schemas.get('c')).toBe(schema)
    schemas.set('c', schema) // setting again does not grow it
    expect(schemas.size).toBe(2)
    schemas.delete('a')
    schemas.delete('c')
    expect(schemas.size).toBe(0)
    for (let index = 0; index < 1_000; index++) schemas.set(`pred_${index}`, schema)
    expect(schemas.size).toBe(2)
    const none = new PendingSchemas(0)
    none.set('a', schema)
    expect(none.size).toBe(0)
    expect(new PendingSchemas().limit).toBe(DEFAULT_MAX_PENDING_SCHEMAS)
    expect(() => new PendingSchemas(-1)).toThrow(TypeError)
    expect(() => vlmrun({ apiKey: API_KEY, maxPendingSchemas: 1.5 })).toThrow(/maxPendingSchemas/)
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
    const { driver, emulator } = await vlm(
      {},
      {
        batch: true,
        callbackUrl: `${receiver.url}/hooks/vlm?token=${token}`,
      },
    )
    const job = await submit(driver, {
      model: 'vlm-1',
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
      confirmWith: driver.transport,
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
      { confirmWith: driver.transport },
    ).catch((caught: unknown) => caught)
    expect((notAtApi as CallbackVerificationError).issues[0]!.rule).toBe('api_mismatch')
  })
})

describe('vlmrun driver: models', () => {
  it('lists vlm-1 with the domains', async () => {
    const { driver } = await vlm()
    const models = await driver.listModels!({ clock: systemClock })
    expect(driver.id).toBe('vlmrun')
    expect(models).toEqual([
      expect.objectContaining({
        id: 'vlm-1',
        tasks: ['vision.analyze'],
        metadata: { domains: expect.arrayContaining(['document.invoice', 'image.caption']) },
      }),
    ])
  })
})
