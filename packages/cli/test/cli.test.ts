/**
 * The built `atelier` command against the emulators: files written and valid, exit codes,
 * `--json`, progress lines on a stderr that is not a terminal, refs resumed in later
 * processes, and Ctrl-C canceling a CanaryLLM job on the gateway.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type CanaryEmulator,
  createCanaryEmulator,
  createSidecarEmulator,
  createVisionStudioEmulator,
  encodeWav,
  inspectMp4,
  inspectPng,
  inspectWav,
  type RunningServer,
  type SidecarEmulator,
  serve,
} from '@atelier/emulators'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ensureBuilt, runCli } from './built-cli'

let work: string
let sidecar: SidecarEmulator
let sidecarServer: RunningServer
let canary: CanaryEmulator
let canaryServer: RunningServer
/** The emulators' speeds as made; tests that slow a job down are undone before the next. */
let canaryProcessingMs: Record<string, number>
let sidecarVideoJobMs: number | undefined

beforeAll(async () => {
  ensureBuilt()
  sidecar = createSidecarEmulator()
  sidecarServer = await serve(sidecar.handler)
  canary = createCanaryEmulator()
  canaryServer = await serve(canary.handler)
  canaryProcessingMs = { ...canary.settings.processingMs }
  sidecarVideoJobMs = sidecar.timings.videoJobMs
}, 300_000)

afterAll(async () => {
  await sidecarServer?.close()
  await canaryServer?.close()
})

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'atelier-cli-'))
  sidecar.reset()
  canary.reset()
  canary.failJobs = false
  Object.assign(canary.settings.processingMs, canaryProcessingMs)
  sidecar.timings.videoJobMs = sidecarVideoJobMs
})

afterEach(() => rmSync(work, { recursive: true, force: true }))

const local = () => ({ ATELIER_LOCAL_URL: sidecarServer.url })
const withCanary = () => ({
  ...local(),
  CANARY_URL: canaryServer.url,
  CANARY_API_KEY: 'clk_live_cli_tests',
})
const cancelRequests = () =>
  canary.state.requests.filter((request) => request.path === '/api/llm/queue/cancel')

