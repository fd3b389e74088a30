/**
 * The client against msw: every endpoint of the document called through its method, with
 * the request checked (method, encoded path, `X-API-Key`, body sent) and the answer parsed;
 * then the behaviours around it — validation before the network, 422 details, envelopes,
 * tasks, retries, multipart upload.
 */
import { ProviderError, ResponseShapeError, ValidationError } from '@atelier/core'
import { HttpResponse, http } from 'msw'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  cancelResultSchema,
  captionResultSchema,
  ENDPOINTS,
  healthResultSchema,
  loraDatasetListSchema,
  loraDatasetSchema,
  loraImageListSchema,
  loraImageSchema,
  loraMessageSchema,
  loraModelListSchema,
  loraModelSchema,
  loraProjectListSchema,
  loraProjectSchema,
  type MediaResult,
  mediaResultSchema,
  promptResultSchema,
  uploadResultSchema,
  type VisionStudioEndpoint,
  type VisionStudioTask,
  VisionStudioValidationError,
} from '../src'
import { VisionStudioClient } from '../src/client'
import { API_KEY, BASE, recordingServer } from './support/msw'
import {
  expectedPath,
  FILE_BYTES,
  methodArgs,
  methodOf,
  paramValues,
  validBody,
} from './support/seed'

const { server, hits, requests, sent } = recordingServer()

const client = (options: Partial<ConstructorParameters<typeof VisionStudioClient>[0]> = {}) =>
  new VisionStudioClient({ baseUrl: BASE, apiKey: API_KEY, retry: { limit: 0 }, ...options })

const envelope = (result: unknown) => HttpResponse.json({ status: 'success', result })

/** What the test server answers each endpoint with (the shapes documented in the docs page). */
function resultFor(endpoint: VisionStudioEndpoint): unknown {
  const result = endpoint.result
  if (endpoint.role === 'status') {
    if (endpoint.statusRoute === undefined && endpoint.path.includes('/bria/')) {
      return {
        status: 'COMPLETED',
        request_id: 'r-1',
        result: { image_url: 'https://cdn.test/a.png', seed: 4 },
        error: null,
      }
    }
    return endpoint.path.includes('/firefly/')
      ? {
          jobId: 'job-1',
          status: 'succeeded',
          result: { outputs: [{ seed: 1, image: { url: 'https://cdn.test/f.png' } }] },
        }
      : { id: 'task-1', status: 'SUCCEEDED', output: ['https://cdn.test/r.mp4'] }
  }
  if (result === promptResultSchema) return { prompt: 'a detailed prompt' }
  if (result === captionResultSchema) return { caption: 'a cat on a sofa' }
  if (result === mediaResultSchema)
    return {
      image_url: 'https://cdn.test/out.png',
      image_urls: ['https://cdn.test/out.png'],
      seed: 11,
    }
  if (result === uploadResultSchema) return { images: [{ id: 'upload-1' }] }
  if (result === loraProjectSchema) return { id: 3, project_name: 'p' }
  if (result === loraProjectListSchema) return [{ id: 3, project_name: 'p' }]
  if (result === loraDatasetSchema) return { id: 5, name: 'd', status: 'draft' }
  if (result === loraDatasetListSchema) return [{ id: 5, name: 'd' }]
  if (result === loraImageSchema) return { id: 7, caption: 'c' }
  if (result === loraImageListSchema) return [{ id: 7, caption: 'c' }]
  if (result === loraModelSchema) return { id: 9, name: 'm', status: 'training' }
  if (result === loraModelListSchema) return [{ id: 9, name: 'm' }]
  if (
    result === loraMessageSchema ||
    result === cancelResultSchema ||
    result === healthResultSchema
  )
    return { message: 'ok' }
  throw new Error(`no answer for ${endpoint.name}`)
}

const ACCEPTED = {
  bria: {
    request_id: 'bria-req-1',
    status_url: 'https://studio.test/api/v1/bria/status/bria-req-1',
  },
  firefly: { jobId: 'ff-job-1', statusUrl: 'https://firefly.test/status/ff-job-1' },
  runway: { id: 'rw-task-1', status: 'PENDING' },
} as const

