/**
 * The Vision Studio emulator's request rules, read from seed 003 by the emulator itself: its
 * route table holds every endpoint of the document, a body that breaks a rule the document's
 * schema states is refused with 422 and pydantic's `loc`/`type`, and a body that keeps them
 * is accepted — for at least one endpoint of every provider. Bodies a driver could send by
 * misreading the document (a Runway ratio it does not list, GPT Image's orientation labels
 * read as width:height) are caught.
 */
import { describe, expect, it } from 'vitest'
import { seedText } from '../../../fixtures/seeds/index'
import { inspectPng } from '../src/media'
import { createVisionStudioEmulator } from '../src/vision-studio'
import { DOCUMENT_ENDPOINTS } from '../src/vision-studio/document'
import { urlProblem } from '../src/vision-studio/json-schema'
import { OPERATIONS } from '../src/vision-studio/operations'

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read freely in these tests.
type Json = any

const ORIGIN = 'http://studio.rules'
const seed = seedText('003')

function setup() {
  const emulator = createVisionStudioEmulator({ syncMs: 0, taskQueuedMs: 5, taskRunMs: 5 })
  const call = async (method: string, path: string, body?: unknown, key: string | null = 'k') => {
    const headers: Record<string, string> = key === null ? {} : { 'x-api-key': key }
    const init: RequestInit = { method, headers }
    if (body instanceof FormData) init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      headers['content-type'] = 'application/json'
    }
    const response = await emulator.handler(new Request(`${ORIGIN}${path}`, init))
    const type = response.headers.get('content-type') ?? ''
    return {
      status: response.status,
      json: (type.includes('json') ? await response.json() : undefined) as Json,
    }
  }
  const post = (path: string, body: unknown) => call('POST', path, body)
  return { emulator, call, post }
}

/** The `[loc, type]` of each 422 issue. */
const issues = (json: Json): [string, string][] =>
  (json.detail as { loc: (string | number)[]; type: string }[]).map((issue) => [
    issue.loc.join('.'),
    issue.type,
  ])

