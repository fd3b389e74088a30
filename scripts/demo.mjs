#!/usr/bin/env node
// `npm run demo`: installs what the demo needs if it is missing or stale, then runs
// examples/demo.ts from the TypeScript sources.
//
// Nothing is built. The demo imports the workspace packages by name, and tsx maps those names
// to the packages' sources through the root tsconfig.json `paths` (as the tests do), so it
// never loads a package's dist: building all of them (ESM, CJS and types) first only cost
// time. The install takes the examples' packages and the root tools only; the benchmarks' and
// the runtime tests' dependencies (Bun, Deno, workerd and their install steps) are most of a
// full install's time, and `npm run bootstrap` (which `npm test` runs) adds them. Its output
// is held back unless it fails, so a newcomer sees the steps, their times and the demo.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const ci = !['', '0', 'false'].includes(process.env.CI ?? '')
// A terminal gets its waiting line redrawn in place; a pipe or a CI log gets plain lines.
const live = process.stdout.isTTY === true && !ci
const started = performance.now()
const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`

const lockfile = join(root, 'pnpm-lock.yaml')
/** The digest of the lockfile the demo's last install followed, kept beside the packages. */
const demoInstallRecord = join(root, 'node_modules', '.atelier-demo-lockfile')
const lockfileDigest = () => createHash('sha256').update(readFileSync(lockfile)).digest('hex')

/**
 * Whether `node_modules` holds what the lockfile asks for, so an install would find nothing to
 * do (and asking pnpm to make sure takes seconds). Either the demo installed from this very
 * lockfile, or a full install did: pnpm keeps a copy of the lockfile it last installed in
 * node_modules/.pnpm/lock.yaml.
 */
function installedFromLockfile() {
  if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) return false
  if (
    existsSync(demoInstallRecord) &&
    readFileSync(demoInstallRecord, 'utf8') === lockfileDigest()
  ) {
    return true
  }
  const installed = join(root, 'node_modules', '.pnpm', 'lock.yaml')
  return existsSync(installed) && readFileSync(installed).equals(readFileSync(lockfile))
}

/** Runs a command with its output held back; resolves with its exit code and that output. */
function runQuietly(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(output) }))
  })
}

/** Runs a command with the terminal; resolves with its exit code. */
function runAttached(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
  })
}

console.log('atelier demo: seven jobs on a Silly Media sidecar, the files in ./out/\n')

const installStarted = performance.now()
const installTitle = '[1/2] dependencies'
if (installedFromLockfile()) {
  console.log(`${installTitle}: installed already (pnpm-lock.yaml unchanged)`)
} else {
  const what = "installing the examples' packages with pnpm (frozen lockfile)"
  let ticker
  if (live) {
    process.stdout.write(`${installTitle}: ${what}...`)
    ticker = setInterval(() => {
      process.stdout.write(`\r\x1b[K${installTitle}: ${what}... ${seconds(installStarted)}`)
    }, 1000)
  } else {
    console.log(`${installTitle}: ${what}...`)
  }
  const install = await runQuietly(process.execPath, [
    join(root, 'scripts', 'pnpm.mjs'),
    'install',
    '--frozen-lockfile',
    // The examples, the workspace packages they import, and the root's tools (tsx).
    '--filter',
    '@atelier/examples...',
    '--filter',
    'atelier-monorepo',
  ])
  clearInterval(ticker)
  if (live) process.stdout.write('\r\x1b[K')
  if (install.code !== 0) {
    process.stdout.write(install.output)
    console.error(`\n${installTitle}: the install failed (exit code ${install.code}), see above`)
    process.exit(install.code)
  }
  writeFileSync(demoInstallRecord, lockfileDigest())
  console.log(`${installTitle}: installed in ${seconds(installStarted)}`)
}

console.log('[2/2] demo: examples/demo.ts, run from the sources (nothing to build)')
const demoStarted = performance.now()
// `--import tsx` runs the TypeScript in this one Node process (the tsx command would start a
// second); tsx reads the root tsconfig.json, whose `paths` lead every package to its sources.
const code = await runAttached(process.execPath, ['--import', 'tsx', 'examples/demo.ts'])
if (code !== 0) {
  console.error(`\n[2/2] demo: failed (exit code ${code}) after ${seconds(demoStarted)}`)
  process.exit(code)
}
console.log(`\nDone in ${seconds(started)} (demo ${seconds(demoStarted)}).`)
