/**
 * The API document's own examples (seed 000, `fixtures/seeds/000`) against the typed client:
 * each fixture is still a copy of its line of the document; each request example goes out
 * through `CanaryClient` with the example's method, path, auth, content type and body; each
 * response example is read by the client into its typed result with the values a user needs
 * intact. Where the document prints something a client cannot send or read as it stands
 * (placeholders for base64, a comment, an ellipsis, a bare result), the fixture's `reading`
 * says what we took it to mean and the test holds that reading.
 */

import { CanaryClient } from '@atelier/canary/client'
import { MediaFile, ValidationError } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { copyProblems } from '../../../fixtures/seeds/checks'
import { type SeedExample, seedExamples, seedText } from '../../../fixtures/seeds/index'
import type { ResultKind } from '../src'

const BASE = 'https://canary.test'
const KEY = 'clk_live_0123456789abcdef'
const examples = seedExamples('000')
const seed = seedText('000')

/** `"<base64_encoded_image>"`, `"<base64_image_1>"`, ...: the document's stand-ins for base64. */
const PLACEHOLDER = /^<base64_[a-z0-9_]+>$/

/** A base64 text of its own for each placeholder, so a value moved to another field shows. */
function base64For(placeholder: string): string {
  return Buffer.from(`bytes of ${placeholder}`).toString('base64')
}

/** `value` with every placeholder string replaced by base64 data. */
function filled(value: unknown): unknown {
  if (typeof value === 'string') return PLACEHOLDER.test(value) ? base64For(value) : value
  if (Array.isArray(value)) return value.map(filled)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, filled(item)]))
  }
  return value
}

/** Top-level fields of a body that hold a placeholder (or a list of them). */
function placeholderFields(body: unknown): string[] {
  return Object.entries(body as Record<string, unknown>)
    .filter(([, value]) =>
      (Array.isArray(value) ? value : [value]).some(
        (item) => typeof item === 'string' && PLACEHOLDER.test(item),
      ),
    )
    .map(([key]) => key)
}

/**
 * The body the client is given for a request example: placeholders filled, and lists that the
 * document shortens with "..." grown to the size its reading names (`expect.images`).
 */
function requestBody(example: SeedExample): Record<string, unknown> {
  const body = filled(example.request!.body) as Record<string, unknown>
  const images = example.expect?.images
  if (typeof images === 'number' && Array.isArray(body.images)) {
    const printed = body.images as string[]
    body.images = Array.from(
      { length: images },
      (_, index) => printed[index] ?? base64For(`<base64_image_${index + 1}>`),
    )
  }
  return body
}

interface Sent {
  method: string
  path: string
  headers: Headers
  body: unknown
}

/** A client whose `fetch` records each request and answers it with `answer`. */
function clientAnswering(answer: (request: Request) => Response) {
  const sent: Sent[] = []
  const client = new CanaryClient({
    baseUrl: BASE,
    apiKey: KEY,
    retry: { limit: 0 },
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const text = await request.clone().text()
      const url = new URL(request.url)
      sent.push({
        method: request.method,
        path: `${url.pathname}${url.search}`,
        headers: request.headers,
        body: text ? JSON.parse(text) : undefined,
      })
      return answer(request)
    },
  })
  return { client, sent }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const queued = () => json({ success: true, data: { queueId: 'q_1', status: 'queued' } })

type Call = (client: CanaryClient, body: never) => Promise<unknown>

/** The client method each documented path maps to, one to one. */
const CALLS: Record<string, Call> = {
  '/api/llm/generate-image': (client, body) => client.llm.generateImage(body),
  '/api/llm/generate-video': (client, body) => client.llm.generateVideo(body),
  '/api/llm/generate-audio': (client, body) => client.llm.generateAudio(body),
  '/api/llm/generate-sound-effect': (client, body) => client.llm.generateSoundEffect(body),
  '/api/llm/generate-music': (client, body) => client.llm.generateMusic(body),
  '/api/llm/generate-dialogue': (client, body) => client.llm.generateDialogue(body),
  '/api/llm/transcribe': (client, body) => client.llm.transcribe(body),
  '/api/vision/detect': (client, body) => client.vision.detect(body),
  '/api/vision/detect/zero-shot': (client, body) => client.vision.detectZeroShot(body),
  '/api/vision/detect/faces': (client, body) => client.vision.detectFaces(body),
  '/api/vision/detect/web': (client, body) => client.vision.detectWeb(body),
  '/api/vision/train': (client, body) => client.vision.train(body),
  '/api/vision/auto-label': (client, body) => client.vision.autoLabel(body),
  '/api/vision/auto-train': (client, body) => client.vision.autoTrain(body),
}

/** Training answers at once; every other documented request is answered by a queued job. */
const DIRECT = new Set(['/api/vision/train', '/api/vision/auto-label', '/api/vision/auto-train'])

/** What the server answers a request example: its printed answer, or a plausible one. */
function answerFor(example: SeedExample): Response {
  if (example.response) return json(example.response.body, example.response.status)
  if (DIRECT.has(example.request!.path)) {
    return json({ success: true, data: { jobId: 'job_1', status: 'pending' } })
  }
  return queued()
}

/** A result read by the client with its media files turned back into base64 text. */
async function withMediaAsBase64(value: unknown): Promise<unknown> {
  if (value instanceof MediaFile) return value.base64()
  if (Array.isArray(value)) return Promise.all(value.map(withMediaAsBase64))
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await withMediaAsBase64(item)]),
    )
    return Object.fromEntries(entries)
  }
  return value
}

