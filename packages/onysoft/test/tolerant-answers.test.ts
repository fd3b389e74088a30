/**
 * A finished, paid task is never lost to the shape of an answer: result URLs are looked for in
 * the documented field and then every URL field the driver knows; timestamps, durations,
 * progress and costs are read leniently; a submit answer naming a task always yields a job;
 * status words are read with the shared vocabulary, an unknown one flagged for the engine.
 */
import {
  type JobRef,
  type JobSnapshot,
  ResponseShapeError,
  startJob,
  systemClock,
  type TaskName,
} from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { onysoft } from '../src'

const BASE = 'https://api.onysoft.test'

/** A driver whose gateway answers every submit with `accepted` and every status with `status`. */
function gateway(options: { accepted?: unknown; acceptedStatus?: number; status?: unknown } = {}) {
  const requests: { method: string; path: string; body?: unknown }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = await request.text()
    const path = new URL(request.url).pathname
    requests.push({ method: request.method, path, ...(text ? { body: JSON.parse(text) } : {}) })
    if (request.method === 'POST') {
      return Response.json(
        options.accepted ?? { success: true, data: { task_id: 'task-1', status: 'pending' } },
        { status: options.acceptedStatus ?? 202 },
      )
    }
    return Response.json(options.status ?? {})
  }
  const driver = onysoft({ apiKey: 'sk-ony-tolerant-test', baseUrl: BASE, fetch })
  return { driver, requests }
}

const refOf = (task: TaskName, id = 'task-1'): JobRef => ({
  provider: 'onysoft',
  task,
  id,
  data: { alias: 'image', model: 'google/imagen4' },
})

/** One poll of a task, through the driver's own handler. */
async function pollOnce(
  task: 'image.generate' | 'video.generate' | 'speech.generate' | 'music.generate',
  data: Record<string, unknown>,
): Promise<JobSnapshot<unknown>> {
  const { driver } = gateway({ status: { success: true, data } })
  return driver.tasks[task].poll!(refOf(task) as never, { clock: systemClock })
}

describe('results of non-video tasks', () => {
  it.each([
    ['video_url (the document only result field)', { video_url: 'https://cdn.test/out.png' }],
    ['resultUrls (the upstream name)', { resultUrls: ['https://cdn.test/out.png'] }],
    ['url', { url: 'https://cdn.test/out.png' }],
    ['result_urls', { result_urls: ['https://cdn.test/out.png'] }],
    ['output as a list of {url}', { output: [{ url: 'https://cdn.test/out.png' }] }],
  ])('an image task completed with %s yields the image', async (_name, fields) => {
    const snapshot = await pollOnce('image.generate', {
      task_id: 'task-1',
      status: 'completed',
      ...fields,
    })
    expect(snapshot.state).toBe('completed')
    const output = (snapshot as { output: { images: { url?: string }[] } }).output
    expect(output.images.map((image) => image.url)).toEqual(['https://cdn.test/out.png'])
  })

  it('reads the documented field first: image_url wins over video_url and generic fields', async () => {
    const snapshot = await pollOnce('image.generate', {
      status: 'completed',
      video_url: 'https://cdn.test/b.png',
      url: 'https://cdn.test/c.png',
      image_url: 'https://cdn.test/a.png',
    })
    const output = (snapshot as { output: { images: { url?: string }[] } }).output
    expect(output.images.map((image) => image.url)).toEqual([
      'https://cdn.test/a.png',
      'https://cdn.test/c.png',
      'https://cdn.test/b.png',
    ])
  })

  it('speech and music read video_url and generic fields too; a thumbnail is never an output', async () => {
    const speech = await pollOnce('speech.generate', {
      status: 'completed',
      video_url: 'https://cdn.test/voice.mp3',
    })
    expect((speech as { output: { audio: { url?: string } } }).output.audio.url).toBe(
      'https://cdn.test/voice.mp3',
    )
    const music = await pollOnce('music.generate', {
      status: 'completed',
      resultUrls: ['https://cdn.test/a.mp3', 'https://cdn.test/b.mp3'],
    })
    expect((music as { output: { tracks: unknown[] } }).output.tracks).toHaveLength(2)
    const thumbnailOnly = await pollOnce('video.generate', {
      status: 'completed',
      thumbnail_url: 'https://cdn.test/poster.jpg',
    })
    expect(thumbnailOnly.state).toBe('failed')
  })

  it('a completed answer with no URL anywhere fails quoting the answer', async () => {
    const snapshot = await pollOnce('image.generate', {
      task_id: 'task-1',
      status: 'completed',
      note: 'stored in bucket 7',
    })
    expect(snapshot.state).toBe('failed')
    const error = (snapshot as unknown as { error: ResponseShapeError }).error
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect(error.message).toContain('completed without image URLs')
    expect(error.message).toContain('"note":"stored in bucket 7"')
  })
})

