/** The canary example, run against the CanaryLLM emulator as CI's check that it works. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCanaryEmulator, inspectMp4, serve } from '@atelier/emulators'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Gateway, queuedVideo, streamedReply } from './queue-jobs'

let service: Gateway
let dir: string
beforeAll(async () => {
  // Started here rather than by `gateway()`, so a CANARY_URL in the environment is never used.
  const server = await serve(createCanaryEmulator({ timeScale: 0.01 }).handler)
  service = { baseUrl: server.url, apiKey: 'clk_live_test', close: () => server.close() }
  dir = await mkdtemp(join(tmpdir(), 'atelier-canary-example-'))
})
afterAll(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

it('queue-jobs.ts sees the second video wait its turn, resumes it and saves an MP4', async () => {
  const path = join(dir, 'clouds.mp4')
  const lines: string[] = []
  const { states, bytes } = await queuedVideo(service, path, (line) => lines.push(line))
  expect(states[0]).toMatch(/^queued #\d+$/)
  expect(states.at(-1)).toBe('completed')
  expect(states).toContain('running')
  const file = new Uint8Array(await readFile(path))
  expect(file.byteLength).toBe(bytes)
  expect(inspectMp4(file).boxes).toContain('ftyp')
  expect(lines.at(-1)).toBe(`saved ${path} (${bytes} bytes)`)
})

it('queue-jobs.ts streams a reply in pieces and ends with a finish reason', async () => {
  const pieces: string[] = []
  const { text, finishReason } = await streamedReply(service, (piece) => pieces.push(piece))
  expect(pieces.length).toBeGreaterThan(1)
  expect(pieces.join('')).toBe(text)
  expect(finishReason).toBe('stop')
})
