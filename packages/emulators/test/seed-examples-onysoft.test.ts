/**
 * The Onysoft API document's own examples (seed 004, `fixtures/seeds/004`) sent as raw HTTP to
 * the emulator: every request example is accepted as the document writes it (its key, its
 * headers, its body, its path), and the emulator's answers have the shape of the document's
 * answers — every key path of the example present, with the same JSON type. The emulator's rules
 * are read from the document, not from the driver, so this holds both to the same text.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { shapeProblems } from '../../../fixtures/seeds/checks'
import { exampleNamed, type SeedExample, seedExamples } from '../../../fixtures/seeds/index'
import { type RunningServer, serve } from '../src'
import { createOnysoftEmulator } from '../src/onysoft'

/** The key the examples write; the emulator is told to accept only it. */
const EXAMPLE_KEY = 'sk-ony-YOUR-KEY'
const examples = seedExamples('004')
const acceptedExample = exampleNamed(examples, '05-generate-response').response!.body
const completedExample = exampleNamed(examples, '07-status-completed').response!.body
const submits = examples.filter((example) => example.request?.method === 'POST')
const lookups = examples.filter((example) => example.request?.method === 'GET')

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function start() {
  // One status step per lookup, so a test reaches `completed` whatever the machine's speed.
  const emulator = createOnysoftEmulator({
    apiKey: EXAMPLE_KEY,
    lifecycle: 'per-read',
    maxMediaSide: 64,
  })
  const server = await serve(emulator.handler)
  servers.push(server)
  /** Sends a request example as written: its method, path, headers and JSON body text. */
  const send = (example: SeedExample, path = example.request!.path) => {
    const request = example.request!
    const headers = { ...request.headers }
    // curl labels a -d body without a Content-Type as a form (the Sora example's reading).
    if (request.body !== undefined && !headers['content-type']) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    return fetch(`${server.url}${path}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    })
  }
  return { emulator, send }
}

describe('onysoft emulator: the API document examples', () => {
  it('has the examples to send', () => {
    expect(submits).toHaveLength(8)
    expect(lookups).toHaveLength(2)
  })

  it.each(submits.map((example) => [example.name, example] as const))(
    'accepts %s and answers 202 in the shape of the example answer',
    async (_, example) => {
      const { send, emulator } = await start()
      const response = await send(example)
      const answer = (await response.json()) as { data: { model: string } }
      expect(response.status, JSON.stringify(answer)).toBe(202)
      expect(shapeProblems(acceptedExample, answer)).toEqual([])
      expect(answer.data.model).toBe((example.request!.body as { model: string }).model)
      // The task holds the body as the example wrote it.
      const [task] = [...emulator.state.tasks.values()]
      expect(task?.body).toEqual(example.request!.body)
    },
  )

  it.each(lookups.map((example) => [example.name, example] as const))(
    'answers the lookup %s for a task of the video examples in the shape of the completed example',
    async (_, example) => {
      const { send } = await start()
      const submitted = (await (
        await send(exampleNamed(examples, '01-video-text-to-video'))
      ).json()) as {
        data: { task_id: string }
      }
      // The example's task id (`vid_abc123`) stands for the one the submit answered.
      const path = example.request!.path.replace(/[^/]+$/, submitted.data.task_id)
      const statuses: string[] = []
      let answer: { data: { status: string } } | undefined
      for (let lookup = 0; lookup < 10 && answer?.data.status !== 'completed'; lookup++) {
        const response = await send(example, path)
        expect(response.status).toBe(200)
        answer = (await response.json()) as { data: { status: string } }
        statuses.push(answer.data.status)
      }
      // Statuses of the document's table, on the way to the completed answer.
      expect(new Set(statuses)).toEqual(new Set(['pending', 'processing', 'completed']))
      expect(shapeProblems(completedExample, answer)).toEqual([])
    },
  )

  it('refuses the examples under another key', async () => {
    const { send } = await start()
    const example = exampleNamed(examples, '01-video-text-to-video')
    const response = await send({
      ...example,
      request: {
        ...example.request!,
        headers: { ...example.request!.headers, authorization: 'Bearer sk-ony-OTHER' },
      },
    })
    expect(response.status).toBe(401)
  })
})
