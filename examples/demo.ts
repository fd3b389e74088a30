/**
 * The demo behind `npm run demo`. It talks to a Silly Media sidecar through atelier: the
 * embedded emulator (fake media, no GPU) unless ATELIER_LOCAL_URL points at a real one.
 * In seven numbered steps it makes an image, a pixel-art sprite, speech from an actor, a short
 * video, a music track, a vision answer and a streamed LLM reply, each with its time; writes
 * the files to ./out/ and prints a summary. A job's progress is one line redrawn in place on a
 * terminal, and plain lines otherwise (a pipe, a CI log).
 */
import { mkdir, readFile } from 'node:fs/promises'
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
import { createAtelier, type JobSnapshot, type MediaFile } from 'atelier'

export interface DemoResult {
  files: { path: string; mediaType: string; bytes: number; detail: string }[]
  visionAnswer: string
  llmReply: string
}

export interface DemoOptions {
  outDir: string
  sidecarUrl?: string
  /** Where a finished line goes. Default `console.log`. */
  log?: (line: string) => void
  /** Where text goes as it comes (the streamed reply, a redrawn line). Default stdout. */
  write?: (text: string) => void
  /**
   * Redraw a step's progress in place (`\r`, then erase the line), as on a terminal. Default
   * false: each change of progress is a line of its own, readable in a pipe or a CI log.
   */
  live?: boolean
}

/** Erases the current terminal line and goes back to its start. */
const REDRAW = '\r\x1b[K'

/** What a job is doing, in a few words: `queued (position 2)`, `step 3/8`, `45%`. */
export function describeSnapshot(snapshot: JobSnapshot<unknown>): string {
  if (snapshot.state === 'queued') {
    return snapshot.position === undefined ? 'queued' : `queued (position ${snapshot.position})`
  }
  if (snapshot.state !== 'running') return snapshot.state
  const { step, totalSteps, fraction } = snapshot.progress ?? {}
  if (step !== undefined && totalSteps !== undefined) return `step ${step}/${totalSteps}`
  if (fraction !== undefined) return `${Math.round(fraction * 100)}%`
  return 'running'
}

/** What a step's work can show while it runs. */
export interface StepDisplay {
  /** The job's progress, shown when it changed. */
  progress(snapshot: JobSnapshot<unknown>): void
  /** Text that belongs on the step's line as it arrives (a streamed reply). */
  append(text: string): void
}

/**
 * Numbered steps on screen (`  4/7 title`): while one runs, its job's progress; when it is
 * done, its time and a note. `live` redraws the progress in place; otherwise each change of
 * progress is a line, and the step ends with a line of its own.
 */
