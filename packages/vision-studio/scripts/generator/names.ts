/**
 * How each endpoint of the document is named and classified: its client method name
 * (grouped by provider and media, e.g. `bria.image.generate`, `loRA.datasets.images.list`),
 * its provider, whether it runs synchronously, asynchronously or either way (`sync` flag),
 * which status and cancel routes follow its jobs, and what its `result` holds.
 *
 * Everything is derived from the path, the method, the request schema and the Status
 * section of the document; the few names a rule cannot produce are listed in `OVERRIDES`.
 */
import type { SeedEndpoint } from './parse'

/** Vision Studio's own services (prompt tools, captioning, health) are `studio`. */
export type Provider = 'studio' | 'bria' | 'google' | 'openai' | 'firefly' | 'runway'

/** Providers whose async jobs have a status route in the document. */
export type StatusRoute = 'bria' | 'firefly' | 'runway'

export type Execution = 'sync' | 'sync-flag' | 'async'

/** Names of the hand-written result schemas in `src/schemas/results.ts`. */
export type ResultSchemaName =
  | 'promptResultSchema'
  | 'captionResultSchema'
  | 'mediaResultSchema'
  | 'uploadResultSchema'
  | 'briaStatusResponseSchema'
  | 'fireflyStatusResultSchema'
  | 'runwayTaskResultSchema'
  | 'cancelResultSchema'
  | 'loraProjectSchema'
  | 'loraProjectListSchema'
  | 'loraDatasetSchema'
  | 'loraDatasetListSchema'
  | 'loraImageSchema'
  | 'loraImageListSchema'
  | 'loraModelSchema'
  | 'loraModelListSchema'
  | 'loraMessageSchema'
  | 'healthResultSchema'

export interface Classified {
  endpoint: SeedEndpoint
  /** `['bria', 'image', 'generate']` */
  name: string[]
  provider: Provider
  execution: Execution
  /** The `sync` default of a `sync-flag` endpoint. */
  syncDefault?: boolean
  /** Status route of async jobs (`async`, and `sync-flag` with `sync: false`). */
  statusRoute?: StatusRoute
  /** Whether the provider's jobs can be cancelled through a documented route. */
  cancellable: boolean
  /** Role of the endpoint itself among the status routes. */
  role?: 'status' | 'cancel'
  /** How the 200 body is shaped: the `{status, result}` envelope, or a bare model. */
  envelope: boolean
  /** Schema of `result` (or of the whole body when `envelope` is false). */
  result: ResultSchemaName
  /** `json` or `multipart` (a property with `format: binary`). */
  body?: 'json' | 'multipart'
  /** The standalone function that calls it, e.g. `generateBriaImage` (see `functionName`). */
  functionName: string
}

const PROVIDER_SEGMENTS: Record<string, { provider: Provider; group: string }> = {
  bria: { provider: 'bria', group: 'bria' },
  'bria-lora': { provider: 'bria', group: 'loRA' },
  'google-vision': { provider: 'google', group: 'google' },
  openai: { provider: 'openai', group: 'openai' },
  firefly: { provider: 'firefly', group: 'firefly' },
  runway: { provider: 'runway', group: 'runway' },
}

const MEDIA = new Set(['image', 'video', 'audio'])
const KINDS = new Set(['generation', 'editing', 'editing-generation'])

/** Names a rule cannot derive from the path alone. */
const OVERRIDES: Record<string, string[]> = {
  'POST /api/v1/bria-lora/datasets/{dataset_id}/images': ['loRA', 'datasets', 'images', 'upload'],
  'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/{image_id}/caption': [
    'loRA',
    'datasets',
    'images',
    'updateCaption',
  ],
  'PUT /api/v1/bria-lora/datasets/{dataset_id}/images/captions': [
    'loRA',
    'datasets',
    'images',
    'regenerateCaptions',
  ],
}

/** `['generate', 'image', 'fast']` → `generateImageFast`. */
export const camel = (words: string[]): string =>
  words
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('')

