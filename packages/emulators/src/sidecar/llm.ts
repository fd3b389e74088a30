/**
 * LLM text generation (routers/llm.py, llm/schemas.py @ ab0f34f0, llm/huihui_qwen.py @ 5910d574):
 * `huihui-qwen3-4b`. `POST /llm/generate` answers `{text, model: "Huihui Qwen3 4B",
 * input_tokens, output_tokens, generation_time_seconds, seed}` — no `finish_reason`;
 * `POST /llm/stream` answers server-sent events: `data: {"delta":"...","finish_reason":null}`
 * per piece of text, then `data: {"delta":"","finish_reason":"stop"}` — always `stop`, also when
 * `max_tokens` cut the text, since the server never sends anything else — and `data: [DONE]`.
 *
 * Neither `messages` nor `prompt` (an empty list or string counts as missing), or both, is a
 * 400 with the server's message, after body validation. The reply is a fixed, deterministic text
 * that quotes the last user message (or the prompt); with `enable_thinking` it starts with a
 * `<think>...</think>` block, as Qwen3's thinking mode does. `output_tokens` counts the end
 * token when the text ended by itself, as `generate()` returns it. Each token takes `llmTokenMs`
 * on the GPU. Deviation: no model runs; sampling parameters change nothing; the seed is echoed
 * back when >= 0, `null` otherwise.
 */
import type { SidecarContext } from './context'
import { parseRequest } from './fastapi'
import { gpuStream } from './gpu'
import { availability } from './models'
import { PyFloat } from './pydantic'
import { HttpError, json, stream } from './responses'
import type { Router } from './router'
import { LLMRequest, type LlmRequestValue } from './schemas'

export const LLM_MODEL = 'huihui-qwen3-4b'
export const LLM_DISPLAY_NAME = 'Huihui Qwen3 4B'

const excerpt = (text: string, max = 120) => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** The text the emulator "generates" for a request, split into tokens. */
export function llmReply(request: LlmRequestValue): {
  tokens: string[]
  /** The text ended by itself (not cut by `max_tokens`). */
  complete: boolean
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
  const templated = messages.length > 0 || request.system_prompt !== null
  const inputs = [
    ...messages.map((message) => message.content),
    request.prompt ?? '',
    request.system_prompt ?? '',
  ]
  const words = inputs.reduce((sum, part) => sum + (part.match(/\S+/g)?.length ?? 0), 0)
  return {
    tokens,
    complete: tokens.length === all.length,
    inputTokens: words + (templated ? 5 * Math.max(1, messages.length) + 3 : 0),
  }
}

/** `_validate_request`: the 400s after body validation. */
function checkInput(request: LlmRequestValue): void {
  const hasMessages = (request.messages?.length ?? 0) > 0
  const hasPrompt = Boolean(request.prompt)
  if (!hasMessages && !hasPrompt) {
    throw new HttpError(400, "Either 'messages' or 'prompt' must be provided")
  }
  if (hasMessages && hasPrompt) {
    throw new HttpError(400, "Provide either 'messages' or 'prompt', not both")
  }
}

const sse = (data: string) => new TextEncoder().encode(`data: ${data}\n\n`)

export function registerLlmRoutes(router: Router, ctx: SidecarContext): void {
  const { gpu, timings } = ctx

  router.add('GET', '/llm/models', async () => json(availability(ctx, 'llm')))

  router.add('POST', '/llm/generate', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: LLMRequest })
    const req = body as LlmRequestValue
    checkInput(req)
    const reply = llmReply(req)
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
        output_tokens: reply.tokens.length + (reply.complete ? 1 : 0),
        generation_time_seconds: new PyFloat(Math.round((Date.now() - started) / 10) / 100),
        seed: req.seed !== null && req.seed >= 0 ? req.seed : null,
      })
    } finally {
      end()
    }
  })

  router.add('POST', '/llm/stream', async (request, params) => {
    const { body } = await parseRequest(request, params, { body: LLMRequest })
    const req = body as LlmRequestValue
    checkInput(req)
    const reply = llmReply(req)
    const events = gpuStream(gpu, request, {
      model: LLM_MODEL,
      label: 'POST /llm/stream',
      async produce(sink) {
        for (const token of reply.tokens) {
          if (sink.stopped) return
          await ctx.sleep(timings.llmTokenMs)
          sink.send(sse(JSON.stringify({ delta: token, finish_reason: null })))
        }
        sink.send(sse(JSON.stringify({ delta: '', finish_reason: 'stop' })))
        sink.send(sse('[DONE]'))
      },
    })
    return stream(events, 'text/event-stream', {
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
  })
}
