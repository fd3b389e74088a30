/**
 * `LanguageModelV3` / `LanguageModelV4` over atelier's `text.generate` (the sidecar's LLM,
 * Canary's `complete`), streaming included. atelier's text task takes text messages: system,
 * user and assistant text map one to one; a file, a tool call or a tool result in the prompt
 * cannot be sent and fails the call (`UnsupportedFunctionalityError`) rather than being
 * dropped, which would change what the model answers. Settings atelier has no field for
 * (`topK`, penalties, `seed`, tools) come back as warnings.
 */
import {
  type LanguageModelV3CallOptions,
  type LanguageModelV3FinishReason,
  type LanguageModelV3Usage,
  type SharedV3Warning,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider'
import type { FinishReason, TextStreamPart, Usage } from '@atelier/core'
import type { Atelier, AtelierInput } from 'atelier'
import { runJob } from './run'
import {
  atelierOptionsOf,
  callerHeaders,
  describeInput,
  jsonObject,
  PROVIDER_KEY,
  prepareInput,
  providerNameOf,
  responseOf,
  specWarnings,
  toAiSdkError,
  unsupported,
} from './shared'
import type {
  LanguageModelGenerateResult,
  LanguageModelStreamPart,
  LanguageModelV3Implemented,
  LanguageModelV4,
  SpecificationVersion,
} from './spec'

/** V4's addition to the call options: how much the model should reason. */
type Reasoning =
  | 'provider-default'
  | 'none'
  | 'minimal'
  | 'low'
  | 'medium'
  | 'high'
  | 'xhigh'
  | 'max'

type CallOptions = LanguageModelV3CallOptions & { reasoning?: Reasoning }

export function languageModel<V extends SpecificationVersion>(
  ai: Atelier,
  modelId: string,
  version: V,
): V extends 'v4' ? LanguageModelV4 : LanguageModelV3Implemented {
  const model: Omit<LanguageModelV3Implemented, 'specificationVersion'> = {
    provider: providerNameOf(modelId),
    modelId,
    // atelier's text task takes no files, so no URL is passed through as is.
    supportedUrls: {},

    async doGenerate(options: CallOptions): Promise<LanguageModelGenerateResult> {
      const warnings: SharedV3Warning[] = []
      const input = prepareInput(modelId, () => textInput(modelId, options, warnings))
      const { job, output } = await runJob(ai, 'text.generate', input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
      })
      const content: LanguageModelGenerateResult['content'] = []
      if (output.reasoning) content.push({ type: 'reasoning', text: output.reasoning })
      content.push({ type: 'text', text: output.text })
      return {
        content,
        finishReason: finishReasonOf(output.finishReason),
        usage: usageOf(output.usage),
        warnings: [...warnings, ...specWarnings(output.warnings)],
        request: { body: describeInput(input) },
        response: { modelId, timestamp: new Date() },
        providerMetadata: {
          [PROVIDER_KEY]: jsonObject({
            jobId: job.id,
            usage: output.usage,
            providerMetadata: output.providerMetadata,
          }),
        },
      }
    },

    async doStream(options: CallOptions) {
      const warnings: SharedV3Warning[] = []
      const input = prepareInput(modelId, () => textInput(modelId, options, warnings))
      const headers = callerHeaders(options.headers)
      const parts = ai.text.stream(input as AtelierInput<'text.generate'>, {
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      })
      return {
        stream: streamOf(parts, warnings, modelId, input),
        request: { body: describeInput(input) },
      }
    },
  }
  return { specificationVersion: version, ...model } as V extends 'v4'
    ? LanguageModelV4
    : LanguageModelV3Implemented
}

