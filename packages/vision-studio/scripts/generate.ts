/**
 * Generates `src/generated/*` from the Vision Studio API document: zod/mini schemas and
 * TypeScript types for every request body (and the types they refer to), the endpoints
 * table, one standalone function per endpoint, and the client's method tree over them.
 *
 *   node ../../node_modules/.bin/tsx scripts/generate.ts      (from packages/vision-studio)
 *
 * The document is read from `../../../shared/seeds/` relative to the package (the `shared/`
 * folder beside the repository), or from `VISION_STUDIO_SEED`. The output is formatted with
 * the repository's biome settings, so it is committed as is; `test/generated.test.ts` runs
 * this in memory and fails when the committed files differ.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  componentTypeName,
  emitComponents,
  emitEndpoints,
  emitFunctions,
  emitOperations,
  emitRequests,
  HEADER,
  requestGroup,
  requestTypeName,
  SEED_FILE,
  schemaName,
} from './generator/emit'
import { classify } from './generator/names'
import { parseSeed } from './generator/parse'
import type { ComponentNames } from './generator/render'

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url))
const REPOSITORY_DIR = join(PACKAGE_DIR, '..', '..')
/** Where the generated files go, relative to the package. */
export const GENERATED_DIR = 'src/generated'

/** The API document: `VISION_STUDIO_SEED`, else `shared/seeds/` beside the repository. */
export function seedPath(): string {
  return (
    process.env.VISION_STUDIO_SEED ??
    join(PACKAGE_DIR, '..', '..', '..', 'shared', 'seeds', SEED_FILE)
  )
}

/** The generated sources, unformatted, keyed by path relative to the package. */
export function generateSources(text: string): Map<string, string> {
  const seed = parseSeed(text)
  const classified = classify(seed.endpoints)
  const names = new Map<string, ComponentNames>()
  for (const name of seed.components.keys()) {
    const type = componentTypeName(name)
    names.set(name, { type, schema: schemaName(type) })
  }
  const input = { seed, classified, text }
  const files = new Map<string, string>()
  files.set(`${GENERATED_DIR}/components.ts`, emitComponents(input, names))

  const groups = [
    ...new Set(classified.filter((item) => item.endpoint.requestSchema).map(requestGroup)),
  ]
  const requestFiles = new Map<string, string[]>()
  for (const group of groups) {
    const source = emitRequests(input, names, group)
    if (!source) continue
    files.set(`${GENERATED_DIR}/requests/${group}.ts`, source)
    requestFiles.set(
      group,
      classified
        .filter((item) => item.endpoint.requestSchema && requestGroup(item) === group)
        .map(requestTypeName),
    )
  }
  files.set(`${GENERATED_DIR}/endpoints.ts`, emitEndpoints(input, requestFiles))
  files.set(`${GENERATED_DIR}/functions.ts`, emitFunctions(input, requestFiles))
  files.set(`${GENERATED_DIR}/operations.ts`, emitOperations(input, requestFiles))
  // The method tree (`operations.ts`) is the client class's alone: the package root, which
  // re-exports this index, must not hand out the whole client.
  const modules = [
    'components',
    'endpoints',
    'functions',
    ...groups.map((group) => `requests/${group}`),
  ]
  files.set(
    `${GENERATED_DIR}/index.ts`,
    `${HEADER}/**\n * Everything generated from the API document but the client's method tree (\`operations.ts\`,\n * imported by the client class alone).\n */\n${modules
      .sort()
      .map((module) => `export * from './${module}'`)
      .join('\n')}\n`,
  )
  return files
}

/** Formats (and organises imports) the way `biome check --write` does, in memory. */
export function formatWithBiome(files: Map<string, string>): Map<string, string> {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome')
  const formatted = new Map<string, string>()
  for (const [path, source] of files) {
    const result = spawnSync(
      process.execPath,
      [biome, 'check', '--write', `--stdin-file-path=${join(PACKAGE_DIR, path)}`],
      { cwd: REPOSITORY_DIR, input: source, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    )
    if (result.status !== 0) {
      throw new Error(`biome rejected ${path}:\n${result.stderr}${result.stdout}`)
    }
    formatted.set(path, result.stdout)
  }
  return formatted
}

/** Reads the document and returns the formatted files. */
export function generate(path = seedPath()): Map<string, string> {
  return formatWithBiome(generateSources(readFileSync(path, 'utf8')))
}

/** Files under `src/generated` now, relative to the package. */
export function existingGeneratedFiles(): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    let entries: import('node:fs').Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.push(relative(PACKAGE_DIR, full).split('\\').join('/'))
    }
  }
  walk(join(PACKAGE_DIR, GENERATED_DIR))
  return out.sort()
}

function main(): void {
  const files = generate()
  for (const stale of existingGeneratedFiles()) {
    if (!files.has(stale)) rmSync(join(PACKAGE_DIR, stale))
  }
  for (const [path, content] of files) {
    const full = join(PACKAGE_DIR, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, content)
  }
  console.log(`generated ${files.size} files in ${GENERATED_DIR} from ${seedPath()}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main()
