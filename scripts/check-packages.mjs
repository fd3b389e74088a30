#!/usr/bin/env node
// Packaging gates for every published package: publint, are-the-types-wrong, and that no
// driver's built code imports another driver. Run after `npm run build`.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const packagesDir = join(root, 'packages')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const drivers = [
  '@atelier/local',
  '@atelier/canary',
  '@atelier/onysoft',
  '@atelier/vlmrun',
  '@atelier/vision-studio',
]

let failed = 0
const rows = []
for (const folder of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, folder)
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  } catch {
    continue
  }
  if (manifest.private) continue
  const result = { name: manifest.name, publint: 'ok', attw: 'ok', isolation: 'ok' }
  try {
    execFileSync(bin('publint'), ['--strict', '--pack', 'npm'], { cwd: dir, stdio: 'pipe' })
  } catch (error) {
    result.publint = 'FAIL'
    console.error(`publint ${manifest.name}:\n${error.stdout}${error.stderr}`)
    failed++
  }
  try {
    execFileSync(bin('attw'), ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped'], {
      cwd: dir,
      stdio: 'pipe',
    })
  } catch (error) {
    result.attw = 'FAIL'
    console.error(`attw ${manifest.name}:\n${error.stdout}${error.stderr}`)
    failed++
  }
  if (manifest.sideEffects !== false) {
    result.publint += ' (sideEffects not false)'
    failed++
  }
  // A driver may depend on core only: no other driver in its manifest or its built files.
  if (drivers.includes(manifest.name)) {
    const others = drivers.filter((name) => name !== manifest.name)
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
    const built = readdirSync(join(dir, 'dist'))
      .filter((file) => /\.(c?js)$/.test(file))
      .map((file) => readFileSync(join(dir, 'dist', file), 'utf8'))
      .join('\n')
    const leaks = others.filter(
      (name) => deps.includes(name) || built.includes(`"${name}`) || built.includes(`'${name}`),
    )
    if (leaks.length) {
      result.isolation = `imports ${leaks.join(', ')}`
      failed++
    }
  }
  rows.push(result)
}

console.log('| package | publint | are-the-types-wrong | driver isolation |')
console.log('|---|---|---|---|')
for (const row of rows)
  console.log(`| ${row.name} | ${row.publint} | ${row.attw} | ${row.isolation} |`)
if (failed) {
  console.error(`\n${failed} packaging check(s) failed`)
  process.exit(1)
}
