/** The examples of the docs page, run against the emulator so they cannot rot. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspectPng } from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { briaProductShot } from '../examples/bria-product-shot'
import { runwayVideoCancel } from '../examples/runway-video-cancel'
import { STUDIO_KEY, type Studio, startStudio } from './support/studio'

let studio: Studio
let dir: string
beforeAll(async () => {
  studio = await startStudio({ taskQueuedMs: 20, taskRunMs: 1_500 })
  dir = await mkdtemp(join(tmpdir(), 'vision-studio-examples-'))
})
afterAll(async () => {
  await studio.close()
  await rm(dir, { recursive: true, force: true })
})

it('runway-video-cancel.ts cancels the Runway task on the server once it runs', async () => {
  const lines: string[] = []
  const result = await runwayVideoCancel(studio.url, STUDIO_KEY, {
    log: (line) => lines.push(line),
  })
  expect(result.state).toBe('canceled')
  expect(result.progress.length).toBeGreaterThan(0)
  expect(studio.calls()).toContain(`DELETE /api/v1/runway/cancel/${result.taskId}`)
  const task = studio.emulator.state.tasks.get(result.taskId)!
  expect(task.canceledAt).toBeDefined()
  expect(lines[0]).toBe(`submitted Runway task ${result.taskId}`)
  expect(lines.at(-1)).toMatch(/^canceled at \d+%$/)
})

it('bria-product-shot.ts saves two product shots from a scene description', async () => {
  studio.emulator.timings.taskRunMs = 50
  const { files, bytes } = await briaProductShot(studio.url, STUDIO_KEY, dir)
  expect(files).toHaveLength(2)
  const request = studio.received.find(
    (item) =>
      item.path === '/api/v1/bria/image/editing-generation/generate-product-background-by-text',
  )!
  expect(request.json).toEqual({
    scene_description:
      'on a white marble kitchen counter, soft morning light, lemons in the background',
    image_url: 'https://images.pexels.com/photos/3766180/pexels-photo-3766180.jpeg',
    num_results: 2,
    aspect_ratio: '1:1',
    sync: false,
    placement_type: 'automatic',
    optimize_description: true,
  })
  for (const [index, path] of files.entries()) {
    const png = inspectPng(new Uint8Array(await readFile(path)))
    expect([png.width, png.height]).toEqual([1024, 1024])
    expect(bytes[index]).toBeGreaterThan(1_000_000)
  }
})
