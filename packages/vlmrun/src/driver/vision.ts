/**
 * `vision.analyze` on VLM Run: the handler, the body of `POST /v1/image/generate` built from the
 * task input, and predictions read back as outputs and snapshots.
 *
 * The body: the images as URLs or base64, a domain (given, or chosen by mode), the prompt, the
 * structured-output schema as `config.json_schema`, the limits, and `providerOptions.vlmrun`
 * (batch, callback URL, metadata, extra config). Provider options cannot replace what a task
 * field set (`config.prompt` is `prompt`'s). Predictions: `enqueued`, `pending` and `paused` are
 * waiting (paused is not terminal: the prediction resumes), `running` is running, `completed`
 * carries the response — parsed with the caller's schema when this process still has it — and
 * `failed` a JobFailedError. Statuses are read with `readStatus` (other spellings and the shared
 * synonyms too); a word it does not know is reported as running with `unrecognisedStatus`, so
 * the engine gives up on it after a bounded run instead of polling forever.
 */
import {
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type JsonValue,
  type PollHints,
  ResponseShapeError,
  type StandardSchemaV1,
  type TaskHandler,
  UnsupportedError,
  type Usage,
  ValidationError,
  type ValidTaskInput,
  type VisionAnalyzeOutput,
  type Warning,
} from '@atelier/core'
import {
  checkBody,
  type HttpClient,
  otherWarning,
  pollHintsFrom,
  providerOptionsOf,
  redactBody,
  requestContextOf,
  unlessJobGone,
  withProviderOptions,
} from '@atelier/core/driver'
import * as z from 'zod/mini'
import { generateImagePrediction } from '../client/image'
import { RESPONSE_FIELDS, responseFieldOf, withParsedResponse } from '../client/parsed-response'
import { getPredictionWithHeaders } from '../client/predictions'
import { imageEntry, isStandardSchema, toJsonSchema } from '../client/structured'
import type { VlmRunTransport } from '../client/transport'
import {
  type Domain,
  type ImageGenerateRequest,
  imageGenerateRequestSchema,
  type Metadata,
  MODELS,
  type Prediction,
  readPredictionStatus,
} from '../schemas'

export const PROVIDER_ID = 'vlmrun'

/**
 * `providerOptions.vlmrun` of `vision.analyze`: the documented body fields that have no task
 * field. Strict, as the document lists them all; each is checked with the body's own rule.
 * Built in a pure function, like the wire schemas, so a bundle without the driver drops it.
 */
export const vlmrunProviderOptionsSchema = /* @__PURE__ */ (() => {
  const generate = imageGenerateRequestSchema.shape
  return z.strictObject({
    /** Run as an asynchronous prediction, polled by id. */
    batch: generate.batch,
    /** Called with the prediction when it completes. */
    callback_url: generate.callback_url,
    metadata: generate.metadata,
    /** Your id for the request. */
    id: generate.id,
    /** When the request was created (UTC). */
    created_at: generate.created_at,
    /** Extra generation config (`detail`, `confidence`, `grounding`, `max_retries`, `response_model`, ...). */
    config: generate.config,
  })
})()
/** What the driver reads from `providerOptions.vlmrun`. */
export type VlmRunProviderOptions = z.input<typeof vlmrunProviderOptionsSchema>

export type AnalyzeMode = 'question' | 'caption' | 'ocr' | 'extract'

/**
 * How a structured answer is checked: with the caller's schema (`zod`: zod or any Standard
 * Schema), as plain JSON Schema, or not at all. Kept in the ref.
 */
export type SchemaKind = 'zod' | 'json' | 'none'

/** The driver-wide defaults a request starts from. */
export interface RequestDefaults {
  batch: boolean
  callbackUrl: string | undefined
  metadata: Metadata | undefined
  domain: Domain | undefined
}