describe('lenient readings', () => {
  it('an epoch created_at, duration "5" and progress "45%" do not fail the job', async () => {
    const running = await pollOnce('video.generate', {
      task_id: 'task-1',
      status: 'processing',
      progress: '45%',
      created_at: 1_780_000_000,
    })
    expect(running).toMatchObject({ state: 'running', progress: { fraction: 0.45 } })
    const done = await pollOnce('video.generate', {
      task_id: 'task-1',
      status: 'completed',
      video_url: 'https://cdn.test/v.mp4',
      duration: '5',
      created_at: 1_780_000_000_000,
    })
    expect(done.state).toBe('completed')
    expect(
      (done as { output: { providerMetadata: Record<string, unknown> } }).output.providerMetadata,
    ).toMatchObject({ durationSeconds: 5 })
  })

  it('a 202 with amount "0.60", no currency and no status is a job, its cost read as USD', async () => {
    const { driver } = gateway({
      accepted: { success: true, data: { task_id: 'task-9', estimated_cost: { amount: '0.60' } } },
    })
    const job = await startJob(driver, 'image.generate', {
      model: 'google/imagen4',
      prompt: 'a sunset',
    })
    expect(job.ref.id).toBe('task-9')
    expect(job.ref.data).toMatchObject({ estimatedCost: { amount: 0.6, currency: 'USD' } })
  })

  it('a cost that cannot be read is left out, never fatal; a camelCase task id is read, a numeric one refused', async () => {
    const unreadableCost = gateway({
      accepted: {
        success: true,
        data: { task_id: 't-42', status: 'pending', estimated_cost: 'n/a' },
      },
    })
    const job = await startJob(unreadableCost.driver, 'image.generate', {
      model: 'google/imagen4',
      prompt: 'a sunset',
    })
    expect(job.ref.id).toBe('t-42')
    expect(job.ref.data?.estimatedCost).toBeUndefined()
    // The id is the one field a job needs: a number there is a wrong answer, not an id to poll.
    const numeric = gateway({
      accepted: { success: true, data: { task_id: 42, status: 'pending' } },
    })
    await expect(
      startJob(numeric.driver, 'image.generate', { model: 'google/imagen4', prompt: 'a sunset' }),
    ).rejects.toBeInstanceOf(ResponseShapeError)
    const camel = gateway({ accepted: { success: true, data: { taskId: 'kie-7', status: null } } })
    const second = await startJob(camel.driver, 'image.generate', {
      model: 'google/imagen4',
      prompt: 'a sunset',
    })
    expect(second.ref.id).toBe('kie-7')
  })

  it('an answer that names no task is still a ResponseShapeError', async () => {
    const { driver } = gateway({ accepted: { success: true, data: { status: 'pending' } } })
    await expect(
      startJob(driver, 'image.generate', { model: 'google/imagen4', prompt: 'a sunset' }),
    ).rejects.toBeInstanceOf(ResponseShapeError)
  })
})

describe('status words', () => {
  it.each([
    ['COMPLETED', 'completed'],
    ['success', 'completed'],
    ['cancelled', 'canceled'],
    ['error', 'failed'],
    ['PENDING', 'queued'],
    ['Processing', 'running'],
  ])('%s is read as %s', async (word, state) => {
    const snapshot = await pollOnce('video.generate', {
      status: word,
      video_url: 'https://cdn.test/v.mp4',
      error: 'upstream refused',
    })
    expect(snapshot.state).toBe(state)
    expect(snapshot.providerStatus).toBe(word)
    expect(snapshot.unrecognisedStatus).toBeUndefined()
  })

  it('a word nobody knows is running, flagged for the engine', async () => {
    const snapshot = await pollOnce('video.generate', { status: 'upscaling' })
    expect(snapshot).toMatchObject({
      state: 'running',
      providerStatus: 'upscaling',
      unrecognisedStatus: true,
    })
  })

  it('a failure reason in an upstream field (failMsg) is quoted', async () => {
    const snapshot = await pollOnce('video.generate', {
      status: 'failed',
      failMsg: 'content policy',
    })
    expect(snapshot.state).toBe('failed')
    expect((snapshot as { error: Error }).error.message).toContain('content policy')
  })
})
