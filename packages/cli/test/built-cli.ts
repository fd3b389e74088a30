/**
 * The tests run the command as users do: the built bin, in a process of its own. `ensureBuilt`
 * builds the package first when its `dist` is missing or older than a source file (and the
 * packages it imports when theirs are missing), so a test never runs yesterday's command.
 * `npm test` builds everything before it runs, which makes this a no-op there.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const packageRoot = fileURLToPath(new URL('..', import.meta.url))
export const repositoryRoot = join(packageRoot, '..', '..')
export const bin = join(packageRoot, 'bin', 'atelier.js')
const built = join(packageRoot, 'dist', 'cli.js')

const DEPENDENCIES = ['core', 'atelier', 'local', 'canary', 'onysoft', 'vlmrun', 'vision-studio']

function newestSource(folder: string): number {
  let newest = 0
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** What a build would fix: `undefined` when the built bin is current. */
function buildNeeded(): '@atelier/cli...' | '@atelier/cli' | undefined {
  const dependenciesMissing = [...DEPENDENCIES, 'emulators'].some(
    (name) => !existsSync(join(repositoryRoot, 'packages', name, 'dist', 'index.js')),
  )
  // `@atelier/cli...` is the package and everything it depends on, in order.
  if (dependenciesMissing) return '@atelier/cli...'
  const stale =
    !existsSync(built) ||
    statSync(built).mtimeMs < newestSource(join(packageRoot, 'src')) ||
    statSync(built).mtimeMs < statSync(join(packageRoot, 'package.json')).mtimeMs
  return stale ? '@atelier/cli' : undefined
}

/** Blocks this thread for `ms` (a test's setup is synchronous here). */
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

export function ensureBuilt(): void {
  if (!buildNeeded()) return
  // Test files run in parallel workers: one builds while the others wait, so no build cleans
  // dist under a running command.
  const lock = join(tmpdir(), `atelier-cli-build-${process.getuid?.() ?? 'user'}.lock`)
  for (let look = 0; ; look++) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (look >= 3_000) {
        throw new Error(
          `another build of @atelier/cli held ${lock} for 5 minutes; delete it if stale`,
        )
      }
      sleepSync(100)
    }
  }
  try {
    const filter = buildNeeded()
    if (!filter) return
    const result = spawnSync(
      process.execPath,
      [join(repositoryRoot, 'scripts', 'pnpm.mjs'), '--filter', filter, 'run', 'build'],
      { cwd: repositoryRoot, encoding: 'utf8' },
    )
    if (result.status !== 0) {
      throw new Error(`building ${filter} failed:\n${result.stdout}\n${result.stderr}`)
    }
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface CliOptions {
  cwd: string
  env?: Record<string, string | undefined>
  /** Written to standard input, which is then closed. */
  stdin?: string
  /** Called with stderr as it grows; `child` lets it send signals. */
  onStderr?(stderr: string, child: import('node:child_process').ChildProcess): void
}

/** The environment a run starts from: no provider configured, no CI, whatever the caller's. */
const baseEnvironment = (): Record<string, string | undefined> => {
  const env: Record<string, string | undefined> = { ...process.env }
  for (const name of [
    'CI',
    'ATELIER_LOCAL_URL',
    'CANARY_URL',
    'CANARY_API_KEY',
    'ONYSOFT_API_KEY',
    'ONYSOFT_URL',
    'VLMRUN_API_KEY',
    'VLMRUN_URL',
    'VISION_STUDIO_URL',
    'VISION_STUDIO_API_KEY',
  ]) {
    delete env[name]
  }
  return env
}

/** Runs `atelier <args>` to its end. */
export function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd,
      env: { ...baseEnvironment(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      options.onStderr?.(stderr, child)
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}
