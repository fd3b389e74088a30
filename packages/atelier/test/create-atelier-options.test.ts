/**
 * `createAtelier` refuses options it would otherwise ignore: a misspelt name (plain JavaScript
 * has no compiler to catch `provider` for `providers`), a misspelt polling option, and
 * `providers` that are not drivers.
 */

import { ValidationError } from '@atelier/core'
import { createFakeDriver } from '@atelier/testing'
import { createAtelier } from 'atelier'
import { describe, expect, it } from 'vitest'

/** The options as plain JavaScript would pass them: no compiler in the way. */
function untyped(options: unknown): () => unknown {
  return () => createAtelier(options as Parameters<typeof createAtelier>[0])
}

function thrownBy(run: () => unknown): ValidationError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return error as ValidationError
  }
  throw new Error('expected createAtelier to throw')
}

describe('createAtelier checks its options before building anything', () => {
  const driver = createFakeDriver({ id: 'fake' })

  it('`provider` for `providers` is named, with the name meant', () => {
    const error = thrownBy(untyped({ provider: [driver] }))
    expect(error.message).toBe(
      'createAtelier(): unknown option "provider" (did you mean "providers"?)',
    )
    expect(error.field).toBe('provider')
  })

  it('a misspelt polling option is named by its path', () => {
    const error = thrownBy(untyped({ providers: [driver], polling: { maxInterval: 5_000 } }))
    expect(error.message).toBe(
      'createAtelier(): unknown option "polling.maxInterval" (did you mean "maxIntervalMs"?)',
    )
    expect(error.field).toBe('polling.maxInterval')
  })

  it('`providers` missing is required, not an empty client', () => {
    const error = thrownBy(untyped({}))
    expect(error.message).toBe(
      'createAtelier(): providers must be a list of drivers, e.g. { providers: [local()] }',
    )
    expect(error.issues[0]).toMatchObject({ path: ['providers'], rule: 'required' })
  })

  it('a factory passed uncalled is told to be called', () => {
    function local() {
      return driver
    }
    const error = thrownBy(untyped({ providers: [driver, local] }))
    expect(error.message).toBe(
      'createAtelier(): providers.1 is not a driver (a driver has an id and tasks); call it: local(...)',
    )
  })

  it('every documented option is accepted', () => {
    expect(() =>
      createAtelier({
        providers: [driver],
        hooks: {},
        polling: { maxIntervalMs: 5_000, durations: false },
        maxRequestsPerSecond: 50,
        shouldFallback: () => false,
      }),
    ).not.toThrow()
  })
})
