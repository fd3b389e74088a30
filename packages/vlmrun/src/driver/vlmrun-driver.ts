/**
 * The `vlmrun` driver: `vision.analyze` on VLM Run — captions, OCR and structured extraction
 * in a domain, with your own schema as `config.json_schema`. A synchronous request completes
 * on its answer; a batch request (`batch: true`) is a prediction polled by id, resumable from
 * its ref anywhere. VLM Run has no cancel endpoint: cancelling stops watching; the prediction
 * runs (and is charged) to the end.
 */
import {
  type AtelierHooks,
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type ModelInfo,
  type ParseableSchema,
  type PollingOptions,
  ProviderError,
  pollHintsFrom,
  type Submission,
  startJob,
  type TaskInput,
  type TaskName,
  type TaskOutput,
  UnsupportedError,
  ValidationError,
  type ValidTaskInput,
  type VisionAnalyzeOutput,
} from '@atelier/core'
import type * as z from 'zod/mini'
import { requestIssues, VlmRunClient, type VlmRunClientOptions } from '../client'
import { DOMAINS, type Domain, imageGenerateRequestSchema, type Metadata, MODELS } from '../schemas'
import { analyzeOutput, contextFromRef, failedError, refData, snapshotOf } from './outputs'
import { analyzeRequest, PROVIDER_ID } from './requests'

export interface VlmRunDriverOptions extends VlmRunClientOptions {
  /** A client to reuse. Built from the other options otherwise. */
  client?: VlmRunClient
  /** Send every request as a batch prediction (polled) instead of waiting on it. Default false. */
  batch?: boolean
  /** `callback_url` for every request (per call: `providerOptions.vlmrun.callback_url`). */
  callbackUrl?: string
  /** `metadata` for every request. */
  metadata?: Metadata
  /** Domain when the input names none. Default: by mode (`image.caption`, `document.ocr` for OCR, `document.generative` for extraction). */
  domain?: Domain
}

/** Options of `driver.extract`. */
export interface ExtractOptions {
  signal?: AbortSignal
  /** Give up (and stop watching) after this long. */
  timeoutMs?: number
  hooks?: AtelierHooks
  polling?: Partial<PollingOptions>
}

/** A `vision.analyze` input whose answer is shaped by a zod schema. */
export type ExtractInput<S extends z.core.$ZodType> = Omit<
  TaskInput<'vision.analyze'>,
  'schema' | 'model'
> & {
  schema: S
  /** Default `vlm-1`. */
  model?: string
}

export interface VlmRunDriver extends Driver {
  /** The typed client. */
  readonly client: VlmRunClient
  /**
   * Structured extraction with a zod schema, typed end to end: the schema becomes
   * `config.json_schema` and the answer is parsed with it (a mismatch is a
   * ResponseShapeError). Runs the job to the end (batch predictions are polled).
   */
  extract<S extends z.core.$ZodType>(
    input: ExtractInput<S>,
    options?: ExtractOptions,
  ): Promise<VisionAnalyzeOutput<z.output<S>>>
}

const CAPABILITIES: DriverCapabilities = {
  'vision.analyze': { cancel: 'local', resumable: true, models: MODELS },
}

/** Creates the driver. Pass `apiKey` (or `auth`, or a ready `client`). */
export function vlmrun(options: VlmRunDriverOptions = {}): VlmRunDriver {
  const client = options.client ?? new VlmRunClient(options)
  const defaults = {
    batch: options.batch ?? false,
    callbackUrl: options.callbackUrl,
    metadata: options.metadata,
    domain: options.domain,
  }
  /** zod schemas of this process's pending predictions, so their answers are checked too. */
  const schemas = new Map<string, ParseableSchema<unknown>>()

  async function submit<T extends TaskName>(
    task: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<Submission<TaskOutput<T>>> {
    if (task !== 'vision.analyze') {
      throw new UnsupportedError(`VLM Run does vision.analyze only, not ${task}`, {
        provider: PROVIDER_ID,
      })
    }
    const analyze = input as ValidTaskInput<'vision.analyze'>
    const built = await analyzeRequest(analyze, defaults, context.signal)
    const parsed = imageGenerateRequestSchema.safeParse(built.body)
    if (!parsed.success) {
      const issues = requestIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: built.rename(issue.path),
      }))
      throw new ValidationError(issues, { provider: PROVIDER_ID })
    }
    const schema =
      built.schemaKind === 'zod' ? (analyze.schema as ParseableSchema<unknown>) : undefined
    const prediction = await client.image.generate(built.body, {
      signal: context.signal,
      hooks: context.hooks,
    })
    const ref: JobRef = {
      provider: PROVIDER_ID,
      task,
      id: prediction.id,
      data: refData(built, built.body.domain),
      submittedAt: new Date(context.clock.now()).toISOString(),
    }
    const outputContext = {
      mode: built.mode,
      schemaKind: built.schemaKind,
      warnings: built.warnings,
      ...(schema ? { schema } : {}),
      http: client.http,
    }
    if (prediction.status === 'completed') {
      return {
        type: 'completed',
        output: analyzeOutput(prediction, outputContext) as TaskOutput<T>,
        ref,
      }
    }
    if (prediction.status === 'failed') throw failedError(prediction, client.http)
    if (schema) schemas.set(prediction.id, schema)
    return {
      type: 'pending',
      ref,
      snapshot: snapshotOf(prediction, outputContext, {}) as never,
    }
  }

  async function poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
    let result: Awaited<ReturnType<typeof client.predictions.getWithHeaders>>
    try {
      result = await client.predictions.getWithHeaders(ref.id, {
        signal: context.signal,
        hooks: context.hooks,
      })
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        schemas.delete(ref.id)
        return {
          state: 'failed',
          error: new JobFailedError(`VLM Run does not know prediction ${ref.id} (404)`, {
            provider: PROVIDER_ID,
            jobId: ref.id,
            body: error.body,
          }),
        }
      }
      throw error
    }
    const snapshot = snapshotOf(
      result.prediction,
      contextFromRef(ref, client.http, schemas.get(ref.id)),
      pollHintsFrom(result.headers),
    )
    if (snapshot.state === 'completed' || snapshot.state === 'failed') schemas.delete(ref.id)
    return snapshot
  }

  async function listModels(): Promise<ModelInfo[]> {
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
  }

  const driver: VlmRunDriver = {
    id: PROVIDER_ID,
    capabilities: CAPABILITIES,
    // Batch predictions take seconds to minutes; the engine backs off from 1 s.
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 10_000 },
    client,
    submit,
    poll,
    listModels,
    async extract(input, extractOptions = {}) {
      const job = await startJob(
        driver,
        'vision.analyze',
        {
          ...input,
          model: input.model ?? 'vlm-1',
          mode: input.mode ?? 'extract',
        } as TaskInput<'vision.analyze'>,
        {
          ...(extractOptions.signal ? { signal: extractOptions.signal } : {}),
          ...(extractOptions.hooks ? { hooks: extractOptions.hooks } : {}),
          ...(extractOptions.polling ? { polling: extractOptions.polling } : {}),
        },
      )
      return (await job.wait({
        ...(extractOptions.signal ? { signal: extractOptions.signal } : {}),
        ...(extractOptions.timeoutMs !== undefined ? { timeoutMs: extractOptions.timeoutMs } : {}),
        cancelOnAbort: true,
      })) as never
    },
  }
  return driver
}
