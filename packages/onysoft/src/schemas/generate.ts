/**
 * The body of the five generate aliases (`POST /v1/{video,image,audio,voice,music}/generate`).
 * One backend serves all five, so there is one request schema: the shared parameters, the
 * Sora 2, TTS, dialogue and sound-effect parameters, and the per-family parameters of the
 * document's mapping matrix. Rules that depend on the model family (Sora's aspect ratios,
 * `quality` for gpt-image and seedream only, `audio_url` for speech-to-text) are checked too.
 *
 * Unknown keys are rejected, so a typo such as `negativePrompt` fails before it is sent
 * instead of being dropped by the gateway.
 */
import * as z from 'zod/mini'
import { httpUrl, imageSource, numberIn, text } from './common'

/** The five endpoint names. All reach the same backend; the name only documents intent. */
export const ALIASES = ['video', 'image', 'audio', 'voice', 'music'] as const
export type Alias = (typeof ALIASES)[number]

/**
 * The only ElevenLabs voices the gateway accepts (case-sensitive). Any other value is refused
 * upstream with "This voice is not within the range of allowed options".
 */
export const VOICES = [
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
export type Voice = (typeof VOICES)[number]

/**
 * `aspect_ratio` values the document lists for the shared parameter of video, image and music
 * tasks (Sora 2 differs); its model-family table names no others.
 */
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const
/** Sora 2's `aspect_ratio`. */
export const SORA_ASPECT_RATIOS = ['landscape', 'portrait'] as const
/** Video lengths in seconds the document names ("depending on the model, 5, 6, 8 or 10"). */
export const VIDEO_DURATIONS = [5, 6, 8, 10] as const
/** `resolution`: `720p`/`1080p` for video, `1K`/`2K`/`4K` for images. */
export const RESOLUTIONS = ['720p', '1080p', '1K', '2K', '4K'] as const
/** `quality`, used only by gpt-image and seedream models. */
export const QUALITIES = ['high', 'standard', 'low'] as const
/** Sora 2 Pro's `size`. */
export const SORA_SIZES = ['standard', 'high'] as const

/** Documented defaults, for reference (the gateway fills them; the client does not). */
export const GENERATE_DEFAULTS = {
  aspect_ratio: '16:9',
  duration: 5,
  voice: 'Rachel',
  stability: 0.5,
  similarity_boost: 0.75,
  style: 0,
  duration_seconds: 5,
  prompt_influence: 0.3,
  sora: { aspect_ratio: 'landscape', n_frames: '10', size: 'high', remove_watermark: false },
} as const

/** Ranges of the numeric parameters. */
export const GENERATE_LIMITS = {
  voiceSetting: { min: 0, max: 1 },
  soundEffectSeconds: { min: 1, max: 22 },
  promptInfluence: { min: 0, max: 1 },
} as const

/**
 * Largest request body the gateway accepts: "Maximum total request size: 10 MB", read as
 * 10,000,000 bytes. The document does not say 10 MiB, and the smaller reading is the one a body
 * can never be refused under (the emulator reads it the same way).
 */
export const MAX_REQUEST_BYTES = 10_000_000

/** Sora 2 and Sora 2 Pro (`sora-2-...`). */
export const isSoraModel = (model: string): boolean => /^sora-2(?:-|$)/.test(model)
/** Sora 2 Pro, the only family that takes `size`. */
export const isSoraProModel = (model: string): boolean => model.startsWith('sora-2-pro')
/** Models documented to use `quality`: gpt-image and seedream. */
export const takesQuality = (model: string): boolean => /^(?:gpt-image|seedream)/.test(model)
/**
 * Model families whose row in the document's tables requires a source image, and the field it
 * goes in: the image-to-image and image-to-video families of the mapping matrix ("Source image.
 * Required for image-to-video and image-to-image models"), the edit, remix and character models,
 * and the Topaz upscalers. Nano Banana 2 and Pro are not among them (an empty `image_input` is
 * text to image); Sora 2 image-to-video has its own rule (`image_urls`).
 */
const SOURCE_IMAGE_FAMILIES: readonly {
  pattern: RegExp
  field: 'image_url' | 'reference_image_urls'
}[] = [
  { pattern: /^ideogram\/character/, field: 'reference_image_urls' },
  {
    pattern: /image-to-(?:video|image)|-edit(?:$|[-/])|^ideogram\/v3-remix|^topaz\//,
    field: 'image_url',
  },
]

/** The field a model needs its source image in, or undefined when it needs none. */
export const sourceImageField = (model: string): 'image_url' | 'reference_image_urls' | undefined =>
  SOURCE_IMAGE_FAMILIES.find((family) => family.pattern.test(model))?.field

/** Veo 3 models (`veo3`, `veo3_fast`, ...): the only ones that take `generationType`. */
export const isVeoModel = (model: string): boolean => /^veo3/.test(model)

/** `generationType` for Veo 3 reference-to-video, the value the document gives. */
export const REFERENCE_TO_VIDEO = 'REFERENCE_2_VIDEO'

/** Models that process a recording given as `audio_url` (speech-to-text, audio isolation). */
export const takesAudioUrl = (model: string): boolean =>
  /(?:speech-to-text|audio-isolation)/.test(model)

function voiceMessage(input: unknown): string {
  const base = `must be one of the ${VOICES.length} voices the gateway allows (case-sensitive): ${VOICES.join(', ')}`
  if (typeof input !== 'string') return base
  const match = VOICES.find((voice) => voice.toLowerCase() === input.trim().toLowerCase())
  return match
    ? `voice names are case-sensitive: use "${match}", not "${input}"`
    : `"${input}" is not within the range of allowed options; ${base}`
}

/** A voice of `VOICES`, with a message that points at the right spelling. */
export const voiceSchema = /* @__PURE__ */ z.enum(VOICES, {
  error: (issue) => voiceMessage(issue.input),
})

const voiceSetting = () =>
  numberIn(GENERATE_LIMITS.voiceSetting.min, GENERATE_LIMITS.voiceSetting.max)

/** One line of `elevenlabs/v3-text-to-dialogue`. */
export const dialogueLineSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    text: text(),
    voice: voiceSchema,
  }))()
