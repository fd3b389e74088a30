/**
 * The two entries: `@atelier/canary` (the driver, schemas, endpoint functions and transport,
 * but not the client class, so a bundle of the driver keeps only the endpoints its tasks call)
 * and `@atelier/canary/client` (the class, its transport and every endpoint function); and a
 * client built on a driver's transport sending its requests through that same connection.
 */

import * as root from '@atelier/canary'
import { canary, ENDPOINTS } from '@atelier/canary'
import * as entry from '@atelier/canary/client'
import {
  CanaryClient,
  CanaryTransport,
  generateImage,
  getQueueStatus,
  isCanaryTransport,
  listVisionModels,
} from '@atelier/canary/client'
import { type RequestEvent, systemClock } from '@atelier/core'
import { describe, expect, it } from 'vitest'

const BASE = 'https://canary.entry.test'
const KEY = 'clk_live_entry_test_key'

/** A fetch that answers the few endpoints used here and records every request. */
function recordingFetch() {
  const calls: {
    method: string
    path: string
    authorization: string | null
    app: string | null
  }[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    const path = new URL(request.url).pathname
    calls.push({
      method: request.method,
      path,
      authorization: request.headers.get('authorization'),
      app: request.headers.get('x-app'),
    })
    const data =
      path === '/api/vision/models'
        ? { models: [{ id: 'yolo11n', name: 'YOLO 11 nano' }] }
        : path === '/api/llm/queue/status'
          ? { queueId: 'img_1', status: 'queued', position: 2 }
          : { queueId: 'img_1', status: 'queued' }
    return Response.json({ success: true, data })
  }
  return { calls, fetch: fetch as typeof globalThis.fetch }
}

/** The function or method at a dotted path such as `llm.generateImage`. */
function at(owner: object, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], owner)
}

describe('entries', () => {
  it('the package root has no client class', () => {
    for (const name of ['CanaryClient', 'LlmApi', 'QueueApi', 'VisionApi']) {
      expect(Object.keys(root), name).not.toContain(name)
    }
    // What the driver and direct calls need stays at the root.
    expect(typeof root.canary).toBe('function')
    expect(typeof root.CanaryTransport).toBe('function')
    expect(typeof root.generateImage).toBe('function')
    expect(typeof root.imageGenerateRequestSchema).toBe('object')
    expect(root.ENDPOINTS).toBe(ENDPOINTS)
  })

  it('@atelier/canary/client has the class, the transport and every endpoint function', () => {
    const functions = [
      'generateImage',
      'generateVideo',
      'generateAudio',
      'generateSoundEffect',
      'generateMusic',
      'generateDialogue',
      'transcribe',
      'generateCompletion',
      'getQueueStatus',
      'getQueueResult',
      'streamQueueEvents',
      'cancelQueueJob',
      'detectObjects',
      'detectZeroShot',
      'detectFaces',
      'detectWeb',
      'trainModel',
      'autoLabelImages',
      'autoTrainModel',
      'getTrainingStatus',
      'listVisionModels',
      'deleteVisionModel',
    ]
    // One function per endpoint of the table.
    expect(functions).toHaveLength(ENDPOINTS.length)
    for (const name of ['CanaryClient', 'CanaryTransport', ...functions]) {
      expect(typeof (entry as Record<string, unknown>)[name], name).toBe('function')
    }
    // Every row's clientMethod is still a method path on the class.
    const client = new CanaryClient({ baseUrl: BASE })
    for (const endpoint of ENDPOINTS) {
      expect(typeof at(client, endpoint.clientMethod), endpoint.clientMethod).toBe('function')
    }
  })
})

describe('a client on a driver transport', () => {
  it('sends its calls through the driver connection: its fetch, key, headers and the call hooks', async () => {
    const network = recordingFetch()
    const driver = canary({
      baseUrl: BASE,
      apiKey: KEY,
      headers: { 'x-app': 'shared' },
      fetch: network.fetch,
      retry: { limit: 0 },
    })
    const client = new CanaryClient(driver.transport)
    expect(client.transport).toBe(driver.transport)
    expect(client.http).toBe(driver.transport.http)
    expect(client.baseUrl).toBe(BASE)

    const requests: RequestEvent[] = []
    const hooks = { onRequest: (event: RequestEvent) => requests.push(event) }
    await expect(
      client.llm.generateImage({ provider: 'openai', prompt: 'a red panda' }, { hooks }),
    ).resolves.toEqual({ queueId: 'img_1', status: 'queued' })
    await expect(client.queue.status({ queueId: 'img_1' }, { hooks })).resolves.toMatchObject({
      position: 2,
    })
    // The functions take the same transport the class wraps.
    await expect(listVisionModels(driver.transport, { hooks })).resolves.toEqual({
      models: [{ id: 'yolo11n', name: 'YOLO 11 nano' }],
    })
    // And the driver itself, on the same connection.
    await expect(driver.listModels?.({ clock: systemClock })).resolves.toMatchObject([
      { id: 'yolo11n' },
    ])

    expect(network.calls).toEqual([
      {
        method: 'POST',
        path: '/api/llm/generate-image',
        authorization: `Bearer ${KEY}`,
        app: 'shared',
      },
      {
        method: 'POST',
        path: '/api/llm/queue/status',
        authorization: `Bearer ${KEY}`,
        app: 'shared',
      },
      { method: 'GET', path: '/api/vision/models', authorization: `Bearer ${KEY}`, app: 'shared' },
      { method: 'GET', path: '/api/vision/models', authorization: `Bearer ${KEY}`, app: 'shared' },
    ])
    expect(requests.map((event) => event.provider)).toEqual(['canary', 'canary', 'canary'])
  })

  it('a driver given a transport uses it, and ignores connection options', async () => {
    const network = recordingFetch()
    const transport = new CanaryTransport({ baseUrl: BASE, apiKey: KEY, fetch: network.fetch })
    const driver = canary({ transport, baseUrl: 'https://elsewhere.test' })
    expect(driver.transport).toBe(transport)
    await generateImage(driver.transport, { provider: 'openai', prompt: 'x' })
    await getQueueStatus(new CanaryClient(transport).transport, { queueId: 'img_1' })
    expect(network.calls.map((call) => call.path)).toEqual([
      '/api/llm/generate-image',
      '/api/llm/queue/status',
    ])
  })

  it('tells a transport from options, also one of another copy of the package', () => {
    const transport = new CanaryTransport({ baseUrl: BASE })
    expect(isCanaryTransport(transport)).toBe(true)
    // The CommonJS builds of the two entries each carry their own class: the brand is shared.
    const foreign = { [Symbol.for('@atelier/canary/transport')]: true }
    expect(isCanaryTransport(foreign)).toBe(true)
    expect(isCanaryTransport({ baseUrl: BASE })).toBe(false)
    expect(isCanaryTransport(undefined)).toBe(false)
  })
})
