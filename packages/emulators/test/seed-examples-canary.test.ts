/**
 * The CanaryLLM emulator against its API document's own examples (seed 000,
 * `fixtures/seeds/000`), over a real socket with plain `fetch`: every request example is
 * accepted as printed (base64 placeholders filled with real files of their kind, as the
 * fixtures' `reading` says), and every response example has the shape of the emulator's answer
 * to the matching request — each key path of the example present with the same JSON type —
 * following the queue to the result where the example is a queue result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyProblems, shapeProblems } from '../../../fixtures/seeds/checks'
import {
  exampleNamed,
  type SeedExample,
  seedExamples,
  seedText,
} from '../../../fixtures/seeds/index'
import { encodePng, encodeWav, type RunningServer, serve, writeZip } from '../src'
import { type CanaryEmulator, createCanaryEmulator } from '../src/canary'

const KEY = 'clk_live_emulator'
const examples = seedExamples('000')
const seed = seedText('000')

const PLACEHOLDER = /^<base64_[a-z0-9_]+>$/

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const png = (width: number, height: number, seedValue = 1) =>
  base64(encodePng({ width, height, seed: seedValue }))

/** A YOLO dataset zip: images and label files split into train and val, and its data.yaml. */
function datasetZip(): string {
  const files: { name: string; data: Uint8Array }[] = []
  for (let index = 0; index < 12; index++) {
    const split = index < 10 ? 'train' : 'val'
    files.push({
      name: `images/${split}/img_${index}.png`,
      data: encodePng({ width: 16, height: 16, seed: index }),
    })
    files.push({
      name: `labels/${split}/img_${index}.txt`,
      data: new TextEncoder().encode(`${index % 3} 0.5 0.5 0.2 0.3`),
    })
  }
  files.push({ name: 'data.yaml', data: new TextEncoder().encode('train: images/train\n') })
  return base64(writeZip(files))
}

/** Real base64 of the kind each placeholder names. */
function fileFor(placeholder: string): string {
  if (placeholder.includes('zip')) return datasetZip()
  if (placeholder.includes('audio')) {
    return base64(encodeWav({ durationSeconds: 0.25, sampleRate: 16_000, frequencyHz: 440 }))
  }
  const number = Number(/_(\d+)>$/.exec(placeholder)?.[1] ?? 0)
  return png(64, 48, number + 1)
}

function filled(value: unknown): unknown {
  if (typeof value === 'string') return PLACEHOLDER.test(value) ? fileFor(value) : value
  if (Array.isArray(value)) return value.map(filled)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, filled(item)]))
  }
  return value
}

/** The body of a request example as sent: placeholders filled, a list "..." shortens grown. */
function requestBody(example: SeedExample, changes: Record<string, unknown> = {}) {
  const body = { ...(filled(example.request!.body) as Record<string, unknown>), ...changes }
  const images = example.expect?.images
  if (typeof images === 'number' && Array.isArray(body.images)) {
    const printed = body.images as string[]
    body.images = Array.from({ length: images }, (_, index) => printed[index] ?? png(64, 48, index))
  }
  return body
}

let emulator: CanaryEmulator
let server: RunningServer

beforeAll(async () => {
  emulator = createCanaryEmulator({
    processingMs: {
      image: 10,
      video: 10,
      speech: 10,
      soundEffect: 10,
      music: 10,
      dialogue: 10,
      transcription: 10,
      completion: 10,
      detection: 10,
      webDetection: 10,
    },
    trainingMs: 20,
    videoFrame: { width: 32, height: 18 },
    imageBaseSize: 32,
  })
  server = await serve(emulator.handler)
})
afterAll(async () => {
  emulator.reset()
  await server.close()
})

/** Sends a request example exactly as the fixture has it, with `body` as the JSON body. */
async function send(example: SeedExample, body: unknown): Promise<Response> {
  const request = example.request!
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [
      name,
      value.replace('clk_live_<CANARY_API_KEY>', KEY),
    ]),
  )
  return fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers,
    body: JSON.stringify(body),
  })
}

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Follows a queued job to its end, then answers `/api/llm/queue/result` as sent. */
async function resultOf(queueId: string) {
  await expect
    .poll(
      async () =>
        ((await post('/api/llm/queue/status', { queueId })).body.data as { status: string }).status,
      { interval: 5, timeout: 5_000 },
    )
    .toBe('completed')
  return post('/api/llm/queue/result', { queueId })
}

