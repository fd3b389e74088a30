/**
 * Answers the document does not print but servers send: a finished, charged prediction is never
 * lost to the shape of its answer. Epoch timestamps, `status: null` and a string
 * `credits_used` on the submit answer still give a job; a status word outside the document is
 * polled as running with `unrecognisedStatus` (the engine gives up on it after a bounded run,
 * naming the word); the answer is found in `result` or `output` when `response` is empty, and a
 * completed prediction without any is a ResponseShapeError that quotes it.
 */
import { ResponseShapeError, startJob } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { predictionSchema, vlmrun } from '../src'

const BASE = 'https://api.vlmrun.test'
const POLLING = { minIntervalMs: 1, initialIntervalMs: 1, maxIntervalMs: 2 }
const PNG = 'iVBORw0KGgo='

/** A driver whose server answers the submit with `submit`, then each poll with the next of `polls`. */
function scripted(submit: unknown, polls: unknown[] = []) {
  const answers = [submit, ...polls]
  const paths: string[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    paths.push(`${request.method} ${new URL(request.url).pathname}`)
    const answer = answers.length > 1 ? answers.shift() : answers[0]
    return new Response(JSON.stringify(answer), {
      status: request.method === 'POST' ? 201 : 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  const driver = vlmrun({ apiKey: 'vlm-key', baseUrl: BASE, fetch, retry: { limit: 0 } })
  return { driver, paths }
}

const start = (driver: ReturnType<typeof vlmrun>, batch = false) =>
  startJob(
    driver,
    'vision.analyze',
    { model: 'vlm-1', image: PNG, providerOptions: { vlmrun: { batch } } },
    { polling: { ...POLLING, maxUnrecognisedStatuses: 3 } },
  )

describe('vlmrun: the submit answer of a created prediction always yields a job', () => {
  it('takes epoch timestamps, status null and a string credits_used', async () => {
    const created = 1_699_335_116
    const { driver } = scripted(
      {
        id: 'pred_1',
        status: null,
        created_at: created,
        completed_at: null,
        usage: { elements_processed: '1', element_type: null, credits_used: '2.5' },
        response: null,
      },
      [
        {
          id: 'pred_1',
          status: 'completed',
          created_at: created * 1000,
          completed_at: '2023-11-07T05:32:00+02:00',
          usage: { credits_used: '2.5' },
          response: { caption: 'a receipt' },
        },
      ],
    )
    const job = await start(driver, true)
    expect(job.ref.id).toBe('pred_1')
    // No status: the document's default, pending.
    expect(job.snapshot).toMatchObject({ state: 'queued', providerStatus: 'pending' })
    const output = await job.wait()
    expect(output.text).toBe('a receipt')
    expect(output.usage).toEqual({ credits: 2.5 })
    expect(output.providerMetadata).toMatchObject({
      createdAt: '2023-11-07T05:31:56.000Z',
      completedAt: '2023-11-07T05:32:00+02:00',
    })
  })

  it('reads the prediction leniently: usage that is not an object, a status that is not text, unknown keys kept', () => {
    const prediction = predictionSchema.parse({
      id: '42',
      status: 'COMPLETED',
      usage: 'n/a',
      created_at: 'yesterday',
      response: 'x',
      region: 'eu',
    })
    expect(prediction).toEqual({ id: '42', status: 'COMPLETED', response: 'x', region: 'eu' })
    // A status that is not text is an unknown word, not the default: it must not wait forever.
    expect(predictionSchema.parse({ id: '42', status: 7 }).status).toBe('7')
    expect(predictionSchema.parse({ id: '42', status: null }).status).toBe('pending')
  })

  it('a synchronous answer whose response breaks the schema is still a job, failed with the ref kept', async () => {
    const { driver } = scripted({ id: 'pred_2', status: 'completed', response: { total: 'ten' } })
    const job = await startJob(driver, 'vision.analyze', {
      model: 'vlm-1',
      image: PNG,
      mode: 'extract',
      schema: z.object({ total: z.number() }),
    })
    expect(job.ref.id).toBe('pred_2')
    await expect(job.wait()).rejects.toBeInstanceOf(ResponseShapeError)
  })
})

describe('vlmrun: statuses read with readStatus', () => {
  it('reads other spellings of the documented words (SUCCEEDED, In Progress)', async () => {
    const { driver } = scripted({ id: 'pred_3', status: 'In Progress' }, [
      { id: 'pred_3', status: 'SUCCEEDED', response: { caption: 'done' } },
    ])
    const job = await start(driver, true)
    expect(job.snapshot).toMatchObject({ state: 'running', providerStatus: 'In Progress' })
    expect(job.snapshot).not.toHaveProperty('unrecognisedStatus')
    expect((await job.wait()).text).toBe('done')
  })

  it('a word outside the document is running with unrecognisedStatus, and the wait fails naming it', async () => {
    const { driver, paths } = scripted({ id: 'pred_4', status: 'defrosting' })
    const job = await start(driver, true)
    expect(job.snapshot).toMatchObject({
      state: 'running',
      providerStatus: 'defrosting',
      unrecognisedStatus: true,
    })
    const error = await job.wait().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as Error).message).toContain('defrosting')
    expect(paths.filter((path) => path.startsWith('GET')).length).toBeLessThanOrEqual(3)
  })
})

describe('vlmrun: the answer is found where the server puts it', () => {
  it('reads result, then output, when response is empty', async () => {
    for (const field of ['result', 'output']) {
      const { driver } = scripted({
        id: 'pred_5',
        status: 'completed',
        response: null,
        [field]: { caption: `from ${field}` },
      })
      expect(await (await start(driver)).wait()).toMatchObject({ text: `from ${field}` })
    }
  })

  it('a completed prediction with no answer anywhere fails quoting the prediction', async () => {
    const { driver } = scripted({
      id: 'pred_6',
      status: 'completed',
      response: null,
      note: 'empty',
    })
    const error = await (await start(driver)).wait().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ResponseShapeError)
    expect((error as Error).message).toMatch(/pred_6 .*response, result, output/)
    expect((error as Error).message).toContain('"note":"empty"')
  })
})
