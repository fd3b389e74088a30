/**
 * The emulator's table of operations, built from its reading of the API document
 * (`./document.ts`): each endpoint's route (`'POST /api/v1/bria/...'`, the key every part of the
 * emulator uses), and how it runs — synchronously, as an asynchronous task, or as its `sync`
 * flag says — with the status route that reports its tasks. The rules below are taken from the
 * document's words, quoted beside each.
 */
import { DOCUMENT_ENDPOINTS } from './document'
import type { DocumentEndpoint, JsonSchema } from './document-types'

/** A provider that runs tasks and has a status route for them (`/api/v1/{route}/status/...`). */
export type StatusRoute = 'bria' | 'firefly' | 'runway'

export type Execution =
  | { mode: 'sync' }
  | { mode: 'async'; statusRoute: StatusRoute }
  /** The body's `sync` flag decides; `syncDefault` is the schema's default. */
  | { mode: 'sync-flag'; syncDefault: boolean; statusRoute: StatusRoute }

export interface Operation {
  /** `${method} ${path}`, the path as the document writes it. */
  route: string
  endpoint: DocumentEndpoint
  execution: Execution
  /** The Status tag's endpoints: the status or cancel route of one provider's tasks. */
  role?: { kind: 'status' | 'cancel'; statusRoute: StatusRoute }
}

export const routeOf = (endpoint: { method: string; path: string }): string =>
  `${endpoint.method} ${endpoint.path}`

/**
 * The providers with a status route in the document. The Status tag lists
 * "GET /api/v1/firefly/status/{task_id}, DELETE /api/v1/firefly/cancel/{task_id}",
 * "GET /api/v1/runway/status/{task_id}, DELETE /api/v1/runway/cancel/{task_id}" and
 * "GET /api/v1/bria/status/{task_id}".
 */
const STATUS_PATH = /^\/api\/v1\/(\w+)\/(status|cancel)\/\{task_id\}$/

const statusRouteOf = (name: string): StatusRoute => {
  if (name === 'bria' || name === 'firefly' || name === 'runway') return name
  throw new Error(`the document gives ${name} no status route the emulator knows`)
}

/** The provider segment of a path: `/api/v1/{provider}/...`; Bria's LoRA generations are Bria's. */
const providerOf = (path: string): string => {
  const segment = path.split('/')[3] ?? ''
  return segment === 'bria-lora' ? 'bria' : segment
}

function executionOf(endpoint: DocumentEndpoint): Execution {
  const properties = (endpoint.body?.schema.properties ?? {}) as Record<string, JsonSchema>
  const sync = properties.sync
  // Bria's bodies carry `sync` ("If True, wait for results. If False, return status URL
  // immediately"), answered later by "GET /api/v1/bria/status/{task_id}" ("Get the status of
  // an asynchronous Bria request"). The schema's default rules; where a description says
  // otherwise (generate-product-background-by-text: "Default False for asynchronous responses
  // with immediate URLs" beside a schema default of true), the schema wins, as FastAPI
  // applies it.
  if (sync?.type === 'boolean') {
    return {
      mode: 'sync-flag',
      syncDefault: sync.default !== false,
      statusRoute: statusRouteOf(providerOf(endpoint.path)),
    }
  }
  // Firefly's operations are named asynchronous in their titles ("Generate Images Async",
  // "Expand Image Async", "Fill Image Async", ...) and report through
  // "GET /api/v1/firefly/status/{task_id}".
  if (/\bAsync$/.test(endpoint.title)) {
    return { mode: 'async', statusRoute: statusRouteOf(providerOf(endpoint.path)) }
  }
  // Runway's operations return "the response, including task ID, status, and result URL (if
  // available)", whose details "GET /api/v1/runway/status/{task_id}" fetches ("Fetch the
  // details of a task by its task ID").
  if (endpoint.returns?.includes('including task ID, status')) {
    return { mode: 'async', statusRoute: statusRouteOf(providerOf(endpoint.path)) }
  }
  // Bria's video background removal has no `sync` flag, and its "Returns: ... the result
  // containing the generated image URLs" is the sentence Bria's image endpoints share (it says
  // "image" of a video), so the words do not decide. The document is silent; Bria's own video
  // API only works asynchronously, so the emulator runs it as a task on Bria's status route.
  if (endpoint.tag === 'Video Editing' && providerOf(endpoint.path) === 'bria') {
    return { mode: 'async', statusRoute: 'bria' }
  }
  return { mode: 'sync' }
}

function operationOf(endpoint: DocumentEndpoint): Operation {
  const status = STATUS_PATH.exec(endpoint.path)
  return {
    route: routeOf(endpoint),
    endpoint,
    execution: executionOf(endpoint),
    ...(status && endpoint.tag === 'Status'
      ? {
          role: {
            kind: status[2] as 'status' | 'cancel',
            statusRoute: statusRouteOf(status[1]!),
          },
        }
      : {}),
  }
}

/** Every operation of the document, in its order. */
export const OPERATIONS: readonly Operation[] = DOCUMENT_ENDPOINTS.map(operationOf)
