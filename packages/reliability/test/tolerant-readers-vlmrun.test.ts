/**
 * VLM Run's response readers against the tolerance property (`fixtures/tolerance.ts`): the
 * prediction of `POST /v1/image/generate` (the seed's own example) read into a job, the same
 * prediction from `GET /v1/predictions/{id}` and from a callback delivery, and the page of
 * `GET /v1/predictions`. Only the prediction's id is needed; its status, usage, timestamps and
 * response may come null, absent, as numeric strings or as epochs.
 */
import { predictionListResponseSchema, predictionSchema, vlmrun } from '@atelier/vlmrun'
import { afterAll, describe, expect, it } from 'vitest'
import { exampleNamed, seedExamples } from '../../../fixtures/seeds/index'
import { checkTolerance, parserOf as parser } from '../../../fixtures/tolerance'
import { submissionOf } from '../../vlmrun/src/driver/vision'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-vlmrun', { toleranceCases }))

/** The seed's prediction: every field of the document filled in. */
const seedPrediction = exampleNamed(seedExamples('002'), '01-').response!.body as Record<
  string,
  unknown
>
/** A finished one, as a poll answers it (a copy: the property mutates one object at a time). */
const completedPrediction = {
  ...structuredClone(seedPrediction),
  id: 'pred_7f3a',
  status: 'completed',
  response: { caption: 'A receipt on a wooden table', tags: ['receipt'] },
}

const TIMESTAMPS = ['created_at', 'completed_at']

/** A schema's `safeParse` as the property's `parse`. */

const driver = vlmrun({ apiKey: 'vlm-test-key', baseUrl: 'https://api.vlmrun.test' })
const outputContext = { mode: 'caption', schemaKind: 'none', http: driver.transport.http }

/**
 * How the driver reads a submit answer: the prediction, then the job it becomes
 * (`submissionOf`, what the handler's `submit` returns). A submit answer with an id must yield a
 * job — completed, or pending with a snapshot that is not a failure — never an error.
 */
function submitReader(answer: unknown) {
  const parsed = predictionSchema.safeParse(answer)
  if (!parsed.success) return { success: false as const, error: parsed.error }
  try {
    const submission = submissionOf(parsed.data, outputContext, {})
    if (submission.type === 'pending' && submission.snapshot.state === 'failed') {
      return { success: false as const, error: submission.snapshot.error }
    }
    if (submission.id !== parsed.data.id) {
      return {
        success: false as const,
        error: `job ${submission.id} for prediction ${parsed.data.id}`,
      }
    }
    return { success: true as const, data: parsed.data }
  } catch (error) {
    return { success: false as const, error }
  }
}

describe('VLM Run readers take any plausible answer (tolerance property)', () => {
  it('the prediction of POST /v1/image/generate (the seed example) becomes a job', () => {
    expect(submitReader(seedPrediction).success).toBe(true)
    toleranceCases += checkTolerance(
      {
        name: 'vlmrun submit prediction',
        sample: seedPrediction,
        parse: submitReader,
        required: ['id'],
        timestamps: TIMESTAMPS,
      },
      RUNS,
    )
  })

  it('a completed prediction from GET /v1/predictions/{id}', () => {
    toleranceCases += checkTolerance(
      {
        name: 'vlmrun prediction',
        sample: completedPrediction,
        parse: parser(predictionSchema),
        required: ['id', 'status', 'response'],
        timestamps: TIMESTAMPS,
      },
      RUNS,
    )
  })

  it('the page of GET /v1/predictions', () => {
    toleranceCases += checkTolerance(
      {
        name: 'vlmrun prediction list',
        sample: {
          data: [
            structuredClone(completedPrediction),
            { ...structuredClone(seedPrediction), id: 'pred_8b21' },
          ],
        },
        parse: parser(predictionListResponseSchema),
        required: ['data', 'data.*.id'],
        timestamps: ['data.*.created_at', 'data.*.completed_at'],
      },
      RUNS,
    )
  })
})
