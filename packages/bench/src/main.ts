/**
 * `pnpm bench`: every benchmark in one run, against the emulators on loopback. Prints
 * markdown tables and writes the same figures to bench-results/latest.json. Benchmarks are
 * not tests: they report numbers, they do not pass or fail.
 */
import { benchCanaryMemory } from './canary-memory'
import { benchGpuQueue } from './gpu-queue'
import { benchSidecarMemory } from './memory'
import { benchOverhead } from './overhead'
import { writeReport } from './report'

const suites: Record<string, () => Promise<{ figures: unknown; table: string }>> = {
  overhead: benchOverhead,
  memory: benchSidecarMemory,
  canaryMemory: benchCanaryMemory,
  gpuQueue: benchGpuQueue,
}

const only = process.argv.slice(2)
for (const [key, run] of Object.entries(suites)) {
  if (only.length && !only.includes(key)) continue
  const { figures, table } = await run()
  console.log(`\n## ${key}\n\n${table}\n`)
  await writeReport(key, figures)
}