describe('seed 000 (CanaryLLM): the document examples against the emulator', () => {
  it('has every example of the document: 19 requests and 11 responses', () => {
    expect(examples.filter((example) => example.request)).toHaveLength(19)
    expect(examples.filter((example) => example.response)).toHaveLength(11)
  })

  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_, example) => {
    it.skipIf(seed === undefined)('is a faithful copy of the document', () => {
      expect(copyProblems(example, seed!)).toEqual([])
    })

    if (example.request) {
      const request = example.request
      const printed = request.body as Record<string, unknown>

      it(`is accepted as ${request.method} ${request.path}`, async () => {
        const response = await send(example, requestBody(example))
        const body = (await response.json()) as { success: boolean; data: Record<string, unknown> }
        expect(response.status, JSON.stringify(body)).toBe(200)
        expect(body.success).toBe(true)
        if (request.path.startsWith('/api/llm/') || request.path.startsWith('/api/vision/detect')) {
          expect(body.data).toMatchObject({ queueId: expect.any(String), status: 'queued' })
        } else if (request.path === '/api/vision/auto-label') {
          expect(body.data).toMatchObject({ datasetB64: expect.any(String) })
        } else {
          // Training and auto-training answer with the training job the document prints.
          expect(body.data).toMatchObject({ jobId: expect.any(String), status: 'pending' })
        }
      })

      const placeholders = Object.keys(printed).filter((key) =>
        (Array.isArray(printed[key]) ? (printed[key] as unknown[]) : [printed[key]]).some(
          (item) => typeof item === 'string' && PLACEHOLDER.test(item),
        ),
      )
      if (placeholders.length > 0) {
        it(`refuses the placeholders sent literally (${placeholders.join(', ')})`, async () => {
          const literal = requestBody(example)
          for (const key of placeholders) literal[key] = printed[key]
          const response = await send(example, literal)
          const body = (await response.json()) as {
            error: { code: string; details: { path: string }[] }
          }
          expect(response.status).toBe(400)
          expect(body.error.code).toBe('VALIDATION_ERROR')
          const named = new Set(body.error.details.map((detail) => detail.path.split('.')[0]))
          expect(named).toEqual(new Set(placeholders))
        })
      }

      if (typeof example.expect?.images === 'number') {
        it('refuses the printed list alone: the section asks for more images', async () => {
          const response = await send(example, filled(printed))
          const body = (await response.json()) as {
            error: { code: string; details: { path: string }[] }
          }
          expect(response.status).toBe(400)
          expect(body.error.details.map((detail) => detail.path)).toEqual(['images'])
        })
      }

      if (example.response) {
        it('answers with the shape of the printed answer (the envelope data)', async () => {
          const response = await send(example, requestBody(example))
          expect(response.status).toBe(example.response!.status)
          const body = (await response.json()) as { data: unknown }
          expect(shapeProblems(example.response!.body, body.data)).toEqual([])
        })
      }
    }

    if (example.response?.answers === 'POST /api/llm/queue/result') {
      const printed = example.response.body as Record<string, unknown>
      const bare = printed.success === undefined
      const requestName = example.expect!.request as string
      const changes = (example.expect!.requestWith ?? {}) as Record<string, unknown>

      it(`has the shape of the result of ${requestName}${bare ? " (the envelope's data.result)" : ''}`, async () => {
        const source = exampleNamed(examples, requestName)
        expect(source.request).toBeDefined()
        const submitted = await send(source, requestBody(source, changes))
        const { queueId } = ((await submitted.json()) as { data: { queueId: string } }).data
        const answer = await resultOf(queueId)
        expect(answer.status).toBe(example.response!.status)
        const actual = bare ? (answer.body.data as { result: unknown }).result : answer.body
        expect(shapeProblems(printed, actual)).toEqual([])
      })
    }
  })
})
