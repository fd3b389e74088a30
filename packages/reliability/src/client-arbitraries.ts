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
  comfyClearRequestSchema,
  comfyPromptRequestSchema,
  imageGenerateRequestSchema as localImageSchema,
  imageGenerateRequestSchemas as localImageSchemas,
  llmGenerateRequestSchema as localLlmSchema,
  llmStreamRequestSchema as localLlmStreamSchema,
  model3dGenerateRequestSchema,
  spriteGenerateRequestSchema,
} from '@atelier/local'
import {
  isSoraModel,
  isSoraProModel,
  isVeoModel,
  ASPECT_RATIOS as ONYSOFT_ASPECT_RATIOS,
  generateRequestSchema as onysoftGenerateRequestSchema,
  REFERENCE_TO_VIDEO,
  SORA_ASPECT_RATIOS,
  SORA_SIZES,
  sourceImageField,
  takesAudioUrl,
  takesQuality,
  VIDEO_DURATIONS,
} from '@atelier/onysoft'
import { defineObjectRule, HOSTILE_STRINGS, type ObjectRule, rules } from './arbitraries'

/**
 * Onysoft's one generate body serves every model family, with rules per family (Sora's
 * n_frames and sizes, audio URLs for speech to text, quality for gpt-image and seedream, the
 * listed aspect ratios, source images for image-to-X models, generationType for Veo 3). The
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
    if (!(ONYSOFT_ASPECT_RATIOS as readonly unknown[]).includes(value.aspect_ratio))
      delete value.aspect_ratio
    // Families that make their result from a source image need one.
    const imageField = sourceImageField(model)
    if (
      imageField === 'image_url' &&
      value.image_url === undefined &&
      value.image_urls === undefined
    )
      value.image_url = spare.image_url
    if (imageField === 'reference_image_urls')
      value.reference_image_urls ??= spare.reference_image_urls
    delete value.n_frames
    delete value.remove_watermark
    delete value.character_id_list
    if (!(VIDEO_DURATIONS as readonly unknown[]).includes(value.duration)) delete value.duration
  }
  if (!takesQuality(model)) delete value.quality
  // Only Veo 3 takes generationType; its reference-to-video needs the reference images.
  if (!isVeoModel(model)) delete value.generationType
  else if (value.generationType === REFERENCE_TO_VIDEO) value.image_urls ??= spare.image_urls
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

const given = (value: unknown) => value !== undefined && value !== null

/**
 * Sprite sizing: `width` and/or `height` (one alone is a square) or `aspect_ratio`, not both;
 * `base_size` only alongside `aspect_ratio`. `null` is "not given".
 */
defineObjectRule(spriteGenerateRequestSchema, (value, _spare, pick) => {
  if ((given(value.width) || given(value.height)) && given(value.aspect_ratio)) {
    if (pick % 2 === 0) delete value.aspect_ratio
    else {
      delete value.width
      delete value.height
    }
  }
  if (!given(value.aspect_ratio)) delete value.base_size
})

/** 3D: exactly one of `text` and `image`; the other absent or `null` ("not given" too). */
defineObjectRule(model3dGenerateRequestSchema, (value, spare, pick) => {
  rules.exactlyOne(['text', 'image'])(value, spare, pick)
  if (Math.floor(pick / 2) % 3 === 0) value[pick % 2 === 0 ? 'image' : 'text'] = null
})

/** ComfyUI `POST /queue` and `POST /history`: `clear`, `delete` or both. */
defineObjectRule(
  comfyClearRequestSchema,
  rules.requireWhen(() => true, ['clear', 'delete']),
)

/** Numbers from one `pick`, for rules that draw more than one choice. */
function drawsFrom(pick: number): (count: number) => number {
  let state = pick >>> 0
  return (count) => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return (state >>> 8) % count
  }
}

const COMFY_TEXTS = [
  'a lighthouse at dusk, oil painting',
  'blurry, watermark, lowres',
  '',
  ...HOSTILE_STRINGS,
]

