/** The vision-studio example, run against the Vision Studio emulator as CI's check that it works. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createVisionStudioEmulator, inspectPng, serve } from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { promptToImage, type Studio } from './prompt-to-image'

let service: Studio
let dir: string
beforeAll(async () => {
  // Started here rather than by `studio()`, so a VISION_STUDIO_URL in the environment is never used.
  const server = await serve(createVisionStudioEmulator({ taskRunMs: 600 }).handler)
  service = { baseUrl: server.url, apiKey: 'test-key', close: () => server.close() }
  dir = await mkdtemp(join(tmpdir(), 'atelier-vision-studio-example-'))
})
afterAll(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

it('prompt-to-image.ts enhances a prompt, resumes a Bria task to a 16:9 PNG, captions a photo', async () => {
  const path = join(dir, 'lighthouse.png')
  const made = await promptToImage(service, path, {
    log: () => {},
    polling: { minIntervalMs: 20, initialIntervalMs: 50, maxIntervalMs: 100 },
  })
  expect(made.prompt).toMatch(/^a lighthouse at dusk/)
  expect(made.prompt.length).toBeGreaterThan('a lighthouse at dusk'.length)
  expect(made.states.at(-1)).toBe('completed')
  expect(made.states.length).toBeGreaterThan(1)
  const png = inspectPng(new Uint8Array(await readFile(path)))
  expect(png.width / png.height).toBeCloseTo(16 / 9, 1)
  expect(made.bytes).toBe((await readFile(path)).byteLength)
  expect(made.caption.length).toBeGreaterThan(0)
})
