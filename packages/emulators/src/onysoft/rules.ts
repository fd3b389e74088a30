/**
 * What the Onysoft emulator accepts, read from the gateway's API document (seed 004) and not
 * from the driver: the generate body (one body for all five aliases, since one backend serves
 * them), the 10 MB request limit and the video list query. Each rule quotes the document.
 *
 * Where the document is silent the emulator accepts what a real gateway plausibly accepts:
 * - Unknown keys pass. The document names parameters only in part (its base64 image and
 *   "unwanted elements" parameters have no names) and says the backend maps the documented
 *   ones onto "the actual parameter name each provider expects", so a gateway hands on what it
 *   does not know rather than refusing it.
 * - A model outside the document's tables is accepted: the list is "dynamic" (200+ models).
 * - Parameters a model does not use (`quality` for Flux, `duration` for Sora, ...) are
 *   ignored, not refused, except where the document restricts them ("Pro variant only").
 * - Sending both `image_url` and `image_urls` is accepted.
 */
import { isChatModel } from './models'

/**
 * "Maximum total request size: 10 MB". The document does not say whether a MB is 10^6 or 2^20
 * bytes; the emulator takes the smaller, so a client that stays under it is safe either way.
 */
export const ONYSOFT_MAX_REQUEST_BYTES = 10_000_000

/** One refused field, named by its path in the body (`dialogue.0.voice`). */
export interface RuleIssue {
  field: string
  message: string
}

/**
 * "In the ElevenLabs integration via KieAI, only the following 20 voices are available. The
 * values are case-sensitive."
 */
export const ONYSOFT_VOICES = [
  'Rachel',
  'Alice',
  'Aria',
  'Charlotte',
  'Jessica',
  'Laura',
  'Lily',
  'Matilda',
  'Sarah',
  'Brian',
  'Bill',
  'Callum',
  'Charlie',
  'Chris',
  'Daniel',
  'Eric',
  'George',
  'Liam',
  'Roger',
  'Will',
] as const

/** The document's words for a voice outside the list. */
const VOICE_ERROR = 'This voice is not within the range of allowed options'

/** "Aspect ratio: "16:9", "9:16", "1:1"" for every model but Sora 2. */
const ASPECT_RATIOS = ['16:9', '9:16', '1:1']
/** Sora 2: ""landscape" or "portrait"". */
const SORA_ASPECT_RATIOS = ['landscape', 'portrait']
/** "Depending on the model, 5, 6, 8 or 10 seconds are supported." */
const VIDEO_DURATIONS = [5, 6, 8, 10]
/** ""720p", "1080p" (video), "1K", "2K", "4K" (image)". */
const RESOLUTIONS = ['720p', '1080p', '1K', '2K', '4K']
/** "Quality level. "high", "standard", "low"." */
const QUALITIES = ['high', 'standard', 'low']
/** Sora 2 `size`: "Pro variant only: "standard" or "high"". */
const SORA_SIZES = ['standard', 'high']

const isSora = (model: string) => model.startsWith('sora-2')
const isSoraPro = (model: string) => model.startsWith('sora-2-pro')
/** The two models the mapping matrix gives `audio_url` ("Not an image, audio"). */
const takesAudio = (model: string) => /(?:speech-to-text|audio-isolation)$/.test(model)
/** "topaz/* | image_url | + scale (2/4) — upscaler": an upscaler has nothing to describe. */
const isUpscaler = (model: string) => model.startsWith('topaz/')
/**
 * "Source image. Required for image-to-video and image-to-image models": the i2v/i2i names,
 * the "i2i" rows of the image table (`*-edit`), and nano-banana-edit ("image required").
 */
const needsImage = (model: string) =>
  /(?:image-to-video|image-to-image|-edit$)/.test(model) || isUpscaler(model)

const isString = (value: unknown): value is string => typeof value === 'string'
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
/** "A public HTTP URL (https://...) or a base64 data URI (data:image/jpeg;base64,...)". */
const isMediaSource = (value: unknown): boolean =>
  isString(value) && /^(?:https?:\/\/[^\s/]+|data:[\w.+-]+\/[\w.+-]+;base64,)/i.test(value)

const quoted = (values: readonly (string | number)[]) =>
  values.map((value) => (isString(value) ? `"${value}"` : String(value))).join(', ')

