/**
 * The commands that run jobs: a task run to the end (`atelier image ...`), `submit`, and
 * `status`, `wait` and `cancel` on a stored ref. A job is watched with
 * `job.updates({ everyMs })`, so its line is redrawn on time even when the provider is silent,
 * and Ctrl-C cancels it where the provider can.
 */
import { writeFile } from 'node:fs/promises'
import type { AtelierJob, JobRef, TaskName, TaskOutput } from 'atelier'
import { EXIT_CODES, UsageError } from './exit-codes'
import { outputPaths, type SavedFile, saveFiles } from './media'
import { formatDuration, type ProgressView } from './progress'
import { readRef } from './refs'
import type { Session } from './session'
import { jsonArgument, resultOf, type TaskCommand } from './tasks'

type AnyJob = AtelierJob<TaskName>

/** How long a cancel may take before the command gives up on it and says so. */
const CANCEL_LIMIT_MS = 15_000

/** The task's input from the command line: `--input` first, the flags over it, then the model. */
export async function taskInput(
  session: Session,
  command: TaskCommand,
  args: string[],
  flags: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const base = typeof flags.input === 'string' ? await jsonArgument(flags.input, '--input') : {}
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    throw new UsageError('--input must be a JSON object of task fields')
  }
  const fromFlags = await command.input(args, flags)
  const model = await session.modelFor(
    command.name,
    command.task,
    typeof flags.model === 'string' ? flags.model : undefined,
  )
  return { ...base, ...fromFlags, model }
}

/** The submit's signal, and `--idempotency-key` when given (the same key marks the same work). */
function submitOptions(session: Session, flags: Record<string, unknown>) {
  return {
    signal: session.signal,
    ...(typeof flags.idempotencyKey === 'string' ? { idempotencyKey: flags.idempotencyKey } : {}),
  }
}

/** `atelier <task> ...`: submit, watch, save. Ctrl-C and `--timeout` cancel the job. */
export async function runTask(
  session: Session,
  command: TaskCommand,
  args: string[],
  flags: Record<string, unknown>,
): Promise<number> {
  const input = await taskInput(session, command, args, flags)
  const ai = await session.atelier()
  const view = session.progressView()
  const started = Date.now()
  view.note(`${command.task} · ${input.model}`)
  let job: AnyJob
  try {
    job = (await ai.submit(command.task, input as never, submitOptions(session, flags))) as AnyJob
  } catch (error) {
    if (session.stopReason) {
      // The submit may have reached the provider, but no job id came back to cancel.
      view.end(
        `${session.stopReason === 'interrupt' ? 'interrupted' : 'timed out'} while submitting`,
        'failed',
      )
    }
    return session.fail(error)
  }
  view.note(`job ${job.id} on ${job.provider}`)
  return finish(session, job, view, {
    owned: true,
    started,
    output: typeof flags.output === 'string' ? flags.output : undefined,
  })
}

/** `atelier submit <task> ...`: prints the job's ref as JSON and leaves the job running. */
export async function submitTask(
  session: Session,
  command: TaskCommand,
  args: string[],
  flags: Record<string, unknown>,
): Promise<number> {
  const input = await taskInput(session, command, args, flags)
  const ai = await session.atelier()
  const provider = String(input.model).split('/', 1)[0]!
  const capability = ai.providers.get(provider)?.capabilities[command.task]
  if (capability && !capability.resumable) {
    // Refused before anything is sent: such a job lives inside one request of this process.
    throw new UsageError(
      `${provider} runs ${command.task} inside one request, which cannot be resumed from another ` +
        `process: run \`atelier ${command.name}\` instead of submit`,
    )
  }
  try {
    const job = (await ai.submit(
      command.task,
      input as never,
      submitOptions(session, flags),
    )) as AnyJob
    session.io.stdout.write(`${JSON.stringify(job)}\n`)
    session.note(`submitted job ${job.id} to ${job.provider}: atelier wait <ref> saves its outputs`)
    return EXIT_CODES.ok
  } catch (error) {
    return session.fail(error)
  }
}

/** The job of a stored ref; a provider that is not configured is named with what to set. */
async function resumed(session: Session, argument: string): Promise<AnyJob> {
  const ref = await readRef(argument, session.io.stdin)
  const ai = await session.atelier()
  const provider = (ref as { provider?: unknown } | null)?.provider
  if (typeof provider === 'string' && !ai.providers.has(provider)) {
    throw new UsageError(
      `the job is on ${provider}, which is not configured here (${ENV_HINTS[provider] ?? 'see atelier --help'})`,
    )
  }
  return ai.jobs.resume(ref) as AnyJob
}