export const pascal = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** `generate-image-fast` under `image` → `generateFast`; `video-upscale` → `upscale`; `generate-with-image-guidance` stays whole. */
function operationName(segment: string, media: string): string {
  const words = segment.split('-')
  const prepositions = new Set(['by', 'with', 'from', 'to'])
  if (words[0] === media && words.length > 1) words.shift()
  else if (words[1] === media && words.length > 2) words.splice(1, 1)
  else if (words.at(-1) === media && words.length > 1 && !prepositions.has(words.at(-2)!))
    words.pop()
  return camel(words)
}

/** `enhance-prompt` → `enhance`, `adapt-background-prompt` → `adaptBackground`. */
const promptName = (segment: string): string => camel(segment.replace(/-prompt$/, '').split('-'))

function methodName(endpoint: SeedEndpoint): { name: string[]; provider: Provider } {
  const key = `${endpoint.method} ${endpoint.path}`
  const segments = endpoint.path.split('/').filter((segment) => segment !== '')
  if (segments[0] === 'health') return { name: ['health'], provider: 'studio' }
  if (segments[0] !== 'api' || segments[1] !== 'v1') throw new Error(`unexpected path ${key}`)
  const rest = segments.slice(2)
  const [first, second, third, fourth] = rest
  if (first === 'prompt' && second && rest.length === 2) {
    return { name: ['prompt', promptName(second)], provider: 'studio' }
  }
  if (first === 'caption' && second && rest.length === 2) {
    return { name: ['caption', second], provider: 'studio' }
  }
  const owner = first ? PROVIDER_SEGMENTS[first] : undefined
  if (!owner) throw new Error(`no provider for ${key}`)
  const override = OVERRIDES[key]
  if (override) return { name: override, provider: owner.provider }
  if (second === 'prompt' && third && rest.length === 3) {
    return { name: [owner.group, 'prompt', promptName(third)], provider: owner.provider }
  }
  if ((second === 'status' || second === 'cancel') && rest.length === 3) {
    return { name: [owner.group, second], provider: owner.provider }
  }
  if (second === 'upload' && rest.length === 2) {
    return { name: [owner.group, 'upload'], provider: owner.provider }
  }
  if (second && MEDIA.has(second) && third && KINDS.has(third) && fourth && rest.length === 4) {
    return { name: [owner.group, second, operationName(fourth, second)], provider: owner.provider }
  }
  if (owner.group === 'loRA') return { name: restName(endpoint, rest.slice(1)), provider: 'bria' }
  throw new Error(`no naming rule for ${key}`)
}

/** LoRA resources: `projects` GET → `loRA.projects.list`, `models/{id}/training/start` POST → `loRA.models.training.start`. */
function restName(endpoint: SeedEndpoint, segments: string[]): string[] {
  const literals = segments.filter((segment) => !segment.startsWith('{'))
  const last = segments.at(-1) ?? ''
  const onItem = last.startsWith('{')
  if (endpoint.method === 'POST' && !onItem && ['start', 'stop'].includes(last)) {
    return ['loRA', ...literals]
  }
  const verb = {
    GET: onItem ? 'get' : 'list',
    POST: 'create',
    PUT: 'update',
    DELETE: 'delete',
  }[endpoint.method]
  if ((endpoint.method === 'PUT' || endpoint.method === 'DELETE') && !onItem) {
    throw new Error(`no naming rule for ${endpoint.method} ${endpoint.path}`)
  }
  return ['loRA', ...literals, verb]
}

/** How a group is written inside a function name (`openai` → `OpenAI`, `loRA` → `LoRA`). */
const OWNER_WORDS: Record<string, string> = {
  prompt: 'Prompt',
  bria: 'Bria',
  loRA: 'LoRA',
  google: 'Google',
  openai: 'OpenAI',
  firefly: 'Firefly',
  runway: 'Runway',
}

/** The verbs a method name may start with; a name that starts with anything else needs a rule. */
const VERBS = new Set([
  'adapt',
  'blur',
  'create',
  'crop',
  'delete',
  'edit',
  'enhance',
  'erase',
  'expand',
  'generate',
  'get',
  'inpaint',
  'list',
  'regenerate',
  'remove',
  'start',
  'stop',
  'update',
  'upload',
  'upscale',
])

