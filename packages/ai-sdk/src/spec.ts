/**
 * The AI SDK model types this package implements, in both versions of the provider
 * specification. Version 3 comes from `@ai-sdk/provider` 3, which runs on Node 18+ as ESM and
 * CommonJS, like this package. Version 4 lives in `@ai-sdk/provider` 4, which is ESM-only and
 * needs Node 22, so it cannot be a dependency here: its image, speech, transcription and
 * language models differ from version 3 only in the version tag and in fields added as
 * optional (that these models never set, or read when given), so each V4 type below is the V3
 * one under the `v4` tag. Video adds `doStart` / `doStatus` and an optional `doGenerate`.
 * `test/node22/ai7-steps.ts`, type-checked with the rest, hands each of them to ai 7's functions,
 * whose parameters are the real V4 types.
 */
import type {
  ImageModelV3,
  JSONValue,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
  SharedV3Warning,
  SpeechModelV3,
  TranscriptionModelV3,
  Experimental_VideoModelV3 as VideoModelV3,
  Experimental_VideoModelV3CallOptions as VideoModelV3CallOptions,
  Experimental_VideoModelV3VideoData as VideoModelV3VideoData,
} from '@ai-sdk/provider'

export type {
  ImageModelV3,
  LanguageModelV3,
  SpeechModelV3,
  TranscriptionModelV3,
  VideoModelV3,
  VideoModelV3CallOptions,
  VideoModelV3VideoData,
}

/** Which version of the provider specification the models declare. */
export type SpecificationVersion = 'v3' | 'v4'

type Tagged<Model, Version extends SpecificationVersion> = Omit<Model, 'specificationVersion'> & {
  readonly specificationVersion: Version
}

/** `ImageModelV4` (`@ai-sdk/provider` 4). */
export type ImageModelV4 = Tagged<ImageModelV3, 'v4'>
/** `SpeechModelV4`. */
export type SpeechModelV4 = Tagged<SpeechModelV3, 'v4'>
/** `TranscriptionModelV4`. */
export type TranscriptionModelV4 = Tagged<TranscriptionModelV3, 'v4'>
/**
 * The V4 language model's call options as this package reads them: the V3 ones, with the
 * fields typed by the spec's JSON types left open. The two packages' JSON types differ (V4's
 * objects may hold `undefined`), so V4 options would not pass for V3 ones, though nothing
 * read here differs.
 */
export type LanguageModelV4CallOptions = Omit<
  LanguageModelV3CallOptions,
  'prompt' | 'providerOptions' | 'tools' | 'toolChoice' | 'responseFormat'
> & {
  prompt: ReadonlyArray<{ role: string; content: unknown; providerOptions?: unknown }>
  providerOptions?: Record<string, unknown>
  tools?: readonly unknown[]
  toolChoice?: unknown
  responseFormat?: unknown
  reasoning?: string
}

/** The usage and finish reason, as both versions carry them. */
export interface LanguageModelFinish {
  usage: LanguageModelV3Usage
  finishReason: LanguageModelV3FinishReason
}

/** What `doGenerate` returns here: text, and reasoning when the model gave it. */
export interface LanguageModelGenerateResult extends LanguageModelFinish {
  content: ({ type: 'text'; text: string } | { type: 'reasoning'; text: string })[]
  warnings: SharedV3Warning[]
  providerMetadata?: SharedV3ProviderMetadata
  request?: { body?: unknown }
  response?: { id?: string; timestamp?: Date; modelId?: string }
}

/** The stream parts emitted here (a subset of both versions' parts). */
export type LanguageModelStreamPart =
  | { type: 'stream-start'; warnings: SharedV3Warning[] }
  | { type: 'response-metadata'; id?: string; timestamp?: Date; modelId?: string }
  | { type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end'; id: string }
  | { type: 'text-delta' | 'reasoning-delta'; id: string; delta: string }
  | (LanguageModelFinish & { type: 'finish'; providerMetadata?: SharedV3ProviderMetadata })
  | { type: 'error'; error: unknown }

/** What `doStream` returns here. */
export interface LanguageModelStreamResult {
  stream: ReadableStream<LanguageModelStreamPart>
  request?: { body?: unknown }
}

/** `LanguageModelV3`, as implemented here (its results are the V3 ones). */
export interface LanguageModelV3Implemented
  extends Omit<LanguageModelV3, 'doGenerate' | 'doStream'> {
  doGenerate(options: LanguageModelV3CallOptions): PromiseLike<LanguageModelGenerateResult>
  doStream(options: LanguageModelV3CallOptions): PromiseLike<LanguageModelStreamResult>
}

/** `LanguageModelV4`. */
export interface LanguageModelV4 {
  readonly specificationVersion: 'v4'
  readonly provider: string
  readonly modelId: string
  supportedUrls: LanguageModelV3['supportedUrls']
  doGenerate(options: LanguageModelV4CallOptions): PromiseLike<LanguageModelGenerateResult>
  doStream(options: LanguageModelV4CallOptions): PromiseLike<LanguageModelStreamResult>
}

/** What a video call's `response` carries, in both versions. */
export interface VideoResponseMetadata {
  timestamp: Date
  modelId: string
  headers: Record<string, string> | undefined
}

/** `VideoModelV4OperationStartResult`: the started job's ref is the operation. */
export interface VideoOperationStartResult {
  operation: JSONValue
  warnings: SharedV3Warning[]
  providerMetadata?: SharedV3ProviderMetadata
  response: VideoResponseMetadata
}

/** `VideoModelV4OperationStatusResult`. */
export type VideoOperationStatusResult =
  | {
      status: 'pending'
      warnings?: SharedV3Warning[]
      providerMetadata?: SharedV3ProviderMetadata
      response: VideoResponseMetadata
    }
  | {
      status: 'completed'
      videos: VideoModelV3VideoData[]
      warnings: SharedV3Warning[]
      providerMetadata?: SharedV3ProviderMetadata
      response: VideoResponseMetadata
    }
  | {
      status: 'error'
      error: string
      providerMetadata?: SharedV3ProviderMetadata
      response: VideoResponseMetadata
    }

/** The operation half of `Experimental_VideoModelV4`, which the V3 model carries too (ai 7 reads it from either). */
export interface VideoOperations {
  doStart(
    options: VideoModelV3CallOptions & { webhookUrl?: string },
  ): PromiseLike<VideoOperationStartResult>
  doStatus(options: {
    operation: JSONValue
    abortSignal?: AbortSignal
    headers?: Record<string, string | undefined>
  }): PromiseLike<VideoOperationStatusResult>
}

/** `Experimental_VideoModelV3` with the operations (ai 6 ignores them; ai 7 uses them). */
export type VideoModelV3WithOperations = VideoModelV3 & VideoOperations
/** `Experimental_VideoModelV4`. */
export type VideoModelV4 = Tagged<VideoModelV3, 'v4'> & VideoOperations

/** Each kind of model, in the version `V`. */
export interface ModelsOf<V extends SpecificationVersion> {
  image: V extends 'v4' ? ImageModelV4 : ImageModelV3
  speech: V extends 'v4' ? SpeechModelV4 : SpeechModelV3
  transcription: V extends 'v4' ? TranscriptionModelV4 : TranscriptionModelV3
  video: V extends 'v4' ? VideoModelV4 : VideoModelV3WithOperations
  language: V extends 'v4' ? LanguageModelV4 : LanguageModelV3Implemented
}
