/**
 * The shape of an endpoint (each endpoint constant generated from the API document) and of a
 * row of the document's endpoints table (`DOCUMENT_ENDPOINTS`: the endpoint and what the
 * document says about it besides), and the types derived from an endpoint: what its method
 * takes and what it answers.
 */
import type * as z from 'zod/mini'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** Who serves the endpoint; `studio` is Vision Studio's own services (prompt tools, captioning, health). */
export type VisionStudioProvider = 'studio' | 'bria' | 'google' | 'openai' | 'firefly' | 'runway'

/** Providers whose asynchronous jobs have a status route: `/api/v1/{route}/status/{task_id}`. */
export type StatusRoute = 'bria' | 'firefly' | 'runway'

/**
 * - `sync`: the answer carries the result.
 * - `async`: the answer carries a task, followed through the status route.
 * - `sync-flag`: either, chosen by the body's `sync` field (default `syncDefault`).
 */
export type Execution = 'sync' | 'sync-flag' | 'async'

/** A request schema the table refers to (zod/mini, input and output types alike: writers are exact). */
export type WireSchema<T = unknown> = z.ZodMiniType<T, T>

/**
 * A result schema (zod/mini). Readers are tolerant and may change what they read (`null` to
 * absent, numeric text to numbers, timestamps to ISO), so what a call returns is the output.
 */
export type ReaderSchema<T = unknown> = z.ZodMiniType<T, unknown>

/**
 * What calling an endpoint takes: where it is, how its input is checked and sent, how it runs
 * and how its answer is read. The transport needs nothing else.
 */
export interface VisionStudioEndpoint {
  /** The client method, e.g. `bria.image.generate`. */
  name: string
  method: HttpMethod
  /** As the API document writes it, with `{param}` placeholders. */
  path: string
  /**
   * The document's section (OpenAPI tag), e.g. `Image Editing Generation`: it decides the
   * timeout (generation and editing calls get the long one) and whether a call is retried.
   */
  tag: string
  /** How the body is sent, when there is one. */
  body?: 'json' | 'multipart'
  /** Multipart fields that hold files (`format: binary`). */
  files?: readonly string[]
  /** The request body schema, generated from the document. */
  request?: WireSchema
  /** Path and query parameters, when there are any. */
  params?: WireSchema
  pathParams?: readonly string[]
  queryParams?: readonly string[]
  /** `false` where the document lists no API key header (`GET /health`): sent without credentials. */
  auth?: false
  execution: Execution
  /** The `sync` default of a `sync-flag` endpoint. */
  syncDefault?: boolean
  /**
   * The status route that follows this endpoint's tasks (`GET /api/v1/{route}/status/{task_id}`,
   * and `DELETE /api/v1/{route}/cancel/{task_id}` where the provider can cancel).
   */
  statusRoute?: StatusRoute
  /** Set on the status and cancel routes themselves. */
  role?: 'status' | 'cancel'
  /** True when the 200 body is the `{status: "success", result}` envelope. */
  envelope: boolean
  /** Schema of `result` (of the whole body when `envelope` is false). */
  result: ReaderSchema
}

/**
 * What the API document says about an endpoint besides what calling it takes. Only the rows of
 * `DOCUMENT_ENDPOINTS` carry it, so a program that calls a few endpoint constants (the driver)
 * does not bundle it for every endpoint.
 */
export interface EndpointDescription {
  provider: VisionStudioProvider
  /** The document's operation title, e.g. `Bria Generate Image`. */
  title: string
  /** One line: the first sentence of the document's description (the title when it has none). */
  summary: string
  /**
   * The standalone function that calls it, e.g. `generateBriaImage` (exported by
   * `@atelier/vision-studio/client` and the package root, called with the transport first).
   */
  functionName: string
  /** `GET` path of the status route that follows this endpoint's tasks. */
  status?: string
  /** `DELETE` path of the cancel route, where the provider has one. */
  cancel?: string
}

/** A row of `DOCUMENT_ENDPOINTS`: an endpoint with its description. */
export interface VisionStudioEndpointEntry extends VisionStudioEndpoint, EndpointDescription {}

/** The `DOCUMENT_ENDPOINTS` row of an endpoint: a new object, the endpoint constant itself is unchanged. */
export function describeEndpoint<
  E extends VisionStudioEndpoint,
  const D extends EndpointDescription,
>(endpoint: E, description: D): E & D {
  return { ...endpoint, ...description }
}

/** The body type an endpoint takes. */
export type BodyOf<E extends VisionStudioEndpoint> =
  E['request'] extends WireSchema<infer B> ? B : never

/** The params type an endpoint takes. */
export type ParamsOf<E extends VisionStudioEndpoint> =
  E['params'] extends WireSchema<infer P> ? P : never

/** What the endpoint's `result` holds, as its schema reads it (the output type). */
export type ResultOf<E extends VisionStudioEndpoint> = z.output<E['result']>

/** The status route that follows an endpoint's tasks. */
export type StatusRouteOf<E extends VisionStudioEndpoint> = E['statusRoute'] extends StatusRoute
  ? E['statusRoute']
  : StatusRoute