/** Answers every documented route: async calls (and `sync: false`) with a task, others with their result. */
function answerEverything() {
  server.use(
    http.all(`${BASE}/*`, async ({ request }) => {
      const url = new URL(request.url)
      const endpoint = ENDPOINTS.find(
        (candidate) =>
          candidate.method === request.method &&
          new RegExp(`^${candidate.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(url.pathname) &&
          !(candidate.path.endsWith('{image_id}') && url.pathname.endsWith('/captions')),
      )
      if (!endpoint) return HttpResponse.json({ detail: 'Not Found' }, { status: 404 })
      const body = request.headers.get('content-type')?.includes('json')
        ? await request.json()
        : undefined
      const sync = (body as { sync?: boolean } | undefined)?.sync
      const asTask =
        endpoint.execution === 'async' ||
        (endpoint.execution === 'sync-flag' && (sync ?? endpoint.syncDefault) === false)
      if (asTask) return envelope(ACCEPTED[endpoint.statusRoute!])
      const result = resultFor(endpoint)
      return endpoint.envelope ? envelope(result) : HttpResponse.json(result as never)
    }),
  )
}

describe('every endpoint of the document', () => {
  for (const endpoint of ENDPOINTS) {
    const runs =
      endpoint.execution === 'sync-flag'
        ? [
            { label: 'sync: true', sync: true },
            { label: 'sync: false', sync: false },
          ]
        : [{ label: endpoint.execution, sync: undefined }]
    for (const run of runs) {
      it(`${endpoint.name} (${endpoint.method} ${endpoint.path}, ${run.label})`, async () => {
        answerEverything()
        const params = paramValues(endpoint)
        const body = validBody(endpoint)
        if (body && run.sync !== undefined) body.sync = run.sync
        const value = await methodOf(client(), endpoint)(...methodArgs(endpoint, params, body))

        const [request, ...more] = await requests()
        expect(more).toHaveLength(0)
        expect(request!.method).toBe(endpoint.method)
        expect(request!.url.pathname).toBe(expectedPath(endpoint, params))
        expect(request!.endpoint).toBe(`${endpoint.method} ${endpoint.path}`)
        // The document lists `GET /health` without the API key.
        expect(request!.headers.get('x-api-key')).toBe(endpoint.auth === false ? null : API_KEY)
        for (const name of endpoint.queryParams ?? []) {
          expect(request!.url.searchParams.get(name)).toBe('true')
        }
        if (endpoint.body === 'json')
          expect(request!.json).toEqual(JSON.parse(JSON.stringify(body)))
        if (endpoint.body === 'multipart') {
          const file = request!.form!.get('file') as File
          expect(new Uint8Array(await file.arrayBuffer())).toEqual(FILE_BYTES)
        }
        if (
          endpoint.method === 'POST' &&
          !endpoint.tag.startsWith('LoRA') &&
          endpoint.tag !== 'Upload'
        ) {
          expect(request!.headers.get('idempotency-key')).toMatch(/.{16,}/)
        }

        const asTask = endpoint.execution === 'async' || run.sync === false
        if (asTask) {
          const route = endpoint.statusRoute!
          const id =
            route === 'bria' ? 'bria-req-1' : route === 'firefly' ? 'ff-job-1' : 'rw-task-1'
          expect(value).toEqual({
            route,
            taskId: id,
            method: endpoint.name,
            statusPath: `/api/v1/${route}/status/${id}`,
            ...(endpoint.cancel ? { cancelPath: `/api/v1/${route}/cancel/${id}` } : {}),
            accepted: ACCEPTED[route],
          })
        } else {
          expect(value).toEqual(resultFor(endpoint))
        }
      })
    }
  }

  it('called every endpoint of ENDPOINTS, and nothing else', () => {
    expect([...hits].sort()).toEqual(
      ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort(),
    )
  })
})

describe('validation before the network', () => {
  it('names a missing field, a broken range and an unknown field, and sends nothing', async () => {
    const error = await client()
      .bria.image.generate({ num_results: 9, promt: 'typo' } as never)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    const issues = (error as ValidationError).issues
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['prompt'], message: 'is required', rule: 'required' },
        { path: ['num_results'], message: 'must be at most 4', rule: 'too_big' },
        { path: ['promt'], message: 'is not a known field', rule: 'unrecognized_keys' },
      ]),
    )
    expect((error as Error).message).toMatch(
      /^Invalid POST \/api\/v1\/bria\/image\/generation\/generate-image: /,
    )
    expect(sent).toHaveLength(0)
  })

  it('checks enums, consts, URLs, tuples and nested components', async () => {
    const studio = client()
    const cases: [() => Promise<unknown>, (string | number)[], string][] = [
      [
        () => studio.runway.video.generateFromText({ prompt: 'x', duration: 5 as 8 }),
        ['duration'],
        'must be 8',
      ],
      [
        () =>
          studio.bria.image.upscale({ image: 'https://x.test/a.png', desired_increase: 3 as 2 }),
        ['desired_increase'],
        'must be one of 2, 4',
      ],
      [
        () => studio.caption.image({ image_url: 'not a url', possible_tags: null }),
        ['image_url'],
        'must be a URL',
      ],
      [
        () =>
          studio.bria.image.generateProductBackgroundByText({
            scene_description: 'on a table',
            padding_values: [1, 2, 3] as never,
          }),
        ['padding_values'],
        'must have at least 4 items',
      ],
      [
        () => studio.runway.audio.textToSpeech({ prompt: 'hi', voice: { preset_id: 7 as never } }),
        ['voice', 'preset_id'],
        'must be a string',
      ],
      [
        () => studio.firefly.image.expand({ image: { source: { url: 'nope' } }, mask: {} }),
        ['image', 'source', 'url'],
        'must be a URL',
      ],
    ]
    for (const [call, path, message] of cases) {
      const error = (await call().catch((caught: unknown) => caught)) as ValidationError
      expect(error).toBeInstanceOf(ValidationError)
      expect(error.issues[0]).toMatchObject({ path, message })
    }
    expect(sent).toHaveLength(0)
  })

  it('takes any string for the types the document names without listing values', async () => {
    answerEverything()
    await client().prompt.enhance({ prompt: 'a red fox', model_provider: 'mistral' })
    expect((await requests())[0]!.json).toEqual({ prompt: 'a red fox', model_provider: 'mistral' })
  })

  it('encodes ids as one path segment and refuses dot segments', async () => {
    answerEverything()
    await client().runway.status('a/../b?x')
    expect((await requests())[0]!.url.pathname).toBe('/api/v1/runway/status/a%2F..%2Fb%3Fx')
    const error = (await client()
      .bria.status('..')
      .catch((caught: unknown) => caught)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.field).toBe('task_id')
    expect(sent).toHaveLength(1)
  })
})

describe('answers', () => {
  it("turns a 422 into a VisionStudioValidationError with the server's detail and field paths", async () => {
    const detail = [
      {
        loc: ['body', 'num_results'],
        msg: 'Input should be less than or equal to 4',
        type: 'less_than_equal',
        input: 5,
      },
      { loc: ['body', 'size', 'width'], msg: 'Field required', type: 'missing' },
    ]
    server.use(
      http.post(`${BASE}/api/v1/bria/image/generation/generate-image`, () =>
        HttpResponse.json({ detail }, { status: 422 }),
      ),
    )
    const error = (await client()
      .bria.image.generate({ prompt: 'a quiet harbour' })
      .catch((caught: unknown) => caught)) as VisionStudioValidationError
    expect(error).toBeInstanceOf(VisionStudioValidationError)
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.status).toBe(422)
    expect(error.detail).toEqual(detail)
    expect(error.issues).toEqual([
      {
        path: ['num_results'],
        message: 'Input should be less than or equal to 4',
        rule: 'less_than_equal',
      },
      { path: ['size', 'width'], message: 'Field required', rule: 'missing' },
    ])
    expect(error.message).toContain('num_results: Input should be less than or equal to 4')
    expect(JSON.stringify(error)).not.toContain(API_KEY)
  })

  it('reports an envelope whose status is not success as a ProviderError', async () => {
    server.use(
      http.post(`${BASE}/api/v1/caption/video`, () =>
        HttpResponse.json({ status: 'error', result: 'quota' }),
      ),
    )
    const error = await client()
      .caption.video({ video_url: 'https://v.test/a.mp4' })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).message).toContain('status "error"')
  })

  it('reports a result of the wrong shape, and a task without an id, as ResponseShapeErrors', async () => {
    server.use(
      http.post(`${BASE}/api/v1/google-vision/image/generation/generate-image`, () =>
        envelope({ image_urls: 'one' }),
      ),
      http.post(`${BASE}/api/v1/runway/image/generation/generate-image`, () =>
        envelope({ status: 'PENDING' }),
      ),
    )
    const shape = await client()
      .google.image.generate({})
      .catch((caught: unknown) => caught)
    expect(shape).toBeInstanceOf(ResponseShapeError)
    // Named from the body the server sent: inside the envelope's `result`.
    expect((shape as ResponseShapeError).issues[0]!.path).toEqual(['result', 'image_urls'])
    expect((shape as Error).message).toContain('result.image_urls invalid_type')
    const noId = await client()
      .runway.image.generate({ prompt: 'x' })
      .catch((caught: unknown) => caught)
    expect(noId).toBeInstanceOf(ResponseShapeError)
    expect((noId as Error).message).toContain(
      'answered without a task id (result: {"status":"PENDING"})',
    )
    expect((noId as ResponseShapeError).issues).toEqual([
      { path: ['result'], message: 'holds no task id (id)', rule: 'missing_task_id' },
    ])
  })

  it('keeps unknown result fields', async () => {
    server.use(
      http.post(`${BASE}/api/v1/openai/image/generation/generate-image`, () =>
        envelope({ image_urls: ['https://x.test/1.png'], revised: 'yes' }),
      ),
    )
    const result: MediaResult = await client().openai.image.generate({ prompt: 'a kite' })
    expect(result).toEqual({ image_urls: ['https://x.test/1.png'], revised: 'yes' })
  })

  it('reads what it can do without leniently: null absent, numeric text, any timestamp', async () => {
    server.use(
      http.post(`${BASE}/api/v1/openai/image/generation/generate-image`, () =>
        envelope({
          image_url: null,
          image_urls: ['https://x.test/1.png'],
          seed: '42',
          prompt: 7,
          refined_prompt: null,
        }),
      ),
      http.get(`${BASE}/api/v1/bria-lora/projects/3`, () =>
        envelope({ id: 3, project_name: null, created_at: 1_741_944_413 }),
      ),
      http.get(`${BASE}/api/v1/bria-lora/datasets`, () =>
        envelope([{ id: 5, project_id: '3', created_at: '2025-03-14 09:26:53' }]),
      ),
    )
    const studio = client()
    const media = await studio.openai.image.generate({ prompt: 'a kite' })
    expect(media).toEqual({ image_urls: ['https://x.test/1.png'], seed: 42 })
    const project = await studio.loRA.projects.get(3)
    expect(project).toEqual({ id: 3, created_at: '2025-03-14T09:26:53.000Z' })
    const datasets = await studio.loRA.datasets.list()
    expect(datasets).toEqual([{ id: 5, project_id: 3, created_at: '2025-03-14T09:26:53.000Z' }])
  })

  it('stays strict on what it reads: media URLs and a LoRA record’s id', async () => {
    server.use(
      http.post(`${BASE}/api/v1/openai/image/generation/generate-image`, () =>
        envelope({ image_url: 5, seed: 1 }),
      ),
      http.get(`${BASE}/api/v1/bria-lora/projects/3`, () => envelope({ project_name: 'Mascots' })),
    )
    const studio = client()
    const media = await studio.openai.image
      .generate({ prompt: 'a kite' })
      .catch((caught: unknown) => caught)
    expect(media).toBeInstanceOf(ResponseShapeError)
    expect((media as ResponseShapeError).issues[0]!.path).toEqual(['result', 'image_url'])
    const project = await studio.loRA.projects.get(3).catch((caught: unknown) => caught)
    expect(project).toBeInstanceOf(ResponseShapeError)
    expect((project as ResponseShapeError).issues[0]!.path).toEqual(['result', 'id'])
  })

  it('takes the task id from any of its names, whatever the others hold', async () => {
    server.use(
      http.post(`${BASE}/api/v1/runway/image/generation/generate-image`, () =>
        envelope({ id: 'task-9', task_id: null, status: 5, createdAt: 1_741_944_413_000 }),
      ),
      http.post(`${BASE}/api/v1/firefly/image/generation/generate-image`, () =>
        envelope({ jobId: 12, job_id: 'job-12', statusUrl: null }),
      ),
    )
    const studio = client()
    const runway = await studio.runway.image.generate({ prompt: 'x' })
    expect(runway.taskId).toBe('task-9')
    expect(runway.accepted.createdAt).toBe('2025-03-14T09:26:53.000Z')
    const firefly = await studio.firefly.image.generate({ prompt: 'x', x_model_version: 'image3' })
    expect(firefly.taskId).toBe('job-12')
  })
})

describe('request kinds and retries', () => {
  it('retries a status read after a 503, never a submit after a 500', async () => {
    let reads = 0
    let submits = 0
    server.use(
      http.get(`${BASE}/api/v1/runway/status/:id`, () => {
        reads++
        return reads === 1
          ? HttpResponse.json({ detail: 'busy' }, { status: 503 })
          : envelope({ id: 't', status: 'RUNNING', progress: 0.5 })
      }),
      http.post(`${BASE}/api/v1/runway/video/generation/generate-video-from-text`, () => {
        submits++
        return HttpResponse.json({ detail: 'boom' }, { status: 500 })
      }),
    )
    const studio = client({ retry: { limit: 2, minDelayMs: 1, maxDelayMs: 2 } })
    await expect(studio.runway.status('t')).resolves.toMatchObject({ status: 'RUNNING' })
    expect(reads).toBe(2)
    await expect(studio.runway.video.generateFromText({ prompt: 'waves' })).rejects.toBeInstanceOf(
      ProviderError,
    )
    expect(submits).toBe(1)
  })

  it('sends a multipart upload with the file and its name', async () => {
    server.use(
      http.post(`${BASE}/api/v1/firefly/upload`, () => envelope({ images: [{ id: 'up-9' }] })),
    )
    const file = new File([FILE_BYTES], 'product.png', { type: 'image/png' })
    await expect(client().firefly.upload({ file })).resolves.toEqual({ images: [{ id: 'up-9' }] })
    const [request] = await requests()
    expect(request!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    const part = request!.form!.get('file') as File
    expect(part.name).toBe('product.png')
    expect(part.type).toBe('image/png')
  })
})

describe('tasks', () => {
  const cases = [
    [{ route: 'bria', body: { status: 'IN_PROGRESS', request_id: 'r' } }, { state: 'running' }],
    [{ route: 'bria', body: { status: 'UNKNOWN', request_id: 'r' } }, { state: 'queued' }],
    [
      {
        route: 'bria',
        body: {
          status: 'COMPLETED',
          request_id: 'r',
          result: { image_url: 'https://c.test/a.png', seed: 1 },
        },
      },
      { state: 'completed', urls: ['https://c.test/a.png'] },
    ],
    [
      {
        route: 'bria',
        body: { status: 'ERROR', request_id: 'r', error: { message: 'NSFW', code: 451 } },
      },
      { state: 'failed', error: { message: 'NSFW', code: '451' } },
    ],
    [
      { route: 'firefly', body: { status: 'running', progress: 40 } },
      { state: 'running', progress: 0.4 },
    ],
    [
      {
        route: 'firefly',
        body: {
          status: 'succeeded',
          result: { outputs: [{ image: { url: 'https://c.test/f.png' } }] },
          statusUrl: 'https://x.test/s',
        },
      },
      { state: 'completed', urls: ['https://c.test/f.png'] },
    ],
    [{ route: 'firefly', body: { status: 'canceled' } }, { state: 'canceled' }],
    [{ route: 'runway', body: { status: 'THROTTLED' } }, { state: 'queued' }],
    [
      { route: 'runway', body: { status: 'RUNNING', progress: 0.25 } },
      { state: 'running', progress: 0.25 },
    ],
    [
      { route: 'runway', body: { status: 'SUCCEEDED', output: ['https://c.test/v.mp4'] } },
      { state: 'completed', urls: ['https://c.test/v.mp4'] },
    ],
    [
      { route: 'runway', body: { status: 'FAILED', failure: 'moderation', failureCode: 'SAFETY' } },
      { state: 'failed', error: { message: 'moderation', code: 'SAFETY' } },
    ],
    [{ route: 'runway', body: { status: 'CANCELLED' } }, { state: 'canceled' }],
  ] as const
  for (const [given, expected] of cases) {
    it(`reads ${given.route} ${given.body.status} as ${expected.state}`, async () => {
      server.use(
        http.get(`${BASE}/api/v1/${given.route}/status/:id`, () =>
          given.route === 'bria' ? HttpResponse.json(given.body) : envelope(given.body),
        ),
      )
      const status = await client().tasks.status({ route: given.route, taskId: 'id-1' })
      expect(status).toMatchObject({ ...expected, providerStatus: given.body.status })
    })
  }

  it('passes on Retry-After as retryAfterMs', async () => {
    server.use(
      http.get(`${BASE}/api/v1/runway/status/:id`, () =>
        HttpResponse.json(
          { status: 'success', result: { status: 'PENDING' } },
          { headers: { 'retry-after': '2' } },
        ),
      ),
    )
    expect(await client().tasks.status({ route: 'runway', taskId: 't' })).toMatchObject({
      state: 'queued',
      retryAfterMs: 2000,
    })
  })

  it('cancels Firefly and Runway tasks with DELETE, and refuses Bria ones', async () => {
    server.use(
      http.delete(`${BASE}/api/v1/:provider/cancel/:id`, () => envelope({ message: 'canceled' })),
    )
    const studio = client()
    await studio.tasks.cancel({ route: 'firefly', taskId: 'job 1' })
    await studio.tasks.cancel({ route: 'runway', taskId: 'task-2' })
    const paths = (await requests()).map((request) => `${request.method} ${request.url.pathname}`)
    expect(paths).toEqual([
      'DELETE /api/v1/firefly/cancel/job%201',
      'DELETE /api/v1/runway/cancel/task-2',
    ])
    await expect(studio.tasks.cancel({ route: 'bria', taskId: 'r' })).rejects.toThrow(
      /no cancel route/,
    )
  })
})

describe('types', () => {
  it('types sync-flag methods by the sync value, async ones as tasks', () => {
    const studio = client()
    type Generate = typeof studio.bria.image.generate
    expectTypeOf<
      ReturnType<Extract<Generate, (body: { prompt: string; sync: false }) => unknown>>
    >().toBeObject()
    const later = () => studio.bria.image.generate({ prompt: 'a fox', sync: false })
    expectTypeOf(later).returns.resolves.toEqualTypeOf<VisionStudioTask<'bria'>>()
    const now = () => studio.bria.image.generate({ prompt: 'a fox' })
    expectTypeOf(now).returns.resolves.toEqualTypeOf<MediaResult>()
    const byDefault = () => studio.bria.image.upscale({ image: 'https://x.test/a.png' })
    expectTypeOf(byDefault).returns.resolves.toEqualTypeOf<VisionStudioTask<'bria'>>()
    const runway = () => studio.runway.video.generateFromImage({ prompt: 'x' })
    expectTypeOf(runway).returns.resolves.toEqualTypeOf<VisionStudioTask<'runway'>>()
    expectTypeOf(studio.loRA.datasets.images.get)
      .parameter(0)
      .toEqualTypeOf<{ dataset_id: string | number; image_id: number }>()
  })

  it('types results as their readers output them: what may be absent is optional', () => {
    const studio = client()
    const now = () => studio.bria.image.generate({ prompt: 'a fox' })
    type Media = Awaited<ReturnType<typeof now>>
    expectTypeOf<Media['seed']>().toEqualTypeOf<number | undefined>()
    expectTypeOf<Media['image_urls']>().toEqualTypeOf<string[] | undefined>()
    expectTypeOf<Media>().toHaveProperty('image_url')
    type Project = Awaited<ReturnType<typeof studio.loRA.projects.get>>
    // The id a record is addressed by is always there; the rest may not be.
    expectTypeOf<Project['id']>().toEqualTypeOf<number | string>()
    expectTypeOf<Project['created_at']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<Project['project_name']>().toEqualTypeOf<string | undefined>()
    type Datasets = Awaited<ReturnType<typeof studio.loRA.datasets.list>>
    expectTypeOf<Datasets[number]['project_id']>().toEqualTypeOf<number | string | undefined>()
  })
})
