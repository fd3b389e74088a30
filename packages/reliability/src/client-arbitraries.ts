/**
 * Cross-field rules of driver request schemas, restated for generation (see `arbitraries.ts`):
 * one entry per schema that checks something in code. A schema with such a check and no entry
 * here is filtered with itself, which the client tests refuse (`filteredObjects` must stay
 * empty), so a new rule in a driver's schema needs its entry here.
 */
import {
  dialogueGenerateRequestSchema as canaryDialogueSchema,
  imageGenerateRequestSchema as canaryImageSchema,
  speechGenerateRequestSchema as canarySpeechSchema,
  transcribeRequestSchema as canaryTranscribeSchema,
  videoGenerateRequestSchema as canaryVideoSchema,
} from '@atelier/canary'
import {
  imageGenerateRequestSchema as localImageSchema,
  imageGenerateRequestSchemas as localImageSchemas,
  llmGenerateRequestSchema as localLlmSchema,
  llmStreamRequestSchema as localLlmStreamSchema,
} from '@atelier/local'
import {
  isSoraModel,
  isSoraProModel,
  generateRequestSchema as onysoftGenerateRequestSchema,
  SORA_ASPECT_RATIOS,
  SORA_SIZES,
  takesAudioUrl,
  takesQuality,
  VIDEO_DURATIONS,
} from '@atelier/onysoft'
import { defineObjectRule, type ObjectRule, rules } from './arbitraries'

/**
 * Onysoft's one generate body serves every model family, with rules per family (Sora's
 * n_frames and sizes, audio URLs for speech to text, quality for gpt-image and seedream). The
 * rule picks a family for the model, then keeps only what that family takes.
 */
const ONYSOFT_FAMILIES = [
  undefined,
  'sora-2-text-to-video',
  'sora-2-pro-image-to-video',
  'gpt-image-1',
  'elevenlabs/speech-to-text',
] as const

defineObjectRule(onysoftGenerateRequestSchema, (value, spare, pick) => {
  const family = ONYSOFT_FAMILIES[pick % ONYSOFT_FAMILIES.length]
  if (family) value.model = family
  const model = String(value.model)
  if (takesAudioUrl(model)) value.audio_url ??= spare.audio_url
  else if (value.prompt === undefined && value.dialogue === undefined && value.scale === undefined)
    value.prompt = spare.prompt
  rules.atMostOne(['image_url', 'image_urls'])(value, spare, pick)
  if (isSoraModel(model)) {
    if (!(SORA_ASPECT_RATIOS as readonly unknown[]).includes(value.aspect_ratio))
      delete value.aspect_ratio
    if (!isSoraProModel(model)) delete value.size
    else if (value.size !== undefined && !(SORA_SIZES as readonly unknown[]).includes(value.size))
      value.size = 'high'
    delete value.duration
    if (model.includes('image-to-video') && value.image_urls === undefined) {
      delete value.image_url
      value.image_urls = spare.image_urls
    }
  } else {
    if (typeof value.aspect_ratio === 'string' && !/^\d{1,2}:\d{1,2}$/.test(value.aspect_ratio))
      delete value.aspect_ratio
    delete value.n_frames
    delete value.remove_watermark
    delete value.character_id_list
    if (!(VIDEO_DURATIONS as readonly unknown[]).includes(value.duration)) delete value.duration
  }
  if (!takesQuality(model)) delete value.quality
})

// ---------------------------------------------------------------------------------------------
// Silly Media (local)
// ---------------------------------------------------------------------------------------------

/**
 * Image sizing: `width` and `height` together, or `aspect_ratio` (with `base_size` only
 * alongside it), or none. The rule picks one of the three.
 */
const localSizing: ObjectRule = (value, spare, pick) => {
  const mode = pick % 3
  if (mode === 0 && spare.width !== undefined && spare.height !== undefined) {
    value.width ??= spare.width
    value.height ??= spare.height
    delete value.aspect_ratio
    delete value.base_size
    return
  }
  delete value.width
  delete value.height
  if (mode === 2) delete value.aspect_ratio
  if (value.aspect_ratio === undefined) delete value.base_size
}
for (const schema of new Set([localImageSchema, ...Object.values(localImageSchemas)]))
  defineObjectRule(schema, localSizing)

/** LLM: exactly one of `messages` and `prompt`; `system_prompt` only with `prompt`. */
const localLlmInput = rules.all(
  rules.exactlyOne(['messages', 'prompt']),
  rules.absentWhen((value) => value.messages !== undefined, ['system_prompt']),
)
defineObjectRule(localLlmSchema, localLlmInput)
defineObjectRule(localLlmStreamSchema, localLlmInput)

// ---------------------------------------------------------------------------------------------
// CanaryLLM
// ---------------------------------------------------------------------------------------------

defineObjectRule(canaryImageSchema, rules.atMostOne(['size', 'aspectRatio']))
/** Image to video (`imageUrl`) is xAI only. */
defineObjectRule(
  canaryVideoSchema,
  rules.absentWhen((value) => value.provider !== 'xai', ['imageUrl']),
)
/** `outputFormat` is ElevenLabs only. */
defineObjectRule(
  canarySpeechSchema,
  rules.absentWhen((value) => value.provider !== 'elevenlabs', ['outputFormat']),
)
/** Diarization and timestamps are ElevenLabs only. */
defineObjectRule(
  canaryTranscribeSchema,
  rules.absentWhen(
    (value) => value.provider !== 'elevenlabs',
    ['diarize', 'numSpeakers', 'timestampsGranularity', 'tagAudioEvents'],
  ),
)
/** At most 10 different voices: generated dialogues are at most a few lines, well under it. */
defineObjectRule(canaryDialogueSchema, () => {})