/** Checks a generate body; an empty list means the gateway takes it. */
export function checkGenerateBody(body: unknown): RuleIssue[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ field: '(body)', message: 'must be a JSON object' }]
  }
  const fields = body as Record<string, unknown>
  const issues: RuleIssue[] = []
  const refuse = (field: string, message: string) => issues.push({ field, message })
  const has = (field: string) => fields[field] !== undefined && fields[field] !== null

  const model = fields.model
  if (!isString(model) || model.trim() === '') {
    refuse('model', 'is required: the model id, such as "veo3_fast"')
    return issues
  }

  // "The text to voice (required)"; "you only need to send prompt". The recordings of the two
  // audio_url models and an upscaler's image stand in for it.
  if (takesAudio(model)) {
    if (!has('audio_url')) refuse('audio_url', `is required by ${model}: the recording's URL`)
  } else if (!isUpscaler(model) && !has('prompt')) {
    refuse('prompt', 'is required')
  }
  if (has('prompt') && (!isString(fields.prompt) || fields.prompt.trim() === '')) {
    refuse('prompt', 'must be a non-empty string')
  }
  if (has('audio_url') && !isMediaSource(fields.audio_url)) {
    refuse('audio_url', 'must be a public HTTP URL or a base64 data URI')
  }

  // Source images: "Single image: send image_url (string) - Multiple images: send image_urls
  // (array)", each "a public HTTP URL or a base64 data URI".
  if (has('image_url') && !isMediaSource(fields.image_url)) {
    refuse('image_url', 'must be a public HTTP URL or a base64 data URI')
  }
  for (const field of ['image_urls', 'reference_image_urls']) {
    if (!has(field)) continue
    const list = fields[field]
    if (!Array.isArray(list) || list.length === 0) {
      refuse(field, 'must be a non-empty array of image URLs')
    } else {
      list.forEach((item, index) => {
        if (!isMediaSource(item)) {
          refuse(`${field}.${index}`, 'must be a public HTTP URL or a base64 data URI')
        }
      })
    }
  }
  if (needsImage(model) && !has('image_url') && !has('image_urls')) {
    if (!(model.startsWith('ideogram/character') && has('reference_image_urls'))) {
      refuse(
        isSora(model) ? 'image_urls' : 'image_url',
        `is required by ${model} (image-to-image and image-to-video models need a source image)`,
      )
    }
  }

  if (has('aspect_ratio')) {
    const allowed = isSora(model) ? SORA_ASPECT_RATIOS : ASPECT_RATIOS
    if (!allowed.includes(fields.aspect_ratio as string)) {
      refuse('aspect_ratio', `must be one of ${quoted(allowed)}${isSora(model) ? ' (Sora 2)' : ''}`)
    }
  }
  if (has('duration') && !isSora(model) && !VIDEO_DURATIONS.includes(fields.duration as number)) {
    refuse('duration', `must be one of ${quoted(VIDEO_DURATIONS)} seconds`)
  }
  if (has('resolution') && !RESOLUTIONS.includes(fields.resolution as string)) {
    refuse('resolution', `must be one of ${quoted(RESOLUTIONS)}`)
  }
  if (has('quality') && !QUALITIES.includes(fields.quality as string)) {
    refuse('quality', `must be one of ${quoted(QUALITIES)}`)
  }

  if (isSora(model)) {
    // "n_frames | "10" | Seconds/frame count (string)".
    if (has('n_frames') && !(isString(fields.n_frames) && /^\d+$/.test(fields.n_frames))) {
      refuse('n_frames', 'must be a string of digits, such as "10"')
    }
    if (has('size')) {
      if (!isSoraPro(model)) refuse('size', 'is for the Sora 2 Pro variant only')
      else if (!SORA_SIZES.includes(fields.size as string)) {
        refuse('size', `must be one of ${quoted(SORA_SIZES)}`)
      }
    }
    if (has('remove_watermark') && typeof fields.remove_watermark !== 'boolean') {
      refuse('remove_watermark', 'must be true or false')
    }
    if (has('character_id_list') && !Array.isArray(fields.character_id_list)) {
      refuse('character_id_list', 'must be an array of character ids')
    }
  }

  // TTS: "voice | string | "Rachel"", and three floats "0.0 - 1.0".
  if (has('voice')) checkVoice(fields.voice, 'voice', refuse)
  for (const field of ['stability', 'similarity_boost', 'style', 'prompt_influence']) {
    if (has(field)) checkRange(fields[field], field, 0, 1, refuse)
  }
  // Sound effect: "duration_seconds | float | 5.0 | ... Between 1.0 and 22.0."
  if (has('duration_seconds'))
    checkRange(fields.duration_seconds, 'duration_seconds', 1, 22, refuse)
  // Dialogue lines are not in the document; their voices are still ElevenLabs voices.
  if (Array.isArray(fields.dialogue)) {
    fields.dialogue.forEach((line, index) => {
      const voice = (line as { voice?: unknown } | null)?.voice
      if (voice !== undefined) checkVoice(voice, `dialogue.${index}.voice`, refuse)
    })
  }
  return issues
}

function checkVoice(value: unknown, field: string, refuse: (f: string, m: string) => void): void {
  if ((ONYSOFT_VOICES as readonly unknown[]).includes(value)) return
  refuse(
    field,
    `${JSON.stringify(value)}: ${VOICE_ERROR} (case-sensitive: ${ONYSOFT_VOICES.join(', ')})`,
  )
}

function checkRange(
  value: unknown,
  field: string,
  min: number,
  max: number,
  refuse: (f: string, m: string) => void,
): void {
  if (!isNumber(value) || value < min || value > max) {
    refuse(field, `must be a number from ${min} to ${max}`)
  }
}

/** Why a model cannot run as a task, if it cannot. */
export function unsupportedModel(model: string): string | undefined {
  return isChatModel(model)
    ? `Model ${model} is a chat model; call it through /v1/chat/completions`
    : undefined
}

/**
 * `GET /v1/video/list`: "page — Page number. Default: 1", "limit — Records per page. Default:
 * 20, Maximum: 100". Both are whole numbers from 1.
 */
export function checkVideoListQuery(
  search: URLSearchParams,
): { page: number; limit: number } | RuleIssue {
  const read = (name: string, fallback: number, max: number): number | RuleIssue => {
    const raw = search.get(name)
    if (raw === null) return fallback
    const value = Number(raw)
    if (raw.trim() === '' || !Number.isInteger(value) || value < 1 || value > max) {
      return {
        field: name,
        message: `must be a whole number from 1${max === Infinity ? '' : ` to ${max}`}`,
      }
    }
    return value
  }
  const page = read('page', 1, Infinity)
  if (typeof page !== 'number') return page
  const limit = read('limit', 20, 100)
  if (typeof limit !== 'number') return limit
  return { page, limit }
}
