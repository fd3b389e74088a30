/**
 * Runs the scenario (`scenario.ts`) end to end in every runtime atelier supports — Node 20,
 * Node 22, Bun, Deno, workerd (Miniflare) and Chromium (playwright-core) — each against its
 * own sidecar emulator on loopback, and ends with one line:
 *
 *   runtimes: node20 pass, node22 pass, bun pass, deno pass, workerd pass, chromium pass
 *
 * Each word is the real outcome; the exit code is non-zero when any runtime failed. Each
 * runtime has a time limit, and everything started here is stopped before the end.
 * `tsx src/run.ts deno chromium` runs only the runtimes named.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, realpathSync, rmSync } from 'node:fs'
import { delimiter, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPackages, stalePackages } from './harness/built-packages'
import { type Bundle, type BundleName, buildBundles } from './harness/bundles'
import { CHROMIUM_PATH, ensureChromium, type InstallStep, runChromium } from './harness/chromium'
import { bun, type CliRuntime, deno, node20, node22, runCli } from './harness/cli-runtimes'
import { type RunningEmulator, startEmulator } from './harness/emulator'
import {
  judge,
  RUNTIMES,
  type RuntimeName,
  type RuntimeOutcome,
  type RuntimeRun,
} from './harness/outcome'
import { killAll } from './harness/processes'
import { runWorkerd } from './harness/workerd'

/** Longest one runtime may take, from its emulator's start to its result. */
const RUNTIME_TIMEOUT_MS = 120_000
/** Longest installing Chromium or building the packages may take. */
const INSTALL_TIMEOUT_MS = 900_000

const packageDir = fileURLToPath(new URL('..', import.meta.url))
const root = join(packageDir, '..', '..')
const outDir = join(packageDir, 'out')

/**
 * Package scripts put this package's `node_modules/.bin` first on PATH, where the Node 22
 * under test is called `node`, so `tsx` may have started the harness on it. The harness runs
 * on the machine's own Node: start again there, with that folder off PATH.
 */
function restartOnMachineNode(): void {
  if (!realpathSync(process.execPath).split(sep).includes('node_modules')) return
  const pathWithout = (skip: (dir: string) => boolean) =>
    (process.env.PATH ?? '')
      .split(delimiter)
      .filter((dir) => !skip(dir))
      .join(delimiter)
  const machine = spawnSync('node', ['-p', 'process.execPath'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: pathWithout((dir) => dir.split(sep).includes('node_modules')) },
  })
  const machineNode = machine.stdout?.trim()
  if (machine.status !== 0 || !machineNode) return
  const child = spawnSync(machineNode, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: pathWithout((dir) => dir.startsWith(join(packageDir, 'node_modules'))),
    },
  })
  process.exit(child.status ?? 1)
}

type Step = InstallStep

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

async function withEmulator(
  run: (emulator: RunningEmulator) => Promise<RuntimeRun>,
): Promise<RuntimeRun> {
  const emulator = await startEmulator()
  try {
    return await run(emulator)
  } finally {
    await emulator.close()
  }
}

function cliRunner(
  runtime: CliRuntime | string,
  bundle: string,
): (emulator: RunningEmulator) => Promise<RuntimeRun> {
  return async (emulator) => {
    if (typeof runtime === 'string') return { error: runtime }
    return runCli(runtime, bundle, emulator.url, RUNTIME_TIMEOUT_MS)
  }
}

function printOutcome(outcome: RuntimeOutcome): void {
  const version = outcome.version ? ` (${outcome.version})` : ''
  console.log(
    `\n${outcome.name}${version}: ${outcome.pass ? 'pass' : 'FAIL'} in ${seconds(outcome.ms)}`,
  )
  if (outcome.result?.userAgent) console.log(`  user agent: ${outcome.result.userAgent}`)
  for (const check of [...(outcome.result?.checks ?? []), ...(outcome.harnessChecks ?? [])]) {
    console.log(`  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name} (${check.ms} ms): ${check.detail}`)
  }
  if (!outcome.pass) {
    console.log(`  failed checks of ${outcome.name}:`)
    for (const failure of outcome.failures) {
      console.log(failure.replace(/^/gm, '    '))
    }
  }
}

