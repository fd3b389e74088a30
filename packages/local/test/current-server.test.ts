/**
 * `atelier` + `@atelier/local` against the Silly Media server people run today (its current
 * code, not the Feb 2026 API document), played by the sidecar emulator — which writes its rules
 * from the server's code and imports nothing from this package. Each `describe` is one thing a
 * user hit with a driver built from the document; each test asserts what the user gets.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createSidecarEmulator,
  encodePng,
  encodeWav,
  inspectGlb,
  inspectPng,
  inspectWav,
  type RunningServer,
  type SidecarEmulator,
  serve,
} from '@atelier/emulators'
import { createAtelier, type JobSnapshot, TimeoutError, ValidationError } from 'atelier'
import { afterEach, describe, expect, it } from 'vitest'
import { ASPECT_RATIO_PRESETS, local, MUSIC_MODELS } from '../src'
import { SillyMediaClient } from '../src/client'

const FAST = {
  imageStepMs: 10,
  swapDelayMs: 10,
  videoJobMs: 600,
  musicJobMs: 500,
  ttsChunkMs: 5,
  llmTokenMs: 1,
  visionMs: 5,
}
const POLLING = { minIntervalMs: 20, initialIntervalMs: 30, maxIntervalMs: 100 }

let servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

interface Seen {
  method: string
  path: string
  body?: unknown
}

/** A sidecar emulator on loopback, a driver and a facade, and every request with its JSON body. */
async function sidecar(
  options: Parameters<typeof createSidecarEmulator>[0] = {},
  driverOptions: Parameters<typeof local>[0] = {},
  /** Answers a request instead of the emulator (e.g. a server with other rules). */
  intercept?: (entry: Seen) => Response | undefined,
  /** Re-cuts every response body into pieces of this many bytes, as a proxy may. */
  rechunkBytes?: number,
) {
  const emulator = createSidecarEmulator({ ...FAST, ...options })
  const seen: Seen[] = []
  const server = await serve(async (request) => {
    const url = new URL(request.url)
    const entry: Seen = { method: request.method, path: url.pathname }
    if (request.headers.get('content-type')?.includes('application/json')) {
      entry.body = await request.clone().json()
    }
    seen.push(entry)
    const response = intercept?.(entry) ?? (await emulator.handler(request))
    return rechunkBytes && response.body ? rechunk(response, rechunkBytes) : response
  })
  servers.push(server)
  const driver = local({ baseUrl: server.url, progressIntervalMs: 20, ...driverOptions })
  const ai = createAtelier({ providers: [driver], polling: POLLING })
  const to = (pattern: RegExp) =>
    seen.filter((entry) => pattern.test(`${entry.method} ${entry.path}`))
  return { emulator, server, driver, ai, seen, to }
}