export type DialogueLine = z.infer<typeof dialogueLineSchema>

const generateFields = /* @__PURE__ */ (() => ({
  /** The model id, e.g. `veo3_fast`, `google/imagen4`, `elevenlabs/text-to-speech-multilingual-v2`. */
  model: text(),
  /** What to make (English recommended), the text to speak, or the sound to generate. */
  prompt: z.optional(text()),
  /** `16:9` (default), `9:16` or `1:1`, for video and image models alike; Sora 2: `landscape`/`portrait`. */
  aspect_ratio: z.optional(z.string('must be a string')),
  /** Video length in seconds: 5 (default), 6, 8 or 10 depending on the model. Not for Sora 2 (use `n_frames`). */
  duration: z.optional(z.number('must be a number')),
  /** One source image (image/video from an image): a public URL or a base64 data URI. */
  image_url: z.optional(imageSource()),
  /** Several source or reference images. */
  image_urls: z.optional(
    z.array(imageSource()).check(z.minLength(1, 'must hold at least one image')),
  ),
  /** `720p`/`1080p` (video) or `1K`/`2K`/`4K` (image); the backend picks the right one per model. */
  resolution: z.optional(z.enum(RESOLUTIONS, `must be one of ${RESOLUTIONS.join(', ')}`)),
  /** `high`, `standard` or `low`; gpt-image and seedream models only. */
  quality: z.optional(z.enum(QUALITIES, `must be one of ${QUALITIES.join(', ')}`)),
  /** What not to generate (objects, styles, colours). */
  negative_prompt: z.optional(z.string('must be a string')),

  /** Sora 2: seconds/frame count as a string, default `"10"`. */
  n_frames: z.optional(
    z
      .string('must be a string of digits, such as "10"')
      .check(z.regex(/^\d+$/, 'must be digits, such as "10"')),
  ),
  /** Sora 2 Pro: `standard` or `high` (default). Other models: a provider size such as `1024x1024`. */
  size: z.optional(text()),
  /** Sora 2: remove the watermark. Default false. */
  remove_watermark: z.optional(z.boolean('must be true or false')),
  /** Sora 2: character reference ids. */
  character_id_list: z.optional(z.array(text())),

  /** TTS: one of `VOICES` (case-sensitive), default `Rachel`. */
  voice: z.optional(voiceSchema),
  /** TTS: voice consistency 0-1 (default 0.5; high = monotone). */
  stability: z.optional(voiceSetting()),
  /** TTS: voice similarity 0-1 (default 0.75). */
  similarity_boost: z.optional(voiceSetting()),
  /** TTS: style intensity 0-1 (default 0). */
  style: z.optional(voiceSetting()),

  /** Dialogue (`elevenlabs/v3-text-to-dialogue`): the lines in order, each with its voice. */
  dialogue: z.optional(
    z.array(dialogueLineSchema).check(z.minLength(1, 'needs at least one line')),
  ),
  /** Dialogue: language code such as `en` or `tr`, or `auto`. */
  language_code: z.optional(text()),

  /** Sound effect: length in seconds, 1-22 (default 5). */
  duration_seconds: z.optional(
    numberIn(GENERATE_LIMITS.soundEffectSeconds.min, GENERATE_LIMITS.soundEffectSeconds.max),
  ),
  /** Sound effect: fidelity to the prompt, 0-1 (default 0.3). */
  prompt_influence: z.optional(
    numberIn(GENERATE_LIMITS.promptInfluence.min, GENERATE_LIMITS.promptInfluence.max),
  ),

  /** Speech-to-text and audio isolation: the recording, a public URL. */
  audio_url: z.optional(httpUrl()),

  /** Ideogram edit/remix: the area to change. */
  mask_url: z.optional(imageSource()),
  /** Wan 2.7 image-to-video: an optional closing frame. */
  last_frame_url: z.optional(imageSource()),
  /** Ideogram character models: character reference images. */
  reference_image_urls: z.optional(z.array(imageSource()).check(z.minLength(1))),
  /** Nano Banana edit: `png` or `jpg`. */
  output_format: z.optional(z.enum(['png', 'jpg'], 'must be png or jpg')),
  /** Nano Banana edit: the output size name. */
  image_size: z.optional(text()),
  /** Topaz upscalers: 2 or 4. */
  scale: z.optional(z.union([z.literal(2), z.literal(4)], 'must be 2 or 4')),
  /** Wan 2.6 Flash image-to-video: generate an audio track (required by that model). */
  audio: z.optional(z.boolean('must be true or false')),
  /** Grok Imagine image-to-video: the generation mode. */
  mode: z.optional(text()),
  /** Grok Imagine image-to-image: run the NSFW checker. */
  nsfw_checker: z.optional(z.boolean('must be true or false')),
  /**
   * Veo 3 (`veo3*`): the generation mode. `"REFERENCE_2_VIDEO"` (the value the document gives)
   * makes a video from reference images sent in `image_urls`. The one camelCase parameter the
   * document names for clients to send.
   */
  generationType: z.optional(text()),
}))()

