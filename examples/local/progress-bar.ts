/**
 * A progress bar for a video job: `job.updates({ everyMs })` hears from the job at least that
 * often — the job is polled at least every `everyMs`, and the latest snapshot comes again when
 * nothing new arrived — so the bar and its clock move on time, and a rule such as "cancel past
 * 50 %" is checked on time too.
 */
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { isMain, sidecar } from './shared'

/** One line of the bar: `[#####.....]  50 %  step 5/10  3.2 s`. */
export function barLine(fraction: number, elapsedMs: number, step?: string): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * 20)
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}]`
  const percent = `${Math.round(fraction * 100)} %`.padStart(5)
  return `${bar} ${percent}${step ? `  ${step}` : ''}  ${(elapsedMs / 1000).toFixed(1)} s`
}

export async function progressBar(
  baseUrl: string,
  options: { everyMs?: number; cancelPast?: number; draw?: (line: string) => void } = {},
) {
  const ai = createAtelier({ providers: [local({ baseUrl })] })
  const job = await ai.video.submit({
    model: 'local/hunyuan-video',
    prompt: 'a paper boat in the rain',
    durationSeconds: 2,
  })
  const started = Date.now()
  const lines: string[] = []
  for await (const snapshot of job.updates({ everyMs: options.everyMs ?? 250 })) {
    const fraction =
      snapshot.state === 'completed'
        ? 1
        : snapshot.state === 'running'
          ? (snapshot.progress?.fraction ?? 0)
          : 0
    const step =
      snapshot.state === 'running' && snapshot.progress?.step !== undefined
        ? `step ${snapshot.progress.step}/${snapshot.progress.totalSteps ?? '?'}`
        : snapshot.state
    const line = barLine(fraction, Date.now() - started, step)
    lines.push(line)
    options.draw?.(line)
    if (options.cancelPast !== undefined && fraction > options.cancelPast) await job.cancel()
  }
  return { lines, state: job.snapshot?.state }
}

if (isMain(import.meta.url)) {
  const server = await sidecar()
  try {
    const tty = process.stdout.isTTY
    const { state } = await progressBar(server.baseUrl, {
      // On a terminal the line is redrawn in place; elsewhere one line per update.
      draw: (line) => (tty ? process.stdout.write(`\r${line}`) : console.log(line)),
    })
    if (tty) process.stdout.write('\n')
    console.log(`video job ${state}`)
  } finally {
    await server.close()
  }
}
