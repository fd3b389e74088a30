/** The local examples, run against the embedded emulator as CI's check that they work. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createSidecarEmulator,
  inspectMp4,
  inspectPng,
  inspectWav,
  serve,
} from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { generateImage } from './image'
import { streamReply } from './llm-stream'
import { progressBar } from './progress-bar'
import { speakAsActor } from './tts-actor'
import { videoJob } from './video-job'

let server: Awaited<ReturnType<typeof serve>>
let dir: string
beforeAll(async () => {
  // Slower image steps than the default, so progress is visible between polls.
  server = await serve(createSidecarEmulator({ imageStepMs: 40 }).handler)
  dir = await mkdtemp(join(tmpdir(), 'atelier-examples-'))
})
afterAll(async () => {
  await server.close()
  await rm(dir, { recursive: true, force: true })
})

it('image.ts saves a 16:9 PNG and sees progress steps', async () => {
  const path = join(dir, 'lighthouse.png')
  const steps = await generateImage(server.url, path)
  const png = inspectPng(new Uint8Array(await readFile(path)))
  expect(png.width).toBeGreaterThan(png.height)
  expect(steps.length).toBeGreaterThan(0)
})

it('video-job.ts completes a resumed job, and cancels another one', async () => {
  const done = await videoJob(server.url)
  expect(done.state).toBe('completed')
  if (done.state === 'completed')
    expect(inspectMp4(await done.video.bytes()).boxes).toContain('ftyp')
  const canceled = await videoJob(server.url, { cancelOnceRunning: true })
  expect(canceled.state).toBe('canceled')
})

it('tts-actor.ts speaks in an actor voice', async () => {
  const path = join(dir, 'narrator.wav')
  const bytes = await speakAsActor(server.url, path)
  expect(bytes).toBeGreaterThan(44)
  expect(inspectWav(new Uint8Array(await readFile(path))).durationSeconds).toBeGreaterThan(0)
})

it('llm-stream.ts streams a reply in pieces', async () => {
  const pieces: string[] = []
  const reply = await streamReply(server.url, (text) => pieces.push(text))
  expect(pieces.length).toBeGreaterThan(1)
  expect(pieces.join('')).toBe(reply)
})

it('progress-bar.ts hears from the job every everyMs and can cancel past a share', async () => {
  const done = await progressBar(server.url, { everyMs: 50 })
  expect(done.state).toBe('completed')
  expect(done.lines.at(-1)).toContain('100 %')
  // The 2 s video at the emulator's pace runs long enough for several regular updates.
  expect(done.lines.length).toBeGreaterThan(3)
  const canceled = await progressBar(server.url, { everyMs: 50, cancelPast: 0 })
  expect(canceled.state).toBe('canceled')
})
