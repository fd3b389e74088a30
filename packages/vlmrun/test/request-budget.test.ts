/**
 * The request budget end to end: atelier → @atelier/vlmrun → the VLM Run emulator on loopback.
 * Every request the emulator logs — the batch submit, the prediction reads and the retries of
 * injected 503s — took exactly one turn of the budget given to `createAtelier`.
 */
import { createVlmRunEmulator, encodePng, type RunningServer, serve } from '@atelier/emulators'
import { createAtelier } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { countingBudget } from '../../../fixtures/counting-budget'
import { vlmrun } from '../src'

const API_KEY = 'vlm-budget-key-0123456789'
const POLLING = { minIntervalMs: 5, initialIntervalMs: 10, maxIntervalMs: 30 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

describe('vlmrun: the request budget', () => {
  it('takes one turn for every request the API saw, retries of 503s included', async () => {
    const emulator = createVlmRunEmulator({
      apiKey: API_KEY,
      enqueuedMs: 20,
      pendingMs: 20,
      runningMs: 40,
    })
    const server = await serve(emulator.handler)
    servers.push(server)
    // A 503 is safe to send again, for a submit as for a prediction read.
    emulator.failNext(1, { method: 'POST', path: '/v1/image/generate', status: 503 })
    emulator.failNext(1, { method: 'GET', path: /^\/v1\/predictions\//, status: 503 })
    const budget = countingBudget()
    const driver = vlmrun({
      apiKey: API_KEY,
      baseUrl: server.url,
      batch: true,
      retry: { minDelayMs: 5 },
    })
    const ai = createAtelier({ providers: [driver], polling: { ...POLLING, budget } })

    const output = await ai.vision.analyze({
      model: 'vlmrun/vlm-1',
      image: encodePng({ width: 8, height: 6 }),
    })

    expect(output.text).toMatch(/caption/i)
    const requests = emulator.state.requests
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2)
    expect(requests.filter((request) => request.method === 'GET').length).toBeGreaterThanOrEqual(2)
    expect(budget.turns).toBe(requests.length)
  })
})
