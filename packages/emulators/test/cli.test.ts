/**
 * `atelier-emulator`: each emulator starts as a real loopback server from command-line
 * arguments, announces where it listens, takes its options, and stops with `close()`.
 * Mistakes are `UsageError`s that say what is wrong, raised before anything listens.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { type CliServer, main, parseArgs, UsageError } from '../src/cli'
import type { SidecarEmulator } from '../src/sidecar'

let running: CliServer[] = []
afterEach(async () => {
  await Promise.all(running.map((server) => server.close()))
  running = []
})

async function start(argv: string[]) {
  const lines: string[] = []
  const server = await main(argv, { log: (line) => lines.push(line) })
  running.push(server)
  return { server, lines }
}

describe('atelier-emulator CLI', () => {
  it('starts the sidecar emulator, announces it, and answers /health', async () => {
    const { server, lines } = await start([
      'sidecar',
      '--port',
      '0',
      '--time-scale',
      '0.01',
      '--swap-delay-ms=3',
    ])
    expect(lines).toEqual([`Silly Media emulator (fake media, no GPU) listening on ${server.url}`])
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((server.emulator as SidecarEmulator).timings).toMatchObject({
      timeScale: 0.01,
      swapDelayMs: 3,
      imageStepMs: 5,
    })
    const health = await fetch(`${server.url}/health`)
    expect(health.status).toBe(200)
    expect((await health.json()).models_loaded).toEqual(['z-image-turbo'])
  })

  // Each cloud emulator: with --api-key, only that key gets in.
  const clouds = [
    {
      name: 'canary',
      banner: 'CanaryLLM gateway emulator (fake media)',
      path: '/api/vision/models',
      auth: (key: string) => ({ authorization: `Bearer ${key}` }),
    },
    {
      name: 'onysoft',
      banner: 'Onysoft gateway emulator (fake media)',
      path: '/v1/models',
      auth: (key: string) => ({ authorization: `Bearer ${key}` }),
    },
    {
      name: 'vlmrun',
      banner: 'VLM Run emulator (fake media)',
      path: '/v1/predictions',
      auth: (key: string) => ({ authorization: `Bearer ${key}` }),
    },
    {
      name: 'vision-studio',
      banner: 'Vision Studio emulator (fake media)',
      path: '/api/v1/bria-lora/projects',
      auth: (key: string) => ({ 'x-api-key': key }),
    },
  ]
  for (const cloud of clouds) {
    it(`starts the ${cloud.name} emulator and accepts only the --api-key it was given`, async () => {
      const key = cloud.name === 'onysoft' ? 'sk-ony-cli-key' : 'cli-key'
      const ports = cloud.name === 'onysoft' ? ['--cdn-port', '0'] : []
      const { server, lines } = await start([cloud.name, '--port=0', ...ports, '--api-key', key])
      expect(lines[0]).toBe(`${cloud.banner} listening on ${server.url}`)
      const right = await fetch(`${server.url}${cloud.path}`, { headers: cloud.auth(key) })
      expect(right.status).toBe(200)
      const wrong = await fetch(`${server.url}${cloud.path}`, { headers: cloud.auth(`${key}-x`) })
      expect([401, 403]).toContain(wrong.status)
    })
  }

  it('serves Onysoft result files from a second origin and names it', async () => {
    const { server, lines } = await start(['onysoft', '--port', '0', '--cdn-port', '0'])
    expect(server.cdnUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(server.cdnUrl).not.toBe(server.url)
    expect(lines).toEqual([
      `Onysoft gateway emulator (fake media) listening on ${server.url}`,
      `  result files served from ${server.cdnUrl}`,
    ])
  })

  it('parses each emulator with its default port', () => {
    expect(parseArgs(['sidecar'])).toMatchObject({
      emulator: 'sidecar',
      port: 4201,
      host: '127.0.0.1',
    })
    expect(parseArgs(['canary']).port).toBe(4202)
    expect(parseArgs(['onysoft'])).toMatchObject({ port: 4203, cdnPort: 4204 })
    expect(parseArgs(['vlmrun']).port).toBe(4205)
    expect(parseArgs(['vision-studio']).port).toBe(4206)
    expect(parseArgs(['canary', '--workers', '2', '--fail-jobs', '0.5']).options).toEqual({
      workers: 2,
      failJobs: 0.5,
    })
  })

  it('rejects bad arguments with a usage error that says what is wrong', () => {
    expect(() => parseArgs([])).toThrow(UsageError)
    expect(() => parseArgs([])).toThrow(/name the emulator to run: sidecar, canary/)
    expect(() => parseArgs(['replicate'])).toThrow(/unknown emulator "replicate"/)
    expect(() => parseArgs(['sidecar', '--port', 'x'])).toThrow(/--port needs an integer/)
    expect(() => parseArgs(['sidecar', '--port', '70000'])).toThrow(/--port/)
    expect(() => parseArgs(['sidecar', '--fast'])).toThrow(/unknown option --fast/)
    expect(() => parseArgs(['sidecar', 'canary'])).toThrow(/unexpected argument "canary"/)
    expect(() => parseArgs(['sidecar', '--api-key', 'k'])).toThrow(
      /--api-key does not apply to the sidecar emulator/,
    )
    expect(() => parseArgs(['vision-studio', '--time-scale', '1'])).toThrow(
      /--time-scale does not apply to the vision-studio emulator/,
    )
    expect(() => parseArgs(['canary', '--cdn-port', '1'])).toThrow(/--cdn-port/)
    expect(() => parseArgs(['vlmrun', '--fail-jobs', '2'])).toThrow(
      /--fail-jobs needs a number from 0 to 1, got "2"/,
    )
    expect(() => parseArgs(['canary', '--workers', '1.5'])).toThrow(/--workers needs an integer/)
    expect(() => parseArgs(['canary', '--api-key'])).toThrow(/--api-key needs a value/)
  })
})
