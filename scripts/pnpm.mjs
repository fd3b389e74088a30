#!/usr/bin/env node
// Runs the pnpm version pinned in the root package.json's `packageManager` field, so the
// root scripts work on a fresh clone that has only Node and npm (Corepack is not assumed).
// A pnpm already on PATH is used when it is exactly the pinned version.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pinned = /^pnpm@(\d+\.\d+\.\d+)/.exec(packageManager ?? '')?.[1]
if (!pinned) {
  console.error('package.json must pin pnpm in "packageManager", e.g. "pnpm@10.34.9"')
  process.exit(1)
}

const shell = process.platform === 'win32'
const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell })
const usePathPnpm = onPath.status === 0 && onPath.stdout.trim() === pinned
const [command, args] = usePathPnpm
  ? ['pnpm', process.argv.slice(2)]
  : ['npx', ['-y', `pnpm@${pinned}`, ...process.argv.slice(2)]]

const result = spawnSync(command, args, { stdio: 'inherit', cwd: process.cwd(), shell })
process.exit(result.status ?? 1)
