/**
 * The driver contract as a driver author meets it: handlers typed by task, refs and warnings
 * kept by core, inline progress and watching driven by the engine, provider options checked,
 * and `n` split over several calls.
 */
import {
  ConnectionError,
  type ImageOutput,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  MediaFile,
  ProviderError,
  RateLimitError,
  resumeJob,
  startJob,
  ValidationError,
  type Warning,
} from '@atelier/core'
import { defineDriver, unsupportedOption } from '@atelier/core/driver'
import { createManualClock, flushMicrotasks } from '@atelier/testing'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'

const png = (label: string) =>
  MediaFile.fromBytes(new TextEncoder().encode(label), { mediaType: 'image/png' })
const images = (...labels: string[]): ImageOutput => ({
  images: labels.map(png),
  warnings: [],
})
const input = { model: 'm', prompt: 'a red panda' }
const negative: Warning = unsupportedOption('negativePrompt', 'not taken here')

describe('defineDriver', () => {
  it('derives capabilities from the handlers', () => {
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          models: ['a', 'b'],
          cancel: 'remote',
          resumable: true,
          submit: async () => ({ type: 'pending', id: 'j1' }),
          poll: async () => ({ state: 'running' }),
          cancelJob: async () => {},
        },
        'text.generate': {
          cancel: 'local',
          resumable: false,
          submit: async () => ({
            type: 'completed',
            output: { text: 'hi', finishReason: 'stop', warnings: [] },
          }),
          async *stream() {
            yield { type: 'text-delta', text: 'hi' }
          },
        },
      },
    })
    expect(driver.capabilities).toEqual({
      'image.generate': { models: ['a', 'b'], cancel: 'remote', resumable: true },
      'text.generate': { cancel: 'local', resumable: false, streaming: true },
    })
  })

  it('refuses handlers that do not hang together, naming the task', () => {
    expect(() =>
      defineDriver({
        id: 'probe',
        tasks: {
          'video.generate': {
            cancel: 'none',
            resumable: true,
            submit: async () => ({ type: 'pending', id: 'x' }),
          },
        },
      }),
    ).toThrow('probe: video.generate is resumable but has neither poll nor watch')
    expect(() =>
      defineDriver({
        id: 'probe',
        tasks: {
          'video.generate': {
            cancel: 'remote',
            resumable: true,
            submit: async () => ({ type: 'pending', id: 'x' }),
            poll: async () => ({ state: 'running' }),
          },
        },
      }),
    ).toThrow('probe: video.generate cancels remotely but has no cancelJob')
  })
})

describe('refs and warnings', () => {
  it('builds the ref from the call and keeps submit-time warnings in it, not in data', async () => {
    const clock = createManualClock()
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: true,
          submit: async () => ({
            type: 'pending',
            id: 'job-1',
            data: { route: 'fast' },
            warnings: [negative],
          }),
          poll: async () => ({ state: 'completed', output: images('x') }),
        },
      },
    })
    const job = await startJob(driver, 'image.generate', input, { clock })
    expect(job.toJSON()).toEqual({
      provider: 'probe',
      task: 'image.generate',
      id: 'job-1',
      data: { route: 'fast' },
      warnings: [negative],
    })
    // Another process: the warnings come back with the ref.
    const resumed = resumeJob(
      driver,
      JSON.parse(JSON.stringify(job.ref)) as JobRef<'image.generate'>,
      {
        clock,
      },
    )
    const done = resumed.wait()
    await clock.runUntil(() => resumed.snapshot?.state === 'completed')
    const output = await done
    expect(output.warnings).toEqual([negative])
    expect(output.images).toHaveLength(1)
  })

  it('puts the warnings of a finished call straight into its output', async () => {
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'none',
          resumable: false,
          submit: async () => ({
            type: 'completed',
            output: { ...images('x'), warnings: [{ type: 'other', message: 'own' }] },
            warnings: [negative],
          }),
        },
      },
    })
    const output = await (await startJob(driver, 'image.generate', input)).wait()
    expect(output.warnings).toEqual([negative, { type: 'other', message: 'own' }])
  })
})

