/**
 * Reads the Vision Studio API document (an HTML-to-text dump of an OpenAPI reference) into
 * plain data: every endpoint with its tag, title, description, parameters, request body
 * schema and responses, and the `Schemas` section's component tables.
 *
 * The dump has a regular shape, and the parser insists on it: anything unexpected throws
 * with the line number, so a changed document fails loudly instead of generating a client
 * that silently lacks an endpoint.
 */

/** The subset of JSON Schema the document uses (checked: anything else throws in `zod.ts`). */
export interface JsonSchema {
  type?: string
  title?: string
  description?: string
  default?: unknown
  examples?: unknown[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  $ref?: string
  enum?: unknown[]
  const?: unknown
  format?: string
  items?: JsonSchema
  prefixItems?: JsonSchema[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  minItems?: number
  maxItems?: number
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface SeedParameter {
  name: string
  in: 'path' | 'query'
  /** `string`, `integer` or `boolean`, as the parameter table writes it. */
  type: string
  /** The table's default column, as text (`False`), when there is one. */
  default?: string
}

export interface SeedResponse {
  status: number
  schema?: JsonSchema
}

export interface SeedEndpoint {
  method: HttpMethod
  /** As the document writes it, e.g. `/api/v1/bria/status/{task_id}`. */
  path: string
  /** The section (OpenAPI tag) the endpoint is listed under, e.g. `Image Generation`. */
  tag: string
  /** The operation title, e.g. `Bria Generate Image`. */
  title: string
  /** The description paragraphs, whitespace-normalised; empty when the document has none. */
  description: string[]
  parameters: SeedParameter[]
  /** Whether the document lists the API key header (`APIKeyHeader header`) among its inputs. */
  apiKey: boolean
  requestSchema?: JsonSchema
  /** The example body the document shows above the schema (generated from the schema). */
  requestExample?: unknown
  responses: SeedResponse[]
  /** 1-based line of the `METHOD /path` heading, for messages. */
  line: number
}

export type SeedComponentField = { name: string; type: string }

export type SeedComponent =
  | { kind: 'object'; name: string; fields: SeedComponentField[] }
  | { kind: 'scalar'; name: string; type: string }

export interface Seed {
  /** `Vision Studio API 1.0.0` */
  title: string
  endpoints: SeedEndpoint[]
  components: Map<string, SeedComponent>
  /** Tag names in the order of the document's `Tags` table. */
  tags: string[]
}

const ENDPOINT_LINE = /^(GET|POST|PUT|DELETE) (\/\S*)$/

class SeedFormatError extends Error {
  constructor(line: number, message: string) {
    super(`API document, line ${line}: ${message}`)
    this.name = 'SeedFormatError'
  }
}

/** Parses the whole document. */
export function parseSeed(text: string): Seed {
  // The dump uses no-break spaces in headings such as `Response 200 OK`.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
  const title = lines.find((line) => /^Vision Studio API \d/.test(line.trim()))?.trim()
  if (!title) throw new SeedFormatError(1, 'no "Vision Studio API <version>" heading')
  const schemasLine = findLine(lines, (line) => line === 'Schemas', 0)
  const securityLine = findLine(lines, (line) => line === 'Security schemes', schemasLine)
  const tagsLine = findLine(lines, (line) => line === 'Tags', securityLine)

  const starts: number[] = []
  lines.forEach((line, index) => {
    if (index < schemasLine && ENDPOINT_LINE.test(line)) starts.push(index)
  })
  if (starts.length === 0) throw new SeedFormatError(1, 'no endpoints found')

  const tags = parseTagTable(lines, tagsLine)
  const endpoints: SeedEndpoint[] = []
  let tag: string | undefined
  starts.forEach((start, position) => {
    const heading = previousNonBlank(lines, start)
    // A section heading (a known tag) stands right before the first endpoint of each tag.
    if (heading !== undefined && !heading.text.startsWith('}') && !heading.text.startsWith('"')) {
      if (!tags.includes(heading.text)) {
        throw new SeedFormatError(
          heading.index + 1,
          `"${heading.text}" is not a tag of the document`,
        )
      }
      tag = heading.text
    }
    if (tag === undefined) throw new SeedFormatError(start + 1, 'endpoint before any tag heading')
    const end = starts[position + 1] ?? schemasLine
    endpoints.push(parseEndpoint(lines, start, end, tag))
  })
  const components = parseComponents(lines, schemasLine + 1, securityLine)
  return { title, endpoints, components, tags }
}

function findLine(lines: string[], test: (line: string) => boolean, from: number): number {
  // The last match: headings such as `Schemas` follow every endpoint.
  for (let index = lines.length - 1; index >= from; index--) if (test(lines[index]!)) return index
  throw new SeedFormatError(from + 1, 'expected section not found')
}

function previousNonBlank(
  lines: string[],
  index: number,
): { index: number; text: string } | undefined {
  for (let at = index - 1; at >= 0; at--) {
    const text = lines[at]!.trim()
    if (text !== '') return { index: at, text }
  }
  return undefined
}

function parseTagTable(lines: string[], from: number): string[] {
  // `Name Description` rows; a tag name is the longest prefix that is also a section heading.
  const headings = new Set(lines.map((line) => line.trim()).filter((line) => line !== ''))
  const tags: string[] = []
  for (let index = from + 1; index < lines.length; index++) {
    const row = lines[index]!.trim()
    if (row === '' || row === 'Name Description') {
      if (tags.length > 0 && row === '') break
      continue
    }
    const words = row.split(' ')
    let name: string | undefined
    for (let count = words.length - 1; count >= 1; count--) {
      const candidate = words.slice(0, count).join(' ')
      if (headings.has(candidate)) {
        name = candidate
        break
      }
    }
    if (!name) throw new SeedFormatError(index + 1, `cannot read the tag name of "${row}"`)
    tags.push(name)
  }
  return tags
}

function parseEndpoint(lines: string[], start: number, end: number, tag: string): SeedEndpoint {
  const match = ENDPOINT_LINE.exec(lines[start]!)!
  const method = match[1] as HttpMethod
  const path = match[2]!
  let cursor = start + 1
  while (cursor < end && lines[cursor]!.trim() === '') cursor++
  const title = lines[cursor]!.trim()
  if (title === '') throw new SeedFormatError(cursor + 1, 'endpoint without a title')
  cursor++

  const endpoint: SeedEndpoint = {
    method,
    path,
    tag,
    title,
    description: [],
    parameters: [],
    apiKey: false,
    responses: [],
    line: start + 1,
  }
  let section: 'none' | 'description' | 'parameters' = 'none'
  for (let index = cursor; index < end; index++) {
    const line = lines[index]!
    const text = line.trim()
    if (text === 'Description') {
      section = 'description'
      continue
    }
    if (text === 'Input parameters') {
      section = 'parameters'
      continue
    }
    if (text === 'Request body') {
      section = 'none'
      const example = nextJson(lines, index + 1, end)
      if (example) {
        endpoint.requestExample = tryParse(example.text)
        index = example.end
      }
      continue
    }
    if (text === 'Schema of the request body') {
      const block = nextJson(lines, index + 1, end)
      if (!block) throw new SeedFormatError(index + 1, 'request schema without JSON')
      endpoint.requestSchema = parseJson(block.text, index + 2)
      index = block.end
      continue
    }
    const response = /^Response (\d{3})\b/.exec(text)
    if (response) {
      section = 'none'
      const status = Number(response[1])
      let schema: JsonSchema | undefined
      // The example, then `Schema of the response body` and its JSON, before the next heading.
      for (let at = index + 1; at < end; at++) {
        const next = lines[at]!.trim()
        if (/^Response \d{3}\b/.test(next)) break
        if (next === 'Schema of the response body') {
          const block = nextJson(lines, at + 1, end)
          if (!block) throw new SeedFormatError(at + 1, 'response schema without JSON')
          schema = parseJson(block.text, at + 2)
          index = block.end
          break
        }
      }
      endpoint.responses.push(schema ? { status, schema } : { status })
      continue
    }
    if (section === 'description') {
      if (text !== '') endpoint.description.push(text.replace(/\s+/g, ' '))
      continue
    }
    if (
      section === 'parameters' &&
      text !== '' &&
      text !== 'Parameter In Type Default Nullable Description'
    ) {
      if (/^APIKeyHeader header\b/.test(text)) endpoint.apiKey = true
      const parameter = parseParameter(text, index + 1)
      if (parameter) endpoint.parameters.push(parameter)
    }
  }
  if (!endpoint.responses.some((response) => response.status === 200)) {
    throw new SeedFormatError(start + 1, `${method} ${path} documents no 200 response`)
  }
  return endpoint
}

/** `task_id path string No`, `include_models query boolean False No`; the API key header is auth, not a parameter. */
function parseParameter(row: string, line: number): SeedParameter | undefined {
  const [name, location, type, ...rest] = row.split(' ')
  if (location === 'header') return undefined
  if (!name || (location !== 'path' && location !== 'query') || !type) {
    throw new SeedFormatError(line, `cannot read the parameter row "${row}"`)
  }
  const defaultValue =
    rest.length > 0 && rest[0] !== 'No' && rest[0] !== 'Yes' ? rest[0] : undefined
  return {
    name,
    in: location,
    type,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
  }
}

/** The JSON value starting on the next non-blank line (if it opens with `{` or `[`), brace-matched with strings honoured. */
function nextJson(
  lines: string[],
  from: number,
  end: number,
): { text: string; end: number } | undefined {
  let index = from
  while (index < end && lines[index]!.trim() === '') index++
  if (index >= end) return undefined
  const first = lines[index]!.trimStart()
  if (!first.startsWith('{') && !first.startsWith('[')) return undefined
  let depth = 0
  let inString = false
  let escaped = false
  const collected: string[] = []
  for (let at = index; at < end; at++) {
    const line = lines[at]!
    collected.push(line)
    for (const char of line) {
      if (inString) {
        if (escaped) escaped = false
        else if (char === '\\') escaped = true
        else if (char === '"') inString = false
        continue
      }
      if (char === '"') inString = true
      else if (char === '{' || char === '[') depth++
      else if (char === '}' || char === ']') depth--
    }
    if (depth === 0) return { text: collected.join('\n'), end: at }
  }
  throw new SeedFormatError(index + 1, 'unterminated JSON block')
}

function parseJson(text: string, line: number): JsonSchema {
  try {
    return JSON.parse(text) as JsonSchema
  } catch (error) {
    throw new SeedFormatError(
      line,
      `invalid JSON (${error instanceof Error ? error.message : error})`,
    )
  }
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The `Schemas` section: each component is its name, then either a `Name Type` table (one
 * `field type` row per property; the type is blank where the property is a union) or a
 * `Type: string` line (an enumeration whose values the document does not list).
 */
function parseComponents(lines: string[], from: number, end: number): Map<string, SeedComponent> {
  const components = new Map<string, SeedComponent>()
  let index = from
  const skipBlank = () => {
    while (index < end && lines[index]!.trim() === '') index++
  }
  for (skipBlank(); index < end; skipBlank()) {
    const name = lines[index]!.trim()
    if (!/^[A-Za-z_][\w]*$/.test(name))
      throw new SeedFormatError(index + 1, `bad component name "${name}"`)
    index++
    skipBlank()
    const body = lines[index]!.trim()
    const scalar = /^Type: (\w+)$/.exec(body)
    if (scalar) {
      components.set(name, { kind: 'scalar', name, type: scalar[1]! })
      index++
      continue
    }
    if (body !== 'Name Type')
      throw new SeedFormatError(index + 1, `component ${name}: expected a table`)
    index++
    const fields: SeedComponentField[] = []
    while (index < end && lines[index]!.trim() !== '') {
      const row = lines[index]!.trim()
      const space = row.indexOf(' ')
      fields.push(
        space < 0
          ? { name: row, type: '' }
          : { name: row.slice(0, space), type: row.slice(space + 1).trim() },
      )
      index++
    }
    components.set(name, { kind: 'object', name, fields })
  }
  return components
}
