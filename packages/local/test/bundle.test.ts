/**
 * What an app bundles: with the `local` driver alone (imported from the package root, zod and
 * core left out), the paths of endpoints no task calls stay out, and so does `SillyMediaClient`;
 * with the class, every endpoint is in. A path shared with an endpoint a task calls (the same
 * URL under another method) is in either way.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS } from '../src'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE_DIR, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    // Comments out (a doc comment may name a path), names kept (to look for them).
    minifyWhitespace: true,
    external: ['zod', 'zod/*', '@atelier/core', '@atelier/core/*'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The path as the calls hold it: a string (`'/tts/history'`, or a template ending in a query
 * string) or, with `{param}`s, a template (`pathOf\`/tts/history/${entry_id}/audio\``).
 */
function pathInCode(path: string): RegExp {
  const parts = path.split(/\{[^}]+\}/)
  return parts.length === 1
    ? new RegExp(`["'\`]${escapeRegExp(path)}["'\`?]`)
    : new RegExp(`\`${parts.map(escapeRegExp).join('\\$\\{[^}]*\\}')}\``)
}

/** Paths the code builds from one template for several routes, as the code writes them. */
const WRITTEN_AS: Record<string, string> = {
  '/model3d/download/{model_id}': '/model3d/{route}/{model_id}',
  '/model3d/ref/{model_id}': '/model3d/{route}/{model_id}',
}
const taskPaths = new Set(ENDPOINTS.filter((row) => row.tasks.length > 0).map((row) => row.path))
const clientOnly = ENDPOINTS.filter((row) => row.tasks.length === 0)

describe('bundles', () => {
  it('with the driver alone, carry no endpoint that only the client calls', async () => {
    const code = await bundle(`import { local } from './src'\nglobalThis.driver = local`)
    for (const row of clientOnly) {
      if (taskPaths.has(row.path)) continue
      expect(pathInCode(row.path).test(code), `${row.method} ${row.path}`).toBe(false)
    }
    expect(code).not.toContain('class SillyMediaClient')
    expect(code).not.toContain('class ActorsApi')
    // Schemas of client-only endpoints: ComfyUI workflows, actor uploads, TTS history, LoRA lists.
    expect(code).not.toContain('comfyPromptRequestSchema')
    expect(code).not.toContain('actorFromYoutubeRequestSchema')
    expect(code).not.toContain('ttsHistoryResponseSchema')
    expect(code).not.toContain('lorasResponseSchema')
    // The descriptions of the endpoint table stay out too.
    expect(code).not.toContain('clientMethod')
    // What the tasks call is there.
    for (const path of ['/pixelart/generate', '/tts/generate', '/llm/stream', '/music/generate']) {
      expect(pathInCode(path).test(code), path).toBe(true)
    }
  }, 30_000)

  it('with the client class, carry every endpoint', async () => {
    const code = await bundle(
      `import { SillyMediaClient } from './src/client'\nglobalThis.client = SillyMediaClient`,
    )
    for (const row of ENDPOINTS) {
      const written = WRITTEN_AS[row.path] ?? row.path
      expect(pathInCode(written).test(code), `${row.method} ${row.path}`).toBe(true)
    }
  }, 30_000)
})
