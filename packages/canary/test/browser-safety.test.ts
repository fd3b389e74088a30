import { UnsupportedError } from '@atelier/core'
import { afterEach, describe, expect, it } from 'vitest'
import { CanaryClient } from '../src/client'

const page = globalThis as { document?: unknown }
afterEach(() => {
  delete page.document
})

describe('CanaryClient in a browser', () => {
  it('refuses a literal API key unless dangerouslyAllowBrowser is set', () => {
    page.document = {}
    expect(
      () => new CanaryClient({ baseUrl: 'https://canary.example', apiKey: 'sk-literal-key-1234' }),
    ).toThrow(UnsupportedError)
    expect(
      () =>
        new CanaryClient({
          baseUrl: 'https://canary.example',
          apiKey: 'sk-literal-key-1234',
          dangerouslyAllowBrowser: true,
        }),
    ).not.toThrow()
  })

  it('accepts a token function or a proxy without a key', () => {
    page.document = {}
    expect(
      () =>
        new CanaryClient({
          baseUrl: 'https://canary.example',
          apiKey: async () => 'short-lived-token',
        }),
    ).not.toThrow()
    expect(
      () =>
        new CanaryClient({ baseUrl: 'https://my-proxy.example/canary', headers: { 'x-app': '1' } }),
    ).not.toThrow()
  })
})
