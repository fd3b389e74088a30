/**
 * The API document's own examples (seed 004, `fixtures/seeds/004`) through the typed client:
 * every request example sent with `createTask` / `getTaskStatus` must leave with the example's
 * method, path, bearer key, content type and body; every response example must parse into the
 * values a user reads (task id, status, estimated cost, the video and its thumbnail). Each
 * fixture is also checked against the line of the document it was copied from.
 */
import { type JobRef, resumeJob, type Warning } from '@atelier/core'
import { describe, expect, it } from 'vitest'
import { checkCopied, exampleNamed, seedExamples, seedText } from '../../../fixtures/seeds/index'
import { recordingFetch } from '../../../fixtures/seeds/wire'
import {
  ALIASES,
  type Alias,
  createOnysoftTransport,
  createTask,
  getTaskStatus,
  onysoft,
} from '../src'
import { OnysoftClient } from '../src/client'

const BASE = 'https://api.onysoft.test'
/** The key the examples write (`Authorization: Bearer sk-ony-YOUR-KEY`). */
const EXAMPLE_KEY = 'sk-ony-YOUR-KEY'
const examples = seedExamples('004')
const text = seedText('004')

/** The alias a request example's path names (`/v1/{alias}/...`). */
function aliasOf(path: string): Alias {
  const alias = path.split('/')[2]
  const known = ALIASES.find((name) => name === alias)
  if (!known) throw new Error(`no alias in ${path}`)
  return known
}

const acceptedAnswer = exampleNamed(examples, '05-generate-response').response!
const completedAnswer = exampleNamed(examples, '07-status-completed').response!

const requests = examples.filter((example) => example.request)
const responses = examples.filter((example) => example.response)

describe('seed 004 examples', () => {
  it('has every request and response example of the document', () => {
    // Seven curl generate requests, the curl status lookup, and the Python example's two
    // requests; the submit answer and the completed status.
    expect(requests.map((example) => example.name)).toHaveLength(10)
    expect(requests.filter((example) => example.request?.method === 'POST')).toHaveLength(8)
    expect(responses.map((example) => example.name)).toEqual([
      '05-generate-response',
      '07-status-completed',
    ])
  })

  describe.each(examples.map((example) => [example.name, example] as const))('%s', (_, example) => {
    it.skipIf(text === undefined)('is a faithful copy of its line of the document', () => {
      expect(checkCopied(example, text!)).toEqual([])
    })
  })

  describe.each(requests.map((example) => [example.name, example] as const))(
    'request %s',
    (_, example) => {
      const request = example.request!
      it('goes out through the typed client exactly as the example sends it', async () => {
        const answer = request.method === 'POST' ? acceptedAnswer : completedAnswer
        const { sent, fetch } = recordingFetch({ status: answer.status, body: answer.body })
        const transport = createOnysoftTransport({
          apiKey: EXAMPLE_KEY,
          baseUrl: BASE,
          fetch,
          retry: { limit: 0 },
        })
        const alias = aliasOf(request.path)
        if (request.method === 'POST') {
          await createTask(transport, alias, request.body as never)
        } else {
          await getTaskStatus(transport, alias, decodeURIComponent(request.path.split('/').pop()!))
        }
        expect(sent).toHaveLength(1)
        const [wire] = sent
        expect(wire!.method).toBe(request.method)
        expect(wire!.path).toBe(request.path)
        expect(wire!.headers.get('authorization')).toBe(request.headers?.authorization)
        if (request.body === undefined) {
          expect(wire!.body).toBeUndefined()
        } else {
          // The body is JSON, labelled so even where the curl example forgets the header (10).
          expect(wire!.headers.get('content-type')).toBe('application/json')
          expect(JSON.parse(wire!.body!)).toEqual(request.body)
        }
      })
    },
  )

  it('sends the Sora example, which curl would label form-urlencoded, as application/json (its reading)', () => {
    const sora = exampleNamed(examples, '10-sora-2-pro-landscape')
    expect(sora.request?.headers?.['content-type']).toBeUndefined()
    expect(sora.reading).toMatch(/sends it as application\/json/)
  })

  it('reads the submit answer: task id, status and the estimated cost', async () => {
    const { fetch } = recordingFetch(acceptedAnswer)
    const client = new OnysoftClient({ apiKey: EXAMPLE_KEY, baseUrl: BASE, fetch })
    const body = exampleNamed(examples, '01-video-text-to-video').request!.body
    const withHeaders = await client.video.generateWithHeaders(body as never)
    expect(withHeaders.status).toBe(202)
    const data = (acceptedAnswer.body as { data: Record<string, unknown> }).data
    expect(withHeaders.data).toMatchObject({
      task_id: data.task_id,
      status: 'pending',
      model: 'veo3_fast',
      estimated_cost: { amount: 0.6, currency: 'USD' },
    })
  })

  it('reads the completed status: the video, its thumbnail, its length; and the Python example reads the same fields', async () => {
    const { fetch } = recordingFetch(completedAnswer)
    const client = new OnysoftClient({ apiKey: EXAMPLE_KEY, baseUrl: BASE, fetch })
    const status = await client.status('vid_abc123')
    expect(status).toMatchObject({
      task_id: 'vid_abc123...',
      status: 'completed',
      video_url: 'https://...',
      thumbnail_url: 'https://...',
      duration: 5,
      model: 'veo3_fast',
    })
    const files = client.files(status)
    expect(files.videos.map((file) => file.url)).toEqual(['https://...'])
    expect(files.thumbnails).toHaveLength(1)
    // What the polling example reads of each answer: status, then video_url (or error).
    const reads = exampleNamed(examples, '12-python-status').expect?.reads as string[]
    expect(reads.filter((field) => field !== 'error').every((field) => field in status)).toBe(true)
  })

  it('turns the completed status into a finished video job from its ref, with the estimated cost', async () => {
    const { fetch, sent } = recordingFetch(completedAnswer)
    const driver = onysoft({ apiKey: EXAMPLE_KEY, baseUrl: BASE, fetch })
    const accepted = (acceptedAnswer.body as { data: { task_id: string } }).data
    const ref: JobRef<'video.generate'> = {
      provider: 'onysoft',
      task: 'video.generate',
      id: accepted.task_id,
      data: { alias: 'video', model: 'veo3_fast', estimatedCost: { amount: 0.6, currency: 'USD' } },
    }
    const output = await resumeJob(driver, ref, { polling: { minIntervalMs: 1 } }).wait()
    expect(sent.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/video/status/${encodeURIComponent(accepted.task_id)}`,
    ])
    expect(output.videos).toHaveLength(1)
    expect(output.videos[0]!.url).toBe('https://...')
    expect(output.usage).toMatchObject({ costUsd: 0.6, estimated: true })
    expect(output.warnings).toEqual([] satisfies Warning[])
  })
})
