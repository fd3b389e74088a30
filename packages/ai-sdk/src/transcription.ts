/**
 * `TranscriptionModelV3` / `TranscriptionModelV4` over atelier's `transcription.create`. The
 * audio goes as it came (bytes or base64 with its media type); V4's
 * `timestampGranularities` choose atelier's `timestamps`. Segments come back in seconds, words
 * too when the provider gave them.
 */
import type {
  SharedV3Warning,
  TranscriptionModelV3,
  TranscriptionModelV3CallOptions,
} from '@ai-sdk/provider'
import type { Atelier } from 'atelier'
import { mediaInputOfData } from './media'
import { runJob } from './run'
import {
  atelierOptionsOf,
  jsonObject,
  PROVIDER_KEY,
  prepareInput,
  providerNameOf,
  responseOf,
  specWarnings,
} from './shared'
import type { SpecificationVersion, TranscriptionModelV4 } from './spec'

/** The V4 call options' addition: which timestamps to return. */
type TimestampGranularity = 'word' | 'segment'

export function transcriptionModel<V extends SpecificationVersion>(
  ai: Atelier,
  modelId: string,
  version: V,
): V extends 'v4' ? TranscriptionModelV4 : TranscriptionModelV3 {
  const model: Omit<TranscriptionModelV3, 'specificationVersion'> = {
    provider: providerNameOf(modelId),
    modelId,
    async doGenerate(
      options: TranscriptionModelV3CallOptions & {
        timestampGranularities?: TimestampGranularity[]
      },
    ) {
      const warnings: SharedV3Warning[] = []
      const granularities = options.timestampGranularities
      const input = prepareInput(modelId, () => ({
        ...atelierOptionsOf(options.providerOptions),
        model: modelId,
        audio: mediaInputOfData(options.audio, options.mediaType),
        ...(granularities?.length
          ? { timestamps: granularities.includes('word') ? 'word' : 'segment' }
          : {}),
      }))
      const { job, output } = await runJob(ai, 'transcription.create', input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
      })
      const inSeconds = (segment: { text: string; start: number; end: number }) => ({
        text: segment.text,
        startSecond: segment.start,
        endSecond: segment.end,
      })
      return {
        text: output.text,
        segments: (output.segments ?? []).map(inSeconds),
        ...(output.words ? { words: output.words.map(inSeconds) } : {}),
        language: output.language,
        durationInSeconds: output.durationSeconds,
        warnings: [...warnings, ...specWarnings(output.warnings)],
        response: responseOf(modelId),
        providerMetadata: {
          [PROVIDER_KEY]: jsonObject({
            jobId: job.id,
            usage: output.usage,
            speakers: output.segments?.some((segment) => segment.speaker !== undefined)
              ? output.segments.map((segment) => segment.speaker ?? null)
              : undefined,
            providerMetadata: output.providerMetadata,
          }),
        },
      }
    },
  }
  return { specificationVersion: version, ...model } as V extends 'v4'
    ? TranscriptionModelV4
    : TranscriptionModelV3
}
