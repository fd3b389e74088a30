/**
 * A generate submit does its work once: the body is checked against the wire schema once,
 * serialised once (the text measured against the size limit is the text sent, so a 10 MB
 * base64 image is not copied three times), and the answer is parsed and checked once. Through
 * the driver and through `createTask` alike, with the same bytes on the wire and the same
 * errors as before.
 */
import { startJob } from '@atelier/core'
import { ValidationError } from 'atelier'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createOnysoftTransport, createTask, getTaskStatus, onysoft } from '../src'
import { generateRequestSchema, generateResponseSchema, statusResponseSchema } from '../src/schemas'

/** Marks the answers of this file: JSON.parse calls of other text are not counted. */
const TASK_ID = 'task-submit-once-3f1c'
const ANSWER = JSON.stringify({
  success: true,
  data: {
    task_id: TASK_ID,
    status: 'pending',
    model: 'google/imagen4',
    estimated_cost: { amount: 0.04, currency: 'USD' },
  },
})
/** Not ASCII, so the size limit is seen to count UTF-8 bytes, not characters. */
const PROMPT = 'a café at dusk, façade in the rain'

interface Sent {
  method: string
  url: string
  contentType: string | null
  body: string
}

/** A `fetch` answering every submit as accepted and every status lookup as pending. */
function fakeGateway() {
  const sent: Sent[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    sent.push({
      method: request.method,
      url: request.url,
      contentType: request.headers.get('content-type'),
      body: await request.text(),
    })
    if (request.method === 'GET')
      return Response.json({ success: true, data: { task_id: 'other', status: 'pending' } })
    return new Response(ANSWER, { status: 202, headers: { 'content-type': 'application/json' } })
  }
  return { sent, fetch }
}

