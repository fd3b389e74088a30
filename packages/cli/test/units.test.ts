/**
 * The command's pure parts, from the sources: durations, the words of a snapshot, ETAs,
 * output names, the config file's checks, and which error gives which exit code.
 */
import {
  ConnectionError,
  JobCanceledError,
  JobFailedError,
  ProviderError,
  TimeoutError,
  ValidationError,
} from 'atelier'
import { describe, expect, it } from 'vitest'
import { parseDuration } from '../src/cli'
import { checkConfig, connectionsFrom } from '../src/config'
import { EXIT_CODES, exitCodeFor, UsageError } from '../src/exit-codes'
import { outputPaths } from '../src/media'
import {
  createEtaTracker,
  describeSnapshot,
  formatDuration,
  progressModeFor,
} from '../src/progress'
import { resultOf } from '../src/tasks'

describe('parseDuration', () => {
  it('reads seconds by default and the units people type', () => {
    expect(parseDuration('90')).toBe(90_000)
    expect(parseDuration('1.5s')).toBe(1_500)
    expect(parseDuration('500ms')).toBe(500)
    expect(parseDuration('5m')).toBe(300_000)
    expect(parseDuration('1h')).toBe(3_600_000)
  })

  it('refuses what is not a duration', () => {
    expect(() => parseDuration('soon')).toThrow('must be a duration')
    expect(() => parseDuration('0')).toThrow('longer than 0')
  })
})

describe('the words of a snapshot', () => {
  it('says the position, the percent, the step and the ETA when there are some', () => {
    expect(describeSnapshot({ state: 'queued', position: 3 }, undefined)).toBe(
      'queued · position 3',
    )
    expect(describeSnapshot({ state: 'queued' }, undefined)).toBe('queued')
    expect(
      describeSnapshot(
        { state: 'running', progress: { fraction: 0.456, step: 9, totalSteps: 20 } },
        '12 s',
      ),
    ).toBe('46 % · step 9/20 · ETA 12 s')
    expect(describeSnapshot({ state: 'running' }, undefined)).toBe('running')
  })

  it('formats durations for people', () => {
    expect(formatDuration(1_234)).toBe('1.2 s')
    expect(formatDuration(42_000)).toBe('42 s')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
  })
})

describe('ETA', () => {
  it("counts the provider's estimate down from when it came, and drops it once run out", () => {
    const eta = createEtaTracker()
    const snapshot = { state: 'running' as const, progress: { fraction: 0.5, etaMs: 10_000 } }
    expect(eta.etaOf(snapshot, 1_000)).toBe('10 s')
    expect(eta.etaOf(snapshot, 5_000)).toBe('6.0 s')
    expect(eta.etaOf(snapshot, 11_000)).toBeUndefined()
  })

  it('estimates from the rate of the fraction when the provider gives none, marked ~', () => {
    const eta = createEtaTracker()
    expect(eta.etaOf({ state: 'running', progress: { fraction: 0.2 } }, 0)).toBeUndefined()
    // 0.2 → 0.4 in 2 s: the remaining 0.6 takes 6 s.
    expect(eta.etaOf({ state: 'running', progress: { fraction: 0.4 } }, 2_000)).toBe('~6.0 s')
    expect(eta.etaOf({ state: 'running' }, 3_000)).toBeUndefined()
  })
})

describe('progress mode', () => {
  it('draws on a terminal, writes plain lines elsewhere and in CI, nothing when quiet', () => {
    expect(progressModeFor({ isTTY: true }, {}, false)).toBe('tty')
    expect(progressModeFor({ isTTY: true }, { CI: 'true' }, false)).toBe('plain')
    expect(progressModeFor({ isTTY: false }, {}, false)).toBe('plain')
    expect(progressModeFor({ isTTY: true }, {}, true)).toBe('quiet')
  })
})

