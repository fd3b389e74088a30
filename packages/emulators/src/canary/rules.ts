/**
 * The request rules of the CanaryLLM gateway, written from its API document (seed 000,
 * "Image, Video & Audio" and "Image Recognition (Vision)") and the queue protocol summarised
 * in DESIGN.md — never from `@atelier/canary`, so a driver that misreads the document is caught
 * here instead of being misread twice.
 *
 * What the document states (types, enums, ranges, "required", "max 100 chars", "xAI only",
 * "odd number", "minimum 10 images") is enforced. Where it is silent the rule is what a real
 * gateway plausibly accepts, and the comment on the field says so. Bodies are loose objects:
 * unknown keys pass (a JSON gateway ignores them) and stay on the job for the results.
 */
import * as z from 'zod/mini'

// ---------------------------------------------------------------------------------------------
// Building blocks, with messages that name the rule broken
// ---------------------------------------------------------------------------------------------

const text = () => z.string({ error: 'must be a string' })
/** A string that says something: the document's required texts (prompt, text) cannot be empty. */
const nonEmpty = () => text().check(z.minLength(1, { error: 'must not be empty' }))
const flag = () => z.boolean({ error: 'must be a boolean' })

/** A number in `[min, max]`; `integer` when the document counts things. */
function range(min: number, max: number, integer = false) {
  const base = integer
    ? z.int({ error: 'must be an integer' })
    : z.number({ error: 'must be a number' })
  const message = `must be between ${min} and ${max}`
  return base.check(z.gte(min, { error: message }), z.lte(max, { error: message }))
}

