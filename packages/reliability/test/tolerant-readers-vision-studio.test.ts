/**
 * Vision Studio's response readers against the tolerance property (`fixtures/tolerance.ts`):
 * the three status answers (Bria's `BriaStatusResponse`, Firefly's and Runway's envelope
 * `result`) read into task statuses, and the envelope every other answer comes in. Strict only on
 * the status word and where the output is. (The generated request schemas are writers, not
 * readers.)
 */
import {
  briaStatusResponseSchema,
  envelopeSchema,
  fireflyStatusResultSchema,
  runwayTaskResultSchema,
} from '@atelier/vision-studio'
import { afterAll, describe, it } from 'vitest'
import { checkTolerance, type ToleranceCase } from '../../../fixtures/tolerance'
import { taskStatusOf } from '../../vision-studio/src/client/tasks'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-vision-studio', { toleranceCases }))

type Schema = {
  safeParse: (value: unknown) => { success: boolean; data?: unknown; error?: unknown }
}
type Result = ReturnType<ToleranceCase['parse']>

const parser =
  (schema: Schema) =>
  (answer: unknown): Result => {
    const result = schema.safeParse(answer)
    return result.success
      ? { success: true, data: result.data }
      : { success: false, error: result.error }
  }

/** A status answer read as the driver reads it: parsed, then a task status in `state` (with URLs when completed). */
const statusReader =
  (schema: Schema, route: 'bria' | 'firefly' | 'runway', state: string) =>
  (answer: unknown): Result => {
    const parsed = parser(schema)(answer)
    if (!parsed.success) return parsed
    const status = taskStatusOf(route, parsed.data)
    if (status.state !== state || (state === 'completed' && status.urls.length === 0)) {
      return { success: false, error: `read as ${JSON.stringify(status)}` }
    }
    return parsed
  }

const cases: ToleranceCase[] = [
  {
    name: 'bria status, completed',
    sample: {
      status: 'COMPLETED',
      request_id: 'req_9f2c',
      // `result` is opaque to the reader (a record the driver only searches for URLs), so the
      // sample holds no number there that the property would send as text.
      result: { image_url: 'https://cdn.bria.test/out.png', prompt: 'a red panda' },
      error: null,
    },
    parse: statusReader(briaStatusResponseSchema, 'bria', 'completed'),
    required: ['status', 'result', 'result.image_url'],
  },
  {
    name: 'bria status, in progress',
    sample: { status: 'IN_PROGRESS', request_id: 'req_9f2c', result: null, error: null },
    parse: statusReader(briaStatusResponseSchema, 'bria', 'running'),
    required: ['status'],
  },
  {
    name: 'firefly status, succeeded',
    sample: {
      jobId: 'ff_123',
      status: 'succeeded',
      progress: 100,
      result: { outputs: [{ image: { url: 'https://ff.test/a.png' } }] },
    },
    parse: statusReader(fireflyStatusResultSchema, 'firefly', 'completed'),
    required: ['status', 'result', 'result.outputs', 'result.outputs.*.image.url'],
  },
  {
    name: 'firefly status, running',
    sample: { jobId: 'ff_123', status: 'running', progress: 40 },
    parse: statusReader(fireflyStatusResultSchema, 'firefly', 'running'),
    required: ['status'],
  },
  {
    name: 'runway task, succeeded',
    sample: {
      id: 'rw_456',
      status: 'SUCCEEDED',
      progress: 1,
      output: ['https://rw.test/v.mp4'],
      createdAt: '2025-01-01T10:00:00.000Z',
    },
    parse: statusReader(runwayTaskResultSchema, 'runway', 'completed'),
    required: ['status', 'output', 'output.*'],
  },
  {
    name: 'runway task, running',
    sample: { id: 'rw_456', status: 'RUNNING', progress: 0.4, createdAt: '2025-01-01T10:00:00Z' },
    parse: statusReader(runwayTaskResultSchema, 'runway', 'running'),
    required: ['status'],
  },
  {
    name: 'the envelope',
    sample: { status: 'success', result: { image_url: 'https://cdn.test/a.png' } },
    parse: parser(envelopeSchema),
    required: ['status', 'result', 'result.image_url'],
  },
]

describe('Vision Studio readers take any plausible answer (tolerance property)', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      toleranceCases += checkTolerance(testCase, RUNS)
    })
  }
})
