/**
 * Which atelier task a gateway model serves: what the document settles for a few models first,
 * then the type `GET /v1/models` reports and, when that is missing or generic, the model id's
 * family (the document's model tables).
 * Pure functions: the catalogue caches the list, this only reads it.
 */
import type { TaskName } from '@atelier/core'

/** Tasks for a model type as the gateway names it (`Video`, `t2i`, `i2i`, `TTS`, `STT`, ...); undefined when unknown or generic. */
export function tasksForType(type: string | null | undefined): TaskName[] | undefined {
  if (!type) return undefined
  const kind = type
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
  // A list grouped by kind names its groups in the plural (`videos`, `images`).
  return tasksForKind(kind) ?? (kind.endsWith('s') ? tasksForKind(kind.slice(0, -1)) : undefined)
}

function tasksForKind(kind: string): TaskName[] | undefined {
  if (/dialogue/.test(kind)) return ['dialogue.generate']
  if (/^(?:video|t2v|i2v|v2v|text-to-video|image-to-video|video-generation)$/.test(kind))
    return ['video.generate']
  if (/^(?:i2i|image-to-image|image-edit|edit)$/.test(kind)) return ['image.edit']
  if (/^(?:t2i|text-to-image|image-generation)$/.test(kind)) return ['image.generate']
  if (/^(?:tts|text-to-speech|speech)$/.test(kind)) return ['speech.generate']
  if (/^(?:sfx|sound-effects?|sounds?)$/.test(kind)) return ['soundEffect.generate']
  if (/^(?:stt|speech-to-text|transcription|asr)$/.test(kind)) return ['transcription.create']
  if (/^(?:music|song|music-generation)$/.test(kind)) return ['music.generate']
  // Text and chat models run through /v1/chat/completions; audio filters have no task.
  if (/^(?:chat|text|llm|completion|audio-filter|filter|embedding)s?$/.test(kind)) return []
  return undefined
}

/**
 * Models whose tasks the document itself settles, whatever type a catalogue gives them:
 * `ai-music-api/sounds` is listed among the music models but described as "Sound effects";
 * Nano Banana 2 and Pro are typed t2i in the image table, yet the mapping matrix gives them an
 * `image_input` array that may be empty (text to image) or hold source images (image editing).
 */
const DOCUMENTED_MODEL_TASKS: Readonly<Record<string, readonly TaskName[]>> = {
  'ai-music-api/sounds': ['soundEffect.generate'],
  'google/nano-banana-2': ['image.generate', 'image.edit'],
  'google/nano-banana-pro': ['image.generate', 'image.edit'],
}

/** Tasks for a model id from its family; undefined when the id says nothing. */
export function tasksForModelId(id: string): TaskName[] | undefined {
  const model = id.toLowerCase()
  const documented = DOCUMENTED_MODEL_TASKS[model]
  if (documented) return [...documented]
  // Gemini image models answer through the chat completions endpoint, not the task backend.
  if (/^(?:google\/)?gemini-/.test(model)) return []
  if (/speech-to-text/.test(model)) return ['transcription.create']
  if (/dialogue/.test(model)) return ['dialogue.generate']
  if (/text-to-speech|(?:^|[/-])tts(?:$|[/-])/.test(model)) return ['speech.generate']
  if (/sound-effect|^ai-music-api\/sounds$/.test(model)) return ['soundEffect.generate']
  if (/audio-isolation|generate-lyrics|separate-vocals|convert-to-wav/.test(model)) return []
  if (/^(?:suno|ai-music-api\/)/.test(model)) return ['music.generate']
  if (/video|^veo|^sora|^runway|^kling|^hailuo|aleph/.test(model)) return ['video.generate']
  if (/-edit(?:$|[-/])|image-to-image|remix|\/character|^topaz\/|upscale/.test(model))
    return ['image.edit']
  if (/image|imagen|nano-banana|ideogram|flux|seedream|gpt-image|recraft|midjourney/.test(model))
    return ['image.generate']
  return undefined
}

/**
 * The tasks a model serves: its reported type first, its id's family when the type is missing
 * or generic. `[]` means none of atelier's tasks (a chat model, an audio filter); undefined
 * means nothing is known about it.
 */
export function tasksForModel(id: string, type?: string | null): TaskName[] | undefined {
  // What the document says of a model outranks a catalogue's type for it.
  const documented = DOCUMENTED_MODEL_TASKS[id.toLowerCase()]
  if (documented) return [...documented]
  const byType = tasksForType(type)
  const byId = tasksForModelId(id)
  if (byType !== undefined) return byType
  // Generic types (`image`, `audio`) leave it to the id; an unknown image model may do either.
  if (/^images?$/i.test(type?.trim() ?? '') && byId === undefined)
    return ['image.generate', 'image.edit']
  return byId
}