/** The same response with its body cut into `size`-byte pieces, whatever the server sent. */
function rechunk(response: Response, size: number): Response {
  const reader = response.body!.getReader()
  let pending = new Uint8Array(0)
  let done = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (pending.length < size && !done) {
        const next = await reader.read()
        if (next.done) done = true
        else {
          const joined = new Uint8Array(pending.length + next.value.length)
          joined.set(pending)
          joined.set(next.value, pending.length)
          pending = joined
        }
      }
      if (pending.length === 0) return controller.close()
      controller.enqueue(pending.slice(0, size))
      pending = pending.slice(size)
    },
  })
  return new Response(body, { status: response.status, headers: response.headers })
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('1. music: the server model ids, and files read where the server says they are', () => {
  it('advertises and runs ace-step, and downloads each track from its download_url', async () => {
    const { ai, driver, to } = await sidecar()
    expect(MUSIC_MODELS).toEqual(['ace-step', 'ace-step-quality'])
    expect(driver.capabilities['music.generate']?.models).toEqual(['ace-step', 'ace-step-quality'])
    const { tracks } = await ai.music.generate({
      model: 'local/ace-step',
      prompt: 'calm piano',
      durationSeconds: 12,
      n: 2,
    })
    expect(tracks).toHaveLength(2)
    for (const track of tracks)
      expect(inspectWav(await track.bytes()).durationSeconds).toBeGreaterThan(0)
    const [submit] = to(/^POST \/music\/generate$/)
    expect(submit!.body).toEqual({
      model: 'ace-step',
      caption: 'calm piano',
      duration: 12,
      batch_size: 2,
    })
    const downloads = to(/^GET \/music\/download\//).map((entry) => entry.path)
    const jobId = (await to(/^GET \/music\/status\//)[0]!.path).split('/').at(-1)
    expect(downloads).toHaveLength(2)
    // The files are stored under the server's own id, not the job's: the URL it gave was used.
    for (const path of downloads) expect(path.startsWith(`/music/download/${jobId}/`)).toBe(false)
  })

  it('makes more variations than one job can (n above 4) as several jobs, one after another', async () => {
    const { ai, emulator, to } = await sidecar({ musicJobMs: 200 })
    const { tracks } = await ai.music.generate({ model: 'local/ace-step', prompt: 'drums', n: 6 })
    expect(tracks).toHaveLength(6)
    expect(
      to(/^POST \/music\/generate$/).map(
        (entry) => (entry.body as { batch_size: number }).batch_size,
      ),
    ).toEqual([4, 2])
    // The two jobs shared the call's GPU slot: both went to the sidecar, which ran them in turn.
    expect(emulator.state.musicJobs.size).toBe(2)
  })

  it('refuses the document ids before any work, naming the server models', async () => {
    const { ai, to } = await sidecar()
    const error = await caught(ai.music.generate({ model: 'local/ace-step-turbo', prompt: 'x' }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).field).toBe('model')
    expect((error as Error).message).toContain('ace-step, ace-step-quality')
    expect(to(/^POST/)).toHaveLength(0)
  })
})

describe('2. video: the server ranges, and only what the user set', () => {
  it('sends no document defaults, so the server runs its own fast ones', async () => {
    const { ai, to } = await sidecar()
    const { videos } = await ai.video.generate({ model: 'local/hunyuan-video', prompt: 'waves' })
    expect((await videos[0]!.bytes()).byteLength).toBeGreaterThan(0)
    expect(to(/^POST \/video\/t2v\//)[0]!.body).toEqual({ prompt: 'waves' })
  })

  it('takes 4 s at 24 fps (97 frames) and the server default of 6 steps', async () => {
    const { ai, to } = await sidecar()
    const { warnings } = await ai.video.generate({
      model: 'local/hunyuan-video',
      prompt: 'waves',
      durationSeconds: 4,
      providerOptions: { local: { num_inference_steps: 6 } },
    })
    expect(warnings).toEqual([])
    expect(to(/^POST \/video\/t2v\//)[0]!.body).toEqual({
      prompt: 'waves',
      num_frames: 97,
      num_inference_steps: 6,
    })
  })

  it('clamps a duration beyond the server range, and says so', async () => {
    const { ai, to } = await sidecar()
    const { warnings } = await ai.video.generate({
      model: 'local/hunyuan-video',
      prompt: 'waves',
      durationSeconds: 20,
    })
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'adjusted-option', option: 'durationSeconds' }),
    ])
    expect(to(/^POST \/video\/t2v\//)[0]!.body).toMatchObject({ num_frames: 241 })
  })
})

describe('3. cancel tells the truth: the GPU is busy until the server is done', () => {
  it('a canceled video keeps the GPU slot until it ends, then its files are deleted', async () => {
    const { ai, driver, emulator, to } = await sidecar({ videoJobMs: 800 })
    expect(driver.capabilities['video.generate']?.cancel).toBe('local')
    const video = await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })
    await until(() => emulator.state.videoJobs.get(video.ref.id)?.status === 'processing')
    await video.cancel()
    expect(video.snapshot?.state).toBe('canceled')
    // The sidecar refuses to delete a running video: nothing was sent that would 404.
    expect(to(/^DELETE /)).toHaveLength(0)
    // The GPU is still rendering: an image waits for the slot, and says so.
    const states: string[] = []
    const image = ai.image.generate(
      { model: 'local/z-image-turbo', prompt: 'after' },
      { onProgress: (snapshot) => states.push(snapshot.state) },
    )
    await until(() => states.includes('queued'))
    expect(to(/^POST \/generate\//)).toHaveLength(0)
    await image
    // The video ended on the server, then its files were deleted, then the image ran.
    const order = to(/^(DELETE \/video\/|POST \/generate\/)/).map((entry) => entry.method)
    expect(order).toEqual(['DELETE', 'POST'])
  })

  it('a canceled music job is deleted only once the server finished, with its files', async () => {
    const { ai, emulator, to } = await sidecar({ musicJobMs: 600 })
    const music = await ai.music.submit({ model: 'local/ace-step', prompt: 'drums' })
    await until(() => to(/^GET \/music\/status\//).length > 0 || emulator.state.requests.length > 1)
    await music.cancel()
    expect(to(/^DELETE \/music\//)).toHaveLength(0)
    // The driver keeps no timer of its own: work that waits for the slot watches the canceled
    // job through the engine until the server is done; then its files go, and the work runs.
    await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'after' })
    expect(to(/^(DELETE \/music\/|POST \/generate\/)/).map((entry) => entry.method)).toEqual([
      'DELETE',
      'DELETE',
      'POST',
    ])
    const deleted = to(/^DELETE \/music\//).map((entry) => entry.path)
    // The record, and the folder under the files' own id.
    expect(deleted).toContain(`/music/${music.ref.id}`)
    expect(deleted.some((path) => path !== `/music/${music.ref.id}`)).toBe(true)
  })
})

describe('4. honest progress: unknown is unknown, and the estimate gives the ETA', () => {
  it('reports no fraction while the server holds video progress at 0, and an ETA from the estimate', async () => {
    const { ai } = await sidecar({ videoProgress: 'held', videoJobMs: 600 })
    const running: JobSnapshot<unknown>[] = []
    await ai.video.generate(
      { model: 'local/hunyuan-video', prompt: 'waves' },
      { onProgress: (snapshot) => snapshot.state === 'running' && running.push(snapshot) },
    )
    expect(running.length).toBeGreaterThan(0)
    for (const snapshot of running) {
      if (snapshot.state !== 'running') continue
      expect(snapshot.progress?.fraction).toBeUndefined()
      expect(snapshot.progress?.etaMs).toBeGreaterThanOrEqual(0)
    }
  })

  it('reports the measured fraction when the server steps it', async () => {
    const { ai } = await sidecar({ videoProgress: 'stepped', videoJobMs: 600 })
    const fractions: number[] = []
    await ai.video.generate(
      { model: 'local/hunyuan-video', prompt: 'waves' },
      {
        onProgress: (snapshot) => {
          if (snapshot.state === 'running' && snapshot.progress?.fraction !== undefined)
            fractions.push(snapshot.progress.fraction)
        },
      },
    )
    expect(fractions.some((fraction) => fraction > 0 && fraction < 1)).toBe(true)
  })

  it('music: no fraction while generating; the job ref keeps the estimate for a resume', async () => {
    const { ai } = await sidecar({ musicJobMs: 500 })
    const job = await ai.music.submit({ model: 'local/ace-step', prompt: 'drums' })
    expect(typeof job.ref.data?.estimatedSeconds).toBe('number')
    const running: JobSnapshot<unknown>[] = []
    await job.wait({
      onProgress: (snapshot) => snapshot.state === 'running' && running.push(snapshot),
    })
    for (const snapshot of running) {
      if (snapshot.state === 'running') expect(snapshot.progress?.fraction).toBeUndefined()
    }
  })
})

describe('5. validation no stricter than the server', () => {
  it('z-image-turbo takes a negative prompt and CFG with warnings (the server ignores them)', async () => {
    const { ai, to } = await sidecar()
    const { images, warnings } = await ai.image.generate({
      model: 'local/z-image-turbo',
      prompt: 'a kite',
      negativePrompt: 'blur',
      guidanceScale: 3,
    })
    expect(inspectPng(await images[0]!.bytes()).width).toBe(1024)
    expect(warnings.map((warning) => 'option' in warning && warning.option).sort()).toEqual([
      'guidanceScale',
      'negativePrompt',
    ])
    expect(to(/^POST \/generate\//)[0]!.body).toEqual({ prompt: 'a kite' })
  })

  it('XTTS speed is a warning: the server speaks whole clips without it', async () => {
    const { ai, driver, to } = await sidecar()
    await new SillyMediaClient(driver.transport).actors.create({
      name: 'narrator',
      audio_files: [new Blob([encodeWav({ durationSeconds: 2 })], { type: 'audio/wav' })],
    })
    const { audio, warnings } = await ai.speech.generate({
      model: 'local/xtts-v2',
      text: 'Hello there.',
      voice: 'narrator',
      speed: 1.5,
    })
    expect(inspectWav(await audio.bytes()).durationSeconds).toBeGreaterThan(0)
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-option', option: 'speed' }),
    ])
    expect(to(/^POST \/tts\/generate$/)[0]!.body).toEqual({
      text: 'Hello there.',
      actor: 'narrator',
    })
  })

  it('takes z-image CFG 0-20, and music up to 600 s, any short time signature, guidance 50', async () => {
    const { ai } = await sidecar()
    await ai.image.generate({ model: 'local/z-image', prompt: 'x', guidanceScale: 8 })
    await ai.image.generate({ model: 'local/z-image', prompt: 'x', guidanceScale: 0 })
    await ai.music.generate({
      model: 'local/ace-step',
      prompt: 'x',
      durationSeconds: 300,
      providerOptions: { local: { timesignature: '3/4', guidance_scale: 50 } },
    })
  })

  it('width alone makes a square, as on the server', async () => {
    const { driver } = await sidecar()
    const image = await new SillyMediaClient(driver.transport).image.generate('z-image-turbo', {
      prompt: 'x',
      width: 320,
    })
    expect(inspectPng(await image.bytes())).toMatchObject({ width: 320, height: 320 })
  })

  it('announces the floored size the server makes (1000 → 960), and img2img floors to 16', async () => {
    const { ai } = await sidecar()
    const made = await ai.image.generate({
      model: 'local/z-image-turbo',
      prompt: 'x',
      size: { width: 1000, height: 1000 },
    })
    expect(inspectPng(await made.images[0]!.bytes())).toMatchObject({ width: 960, height: 960 })
    expect(made.warnings[0]).toMatchObject({ option: 'size' })
    expect(JSON.stringify(made.warnings[0])).toContain('960x960')
    const edited = await ai.image.edit({
      model: 'local/qwen-image-edit',
      image: encodePng({ width: 64, height: 64 }),
      prompt: 'night',
      size: { width: 200, height: 120 },
    })
    expect(inspectPng(await edited.images[0]!.bytes())).toMatchObject({ width: 192, height: 112 })
    expect(JSON.stringify(edited.warnings[0])).toContain('192x112')
  })

  it('aspect-ratio presets match what the server computes', async () => {
    const { driver } = await sidecar()
    const served = await new SillyMediaClient(driver.transport).image.aspectRatios()
    for (const [ratio, preset] of Object.entries(ASPECT_RATIO_PRESETS)) {
      expect(served[ratio]?.dimensions_at_1024).toEqual([preset.width, preset.height])
    }
    expect(ASPECT_RATIO_PRESETS['3:4']).toMatchObject({ width: 832, height: 1152 })
  })
})

describe('6. /tts/stream: one playable WAV per synthesised chunk', () => {
  const readAll = async (stream: ReadableStream<Uint8Array>) => {
    const files: Uint8Array[] = []
    const reader = stream.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return files
      files.push(value)
    }
  }

  it('XTTS: the run of WAV files comes out as one complete WAV per chunk, however the bytes travel', async () => {
    // 1000-byte pieces on the wire: no network chunk lines up with a WAV file.
    const { driver } = await sidecar({}, {}, undefined, 1000)
    await new SillyMediaClient(driver.transport).actors.create({
      name: 'narrator',
      audio_files: [new Blob([encodeWav({ durationSeconds: 2 })], { type: 'audio/wav' })],
    })
    const files = await readAll(
      await new SillyMediaClient(driver.transport).tts.stream({
        text: 'One sentence here. Another sentence follows it. And a third one ends the text.',
        actor: 'narrator',
      }),
    )
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const file of files) expect(inspectWav(file).durationSeconds).toBeGreaterThan(0)
  })

  it('Maya: its single streamed WAV comes out whole', async () => {
    const { driver } = await sidecar()
    const files = await readAll(
      await new SillyMediaClient(driver.transport).maya.stream({
        text: 'One sentence. Another sentence. A third one.',
        voice_description: 'a calm voice',
      }),
    )
    expect(files).toHaveLength(1)
    expect(inspectWav(files[0]!).durationSeconds).toBeGreaterThan(1)
  })
})

describe('7. LLM: the real finish reason, and no silent stand-in model', () => {
  it('reports length when the answer was cut at maxTokens', async () => {
    const { ai } = await sidecar()
    const cut = await ai.text.generate({
      model: 'local/huihui-qwen3-4b',
      prompt: 'tell a long story',
      maxTokens: 3,
    })
    expect(cut.finishReason).toBe('length')
    const whole = await ai.text.generate({
      model: 'local/huihui-qwen3-4b',
      prompt: 'hi',
      maxTokens: 4000,
    })
    expect(whole.finishReason).toBe('stop')
  })

  it('refuses local/gpt-4o, naming the sidecar LLM', async () => {
    const { ai, to } = await sidecar()
    const error = await caught(ai.text.generate({ model: 'local/gpt-4o', prompt: 'hi' }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toContain('huihui-qwen3-4b')
    expect(to(/^POST \/llm\//)).toHaveLength(0)
  })
})

describe('8. the GPU slot: waiting work is alive, queued, timed and abortable', () => {
  it('an image behind a submitted video waits as queued and runs when the video ends', async () => {
    // Nobody polls the video: while the image waits, the engine watches the video for it (at
    // once, then at most once a second).
    const { ai, to } = await sidecar({ videoJobMs: 500 })
    await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })
    const positions: number[] = []
    const { images } = await ai.image.generate(
      { model: 'local/z-image-turbo', prompt: 'after' },
      {
        onProgress: (snapshot) => {
          if (snapshot.state === 'queued' && snapshot.position !== undefined)
            positions.push(snapshot.position)
        },
      },
    )
    expect(positions).toContain(0)
    expect(images).toHaveLength(1)
    // Nobody polled the video: the driver looked at it itself while the image waited.
    expect(to(/^GET \/video\/status\//).length).toBeGreaterThan(0)
  })

  it('a video submitted behind a canceled one waits for the server to finish it, then runs', async () => {
    const { ai, to } = await sidecar({ videoJobMs: 600 })
    const first = await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })
    await first.cancel()
    // Nobody watches the canceled job; the second submit does, through the engine, while it waits.
    const { videos } = await ai.video.generate({ model: 'local/hunyuan-video', prompt: 'rain' })
    expect(videos).toHaveLength(1)
    expect(
      to(/^(DELETE \/video\/|POST \/video\/t2v\/)/).map((entry) => `${entry.method} ${entry.path}`),
    ).toEqual([
      'POST /video/t2v/hunyuan-video',
      `DELETE /video/${first.id}`,
      'POST /video/t2v/hunyuan-video',
    ])
  })

  it('timeoutMs counts the wait for the slot, and says the real limit', async () => {
    const { ai, to } = await sidecar({ videoJobMs: 5_000 })
    await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })
    const image = await caught(
      ai.image.generate({ model: 'local/z-image-turbo', prompt: 'x' }, { timeoutMs: 300 }),
    )
    expect(image).toBeInstanceOf(TimeoutError)
    expect((image as Error).message).toContain('within 300 ms')
    // An async job waits for the slot inside its submit: the deadline ends that wait too.
    const music = await caught(
      ai.music.generate({ model: 'local/ace-step', prompt: 'x' }, { timeoutMs: 300 }),
    )
    expect(music).toBeInstanceOf(TimeoutError)
    expect((music as Error).message).toContain('within 300 ms')
    expect(to(/^POST \/(generate|music)/)).toHaveLength(0)
  })

  it('an abort ends the wait at once', async () => {
    const { ai } = await sidecar({ videoJobMs: 3_000 })
    await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })
    const controller = new AbortController()
    const waiting = caught(
      ai.image.generate(
        { model: 'local/z-image-turbo', prompt: 'x' },
        { signal: controller.signal },
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    const aborted = Date.now()
    controller.abort()
    expect(((await waiting) as Error).name).toBe('AbortError')
    expect(Date.now() - aborted).toBeLessThan(500)
  })

  it('a plain script keeps running until the waiting image is done (no silent exit)', async () => {
    const emulator = createSidecarEmulator({ ...FAST, videoJobMs: 1_500 })
    const server = await serve(emulator.handler)
    servers.push(server)
    const dir = await mkdtemp(join(tmpdir(), 'atelier-local-'))
    const script = join(dir, 'script.mts')
    const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))
    await writeFile(
      script,
      [
        `import { createAtelier } from ${JSON.stringify(source('../../atelier/src/index.ts'))}`,
        `import { local } from ${JSON.stringify(source('../src/index.ts'))}`,
        `const ai = createAtelier({ providers: [local({ baseUrl: ${JSON.stringify(server.url)} })] })`,
        `const video = await ai.video.submit({ model: 'local/hunyuan-video', prompt: 'waves' })`,
        'console.log(JSON.stringify(video.ref))',
        `const { images } = await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'after' })`,
        "console.log('image', (await images[0].bytes()).byteLength)",
      ].join('\n'),
    )
    const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url))
    const { code, stdout, stderr } = await new Promise<{
      code: number
      stdout: string
      stderr: string
    }>((resolve) => {
      execFile(process.execPath, [tsx, script], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      )
    })
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^image \d+$/m)
  }, 60_000)
})