/** atelier's stream parts as the spec's, with the start and end of each text and reasoning block. */
function streamOf(
  parts: AsyncIterable<TextStreamPart>,
  warnings: SharedV3Warning[],
  modelId: string,
  input: Record<string, unknown>,
): ReadableStream<LanguageModelStreamPart> {
  const iterator = parts[Symbol.asyncIterator]()
  /** The blocks open right now, ended before the finish (or an error). */
  const open = new Set<'text' | 'reasoning'>()
  const ids = { text: 'text-0', reasoning: 'reasoning-0' }
  const endOpen = (controller: ReadableStreamDefaultController<LanguageModelStreamPart>) => {
    for (const kind of open) controller.enqueue({ type: `${kind}-end`, id: ids[kind] })
    open.clear()
  }
  return new ReadableStream<LanguageModelStreamPart>({
    start(controller) {
      controller.enqueue({ type: 'stream-start', warnings })
      const { timestamp } = responseOf(modelId)
      controller.enqueue({ type: 'response-metadata', modelId, timestamp })
    },
    async pull(controller) {
      let next: IteratorResult<TextStreamPart>
      try {
        next = await iterator.next()
      } catch (error) {
        endOpen(controller)
        controller.enqueue({
          type: 'error',
          error: toAiSdkError(error, { modelId, input: describeInput(input), jobStarted: true }),
        })
        controller.close()
        return
      }
      if (next.done) {
        endOpen(controller)
        controller.close()
        return
      }
      const part = next.value
      if (part.type === 'finish') {
        endOpen(controller)
        controller.enqueue({
          type: 'finish',
          finishReason: finishReasonOf(part.finishReason),
          usage: usageOf(part.usage),
          ...(part.usage
            ? { providerMetadata: { [PROVIDER_KEY]: jsonObject({ usage: part.usage }) } }
            : {}),
        })
        return
      }
      const kind = part.type === 'text-delta' ? 'text' : 'reasoning'
      if (!open.has(kind)) {
        open.add(kind)
        controller.enqueue({ type: `${kind}-start`, id: ids[kind] })
      }
      controller.enqueue({ type: `${kind}-delta`, id: ids[kind], delta: part.text })
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

/** The atelier `text.generate` input for an AI SDK call. */
function textInput(
  modelId: string,
  options: CallOptions,
  warnings: SharedV3Warning[],
): Record<string, unknown> {
  const messages = options.prompt.map((message) => {
    if (message.role === 'system') return { role: 'system', content: message.content }
    if (message.role === 'tool') {
      throw new UnsupportedFunctionalityError({ functionality: 'tool results in the prompt' })
    }
    const texts = message.content.map((part) => {
      if (part.type === 'text') return part.text
      if (part.type === 'reasoning') return ''
      throw new UnsupportedFunctionalityError({
        functionality: `${part.type} parts in ${message.role} messages`,
      })
    })
    return { role: message.role, content: texts.filter((text) => text !== '').join('\n\n') }
  })
  const dropped: [keyof CallOptions, string][] = [
    ['topK', 'topK'],
    ['presencePenalty', 'presencePenalty'],
    ['frequencyPenalty', 'frequencyPenalty'],
    ['seed', 'seed'],
  ]
  for (const [field, feature] of dropped) {
    if (options[field] !== undefined) {
      warnings.push(unsupported(feature, 'atelier text generation has no such setting'))
    }
  }
  if (options.tools?.length) {
    warnings.push(unsupported('tools', 'atelier text generation calls no tools'))
  }
  if (options.responseFormat?.type === 'json' && options.responseFormat.schema) {
    warnings.push({
      type: 'compatibility',
      feature: 'responseFormat',
      details: 'JSON is asked for; the schema is not sent',
    })
  }
  const thinking =
    options.reasoning === undefined || options.reasoning === 'provider-default'
      ? undefined
      : options.reasoning !== 'none'
  return {
    ...atelierOptionsOf(options.providerOptions),
    model: modelId,
    messages,
    ...(options.maxOutputTokens !== undefined ? { maxTokens: options.maxOutputTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.topP !== undefined ? { topP: options.topP } : {}),
    ...(options.stopSequences?.length ? { stop: options.stopSequences } : {}),
    ...(options.responseFormat?.type === 'json' ? { responseFormat: 'json' } : {}),
    ...(thinking !== undefined ? { thinking } : {}),
  }
}

function finishReasonOf(reason: FinishReason): LanguageModelV3FinishReason {
  return { unified: reason, raw: reason }
}

function usageOf(usage: Usage | undefined): LanguageModelV3Usage {
  return {
    inputTokens: {
      total: usage?.inputTokens,
      noCache: undefined,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: usage?.outputTokens, text: undefined, reasoning: undefined },
  }
}