/** Each media file of a result with the media type it was given, by path. */
function mediaTypes(value: unknown, path = ''): Record<string, string> {
  if (value instanceof MediaFile) return { [path]: value.mediaType }
  if (value === null || typeof value !== 'object') return {}
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, item]) => mediaTypes(item, path ? `${path}.${key}` : key)),
  )
}

/** Paths of the placeholder strings in `value`: where the printed result holds media. */
function placeholderPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return PLACEHOLDER.test(value) ? [path] : []
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, item]) =>
    placeholderPaths(item, path ? `${path}.${key}` : key),
  )
}

/** The printed result of a queue-result example: the envelope's `data.result`, or the bare body. */
function printedResult(example: SeedExample): { queueId?: string; result: unknown } {
  const body = example.response!.body as Record<string, unknown>
  if (body.success === true) {
    const data = body.data as { queueId: string; result: unknown }
    return { queueId: data.queueId, result: data.result }
  }
  return { result: body }
}

describe('seed 000 (CanaryLLM): the document examples', () => {
  it('covers every example of the document: 19 requests and 11 responses', () => {
    expect(examples).toHaveLength(28)
    expect(examples.filter((example) => example.request)).toHaveLength(19)
    expect(examples.filter((example) => example.response)).toHaveLength(11)
  })

  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_, example) => {
    it.skipIf(seed === undefined)('is a faithful copy of the document', () => {
      // Where the printed JSON is not JSON (see `reading`), the copy matches once made strict.
      expect(copyProblems(example, seed!)).toEqual([])
    })

    if (example.request) {
      const request = example.request
      const call = CALLS[request.path]

      it(`goes out through the client as ${request.method} ${request.path}`, async () => {
        expect(call, `no client method for ${request.path}`).toBeDefined()
        const { client, sent } = clientAnswering(() => answerFor(example))
        const body = requestBody(example)
        await call!(client, body as never)
        expect(sent).toHaveLength(1)
        const [wire] = sent
        expect(wire!.method).toBe(request.method)
        expect(wire!.path).toBe(request.path)
        expect(wire!.headers.get('authorization')).toBe(
          request.headers!.authorization!.replace('clk_live_<CANARY_API_KEY>', KEY),
        )
        expect(wire!.headers.get('content-type')?.split(';')[0]).toBe(
          request.headers!['content-type'],
        )
        expect(wire!.body).toEqual(body)
      })

      const fields = placeholderFields(request.body)
      if (fields.length > 0) {
        it(`refuses the placeholders sent literally (${fields.join(', ')}), before any request`, async () => {
          const { client, sent } = clientAnswering(() => answerFor(example))
          const literal = { ...requestBody(example) }
          for (const field of fields)
            literal[field] = (request.body as Record<string, unknown>)[field]
          const error = await call!(client, literal as never).catch((caught: unknown) => caught)
          expect(error).toBeInstanceOf(ValidationError)
          const named = (error as ValidationError).issues.map((issue) => String(issue.path[0]))
          expect(new Set(named)).toEqual(new Set(fields))
          expect(sent).toHaveLength(0)
        })
      }

      if (typeof example.expect?.images === 'number') {
        it('refuses the printed list alone: the section asks for more images', async () => {
          const { client, sent } = clientAnswering(() => answerFor(example))
          const printed = filled(request.body) as Record<string, unknown>
          const error = await call!(client, printed as never).catch((caught: unknown) => caught)
          expect(error).toBeInstanceOf(ValidationError)
          expect((error as ValidationError).issues.map((issue) => issue.path[0])).toEqual([
            'images',
          ])
          expect(sent).toHaveLength(0)
        })
      }

      if (example.response) {
        it('reads the printed answer into the typed result, every field kept', async () => {
          const { client } = clientAnswering(() => answerFor(example))
          const answer = await call!(client, requestBody(example) as never)
          expect(answer).toEqual(example.response!.body)
        })
      }
    }

    if (example.response?.answers === 'POST /api/llm/queue/result') {
      const kind = example.expect!.kind as ResultKind
      const printed = printedResult(example)

      it(`is read by client.queue.result as a ${kind} result, as printed`, async () => {
        const { client, sent } = clientAnswering(() => json(example.response!.body))
        const queueId = printed.queueId ?? 'vis_1'
        const answer = await client.queue.result({ queueId, kind })
        expect(sent.map((wire) => [wire.method, wire.path, wire.body])).toEqual([
          ['POST', '/api/llm/queue/result', { queueId }],
        ])
        expect(answer).toMatchObject({ ready: true, queueId, status: 'completed' })
        if (!answer.ready) throw new Error('not ready')
        // Media become files typed as the result says; every other value comes through as printed.
        const media = mediaTypes(answer.result)
        for (const [path, mediaType] of Object.entries(media)) {
          const owner = path.split('.').slice(0, -1)
          const stated = owner.reduce<unknown>(
            (value, key) => (value as Record<string, unknown>)[key],
            printed.result,
          ) as { mimeType?: string }
          expect(mediaType, path).toBe(stated.mimeType)
        }
        const filledResult = filled(printed.result)
        const { client: filledClient } = clientAnswering(() => json(filled(example.response!.body)))
        const filledAnswer = await filledClient.queue.result({ queueId, kind })
        if (!filledAnswer.ready) throw new Error('not ready')
        expect(await withMediaAsBase64(filledAnswer.result)).toEqual(filledResult)
        expect(Object.keys(media).sort()).toEqual(placeholderPaths(printed.result).sort())
        expect(Object.keys(mediaTypes(filledAnswer.result))).toEqual(Object.keys(media))
      })
    }
  })
})
