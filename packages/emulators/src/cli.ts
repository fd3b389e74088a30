#!/usr/bin/env node
/**
 * `atelier-emulator`: runs a provider emulator as a real HTTP server on loopback, so an app,
 * a browser page or a script in another language can be pointed at it.
 *
 * ```sh
 * atelier-emulator sidecar [--port 4201] [--time-scale 0.05] [--swap-delay-ms N]
 * atelier-emulator canary [--port 4202] [--api-key K] [--workers 2]
 * atelier-emulator onysoft [--port 4203] [--cdn-port 4204]
 * atelier-emulator vlmrun [--port 4205]
 * atelier-emulator vision-studio [--port 4206] [--task-run-ms 500]
 * ```
 *
 * Importing this module starts nothing; `main(argv)` starts a server and returns it. `run()` is
 * the whole command: it reads `process.argv`, prints the usage on a mistake and stops cleanly on
 * SIGINT and SIGTERM. The package's `bin/atelier-emulator.js` calls it, and the guarded block at
 * the bottom calls it when this file is executed directly (`node dist/cli.js`, or the sources
 * with `node --import tsx src/cli.ts`, which is what the repository's `npm run emulator` does).
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type CanaryEmulator, createCanaryEmulator } from './canary'
import { type OnysoftEmulator, serveOnysoftEmulator } from './onysoft'
import { serve } from './server'
import { createSidecarEmulator, type SidecarEmulator } from './sidecar'
import { createVisionStudioEmulator, type VisionStudioEmulator } from './vision-studio'
import { createVlmRunEmulator, type VlmRunEmulator } from './vlmrun'

export const USAGE = `Usage: atelier-emulator <emulator> [options]

Runs a provider emulator (fake media, no GPU, no cloud account) as an HTTP server.

Emulators (default port):
  sidecar         the Silly Media GPU sidecar (4201)
  canary          the CanaryLLM gateway (4202)
  onysoft         the Onysoft gateway (4203; result files on --cdn-port, 4204)
  vlmrun          the VLM Run API (4205)
  vision-studio   the Vision Studio API (4206)

Options for every emulator:
  --port <n>              Port to listen on (0 picks a free port)
  --host <host>           Host to bind (default 127.0.0.1)
  --seed <n>              Seed of the emulator's random generator (default 1)
  --fail-jobs <share>     Share of asynchronous jobs that fail, 0-1 (default 0)

More options:
  --time-scale <x>        Multiplies every typical duration (default 0.02); not vision-studio
  --api-key <key>         The one key accepted (default: any key); not sidecar
  --cdn-port <n>          onysoft: port of the file host (default 4204; 0 picks a free port)
  --workers <n>           canary: jobs processed at once (default 1)
  --video-bytes <n>       sidecar, canary: pad every video to exactly n bytes (memory benchmarks)
  --swap-delay-ms <ms>    sidecar: time to swap the model in VRAM
  --image-step-ms <ms>    sidecar: time per image denoising step
  --video-job-ms <ms>     sidecar: processing time of each video job
  --music-job-ms <ms>     sidecar: processing time of each music job
  --tts-chunk-ms <ms>     sidecar: time per half second of speech
  --task-run-ms <ms>      vision-studio: how long an asynchronous task runs (default 200)
  --help                  Show this help
`

/** A command-line mistake; `message` says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

type AnyEmulator =
  | SidecarEmulator
  | CanaryEmulator
  | OnysoftEmulator
  | VlmRunEmulator
  | VisionStudioEmulator

export interface CliServer {
  /** Base URL of the API, e.g. `http://127.0.0.1:4201`. */
  url: string
  /** Onysoft only: base URL of the file host its result URLs point at (another origin). */
  cdnUrl?: string
  /** The emulator behind the server (its state, `failNext`, ...). */
  emulator: AnyEmulator
  /** Stops the server and every job in progress. */
  close(): Promise<void>
}

export interface MainOptions {
  /** Where the banner goes. Default `console.log`. */
  log?: (line: string) => void
}

