/**
 * The Silly Media sidecar's response readers against the tolerance property
 * (`fixtures/tolerance.ts`), each from the API document's own example (seed 001): the queued job
 * of the video and music submits, the video and music status bodies read into snapshots, the
 * progress polls, the LLM and vision answers, and the delete answer. Strict only where the code
 * needs it: the job id of a submit, the status of a status body, where the files are, the text of
 * an answer.
 */
import type { JobRef } from '@atelier/core'
import {
  deletedJobResponseSchema,
  jobCreatedResponseSchema,
  llmGenerateResponseSchema,
  musicStatusResponseSchema,
  progressResponseSchema,
  videoStatusResponseSchema,
  visionAnalyzeResponseSchema,
} from '@atelier/local'
import { SillyMediaClient } from '@atelier/local/client'
import { afterAll, describe, it } from 'vitest'
import { exampleNamed, seedExamples } from '../../../fixtures/seeds/index'
import { checkTolerance, type ToleranceCase } from '../../../fixtures/tolerance'
import { musicSnapshot, videoSnapshot } from '../../local/src/driver/snapshots'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-local', { toleranceCases }))

const examples = seedExamples('001')
/** The response body of the seed example `name` (a fresh copy: the property mutates it). */
const bodyOf = (name: string) => structuredClone(exampleNamed(examples, name).response!.body)

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

const client = new SillyMediaClient({ baseUrl: 'http://sidecar.test:4201' })
const ref = (task: 'video.generate' | 'music.generate'): JobRef => ({
  provider: 'local',
  task,
  id: 'abc12345',
  data: { kind: task === 'video.generate' ? 'video' : 'music' },
})

/**
 * A status body read as the driver reads it: parsed, then made into a snapshot, which must be in
 * the state the sample's status names (a completed job stays completed, with its files).
 */
const statusReader =
  (schema: Schema, snapshot: (body: never) => { state: string }, state: string) =>
  (answer: unknown): Result => {
    const parsed = parser(schema)(answer)
    if (!parsed.success) return parsed
    try {
      const read = snapshot(parsed.data as never)
      if (read.state !== state) {
        return { success: false, error: `read as ${read.state}: ${JSON.stringify(read)}` }
      }
      return parsed
    } catch (error) {
      return { success: false, error }
    }
  }

const videoStatus = (state: string) =>
  statusReader(
    videoStatusResponseSchema,
    (body) => videoSnapshot(body, ref('video.generate'), client),
    state,
  )
const musicStatus = (state: string) =>
  statusReader(
    musicStatusResponseSchema,
    (body) => musicSnapshot(body, ref('music.generate'), client),
    state,
  )

const cases: ToleranceCase[] = [
  {
    name: 'local video submit (POST /video/t2v/{model})',
    sample: bodyOf('39-'),
    parse: parser(jobCreatedResponseSchema),
    required: ['job_id'],
  },
  {
    name: 'local music submit (POST /music/generate)',
    sample: bodyOf('55-'),
    parse: parser(jobCreatedResponseSchema),
    required: ['job_id'],
  },
  {
    name: 'local video status, processing',
    sample: bodyOf('41-'),
    parse: videoStatus('running'),
    required: ['status'],
  },
  {
    name: 'local video status, completed',
    sample: bodyOf('42-'),
    parse: videoStatus('completed'),
    required: ['status'],
  },
  {
    name: 'local video status, failed',
    sample: bodyOf('43-'),
    parse: videoStatus('failed'),
    required: ['status'],
  },
  {
    name: 'local music status, processing',
    sample: bodyOf('56-'),
    parse: musicStatus('running'),
    required: ['status'],
  },
  {
    name: 'local music status, completed',
    sample: bodyOf('57-'),
    parse: musicStatus('completed'),
    required: ['status', 'audios', 'audios.*.download_url'],
  },
  {
    name: 'local progress (GET /progress)',
    sample: bodyOf('03-'),
    parse: parser(progressResponseSchema),
    required: [],
  },
  {
    name: 'local LLM answer (POST /llm/generate)',
    sample: bodyOf('52-'),
    parse: parser(llmGenerateResponseSchema),
    required: ['text'],
  },
  {
    name: 'local vision answer (POST /vision/analyze)',
    sample: bodyOf('47-'),
    parse: parser(visionAnalyzeResponseSchema),
    required: ['response'],
  },
  {
    name: 'local delete answer (DELETE /video/{job_id})',
    sample: bodyOf('44-'),
    parse: parser(deletedJobResponseSchema),
    required: [],
  },
]

describe('sidecar readers take any plausible answer (tolerance property)', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      toleranceCases += checkTolerance(testCase, RUNS)
    })
  }
})
