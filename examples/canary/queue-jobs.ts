/**
 * CanaryLLM runs every generation as a job on its queue. Two videos are submitted at once: the
 * second waits in line, and watching it shows its place in the queue, then the work, then the
 * end (pushed over Server-Sent Events once it is next). Its ref is stored and the job resumed
 * as another process would; the video is saved to disk, streamed. Then an LLM reply is
 * streamed as it is written.
 *
 * Against the emulator (started here, fake media):  npx tsx examples/canary/queue-jobs.ts
 * Against your gateway: set CANARY_URL and CANARY_API_KEY first.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { canary } from '@atelier/canary'
import { saveMediaFile } from '@atelier/core/node'
import { createCanaryEmulator, serve } from '@atelier/emulators'
import { createAtelier, type JobRef } from 'atelier'

export interface Gateway {
  baseUrl: string
  apiKey: string
  close(): Promise<void>
}

/** The gateway in CANARY_URL, or a CanaryLLM emulator on loopback (any key is accepted). */
export async function gateway(): Promise<Gateway> {
  const baseUrl = process.env.CANARY_URL
  if (baseUrl) return { baseUrl, apiKey: process.env.CANARY_API_KEY ?? '', close: async () => {} }
  const server = await serve(createCanaryEmulator().handler)
  return { baseUrl: server.url, apiKey: 'clk_live_emulator', close: () => server.close() }
}

export interface QueuedVideo {
  /** What watching the second job showed, e.g. `queued #1`, `running`, `completed`. */
  states: string[]
  /** Bytes written to `path`. */
  bytes: number
}

export async function queuedVideo(
  { baseUrl, apiKey }: Gateway,
  path: string,
  log: (line: string) => void = console.log,
): Promise<QueuedVideo> {
  const ai = createAtelier({ providers: [canary({ baseUrl, apiKey })] })
  const prompt = 'clouds rolling over a mountain ridge, timelapse'
  const model = 'canary/veo-3.1-generate-preview'
  // One worker on the gateway's side: the second job waits for the first.
  const [first, second] = await Promise.all([
    ai.video.submit({ model, prompt, durationSeconds: 4 }),
    ai.video.submit({ model, prompt, durationSeconds: 8 }),
  ])

  // The ref is plain JSON without the key: keep it in a database, a queue message, a cookie.
  const saved = JSON.stringify(second)
  const elsewhere = createAtelier({ providers: [canary({ baseUrl, apiKey })] })
  const resumed = elsewhere.jobs.resume(JSON.parse(saved) as JobRef<'video.generate'>)

  const states: string[] = []
  for await (const snapshot of resumed.updates()) {
    const state = snapshot.state === 'queued' ? `queued #${snapshot.position}` : snapshot.state
    states.push(state)
    log(`second video: ${state}`)
  }
  const { videos } = await resumed.wait()
  await first.wait()
  const bytes = await saveMediaFile(videos[0]!, path) // streamed from the result's base64
  log(`saved ${path} (${bytes} bytes)`)
  return { states, bytes }
}

/** Streams a reply; `onText` gets each piece as it arrives. Resolves with the whole reply. */
export async function streamedReply(
  { baseUrl, apiKey }: Gateway,
  onText: (text: string) => void,
): Promise<{ text: string; finishReason: string }> {
  const ai = createAtelier({ providers: [canary({ baseUrl, apiKey })] })
  let text = ''
  let finishReason = 'unknown'
  for await (const part of ai.text.stream({
    model: 'canary/openai/gpt-4o-mini',
    system: 'You answer in two sentences.',
    prompt: 'What is a job queue good for?',
  })) {
    if (part.type === 'text-delta') {
      text += part.text
      onText(part.text)
    } else if (part.type === 'finish') {
      finishReason = part.finishReason
    }
  }
  return { text, finishReason }
}

/** True when this file is the script node was started with (not imported by a test). */
function isMain(): boolean {
  const script = process.argv[1]
  return script !== undefined && realpathSync(script) === fileURLToPath(import.meta.url)
}

if (isMain()) {
  const service = await gateway()
  try {
    await queuedVideo(service, 'out/canary-clouds.mp4')
    await streamedReply(service, (text) => process.stdout.write(text))
    process.stdout.write('\n')
  } finally {
    await service.close()
  }
}
