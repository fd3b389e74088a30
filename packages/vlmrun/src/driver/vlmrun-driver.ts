/**
 * The `vlmrun` driver: `vision.analyze` on VLM Run — captions, OCR and structured extraction
 * in a domain, with your own schema as `config.json_schema` (the handler is in `./vision`).
 * A synchronous request completes on its answer; a batch request (`batch: true`) is a
 * prediction polled by id, resumable from its ref anywhere. VLM Run has no cancel endpoint:
 * canceling stops polling; the prediction runs (and is charged) to the end.
 *
 * The driver holds a transport (`driver.transport`), not the client class: its handler calls
 * the two endpoint functions it needs, so a bundle of the driver carries those two endpoints
 * and none of the others. `new VlmRunClient(driver.transport)` (from `@atelier/vlmrun/client`)
 * makes direct calls on the same connection.
 */
import {
  type AtelierHooks,
  checkOptionNames,
  type Driver,
  type ModelInfo,
  type OptionNames,
  type PollingOptions,
  type StandardSchemaV1,
  startJob,
  type TaskHandler,
  type TaskInput,
  type VisionAnalyzeOutput,
} from '@atelier/core'
import { defineDriver } from '@atelier/core/driver'
// Type-only: importing the class itself would bundle every endpoint with the driver.
import type { VlmRunClient } from '../client/client'
import {
  createVlmRunTransport,
  VLMRUN_CLIENT_OPTION_NAMES,
  type VlmRunClientOptions,
  type VlmRunTransport,
} from '../client/transport'
import { DOMAINS, type Domain, type Metadata } from '../schemas'
import { analyzeHandler, PendingSchemas, PROVIDER_ID } from './vision'

export interface VlmRunDriverOptions extends VlmRunClientOptions {
  /**
   * A connection to reuse (e.g. another driver's `transport`, or a client's): its HTTP client
   * is shared, and the connection options here are ignored. Built from them otherwise.
   */
  transport?: VlmRunTransport
  /** A client to reuse: the driver uses its `transport` (same as `transport: client.transport`). */
  client?: VlmRunClient
  /** Send every request as a batch prediction (polled) instead of waiting on it. Default false. */
  batch?: boolean
  /** `callback_url` for every request (per call: `providerOptions.vlmrun.callback_url`). */
  callbackUrl?: string
  /** `metadata` for every request. */
  metadata?: Metadata
  /** Domain when the input names none. Default: by mode (`image.caption`, `document.ocr` for OCR, `document.generative` for extraction). */
  domain?: Domain
  /**
   * How many pending predictions' schemas this process keeps, to check their answers when
   * they complete. Default 100; past it the one used least recently is dropped, and its answer
   * comes back as parsed JSON with a warning.
   */
  maxPendingSchemas?: number
}

/** Options of `driver.extract`. */
export interface ExtractOptions {
  signal?: AbortSignal
  /** Give up (and stop watching) after this long. */
  timeoutMs?: number
  hooks?: AtelierHooks
  polling?: Partial<PollingOptions>
}

/** A `vision.analyze` input whose answer is shaped by a schema (classic zod, or any Standard Schema that describes itself as JSON Schema). */
export type ExtractInput<S extends StandardSchemaV1> = Omit<
  TaskInput<'vision.analyze'>,
  'schema' | 'model'
> & {
  schema: S
  /** Default `vlm-1`. */
  model?: string
}

/** The handlers of the `vlmrun` driver. */
export interface VlmRunTasks {
  readonly 'vision.analyze': TaskHandler<'vision.analyze'>
}

export interface VlmRunDriver extends Driver<typeof PROVIDER_ID, VlmRunTasks> {
  /**
   * The connection the handler calls through: pass it to the endpoint functions, or
   * `new VlmRunClient(driver.transport)` for the whole typed client on it.
   */
  readonly transport: VlmRunTransport
  /**
   * Structured extraction with a schema, typed end to end: the schema becomes
   * `config.json_schema` and the answer is parsed with it (a mismatch is a
   * ResponseShapeError). Runs the job to the end (batch predictions are polled).
   */
  extract<S extends StandardSchemaV1>(
    input: ExtractInput<S>,
    options?: ExtractOptions,
  ): Promise<VisionAnalyzeOutput<StandardSchemaV1.InferOutput<S>>>
}

const VLMRUN_OPTION_NAMES = {
  ...VLMRUN_CLIENT_OPTION_NAMES,
  transport: true,
  client: true,
  batch: true,
  callbackUrl: true,
  metadata: true,
  domain: true,
  maxPendingSchemas: true,
} as const satisfies OptionNames<VlmRunDriverOptions>

/** Creates the driver. Pass `apiKey` (or `auth`, or a ready `transport` or `client`). */
export function vlmrun(options: VlmRunDriverOptions = {}): VlmRunDriver {
  checkOptionNames('vlmrun()', options, VLMRUN_OPTION_NAMES)
  const schemas = new PendingSchemas(options.maxPendingSchemas)
  const transport = options.transport ?? options.client?.transport ?? createVlmRunTransport(options)
  const defaults = {
    batch: options.batch ?? false,
    callbackUrl: options.callbackUrl,
    metadata: options.metadata,
    domain: options.domain,
  }

  const base = defineDriver({
    id: PROVIDER_ID,
    tasks: { 'vision.analyze': analyzeHandler({ transport, defaults, schemas }) },
    // Batch predictions take seconds to minutes; the engine backs off from 1 s.
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 10_000 },
    async listModels(): Promise<ModelInfo[]> {
      // The API has no model list; vlm-1 is the only model it allows.
      return [
        {
          id: 'vlm-1',
          tasks: ['vision.analyze'],
          name: 'VLM-1',
          description: 'structured image understanding in a domain',
          metadata: { domains: [...DOMAINS] },
        },
      ]
    },
  })

  const driver: VlmRunDriver = {
    ...base,
    transport,
    async extract<S extends StandardSchemaV1>(
      input: ExtractInput<S>,
      extractOptions: ExtractOptions = {},
    ): Promise<VisionAnalyzeOutput<StandardSchemaV1.InferOutput<S>>> {
      const job = await startJob(
        driver,
        'vision.analyze',
        { ...input, model: input.model ?? 'vlm-1', mode: input.mode ?? 'extract' },
        {
          ...(extractOptions.signal ? { signal: extractOptions.signal } : {}),
          ...(extractOptions.hooks ? { hooks: extractOptions.hooks } : {}),
          ...(extractOptions.polling ? { polling: extractOptions.polling } : {}),
        },
      )
      const output = await job.wait({
        ...(extractOptions.signal ? { signal: extractOptions.signal } : {}),
        ...(extractOptions.timeoutMs !== undefined ? { timeoutMs: extractOptions.timeoutMs } : {}),
        cancelOnAbort: true,
      })
      // Parsed with `input.schema` (or refused): its output type.
      return output as VisionAnalyzeOutput<StandardSchemaV1.InferOutput<S>>
    },
  }
  return driver
}
