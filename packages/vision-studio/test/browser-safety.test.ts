import { UnsupportedError } from '@atelier/core'
import { afterEach, describe, expect, it } from 'vitest'
import { VisionStudioClient } from '../src/client'

const page = globalThis as { document?: unknown }
afterEach(() => {
  delete page.document
})

describe('VisionStudioClient in a browser', () => {
  it('refuses a literal API key unless dangerouslyAllowBrowser is set', () => {
    page.document = {}
    expect(
      () =>
        new VisionStudioClient({
          baseUrl: 'https://studio.example',
          apiKey: 'sk-literal-key-1234',
        }),
    ).toThrow(UnsupportedError)
    expect(
      () =>
        new VisionStudioClient({
          baseUrl: 'https://studio.example',
          apiKey: 'sk-literal-key-1234',
          dangerouslyAllowBrowser: true,
        }),
    ).not.toThrow()
  })

  it('accepts a token function or a proxy without a key', () => {
    page.document = {}
    expect(
      () =>
        new VisionStudioClient({
          baseUrl: 'https://studio.example',
          apiKey: async () => 'short-lived-token',
        }),
    ).not.toThrow()
    expect(
      () =>
        new VisionStudioClient({
          baseUrl: 'https://my-proxy.example/vision-studio',
          headers: { 'x-app': '1' },
        }),
    ).not.toThrow()
  })
})