describe('the route table', () => {
  it('has every endpoint of the document', () => {
    const headings = seed
      ?.split(/\r?\n/)
      .filter((line) => /^(POST|GET|PUT|DELETE|PATCH) \/\S*$/.test(line))
    const documented = headings?.length ?? 91
    expect(DOCUMENT_ENDPOINTS).toHaveLength(documented)
    const served = createVisionStudioEmulator()
      .routes.filter((route) => !route.pattern.startsWith('/emulator/'))
      .map((route) => `${route.method} ${route.pattern}`)
    expect(served).toHaveLength(documented)
    if (headings) expect(served.sort()).toEqual([...headings].sort())
  })

  it('logs the document route a request reached', async () => {
    const { emulator, post } = setup()
    await post('/api/v1/prompt/enhance-prompt', { prompt: 'a lake' })
    await post('/api/v1/bria-lora/models/7/training/start', undefined)
    expect(emulator.state.requests.map((request) => request.endpoint)).toEqual([
      'POST /api/v1/prompt/enhance-prompt',
      'POST /api/v1/bria-lora/models/{model_id}/training/start',
    ])
  })

  it("reads each endpoint's execution from the document's words", () => {
    const mode = (route: string) => {
      const operation = OPERATIONS.find((candidate) => candidate.route === route)!
      return operation.execution
    }
    expect(mode('POST /api/v1/bria/image/generation/generate-image')).toEqual({
      mode: 'sync-flag',
      syncDefault: true,
      statusRoute: 'bria',
    })
    expect(mode('POST /api/v1/bria/image/editing/remove-background')).toMatchObject({
      mode: 'sync-flag',
      syncDefault: false,
    })
    // The description says "Default False", the schema `"default": true`: the schema rules.
    expect(
      mode('POST /api/v1/bria/image/editing-generation/generate-product-background-by-text'),
    ).toMatchObject({ mode: 'sync-flag', syncDefault: true })
    expect(mode('POST /api/v1/bria-lora/image/generation/generate-vector')).toMatchObject({
      statusRoute: 'bria',
    })
    expect(mode('POST /api/v1/firefly/image/editing-generation/inpaint')).toEqual({
      mode: 'async',
      statusRoute: 'firefly',
    })
    expect(mode('POST /api/v1/runway/audio/generation/text-to-speech')).toEqual({
      mode: 'async',
      statusRoute: 'runway',
    })
    expect(mode('POST /api/v1/google-vision/video/generation/generate-video')).toEqual({
      mode: 'sync',
    })
    expect(mode('POST /api/v1/openai/image/editing-generation/inpaint')).toEqual({ mode: 'sync' })
    const asynchronous = OPERATIONS.filter((operation) => operation.execution.mode === 'async')
    expect(asynchronous.map((operation) => operation.route.split('/')[3]).sort()).toEqual([
      'bria',
      ...Array(5).fill('firefly'),
      ...Array(7).fill('runway'),
    ])
  })

  it('runs Bria without `sync` as the schema default says', async () => {
    const { post } = setup()
    const generated = await post('/api/v1/bria/image/generation/generate-image', {
      prompt: 'a red fox',
    })
    expect(generated.json.result.image_url).toMatch(/^http:\/\/studio\.rules\/emulator\/files\//)
    const removed = await post('/api/v1/bria/image/editing/remove-background', {
      image: 'https://x.test/a.png',
    })
    expect(removed.json.result.request_id).toMatch(/^bria-/)
  })
})

describe('request bodies, per provider', () => {
  const cases: {
    provider: string
    path: string
    valid: Record<string, unknown>
    broken: { body: Record<string, unknown>; expected: [string, string][] }[]
  }[] = [
    {
      provider: 'prompt tools',
      path: '/api/v1/prompt/enhance-prompt',
      valid: { prompt: 'a lake', temperature: 2, model_provider: 'gemini' },
      broken: [
        { body: { prompt: 'ab' }, expected: [['body.prompt', 'string_too_short']] },
        {
          body: { prompt: 'a lake', temperature: 2.5 },
          expected: [['body.temperature', 'less_than_equal']],
        },
        { body: { prompt: 5 }, expected: [['body.prompt', 'string_type']] },
        { body: { temperature: 1 }, expected: [['body.prompt', 'missing']] },
      ],
    },
    {
      provider: 'captioning',
      path: '/api/v1/caption/image',
      valid: { image_url: 'https://x.test/a.png', possible_tags: null, nbr_tags: 20 },
      broken: [
        // `possible_tags` is nullable and still in `required`: it must be sent, if only as null.
        {
          body: { image_url: 'https://x.test/a.png' },
          expected: [['body.possible_tags', 'missing']],
        },
        {
          body: { image_url: 'https://x.test/a b.png', possible_tags: null },
          expected: [['body.image_url', 'url_parsing']],
        },
        {
          body: { image_url: 'https://x.test/a.png', possible_tags: null, nbr_tags: 21 },
          expected: [['body.nbr_tags', 'less_than_equal']],
        },
        {
          body: { image_url: 'https://x.test/a.png', possible_tags: ['cat', 3] },
          expected: [['body.possible_tags.1', 'string_type']],
        },
      ],
    },
    {
      provider: 'Bria',
      path: '/api/v1/bria/image/generation/generate-image',
      valid: { prompt: 'a red fox', aspect_ratio: '4:5', steps_num: 50, seed: null },
      broken: [
        {
          body: { prompt: 'a red fox', aspect_ratio: '21:9' },
          expected: [['body.aspect_ratio', 'literal_error']],
        },
        {
          body: { prompt: 'a red fox', steps_num: 10 },
          expected: [['body.steps_num', 'greater_than_equal']],
        },
        {
          body: { prompt: 'a red fox', guidance_method_1_scale: 1.5 },
          expected: [['body.guidance_method_1_scale', 'less_than_equal']],
        },
        { body: { prompt: 'a red fox', sync: 'later' }, expected: [['body.sync', 'bool_parsing']] },
      ],
    },
    {
      provider: 'Google (Imagen)',
      path: '/api/v1/google-vision/image/generation/generate-image',
      // Every field has a default in the document.
      valid: {},
      broken: [
        { body: { number_of_images: 5 }, expected: [['body.number_of_images', 'less_than_equal']] },
        { body: { aspect_ratio: '2:3' }, expected: [['body.aspect_ratio', 'literal_error']] },
        { body: { prompt: 'a fox', style: 'noir' }, expected: [['body.style', 'extra_forbidden']] },
      ],
    },
    {
      provider: 'OpenAI (GPT Image)',
      path: '/api/v1/openai/image/generation/generate-image',
      valid: { prompt: 'a red fox', aspect_ratio: '3:2', number_of_images: 10 },
      broken: [
        {
          body: { prompt: 'a red fox', aspect_ratio: '16:9' },
          expected: [['body.aspect_ratio', 'literal_error']],
        },
        {
          body: { prompt: 'a red fox', number_of_images: 1.5 },
          expected: [['body.number_of_images', 'int_from_float']],
        },
        { body: { prompt: 'ab' }, expected: [['body.prompt', 'string_too_short']] },
      ],
    },
    {
      provider: 'Firefly',
      path: '/api/v1/firefly/image/generation/generate-image',
      valid: { x_model_version: 'image3', prompt: 'a fox', size: { width: 1024, height: 1024 } },
      broken: [
        { body: { prompt: 'a fox' }, expected: [['body.x_model_version', 'missing']] },
        {
          body: { x_model_version: 'image3', prompt: 'a fox', size: { width: 'wide' } },
          expected: [['body.size.width', 'int_parsing']],
        },
        {
          body: { x_model_version: 'image3', prompt: 'a fox', size: { depth: 3 } },
          expected: [['body.size.depth', 'extra_forbidden']],
        },
      ],
    },
    {
      provider: 'Runway',
      path: '/api/v1/runway/video/generation/generate-video-from-text',
      valid: { prompt: 'a car on a snowy road', aspect_ratio: '720:1280', duration: 8 },
      broken: [
        // Runway's API knows more ratios; this endpoint lists two.
        {
          body: { prompt: 'a car', aspect_ratio: '1920:1080' },
          expected: [['body.aspect_ratio', 'literal_error']],
        },
        // "Veo 3 videos must be 8 seconds long" (`const: 8`).
        { body: { prompt: 'a car', duration: 5 }, expected: [['body.duration', 'literal_error']] },
        {
          body: { prompt: 'a car', model: 'gen4_turbo' },
          expected: [['body.model', 'literal_error']],
        },
        { body: { prompt: '' }, expected: [['body.prompt', 'string_too_short']] },
        { body: { prompt: 'a car', seed: -1 }, expected: [['body.seed', 'greater_than_equal']] },
      ],
    },
    {
      provider: 'Runway (image to video)',
      path: '/api/v1/runway/video/generation/generate-video-from-image',
      valid: { prompt: 'waves', image_url: 'https://x.test/a.png', duration: 5 },
      broken: [
        { body: { prompt: 'waves', duration: 7 }, expected: [['body.duration', 'literal_error']] },
        {
          body: { prompt: 'waves', image_url: 'ftp://x.test/a.png' },
          expected: [['body.image_url', 'url_scheme']],
        },
      ],
    },
    {
      provider: 'LoRA',
      path: '/api/v1/bria-lora/projects',
      valid: { project_name: 'Mugs', ip_medium: 'photography', ip_type: 'object_variants' },
      broken: [
        {
          body: { project_name: 'Mugs', ip_medium: 'video', ip_type: 'style' },
          expected: [['body.ip_medium', 'literal_error']],
        },
        {
          body: { project_name: '', ip_medium: 'photography', ip_type: 'style' },
          expected: [['body.project_name', 'string_too_short']],
        },
        {
          body: { project_name: 'Mugs' },
          expected: [
            ['body.ip_medium', 'missing'],
            ['body.ip_type', 'missing'],
          ],
        },
      ],
    },
  ]

  for (const { provider, path, valid, broken } of cases) {
    it(`${provider}: refuses what breaks the document's rules, accepts what keeps them`, async () => {
      const { post } = setup()
      for (const { body, expected } of broken) {
        const answer = await post(path, body)
        expect(answer.status, JSON.stringify(body)).toBe(422)
        expect(issues(answer.json), JSON.stringify(body)).toEqual(expected)
      }
      const accepted = await post(path, valid)
      expect(accepted.status, JSON.stringify(accepted.json)).toBe(200)
      expect(accepted.json.status).toBe('success')
    })
  }

  it('upload: takes a file part, refuses a text field or nothing in its place', async () => {
    const { post } = setup()
    const text = new FormData()
    text.append('file', 'not a file')
    expect(issues((await post('/api/v1/firefly/upload', text)).json)).toEqual([
      ['body.file', 'value_error'],
    ])
    expect(issues((await post('/api/v1/firefly/upload', new FormData())).json)).toEqual([
      ['body.file', 'missing'],
    ])
    const file = new FormData()
    file.append('file', new Blob([new Uint8Array(4)], { type: 'image/png' }), 'a.png')
    const uploaded = await post('/api/v1/firefly/upload', file)
    expect(uploaded.status).toBe(200)
    expect(uploaded.json.result.images[0].id).toMatch(/^upload-/)
  })

  it('parameters: integer path ids are parsed, string ones are not, query booleans read words', async () => {
    const { call } = setup()
    const image = await call('GET', '/api/v1/bria-lora/datasets/abc/images/x1')
    expect(issues(image.json)).toEqual([['path.image_id', 'int_parsing']])
    // `dataset_id` is a string in the document: any text reaches the route, which knows no such id.
    expect((await call('GET', '/api/v1/bria-lora/datasets/abc/images/1')).status).toBe(404)
    const project = await call('POST', '/api/v1/bria-lora/projects', {
      project_name: 'Mugs',
      ip_medium: 'photography',
      ip_type: 'style',
    })
    const id = project.json.result.id
    for (const word of ['true', 'On', '1', 'no']) {
      const listed = await call(
        'GET',
        `/api/v1/bria-lora/projects/${id}/datasets?include_models=${word}`,
      )
      expect(listed.status, word).toBe(200)
    }
    const bad = await call('GET', `/api/v1/bria-lora/projects/${id}/datasets?include_models=maybe`)
    expect(issues(bad.json)).toEqual([['query.include_models', 'bool_parsing']])
  })

  it('URL fields take absolute http(s) URLs with no spaces, non-ASCII characters or second #', () => {
    expect(urlProblem('https://x.test/a.png?x=1#top')).toBeUndefined()
    expect(urlProblem('http://x.test:8080/a')).toBeUndefined()
    expect(urlProblem('https://x.test/a b.png')).toBe('url_parsing')
    expect(urlProblem('https://x.test/café.png')).toBe('url_parsing')
    expect(urlProblem('https://x.test/a#b#c')).toBe('url_parsing')
    expect(urlProblem('/a.png')).toBe('url_parsing')
    expect(urlProblem('ftp://x.test/a.png')).toBe('url_scheme')
    expect(urlProblem('data:image/png;base64,AAAA')).toBe('url_scheme')
  })
})

describe("GPT Image's orientation labels", () => {
  // "aspect_ratio: The aspect ratio of the image. Options: "1:1" (square) "2:3" (landscape)
  // "3:2" (portrait)" — the document's labels, the reverse of width:height.
  for (const [ratio, width, height] of [
    ['2:3', 1536, 1024],
    ['3:2', 1024, 1536],
    ['1:1', 1024, 1024],
  ] as const) {
    it(`answers ${ratio} with a ${width}x${height} picture`, async () => {
      const { emulator, post } = setup()
      const answer = await post('/api/v1/openai/image/generation/generate-image', {
        prompt: 'a wide valley',
        aspect_ratio: ratio,
      })
      const url = answer.json.result.image_url as string
      const response = await emulator.handler(new Request(url))
      const png = inspectPng(new Uint8Array(await response.arrayBuffer()))
      expect([png.width, png.height]).toEqual([width, height])
    })
  }
})
