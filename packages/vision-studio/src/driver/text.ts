/**
 * `prompt.enhance`: Vision Studio's prompt tool with OpenAI or Gemini, and Bria's Llama 3
 * enhancer.
 */
import {
  type PromptEnhanceOutput,
  ResponseShapeError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { redactBody, unsupportedOption } from '@atelier/core/driver'
import { briaPromptEnhanceEndpoint, promptEnhanceEndpoint } from '../generated/endpoints'
import type { PlannedTask } from './jobs'
import { PROMPT_MODELS, PROVIDER_ID, unknownModel } from './models'
import { type Plan, planFor, providerOptionsSchema } from './plan'

/** The endpoints `prompt.enhance` maps onto. */
export const PROMPT_ENHANCE_ENDPOINTS = [promptEnhanceEndpoint, briaPromptEnhanceEndpoint] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(PROMPT_ENHANCE_ENDPOINTS)

/** The prompt text in a prompt tool's result, and any further candidates. */
export function promptsOf(result: unknown): string[] {
  if (typeof result === 'string') return [result]
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<
    string,
    unknown
  >
  const found: string[] = []
  for (const key of [
    'prompt',
    'enhanced_prompt',
    'generated_prompt',
    'prompt_variations',
    'prompts',
  ]) {
    const value = record[key]
    if (typeof value === 'string') found.push(value)
    else if (Array.isArray(value))
      found.push(...value.filter((item): item is string => typeof item === 'string'))
  }
  return found
}

function promptOutput(result: unknown): PromptEnhanceOutput {
  const [prompt, ...variants] = promptsOf(result)
  if (prompt === undefined) {
    throw new ResponseShapeError(`${PROVIDER_ID}: the prompt tool answered without a prompt`, {
      provider: PROVIDER_ID,
      status: 200,
      body: redactBody(JSON.stringify(result ?? null)),
    })
  }
  return { prompt, ...(variants.length ? { variants } : {}), warnings: [] }
}

function promptEnhancePlan(
  input: ValidTaskInput<'prompt.enhance'>,
  warnings: Warning[],
): Plan<PromptEnhanceOutput> {
  if (!(PROMPT_MODELS as readonly string[]).includes(input.model)) {
    throw unknownModel('prompt.enhance', input.model, PROMPT_MODELS)
  }
  if (input.target !== undefined && input.target !== 'image') {
    warnings.push(unsupportedOption('target', 'Vision Studio tunes prompts for image generation'))
  }
  return input.model === 'bria'
    ? planFor(
        briaPromptEnhanceEndpoint,
        { prompt: 'prompt' },
        { prompt: input.prompt },
        promptOutput,
      )
    : planFor(
        promptEnhanceEndpoint,
        { prompt: 'prompt', model_provider: 'model' },
        { prompt: input.prompt, model_provider: input.model },
        promptOutput,
      )
}

/** The `prompt.enhance` handler's parts: synchronous calls, aborted to cancel. */
export const promptEnhanceTask: PlannedTask<'prompt.enhance'> = {
  models: PROMPT_MODELS,
  cancel: 'local',
  resumable: false,
  providerOptions: OPTIONS,
  plan: promptEnhancePlan,
}
