/**
 * Reads the Vision Studio API document (seed 003) and writes the emulator's own reading of it,
 * `src/vision-studio/document.ts`: every endpoint's method, path, tag, title, path and query
 * parameters, and its request body (content type and JSON Schema, stripped to the keywords a
 * validator needs), plus the component schemas those bodies name with `$ref`.
 *
 *   node scripts/pnpm.mjs exec tsx packages/emulators/scripts/extract-vision-studio.ts [seed]
 *
 * This is written from the document's text alone, on purpose: the emulator is there to check
 * the driver, so it must not share the driver's reading of the document.
 *
 * How the document is laid out (what this relies on):
 * - an endpoint starts at a line that is only `METHOD /path`; the next line is its title;
 * - a tag's name stands alone on the line before the first endpoint of that tag;
 * - `Input parameters` is a table `Parameter In Type Default Nullable Description`, one row a
 *   line, the default cell empty when there is none;
 * - `Schema of the request body` is followed by the schema as indented JSON;
 * - the `Schemas` section near the end describes the components `$ref` points at, only by
 *   name and type: `Type: string` for an enumeration (its values are not listed), or a
 *   `Name Type` table for an object (its fields, without their rules or which are required).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type {
  DocumentEndpoint,
  DocumentParameter,
  JsonSchema,
  VisionStudioDocument,
} from '../src/vision-studio/document-types'

export type { VisionStudioDocument }

/** The keywords a validator needs; titles, descriptions and examples are dropped. */
const KEPT = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  'default',
  'format',
])

function strip(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strip)
  if (schema === null || typeof schema !== 'object') return schema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (!KEPT.has(key)) continue
    if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as JsonSchema).map(([name, child]) => [name, strip(child)]),
      )
    } else if (key === 'default' || key === 'enum' || key === 'const' || key === 'required') {
      out[key] = value
    } else out[key] = strip(value)
  }
  return out
}

const HEADING = /^(GET|POST|PUT|DELETE|PATCH) (\/\S*)$/

/** The JSON value that starts at `lines[start]` (a `{` line), and the line after it. */
function readJson(lines: string[], start: number): { value: unknown; next: number } {
  let depth = 0
  let index = start
  const taken: string[] = []
  do {
    const line = lines[index]!
    taken.push(line)
    for (const char of line.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
      if (char === '{' || char === '[') depth++
      if (char === '}' || char === ']') depth--
    }
    index++
  } while (depth > 0 && index < lines.length)
  return { value: JSON.parse(taken.join('\n')), next: index }
}

const TABLE_DEFAULTS: Record<string, unknown> = { False: false, True: true, None: null }

function parseParameter(row: string): DocumentParameter | undefined {
  const [name, location, type, ...rest] = row.trim().split(/\s+/)
  if (location !== 'path' && location !== 'query') return undefined // the API key header
  let nullable: boolean
  let fallback: string | undefined
  if (rest[0] === 'Yes' || rest[0] === 'No') nullable = rest[0] === 'Yes'
  else {
    fallback = rest[0]
    nullable = rest[1] === 'Yes'
  }
  const parameter: DocumentParameter = {
    name: name!,
    in: location,
    type: type!,
    required: location === 'path' || fallback === undefined,
    nullable,
  }
  if (fallback !== undefined) {
    parameter.default =
      fallback in TABLE_DEFAULTS
        ? TABLE_DEFAULTS[fallback]
        : /^-?\d+(\.\d+)?$/.test(fallback)
          ? Number(fallback)
          : fallback
  }
  return parameter
}

/** A field type of the `Schemas` section's tables, as a JSON Schema. */
function fieldType(type: string | undefined): JsonSchema {
  if (type === undefined || type === '') return {}
  const array = /^Array<(.*)>$/.exec(type)
  if (array) return array[1] ? { type: 'array', items: fieldType(array[1]) } : { type: 'array' }
  const formatted = /^(\w+)\((\w+)\)$/.exec(type)
  if (formatted) return { type: formatted[1], format: formatted[2] }
  if (['string', 'integer', 'number', 'boolean', 'object', 'array'].includes(type)) return { type }
  return { $ref: `#/components/schemas/${type}` }
}

function parseComponents(lines: string[], start: number): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = {}
  let index = start
  while (index < lines.length && lines[index] !== 'Security schemes') {
    const name = lines[index]!.trim()
    const next = lines.slice(index + 1).findIndex((line) => line.trim() !== '') + index + 1
    const first = lines[next]?.trim() ?? ''
    if (name === '' || !/^\w+$/.test(name)) {
      index++
      continue
    }
    const scalar = /^Type: (\w+)$/.exec(first)
    if (scalar) {
      components[name] = { type: scalar[1] }
      index = next + 1
      continue
    }
    if (first === 'Name Type') {
      const properties: Record<string, JsonSchema> = {}
      let row = next + 1
      while (row < lines.length && lines[row]!.trim() !== '') {
        const [field, type] = lines[row]!.trim().split(/\s+/)
        properties[field!] = fieldType(type)
        row++
      }
      components[name] = { type: 'object', properties }
      index = row
      continue
    }
    index++
  }
  return components
}

