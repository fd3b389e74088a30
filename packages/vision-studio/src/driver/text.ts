/**
 * `prompt.enhance` (Vision Studio's prompt tool with OpenAI or Gemini; Bria's Llama 3 enhancer)
 * and `vision.analyze` (image captions and tags with OpenAI or Gemini; video captions, tags and
 * timed segments with Gemini).
 */
import {
  type PromptEnhanceOutput,
  ResponseShapeError,
  redactBody,
  type ValidTaskInput,
  type VisionAnalyzeOutput,
  type Warning,
} from '@atelier/core'
import {
  briaPromptEnhanceEndpoint,
  captionImageEndpoint,
  captionVideoEndpoint,
  promptEnhanceEndpoint,
} from '../generated/endpoints'
import type { Plan } from './jobs'
import { requireUrl } from './media'
import { PROMPT_MODELS, PROVIDER_ID, unknownModel, VISION_MODELS } from './models'
import { extrasOf, planFor, refuse, unsupported } from './plan'

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

export function promptEnhancePlan(
  input: ValidTaskInput<'prompt.enhance'>,
  warnings: Warning[],
): Plan {
  if (!(PROMPT_MODELS as readonly string[]).includes(input.model)) {
    throw unknownModel('prompt.enhance', input.model, PROMPT_MODELS)
  }
  if (input.target !== undefined && input.target !== 'image') {
    unsupported(warnings, 'target', 'Vision Studio tunes prompts for image generation')
  }
  const output = (result: unknown): PromptEnhanceOutput => {
    const [prompt, ...variants] = promptsOf(result)
    if (prompt === undefined) {
      throw new ResponseShapeError(`${PROVIDER_ID}: the prompt tool answered without a prompt`, {
        provider: PROVIDER_ID,
        status: 200,
        body: redactBody(JSON.stringify(result ?? null)),
      })
    }
    return { prompt, ...(variants.length ? { variants } : {}), warnings }
  }
  const extras = extrasOf(input)
  return input.model === 'bria'
    ? planFor(briaPromptEnhanceEndpoint, extras, output, () => ({ prompt: input.prompt }))
    : planFor(promptEnhanceEndpoint, extras, output, () => ({
        prompt: input.prompt,
        model_provider: input.model,
      }))
}

/** Caption, tags or timed segments as one text (`[0-4 s] ...` per segment). */
export function captionText(result: unknown): { text: string; metadata: Record<string, unknown> } {
  if (typeof result === 'string') return { text: result, metadata: {} }
  const record = (typeof result === 'object' && result !== null ? result : {}) as Record<
    string,
    unknown
  >
  if (typeof record.caption === 'string') return { text: record.caption, metadata: {} }
  if (Array.isArray(record.tags))
    return { text: record.tags.join(', '), metadata: { tags: record.tags } }
  if (Array.isArray(record.segments)) {
    const lines = record.segments.map((segment) => {
      const item = (segment ?? {}) as Record<string, unknown>
      const words =
        item.caption ?? item.description ?? (Array.isArray(item.tags) ? item.tags.join(', ') : '')
      return `[${item.start ?? '?'}-${item.end ?? '?'} s] ${String(words)}`
    })
    return { text: lines.join('\n'), metadata: { segments: record.segments } }
  }
  return { text: JSON.stringify(result), metadata: {} }
}

export function visionAnalyzePlan(
  input: ValidTaskInput<'vision.analyze'>,
  warnings: Warning[],
): Plan {
  if (!(VISION_MODELS as readonly string[]).includes(input.model)) {
    throw unknownModel('vision.analyze', input.model, VISION_MODELS)
  }
  const mode = input.mode ?? (input.prompt !== undefined ? 'question' : 'caption')
  if (mode !== 'caption') {
    throw refuse(
      `Vision Studio captions and tags media; it cannot answer a ${mode === 'question' ? 'question' : mode === 'ocr' ? 'text-reading (OCR) request' : 'structured extraction'}`,
    )
  }
  if (input.images !== undefined) throw refuse('Vision Studio captions one image per call')
  if (input.prompt !== undefined)
    unsupported(
      warnings,
      'prompt',
      'the caption endpoints take no instructions; choose a mode in provider options',
    )
  for (const option of ['maxTokens', 'temperature'] as const) {
    if (input[option] !== undefined)
      unsupported(warnings, option, 'the caption endpoints have no such setting')
  }
  const output = (result: unknown): VisionAnalyzeOutput => {
    const { text, metadata } = captionText(result)
    return {
      text,
      warnings,
      ...(Object.keys(metadata).length ? { providerMetadata: metadata } : {}),
    }
  }
  const extras = extrasOf(input)
  if (input.video !== undefined) {
    if (input.model !== 'gemini')
      throw refuse('Vision Studio captions video with Gemini only: use model gemini')
    return planFor(captionVideoEndpoint, extras, output, () => ({
      video_url: requireUrl(input.video!, 'video', 'Video captioning'),
    }))
  }
  return planFor(captionImageEndpoint, extras, output, () => ({
    image_url: requireUrl(input.image!, 'image', 'Image captioning'),
    model_provider: input.model,
    // The document requires the field; null means "any tags" in tagging mode.
    possible_tags: null,
  }))
}
