/**
 * Vision Studio puts several providers behind one API. A prompt improved by OpenAI; a Bria
 * image made from it as an asynchronous task — submitted, its ref stored and the job resumed
 * as another process would, watched to its end — and saved to disk; then a photo captioned
 * by Gemini.
 *
 * Against the emulator (started here, fake media):  npx tsx examples/vision-studio/prompt-to-image.ts
 * Against Vision Studio: set VISION_STUDIO_URL and VISION_STUDIO_API_KEY first.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { saveMediaFile } from '@atelier/core/node'
import { createVisionStudioEmulator, serve } from '@atelier/emulators'
import { visionStudio } from '@atelier/vision-studio'
import { type AtelierOptions, createAtelier, type JobRef } from 'atelier'

export interface Studio {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

/** The service in VISION_STUDIO_URL, or a Vision Studio emulator on loopback. */
export async function studio(): Promise<Studio> {
  const baseUrl = process.env.VISION_STUDIO_URL
  if (baseUrl) {
    return { baseUrl, apiKey: process.env.VISION_STUDIO_API_KEY ?? '', close: async () => {} }
  }
  // Tasks run for 2 s here, so the job is seen queued and running before it completes.
  const server = await serve(createVisionStudioEmulator({ taskRunMs: 2_000 }).handler)
  return { baseUrl: server.url, apiKey: 'emulator-key', close: () => server.close() }
}

export interface Made {
  prompt: string
  /** The Bria task's states as watching saw them (Bria's status says "pending", no fraction). */
  states: string[]
  /** Bytes written to `path`. */
  bytes: number
  caption: string
}

export async function promptToImage(
  { baseUrl, apiKey }: Studio,
  path: string,
  options: {
    log?: (line: string) => void
    /** How often to read a task's status; the driver's own schedule suits real tasks. */
    polling?: AtelierOptions['polling']
  } = {},
): Promise<Made> {
  const log = options.log ?? console.log
  const polling = options.polling ?? {}
  const ai = createAtelier({ providers: [visionStudio({ baseUrl, apiKey })], polling })

  const { prompt } = await ai.prompt.enhance({
    model: 'vision-studio/openai',
    prompt: 'a lighthouse at dusk',
  })
  log(`prompt: ${prompt}`)

  const job = await ai.image.submit({
    model: 'vision-studio/bria/3.2',
    prompt,
    aspectRatio: '16:9',
  })
  // Plain JSON without the key: any process with the same provider can pick the job up.
  const saved = JSON.stringify(job)
  const elsewhere = createAtelier({ providers: [visionStudio({ baseUrl, apiKey })], polling })
  const resumed = elsewhere.jobs.resume(JSON.parse(saved) as JobRef<'image.generate'>)
  const states: string[] = []
  for await (const snapshot of resumed.updates()) {
    states.push(snapshot.state)
    log(`Bria task ${resumed.id}: ${snapshot.state}`)
  }
  const { images } = await resumed.wait()
  const bytes = await saveMediaFile(images[0]!, path)
  log(`saved ${path} (${bytes} bytes)`)

  // Captioning takes a URL the provider fetches itself: a public https:// (or gs://) address.
  const { text: caption } = await ai.vision.analyze({
    model: 'vision-studio/gemini',
    image: 'https://images.pexels.com/photos/1029613/pexels-photo-1029613.jpeg',
  })
  log(`caption: ${caption}`)
  return { prompt, states, bytes, caption }
}

/** True when this file is the script node was started with (not imported by a test). */
function isMain(): boolean {
  const script = process.argv[1]
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url)
}

if (isMain()) {
  const service = await studio()
  try {
    await promptToImage(service, 'out/vision-studio-lighthouse.png')
  } finally {
    await service.close()
  }
}