const ENV_HINTS: Record<string, string> = {
  canary: 'set CANARY_URL and CANARY_API_KEY',
  onysoft: 'set ONYSOFT_API_KEY',
  vlmrun: 'set VLMRUN_API_KEY',
  'vision-studio': 'set VISION_STUDIO_URL and VISION_STUDIO_API_KEY',
}

/** `atelier wait <ref>`: watch a job to its end and save its outputs. Ctrl-C cancels it too. */
export async function waitForJob(
  session: Session,
  argument: string,
  flags: Record<string, unknown>,
): Promise<number> {
  const job = await resumed(session, argument)
  const view = session.progressView()
  view.note(`job ${job.id} on ${job.provider} (${job.task})`)
  return finish(session, job, view, {
    owned: false,
    started: Date.now(),
    output: typeof flags.output === 'string' ? flags.output : undefined,
  })
}

/**
 * `atelier status <ref>`: one look at the job (`job.check()`: one status request, nothing
 * kept running), printed; the job is left as it is.
 */
export async function jobStatus(session: Session, argument: string): Promise<number> {
  const job = await resumed(session, argument)
  try {
    const { snapshot, nextCheckInMs } = await job.check({ signal: session.signal })
    const summary: Record<string, unknown> = { job: job.toJSON(), state: snapshot.state }
    if (snapshot.state === 'queued' && snapshot.position !== undefined) {
      summary.position = snapshot.position
    }
    if (snapshot.state === 'running' && snapshot.progress) summary.progress = snapshot.progress
    if (snapshot.state === 'failed') summary.error = snapshot.error.message
    if (snapshot.state === 'completed') {
      const result = resultOf(job.task, snapshot.output as TaskOutput<TaskName>)
      summary.outputs = result.files.map((file) => ({ mediaType: file.mediaType, url: file.url }))
      if (result.text !== undefined) summary.text = result.text
    }
    // When the polling engine would look again: a hint for scripts that poll with status.
    if (nextCheckInMs !== undefined) summary.nextCheckInMs = nextCheckInMs
    if (session.flags.json) session.printJson({ ok: true, ...summary })
    else session.io.stdout.write(`${statusLine(summary)}\n`)
    return EXIT_CODES.ok
  } catch (error) {
    return session.fail(error, { job: job.toJSON() })
  }
}

function statusLine(summary: Record<string, unknown>): string {
  const parts = [String(summary.state)]
  if (summary.position !== undefined) parts.push(`position ${summary.position}`)
  const progress = summary.progress as { fraction?: number; step?: number; totalSteps?: number }
  if (progress?.fraction !== undefined) parts.push(`${Math.round(progress.fraction * 100)} %`)
  if (progress?.step !== undefined)
    parts.push(`step ${progress.step}/${progress.totalSteps ?? '?'}`)
  if (summary.error) parts.push(String(summary.error))
  const outputs = summary.outputs as { mediaType: string }[] | undefined
  if (outputs) parts.push(`${outputs.length} output(s): atelier wait <ref> saves them`)
  return parts.join(' · ')
}

/** `atelier cancel <ref>`: cancels the job where its provider can, and says what happened. */
export async function cancelJob(session: Session, argument: string): Promise<number> {
  const job = await resumed(session, argument)
  const ai = await session.atelier()
  try {
    const said = await cancelAndSay(job, ai.providers.get(job.provider)?.capabilities)
    if (session.flags.json) session.printJson({ ok: true, job: job.toJSON(), canceled: said })
    else session.io.stderr.write(`${said.message}\n`)
    return EXIT_CODES.ok
  } catch (error) {
    return session.fail(error, { job: job.toJSON() })
  }
}

interface CancelOutcome {
  /** `remote`: the provider was asked to stop the job; `local`: only this side stopped. */
  mode: 'remote' | 'local' | 'none'
  message: string
}

/**
 * Whether a cancel reaches the provider. The task's capability says it for most drivers; Vision
 * Studio's tasks say `local` because Bria has no cancel route, while its Firefly and Runway
 * routes (named in the ref) do cancel on the server.
 */
function cancelsRemotely(job: AnyJob, mode: 'remote' | 'local' | 'none'): boolean {
  if (mode === 'remote') return true
  const route = job.toJSON().data?.route
  return job.provider === 'vision-studio' && (route === 'runway' || route === 'firefly')
}

