/**
 * `atelier`: run media jobs from a terminal. Arguments are parsed by commander; each task has
 * a command (`image`, `video`, ...) and a `submit` twin; `status`, `wait` and `cancel` take a
 * stored ref; `text` streams; `models` lists. Every path ends in one exit code (see
 * `exit-codes.ts`).
 */
import { createRequire } from 'node:module'
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { EXIT_CODES, exitCodeFor, failureKind, UsageError } from './exit-codes'
import { cancelJob, jobStatus, runTask, submitTask, taskInput, waitForJob } from './jobs'
import { type GlobalFlags, Session, type SessionIo } from './session'
import { TASK_COMMANDS, type TaskCommand } from './tasks'

const { version } = createRequire(import.meta.url)('../package.json') as { version: string }

/** `90` (seconds), `90s`, `500ms`, `5m`, `1h` → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i.exec(value.trim())
  if (!match) throw new InvalidArgumentError('must be a duration such as 90, 90s, 5m or 1h')
  const amount = Number(match[1])
  const unit = (match[2] ?? 's').toLowerCase()
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'h' ? 3_600_000 : 60_000
  if (!(amount > 0)) throw new InvalidArgumentError('must be longer than 0')
  return Math.round(amount * factor)
}

const ENVIRONMENT_HELP = `
Environment:
  ATELIER_LOCAL_URL        the Silly Media sidecar (default http://localhost:4201)
  CANARY_URL, CANARY_API_KEY                 CanaryLLM (enabled when CANARY_URL is set)
  ONYSOFT_API_KEY, ONYSOFT_URL               Onysoft (enabled when ONYSOFT_API_KEY is set)
  VLMRUN_API_KEY, VLMRUN_URL                 VLM Run (enabled when VLMRUN_API_KEY is set)
  VISION_STUDIO_URL, VISION_STUDIO_API_KEY   Vision Studio (enabled when VISION_STUDIO_URL is set)
  CI                       plain progress lines instead of a redrawn bar

Exit codes: 0 done, 1 internal, 2 usage or validation, 3 provider error, 4 job failed,
  5 connection, 6 job canceled elsewhere, 124 timeout, 130 interrupted (Ctrl-C).
Config file: atelier.config.json in the working directory, or --config <file>; see docs/cli.md.`

/** Runs the command line; resolves with the exit code. */
export async function run(
  argv: readonly string[] = process.argv,
  io: SessionIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  },
): Promise<number> {
  let exitCode: number = EXIT_CODES.ok
  let session: Session | undefined
  const open = (command: Command) => {
    session = new Session(command.optsWithGlobals<GlobalFlags>(), io)
    return session
  }
  const action =
    (
      handler: (
        session: Session,
        args: unknown[],
        flags: Record<string, unknown>,
      ) => Promise<number>,
    ) =>
    async (...params: unknown[]) => {
      const command = params.at(-1) as Command
      const flags = command.opts()
      exitCode = await handler(open(command), command.processedArgs, flags)
    }

  const program = new Command('atelier')
    .description('Run image, video, speech, music, vision and text jobs across providers.')
    .version(version, '-V, --version')
    .option('--json', 'write one machine-readable result to stdout')
    .option('-q, --quiet', 'no progress on stderr (errors still go there)')
    .option('-t, --timeout <duration>', 'give up after this long: 90, 90s, 5m, 1h', parseDuration)
    .option('-c, --config <file>', 'config file (default: ./atelier.config.json when present)')
    .option('--emulator', 'start the sidecar emulator in this process (fake media, no GPU)')
    .option('--emulator-time-scale <factor>', "stretch the emulator's job times", Number)
    .option('--local-url <url>', 'the sidecar (overrides ATELIER_LOCAL_URL)')
    .option('--out-dir <dir>', 'folder for outputs written without -o')
    .addHelpText('after', ENVIRONMENT_HELP)
    .showHelpAfterError('(atelier --help lists the commands and flags)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })

  for (const spec of TASK_COMMANDS) {
    const command = taskCommandOf(program, spec, 'run')
    if (spec.task === 'text.generate') {
      command.action(action((s, args, flags) => streamText(s, spec, args as string[], flags)))
    } else {
      command.action(action((s, args, flags) => runTask(s, spec, flattened(args), flags)))
    }
  }

  const submit = program
    .command('submit')
    .description('submit a job, print its ref as JSON, and leave it running')
  for (const spec of TASK_COMMANDS) {
    taskCommandOf(submit, spec, 'submit').action(
      action((s, args, flags) => submitTask(s, spec, flattened(args), flags)),
    )
  }

  const refArgument = '<ref>'
  const refHelp = 'the job ref: JSON, a file holding it, or - for stdin'
  program
    .command('status')
    .description('look at a submitted job once')
    .argument(refArgument, refHelp)
    .action(action((s, [ref]) => jobStatus(s, ref as string)))
  program
    .command('wait')
    .description('watch a submitted job to its end and save its outputs')
    .argument(refArgument, refHelp)
    .option('-o, --output <file>', 'where to save the (first) output')
    .action(action((s, [ref], flags) => waitForJob(s, ref as string, flags)))
  program
    .command('cancel')
    .description('cancel a submitted job where its provider can')
    .argument(refArgument, refHelp)
    .action(action((s, [ref]) => cancelJob(s, ref as string)))
  program
    .command('models')
    .description('list the models the configured providers offer now')
    .argument('[provider]', 'only this provider')
    .action(action((s, [provider]) => listModels(s, provider as string | undefined)))

  const onInterrupt = () => {
    if (session && !session.signal.aborted) session.stop('interrupt')
    // A second Ctrl-C does not wait for the cancel.
    else process.exit(EXIT_CODES.interrupted)
  }
  process.on('SIGINT', onInterrupt)
  try {
    await program.parseAsync(argv as string[])
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; anything commander refused is a usage error.
      exitCode = error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage
    } else if (session) {
      exitCode = session.fail(error)
    } else {
      // The session could not start (a config file it refused): reported the same way.
      exitCode = exitCodeFor(error)
      const message = error instanceof Error ? error.message : String(error)
      if (program.opts<GlobalFlags>().json) {
        const kind = failureKind(exitCode)
        io.stdout.write(`${JSON.stringify({ ok: false, error: { kind, exitCode, message } })}\n`)
      }
      io.stderr.write(`atelier: ${message}\n`)
    }
  } finally {
    process.off('SIGINT', onInterrupt)
    await session?.close()
  }
  return exitCode
}