/** Function names a rule cannot derive from the method name. */
const FUNCTION_OVERRIDES: Record<string, string> = {
  'google.image.geminiGenerate': 'generateGeminiImage',
  'bria.image.productCutout': 'cutOutBriaProduct',
  'runway.audio.textToSpeech': 'generateRunwaySpeech',
  'firefly.upload': 'uploadFireflyFile',
  health: 'checkHealth',
}

/** LoRA resources are plural in method paths and singular in function names, but for lists. */
const SINGULAR: Record<string, string> = {
  projects: 'project',
  datasets: 'dataset',
  images: 'image',
  models: 'model',
}

/**
 * The standalone function of a method, verb first, then what it acts on, then the rest of the
 * operation: `bria.image.generate` → `generateBriaImage`, `runway.video.generateFromText` →
 * `generateRunwayVideoFromText`, `loRA.datasets.images.list` → `listLoRADatasetImages`,
 * `caption.image` → `captionImage`, `runway.status` → `getRunwayTaskStatus`.
 */
export function functionName(name: string[]): string {
  const dotted = name.join('.')
  const override = FUNCTION_OVERRIDES[dotted]
  if (override) return override
  if (name[0] === 'caption') return camel(name)
  const owners = name.slice(0, -1)
  const operation = name.at(-1)!
  const [owner, ...resources] = owners
  const ownerWord = owner ? OWNER_WORDS[owner] : undefined
  if (!ownerWord) throw new Error(`${dotted}: no function name rule for its group`)
  if (operation === 'status' && resources.length === 0) return `get${ownerWord}TaskStatus`
  if (operation === 'cancel' && resources.length === 0) return `cancel${ownerWord}Task`
  const [verb, ...rest] = operation.split(/(?=[A-Z])/)
  if (!verb || !VERBS.has(verb)) {
    throw new Error(
      `${dotted}: "${verb}" is not a known verb; name its function in FUNCTION_OVERRIDES`,
    )
  }
  // Prompt tools make prompts: `prompt.adaptBackground` → `adaptBackgroundPrompt`.
  if (owner === 'prompt') return `${operation}Prompt`
  const objects = resources.map((resource, index) =>
    pascal(
      verb === 'list' && index === resources.length - 1
        ? resource
        : (SINGULAR[resource] ?? resource),
    ),
  )
  return `${verb}${ownerWord}${objects.join('')}${rest.join('')}`
}

/** The status route of a provider, as the Status section of the document lists it. */
export function statusPath(route: StatusRoute): string {
  return `/api/v1/${route}/status/{task_id}`
}
export function cancelPath(route: StatusRoute): string {
  return `/api/v1/${route}/cancel/{task_id}`
}

/** LoRA result schema by the resource a path ends on. */
function loraResult(endpoint: SeedEndpoint, name: string[]): ResultSchemaName {
  const verb = name.at(-1)!
  if (verb === 'delete' || verb === 'regenerateCaptions') return 'loraMessageSchema'
  if (name.includes('training')) return 'loraModelSchema'
  const resource = name.at(-2)!
  const singular = {
    projects: 'loraProjectSchema',
    datasets: 'loraDatasetSchema',
    images: 'loraImageSchema',
    models: 'loraModelSchema',
  }[resource] as ResultSchemaName | undefined
  if (!singular) throw new Error(`no LoRA result rule for ${endpoint.path}`)
  if (verb === 'list') return singular.replace(/Schema$/, 'ListSchema') as ResultSchemaName
  return singular
}

