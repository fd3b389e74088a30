/** `canResubmit`: sending the same work again only when the failure proves no job was started. */
import {
  AbortError,
  ConnectionError,
  canResubmit,
  JobFailedError,
  ProviderError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from '@atelier/core'
import { describe, expect, it } from 'vitest'

describe('canResubmit', () => {
  it('says yes when the provider refused before any work, or nothing reached it', () => {
    for (const status of [408, 425, 503]) {
      expect(canResubmit(new ProviderError('refused', { status }))).toBe(true)
    }
    expect(canResubmit(new RateLimitError('slow down', { status: 429 }))).toBe(true)
    expect(canResubmit(new ConnectionError('refused', { networkCode: 'ECONNREFUSED' }))).toBe(true)
    expect(canResubmit(new ConnectionError('no host', { networkCode: 'ENOTFOUND' }))).toBe(true)
  })

  it('says no when a job may exist, the input was wrong, or nothing says what happened', () => {
    for (const status of [500, 502, 504, 400]) {
      expect(canResubmit(new ProviderError('failed', { status }))).toBe(false)
    }
    expect(canResubmit(new ValidationError([], { status: 422 }))).toBe(false)
    expect(canResubmit(new ConnectionError('reset', { networkCode: 'ECONNRESET' }))).toBe(false)
    expect(canResubmit(new ConnectionError('cut short'))).toBe(false)
    expect(canResubmit(new TimeoutError('no answer'))).toBe(false)
    expect(canResubmit(new JobFailedError('failed'))).toBe(false)
    expect(canResubmit(new AbortError())).toBe(false)
    expect(canResubmit(new Error('plain'))).toBe(false)
  })
})
