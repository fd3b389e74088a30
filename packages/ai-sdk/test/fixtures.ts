/**
 * The emulators the tests drive through the AI SDK: the Silly Media sidecar and CanaryLLM, on
 * loopback, fast. Canary's driver retries nothing itself here, so what the AI SDK's own retry
 * does is what the emulator's request log shows.
 */
import { canary } from '@atelier/canary'
import type { RequestEvent } from '@atelier/core'
import {
  type CanaryEmulator,
  createCanaryEmulator,
  createSidecarEmulator,
  type RunningServer,
  type SidecarEmulator,
  serve,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { type Atelier, createAtelier } from 'atelier'

export interface Services {
  sidecar: SidecarEmulator
  gateway: CanaryEmulator
  ai: Atelier
  sidecarUrl: string
  gatewayUrl: string
  /** Every request the client sent (the `onRequest` hook: URL, kind, redacted headers). */
  sent: RequestEvent[]
  /** Submits the gateway saw at `path` (its log of every request). */
  submitsTo(path: string): { idempotencyKey?: string; body?: unknown }[]
  /**
   * Runs `body` with the gateway's videos taking a minute, so a job is surely still running
   * when a slow machine gets round to cancelling it.
   */
  withSlowVideos<T>(body: () => Promise<T>): Promise<T>
  /** Whether the gateway was asked to cancel a job. */
  cancels(): number
  close(): Promise<void>
}

export async function startServices(): Promise<Services> {
  const sidecar = createSidecarEmulator({ timeScale: 0.01 })
  const gateway = createCanaryEmulator({ timeScale: 0.01 })
  const servers: RunningServer[] = [await serve(sidecar.handler), await serve(gateway.handler)]
  const [sidecarServer, gatewayServer] = servers as [RunningServer, RunningServer]
  const sent: RequestEvent[] = []
  const ai = createAtelier({
    hooks: { onRequest: (event) => sent.push(event) },
    providers: [
      local({ baseUrl: sidecarServer.url }),
      canary({ baseUrl: gatewayServer.url, apiKey: 'clk_live_test', retry: { limit: 0 } }),
    ],
    polling: { initialIntervalMs: 50, maxIntervalMs: 200, minIntervalMs: 20 },
  })
  return {
    sidecar,
    gateway,
    ai,
    sent,
    sidecarUrl: sidecarServer.url,
    gatewayUrl: gatewayServer.url,
    submitsTo: (path) =>
      gateway.state.requests
        .filter((record) => record.method === 'POST' && record.path === path)
        .map((record) => ({
          ...(record.idempotencyKey ? { idempotencyKey: record.idempotencyKey } : {}),
          body: record.body,
        })),
    async withSlowVideos(body) {
      const fast = gateway.settings.processingMs.video
      gateway.settings.processingMs.video = 60_000
      try {
        return await body()
      } finally {
        gateway.settings.processingMs.video = fast
      }
    },
    cancels: () =>
      gateway.state.requests.filter((record) => record.path === '/api/llm/queue/cancel').length,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()))
    },
  }
}
