/**
 * Task inputs → Onysoft request bodies. What the gateway cannot express becomes a warning, or
 * an `UnsupportedError` when dropping it would change the result. Each builder also says
 * which task field every body field came from, so a rule the gateway's schema enforces (a
 * voice name, a duration) fails with the field the caller wrote.
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

/** A request ready to send: the alias, the body, the warnings, and body field → input field. */
export interface BuiltRequest {
  alias: Alias
  body: Record<string, unknown>
  warnings: Warning[]
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

/** Warns, in the order given, about each option the input sets that the gateway cannot take. */
function warnDropped<Input extends object>(
  input: Input,
  warnings: Warning[],
  details: Partial<Record<keyof Input & string, string>>,
): void {
  for (const [option, detail] of Object.entries(details) as [keyof Input & string, string][]) {
    if (input[option] !== undefined) warnings.push(unsupported(option, detail))
  }
}

function refuse(message: string): never {
  throw new UnsupportedError(`${PROVIDER_ID}: ${message}`, { provider: PROVIDER_ID })
}

/** Drops undefined values, so absent options are not sent. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
}

function oneOutput(n: number | undefined, what: string): void {
  if (n !== undefined && n > 1) refuse(`a task makes one ${what}; submit ${n} jobs for ${n}`)
}

export async function imageGenerateRequest(
  input: ValidTaskInput<'image.generate'>,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  oneOutput(input.n, 'image')
  warnDropped(input, warnings, {
    size: 'the gateway sizes images by aspectRatio and resolution (providerOptions.onysoft.resolution: 1K, 2K, 4K)',
    seed: 'the gateway takes no seed',
    steps: 'the gateway takes no step count',
    guidanceScale: 'the gateway takes no guidance scale',
    outputFormat: 'the model decides the file format',
  })
  return {
    alias: 'image',
    body: defined({
      model: input.model,
      prompt: input.prompt,
      aspect_ratio: input.aspectRatio,
      negative_prompt: input.negativePrompt,
      ...onysoftOptions(input),
    }),
    warnings,
    fields: { prompt: 'prompt', aspect_ratio: 'aspectRatio', negative_prompt: 'negativePrompt' },
  }
}

export async function imageEditRequest(
  input: ValidTaskInput<'image.edit'>,
  signal: AbortSignal | undefined,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
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
  warnDropped(input, warnings, {
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
    alias: 'image',
    body: defined({
      model: input.model,
      prompt: input.prompt,
      image_url: await imageSource(input.image, 'image', signal),
      negative_prompt: input.negativePrompt,
      mask_url:
        input.mask !== undefined ? await imageSource(input.mask, 'mask', signal) : undefined,
      scale: operation === 'upscale' ? (input.scale ?? 2) : undefined,
      ...onysoftOptions(input),
    }),
    warnings,
    fields: {
      prompt: 'prompt',
      image_url: 'image',
      negative_prompt: 'negativePrompt',
      mask_url: 'mask',
      scale: 'scale',
    },
  }
}

const SORA_ORIENTATION: Record<string, string> = { '16:9': 'landscape', '9:16': 'portrait' }

export async function videoRequest(
  input: ValidTaskInput<'video.generate'>,
  signal: AbortSignal | undefined,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  const model = input.model
  if (input.video !== undefined) {
    refuse(
      'video-to-video models take a source video through a parameter the document does not name; use the typed client with providerOptions if your gateway documents one',
    )
  }
  oneOutput(input.n, 'video')
  warnDropped(input, warnings, {
    size: 'the gateway sizes video by aspectRatio and resolution',
    fps: 'the model decides the frame rate',
    seed: 'the gateway takes no seed',
  })
  const image =
    input.image !== undefined ? await imageSource(input.image, 'image', signal) : undefined
  const lastFrame =
    input.lastFrame !== undefined
      ? await imageSource(input.lastFrame, 'lastFrame', signal)
      : undefined
  const fields: Record<string, string> = {
    prompt: 'prompt',
    negative_prompt: 'negativePrompt',
    last_frame_url: 'lastFrame',
    resolution: 'resolution',
  }
  let specific: Record<string, unknown>
  if (isSoraModel(model)) {
    let orientation: string | undefined
    if (input.aspectRatio !== undefined) {
      orientation = SORA_ORIENTATION[input.aspectRatio]
      if (orientation === undefined) {
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
    }
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
    Object.assign(fields, {
      aspect_ratio: 'aspectRatio',
      n_frames: 'durationSeconds',
      image_urls: 'image',
    })
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
      aspect_ratio: 'aspectRatio',
      duration: 'durationSeconds',
      image_url: 'image',
      audio: 'generateAudio',
    })
  }
  return {
    alias: 'video',
    body: defined({
      model,
      prompt: input.prompt,
      negative_prompt: input.negativePrompt,
      last_frame_url: lastFrame,
      ...specific,
      ...onysoftOptions(input),
    }),
    warnings,
    fields,
  }
}

export async function speechRequest(
  input: ValidTaskInput<'speech.generate'>,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  if (input.referenceAudio !== undefined)
    refuse('the gateway speaks with its 20 preset voices; it does not clone reference audio')
  if (input.voiceDescription !== undefined)
    refuse(
      'the gateway speaks with its 20 preset voices; it does not design voices from a description',
    )
  warnDropped(input, warnings, {
    language:
      'the multilingual model reads the language from the text; no language parameter is sent',
    speed: 'the gateway takes no speaking rate',
    seed: 'the gateway takes no seed',
    outputFormat: 'the model decides the audio format',
  })
  return {
    alias: 'voice',
    body: defined({
      model: input.model,
      prompt: input.text,
      voice: input.voice,
      ...onysoftOptions(input),
    }),
    warnings,
    fields: { prompt: 'text', voice: 'voice' },
  }
}

export async function dialogueRequest(
  input: ValidTaskInput<'dialogue.generate'>,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  warnDropped(input, warnings, {
    seed: 'the gateway takes no seed',
    outputFormat: 'the model decides the audio format',
  })
  return {
    alias: 'voice',
    body: defined({
      model: input.model,
      // The script as text too, for a backend that reads only `prompt`.
      prompt: input.turns.map((turn) => `${turn.voice}: ${turn.text}`).join('\n'),
      dialogue: input.turns.map((turn) => ({ text: turn.text, voice: turn.voice })),
      language_code: input.language,
      ...onysoftOptions(input),
    }),
    warnings,
    fields: { dialogue: 'turns', language_code: 'language', prompt: 'turns' },
  }
}

export async function soundEffectRequest(
  input: ValidTaskInput<'soundEffect.generate'>,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  warnDropped(input, warnings, {
    loop: 'the gateway takes no loop switch',
    outputFormat: 'the model decides the audio format',
  })
  return {
    alias: 'audio',
    body: defined({
      model: input.model,
      prompt: input.prompt,
      duration_seconds: input.durationSeconds,
      prompt_influence: input.promptInfluence,
      ...onysoftOptions(input),
    }),
    warnings,
    fields: {
      prompt: 'prompt',
      duration_seconds: 'durationSeconds',
      prompt_influence: 'promptInfluence',
    },
  }
}

export async function musicRequest(input: ValidTaskInput<'music.generate'>): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  if (input.lyrics !== undefined)
    refuse(
      'the documented music parameters take a prompt only, no lyrics; describe the song in the prompt',
    )
  if (input.instrumental === true)
    refuse(
      'the documented music parameters have no instrumental switch; say "instrumental" in the prompt',
    )
  warnDropped(input, warnings, {
    durationSeconds: 'the model decides the length',
    bpm: 'describe the tempo in the prompt',
    seed: 'the gateway takes no seed',
    n: 'the model decides how many tracks a task makes',
    outputFormat: 'the model decides the audio format',
  })
  return {
    alias: 'music',
    body: defined({ model: input.model, prompt: input.prompt, ...onysoftOptions(input) }),
    warnings,
    fields: { prompt: 'prompt' },
  }
}

export async function transcriptionRequest(
  input: ValidTaskInput<'transcription.create'>,
): Promise<BuiltRequest> {
  const warnings: Warning[] = []
  warnDropped(input, warnings, {
    language: 'the model detects the language',
    diarize: 'no documented diarization switch',
    speakers: 'no documented speaker count',
    timestamps: 'the transcript comes as the model returns it',
    tagAudioEvents: 'no documented audio-event switch',
  })
  return {
    alias: 'audio',
    body: defined({
      model: input.model,
      audio_url: audioUrl(input.audio, 'audio'),
      ...onysoftOptions(input),
    }),
    warnings,
    fields: { audio_url: 'audio' },
  }
}
