/**
 * The audio tasks: `speech.generate` (`/api/llm/generate-audio`, ElevenLabs or MLX Audio),
 * `soundEffect.generate`, `music.generate` and `dialogue.generate` (ElevenLabs only, no
 * `provider` field), and `transcription.create` (`/api/llm/transcribe`, the audio sent as
 * base64).
 */
import {
  type MediaFile,
  type MediaInput,
  toMediaFile,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import { BASE64_PLACEHOLDER } from '../client/binary-fields'
import {
  generateAudio,
  generateDialogue,
  generateMusic,
  generateSoundEffect,
  transcribe,
} from '../client/llm'
import {
  DIALOGUE_MODEL,
  dialogueGenerateRequestSchema,
  MUSIC_MODELS,
  musicGenerateRequestSchema,
  SOUND_EFFECT_MODELS,
  SPEECH_MODELS,
  soundEffectGenerateRequestSchema,
  speechGenerateRequestSchema,
  TRANSCRIPTION_MODELS,
  transcribeRequestSchema,
} from '../schemas'
import { audioOutput, musicOutput, transcriptionOutput } from './outputs'
import { generationHandler, type QueueJobs, queued } from './queue-job'
import {
  type BuiltBody,
  canaryOptions,
  checkedBody,
  fail,
  fieldsOf,
  optionsSchema,
  warnDropped,
  withoutUndefined,
} from './shared'
import { elevenLabsModel, resolveUpstream } from './upstream'

/** `providerOptions.canary` of `speech.generate`: any body field (`tag`, ...) and `provider`. */
export const speechOptionsSchema = optionsSchema(speechGenerateRequestSchema.shape)
/** `providerOptions.canary` of `soundEffect.generate`. */
export const soundEffectOptionsSchema = optionsSchema(soundEffectGenerateRequestSchema.shape)
/** `providerOptions.canary` of `music.generate`. */
export const musicOptionsSchema = optionsSchema(musicGenerateRequestSchema.shape)
/** `providerOptions.canary` of `dialogue.generate`: `voiceSettings`, `applyTextNormalization`, `tag`, ... */
export const dialogueOptionsSchema = optionsSchema(dialogueGenerateRequestSchema.shape)
/** `providerOptions.canary` of `transcription.create`: `timestampsGranularity`, `tag`, ... and `provider`. */
export const transcriptionOptionsSchema = optionsSchema(transcribeRequestSchema.shape)

type Options = Readonly<Record<string, unknown>>

/** The body of `POST /api/llm/generate-audio`. */
export function speechBody(
  input: ValidTaskInput<'speech.generate'>,
  options: Options,
  warnings: Warning[],
): BuiltBody {
  const upstream = resolveUpstream('speech.generate', input.model, options.provider)
  if (input.referenceAudio !== undefined)
    fail('CanaryLLM speaks with a voice id; it does not clone reference audio')
  if (input.voiceDescription !== undefined)
    fail('CanaryLLM speaks with a voice id; it does not design voices from a description')
  const body = withoutUndefined({
    provider: upstream.provider,
    text: input.text,
    model: upstream.model,
    voiceId: input.voice,
  })
  if (input.outputFormat !== undefined) {
    if (upstream.provider === 'elevenlabs') body.outputFormat = input.outputFormat
    else warnings.push(unsupportedOption('outputFormat', 'outputFormat is for ElevenLabs only'))
  }
  warnDropped(input, warnings, {
    language: 'generate-audio takes no language; the voice and model decide it',
    speed: 'generate-audio takes no speed',
    seed: 'generate-audio takes no seed',
    referenceText: 'no voice cloning',
  })
  const fields = fieldsOf(body, {
    text: 'text',
    model: 'model',
    voiceId: 'voice',
    outputFormat: 'outputFormat',
  })
  return { body, fields }
}

/** The body of `POST /api/llm/generate-sound-effect`. */
export function soundEffectBody(
  input: ValidTaskInput<'soundEffect.generate'>,
  warnings: Warning[],
): BuiltBody {
  warnDropped(input, warnings, { outputFormat: 'generate-sound-effect takes no output format' })
  const body = withoutUndefined({
    text: input.prompt,
    model: elevenLabsModel(input.model),
    durationSeconds: input.durationSeconds,
    promptInfluence: input.promptInfluence,
    loop: input.loop,
  })
  const fields = fieldsOf(body, {
    text: 'prompt',
    model: 'model',
    durationSeconds: 'durationSeconds',
    promptInfluence: 'promptInfluence',
    loop: 'loop',
  })
  return { body, fields }
}

/** The body of `POST /api/llm/generate-music`: seconds become `durationMs`. One track per job. */
export function musicBody(input: ValidTaskInput<'music.generate'>, warnings: Warning[]): BuiltBody {
  if (input.lyrics !== undefined)
    fail('generate-music takes no lyrics; describe the song in the prompt, or set instrumental')
  warnDropped(input, warnings, {
    bpm: 'put the tempo in the prompt',
    seed: 'generate-music takes no seed',
    outputFormat: 'generate-music takes no output format',
  })
  const body = withoutUndefined({
    prompt: input.prompt,
    model: elevenLabsModel(input.model),
    durationMs:
      input.durationSeconds !== undefined ? Math.round(input.durationSeconds * 1000) : undefined,
    forceInstrumental: input.instrumental,
  })
  const fields = fieldsOf(body, {
    prompt: 'prompt',
    model: 'model',
    durationMs: 'durationSeconds',
    forceInstrumental: 'instrumental',
  })
  return { body, fields }
}

/** The body of `POST /api/llm/generate-dialogue` (`eleven_v3`). */
export function dialogueBody(input: ValidTaskInput<'dialogue.generate'>): BuiltBody {
  const body = withoutUndefined({
    inputs: input.turns.map((turn) => ({ text: turn.text, voiceId: turn.voice })),
    // Only eleven_v3 exists: any other id fails the wire schema, naming `model`. `elevenlabs`
    // alone names no model: none is sent and the gateway uses its default, as the example does.
    model: elevenLabsModel(input.model),
    outputFormat: input.outputFormat,
    languageCode: input.language,
    seed: input.seed,
  })
  const fields = fieldsOf(body, {
    inputs: 'turns',
    model: 'model',
    outputFormat: 'outputFormat',
    languageCode: 'language',
    seed: 'seed',
  })
  return { body, fields }
}

/** The body of `POST /api/llm/transcribe` without its `audio`, given the audio's media type. */
export function transcribeBody(
  input: ValidTaskInput<'transcription.create'>,
  options: Options,
  mediaType: string,
  warnings: Warning[],
): BuiltBody {
  const upstream = resolveUpstream('transcription.create', input.model, options.provider)
  const eleven = upstream.provider === 'elevenlabs'
  const body = withoutUndefined({
    provider: upstream.provider,
    mimeType: mediaType,
    model: upstream.model,
    language: input.language,
  })
  const elevenOnly = (option: string, value: unknown, field: string) => {
    if (value === undefined) return
    if (eleven) body[field] = value
    else warnings.push(unsupportedOption(option, `${field} is for ElevenLabs only`))
  }
  elevenOnly('diarize', input.diarize, 'diarize')
  elevenOnly('speakers', input.speakers, 'numSpeakers')
  elevenOnly('tagAudioEvents', input.tagAudioEvents, 'tagAudioEvents')
  if (input.timestamps === 'word') elevenOnly('timestamps', 'word', 'timestampsGranularity')
  const fields = fieldsOf(body, {
    mimeType: 'audio',
    model: 'model',
    language: 'language',
    diarize: 'diarize',
    numSpeakers: 'speakers',
    tagAudioEvents: 'tagAudioEvents',
    timestampsGranularity: 'timestamps',
  })
  return { body, fields }
}

/** Container signatures: bytes at an offset, and the media type they mean. */
const AUDIO_SIGNATURES: [number[], number, string][] = [
  [[0x52, 0x49, 0x46, 0x46], 0, 'audio/wav'],
  [[0x49, 0x44, 0x33], 0, 'audio/mpeg'],
  [[0x4f, 0x67, 0x67, 0x53], 0, 'audio/ogg'],
  [[0x66, 0x4c, 0x61, 0x43], 0, 'audio/flac'],
  [[0x66, 0x74, 0x79, 0x70], 4, 'audio/mp4'],
  [[0x1a, 0x45, 0xdf, 0xa3], 0, 'audio/webm'],
]

/**
 * The media type of raw audio bytes, or undefined. Containers by signature; bare frames by their
 * sync word: AAC's ADTS header has twelve sync bits and layer `00` (`FF F1`, `FF F9`, ...),
 * which MPEG audio never uses, so it is told apart from an MP3 frame (`FF FB`, `FF F3`, ...).
 */
export function sniffAudio(bytes: Uint8Array): string | undefined {
  for (const [signature, offset, type] of AUDIO_SIGNATURES) {
    if (signature.every((byte, index) => bytes[offset + index] === byte)) return type
  }
  const second = bytes[1] ?? 0
  if (bytes[0] === 0xff && (second & 0xf6) === 0xf0) return 'audio/aac'
  if (bytes[0] === 0xff && (second & 0xe0) === 0xe0 && (second & 0x06) !== 0) return 'audio/mpeg'
  return undefined
}

/**
 * The media type of the audio to transcribe: stated by the input, else sniffed from raw bytes,
 * else `application/octet-stream` — never a guess such as `audio/mpeg`, which would tell the
 * gateway to decode a WAV or an AAC file as MP3.
 */
function audioMediaType(input: MediaInput, file: MediaFile): string {
  if (file.mediaType !== 'application/octet-stream') return file.mediaType
  const bytes =
    input instanceof Uint8Array
      ? input
      : input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : undefined
  return (bytes && sniffAudio(bytes)) ?? 'application/octet-stream'
}

export function audioHandlers(jobs: QueueJobs) {
  const { transport } = jobs
  return {
    'speech.generate': generationHandler(jobs, 'speech.generate', {
      models: SPEECH_MODELS,
      providerOptions: speechOptionsSchema,
      schema: speechGenerateRequestSchema,
      what: 'POST /api/llm/generate-audio',
      build: speechBody,
      send: (body, context) => generateAudio(transport, body, context),
      kind: 'speech',
      output: audioOutput,
    }),

    'soundEffect.generate': generationHandler(jobs, 'soundEffect.generate', {
      models: SOUND_EFFECT_MODELS,
      providerOptions: soundEffectOptionsSchema,
      schema: soundEffectGenerateRequestSchema,
      what: 'POST /api/llm/generate-sound-effect',
      build: (input, _options, warnings) => soundEffectBody(input, warnings),
      send: (body, context) => generateSoundEffect(transport, body, context),
      kind: 'soundEffect',
      output: audioOutput,
    }),

    'music.generate': generationHandler(jobs, 'music.generate', {
      models: MUSIC_MODELS,
      providerOptions: musicOptionsSchema,
      // One track per job: core submits one job per track asked for.
      maxOutputsPerCall: 1,
      schema: musicGenerateRequestSchema,
      what: 'POST /api/llm/generate-music',
      build: (input, _options, warnings) => musicBody(input, warnings),
      send: (body, context) => generateMusic(transport, body, context),
      kind: 'music',
      output: musicOutput,
    }),

    'dialogue.generate': generationHandler(jobs, 'dialogue.generate', {
      models: [DIALOGUE_MODEL],
      providerOptions: dialogueOptionsSchema,
      schema: dialogueGenerateRequestSchema,
      what: 'POST /api/llm/generate-dialogue',
      build: (input) => dialogueBody(input),
      send: (body, context) => generateDialogue(transport, body, context),
      kind: 'dialogue',
      output: audioOutput,
    }),

    'transcription.create': jobs.handler('transcription.create', {
      models: TRANSCRIPTION_MODELS,
      providerOptions: transcriptionOptionsSchema,
      async submit(input, context) {
        const options = canaryOptions(input, transcriptionOptionsSchema)
        const warnings: Warning[] = []
        const audio = toMediaFile(input.audio, 'application/octet-stream')
        const built = transcribeBody(input, options, audioMediaType(input.audio, audio), warnings)
        // Checked with a stand-in for the audio, which is read (a URL fetched) only once the rest has passed.
        const { audio: _placeholder, ...body } = checkedBody(
          transcribeRequestSchema,
          'POST /api/llm/transcribe',
          {
            body: { ...built.body, audio: BASE64_PLACEHOLDER },
            fields: { ...built.fields, audio: 'audio' },
          },
          options,
        )
        const answer = await transcribe(transport, { ...body, audio }, context)
        return queued(
          answer,
          input.model,
          warnings,
          input.timestamps !== undefined ? { timestamps: input.timestamps } : {},
        )
      },
      output: (ref, context) =>
        jobs.readResult(ref, 'transcription', context, (result) =>
          transcriptionOutput(result, {
            queueId: ref.id,
            ...(typeof ref.data?.timestamps === 'string'
              ? { timestamps: ref.data.timestamps }
              : {}),
          }),
        ),
    }),
  }
}
