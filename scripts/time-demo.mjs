#!/usr/bin/env node
// Times `npm run demo` as a newcomer meets it: in a fresh clone of this repository (its
// committed HEAD, in a temporary directory), then once more in the same clone. Ends with
// one line, `demo: fresh N s, again N s`, and fails when a run fails, showing its output.
//
//   node scripts/time-demo.mjs [--command "<shell command>"]
//
// `--command` times another command in place of `npm run demo` (this script's own test uses a
// cheap one).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const commandAt = process.argv.indexOf('--command')
const command = commandAt === -1 ? 'npm run demo' : process.argv[commandAt + 1]
if (!command) {
  console.error('time-demo: --command needs a shell command')
  process.exit(2)
}

/** Runs `command` in `cwd` with its output held back; resolves with the time it took. */
function timed(cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, { cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({
        code: code ?? 1,
        seconds: (performance.now() - started) / 1000,
        output: Buffer.concat(output),
      }),
    )
  })
}

const workDir = mkdtempSync(join(tmpdir(), 'atelier-demo-time-'))
let failed = false
try {
  const clone = join(workDir, 'repo')
  const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { encoding: 'utf8' })
  if (cloned.status !== 0) {
    console.error(`time-demo: git clone failed:\n${cloned.stderr}`)
    failed = true
  } else {
    const runs = []
    for (const which of ['in the fresh clone', 'again']) {
      const run = await timed(clone)
      runs.push(run.seconds.toFixed(1))
      if (run.code !== 0) {
        process.stdout.write(run.output)
        console.error(`\ntime-demo: \`${command}\` failed ${which} (exit code ${run.code})`)
        failed = true
        break
      }
    }
    if (!failed) console.log(`demo: fresh ${runs[0]} s, again ${runs[1]} s`)
  }
} finally {
  rmSync(workDir, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
