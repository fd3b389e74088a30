/**
 * One run of the command: its settings (flags over environment over config file), its
 * providers, the signal that Ctrl-C and `--timeout` abort, and how results and errors reach
 * the terminal (stdout for results, stderr for everything else).
 */
import { type Atelier, createAtelier, isAtelierError, type TaskName, TimeoutError } from 'atelier'
import { type ConfigFile, connectionsFrom, loadConfigFile } from './config'
import { EXIT_CODES, exitCodeFor, failureKind, UsageError } from './exit-codes'
import { createProgressView, formatDuration, type ProgressView, progressModeFor } from './progress'
import { createProviders, type Providers } from './providers'

/** The flags every command takes. */
export interface GlobalFlags {
  json?: boolean
  quiet?: boolean
  /** Milliseconds. */
  timeout?: number
  config?: string
  emulator?: boolean
  emulatorTimeScale?: number
  localUrl?: string
  outDir?: string
}

export interface SessionIo {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
  stdin: NodeJS.ReadableStream
  env: NodeJS.ProcessEnv
  cwd: string
}

/** Why the session's signal fired. */
export type StopReason = 'interrupt' | 'timeout'

export class Session {
  readonly flags: GlobalFlags
  readonly io: SessionIo
  readonly config: ConfigFile
  readonly #controller = new AbortController()
  #stopReason: StopReason | undefined
  #providers: Providers | undefined
  #ai: Atelier | undefined
  #timer: NodeJS.Timeout | undefined

  constructor(flags: GlobalFlags, io: SessionIo) {
    this.flags = flags
    this.io = io
    this.config = loadConfigFile(flags.config, io.cwd)
    if (flags.timeout !== undefined) {
      this.#timer = setTimeout(() => this.stop('timeout'), flags.timeout)
    }
  }

  /** Aborts when Ctrl-C is pressed or `--timeout` passes. */
  get signal(): AbortSignal {
    return this.#controller.signal
  }

  get stopReason(): StopReason | undefined {
    return this.#stopReason
  }

  stop(reason: StopReason): void {
    if (this.#controller.signal.aborted) return
    this.#stopReason = reason
    const error =
      reason === 'timeout'
        ? new TimeoutError(`stopped after --timeout ${this.flags.timeout} ms`, {
            timeoutMs: this.flags.timeout,
          })
        : new Error('interrupted (Ctrl-C)')
    this.#controller.abort(error)
  }

  /** The client, with the providers that are configured (built once, on first use). */
  async atelier(): Promise<Atelier> {
    if (this.#ai) return this.#ai
    const connections = connectionsFrom(this.io.env, this.config, {
      ...(this.flags.localUrl ? { localUrl: this.flags.localUrl } : {}),
    })
    const emulator = this.flags.emulator
      ? {
          ...this.config.emulator,
          ...(this.flags.emulatorTimeScale !== undefined
            ? { timeScale: this.flags.emulatorTimeScale }
            : {}),
        }
      : undefined
    this.#providers = await createProviders(connections, emulator)
    if (emulator) {
      this.note(`sidecar emulator (fake media, no GPU) at ${this.#providers.endpoints.local}`)
    }
    this.#ai = createAtelier({ providers: this.#providers.drivers })
    return this.#ai
  }

  /** The model for a command: `-m`, else the config file's, else the first a provider lists. */
  async modelFor(command: string, task: TaskName, flag: string | undefined): Promise<string> {
    const chosen = flag ?? this.config.models?.[command]
    if (chosen) return chosen
    const ai = await this.atelier()
    for (const driver of ai.providers.values()) {
      const first = driver.capabilities[task]?.models?.[0]
      if (first) return `${driver.id}/${first}`
    }
    throw new UsageError(
      `no model for ${command}: give one with -m provider/model (the configured providers know none for ${task})`,
    )
  }

  /** Where outputs go without `-o`. */
  get outDir(): string | undefined {
    return this.flags.outDir ?? this.config.outDir
  }

  progressView(): ProgressView {
    const mode = progressModeFor(this.io.stderr, this.io.env, Boolean(this.flags.quiet))
    return createProgressView(mode, this.io.stderr, { env: this.io.env })
  }

  /** How often a watched job is looked at and its line redrawn. */
  get cadenceMs(): number {
    return progressModeFor(this.io.stderr, this.io.env, false) === 'tty' ? 200 : 1_000
  }

  /** A line on stderr, unless `--quiet`. */
  note(line: string): void {
    if (!this.flags.quiet) this.io.stderr.write(`${line}\n`)
  }

  /** The one machine-readable result of `--json`. */
  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }

  /** Reports an error the way the flags ask, and returns its exit code. */
  fail(error: unknown, extra: Record<string, unknown> = {}): number {
    const code = this.#stopReason === 'interrupt' ? EXIT_CODES.interrupted : exitCodeFor(error)
    // What stopped the command is said in its own words, not as the abort it caused.
    const message =
      this.#stopReason === 'interrupt'
        ? 'interrupted (Ctrl-C)'
        : this.#stopReason === 'timeout' && code === EXIT_CODES.timeout
          ? `timed out: --timeout ${formatDuration(this.flags.timeout ?? 0)} passed`
          : error instanceof Error
            ? error.message
            : String(error)
    if (this.flags.json) {
      const field = isAtelierError(error) ? (error as { field?: string }).field : undefined
      this.printJson({
        ok: false,
        error: {
          kind: failureKind(code),
          exitCode: code,
          name: error instanceof Error ? error.name : 'Error',
          message,
          ...(field ? { field } : {}),
        },
        ...extra,
      })
    }
    // Errors reach stderr even with --quiet: a script needs to know why.
    this.io.stderr.write(`atelier: ${message}\n`)
    return code
  }

  async close(): Promise<void> {
    clearTimeout(this.#timer)
    await this.#providers?.close()
  }
}
