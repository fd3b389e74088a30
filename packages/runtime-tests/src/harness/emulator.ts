/**
 * The sidecar emulator each runtime talks to: a fresh one per runtime, on loopback with CORS,
 * with fast timings (the whole scenario takes a few seconds) and one extra route,
 * `POST /__control/fail-next`, through which the scenario makes the sidecar fail requests.
 */
import { createSidecarEmulator, type FetchHandler, serve } from '@atelier/emulators'

export interface RunningEmulator {
  url: string
  /** Requests that carried an `Origin` header, by origin (how a browser's cross-origin calls show). */
  readonly origins: ReadonlyMap<string, number>
  close(): Promise<void>
}

/** Fast enough for a few-second scenario, slow enough that a video job is seen running. */
const TIMINGS = {
  timeScale: 0,
  imageStepMs: 10,
  swapDelayMs: 50,
  videoJobMs: 1_500,
  llmTokenMs: 5,
  ttsChunkMs: 5,
  visionMs: 50,
}

interface FailNextBody {
  count?: number
  status?: number
  /** A regular expression the path must match. */
  path?: string
  method?: string
  detail?: string
}

export async function startEmulator(): Promise<RunningEmulator> {
  const emulator = createSidecarEmulator(TIMINGS)
  const origins = new Map<string, number>()
  const handler: FetchHandler = async (request) => {
    const origin = request.headers.get('origin')
    if (origin) origins.set(origin, (origins.get(origin) ?? 0) + 1)
    const { pathname } = new URL(request.url)
    if (pathname === '/__control/fail-next' && request.method === 'POST') {
      const body = (await request.json()) as FailNextBody
      emulator.failNext(body.count ?? 1, {
        status: body.status ?? 500,
        ...(body.path !== undefined ? { path: new RegExp(body.path) } : {}),
        ...(body.method !== undefined ? { method: body.method } : {}),
        ...(body.detail !== undefined ? { detail: body.detail } : {}),
      })
      return Response.json({ ok: true })
    }
    return emulator.handler(request)
  }
  const server = await serve(handler, { cors: true })
  return {
    url: server.url,
    origins,
    close: async () => {
      emulator.reset()
      await server.close()
    },
  }
}
