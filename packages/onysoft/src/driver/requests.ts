/**
 * Task inputs → Onysoft request bodies. What the gateway cannot express becomes a warning, or
 * an `UnsupportedError` when dropping it would change the result. Each builder also says
 * which task field a body field came from when their names differ, so a rule the gateway's
 * schema enforces (a voice name, a duration) fails with the field the caller wrote. The alias
 * a request goes to is the task's entry in `TASK_ALIASES`.
 */
import {
  type TaskName,
  UnsupportedError,
  ValidationError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { type Alias, isSoraModel } from '../schemas'
import { audioUrl, imageSource, PROVIDER_ID } from './media-input'

/** A request ready to send: the body, the warnings, and where body fields came from. */
export interface BuiltRequest {
  body: Record<string, unknown>
  warnings: Warning[]
  /**
   * Body field → the task input field it was made from, for the fields named differently
   * (`aspect_ratio` → `aspectRatio`); a body field missing here has its input field's name.
   */
  fields: Record<string, string>
}

/** Which alias each task uses. All reach one backend; the alias keeps logs readable. */
export const TASK_ALIASES: Partial<Record<TaskName, Alias>> = {
  'image.generate': 'image',
  'image.edit': 'image',
  'video.generate': 'video',
  'speech.generate': 'voice',
  'dialogue.generate': 'voice',
  'soundEffect.generate': 'audio',
  'transcription.create': 'audio',
  'music.generate': 'music',
}

/** Options the driver reads from `providerOptions.onysoft`: any documented body parameter but `model`. */
export function onysoftOptions(input: {
  providerOptions?: Record<string, Record<string, unknown>>
}): Record<string, unknown> {
  const { model: _model, ...options } = input.providerOptions?.[PROVIDER_ID] ?? {}
  return options
}

const unsupported = (option: string, details: string): Warning => ({
  type: 'unsupported-option',
  option,
  details,
})

/** A warning, in the order given, for each option the input sets that the gateway cannot take. */
function droppedOptions<Input extends object>(
  input: Input,
  details: Partial<Record<keyof Input & string, string>>,
): Warning[] {
  const entries = Object.entries(details) as [keyof Input & string, string][]
  return entries
    .filter(([option]) => input[option] !== undefined)
    .map(([option, detail]) => unsupported(option, detail))
}

function refuse(message: string): never {
  throw new UnsupportedError(`${PROVIDER_ID}: ${message}`, { provider: PROVIDER_ID })
}

/**
 * A generate body: the model, the task's fields, then `providerOptions.onysoft` (which wins).
 * Undefined values are dropped, so absent options are not sent.
 */
function bodyOf(
  input: { model: string; providerOptions?: Record<string, Record<string, unknown>> },
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const body = { model: input.model, ...fields, ...onysoftOptions(input) }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
}

function oneOutput(n: number | undefined, what: string): void {
  if (n !== undefined && n > 1) refuse(`a task makes one ${what}; submit ${n} jobs for ${n}`)
}

export async function imageGenerateRequest(
  input: ValidTaskInput<'image.generate'>,
): Promise<BuiltRequest> {
  oneOutput(input.n, 'image')
  const warnings = droppedOptions(input, {
    size: 'the gateway sizes images by aspectRatio and resolution (providerOptions.onysoft.resolution: 1K, 2K, 4K)',
    seed: 'the gateway takes no seed',
    steps: 'the gateway takes no step count',
    guidanceScale: 'the gateway takes no guidance scale',
    outputFormat: 'the model decides the file format',
  })
  return {
    body: bodyOf(input, {
      prompt: input.prompt,
      aspect_ratio: input.aspectRatio,
      negative_prompt: input.negativePrompt,
    }),
    warnings,
    fields: { aspect_ratio: 'aspectRatio', negative_prompt: 'negativePrompt' },
  }
}

export async function imageEditRequest(
  input: ValidTaskInput<'image.edit'>,
  signal: AbortSignal | undefined,
): Promise<BuiltRequest> {
  const operation = input.operation ?? 'edit'
  oneOutput(input.n, 'image')
  if (operation === 'inpaint' && input.mask === undefined) {
    throw new ValidationError(
      [{ path: ['mask'], message: 'inpainting needs a mask', rule: 'required' }],
      { provider: PROVIDER_ID },
    )
  }
  if (operation !== 'edit' && operation !== 'inpaint' && operation !== 'upscale') {
    refuse(
      `operation "${operation}" has no documented gateway parameters; use "edit" with a prompt that says what to change`,
    )
  }
  if (
    operation === 'upscale' &&
    input.scale !== undefined &&
    input.scale !== 2 &&
    input.scale !== 4
  ) {
    throw new ValidationError(
      [{ path: ['scale'], message: 'the gateway upscales by 2 or 4', rule: 'invalid_value' }],
      { provider: PROVIDER_ID },
    )
  }
  const warnings = droppedOptions(input, {
    strength: 'the gateway takes no edit strength',
    size: 'the model keeps or picks the size',
    seed: 'the gateway takes no seed',
    steps: 'the gateway takes no step count',
    guidanceScale: 'the gateway takes no guidance scale',
    outputFormat: 'the model decides the file format',
  })
  if (operation !== 'upscale' && input.scale !== undefined)
    warnings.push(unsupported('scale', 'scale applies to operation "upscale" only'))
  return {
    body: bodyOf(input, {
      prompt: input.prompt,
      image_url: await imageSource(input.image, 'image', signal),
      negative_prompt: input.negativePrompt,
      mask_url:
        input.mask !== undefined ? await imageSource(input.mask, 'mask', signal) : undefined,
      scale: operation === 'upscale' ? (input.scale ?? 2) : undefined,
    }),
    warnings,
    fields: { image_url: 'image', negative_prompt: 'negativePrompt', mask_url: 'mask' },
  }
}

const SORA_ORIENTATION: Record<string, string> = { '16:9': 'landscape', '9:16': 'portrait' }

/** Sora 2's `aspect_ratio` for a task aspect ratio; anything but 16:9 and 9:16 is refused. */
function soraOrientation(aspectRatio: string | undefined): string | undefined {
  if (aspectRatio === undefined) return undefined
  const orientation = SORA_ORIENTATION[aspectRatio]
  if (orientation !== undefined) return orientation
  throw new ValidationError(
    [
      {
        path: ['aspectRatio'],
        message: 'Sora 2 makes landscape (16:9) or portrait (9:16) video',
        rule: 'invalid_value',
      },
    ],
    { provider: PROVIDER_ID },
  )
}

export async function videoRequest(
  input: ValidTaskInput<'video.generate'>,
  signal: AbortSignal | undefined,
): Promise<BuiltRequest> {
  const model = input.model
  if (input.video !== undefined) {
    refuse(
      'video-to-video models take a source video through a parameter the document does not name; use the typed client with providerOptions if your gateway documents one',
    )
  }
  oneOutput(input.n, 'video')
  const warnings = droppedOptions(input, {
    size: 'the gateway sizes video by aspectRatio and resolution',
    fps: 'the model decides the frame rate',
    seed: 'the gateway takes no seed',
  })
  // Checked before the source images are read: reading one may download it.
  const sora = isSoraModel(model)
  const orientation = sora ? soraOrientation(input.aspectRatio) : undefined
  const image =
    input.image !== undefined ? await imageSource(input.image, 'image', signal) : undefined
  const lastFrame =
    input.lastFrame !== undefined
      ? await imageSource(input.lastFrame, 'lastFrame', signal)
      : undefined
  const fields: Record<string, string> = {
    negative_prompt: 'negativePrompt',
    last_frame_url: 'lastFrame',
    aspect_ratio: 'aspectRatio',
  }
  let specific: Record<string, unknown>
  if (sora) {
    if (input.resolution !== undefined)
      warnings.push(
        unsupported(
          'resolution',
          'Sora 2 takes no resolution; Pro models take providerOptions.onysoft.size',
        ),
      )
    if (input.generateAudio === false)
      warnings.push(unsupported('generateAudio', 'Sora 2 video always has audio'))
    specific = {
      aspect_ratio: orientation,
      n_frames:
        input.durationSeconds !== undefined ? String(Math.round(input.durationSeconds)) : undefined,
      image_urls: image !== undefined ? [image] : undefined,
    }
    Object.assign(fields, { n_frames: 'durationSeconds', image_urls: 'image' })
  } else {
    const takesAudio = /^wan\//.test(model)
    if (input.generateAudio !== undefined && !takesAudio)
      warnings.push(
        unsupported(
          'generateAudio',
          'only Wan models take an audio switch; other models decide by themselves',
        ),
      )
    specific = {
      aspect_ratio: input.aspectRatio,
      duration: input.durationSeconds,
      resolution: input.resolution,
      image_url: image,
      audio: takesAudio ? input.generateAudio : undefined,
    }
    Object.assign(fields, {
      duration: 'durationSeconds',
      image_url: 'image',
      audio: 'generateAudio',
    })
  }
  return {
    body: bodyOf(input, {
      prompt: input.prompt,
      negative_prompt: input.negativePrompt,
      last_frame_url: lastFrame,
      ...specific,
    }),
    warnings,
    fields,
  }
}

export async function speechRequest(
  input: ValidTaskInput<'speech.generate'>,
): Promise<BuiltRequest> {
  if (input.referenceAudio !== undefined)
    refuse('the gateway speaks with its 20 preset voices; it does not clone reference audio')
  if (input.voiceDescription !== undefined)
    refuse(
      'the gateway speaks with its 20 preset voices; it does not design voices from a description',
    )
  return {
    body: bodyOf(input, { prompt: input.text, voice: input.voice }),
    warnings: droppedOptions(input, {
      language:
        'the multilingual model reads the language from the text; no language parameter is sent',
      speed: 'the gateway takes no speaking rate',
      seed: 'the gateway takes no seed',
      outputFormat: 'the model decides the audio format',
    }),
    fields: { prompt: 'text' },
  }
}

export async function dialogueRequest(
  input: ValidTaskInput<'dialogue.generate'>,
): Promise<BuiltRequest> {
  return {
    body: bodyOf(input, {
      // The script as text too, for a backend that reads only `prompt`.
      prompt: input.turns.map((turn) => `${turn.voice}: ${turn.text}`).join('\n'),
      dialogue: input.turns.map((turn) => ({ text: turn.text, voice: turn.voice })),
      language_code: input.language,
    }),
    warnings: droppedOptions(input, {
      seed: 'the gateway takes no seed',
      outputFormat: 'the model decides the audio format',
    }),
    fields: { prompt: 'turns', dialogue: 'turns', language_code: 'language' },
  }
}

export async function soundEffectRequest(
  input: ValidTaskInput<'soundEffect.generate'>,
): Promise<BuiltRequest> {
  return {
    body: bodyOf(input, {
      prompt: input.prompt,
      duration_seconds: input.durationSeconds,
      prompt_influence: input.promptInfluence,
    }),
    warnings: droppedOptions(input, {
      loop: 'the gateway takes no loop switch',
      outputFormat: 'the model decides the audio format',
    }),
    fields: { duration_seconds: 'durationSeconds', prompt_influence: 'promptInfluence' },
  }
}

export async function musicRequest(input: ValidTaskInput<'music.generate'>): Promise<BuiltRequest> {
  if (input.lyrics !== undefined)
    refuse(
      'the documented music parameters take a prompt only, no lyrics; describe the song in the prompt',
    )
  if (input.instrumental === true)
    refuse(
      'the documented music parameters have no instrumental switch; say "instrumental" in the prompt',
    )
  return {
    body: bodyOf(input, { prompt: input.prompt }),
    warnings: droppedOptions(input, {
      durationSeconds: 'the model decides the length',
      bpm: 'describe the tempo in the prompt',
      seed: 'the gateway takes no seed',
      n: 'the model decides how many tracks a task makes',
      outputFormat: 'the model decides the audio format',
    }),
    fields: {},
  }
}

export async function transcriptionRequest(
  input: ValidTaskInput<'transcription.create'>,
): Promise<BuiltRequest> {
  return {
    body: bodyOf(input, { audio_url: audioUrl(input.audio, 'audio') }),
    warnings: droppedOptions(input, {
      language: 'the model detects the language',
      diarize: 'no documented diarization switch',
      speakers: 'no documented speaker count',
      timestamps: 'the transcript comes as the model returns it',
      tagAudioEvents: 'no documented audio-event switch',
    }),
    fields: { audio_url: 'audio' },
  }
}
