/**
 * The two entries: the package root (driver, schemas, endpoint table, endpoint functions) does
 * not carry `SillyMediaClient`; `@atelier/local/client` does. A client built on a driver's
 * transport, and the functions called on it, send their requests through the driver's own HTTP
 * client, so they share its base URL, fetch and retries.
 */
import { describe, expect, it } from 'vitest'
import * as root from '../src'
import { createTransport, listActors, local, type SillyMediaClientOptions } from '../src'
import * as entry from '../src/client'
import { SillyMediaClient } from '../src/client'

const BASE = 'http://sidecar.entry.test:4201'

/** A fetch that answers every request with `body` (JSON) and records `METHOD /path` of each. */
function recordingFetch(body: unknown): { fetch: typeof fetch; seen: string[] } {
  const seen: string[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    seen.push(`${request.method} ${new URL(request.url).pathname}`)
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, seen }
}

const options = (fetch: typeof globalThis.fetch): SillyMediaClientOptions => ({
  baseUrl: BASE,
  fetch,
  retry: { limit: 0 },
})

describe('entries', () => {
  it('the root does not export the client class or its method groups', () => {
    for (const name of ['SillyMediaClient', 'ActorsApi', 'ImageApi', 'MusicApi', 'ComfyApi']) {
      expect(name in root, name).toBe(false)
    }
    expect(typeof root.local).toBe('function')
    expect(typeof root.ENDPOINTS).toBe('object')
  })

  it('the client entry exports the class, the transport and the same endpoint functions', () => {
    expect(entry.SillyMediaClient).toBe(SillyMediaClient)
    expect(typeof entry.Transport).toBe('function')
    expect(entry.createTransport).toBe(root.createTransport)
    expect(entry.generateImage).toBe(root.generateImage)
    expect(entry.listActors).toBe(root.listActors)
    expect(entry.getVideoStatus).toBe(root.getVideoStatus)
    expect(entry.streamLlmText).toBe(root.streamLlmText)
  })
})

describe('a client on a driver transport', () => {
  it('holds that transport, and its calls go through the driver fetch', async () => {
    const network = recordingFetch({ actors: [], total: 0 })
    const driver = local(options(network.fetch))
    const client = new SillyMediaClient(driver.transport)
    expect(client.transport).toBe(driver.transport)
    expect(client.http).toBe(driver.transport.http)
    expect(client.baseUrl).toBe(BASE)

    await client.actors.list()
    await listActors(driver.transport)
    expect(network.seen).toEqual(['GET /actors', 'GET /actors'])
  })

  it('a driver given a transport (or a client) sends its requests through it', async () => {
    const network = recordingFetch({ status: 'healthy', models_loaded: [] })
    const transport = createTransport(options(network.fetch))
    expect(local({ transport }).transport).toBe(transport)
    const client = new SillyMediaClient(transport)
    const driver = local({ transport: client })
    expect(driver.transport.http).toBe(transport.http)
    await new SillyMediaClient(driver.transport).health()
    expect(network.seen).toEqual(['GET /health'])
  })

  it('a client from options builds its own transport', async () => {
    const network = recordingFetch({ status: 'healthy', models_loaded: [] })
    const client = new SillyMediaClient(options(network.fetch))
    expect(client.transport.http).toBe(client.http)
    expect(client.generationTimeoutMs).toBe(client.transport.generationTimeoutMs)
    await client.health()
    expect(network.seen).toEqual(['GET /health'])
  })
})
