/**
 * `SpeechModelV3` / `SpeechModelV4` over atelier's `speech.generate`: `voice`, `speed`,
 * `language` and `outputFormat` map to the task's fields; `instructions` has no counterpart and
 * comes back as a warning. The audio comes back as bytes.
 */
import type { SharedV3Warning, SpeechModelV3, SpeechModelV3CallOptions } from '@ai-sdk/provider'
import type { Atelier } from 'atelier'
import { runJob } from './run'
import {
  atelierOptionsOf,
  jsonObject,
  PROVIDER_KEY,
  prepareInput,
  providerNameOf,
  responseOf,
  specWarnings,
  unsupported,
} from './shared'
import type { SpecificationVersion, SpeechModelV4 } from './spec'

export function speechModel<V extends SpecificationVersion>(
  ai: Atelier,
  modelId: string,
  version: V,
): V extends 'v4' ? SpeechModelV4 : SpeechModelV3 {
  const model: Omit<SpeechModelV3, 'specificationVersion'> = {
    provider: providerNameOf(modelId),
    modelId,
    async doGenerate(options: SpeechModelV3CallOptions) {
      const warnings: SharedV3Warning[] = []
      const input = prepareInput(modelId, () => ({
        ...atelierOptionsOf(options.providerOptions),
        model: modelId,
        text: options.text,
        ...(options.voice !== undefined ? { voice: options.voice } : {}),
        ...(options.speed !== undefined ? { speed: options.speed } : {}),
        ...(options.language !== undefined ? { language: options.language } : {}),
        ...(options.outputFormat !== undefined ? { outputFormat: options.outputFormat } : {}),
      }))
      if (options.instructions !== undefined) {
        warnings.push(unsupported('instructions', 'atelier speech takes no style instructions'))
      }
      const { job, output } = await runJob(ai, 'speech.generate', input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
      })
      const audio = await output.audio.bytes(
        options.abortSignal ? { signal: options.abortSignal } : {},
      )
      return {
        audio,
        warnings: [...warnings, ...specWarnings(output.warnings)],
        request: { body: jsonObject({ ...input }) },
        response: responseOf(modelId),
        providerMetadata: {
          [PROVIDER_KEY]: jsonObject({
            jobId: job.id,
            mediaType: output.audio.mediaType,
            usage: output.usage,
            providerMetadata: output.providerMetadata,
          }),
        },
      }
    },
  }
  return { specificationVersion: version, ...model } as V extends 'v4'
    ? SpeechModelV4
    : SpeechModelV3
}
