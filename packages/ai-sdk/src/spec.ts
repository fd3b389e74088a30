/**
 * The AI SDK model types this package implements, in both versions of the provider
 * specification. Version 3 comes from `@ai-sdk/provider` 3, which runs on Node 18+ as ESM and
 * CommonJS, like this package. Version 4 lives in `@ai-sdk/provider` 4, which is ESM-only and
 * needs Node 22, so it cannot be a dependency here: its image, speech, transcription and
 * language models differ from version 3 only in the version tag and in fields added as
 * optional (that these models never set, or read when given), so each V4 type below is the V3
 * one under the `v4` tag. Video adds `doStart` / `doStatus` and an optional `doGenerate`.
 * `test/spec-v4.typecheck.ts` checks each of them against the real V4 types.
 */
import type {
  ImageModelV3,
  JSONValue,
  LanguageModelV3,
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
/** `LanguageModelV4`. */
export type LanguageModelV4 = Tagged<LanguageModelV3, 'v4'>

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
  language: V extends 'v4' ? LanguageModelV4 : LanguageModelV3
}