describe('output names', () => {
  const file = (mediaType: string) => ({ mediaType }) as Parameters<typeof outputPaths>[0][number]

  it('numbers the files after -o, and takes the extension from the media type without one', () => {
    expect(
      outputPaths([file('image/png'), file('image/png')], { output: 'panda.png', stem: 'x' }),
    ).toEqual(['panda.png', 'panda-2.png'])
    expect(outputPaths([file('video/mp4')], { output: 'out/clip', stem: 'x' })).toEqual([
      'out/clip.mp4',
    ])
    expect(outputPaths([file('audio/wav')], { outDir: 'renders', stem: 'speech-1' })).toEqual([
      'renders/speech-1.wav',
    ])
  })
})

describe('the config file', () => {
  it('refuses unknown keys and wrong types, naming them', () => {
    expect(() => checkConfig({ provider: {} }, 'a.json')).toThrow('"provider" is not a setting')
    expect(() => checkConfig({ providers: { canry: {} } }, 'a.json')).toThrow(
      '"providers.canry" is not a provider',
    )
    expect(() => checkConfig({ providers: { local: { baseURL: 'x' } } }, 'a.json')).toThrow(
      '"providers.local.baseURL" is not a setting',
    )
    expect(() => checkConfig({ models: { image: 3 } }, 'a.json')).toThrow('"models.image"')
    expect(checkConfig({ models: { image: 'local/z-image' } }, 'a.json')).toEqual({
      models: { image: 'local/z-image' },
    })
  })

  it('creates a cloud provider only when configured; flags over environment over file', () => {
    const file = {
      providers: { local: { baseUrl: 'http://file:1' }, onysoft: { baseUrl: 'http://o' } },
    }
    expect(connectionsFrom({}, file, {})).toEqual({ local: { baseUrl: 'http://file:1' } })
    expect(connectionsFrom({ ATELIER_LOCAL_URL: 'http://env:2' }, file, {}).local).toEqual({
      baseUrl: 'http://env:2',
    })
    expect(
      connectionsFrom({ ATELIER_LOCAL_URL: 'http://env:2' }, file, { localUrl: 'http://flag:3' })
        .local,
    ).toEqual({ baseUrl: 'http://flag:3' })
    expect(connectionsFrom({ ONYSOFT_API_KEY: 'sk-ony-1' }, file, {}).onysoft).toEqual({
      baseUrl: 'http://o',
      apiKey: 'sk-ony-1',
    })
  })
})

describe('exit codes', () => {
  it('tell validation, provider, job failure, connection, cancel and timeout apart', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(EXIT_CODES.usage)
    expect(
      exitCodeFor(new ValidationError([{ path: ['prompt'], message: 'x', rule: 'required' }])),
    ).toBe(EXIT_CODES.usage)
    expect(exitCodeFor(new ProviderError('x', { status: 500 }))).toBe(EXIT_CODES.provider)
    expect(exitCodeFor(new JobFailedError('x', { jobId: 'j' }))).toBe(EXIT_CODES.jobFailed)
    expect(exitCodeFor(new ConnectionError('x'))).toBe(EXIT_CODES.connection)
    expect(exitCodeFor(new JobCanceledError('x', { jobId: 'j' }))).toBe(EXIT_CODES.canceled)
    expect(exitCodeFor(new TimeoutError('x', { timeoutMs: 1 }))).toBe(EXIT_CODES.timeout)
    expect(exitCodeFor(new Error('x'))).toBe(EXIT_CODES.internal)
  })
})

describe('results', () => {
  it('keeps thumbnails out of the files to save, and text answers out of the details', () => {
    const media = (mediaType: string) => ({ mediaType, stream: () => new ReadableStream() })
    const video = resultOf('video.generate', {
      videos: [media('video/mp4')],
      thumbnails: [media('image/jpeg')],
      warnings: [],
    } as never)
    expect(video.files.map((file) => file.mediaType)).toEqual(['video/mp4'])
    const enhanced = resultOf('prompt.enhance', {
      prompt: 'a lighthouse at dusk, warm light',
      variants: ['b'],
      warnings: [],
    } as never)
    expect(enhanced).toEqual({
      files: [],
      text: 'a lighthouse at dusk, warm light',
      details: { variants: ['b'] },
    })
  })
})