describe('a task run to its end', () => {
  it('writes a valid PNG of the asked size, with progress lines on a non-terminal stderr', async () => {
    const run = await runCli(
      ['image', 'a red panda', '-m', 'local/z-image-turbo', '--size', '320x192', '-o', 'panda.png'],
      { cwd: work, env: local() },
    )
    expect(run.stderr).toContain('image.generate · local/z-image-turbo')
    expect(run.code).toBe(0)
    const png = inspectPng(readFileSync(join(work, 'panda.png')))
    expect([png.width, png.height]).toEqual([320, 192])
    // Plain lines, never a terminal's redraw codes: a log reads them as written.
    expect(run.stderr).toMatch(/^completed in [\d.]+ s$/m)
    expect(run.stderr).toMatch(/^saved panda\.png \(/m)
    expect(run.stderr).not.toContain('\u001b[')
    expect(run.stdout).toBe('')
  })

  it('shows a video job queued, then its steps with percent, and saves a valid MP4', async () => {
    const run = await runCli(['video', 'waves at night', '-m', 'local/hunyuan-video'], {
      cwd: work,
      env: local(),
    })
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/^queued \(/m)
    expect(run.stderr).toMatch(/^\d+ % · step \d+\/\d+/m)
    const saved = /^saved (video-\S+\.mp4) /m.exec(run.stderr)?.[1]
    expect(saved).toBeDefined()
    const mp4 = inspectMp4(readFileSync(join(work, saved!)))
    expect(mp4.width).toBeGreaterThan(0)
  })

  it('--json writes one result to stdout: the ref, the files and their types', async () => {
    const run = await runCli(
      ['speech', 'Hello from the command line.', '-m', 'canary/kokoro', '--json', '-o', 'hi.wav'],
      { cwd: work, env: withCanary() },
    )
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result).toMatchObject({
      ok: true,
      task: 'speech.generate',
      state: 'completed',
      job: { provider: 'canary', task: 'speech.generate' },
      files: [{ path: 'hi.wav', mediaType: expect.stringMatching(/^audio\//) }],
    })
    const wav = inspectWav(readFileSync(join(work, 'hi.wav')))
    expect(result.files[0].bytes).toBe(readFileSync(join(work, 'hi.wav')).length)
    expect(wav.sampleRate).toBeGreaterThan(0)
  })

  it('prints a text answer on stdout: a transcript of a local recording', async () => {
    writeFileSync(join(work, 'talk.wav'), encodeWav({ sampleRate: 16_000, durationSeconds: 0.5 }))
    const run = await runCli(['transcribe', 'talk.wav', '-m', 'canary/scribe_v2', '-q'], {
      cwd: work,
      env: withCanary(),
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim().length).toBeGreaterThan(0)
    // --quiet: nothing on stderr when all went well.
    expect(run.stderr).toBe('')
  })

  it('reads providers and default models from atelier.config.json in the working directory', async () => {
    writeFileSync(
      join(work, 'atelier.config.json'),
      JSON.stringify({
        providers: { local: { baseUrl: sidecarServer.url } },
        models: { image: 'local/z-image-turbo' },
        outDir: 'renders',
      }),
    )
    const run = await runCli(['image', 'a lighthouse', '--json', '-q'], { cwd: work })
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.files[0].path).toMatch(/^renders\/image-.+\.png$/)
    inspectPng(readFileSync(join(work, result.files[0].path)))
  })

  it('refuses an unknown key in the config file, naming it (exit 2)', async () => {
    writeFileSync(join(work, 'cfg.json'), JSON.stringify({ provider: { local: {} } }))
    const run = await runCli(['image', 'x', '--config', 'cfg.json', '--json'], { cwd: work })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('"provider" is not a setting')
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { kind: 'usage' } })
  })

  it('starts its own sidecar emulator with --emulator', async () => {
    const run = await runCli(['image', 'a fox', '--emulator', '-o', 'fox.png'], { cwd: work })
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('sidecar emulator (fake media, no GPU)')
    inspectPng(readFileSync(join(work, 'fox.png')))
  })
})

describe('exit codes', () => {
  it('2 for input that breaks a rule, before any request', async () => {
    const before = canary.state.requests.length
    const run = await runCli(
      ['video', 'x', '-m', 'canary/veo-3.1-generate-preview', '--duration', '-3', '--json'],
      { cwd: work, env: withCanary() },
    )
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'usage', name: 'ValidationError', field: 'durationSeconds' },
    })
    expect(canary.state.requests.length).toBe(before)
  })

  it('2 for a flag commander refuses', async () => {
    const run = await runCli(['image', 'x', '--size', 'big'], { cwd: work, env: local() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('must look like 1024x768')
  })

  it('3 for a provider error', async () => {
    canary.failNext(1, { status: 500, path: /generate-image/ })
    const run = await runCli(['image', 'x', '-m', 'canary/gpt-image-1', '--json'], {
      cwd: work,
      env: withCanary(),
    })
    expect(run.code).toBe(3)
    expect(JSON.parse(run.stdout).error.kind).toBe('provider')
  })

  it('4 for a job that failed on the provider', async () => {
    canary.failJobs = true
    const run = await runCli(['sfx', 'a door creaks', '-m', 'canary/eleven_text_to_sound_v2'], {
      cwd: work,
      env: withCanary(),
    })
    expect(run.code).toBe(4)
  })

  it('5 when nothing listens at the provider address', async () => {
    const closed = await serve(() => new Response('unused'))
    await closed.close()
    const run = await runCli(['image', 'x', '-m', 'local/z-image-turbo'], {
      cwd: work,
      env: { ATELIER_LOCAL_URL: closed.url },
    })
    expect(run.code).toBe(5)
    expect(run.stderr).toContain('connection refused')
  })

  it('124 when --timeout passes; the job this command started is canceled on the gateway', async () => {
    canary.settings.processingMs.video = 60_000
    const run = await runCli(
      ['video', 'slow', '-m', 'canary/veo-3.1-generate-preview', '--timeout', '1500ms'],
      { cwd: work, env: withCanary() },
    )
    expect(run.code).toBe(124)
    expect(run.stderr).toContain('timed out: --timeout 1.5 s passed')
    expect(cancelRequests()).toHaveLength(1)
    expect([...canary.state.jobs.values()][0]?.status).toBe('cancelled')
  })
})

