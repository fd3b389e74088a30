import { lenient, lenientNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { intIn, numberIn, openEnum, seed, text } from './common'
import { modelAvailabilitySchema } from './health'

/** LLM model ids (the generate endpoints take no model; the server uses its LLM). */
export const LLM_MODELS = ['huihui-qwen3-4b'] as const
export type LlmModelId = (typeof LLM_MODELS)[number]

/** Chat message roles. */
export const LLM_MESSAGE_ROLES = ['system', 'user', 'assistant'] as const
export type LlmMessageRole = (typeof LLM_MESSAGE_ROLES)[number]

/** Documented `finish_reason` values of stream events (others may appear). */
export const LLM_FINISH_REASONS = ['stop', 'length'] as const

/** The data line that ends a `POST /llm/stream` event stream. */
export const LLM_STREAM_DONE = '[DONE]'

/** Ranges of the LLM sampling parameters. */
export const LLM_LIMITS = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0, max: 1 },
  topK: { min: 1, max: 100 },
  maxTokens: { min: 1, max: 32_768 },
  repetitionPenalty: { min: 1, max: 2 },
  minP: { min: 0, max: 1 },
} as const

/** Defaults, tuned for creative writing. */
export const LLM_DEFAULTS = {
  temperature: 0.8,
  top_p: 0.9,
  top_k: 50,
  max_tokens: 32_768,
  repetition_penalty: 1.1,
  enable_thinking: false,
} as const

/** Body of `GET /llm/models`. */
export const llmModelsResponseSchema = modelAvailabilitySchema
export type LlmModelsResponse = z.infer<typeof llmModelsResponseSchema>

/** One chat message of `messages`. */
export const llmMessageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    role: z.enum(LLM_MESSAGE_ROLES, 'must be system, user or assistant'),
    content: z.string(),
  }))()
export type LlmMessage = z.infer<typeof llmMessageSchema>

type LlmInput = { messages?: unknown[] | null; prompt?: string | null; system_prompt?: unknown }

/** Exactly one of `messages` and `prompt`; `system_prompt` only with `prompt`. */
const inputRule = /* @__PURE__ */ (() =>
  z.superRefine((req: LlmInput, ctx) => {
    const hasMessages = req.messages !== undefined && req.messages !== null
    const hasPrompt = req.prompt !== undefined && req.prompt !== null
    if (hasMessages === hasPrompt) {
      const message = hasMessages
        ? 'give either messages or prompt, not both'
        : 'either messages or prompt is required'
      ctx.addIssue({ code: 'custom', message, path: ['messages'] })
      ctx.addIssue({ code: 'custom', message, path: ['prompt'] })
    }
    if (hasMessages && req.system_prompt !== undefined && req.system_prompt !== null) {
      ctx.addIssue({
        code: 'custom',
        message: 'system_prompt is only used with prompt; add a system message instead',
        path: ['system_prompt'],
      })
    }
  }))()

/**
 * Request body of `POST /llm/generate` and `POST /llm/stream`: chat `messages` or a raw `prompt`
 * (exactly one), plus sampling parameters.
 */
export const llmGenerateRequestSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      /** Chat messages; alternative to `prompt`. */
      messages: z.optional(
        z.nullable(z.array(llmMessageSchema).check(z.minLength(1, 'must not be empty'))),
      ),
      /** Raw prompt text; alternative to `messages`. */
      prompt: z.optional(z.nullable(text())),
      /** System prompt; only with `prompt`. */
      system_prompt: z.optional(z.nullable(z.string())),
      /** 0.0-2.0; server default 0.8. */
      temperature: z.optional(numberIn(LLM_LIMITS.temperature.min, LLM_LIMITS.temperature.max)),
      /** Nucleus sampling, 0.0-1.0; server default 0.9. */
      top_p: z.optional(numberIn(LLM_LIMITS.topP.min, LLM_LIMITS.topP.max)),
      /** 1-100; server default 50. */
      top_k: z.optional(intIn(LLM_LIMITS.topK.min, LLM_LIMITS.topK.max)),
      /** Maximum output tokens, 1-32768; server default 32768. */
      max_tokens: z.optional(intIn(LLM_LIMITS.maxTokens.min, LLM_LIMITS.maxTokens.max)),
      /** 1.0-2.0; server default 1.1. */
      repetition_penalty: z.optional(
        numberIn(LLM_LIMITS.repetitionPenalty.min, LLM_LIMITS.repetitionPenalty.max),
      ),
      /** Minimum probability sampling, 0.0-1.0; `null`/omitted: off. */
      min_p: z.optional(z.nullable(numberIn(LLM_LIMITS.minP.min, LLM_LIMITS.minP.max))),
      /** `-1`, `null` or omitted: random. */
      seed: z.optional(z.nullable(seed())),
      /** Qwen3 thinking mode; server default false. */
      enable_thinking: z.optional(z.boolean()),
    })
    .check(inputRule))()
export type LlmGenerateRequest = z.input<typeof llmGenerateRequestSchema>
export type LlmGenerateRequestParsed = z.output<typeof llmGenerateRequestSchema>

/** Request body of `POST /llm/stream`: the same as `POST /llm/generate`. */
export const llmStreamRequestSchema = llmGenerateRequestSchema
export type LlmStreamRequest = LlmGenerateRequest

/** Body of `POST /llm/generate`. */
export const llmGenerateResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** The answer: the one field the driver needs. */
    text: z.string(),
    /** Display name of the model (e.g. "Huihui Qwen3 4B"), not its id. */
    model: lenient(z.string()),
    /** Counts and times may come as numeric text; usage is never fatal. */
    input_tokens: lenientNumber(),
    output_tokens: lenientNumber(),
    generation_time_seconds: lenientNumber(),
    /** Seed used; `null` when random. */
    seed: z.nullable(lenientNumber()),
  }))()
export type LlmGenerateResponse = z.infer<typeof llmGenerateResponseSchema>

/**
 * JSON payload of one `data:` line of `POST /llm/stream` (the stream ends with a `data: [DONE]`
 * line, see `LLM_STREAM_DONE`).
 */
export const llmStreamEventSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    /** Next piece of text; `""` on the final event. */
    delta: z.optional(z.string()),
    /** `null` until the last event, then e.g. `stop`. */
    finish_reason: z.optional(z.nullable(openEnum(LLM_FINISH_REASONS))),
    /** Error message, if the server reports a failure mid-stream. */
    error: z.optional(z.string()),
  }))()
export type LlmStreamEvent = z.infer<typeof llmStreamEventSchema>
