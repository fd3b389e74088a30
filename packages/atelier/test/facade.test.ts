import { defineDriver } from '@atelier/core/driver'
import { createFakeDriver, createManualClock, flushMicrotasks } from '@atelier/testing'
import {
  AbortError,
  type Atelier,
  type AtelierHooks,
  createAtelier,
  ProviderError,
  TimeoutError,
  UnsupportedError,
  ValidationError,
} from 'atelier'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { jsonJobApi, jsonJobDriver } from './support/json-job-api'
import { studioDrivers } from './support/studio-drivers'

const API = 'https://api.jobs.test'
const CDN = 'https://cdn.elsewhere.test'
const KEY = 'sk_live_1234567890abcdef'
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

const server = setupServer()
const cdnRequests: Headers[] = []
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  cdnRequests.length = 0
})
afterAll(() => server.close())

function setup(statuses?: Parameters<typeof jsonJobApi>[0]['statuses']) {
  const api = jsonJobApi({ baseUrl: API, resultUrl: `${CDN}/out/result.png?sig=abc`, statuses })
  server.use(
    ...api.handlers,
    http.get(`${CDN}/out/result.png`, ({ request }) => {
      cdnRequests.push(request.headers)
      return new HttpResponse(PNG, { headers: { 'content-type': 'image/png' } })
    }),
  )
  const clock = createManualClock()
  const ai = createAtelier({ providers: [jsonJobDriver({ baseUrl: API, apiKey: KEY })], clock })
  return { api, ai, clock }
}

