/**
 * The two entries: `@atelier/vlmrun` (the driver, without the client class, so a bundle of the
 * driver keeps only the endpoints its tasks call) and `@atelier/vlmrun/client` (the class, its
 * transport and every endpoint function); and a client built on a driver's transport sending
 * its requests through that driver's HTTP client.
 */
import * as root from '@atelier/vlmrun'
import { vlmrun } from '@atelier/vlmrun'
import * as entry from '@atelier/vlmrun/client'
import { createVlmRunTransport, listPredictions, VlmRunClient } from '@atelier/vlmrun/client'
import { describe, expect, it } from 'vitest'

const KEY = 'vlm-entry-test-key'
const BASE = 'https://api.vlm.test'
const PREDICTION = { id: 'pred_1', status: 'completed', response: { caption: 'a cat' } }

/** A fetch that answers every call with a prediction (or a list of one) and records it. */
function recordingFetch() {
  const calls: { method: string; url: URL; authorization: string | null; app: string | null }[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    calls.push({
      method: request.method,
      url,
      authorization: request.headers.get('authorization'),
      app: request.headers.get('x-app'),
    })
    const body = url.pathname === '/v1/predictions' ? [PREDICTION] : PREDICTION
    return Response.json(body, { status: request.method === 'POST' ? 201 : 200 })
  }
  return { calls, fetch: fetch as typeof globalThis.fetch }
}

describe('entries', () => {
  it('the package root has no client class', () => {
    expect(Object.keys(root)).not.toContain('VlmRunClient')
    expect(Object.keys(root)).not.toContain('ImageApi')
    expect(Object.keys(root)).not.toContain('PredictionsApi')
    // What the driver and direct calls need stays at the root.
    expect(typeof root.vlmrun).toBe('function')
    expect(typeof root.verifyVlmRunCallback).toBe('function')
    expect(typeof root.generateImagePrediction).toBe('function')
    expect(root.ENDPOINTS.length).toBeGreaterThan(0)
  })

  it('@atelier/vlmrun/client has the class, the transport and every endpoint function', () => {
    for (const name of [
      'VlmRunClient',
      'createVlmRunTransport',
      'generateImagePrediction',
      'getPrediction',
      'getPredictionWithHeaders',
      'listPredictions',
    ]) {
      expect(typeof (entry as Record<string, unknown>)[name], name).toBe('function')
    }
  })
})

describe('a client on a driver transport', () => {
  it('sends its calls through the driver HTTP client: its fetch, key and headers', async () => {
    const network = recordingFetch()
    const driver = vlmrun({
      apiKey: KEY,
      baseUrl: BASE,
      headers: { 'x-app': 'shared' },
      fetch: network.fetch,
      retry: { limit: 0 },
    })
    const client = new VlmRunClient(driver.transport)
    expect(client.transport).toBe(driver.transport)
    expect(client.http).toBe(driver.transport.http)
    expect(client.baseUrl).toBe(BASE)

    await client.image.generate({ images: ['https://e.com/a.png'], domain: 'image.caption' })
    expect((await client.predictions.get('pred_1')).id).toBe('pred_1')
    expect((await client.predictions.list()).map((prediction) => prediction.id)).toEqual(['pred_1'])
    // The functions take the same transport the class wraps.
    expect(await listPredictions(driver.transport, { limit: 1 })).toHaveLength(1)

    expect(network.calls.map((call) => `${call.method} ${call.url.pathname}`)).toEqual([
      'POST /v1/image/generate',
      'GET /v1/predictions/pred_1',
      'GET /v1/predictions',
      'GET /v1/predictions',
    ])
    for (const call of network.calls) {
      expect(call.url.origin).toBe(BASE)
      expect(call.authorization).toBe(`Bearer ${KEY}`)
      expect(call.app).toBe('shared')
    }
  })

  it('a driver reuses a given transport, or a client transport', () => {
    const transport = createVlmRunTransport({ apiKey: KEY, baseUrl: BASE })
    expect(vlmrun({ transport }).transport).toBe(transport)
    const client = new VlmRunClient({ apiKey: KEY, baseUrl: BASE })
    expect(vlmrun({ client }).transport).toBe(client.transport)
  })
})
