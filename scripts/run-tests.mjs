#!/usr/bin/env node
// Runs the whole vitest suite (every project in vitest.workspace.ts) and ends with one plain
// summary line, `tests: N passed, N failed, N skipped`, whatever the reporter printed above it.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const resultsDir = join(root, 'test-results')
const resultsFile = join(resultsDir, 'vitest.json')
rmSync(resultsFile, { force: true })
mkdirSync(resultsDir, { recursive: true })

const vitest = join(
  root,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'vitest.cmd' : 'vitest',
)
const run = spawnSync(
  vitest,
  [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
)

try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'))
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0)
  console.log(
    `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  )
} catch {
  console.log('\ntests: no results were written (vitest did not finish)')
}
process.exit(run.status ?? 1)