describe('9. errors name the caller fields', () => {
  it('names steps and size.width for the client checks', async () => {
    const { ai, to } = await sidecar()
    const steps = await caught(
      ai.image.generate({ model: 'local/z-image', prompt: 'x', steps: 500 }),
    )
    expect(steps).toBeInstanceOf(ValidationError)
    expect((steps as ValidationError).field).toBe('steps')
    const size = await caught(
      ai.image.generate({
        model: 'local/z-image',
        prompt: 'x',
        size: { width: 4096, height: 512 },
      }),
    )
    expect((size as ValidationError).field).toBe('size.width')
    // A music job makes at most 4 variations, but a larger n is split into several jobs (see
    // below); the duration is a wire field named by the caller's.
    const duration = await caught(
      ai.music.generate({ model: 'local/ace-step', prompt: 'x', durationSeconds: 5 }),
    )
    expect((duration as ValidationError).field).toBe('durationSeconds')
    expect(to(/^POST/)).toHaveLength(0)
  })

  it('names the provider option that would overwrite a task field, and refuses unknown options', async () => {
    const { ai, to } = await sidecar()
    const clash = await caught(
      ai.image.generate({
        model: 'local/z-image',
        prompt: 'a kite',
        providerOptions: { local: { prompt: 'something else' } },
      }),
    )
    expect(clash).toBeInstanceOf(ValidationError)
    expect((clash as ValidationError).field).toBe('providerOptions.local.prompt')
    expect((clash as Error).message).toContain('`prompt`')
    const duration = await caught(
      ai.music.generate({
        model: 'local/ace-step',
        prompt: 'x',
        durationSeconds: 20,
        providerOptions: { local: { duration: 30 } },
      }),
    )
    expect((duration as ValidationError).field).toBe('providerOptions.local.duration')
    expect((duration as Error).message).toContain('`durationSeconds`')
    const unknown = await caught(
      ai.video.generate({
        model: 'local/hunyuan-video',
        prompt: 'x',
        providerOptions: { local: { frames: 40 } as never },
      }),
    )
    expect(unknown).toBeInstanceOf(ValidationError)
    expect((unknown as ValidationError).issues[0]).toMatchObject({
      path: ['providerOptions', 'local', 'frames'],
      message: 'is not a known field',
      rule: 'unrecognized_keys',
    })
    const range = await caught(
      ai.video.generate({
        model: 'local/hunyuan-video',
        prompt: 'x',
        providerOptions: { local: { num_inference_steps: 500 } },
      }),
    )
    expect((range as ValidationError).field).toBe('providerOptions.local.num_inference_steps')
    expect(to(/^POST/)).toHaveLength(0)
  })

  it('names the caller fields in the server 422 too', async () => {
    // A server from before LTX-2.5 took 25-85 frames: its 422 names its wire field.
    const { ai } = await sidecar({}, {}, (entry) => {
      const frames = (entry.body as { num_frames?: number } | undefined)?.num_frames
      if (!entry.path.startsWith('/video/t2v/') || frames === undefined || frames <= 85) return
      return Response.json(
        {
          detail: [
            {
              type: 'less_than_equal',
              loc: ['body', 'num_frames'],
              msg: 'Input should be less than or equal to 85',
              input: frames,
              ctx: { le: 85 },
            },
          ],
        },
        { status: 422 },
      )
    })
    const error = await caught(
      ai.video.generate({ model: 'local/hunyuan-video', prompt: 'x', durationSeconds: 4 }),
    )
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).status).toBe(422)
    expect((error as ValidationError).field).toBe('durationSeconds')
    expect((error as Error).message).toContain('less than or equal to 85')
  })
})

