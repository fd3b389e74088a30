/**
 * Separate processes, so a benchmark measures only the client's memory and CPU: emulators run
 * through the built CLI (`atelier-emulator`, which `pnpm bench` builds first), and measured
 * clients in a fresh fork of the bench file that asks for them.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { basename, extname } from 'node:path'
import { fileURLToPath } from 'node:url'

const CLI = fileURLToPath(new URL('../../emulators/dist/cli.js', import.meta.url))
/** Where bench files compiled for plain `node` go (ignored by git, like every `dist`). */
const COMPILED_DIR = fileURLToPath(new URL('../dist/', import.meta.url))

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
 * `module` (a bench file's `import.meta.url`) compiled to one JavaScript file for plain `node`:
 * the bench's own imports bundled in, every package left as an import, so the SDK the child
 * runs is the packages' built `dist`, exactly what an app would load. Returns its path.
 */
export async function compiledForNode(module: string): Promise<string> {
  const esbuild = await import('esbuild')
  const source = fileURLToPath(module)
  const outfile = `${COMPILED_DIR}${basename(source, extname(source))}.mjs`
  await esbuild.build({
    entryPoints: [source],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'warning',
  })
  return outfile
}

export interface ChildOptions {
  /**
   * Run the child as plain JavaScript under plain `node` (see `compiledForNode`) instead of
   * under the loader the bench itself runs with (`tsx`), whose compiler and caches would count
   * as the client's memory: an app ships JavaScript. Default false.
   */
  compiled?: boolean
}

/**
 * Runs a measurement in a fresh child process: `module` (a bench file's `import.meta.url`)
 * forked with `value` in the environment variable `envName` and `--expose-gc`; resolves with
 * the figures the child sends over IPC before it exits. `what` names the client in errors.
 */
export async function measureInChild<Figures>(
  module: string,
  envName: string,
  value: string,
  what: string,
  options: ChildOptions = {},
): Promise<Figures> {
  const entry = options.compiled ? await compiledForNode(module) : fileURLToPath(module)
  // A compiled child needs none of the bench's loader flags; `--expose-gc` is for measuring only.
  const execArgv = options.compiled ? ['--expose-gc'] : [...process.execArgv, '--expose-gc']
  return new Promise((resolve, reject) => {
    const child = fork(entry, [], {
      env: { ...process.env, [envName]: value },
      execArgv,
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
