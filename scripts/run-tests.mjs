#!/usr/bin/env node
// Runs the whole vitest suite (every project in vitest.workspace.ts) and ends with one plain
// summary line, `tests: N passed, N failed, N skipped`, whatever the reporter printed above it,
// then the reliability suite's line, summed from the figures its test files recorded
// (packages/reliability/src/figures.ts), and the line of the documentation's code blocks
// (examples/docs-commands.test.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const resultsDir = join(root, 'test-results')
const resultsFile = join(resultsDir, 'vitest.json')
const reliabilityDir = join(resultsDir, 'reliability')
const docsCommandsFile = join(resultsDir, 'docs-commands.json')
rmSync(resultsFile, { force: true })
rmSync(docsCommandsFile, { force: true })
rmSync(reliabilityDir, { recursive: true, force: true })
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

let results
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8'))
  const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0)
  console.log(
    `\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
  )
} catch {
  console.log('\ntests: no results were written (vitest did not finish)')
}

if (existsSync(reliabilityDir)) {
  const total = {
    jobs: 0,
    faults: 0,
    completed: 0,
    typedFailures: 0,
    duplicates: 0,
    leaks: 0,
    fuzzCases: 0,
    toleranceCases: 0,
  }
  for (const file of readdirSync(reliabilityDir).filter((name) => name.endsWith('.json'))) {
    const figures = JSON.parse(readFileSync(join(reliabilityDir, file), 'utf8'))
    for (const key of Object.keys(total)) total[key] += figures[key] ?? 0
  }
  console.log(
    `reliability: jobs ${total.jobs}, faults ${total.faults}, completed ${total.completed}, ` +
      `typed failures ${total.typedFailures}, duplicates ${total.duplicates}, leaks ${total.leaks}, ` +
      `fuzz cases ${total.fuzzCases}, tolerance cases ${total.toleranceCases}`,
  )
  // Its files run in parallel with the rest; the sum of their durations bounds the suite alone.
  const files = (results?.testResults ?? []).filter((file) =>
    file.name.includes(`${join('packages', 'reliability')}`),
  )
  const seconds = files.reduce((sum, file) => sum + (file.endTime - file.startTime), 0) / 1000
  if (files.length) {
    console.log(`reliability suite: ${files.length} files, ${seconds.toFixed(1)} s of test time`)
  }
}

if (existsSync(docsCommandsFile)) {
  const docs = JSON.parse(readFileSync(docsCommandsFile, 'utf8'))
  console.log(
    `docs-commands: ${docs.typeChecked} TypeScript blocks type-checked (${docs.typeFailures} failing, ` +
      `${docs.nocheck} nocheck), ${docs.run} run (${docs.runFailures} failing), ` +
      `${docs.shellCommands} shell commands checked (${docs.commandsRun} run, ${docs.shellFailures} failing)`,
  )
}
process.exit(run.status ?? 1)
