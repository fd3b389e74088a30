/**
 * Text: `text.generate` on `POST /llm/generate` (an inline job), streamed from `POST /llm/stream`
 * as text deltas. Both hold the GPU slot while the model writes.
 */
import {
  type DriverContext,
  JobFailedError,
  type TaskHandler,
  type TextGenerateInput,
  type TextOutput,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { abortErrorFrom, requestContextOf, unsupportedOption } from '@atelier/core/driver'
import { generateLlmText, streamLlmText } from '../client/llm'
import { LLM_MODELS, llmGenerateRequestSchema } from '../schemas'
import { inCallerFields, PROVIDER_ID, providerOptionsSchema } from './caller-fields'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'

/** `providerOptions.local` of `text.generate`: any field of `/llm/generate`. */
export const textOptionsSchema = providerOptionsSchema(llmGenerateRequestSchema.shape)

/** The server's `max_tokens` default. */
const LLM_DEFAULT_MAX_TOKENS = 32_768

export function textHandler(runtime: Runtime): TaskHandler<'text.generate'> {
  const { transport } = runtime

  /** The checked `/llm/*` body of an input, with what it cannot honour as warnings. */
  async function prepare(input: ValidTaskInput<'text.generate'>, context: DriverContext) {
    const call = await prepareRequest(runtime, 'text.generate', input, context)
    const body = llmBody(input, call.warnings)
    return { call, json: call.body(llmGenerateRequestSchema, body, 'POST /llm/generate') }
  }

  return {
    models: LLM_MODELS,
    cancel: 'local',
    resumable: false,
    providerOptions: textOptionsSchema,
    async submit(input, context) {
      const { call, json } = await prepare(input, context)
      return call.inline<TextOutput>(async (request) => {
        const answer = await generateLlmText(transport, json, request)
        const usage = {
          ...(answer.input_tokens != null ? { inputTokens: answer.input_tokens } : {}),
          ...(answer.output_tokens != null ? { outputTokens: answer.output_tokens } : {}),
        }
        return {
          text: answer.text,
          finishReason: finishReason(answer, json.max_tokens),
          warnings: [],
          ...(Object.keys(usage).length ? { usage } : {}),
        }
      })
    },
    async *stream(input, context) {
      const { call, json } = await prepare(input, context)
      const lease = await runtime.enqueue(input.model, context).lease
      try {
        for await (const event of streamLlmText(transport, json, requestContextOf(context))) {
          if (event.error) {
            throw new JobFailedError(
              `the sidecar's LLM stream failed: ${transport.http.redact(event.error)}`,
              { provider: PROVIDER_ID },
            )
          }
          if (event.delta) yield { type: 'text-delta', text: event.delta }
          if (event.finish_reason) {
            yield {
              type: 'finish',
              finishReason: event.finish_reason === 'length' ? 'length' : 'stop',
            }
            return
          }
        }
        if (context.signal?.aborted) throw abortErrorFrom(context.signal)
        yield { type: 'finish', finishReason: 'stop' }
      } catch (error) {
        throw inCallerFields(error, call.fields)
      } finally {
        lease.release()
      }
    },
  }
}

/** `/llm/generate` and `/llm/stream` body: `messages` xor `prompt`, a system prompt, thinking mode. */
export function llmBody(input: TextGenerateInput, warnings: Warning[]): Record<string, unknown> {
  if (input.stop !== undefined) {
    warnings.push(unsupportedOption('stop', 'the sidecar takes no stop sequences'))
  }
  if (input.responseFormat === 'json') {
    warnings.push(unsupportedOption('responseFormat', 'no JSON mode; ask for JSON in the prompt'))
  }
  const messages = input.messages
    ? [
        ...(input.system !== undefined ? [{ role: 'system' as const, content: input.system }] : []),
        ...input.messages,
      ]
    : undefined
  return {
    ...(messages ? { messages } : { prompt: input.prompt }),
    ...(!messages && input.system !== undefined ? { system_prompt: input.system } : {}),
    ...(input.maxTokens !== undefined ? { max_tokens: input.maxTokens } : {}),
    ...(input.temperature !== undefined ? { temperature: input.temperature } : {}),
    ...(input.topP !== undefined ? { top_p: input.topP } : {}),
    ...(input.thinking !== undefined ? { enable_thinking: input.thinking } : {}),
  }
}

/**
 * The sidecar's `/llm/generate` says nothing of why it stopped: it stopped at the token limit
 * when it produced as many tokens as allowed (the caller's `max_tokens`, else the server's
 * 32768), and on its own otherwise.
 */
function finishReason(
  answer: { output_tokens?: number | null },
  maxTokens: number | undefined,
): 'stop' | 'length' {
  const limit = maxTokens ?? LLM_DEFAULT_MAX_TOKENS
  return answer.output_tokens != null && answer.output_tokens >= limit ? 'length' : 'stop'
}
