/**
 * Call overhead: a synchronous ~1 MiB image through atelier + @atelier/local versus a raw
 * `fetch` of the same endpoint, alternating, in one process. Reports the median latency of
 * each, their ratio, and bytes allocated per call (from V8's GC statistics).
 */
import { GCProfiler } from 'node:v8'
import { createSidecarEmulator, serve } from '@atelier/emulators'
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { markdownTable, median } from './report'

const ROUNDS = 40
const WARMUP = 5
// 640×576 RGB, stored PNG: about 1.05 MiB.
const SIZE = { width: 640, height: 576 }

/** Bytes allocated on the V8 heap while `run` executes: collected by GCs plus what is still live. */
async function allocatedBytes(run: () => Promise<void>): Promise<number> {
  const profiler = new GCProfiler()
  const before = process.memoryUsage().heapUsed
  profiler.start()
  await run()
  const stats = profiler.stop()
  const after = process.memoryUsage().heapUsed
  let collected = 0
  for (const gc of stats?.statistics ?? []) {
    collected += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize
  }
  return Math.max(0, after - before + collected)
}

export async function benchOverhead() {
  const server = await serve(createSidecarEmulator({ imageStepMs: 0, swapDelayMs: 0 }).handler)
  try {
    const ai = createAtelier({ providers: [local({ baseUrl: server.url })] })
    const viaAtelier = async () => {
      const { images } = await ai.image.generate({
        model: 'local/z-image-turbo',
        prompt: 'a benchmark',
        size: SIZE,
      })
      return (await images[0]!.bytes()).byteLength
    }
    const viaFetch = async () => {
      const response = await fetch(`${server.url}/generate/z-image-turbo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a benchmark', width: SIZE.width, height: SIZE.height }),
      })
      return (await response.arrayBuffer()).byteLength
    }
    const bytes = await viaFetch()
    for (let index = 0; index < WARMUP; index++) {
      await viaAtelier()
      await viaFetch()
    }
    const times = { atelier: [] as number[], fetch: [] as number[] }
    const allocations = { atelier: [] as number[], fetch: [] as number[] }
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so drift hits both.
      const order =
        round % 2 === 0 ? (['atelier', 'fetch'] as const) : (['fetch', 'atelier'] as const)
      for (const side of order) {
        const call = side === 'atelier' ? viaAtelier : viaFetch
        let elapsed = 0
        const allocated = await allocatedBytes(async () => {
          const started = performance.now()
          await call()
          elapsed = performance.now() - started
        })
        times[side].push(elapsed)
        allocations[side].push(allocated)
      }
    }
    const figures = {
      imageBytes: bytes,
      rounds: ROUNDS,
      atelierMedianMs: Number(median(times.atelier).toFixed(2)),
      fetchMedianMs: Number(median(times.fetch).toFixed(2)),
      latencyRatio: Number((median(times.atelier) / median(times.fetch)).toFixed(3)),
      atelierAllocatedBytesPerCall: Math.round(median(allocations.atelier)),
      fetchAllocatedBytesPerCall: Math.round(median(allocations.fetch)),
      goalRatio: 1.05,
    }
    const table = markdownTable(
      ['path', 'median latency (ms)', 'allocated per call (KiB, median)', 'ratio vs fetch'],
      [
        [
          'raw fetch',
          figures.fetchMedianMs,
          (figures.fetchAllocatedBytesPerCall / 1024).toFixed(0),
          '1.000',
        ],
        [
          'atelier + @atelier/local',
          figures.atelierMedianMs,
          (figures.atelierAllocatedBytesPerCall / 1024).toFixed(0),
          `${figures.latencyRatio.toFixed(3)} (goal ≤ 1.05)`,
        ],
      ],
    )
    return { figures, table }
  } finally {
    await server.close()
  }
}
