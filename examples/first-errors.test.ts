import { canary } from '@atelier/canary'
import { CanaryClient } from '@atelier/canary/client'
import { ConnectionError, type Driver, ProviderError, ValidationError } from '@atelier/core'
import {
  createCanaryEmulator,
  createOnysoftEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  createVlmRunEmulator,
  type RunningServer,
  serve,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { SillyMediaClient } from '@atelier/local/client'
import { onysoft } from '@atelier/onysoft'
import { OnysoftClient } from '@atelier/onysoft/client'
import { visionStudio } from '@atelier/vision-studio'
import { VisionStudioClient } from '@atelier/vision-studio/client'
import { vlmrun } from '@atelier/vlmrun'
import { VlmRunClient } from '@atelier/vlmrun/client'
import { type Atelier, createAtelier } from 'atelier'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../fixtures/free-port'

const PIXEL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

interface Case {
  name: string
  /** The factory, as plain JavaScript calls it (no compiler to catch a misspelt name). */
  make(options: Record<string, unknown>): Driver
  /** The package's client, which takes the connection options alone. */
  client(options: Record<string, unknown>): unknown
  clientName: string
  /** Options it needs besides `baseUrl`. */
  extra: Record<string, unknown>
  emulator(): { handler: (request: Request) => Response | Promise<Response> }
  /** One call that sends a request. */
  call(ai: Atelier): Promise<unknown>
  /** What a refused connection asks. */
  asks: string
}

const cases: Case[] = [
  {
    name: 'local',
    make: (options) => local(options),
    client: (options) => new SillyMediaClient(options as never),
    clientName: 'SillyMediaClient',
    extra: {},
    emulator: () => createSidecarEmulator(),
    call: (ai) => ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a red panda' }),
    asks: 'is the Silly Media sidecar running at',
  },
  {
    name: 'canary',
    make: (options) => canary(options as never),
    client: (options) => new CanaryClient(options as never),
    clientName: 'CanaryClient',
    extra: { apiKey: 'clk_live_test' },
    emulator: () => createCanaryEmulator(),
    call: (ai) => ai.video.submit({ model: 'canary/veo-3.1-generate-preview', prompt: 'clouds' }),
    asks: 'is the server running at',
  },
  {
    name: 'onysoft',
    make: (options) => onysoft(options),
    client: (options) => new OnysoftClient(options as never),
    clientName: 'OnysoftClient',
    extra: { apiKey: 'sk-ony-test' },
    emulator: () => createOnysoftEmulator(),
    call: (ai) => ai.image.generate({ model: 'onysoft/google/imagen4', prompt: 'a lake' }),
    asks: 'is the server running at',
  },
  {
    name: 'vlmrun',
    make: (options) => vlmrun(options),
    client: (options) => new VlmRunClient(options as never),
    clientName: 'VlmRunClient',
    extra: { apiKey: 'vlm-test' },
    emulator: () => createVlmRunEmulator(),
    call: (ai) => ai.vision.analyze({ model: 'vlmrun/vlm-1', image: PIXEL }),
    asks: 'is the server running at',
  },
  {
    name: 'vision-studio',
    make: (options) => visionStudio(options as never),
    client: (options) => new VisionStudioClient(options as never),
    clientName: 'VisionStudioClient',
    extra: { apiKey: 'vs-test' },
    emulator: () => createVisionStudioEmulator(),
    call: (ai) => ai.prompt.enhance({ model: 'vision-studio/openai', prompt: 'a lighthouse' }),
    asks: 'is the server running at',
  },
]

function thrownBy(run: () => unknown): Error {
  try {
    run()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a throw')
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

describe.each(cases)('$name', (each) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await serve(each.emulator().handler)
  })
  afterAll(() => server.close())

  it('a misspelt option is refused at creation, naming the one meant', () => {
    const error = thrownBy(() => each.make({ ...each.extra, baseURL: server.url }))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toMatch(
      /^[a-zA-Z]+\(\): unknown option "baseURL" \(did you mean "baseUrl"\?\)/,
    )
    expect((error as ValidationError).field).toBe('baseURL')
  })

  it("the client refuses a misspelt option too, and says it is the client's", () => {
    const error = thrownBy(() => each.client({ ...each.extra, baseUrl: server.url, timeout: 5 }))
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.message).toBe(
      `new ${each.clientName}(): unknown option "timeout" (did you mean "timeoutMs"?)`,
    )
  })

  it('a baseUrl without http:// is refused at creation, with the URL meant', () => {
    const bare = server.url.replace(/^http:\/\//, '')
    const error = thrownBy(() => each.make({ ...each.extra, baseUrl: bare }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('baseUrl')
    expect(error.message).toContain(`did you mean "http://${bare}"?`)
  })

  it('a server that is not running: the code, the address and the question to ask', async () => {
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const ai = createAtelier({
      providers: [each.make({ ...each.extra, baseUrl, retry: { limit: 0 } })],
    })
    const error = await rejectionOf(each.call(ai))
    expect(error).toBeInstanceOf(ConnectionError)
    expect((error as ConnectionError).networkCode).toBe('ECONNREFUSED')
    expect(error.message).toContain(`: connection refused (ECONNREFUSED 127.0.0.1:${port}).`)
    expect(error.message).toContain(`${each.asks} ${baseUrl}?`)
    expect(error.message).not.toContain('fetch failed')
  })

  it('a base URL one path segment off: the route, the base URL and the hint', async () => {
    const baseUrl = `${server.url}/v9`
    const ai = createAtelier({ providers: [each.make({ ...each.extra, baseUrl })] })
    const error = await rejectionOf(each.call(ai))
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).status).toBe(404)
    expect(error.message).toMatch(
      new RegExp(
        `answered HTTP 404 on (GET|POST) /\\S+ \\(base URL ${baseUrl.replace(/[.]/g, '\\.')}\\)`,
      ),
    )
    expect(error.message).toContain('The server there has no such route: is baseUrl the root of')
  })
})
