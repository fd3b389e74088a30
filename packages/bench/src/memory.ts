/**
 * Memory on large outputs: a 256 MiB video saved to disk from the sidecar's binary download.
 * The emulator runs in its own process; the client's peak RSS growth is compared with the
 * file size. (The Canary base64-in-JSON case is measured by `canary-memory.ts`.)
 */
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { saveMediaFile } from '@atelier/core/node'
import { local } from '@atelier/local'
import { createAtelier } from 'atelier'
import { peakRssGrowth, startEmulatorProcess } from './processes'
import { markdownTable } from './report'

const FILE_BYTES = 256 * 1024 * 1024
const MiB = 1024 * 1024

export async function benchSidecarMemory() {
  const emulator = await startEmulatorProcess([
    'sidecar',
    '--video-job-ms',
    '50',
    '--video-bytes',
    String(FILE_BYTES),
  ])
  const path = join(tmpdir(), `atelier-bench-${process.pid}.mp4`)
  try {
    const ai = createAtelier({
      providers: [local({ baseUrl: emulator.url })],
      polling: { minIntervalMs: 20, initialIntervalMs: 50 },
    })
    const { videos } = await ai.video.generate({
      model: 'local/hunyuan-video',
      prompt: 'a long take',
    })
    let written = 0
    const growth = await peakRssGrowth(async () => {
      written = await saveMediaFile(videos[0]!, path)
    })
    const size = (await stat(path)).size
    if (size !== FILE_BYTES || written !== FILE_BYTES)
      throw new Error(`expected ${FILE_BYTES} bytes on disk, got ${size}`)
    const figures = {
      fileBytes: FILE_BYTES,
      sidecarBinarySave: {
        peakRssGrowthBytes: growth,
        ratio: Number((growth / FILE_BYTES).toFixed(3)),
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
          `${(growth / MiB).toFixed(1)} MiB`,
          figures.sidecarBinarySave.ratio,
          '≤ 32 MiB',
        ],
      ],
    )
    return { figures, table }
  } finally {
    await rm(path, { force: true })
    await emulator.close()
  }
}
