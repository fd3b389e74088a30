/**
 * The example driver against a real HTTP server on the loopback interface, used the two ways
 * an app can: through the facade (`createAtelier`) and through core alone (`startJob`).
 */
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ProviderError, startJob, ValidationError } from '@atelier/core'
import { createAtelier } from 'atelier'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { openAIImages } from './openai-images'

const KEY = 'sk-test-0123456789abcdef'
/** A PNG signature and a few bytes: what the server hands back, as base64 or as a file. */
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

interface Seen {
  method: string
  url: string
  authorization: string | undefined
  body: Record<string, unknown> | undefined
}

/** What the server saw, in order, and how it answers the next generation request. */
const seen: Seen[] = []
let answer: (body: Record<string, unknown>, baseUrl: string) => { status: number; json: unknown }
let baseUrl = ''

const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined
  seen.push({
    method: request.method ?? '',
    url: request.url ?? '',
    authorization: request.headers.authorization,
    body,
  })
  if (request.method === 'GET' && request.url?.startsWith('/files/')) {
    response.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    return
  }
  if (request.method !== 'POST' || request.url !== '/v1/images/generations' || !body) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}')
    return
  }
  const { status, json } = answer(body, baseUrl)
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
})

/** An OpenAI-like answer: `n` images, as base64 or as URLs on this server, as asked. */
function images(body: Record<string, unknown>, base: string) {
  const count = typeof body.n === 'number' ? body.n : 1
  const data = Array.from({ length: count }, (_, index) =>
    body.response_format === 'url'
      ? { url: `${base}/files/${index}.png` }
      : { b64_json: Buffer.from(PNG).toString('base64'), revised_prompt: 'a lighthouse, dusk' },
  )
  return { status: 200, json: { created: 1_767_225_600, data } }
}

beforeAll(async () => {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  server.close()
  await once(server, 'close')
})

beforeEach(() => {
  seen.length = 0
  answer = images
})

const generations = () => seen.filter((request) => request.url === '/v1/images/generations')

it('derives its capabilities from the handler', () => {
  const driver = openAIImages({ baseUrl: 'http://127.0.0.1:1', apiKey: KEY })
  expect(driver.id).toBe('openai-images')
  expect(driver.capabilities).toEqual({
    'image.generate': {
      cancel: 'local',
      resumable: false,
      models: ['gpt-image-1', 'dall-e-3', 'dall-e-2'],
    },
  })
})

it('generates through createAtelier: the body and key sent, the bytes returned', async () => {
  const ai = createAtelier({ providers: [openAIImages({ baseUrl, apiKey: KEY })] })

  const output = await ai.image.generate({
    model: 'openai-images/dall-e-3',
    prompt: 'a lighthouse at dusk',
    n: 2,
    size: { width: 1024, height: 768 },
    seed: 7,
    providerOptions: { 'openai-images': { quality: 'hd', style: 'vivid' } },
  })

  expect(generations()).toEqual([
    {
      method: 'POST',
      url: '/v1/images/generations',
      authorization: `Bearer ${KEY}`,
      body: {
        model: 'dall-e-3',
        prompt: 'a lighthouse at dusk',
        n: 2,
        size: '1024x768',
        response_format: 'b64_json',
        quality: 'hd',
        style: 'vivid',
      },
    },
  ])
  expect(output.images).toHaveLength(2)
  expect(output.images[0]!.mediaType).toBe('image/png')
  expect(await output.images[1]!.bytes()).toEqual(PNG)
  expect(output.revisedPrompt).toBe('a lighthouse, dusk')
  // Found at submit, carried by core into the output.
  expect(output.warnings).toEqual([
    {
      type: 'unsupported-option',
      option: 'seed',
      details: 'an OpenAI-compatible image server has no such field',
    },
  ])
})