/** A task's command under `parent`, with its arguments and flags. */
function taskCommandOf(parent: Command, spec: TaskCommand, mode: 'run' | 'submit'): Command {
  const command = parent
    .command(spec.name)
    .description(`${spec.summary} (${spec.task})`)
    .arguments(spec.args)
    .addOption(new Option('-m, --model <provider/model>', 'the model, e.g. local/z-image-turbo'))
    .addOption(new Option('--input <json|file>', 'more task fields as JSON, e.g. providerOptions'))
    .addOption(
      new Option(
        '--idempotency-key <key>',
        "the submit's Idempotency-Key (a retry of the same work)",
      ),
    )
  if (mode === 'run' && spec.task !== 'text.generate') {
    command.addOption(new Option('-o, --output <file>', 'where to save the (first) output'))
  }
  for (const option of spec.options()) command.addOption(option)
  return command
}

/** A variadic argument arrives as one array among the others. */
function flattened(args: unknown[]): string[] {
  return args.flat().filter((arg): arg is string => typeof arg === 'string')
}

/** `atelier text`: the reply streams to stdout as it is written; reasoning goes to stderr. */
async function streamText(
  session: Session,
  spec: TaskCommand,
  args: string[],
  flags: Record<string, unknown>,
): Promise<number> {
  const input = await taskInput(session, spec, args, flags)
  const ai = await session.atelier()
  let text = ''
  let finish: { finishReason: string; usage?: unknown } | undefined
  try {
    for await (const part of ai.text.stream(input as never, { signal: session.signal })) {
      if (part.type === 'text-delta') {
        text += part.text
        if (!session.flags.json) session.io.stdout.write(part.text)
      } else if (part.type === 'reasoning-delta') {
        if (!session.flags.quiet) session.io.stderr.write(part.text)
      } else {
        finish = { finishReason: part.finishReason, ...(part.usage ? { usage: part.usage } : {}) }
      }
    }
  } catch (error) {
    if (!session.flags.json && text) session.io.stdout.write('\n')
    return session.fail(error)
  }
  if (session.flags.json) session.printJson({ ok: true, task: spec.task, text, ...finish })
  else session.io.stdout.write(text.endsWith('\n') ? '' : '\n')
  return EXIT_CODES.ok
}

/** `atelier models [provider]`. */
async function listModels(session: Session, provider: string | undefined): Promise<number> {
  const ai = await session.atelier()
  if (provider !== undefined && !ai.providers.has(provider)) {
    throw new UsageError(
      `${provider} is not configured (configured: ${[...ai.providers.keys()].join(', ')})`,
    )
  }
  try {
    const models = await ai.models.list({
      ...(provider ? { provider } : {}),
      signal: session.signal,
    })
    if (session.flags.json) {
      session.printJson({ ok: true, models })
      return EXIT_CODES.ok
    }
    for (const model of models) {
      const tasks = model.tasks?.length ? `  ${model.tasks.join(', ')}` : ''
      session.io.stdout.write(`${model.provider}/${model.id}${tasks}\n`)
    }
    if (models.length === 0) session.note('no provider here lists its models')
    return EXIT_CODES.ok
  } catch (error) {
    return session.fail(error)
  }
}
