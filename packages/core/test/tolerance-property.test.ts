/**
 * The response-tolerance property (`fixtures/tolerance.ts`) used by every driver's reader tests:
 * it must fail a strict reader and pass a tolerant one, or it proves nothing.
 */
import { lenient, lenientNumber, lenientTimestamp } from '@atelier/core/driver'
import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { checkTolerance, type ToleranceCase } from '../../../fixtures/tolerance'

const sample = {
  id: 'job-1',
  status: 'completed',
  created_at: '2026-12-06T10:20:30.000Z',
  cost: 0.6,
  model: 'm-1',
  output: { url: 'https://files.test/a.png', width: 1024 },
}

const tolerant = z.looseObject({
  id: z.string(),
  status: z.string(),
  created_at: lenientTimestamp(),
  cost: lenientNumber(),
  model: lenient(z.string()),
  output: z.looseObject({ url: z.string(), width: lenientNumber() }),
})

/** Keeps unknown keys, but takes "missing" only: `null` or a numeric string fails it. */
const strict = z.looseObject({
  id: z.string(),
  status: z.string(),
  created_at: z.optional(z.string()),
  cost: z.optional(z.number()),
  model: z.optional(z.string()),
  output: z.looseObject({ url: z.string(), width: z.optional(z.number()) }),
})

const caseOf = (schema: z.ZodMiniType): ToleranceCase => ({
  name: 'a job answer',
  sample,
  parse: (answer) => schema.safeParse(answer),
  required: ['id', 'status', 'output.url'],
  timestamps: ['created_at'],
})

describe('the tolerance property', () => {
  it('passes a reader that takes null, numeric strings, epoch times and unknown keys', () => {
    expect(checkTolerance(caseOf(tolerant), 300)).toBe(300)
  })

  it('fails a reader that refuses null in an optional field, quoting the variant', () => {
    expect(() => checkTolerance(caseOf(strict), 300)).toThrow(/a job answer: refused/)
  })

  it('fails a reader that drops unknown keys', () => {
    const dropping = z.object({
      id: z.string(),
      status: z.string(),
      created_at: lenientTimestamp(),
      cost: lenientNumber(),
      model: lenient(z.string()),
      output: z.object({ url: z.string(), width: lenientNumber() }),
    })
    expect(() => checkTolerance(caseOf(dropping), 300)).toThrow(/unknown key not kept/)
  })

  it('fails a reader that takes an epoch time but reads it as another instant', () => {
    const wrongEpoch = z.looseObject({
      ...tolerant.shape,
      created_at: z.optional(z.unknown()),
    })
    expect(() => checkTolerance(caseOf(wrongEpoch), 300)).toThrow(/created_at: .* not the instant/)
  })
})
