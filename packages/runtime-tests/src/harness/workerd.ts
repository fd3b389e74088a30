/**
 * workerd through Miniflare: the workerd bundle is a Worker module; one request to it runs the
 * scenario inside workerd, whose own `fetch` reaches the emulator on 127.0.0.1 (Miniflare's
 * outbound network allows private addresses, loopback included).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Miniflare } from 'miniflare'
import type { ScenarioResult } from '../scenario'
import type { RuntimeRun } from './outcome'

const require = createRequire(import.meta.url)

/** The newest date this workerd build supports (its version is 1.YYYYMMDD.x). */
function compatibilityDate(version: string): string {
  const date = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(version)
  return date ? `${date[1]}-${date[2]}-${date[3]}` : '2025-01-01'
}

function workerdVersion(): string {
  const miniflareDir = dirname(require.resolve('miniflare/package.json'))
  const manifest = createRequire(join(miniflareDir, 'package.json')).resolve('workerd/package.json')
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version
}

export async function runWorkerd(
  bundle: string,
  emulatorUrl: string,
  timeoutMs: number,
): Promise<RuntimeRun> {
  let version: string | undefined
  let miniflare: Miniflare | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  try {
    version = workerdVersion()
    const started = new Miniflare({
      modules: true,
      scriptPath: bundle,
      compatibilityDate: compatibilityDate(version),
    })
    miniflare = started
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs / 1000} s`)),
        timeoutMs,
      )
    })
    const run = async () => {
      await started.ready
      const response = await started.dispatchFetch(
        `http://runtime-tests.invalid/?emulator=${encodeURIComponent(emulatorUrl)}`,
      )
      const text = await response.text()
      if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text}`)
      return JSON.parse(text) as ScenarioResult
    }
    const result = await Promise.race([run(), timeout])
    return { version: `workerd ${version}`, result }
  } catch (error) {
    return {
      ...(version ? { version: `workerd ${version}` } : {}),
      error: error instanceof Error ? error.message : String(error),
    }
  } finally {
    clearTimeout(timer)
    await miniflare?.dispose().catch(() => {})
  }
}
