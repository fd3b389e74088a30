import { UnsupportedError } from '@atelier/core'
import { assertKeyAllowedHere, isBrowserLike } from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'

describe('assertKeyAllowedHere', () => {
  it('knows Node is not a browser', () => {
    expect(isBrowserLike()).toBe(false)
  })

  it('refuses a literal key in a browser unless explicitly allowed', () => {
    expect(() => assertKeyAllowedHere('canary', 'clk_live_secret', {}, true)).toThrow(
      UnsupportedError,
    )
    expect(() => assertKeyAllowedHere('canary', 'clk_live_secret', {}, true)).toThrow(
      /dangerouslyAllowBrowser/,
    )
    expect(() =>
      assertKeyAllowedHere('canary', 'clk_live_secret', { dangerouslyAllowBrowser: true }, true),
    ).not.toThrow()
  })

  it('never puts the key in its message', () => {
    try {
      assertKeyAllowedHere('canary', 'clk_live_secret', {}, true)
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('clk_live_secret')
    }
  })

  it('allows token functions, no key (a proxy), and any key outside browsers', () => {
    expect(() => assertKeyAllowedHere('canary', async () => 'short-lived', {}, true)).not.toThrow()
    expect(() => assertKeyAllowedHere('canary', undefined, {}, true)).not.toThrow()
    expect(() => assertKeyAllowedHere('canary', 'clk_live_secret', {}, false)).not.toThrow()
  })

  it('detects a page by its document', () => {
    const scope = globalThis as { document?: unknown }
    scope.document = {}
    try {
      expect(isBrowserLike()).toBe(true)
    } finally {
      delete scope.document
    }
  })
})
