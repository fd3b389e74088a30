import { UnsupportedError } from '@atelier/core'
import { afterEach, describe, expect, it } from 'vitest'
import { OnysoftClient } from '../src/client'

const page = globalThis as { document?: unknown }
afterEach(() => {
  delete page.document
})

describe('OnysoftClient in a browser', () => {
  it('refuses a literal API key unless dangerouslyAllowBrowser is set', () => {
    page.document = {}
    expect(() => new OnysoftClient({ apiKey: 'sk-literal-key-1234' })).toThrow(UnsupportedError)
    expect(
      () => new OnysoftClient({ apiKey: 'sk-literal-key-1234', dangerouslyAllowBrowser: true }),
    ).not.toThrow()
  })

  it('accepts a token function or a proxy without a key', () => {
    page.document = {}
    expect(() => new OnysoftClient({ apiKey: async () => 'short-lived-token' })).not.toThrow()
    expect(
      () =>
        new OnysoftClient({
          baseUrl: 'https://my-proxy.example/onysoft',
          headers: { 'x-app': '1' },
        }),
    ).not.toThrow()
  })
})