describe('Ctrl-C', () => {
  it('cancels the CanaryLLM video job on the gateway, says so, and exits 130', async () => {
    canary.settings.processingMs.video = 60_000
    let sent = false
    const run = await runCli(['video', 'a long take', '-m', 'canary/veo-3.1-generate-preview'], {
      cwd: work,
      env: withCanary(),
      onStderr(stderr, child) {
        // Once the job is there and being watched, as a person would press Ctrl-C.
        if (!sent && /^(queued|running)/m.test(stderr)) {
          sent = true
          child.kill('SIGINT')
        }
      },
    })
    expect(sent).toBe(true)
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('interrupted (Ctrl-C)')
    expect(run.stderr).toMatch(/canceled job \S+: canary was asked to stop it/)
    const [job] = [...canary.state.jobs.values()]
    expect(cancelRequests().map((request) => request.body)).toEqual([{ queueId: job!.queueId }])
    expect(job!.status).toBe('cancelled')
  })

  it("cancels a Runway video on Vision Studio's cancel route", async () => {
    const studio = createVisionStudioEmulator({ taskRunMs: 60_000 })
    const server = await serve(studio.handler)
    try {
      let sent = false
      const run = await runCli(
        [
          'video',
          'a paper boat',
          '-m',
          'vision-studio/runway/gen4_turbo',
          '--image',
          'https://images.example.com/boat.jpg',
        ],
        {
          cwd: work,
          env: { VISION_STUDIO_URL: server.url, VISION_STUDIO_API_KEY: 'emulator-key' },
          onStderr(stderr, child) {
            if (!sent && /^(queued|running|\d+ %)/m.test(stderr)) {
              sent = true
              child.kill('SIGINT')
            }
          },
        },
      )
      expect(run.code).toBe(130)
      expect(run.stderr).toMatch(/canceled job \S+: vision-studio was asked to stop it/)
      const cancels = studio.state.requests.filter((request) =>
        request.endpoint?.startsWith('DELETE /api/v1/runway/cancel/'),
      )
      expect(cancels).toHaveLength(1)
    } finally {
      await server.close()
    }
  })

  it("on the sidecar's video, says the server may still finish it (its cancel is local only)", async () => {
    sidecar.timings.videoJobMs = 60_000
    let sent = false
    const run = await runCli(['video', 'a long take', '-m', 'local/hunyuan-video'], {
      cwd: work,
      env: local(),
      onStderr(stderr, child) {
        if (!sent && /^(queued|running)/m.test(stderr)) {
          sent = true
          child.kill('SIGINT')
        }
      },
    })
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('cannot cancel video.generate jobs from outside')
  })
})

