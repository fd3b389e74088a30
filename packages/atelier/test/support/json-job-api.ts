/**
 * A small job API used to test the facade end to end through real HTTP (msw): a provider
 * fake (`jsonJobApi`) and the driver for it (`jsonJobDriver`), written the way a real driver
 * is — `defineDriver`, an HttpClient, one `poll` per call, no loops.
 */
import {
  bearerAuth,
  type DriverContext,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  MediaFile,
  type TaskOutput,
  type ValidTaskInput,
} from '@atelier/core'
import { defineDriver, HttpClient, pathOf, pollHintsFrom } from '@atelier/core/driver'
import { HttpResponse, http } from 'msw'

export interface FakeApiJob {
  id: string
  body: Record<string, unknown>
  idempotencyKey: string | null
  /** Status answers in order; the last repeats. */
  statuses: StatusAnswer[]
  polls: number
  canceled: boolean
}

export interface StatusAnswer {
  status: 'queued' | 'running' | 'succeeded' | 'failed'
  position?: number
  progress?: number
  eta_ms?: number
  retryAfter?: string
  error?: string
}

export function jsonJobApi(options: {
  baseUrl: string
  resultUrl: string
  statuses?: StatusAnswer[]
}) {
  const jobs = new Map<string, FakeApiJob>()
  const seen: { method: string; url: string; headers: Headers }[] = []
  let next = 0
  let failNextSubmits = 0
  let failNextSubmitStatus: number | undefined
  const handlers = [
    http.post(`${options.baseUrl}/v1/jobs`, async ({ request }) => {
      seen.push({ method: 'POST', url: request.url, headers: request.headers })
      if (failNextSubmits > 0) {
        failNextSubmits--
        return HttpResponse.error()
      }
      if (failNextSubmitStatus !== undefined) {
        const status = failNextSubmitStatus
        failNextSubmitStatus = undefined
        return HttpResponse.json({ error: { message: 'overloaded', code: 'busy' } }, { status })
      }
      // Like APIs that document idempotency keys: a repeated key gets the first job back.
      const key = request.headers.get('idempotency-key')
      const earlier = [...jobs.values()].find((job) => key !== null && job.idempotencyKey === key)
      if (earlier) return HttpResponse.json({ id: earlier.id, status: 'queued' }, { status: 202 })
      const body = (await request.json()) as Record<string, unknown>
      const job: FakeApiJob = {
        id: `j${++next}`,
        body,
        idempotencyKey: request.headers.get('idempotency-key'),
        statuses: options.statuses ?? [
          { status: 'running', progress: 0.5 },
          { status: 'succeeded' },
        ],
        polls: 0,
        canceled: false,
      }
      jobs.set(job.id, job)
      return HttpResponse.json({ id: job.id, status: 'queued', position: 3 }, { status: 202 })
    }),
    http.get(`${options.baseUrl}/v1/jobs/:id`, ({ request, params }) => {
      seen.push({ method: 'GET', url: request.url, headers: request.headers })
      const job = jobs.get(String(params.id))
      if (!job) return HttpResponse.json({ error: 'no such job' }, { status: 404 })
      if (job.canceled) return HttpResponse.json({ id: job.id, status: 'canceled' })
      const answer = job.statuses[Math.min(job.polls, job.statuses.length - 1)]!
      job.polls++
      const { retryAfter, ...body } = answer
      return HttpResponse.json(
        {
          id: job.id,
          ...body,
          ...(answer.status === 'succeeded' ? { result_url: options.resultUrl } : {}),
        },
        { headers: retryAfter ? { 'retry-after': retryAfter } : {} },
      )
    }),
    http.post(`${options.baseUrl}/v1/jobs/:id/cancel`, ({ request, params }) => {
      seen.push({ method: 'POST', url: request.url, headers: request.headers })
      const job = jobs.get(String(params.id))
      if (job) job.canceled = true
      return HttpResponse.json({ status: 'canceled' })
    }),
  ]
  return {
    handlers,
    jobs,
    seen,
    /** The next `count` submits fail with a network error. */
    dropNextSubmits(count: number) {
      failNextSubmits = count
    },
    /** The next submit answers with this HTTP status. */
    failNextSubmitWith(status: number) {
      failNextSubmitStatus = status
    },
  }
}

interface StatusBody extends Omit<StatusAnswer, 'retryAfter' | 'status'> {
  id: string
  result_url?: string
  status: StatusAnswer['status'] | 'canceled'
}

export function jsonJobDriver(options: {
  id?: string
  baseUrl: string
  apiKey: string
  fetch?: typeof fetch
}) {
  const id = options.id ?? 'jobs'
  const client = new HttpClient({
    provider: id,
    baseUrl: options.baseUrl,
    auth: bearerAuth(options.apiKey),
    retry: { minDelayMs: 100 },
    // The fake API answers a repeated Idempotency-Key with the first job.
    dedupesSubmits: true,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })

  async function submit(
    task: JobTask,
    input: ValidTaskInput<JobTask>,
    context: DriverContext,
  ): Promise<{
    type: 'pending'
    id: string
    data: { model: string }
    snapshot: JobSnapshot<never>
  }> {
    const created = await client.json<{ id: string; position?: number }>(
      { method: 'POST', path: '/v1/jobs', json: { task, ...input }, kind: 'submit' },
      context,
    )
    return {
      type: 'pending',
      id: created.id,
      data: { model: input.model },
      snapshot: { state: 'queued', position: created.position },
    }
  }

  async function poll<T extends JobTask>(
    ref: JobRef<T>,
    context: DriverContext,
    output: (file: MediaFile) => TaskOutput<T>,
  ): Promise<JobSnapshot<TaskOutput<T>>> {
    const response = await client.request({ path: pathOf`/v1/jobs/${ref.id}` }, context)
    const body = await client.parseJson<StatusBody>(response)
    const hints = {
      ...pollHintsFrom(response.headers),
      ...(body.eta_ms !== undefined ? { etaMs: body.eta_ms } : {}),
    }
    switch (body.status) {
      case 'queued':
        return { state: 'queued', position: body.position, hints }
      case 'running':
        return { state: 'running', progress: { fraction: body.progress }, hints }
      case 'failed':
        return {
          state: 'failed',
          error: new JobFailedError(body.error ?? 'failed', { provider: id, jobId: ref.id }),
        }
      case 'canceled':
        return { state: 'canceled' }
      case 'succeeded':
        return {
          state: 'completed',
          output: output(
            MediaFile.fromUrl(body.result_url!, {
              mediaType: ref.task === 'video.generate' ? 'video/mp4' : 'image/png',
              download: client.downloader(),
            }),
          ),
        }
    }
  }

  async function cancelJob(ref: JobRef, context: DriverContext): Promise<void> {
    await client.request(
      { method: 'POST', path: pathOf`/v1/jobs/${ref.id}/cancel`, kind: 'cancel' },
      context,
    )
  }

  return defineDriver({
    id,
    tasks: {
      'image.generate': {
        models: ['painter'],
        cancel: 'remote',
        resumable: true,
        submit: (input, context) => submit('image.generate', input, context),
        poll: (ref, context) => poll(ref, context, (file) => ({ warnings: [], images: [file] })),
        cancelJob,
      },
      'video.generate': {
        models: ['animator'],
        cancel: 'remote',
        resumable: true,
        submit: (input, context) => submit('video.generate', input, context),
        poll: (ref, context) => poll(ref, context, (file) => ({ warnings: [], videos: [file] })),
        cancelJob,
      },
    },
  })
}

type JobTask = 'image.generate' | 'video.generate'