/** Counts the work one call does on the body whose prompt is `PROMPT` and on the answer. */
function countWork() {
  const stringify = vi.spyOn(JSON, 'stringify')
  const parse = vi.spyOn(JSON, 'parse')
  const requestChecks = vi.spyOn(generateRequestSchema['~standard'], 'validate')
  const answerChecks = vi.spyOn(generateResponseSchema['~standard'], 'validate')
  return () => ({
    bodySerialised: stringify.mock.calls.filter(
      ([value]) => (value as { prompt?: unknown } | null)?.prompt === PROMPT,
    ).length,
    answerParsed: parse.mock.calls.filter(([text]) => String(text).includes(TASK_ID)).length,
    bodyChecked: requestChecks.mock.calls.length,
    answerChecked: answerChecks.mock.calls.length,
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

/** What both paths send for `PROMPT`, byte for byte (the key order of the wire schema). */
const WIRE_BODY = `{"model":"google/imagen4","prompt":"${PROMPT}","aspect_ratio":"16:9"}`
const WIRE_BYTES = new TextEncoder().encode(WIRE_BODY).byteLength
const PROMPT_BYTES = new TextEncoder().encode(JSON.stringify(PROMPT)).byteLength

function driverOn(fetch: typeof globalThis.fetch, maxRequestBytes?: number) {
  return onysoft({
    apiKey: 'sk-ony-once-test-key',
    baseUrl: 'https://api.onysoft.test',
    fetch,
    checkModelTask: false,
    ...(maxRequestBytes !== undefined ? { maxRequestBytes } : {}),
  })
}

function submitImage(driver: ReturnType<typeof onysoft>) {
  return startJob(driver, 'image.generate', {
    model: 'google/imagen4',
    prompt: PROMPT,
    aspectRatio: '16:9',
  })
}

describe('onysoft submit: through the driver', () => {
  it('checks and serialises the body once, and parses and checks the answer once', async () => {
    const { sent, fetch } = fakeGateway()
    const driver = driverOn(fetch)
    const work = countWork()
    const job = await submitImage(driver)
    expect(work()).toEqual({ bodySerialised: 1, answerParsed: 1, bodyChecked: 1, answerChecked: 1 })
    expect(job.ref.id).toBe(TASK_ID)
    expect(sent[0]).toEqual({
      method: 'POST',
      url: 'https://api.onysoft.test/v1/image/generate',
      contentType: 'application/json',
      body: WIRE_BODY,
    })
  })

  it('sends a body exactly at the limit, measured in UTF-8 bytes of the text sent', async () => {
    const { sent, fetch } = fakeGateway()
    await submitImage(driverOn(fetch, WIRE_BYTES))
    expect(sent[0]!.body).toBe(WIRE_BODY)
    expect(new TextEncoder().encode(sent[0]!.body).byteLength).toBe(WIRE_BYTES)
  })

  it('refuses a body one byte over the limit before any request, naming the task input field', async () => {
    const { sent, fetch } = fakeGateway()
    const error = await submitImage(driverOn(fetch, WIRE_BYTES - 1)).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('prompt')
    expect((error as ValidationError).issues[0]!.rule).toBe('too_big')
    expect((error as Error).message).toBe(
      `POST /v1/image/generate: the request body is ${WIRE_BYTES} bytes; Onysoft accepts at most ${WIRE_BYTES - 1} bytes per request (prompt alone is ${PROMPT_BYTES} bytes). Send images as public URLs instead of base64 data URIs.`,
    )
    expect(sent).toHaveLength(0)
  })

  it('serialises a base64 image of a 10,000,000-byte body once, and refuses a byte more before any request', async () => {
    const { sent, fetch } = fakeGateway()
    const driver = driverOn(fetch)
    const image = (size: number) => `data:image/png;base64,${'A'.repeat(size)}`
    // The image length that makes the body sent exactly `bytes` long ("10 MB" is 10^7 bytes).
    const overhead = JSON.stringify({
      model: 'seedream/4.5-edit',
      prompt: PROMPT,
      image_url: image(0),
    })
    const imageFor = (bytes: number) => bytes - new TextEncoder().encode(overhead).byteLength
    const stringify = vi.spyOn(JSON, 'stringify')
    const edit = (size: number) =>
      startJob(driver, 'image.edit', {
        model: 'seedream/4.5-edit',
        prompt: PROMPT,
        image: image(size),
      })
    await edit(imageFor(10_000_000))
    const large = stringify.mock.calls.filter(
      ([value]) => (value as { prompt?: unknown } | null)?.prompt === PROMPT,
    )
    expect(large).toHaveLength(1)
    expect(sent).toHaveLength(1)
    expect(JSON.parse(sent[0]!.body)).toEqual({
      model: 'seedream/4.5-edit',
      prompt: PROMPT,
      image_url: image(imageFor(10_000_000)),
    })
    expect(new TextEncoder().encode(sent[0]!.body).byteLength).toBe(10_000_000)

    const error = await edit(imageFor(10_000_001)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('image')
    expect((error as Error).message).toMatch(
      /^POST \/v1\/image\/generate: the request body is 10 MB \(10,000,001 bytes\); Onysoft accepts at most 10 MB \(10,000,000 bytes\) per request \(image_url alone is [\d.]+ MB \([\d,]+ bytes\)\)\. Send images as public URLs/,
    )
    expect(sent).toHaveLength(1)
  })
})

describe('onysoft submit: createTask called directly', () => {
  const body = { model: 'google/imagen4', prompt: PROMPT, aspect_ratio: '16:9' }

  it('checks and serialises the body once, and parses and checks the answer once', async () => {
    const { sent, fetch } = fakeGateway()
    const transport = createOnysoftTransport({ baseUrl: 'https://api.onysoft.test', fetch })
    const work = countWork()
    const accepted = await createTask(transport, 'image', body)
    expect(work()).toEqual({ bodySerialised: 1, answerParsed: 1, bodyChecked: 1, answerChecked: 1 })
    expect(accepted).toEqual({
      task_id: TASK_ID,
      status: 'pending',
      model: 'google/imagen4',
      estimated_cost: { amount: 0.04, currency: 'USD' },
    })
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.onysoft.test/v1/image/generate',
        contentType: 'application/json',
        body: WIRE_BODY,
      },
    ])
  })

  it('still checks what the caller passes: a bad field, and the size limit, before any request', async () => {
    const { sent, fetch } = fakeGateway()
    const at = (maxRequestBytes: number) =>
      createOnysoftTransport({ baseUrl: 'https://api.onysoft.test', fetch, maxRequestBytes })
    await expect(
      createTask(at(WIRE_BYTES), 'image', { ...body, negativePrompt: 'x' } as never),
    ).rejects.toThrow(/^POST \/v1\/image\/generate: .*negativePrompt/)
    const error = await createTask(at(WIRE_BYTES - 1), 'image', body).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('prompt')
    expect((error as Error).message).toBe(
      `POST /v1/image/generate: the request body is ${WIRE_BYTES} bytes; Onysoft accepts at most ${WIRE_BYTES - 1} bytes per request (prompt alone is ${PROMPT_BYTES} bytes). Send images as public URLs instead of base64 data URIs.`,
    )
    expect(sent).toHaveLength(0)
    await createTask(at(WIRE_BYTES), 'image', body)
    expect(sent.map((request) => request.body)).toEqual([WIRE_BODY])
  })
})

describe('onysoft answers: parsed once', () => {
  it('a status lookup parses its answer once and checks it once', async () => {
    const answer = JSON.stringify({
      success: true,
      data: { task_id: TASK_ID, status: 'completed', image_url: 'https://cdn.example/a.png' },
    })
    const fetch: typeof globalThis.fetch = async () =>
      new Response(answer, { headers: { 'content-type': 'application/json' } })
    const transport = createOnysoftTransport({ baseUrl: 'https://api.onysoft.test', fetch })
    const parse = vi.spyOn(JSON, 'parse')
    const checks = vi.spyOn(statusResponseSchema['~standard'], 'validate')
    const status = await getTaskStatus(transport, 'image', TASK_ID)
    expect(status).toEqual({
      task_id: TASK_ID,
      status: 'completed',
      image_url: 'https://cdn.example/a.png',
    })
    expect(parse.mock.calls.filter(([text]) => String(text).includes(TASK_ID))).toHaveLength(1)
    expect(checks).toHaveBeenCalledTimes(1)
  })
})
