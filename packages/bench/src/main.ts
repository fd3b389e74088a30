/**
 * `pnpm bench`: every benchmark in one run, against the emulators on loopback. Prints
 * markdown tables and writes the same figures to bench-results/latest.json, one top-level key
 * per suite (`memory` holds both the sidecar and the Canary figures). Benchmarks are not
 * tests: they report numbers, they do not pass or fail. `pnpm bench <suite> ...` runs some;
 * `--short` sizes the suites that have a CI size (`durable`) to it.
 */
import { benchBundle } from './bundle'
import { benchCanaryMemory } from './canary-memory'
import { benchDurable } from './durable'
import { benchGpuQueue } from './gpu-queue'
import { benchSidecarMemory } from './memory'
import { benchOverhead } from './overhead'
import { benchPolling } from './polling'
import { writeReport } from './report'
import { benchScale } from './scale'

type Suite = () => Promise<{ figures: unknown; table: string }>

const args = process.argv.slice(2)
const short = args.includes('--short')
const only = args.filter((arg) => !arg.startsWith('--'))

/** Each suite prints one table per part; `memory` has two (sidecar, Canary). */
const suites: Record<string, Record<string, Suite>> = {
  overhead: { overhead: benchOverhead },
  polling: { polling: benchPolling },
  scale: { scale: benchScale },
  memory: { sidecar: benchSidecarMemory, canary: benchCanaryMemory },
  gpuQueue: { gpuQueue: benchGpuQueue },
  bundle: { bundle: benchBundle },
  durable: { durable: () => benchDurable({ short }) },
}

const started = performance.now()
for (const [key, parts] of Object.entries(suites)) {
  if (only.length && !only.includes(key)) continue
  const entries = Object.entries(parts)
  const figures: Record<string, unknown> = {}
  for (const [part, run] of entries) {
    const suiteStarted = performance.now()
    const result = await run()
    const title = entries.length > 1 ? `${key} (${part === 'canary' ? 'canaryMemory' : part})` : key
    const seconds = ((performance.now() - suiteStarted) / 1000).toFixed(0)
    console.log(`\n## ${title}\n\n${result.table}\n\n(${seconds} s)\n`)
    figures[part] = result.figures
  }
  await writeReport(key, entries.length > 1 ? figures : Object.values(figures)[0])
}
console.log(`\nAll suites: ${((performance.now() - started) / 1000).toFixed(0)} s`)
