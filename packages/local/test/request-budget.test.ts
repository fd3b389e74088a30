/**
 * The request budget end to end: atelier → @atelier/local → the sidecar emulator on loopback.
 * Every request the emulator logs took exactly one turn of the budget given to `createAtelier`:
 * a video job's submit, status reads and the retries of injected 503s; an image's synchronous
 * request and the progress reads made while it runs.
 */
import { createSidecarEmulator, type RunningServer, serve } from '@atelier/emulators'
import { createAtelier } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { countingBudget } from '../../../fixtures/counting-budget'
import { local } from '../src'

const POLLING = { minIntervalMs: 20, initialIntervalMs: 40, maxIntervalMs: 200 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function sidecar() {
  const emulator = createSidecarEmulator({ imageStepMs: 15, swapDelayMs: 20, videoJobMs: 300 })
  const server = await serve(emulator.handler)
  servers.push(server)
  const budget = countingBudget()
  const driver = local({ baseUrl: server.url, progressIntervalMs: 20, retry: { minDelayMs: 5 } })
  const ai = createAtelier({ providers: [driver], polling: { ...POLLING, budget } })
  return { emulator, ai, budget }
}

describe('local: the request budget', () => {
  it('a video job: one turn for every request the sidecar saw, retries of 503s included', async () => {
    const { emulator, ai, budget } = await sidecar()
    // A 503 is safe to send again, for a submit as for a status read.
    emulator.failNext(1, { method: 'POST', path: /^\/video\//, status: 503 })
    emulator.failNext(1, { method: 'GET', path: /^\/video\/status\//, status: 503 })

    const { videos } = await ai.video.generate({ model: 'local/hunyuan-video', prompt: 'waves' })

    expect(videos).toHaveLength(1)
    const requests = emulator.state.requests
    const submits = requests.filter((request) => request.method === 'POST')
    const statuses = requests.filter((request) => request.path.startsWith('/video/status/'))
    expect(submits).toHaveLength(2)
    expect(statuses.length).toBeGreaterThanOrEqual(2)
    expect(budget.turns).toBe(requests.length)
  })

  it('work waiting for a GPU slot: the polls watching the job that holds it take turns too', async () => {
    const { emulator, ai, budget } = await sidecar()

    // One slot: the second video's submit waits for the first job, watching it meanwhile.
    const [first, second] = await Promise.all([
      ai.video.generate({ model: 'local/hunyuan-video', prompt: 'waves' }),
      ai.video.generate({ model: 'local/hunyuan-video', prompt: 'dunes' }),
    ])

    expect([first.videos, second.videos].map((videos) => videos.length)).toEqual([1, 1])
    const requests = emulator.state.requests
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2)
    // Every request took its turn. The watch ends the moment the slot frees, so its poll then
    // in flight may be cut short before the sidecar logs it: at most that one turn is unmatched.
    expect(budget.turns).toBeGreaterThanOrEqual(requests.length)
    expect(budget.turns - requests.length).toBeLessThanOrEqual(1)
  })

  it('an image: its request and the progress reads while it runs each take a turn', async () => {
    const { emulator, ai, budget } = await sidecar()

    const { images } = await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a fox' })

    expect(images).toHaveLength(1)
    const requests = emulator.state.requests
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1)
    // The image takes its steps on the emulator's clock while the engine reads its progress.
    expect(requests.some((request) => request.path.endsWith('/progress'))).toBe(true)
    // Reading progress stops the moment the image is done, so a read then in flight may be cut
    // short before the sidecar logs it: at most that one turn is unmatched.
    expect(budget.turns).toBeGreaterThanOrEqual(requests.length)
    expect(budget.turns - requests.length).toBeLessThanOrEqual(1)
  })
})
