/**
 * A finished, paid job is never lost to the shape of an answer. Against a scripted gateway
 * (a `fetch` answering each queue call as told), the driver and the typed client read:
 * `null` in every optional result field as absent, a submit answer without `status` as a
 * queued job, a cancel answer without `status` as cancelled, an empty 202 from
 * `/queue/result` as still running, a model list with odd entries, and status words in any
 * spelling — an unknown one reported as running with `unrecognisedStatus`.
 */
import { type DriverContext, type JobRef, MediaFile, systemClock } from '@atelier/core'
import { createAtelier } from 'atelier'
import { describe, expect, it } from 'vitest'
import { canary, type ResultKind } from '../src'
import { CanaryClient } from '../src/client'
import { envelope, type Script, scripted } from './scripted-gateway'

const BASE = 'https://canary.test'
const PNG_B64 = Buffer.from('\x89PNG\r\n\x1a\nfake').toString('base64')
const MP3_B64 = Buffer.from('ID3\x03\x00fake').toString('base64')
const POLLING = { minIntervalMs: 1, initialIntervalMs: 1, maxIntervalMs: 5 }

const completed = (queueId: string, result: unknown) =>
  envelope({ queueId, status: 'completed', result })

function setup(script: Script) {
  const { fetch, calls } = scripted(script)
  const driver = canary({
    baseUrl: BASE,
    apiKey: 'clk_live_tolerant',
    fetch,
    eventStream: false,
    polling: POLLING,
    retry: { limit: 0 },
  })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  const client = new CanaryClient({ baseUrl: BASE, apiKey: 'clk_live_tolerant', fetch })
  return { driver, ai, client, calls }
}

/** Every result kind with `null` in each optional field the document (or a real upstream) has. */
const NULL_FILLED: Record<ResultKind, unknown> = {
  image: {
    images: [{ data: PNG_B64, mimeType: null }],
    model: null,
    provider: null,
    revisedPrompt: null,
  },
  video: { videos: [{ data: PNG_B64, mimeType: null }], model: null, provider: null },
  speech: { audio: MP3_B64, mimeType: null, model: null, characterCount: null },
  soundEffect: { audio: MP3_B64, mimeType: null, model: null, durationSeconds: null },
  music: { audio: MP3_B64, mimeType: null, model: null, durationMs: null },
  dialogue: { audio: MP3_B64, mimeType: null, model: null, characterCount: null },
  transcription: {
    text: 'Hello.',
    language: null,
    model: null,
    words: [{ text: 'Hello.', start: 0, end: 0.5, type: null, speakerId: null }],
  },
  completion: {
    text: 'hi',
    content: null,
    model: null,
    provider: null,
    finishReason: null,
    usage: null,
  },
  detection: {
    detections: [{ label: 'cat', confidence: 0.9, bbox: null, count: null }],
    model: null,
    inferenceTimeMs: null,
    imageSize: null,
    blurredImage: null,
  },
  webDetection: {
    likelyFromWeb: null,
    totalResults: null,
    fullMatchingImages: [{ url: 'https://a.example/x.jpg', score: null, pageTitle: null }],
    partialMatchingImages: null,
    webEntities: [{ description: 'cat', score: null }],
    bestGuessLabels: null,
    model: null,
    provider: null,
    inferenceTimeMs: null,
  },
}

describe('null in an optional result field is absent, never a failed job', () => {
  for (const [kind, result] of Object.entries(NULL_FILLED) as [ResultKind, unknown][]) {
    it(`the ${kind} result`, async () => {
      const { client } = setup({ '/api/llm/queue/result': { body: completed('q_1', result) } })
      const answer = await client.queue.result({ queueId: 'q_1', kind })
      expect(answer.ready).toBe(true)
      if (!answer.ready) return
      expect(answer.status).toBe('completed')
      const read = answer.result as Record<string, unknown>
      for (const [key, value] of Object.entries(result as Record<string, unknown>)) {
        if (value === null) expect(read[key], key).toBeUndefined()
      }
    })
  }

  it('a completed image job with nulls finishes through the driver, with its image', async () => {
    const { ai } = setup({
      '/api/llm/generate-image': { body: envelope({ queueId: 'img_1', status: 'queued' }) },
      '/api/llm/queue/status': { body: envelope({ queueId: 'img_1', status: 'completed' }) },
      '/api/llm/queue/result': { body: completed('img_1', NULL_FILLED.image) },
    })
    const { images, providerMetadata } = await ai.image.generate({
      model: 'canary/gpt-image-1',
      prompt: 'a fox',
    })
    expect(images).toHaveLength(1)
    expect(images[0]).toBeInstanceOf(MediaFile)
    expect(providerMetadata).toEqual({ queueId: 'img_1' })
  })

  it('words with null times or text are left out of the timings, not the transcript', async () => {
    const { client } = setup({
      '/api/llm/queue/result': {
        body: completed('q_2', {
          text: 'Hello there.',
          words: [
            { text: 'Hello', start: null, end: 0.4 },
            { text: null, start: 0.4, end: 0.5 },
            { text: 'there.', start: '0.5', end: '0.9', speakerId: 'speaker_0' },
          ],
        }),
      },
    })
    const answer = await client.queue.result({ queueId: 'q_2', kind: 'transcription' })
    expect(answer.ready && answer.result?.words).toEqual([
      { text: 'Hello', start: undefined, end: 0.4, type: undefined, speakerId: undefined },
      { text: undefined, start: 0.4, end: 0.5, type: undefined, speakerId: undefined },
      { text: 'there.', start: 0.5, end: 0.9, type: undefined, speakerId: 'speaker_0' },
    ])
  })
})