/** A numeric flag: the option it sets, the emulators that take it, and its allowed range. */
interface NumberFlag {
  option: string
  emulators: readonly EmulatorName[]
  integer?: boolean
  max?: number
}

const EMULATORS = ['sidecar', 'canary', 'onysoft', 'vlmrun', 'vision-studio'] as const
type EmulatorName = (typeof EMULATORS)[number]

const DEFAULT_PORTS: Record<EmulatorName, number> = {
  sidecar: 4201,
  canary: 4202,
  onysoft: 4203,
  vlmrun: 4205,
  'vision-studio': 4206,
}
const DEFAULT_ONYSOFT_CDN_PORT = 4204

const ALL = EMULATORS
const TIMED = ['sidecar', 'canary', 'onysoft', 'vlmrun'] as const
const NUMBER_FLAGS: Record<string, NumberFlag> = {
  '--seed': { option: 'seed', emulators: ALL, integer: true },
  // vision-studio calls them tasks; every other emulator, jobs.
  '--fail-jobs': { option: 'failJobs', emulators: ALL, max: 1 },
  '--time-scale': { option: 'timeScale', emulators: TIMED },
  '--workers': { option: 'workers', emulators: ['canary'], integer: true },
  '--video-bytes': { option: 'videoBytes', emulators: ['sidecar', 'canary'], integer: true },
  '--swap-delay-ms': { option: 'swapDelayMs', emulators: ['sidecar'] },
  '--image-step-ms': { option: 'imageStepMs', emulators: ['sidecar'] },
  '--video-job-ms': { option: 'videoJobMs', emulators: ['sidecar'] },
  '--music-job-ms': { option: 'musicJobMs', emulators: ['sidecar'] },
  '--tts-chunk-ms': { option: 'ttsChunkMs', emulators: ['sidecar'] },
  '--task-run-ms': { option: 'taskRunMs', emulators: ['vision-studio'] },
}

interface ParsedArgs {
  emulator: EmulatorName
  port: number
  host: string
  /** Onysoft's file host port. */
  cdnPort?: number
  apiKey?: string
  /** Numeric options by emulator option name (`timeScale`, `failJobs`, ...). */
  options: Record<string, number>
}

function parseNumber(flag: string, text: string | undefined, rule: Partial<NumberFlag>): number {
  const value = Number(text)
  const valid =
    text !== undefined &&
    text.trim() !== '' &&
    Number.isFinite(value) &&
    value >= 0 &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value))
  if (!valid) {
    const wanted = rule.integer ? 'an integer' : 'a number'
    const range = rule.max === undefined ? '>= 0' : `from 0 to ${rule.max}`
    const got = text === undefined ? 'nothing' : `"${text}"`
    throw new UsageError(`${flag} needs ${wanted} ${range}, got ${got}`)
  }
  return value
}

function parsePort(flag: string, text: string | undefined): number {
  return parseNumber(flag, text, { integer: true, max: 65535 })
}

