/**
 * Child processes with a time limit: each runs in its own process group, so a timeout (or the
 * harness stopping) ends it together with anything it started.
 */
import { spawn, spawnSync } from 'node:child_process'

export interface CommandResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** Set when the command could not be started at all. */
  spawnError?: Error
  ms: number
}

const running = new Set<number>()

/** Kills every process group still running (on exit or interrupt). */
export function killAll(): void {
  for (const pid of running) killGroup(pid)
  running.clear()
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

export function runCommand(
  command: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean },
): Promise<CommandResult> {
  const started = Date.now()
  return new Promise((resolve) => {
    let stdout = ''
    let stderr = ''
    let timedOut = false
    let spawnError: Error | undefined
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    if (child.pid !== undefined) running.add(child.pid)
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk
      if (options.echo) process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      if (options.echo) process.stderr.write(chunk)
    })
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) killGroup(child.pid)
    }, options.timeoutMs)
    child.on('error', (error) => {
      spawnError = error
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (child.pid !== undefined) running.delete(child.pid)
      resolve({
        code,
        signal,
        stdout,
        stderr,
        timedOut,
        ms: Date.now() - started,
        ...(spawnError ? { spawnError } : {}),
      })
    })
  })
}

/** A command's first output line (e.g. `--version`), or undefined when it does not run. */
export function firstLine(command: string, args: string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 })
  if (result.status !== 0) return undefined
  return result.stdout.trim().split('\n')[0]
}

/** The last `count` non-empty lines of some output, for error reports. */
export function tail(text: string, count = 15): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  return lines.length > 0 ? lines.slice(-count).join('\n') : '(no output)'
}