describe('10. model ids checked against what the server lists', () => {
  it('a video model used for an image says what it is and which models fit', async () => {
    const { ai, to } = await sidecar()
    const error = await caught(ai.image.generate({ model: 'local/hunyuan-video', prompt: 'x' }))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toContain('hunyuan-video is a video model')
    expect((error as Error).message).toContain('z-image-turbo')
    expect(to(/^POST/)).toHaveLength(0)
  })

  it('reads the list once per client, and again on refresh', async () => {
    const { ai, driver, to } = await sidecar()
    await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'a' })
    await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'b' })
    expect(to(/^GET \/models$/)).toHaveLength(1)
    driver.refreshModels()
    await ai.image.generate({ model: 'local/z-image-turbo', prompt: 'c' })
    expect(to(/^GET \/models$/)).toHaveLength(2)
  })
})

describe('routes of the current server, end to end', () => {
  it('model3d.generate: a GLB from text, with the reference image it was built from', async () => {
    const { ai, to } = await sidecar()
    const { models, referenceImages, warnings } = await ai.model3d.generate({
      model: 'local/hunyuan3d-2',
      prompt: 'a wooden chair',
      faceCount: 800,
      texture: false,
    })
    expect(warnings).toEqual([])
    expect(models[0]!.mediaType).toBe('model/gltf-binary')
    const glb = inspectGlb(await models[0]!.bytes())
    expect(glb.version).toBe(2)
    expect(inspectPng(await referenceImages![0]!.bytes()).width).toBeGreaterThan(0)
    expect(to(/^POST \/model3d\/generate$/)[0]!.body).toEqual({
      text: 'a wooden chair',
      target_faces: 800,
      texture: false,
    })
  })

  it('model3d.generate: a GLB from an image, sent as base64', async () => {
    const { ai, to } = await sidecar()
    const { models } = await ai.model3d.generate({
      model: 'local/hunyuan3d-2',
      image: encodePng({ width: 64, height: 64 }),
    })
    expect(inspectGlb(await models[0]!.bytes()).triangles).toBeGreaterThan(0)
    expect(typeof (to(/^POST \/model3d\/generate$/)[0]!.body as { image: unknown }).image).toBe(
      'string',
    )
  })

  it('sprites, LoRAs and the ComfyUI routes through the typed client', async () => {
    const { driver } = await sidecar({ loras: { 'z-image': [{ name: 'ink-style' }] } })
    const client = new SillyMediaClient(driver.transport)
    const sprite = await client.sprite.generate({ prompt: 'a potion', width: 256, output_size: 64 })
    expect(inspectPng(await sprite.bytes())).toMatchObject({
      width: 64,
      height: 64,
      hasAlpha: true,
    })
    const loras = await client.loras.forModel('z-image-turbo')
    expect(JSON.stringify(loras)).toContain('ink-style')
    const image = await client.image.generate('z-image-turbo', {
      prompt: 'ink drawing',
      width: 128,
      height: 128,
      loras: [{ name: 'ink-style', scale: 0.8 }],
    })
    expect(inspectPng(await image.bytes()).width).toBe(128)
    const { prompt_id } = await client.comfy.prompt({
      prompt: {
        '5': { class_type: 'EmptyLatentImage', inputs: { width: 256, height: 192, batch_size: 1 } },
        '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a red panda' } },
        '3': {
          class_type: 'KSampler',
          inputs: { seed: 42, steps: 4, cfg: 0, positive: ['6', 0], latent_image: ['5', 0] },
        },
        '9': { class_type: 'SaveImage', inputs: { images: ['3', 0] } },
      },
    })
    let entry: Record<string, unknown> = {}
    for (let attempt = 0; attempt < 200; attempt++) {
      entry = (await client.comfy.historyEntry(prompt_id)) as Record<string, unknown>
      if (entry[prompt_id]) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const outputs = (
      entry[prompt_id] as { outputs: Record<string, { images: { filename: string }[] }> }
    ).outputs
    const [saved] = Object.values(outputs)[0]!.images
    const png = await client.comfy.view({ filename: saved!.filename }).bytes()
    expect(inspectPng(png)).toMatchObject({ width: 256, height: 192 })
  })
})

// Keeps `SidecarEmulator` in use for the type of `emulator` above.
export type { SidecarEmulator }