/** Body fields set from a task field, and that field: provider options may not replace them. */
const TASK_FIELDS = { images: 'images', domain: 'domain', model: 'model' } as const
/** `config` fields set from a task field. */
const CONFIG_TASK_FIELDS = {
  prompt: 'prompt',
  json_schema: 'schema',
  max_tokens: 'maxTokens',
  temperature: 'temperature',
} as const

export interface BuiltRequest {
  body: ImageGenerateRequest
  mode: AnalyzeMode
  schemaKind: SchemaKind
  /** The caller's schema, when it can check the answer. */
  schema: StandardSchemaV1 | undefined
  warnings: Warning[]
  /** The keys the caller gave in `providerOptions.vlmrun`, so body issues on them are named there. */
  providerOptionKeys: string[]
}

/** The domain used when neither the input nor the driver options name one. */
export function defaultDomain(mode: AnalyzeMode): Domain {
  if (mode === 'ocr') return 'document.ocr'
  if (mode === 'extract') return 'document.generative'
  return 'image.caption'
}

/** `vision.analyze` input → the body of `POST /v1/image/generate`, checked against the wire schema. */
export async function analyzeRequest(
  input: ValidTaskInput<'vision.analyze'>,
  defaults: RequestDefaults,
  signal: AbortSignal | undefined,
): Promise<BuiltRequest> {
  if (input.video !== undefined) {
    throw new UnsupportedError(
      `${PROVIDER_ID}: /v1/image/generate reads images; send video frames as images`,
      { provider: PROVIDER_ID },
    )
  }
  const options = providerOptionsOf(input, PROVIDER_ID, vlmrunProviderOptionsSchema)
  const mode: AnalyzeMode = input.mode ?? (input.prompt !== undefined ? 'question' : 'caption')
  const images = await Promise.all(
    input.images
      ? input.images.map((source, index) => imageEntry(source, ['images', index], signal))
      : input.image !== undefined
        ? [imageEntry(input.image, ['image'], signal)]
        : [],
  )
  const schema = input.schema
  const checker = isStandardSchema(schema) ? schema : undefined
  const schemaKind: SchemaKind = schema === undefined ? 'none' : checker ? 'zod' : 'json'
  const { config: extraConfig, ...extra } = definedOnly(options)
  const config = withConfigOptions(
    {
      ...(input.prompt !== undefined ? { prompt: input.prompt } : {}),
      ...(schema !== undefined ? { json_schema: toJsonSchema(schema, 'schema') } : {}),
      ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
      ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    },
    extraConfig ?? {},
  )
  const body = withProviderOptions(
    {
      images,
      domain: input.domain ?? defaults.domain ?? defaultDomain(mode),
      model: input.model,
      ...(Object.keys(config).length ? { config } : {}),
      ...(defaults.metadata ? { metadata: defaults.metadata } : {}),
      ...(defaults.callbackUrl != null ? { callback_url: defaults.callbackUrl } : {}),
      batch: defaults.batch,
    },
    extra,
    {
      provider: PROVIDER_ID,
      taskFields: { ...TASK_FIELDS, images: input.images ? 'images' : 'image' },
    },
  )
  const providerOptionKeys = Object.keys(options)
  const checked = checkBody(imageGenerateRequestSchema, body, {
    provider: PROVIDER_ID,
    fields: input.images ? {} : { images: 'image' },
    providerOptionKeys,
  })
  const warnings: Warning[] = []
  if (mode === 'question') {
    warnings.push(
      otherWarning(
        `VLM Run has no free-form question answering: the prompt guides the structured answer of the ${checked.domain} domain`,
      ),
    )
  }
  return {
    body: checked,
    mode,
    schemaKind,
    schema: checker,
    warnings,
    providerOptionKeys,
  }
}

/** `options` without the keys given as `undefined`, which would otherwise replace a default. */
function definedOnly<T extends Record<string, unknown>>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T
}

/**
 * `config` with `providerOptions.vlmrun.config` added: a key a task field set (`prompt`,
 * `schema`, `maxTokens`, `temperature`) is refused, named under `config`.
 */
