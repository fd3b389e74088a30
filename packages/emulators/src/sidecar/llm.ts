/**
 * LLM text generation (Huihui Qwen3 4B): `POST /llm/generate` answers JSON, `POST /llm/stream`
 * answers server-sent events exactly as documented — `data: {"delta": ..., "finish_reason":
 * null}` per token, then `data: {"delta": "", "finish_reason": "stop"}` (or `"length"` when
 * `max_tokens` cut the text) and `data: [DONE]`.
 *
 * The reply is a fixed, deterministic text that quotes the last user message (or the prompt).
 * With `enable_thinking` it starts with a `<think>...</think>` block, as Qwen3's thinking mode
 * does. Each token takes `llmTokenMs` on the GPU. Neither `messages` nor `prompt`, or both, is a
 * 400 with the real server's message. Deviation: no model runs; sampling parameters and the
 * seed change nothing (the seed is echoed back when >= 0, `null` otherwise).
 */
import {
  type LlmGenerateRequestParsed,
  llmGenerateRequestSchema,
  llmStreamRequestSchema,
} from '@atelier/local'
import type { SidecarContext } from './context'
import { gpuStream } from './gpu'
import { availability } from './models'
import { json, stream } from './responses'
import type { Router } from './router'
import { isAbout, jsonBody, type ValidateOptions } from './validation'

export const LLM_MODEL = 'huihui-qwen3-4b'
export const LLM_DISPLAY_NAME = 'Huihui Qwen3 4B'

const eitherMessagesOrPrompt: ValidateOptions = {
  documented400: {
    when: (issue) => issue.code === 'custom' && isAbout(issue, 'messages', 'prompt'),
    message: (issues) =>
      issues.some((issue) => issue.message.includes('not both'))
        ? "Provide either 'messages' or 'prompt', not both"
        : "Either 'messages' or 'prompt' must be provided",
  },
}

const excerpt = (text: string, max = 120) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The text the emulator "generates" for a request, split into tokens. */
export function llmReply(request: LlmGenerateRequestParsed): {
  tokens: string[]
  finishReason: 'stop' | 'length'
  inputTokens: number
} {
  const messages = request.messages ?? []
  const lastUser = [...messages].reverse().find((message) => message.role === 'user')
  const asked = excerpt(lastUser?.content ?? request.prompt ?? '')
  const thinking = request.enable_thinking
    ? `<think>\nThe user wrote: "${asked}". This reasoning is emulated; no model ran.\n</think>\n\n`
    : ''
  const text =
    thinking +
    `Emulated reply (no language model ran). You wrote: "${asked}". ` +
    `A real sidecar would answer with ${LLM_DISPLAY_NAME}; this emulator always answers with this ` +
    'text, so tests can rely on it.'
  const all = text.match(/\s*\S+/g) ?? []
  const tokens = all.slice(0, request.max_tokens)
  const inputs = [
    ...messages.map((message) => message.content),
    request.prompt ?? '',
    request.system_prompt ?? '',
  ]
  const inputTokens = inputs.reduce((sum, part) => sum + (part.match(/\S+/g)?.length ?? 0), 0)
  return {
    tokens,
    finishReason: tokens.length < all.length ? 'length' : 'stop',
    inputTokens: inputTokens + 4 * Math.max(1, messages.length),
  }
}

const sse = (data: string) => new TextEncoder().encode(`data: ${data}\n\n`)

export function registerLlmRoutes(router: Router, ctx: SidecarContext): void {
  const { state, gpu, timings } = ctx

  router.add('GET', '/llm/models', async () => json(availability(state, 'llm')))

  router.add('POST', '/llm/generate', async (request) => {
    const body = await jsonBody(request, llmGenerateRequestSchema, eitherMessagesOrPrompt)
    const reply = llmReply(body)
    const end = gpu.begin()
    try {
      const started = Date.now()
      await gpu.use(LLM_MODEL, 'POST /llm/generate', () =>
        ctx.sleep(reply.tokens.length * timings.llmTokenMs),
      )
      return json({
        text: reply.tokens.join('').trim(),
        model: LLM_DISPLAY_NAME,
        input_tokens: reply.inputTokens,
        output_tokens: reply.tokens.length,
        generation_time_seconds: Math.round((Date.now() - started) / 10) / 100,
        seed: body.seed !== undefined && body.seed !== null && body.seed >= 0 ? body.seed : null,
      })
    } finally {
      end()
    }
  })

  router.add('POST', '/llm/stream', async (request) => {
    const body = await jsonBody(request, llmStreamRequestSchema, eitherMessagesOrPrompt)
    const reply = llmReply(body)
    const events = gpuStream(gpu, request, {
      model: LLM_MODEL,
      label: 'POST /llm/stream',
      async produce(sink) {
        for (const token of reply.tokens) {
          if (sink.stopped) return
          await ctx.sleep(timings.llmTokenMs)
          sink.send(sse(JSON.stringify({ delta: token, finish_reason: null })))
        }
        sink.send(sse(JSON.stringify({ delta: '', finish_reason: reply.finishReason })))
        sink.send(sse('[DONE]'))
      },
    })
    return stream(events, 'text/event-stream', {
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    })
  })
}