describe('createAtelier', () => {
  it('rejects invalid input with a ValidationError naming the field, before any request', async () => {
    const { api, ai } = setup()
    const error = await ai.image
      .generate({ model: 'jobs/painter', prompt: 'a fox', size: { width: 0, height: 512 } })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('size.width')
    expect((error as ValidationError).message).toMatch(/size\.width/)
    await expect(ai.image.submit({ model: 'jobs/painter', prompt: '' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['prompt'] })],
    })
    expect(api.seen).toHaveLength(0)
  })

  it('polls as the server says: Retry-After, then the ETA (on the injected clock)', async () => {
    const { api, ai, clock } = setup([
      { status: 'queued', position: 1, retryAfter: '7' },
      { status: 'running', progress: 0.1, eta_ms: 12_000 },
      { status: 'running', progress: 0.6, eta_ms: 3_000 },
      { status: 'succeeded' },
    ])
    const job = await ai.image.submit({ model: 'jobs/painter', prompt: 'a fox' })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    const { images } = await done
    // First sleep: backoff from the submit's queued snapshot; then exactly what the server asked.
    expect(clock.sleeps.slice(1)).toEqual([7_000, 12_050, 3_050])
    expect(api.jobs.get(job.id)!.polls).toBe(4)
    expect(await images[0]!.bytes()).toEqual(PNG)
  })

  it('fetches a result URL on another origin without the Authorization header', async () => {
    const { api, ai, clock } = setup([{ status: 'succeeded' }])
    const job = await ai.image.submit({ model: 'jobs/painter', prompt: 'a fox' })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    const { images } = await done
    expect(cdnRequests).toHaveLength(0) // lazy: nothing downloaded yet
    await images[0]!.bytes()
    expect(cdnRequests).toHaveLength(1)
    expect(cdnRequests[0]!.get('authorization')).toBeNull()
    // ...while every API request carried it.
    expect(
      api.seen.every((request) => request.headers.get('authorization') === `Bearer ${KEY}`),
    ).toBe(true)
  })

  it('retries a submit after a network error with the same idempotency key, and submits once', async () => {
    const { api, ai } = setup()
    api.dropNextSubmits(1)
    const retries: number[] = []
    const job = await ai.image.submit(
      { model: 'jobs/painter', prompt: 'a fox' },
      { hooks: { onRetry: (event) => retries.push(event.attempt) } },
    )
    const submits = api.seen.filter(
      (request) => request.method === 'POST' && request.url.endsWith('/v1/jobs'),
    )
    expect(submits).toHaveLength(2)
    const keys = submits.map((request) => request.headers.get('idempotency-key'))
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(api.jobs.size).toBe(1)
    expect(api.jobs.get(job.id)!.idempotencyKey).toBe(keys[0])
    expect(retries).toEqual([2])
  })

  it('does not retry a submit that failed with a 500 (the job may exist)', async () => {
    const { api, ai } = setup()
    api.failNextSubmitWith(500)
    await expect(ai.image.submit({ model: 'jobs/painter', prompt: 'a fox' })).rejects.toMatchObject(
      {
        name: 'ProviderError',
        status: 500,
        providerCode: 'busy',
      },
    )
    expect(api.seen.filter((request) => request.method === 'POST')).toHaveLength(1)
  })

  it('resumes a job from its JSON ref in a new client and completes it', async () => {
    const { api, ai, clock } = setup([
      { status: 'running', progress: 0.3 },
      { status: 'succeeded' },
    ])
    const job = await ai.image.submit({ model: 'jobs/painter', prompt: 'a fox' })
    const saved = JSON.stringify(job)
    expect(saved).not.toContain(KEY)

    const otherProcess = createAtelier({
      providers: [jsonJobDriver({ baseUrl: API, apiKey: KEY })],
      clock,
    })
    const resumed = otherProcess.jobs.resume<'image.generate'>(JSON.parse(saved))
    expect(resumed.id).toBe(job.id)
    const done = resumed.wait()
    await clock.runUntil(() => resumed.snapshot?.state === 'completed')
    expect((await done).images).toHaveLength(1)
    expect(api.jobs.get(job.id)!.polls).toBe(2)
  })

  it('aborting generate() during a backoff sleep rejects at once, cancels remotely, then sends nothing', async () => {
    const { api, ai, clock } = setup([{ status: 'running' }])
    const controller = new AbortController()
    const done = ai.video.generate(
      { model: 'jobs/animator', prompt: 'waves' },
      { signal: controller.signal },
    )
    await clock.runUntil(() => api.seen.some((request) => request.method === 'GET'))
    await flushMicrotasks()
    expect(clock.pending).toBe(1) // asleep before the next poll
    controller.abort()
    await expect(done).rejects.toBeInstanceOf(AbortError)
    const cancels = api.seen.filter((request) => request.url.endsWith('/cancel'))
    expect(cancels).toHaveLength(1)
    const sent = api.seen.length
    await clock.advance(600_000)
    await flushMicrotasks()
    expect(api.seen).toHaveLength(sent)
    expect(clock.pending).toBe(0)
  })

  it('falls back to the next provider/model when one fails, and says so', async () => {
    setup()
    const fallbacks: unknown[] = []
    const fake = createFakeDriver({ id: 'backup', mode: 'completed' })
    const ai = createAtelier({
      providers: [jsonJobDriver({ baseUrl: API, apiKey: KEY }), fake],
      hooks: {
        onFallback: (event) =>
          fallbacks.push({
            from: event.from,
            to: event.to,
            status: (event.error as ProviderError).status,
          }),
      },
    })
    // 503 is retried for submits: make every try fail.
    server.use(
      http.post(`${API}/v1/jobs`, () => HttpResponse.json({ error: 'down' }, { status: 503 })),
    )
    const output = await ai.image.generate({
      model: ['jobs/painter', 'backup/fake-model'],
      prompt: 'a fox',
    })
    expect(output.images).toHaveLength(1)
    expect(fallbacks).toEqual([{ from: 'jobs/painter', to: 'backup/fake-model', status: 503 }])
    expect(fake.calls.map((call) => call.method)).toEqual(['submit'])
  })

  it('does not fall back when the caller aborts', async () => {
    const slow = createFakeDriver({ id: 'slow', submitDelayMs: 1_000 })
    const backup = createFakeDriver({ id: 'backup', mode: 'completed' })
    const clock = createManualClock()
    const ai = createAtelier({ providers: [slow, backup], clock })
    const controller = new AbortController()
    const done = ai.image.generate(
      { model: ['slow/m', 'backup/m'], prompt: 'x' },
      { signal: controller.signal },
    )
    await flushMicrotasks()
    controller.abort()
    await expect(done).rejects.toBeInstanceOf(AbortError)
    expect(backup.calls).toHaveLength(0)
  })

  it('routes provider/model and explains addressing mistakes', async () => {
    const a = createFakeDriver({ id: 'a', mode: 'completed', tasks: ['image.generate'] })
    const b = createFakeDriver({
      id: 'b',
      mode: 'completed',
      tasks: ['image.generate', 'speech.generate'],
    })
    const ai = createAtelier({ providers: [a, b] })
    await ai.image.generate({ model: 'b/org/model-with-slash', prompt: 'x' })
    expect(b.calls[0]).toMatchObject({
      method: 'submit',
      input: expect.objectContaining({ model: 'org/model-with-slash' }),
    })
    // Only b serves speech: the prefix may be left out.
    await ai.speech.generate({ model: 'voice-1', text: 'hi' })
    expect(b.calls[1]).toMatchObject({
      task: 'speech.generate',
      input: expect.objectContaining({ model: 'voice-1' }),
    })
    await expect(ai.image.generate({ model: 'painter', prompt: 'x' })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['model'], rule: 'model_address' })],
    })
    await expect(ai.video.generate({ model: 'a/m', prompt: 'x' })).rejects.toBeInstanceOf(
      UnsupportedError,
    )
    expect(() => createAtelier({ providers: [a, createFakeDriver({ id: 'a' })] })).toThrow(
      /share the id/,
    )
    expect(() => ai.jobs.resume({ provider: 'zzz', task: 'image.generate', id: '1' })).toThrow(
      /no registered provider/,
    )
  })

  it('reports requests, retries and job states to hooks, with credentials redacted', async () => {
    const { api, clock } = setup([{ status: 'succeeded' }])
    api.dropNextSubmits(1)
    const log: string[] = []
    const hooks: AtelierHooks = {
      onRequest: (event) =>
        log.push(`request ${event.method} ${event.kind} auth=${event.headers.authorization}`),
      onRetry: (event) => log.push(`retry ${event.attempt}`),
      onJobState: (event) => log.push(`state ${event.snapshot.state}`),
    }
    const ai = createAtelier({
      providers: [jsonJobDriver({ baseUrl: API, apiKey: KEY })],
      clock,
      hooks,
    })
    const job = await ai.image.submit({ model: 'jobs/painter', prompt: 'a fox' })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await done
    expect(log).toEqual([
      'request POST submit auth=[redacted]',
      'retry 2',
      'request POST submit auth=[redacted]',
      'state queued',
      'request GET read auth=[redacted]',
      'state completed',
    ])
    expect(log.join('\n')).not.toContain(KEY)
  })

  it('streams text, and degrades to one delta for providers that cannot stream', async () => {
    const streaming = createFakeDriver({
      id: 'llm',
      mode: 'completed',
      streamChunks: ['Hel', 'lo'],
    })
    const plain = createFakeDriver({
      id: 'plain',
      mode: 'completed',
      tasks: ['text.generate'],
      streaming: false,
    })
    const ai = createAtelier({ providers: [streaming, plain] })
    const parts: unknown[] = []
    for await (const part of ai.text.stream({ model: 'llm/m', prompt: 'hi' })) parts.push(part)
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'finish', finishReason: 'stop' },
    ])
    const whole: unknown[] = []
    for await (const part of ai.text.stream({ model: 'plain/m', prompt: 'hi' })) whole.push(part)
    expect(whole).toEqual([
      { type: 'text-delta', text: 'Hello, world' },
      { type: 'finish', finishReason: 'stop', usage: undefined },
    ])
  })

  it('makes 3D models from a prompt or an image, and checks that one of them is given', async () => {
    const fake = createFakeDriver({ id: 'mesh', mode: 'completed', tasks: ['model3d.generate'] })
    const ai = createAtelier({ providers: [fake] })
    const { models, referenceImages } = await ai.model3d.generate({
      model: 'mesh/hunyuan3d-2',
      prompt: 'a low-poly treasure chest',
      texture: true,
      faceCount: 5_000,
    })
    expect(models).toHaveLength(1)
    expect(models[0]!.mediaType).toBe('model/gltf-binary')
    expect(new TextDecoder().decode((await models[0]!.bytes()).subarray(0, 4))).toBe('glTF')
    expect(referenceImages?.[0]?.mediaType).toBe('image/png')
    expect(fake.calls[0]).toMatchObject({
      method: 'submit',
      task: 'model3d.generate',
      input: expect.objectContaining({ model: 'hunyuan3d-2', texture: true, faceCount: 5_000 }),
    })

    // Image to 3D, held as a job: the picture may be a MediaFile from an earlier result.
    const job = await ai.model3d.submit({ model: 'mesh/hunyuan3d-2', image: referenceImages![0]! })
    expect(job.task).toBe('model3d.generate')
    expect((await job.wait()).models[0]!.mediaType).toBe('model/gltf-binary')

    await expect(
      ai.model3d.generate({ model: 'mesh/hunyuan3d-2', faceCount: 5_000 }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['prompt'], rule: 'required' })],
    })
    await expect(
      ai.model3d.submit({ model: 'mesh/hunyuan3d-2', prompt: 'x', faceCount: 0 }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(fake.calls).toHaveLength(2)
  })

  it('lists models across providers', async () => {
    const ai = createAtelier({
      providers: [createFakeDriver({ id: 'x' }), createFakeDriver({ id: 'y' })],
    })
    const models = await ai.models.list()
    expect(models.map((model) => `${model.provider}/${model.id}`)).toEqual([
      'x/fake-model',
      'y/fake-model',
    ])
    expect(await ai.models.list({ provider: 'y' })).toHaveLength(1)
  })

  it('surfaces provider errors with status and body', async () => {
    const { ai } = setup()
    server.use(
      http.post(`${API}/v1/jobs`, () =>
        HttpResponse.json(
          { detail: [{ loc: ['body', 'prompt'], msg: 'too spicy', type: 'value_error' }] },
          { status: 422 },
        ),
      ),
    )
    const error = (await ai.image
      .submit({ model: 'jobs/painter', prompt: 'a fox' })
      .catch((caught: unknown) => caught)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.status).toBe(422)
    expect(error.issues).toEqual([{ path: ['prompt'], message: 'too spicy', rule: 'value_error' }])
    expect(error.body).toContain('too spicy')
    expect(error).not.toBeInstanceOf(ProviderError)
  })

  it('timeoutMs covers a submit that waits, and names the caller limit', async () => {
    const clock = createManualClock()
    // A driver whose submit waits (for a GPU slot, say) until its signal ends it.
    const driver = defineDriver({
      id: 'slow',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: false,
          submit: (_input, context) =>
            new Promise<never>((_resolve, reject) => {
              context.signal?.addEventListener('abort', () => reject(context.signal!.reason), {
                once: true,
              })
            }),
        },
      },
    })
    const ai = createAtelier({ providers: [driver], clock })
    const result = ai.image
      .generate({ model: 'slow/fake-model', prompt: 'x' }, { timeoutMs: 1_500 })
      .catch((caught: unknown) => caught)
    await flushMicrotasks()
    await clock.advance(1_500)
    const error = (await result) as Error
    expect(error.name).toBe('TimeoutError')
    expect(error.message).toContain('within 1500 ms')
    expect(clock.pending).toBe(0)
  })

  it('ends a generate() that would poll forever at the task deadline, and cancels the job', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ id: 'stuck', script: [{ state: 'running' }] })
    const ai = createAtelier({ providers: [driver], clock })
    const result = ai.image
      .generate({ model: 'stuck/fake-model', prompt: 'x' })
      .catch((caught: unknown) => caught)
    await clock.runUntil(() => clock.now() >= 30 * 60_000, 5_000)
    const error = (await result) as TimeoutError
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('the deadline for image.generate jobs')
    expect(driver.calls.filter((call) => call.method === 'cancel')).toHaveLength(1)
  })

  it("lets the call's timeoutMs replace the task deadline, in both directions", async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ id: 'stuck', script: [{ state: 'running' }] })
    const ai = createAtelier({ providers: [driver], clock })
    const result = ai.image
      .generate({ model: 'stuck/fake-model', prompt: 'x' }, { timeoutMs: 45 * 60_000 })
      .catch((caught: unknown) => caught)
    // Past the 30-minute default: still waiting, on the caller's 45 minutes.
    await clock.runUntil(() => clock.now() >= 40 * 60_000, 5_000)
    expect(driver.calls.filter((call) => call.method === 'cancel')).toHaveLength(0)
    await clock.runUntil(() => clock.now() >= 45 * 60_000, 5_000)
    const error = (await result) as TimeoutError
    expect(error).toBeInstanceOf(TimeoutError)
    expect(error.message).toContain('did not finish within 2700000 ms')
  })
})