const generateObjectSchema = /* @__PURE__ */ z.strictObject(generateFields)
type Fields = z.output<typeof generateObjectSchema>

/** Rules that depend on the model family, reported with the field they concern. */
function familyRules(context: z.core.ParsePayload<Fields>): void {
  const value = context.value
  const issue = (field: string, message: string, rule: string) =>
    context.issues.push({
      code: 'custom',
      input: value[field as keyof Fields],
      path: [field],
      message,
      params: { rule },
    })
  const model = value.model
  if (takesAudioUrl(model)) {
    if (value.audio_url === undefined) {
      issue('audio_url', `${model} needs audio_url: a public URL of the recording`, 'required')
    }
  } else if (
    value.prompt === undefined &&
    value.dialogue === undefined &&
    // Upscalers (`topaz/*`) take an image and a scale, no prompt.
    value.scale === undefined
  ) {
    issue('prompt', 'is required', 'required')
  }
  if (value.image_url !== undefined && value.image_urls !== undefined) {
    issue(
      'image_urls',
      'give image_url (one image) or image_urls (several), not both',
      'mutually_exclusive',
    )
  }
  if (isSoraModel(model)) {
    if (
      value.aspect_ratio !== undefined &&
      !(SORA_ASPECT_RATIOS as readonly string[]).includes(value.aspect_ratio)
    ) {
      issue('aspect_ratio', 'Sora 2 takes "landscape" or "portrait"', 'invalid_value')
    }
    if (value.size !== undefined) {
      if (!isSoraProModel(model)) issue('size', 'only Sora 2 Pro models take size', 'unsupported')
      else if (!(SORA_SIZES as readonly string[]).includes(value.size)) {
        issue('size', 'Sora 2 Pro takes "standard" or "high"', 'invalid_value')
      }
    }
    if (value.duration !== undefined) {
      issue(
        'duration',
        'Sora 2 takes its length as n_frames (a string such as "10")',
        'unsupported',
      )
    }
    if (model.includes('image-to-video') && value.image_urls === undefined) {
      issue('image_urls', 'Sora 2 image-to-video needs image_urls (an array)', 'required')
    }
  } else {
    const imageField = sourceImageField(model)
    if (
      imageField === 'image_url' &&
      value.image_url === undefined &&
      value.image_urls === undefined
    ) {
      issue(
        'image_url',
        `${model} makes its result from a source image: give image_url (one image) or image_urls (several)`,
        'required',
      )
    } else if (imageField === 'reference_image_urls' && value.reference_image_urls === undefined) {
      issue(
        'reference_image_urls',
        `${model} needs reference_image_urls: the character's reference images`,
        'required',
      )
    }
    if (
      value.aspect_ratio !== undefined &&
      !(ASPECT_RATIOS as readonly string[]).includes(value.aspect_ratio)
    ) {
      issue(
        'aspect_ratio',
        `must be one of ${ASPECT_RATIOS.map((ratio) => `"${ratio}"`).join(', ')} (only Sora 2 models take "landscape" or "portrait")`,
        'invalid_value',
      )
    }
    for (const field of ['n_frames', 'remove_watermark', 'character_id_list'] as const) {
      if (value[field] !== undefined) issue(field, 'only Sora 2 models take this', 'unsupported')
    }
    if (
      value.duration !== undefined &&
      !(VIDEO_DURATIONS as readonly number[]).includes(value.duration)
    ) {
      issue('duration', `must be one of ${VIDEO_DURATIONS.join(', ')} seconds`, 'invalid_value')
    }
  }
  if (value.generationType !== undefined) {
    if (!isVeoModel(model)) {
      issue('generationType', 'only Veo 3 models (veo3*) take generationType', 'unsupported')
    } else if (value.generationType === REFERENCE_TO_VIDEO && value.image_urls === undefined) {
      issue(
        'image_urls',
        `Veo 3 reference-to-video (generationType "${REFERENCE_TO_VIDEO}") needs its reference images in image_urls`,
        'required',
      )
    }
  }
  if (value.quality !== undefined && !takesQuality(model)) {
    issue('quality', 'is used only by gpt-image and seedream models', 'unsupported')
  }
}

/** Body of `POST /v1/{video,image,audio,voice,music}/generate`. */
export const generateRequestSchema = /* @__PURE__ */ (() =>
  generateObjectSchema.check(familyRules))()
export type GenerateRequest = z.input<typeof generateRequestSchema>

/**
 * `providerOptions.onysoft`, the same for every task: any documented body parameter, each
 * checked as the body checks it (the rules across fields and model families are checked on
 * the whole body). Unknown keys are refused. A parameter the driver fills from a task field
 * (`prompt` from `prompt` or `text`, `model`, ...) is refused when that field is given.
 */
export const onysoftOptionsSchema = /* @__PURE__ */ z.partial(generateObjectSchema)
export type OnysoftProviderOptions = z.input<typeof onysoftOptionsSchema>
