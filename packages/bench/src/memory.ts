/**
 * Memory on large outputs: a 256 MiB video saved to disk from the sidecar's binary download.
 * The emulator runs in its own process, and so does the client — a fresh one, so RSS left
 * high by earlier suites cannot hide the peak. The client's peak RSS growth is compared with
 * the file size. (The Canary base64-in-JSON case is measured by `canary-memory.ts`.)
 */
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRssSampler } from './canary-memory'
import { measureInChild, startEmulatorProcess } from './processes'
import { markdownTable } from './report'

const FILE_BYTES = 256 * 1024 * 1024
const MiB = 1024 * 1024
const CHILD_ENV = 'ATELIER_BENCH_SIDECAR_CLIENT'

interface ClientFigures {
  peakGrowthBytes: number
  fileBytes: number
}

/** The child's side: one video job, saved to disk by streaming, measured. */
async function runClient(baseUrl: string): Promise<ClientFigures> {
  const { saveMediaFile } = await import('@atelier/core/node')
  const { local } = await import('@atelier/local')
  const { createAtelier } = await import('atelier')
  const ai = createAtelier({
    providers: [local({ baseUrl })],
    polling: { minIntervalMs: 20, initialIntervalMs: 50 },
  })
  const { videos } = await ai.video.generate({
    model: 'local/hunyuan-video',
    prompt: 'a long take',
  })
  const path = join(tmpdir(), `atelier-bench-${process.pid}.mp4`)
  try {
    ;(globalThis as { gc?: () => void }).gc?.()
    const sampler = await startRssSampler()
    const baseline = process.memoryUsage.rss()
    const written = await saveMediaFile(videos[0]!, path)
    const peak = await sampler.stop()
    const size = (await stat(path)).size
    if (size !== FILE_BYTES || written !== FILE_BYTES) {
      throw new Error(`expected ${FILE_BYTES} bytes on disk, got ${size}`)
    }
    return { peakGrowthBytes: peak - baseline, fileBytes: size }
  } finally {
    await rm(path, { force: true })
  }
}

export async function benchSidecarMemory() {
  const emulator = await startEmulatorProcess([
    'sidecar',
    '--video-job-ms',
    '50',
    '--video-bytes',
    String(FILE_BYTES),
  ])
  try {
    const { peakGrowthBytes } = await measureInChild<ClientFigures>(
      import.meta.url,
      CHILD_ENV,
      emulator.url,
      'sidecar memory client',
    )
    const figures = {
      fileBytes: FILE_BYTES,
      sidecarBinarySave: {
        peakRssGrowthBytes: peakGrowthBytes,
        ratio: Number((peakGrowthBytes / FILE_BYTES).toFixed(3)),
        goalBytes: 32 * MiB,
      },
    }
    const table = markdownTable(
      ['source', 'how', 'file', 'peak RSS growth', 'growth / file', 'goal'],
      [
        [
          'sidecar (binary MP4)',
          'saveMediaFile (streamed)',
          '256 MiB',
          `${(peakGrowthBytes / MiB).toFixed(1)} MiB`,
          figures.sidecarBinarySave.ratio,
          '≤ 32 MiB',
        ],
      ],
    )
    return { figures, table }
  } finally {
    await emulator.close()
  }
}

const childBaseUrl = process.env[CHILD_ENV]
if (childBaseUrl) {
  runClient(childBaseUrl)
    .then((figures) => {
      process.send?.(figures)
      process.exit(0)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
