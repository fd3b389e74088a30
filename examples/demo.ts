/**
 * The demo behind `npm run demo`: runs the atelier facade end to end and writes the
 * results to ./out/. It uses the scriptable fake provider from @atelier/testing, so it
 * needs no GPU, no key and no network.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { saveMediaFile } from '@atelier/core/node'
import { createFakeDriver } from '@atelier/testing'
import { createAtelier } from 'atelier'

const outDir = join(process.cwd(), 'out')

async function main(): Promise<void> {
  const fake = createFakeDriver({
    id: 'fake',
    script: [
      { state: 'queued', position: 1 },
      { state: 'running', progress: { fraction: 0.5, step: 5, totalSteps: 10 } },
      { state: 'completed' },
    ],
    polling: { initialIntervalMs: 100, minIntervalMs: 50 },
  })
  const ai = createAtelier({ providers: [fake] })
  await mkdir(outDir, { recursive: true })

  const job = await ai.image.submit({ model: 'fake/demo', prompt: 'a red panda, studio light' })
  console.log(`submitted image job ${job.id}; ref: ${JSON.stringify(job)}`)
  const { images } = await job.wait({
    onProgress: (snapshot) =>
      console.log(`  ${snapshot.state}`, snapshot.state === 'running' ? snapshot.progress : ''),
  })
  const path = join(outDir, 'image.png')
  const bytes = await saveMediaFile(images[0]!, path)
  console.log(`wrote ${path} (${bytes} bytes, ${images[0]!.mediaType})`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
