/**
 * The two entries. The package root (driver, endpoint functions, schemas, `ENDPOINTS`) leaves
 * the client class out, so importing the driver never pulls in every endpoint;
 * `@atelier/vision-studio/client` has the class, the transport and every endpoint function.
 * Each function sends what its client method sends, and a client built on a driver's transport
 * sends through that transport: the same fetch, API key, and hooks as the driver's tasks.
 */
import type { AtelierHooks, RequestEvent } from '@atelier/core'
import * as root from '@atelier/vision-studio'
import * as clientEntry from '@atelier/vision-studio/client'
import { createAtelier } from 'atelier'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { ENDPOINTS, type VisionStudioEndpoint } from '../src'
import { expectedPath, methodArgs, methodOf, paramValues, validBody } from './support/seed'

const { VisionStudioClient, createTransport, generateBriaImage, listLoRAProjects } = clientEntry

const BASE = 'https://studio.entries.test'
const KEY = 'vs-entries-key'

interface Seen {
  method: string
  url: string
  key: string | null
  json?: unknown
  fields?: string[]
}

/**
 * A fetch that records each request and answers from `answer` (default: a 422 with an empty
 * `detail`, which every call turns into a VisionStudioValidationError once the request is sent).
 */
function recordingFetch(answer?: (request: Request) => Response | undefined) {
  const seen: Seen[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const copy = request.clone()
    const record: Seen = {
      method: request.method,
      url: request.url,
      key: request.headers.get('x-api-key'),
    }
    const type = request.headers.get('content-type') ?? ''
    if (type.includes('json')) record.json = await copy.json()
    else if (type.startsWith('multipart/form-data'))
      record.fields = [...(await copy.formData()).keys()]
    seen.push(record)
    return (
      answer?.(request) ??
      Response.json({ detail: [] }, { status: 422, headers: { 'x-request-id': 'entries' } })
    )
  }
  return { seen, fetch: fetch as typeof globalThis.fetch }
}

const success = (result: unknown) => Response.json({ status: 'success', result })

/** The standalone function of an endpoint, from the client entry. */
function functionOf(endpoint: VisionStudioEndpoint & { functionName: string }) {
  const value = (clientEntry as Record<string, unknown>)[endpoint.functionName]
  if (typeof value !== 'function') throw new Error(`${endpoint.functionName} is not exported`)
  return value as (...args: unknown[]) => Promise<unknown>
}

describe('the package root', () => {
  it('does not export the client class or its method tree', () => {
    expect('VisionStudioClient' in root).toBe(false)
    expect('createOperations' in root).toBe(false)
    expect(root.visionStudio).toBeTypeOf('function')
    expect(root.Transport).toBe(clientEntry.Transport)
    expect(root.createTransport).toBe(createTransport)
  })
})

describe('@atelier/vision-studio/client', () => {
  it('exports the class, the transport and one function per endpoint, each with a name of its own', () => {
    expect(VisionStudioClient).toBeTypeOf('function')
    expect(clientEntry.Transport).toBeTypeOf('function')
    const names = ENDPOINTS.map((endpoint) => endpoint.functionName)
    expect(new Set(names).size).toBe(ENDPOINTS.length)
    for (const endpoint of ENDPOINTS) {
      expect(functionOf(endpoint), endpoint.name).toBeTypeOf('function')
      // The root hands out the very same functions.
      expect((root as Record<string, unknown>)[endpoint.functionName]).toBe(functionOf(endpoint))
    }
  })

  it('sends from each function exactly what the client method sends', async () => {
    const { seen, fetch } = recordingFetch()
    const transport = createTransport({ baseUrl: BASE, apiKey: KEY, fetch, retry: { limit: 0 } })
    const studio = new VisionStudioClient(transport)
    for (const endpoint of ENDPOINTS) {
      const params = paramValues(endpoint)
      const args = methodArgs(endpoint, params, validBody(endpoint))
      const before = seen.length
      const byMethod = await methodOf(studio, endpoint)(...args).catch((error: unknown) => error)
      const byFunction = await functionOf(endpoint)(transport, ...args).catch(
        (error: unknown) => error,
      )
      expect(byFunction, endpoint.name).toBeInstanceOf(clientEntry.VisionStudioValidationError)
      expect(byMethod, endpoint.name).toBeInstanceOf(clientEntry.VisionStudioValidationError)
      const [method, call, ...more] = seen.slice(before)
      expect(more, endpoint.name).toHaveLength(0)
      expect(call, endpoint.name).toEqual(method)
      expect(new URL(call!.url).pathname, endpoint.name).toBe(expectedPath(endpoint, params))
    }
  })

  it('types a sync-flag function by the sync value, as the method', () => {
    const transport = createTransport({ baseUrl: BASE })
    const later = () => generateBriaImage(transport, { prompt: 'a fox', sync: false })
    expectTypeOf(later).returns.resolves.toEqualTypeOf<clientEntry.VisionStudioTask<'bria'>>()
    const now = () => generateBriaImage(transport, { prompt: 'a fox' })
    expectTypeOf(now).returns.resolves.toEqualTypeOf<root.MediaResult>()
  })
})

describe('a client on a driver transport', () => {
  it("sends through the driver's transport: its fetch, key and the call's hooks", async () => {
    const { seen, fetch } = recordingFetch((request) => {
      const path = new URL(request.url).pathname
      if (path === '/api/v1/bria-lora/projects') return success([{ id: 3, project_name: 'p' }])
      if (path === '/api/v1/prompt/enhance-prompt') return success({ prompt: 'a detailed fox' })
      return undefined
    })
    const driver = root.visionStudio({ baseUrl: BASE, apiKey: KEY, fetch, retry: { limit: 0 } })
    const studio = new VisionStudioClient(driver.transport)
    expect(studio.transport).toBe(driver.transport)
    expect(studio.http).toBe(driver.transport.http)

    const requests: RequestEvent[] = []
    const hooks: AtelierHooks = { onRequest: (event) => requests.push(event) }
    await expect(studio.loRA.projects.list({ hooks })).resolves.toEqual([
      { id: 3, project_name: 'p' },
    ])
    await expect(listLoRAProjects(driver.transport, { hooks })).resolves.toHaveLength(1)
    // A task of the driver, through the facade, on the same transport.
    const ai = createAtelier({ providers: [driver], hooks })
    const enhanced = await ai.prompt.enhance({ model: 'vision-studio/openai', prompt: 'a fox' })
    expect(enhanced.prompt).toBe('a detailed fox')

    expect(seen.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'GET /api/v1/bria-lora/projects',
      'GET /api/v1/bria-lora/projects',
      'POST /api/v1/prompt/enhance-prompt',
    ])
    expect(seen.every((request) => request.key === KEY)).toBe(true)
    expect(requests.map((event) => `${event.provider} ${event.method} ${event.url}`)).toEqual(
      seen.map((request) => `vision-studio ${request.method} ${request.url}`),
    )
  })

  it('is built from options too, with a transport of its own', () => {
    const driver = root.visionStudio({ baseUrl: BASE })
    const studio = new VisionStudioClient({ baseUrl: BASE, apiKey: KEY })
    expect(studio.transport).toBeInstanceOf(clientEntry.Transport)
    expect(studio.transport).not.toBe(driver.transport)
  })
})
