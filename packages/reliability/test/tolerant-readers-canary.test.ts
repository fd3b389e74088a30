/**
 * CanaryLLM's response readers against the tolerance property (`fixtures/tolerance.ts`): every
 * schema that reads an answer — the queued answer of a generation endpoint, the queue's status,
 * cancel and 202 answers, each kind of result inside the `/queue/result` envelope (and the
 * vision results printed bare), the stream's chunks, the training answers, the model list,
 * a delete, and the error body. The seed's own example is the sample wherever the document
 * prints one. Only what the code needs is strict: a queue or job id, a status, the media or
 * text that is the output, a detection's label and confidence, a match's URL.
 */
import {
  autoLabelResponseSchema,
  autoTrainResponseSchema,
  deleteModelResponseSchema,
  describeCanaryError,
  isResultMediaPath,
  queueCancelResponseSchema,
  queuedResponseSchema,
  queuePendingResultSchema,
  queueReadyResultSchema,
  queueStatusResponseSchema,
  RESULT_SCHEMAS,
  type ResultKind,
  streamChunkSchema,
  trainResponseSchema,
  trainStatusResponseSchema,
  visionModelsResponseSchema,
} from '@atelier/canary'
import { MediaFile } from '@atelier/core'
import { afterAll, describe, expect, it } from 'vitest'
import { exampleNamed, seedExamples } from '../../../fixtures/seeds/index'
import {
  checkTolerance,
  type Parsed,
  parserOf as parser,
  type ToleranceCase,
} from '../../../fixtures/tolerance'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-canary', { toleranceCases }))

const examples = seedExamples('000')
/** The response body the seed prints in the fixture named `name`, a copy. */
const seedAnswer = (name: string): Record<string, unknown> =>
  structuredClone(exampleNamed(examples, name).response!.body) as Record<string, unknown>

/** The document writes media as placeholders (`<base64_encoded_image>`): a few real base64 bytes instead. */
const MEDIA_BASE64 = 'iVBORw0KGgo='

/**
 * Media strings of a result body replaced by `MediaFile`s, as `readResultBody` hands the body
 * over when it streams it (the paths are the reader's own `isResultMediaPath`).
 */
function withMedia(value: unknown, path: (string | number)[] = []): unknown {
  if (typeof value === 'string' && path.length > 0 && isResultMediaPath(path)) {
    return MediaFile.fromBase64(MEDIA_BASE64, { mediaType: 'application/octet-stream' })
  }
  if (Array.isArray(value)) return value.map((item, index) => withMedia(item, [...path, index]))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withMedia(item, [...path, key])]),
    )
  }
  return value
}

/**
 * How `getQueueResult` reads a 200 from `/api/llm/queue/result` for `kind`: the envelope's
 * `data` (or a bare result) read as a finished job, then its `result` against the kind's
 * schema. Returns the answer in the sample's shape, so every field can be compared.
 */
const resultReader =
  (kind: ResultKind) =>
  (answer: unknown): Parsed => {
    const body = withMedia(answer) as Record<string, unknown>
    const enveloped = typeof body === 'object' && body !== null && 'success' in body
    const ready = queueReadyResultSchema.safeParse(enveloped ? body.data : body)
    if (!ready.success) return { success: false, error: ready.error }
    if (ready.data.result === undefined) return { success: false, error: 'no result' }
    const result = RESULT_SCHEMAS[kind].safeParse(ready.data.result)
    if (!result.success) return { success: false, error: result.error }
    if (!enveloped) return { success: true, data: result.data }
    return { success: true, data: { ...body, data: { ...ready.data, result: result.data } } }
  }

/** The envelope's `success` (what tells an envelope from a bare result), the status and the result. */
const RESULT_REQUIRED = ['success', 'data.status', 'data.result']

function resultCase(
  kind: ResultKind,
  sample: unknown,
  required: string[],
): ToleranceCase & { parse: (answer: unknown) => Parsed } {
  return { name: `canary ${kind} result`, sample, parse: resultReader(kind), required }
}

