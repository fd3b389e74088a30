/**
 * The Onysoft gateway's response readers against the tolerance property (`fixtures/tolerance.ts`):
 * every schema that reads an answer — the generate (submit) answer, the status answer (read on
 * through the driver's own output readers, so a finished task must still yield its output), the
 * video list and the model list. The seed's own examples (seed 004) are the samples where the
 * document prints one; realistic answers otherwise. Only what the code needs is strict: the task
 * id of a submit, the status word of a poll, and the URL that is the output.
 */
import type { JobRef } from '@atelier/core'
import {
  createOnysoftTransport,
  generateResponseSchema,
  modelsResponseSchema,
  type OutputReader,
  statusResponseSchema,
  videoListResponseSchema,
} from '@atelier/onysoft'
import { afterAll, describe, expect, it } from 'vitest'
import { exampleNamed, seedExamples } from '../../../fixtures/seeds/index'
import { checkTolerance, parserOf as parser } from '../../../fixtures/tolerance'
// The driver's own reading of a status answer; not part of the package's public surface.
import { snapshotOf } from '../../onysoft/src/driver/snapshots'
import { recordFigures } from '../src/figures'

const RUNS = 200
let toleranceCases = 0
afterAll(() => recordFigures('tolerant-readers-onysoft', { toleranceCases }))

const examples = seedExamples('004')
/** The response body the seed prints in the fixture named `name`, a copy. */
const seedAnswer = (name: string): Record<string, unknown> =>
  structuredClone(exampleNamed(examples, name).response!.body) as Record<string, unknown>

const transport = createOnysoftTransport({
  apiKey: 'sk-ony-tolerance',
  baseUrl: 'https://api.onysoft.test',
})

/** Any output: the property only needs to know the reader found one. */
const anyOutput =
  (kind: 'video' | 'image' | 'audio'): OutputReader<unknown> =>
  (_status, files) =>
    files.of(kind).length ? { files: files.of(kind).map((file) => file.url) } : `${kind} URLs`

/**
 * A status answer read as the driver reads it: the schema, then the snapshot, with each task's
 * output reader. A completed answer whose output cannot be found, or a snapshot in another state
 * than the sample's, is a refusal.
 */
const statusParser = (expected: string) => (answer: unknown) => {
  const parsed = statusResponseSchema.safeParse(answer)
  if (!parsed.success) return { success: false as const, error: parsed.error }
  for (const kind of ['video', 'image', 'audio'] as const) {
    const ref: JobRef = { provider: 'onysoft', task: 'video.generate', id: 'vid_abc123' }
    const snapshot = snapshotOf(parsed.data.data, ref, transport, {}, anyOutput(kind))
    if (snapshot.state !== expected) {
      const reason = 'error' in snapshot ? snapshot.error.message : snapshot.state
      return { success: false as const, error: new Error(`${kind} task: ${reason}`) }
    }
  }
  return { success: true as const, data: parsed.data }
}

describe('onysoft response readers: null, absent, numeric strings, timestamps, unknown keys', () => {
  it('the generate answer (the seed example, and one with a processing status and a timestamp)', () => {
    toleranceCases += checkTolerance(
      {
        name: 'onysoft generate answer',
        sample: seedAnswer('05-'),
        parse: parser(generateResponseSchema),
        required: ['data.task_id'],
      },
      RUNS,
    )
    toleranceCases += checkTolerance(
      {
        name: 'onysoft generate answer (processing)',
        sample: {
          success: true,
          data: {
            task_id: 'img_7f3e',
            status: 'processing',
            model: 'google/imagen4',
            created_at: '2026-03-01T09:30:00.000Z',
            estimated_cost: { amount: 0.04, currency: 'USD' },
          },
        },
        parse: parser(generateResponseSchema),
        required: ['data.task_id'],
        timestamps: ['data.created_at'],
      },
      RUNS,
    )
  })

  it('the status answer, read on to the output of a video, image and audio task', () => {
    toleranceCases += checkTolerance(
      {
        name: 'onysoft completed status (seed)',
        sample: seedAnswer('07-'),
        parse: statusParser('completed'),
        required: ['data.status', 'data.video_url'],
      },
      RUNS,
    )
    toleranceCases += checkTolerance(
      {
        name: 'onysoft processing status',
        sample: {
          success: true,
          data: {
            task_id: 'vid_abc123',
            status: 'processing',
            model: 'veo3_fast',
            progress: 45,
            created_at: '2026-03-01T09:30:00.000Z',
            updated_at: '2026-03-01T09:31:10.000Z',
            estimated_cost: { amount: 0.6, currency: 'USD' },
          },
        },
        parse: statusParser('running'),
        required: ['data.status'],
        timestamps: ['data.created_at', 'data.updated_at'],
      },
      RUNS,
    )
    toleranceCases += checkTolerance(
      {
        name: 'onysoft failed status',
        sample: {
          success: true,
          data: {
            task_id: 'img_7f3e',
            status: 'failed',
            model: 'google/imagen4',
            error: { message: 'content policy', code: 451 },
            created_at: '2026-03-01T09:30:00.000Z',
            completed_at: '2026-03-01T09:30:20.000Z',
          },
        },
        parse: statusParser('failed'),
        required: ['data.status'],
        // A failure code is an identifier, reported as text (`providerCode`): 451 and "451" alike.
        transformed: ['data.error.code'],
        timestamps: ['data.created_at', 'data.completed_at'],
      },
      RUNS,
    )
  })

  it('the video list', () => {
    toleranceCases += checkTolerance(
      {
        name: 'onysoft video list',
        sample: {
          success: true,
          data: {
            videos: [
              {
                task_id: 'vid_abc123',
                status: 'completed',
                model: 'veo3_fast',
                prompt: 'A cat playing piano',
                video_url: 'https://cdn.onysoft.test/vid_abc123.mp4',
                thumbnail_url: 'https://cdn.onysoft.test/vid_abc123.jpg',
                duration: 5,
                created_at: '2026-03-01T09:30:00.000Z',
              },
            ],
            pagination: { page: 1, limit: 20, total: 1, total_pages: 1 },
          },
        },
        parse: parser(videoListResponseSchema),
        required: ['data.videos'],
        timestamps: ['data.videos.*.created_at'],
      },
      RUNS,
    )
  })

  it('the model list, flat and grouped by kind', () => {
    toleranceCases += checkTolerance(
      {
        name: 'onysoft model list',
        sample: {
          success: true,
          data: [
            {
              id: 'veo3_fast',
              name: 'Veo 3.1 Fast',
              type: 'video',
              provider: 'Google',
              price: { amount: 0.6, currency: 'USD' },
            },
            { id: 'elevenlabs/sound-effect-v2', type: 'SFX', price: 0.001 },
          ],
        },
        parse: parser(modelsResponseSchema),
        required: ['data.*.id'],
      },
      RUNS,
    )
    toleranceCases += checkTolerance(
      {
        name: 'onysoft model list by kind',
        sample: {
          success: true,
          data: {
            video: [{ id: 'veo3', name: 'Veo 3.1', price: 1.2 }],
            image: [{ id: 'google/imagen4', name: 'Imagen 4', price: 0.04 }],
          },
        },
        parse: parser(modelsResponseSchema),
        required: ['data.video.*.id', 'data.image.*.id'],
      },
      RUNS,
    )
  })

  it('counted every case it ran', () => {
    expect(toleranceCases).toBe(RUNS * 8)
  })
})