function withConfigOptions(
  config: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  try {
    return withProviderOptions(config, definedOnly(extra), {
      provider: PROVIDER_ID,
      taskFields: CONFIG_TASK_FIELDS,
    })
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error
    // The kit names the key at the top of `providerOptions.vlmrun`; these sit under its `config`.
    const issues = error.issues.map((issue) => ({
      ...issue,
      path: [...issue.path.slice(0, 2), 'config', ...issue.path.slice(2)],
    }))
    throw new ValidationError(issues, { provider: PROVIDER_ID })
  }
}

// ---------------------------------------------------------------------------------------------
// Predictions → outputs and snapshots
// ---------------------------------------------------------------------------------------------

/** Fields of a plain answer that hold its text, in order of preference. */
const TEXT_FIELDS = ['caption', 'text', 'markdown', 'content', 'answer', 'description', 'summary']

/** The output's `text`: the answer itself, a caption/text field, or the JSON. */
export function textOf(response: unknown, structured: boolean): string {
  if (response == null) return ''
  if (typeof response === 'string') return response
  if (!structured && typeof response === 'object' && !Array.isArray(response)) {
    for (const field of TEXT_FIELDS) {
      const value = (response as Record<string, unknown>)[field]
      if (typeof value === 'string') return value
    }
  }
  return JSON.stringify(response)
}

/** Credits → usage. */
export function usageOf(prediction: Prediction): Usage | undefined {
  const credits = prediction.usage?.credits_used
  return typeof credits === 'number' ? { credits } : undefined
}

export interface OutputContext {
  mode: AnalyzeMode | string
  schemaKind: SchemaKind | string
  /** The caller's schema, when this process has it. */
  schema?: StandardSchemaV1
  http: HttpClient
}

/**
 * A completed prediction → the output. The answer is read from `response`, or else from the
 * other fields that carry it (`RESPONSE_FIELDS`). Throws ResponseShapeError, quoting the
 * prediction, when none holds an answer, or when the answer breaks the caller's schema.
 */
export function analyzeOutput(
  prediction: Prediction,
  context: OutputContext,
): VisionAnalyzeOutput<unknown> {
  const field = responseFieldOf(prediction)
  if (field === undefined) {
    const quoted = context.http.redact(JSON.stringify(prediction))
    throw new ResponseShapeError(
      `${PROVIDER_ID} prediction ${prediction.id} is ${prediction.status} but holds no answer in ${RESPONSE_FIELDS.join(', ')}: ${quoted.slice(0, 300)}`,
      {
        provider: PROVIDER_ID,
        status: 200,
        issues: [
          {
            path: ['response'],
            message: 'a completed prediction needs its answer',
            rule: 'required',
          },
        ],
        body: quoted.slice(0, 4_096),
      },
    )
  }
  const parsed = withParsedResponse(prediction, context.schema, (text) => context.http.redact(text))
  const response = field === 'response' || context.schema ? parsed.response : prediction[field]
  const structured = context.mode === 'extract' || context.schemaKind !== 'none'
  const usage = usageOf(prediction)
  const warnings: Warning[] = []
  if (context.schemaKind === 'zod' && !context.schema && response != null) {
    warnings.push(
      otherWarning(
        `the schema of prediction ${prediction.id} is not known in this process (resumed elsewhere, or dropped after maxPendingSchemas newer ones): the answer is returned as parsed JSON, not checked`,
      ),
    )
  }
  return {
    text: textOf(response, structured),
    ...(response != null && typeof response === 'object' ? { object: response } : {}),
    warnings,
    ...(usage ? { usage } : {}),
    providerMetadata: {
      predictionId: prediction.id,
      status: prediction.status,
      ...(prediction.usage ? { usage: prediction.usage } : {}),
      ...(prediction.created_at ? { createdAt: prediction.created_at } : {}),
      ...(prediction.completed_at ? { completedAt: prediction.completed_at } : {}),
    },
  }
}

