/**
 * The VLM Run API document's own example (seed 002, `fixtures/seeds/002`) sent as raw HTTP to
 * the emulator: the `POST /v1/image/generate` example is accepted as the document writes it (its
 * token, headers and body, with the two placeholders its reading fills in), and the emulator's
 * prediction — from the submit and from `GET /v1/predictions/{id}` — has the shape of the one
 * the document prints: every key path present, with the same JSON type (`"<any>"`, the
 * document's placeholder for `response: any | null`, matches any type).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { seedExamples } from '../../../fixtures/seeds/index'
import { type RunningServer, serve } from '../src'
import { createVlmRunEmulator } from '../src/vlmrun'

/** The token the example writes (`Authorization: Bearer <token>`). */
const EXAMPLE_TOKEN = '<token>'
const [example] = seedExamples('002')
const request = example!.request!
const exampleAnswer = example!.response!.body
/** The example's body with the placeholders its reading fills in (`expect.placeholders`). */
const filledBody = {
  ...(request.body as Record<string, unknown>),
  ...(example!.expect?.placeholders as Record<string, unknown>),
}

type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean' | 'any'
const typeOf = (value: unknown): JsonType =>
  value === '<any>'
    ? 'any'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : (typeof value as JsonType)

/** Every key path of `value` with its JSON type (`usage.credits_used: number`). */
function shapeOf(value: unknown, prefix = ''): Record<string, JsonType> {
  const shape: Record<string, JsonType> = {}
  if (typeOf(value) !== 'object') return shape
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key
    shape[path] = typeOf(field)
    Object.assign(shape, shapeOf(field, path))
  }
  return shape
}

/** The example's key paths read from `answer`: their types there, `any` where the example allows any. */
function shapeIn(answer: unknown): Record<string, string> {
  const expected = shapeOf(exampleAnswer)
  const found: Record<string, string> = {}
  for (const [path, type] of Object.entries(expected)) {
    let value: unknown = answer
    for (const key of path.split('.')) {
      value =
        typeOf(value) === 'object' && key in (value as object)
          ? (value as Record<string, unknown>)[key]
          : undefined
    }
    found[path] = value === undefined ? 'missing' : type === 'any' ? 'any' : typeOf(value)
  }
  return found
}

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function start() {
  const callbacks: string[] = []
  const emulator = createVlmRunEmulator({
    apiKey: EXAMPLE_TOKEN,
    syncMs: 5,
    // The example's callback_url is a placeholder host: record the call instead of sending it.
    callbackFetch: async (input) => {
      callbacks.push(String(input))
      return new Response(null, { status: 204 })
    },
  })
  const server = await serve(emulator.handler)
  servers.push({
    ...server,
    close: async () => {
      emulator.reset()
      await server.close()
    },
  })
  const send = (
    body: unknown,
    path = request.path,
    method = request.method,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...request.headers, ...headers },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    })
  return { emulator, send, callbacks }
}

describe('vlmrun emulator: the API document example', () => {
  it('accepts the request example and answers 201 with a prediction in the shape of the example', async () => {
    const { send, emulator, callbacks } = await start()
    const response = await send(filledBody)
    const answer = (await response.json()) as { id: string }
    expect(response.status, JSON.stringify(answer)).toBe(example!.response!.status)
    expect(shapeIn(answer)).toEqual(shapeOf(exampleAnswer))
    expect(emulator.state.predictions.get(answer.id)?.request).toEqual(filledBody)
    await emulator.callbacksSettled()
    expect(callbacks).toEqual([filledBody.callback_url])
  })

  it('reads the prediction back from GET /v1/predictions/{id} in the same shape', async () => {
    const { send } = await start()
    const created = (await (await send(filledBody)).json()) as { id: string }
    const response = await send(undefined, `/v1/predictions/${created.id}`, 'GET')
    expect(response.status).toBe(200)
    const answer = (await response.json()) as { id: string }
    expect(answer.id).toBe(created.id)
    expect(shapeIn(answer)).toEqual(shapeOf(exampleAnswer))
  })

  it('refuses the literal "<string>" image, which is neither base64 nor a URL (the reading)', async () => {
    const { send } = await start()
    const response = await send(request.body)
    expect(response.status).toBe(422)
    const { detail } = (await response.json()) as { detail: { loc: unknown[] }[] }
    expect(detail.map((item) => item.loc)).toEqual([['body', 'images', 0]])
  })

  it('refuses the example under another token', async () => {
    const { send } = await start()
    const response = await send(filledBody, request.path, 'POST', {
      authorization: 'Bearer other',
    })
    expect(response.status).toBe(401)
  })
})
