/**
 * `vision.analyze`: image captions and tags with OpenAI or Gemini; video captions, tags and
 * timed segments with Gemini.
 */
import type { ValidTaskInput, VisionAnalyzeOutput, Warning } from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import { captionImageEndpoint, captionVideoEndpoint } from '../generated/endpoints'
import type { PlannedTask } from './jobs'
import { requireUrl } from './media'
import { unknownModel, VISION_MODELS } from './models'
import { type Plan, planFor, providerOptionsSchema, refuse } from './plan'

/** The endpoints `vision.analyze` maps onto. */
export const VISION_ANALYZE_ENDPOINTS = [captionImageEndpoint, captionVideoEndpoint] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(VISION_ANALYZE_ENDPOINTS)

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

function captionOutput(result: unknown): VisionAnalyzeOutput {
  const { text, metadata } = captionText(result)
  return {
    text,
    warnings: [],
    ...(Object.keys(metadata).length ? { providerMetadata: metadata } : {}),
  }
}

function visionAnalyzePlan(
  input: ValidTaskInput<'vision.analyze'>,
  warnings: Warning[],
): Plan<VisionAnalyzeOutput> {
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
    warnings.push(
      unsupportedOption(
        'prompt',
        'the caption endpoints take no instructions; choose a mode in provider options',
      ),
    )
  for (const option of ['maxTokens', 'temperature'] as const) {
    if (input[option] !== undefined)
      warnings.push(unsupportedOption(option, 'the caption endpoints have no such setting'))
  }
  if (input.video !== undefined) {
    if (input.model !== 'gemini')
      throw refuse('Vision Studio captions video with Gemini only: use model gemini')
    return planFor(
      captionVideoEndpoint,
      { video_url: 'video' },
      { video_url: requireUrl(input.video, 'video', 'Video captioning') },
      captionOutput,
    )
  }
  return planFor(
    captionImageEndpoint,
    { image_url: 'image', model_provider: 'model' },
    {
      image_url: requireUrl(input.image!, 'image', 'Image captioning'),
      model_provider: input.model,
      // The document requires the field; null means "any tags" in tagging mode.
      possible_tags: null,
    },
    captionOutput,
  )
}

/** The `vision.analyze` handler's parts: synchronous calls, aborted to cancel. */
export const visionAnalyzeTask: PlannedTask<'vision.analyze'> = {
  models: VISION_MODELS,
  cancel: 'local',
  resumable: false,
  providerOptions: OPTIONS,
  plan: visionAnalyzePlan,
}