/** Why a prediction failed, from whichever field the server filled. */
function failureReason(prediction: Prediction): string | undefined {
  const record = prediction as Record<string, unknown>
  for (const value of [record.error, record.message, record.detail, prediction.response]) {
    if (typeof value === 'string' && value) return value
    if (typeof value === 'object' && value !== null) {
      const inner =
        (value as Record<string, unknown>).message ?? (value as Record<string, unknown>).error
      if (typeof inner === 'string' && inner) return inner
    }
  }
  return undefined
}

/** The error of a failed prediction. Its reason is the server's text: credentials it quotes are redacted. */
export function failedError(
  prediction: Prediction,
  http: Pick<HttpClient, 'redact' | 'secrets'>,
): JobFailedError {
  const reason = failureReason(prediction)
  return new JobFailedError(
    `${PROVIDER_ID} prediction ${prediction.id} failed: ${reason !== undefined ? http.redact(reason) : 'no reason given'}`,
    {
      provider: PROVIDER_ID,
      jobId: prediction.id,
      body: redactBody(JSON.stringify(prediction), http.secrets),
    },
  )
}

/** One prediction → one snapshot. */
export function snapshotOf(
  prediction: Prediction,
  context: OutputContext,
  hints: PollHints,
): JobSnapshot<VisionAnalyzeOutput<unknown>> {
  const status = readPredictionStatus(prediction.status)
  const extra = {
    providerStatus: status.providerStatus,
    ...(status.recognised ? {} : { unrecognisedStatus: true }),
    ...(Object.keys(hints).length ? { hints } : {}),
  }
  switch (status.state) {
    case 'queued':
      return { state: 'queued', ...extra }
    case 'completed':
      try {
        return { state: 'completed', output: analyzeOutput(prediction, context), ...extra }
      } catch (error) {
        if (error instanceof ResponseShapeError) return { state: 'failed', error, ...extra }
        throw error
      }
    case 'failed':
      return { state: 'failed', error: failedError(prediction, context.http), ...extra }
    case 'canceled':
      return {
        state: 'canceled',
        ...extra,
      }
    default:
      // `running`, or (unrecognised) a status newer than the document.
      return { state: 'running', ...extra }
  }
}

/**
 * The job a submit answer becomes. A prediction with an id is always a job: completed with its
 * output when the answer is done and readable; pending otherwise — with the snapshot the answer
 * gives, a failed one included (a response that breaks the caller's schema), so the ref of a
 * prediction VLM Run created, and charged, is never lost to the shape of its answer.
 */
export function submissionOf(
  prediction: Prediction,
  context: OutputContext,
  data: Record<string, JsonValue>,
):
  | {
      type: 'completed'
      id: string
      data: Record<string, JsonValue>
      output: VisionAnalyzeOutput<unknown>
    }
  | {
      type: 'pending'
      id: string
      data: Record<string, JsonValue>
      snapshot: JobSnapshot<VisionAnalyzeOutput<unknown>>
    } {
  const snapshot = snapshotOf(prediction, context, {})
  if (snapshot.state === 'completed') {
    return { type: 'completed', id: prediction.id, data, output: snapshot.output }
  }
  return { type: 'pending', id: prediction.id, data, snapshot }
}

/** JSON-safe ref data: what an output needs besides the prediction. */
export function refData(built: BuiltRequest): Record<string, JsonValue> {
  return { domain: built.body.domain, mode: built.mode, schemaKind: built.schemaKind }
}

/** Ref data back to an output context (the schema only when this process still has it). */
export function contextFromRef(
  ref: JobRef,
  http: HttpClient,
  schema: StandardSchemaV1 | undefined,
): OutputContext {
  const data = ref.data ?? {}
  return {
    mode: typeof data.mode === 'string' ? data.mode : 'caption',
    schemaKind: typeof data.schemaKind === 'string' ? data.schemaKind : 'none',
    ...(schema ? { schema } : {}),
    http,
  }
}