describe('CanaryLLM readers take any plausible answer (tolerance property)', () => {
  const run = (testCase: ToleranceCase) => {
    expect(testCase.parse(testCase.sample).success).toBe(true)
    toleranceCases += checkTolerance(testCase, RUNS)
  }

  it('the queued answer of every generation endpoint: a queueId always makes a job', () => {
    run({
      name: 'canary queued answer',
      sample: { queueId: 'img_abc123', status: 'queued' },
      parse: parser(queuedResponseSchema),
      required: ['queueId'],
    })
  })

  it('POST /api/llm/queue/status', () => {
    run({
      name: 'canary queue status',
      sample: {
        queueId: 'vid_abc123',
        status: 'queued',
        position: 3,
        createdAt: '2025-06-01T10:20:30.000Z',
        startedAt: '2025-06-01T10:21:00.000Z',
        completedAt: '2025-06-01T10:22:00.000Z',
        error: { message: 'upstream timed out', code: 'UPSTREAM_TIMEOUT' },
      },
      parse: parser(queueStatusResponseSchema),
      required: ['status'],
      timestamps: ['createdAt', 'startedAt', 'completedAt'],
    })
  })

  it('POST /api/llm/queue/cancel', () => {
    run({
      name: 'canary queue cancel',
      sample: { queueId: 'vid_abc123', status: 'cancelled' },
      parse: parser(queueCancelResponseSchema),
      required: [],
    })
  })

  it('a 202 from POST /api/llm/queue/result', () => {
    run({
      name: 'canary queue result 202',
      sample: { queueId: 'vid_abc123', status: 'processing', position: 0 },
      parse: parser(queuePendingResultSchema),
      required: [],
    })
  })

  it('the image result (the seed example)', () => {
    run(resultCase('image', seedAnswer('04-'), [...RESULT_REQUIRED, 'data.result.images.*.data']))
  })

  it('the video result (the seed example)', () => {
    run(resultCase('video', seedAnswer('07-'), [...RESULT_REQUIRED, 'data.result.videos.*.data']))
  })

  it('the speech result (the seed example)', () => {
    run(resultCase('speech', seedAnswer('10-'), [...RESULT_REQUIRED, 'data.result.audio']))
  })

  it('the sound-effect result (the seed example)', () => {
    run(resultCase('soundEffect', seedAnswer('12-'), [...RESULT_REQUIRED, 'data.result.audio']))
  })

  it('the music result (the seed example)', () => {
    run(resultCase('music', seedAnswer('14-'), [...RESULT_REQUIRED, 'data.result.audio']))
  })

  it('the dialogue result (a speech result: the document prints none of its own)', () => {
    const sample = seedAnswer('10-')
    ;(sample.data as Record<string, unknown>).queueId = 'llm_dialogue1'
    run(resultCase('dialogue', sample, [...RESULT_REQUIRED, 'data.result.audio']))
  })

  it('the transcription result (the seed example)', () => {
    run(resultCase('transcription', seedAnswer('18-'), [...RESULT_REQUIRED, 'data.result.text']))
  })

  it('the completion result', () => {
    const sample = {
      success: true,
      data: {
        queueId: 'llm_abc123',
        status: 'completed',
        result: {
          text: 'Hello there.',
          model: 'gpt-4o-mini',
          provider: 'openai',
          finishReason: 'stop',
          usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 },
        },
      },
    }
    run(resultCase('completion', sample, RESULT_REQUIRED))
  })

  it('the detection result (the seed example, printed bare)', () => {
    run(
      resultCase('detection', seedAnswer('25-'), ['detections.*.label', 'detections.*.confidence']),
    )
  })

  it('the gcvision web detection result (the seed example, printed bare)', () => {
    const urls = [
      'fullMatchingImages.*.url',
      'partialMatchingImages.*.url',
      'pagesWithMatchingImages.*.url',
      'visuallySimilarImages.*.url',
    ]
    run(resultCase('webDetection', seedAnswer('23-'), urls))
  })

  it('the tineye web detection result (the seed example, printed bare)', () => {
    run(
      resultCase('webDetection', seedAnswer('24-'), [
        'fullMatchingImages.*.url',
        'pagesWithMatchingImages.*.url',
      ]),
    )
  })

  it('a chunk event of POST /api/llm/queue/stream', () => {
    run({
      name: 'canary stream chunk',
      sample: { delta: 'Hel', finishReason: 'stop' },
      parse: parser(streamChunkSchema),
      required: [],
    })
  })

  it('POST /api/vision/train (the seed example)', () => {
    run({
      name: 'canary train',
      sample: seedAnswer('26-'),
      parse: parser(trainResponseSchema),
      required: ['jobId', 'status'],
    })
  })

  it('POST /api/vision/auto-label (the seed example)', () => {
    run({
      name: 'canary auto-label',
      sample: seedAnswer('27-'),
      parse: parser(autoLabelResponseSchema),
      required: ['datasetB64'],
    })
  })

  it('POST /api/vision/auto-train (the training answer, with label statistics)', () => {
    run({
      name: 'canary auto-train',
      sample: { ...seedAnswer('26-'), labelStats: { totalImages: 12, totalDetections: 30 } },
      parse: parser(autoTrainResponseSchema),
      required: ['jobId', 'status'],
    })
  })

  it('GET /api/vision/train/{jobId}', () => {
    run({
      name: 'canary training status',
      sample: {
        jobId: 'a1b2c3d4',
        status: 'completed',
        progress: 1,
        epoch: 300,
        totalEpochs: 300,
        metrics: { mAP50: 0.91, precision: 0.88 },
        modelId: 'custom-a1b2c3d4',
        recommended_confidence: 0.35,
        error: 'none',
      },
      parse: parser(trainStatusResponseSchema),
      required: ['jobId', 'status'],
    })
  })

  it('GET /api/vision/models: an odd entry never fails the list', () => {
    run({
      name: 'canary vision models',
      sample: {
        models: [
          { id: 'yolo11n', name: 'YOLO11 nano', type: 'object', custom: false },
          {
            id: 'custom-a1b2c3d4',
            name: 'Cans',
            type: 'custom',
            custom: true,
            classes: ['coca-cola', 'pepsi'],
          },
        ],
      },
      parse: parser(visionModelsResponseSchema),
      required: ['models', 'models.*.id'],
    })
  })

  it('DELETE /api/vision/models/{modelId}', () => {
    run({
      name: 'canary delete model',
      sample: { deleted: true, modelId: 'custom-a1b2c3d4' },
      parse: parser(deleteModelResponseSchema),
      required: [],
    })
  })

  it('an error body: {success: false, error: {code, message, details}}', () => {
    const read = (answer: unknown): Parsed => {
      try {
        return { success: true, data: { described: describeCanaryError(answer, 400) ?? null } }
      } catch (error) {
        return { success: false, error }
      }
    }
    toleranceCases += checkTolerance(
      {
        name: 'canary error body',
        sample: {
          success: false,
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid request',
            details: [{ path: 'prompt', message: 'Required', code: 'invalid_type' }],
          },
        },
        parse: read,
        required: [],
        // What is read is the issues, not the body: no unknown key is expected back.
        keepsUnknownKeys: false,
      },
      RUNS,
    )
  })
})
