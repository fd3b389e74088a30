import { JobCanceledError, ProviderError, startJob } from '@atelier/core'
import { taskHandler } from '@atelier/core/driver'
import { createFakeDriver, createManualClock, fakeOutput } from '@atelier/testing'
import { handlersFor, recording } from '@atelier/testing/msw'
import { createAtelier } from 'atelier'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

describe('createManualClock', () => {
  it('wakes sleepers in time order only when advanced', async () => {
    const clock = createManualClock(1_000)
    const woke: string[] = []
    void clock.sleep(300).then(() => woke.push('b'))
    void clock.sleep(100).then(() => woke.push('a'))
    await clock.advance(99)
    expect(woke).toEqual([])
    await clock.advance(250)
    expect(woke).toEqual(['a', 'b'])
    expect(clock.now()).toBe(1_349)
    expect(clock.sleeps).toEqual([300, 100])
  })

  it('rejects an aborted sleep at once and forgets it', async () => {
    const clock = createManualClock()
    const controller = new AbortController()
    const sleeping = clock.sleep(10_000, controller.signal)
    controller.abort()
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' })
    expect(clock.pending).toBe(0)
  })
})

describe('createFakeDriver', () => {
  it('follows its script and records every call', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [
        { state: 'queued', position: 1 },
        { state: 'running', progress: { fraction: 0.5 } },
        { state: 'completed' },
      ],
    })
    const ai = createAtelier({ providers: [driver], clock })
    const job = await ai.video.submit({ model: 'fake/fake-model', prompt: 'rain' })
    const states: string[] = []
    const done = job.wait({ onProgress: (snapshot) => states.push(snapshot.state) })
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    const output = await done
    expect(output.videos[0]!.mediaType).toBe('video/mp4')
    expect(states).toEqual(['queued', 'queued', 'running', 'completed'])
    expect(driver.calls.map((call) => call.method)).toEqual(['submit', 'poll', 'poll', 'poll'])
  })

  it('scripts failures: a submit error, a poll fault, a failed job, a cancel', async () => {
    const clock = createManualClock()
    const failing = createFakeDriver({ submitError: new ProviderError('quota', { status: 402 }) })
    const ai = createAtelier({ providers: [failing], clock })
    await expect(ai.image.submit({ model: 'fake/x', prompt: 'p' })).rejects.toMatchObject({
      status: 402,
    })

    const cancelable = createFakeDriver({ id: 'c', script: [{ state: 'running' }] })
    const ai2 = createAtelier({ providers: [cancelable], clock })
    const job = await ai2.image.submit({ model: 'c/x', prompt: 'p' })
    const done = job.wait()
    await job.cancel()
    await expect(done).rejects.toBeInstanceOf(JobCanceledError)
    expect(cancelable.calls.at(-1)).toEqual({ method: 'cancel', id: job.id })
  })

  it('runs inline jobs: the first snapshot at once, the next ones read by the engine while someone watches', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      mode: 'inline',
      inlineDelayMs: 10_000,
      inlineProgress: [
        { state: 'queued', position: 0 },
        { state: 'running', progress: { fraction: 0.5 } },
      ],
    })
    const job = await startJob(
      driver,
      'image.generate',
      { model: 'fake-model', prompt: 'p' },
      { clock },
    )
    expect(job.resumable).toBe(false)
    // The first snapshot is known at once; the engine reads the next ones while someone watches.
    expect(job.snapshot).toEqual({ state: 'queued', position: 0 })
    const states: string[] = []
    const done = job.wait({ onProgress: (snapshot) => states.push(snapshot.state) })
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    expect((await done).images).toHaveLength(1)
    expect(states).toEqual(['queued', 'running', 'completed'])
    expect(clock.pending).toBe(0)
    expect(driver.calls.map((call) => call.method)).toEqual(['submit'])
  })

  it('declares what its handlers do, and keeps submit warnings with the job', async () => {
    const clock = createManualClock()
    const remote = createFakeDriver({
      tasks: ['image.generate', 'text.generate'],
      warnings: [{ type: 'unsupported-option', option: 'seed' }],
      script: [{ state: 'completed' }],
    })
    expect(remote.capabilities).toEqual({
      'image.generate': { cancel: 'remote', resumable: true, models: ['fake-model'] },
      'text.generate': {
        cancel: 'remote',
        resumable: true,
        models: ['fake-model'],
        streaming: true,
      },
    })
    const job = await startJob(
      remote,
      'image.generate',
      { model: 'fake-model', prompt: 'p' },
      { clock },
    )
    expect(job.ref).toEqual({
      provider: 'fake',
      task: 'image.generate',
      id: 'job_1',
      data: { model: 'fake-model' },
      warnings: [{ type: 'unsupported-option', option: 'seed' }],
    })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    expect((await done).warnings).toEqual([{ type: 'unsupported-option', option: 'seed' }])

    const plain = createFakeDriver({ mode: 'completed', cancel: false, streaming: false })
    expect(plain.capabilities['text.generate']).toEqual({
      cancel: 'local',
      resumable: false,
      models: ['fake-model'],
    })
    expect(taskHandler(plain, 'text.generate')).not.toHaveProperty('stream')
    expect(taskHandler(plain, 'image.generate')).not.toHaveProperty('poll')
  })

  it('produces valid small media by default', async () => {
    const output = fakeOutput('image.generate') as { images: { bytes(): Promise<Uint8Array> }[] }
    const png = await output.images[0]!.bytes()
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const speech = fakeOutput('speech.generate') as { audio: { bytes(): Promise<Uint8Array> } }
    const wav = new TextDecoder().decode((await speech.audio.bytes()).subarray(0, 12))
    expect(wav.startsWith('RIFF') && wav.endsWith('WAVE')).toBe(true)
    const mesh = fakeOutput('model3d.generate') as {
      models: { mediaType: string; bytes(): Promise<Uint8Array> }[]
    }
    expect(mesh.models[0]!.mediaType).toBe('model/gltf-binary')
    const glb = await mesh.models[0]!.bytes()
    const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength)
    expect(new TextDecoder().decode(glb.subarray(0, 4))).toBe('glTF')
    expect(view.getUint32(4, true)).toBe(2)
    expect(view.getUint32(8, true)).toBe(glb.byteLength)
    const chunkLength = view.getUint32(12, true)
    expect(chunkLength % 4).toBe(0)
    expect(20 + chunkLength).toBe(glb.byteLength)
    expect(new TextDecoder().decode(glb.subarray(16, 20))).toBe('JSON')
    const document = JSON.parse(new TextDecoder().decode(glb.subarray(20)))
    expect(document.asset.version).toBe('2.0')
  })
})

describe('handlersFor (msw)', () => {
  const fake = recording(async (request: Request) =>
    Response.json({ path: new URL(request.url).pathname, method: request.method }),
  )
  const server = setupServer(...handlersFor(fake, { baseUrl: 'http://provider.test/api' }))
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('sends every request under the base URL to the fake and records it', async () => {
    const answer = await fetch('http://provider.test/api/v1/jobs?x=1', {
      method: 'POST',
      body: '{"a":1}',
    })
    expect(await answer.json()).toEqual({ path: '/api/v1/jobs', method: 'POST' })
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: 'http://provider.test/api/v1/jobs?x=1',
        body: '{"a":1}',
      }),
    ])
  })
})