describe('providerOptions', () => {
  it('refuses a key that is not a configured provider, naming the near one, before any request', async () => {
    const { local, canary, calls } = studioDrivers()
    const ai = createAtelier({ providers: [local, canary] })
    const error = (await ai.image
      .generate({
        model: 'local/z-image-turbo',
        prompt: 'a fox',
        // @ts-expect-error lcoal is not a configured provider (refused at run time as well)
        providerOptions: { lcoal: { steps: 4 } },
      })
      .catch((caught: unknown) => caught)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.issues).toEqual([
      {
        path: ['providerOptions', 'lcoal'],
        message: 'is not a configured provider; did you mean "local"?',
        rule: 'unknown_provider',
      },
    ])
    expect(error.message).toContain('providerOptions.lcoal')
    expect(error.message).toContain('did you mean "local"?')

    // Case aside, and nothing suggested when no id is close.
    const loose = ai as unknown as Atelier
    await expect(
      loose.image.generate({
        model: 'canary/nano-banana',
        prompt: 'x',
        providerOptions: { Canary: {} },
      }),
    ).rejects.toMatchObject({
      issues: [
        expect.objectContaining({ message: expect.stringContaining('did you mean "canary"?') }),
      ],
    })
    await expect(
      loose.image.generate({
        model: 'canary/nano-banana',
        prompt: 'x',
        providerOptions: { openai: {} },
      }),
    ).rejects.toMatchObject({
      issues: [
        {
          path: ['providerOptions', 'openai'],
          message: 'is not a configured provider (configured: local, canary)',
          rule: 'unknown_provider',
        },
      ],
    })
    // Streams and submits are checked the same way.
    await expect(
      (async () => {
        for await (const _part of loose.text.stream({
          model: 'local/qwen3-4b',
          prompt: 'hi',
          providerOptions: { loacl: {} },
        })) {
          // Never reached.
        }
      })(),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['providerOptions', 'loacl'] })],
    })
    await expect(
      loose.video.submit({
        model: 'local/hunyuan-video',
        prompt: 'x',
        providerOptions: { cnary: {} },
      }),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(calls).toEqual([])
  })

  it('takes options for any configured provider, including one that does not do the task', async () => {
    const { local, canary, calls } = studioDrivers()
    const ai = createAtelier({ providers: [local, canary] })
    await ai.speech.generate({
      model: 'canary/eleven-v3',
      text: 'hi',
      providerOptions: { local: { voice: 'x' }, canary: { stability: 0.5 } },
    })
    expect(calls).toMatchObject([
      {
        provider: 'canary',
        input: { providerOptions: { local: { voice: 'x' }, canary: { stability: 0.5 } } },
      },
    ])
  })

  it('refuses a bad option by the provider’s own schema, naming providerOptions.<id>.<key>', async () => {
    const { local, canary, calls } = studioDrivers()
    const ai = createAtelier({ providers: [local, canary] })
    const error = (await ai.image
      .generate({
        model: 'local/z-image-turbo',
        prompt: 'a fox',
        providerOptions: { local: { steps: 99 }, canary: { quality: 'hd' } },
      })
      .catch((caught: unknown) => caught)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.issues).toEqual([
      {
        path: ['providerOptions', 'local', 'steps'],
        message: 'must be an integer between 1 and 50',
        rule: 'invalid',
      },
    ])
    expect(error.field).toBe('providerOptions.local.steps')
    // The stream path checks them as well, before the provider is asked.
    const parts = (async () => {
      for await (const _part of ai.text.stream({
        model: 'local/qwen3-4b',
        prompt: 'hi',
        providerOptions: { local: { seed: -1 } },
      })) {
        // Never reached.
      }
    })()
    await expect(parts).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['providerOptions', 'local', 'seed'] })],
    })
    expect(calls).toEqual([])
    // Good options reach the handler.
    await ai.image.generate({
      model: 'local/z-image-turbo',
      prompt: 'a fox',
      providerOptions: { local: { steps: 8 } },
    })
    expect(calls).toMatchObject([{ input: { providerOptions: { local: { steps: 8 } } } }])
  })
})