/** An integer of at least `min`: counts and sizes whose upper bound the document leaves open. */
const atLeast = (min: number) =>
  z.int({ error: 'must be an integer' }).check(z.gte(min, { error: `must be at least ${min}` }))

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` })
}

/** "Optional label for usage tracking (max 100 chars)": the image and video tables state it. */
const tag = () => text().check(z.maxLength(100, { error: 'must be at most 100 characters' }))

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/
/** Base64 data ("Base64-encoded image/audio"): the gateway decodes it, so it must be base64. */
const base64 = () =>
  nonEmpty().check(z.regex(BASE64, { error: 'must be base64-encoded data (no data: URL prefix)' }))

/** `0-1` thresholds and weights. */
const unit = () => range(0, 1)

// ---------------------------------------------------------------------------------------------
// Generation — POST /api/llm/generate-*, /api/llm/transcribe, /api/llm/complete
// ---------------------------------------------------------------------------------------------

/** "provider: openai, gemini, vertex, xai, ollama". */
export const IMAGE_PROVIDERS = ['openai', 'gemini', 'vertex', 'xai', 'ollama'] as const
/** "provider: gemini, vertex, xai". */
export const VIDEO_PROVIDERS = ['gemini', 'vertex', 'xai'] as const
/** TTS and STT: `"elevenlabs"` or `"mlxaudio"`. */
export const AUDIO_PROVIDERS = ['elevenlabs', 'mlxaudio'] as const

// `provider` is never marked required, though every example sends one: the gateway plausibly
// routes a missing provider to its default, so it may be left out. A named one must be listed.
// `prompt` (and `text`, `audio`) are what the request is about, so they are required.

export const imageRequest = z.looseObject({
  provider: z.optional(oneOf(IMAGE_PROVIDERS)),
  prompt: nonEmpty(),
  model: z.optional(text()),
  n: z.optional(range(1, 10, true)),
  // "e.g. 1024x1024" and "e.g. 16:9": examples, not lists, so any text passes.
  size: z.optional(text()),
  aspectRatio: z.optional(text()),
  quality: z.optional(oneOf(['standard', 'hd', 'ultra'])),
  tag: z.optional(tag()),
})

export const videoRequest = z
  .looseObject({
    provider: z.optional(oneOf(VIDEO_PROVIDERS)),
    prompt: nonEmpty(),
    model: z.optional(text()),
    aspectRatio: z.optional(text()),
    // The range says seconds, not whole seconds: fractions are accepted.
    durationSeconds: z.optional(range(1, 60)),
    numberOfVideos: z.optional(range(1, 4, true)),
    tag: z.optional(tag()),
    resolution: z.optional(text()),
    imageUrl: z.optional(nonEmpty()),
  })
  .check(
    // "Pass an imageUrl to generate a video from a source image (xAI only)": image-to-video
    // elsewhere would silently become text-to-video, so the gateway is taken to refuse it.
    z.refine((body) => body.imageUrl === undefined || body.provider === 'xai', {
      path: ['imageUrl'],
      error: 'image-to-video (imageUrl) is xai only',
    }),
  )

// The "(ElevenLabs only)" fields below (outputFormat, diarize, numSpeakers, timestampsGranularity,
// tagAudioEvents) are accepted with mlxaudio too: they only tune the output, and a gateway
// plausibly ignores them for a provider that has no such knob (unlike imageUrl above).

export const speechRequest = z.looseObject({
  provider: z.optional(oneOf(AUDIO_PROVIDERS)),
  text: nonEmpty(),
  model: z.optional(text()),
  voiceId: z.optional(text()),
  // "mp3_44100_128, pcm_16000, etc.": an open list.
  outputFormat: z.optional(text()),
  // No length stated here (only image and video say "max 100 chars"): any string.
  tag: z.optional(text()),
})

export const soundEffectRequest = z.looseObject({
  text: nonEmpty(),
  model: z.optional(text()),
  durationSeconds: z.optional(range(0.5, 30)),
  promptInfluence: z.optional(unit()),
  loop: z.optional(flag()),
  tag: z.optional(text()),
})

export const musicRequest = z.looseObject({
  prompt: nonEmpty(),
  model: z.optional(text()),
  // "Duration in milliseconds (3000-600000)", a number: fractions of a millisecond pass.
  durationMs: z.optional(range(3000, 600_000)),
  forceInstrumental: z.optional(flag()),
  tag: z.optional(text()),
})

/** "Maximum 10 unique voice IDs per request." */
export const MAX_DIALOGUE_VOICES = 10

export const dialogueRequest = z.looseObject({
  inputs: z
    .array(z.looseObject({ text: nonEmpty(), voiceId: nonEmpty() }), {
      error: 'must be an array of {text, voiceId}',
    })
    .check(
      z.minLength(1, { error: 'must have between 1 and 100 items' }),
      z.maxLength(100, { error: 'must have between 1 and 100 items' }),
      z.refine(
        (inputs) => new Set(inputs.map((input) => input.voiceId)).size <= MAX_DIALOGUE_VOICES,
        { error: `must use at most ${MAX_DIALOGUE_VOICES} different voiceIds` },
      ),
    ),
  // "Only the eleven_v3 model is supported."
  model: z.optional(z.literal('eleven_v3', { error: 'must be eleven_v3 (the only model)' })),
  outputFormat: z.optional(text()),
  languageCode: z.optional(text()),
  // The four settings are named without types or ranges; ElevenLabs' are numbers and a boolean.
  voiceSettings: z.optional(
    z.looseObject({
      stability: z.optional(z.number({ error: 'must be a number' })),
      similarityBoost: z.optional(z.number({ error: 'must be a number' })),
      style: z.optional(z.number({ error: 'must be a number' })),
      useSpeakerBoost: z.optional(flag()),
    }),
  ),
  seed: z.optional(range(0, 4_294_967_295, true)),
  applyTextNormalization: z.optional(oneOf(['auto', 'on', 'off'])),
  // Not in this table, but every other generation endpoint takes one.
  tag: z.optional(text()),
})

export const transcribeRequest = z.looseObject({
  provider: z.optional(oneOf(AUDIO_PROVIDERS)),
  audio: base64(),
  // "audio/mpeg, audio/wav, etc.": an open list. Silent on whether it is required; the audio
  // bytes tell their own type, so it may be left out.
  mimeType: z.optional(text()),
  model: z.optional(text()),
  language: z.optional(text()),
  tag: z.optional(text()),
  diarize: z.optional(flag()),
  numSpeakers: z.optional(range(1, 32, true)),
  timestampsGranularity: z.optional(oneOf(['word', 'character'])),
  tagAudioEvents: z.optional(flag()),
})

/**
 * `POST /api/llm/complete` (`provider, model, messages, temperature, maxTokens, stream,
 * responseFormat, tag`): only the names are known. `messages` is what is completed, so it is
 * required and not empty, each with a `role` and a `content` (text, or an array of parts as
 * chat APIs take); the numbers take the usual chat ranges' types but no bounds, which differ
 * per provider behind the gateway.
 */
export const completeRequest = z.looseObject({
  provider: z.optional(text()),
  model: z.optional(text()),
  messages: z
    .array(
      z.looseObject({
        role: nonEmpty(),
        content: z.union([text(), z.array(z.unknown())], {
          error: 'must be a string or an array of parts',
        }),
      }),
      { error: 'must be an array of {role, content}' },
    )
    .check(z.minLength(1, { error: 'must not be empty' })),
  temperature: z.optional(z.number({ error: 'must be a number' })),
  maxTokens: z.optional(atLeast(1)),
  stream: z.optional(flag()),
  responseFormat: z.optional(z.unknown()),
  tag: z.optional(text()),
})

// ---------------------------------------------------------------------------------------------
// Queue — POST /api/llm/queue/{status,result,stream,cancel} with {"queueId": "..."}
// ---------------------------------------------------------------------------------------------

export const queueRequest = z.looseObject({ queueId: nonEmpty() })

// ---------------------------------------------------------------------------------------------
// Vision — POST /api/vision/*
// ---------------------------------------------------------------------------------------------

/** "Object detection: yolo11n/s/m or custom ID." */
export const OBJECT_MODELS = ['yolo11n', 'yolo11s', 'yolo11m'] as const
/** "Face detection: haarcascade, mediapipe, yolo-face (default: haarcascade)." */
export const FACE_MODELS = ['haarcascade', 'mediapipe', 'yolo-face'] as const

/** Object detection; `model` is checked against built-in and custom models by the route (404). */
export const detectRequest = z.looseObject({
  image: base64(),
  model: z.optional(nonEmpty()),
  confidence: z.optional(unit()),
})

/** Zero-shot: `prompt` is the text description of what to find, so it is required. */
export const zeroShotDetectRequest = z.looseObject({
  image: base64(),
  prompt: nonEmpty(),
  // Only florence-2-base is named for zero-shot; a model id is accepted as text.
  model: z.optional(text()),
  confidence: z.optional(unit()),
})

export const faceDetectRequest = z.looseObject({
  image: base64(),
  model: z.optional(oneOf(FACE_MODELS)),
  confidence: z.optional(unit()),
  blur: z.optional(flag()),
  // "Gaussian blur kernel size (odd number, default 51)": a kernel size is a positive odd integer.
  blurStrength: z.optional(
    atLeast(1).check(z.refine((value) => value % 2 === 1, { error: 'must be an odd number' })),
  ),
})

export const webDetectRequest = z.looseObject({
  image: base64(),
  // "maxResults": 10 in the example, no bound stated: a count of at least one.
  maxResults: z.optional(atLeast(1)),
  engine: z.optional(oneOf(['gcvision', 'tineye'])),
})

/** Class names to train or label: at least one, each a non-empty name. */
const classes = () =>
  z
    .array(nonEmpty(), { error: 'must be an array of class names' })
    .check(z.minLength(1, { error: 'must name at least one class' }))

/**
 * `baseModel`: only "yolo11n" appears, in the examples. Which base models the training service
 * holds is not listed (and servers gain models), so any model id is accepted; the document's
 * yolo11n/s/m are the plausible ones.
 */
const baseModel = () => nonEmpty()

export const trainRequest = z.looseObject({
  datasetB64: base64(),
  baseModel: z.optional(baseModel()),
  classes: classes(),
  // "imageSize": 640 in the example; a pixel size, no bound stated.
  imageSize: z.optional(atLeast(1)),
  // "You can override epochs if needed": a count of at least one.
  epochs: z.optional(atLeast(1)),
})

export const autoLabelRequest = z.looseObject({
  images: z
    .array(base64(), { error: 'must be an array of base64 images' })
    .check(z.minLength(1, { error: 'must have at least one image' })),
  classes: classes(),
  confidence: z.optional(unit()),
})

/** "Combines auto-labeling and training into a single request. Requires minimum 10 images." */
export const MIN_AUTO_TRAIN_IMAGES = 10

export const autoTrainRequest = z.looseObject({
  images: z.array(base64(), { error: 'must be an array of base64 images' }).check(
    z.minLength(MIN_AUTO_TRAIN_IMAGES, {
      error: `must have at least ${MIN_AUTO_TRAIN_IMAGES} images`,
    }),
  ),
  classes: classes(),
  baseModel: z.optional(baseModel()),
  confidence: z.optional(unit()),
  // Not in the auto-train example; training takes it, and auto-train is label + train.
  epochs: z.optional(atLeast(1)),
})
