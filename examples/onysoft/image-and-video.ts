/**
 * The Onysoft AI Gateway runs every model as an asynchronous task. An Imagen image, with the
 * gateway's estimated cost; then a Kling video: submitted, its ref stored and the job resumed
 * as another process would, its progress watched, the MP4 and its thumbnail saved. The
 * result files live on another origin, which never sees the API key.
 *
 * Against the emulator (started here, fake media):  npx tsx examples/onysoft/image-and-video.ts
 * Against the gateway: set ONYSOFT_API_KEY (and ONYSOFT_URL for another deployment) first.
 */
import { realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { saveMediaFile } from '@atelier/core/node'
import { serveOnysoftEmulator } from '@atelier/emulators'
import { onysoft } from '@atelier/onysoft'
import { type AtelierOptions, createAtelier, type JobRef } from 'atelier'

export interface Gateway {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

/** The gateway when ONYSOFT_API_KEY is set, else an Onysoft emulator and its file host. */
export async function gateway(): Promise<Gateway> {
  const apiKey = process.env.ONYSOFT_API_KEY
  if (apiKey) {
    const baseUrl = process.env.ONYSOFT_URL ?? 'https://api.onysoft.com'
    return { baseUrl, apiKey, close: async () => {} }
  }
  const served = await serveOnysoftEmulator()
  return { baseUrl: served.url, apiKey: 'sk-ony-emulator', close: () => served.close() }
}

export interface Made {
  /** The files written, with their sizes in bytes. */
  files: { path: string; bytes: number }[]
  /** The image's estimated cost in US dollars, when the gateway gave one. */
  imageCostUsd: number | undefined
  /** The video's progress fractions, as its status reported them. */
  progress: number[]
}

export async function imageAndVideo(
  { baseUrl, apiKey }: Gateway,
  outDir: string,
  options: {
    log?: (line: string) => void
    /**
     * How often to look at the tasks. The driver's own schedule (2 s first, then backing off)
     * suits jobs of seconds to minutes; a test against a fast emulator passes shorter steps.
     */
    polling?: AtelierOptions['polling']
  } = {},
): Promise<Made> {
  const log = options.log ?? console.log
  const polling = options.polling ?? {}
  const ai = createAtelier({ providers: [onysoft({ baseUrl, apiKey })], polling })
  const files: Made['files'] = []
  const save = async (file: Parameters<typeof saveMediaFile>[0], name: string) => {
    const path = join(outDir, name)
    files.push({ path, bytes: await saveMediaFile(file, path) })
    log(`saved ${path}`)
  }

  const { images, usage } = await ai.image.generate({
    model: 'onysoft/google/imagen4',
    prompt: 'a red panda reading a map, watercolour',
    aspectRatio: '16:9',
  })
  await save(images[0]!, 'onysoft-panda.png')
  log(`estimated cost: ${usage?.costUsd ?? 'not given'} USD`)

  const job = await ai.video.submit({
    model: 'onysoft/kling-2.6/text-to-video',
    prompt: 'a drone shot over a lake at dawn',
    durationSeconds: 5,
    aspectRatio: '16:9',
  })
  // The ref is plain JSON without the key; any process with the same provider can resume it.
  const saved = JSON.stringify(job)
  const elsewhere = createAtelier({ providers: [onysoft({ baseUrl, apiKey })], polling })
  const resumed = elsewhere.jobs.resume(JSON.parse(saved) as JobRef<'video.generate'>)
  const progress: number[] = []
  const { videos, thumbnails } = await resumed.wait({
    onProgress: (snapshot) => {
      if (snapshot.state !== 'running' || snapshot.progress?.fraction === undefined) return
      progress.push(snapshot.progress.fraction)
      log(`video: ${Math.round(snapshot.progress.fraction * 100)}%`)
    },
  })
  await save(videos[0]!, 'onysoft-lake.mp4')
  if (thumbnails?.[0]) await save(thumbnails[0], 'onysoft-lake.jpg')
  return { files, imageCostUsd: usage?.costUsd, progress }
}

/** True when this file is the script node was started with (not imported by a test). */
function isMain(): boolean {
  const script = process.argv[1]
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url)
}

if (isMain()) {
  const service = await gateway()
  try {
    await imageAndVideo(service, 'out')
  } finally {
    await service.close()
  }
}
