/**
 * Which upstream provider serves a model. CanaryLLM routes each request to an upstream
 * (`openai`, `gemini`, `vertex`, `xai`, `ollama`, `elevenlabs`, `mlxaudio`, LLM vendors)
 * named in the body's `provider` field; atelier addresses models as `canary/<model>`. The
 * upstream is, in order:
 *
 * 1. `providerOptions.canary.provider`;
 * 2. a prefix of the model id: `canary/vertex/imagen-4.0-generate-001`;
 * 3. a model id that is just the upstream (`canary/openai`): the upstream's default model;
 * 4. inferred from well-known model id prefixes (`gpt-image-` → openai, `veo-` → gemini, ...).
 *
 * Otherwise the input fails validation at `model`, before any request.
 */
import { type TaskName, ValidationError } from '@atelier/core'
import { AUDIO_PROVIDERS, IMAGE_PROVIDERS, VIDEO_PROVIDERS } from '../schemas'

/** LLM upstreams recognised as a `provider/` prefix of a `text.generate` model id. */
export const LLM_PROVIDERS = [
  'openai',
  'anthropic',
  'gemini',
  'vertex',
  'xai',
  'ollama',
  'mistral',
  'groq',
  'deepseek',
  'openrouter',
] as const

/** Upstreams of each task that takes a `provider` field. */
const UPSTREAMS: Partial<Record<TaskName, readonly string[]>> = {
  'image.generate': IMAGE_PROVIDERS,
  'video.generate': VIDEO_PROVIDERS,
  'speech.generate': AUDIO_PROVIDERS,
  'transcription.create': AUDIO_PROVIDERS,
  'text.generate': LLM_PROVIDERS,
}

/** Model id prefixes → upstream, per task. */
const INFERRED: Partial<Record<TaskName, [RegExp, string][]>> = {
  'image.generate': [
    [/^(?:gpt-image|dall-e|chatgpt-image)/, 'openai'],
    [/^(?:imagen|gemini)/, 'gemini'],
    [/^grok/, 'xai'],
    [/^(?:flux|z-image|stable-diffusion|sdxl)/, 'ollama'],
  ],
  'video.generate': [
    [/^veo/, 'gemini'],
    [/^grok/, 'xai'],
  ],
  'speech.generate': [
    [/^eleven_/, 'elevenlabs'],
    [/^(?:kokoro|csm|dia|orpheus|outetts|spark|bark|marvis)/, 'mlxaudio'],
  ],
  'transcription.create': [
    [/^scribe/, 'elevenlabs'],
    [/^(?:whisper|parakeet|voxtral)/, 'mlxaudio'],
  ],
  'text.generate': [
    [/^(?:gpt-|o\d|chatgpt)/, 'openai'],
    [/^gemini/, 'gemini'],
    [/^grok/, 'xai'],
  ],
}

export interface Upstream {
  /** The body's `provider`. */
  provider: string
  /** The body's `model`; undefined for the upstream's default. */
  model: string | undefined
}

/** The upstream and model id for a task's `model` (see the module comment for the order). */
export function resolveUpstream(task: TaskName, model: string, explicit: unknown): Upstream {
  const known = UPSTREAMS[task] ?? []
  const slash = model.indexOf('/')
  const prefix = slash > 0 ? model.slice(0, slash) : undefined
  if (typeof explicit === 'string' && explicit !== '') {
    const rest = prefix === explicit ? model.slice(slash + 1) : model
    return { provider: explicit, model: rest === explicit ? undefined : rest }
  }
  if (prefix !== undefined && known.includes(prefix)) {
    return { provider: prefix, model: model.slice(slash + 1) || undefined }
  }
  if (known.includes(model)) return { provider: model, model: undefined }
  for (const [pattern, provider] of INFERRED[task] ?? []) {
    if (pattern.test(model)) return { provider, model }
  }
  throw new ValidationError(
    [
      {
        path: ['model'],
        message: `cannot tell which upstream serves ${JSON.stringify(model)}: write it as <provider>/<model> (${known.join(', ')}) or set providerOptions.canary.provider`,
        rule: 'unknown_upstream',
      },
    ],
    { provider: 'canary' },
  )
}

/**
 * For tasks whose endpoint has no `provider` field (ElevenLabs-only sound effects, music and
 * dialogue): a leading `elevenlabs/` is dropped, and `elevenlabs` alone means the default model.
 */
export function elevenLabsModel(model: string): string | undefined {
  if (model === 'elevenlabs') return undefined
  return model.startsWith('elevenlabs/') ? model.slice('elevenlabs/'.length) || undefined : model
}
