/**
 * What a watched job looks like on stderr. On a terminal one line redrawn in place (log-update
 * does the redrawing): a spinner and the queue position while queued; a bar with the percent,
 * the step and the ETA while the provider reports progress; a spinner with the elapsed time
 * when it does not, since a bar that moves on its own would be a guess. Elsewhere (a pipe, a
 * file, CI) one plain line each time something changes. `--quiet` shows nothing.
 */
import type { JobSnapshot } from 'atelier'
import cliSpinners from 'cli-spinners'
import { createLogUpdate } from 'log-update'
import colors from 'picocolors'

export type ProgressMode = 'tty' | 'plain' | 'quiet'

/** `tty` on a terminal outside CI, `plain` otherwise, `quiet` when asked. */
export function progressModeFor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  quiet: boolean,
): ProgressMode {
  if (quiet) return 'quiet'
  return stream.isTTY && !env.CI ? 'tty' : 'plain'
}

const BAR_WIDTH = 24
const SPINNER = cliSpinners.dots.frames

/** `1.2 s`, `42 s`, `3 min 05 s`. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000
  if (seconds < 10) return `${seconds.toFixed(1)} s`
  if (seconds < 60) return `${Math.round(seconds)} s`
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`
}

/**
 * Time left, when known: the provider's own estimate first, counted down from when that
 * snapshot arrived (the same snapshot comes again on every redraw); else, once the fraction
 * has moved, the rate since it was first seen above zero, marked `~` as an estimate of ours.
 * Nothing once the estimate has run out: a job past its ETA has no honest one left.
 */
export interface EtaTracker {
  etaOf(snapshot: JobSnapshot, now: number): string | undefined
}

export function createEtaTracker(): EtaTracker {
  let firstSeen: { at: number; fraction: number } | undefined
  let latest: { snapshot: JobSnapshot; at: number } | undefined
  return {
    etaOf(snapshot, now) {
      if (latest?.snapshot !== snapshot) latest = { snapshot, at: now }
      if (snapshot.state !== 'running') return undefined
      const progress = snapshot.progress
      const etaMs = progress?.etaMs ?? snapshot.hints?.etaMs
      if (etaMs !== undefined) {
        const left = etaMs - (now - latest.at)
        return left >= 500 ? formatDuration(left) : undefined
      }
      const fraction = progress?.fraction
      if (fraction === undefined || fraction <= 0) return undefined
      if (!firstSeen) {
        firstSeen = { at: now, fraction }
        return undefined
      }
      const moved = fraction - firstSeen.fraction
      if (moved <= 0 || fraction >= 1) return undefined
      const rate = moved / (now - firstSeen.at)
      return `~${formatDuration((1 - fraction) / rate)}`
    },
  }
}

/** The words of a snapshot, shared by both modes: `queued · position 2`, `45 % · step 9/20`. */
export function describeSnapshot(snapshot: JobSnapshot, eta: string | undefined): string {
  switch (snapshot.state) {
    case 'queued':
      return snapshot.position !== undefined ? `queued · position ${snapshot.position}` : 'queued'
    case 'running': {
      const progress = snapshot.progress
      const parts: string[] = []
      if (progress?.fraction !== undefined) parts.push(`${Math.round(progress.fraction * 100)} %`)
      else parts.push('running')
      if (progress?.step !== undefined) {
        parts.push(`step ${progress.step}${progress.totalSteps ? `/${progress.totalSteps}` : ''}`)
      }
      if (eta) parts.push(`ETA ${eta}`)
      if (progress?.message) parts.push(progress.message)
      return parts.join(' · ')
    }
    default:
      return snapshot.state
  }
}

type Colors = ReturnType<typeof colors.createColors>

function bar(fraction: number, paint: Colors): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH)
  return `${paint.cyan('█'.repeat(filled))}${paint.dim('░'.repeat(BAR_WIDTH - filled))}`
}

/**
 * Colours for the terminal line: picocolors' own default looks at stdout, but the line is on
 * stderr, which is a terminal here; `NO_COLOR` and a dumb terminal still turn them off.
 */
export function colorsFor(env: NodeJS.ProcessEnv): Colors {
  return colors.createColors(!('NO_COLOR' in env) && env.TERM !== 'dumb')
}

export interface ProgressView {
  /** A line that stays (the model and job id, a saved file); the live line is redrawn below it. */
  note(line: string): void
  /** The latest snapshot; redraws (terminal) or prints when something changed (plain). */
  show(snapshot: JobSnapshot): void
  /** Ends the live line with a last one that stays; on a terminal marked ✔ or ✖ by `outcome`. */
  end(line: string, outcome?: 'ok' | 'failed'): void
}

export function createProgressView(
  mode: ProgressMode,
  stream: NodeJS.WriteStream,
  options: { env?: NodeJS.ProcessEnv; now?: () => number } = {},
): ProgressView {
  const now = options.now ?? Date.now
  const paint = colorsFor(options.env ?? {})
  const started = now()
  const eta = createEtaTracker()
  const elapsed = () => formatDuration(now() - started)
  if (mode === 'quiet') return { note() {}, show() {}, end() {} }

  if (mode === 'plain') {
    let last: string | undefined
    let lastAt = started
    return {
      note: (line) => stream.write(`${line}\n`),
      show(snapshot) {
        // A line per change (a new ETA alone is none), and a heartbeat every 30 s of silence
        // so a log shows the job is alive.
        const change = describeSnapshot(snapshot, undefined)
        const words = describeSnapshot(snapshot, eta.etaOf(snapshot, now()))
        if (change === last && now() - lastAt < 30_000) return
        last = change
        lastAt = now()
        stream.write(`${words} (${elapsed()})\n`)
      },
      end: (line) => stream.write(`${line}\n`),
    }
  }

  const live = createLogUpdate(stream)
  let frame = 0
  let latest: JobSnapshot | undefined
  const draw = () => {
    if (!latest) return
    const snapshot = latest
    const words = describeSnapshot(snapshot, eta.etaOf(snapshot, now()))
    const spinner = paint.cyan(SPINNER[frame++ % SPINNER.length]!)
    const fraction = snapshot.state === 'running' ? snapshot.progress?.fraction : undefined
    const head = fraction !== undefined ? bar(fraction, paint) : spinner
    live(`${head} ${words} ${paint.dim(`· ${elapsed()}`)}`)
  }
  return {
    note(line) {
      live.persist(line)
      draw()
    },
    show(snapshot) {
      latest = snapshot
      draw()
    },
    end(line, outcome = 'ok') {
      live(`${outcome === 'ok' ? paint.green('✔') : paint.red('✖')} ${line}`)
      live.done()
    },
  }
}