const refsOf = (value: unknown, found: Set<string>): Set<string> => {
  if (Array.isArray(value)) for (const item of value) refsOf(item, found)
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.split('/').at(-1)!)
      else refsOf(child, found)
    }
  }
  return found
}

/** Reads the document's text. */
export function extractVisionStudio(text: string): VisionStudioDocument {
  const lines = text.split(/\r?\n/)
  const headings = lines.flatMap((line, index) => (HEADING.test(line) ? [index] : []))
  const schemasAt = lines.indexOf('Schemas', headings.at(-1))
  const endpoints: DocumentEndpoint[] = []
  let tag = ''
  for (const [position, start] of headings.entries()) {
    const end = position + 1 < headings.length ? headings[position + 1]! : schemasAt
    // A tag's name stands alone before its first endpoint; other endpoints follow a `}`.
    let before = start - 1
    while (before > 0 && lines[before]!.trim() === '') before--
    const previous = lines[before]!.trim()
    if (previous !== '}') tag = previous
    const [, method, path] = HEADING.exec(lines[start]!)!
    const section = lines.slice(start + 1, end)
    const title = section.find((line) => line.trim() !== '')!.trim()
    const endpoint: DocumentEndpoint = {
      method: method!,
      path: path!,
      tag,
      title,
      summary: '',
      params: [],
    }
    const described = section.indexOf('Description')
    if (described >= 0) {
      const paragraph = section.slice(described + 1).find((line) => line.trim() !== '')
      endpoint.summary = paragraph?.trim() ?? ''
      const returns = section
        .slice(described + 1)
        .find((line) => line.trim().startsWith('Returns:'))
      if (returns) endpoint.returns = returns.trim()
    }
    const table = section.findIndex((line) => line.startsWith('Parameter In Type Default'))
    if (table >= 0) {
      for (let row = table + 1; row < section.length && section[row]!.trim() !== ''; row++) {
        const parameter = parseParameter(section[row]!)
        if (parameter) endpoint.params.push(parameter)
      }
    }
    const bodyAt = section.indexOf('Schema of the request body')
    if (bodyAt >= 0) {
      const { value } = readJson(section, bodyAt + 1)
      const schema = strip(value) as JsonSchema
      const properties = Object.values((schema.properties ?? {}) as Record<string, JsonSchema>)
      const multipart = properties.some((property) => property.format === 'binary')
      endpoint.body = {
        contentType: multipart ? 'multipart/form-data' : 'application/json',
        schema,
      }
    }
    endpoints.push(endpoint)
  }
  const all = parseComponents(lines, schemasAt + 1)
  // Only the components request bodies reach (directly or through other components).
  const wanted = refsOf(
    endpoints.map((endpoint) => endpoint.body?.schema),
    new Set(),
  )
  const components: Record<string, JsonSchema> = {}
  const queue = [...wanted]
  while (queue.length > 0) {
    const name = queue.shift()!
    if (name in components) continue
    const component = all[name]
    if (!component) throw new Error(`the document's Schemas section does not describe ${name}`)
    components[name] = component
    queue.push(...refsOf(component, new Set()))
  }
  const sorted = Object.fromEntries(Object.entries(components).sort(([a], [b]) => (a < b ? -1 : 1)))
  return { endpoints, components: sorted }
}

export const SEED_NAME = '003_78eca410c9a19eeb.txt'

/** The TypeScript module `document.ts` holds. */
export function renderDocumentModule(document: VisionStudioDocument): string {
  return `/**
 * The Vision Studio API document (seed ${SEED_NAME}) as the emulator reads it: generated from
 * the document by packages/emulators/scripts/extract-vision-studio.ts. Do not edit; run
 * \`node scripts/pnpm.mjs exec tsx packages/emulators/scripts/extract-vision-studio.ts\`.
 */
import type { DocumentEndpoint, JsonSchema } from './document-types'

/** Every endpoint of the document, in its order. */
export const DOCUMENT_ENDPOINTS: readonly DocumentEndpoint[] = ${JSON.stringify(document.endpoints, null, 2)}

/** The components request bodies name with \`#/components/schemas/{name}\`. */
export const DOCUMENT_COMPONENTS: Readonly<Record<string, JsonSchema>> = ${JSON.stringify(document.components, null, 2)}
`
}

const here = dirname(fileURLToPath(import.meta.url))
const repository = join(here, '..', '..', '..')

/** Where the seed is when it is beside the repository. */
export const DEFAULT_SEED = join(repository, '..', 'shared', 'seeds', SEED_NAME)
export const DOCUMENT_MODULE = join(here, '..', 'src', 'vision-studio', 'document.ts')

function main() {
  const seed = process.argv[2] ?? DEFAULT_SEED
  const document = extractVisionStudio(readFileSync(seed, 'utf8'))
  writeFileSync(DOCUMENT_MODULE, renderDocumentModule(document))
  execFileSync(
    process.execPath,
    [
      join(repository, 'scripts', 'pnpm.mjs'),
      'exec',
      'biome',
      'format',
      '--write',
      DOCUMENT_MODULE,
    ],
    { cwd: repository, stdio: 'inherit' },
  )
  console.log(
    `${relative(repository, DOCUMENT_MODULE)}: ${document.endpoints.length} endpoints, ${Object.keys(document.components).length} components`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