describe('the engine drives what drivers used to loop over', () => {
  it('reads an inline job’s progress on its schedule while someone watches, and stops when it settles', async () => {
    const clock = createManualClock()
    let finish!: (output: ImageOutput) => void
    let reads = 0
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: false,
          submit: async () => ({
            type: 'inline',
            result: new Promise<ImageOutput>((resolve) => {
              finish = resolve
            }),
            progress: {
              intervalMs: 500,
              read: async () => {
                reads++
                return reads === 1
                  ? { state: 'queued', position: 0 }
                  : { state: 'running', progress: { fraction: reads / 10 } }
              },
            },
          }),
        },
      },
    })
    const job = await startJob(driver, 'image.generate', input, { clock })
    const seen: JobSnapshot[] = []
    const done = job.wait({ onProgress: (snapshot) => seen.push(snapshot) })
    await clock.advance(500)
    await clock.advance(500)
    await clock.advance(500)
    expect(seen.map((snapshot) => snapshot.state)).toEqual(['queued', 'running', 'running'])
    finish(images('done'))
    await done
    await flushMicrotasks()
    const after = reads
    await clock.advance(5_000)
    expect(reads).toBe(after)
    expect(clock.pending).toBe(0)
  })

  it('polls until watchWhen says yes, watches once, and polls again when the stream ends early', async () => {
    const clock = createManualClock()
    const calls: string[] = []
    const polls: JobSnapshot<ImageOutput>[] = [
      { state: 'queued', position: 5 },
      { state: 'queued', position: 1 },
      { state: 'running' },
      { state: 'completed', output: images('x') },
    ]
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: true,
          submit: async () => ({
            type: 'pending',
            id: 'j',
            snapshot: { state: 'queued', position: 9 },
          }),
          poll: async () => {
            calls.push('poll')
            return polls.shift()!
          },
          watchWhen: (snapshot) => snapshot?.state === 'queued' && (snapshot.position ?? 0) <= 1,
          async *watch() {
            calls.push('watch')
            yield { state: 'running', progress: { fraction: 0.5 } }
            // The stream ends without a terminal event.
          },
        },
      },
    })
    const job = await startJob(driver, 'image.generate', input, {
      clock,
      polling: { random: () => 0.5 },
    })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    await done
    expect(calls).toEqual(['poll', 'poll', 'watch', 'poll', 'poll'])
  })

  it('polls through a retryable fault from another copy of core, recognised by its marker', async () => {
    const clock = createManualClock()
    // What an error thrown by a second copy of @atelier/core looks like to this one.
    class ForeignProviderError extends Error {
      readonly status = 503
      get isRetryable() {
        return true
      }
    }
    const foreign = new ForeignProviderError('HTTP 503')
    Object.defineProperty(foreign, Symbol.for('atelier.error.kinds'), {
      value: ['ProviderError', 'AtelierError'],
    })
    expect(foreign instanceof ProviderError).toBe(true)
    expect(foreign instanceof RateLimitError).toBe(false)
    let polls = 0
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: true,
          submit: async () => ({ type: 'pending', id: 'j' }),
          poll: async () => {
            polls++
            if (polls === 1) throw foreign
            return { state: 'completed', output: images('x') }
          },
        },
      },
    })
    const job = await startJob(driver, 'image.generate', input, { clock })
    const done = job.wait()
    await clock.runUntil(() => job.snapshot?.state === 'completed')
    expect((await done).images).toHaveLength(1)
    expect(polls).toBe(2)
  })

  it('says which errors are worth trying again', () => {
    expect(new ConnectionError('reset').isRetryable).toBe(true)
    expect(new RateLimitError('slow down', { status: 429 }).isRetryable).toBe(true)
    expect(new ProviderError('boom', { status: 502 }).isRetryable).toBe(true)
    expect(new ProviderError('no', { status: 400 }).isRetryable).toBe(false)
    expect(new ValidationError([]).isRetryable).toBe(false)
    expect(new JobFailedError('failed').isRetryable).toBe(false)
  })
})

describe('provider options', () => {
  const submitted: unknown[] = []
  const driver = defineDriver({
    id: 'probe',
    tasks: {
      'image.generate': {
        cancel: 'none',
        resumable: false,
        providerOptions: z.strictObject({
          quality: z._default(z.optional(z.enum(['standard', 'hd'])), 'standard'),
        }),
        submit: async (valid) => {
          submitted.push(valid.providerOptions)
          return { type: 'completed', output: images('x') }
        },
      },
    },
  })

  it('are checked against the handler’s schema before submit, naming the field', async () => {
    const bad = startJob(driver, 'image.generate', {
      ...input,
      providerOptions: { probe: { quality: 'ultra', size: 1 } },
    })
    await expect(bad).rejects.toBeInstanceOf(ValidationError)
    const error = (await bad.catch((caught: unknown) => caught)) as ValidationError
    expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'providerOptions.probe.quality',
      'providerOptions.probe.size',
    ])
    expect(submitted).toEqual([])
  })

  it('reach the handler parsed, with the schema’s defaults, other providers’ keys untouched', async () => {
    await startJob(driver, 'image.generate', {
      ...input,
      providerOptions: { probe: {}, other: { x: 1 } },
    })
    expect(submitted.at(-1)).toEqual({ probe: { quality: 'standard' }, other: { x: 1 } })
  })
})