export function createStepPrinter(options: {
  total: number
  log: (line: string) => void
  write: (text: string) => void
  live: boolean
}) {
  const { total, log, write, live } = options
  let number = 0
  return async function step<T>(
    title: string,
    work: (display: StepDisplay) => Promise<T>,
    note?: (result: T) => string,
  ): Promise<T> {
    number++
    const head = `  ${number}/${total} ${title.padEnd(34)}`
    const started = performance.now()
    let shown = ''
    let appended = false
    if (live) write(head)
    const display: StepDisplay = {
      progress(snapshot) {
        // The step's last line says it is done (or the error does); streamed text owns the
        // line once it started.
        if (snapshot.state !== 'queued' && snapshot.state !== 'running') return
        const text = describeSnapshot(snapshot)
        // A bare `running` says less than the step or share already shown.
        if (text === shown || appended || (text === 'running' && shown !== '')) return
        shown = text
        if (live) write(`${REDRAW}${head} ${text}`)
        else log(`${head} ${text}`)
      },
      append(text) {
        if (!appended && !live) write(head)
        appended = true
        write(text)
      },
    }
    let result: T
    try {
      result = await work(display)
    } catch (error) {
      // End the unfinished line, so the error starts on a line of its own.
      if (live || appended) write('\n')
      throw error
    }
    const seconds = `${((performance.now() - started) / 1000).toFixed(1)} s`
    if (appended) write(`  (${seconds})\n`)
    else {
      const line = `${head} ${[seconds, note?.(result)].filter(Boolean).join('  ')}`
      if (live) write(`${REDRAW}${line}\n`)
      else log(line)
    }
    return result
  }
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const log = options.log ?? ((line: string) => console.log(line))
  const write = options.write ?? ((text: string) => process.stdout.write(text))
  const step = createStepPrinter({ total: 7, log, write, live: options.live ?? false })
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
    return name
  }

  try {
    // 1. An image, with progress read from the sidecar while the request runs.
    const image = await step(
      'image 768x512 (z-image-turbo)',
      async ({ progress }) => {
        const result = await ai.image.generate(
          {
            model: 'local/z-image-turbo',
            prompt: 'a red panda reading a map, watercolour',
            size: { width: 768, height: 512 },
          },
          { onProgress: progress },
        )
        await save(result.images[0]!, 'image.png')
        return result
      },
      () => 'image.png',
    )

    // 2. A pixel-art sprite (transparent background).
    await step(
      'pixel-art sprite 64x64',
      async ({ progress }) => {
        const sprite = await ai.image.generate(
          { model: 'local/pixel-art', prompt: 'a treasure chest', size: { width: 64, height: 64 } },
          { onProgress: progress },
        )
        return save(sprite.images[0]!, 'sprite.png')
      },
      (name) => name,
    )

    // 3. Speech from an actor: create one from a reference clip, then speak as it.
    await step(
      'speech from an actor (xtts-v2)',
      async ({ progress }) => {
        await createActor(driver.transport, {
          name: 'demo-narrator',
          language: 'en',
          audio_files: [new Blob([encodeWav({ durationSeconds: 3 })], { type: 'audio/wav' })],
        } as never).catch(() => {}) // already there from an earlier run on a real sidecar
        const speech = await ai.speech.generate(
          { model: 'local/xtts-v2', text: 'Welcome to atelier.', voice: 'demo-narrator' },
          { onProgress: progress },
        )
        return save(speech.audio, 'speech.wav')
      },
      (name) => name,
    )

    // 4. A short video job: submitted, then watched until it is done. Its ref is plain JSON,
    // so another process could resume it with `ai.jobs.resume(ref)`.
    await step(
      'video 2 s at 480p (hunyuan-video)',
      async ({ progress }) => {
        const job = await ai.video.submit({
          model: 'local/hunyuan-video',
          prompt: 'waves at night',
          durationSeconds: 2,
          resolution: '480p',
        })
        const video = await job.wait({ onProgress: progress })
        const names = [await save(video.videos[0]!, 'video.mp4')]
        if (video.thumbnails?.[0])
          names.push(await save(video.thumbnails[0], 'video-thumbnail.jpg'))
        return { id: job.id, names }
      },
      ({ id, names }) => `${names.join(', ')}  (job ${id})`,
    )

    // 5. A music job.
    await step(
      'music 10 s (ace-step)',
      async ({ progress }) => {
        const music = await ai.music.generate(
          {
            model: 'local/ace-step',
            prompt: 'lo-fi piano, rainy evening',
            durationSeconds: 10,
            instrumental: true,
          },
          { onProgress: progress },
        )
        return save(music.tracks[0]!, 'music.wav')
      },
      (name) => name,
    )

    // 6. A vision answer about the image we made.
    const vision = await step(
      'vision answer (qwen3-vl-8b)',
      () =>
        ai.vision.analyze({
          model: 'local/qwen3-vl-8b',
          image: image.images[0]!,
          prompt: 'What is in this picture?',
        }),
      (answer) => quote(answer.text, 60),
    )

    // 7. A streamed LLM reply, shown as it arrives.
    const reply = await step('streamed reply (huihui-qwen3-4b)', async ({ append }) => {
      let text = ''
      for await (const part of ai.text.stream({
        model: 'local/huihui-qwen3-4b',
        prompt: 'Say hello to a new atelier user in one sentence.',
      })) {
        if (part.type === 'text-delta') {
          text += part.text
          append(part.text)
        }
      }
      return text
    })

    for (const file of files) file.detail = await describe(file.path, file.mediaType)
    return { files, visionAnswer: vision.text, llmReply: reply }
  } finally {
    await emulator?.close()
  }
}

/** `text` in quotes, cut to `length` characters with an ellipsis. */
function quote(text: string, length: number): string {
  return `"${text.length > length ? `${text.slice(0, length - 1)}…` : text}"`
}

/** What the file really is, read from its bytes. */
async function describe(path: string, mediaType: string): Promise<string> {
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

/** CI services set `CI` (to `true`, `1`, a name); an explicit `false` or `0` means not CI. */
function inCi(): boolean {
  const value = process.env.CI
  return value !== undefined && value !== '' && value !== 'false' && value !== '0'
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href
if (isMain) {
  const outDir = join(process.cwd(), 'out')
  runDemo({
    outDir,
    sidecarUrl: process.env.ATELIER_LOCAL_URL,
    live: process.stdout.isTTY === true && !inCi(),
  })
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
