#!/usr/bin/env node
/**
 * `atelier-emulator`: runs a provider emulator as a real HTTP server on loopback.
 *
 * ```sh
 * atelier-emulator sidecar [--port 4201] [--host 127.0.0.1] [--time-scale 0.05] [--swap-delay-ms N]
 * ```
 *
 * Importing this module starts nothing; `main(argv)` starts a server and returns it, and the
 * guarded block at the bottom runs `main` when the file is executed directly, stopping cleanly
 * on SIGINT and SIGTERM.
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { RunningServer } from './server'
import { serve } from './server'
import { createSidecarEmulator, type SidecarEmulator, type SidecarEmulatorOptions } from './sidecar'

export const USAGE = `Usage: atelier-emulator sidecar [options]

Runs the Silly Media sidecar emulator (fake media, no GPU) as an HTTP server.

Options:
  --port <n>              Port to listen on (default 4201; 0 picks a free port)
  --host <host>           Host to bind (default 127.0.0.1)
  --time-scale <x>        Multiplies every typical GPU duration (default 0.02)
  --swap-delay-ms <ms>    Time to swap the model in VRAM
  --image-step-ms <ms>    Time per image denoising step
  --video-job-ms <ms>     Processing time of each video job
  --music-job-ms <ms>     Processing time of each music job
  --tts-chunk-ms <ms>     Time per half second of speech
  --video-bytes <n>       Pad every video download to exactly n bytes (memory benchmarks)
  --help                  Show this help
`

/** A command-line mistake; `message` says what is wrong. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface CliServer extends RunningServer {
  emulator: SidecarEmulator
}

export interface MainOptions {
  /** Where the banner goes. Default `console.log`. */
  log?: (line: string) => void
}

const NUMBER_FLAGS = {
  '--time-scale': 'timeScale',
  '--swap-delay-ms': 'swapDelayMs',
  '--image-step-ms': 'imageStepMs',
  '--video-job-ms': 'videoJobMs',
  '--music-job-ms': 'musicJobMs',
  '--tts-chunk-ms': 'ttsChunkMs',
  '--video-bytes': 'videoBytes',
} as const satisfies Record<string, keyof SidecarEmulatorOptions>

interface ParsedArgs {
  emulator: string
  port: number
  host: string
  options: SidecarEmulatorOptions
}

function parseNumber(flag: string, text: string | undefined): number {
  const value = Number(text)
  if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new UsageError(
      `${flag} needs a number >= 0, got ${text === undefined ? 'nothing' : `"${text}"`}`,
    )
  }
  return value
}

/** Parses `atelier-emulator` arguments (without `node` and the script path). */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const parsed: ParsedArgs = { emulator: '', port: 4201, host: '127.0.0.1', options: {} }
  for (let index = 0; index < argv.length; index++) {
    const [flag = '', inline] = argv[index]!.split(/=(.*)/s, 2)
    const value = () => (inline !== undefined ? inline : argv[++index])
    if (flag === '--port') {
      const port = parseNumber(flag, value())
      if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port must be 0-65535`)
      parsed.port = port
    } else if (flag === '--host') {
      const host = value()
      if (!host) throw new UsageError('--host needs a value')
      parsed.host = host
    } else if (flag in NUMBER_FLAGS) {
      parsed.options[NUMBER_FLAGS[flag as keyof typeof NUMBER_FLAGS]] = parseNumber(flag, value())
    } else if (flag.startsWith('-')) {
      throw new UsageError(`unknown option ${flag}`)
    } else if (parsed.emulator === '') {
      parsed.emulator = flag
    } else {
      throw new UsageError(`unexpected argument "${flag}"`)
    }
  }
  if (parsed.emulator !== 'sidecar') {
    throw new UsageError(
      parsed.emulator === ''
        ? 'name the emulator to run: sidecar'
        : `unknown emulator "${parsed.emulator}" (available: sidecar)`,
    )
  }
  return parsed
}

/**
 * Starts the emulator named in `argv` and resolves once it listens. The returned server's
 * `close()` stops it (and every job in progress).
 */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<CliServer> {
  const log = options.log ?? console.log
  const args = parseArgs(argv)
  const emulator = createSidecarEmulator(args.options)
  const server = await serve(emulator.handler, { port: args.port, host: args.host })
  log(`Silly Media emulator (fake media, no GPU) listening on ${server.url}`)
  return {
    ...server,
    emulator,
    close: async () => {
      emulator.reset()
      await server.close()
    },
  }
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

async function run(): Promise<void> {
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
