/**
 * The demo (`npm run demo`) writes files that are what they claim: PNGs of the requested
 * size (the sprite with alpha), RIFF/WAVE audio, an MP4 with an `ftyp` box. It shows seven
 * numbered steps with their times; a job's progress is redrawn in place on a terminal and
 * printed as plain lines otherwise.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inspectMp4, inspectPng, inspectWav } from '@atelier/emulators'
import { describe, expect, it } from 'vitest'
import { createStepPrinter, runDemo } from './demo'

it('writes an image, a sprite, speech, a video, a thumbnail and music that are what they claim', async () => {
  const outDir = await mkdtemp(join(tmpdir(), 'atelier-demo-'))
  try {
    const lines: string[] = []
    let written = ''
    const result = await runDemo({
      outDir,
      log: (line) => lines.push(line),
      write: (text) => {
        written += text
      },
    })
    const bytes = async (name: string) => new Uint8Array(await readFile(join(outDir, name)))

    const image = await bytes('image.png')
    expect([...image.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(inspectPng(image)).toMatchObject({ width: 768, height: 512 })
    expect(inspectPng(await bytes('sprite.png'))).toMatchObject({
      width: 64,
      height: 64,
      hasAlpha: true,
    })

    for (const name of ['speech.wav', 'music.wav']) {
      const wav = await bytes(name)
      expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF')
      expect(new TextDecoder().decode(wav.subarray(8, 12))).toBe('WAVE')
      expect(inspectWav(wav).durationSeconds).toBeGreaterThan(0)
    }

    const video = await bytes('video.mp4')
    expect(new TextDecoder().decode(video.subarray(4, 8))).toBe('ftyp')
    expect(inspectMp4(video).width).toBeGreaterThan(0)

    expect(result.files.map((file) => file.path.slice(outDir.length + 1)).sort()).toEqual(
      [
        'image.png',
        'music.wav',
        'speech.wav',
        'sprite.png',
        'video-thumbnail.jpg',
        'video.mp4',
      ].sort(),
    )
    expect(result.visionAnswer.length).toBeGreaterThan(0)
    expect(result.llmReply.length).toBeGreaterThan(0)

    // Plain output: every step ends on a line with its number and its time; nothing redrawn.
    const finished = [...lines, ...written.split('\n')].filter((line) =>
      /^ {2}\d\/7 .+\d+\.\d s/.test(line),
    )
    const numbers = finished.map((line) => line.trim().split(' ')[0])
    expect(numbers.filter((number, index) => numbers.indexOf(number) === index)).toEqual([
      '1/7',
      '2/7',
      '3/7',
      '4/7',
      '5/7',
      '6/7',
      '7/7',
    ])
    const output = `${lines.join('\n')}${written}`
    expect(output).not.toContain('\r')
    expect(output).not.toContain('\x1b')
    expect(written).toContain(result.llmReply)
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
})

describe('the step printer', () => {
  const running = (fraction: number) => ({ state: 'running' as const, progress: { fraction } })

  it('redraws a live step in place, and ends it with its time on a line of its own', async () => {
    let screen = ''
    const step = createStepPrinter({
      total: 2,
      log: (line) => {
        screen += `${line}\n`
      },
      write: (text) => {
        screen += text
      },
      live: true,
    })
    await step(
      'video',
      async ({ progress }) => {
        progress({ state: 'queued', position: 1 })
        progress(running(0.25))
        progress(running(0.25))
        progress({ state: 'running' }) // says less than 25 %: not shown
        progress(running(0.75))
        progress({ state: 'completed', output: {} })
        return 'video.mp4'
      },
      (name) => name,
    )
    const redraws = screen.split('\r\x1b[K')
    expect(redraws.map((text) => text.trim().replace(/ +/g, ' '))).toEqual([
      '1/2 video',
      '1/2 video queued (position 1)',
      '1/2 video 25%',
      '1/2 video 75%',
      expect.stringMatching(/^1\/2 video \d+\.\d s video\.mp4$/),
    ])
    expect(screen.endsWith('\n')).toBe(true)
    expect(screen.slice(0, -1)).not.toContain('\n')
  })

  it('ends a live line that a failed step left open, and passes the error on', async () => {
    let screen = ''
    const step = createStepPrinter({
      total: 1,
      log: () => {},
      write: (text) => {
        screen += text
      },
      live: true,
    })
    const failure = new Error('the sidecar went away')
    await expect(
      step('music', async ({ progress }) => {
        progress(running(0.5))
        throw failure
      }),
    ).rejects.toBe(failure)
    expect(screen).toMatch(/50%\n$/)
  })

  it('prints each change of progress as a plain line when not live', async () => {
    const lines: string[] = []
    const step = createStepPrinter({
      total: 2,
      log: (line) => lines.push(line),
      write: () => {
        throw new Error('nothing is written in place when not live')
      },
      live: false,
    })
    await step('image', async ({ progress }) => {
      progress({ state: 'running', progress: { step: 1, totalSteps: 9 } })
      progress({ state: 'running', progress: { step: 1, totalSteps: 9 } })
      progress({ state: 'running', progress: { step: 9, totalSteps: 9 } })
    })
    expect(lines.map((line) => line.replace(/ +/g, ' '))).toEqual([
      ' 1/2 image step 1/9',
      ' 1/2 image step 9/9',
      expect.stringMatching(/^ 1\/2 image \d+\.\d s$/),
    ])
  })
})

describe('scripts/time-demo.mjs (the timing line of .ci/run)', () => {
  const script = fileURLToPath(new URL('../scripts/time-demo.mjs', import.meta.url))
  /** Runs the script with a stand-in for `npm run demo`; resolves with its exit and output. */
  const timeDemo = (command: string) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [script, '--command', command], (error, stdout) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout })
      })
    })

  it('runs the command twice in a fresh clone and ends with `demo: fresh N s, again N s`', async () => {
    // The stand-in proves it ran inside the clone: the repository's files are there.
    const { code, stdout } = await timeDemo("node -e \"require('fs').statSync('package.json')\"")
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^demo: fresh \d+\.\d s, again \d+\.\d s$/)
  })

  it('fails, showing the output and no timing line, when the demo fails', async () => {
    const { code, stdout } = await timeDemo('echo the demo broke && exit 3')
    expect(code).toBe(1)
    expect(stdout).toContain('the demo broke')
    expect(stdout).not.toContain('demo: fresh')
  })
})
