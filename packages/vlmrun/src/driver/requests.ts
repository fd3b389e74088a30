/**
 * `vision.analyze` input → the body of `POST /v1/image/generate`: the images as URLs or base64,
 * a domain (given, or chosen by mode), the prompt, the structured-output schema as
 * `config.json_schema`, the limits, and `providerOptions.vlmrun` (batch, callback URL,
 * metadata, extra config). Also says which input field each body field came from, so a broken
 * rule names the field the caller wrote.
 */
import {
  type StructuredSchema,
  UnsupportedError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { imageEntry, isZodSchema, toJsonSchema } from '../client'
import type { Domain, ImageGenerateRequest, Metadata } from '../schemas'

export const PROVIDER_ID = 'vlmrun'

/** What the driver reads from `providerOptions.vlmrun`. */
export interface VlmRunProviderOptions {
  batch?: boolean
  callback_url?: string | null
  metadata?: Metadata
  id?: string
  created_at?: string
  /** Extra generation config (`detail`, `confidence`, `grounding`, `max_retries`, `response_model`, ...). */
  config?: Record<string, unknown>
}

export type AnalyzeMode = 'question' | 'caption' | 'ocr' | 'extract'

/** How a structured answer will be checked: with the caller's zod schema, as plain JSON Schema, or not at all. */
export type SchemaKind = 'zod' | 'json' | 'none'

export interface BuiltRequest {
  body: ImageGenerateRequest
  mode: AnalyzeMode
  schemaKind: SchemaKind
  warnings: Warning[]
  /** Body path (dotted) → input path. */
  rename(path: (string | number)[]): (string | number)[]
}

export interface RequestDefaults {
  batch: boolean
  callbackUrl: string | undefined
  metadata: Metadata | undefined
  domain: Domain | undefined
}

/** The domain used when neither the input nor the driver options name one. */
export function defaultDomain(mode: AnalyzeMode): Domain {
  if (mode === 'ocr') return 'document.ocr'
  if (mode === 'extract') return 'document.generative'
  return 'image.caption'
}

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
  const warnings: Warning[] = []
  const options = (input.providerOptions?.[PROVIDER_ID] ?? {}) as VlmRunProviderOptions
  const mode: AnalyzeMode = input.mode ?? (input.prompt !== undefined ? 'question' : 'caption')
  const sources = input.images ?? [input.image!]
  const images = await Promise.all(
    sources.map((source, index) =>
      imageEntry(source, input.images ? ['images', index] : ['image'], signal),
    ),
  )
  const schema = input.schema as StructuredSchema | undefined
  const schemaKind: SchemaKind =
    schema === undefined ? 'none' : isZodSchema(schema) ? 'zod' : 'json'
  const config = {
    ...(input.prompt !== undefined ? { prompt: input.prompt } : {}),
    ...(schema !== undefined ? { json_schema: toJsonSchema(schema, 'schema') } : {}),
    ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...options.config,
  }
  const { config: _config, ...top } = options
  const batch = options.batch ?? defaults.batch
  const callbackUrl =
    options.callback_url !== undefined ? options.callback_url : defaults.callbackUrl
  const metadata = options.metadata ?? defaults.metadata
  const body: ImageGenerateRequest = {
    images,
    domain: (input.domain ?? defaults.domain ?? defaultDomain(mode)) as Domain,
    model: input.model as 'vlm-1',
    ...(Object.keys(config).length ? { config } : {}),
    ...(metadata ? { metadata } : {}),
    ...(callbackUrl != null ? { callback_url: callbackUrl } : {}),
    ...top,
    batch,
  }
  if (mode === 'question') {
    warnings.push({
      type: 'other',
      message: `VLM Run has no free-form question answering: the prompt guides the structured answer of the ${body.domain} domain`,
    })
  }
  const own = new Set(Object.keys(options))
  const ownConfig = new Set(Object.keys(options.config ?? {}))
  const CONFIG_FIELDS: Record<string, string> = {
    prompt: 'prompt',
    json_schema: 'schema',
    max_tokens: 'maxTokens',
    temperature: 'temperature',
  }
  const rename = (path: (string | number)[]): (string | number)[] => {
    const [head, next, ...rest] = path
    if (head === 'images') return input.images ? path : ['image', ...rest]
    if (head === 'config' && typeof next === 'string') {
      if (ownConfig.has(next)) return ['providerOptions', PROVIDER_ID, 'config', next, ...rest]
      return [CONFIG_FIELDS[next] ?? next, ...rest]
    }
    if (typeof head === 'string' && own.has(head)) return ['providerOptions', PROVIDER_ID, ...path]
    return path
  }
  return { body, mode, schemaKind, warnings, rename }
}