async function main(): Promise<number> {
  restartOnMachineNode()
  const started = Date.now()
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((name) => !(RUNTIMES as readonly string[]).includes(name))
  if (unknown.length > 0) {
    console.error(`unknown runtime(s): ${unknown.join(', ')} (have: ${RUNTIMES.join(', ')})`)
    return 2
  }
  const selected = RUNTIMES.filter((name) => wanted.length === 0 || wanted.includes(name))
  console.log(
    `atelier runtime tests on ${process.platform} ${process.arch}, harness on Node ${process.version}`,
  )
  const steps: Step[] = []

  const stale = stalePackages()
  if (stale.length > 0) {
    console.log(`building ${stale.join(', ')} (dist missing or older than src)...`)
    const step = await buildPackages(root, stale, INSTALL_TIMEOUT_MS)
    steps.push(step)
    if (step.error) {
      console.log(`build failed: ${step.error}`)
      printSummary(selected, new Map(), steps, started)
      return 1
    }
  }

  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  const bundleStarted = Date.now()
  let bundles: Map<BundleName, Bundle>
  try {
    bundles = new Map(
      (await buildBundles(packageDir, outDir)).map((bundle) => [bundle.name, bundle]),
    )
  } catch (error) {
    console.log(`bundling failed: ${error instanceof Error ? error.message : String(error)}`)
    printSummary(selected, new Map(), steps, started)
    return 1
  }
  console.log(
    `bundled from dist in ${seconds(Date.now() - bundleStarted)}: ${[...bundles.values()]
      .map((bundle) => `${bundle.name} ${(bundle.bytes / 1024).toFixed(0)} KiB`)
      .join(', ')}`,
  )
  const file = (name: BundleName) => bundles.get(name)!.file

  // A fresh machine has no Chromium: install it before any runtime's clock starts.
  const chromiumInstall = selected.includes('chromium')
    ? await ensureChromium(INSTALL_TIMEOUT_MS)
    : undefined
  if (chromiumInstall) {
    steps.push(chromiumInstall)
    console.log(
      `installed chromium (${chromiumInstall.what}) in ${seconds(chromiumInstall.ms)}${chromiumInstall.error ? `: FAILED\n${chromiumInstall.error}` : ''}`,
    )
  }

  const runners: Record<RuntimeName, () => Promise<RuntimeRun>> = {
    node20: () => withEmulator(cliRunner(node20(), file('node'))),
    node22: () => withEmulator(cliRunner(node22(), file('node'))),
    bun: () => withEmulator(cliRunner(bun(), file('node'))),
    deno: () => withEmulator(cliRunner(deno(join(outDir, 'deno-cache')), file('deno'))),
    workerd: () =>
      withEmulator((emulator) => runWorkerd(file('workerd'), emulator.url, RUNTIME_TIMEOUT_MS)),
    chromium: async () => {
      if (chromiumInstall?.error) {
        return { error: `${CHROMIUM_PATH} could not be installed: ${chromiumInstall.error}` }
      }
      return withEmulator((emulator) => runChromium(file('browser'), emulator, RUNTIME_TIMEOUT_MS))
    },
  }

  const outcomes = new Map<RuntimeName, RuntimeOutcome>()
  for (const name of selected) {
    const runtimeStarted = Date.now()
    const run = await runners[name]().catch(
      (error: unknown): RuntimeRun => ({
        error: `harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      }),
    )
    const outcome = judge(name, run, Date.now() - runtimeStarted)
    outcomes.set(name, outcome)
    printOutcome(outcome)
  }

  printSummary(selected, outcomes, steps, started)
  return selected.every((name) => outcomes.get(name)?.pass) ? 0 : 1
}

function printSummary(
  selected: readonly RuntimeName[],
  outcomes: Map<RuntimeName, RuntimeOutcome>,
  steps: Step[],
  started: number,
): void {
  console.log('')
  for (const step of steps) {
    console.log(`step: ${step.what}: ${step.error ? 'failed' : 'done'} in ${seconds(step.ms)}`)
  }
  console.log(`total: ${seconds(Date.now() - started)}`)
  console.log(
    `runtimes: ${selected
      .map((name) => `${name} ${outcomes.get(name)?.pass ? 'pass' : 'fail'}`)
      .join(', ')}`,
  )
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll()
    process.exit(130)
  })
}

main().then(
  (code) => {
    killAll()
    process.exit(code)
  },
  (error: unknown) => {
    console.error(error)
    killAll()
    console.log(`runtimes: ${RUNTIMES.map((name) => `${name} fail`).join(', ')}`)
    process.exit(1)
  },
)
