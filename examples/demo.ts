/**
 * The demo behind `npm run demo`. It talks to a Silly Media sidecar through atelier: the
 * embedded emulator (fake media, no GPU) unless ATELIER_LOCAL_URL points at a real one.
 * It makes an image, a pixel-art sprite, speech from an actor, a short video (with a
 * progress line), a music track, a vision answer and a streamed LLM reply, writes the files
 * to ./out/ and prints a summary.
 */
import { mkdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { saveMediaFile } from '@atelier/core/node'
import {
  createSidecarEmulator,
  encodeWav,
  inspectJpeg,
  inspectMp4,
  inspectPng,
  inspectWav,
  serve,
} from '@atelier/emulators'
import { local } from '@atelier/local'
import { createActor } from '@atelier/local/client'
import { createAtelier, type MediaFile } from 'atelier'

export interface DemoResult {
  files: { path: string; mediaType: string; bytes: number; detail: string }[]
  visionAnswer: string
  llmReply: string
}

export async function runDemo(options: {
  outDir: string
  sidecarUrl?: string
  log?: (line: string) => void
  write?: (text: string) => void
}): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line))
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  const emulator = options.sidecarUrl ? undefined : await serve(createSidecarEmulator().handler)
  const baseUrl = options.sidecarUrl ?? emulator!.url
  log(
    emulator
      ? `Silly Media emulator (fake media, no GPU) on ${baseUrl}`
      : `Silly Media sidecar at ${baseUrl}`,
  )
  const driver = local({ baseUrl, progressIntervalMs: 100 })
  const ai = createAtelier({ providers: [driver] })
  const files: DemoResult['files'] = []
  await mkdir(options.outDir, { recursive: true })

  const save = async (file: MediaFile, name: string) => {
    const path = join(options.outDir, name)
    const bytes = await saveMediaFile(file, path)
    files.push({ path, mediaType: file.mediaType, bytes, detail: '' })
    return path
  }

  try {
    // 1. An image, with progress read from the sidecar while the request runs.
    const image = await ai.image.generate(
      {
        model: 'local/z-image-turbo',
        prompt: 'a red panda reading a map, watercolour',
        size: { width: 768, height: 512 },
      },
      {
        onProgress: (s) =>
          s.state === 'running' &&
          s.progress?.step &&
          log(`  image step ${s.progress.step}/${s.progress.totalSteps}`),
      },
    )
    await save(image.images[0]!, 'image.png')

    // 2. A pixel-art sprite (transparent background).
    const sprite = await ai.image.generate({
      model: 'local/pixel-art',
      prompt: 'a treasure chest',
      size: { width: 64, height: 64 },
    })
    await save(sprite.images[0]!, 'sprite.png')

    // 3. Speech from an actor: create one from a reference clip, then speak as it.
    await createActor(driver.transport, {
      name: 'demo-narrator',
      language: 'en',
      audio_files: [new Blob([encodeWav({ durationSeconds: 3 })], { type: 'audio/wav' })],
    } as never).catch(() => {}) // already there from an earlier run on a real sidecar
    const speech = await ai.speech.generate({
      model: 'local/xtts-v2',
      text: 'Welcome to atelier.',
      voice: 'demo-narrator',
    })
    await save(speech.audio, 'speech.wav')

    // 4. A short video job, watched with a progress line.
    const job = await ai.video.submit({
      model: 'local/hunyuan-video',
      prompt: 'waves at night',
      durationSeconds: 2,
      resolution: '480p',
    })
    log(`  video job ${job.id} (ref ${JSON.stringify(job)})`)
    const video = await job.wait({
      onProgress: (s) => {
        if (s.state === 'running') log(`  video ${Math.round((s.progress?.fraction ?? 0) * 100)}%`)
        else log(`  video ${s.state}`)
      },
    })
    await save(video.videos[0]!, 'video.mp4')
    if (video.thumbnails?.[0]) await save(video.thumbnails[0], 'video-thumbnail.jpg')

    // 5. A music job.
    const music = await ai.music.generate({
      model: 'local/ace-step',
      prompt: 'lo-fi piano, rainy evening',
      durationSeconds: 10,
      instrumental: true,
    })
    await save(music.tracks[0]!, 'music.wav')

    // 6. A vision answer about the image we made.
    const vision = await ai.vision.analyze({
      model: 'local/qwen3-vl-8b',
      image: image.images[0]!,
      prompt: 'What is in this picture?',
    })
    log(`  vision: ${vision.text}`)

    // 7. A streamed LLM reply.
    let reply = ''
    write('  llm: ')
    for await (const part of ai.text.stream({
      model: 'local/huihui-qwen3-4b',
      prompt: 'Say hello to a new atelier user in one sentence.',
    })) {
      if (part.type === 'text-delta') {
        reply += part.text
        write(part.text)
      }
    }
    write('\n')

    for (const file of files) file.detail = await describe(file.path, file.mediaType)
    return { files, visionAnswer: vision.text, llmReply: reply }
  } finally {
    await emulator?.close()
  }
}

/** What the file really is, read from its bytes. */
async function describe(path: string, mediaType: string): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  const bytes = new Uint8Array(await readFile(path))
  if (mediaType === 'image/png') {
    const png = inspectPng(bytes)
    return `PNG ${png.width}x${png.height}${png.hasAlpha ? ' with alpha' : ''}`
  }
  if (mediaType.startsWith('audio/')) {
    const wav = inspectWav(bytes)
    return `WAV ${wav.durationSeconds.toFixed(1)} s at ${wav.sampleRate} Hz`
  }
  if (mediaType === 'video/mp4') {
    const mp4 = inspectMp4(bytes)
    return `MP4 (${mp4.majorBrand}) ${mp4.width}x${mp4.height}, ${mp4.durationSeconds.toFixed(1)} s`
  }
  if (mediaType === 'image/jpeg') {
    const jpeg = inspectJpeg(bytes)
    return `JPEG ${jpeg.width}x${jpeg.height}`
  }
  return mediaType
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const outDir = join(process.cwd(), 'out')
  runDemo({ outDir, sidecarUrl: process.env.ATELIER_LOCAL_URL })
    .then((result) => {
      console.log('\nWrote:')
      for (const file of result.files) {
        console.log(
          `  ${relative(process.cwd(), file.path).padEnd(24)} ${String(file.bytes).padStart(9)} bytes  ${file.detail}`,
        )
      }
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}
