/**
 * The bundles are made from the packages' `dist`. When a `dist` is missing or older than its
 * sources, those packages are built first (`tsup`, through the root's pinned pnpm).
 */
import { join } from 'node:path'
import { distIsStale } from '../../../../fixtures/ensure-built'
import type { InstallStep } from './chromium'
import { runCommand, tail } from './processes'

/** Folders under packages/ and their package names: what the scenario bundles contain. */
const PACKAGES: Record<string, string> = {
  core: '@atelier/core',
  local: '@atelier/local',
  atelier: 'atelier',
}

/** Packages whose `dist/index.js` is missing or older than their sources (`fixtures/ensure-built.ts`). */
export function stalePackages(): string[] {
  return Object.entries(PACKAGES)
    .filter(([folder]) => distIsStale(folder))
    .map(([, name]) => name)
}

export async function buildPackages(
  root: string,
  names: string[],
  timeoutMs: number,
): Promise<InstallStep> {
  const what = `build ${names.join(', ')} (dist missing or older than src)`
  const filters = names.flatMap((name) => ['--filter', name])
  const output = await runCommand(
    process.execPath,
    [join(root, 'scripts', 'pnpm.mjs'), ...filters, 'run', 'build'],
    { timeoutMs, cwd: root },
  )
  if (output.code === 0) return { what, ms: output.ms }
  const reason = output.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${output.code}`
  return { what, ms: output.ms, error: `${reason}:\n${tail(output.stdout + output.stderr)}` }
}
