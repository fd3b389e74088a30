/**
 * Chromium (Debian's package) driven by playwright-core. A tiny static server on loopback
 * serves a page and the browser bundle; the page calls `runScenario(emulatorUrl)`, so every
 * request to the emulator is a real cross-origin request (another port) that needs CORS.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright-core'
import type { ScenarioCheck, ScenarioResult } from '../scenario'
import type { RunningEmulator } from './emulator'
import type { RuntimeRun } from './outcome'
import { runCommand, tail } from './processes'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** The flags a root, offline, headless machine needs (see the machine notes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export interface InstallStep {
  what: string
  ms: number
  error?: string
}

/**
 * Installs Debian's chromium when it is missing (CI machines start fresh): `apt-get update`
 * then `apt-get install -y chromium`, as root or through `sudo -n`.
 */
export async function ensureChromium(timeoutMs: number): Promise<InstallStep | undefined> {
  if (existsSync(CHROMIUM_PATH)) return undefined
  const started = Date.now()
  const what = 'apt-get update && apt-get install -y chromium'
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    return { what, ms: 0, error: `${CHROMIUM_PATH} is missing and this machine has no apt-get` }
  }
  const asRoot = process.getuid?.() === 0
  const run = (args: string[]) =>
    asRoot
      ? runCommand('apt-get', args, { timeoutMs, env })
      : runCommand('sudo', ['-n', 'apt-get', ...args], { timeoutMs, env })
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const output = await run(args)
    if (output.code !== 0) {
      const reason = output.timedOut
        ? `timed out after ${timeoutMs / 1000} s`
        : `exit ${output.code}`
      return {
        what,
        ms: Date.now() - started,
        error: `apt-get ${args.join(' ')} failed (${reason}):\n${tail(output.stdout + output.stderr)}`,
      }
    }
  }
  if (!existsSync(CHROMIUM_PATH)) {
    return { what, ms: Date.now() - started, error: `installed, but ${CHROMIUM_PATH} is missing` }
  }
  return { what, ms: Date.now() - started }
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>atelier runtime test</title></head>
<body><p>atelier runtime test: the scenario runs from <code>/scenario.js</code>.</p>
<script type="module">
import { runScenario } from '/scenario.js'
window.runScenario = runScenario
</script></body></html>`

type ScenarioWindow = { runScenario?: (baseUrl: string) => Promise<ScenarioResult> }

/** Serves the page at `/` and the bundle at `/scenario.js` on loopback. */
async function serveStatic(bundle: string): Promise<{ url: string; server: Server }> {
  const script = readFileSync(bundle)
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
    } else if (path === '/scenario.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script)
    } else if (path === '/favicon.ico') {
      response.writeHead(204).end()
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server }
}

export async function runChromium(
  bundle: string,
  emulator: RunningEmulator,
  timeoutMs: number,
): Promise<RuntimeRun> {
  if (!existsSync(CHROMIUM_PATH)) return { error: `${CHROMIUM_PATH} is not installed` }
  const site = await serveStatic(bundle)
  const browser = await chromium
    .launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((error: unknown) => error as Error)
  if (browser instanceof Error) {
    await new Promise((resolve) => site.server.close(resolve))
    return { error: `chromium did not start: ${browser.message}` }
  }
  const version = `Chromium ${browser.version()}`
  const pageErrors: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`)
    })
    await page.goto(`${site.url}/`)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs / 1000} s`)),
        timeoutMs,
      )
    })
    const result = (await Promise.race([
      page
        .waitForFunction(() => typeof (window as ScenarioWindow).runScenario === 'function')
        .then(() =>
          page.evaluate(
            (emulatorUrl) => (window as ScenarioWindow).runScenario!(emulatorUrl),
            emulator.url,
          ),
        ),
      timeout,
    ])) as ScenarioResult
    const crossOrigin = emulator.origins.get(site.url) ?? 0
    const cors: ScenarioCheck = {
      name: 'cross-origin',
      ok: crossOrigin > 0,
      detail:
        crossOrigin > 0
          ? `${crossOrigin} requests from the page at ${site.url} to the emulator at ${emulator.url} (CORS)`
          : `no request reached the emulator with Origin ${site.url}`,
      ms: 0,
    }
    return {
      version,
      result,
      harnessChecks: [cors],
      ...(result.ok || pageErrors.length === 0 ? {} : { error: pageErrors.join('\n') }),
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { version, error: [message, ...pageErrors].join('\n') }
  } finally {
    clearTimeout(timer)
    await browser.close().catch(() => {})
    await new Promise((resolve) => site.server.close(resolve))
  }
}