describe('answers without the fields the code can do without', () => {
  it('a submit answer with a queueId and no status is a queued job, and the id is kept', async () => {
    const { ai } = setup({
      '/api/llm/generate-image': { body: envelope({ queueId: 'img_7' }) },
      '/api/llm/queue/status': { body: envelope({ status: 'queued', position: '2' }) },
    })
    const job = await ai.image.submit({ model: 'canary/gpt-image-1', prompt: 'a fox' })
    expect(job.ref.id).toBe('img_7')
    expect(job.snapshot).toMatchObject({ state: 'queued', providerStatus: 'queued' })
  })

  it('a cancel answer without status reads as cancelled (the HTTP status said 2xx)', async () => {
    const { client, driver, calls } = setup({
      '/api/llm/queue/cancel': (call) => (call === 0 ? { body: envelope({}) } : { status: 204 }),
    })
    await expect(client.queue.cancel({ queueId: 'q_3' })).resolves.toMatchObject({
      status: 'cancelled',
    })
    const handler = driver.tasks['image.generate']
    const ref = {
      provider: 'canary',
      task: 'image.generate',
      id: 'q_3',
    } as JobRef<'image.generate'>
    await expect(handler.cancelJob!(ref, { clock: systemClock })).resolves.toBeUndefined()
    expect(calls.filter((call) => call.path === '/api/llm/queue/cancel')).toHaveLength(2)
  })

  it('an empty-body 202 from /queue/result is a job still running', async () => {
    const { client } = setup({ '/api/llm/queue/result': { status: 202, text: '' } })
    await expect(client.queue.result({ queueId: 'q_4', kind: 'video' })).resolves.toEqual({
      ready: false,
      queueId: 'q_4',
      status: 'processing',
    })
  })

  it('models.list keeps entries with null name or classes and skips one without an id', async () => {
    const { ai } = setup({
      '/api/vision/models': {
        body: envelope({
          models: [
            { id: 'yolo11n', name: null, type: 'object', classes: null },
            { id: null, name: 'broken' },
            { id: 'custom-1', name: 'Cans', custom: true, classes: ['coca-cola', null] },
          ],
        }),
      },
    })
    const models = await ai.models.list()
    expect(models.map((model) => model.id)).toEqual(['yolo11n', 'custom-1'])
    expect(models[0]).not.toHaveProperty('name')
    expect(models[1]).toMatchObject({ name: 'Cans', metadata: { classes: ['coca-cola'] } })
  })

  it('a detection keeps the count the gateway gives', async () => {
    const { ai } = setup({
      '/api/vision/detect': { body: envelope({ queueId: 'det_1', status: 'queued' }) },
      '/api/llm/queue/status': { body: envelope({ status: 'completed' }) },
      '/api/llm/queue/result': {
        body: {
          detections: [
            {
              label: 'coca-cola-bottle',
              confidence: 0.94,
              bbox: { x: 120, y: 45, width: 80, height: 200 },
              count: 3,
            },
          ],
          model: 'yolo11n',
        },
      },
    })
    const { detections } = await ai.vision.detect({
      model: 'canary/yolo11n',
      mode: 'objects',
      image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    })
    expect(detections).toEqual([
      {
        label: 'coca-cola-bottle',
        score: 0.94,
        box: { x: 120, y: 45, width: 80, height: 200 },
        count: 3,
      },
    ])
  })
})

describe('status words are read with readStatus', () => {
  const poll = (status: unknown) => {
    const { driver } = setup({
      '/api/llm/queue/status': { body: envelope({ status, position: 1 }) },
      '/api/llm/queue/result': { body: completed('q_5', NULL_FILLED.image) },
    })
    const ref = {
      provider: 'canary',
      task: 'image.generate',
      id: 'q_5',
    } as JobRef<'image.generate'>
    const context: DriverContext = { clock: systemClock }
    return driver.tasks['image.generate'].poll!(ref, context)
  }

  it.each([
    ['COMPLETED', 'completed'],
    ['Succeeded', 'completed'],
    ['IN_PROGRESS', 'running'],
    ['Processing', 'running'],
    ['pending', 'queued'],
    ['Cancelled', 'canceled'],
    ['ERROR', 'failed'],
  ])('%s reads as %s, the word kept', async (word, state) => {
    const snapshot = await poll(word)
    expect(snapshot).toMatchObject({ state })
    expect(snapshot.unrecognisedStatus).toBeUndefined()
    if (state !== 'completed') expect(snapshot.providerStatus).toBe(word)
  })

  it('a word nobody knows is running with unrecognisedStatus, naming the word', async () => {
    await expect(poll('warming_up')).resolves.toEqual({
      state: 'running',
      providerStatus: 'warming_up',
      unrecognisedStatus: true,
    })
  })

  it('a result under an unknown word is the job done; no result under one stays unrecognised', async () => {
    const { driver } = setup({
      '/api/llm/queue/status': { body: envelope({ status: 'completed' }) },
      '/api/llm/queue/result': (call) =>
        call === 0
          ? { body: envelope({ status: 'finalised', result: NULL_FILLED.image }) }
          : { body: envelope({ status: 'finalising' }) },
    })
    const ref = {
      provider: 'canary',
      task: 'image.generate',
      id: 'q_6',
    } as JobRef<'image.generate'>
    const handler = driver.tasks['image.generate']
    await expect(handler.poll!(ref, { clock: systemClock })).resolves.toMatchObject({
      state: 'completed',
      providerStatus: 'finalised',
    })
    await expect(handler.poll!(ref, { clock: systemClock })).resolves.toEqual({
      state: 'running',
      providerStatus: 'finalising',
      unrecognisedStatus: true,
    })
  })
})