it('generates through startJob: a finished job, its files fetched from the URLs given', async () => {
  const driver = openAIImages({ baseUrl, apiKey: KEY })

  const job = await startJob(driver, 'image.generate', {
    model: 'gpt-image-1',
    prompt: 'a red panda',
    // Any option the driver did not fill from a shared field may replace a default of its own.
    providerOptions: { 'openai-images': { response_format: 'url' } },
  })

  expect(job.snapshot?.state).toBe('completed')
  expect(job.resumable).toBe(false)
  const { images } = await job.wait()
  expect(images[0]!.url).toBe(`${baseUrl}/files/0.png`)
  expect(await images[0]!.bytes()).toEqual(PNG)
  expect(generations()[0]!.body).toEqual({
    model: 'gpt-image-1',
    prompt: 'a red panda',
    n: 1,
    response_format: 'url',
  })
  // The file is on the API's own origin, so its download carries the key too.
  expect(seen.find((request) => request.url === '/files/0.png')?.authorization).toBe(
    `Bearer ${KEY}`,
  )
})

it('turns a 401 into a ProviderError with the status, the key kept out of it', async () => {
  answer = () => ({
    status: 401,
    json: { error: { message: `Incorrect API key provided: ${KEY}`, code: 'invalid_api_key' } },
  })
  const ai = createAtelier({ providers: [openAIImages({ baseUrl, apiKey: KEY })] })

  const error = await ai.image
    .generate({ model: 'openai-images/dall-e-3', prompt: 'a lighthouse' })
    .catch((thrown: unknown) => thrown)

  expect(error).toBeInstanceOf(ProviderError)
  expect(error).toMatchObject({ status: 401, providerCode: 'invalid_api_key', isRetryable: false })
  expect(JSON.stringify(error)).not.toContain(KEY)
  expect((error as ProviderError).message).not.toContain(KEY)
  // Not retried: a 401 will not pass by asking again.
  expect(generations()).toHaveLength(1)
})

it('refuses a provider option that would overwrite the prompt, before any request', async () => {
  const driver = openAIImages({ baseUrl, apiKey: KEY })

  const error = await startJob(driver, 'image.generate', {
    model: 'dall-e-3',
    prompt: 'a lighthouse',
    providerOptions: { 'openai-images': { prompt: 'something else' } },
  }).catch((thrown: unknown) => thrown)

  expect(error).toBeInstanceOf(ValidationError)
  expect((error as ValidationError).issues).toEqual([
    {
      path: ['providerOptions', 'openai-images', 'prompt'],
      message: 'is set from `prompt`; set that field instead',
      rule: 'overrides_task_field',
    },
  ])
  expect(seen).toEqual([])
})

it('refuses a bad provider option value naming the field, before any request', async () => {
  const driver = openAIImages({ baseUrl, apiKey: KEY })

  const error = await startJob(driver, 'image.generate', {
    model: 'dall-e-3',
    prompt: 'a lighthouse',
    providerOptions: { 'openai-images': { quality: 'ultra' } },
  }).catch((thrown: unknown) => thrown)

  expect(error).toBeInstanceOf(ValidationError)
  expect((error as ValidationError).field).toBe('providerOptions.openai-images.quality')
  expect((error as ValidationError).message).toContain('must be one of standard, hd')
  expect(seen).toEqual([])
})

it('types the provider options at the facade from the handler schema', async () => {
  const ai = createAtelier({ providers: [openAIImages({ baseUrl, apiKey: KEY })] })

  const error = await ai.image
    .generate({
      model: 'openai-images/dall-e-3',
      prompt: 'a lighthouse',
      // @ts-expect-error — `quality` takes the schema's values only
      providerOptions: { 'openai-images': { quality: 'ultra' } },
    })
    .catch((thrown: unknown) => thrown)

  expect((error as ValidationError).field).toBe('providerOptions.openai-images.quality')
  expect(seen).toEqual([])
})

it('asks for more images than one call makes in several calls, joined into one output', async () => {
  const driver = openAIImages({ baseUrl, apiKey: KEY, maxImagesPerCall: 2 })

  const job = await startJob(driver, 'image.generate', {
    model: 'dall-e-2',
    prompt: 'five red pandas',
    n: 5,
  })
  const { images } = await job.wait()

  expect(generations().map((request) => request.body?.n)).toEqual([2, 2, 1])
  expect(images).toHaveLength(5)
  expect(await images[4]!.bytes()).toEqual(PNG)
})
