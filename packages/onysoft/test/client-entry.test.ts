/**
 * The two entries: `@atelier/onysoft` (the driver, schemas, endpoints table and the endpoint
 * functions, without the client class, so an app running tasks does not bundle the endpoints
 * no task calls) and `@atelier/onysoft/client` (the class and everything it wraps). A client
 * built on a driver's transport sends through the driver's own HTTP client.
 */
import type { RequestEvent } from '@atelier/core'
import { createAtelier } from 'atelier'
import { describe, expect, it } from 'vitest'
import { createOnysoftEmulator } from '../../emulators/src/onysoft'
import * as root from '../src'
import * as clientEntry from '../src/client'
import { OnysoftClient } from '../src/client'

const BASE = 'https://api.onysoft.test'
const KEY = 'sk-ony-entry-test-key'

/** A fetch answered by the emulator that records `METHOD /path (Authorization)` of each request. */
function recordingEmulator() {
  const emulator = createOnysoftEmulator({ apiKey: KEY, lifecycle: 'per-read' })
  const seen: string[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const { pathname } = new URL(request.url)
    seen.push(`${request.method} ${pathname} (${request.headers.get('authorization')})`)
    return emulator.handler(request)
  }
  return { fetch, seen }
}

const CLASSES = ['OnysoftClient', 'GenerationApi', 'VideoApi', 'ModelsApi'] as const
const FUNCTIONS = [
  'createTask',
  'createTaskWithHeaders',
  'getTaskStatus',
  'getTaskStatusWithHeaders',
  'listVideos',
  'listAllVideos',
  'listModels',
  'statusFiles',
  'createOnysoftTransport',
] as const

describe('entries', () => {
  // Plain copies of the module namespaces, to look names up by string.
  const rootExports: Record<string, unknown> = { ...root }
  const clientExports: Record<string, unknown> = { ...clientEntry }

  it('the package root has the driver, the transport and the endpoint functions, not the client class', () => {
    for (const name of CLASSES) expect(rootExports, name).not.toHaveProperty(name)
    expect(typeof root.onysoft).toBe('function')
    expect(typeof root.OnysoftTransport).toBe('function')
    for (const name of FUNCTIONS) expect(typeof rootExports[name], name).toBe('function')
  })

  it('@atelier/onysoft/client has the class, its method groups, the transport and every endpoint function', () => {
    for (const name of CLASSES) expect(typeof clientExports[name], name).toBe('function')
    expect(typeof clientEntry.OnysoftTransport).toBe('function')
    for (const name of FUNCTIONS) expect(typeof clientExports[name], name).toBe('function')
    // One class, whichever entry it comes from.
    expect(clientEntry.OnysoftTransport).toBe(root.OnysoftTransport)
  })
})

describe('a client on the driver transport', () => {
  it('sends its requests through the driver HTTP client, with its key, fetch and per-call hooks', async () => {
    const { fetch, seen } = recordingEmulator()
    const driver = root.onysoft({ apiKey: KEY, baseUrl: BASE, fetch })
    const client = new OnysoftClient(driver.transport)
    expect(client.transport).toBe(driver.transport)
    expect(client.http).toBe(driver.transport.http)
    expect(client.baseUrl).toBe(BASE)

    // A task through the facade, then direct calls about it on the same connection.
    const ai = createAtelier({ providers: [driver] })
    const job = await ai.image.submit({ model: 'onysoft/google/imagen4', prompt: 'a red panda' })
    const events: RequestEvent[] = []
    const hooks = { onRequest: (event: RequestEvent) => events.push(event) }
    const status = await client.alias('image').status(job.ref.id, { hooks })
    expect(status.task_id).toBe(job.ref.id)
    await client.video.list({ limit: 5 }, { hooks })
    await root.listVideos(driver.transport, { page: 2 }, { hooks })
    await job.cancel()

    const auth = `(Bearer ${KEY})`
    expect(seen).toEqual([
      `GET /v1/models ${auth}`, // the driver's model check before its submit
      `POST /v1/image/generate ${auth}`,
      `GET /v1/image/status/${job.ref.id} ${auth}`,
      `GET /v1/video/list ${auth}`,
      `GET /v1/video/list ${auth}`,
    ])
    expect(events.map((event) => `${event.method} ${new URL(event.url).pathname}`)).toEqual([
      `GET /v1/image/status/${job.ref.id}`,
      'GET /v1/video/list',
      'GET /v1/video/list',
    ])
    expect(events.every((event) => event.provider === 'onysoft')).toBe(true)
  })

  it('the driver takes a transport (or a client, for its transport) instead of connection options', async () => {
    const { fetch, seen } = recordingEmulator()
    const transport = root.createOnysoftTransport({ apiKey: KEY, baseUrl: BASE, fetch })
    expect(root.onysoft({ transport }).transport).toBe(transport)
    const client = new OnysoftClient(transport)
    const driver = root.onysoft({ client, apiKey: 'sk-ony-ignored' })
    expect(driver.transport).toBe(transport)
    await driver.catalogue.list()
    expect(seen).toEqual([`GET /v1/models (Bearer ${KEY})`])
  })

  it('recognises a transport by its shape too (the ESM and CommonJS builds each have the class)', () => {
    const transport = root.createOnysoftTransport({ apiKey: KEY, baseUrl: BASE })
    // What `instanceof` sees of a transport made by the other build: same members, other class.
    const fromOtherBuild = Object.setPrototypeOf(
      { http: transport.http, maxRequestBytes: transport.maxRequestBytes },
      { checkBody: transport.checkBody, json: transport.json, envelope: transport.envelope },
    )
    expect(fromOtherBuild).not.toBeInstanceOf(root.OnysoftTransport)
    expect(root.isOnysoftTransport(fromOtherBuild)).toBe(true)
    expect(new OnysoftClient(fromOtherBuild).transport).toBe(fromOtherBuild)
    expect(root.isOnysoftTransport({ apiKey: KEY, baseUrl: BASE })).toBe(false)
  })
})
