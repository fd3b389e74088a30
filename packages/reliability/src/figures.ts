/**
 * Figures the reliability suite reports. Each test file records what it ran under its own
 * name in `test-results/reliability/<name>.json`; `scripts/run-tests.mjs` sums them into the
 * one line CI prints:
 * `reliability: jobs N, faults N, completed N, typed failures N, duplicates 0, leaks 0, fuzz cases N,
 * tolerance cases N`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface ReliabilityFigures {
  /** Jobs run end to end (submitted through a driver and waited on). */
  jobs?: number
  /** Faults injected into requests or responses. */
  faults?: number
  /** Jobs that completed with their output. */
  completed?: number
  /** Jobs that ended with a typed atelier error that says why. */
  typedFailures?: number
  /** Jobs an emulator saw submitted more than once (same idempotency key or same logical job). */
  duplicates?: number
  /** Timers, sockets or handles still open after the suite closed everything. */
  leaks?: number
  /** Generated cases run by property-based tests. */
  fuzzCases?: number
  /**
   * Answers read by the response-tolerance property (`fixtures/tolerance.ts`): variants of the
   * drivers' answers with `null`s, unknown keys, numeric strings and other timestamp forms.
   */
  toleranceCases?: number
}

const resultsDir = fileURLToPath(new URL('../../../test-results/reliability/', import.meta.url))

/** Records (replaces) the figures of one part of the suite. */
export function recordFigures(name: string, figures: ReliabilityFigures): void {
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`)
}