/** Parses `atelier-emulator` arguments (without `node` and the script path). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let name = ''
  const flags: [flag: string, value: () => string | undefined][] = []
  for (let index = 0; index < argv.length; index++) {
    const [flag = '', inline] = argv[index]!.split(/=(.*)/s, 2)
    if (flag.startsWith('-')) {
      const takesValue =
        flag === '--port' ||
        flag === '--host' ||
        flag === '--cdn-port' ||
        flag === '--api-key' ||
        flag in NUMBER_FLAGS
      if (!takesValue) throw new UsageError(`unknown option ${flag}`)
      const value = inline !== undefined ? inline : argv[++index]
      flags.push([flag, () => value])
    } else if (name === '') {
      name = flag
    } else {
      throw new UsageError(`unexpected argument "${flag}"`)
    }
  }
  if (!(EMULATORS as readonly string[]).includes(name)) {
    throw new UsageError(
      name === ''
        ? `name the emulator to run: ${EMULATORS.join(', ')}`
        : `unknown emulator "${name}" (available: ${EMULATORS.join(', ')})`,
    )
  }
  const emulator = name as EmulatorName
  const parsed: ParsedArgs = {
    emulator,
    port: DEFAULT_PORTS[emulator],
    host: '127.0.0.1',
    options: {},
  }
  const refuseFor = (flag: string) => {
    throw new UsageError(`${flag} does not apply to the ${emulator} emulator`)
  }
  for (const [flag, value] of flags) {
    if (flag === '--port') parsed.port = parsePort(flag, value())
    else if (flag === '--cdn-port') {
      if (emulator !== 'onysoft') refuseFor(flag)
      parsed.cdnPort = parsePort(flag, value())
    } else if (flag === '--host' || flag === '--api-key') {
      const text = value()
      if (!text) throw new UsageError(`${flag} needs a value`)
      if (flag === '--host') parsed.host = text
      else if (emulator === 'sidecar') refuseFor(flag)
      else parsed.apiKey = text
    } else {
      const rule = NUMBER_FLAGS[flag]!
      if (!rule.emulators.includes(emulator)) refuseFor(flag)
      parsed.options[rule.option] = parseNumber(flag, value(), rule)
    }
  }
  if (emulator === 'onysoft') parsed.cdnPort ??= DEFAULT_ONYSOFT_CDN_PORT
  return parsed
}

/** Starts the named emulator; the banner lines say what listens where. */
async function start(args: ParsedArgs): Promise<CliServer & { banner: string[] }> {
  const { host, port, apiKey, options } = args
  const listen = { host, port }
  const key = apiKey !== undefined ? { apiKey } : {}
  /** One server in front of an emulator; `close()` also drops the emulator's jobs. */
  const served = async (emulator: Exclude<AnyEmulator, OnysoftEmulator>, what: string) => {
    const server = await serve(emulator.handler, listen)
    return {
      url: server.url,
      emulator,
      banner: [`${what} listening on ${server.url}`],
      close: async () => {
        emulator.reset()
        await server.close()
      },
    }
  }
  switch (args.emulator) {
    case 'sidecar': {
      return served(createSidecarEmulator(options), 'Silly Media emulator (fake media, no GPU)')
    }
    case 'canary': {
      const { failJobs, ...rest } = options
      const emulator = createCanaryEmulator({
        ...rest,
        ...(failJobs !== undefined ? { failJobs } : {}),
        ...(apiKey !== undefined ? { apiKeys: [apiKey] } : {}),
      })
      return served(emulator, 'CanaryLLM gateway emulator (fake media)')
    }
    case 'vlmrun':
      return served(createVlmRunEmulator({ ...options, ...key }), 'VLM Run emulator (fake media)')
    case 'vision-studio': {
      const { failJobs, ...rest } = options
      const emulator = createVisionStudioEmulator({
        ...rest,
        ...key,
        ...(failJobs !== undefined ? { failTasks: failJobs } : {}),
      })
      return served(emulator, 'Vision Studio emulator (fake media)')
    }
    case 'onysoft': {
      const running = await serveOnysoftEmulator({
        ...options,
        ...key,
        host,
        port,
        cdnPort: args.cdnPort ?? DEFAULT_ONYSOFT_CDN_PORT,
      })
      return {
        ...running,
        banner: [
          `Onysoft gateway emulator (fake media) listening on ${running.url}`,
          `  result files served from ${running.cdnUrl}`,
        ],
      }
    }
  }
}

/**
 * Starts the emulator named in `argv` and resolves once it listens. The returned server's
 * `close()` stops it (and every job in progress).
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<CliServer> {
  const log = options.log ?? console.log
  const { banner, ...server } = await start(parseArgs(argv))
  for (const line of banner) log(line)
  return server
}

/** Whether this module is the program being run (and not imported). */
function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (script === undefined || typeof import.meta.url !== 'string') return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

/** The `atelier-emulator` command: starts the emulator `process.argv` names, until a signal. */
export async function run(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE)
    return
  }
  let server: CliServer
  try {
    server = await main(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`atelier-emulator: ${error.message}\n\n${USAGE}`)
      process.exitCode = 2
      return
    }
    throw error
  }
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(130)
    }
    stopping = true
    process.stdout.write(`\nReceived ${signal}, stopping the emulator...\n`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (isEntryPoint()) {
  run().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
