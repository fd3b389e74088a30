/** verifyVlmRunCallback: each check passes when it should and fails with its rule when it should not. */
import { createHmac } from 'node:crypto'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import {
  CallbackVerificationError,
  hmacDigest,
  timingSafeEqual,
  verifyVlmRunCallback,
} from '../src'
import { VlmRunClient } from '../src/client'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const prediction = {
  id: 'pred_42',
  status: 'completed',
  created_at: '2024-01-15T09:30:00Z',
  completed_at: '2024-01-15T09:30:04Z',
  usage: { elements_processed: 1, element_type: 'image', credits_used: 1 },
  response: { total: 120, currency: 'USD' },
}
const body = JSON.stringify(prediction)

async function rule(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(CallbackVerificationError)
  return (error as CallbackVerificationError).issues[0]!.rule
}

describe('verifyVlmRunCallback', () => {
  it('with no options checks the shape only and returns the delivered prediction', async () => {
    const result = await verifyVlmRunCallback({ body })
    expect(result).toEqual({ prediction, confirmed: false, checks: ['shape'] })
    expect(await rule(verifyVlmRunCallback({ body: 'not json' }))).toBe('invalid_json')
    expect(
      await rule(verifyVlmRunCallback({ body: JSON.stringify({ status: 'completed' }) })),
    ).toBe('shape')
    expect(await rule(verifyVlmRunCallback({ body }, { maxBodyBytes: 10 }))).toBe('too_big')
  })

  it('checks the prediction id against one, several, or a test', async () => {
    expect((await verifyVlmRunCallback({ body }, { expectedId: 'pred_42' })).checks).toEqual([
      'shape',
      'id',
    ])
    await verifyVlmRunCallback({ body }, { expectedId: ['pred_1', 'pred_42'] })
    await verifyVlmRunCallback({ body }, { expectedId: (id) => id.startsWith('pred_') })
    expect(await rule(verifyVlmRunCallback({ body }, { expectedId: 'pred_1' }))).toBe('id_mismatch')
  })

  it('checks a token in the callback URL, in constant time', async () => {
    const urlToken = { param: 'token', value: 's3cret-token' }
    const ok = await verifyVlmRunCallback(
      new Request('https://me.example.com/hooks?token=s3cret-token', { method: 'POST', body }),
      { urlToken },
    )
    expect(ok.checks).toEqual(['url-token', 'shape'])
    expect(
      await rule(
        verifyVlmRunCallback(
          { body, url: 'https://me.example.com/hooks?token=s3cret-tokex' },
          { urlToken },
        ),
      ),
    ).toBe('url_token')
    expect(
      await rule(verifyVlmRunCallback({ body, url: 'https://me.example.com/hooks' }, { urlToken })),
    ).toBe('url_token')
    expect(await rule(verifyVlmRunCallback({ body }, { urlToken }))).toBe('url_token')
  })

  it('checks a shared-secret header your proxy adds', async () => {
    const sharedSecret = { header: 'X-Proxy-Secret', value: 'p-123' }
    await verifyVlmRunCallback({ body, headers: { 'x-proxy-secret': 'p-123' } }, { sharedSecret })
    expect(
      await rule(
        verifyVlmRunCallback({ body, headers: { 'x-proxy-secret': 'p-124' } }, { sharedSecret }),
      ),
    ).toBe('shared_secret')
    expect(await rule(verifyVlmRunCallback({ body }, { sharedSecret }))).toBe('shared_secret')
  })

  it('checks an HMAC of the raw body your proxy adds (hex or base64, with a prefix)', async () => {
    const secret = 'hmac-secret'
    const hex = createHmac('sha256', secret).update(body).digest('hex')
    expect(await hmacDigest(new TextEncoder().encode(body), secret)).toBe(hex)
    const hmac = { header: 'x-signature', secret, prefix: 'sha256=' }
    const ok = await verifyVlmRunCallback(
      { body, headers: new Headers({ 'x-signature': `sha256=${hex.toUpperCase()}` }) },
      { hmac },
    )
    expect(ok.checks).toEqual(['hmac', 'shape'])
    const b64 = createHmac('sha512', secret).update(body).digest('base64')
    await verifyVlmRunCallback(
      { body: new TextEncoder().encode(body), headers: { 'x-sig': b64 } },
      { hmac: { header: 'x-sig', secret, algorithm: 'SHA-512', encoding: 'base64' } },
    )
    // The HMAC covers the exact bytes: a re-serialised body fails.
    const reformatted = JSON.stringify(prediction, null, 2)
    expect(
      await rule(
        verifyVlmRunCallback(
          { body: reformatted, headers: { 'x-signature': `sha256=${hex}` } },
          { hmac },
        ),
      ),
    ).toBe('hmac')
    expect(await rule(verifyVlmRunCallback({ body }, { hmac }))).toBe('hmac')
  })

  it('confirms with the API and returns its copy; refuses a body the API contradicts', async () => {
    const client = new VlmRunClient({
      apiKey: 'vlm-key-callback',
      baseUrl: 'https://api.vlm.test',
      retry: { limit: 0 },
    })
    const seen: (string | null)[] = []
    server.use(
      http.get('https://api.vlm.test/v1/predictions/:id', ({ request, params }) => {
        seen.push(request.headers.get('authorization'))
        return params.id === 'pred_42'
          ? HttpResponse.json({ ...prediction, response: { total: 99, currency: 'EUR' } })
          : HttpResponse.json({ id: params.id, status: 'running' })
      }),
    )
    const confirmed = await verifyVlmRunCallback(
      { body },
      { confirmWith: client, schema: z.object({ total: z.number(), currency: z.string() }) },
    )
    expect(confirmed.confirmed).toBe(true)
    expect(confirmed.checks).toEqual(['shape', 'api'])
    // The API's copy wins over the delivered body.
    expect(confirmed.prediction.response).toEqual({ total: 99, currency: 'EUR' })
    expect(seen).toEqual(['Bearer vlm-key-callback'])
    const contradicted = JSON.stringify({ id: 'pred_7', status: 'completed' })
    expect(await rule(verifyVlmRunCallback({ body: contradicted }, { confirmWith: client }))).toBe(
      'api_mismatch',
    )
  })

  it('parses the response with your schema', async () => {
    const typed = await verifyVlmRunCallback({ body }, { schema: z.object({ total: z.number() }) })
    const total: number | undefined = typed.prediction.response?.total
    expect(total).toBe(120)
    await expect(
      verifyVlmRunCallback({ body }, { schema: z.object({ total: z.string() }) }),
    ).rejects.toThrow(/does not match your schema/)
  })
})

describe('timingSafeEqual', () => {
  it('compares strings and bytes', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true)
    expect(timingSafeEqual('abc', 'abd')).toBe(false)
    expect(timingSafeEqual('abc', 'abcd')).toBe(false)
    expect(timingSafeEqual('', '')).toBe(true)
    expect(timingSafeEqual('', 'a')).toBe(false)
    expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true)
  })
})
