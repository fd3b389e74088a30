/**
 * The request budget paces every request a call makes through `HttpClient`: each attempt of a
 * retried request, the submit's requests (and a split submit's parts, and the cancel of parts
 * already started), and a poll's requests beyond the turn the engine takes itself.
 */
import {
  AbortError,
  type AtelierError,
  type Clock,
  createRequestBudget,
  type ImageOutput,
  type RequestBudget,
  startJob,
} from '@atelier/core'
import { defineDriver, HttpClient, requestContextOf, throwIfAborted } from '@atelier/core/driver'
import { createManualClock, fakeOutput, flushMicrotasks } from '@atelier/testing'
import { HttpResponse, http, type JsonBodyType } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const BASE = 'https://api.example.test/v1'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A clock whose sleeps return at once (retry waits and the engine's schedule cost nothing). */
function instantClock(): Clock {
  let now = 0
  return {
    now: () => now,
    async sleep(ms, signal) {
      throwIfAborted(signal)
      now += ms
    },
  }
}

/** A budget that grants every turn at once and counts them. */
function countingBudget(): RequestBudget & { turns: number } {
  return {
    turns: 0,
    acquire(signal) {
      throwIfAborted(signal)
      this.turns++
      return Promise.resolve()
    },
  }
}

/** Answers each request with the next status (the last one repeats) and logs what was asked. */
function answering(
  statuses: number[],
  body: (count: number) => JsonBodyType = () => ({ ok: true }),
) {
  const seen: string[] = []
  const resolver = ({ request }: { request: Request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`)
    const status = statuses[Math.min(seen.length, statuses.length) - 1]!
    return HttpResponse.json(status < 300 ? body(seen.length) : { error: 'busy' }, { status })
  }
  return { seen, resolver }
}

function makeClient(clock: Clock = instantClock()) {
  return new HttpClient({ provider: 'acme', baseUrl: BASE, clock, random: () => 0.5 })
}

async function rejectionOf(promise: Promise<unknown>): Promise<AtelierError> {
  try {
    await promise
  } catch (error) {
    return error as AtelierError
  }
  throw new Error('expected the promise to reject')
}

const prompt = { model: 'm', prompt: 'a red panda' }

describe('HttpClient with a request budget', () => {
  it('takes one turn per attempt of a retried read', async () => {
    const { seen, resolver } = answering([503, 502, 200])
    server.use(http.get(`${BASE}/status`, resolver))
    const budget = countingBudget()
    await makeClient().json({ path: '/status' }, { budget })
    expect(seen).toHaveLength(3)
    expect(budget.turns).toBe(3)
  })

  it('takes one turn per attempt of a retried submit, and none for a refusal it does not retry', async () => {
    const retried = answering([429, 200])
    server.use(http.post(`${BASE}/jobs`, retried.resolver))
    const budget = countingBudget()
    await makeClient().json({ path: '/jobs', json: { a: 1 }, kind: 'submit' }, { budget })
    expect(retried.seen).toHaveLength(2)
    expect(budget.turns).toBe(2)

    // A 500 on a submit is never retried (the job may exist): one attempt, one turn.
    const refused = answering([500])
    server.use(http.post(`${BASE}/jobs`, refused.resolver))
    const once = countingBudget()
    const error = await rejectionOf(
      makeClient().json({ path: '/jobs', json: { a: 1 }, kind: 'submit' }, { budget: once }),
    )
    expect(error.name).toBe('ProviderError')
    expect(refused.seen).toHaveLength(1)
    expect(once.turns).toBe(1)
  })

  it('sends nothing when the call is aborted while it waits for a turn', async () => {
    const { seen, resolver } = answering([200])
    server.use(http.get(`${BASE}/status`, resolver))
    const clock = createManualClock()
    const budget = createRequestBudget({ requestsPerSecond: 1, clock })
    // The only turn of this second is gone: the request has to wait for the next one.
    await budget.acquire()
    const controller = new AbortController()
    const call = makeClient(clock).json({ path: '/status' }, { signal: controller.signal, budget })
    await flushMicrotasks()
    controller.abort()
    const error = await rejectionOf(call)
    expect(error).toBeInstanceOf(AbortError)
    // The next second comes, and still nothing goes out.
    await clock.advance(2_000)
    await flushMicrotasks()
    expect(seen).toEqual([])
  })

  it('a download through the client takes a turn', async () => {
    server.use(http.get(`${BASE}/files/1`, () => new HttpResponse(new Uint8Array([1, 2, 3]))))
    const budget = countingBudget()
    const response = await makeClient().request({ path: '/files/1', kind: 'download' }, { budget })
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]))
    expect(budget.turns).toBe(1)
  })
})

describe('requestContextOf', () => {
  it('keeps the signal, hooks and budget and nothing else; an override replaces the signal', () => {
    const budget = countingBudget()
    const hooks = {}
    const signal = new AbortController().signal
    const other = new AbortController().signal
    const context = { signal, hooks, budget, clock: instantClock() }
    expect(requestContextOf(context)).toEqual({ signal, hooks, budget })
    expect(requestContextOf(context, { signal: other }).signal).toBe(other)
    expect(requestContextOf(context, { signal: undefined })).toEqual({ hooks, budget })
    expect(requestContextOf({})).toEqual({})
  })
})

describe('the engine and the driver share the budget', () => {
  /** A driver whose submit uploads then submits, and whose poll reads one status. */
  function uploadingDriver(client: HttpClient) {
    return defineDriver({
      id: 'acme',
      tasks: {
        'image.generate': {
          cancel: 'remote',
          resumable: true,
          maxOutputsPerCall: 1,
          async submit(_input, context) {
            await client.json({ path: '/uploads', json: { file: 'x' } }, context)
            const { id } = await client.json<{ id: string }>(
              { path: '/jobs', json: { prompt: 'p' }, kind: 'submit' },
              context,
            )
            return { type: 'pending', id }
          },
          async poll(ref, context) {
            const status = await client.json<{ done: boolean }>(
              { path: `/jobs/${ref.id}` },
              context,
            )
            return status.done
              ? { state: 'completed', output: fakeOutput('image.generate') as ImageOutput }
              : { state: 'running' }
          },
          async cancelJob(ref, context) {
            await client.request(
              { method: 'POST', path: `/jobs/${ref.id}/cancel`, kind: 'cancel' },
              context,
            )
          },
        },
      },
    })
  }

  it("a submit's requests take turns", async () => {
    const uploads = answering([200])
    const jobs = answering([503, 200], () => ({ id: 'j1' }))
    server.use(
      http.post(`${BASE}/uploads`, uploads.resolver),
      http.post(`${BASE}/jobs`, jobs.resolver),
    )
    const clock = instantClock()
    const budget = countingBudget()
    await startJob(uploadingDriver(makeClient(clock)), 'image.generate', prompt, {
      clock,
      polling: { budget },
    })
    // The upload, the submit refused with a 503, and the submit sent again.
    expect(uploads.seen.length + jobs.seen.length).toBe(3)
    expect(budget.turns).toBe(3)
  })

  it("a split submit's parts take turns, and so does the cancel of a part already started", async () => {
    const uploads = answering([200])
    // The second part's submit fails for good: the first part is canceled.
    const jobs = answering([200, 500], () => ({ id: 'j1' }))
    const cancels = answering([200])
    server.use(
      http.post(`${BASE}/uploads`, uploads.resolver),
      http.post(`${BASE}/jobs`, jobs.resolver),
      http.post(`${BASE}/jobs/j1/cancel`, cancels.resolver),
    )
    const clock = instantClock()
    const budget = countingBudget()
    const failed = await rejectionOf(
      startJob(
        uploadingDriver(makeClient(clock)),
        'image.generate',
        { ...prompt, n: 2 },
        {
          clock,
          polling: { budget },
        },
      ),
    )
    expect(failed.name).toBe('ProviderError')
    expect(cancels.seen).toEqual(['POST /v1/jobs/j1/cancel'])
    const requests = uploads.seen.length + jobs.seen.length + cancels.seen.length
    expect(requests).toBe(5)
    expect(budget.turns).toBe(requests)
  })

  it('a poll whose read is retried once takes exactly two turns: the engine takes the first', async () => {
    const uploads = answering([200])
    const jobs = answering([200], () => ({ id: 'j1' }))
    const status = answering([503, 200], () => ({ done: true }))
    server.use(
      http.post(`${BASE}/uploads`, uploads.resolver),
      http.post(`${BASE}/jobs`, jobs.resolver),
      http.get(`${BASE}/jobs/j1`, status.resolver),
    )
    const clock = instantClock()
    const budget = countingBudget()
    const job = await startJob(uploadingDriver(makeClient(clock)), 'image.generate', prompt, {
      clock,
      polling: { budget },
    })
    const submitTurns = budget.turns
    expect(submitTurns).toBe(2)
    const output = await job.wait()
    expect(output.images).toHaveLength(1)
    expect(status.seen).toEqual(['GET /v1/jobs/j1', 'GET /v1/jobs/j1'])
    expect(budget.turns - submitTurns).toBe(2)
  })
})
