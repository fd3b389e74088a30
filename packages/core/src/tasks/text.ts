/** `text.generate` (LLM completion, streamed or not) and `prompt.enhance`. */
import * as z from 'zod/mini'
import { baseInputShape, checkExclusive, type OutputBase, positiveInt } from './shared'

export const chatMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
})
export type ChatMessage = z.infer<typeof chatMessageSchema>

export const textGenerateInputSchema = z
  .strictObject({
    ...baseInputShape,
    /** The conversation. Give `messages` or `prompt`, not both. */
    messages: z.optional(z.array(chatMessageSchema).check(z.minLength(1))),
    /** A single user prompt (shorthand for one user message). */
    prompt: z.optional(z.string().check(z.minLength(1))),
    /** A system instruction, prepended to the conversation. */
    system: z.optional(z.string()),
    temperature: z.optional(z.number().check(z.gte(0), z.lte(2))),
    topP: z.optional(z.number().check(z.gt(0), z.lte(1))),
    maxTokens: z.optional(positiveInt(1_000_000)),
    stop: z.optional(z.array(z.string())),
    /** Let reasoning models think before answering; the reasoning comes back separately. */
    thinking: z.optional(z.boolean()),
    /** `json` asks for a JSON object as the answer. */
    responseFormat: z.optional(z.enum(['text', 'json'])),
  })
  .check(checkExclusive(['messages', 'prompt'], { required: true }))
export type TextGenerateInput = z.input<typeof textGenerateInputSchema>

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other'

export interface TextOutput extends OutputBase {
  text: string
  /** The model's visible reasoning, when `thinking` was on and the provider returns it. */
  reasoning?: string
  finishReason: FinishReason
}

/** One piece of a streamed reply. */
export type TextStreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'finish'; finishReason: FinishReason; usage?: OutputBase['usage'] }

export const promptEnhanceInputSchema = z.strictObject({
  ...baseInputShape,
  /** The prompt to improve. */
  prompt: z.string().check(z.minLength(1)),
  /** What the prompt is for; providers tune the rewrite. Default `image`. */
  target: z.optional(z.enum(['image', 'video', 'text'])),
})
export type PromptEnhanceInput = z.input<typeof promptEnhanceInputSchema>

export interface PromptEnhanceOutput extends OutputBase {
  prompt: string
  /** More candidates, when the provider returns several. */
  variants?: string[]
}
