/**
 * The API document's own example (seed 002, `fixtures/seeds/002`) through the typed client: the
 * `POST /v1/image/generate` request must leave with the example's method, path, bearer token,
 * content type and body, and the prediction printed beside it must parse into what a user reads
 * (id, status, usage and credits, timestamps, the response) — from the submit and from
 * `GET /v1/predictions/{id}`, which returns the same "base prediction response". The fixture is
 * also checked against the line of the document it was copied from.
 */
import { ValidationError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { checkCopied, seedExamples, seedText } from '../../../fixtures/seeds/index'
import { recordingFetch } from '../../../fixtures/seeds/wire'
import { createVlmRunTransport, generateImagePrediction, getPrediction } from '../src'

const BASE = 'https://api.vlmrun.test'
/** The token the example writes (`Authorization: Bearer <token>`). */
const EXAMPLE_TOKEN = '<token>'
const examples = seedExamples('002')
const text = seedText('002')

const [example] = examples
const request = example?.request
const response = example?.response
/** The example's body with the placeholders its reading fills in (`expect.placeholders`). */
const filledBody = {
  ...(request?.body as Record<string, unknown>),
  ...(example?.expect?.placeholders as Record<string, unknown>),
}

describe('seed 002 examples', () => {
  it('has the one request example and the prediction printed beside it', () => {
    expect(examples.map((item) => item.name)).toEqual(['01-image-generate'])
    expect(request?.method).toBe('POST')
    expect(response?.status).toBe(201)
  })

  it.skipIf(text === undefined)('is a faithful copy of its lines of the document', () => {
    expect(checkCopied(example!, text!)).toEqual([])
  })

  it('goes out through the typed client as the example sends it (placeholders filled)', async () => {
    const { sent, fetch } = recordingFetch(response!)
    const transport = createVlmRunTransport({
      apiKey: EXAMPLE_TOKEN,
      baseUrl: BASE,
      fetch,
      retry: { limit: 0 },
    })
    await generateImagePrediction(transport, filledBody as never)
    expect(sent).toHaveLength(1)
    const [wire] = sent
    expect(wire!.method).toBe(request!.method)
    expect(wire!.path).toBe(request!.path)
    expect(wire!.headers.get('authorization')).toBe(request!.headers?.authorization)
    expect(wire!.headers.get('content-type')).toBe(request!.headers?.['content-type'])
    expect(JSON.parse(wire!.body!)).toEqual(filledBody)
    // Only the two placeholders the reading names were replaced.
    const original = request!.body as Record<string, unknown>
    const changed = Object.keys(filledBody).filter(
      (key) => JSON.stringify(filledBody[key]) !== JSON.stringify(original[key]),
    )
    expect(changed.sort()).toEqual(['callback_url', 'images'])
  })

  it('refuses the literal placeholders before any request, naming images.0 and callback_url (its reading)', async () => {
    const { sent, fetch } = recordingFetch(response!)
    const transport = createVlmRunTransport({ apiKey: EXAMPLE_TOKEN, baseUrl: BASE, fetch })
    const error = await generateImagePrediction(transport, request!.body as never).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(ValidationError)
    const fields = (error as ValidationError).issues.map((issue) => issue.path.join('.')).sort()
    expect(fields).toEqual(['callback_url', 'images.0'])
    expect(sent).toHaveLength(0)
    expect(example!.reading).toMatch(/images\.0 and callback_url/)
  })

  it('reads the prediction of the submit: id, status, usage and credits, timestamps, response', async () => {
    const { fetch } = recordingFetch(response!)
    const transport = createVlmRunTransport({ apiKey: EXAMPLE_TOKEN, baseUrl: BASE, fetch })
    const prediction = await generateImagePrediction(transport, filledBody as never)
    expect(prediction).toMatchObject({
      id: '<string>',
      status: 'pending',
      usage: { elements_processed: 123, element_type: 'image', credits_used: 123 },
      created_at: '2023-11-07T05:31:56Z',
      completed_at: '2023-11-07T05:31:56Z',
      response: '<any>',
    })
  })

  it('reads the same prediction from GET /v1/predictions/{id}', async () => {
    const { fetch, sent } = recordingFetch({ status: 200, body: response!.body })
    const transport = createVlmRunTransport({ apiKey: EXAMPLE_TOKEN, baseUrl: BASE, fetch })
    const prediction = await getPrediction(transport, 'prediction-123')
    expect(sent.map((item) => `${item.method} ${item.path}`)).toEqual([
      'GET /v1/predictions/prediction-123',
    ])
    expect(sent[0]!.headers.get('authorization')).toBe(`Bearer ${EXAMPLE_TOKEN}`)
    expect(prediction).toMatchObject({
      status: 'pending',
      usage: { credits_used: 123 },
      response: '<any>',
    })
  })
})
