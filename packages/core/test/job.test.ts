import {
  AbortError,
  JobCanceledError,
  type JobRef,
  type JobSnapshot,
  type JobStateEvent,
  ProviderError,
  resumeJob,
  startJob,
  TimeoutError,
  ValidationError,
} from '@atelier/core'
import {
  createFakeDriver,
  createManualClock,
  FakeJobStore,
  fakeOutput,
  flushMicrotasks,
} from '@atelier/testing'
import { describe, expect, it } from 'vitest'

const prompt = { model: 'fake-model', prompt: 'a red panda' }

describe('Job', () => {
  it('completes after being resumed from a ref that went through JSON', async () => {
    const store = new FakeJobStore()
    const clock = createManualClock()
    const first = createFakeDriver({ store })
    const job = await startJob(first, 'image.generate', prompt, { clock })
    const saved = JSON.stringify(job.ref)

    // "Another process": a new driver instance over the same provider state.
    const second = createFakeDriver({ store })
    const resumed = resumeJob(second, JSON.parse(saved) as JobRef<'image.generate'>, { clock })
    const done = resumed.wait()
    await clock.runUntil(() => resumed.snapshot?.state === 'completed')
    const output = await done
    expect(output.images).toHaveLength(1)
    expect(output.images[0]!.mediaType).toBe('image/png')
    expect(second.calls.filter((call) => call.method === 'poll').map((call) => call.id)).toEqual([
      job.id,
      job.id,
    ])
    expect(first.calls.filter((call) => call.method === 'poll')).toHaveLength(0)
  })

  it('yields every state change through updates(), ending with the terminal one', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [
        { state: 'queued', position: 2 },
        { state: 'queued', position: 1 },
        { state: 'running', progress: { fraction: 0.5, step: 5, totalSteps: 10 } },
        { state: 'completed' },
      ],
    })
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const seen: JobSnapshot['state'][] = []
    const positions: (number | undefined)[] = []
    const consume = (async () => {
      for await (const snapshot of job.updates()) {
        seen.push(snapshot.state)
        if (snapshot.state === 'queued') positions.push(snapshot.position)
      }
    })()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await consume
    expect(seen).toEqual(['queued', 'queued', 'queued', 'running', 'completed'])
    expect(positions).toEqual([0, 2, 1])
  })

  it('runs one observation loop however many callers wait', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [{ state: 'running' }, { state: 'running' }, { state: 'completed' }],
    })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const waits = [job.wait(), job.wait(), job.wait()]
    const iterate = (async () => {
      for await (const _ of job.updates()) {
        // draining
      }
    })()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await Promise.all([...waits, iterate])
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(3)
  })

  it('rejects at once when aborted during a backoff sleep, and polls no more', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }] }) // never finishes
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const controller = new AbortController()
    const waiting = job.wait({ signal: controller.signal })
    await clock.next() // first sleep (after the submit's queued snapshot) ends, one poll happens
    await flushMicrotasks()
    const pollsBefore = driver.calls.filter((call) => call.method === 'poll').length
    expect(pollsBefore).toBe(1)
    expect(clock.pending).toBe(1) // sleeping before the next poll

    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortError)
    expect(clock.pending).toBe(0) // the sleep did not outlive the abort
    await clock.advance(600_000)
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(pollsBefore)
    expect(driver.calls.some((call) => call.method === 'cancel')).toBe(false) // wait() leaves the job alive
    expect(job.snapshot?.state).toBe('running')
  })

  it('cancels remotely when a wait with cancelOnAbort is aborted', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }] })
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const controller = new AbortController()
    const waiting = job.wait({ signal: controller.signal, cancelOnAbort: true })
    await clock.next()
    controller.abort()
    await expect(waiting).rejects.toBeInstanceOf(AbortError)
    expect(driver.calls.filter((call) => call.method === 'cancel').map((call) => call.id)).toEqual([
      job.id,
    ])
    expect(job.snapshot?.state).toBe('canceled')
  })

  it('cancel() stops polling, cancels the remote job, and fails waiters with JobCanceledError', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }] })
    const job = await startJob(driver, 'music.generate', prompt, { clock })
    const waiting = job.wait()
    await clock.next()
    await job.cancel()
    await expect(waiting).rejects.toBeInstanceOf(JobCanceledError)
    const polls = driver.calls.filter((call) => call.method === 'poll').length
    await clock.advance(600_000)
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(polls)
    expect(job.snapshot?.state).toBe('canceled')
    await expect(job.wait()).rejects.toBeInstanceOf(JobCanceledError)
  })

  it('times out a wait with TimeoutError but leaves the job running', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }] })
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const waiting = job.wait({ timeoutMs: 5_000 })
    const assertion = expect(waiting).rejects.toBeInstanceOf(TimeoutError)
    await clock.advance(5_000)
    await assertion
    expect(driver.calls.some((call) => call.method === 'cancel')).toBe(false)
  })

  it('keeps polling through transient faults but fails on a permanent one', async () => {
    const clock = createManualClock()
    const flaky = createFakeDriver({
      script: [
        { throws: new ProviderError('busy', { status: 503 }) },
        { state: 'running' },
        { state: 'completed' },
      ],
    })
    const job = await startJob(flaky, 'image.generate', prompt, { clock })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await expect(done).resolves.toMatchObject({ warnings: [] })

    const broken = createFakeDriver({
      script: [{ throws: new ProviderError('gone', { status: 404 }) }],
    })
    const lost = await startJob(broken, 'image.generate', prompt, { clock })
    const failing = lost.wait()
    const assertion = expect(failing).rejects.toMatchObject({ status: 404 })
    await clock.next()
    await assertion
    expect(lost.snapshot?.state).toBe('queued') // observation failed; the job itself is not known to have failed
  })

  it('fails every wait and every updates() iterator when observation fails, then can watch again', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      script: [{ throws: new ProviderError('gone', { status: 404 }) }, { state: 'completed' }],
    })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const first = job.wait()
    const second = job.wait({ onProgress: () => {} })
    const seen: JobSnapshot['state'][] = []
    const iterating = (async () => {
      for await (const snapshot of job.updates()) seen.push(snapshot.state)
    })()
    const assertions = [
      expect(first).rejects.toMatchObject({ status: 404 }),
      expect(second).rejects.toMatchObject({ status: 404 }),
      expect(iterating).rejects.toMatchObject({ status: 404 }),
    ]
    await clock.next()
    await Promise.all(assertions)
    expect(seen).toEqual(['queued'])
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(1)
    expect(clock.pending).toBe(0)

    // Nobody watches now; a new wait starts a new observation loop.
    const again = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await expect(again).resolves.toMatchObject({ warnings: [] })
    expect(driver.calls.filter((call) => call.method === 'poll')).toHaveLength(2)
  })

  it('stops observing once the job completes: no timer is left behind', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }, { state: 'completed' }] })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const done = job.wait({ timeoutMs: 60_000 })
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await done
    expect(clock.pending).toBe(0)
    await expect(job.wait()).resolves.toMatchObject({ warnings: [] })
  })

  it('surfaces a failed job as its typed error', async () => {
    const clock = createManualClock()
    const failure = new ProviderError('out of memory', { status: 500, provider: 'fake' })
    const driver = createFakeDriver({ script: [{ state: 'failed', error: failure }] })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const done = job.wait()
    const assertion = expect(done).rejects.toBe(failure)
    await clock.next()
    await assertion
  })

  it('gives up with TimeoutError when the request budget per wait is spent', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ script: [{ state: 'running' }], polling: { maxRequests: 3 } })
    const job = await startJob(driver, 'video.generate', prompt, { clock })
    const done = job.wait()
    const assertion = expect(done).rejects.toThrow(/3 status requests/)
    await clock.runUntil(
      () => driver.calls.filter((call) => call.method === 'poll').length >= 3,
      50,
    )
    await clock.next()
    await assertion
  })

  it('reports inline progress and completes with the inline result', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({
      mode: 'inline',
      inlineDelayMs: 1_000,
      inlineProgress: [{ state: 'running', progress: { fraction: 0.25, step: 2, totalSteps: 8 } }],
    })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    expect(job.resumable).toBe(false)
    expect(job.snapshot).toEqual({
      state: 'running',
      progress: { fraction: 0.25, step: 2, totalSteps: 8 },
    })
    const done = job.wait()
    await clock.advance(1_000)
    expect((await done).images).toHaveLength(1)
    expect(() => resumeJob(driver, JSON.parse(JSON.stringify(job.ref)))).toThrow(
      /cannot be fetched again/,
    )
  })

  it('cancels inline work by aborting it', async () => {
    const clock = createManualClock()
    const driver = createFakeDriver({ mode: 'inline', inlineDelayMs: 10_000 })
    const job = await startJob(driver, 'image.generate', prompt, { clock })
    const done = job.wait()
    await flushMicrotasks()
    expect(clock.pending).toBe(1)
    await job.cancel()
    await expect(done).rejects.toBeInstanceOf(JobCanceledError)
    expect(clock.pending).toBe(0)
  })

  it('tells hooks about state changes, usage and warnings', async () => {
    const clock = createManualClock()
    const events: JobStateEvent[] = []
    const usage: unknown[] = []
    const warnings: unknown[] = []
    const driver = createFakeDriver({
      script: [
        { state: 'running', progress: { fraction: 0.5 } },
        { state: 'running', progress: { fraction: 0.5 } },
        { state: 'completed' },
      ],
      output: (task) => ({
        ...fakeOutput(task),
        usage: { credits: 3 },
        warnings: [{ type: 'unsupported-option', option: 'seed' }],
      }),
    })
    const job = await startJob(driver, 'image.generate', prompt, {
      clock,
      hooks: {
        onJobState: (event) => events.push(event),
        onUsage: (event) => usage.push(event.usage),
        onWarning: (event) => warnings.push(event.warning),
      },
    })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await done
    // The repeated identical running snapshot is not reported twice.
    expect(events.map((event) => [event.previousState, event.snapshot.state])).toEqual([
      [undefined, 'queued'],
      ['queued', 'running'],
      ['running', 'completed'],
    ])
    expect(usage).toEqual([{ credits: 3 }])
    expect(warnings).toEqual([{ type: 'unsupported-option', option: 'seed' }])
  })

  it('rejects invalid input before the driver sees it', async () => {
    const driver = createFakeDriver()
    await expect(
      startJob(driver, 'image.generate', { model: 'fake-model', prompt: 'x', n: 99 }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [expect.objectContaining({ path: ['n'] })],
    })
    expect(driver.calls).toHaveLength(0)
    expect(() => resumeJob(driver, { provider: 'fake' })).toThrow(ValidationError)
    expect(() => resumeJob(driver, { provider: 'other', task: 'image.generate', id: 'x' })).toThrow(
      /belongs to "other"/,
    )
  })
})