describe('jobs across processes', () => {
  it('submit prints a ref; status, wait and cancel take it as JSON, a file or stdin', async () => {
    const submitted = await runCli(
      ['submit', 'video', 'clouds', '-m', 'canary/veo-3.1-generate-preview', '--duration', '4'],
      { cwd: work, env: withCanary() },
    )
    expect(submitted.code).toBe(0)
    const ref = JSON.parse(submitted.stdout)
    expect(ref).toMatchObject({ provider: 'canary', task: 'video.generate' })
    writeFileSync(join(work, 'job.json'), submitted.stdout)

    const status = await runCli(['status', 'job.json', '--json'], { cwd: work, env: withCanary() })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ ok: true, job: { id: ref.id } })

    // A second job, canceled from a third process below.
    const second = await runCli(
      ['submit', 'video', 'rain', '-m', 'canary/veo-3.1-generate-preview'],
      { cwd: work, env: withCanary() },
    )
    const waited = await runCli(['wait', '-', '-o', 'clouds.mp4'], {
      cwd: work,
      env: withCanary(),
      stdin: submitted.stdout,
    })
    expect(waited.code).toBe(0)
    inspectMp4(readFileSync(join(work, 'clouds.mp4')))

    const canceled = await runCli(['cancel', second.stdout.trim(), '--json'], {
      cwd: work,
      env: withCanary(),
    })
    expect(canceled.code).toBe(0)
    expect(JSON.parse(canceled.stdout).canceled.mode).toBe('remote')
    expect(cancelRequests()).toHaveLength(1)
  })

  it('--idempotency-key sends the key, so the same submit again gets the same job back', async () => {
    const submit = () =>
      runCli(
        [
          'submit',
          'video',
          'clouds',
          '-m',
          'canary/veo-3.1-generate-preview',
          '--idempotency-key',
          'batch-7-clip-1',
        ],
        { cwd: work, env: withCanary() },
      )
    const first = JSON.parse((await submit()).stdout)
    const again = JSON.parse((await submit()).stdout)
    expect(again.id).toBe(first.id)
    expect(canary.state.jobs.size).toBe(1)
    const keys = canary.state.requests
      .filter((request) => request.path === '/api/llm/generate-video')
      .map((request) => request.idempotencyKey)
    expect(keys).toEqual(['batch-7-clip-1', 'batch-7-clip-1'])
  })

  it('shows the queue position of a job waiting behind another', async () => {
    canary.settings.processingMs.video = 3_000
    const first = await runCli(
      ['submit', 'video', 'first', '-m', 'canary/veo-3.1-generate-preview'],
      {
        cwd: work,
        env: withCanary(),
      },
    )
    expect(first.code).toBe(0)
    const run = await runCli(['sfx', 'thunder', '-m', 'canary/eleven_text_to_sound_v2'], {
      cwd: work,
      env: withCanary(),
    })
    expect(run.code).toBe(0)
    // The gateway's own number: it counts from 0 for the job next in line.
    expect(run.stderr).toMatch(/^queued · position \d+ \(/m)
  })

  it('refuses to submit a job that lives inside one request (the sidecar image), before sending it', async () => {
    const run = await runCli(['submit', 'image', 'x', '-m', 'local/z-image-turbo'], {
      cwd: work,
      env: local(),
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('cannot be resumed from another process')
    expect(sidecar.state.requests.filter((request) => request.method === 'POST')).toHaveLength(0)
  })

  it('names what to set when the ref is on a provider that is not configured', async () => {
    const ref = JSON.stringify({ provider: 'canary', task: 'video.generate', id: 'q1' })
    const run = await runCli(['status', ref], { cwd: work, env: local() })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('set CANARY_URL and CANARY_API_KEY')
  })
})

describe('text and lists', () => {
  it('streams a reply to stdout', async () => {
    const run = await runCli(['text', 'Say hello', '-m', 'local/huihui-qwen3-4b'], {
      cwd: work,
      env: local(),
    })
    expect(run.code).toBe(0)
    expect(run.stdout.trim().length).toBeGreaterThan(0)
  })

  it('improves a prompt on Vision Studio and lists the models of a provider as JSON', async () => {
    const studio = await serve(createVisionStudioEmulator().handler)
    try {
      const env = { VISION_STUDIO_URL: studio.url, VISION_STUDIO_API_KEY: 'emulator-key' }
      const enhanced = await runCli(['enhance', 'a lighthouse', '-m', 'vision-studio/openai'], {
        cwd: work,
        env,
      })
      expect(enhanced.code).toBe(0)
      expect(enhanced.stdout.trim()).not.toBe('')
      const models = await runCli(['models', 'local', '--json'], { cwd: work, env: local() })
      expect(models.code).toBe(0)
      const listed = JSON.parse(models.stdout).models as { provider: string; id: string }[]
      expect(listed.length).toBeGreaterThan(0)
      expect(listed.every((model) => model.provider === 'local')).toBe(true)
    } finally {
      await studio.close()
    }
  })
})
