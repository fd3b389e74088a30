/**
 * The VLM Run API document's own example (seed 002, `fixtures/seeds/002`) sent as raw HTTP to
 * the emulator: the `POST /v1/image/generate` example is accepted as the document writes it (its
 * token, headers and body, with the two placeholders its reading fills in), and the emulator's
 * prediction — from the submit and from `GET /v1/predictions/{id}` — has the shape of the one
 * the document prints: every key path present, with the same JSON type (`"<any>"`, the
 * document's placeholder for `response: any | null`, matches any type).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { shapeProblems } from '../../../fixtures/seeds/checks'
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

/** The document's placeholder for `response: any | null`: present, of any type. */
const ANY = '<any>'

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
    expect(shapeProblems(exampleAnswer, answer, { anyValue: ANY })).toEqual([])
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
    expect(shapeProblems(exampleAnswer, answer, { anyValue: ANY })).toEqual([])
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
