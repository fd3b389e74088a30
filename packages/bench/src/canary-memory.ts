/**
 * Canary result memory: CanaryLLM returns a video as base64 inside the JSON of
 * `/api/llm/queue/result`, so a 256 MiB MP4 arrives as a ~342 MiB JSON body. The driver scans
 * that body as it streams instead of parsing it, and decodes the base64 chunk by chunk.
 *
 * The emulator serves a video result of exactly 256 MiB from this process (it streams the
 * JSON, encoding as the client reads). Each measurement runs the client in a fresh child
 * process — submit, wait (the first read of the result), then either `bytes()` or a save to
 * disk by streaming — while a worker thread samples the child's RSS every 2 ms. Printed: the
 * peak RSS growth over the child's baseline, against the file size.
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { measureInChild } from './processes'
import { markdownTable } from './report'

const MIB = 1024 * 1024
const FILE_BYTES = 256 * MIB
/** Set in the child process: the JSON of `ClientTask`. */
const CHILD_ENV = 'ATELIER_BENCH_CANARY_CLIENT'

type Mode = 'bytes' | 'save'

interface ClientTask {
  baseUrl: string
  mode: Mode
}

interface ClientFigures {
  mode: Mode
  fileBytes: number
  baselineRssBytes: number
  peakRssBytes: number
  peakGrowthBytes: number
  ratio: number
  elapsedMs: number
}

/** Samples the process's RSS from a worker thread, so a busy main thread does not hide peaks. */
export async function startRssSampler(): Promise<{ stop(): Promise<number> }> {
  const worker = new Worker(
    `
    const { parentPort } = require('node:worker_threads')
    let peak = process.memoryUsage.rss()
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()) }, 2)
    parentPort.on('message', () => {
      clearInterval(timer)
      parentPort.postMessage(Math.max(peak, process.memoryUsage.rss()))
    })
    parentPort.postMessage('ready')
    `,
    { eval: true },
  )
  await new Promise<void>((resolve) => worker.once('message', () => resolve()))
  return {
    async stop() {
      const peak = await new Promise<number>((resolve) => {
        worker.once('message', (value: number) => resolve(value))
        worker.postMessage('stop')
      })
      await worker.terminate()
      return peak
    },
  }
}

/** The child's side: one video job read one way, measured. */
async function runClient(task: ClientTask): Promise<ClientFigures> {
  const { canary } = await import('@atelier/canary')
  const { saveMediaFile } = await import('@atelier/core/node')
  const { createAtelier } = await import('atelier')
  const ai = createAtelier({
    providers: [canary({ baseUrl: task.baseUrl, apiKey: 'clk_live_bench' })],
    polling: { minIntervalMs: 20, initialIntervalMs: 50, maxIntervalMs: 200 },
  })
  // Warm up (HTTP stack, schemas, scanner) with a tiny job, so the baseline has them loaded.
  const warmUp = await ai.image.generate({
    model: 'canary/gpt-image-1',
    prompt: 'warm up',
    size: { width: 16, height: 16 },
  })
  await warmUp.images[0]!.bytes()
  const gc = (globalThis as { gc?: () => void }).gc
  const sampler = await startRssSampler()
  gc?.()
  const baseline = process.memoryUsage.rss()
  const started = performance.now()
  const { videos } = await ai.video.generate({
    model: 'canary/veo-3.1-generate-preview',
    prompt: 'memory benchmark',
    durationSeconds: 8,
  })
  const video = videos[0]!
  let fileBytes: number
  let kept: Uint8Array | undefined
  if (task.mode === 'bytes') {
    kept = await video.bytes()
    fileBytes = kept.byteLength
  } else {
    const path = join(tmpdir(), `atelier-canary-bench-${randomUUID()}.mp4`)
    try {
      fileBytes = await saveMediaFile(video, path)
    } finally {
      await rm(path, { force: true })
    }
  }
  const elapsedMs = performance.now() - started
  const peak = await sampler.stop()
  // Keep the bytes alive until the peak is taken.
  if (kept && kept.byteLength !== fileBytes) throw new Error('unreachable')
  const peakGrowthBytes = peak - baseline
  return {
    mode: task.mode,
    fileBytes,
    baselineRssBytes: baseline,
    peakRssBytes: peak,
    peakGrowthBytes,
    ratio: peakGrowthBytes / fileBytes,
    elapsedMs,
  }
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`

export async function benchCanaryMemory(): Promise<{ figures: unknown; table: string }> {
  const { createCanaryEmulator, serve } = await import('@atelier/emulators')
  const emulator = createCanaryEmulator({
    videoBytes: FILE_BYTES,
    videoFrame: { width: 320, height: 180 },
    processingMs: { video: 50 },
  })
  const server = await serve(emulator.handler)
  const results: ClientFigures[] = []
  try {
    for (const mode of ['bytes', 'save'] as const) {
      results.push(
        await measureInChild<ClientFigures>(
          import.meta.url,
          CHILD_ENV,
          JSON.stringify({ baseUrl: server.url, mode } satisfies ClientTask),
          `${mode} client`,
        ),
      )
    }
  } finally {
    await server.close()
  }
  const label: Record<Mode, string> = {
    bytes: '(a) `bytes()`',
    save: '(b) save to disk (streamed)',
  }
  const table = markdownTable(
    ['read', 'file size', 'peak RSS growth', 'growth / file size', 'time'],
    results.map((result) => [
      label[result.mode],
      mib(result.fileBytes),
      mib(result.peakGrowthBytes),
      `${result.ratio.toFixed(2)}x`,
      `${(result.elapsedMs / 1000).toFixed(1)} s`,
    ]),
  )
  return {
    figures: {
      fileBytes: FILE_BYTES,
      base64Bytes: Math.ceil(FILE_BYTES / 3) * 4,
      node: process.version,
      results,
    },
    table,
  }
}

const childTask = process.env[CHILD_ENV]
if (childTask) {
  const figures = await runClient(JSON.parse(childTask) as ClientTask)
  process.send?.(figures)
  process.disconnect?.()
}
