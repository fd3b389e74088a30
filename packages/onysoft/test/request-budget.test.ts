/**
 * The request budget end to end: atelier → @atelier/onysoft → the Onysoft emulator on loopback.
 * Every request the emulator logs — the catalogue read, the submit, the polls and the retries
 * of injected 503s — took exactly one turn of the budget given to `createAtelier`.
 */
import { type ServedOnysoftEmulator, serveOnysoftEmulator } from '@atelier/emulators'
import { createAtelier } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { countingBudget } from '../../../fixtures/counting-budget'
import { onysoft } from '../src'

const API_KEY = 'sk-ony-budget-key-0123456789'
const POLLING = { minIntervalMs: 10, initialIntervalMs: 20, maxIntervalMs: 60 }

let running: ServedOnysoftEmulator[] = []
afterEach(async () => {
  await Promise.all(running.map((served) => served.close()))
  running = []
})

describe('onysoft: the request budget', () => {
  it('takes one turn for every request the gateway saw, retries of 503s included', async () => {
    const served = await serveOnysoftEmulator({
      apiKey: API_KEY,
      pendingMs: 30,
      processingMs: 90,
      maxMediaSide: 64,
    })
    running.push(served)
    const { emulator } = served
    // A 503 is safe to send again, for a submit as for a status read.
    emulator.failNext(1, { method: 'POST', path: '/v1/image/generate', status: 503 })
    emulator.failNext(1, { method: 'GET', path: /^\/v1\/image\/status\//, status: 503 })
    const budget = countingBudget()
    const driver = onysoft({ apiKey: API_KEY, baseUrl: served.url, retry: { minDelayMs: 5 } })
    const ai = createAtelier({ providers: [driver], polling: { ...POLLING, budget } })

    const { images } = await ai.image.generate({
      model: 'onysoft/google/imagen4',
      prompt: 'a sunset over mountains',
    })

    expect(images).toHaveLength(1)
    const api = emulator.state.requests.filter((request) => request.server === 'api')
    const submits = api.filter((request) => request.method === 'POST')
    const polls = api.filter((request) => /\/status\//.test(request.path))
    expect(submits).toHaveLength(2)
    expect(polls.length).toBeGreaterThanOrEqual(2)
    expect(budget.turns).toBe(api.length)
  })
})
