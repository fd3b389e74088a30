/**
 * The request budget end to end: atelier → @atelier/canary → the CanaryLLM emulator on
 * loopback. Every request the emulator logs — the submit, each status read and the result read
 * that follows a completed status, and the retries of injected 503s — took exactly one turn of
 * the budget given to `createAtelier`.
 */
import { createCanaryEmulator, type RunningServer, serve } from '@atelier/emulators'
import { createAtelier } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { countingBudget } from '../../../fixtures/counting-budget'
import { canary } from '../src'

const KEY = 'clk_live_budget_test'
const POLLING = { minIntervalMs: 10, initialIntervalMs: 20, maxIntervalMs: 60 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

describe('canary: the request budget', () => {
  it('takes one turn for every request the gateway saw, retries of 503s included', async () => {
    const emulator = createCanaryEmulator({ processingMs: { image: 60 }, imageBaseSize: 64 })
    const server = await serve(emulator.handler)
    servers.push(server)
    // A 503 is safe to send again, for a submit as for a queue read.
    emulator.failNext(1, { method: 'POST', path: '/api/llm/generate-image', status: 503 })
    emulator.failNext(1, { method: 'POST', path: '/api/llm/queue/status', status: 503 })
    const budget = countingBudget()
    const driver = canary({ baseUrl: server.url, apiKey: KEY, retry: { minDelayMs: 5 } })
    const ai = createAtelier({ providers: [driver], polling: { ...POLLING, budget } })

    const { images } = await ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'a red panda',
    })

    expect(images).toHaveLength(1)
    const requests = emulator.state.requests
    const count = (path: string) => requests.filter((request) => request.path === path).length
    expect(count('/api/llm/generate-image')).toBe(2)
    expect(count('/api/llm/queue/status')).toBeGreaterThanOrEqual(2)
    expect(count('/api/llm/queue/result')).toBeGreaterThanOrEqual(1)
    expect(budget.turns).toBe(requests.length)
  })
})
