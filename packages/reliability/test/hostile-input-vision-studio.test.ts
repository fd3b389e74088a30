/**
 * Hostile input, Vision Studio client (`@atelier/vision-studio`): every endpoint of its
 * generated table (about ninety), called through `VisionStudioClient` with arguments generated
 * from the endpoint's own request and parameter schemas, against a fetch that records requests.
 * Valid arguments pass validation and send exactly one request to the endpoint (each id one
 * path segment); arguments broken in one place raise a ValidationError naming the field and
 * send nothing. See `src/client-properties.ts`.
 */
import { ENDPOINTS, type VisionStudioEndpoint } from '@atelier/vision-studio'
import { VisionStudioClient } from '@atelier/vision-studio/client'
import { afterAll } from 'vitest'
import type { ZodSchemaLike } from '../src/arbitraries'
import type { CallArguments, EndpointCall } from '../src/client-calls'
import { describeClientProperties } from '../src/client-properties'
import { recordFigures } from '../src/figures'
import { createRecordingFetch } from '../src/recording-fetch'

/**
 * Fixed so every run is the same and a failure replays: fast-check prints the seed (and the
 * shrunk path) when a property fails; `HOSTILE_INPUT_SEED=<n>` runs another sequence.
 */
const SEED = Number(process.env.HOSTILE_INPUT_SEED ?? 20_261_121)

let fuzzCases = 0
afterAll(() => recordFigures('hostile-input-vision-studio', { fuzzCases }))

const network = createRecordingFetch()
const client = new VisionStudioClient({
  baseUrl: 'https://studio.hostile.test',
  apiKey: 'vs-hostile-input',
  fetch: network.fetch,
  retry: { limit: 0 },
})

/** The client method named by the table (`bria.image.generate` → `client.bria.image.generate`). */
function methodOf(endpoint: VisionStudioEndpoint): (...args: unknown[]) => unknown {
  let owner: unknown = client
  const parts = endpoint.name.split('.')
  for (const part of parts.slice(0, -1)) owner = (owner as Record<string, unknown>)[part]
  const fn = (owner as Record<string, unknown>)[parts.at(-1)!]
  if (typeof fn !== 'function') throw new Error(`client.${endpoint.name} is not a method`)
  return (...args: unknown[]) => (fn as (...a: unknown[]) => unknown).apply(owner, args)
}

/**
 * An id in both the path and the body (LoRA updates) must be the same in both (the client
 * refuses two): when the generated path parameters are valid and the body's id is a usable
 * value, the path takes the body's id. A broken id, in either place, is left broken.
 */
function alignPathIds(endpoint: VisionStudioEndpoint, args: CallArguments): void {
  const body = args.body as Record<string, unknown> | undefined
  const paramsSchema = endpoint.params as unknown as ZodSchemaLike | undefined
  if (!body || typeof body !== 'object' || !paramsSchema) return
  if (
    !(paramsSchema as unknown as { safeParse(v: unknown): { success: boolean } }).safeParse(
      args.params,
    ).success
  )
    return
  for (const name of endpoint.pathParams ?? []) {
    const id = body[name]
    const usable =
      (typeof id === 'number' && Number.isInteger(id) && id > 0) ||
      (typeof id === 'string' && /^[\w-]+$/.test(id))
    if (usable) args.params[name] = id
  }
}

const calls: EndpointCall<VisionStudioClient>[] = ENDPOINTS.map((endpoint) => {
  const key = `${endpoint.method} ${endpoint.path}`
  const method = methodOf(endpoint)
  const paramsSchema = endpoint.params as unknown as ZodSchemaLike | undefined
  const shape = (paramsSchema?._zod.def.shape ?? {}) as Record<string, ZodSchemaLike>
  const names = Object.keys(shape)
  // A method with one path parameter and nothing else takes the id itself; others take an object.
  const single = names.length === 1 && (endpoint.pathParams ?? []).length === 1
  const withBody = (args: CallArguments, first: unknown[]) =>
    endpoint.request ? [...first, args.body] : first
  const call: EndpointCall<VisionStudioClient> = {
    endpoint: key,
    ...(endpoint.request ? { body: endpoint.request as unknown as ZodSchemaLike } : {}),
    invoke: async (_client, args) => {
      alignPathIds(endpoint, args)
      const first = single ? [args.params[names[0]!]] : paramsSchema ? [args.params] : []
      return method(...withBody(args, first))
    },
  }
  if (single) call.paramSchemas = { [names[0]!]: shape[names[0]!]! }
  else if (paramsSchema) call.paramsSchema = paramsSchema
  return call
})

describeClientProperties({
  provider: 'vision-studio',
  endpoints: ENDPOINTS,
  calls,
  client,
  network,
  seed: SEED,
  validRuns: 15,
  invalidRuns: 40,
  count: () => {
    fuzzCases++
  },
})
