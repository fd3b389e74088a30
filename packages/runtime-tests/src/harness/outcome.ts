/** What one runtime's run produced, and how the harness judges it. */
import type { ScenarioCheck, ScenarioResult } from '../scenario'

export const RUNTIMES = ['node20', 'node22', 'bun', 'deno', 'workerd', 'chromium'] as const
export type RuntimeName = (typeof RUNTIMES)[number]

/** Every check the scenario must report; a result missing one does not pass. */
export const EXPECTED_CHECKS = [
  'image',
  'video-cancel',
  'video-resume',
  'text-stream',
  'validation-error',
  'provider-error',
]

export interface RuntimeRun {
  /** The runtime's own version string, when it could be read. */
  version?: string
  result?: ScenarioResult
  /** Why the runtime gave no result (could not start, crashed, timed out, ...). */
  error?: string
  /** Checks the harness makes from the outside (e.g. that a browser really went cross-origin). */
  harnessChecks?: ScenarioCheck[]
}

export interface RuntimeOutcome extends RuntimeRun {
  name: RuntimeName
  pass: boolean
  /** Every failed check or missing piece, with details. */
  failures: string[]
  ms: number
}

export function judge(name: RuntimeName, run: RuntimeRun, ms: number): RuntimeOutcome {
  const failures: string[] = []
  if (run.error) failures.push(run.error)
  if (run.result) {
    const names = new Set(run.result.checks.map((check) => check.name))
    for (const expected of EXPECTED_CHECKS) {
      if (!names.has(expected)) failures.push(`${expected}: not run`)
    }
  } else if (!run.error) failures.push('no scenario result')
  for (const check of [...(run.result?.checks ?? []), ...(run.harnessChecks ?? [])]) {
    if (!check.ok) failures.push(`${check.name}: ${check.detail}`)
  }
  return { ...run, name, pass: failures.length === 0, failures, ms }
}
