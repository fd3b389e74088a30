/**
 * What the emulated model answers: a value that follows the request's `config.json_schema`
 * when there is one (every property filled, enums and formats respected), else a small fixed
 * answer shaped like the domain's. Deterministic: the same request gives the same answer.
 */

type JsonSchema = Record<string, unknown>

const FORMATS: Record<string, string> = {
  date: '2024-01-15',
  'date-time': '2024-01-15T09:30:00Z',
  time: '09:30:00',
  email: 'someone@example.com',
  uri: 'https://example.com/emulated',
  url: 'https://example.com/emulated',
  uuid: '00000000-0000-4000-8000-000000000000',
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref)
  if (!match) return undefined
  const defs = root[match[1]!] as Record<string, JsonSchema> | undefined
  return defs?.[decodeURIComponent(match[2]!)]
}

/** A value that satisfies `schema` (the common JSON Schema keywords), named after `name`. */
export function fakeFromJsonSchema(
  schema: unknown,
  root: JsonSchema = schema as JsonSchema,
  name = 'value',
  depth = 0,
): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null
  const node = schema as JsonSchema
  if (typeof node.$ref === 'string') {
    return fakeFromJsonSchema(resolveRef(node.$ref, root), root, name, depth + 1)
  }
  if ('const' in node) return node.const
  if (Array.isArray(node.enum) && node.enum.length) return node.enum[0]
  if ('default' in node && node.default !== undefined) return node.default
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key]
    if (Array.isArray(branches) && branches.length) {
      const branch =
        branches.find((item) => (item as JsonSchema | null)?.type !== 'null') ?? branches[0]
      return fakeFromJsonSchema(branch, root, name, depth + 1)
    }
  }
  if (Array.isArray(node.allOf)) {
    return Object.assign(
      {},
      ...node.allOf.map((part) => fakeFromJsonSchema(part, root, name, depth + 1)),
    )
  }
  const types = Array.isArray(node.type) ? node.type : [node.type]
  const type =
    types.find((item) => item !== 'null') ??
    (node.properties ? 'object' : node.items ? 'array' : undefined)
  switch (type) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>
      return Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [
          key,
          fakeFromJsonSchema(value, root, key, depth + 1),
        ]),
      )
    }
    case 'array': {
      const count = Math.max(1, typeof node.minItems === 'number' ? node.minItems : 1)
      return Array.from({ length: count }, (_, index) =>
        fakeFromJsonSchema(node.items, root, `${name} ${index + 1}`, depth + 1),
      )
    }
    case 'string': {
      if (typeof node.format === 'string' && FORMATS[node.format]) return FORMATS[node.format]
      const text = `emulated ${name}`
      const min = typeof node.minLength === 'number' ? node.minLength : 0
      const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY
      return text.padEnd(min, '.').slice(0, max)
    }
    case 'integer':
      return clamp(42, node)
    case 'number':
      return clamp(42.5, node)
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return `emulated ${name}`
  }
}

function clamp(value: number, node: JsonSchema): number {
  let result = value
  if (typeof node.minimum === 'number') result = Math.max(result, node.minimum)
  if (typeof node.exclusiveMinimum === 'number')
    result = Math.max(result, node.exclusiveMinimum + 1)
  if (typeof node.maximum === 'number') result = Math.min(result, node.maximum)
  if (typeof node.exclusiveMaximum === 'number')
    result = Math.min(result, node.exclusiveMaximum - 1)
  return result
}

/** Fixed answers per domain, shaped like the domain's kind of result. */
const DOMAIN_ANSWERS: Record<string, unknown> = {
  'image.caption': {
    caption: 'An emulated caption: a colour gradient, no real image was looked at.',
    tags: ['emulated', 'gradient'],
  },
  'document.ocr': { text: 'EMULATED OCR TEXT\nLine two of the page.' },
  'document.markdown': { markdown: '# Emulated document\n\nA paragraph of emulated text.' },
  'document.generative': { summary: 'An emulated reading of the document.' },
  'document.invoice': {
    invoice_id: 'INV-0001',
    invoice_issue_date: '2024-01-15',
    customer: 'Emulated Customer Ltd',
    subtotal: 100,
    tax: 20,
    total: 120,
    currency: 'USD',
    items: [{ description: 'Emulated item', quantity: 1, unit_price: 100, total_price: 100 }],
  },
  'document.receipt': {
    merchant_name: 'Emulated Store',
    date: '2024-01-15',
    total: 12.5,
    currency: 'USD',
    items: [{ name: 'Emulated coffee', price: 12.5 }],
  },
  'document.resume': {
    name: 'Emulated Candidate',
    email: 'candidate@example.com',
    skills: ['emulation'],
    experience: [{ company: 'Example Corp', title: 'Engineer' }],
  },
  'document.utility-bill': {
    provider: 'Emulated Power Co',
    account_number: '0000-0000',
    amount_due: 56.78,
    due_date: '2024-02-01',
  },
  'document.presentation': {
    title: 'Emulated deck',
    slides: [{ title: 'Slide 1', text: 'Emulated' }],
  },
  'retail.product-catalog': { name: 'Emulated product', category: 'emulated', price: 9.99 },
  'retail.ecommerce-product-caption': {
    description: 'An emulated product on a plain background.',
    rating: 4,
  },
  'aerospace.remote-sensing': {
    description: 'An emulated aerial view.',
    objects: ['field', 'road'],
  },
  'video.tv-news': { description: 'An emulated news frame.', topics: ['emulation'] },
  'video.caption': { description: 'An emulated video frame.' },
  'video.commentary': { description: 'An emulated commentary of the frame.' },
}

/** The answer to a request: from its JSON Schema, else its domain. */
export function answerFor(domain: string, jsonSchema: unknown): unknown {
  if (jsonSchema && typeof jsonSchema === 'object' && Object.keys(jsonSchema).length) {
    return fakeFromJsonSchema(jsonSchema)
  }
  return structuredClone(DOMAIN_ANSWERS[domain] ?? { description: `emulated ${domain} answer` })
}