describe('splitting n over maxOutputsPerCall', () => {
  it('submits one call per share, seeds counting up, and joins the outputs in order', async () => {
    const asked: number[] = []
    const seeds: (number | undefined)[] = []
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'none',
          resumable: false,
          maxOutputsPerCall: 2,
          submit: async (valid) => {
            asked.push(valid.n ?? 1)
            seeds.push(valid.seed)
            const labels = Array.from({ length: valid.n ?? 1 }, (_, i) => `${asked.length}-${i}`)
            return {
              type: 'completed',
              output: { ...images(...labels), usage: { credits: valid.n ?? 1 } },
              warnings: [negative],
            }
          },
        },
      },
    })
    const output = await (
      await startJob(driver, 'image.generate', { ...input, n: 5, seed: 40 })
    ).wait()
    expect(asked).toEqual([2, 2, 1])
    expect(seeds).toEqual([40, 42, 44])
    const names = await Promise.all(
      output.images.map(async (image) => new TextDecoder().decode(await image.bytes())),
    )
    expect(names).toEqual(['1-0', '1-1', '2-0', '2-1', '3-0'])
    expect(output.usage).toEqual({ credits: 5 })
    expect(output.warnings).toEqual([negative])
  })

  it("gives each part its own idempotency key, derived from the caller's", async () => {
    const keys: (string | undefined)[] = []
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'none',
          resumable: false,
          maxOutputsPerCall: 2,
          submit: async (valid, context) => {
            keys.push(context.idempotencyKey)
            const labels = Array.from({ length: valid.n ?? 1 }, (_, i) => `${keys.length}-${i}`)
            return { type: 'completed', output: images(...labels), warnings: [] }
          },
        },
      },
    })
    await (
      await startJob(driver, 'image.generate', { ...input, n: 5 }, { idempotencyKey: 'order-7' })
    ).wait()
    expect(keys).toEqual(['order-7', 'order-7.1', 'order-7.2'])
    keys.length = 0
    await (await startJob(driver, 'image.generate', { ...input, n: 1 })).wait()
    expect(keys).toEqual([undefined])
  })

  it('watches pending parts as one job that resumes from its ref, polling only unfinished parts', async () => {
    const clock = createManualClock()
    const polled: string[] = []
    const done = new Set<string>()
    let next = 0
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'local',
          resumable: true,
          maxOutputsPerCall: (valid) => (valid.model === 'one-at-a-time' ? 1 : 4),
          submit: async () => ({ type: 'pending', id: `p${++next}` }),
          poll: async (ref) => {
            polled.push(ref.id)
            if (ref.id === 'p1' || done.has(ref.id)) {
              return { state: 'completed', output: images(ref.id) }
            }
            done.add(ref.id)
            return { state: 'running', progress: { fraction: 0.5 } }
          },
        },
      },
    })
    const job = await startJob(
      driver,
      'image.generate',
      { ...input, model: 'one-at-a-time', n: 2 },
      { clock },
    )
    expect(job.ref.id).toBe('p1+p2')
    expect(job.ref.parts?.map((part) => part.id)).toEqual(['p1', 'p2'])
    const resumed = resumeJob(
      driver,
      JSON.parse(JSON.stringify(job.ref)) as JobRef<'image.generate'>,
      {
        clock,
      },
    )
    const waiting = resumed.wait()
    await clock.runUntil(() => resumed.snapshot?.state === 'completed')
    const output = await waiting
    expect(output.images).toHaveLength(2)
    expect(polled).toEqual(['p1', 'p2', 'p2'])
  })

  it('cancels the parts already started when a later submit fails', async () => {
    const canceled: string[] = []
    let next = 0
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'remote',
          resumable: true,
          maxOutputsPerCall: 1,
          submit: async () => {
            next++
            if (next === 3) throw new ProviderError('out of credits', { status: 402 })
            return { type: 'pending', id: `p${next}` }
          },
          poll: async () => ({ state: 'running' }),
          cancelJob: async (ref) => {
            canceled.push(ref.id)
          },
        },
      },
    })
    await expect(startJob(driver, 'image.generate', { ...input, n: 3 })).rejects.toThrow(
      'out of credits',
    )
    expect(canceled).toEqual(['p1', 'p2'])
  })

  it('leaves n alone when it fits in one call', async () => {
    const asked: (number | undefined)[] = []
    const driver = defineDriver({
      id: 'probe',
      tasks: {
        'image.generate': {
          cancel: 'none',
          resumable: false,
          maxOutputsPerCall: 4,
          submit: async (valid) => {
            asked.push(valid.n)
            return { type: 'completed', output: images('x') }
          },
        },
      },
    })
    await startJob(driver, 'image.generate', { ...input, n: 4 })
    await startJob(driver, 'image.generate', input)
    expect(asked).toEqual([4, undefined])
  })
})
