/**
 * Steps run by the real `ai` 7 package under Node 22 (ai 7 needs it), one step per process,
 * against the emulators the parent test started (`SIDECAR_URL`, `CANARY_URL`). Each step
 * prints one JSON line for the parent to check. It imports the built packages, as an app
 * would; Node 22 runs this file by stripping its types.
 *
 *   node ai7-steps.ts <step> [argument]
 */
import { atelierProvider } from '@atelier/ai-sdk'
import { canary } from '@atelier/canary'
import { local } from '@atelier/local'
import {
  APICallError,
  generateImage,
  experimental_generateSpeech as generateSpeech,
  experimental_generateVideo as generateVideo,
  experimental_getVideoStatus as getVideoStatus,
  experimental_startVideo as startVideo,
  streamText,
  experimental_transcribe as transcribe,
} from 'ai7'
import { createAtelier } from 'atelier'

const ai = createAtelier({
  providers: [
    local({ baseUrl: process.env.SIDECAR_URL }),
    canary({ baseUrl: process.env.CANARY_URL ?? '', apiKey: 'clk_live_test', retry: { limit: 0 } }),
  ],
  polling: { initialIntervalMs: 50, maxIntervalMs: 200, minIntervalMs: 20 },
})
const v4 = atelierProvider(ai, { specificationVersion: 'v4' })
const v3 = atelierProvider(ai)
const VIDEO = 'canary/veo-3.1-generate-preview'

const steps: Record<string, (argument: string | undefined) => Promise<unknown>> = {
  async image() {
    const result = await generateImage({
      model: v4.image('local/z-image-turbo'),
      prompt: 'a red panda',
      size: '512x384',
    })
    const bytes = result.image.uint8Array
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    // A PNG's IHDR holds the width and height at bytes 16 and 20.
    return {
      specificationVersion: v4.image('local/z-image-turbo').specificationVersion,
      signature: [...bytes.subarray(1, 4)].map((code) => String.fromCharCode(code)).join(''),
      width: view.getUint32(16),
      height: view.getUint32(20),
    }
  },

  async start(key) {
    const started = await startVideo({
      model: v4.video(VIDEO),
      prompt: 'clouds over a lake',
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    })
    // The operation as an app would store it.
    return { operation: JSON.stringify(started.operation), metadata: started.providerMetadata }
  },

  async status(stored) {
    const operation = JSON.parse(stored ?? 'null')
    const seen: unknown[] = []
    for (let look = 0; look < 400; look++) {
      const status = await getVideoStatus(v4.video(VIDEO), { operation })
      if (status.status === 'pending') {
        seen.push(status.providerMetadata?.atelier)
        await new Promise((resolve) => setTimeout(resolve, 25))
        continue
      }
      if (status.status === 'error') return { status: 'error', error: status.error, seen }
      const [video] = status.videos
      if (!video) return { status: 'completed', videos: 0, seen }
      const bytes =
        video.type === 'url'
          ? new Uint8Array(await (await fetch(video.url)).arrayBuffer())
          : video.type === 'binary'
            ? video.data
            : new Uint8Array()
      return {
        status: 'completed',
        type: video.type,
        box: String.fromCharCode(...bytes.subarray(4, 8)),
        seen,
      }
    }
    return { status: 'still pending' }
  },

  async 'status-v3'(stored) {
    // The default provider (spec v3): ai 7 reads the same operations from it.
    const status = await getVideoStatus(v3.video(VIDEO), { operation: JSON.parse(stored ?? '') })
    return { status: status.status }
  },

  async cancel(stored) {
    await v4.jobs.cancel(JSON.parse(stored ?? ''))
    const status = await getVideoStatus(v4.video(VIDEO), { operation: JSON.parse(stored ?? '') })
    return { status: status.status, ...(status.status === 'error' ? { error: status.error } : {}) }
  },

  async abort() {
    const controller = new AbortController()
    const call = generateVideo({
      model: v4.video(VIDEO),
      prompt: 'a long sunset',
      abortSignal: controller.signal,
      maxRetries: 0,
    })
    setTimeout(() => controller.abort(), 150)
    try {
      await call
      return { aborted: false }
    } catch (error) {
      return { aborted: true, name: (error as Error).name }
    }
  },

  async speech() {
    try {
      const result = await generateSpeech({
        model: v4.speech('canary/kokoro'),
        text: 'Hallo, welkom.',
        voice: 'af_heart',
        outputFormat: 'mp3_44100_128',
      })
      return { bytes: result.audio.uint8Array.byteLength, warnings: result.warnings }
    } catch (error) {
      if (!APICallError.isInstance(error)) throw error
      const cause = error.cause as { name?: string; code?: string } | undefined
      return {
        error: {
          statusCode: error.statusCode,
          isRetryable: error.isRetryable,
          cause: { name: cause?.name, code: cause?.code },
        },
      }
    }
  },

  async transcribe() {
    // One second of a 440 Hz tone as 16-bit mono WAV: the gateway transcribes any audio.
    const rate = 16_000
    const wav = new Uint8Array(44 + rate * 2)
    const view = new DataView(wav.buffer)
    const text = (offset: number, value: string) => {
      for (let index = 0; index < value.length; index++) {
        view.setUint8(offset + index, value.charCodeAt(index))
      }
    }
    text(0, 'RIFF')
    view.setUint32(4, 36 + rate * 2, true)
    text(8, 'WAVEfmt ')
    view.setUint32(16, 16, true)
    view.setUint16(20, 1, true)
    view.setUint16(22, 1, true)
    view.setUint32(24, rate, true)
    view.setUint32(28, rate * 2, true)
    view.setUint16(32, 2, true)
    view.setUint16(34, 16, true)
    text(36, 'data')
    view.setUint32(40, rate * 2, true)
    for (let frame = 0; frame < rate; frame++) {
      view.setInt16(
        44 + frame * 2,
        Math.round(8_000 * Math.sin((2 * Math.PI * 440 * frame) / rate)),
        true,
      )
    }
    const result = await transcribe({ model: v4.transcription('canary/scribe_v2'), audio: wav })
    return { text: result.text, segments: result.segments.length }
  },

  async stream() {
    const result = streamText({
      model: v4.languageModel('canary/openai/gpt-4o-mini'),
      prompt: 'Hi!',
    })
    const pieces: string[] = []
    for await (const piece of result.textStream) pieces.push(piece)
    return {
      pieces: pieces.length,
      text: await result.text,
      finishReason: await result.finishReason,
    }
  },
}

const [step = '', argument] = process.argv.slice(2)
const run = steps[step]
if (!run) {
  console.error(`unknown step ${JSON.stringify(step)}; steps: ${Object.keys(steps).join(', ')}`)
  process.exit(2)
}
process.stdout.write(`${JSON.stringify(await run(argument))}\n`)
