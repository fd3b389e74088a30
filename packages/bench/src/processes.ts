/**
 * Separate processes, so a benchmark measures only the client's memory and CPU: emulators run
 * through the built CLI (`atelier-emulator`, which `pnpm bench` builds first), and measured
 * clients in a fresh fork of the bench file that asks for them.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../../emulators/dist/cli.js', import.meta.url))

export interface EmulatorProcess {
  url: string
  close(): Promise<void>
}

/** Starts `atelier-emulator <args> --port 0` and resolves with its URL once it listens. */
export function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (!url) return
      child.stdout?.off('data', onData)
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
      })
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) =>
      reject(new Error(`emulator exited (${code}) before listening: ${output}`)),
    )
  })
}

/** Peak RSS growth (bytes) over the baseline while `run` executes, sampled every 2 ms. */
export async function peakRssGrowth(run: () => Promise<void>): Promise<number> {
  ;(globalThis as { gc?: () => void }).gc?.()
  const baseline = process.memoryUsage.rss()
  let peak = baseline
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 2)
  try {
    await run()
  } finally {
    clearInterval(timer)
    peak = Math.max(peak, process.memoryUsage.rss())
  }
  return peak - baseline
}

/**
 * Runs a measurement in a fresh child process: `module` (a bench file's `import.meta.url`)
 * forked with `value` in the environment variable `envName` and `--expose-gc`; resolves with
 * the figures the child sends over IPC before it exits. `what` names the client in errors.
 */
export function measureInChild<Figures>(
  module: string,
  envName: string,
  value: string,
  what: string,
): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(module), [], {
      env: { ...process.env, [envName]: value },
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let figures: Figures | undefined
    child.on('message', (message) => {
      figures = message as Figures
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (figures) resolve(figures)
      else reject(new Error(`the ${what} exited with code ${code} without figures`))
    })
  })
}