/**
 * A text-to-image workflow in ComfyUI's API format, as its front end exports one: a checkpoint,
 * positive and negative `CLIPTextEncode`, `EmptyLatentImage`, `KSampler` (or
 * `KSamplerAdvanced`), `VAEDecode` and `SaveImage` (or `PreviewImage`), inputs linked as
 * `[node_id, output_index]`. Some nodes are left out at times (the server then uses its
 * defaults), and node ids and values vary with `pick`.
 */
function comfyWorkflow(pick: number): Record<string, unknown> {
  const draw = drawsFrom(pick)
  const ids = [
    ['4', '5', '6', '7', '3', '8', '9'],
    ['1', '2', '3', '4', '5', '6', '7'],
    ['10', '11', '12', '13', '14', '15', '16'],
    ['ckpt', 'latent', 'pos', 'neg', 'sampler', 'decode', 'save'],
  ][draw(4)]!
  const [checkpoint, latent, positive, negative, sampler, decode, save] = ids as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ]
  const text = () => COMFY_TEXTS[draw(COMFY_TEXTS.length)]!
  const links = {
    model: [checkpoint, 0],
    positive: [positive, 0],
    negative: [negative, 0],
    latent_image: [latent, 0],
  }
  const steps = 1 + draw(50)
  const cfg = draw(41) / 2
  const seed = draw(2) === 0 ? draw(2 ** 31) : 2 ** 53 - 1
  const nodes: Record<string, Record<string, unknown>> = {
    [checkpoint]: {
      class_type: 'CheckpointLoaderSimple',
      inputs: { ckpt_name: 'z_image_turbo.safetensors' },
    },
    [latent]: {
      class_type: 'EmptyLatentImage',
      inputs: { width: 64 * (1 + draw(32)), height: 64 * (1 + draw(32)), batch_size: 1 },
    },
    [positive]: {
      class_type: 'CLIPTextEncode',
      inputs: { text: text(), clip: [checkpoint, 1] },
      _meta: { title: 'CLIP Text Encode (Prompt)' },
    },
    [negative]: { class_type: 'CLIPTextEncode', inputs: { text: text(), clip: [checkpoint, 1] } },
    [sampler]:
      draw(2) === 0
        ? {
            class_type: 'KSampler',
            inputs: {
              seed,
              steps,
              cfg,
              sampler_name: 'euler',
              scheduler: 'normal',
              denoise: 1,
              ...links,
            },
          }
        : {
            class_type: 'KSamplerAdvanced',
            inputs: {
              add_noise: 'enable',
              noise_seed: seed,
              steps,
              cfg,
              sampler_name: 'euler_ancestral',
              scheduler: 'karras',
              start_at_step: 0,
              end_at_step: 10_000,
              return_with_leftover_noise: 'disable',
              ...links,
            },
          },
    [decode]: { class_type: 'VAEDecode', inputs: { samples: [sampler, 0], vae: [checkpoint, 2] } },
    [save]: {
      class_type: draw(2) === 0 ? 'SaveImage' : 'PreviewImage',
      inputs: { images: [decode, 0], filename_prefix: 'ComfyUI' },
    },
  }
  // Parts of a graph are accepted too: the output node always stays, others may go.
  for (const id of ids.slice(0, -1)) if (draw(5) === 0) delete nodes[id]
  return nodes
}

/**
 * ComfyUI `POST /prompt`: the workflow holds at least one node. The walk builds a record of
 * arbitrary nodes (hostile ids and class types, inputs of any JSON), possibly empty. The rule
 * keeps them alone, or adds them to a workflow as front ends export it, or sends that workflow
 * alone. An own `__proto__` key is no node: zod drops it unread (as in every record), so it does
 * not count toward the one node.
 */
defineObjectRule(comfyPromptRequestSchema, (value, _spare, pick) => {
  const generated = value.prompt as Record<string, unknown>
  const nodes = Object.keys(generated).filter((id) => id !== '__proto__')
  const mode = pick % 3
  if (mode === 0 && nodes.length > 0) return
  const workflow = comfyWorkflow(Math.floor(pick / 3))
  value.prompt = mode === 1 ? workflow : { ...workflow, ...generated }
})

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
