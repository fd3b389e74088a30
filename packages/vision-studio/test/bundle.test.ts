/**
 * The driver's bundle holds only the schemas of the endpoints it maps: bundling
 * `visionStudio` from the package entry (as an app would, zod and core left out) must
 * contain the path of every endpoint a task's handler calls (`ENDPOINTS[i].tasks` not empty)
 * and of no other endpoint, nor their functions or the client. One endpoint function bundles
 * that endpoint alone; the client entry bundles them all.
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
    minify: false,
    external: ['zod', 'zod/*', '@atelier/core'],
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

describe('bundles', () => {
  it('with the driver alone, carry the mapped endpoints and nothing else of the API', async () => {
    const code = await bundle(
      `import { visionStudio } from './src'\nglobalThis.driver = visionStudio`,
    )
    for (const endpoint of ENDPOINTS) {
      expect(code.includes(`"${endpoint.path}"`), `${endpoint.name} (${endpoint.path})`).toBe(
        endpoint.tasks.length > 0,
      )
    }
    expect(code).not.toContain('createOperations')
    expect(code).not.toContain('VisionStudioClient')
    expect(code).not.toContain('syncFlagMethod')
    // No function of an endpoint only the client calls (the bundle is not minified: names stay).
    for (const endpoint of ENDPOINTS.filter((row) => row.tasks.length === 0)) {
      expect(code, endpoint.functionName).not.toMatch(new RegExp(`\\b${endpoint.functionName}\\b`))
    }
    // What the tables add to each endpoint (provider, title, summary, status and cancel paths,
    // tasks) stays out.
    expect(code).not.toContain('describeEndpoint')
    expect(code).not.toContain('Bria Generate Image')
    expect(code).not.toContain("Generate high-quality images using BRIA's base model.")
    expect(code).not.toContain('clientMethod')
    // A LoRA-only field name and a field only unmapped endpoints have.
    expect(code).not.toContain('ip_medium')
    expect(code).not.toContain('shadow_intensity')
  }, 30_000)

  it('with the client, carry every endpoint', async () => {
    const client = await bundle(
      `import { VisionStudioClient } from './src/client'\nglobalThis.client = VisionStudioClient`,
    )
    for (const endpoint of ENDPOINTS) expect(client, endpoint.name).toContain(`"${endpoint.path}"`)
  }, 30_000)

  it('with one endpoint function, carry that endpoint and no other', async () => {
    const code = await bundle(
      `import { listLoRAProjects } from './src/client'\nglobalThis.call = listLoRAProjects`,
    )
    // `GET` (list) and `POST` (create) share the path: the path is carried, the other constant not.
    const paths = new Set(ENDPOINTS.map((endpoint) => endpoint.path))
    expect([...paths].filter((path) => code.includes(`"${path}"`))).toEqual([
      '/api/v1/bria-lora/projects',
    ])
    expect(code).toContain('loRAProjectsListEndpoint')
    expect(code).not.toContain('loRAProjectsCreateEndpoint')
    expect(code).not.toContain('VisionStudioClient')
    // Request fields of other endpoints (a project's create body, Bria's product shadow).
    expect(code).not.toContain('briaLoraCreateProjectRequestSchema')
    expect(code).not.toContain('shadow_intensity')
  }, 30_000)
})
