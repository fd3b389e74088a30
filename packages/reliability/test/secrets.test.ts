/**
 * Secrets: an API key given to a driver goes to the provider's API origin and nowhere else.
 *
 * 1. Providers that echo what they received — a 401/422/500 body quoting the key and the
 *    Authorization header, a status answer of the wrong shape quoting it, a failed job whose
 *    reason quotes it, a stream error event quoting it — plus network errors: the key never
 *    appears in the error's message, `String()`, stack, `toJSON()`/`JSON.stringify`, what a
 *    logger prints of it (cause chain included), any hook payload, or a serialised job ref.
 * 2. Result files on another origin, and redirects from the API origin to another origin, are
 *    fetched without credentials: the other origin sees no Authorization, X-API-Key or key
 *    query parameter, and the key nowhere in its request.
 * 3. A job id from a stored ref containing `../`, `?`, `#`, `%2F` or spaces cannot change the
 *    request path: resumed and cancelled, every request keeps it as one encoded segment of the
 *    route it belongs to (or, for CanaryLLM, in the JSON body).
 */
import { canary } from '@atelier/canary'
import {
  type AtelierError,
  bearerAuth,
  type Driver,
  isAtelierError,
  type Job,
  type JobRef,
  ValidationError,
} from '@atelier/core'
import {
  createCanaryEmulator,
  createOnysoftEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  createVlmRunEmulator,
  encodePng,
  ONYSOFT_INJECTED_TASK_ERROR,
  SIDECAR_INJECTED_JOB_ERROR,
  VISION_STUDIO_INJECTED_TASK_ERROR,
  VLMRUN_INJECTED_FAILURE,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { onysoft } from '@atelier/onysoft'
import type { FetchHandler } from '@atelier/testing/msw'
import { visionStudio } from '@atelier/vision-studio'
import { vlmrun } from '@atelier/vlmrun'
import { type Atelier, createAtelier } from 'atelier'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { errorTexts, hookTexts, leaksOf, recordingHooks } from '../src/secret-probe'

type ProviderId = 'local' | 'canary' | 'onysoft' | 'vlmrun' | 'vision-studio'

const POLLING = {
  minIntervalMs: 1,
  initialIntervalMs: 2,
  maxIntervalMs: 5,
  maxConsecutiveErrors: 2,
}
const RETRY = { limit: 1, minDelayMs: 1, maxDelayMs: 2 }
const ELSEWHERE = 'http://elsewhere.test'
const png = encodePng({ width: 8, height: 8 } as never)
// The canary emulator's reason for a job it fails.
const CANARY_INJECTED_JOB_ERROR = 'The upstream provider failed (emulated failure)'

/** One route of a provider: method and path pattern. */
interface Route {
  method: string
  path: RegExp
}

interface Kit {
  id: ProviderId
  /** A distinctive key, so that any trace of it is found. */
  key: string
  base: string
  submit: Route
  status: Route
  /** The reason the emulator gives a job it fails (replaced by one quoting the key). */
  injectedFailure: string
  /** A fresh emulator (failing every job when asked), as handlers per origin. */
  emulator(failJobs: boolean): { base: string; handler: FetchHandler }[]
  driver(): Driver
  /** Submits the kit's task (a job with a ref), for the ref and then the output. */
  submitJob(ai: Atelier): Promise<Job<unknown>>
  /** Reads what the user would read of an output (media bytes). */
  read(output: unknown): Promise<unknown>
}

const readAll = async (files: { bytes(): Promise<Uint8Array> }[] | undefined) => {
  for (const file of files ?? []) await file.bytes()
}

const KITS: Kit[] = [
  {
    id: 'local',
    // The sidecar has no key of its own; behind an authenticating proxy the driver sends one.
    key: 'sk_test_SECRET_local_proxy_5d1e7b',
    base: 'http://sidecar.test',
    submit: { method: 'POST', path: /^\/video\/t2v\// },
    status: { method: 'GET', path: /^\/video\/status\// },
    injectedFailure: SIDECAR_INJECTED_JOB_ERROR,
    emulator: (failJobs) => [
      {
        base: 'http://sidecar.test',
        handler: createSidecarEmulator({ timeScale: 0, failJobs }).handler,
      },
    ],
    driver() {
      return local({ baseUrl: this.base, auth: bearerAuth(this.key), retry: RETRY })
    },
    submitJob: (ai) =>
      ai.video.submit({
        model: 'local/hunyuan-video',
        prompt: 'waves at dusk',
        resolution: '480p',
        durationSeconds: 1,
      }) as Promise<Job<unknown>>,
    read: async (output) => {
      const video = output as { videos: { bytes(): Promise<Uint8Array> }[] }
      await readAll(video.videos)
    },
  },
  {
    id: 'canary',
    key: 'sk_test_SECRET_canary_9a41c2',
    base: 'http://canary.test',
    submit: { method: 'POST', path: /^\/api\/llm\/generate-image$/ },
    status: { method: 'POST', path: /^\/api\/llm\/queue\/status$/ },
    injectedFailure: CANARY_INJECTED_JOB_ERROR,
    emulator: (failJobs) => [
      {
        base: 'http://canary.test',
        handler: createCanaryEmulator({
          timeScale: 0,
          imageBaseSize: 32,
          failJobs,
          apiKeys: ['sk_test_SECRET_canary_9a41c2'],
        }).handler,
      },
    ],
    driver() {
      return canary({ baseUrl: this.base, apiKey: this.key, retry: RETRY, polling: POLLING })
    },
    submitJob: (ai) =>
      ai.image.submit({ model: 'canary/gpt-image-1', prompt: 'a red panda' }) as Promise<
        Job<unknown>
      >,
    read: (output) => readAll((output as { images: { bytes(): Promise<Uint8Array> }[] }).images),
  },
  {
    id: 'onysoft',
    key: 'sk_test_SECRET_onysoft_3b8f60',
    base: 'http://onysoft.test',
    submit: { method: 'POST', path: /^\/v1\/image\/generate$/ },
    status: { method: 'GET', path: /^\/v1\/image\/status\// },
    injectedFailure: ONYSOFT_INJECTED_TASK_ERROR,
    emulator: (failJobs) => {
      const emulator = createOnysoftEmulator({
        timeScale: 0,
        failJobs,
        apiKey: 'sk_test_SECRET_onysoft_3b8f60',
        // Result files live on another origin, as on the real gateway.
        cdnBaseUrl: ELSEWHERE,
        maxMediaSide: 64,
      })
      return [
        { base: 'http://onysoft.test', handler: emulator.handler },
        { base: ELSEWHERE, handler: emulator.cdnHandler },
      ]
    },
    driver() {
      return onysoft({ baseUrl: this.base, apiKey: this.key, retry: RETRY })
    },
    submitJob: (ai) =>
      ai.image.submit({ model: 'onysoft/google/imagen4', prompt: 'a red panda' }) as Promise<
        Job<unknown>
      >,
    read: (output) => readAll((output as { images: { bytes(): Promise<Uint8Array> }[] }).images),
  },
  {
    id: 'vlmrun',
    key: 'sk_test_SECRET_vlmrun_c07d19',
    base: 'http://vlmrun.test',
    submit: { method: 'POST', path: /^\/v1\/image\/generate$/ },
    status: { method: 'GET', path: /^\/v1\/predictions\// },
    injectedFailure: VLMRUN_INJECTED_FAILURE,
    emulator: (failJobs) => [
      {
        base: 'http://vlmrun.test',
        handler: createVlmRunEmulator({
          timeScale: 0,
          failJobs,
          apiKey: 'sk_test_SECRET_vlmrun_c07d19',
          lifecycle: 'per-read',
        }).handler,
      },
    ],
    driver() {
      return vlmrun({ baseUrl: this.base, apiKey: this.key, retry: RETRY })
    },
    submitJob: (ai) =>
      ai.vision.submit({
        model: 'vlmrun/vlm-1',
        image: png,
        providerOptions: { vlmrun: { batch: true } },
      }) as Promise<Job<unknown>>,
    read: async () => {},
  },
  {
    id: 'vision-studio',
    key: 'sk_test_SECRET_studio_e62a04',
    base: 'http://studio.test',
    submit: { method: 'POST', path: /^\/api\/v1\/runway\/video\// },
    status: { method: 'GET', path: /^\/api\/v1\/runway\/status\// },
    injectedFailure: VISION_STUDIO_INJECTED_TASK_ERROR.runway.message,
    emulator: (failJobs) => [
      {
        base: 'http://studio.test',
        handler: createVisionStudioEmulator({
          apiKey: 'sk_test_SECRET_studio_e62a04',
          syncMs: 0,
          taskQueuedMs: 0,
          taskRunMs: 0,
          failTasks: failJobs,
        }).handler,
      },
    ],
    driver() {
      return visionStudio({ baseUrl: this.base, apiKey: this.key, retry: RETRY })
    },
    submitJob: (ai) =>
      ai.video.submit({
        model: 'vision-studio/runway/gen4_turbo',
        prompt: 'the boat drifts',
        image: 'https://media.example.com/boat.png',
        durationSeconds: 5,
      }) as Promise<Job<unknown>>,
    read: (output) => readAll((output as { videos: { bytes(): Promise<Uint8Array> }[] }).videos),
  },
]

/** What a request carried, as the server saw it. */
interface Seen {
  method: string
  url: string
  headers: Record<string, string>
  body: string
}

async function seen(request: Request): Promise<Seen> {
  const body =
    request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text()
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    body,
  }
}

/** Whether a request carried the key in one of its credential headers. */
const carriesKey = (request: Request, key: string) =>
  ['authorization', 'x-api-key'].some((name) => request.headers.get(name)?.includes(key))

const matches = (route: Route, request: Request) =>
  request.method === route.method && route.path.test(new URL(request.url).pathname)

/** A JSON body quoting the key and every credential header the request carried. */
function echoJson(kit: Kit, request: Request): Record<string, unknown> {
  const authorization = request.headers.get('authorization') ?? ''
  const apiKey = request.headers.get('x-api-key') ?? ''
  const reason = `the key ${kit.key} is not valid (Authorization: ${authorization}, X-API-Key: ${apiKey})`
  return {
    success: false,
    error: { message: reason, code: 'invalid_api_key', key: kit.key },
    detail: reason,
    message: reason,
    echo: { authorization, 'x-api-key': apiKey, url: request.url },
  }
}

function echoHtml(kit: Kit, request: Request): string {
  return `<html><body><h1>Internal Server Error</h1><pre>
Authorization: ${request.headers.get('authorization') ?? ''}
X-API-Key: ${request.headers.get('x-api-key') ?? ''}
key=${kit.key}
</pre></body></html>`
}

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface Mounted {
  ai: Atelier
  calls: ReturnType<typeof recordingHooks>['calls']
  /** Requests the provider's API origin saw. */
  api: Seen[]
  /** Requests the other origin saw. */
  elsewhere: Seen[]
  /** The emulator's honest handler of the API origin. */
  honest: FetchHandler
}

/**
 * The kit's emulator in msw, with `override` answering first (return undefined to pass a
 * request on), every request recorded by origin.
 */
function mount(
  kit: Kit,
  options: {
    failJobs?: boolean
    override?: (request: Request) => Response | undefined | Promise<Response | undefined>
    rewrite?: (text: string) => string
  } = {},
): Mounted {
  const api: Seen[] = []
  const elsewhere: Seen[] = []
  const handlers = kit.emulator(options.failJobs ?? false)
  for (const { base, handler } of handlers) {
    const log = base === ELSEWHERE ? elsewhere : api
    server.use(
      http.all(`${base}/*`, async ({ request }) => {
        log.push(await seen(request))
        const overridden = await options.override?.(request)
        if (overridden) return overridden
        const response = await handler(request)
        if (!options.rewrite || !response.headers.get('content-type')?.includes('json')) {
          return response
        }
        const text = options.rewrite(await response.text())
        const headers = new Headers(response.headers)
        headers.delete('content-length')
        return new Response(text, { status: response.status, headers })
      }),
    )
  }
  const { hooks, calls } = recordingHooks()
  const ai = createAtelier({ providers: [kit.driver()], polling: POLLING, hooks })
  return { ai, calls, api, elsewhere, honest: handlers[0]!.handler }
}

/** Submits, keeps the ref's JSON, waits, reads the media: what a user does. Settles with the error. */
async function runJob(
  kit: Kit,
  ai: Atelier,
  refs: string[],
): Promise<{ error: unknown } | { output: unknown }> {
  try {
    const job = await kit.submitJob(ai)
    refs.push(JSON.stringify(job.ref), JSON.stringify(job))
    const output = await job.wait({ timeoutMs: 5_000 })
    await kit.read(output)
    return { output }
  } catch (error) {
    return { error }
  }
}

function expectNoLeak(kit: Kit, error: unknown, mounted: Mounted, refs: string[]): void {
  const texts: Record<string, string> = {
    ...errorTexts(error),
    ...hookTexts(mounted.calls),
    ...Object.fromEntries(refs.map((ref, index) => [`ref#${index}`, ref])),
  }
  expect(leaksOf(kit.key, texts)).toEqual([])
  // The checks looked at something: the hooks saw the requests.
  expect(mounted.calls.some((call) => call.name === 'onRequest')).toBe(true)
}

/** Provider answers that quote the key (and one network failure), by call. */
const PROVOCATIONS: {
  name: string
  /** Which call gets it. */
  on: 'submit' | 'status'
  answer(kit: Kit, request: Request): Response
}[] = [
  {
    name: '401 quoting the key and the Authorization header',
    on: 'submit',
    answer: (kit, request) => HttpResponse.json(echoJson(kit, request), { status: 401 }),
  },
  {
    name: '422 whose detail quotes the key',
    on: 'submit',
    answer: (kit, request) => HttpResponse.json(echoJson(kit, request), { status: 422 }),
  },
  {
    name: '500 HTML page quoting the credential headers',
    on: 'submit',
    answer: (kit, request) =>
      new Response(echoHtml(kit, request), {
        status: 500,
        headers: { 'content-type': 'text/html' },
      }),
  },
  {
    name: '503 quoting the key (retried, then polled through)',
    on: 'status',
    answer: (kit, request) => HttpResponse.json(echoJson(kit, request), { status: 503 }),
  },
  {
    name: '200 of the wrong shape quoting the key',
    on: 'status',
    answer: (kit, request) => HttpResponse.json({ unexpected: echoJson(kit, request) }),
  },
  {
    name: 'network error',
    on: 'status',
    answer: () => HttpResponse.error(),
  },
]

describe('secrets: keys never leave through errors, hooks or refs', () => {
  for (const kit of KITS) {
    for (const provocation of PROVOCATIONS) {
      it(`${kit.id}: ${provocation.on} answered with a ${provocation.name}`, async () => {
        const route = provocation.on === 'submit' ? kit.submit : kit.status
        let provoked = 0
        let keyArrived = false
        const mounted = mount(kit, {
          override: (request) => {
            if (!matches(route, request)) return undefined
            provoked++
            keyArrived ||= carriesKey(request, kit.key)
            return provocation.answer(kit, request)
          },
        })
        const refs: string[] = []
        const outcome = await runJob(kit, mounted.ai, refs)
        expect(provoked, 'the provocation was served').toBeGreaterThan(0)
        // The echo is real: the key reached the API origin, so the answer quoted it.
        expect(keyArrived).toBe(true)
        expect('error' in outcome, 'the job failed').toBe(true)
        const error = (outcome as { error: unknown }).error
        expect(isAtelierError(error), String(error)).toBe(true)
        expectNoLeak(kit, error, mounted, refs)
      })
    }

    it(`${kit.id}: a failed job whose reason quotes the key`, async () => {
      const reason = `upstream rejected the key ${kit.key}`
      const mounted = mount(kit, {
        failJobs: true,
        rewrite: (text) => text.split(kit.injectedFailure).join(reason),
      })
      const refs: string[] = []
      const outcome = await runJob(kit, mounted.ai, refs)
      expect('error' in outcome, 'the job failed').toBe(true)
      const error = (outcome as { error: AtelierError }).error
      expect(isAtelierError(error), String(error)).toBe(true)
      // The reason reached the error, with the key taken out.
      expect(error.message).toContain('upstream rejected the key')
      expectNoLeak(kit, error, mounted, refs)
    })
  }

  // Result files on the API origin are fetched with the key; an error page there may echo it.
  for (const [id, download] of [
    ['local', /^\/video\/download\//],
    ['vision-studio', /^\/emulator\/files\//],
  ] as const) {
    it(`${id}: a download answered with an HTML page quoting the credential headers`, async () => {
      const kit = KITS.find((entry) => entry.id === id)!
      let keyArrived = false
      const mounted = mount(kit, {
        override: (request) => {
          if (!matches({ method: 'GET', path: download }, request)) return undefined
          keyArrived ||= carriesKey(request, kit.key)
          return new Response(echoHtml(kit, request), {
            headers: { 'content-type': 'text/html; charset=utf-8' },
          })
        },
      })
      const refs: string[] = []
      const outcome = await runJob(kit, mounted.ai, refs)
      expect(keyArrived, 'the download carried the key').toBe(true)
      expect('error' in outcome, 'an HTML page is not the video').toBe(true)
      const error = (outcome as { error: unknown }).error
      expect(isAtelierError(error), String(error)).toBe(true)
      expectNoLeak(kit, error, mounted, refs)
    })
  }

  it('local: an LLM stream error event quoting the key', async () => {
    const kit = KITS.find((entry) => entry.id === 'local')!
    const mounted = mount(kit, {
      override: (request) =>
        matches({ method: 'POST', path: /^\/llm\/stream$/ }, request)
          ? new Response(
              `data: {"delta": "Hel"}\n\ndata: ${JSON.stringify({ error: `proxy refused ${request.headers.get('authorization')}` })}\n\n`,
              { headers: { 'content-type': 'text/event-stream' } },
            )
          : undefined,
    })
    let failure: unknown
    try {
      for await (const _part of mounted.ai.text.stream({
        model: 'local/huihui-qwen3-4b',
        prompt: 'hello',
      })) {
        // Reading to the end.
      }
    } catch (error) {
      failure = error
    }
    expect(isAtelierError(failure), String(failure)).toBe(true)
    expectNoLeak(kit, failure, mounted, [])
  })

  it('canary: a completion stream error event quoting the key', async () => {
    const kit = KITS.find((entry) => entry.id === 'canary')!
    const mounted = mount(kit, {
      override: (request) =>
        matches({ method: 'POST', path: /^\/api\/llm\/queue\/stream$/ }, request)
          ? new Response(
              `event: chunk\ndata: {"delta": "Hel", "finishReason": null}\n\nevent: error\ndata: ${JSON.stringify(
                {
                  status: 'error',
                  error: { message: `key ${kit.key} revoked`, code: 'AUTH' },
                },
              )}\n\n`,
              { headers: { 'content-type': 'text/event-stream' } },
            )
          : undefined,
    })
    let failure: unknown
    try {
      for await (const _part of mounted.ai.text.stream({
        model: 'canary/openai/gpt-4o-mini',
        prompt: 'hello',
      })) {
        // Reading to the end.
      }
    } catch (error) {
      failure = error
    }
    expect(isAtelierError(failure), String(failure)).toBe(true)
    expectNoLeak(kit, failure, mounted, [])
  })
})

/** No credential of any kind in a request to another origin. */
function expectNoCredentials(kit: Kit, requests: Seen[]): void {
  expect(requests.length, 'the other origin was asked').toBeGreaterThan(0)
  for (const request of requests) {
    const url = new URL(request.url)
    for (const name of ['authorization', 'x-api-key', 'api-key', 'proxy-authorization', 'cookie']) {
      expect(request.headers[name], `${name} sent to ${request.url}`).toBeUndefined()
    }
    for (const name of ['key', 'api_key', 'apiKey', 'token', 'access_token']) {
      expect(url.searchParams.has(name), `?${name} sent to ${request.url}`).toBe(false)
    }
    expect(JSON.stringify(request)).not.toContain(kit.key)
  }
}

describe('secrets: other origins never see credentials', () => {
  it('onysoft: result files on the file host are fetched without the key', async () => {
    const kit = KITS.find((entry) => entry.id === 'onysoft')!
    const mounted = mount(kit)
    const outcome = await runJob(kit, mounted.ai, [])
    expect('output' in outcome, JSON.stringify(outcome)).toBe(true)
    expectNoCredentials(kit, mounted.elsewhere)
    // The API origin did get the key: the test would see a key sent to the wrong place.
    expect(
      mounted.api.every((request) => request.headers.authorization === `Bearer ${kit.key}`),
    ).toBe(true)
  })

  it('vision-studio: a result URL on another origin is fetched without the key', async () => {
    const kit = KITS.find((entry) => entry.id === 'vision-studio')!
    const elsewhere: Seen[] = []
    const mounted = mount(kit, {
      // The status answer points the file at another origin, which serves it.
      rewrite: (text) => text.split(`${kit.base}/`).join(`${ELSEWHERE}/`),
    })
    server.use(
      http.all(`${ELSEWHERE}/*`, async ({ request }) => {
        elsewhere.push(await seen(request))
        const url = new URL(request.url)
        return mounted.honest(new Request(`${kit.base}${url.pathname}`))
      }),
    )
    const outcome = await runJob(kit, mounted.ai, [])
    expect('output' in outcome, JSON.stringify(outcome)).toBe(true)
    expectNoCredentials(kit, elsewhere)
  })

  for (const kit of KITS) {
    it(`${kit.id}: a redirect from the API origin to another origin drops the credentials`, async () => {
      const elsewhere: Seen[] = []
      const mounted = mount(kit, {
        override: (request) => {
          const url = new URL(request.url)
          if (!matches(kit.status, request) || url.searchParams.has('moved')) return undefined
          return new Response(null, {
            status: 302,
            headers: { location: `${ELSEWHERE}${url.pathname}?moved=1` },
          })
        },
      })
      server.use(
        http.all(`${ELSEWHERE}/*`, async ({ request }) => {
          elsewhere.push(await seen(request))
          return HttpResponse.json({ moved: true }, { status: 404 })
        }),
      )
      const refs: string[] = []
      const outcome = await runJob(kit, mounted.ai, refs)
      expectNoCredentials(kit, elsewhere)
      if ('error' in outcome) {
        expect(isAtelierError(outcome.error), String(outcome.error)).toBe(true)
        expectNoLeak(kit, outcome.error, mounted, refs)
      }
    })
  }

  it('local: a download redirected to another origin is fetched without the proxy token', async () => {
    const kit = KITS.find((entry) => entry.id === 'local')!
    const emulator = createSidecarEmulator({ timeScale: 0 })
    const elsewhere: Seen[] = []
    const api: Seen[] = []
    server.use(
      http.all(`${kit.base}/*`, async ({ request }) => {
        api.push(await seen(request))
        const url = new URL(request.url)
        if (url.pathname.startsWith('/video/download/')) {
          return new Response(null, {
            status: 302,
            headers: { location: `${ELSEWHERE}${url.pathname}` },
          })
        }
        return emulator.handler(request)
      }),
      http.all(`${ELSEWHERE}/*`, async ({ request }) => {
        elsewhere.push(await seen(request))
        return emulator.handler(new Request(`${kit.base}${new URL(request.url).pathname}`))
      }),
    )
    const ai = createAtelier({ providers: [kit.driver()], polling: POLLING })
    const output = await ai.video.generate({
      model: 'local/hunyuan-video',
      prompt: 'waves at dusk',
      resolution: '480p',
      durationSeconds: 1,
    })
    const bytes = await output.videos[0]!.bytes()
    expect(String.fromCharCode(...bytes.subarray(4, 8))).toBe('ftyp')
    expectNoCredentials(kit, elsewhere)
    expect(api.some((request) => request.headers.authorization === `Bearer ${kit.key}`)).toBe(true)
  })
})

/** Ids a stored ref may hold that try to step out of their path segment. */
const HOSTILE_IDS = [
  '../admin',
  '../../v1/models',
  'a/../../b',
  'job?delete=all',
  'job#fragment',
  'a%2Fb',
  '%2e%2e%2fadmin',
  'with space',
  ' ../x?y#z ',
]

/** Where each driver puts a job id: the routes it may call, with the id as their last segment. */
const ID_ROUTES: Record<ProviderId, string[]> = {
  local: ['/video/status', '/video'],
  canary: [],
  onysoft: ['/v1/image/status'],
  vlmrun: ['/v1/predictions'],
  'vision-studio': ['/api/v1/runway/status', '/api/v1/runway/cancel'],
}
/**
 * The remote cancel each driver sends by id (`METHOD route`), where the provider has one. The
 * sidecar has none: `local` reads the job's status (`GET /video/status`) and deletes only a job
 * that is over, so its id is checked on the status route.
 */
const CANCEL_ROUTES: Partial<Record<ProviderId, string>> = {
  local: 'GET /video/status',
  canary: 'POST /api/llm/queue/cancel',
  'vision-studio': 'DELETE /api/v1/runway/cancel',
}
const CANARY_QUEUE_ROUTES = [
  '/api/llm/queue/status',
  '/api/llm/queue/result',
  '/api/llm/queue/stream',
  '/api/llm/queue/cancel',
]

describe('secrets: a hostile job id cannot change the request path', () => {
  for (const kit of KITS) {
    it(`${kit.id}: resumed and cancelled, each id stays one encoded segment`, async () => {
      const mounted = mount(kit)
      // A real ref from a real submit; only its id is replaced.
      const job = await kit.submitJob(mounted.ai)
      const ref = JSON.parse(JSON.stringify(job.ref)) as JobRef
      await job.wait({ timeoutMs: 5_000 }).catch(() => {})
      for (const id of HOSTILE_IDS) {
        const before = mounted.api.length
        const hostile = { ...ref, id }
        // Cancel first (a finished job is not cancelled again), then watch another resume.
        const cancelled = await mounted.ai.jobs
          .resume(hostile)
          .cancel()
          .then(
            () => undefined,
            (error: unknown) => error,
          )
        if (cancelled !== undefined) expect(isAtelierError(cancelled), String(cancelled)).toBe(true)
        const waited = await mounted.ai.jobs
          .resume(hostile)
          .wait({ timeoutMs: 2_000 })
          .then(
            () => undefined,
            (error: unknown) => error,
          )
        if (waited !== undefined) expect(isAtelierError(waited), String(waited)).toBe(true)
        const requests = mounted.api.slice(before)
        expect(requests.length, `requests for ${JSON.stringify(id)}`).toBeGreaterThan(0)
        const cancelRoute = CANCEL_ROUTES[kit.id]
        if (cancelRoute) {
          // The remote cancel went out, so the id was tried on that route too.
          const routes = requests.map((request) => {
            const pathname = new URL(request.url).pathname
            const route = kit.id === 'canary' ? pathname : pathname.replace(/\/[^/]*$/, '')
            return `${request.method} ${route}`
          })
          expect(routes, JSON.stringify(id)).toContain(cancelRoute)
        }
        for (const request of requests) {
          const url = new URL(request.url)
          // Nothing of the id leaked into the query or fragment.
          expect(url.search, request.url).toBe('')
          if (kit.id === 'canary') {
            expect(CANARY_QUEUE_ROUTES, request.url).toContain(url.pathname)
            expect(JSON.parse(request.body).queueId).toBe(id)
            continue
          }
          const segment = `/${encodeURIComponent(id)}`
          expect(url.pathname.endsWith(segment), `${request.method} ${request.url}`).toBe(true)
          expect(ID_ROUTES[kit.id], `${request.method} ${request.url}`).toContain(
            url.pathname.slice(0, -segment.length),
          )
        }
      }
    })
  }

  it('dot segments are refused before any request', async () => {
    for (const kit of KITS.filter((entry) => entry.id !== 'canary')) {
      const mounted = mount(kit)
      const job = await kit.submitJob(mounted.ai)
      const ref = JSON.parse(JSON.stringify(job.ref)) as JobRef
      await job.wait({ timeoutMs: 5_000 }).catch(() => {})
      for (const id of ['..', '.', '%2e%2e', '%2E.']) {
        const before = mounted.api.length
        const error = await mounted.ai.jobs
          .resume({ ...ref, id })
          .wait({ timeoutMs: 2_000 })
          .then(
            () => undefined,
            (thrown: unknown) => thrown,
          )
        expect(error, `${kit.id} ${id}`).toBeInstanceOf(ValidationError)
        expect(mounted.api.slice(before), `${kit.id} ${id}`).toEqual([])
      }
    }
  })
})
