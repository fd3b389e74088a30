/**
 * Hostile input, gateway clients (`@atelier/canary`, `@atelier/onysoft`, `@atelier/vlmrun`):
 * every endpoint of each endpoints table, called through the typed client with generated
 * arguments against a fetch that records requests. Valid arguments pass validation and send
 * exactly one request to the endpoint (each id one path segment); arguments broken in one
 * place raise a ValidationError naming the field and send nothing. See
 * `src/client-properties.ts`.
 */
import * as canarySchemas from '@atelier/canary'
import { ENDPOINTS as CANARY_ENDPOINTS } from '@atelier/canary'
import { CanaryClient } from '@atelier/canary/client'
import { ValidationError } from '@atelier/core'
import { formatPath } from '@atelier/core/driver'
import * as onysoftSchemas from '@atelier/onysoft'
import { ALIASES, ENDPOINTS as ONYSOFT_ENDPOINTS } from '@atelier/onysoft'
import { OnysoftClient } from '@atelier/onysoft/client'
import * as vlmrunSchemas from '@atelier/vlmrun'
import { ENDPOINTS as VLMRUN_ENDPOINTS } from '@atelier/vlmrun'
import { VlmRunClient } from '@atelier/vlmrun/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ZodSchemaLike } from '../src/arbitraries'
import {
  BAD_STRING_IDS,
  badValuesForAll,
  type CallArguments,
  type EndpointCall,
} from '../src/client-calls'
import { describeClientProperties } from '../src/client-properties'
import { recordFigures } from '../src/figures'
import { createRecordingFetch } from '../src/recording-fetch'

/**
 * Fixed so every run is the same and a failure replays: fast-check prints the seed (and the
 * shrunk path) when a property fails; `HOSTILE_INPUT_SEED=<n>` runs another sequence.
 */
const SEED = Number(process.env.HOSTILE_INPUT_SEED ?? 20_261_121)
const VALID_RUNS = 25
const INVALID_RUNS = 60

let fuzzCases = 0
afterAll(() => recordFigures('hostile-input-gateways', { fuzzCases }))

// Input files given as URLs are downloaded with the global fetch: served by a recorder too.
const downloads = createRecordingFetch()
beforeAll(() => vi.stubGlobal('fetch', downloads.fetch))
afterAll(() => vi.unstubAllGlobals())
const count = () => {
  fuzzCases++
}

const retry = { limit: 0 }

function schemaFrom(module: object, name: string | undefined): ZodSchemaLike | undefined {
  if (name === undefined || name === 'none') return undefined
  const schema = (module as Record<string, ZodSchemaLike>)[name]
  if (!schema) throw new Error(`no exported schema ${name}`)
  return schema
}

