/**
 * The driver kit's tolerant readers: status words in any spelling, numbers from numeric strings,
 * timestamps in any form, and optional fields where `null` or a wrong type reads as absent.
 */
import {
  lenient,
  lenientNumber,
  lenientTimestamp,
  readNumber,
  readStatus,
  readTimestamp,
} from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'

describe('readStatus', () => {
  it.each([
    ['COMPLETED', 'completed'],
    ['succeeded', 'completed'],
    ['Success', 'completed'],
    ['done', 'completed'],
    ['IN_PROGRESS', 'running'],
    ['in-progress', 'running'],
    ['In Progress', 'running'],
    ['processing', 'running'],
    ['pending', 'queued'],
    ['ENQUEUED', 'queued'],
    ['error', 'failed'],
    ['FAILED', 'failed'],
    ['cancelled', 'canceled'],
    ['CANCELED', 'canceled'],
  ])('reads %s as %s, keeping the word as written', (word, state) => {
    expect(readStatus(` ${word} `)).toEqual({ state, providerStatus: word, recognised: true })
  })

  it("lets the driver's own words win over the synonyms", () => {
    expect(readStatus('PAUSED', { paused: 'queued' }).state).toBe('queued')
    expect(readStatus('paused').state).toBe('running')
    expect(readStatus('Warming-Up', { WARMING_UP: 'queued' })).toEqual({
      state: 'queued',
      providerStatus: 'Warming-Up',
      recognised: true,
    })
  })

  it('reports a word nobody knows as running, unrecognised, with the word kept', () => {
    expect(readStatus('HALTED')).toEqual({
      state: 'running',
      providerStatus: 'HALTED',
      recognised: false,
    })
    expect(readStatus(undefined)).toEqual({
      state: 'running',
      providerStatus: '',
      recognised: false,
    })
    expect(readStatus(null).recognised).toBe(false)
    expect(readStatus(3)).toEqual({ state: 'running', providerStatus: '3', recognised: false })
  })
})

describe('readNumber', () => {
  it('reads numbers and numeric strings, percent signs and spaces allowed', () => {
    expect(readNumber(5)).toBe(5)
    expect(readNumber('5')).toBe(5)
    expect(readNumber(' 0.60 ')).toBe(0.6)
    expect(readNumber('45%')).toBe(45)
    expect(readNumber('1e3')).toBe(1000)
    expect(readNumber('-2.5')).toBe(-2.5)
  })

  it('refuses what is not a number', () => {
    for (const value of ['', 'abc', '5 credits', '1,5', null, undefined, Number.NaN, {}, true]) {
      expect(readNumber(value)).toBeUndefined()
    }
    expect(readNumber(Number.POSITIVE_INFINITY)).toBeUndefined()
  })
})

describe('readTimestamp', () => {
  const at = '2026-12-06T10:20:30.000Z'
  it.each([
    ['ISO with Z', '2026-12-06T10:20:30Z', at],
    ['ISO with an offset', '2026-12-06T11:20:30+01:00', at],
    ['ISO without a zone, read as UTC', '2026-12-06T10:20:30', at],
    ['a space for the T', '2026-12-06 10:20:30', at],
    ['microseconds', '2026-12-06T10:20:30.000000Z', at],
    ['epoch seconds', 1_796_552_430, at],
    ['epoch milliseconds', 1_796_552_430_000, at],
    ['epoch seconds as text', '1796552430', at],
    ['fractional epoch seconds', 1_796_552_430.5, '2026-12-06T10:20:30.500Z'],
    ['an HTTP date', 'Sun, 06 Dec 2026 10:20:30 GMT', at],
    ['a date alone', '2026-12-06', '2026-12-06T00:00:00.000Z'],
  ])('reads %s', (_name, value, expected) => {
    expect(readTimestamp(value)).toBe(expected)
  })

  it('gives undefined for what names no time', () => {
    for (const value of ['yesterday', '', null, undefined, {}, '45%', '12 May', true]) {
      expect(readTimestamp(value)).toBeUndefined()
    }
  })
})

describe('lenient fields in a wire schema', () => {
  const answer = z.looseObject({
    id: z.string(),
    model: lenient(z.string()),
    cost: lenientNumber(),
    created_at: lenientTimestamp(),
  })

  it('reads null, a wrong type or an unreadable value as absent, and keeps unknown keys', () => {
    const parsed = answer.parse({
      id: 'job-1',
      model: null,
      cost: 'free',
      created_at: 'soon',
      extra: { kept: true },
    })
    expect(parsed).toEqual({
      id: 'job-1',
      model: undefined,
      cost: undefined,
      created_at: undefined,
      extra: { kept: true },
    })
  })

  it('reads numeric strings and epoch timestamps', () => {
    expect(
      answer.parse({ id: 'job-1', model: 'm', cost: '0.60', created_at: 1_796_552_430 }),
    ).toEqual({
      id: 'job-1',
      model: 'm',
      cost: 0.6,
      created_at: '2026-12-06T10:20:30.000Z',
    })
  })

  it('stays strict on the fields the code needs', () => {
    expect(answer.safeParse({ id: null }).success).toBe(false)
    expect(answer.safeParse({}).success).toBe(false)
  })
})