describe('ai.text.stream fallbacks', () => {
  const overloaded = () => new ProviderError('overloaded', { provider: 'local', status: 503 })

  async function collect(parts: AsyncIterable<unknown>): Promise<unknown[]> {
    const seen: unknown[] = []
    for await (const part of parts) seen.push(part)
    return seen
  }

  it('moves on to the next model when a provider fails before its first part, and says so', async () => {
    const { local, canary, calls } = studioDrivers({
      localStream: { failAt: 0, error: overloaded() },
    })
    const fallbacks: unknown[] = []
    const ai = createAtelier({
      providers: [local, canary],
      hooks: {
        onFallback: (event) =>
          fallbacks.push({ task: event.task, from: event.from, to: event.to, error: event.error }),
      },
    })
    const parts = await collect(
      ai.text.stream({ model: ['local/qwen3-4b', 'canary/gpt-5-mini'], prompt: 'hi' }),
    )
    expect(parts).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'finish', finishReason: 'stop' },
    ])
    expect(fallbacks).toEqual([
      {
        task: 'text.generate',
        from: 'local/qwen3-4b',
        to: 'canary/gpt-5-mini',
        error: expect.any(ProviderError),
      },
    ])
    expect(calls.map((call) => `${call.provider} ${call.method}`)).toEqual([
      'local stream',
      'canary stream',
    ])
    expect(calls[1]!.input).toMatchObject({ model: 'gpt-5-mini' })
  })

  it('ends with the error once a part has been yielded: no fallback after output', async () => {
    const { local, canary, calls } = studioDrivers({
      localStream: { failAt: 1, error: overloaded() },
    })
    const fallbacks: unknown[] = []
    const ai = createAtelier({
      providers: [local, canary],
      hooks: { onFallback: (event) => fallbacks.push(event) },
    })
    const seen: unknown[] = []
    const error = await (async () => {
      for await (const part of ai.text.stream({
        model: ['local/qwen3-4b', 'canary/gpt-5-mini'],
        prompt: 'hi',
      }))
        seen.push(part)
    })().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect(seen).toEqual([{ type: 'text-delta', text: 'Hel' }])
    expect(fallbacks).toEqual([])
    expect(calls.map((call) => call.provider)).toEqual(['local'])
  })

  it('follows shouldFallback, and never falls back on the caller’s abort', async () => {
    const { local, canary, calls } = studioDrivers({
      localStream: { failAt: 0, error: overloaded() },
    })
    const strict = createAtelier({ providers: [local, canary], shouldFallback: () => false })
    await expect(
      collect(strict.text.stream({ model: ['local/qwen3-4b', 'canary/gpt-5-mini'], prompt: 'hi' })),
    ).rejects.toBeInstanceOf(ProviderError)
    expect(calls.map((call) => call.provider)).toEqual(['local'])

    const ai = createAtelier({ providers: [local, canary] })
    const controller = new AbortController()
    controller.abort()
    await expect(
      collect(
        ai.text.stream(
          { model: ['local/qwen3-4b', 'canary/gpt-5-mini'], prompt: 'hi' },
          { signal: controller.signal },
        ),
      ),
    ).rejects.toBeInstanceOf(AbortError)
    expect(calls.map((call) => call.provider)).toEqual(['local'])
  })

  it('falls back from a provider that cannot stream to one that streams', async () => {
    const { local, calls } = studioDrivers()
    const plain = createFakeDriver({
      id: 'plain',
      mode: 'completed',
      tasks: ['text.generate'],
      streaming: false,
      submitError: new ProviderError('down', { provider: 'plain', status: 502 }),
    })
    const ai = createAtelier({ providers: [plain, local] })
    expect(
      await collect(ai.text.stream({ model: ['plain/m', 'local/qwen3-4b'], prompt: 'hi' })),
    ).toEqual([
      { type: 'text-delta', text: 'Hel' },
      { type: 'text-delta', text: 'lo' },
      { type: 'finish', finishReason: 'stop' },
    ])
    expect(plain.calls.map((call) => call.method)).toEqual(['submit'])
    expect(calls.map((call) => call.method)).toEqual(['stream'])
  })
})
