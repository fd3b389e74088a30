/**
 * The hostile-input properties of one driver's typed client, as vitest suites: every endpoint
 * of its table has a call; valid arguments pass validation and send exactly one request, with
 * the endpoint's method, to the endpoint's path (each id one segment); arguments broken in one
 * place raise a ValidationError naming the field and send nothing.
 */
import { isAtelierError, ValidationError } from '@atelier/core'
import { formatPath } from '@atelier/core/driver'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { filteredObjects, RUN_SCALE, type ZodSchemaLike } from './arbitraries'
// Registers the cross-field rules of the drivers' request schemas before anything is generated.
import './client-arbitraries'
import {
  brokenCall,
  drain,
  type EndpointCall,
  matchesTemplate,
  takesArguments,
  validCall,
} from './client-calls'
import type { RecordingFetch } from './recording-fetch'

export interface ClientUnderTest<Client> {
  /** The provider id, for test names. */
  provider: string
  /** The driver's endpoints table. */
  endpoints: readonly { method: string; path: string }[]
  calls: readonly EndpointCall<Client>[]
  /** A client whose every request goes to `network` (retries off, so one call is one request). */
  client: Client
  network: RecordingFetch
  /** The base URL's own path, when it has one (e.g. `/api`). */
  basePath?: string
  seed: number
  validRuns: number
  invalidRuns: number
  /** Called once per generated case run. */
  count(): void
}

const endpointKey = (endpoint: { method: string; path: string }) =>
  `${endpoint.method} ${endpoint.path}`

export function describeClientProperties<Client>(spec: ClientUnderTest<Client>): void {
  const { client, network } = spec

  describe(`${spec.provider} client`, () => {
    it('has a call for every endpoint of its table, and no other', () => {
      const listed = spec.endpoints.map(endpointKey).sort()
      const covered = spec.calls.map((call) => call.endpoint).sort()
      expect(covered).toEqual(listed)
    })

    for (const call of spec.calls) {
      describe(call.endpoint, () => {
        it('valid arguments pass validation and send one request to the endpoint', async () => {
          await fc.assert(
            fc.asyncProperty(validCall(call), async (args) => {
              spec.count()
              network.reset()
              const error = await call
                .invoke(client, args)
                .then(drain)
                .then(
                  () => undefined,
                  (caught: unknown) => caught,
                )
              if (error instanceof ValidationError && error.status === undefined) {
                throw new Error(`valid arguments were rejected: ${error.message}`)
              }
              // Whatever the fake network answered, the failure is a typed atelier error.
              if (error !== undefined && !isAtelierError(error)) throw error
              expect(network.calls).toHaveLength(1)
              const sent = network.calls[0]!
              expect(sent.method).toBe(call.endpoint.slice(0, call.endpoint.indexOf(' ')))
              expect(
                matchesTemplate(sent.url.pathname, call.endpoint, args.params, spec.basePath),
                `${sent.url.pathname} is not ${call.endpoint} with ${JSON.stringify(args.params)}`,
              ).toBe(true)
            }),
            { seed: spec.seed, numRuns: spec.validRuns * RUN_SCALE },
          )
        })

        if (takesArguments(call)) {
          it('broken arguments raise a ValidationError naming the field, before any request', async () => {
            await fc.assert(
              fc.asyncProperty(brokenCall(call), async (broken) => {
                spec.count()
                network.reset()
                const error = await Promise.resolve()
                  .then(() => call.invoke(client, broken.args))
                  .then(drain)
                  .then(
                    () => undefined,
                    (caught: unknown) => caught,
                  )
                expect(error, broken.breakage).toBeInstanceOf(ValidationError)
                const validation = error as ValidationError
                expect(validation.status, broken.breakage).toBeUndefined()
                expect(
                  validation.issues.map((issue) => formatPath(issue.path)),
                  broken.breakage,
                ).toContain(formatPath(broken.path))
                expect(network.calls, broken.breakage).toEqual([])
                // Not even an input file is downloaded for a call that cannot be sent.
                expect(network.downloads, broken.breakage).toEqual([])
              }),
              { seed: spec.seed, numRuns: spec.invalidRuns * RUN_SCALE },
            )
          })
        }
      })
    }

    it('generated every valid argument structurally, filtering none with its own schema', () => {
      // A schema rule that is checked in code must be restated in `client-arbitraries.ts`:
      // filtering with the schema itself would make "valid arguments pass" hold by definition.
      // (Each test file has its own module state, so this is what this file generated.)
      const filtered = [...filteredObjects].map((schema) =>
        Object.keys((schema as ZodSchemaLike)._zod.def.shape as object),
      )
      expect(filtered).toEqual([])
    })
  })
}