/** Classifies every endpoint; `statusRoutes` are the providers whose status route the document has. */
export function classify(endpoints: SeedEndpoint[]): Classified[] {
  const paths = new Set(endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`))
  const hasStatus = (route: StatusRoute) => paths.has(`GET ${statusPath(route)}`)
  const hasCancel = (route: StatusRoute) => paths.has(`DELETE ${cancelPath(route)}`)
  const seen = new Map<string, string>()
  const functions = new Map<string, string>()

  return endpoints.map((endpoint): Classified => {
    const { name, provider } = methodName(endpoint)
    const dotted = name.join('.')
    const previous = seen.get(dotted)
    if (previous) throw new Error(`${dotted} names both ${previous} and ${endpoint.path}`)
    seen.set(dotted, endpoint.path)
    const named = functionName(name)
    const clash = functions.get(named)
    if (clash) throw new Error(`${named} would call both ${clash} and ${dotted}`)
    functions.set(named, dotted)
    return { ...classifyEndpoint(endpoint, name, provider), functionName: named }
  })

  function classifyEndpoint(
    endpoint: SeedEndpoint,
    name: string[],
    provider: Provider,
  ): Omit<Classified, 'functionName'> {
    const ok = endpoint.responses.find((response) => response.status === 200)!
    const envelope =
      ok.schema?.properties?.status?.enum?.[0] === 'success' &&
      ok.schema.properties.result !== undefined
    const properties = endpoint.requestSchema?.properties ?? {}
    const body: Classified['body'] = endpoint.requestSchema
      ? Object.values(properties).some((property) => property.format === 'binary')
        ? 'multipart'
        : 'json'
      : undefined
    const segments = endpoint.path.split('/')
    const route = (segments[3] === 'bria-lora' ? 'bria' : segments[3]) as StatusRoute | undefined

    // Status and cancel routes themselves.
    if (name.at(-1) === 'status' && endpoint.tag === 'Status') {
      return {
        endpoint,
        name,
        provider,
        execution: 'sync',
        role: 'status',
        cancellable: false,
        envelope,
        result: envelope
          ? route === 'firefly'
            ? 'fireflyStatusResultSchema'
            : 'runwayTaskResultSchema'
          : 'briaStatusResponseSchema',
      }
    }
    if (name.at(-1) === 'cancel' && endpoint.tag === 'Status') {
      return {
        endpoint,
        name,
        provider,
        execution: 'sync',
        role: 'cancel',
        cancellable: false,
        envelope,
        result: 'cancelResultSchema',
      }
    }

    const base = { endpoint, name, provider, envelope, ...(body ? { body } : {}) }
    const media = (
      execution: Execution,
      extra: Partial<Classified> = {},
    ): Omit<Classified, 'functionName'> => ({
      ...base,
      execution,
      cancellable: false,
      result: 'mediaResultSchema',
      ...extra,
    })

    if (endpoint.tag === 'Prompt Enhancement')
      return { ...base, execution: 'sync', cancellable: false, result: 'promptResultSchema' }
    if (endpoint.tag === 'Media Captioning')
      return { ...base, execution: 'sync', cancellable: false, result: 'captionResultSchema' }
    if (endpoint.tag === 'Health')
      return { ...base, execution: 'sync', cancellable: false, result: 'healthResultSchema' }
    if (endpoint.tag === 'Upload')
      return { ...base, execution: 'sync', cancellable: false, result: 'uploadResultSchema' }
    if (endpoint.tag === 'LoRA Project Management' || endpoint.tag === 'LoRA Training') {
      return { ...base, execution: 'sync', cancellable: false, result: loraResult(endpoint, name) }
    }

    const sync = properties.sync
    if (sync && route && hasStatus(route)) {
      // `sync: true` answers with the result; `sync: false` with a request id for the status route.
      return media('sync-flag', {
        syncDefault: sync.default === true,
        statusRoute: route,
        cancellable: hasCancel(route),
      })
    }
    // Firefly's operations are its async API (their titles say so); Runway's answer with a task id.
    const asyncTitle = /\bAsync$/.test(endpoint.title)
    const taskAnswer = endpoint.description.some((line) => /\btask ID\b/.test(line))
    if ((asyncTitle || taskAnswer) && route && hasStatus(route)) {
      return media('async', { statusRoute: route, cancellable: hasCancel(route) })
    }
    // Bria's video background removal: the document has no `sync` flag; Bria runs video work
    // asynchronously, so the answer is a request id for the Bria status route.
    if (route === 'bria' && segments[4] === 'video' && hasStatus(route)) {
      return media('async', { statusRoute: route, cancellable: hasCancel(route) })
    }
    return media('sync')
  }
}
