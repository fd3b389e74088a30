import * as z from 'zod/mini'
import { intIn, labelSchema, numberIn, text } from './common'

/** One chat message of `POST /api/llm/complete`. */
export const completionMessageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    role: z.enum(['system', 'user', 'assistant'], 'must be system, user or assistant'),
    content: z.string('must be a string'),
  }))()
export type CompletionMessage = z.infer<typeof completionMessageSchema>

/**
 * `responseFormat`: `{type: "json_object"}` (a JSON answer), `{type: "text"}`, or another
 * `{type, ...}` object the upstream provider understands.
 */
export const responseFormatSchema = /* @__PURE__ */ (() => z.looseObject({ type: text() }))()

/** Body of `POST /api/llm/complete`: an LLM completion through the queue. */
export const completeRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Upstream LLM provider, e.g. `openai`, `anthropic`, `gemini`, `xai`, `ollama`. */
    provider: text(),
    model: text(),
    messages: z.array(completionMessageSchema).check(z.minLength(1, 'needs at least one message')),
    temperature: z.optional(numberIn(0, 2)),
    maxTokens: z.optional(intIn(1)),
    /** Stream the answer through `/api/llm/queue/stream` as `chunk` events. */
    stream: z.optional(z.boolean('must be a boolean')),
    responseFormat: z.optional(responseFormatSchema),
    tag: z.optional(labelSchema),
  }))()
export type CompleteRequest = z.input<typeof completeRequestSchema>
