/**
 * The tests run the command as users do: the built bin, in a process of its own. `ensureBuilt`
 * builds it (and the packages it imports) first when a `dist` is missing or older than its
 * sources (`fixtures/ensure-built.ts`), so a test never runs yesterday's command.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuilt as ensureBuiltPackages } from '../../../fixtures/ensure-built'

export const packageRoot = fileURLToPath(new URL('..', import.meta.url))
export const bin = join(packageRoot, 'bin', 'atelier.js')

/** The bin's package and what it imports, built and current before a test runs it. */
export function ensureBuilt(): void {
  ensureBuiltPackages({
    filter: '@atelier/cli...',
    packages: [
      ...['core', 'atelier', 'local', 'canary', 'onysoft', 'vlmrun', 'vision-studio', 'emulators'],
      { name: 'cli', entry: 'cli.js' },
    ],
  })
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
