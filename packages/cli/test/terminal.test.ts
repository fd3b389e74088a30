/**
 * The live line in a real terminal: the built bin runs in a tmux pseudo-terminal and the
 * screen is read while a video job runs. The bar must be redrawn in place — one live line on
 * the screen at any time, showing different percentages over time — and leave only the
 * result lines behind. tmux is installed with apt-get when missing (as `.ci/run` does); the
 * check is skipped, saying why, only when that cannot be done.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { inspectMp4 } from '@atelier/emulators'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, ensureBuilt } from './built-cli'

const hasTmux = () => spawnSync('tmux', ['-V']).status === 0

/** Why the check cannot run, or undefined when tmux is there (installed now if need be). */
function tmuxMissing(): string | undefined {
  if (hasTmux()) return undefined
  const root = process.getuid?.() === 0
  if (root && spawnSync('apt-get', ['--version']).status === 0) {
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '-qq', 'tmux'], {
        stdio: 'ignore',
        timeout: 300_000,
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      })
    if (install().status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore', timeout: 300_000 })
      install()
    }
  }
  if (hasTmux()) return undefined
  return root
    ? 'tmux is not installed and `apt-get install -y tmux` failed'
    : 'tmux is not installed and installing it needs root (apt-get install -y tmux)'
}

const missing = tmuxMissing()
if (missing) console.warn(`skipping the terminal check: ${missing}`)

/** A live line: a spinner or a bar, then the state words. */
const LIVE_LINE = /(queued|running|\d+ %)( ·|$)/
const BAR_LINE = /[█░]{24} (\d+) %/

describe.skipIf(missing !== undefined)('in a terminal (tmux)', () => {
  const socket = `atelier-cli-test-${process.pid}`
  const tmux = (...args: string[]) =>
    spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' })
  let work: string

  beforeAll(() => {
    ensureBuilt()
    work = mkdtempSync(join(tmpdir(), 'atelier-cli-tty-'))
  }, 300_000)

  afterAll(() => {
    tmux('kill-server')
    rmSync(work, { recursive: true, force: true })
  })

  it('redraws one progress line in place, then leaves the result', async () => {
    // CI would switch the command to plain lines: this check is about the terminal.
    const command =
      `cd '${work}' && env -u CI node '${bin}' video 'waves at night' --emulator ` +
      `--emulator-time-scale 0.3 -o waves.mp4; echo "atelier exited $?"; sleep 600`
    const started = tmux('new-session', '-d', '-s', 'cli', '-x', '100', '-y', '24', command)
    expect(started.status, started.stderr).toBe(0)

    const screens: string[] = []
    // Read the screen until the command has exited; bounded by a count of looks, not a clock.
    for (let look = 0; look < 1_200; look++) {
      const screen = tmux('capture-pane', '-p', '-t', 'cli').stdout
      if (screen !== screens.at(-1)) screens.push(screen)
      if (screen.includes('atelier exited')) break
      await sleep(50)
    }
    const last = screens.at(-1) ?? ''
    expect(last).toContain('atelier exited 0')

    // Never two live lines on the screen: each redraw replaced the one before.
    for (const screen of screens) {
      const live = screen.split('\n').filter((line) => LIVE_LINE.test(line))
      expect(live.length, screen).toBeLessThanOrEqual(1)
    }
    // The same line showed the bar at different percentages over time.
    const percents = new Set(
      screens.flatMap((screen) => {
        const match = BAR_LINE.exec(screen)
        return match ? [match[1]] : []
      }),
    )
    expect(percents.size).toBeGreaterThanOrEqual(2)

    // What stays: the header lines, the result and the saved file; no progress line.
    const lines = last.split('\n').filter((line) => line.trim() !== '')
    expect(lines.filter((line) => LIVE_LINE.test(line))).toEqual([])
    expect(lines.some((line) => /completed in [\d.]+ s/.test(line))).toBe(true)
    expect(lines.some((line) => line.startsWith('saved waves.mp4'))).toBe(true)
    inspectMp4(readFileSync(join(work, 'waves.mp4')))
  }, 120_000)
})
