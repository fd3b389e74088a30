/**
 * Memory on large outputs: a 256 MiB video saved to disk from the sidecar's binary download.
 * The emulator runs in its own process, and so does the client — a fresh one, so RSS left
 * high by earlier suites cannot hide the peak. The client's peak RSS growth is compared with
 * the file size. (The Canary base64-in-JSON case is measured by `canary-memory.ts`.)
 *
 * Beside the SDK's save, a second fresh child runs the same job and saves the same URL with a
 * plain `fetch` piped to a file: the floor any streamed save over `fetch` pays. On Node 20 that
 * floor is about 32 MiB whatever the client does on top: every socket read lands in a fresh
 * ArrayBuffer, and V8 collects young ArrayBuffers only once about 32 MiB of them have piled up
 * (twice its largest semi-space), so the garbage climbs to that before each scavenge frees it.
 */
import { createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'
import { startRssSampler } from './canary-memory'
import { measureInChild, startEmulatorProcess } from './processes'
import { markdownTable } from './report'

const FILE_BYTES = 256 * 1024 * 1024
const MiB = 1024 * 1024
const GOAL_BYTES = 32 * MiB
/** Rounds per way of saving, alternating (floor, SDK, floor, SDK, ...). */
const ROUNDS = 3
/** Set in the child process: the JSON of `ClientTask`. */
const CHILD_ENV = 'ATELIER_BENCH_SIDECAR_CLIENT'

/** How the child saves the video: the SDK's `saveMediaFile`, or a plain `fetch` piped to a file. */
type SaveHow = 'saveMediaFile' | 'fetch'

interface ClientTask {
  baseUrl: string
  how: SaveHow
}

interface ClientFigures {
  peakGrowthBytes: number
  fileBytes: number
}

/** The child's side: one video job, saved to disk by streaming one way, measured. */
async function runClient({ baseUrl, how }: ClientTask): Promise<ClientFigures> {
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
  const video = videos[0]!
  const path = join(tmpdir(), `atelier-bench-${process.pid}.mp4`)
  try {
    ;(globalThis as { gc?: () => void }).gc?.()
    const sampler = await startRssSampler()
    const baseline = process.memoryUsage.rss()
    const written =
      how === 'saveMediaFile' ? await saveMediaFile(video, path) : await fetchToFile(video, path)
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

/** The floor: the file's URL fetched and piped to disk, nothing of the SDK on the way. */
async function fetchToFile(video: { url?: string | undefined }, path: string): Promise<number> {
  if (!video.url) throw new Error('the sidecar video has no URL to fetch')
  const response = await fetch(video.url)
  if (!response.ok || !response.body) throw new Error(`fetch answered HTTP ${response.status}`)
  const body = Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>)
  await pipeline(body, createWriteStream(path))
  return (await stat(path)).size
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
    // Alternating rounds, each in a fresh child: a run's peak depends on how much freed memory
    // the allocator still holds when the save starts, so one child alone can read far below
    // the usual peak. The table gives the highest round, the worst case a user would see.
    const rounds: Record<SaveHow, number[]> = { fetch: [], saveMediaFile: [] }
    for (let round = 0; round < ROUNDS; round++) {
      for (const how of ['fetch', 'saveMediaFile'] as const) {
        const { peakGrowthBytes } = await measureInChild<ClientFigures>(
          import.meta.url,
          CHILD_ENV,
          JSON.stringify({ baseUrl: emulator.url, how } satisfies ClientTask),
          `sidecar memory client (${how})`,
        )
        rounds[how].push(peakGrowthBytes)
      }
    }
    const highest = (how: SaveHow) => Math.max(...rounds[how])
    const ratio = (bytes: number) => Number((bytes / FILE_BYTES).toFixed(3))
    const mib = (bytes: number) => (bytes / MiB).toFixed(1)
    const aboveFloor = highest('saveMediaFile') - highest('fetch')
    const figures = {
      fileBytes: FILE_BYTES,
      node: process.version,
      sidecarBinarySave: {
        peakRssGrowthBytes: highest('saveMediaFile'),
        ratio: ratio(highest('saveMediaFile')),
        goalBytes: GOAL_BYTES,
        aboveFloorBytes: aboveFloor,
        roundsBytes: rounds.saveMediaFile,
      },
      rawFetchFloor: {
        peakRssGrowthBytes: highest('fetch'),
        ratio: ratio(highest('fetch')),
        roundsBytes: rounds.fetch,
      },
    }
    const row = (how: SaveHow, label: string, versusFloor: string, goal: string) => [
      'sidecar (binary MP4)',
      label,
      '256 MiB',
      `${mib(highest(how))} MiB`,
      ratio(highest(how)),
      rounds[how].map(mib).join(' / '),
      versusFloor,
      goal,
    ]
    const table = markdownTable(
      [
        'source',
        'how',
        'file',
        `peak RSS growth (highest of ${ROUNDS})`,
        'growth / file',
        'rounds (MiB)',
        'vs floor',
        'goal',
      ],
      [
        row(
          'saveMediaFile',
          'saveMediaFile (streamed)',
          `${aboveFloor >= 0 ? '+' : '−'}${mib(Math.abs(aboveFloor))} MiB`,
          `≤ ${GOAL_BYTES / MiB} MiB`,
        ),
        row('fetch', 'floor: `fetch` + `pipeline` to a file', '—', '—'),
      ],
    )
    return { figures, table }
  } finally {
    await emulator.close()
  }
}

const childTask = process.env[CHILD_ENV]
if (childTask) {
  runClient(JSON.parse(childTask) as ClientTask)
    .then((figures) => {
      process.send?.(figures)
      process.exit(0)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
