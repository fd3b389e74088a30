/**
 * The API document, read with the generator's parser, and request values built from its
 * schemas: a valid body for every endpoint (every documented field, each with a value its
 * rules allow), and arguments in the shape the client method takes.
 */
import { readFileSync } from 'node:fs'
import { seedPath } from '../../scripts/generate'
import { componentJsonSchema, knownValues } from '../../scripts/generator/emit'
import { type JsonSchema, parseSeed, type SeedEndpoint } from '../../scripts/generator/parse'
import type { VisionStudioEndpoint } from '../../src'
import type { VisionStudioClient } from '../../src/client'

const text = readFileSync(seedPath(), 'utf8')
export const seed = parseSeed(text)

export function seedEndpoint(endpoint: VisionStudioEndpoint): SeedEndpoint {
  const found = seed.endpoints.find(
    (candidate) => candidate.method === endpoint.method && candidate.path === endpoint.path,
  )
  if (!found) throw new Error(`${endpoint.method} ${endpoint.path} is not in the document`)
  return found
}

/** A PNG's first bytes: enough for a multipart file part. */
export const FILE_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

/** A value `schema` accepts. `full` fills optional object fields too. */
export function sampleValue(schema: JsonSchema, name: string, full: boolean): unknown {
  if (schema.$ref) {
    // A type the document names without listing values: a value the document mentions for it.
    const component = schema.$ref.split('/').at(-1)!
    const known = knownValues(seed, component, text)
    if (seed.components.get(component)?.kind === 'scalar' && known.length) {
      const fallback = schema.default
      return typeof fallback === 'string' || typeof fallback === 'number' ? fallback : known[0]
    }
    return sampleValue(componentJsonSchema(seed, component), name, full)
  }
  if (schema.anyOf) {
    const first = schema.anyOf.find((variant) => variant.type !== 'null')!
    return sampleValue(first, name, full)
  }
  if (schema.const !== undefined) return schema.const
  if (schema.enum) return schema.enum.at(-1)
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'binary') return new Blob([FILE_BYTES], { type: 'image/png' })
      if (schema.format === 'uri') return `https://media.example.com/${name}.png`
      const example = schema.examples?.find(
        (value): value is string =>
          typeof value === 'string' &&
          value.length >= (schema.minLength ?? 0) &&
          value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY),
      )
      if (example) return example
      return `${name} value`.padEnd(schema.minLength ?? 0, '.').slice(0, schema.maxLength ?? 1000)
    }
    case 'integer':
    case 'number': {
      const low =
        schema.minimum ??
        (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined)
      if (typeof schema.default === 'number') return schema.default
      if (low !== undefined) return low
      if (schema.maximum !== undefined) return Math.min(schema.maximum, 1)
      return schema.type === 'integer' ? 3 : 0.5
    }
    case 'boolean':
      return typeof schema.default === 'boolean' ? !schema.default : true
    case 'array': {
      if (schema.prefixItems)
        return schema.prefixItems.map((item, index) => sampleValue(item, `${name}${index}`, full))
      return [sampleValue(schema.items!, `${name}_item`, full)]
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set(schema.required ?? [])
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (full || required.has(key)) out[key] = sampleValue(property, key, full)
      }
      return out
    }
    default:
      throw new Error(`no sample for ${name}: ${JSON.stringify(schema).slice(0, 80)}`)
  }
}

/** A valid body for an endpoint (every field when `full`), or undefined when it takes none. */
export function validBody(
  endpoint: VisionStudioEndpoint,
  full = true,
): Record<string, unknown> | undefined {
  const schema = seedEndpoint(endpoint).requestSchema
  if (!schema) return undefined
  const body = sampleValue(schema, 'body', full) as Record<string, unknown>
  // An id the path also carries (LoRA updates) is the path's: the client refuses two ids.
  const params = paramValues(endpoint) ?? {}
  for (const name of endpoint.pathParams ?? []) if (name in body) body[name] = params[name]
  return body
}

/** Path and query parameter values (`task_id` → `task 1/ä`, an id that needs encoding). */
export function paramValues(endpoint: VisionStudioEndpoint): Record<string, unknown> | undefined {
  const parameters = seedEndpoint(endpoint).parameters
  if (parameters.length === 0) return undefined
  const values: Record<string, unknown> = {}
  for (const parameter of parameters) {
    if (parameter.in === 'query') values[parameter.name] = true
    else if (parameter.type === 'integer') values[parameter.name] = 7
    else values[parameter.name] = parameter.name === 'task_id' ? 'task 1/ä' : 12
  }
  return values
}

/** The client method of an endpoint (`bria.image.generate` → `client.bria.image.generate`). */
export function methodOf(client: VisionStudioClient, endpoint: VisionStudioEndpoint) {
  let node: unknown = client
  for (const part of endpoint.name.split('.')) node = (node as Record<string, unknown>)[part]
  if (typeof node !== 'function') throw new Error(`client.${endpoint.name} is not a method`)
  return node as (...args: unknown[]) => Promise<unknown>
}

/** The arguments of the client method: (param | params)?, body?, then the context. */
export function methodArgs(
  endpoint: VisionStudioEndpoint,
  params: Record<string, unknown> | undefined,
  body: unknown,
): unknown[] {
  const args: unknown[] = []
  if (params) {
    const names = Object.keys(params)
    args.push(
      names.length === 1 && (endpoint.pathParams ?? []).length === 1 ? params[names[0]!] : params,
    )
  }
  if (endpoint.request) args.push(body)
  return args
}

/** The path a request for `params` goes to (each id one encoded segment). */
export function expectedPath(
  endpoint: VisionStudioEndpoint,
  params: Record<string, unknown> | undefined,
): string {
  let path = endpoint.path
  for (const name of endpoint.pathParams ?? []) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(params?.[name])))
  }
  return path
}
