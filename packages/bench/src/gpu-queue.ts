/**
 * GPU queue: 60 mixed jobs over 3 models fired at once at the sidecar emulator (which
 * swaps models with a delay), in FIFO order versus model-grouped order. Prints the makespan
 * of each (median of alternating rounds), the swaps the emulator counted, and the ratio.
 */
import { createSidecarEmulator, serve } from '@atelier/emulators'
import { local, type SchedulingPolicy } from '@atelier/local'
import { createAtelier } from 'atelier'
import { markdownTable, median } from './report'

const MODELS = ['z-image-turbo', 'z-image', 'ovis-image-7b'] as const
const JOBS = 60
const ROUNDS = 3
const SWAP_DELAY_MS = 120
const STEP_MS = 4

/** A fixed, shuffled mix: the same for every round and both policies. */
function jobOrder(): string[] {
  let state = 7
  const random = () => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  const jobs = Array.from({ length: JOBS }, (_, index) => MODELS[index % MODELS.length]!)
  for (let index = jobs.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    const swap = jobs[index]!
    jobs[index] = jobs[other]!
    jobs[other] = swap
  }
  return jobs
}

async function makespan(scheduling: SchedulingPolicy, order: string[]) {
  const emulator = createSidecarEmulator({ swapDelayMs: SWAP_DELAY_MS, imageStepMs: STEP_MS })
  const server = await serve(emulator.handler)
  try {
    const driver = local({
      baseUrl: server.url,
      scheduling,
      maxPassOvers: 8,
      progressIntervalMs: 60_000,
    })
    const ai = createAtelier({ providers: [driver] })
    const started = performance.now()
    await Promise.all(
      order.map((model, index) =>
        ai.image.generate({
          model: `local/${model}`,
          prompt: `job ${index}`,
          size: { width: 64, height: 64 },
          steps: 8,
        }),
      ),
    )
    return {
      ms: performance.now() - started,
      swaps: emulator.state.swaps,
      clientSwaps: driver.queue.stats.swaps,
    }
  } finally {
    await server.close()
  }
}

export async function benchGpuQueue() {
  const order = jobOrder()
  const results: Record<SchedulingPolicy, { ms: number; swaps: number }[]> = {
    fifo: [],
    'group-by-model': [],
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the two sides so drift on a noisy machine hits both.
    for (const policy of round % 2 === 0
      ? (['fifo', 'group-by-model'] as const)
      : (['group-by-model', 'fifo'] as const)) {
      results[policy].push(await makespan(policy, order))
    }
  }
  const summary = (policy: SchedulingPolicy) => ({
    makespanMs: Math.round(median(results[policy].map((run) => run.ms))),
    swaps: median(results[policy].map((run) => run.swaps)),
  })
  const fifo = summary('fifo')
  const grouped = summary('group-by-model')
  const figures = {
    jobs: JOBS,
    models: MODELS,
    swapDelayMs: SWAP_DELAY_MS,
    rounds: ROUNDS,
    fifo,
    grouped,
    speedup: Number((fifo.makespanMs / grouped.makespanMs).toFixed(2)),
  }
  const table = markdownTable(
    ['order', 'makespan (median ms)', 'model swaps', 'vs FIFO'],
    [
      ['FIFO', fifo.makespanMs, fifo.swaps, '1.00x'],
      [
        'grouped by model',
        grouped.makespanMs,
        grouped.swaps,
        `${figures.speedup.toFixed(2)}x faster`,
      ],
    ],
  )
  return { figures, table }
}