/** Cancels, within a time limit, and words what it did honestly for this provider and task. */
async function cancelAndSay(
  job: AnyJob,
  capabilities: Partial<Record<TaskName, { cancel: 'remote' | 'local' | 'none' }>> | undefined,
): Promise<CancelOutcome> {
  const capability = capabilities?.[job.task]?.cancel ?? 'none'
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the cancel of job ${job.id} did not finish within 15 s`)),
      CANCEL_LIMIT_MS,
    )
  })
  try {
    await Promise.race([job.cancel(), limit])
  } finally {
    clearTimeout(timer)
  }
  if (job.toJSON().inline) {
    return {
      mode: 'local',
      message: `canceled: the request to ${job.provider} was aborted (work the server already started may still finish there)`,
    }
  }
  if (cancelsRemotely(job, capability)) {
    return {
      mode: 'remote',
      message: `canceled job ${job.id}: ${job.provider} was asked to stop it`,
    }
  }
  return {
    mode: capability === 'none' ? 'none' : 'local',
    message:
      `stopped watching job ${job.id}: ${job.provider} cannot cancel ${job.task} jobs from ` +
      `outside, so it may still finish on the server. To look at it again: atelier status '${JSON.stringify(job)}'`,
  }
}

/**
 * Watches a job to its end, saves its outputs, prints the result. On Ctrl-C (and on
 * `--timeout` for a job this command started), the job is canceled first.
 */
async function finish(
  session: Session,
  job: AnyJob,
  view: ProgressView,
  options: { owned: boolean; started: number; output: string | undefined },
): Promise<number> {
  const ai = await session.atelier()
  const stopDrawing = new AbortController()
  const drawing = (async () => {
    try {
      for await (const snapshot of job.updates({
        everyMs: session.cadenceMs,
        signal: stopDrawing.signal,
      })) {
        view.show(snapshot)
      }
    } catch {
      // Stopped: the wait below decides what happened.
    }
  })()
  let output: TaskOutput<TaskName>
  try {
    output = (await job.wait({ signal: session.signal })) as TaskOutput<TaskName>
  } catch (error) {
    stopDrawing.abort()
    await drawing
    const reason = session.stopReason
    if (reason === 'interrupt' || (reason === 'timeout' && options.owned)) {
      view.end(
        reason === 'interrupt' ? 'interrupted (Ctrl-C): canceling…' : 'timed out: canceling…',
        'failed',
      )
      try {
        const said = await cancelAndSay(job, ai.providers.get(job.provider)?.capabilities)
        session.io.stderr.write(`${said.message}\n`)
      } catch (cancelError) {
        session.io.stderr.write(
          `could not cancel job ${job.id}: ${(cancelError as Error).message}; ` +
            `it may still run: atelier cancel '${JSON.stringify(job)}'\n`,
        )
      }
    } else if (reason === 'timeout') {
      view.end(
        `stopped waiting; job ${job.id} goes on: atelier wait '${JSON.stringify(job)}'`,
        'failed',
      )
    } else {
      view.end(
        `${job.snapshot?.state ?? 'failed'} after ${formatDuration(Date.now() - options.started)}`,
        'failed',
      )
    }
    return session.fail(error, { job: job.toJSON() })
  }
  stopDrawing.abort()
  await drawing
  view.end(`completed in ${formatDuration(Date.now() - options.started)}`)

  const result = resultOf(job.task, output)
  let saved: SavedFile[] = []
  try {
    const paths = outputPaths(result.files, {
      ...(options.output ? { output: options.output } : {}),
      ...(session.outDir ? { outDir: session.outDir } : {}),
      stem: `${job.task.split('.')[0]}-${job.id}`.replace(/[^\w.-]/g, '_'),
    })
    saved = await saveFiles(result.files, paths, session.signal)
  } catch (error) {
    return session.fail(error, { job: job.toJSON() })
  }
  for (const file of saved) session.note(`saved ${file.path} (${formatBytes(file.bytes)})`)
  if (result.text !== undefined && options.output && result.files.length === 0) {
    // A text answer with -o: the file holds it; stdout too, unless --json has its own.
    await writeFile(options.output, `${result.text}\n`)
    session.note(`saved ${options.output}`)
  }
  if (session.flags.json) {
    session.printJson({
      ok: true,
      task: job.task,
      job: job.toJSON() as JobRef,
      state: 'completed',
      elapsedMs: Date.now() - options.started,
      files: saved,
      ...(result.text !== undefined ? { text: result.text } : {}),
      ...result.details,
    })
  } else {
    if (result.text !== undefined) session.io.stdout.write(`${result.text}\n`)
    for (const [key, value] of Object.entries(result.details)) {
      if (key === 'detections' || key === 'webMatches' || key === 'object' || key === 'variants') {
        session.io.stdout.write(`${key}: ${JSON.stringify(value, null, 2)}\n`)
      }
    }
    for (const warning of (result.details.warnings as { type: string }[] | undefined) ?? []) {
      session.note(`warning: ${JSON.stringify(warning)}`)
    }
  }
  return EXIT_CODES.ok
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
