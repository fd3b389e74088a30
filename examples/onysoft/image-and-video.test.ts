/** The onysoft example, run against the Onysoft emulator as CI's check that it works. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspectJpeg, inspectMp4, inspectPng, serveOnysoftEmulator } from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Gateway, imageAndVideo } from './image-and-video'

let service: Gateway
let dir: string
beforeAll(async () => {
  // Started here rather than by `gateway()`, so an ONYSOFT_API_KEY in the environment is never used.
  // Small media keep the test quick; `per-read` moves a task on at each status read.
  const served = await serveOnysoftEmulator({ maxMediaSide: 64, lifecycle: 'per-read' })
  service = { baseUrl: served.url, apiKey: 'sk-ony-test', close: () => served.close() }
  dir = await mkdtemp(join(tmpdir(), 'atelier-onysoft-example-'))
})
afterAll(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

it('image-and-video.ts saves a 16:9 PNG, a running video as MP4 and its thumbnail', async () => {
  const { files, imageCostUsd, progress } = await imageAndVideo(service, dir, {
    log: () => {},
    polling: { minIntervalMs: 20, initialIntervalMs: 50, maxIntervalMs: 100 },
  })
  expect(files.map((file) => file.path)).toEqual([
    join(dir, 'onysoft-panda.png'),
    join(dir, 'onysoft-lake.mp4'),
    join(dir, 'onysoft-lake.jpg'),
  ])
  const png = inspectPng(new Uint8Array(await readFile(files[0]!.path)))
  expect(png.width / png.height).toBeCloseTo(16 / 9, 1)
  expect(imageCostUsd).toBeGreaterThan(0)
  const mp4 = inspectMp4(new Uint8Array(await readFile(files[1]!.path)))
  expect(mp4.durationSeconds).toBeCloseTo(5, 0)
  expect(inspectJpeg(new Uint8Array(await readFile(files[2]!.path))).width).toBe(mp4.width)
  expect(progress.length).toBeGreaterThan(0)
  expect(progress.every((fraction) => fraction > 0 && fraction < 1)).toBe(true)
})
