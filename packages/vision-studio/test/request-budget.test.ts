/**
 * The request budget end to end: atelier → @atelier/vision-studio → the Vision Studio emulator
 * on loopback. Every request the emulator logs — the submit, the status reads and the retries
 * of injected 503s — took exactly one turn of the budget given to `createAtelier`.
 */
import { createAtelier } from 'atelier'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countingBudget } from '../../../fixtures/counting-budget'
import { visionStudio } from '../src'
import { FAST_POLLING, STUDIO_KEY, type Studio, startStudio } from './support/studio'

let studio: Studio
beforeEach(async () => {
  studio = await startStudio()
})
afterEach(() => studio.close())

describe('vision-studio: the request budget', () => {
  it('takes one turn for every request the API saw, retries of 503s included', async () => {
    const submitPath = '/api/v1/bria/image/generation/generate-image'
    // A 503 is safe to send again, for a submit as for a status read.
    studio.emulator.failNext(1, { method: 'POST', path: submitPath, status: 503 })
    studio.emulator.failNext(1, { method: 'GET', status: 503 })
    const budget = countingBudget()
    const driver = visionStudio({
      baseUrl: studio.url,
      apiKey: STUDIO_KEY,
      retry: { minDelayMs: 5 },
    })
    const ai = createAtelier({ providers: [driver], polling: { ...FAST_POLLING, budget } })

    const { images } = await ai.image.generate({
      model: 'vision-studio/bria/3.2',
      prompt: 'a lighthouse at dusk',
    })

    expect(images).toHaveLength(1)
    const calls = studio.calls()
    expect(calls.filter((call) => call === `POST ${submitPath}`)).toHaveLength(2)
    expect(calls.filter((call) => call.startsWith('GET ')).length).toBeGreaterThanOrEqual(2)
    expect(budget.turns).toBe(calls.length)
  })
})