/** Calls `client.a.b(...args)` for a method path such as `llm.generateImage`. */
function method(client: object, name: string): (...args: unknown[]) => unknown {
  const parts = name.split('.')
  let owner: unknown = client
  for (const part of parts.slice(0, -1)) owner = (owner as Record<string, unknown>)[part]
  const fn = (owner as Record<string, unknown>)[parts.at(-1)!]
  if (typeof fn !== 'function') throw new Error(`client.${name} is not a method`)
  return (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(owner, args)
}

// ---------------------------------------------------------------------------------------------
// CanaryLLM
// ---------------------------------------------------------------------------------------------

const canaryNetwork = createRecordingFetch()
const canaryClient = new CanaryClient({
  baseUrl: 'https://canary.hostile.test',
  apiKey: 'clk_live_hostile_input',
  fetch: canaryNetwork.fetch,
  retry,
})

/** Path parameters travel inside an argument object named as in the template. */
const canaryCalls: EndpointCall<CanaryClient>[] = CANARY_ENDPOINTS.map((endpoint) => {
  const key = `${endpoint.method} ${endpoint.path}`
  const body = schemaFrom(canarySchemas, endpoint.request)
  return {
    endpoint: key,
    ...(body ? { body } : {}),
    badParamValues: badValuesForAll(key, BAD_STRING_IDS),
    invoke: async (client: CanaryClient, args: CallArguments) => {
      const run = method(client, endpoint.clientMethod)
      if (body) return run(args.body)
      if (Object.keys(args.params).length > 0) return run(args.params)
      return run()
    },
  }
})

describeClientProperties({
  provider: 'canary',
  endpoints: CANARY_ENDPOINTS,
  calls: canaryCalls,
  client: canaryClient,
  network: canaryNetwork,
  seed: SEED,
  validRuns: VALID_RUNS,
  invalidRuns: INVALID_RUNS,
  count,
})

// ---------------------------------------------------------------------------------------------
// Onysoft
// ---------------------------------------------------------------------------------------------

const onysoftNetwork = createRecordingFetch()
const onysoftClient = new OnysoftClient({
  baseUrl: 'https://onysoft.hostile.test',
  apiKey: 'sk-ony-hostile-input',
  fetch: onysoftNetwork.fetch,
  retry,
})

const onysoftCalls: EndpointCall<OnysoftClient>[] = ONYSOFT_ENDPOINTS.map((endpoint) => {
  const key = `${endpoint.method} ${endpoint.path}`
  const alias = ALIASES.find((name) => endpoint.path.startsWith(`/v1/${name}/`))
  const body = schemaFrom(onysoftSchemas, endpoint.request)
  const query = schemaFrom(onysoftSchemas, endpoint.query)
  if (endpoint.path === '/v1/models')
    return { endpoint: key, invoke: async (client: OnysoftClient) => client.models.list() }
  if (endpoint.path === '/v1/video/list')
    return {
      endpoint: key,
      ...(query ? { query } : {}),
      invoke: async (client: OnysoftClient, args: CallArguments) =>
        client.video.list(args.query as never),
    }
  if (!alias) throw new Error(`no alias for ${key}`)
  if (endpoint.method === 'POST')
    return {
      endpoint: key,
      ...(body ? { body } : {}),
      invoke: async (client: OnysoftClient, args: CallArguments) =>
        client.alias(alias).generate(args.body as never),
    }
  return {
    endpoint: key,
    invoke: async (client: OnysoftClient, args: CallArguments) =>
      client.alias(alias).status(args.params.task_id as string),
  }
})

describeClientProperties({
  provider: 'onysoft',
  endpoints: ONYSOFT_ENDPOINTS,
  calls: onysoftCalls,
  client: onysoftClient,
  network: onysoftNetwork,
  seed: SEED,
  validRuns: VALID_RUNS,
  invalidRuns: INVALID_RUNS,
  count,
})

// ---------------------------------------------------------------------------------------------
// VLM Run
// ---------------------------------------------------------------------------------------------

const vlmrunNetwork = createRecordingFetch()
const vlmrunClient = new VlmRunClient({
  baseUrl: 'https://vlmrun.hostile.test',
  apiKey: 'vlm-hostile-input',
  fetch: vlmrunNetwork.fetch,
  retry,
})

const VLMRUN_INVOKE: Record<
  string,
  (client: VlmRunClient, args: CallArguments) => Promise<unknown>
> = {
  'POST /v1/image/generate': async (client, args) => client.image.generate(args.body as never),
  'GET /v1/predictions/{id}': async (client, args) =>
    client.predictions.get(args.params.id as string),
  'GET /v1/predictions': async (client, args) => client.predictions.list(args.query as never),
}

// An endpoint without an entry in VLMRUN_INVOKE (or the reverse) fails the coverage test.
const vlmrunCalls: EndpointCall<VlmRunClient>[] = Object.entries(VLMRUN_INVOKE).map(
  ([key, invoke]) => {
    const endpoint = VLMRUN_ENDPOINTS.find((entry) => `${entry.method} ${entry.path}` === key)
    if (!endpoint) return { endpoint: key, invoke }
    const body = schemaFrom(vlmrunSchemas, endpoint.request)
    const query = schemaFrom(vlmrunSchemas, endpoint.query)
    return { endpoint: key, invoke, ...(body ? { body } : {}), ...(query ? { query } : {}) }
  },
)

describeClientProperties({
  provider: 'vlmrun',
  endpoints: VLMRUN_ENDPOINTS,
  calls: vlmrunCalls,
  client: vlmrunClient,
  network: vlmrunNetwork,
  seed: SEED,
  validRuns: VALID_RUNS,
  invalidRuns: INVALID_RUNS,
  count,
})

describe('found by the properties above, pinned as examples', () => {
  const refused = async (network: ReturnType<typeof createRecordingFetch>, call: () => unknown) => {
    network.reset()
    const error = await Promise.resolve()
      .then(call)
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect(network.calls).toEqual([])
    return (error as ValidationError).issues.map((issue) => formatPath(issue.path))
  }

  it('canary: a bad training job or model id is named as the caller named it', async () => {
    // Was `id`, a name the caller never used.
    expect(
      await refused(canaryNetwork, () => canaryClient.vision.trainStatus({ jobId: '..' })),
    ).toContain('jobId')
    expect(
      await refused(canaryNetwork, () => canaryClient.vision.deleteModel({ modelId: '' })),
    ).toContain('modelId')
    // Was a TypeError reading `args.jobId`.
    expect(
      await refused(canaryNetwork, () => canaryClient.vision.trainStatus(null as never)),
    ).toContain('(input)')
  })

  it('canary: a transcription body or result query that is not an object is a ValidationError', async () => {
    // Both were TypeErrors (`body.audio`, `args.queueId` read before validation).
    expect(
      await refused(canaryNetwork, () => canaryClient.llm.transcribe(null as never)),
    ).toContain('(input)')
    expect(await refused(canaryNetwork, () => canaryClient.queue.result(null as never))).toContain(
      '(input)',
    )
    // An unknown key is refused as in the other queue calls (it was silently dropped).
    expect(
      await refused(canaryNetwork, () =>
        canaryClient.queue.result({ queueId: 'q1', queueID: 'q2' } as never),
      ),
    ).toContain('queueID')
  })

  it('onysoft and vlmrun: a missing id is refused, not sent as "undefined"', async () => {
    expect(
      await refused(onysoftNetwork, () => onysoftClient.video.status(undefined as never)),
    ).toContain('task_id')
    expect(
      await refused(vlmrunNetwork, () => vlmrunClient.predictions.get(undefined as never)),
    ).toContain('id')
  })

  it('every client: an id with a lone surrogate is a ValidationError, not a URIError', async () => {
    expect(
      await refused(onysoftNetwork, () => onysoftClient.video.status('task-\ud800')),
    ).toContain('task_id')
    expect(
      await refused(canaryNetwork, () => canaryClient.vision.trainStatus({ jobId: '\udc00' })),
    ).toContain('jobId')
    expect(await refused(vlmrunNetwork, () => vlmrunClient.predictions.get('\ud800x'))).toContain(
      'id',
    )
  })
})