// ---------------------------------------------------------------------------------------------
// The caller's schemas of pending predictions
// ---------------------------------------------------------------------------------------------

/** How many pending predictions' schemas a driver keeps by default. */
export const DEFAULT_MAX_PENDING_SCHEMAS = 100

/**
 * The caller's schemas of this process's pending predictions, so their answers are checked
 * too. A schema cannot go into the ref (it is code), so it is kept here by prediction id until
 * the prediction ends — and at most `limit` of them: a job nobody polls to the end (abandoned,
 * or resumed in another process) would otherwise hold its entry forever. Past the limit the
 * entry used least recently is dropped; that job's answer then comes back unchecked, with a
 * warning.
 */
export class PendingSchemas {
  readonly limit: number
  readonly #entries = new Map<string, StandardSchemaV1>()

  constructor(limit: number = DEFAULT_MAX_PENDING_SCHEMAS) {
    if (!Number.isInteger(limit) || limit < 0) {
      throw new TypeError(`${PROVIDER_ID}: maxPendingSchemas must be a whole number >= 0`)
    }
    this.limit = limit
  }

  get size(): number {
    return this.#entries.size
  }

  /** Keeps `schema` for prediction `id`, dropping the entry used least recently past the limit. */
  set(id: string, schema: StandardSchemaV1): void {
    this.#entries.delete(id)
    if (this.limit === 0) return
    this.#entries.set(id, schema)
    if (this.#entries.size > this.limit) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
  }

  /** The schema of prediction `id`, now the entry used most recently. */
  get(id: string): StandardSchemaV1 | undefined {
    const schema = this.#entries.get(id)
    if (schema !== undefined) {
      this.#entries.delete(id)
      this.#entries.set(id, schema)
    }
    return schema
  }

  delete(id: string): void {
    this.#entries.delete(id)
  }
}

// ---------------------------------------------------------------------------------------------
// The handler
// ---------------------------------------------------------------------------------------------

export interface AnalyzeSettings {
  /** The connection of the two endpoints the handler calls (submit and poll). */
  transport: VlmRunTransport
  defaults: RequestDefaults
  schemas: PendingSchemas
}

/**
 * The `vision.analyze` handler. A synchronous request completes on its answer (its prediction
 * id makes the job resumable); a batch one, or a synchronous answer that is not done yet, is a
 * pending prediction polled by id. VLM Run has no cancel endpoint: canceling stops polling
 * (and aborts a request in flight); the prediction runs, and is charged, to the end.
 */
export function analyzeHandler(settings: AnalyzeSettings): TaskHandler<'vision.analyze'> {
  const { transport, defaults, schemas } = settings
  const { http } = transport
  return {
    models: MODELS,
    cancel: 'local',
    resumable: true,
    providerOptions: vlmrunProviderOptionsSchema,

    async submit(input, context) {
      const built = await analyzeRequest(input, defaults, context.signal)
      const prediction = await generateImagePrediction(
        transport,
        built.body,
        requestContextOf(context),
      )
      const outputContext: OutputContext = {
        mode: built.mode,
        schemaKind: built.schemaKind,
        ...(built.schema ? { schema: built.schema } : {}),
        http,
      }
      const submission = submissionOf(prediction, outputContext, refData(built))
      if (submission.type === 'pending' && built.schema) {
        const state = submission.snapshot.state
        if (state !== 'failed' && state !== 'canceled') schemas.set(prediction.id, built.schema)
      }
      return { ...submission, warnings: built.warnings }
    },

    async poll(ref, context) {
      const snapshot = await unlessJobGone(ref, async () => {
        const { prediction, headers } = await getPredictionWithHeaders(
          transport,
          ref.id,
          requestContextOf(context),
        )
        return snapshotOf(
          prediction,
          contextFromRef(ref, http, schemas.get(ref.id)),
          pollHintsFrom(headers),
        )
      })
      if (snapshot.state === 'completed' || snapshot.state === 'failed') schemas.delete(ref.id)
      return snapshot
    },
  }
}
