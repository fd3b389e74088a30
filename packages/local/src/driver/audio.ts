/**
 * Audio: `speech.generate` (XTTS with a stored actor or cloned reference audio, Maya with a
 * described voice or a saved Maya actor), an inline job each; and `music.generate` (ACE-Step),
 * the sidecar's own async job, resumable from its ref anywhere.
 */
import {
  type AudioOutput,
  type MediaFile,
  type MusicGenerateInput,
  type MusicOutput,
  type SpeechGenerateInput,
  type TaskHandler,
  toMediaFile,
  UnsupportedError,
  ValidationError,
  type Warning,
} from '@atelier/core'
import { type RequestContext, unsupportedOption } from '@atelier/core/driver'
import * as z from 'zod/mini'
import { generateMayaSpeech, getMayaActor } from '../client/maya'
import { generateMusic, getMusicStatus } from '../client/music'
import { generateSpeech, generateSpeechWithAudio } from '../client/tts'
import {
  MUSIC_MODELS,
  mayaGenerateRequestSchema,
  musicGenerateRequestSchema,
  TTS_MODELS,
  ttsGenerateRequestSchema,
  ttsGenerateWithAudioFormSchema,
} from '../schemas'
import { PROVIDER_ID, providerOptionsSchema } from './caller-fields'
import { cancelJob, pollJob } from './jobs'
import { prepareRequest } from './request'
import type { Runtime } from './runtime'
import { musicSnapshot } from './snapshots'

/** `providerOptions.local` of `speech.generate`: any field of the XTTS or Maya bodies but files. */
export const speechOptionsSchema = providerOptionsSchema(
  {
    ...ttsGenerateRequestSchema.shape,
    ...ttsGenerateWithAudioFormSchema.shape,
    ...mayaGenerateRequestSchema.shape,
  },
  ['reference_audio'],
)

/** `providerOptions.local` of `music.generate`: any field of `/music/generate`. */
export const musicOptionsSchema = providerOptionsSchema(musicGenerateRequestSchema.shape)

/** The upload form without its files (added once the slot is free). */
const withAudioFieldsSchema = z.omit(ttsGenerateWithAudioFormSchema, { reference_audio: true })
/** The Maya body without the description, for a voice named by a saved Maya actor. */
const mayaFieldsSchema = z.omit(mayaGenerateRequestSchema, { voice_description: true })

export function speechHandler(runtime: Runtime): TaskHandler<'speech.generate'> {
  const { transport } = runtime
  return {
    models: TTS_MODELS,
    cancel: 'local',
    resumable: false,
    providerOptions: speechOptionsSchema,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'speech.generate', input, context)
      const { model, warnings } = call
      const inline = (work: (request: RequestContext) => Promise<MediaFile>) =>
        call.inline<AudioOutput>(async (request) => ({ audio: await work(request), warnings: [] }))

      if (model === 'maya') {
        if (input.referenceAudio !== undefined) {
          throw new UnsupportedError(
            'Maya designs voices from a description; use xtts-v2 to clone reference audio',
            { provider: PROVIDER_ID },
          )
        }
        const described = input.voiceDescription
        const actor = input.voice
        if (described === undefined && actor === undefined) {
          throw new ValidationError([
            {
              path: ['voiceDescription'],
              message: 'Maya needs a voiceDescription or a Maya actor id as voice',
              rule: 'required',
            },
          ])
        }
        const body = call.merge(mayaBody(input, described, warnings))
        if (described !== undefined || typeof body.voice_description === 'string') {
          const json = call.check(mayaGenerateRequestSchema, body, 'POST /tts/maya/generate')
          return inline((request) => generateMayaSpeech(transport, json, request))
        }
        const json = call.check(mayaFieldsSchema, body, 'POST /tts/maya/generate')
        return inline(async (request) => {
          // The saved actor's description, read once the slot is free.
          const { voice_description } = await getMayaActor(transport, actor!, request)
          return generateMayaSpeech(transport, { ...json, voice_description }, request)
        })
      }
      if (input.voiceDescription !== undefined) {
        throw new UnsupportedError(
          `${model} clones voices; describe a voice with the maya model instead`,
          { provider: PROVIDER_ID },
        )
      }
      if (input.referenceAudio !== undefined) {
        const { actor: _none, ...form } = ttsBody(input, warnings)
        const json = call.body(withAudioFieldsSchema, form, 'POST /tts/generate-with-audio')
        const reference = toMediaFile(input.referenceAudio, 'audio/wav')
        return inline((request) =>
          generateSpeechWithAudio(transport, { ...json, reference_audio: [reference] }, request),
        )
      }
      if (input.voice === undefined) {
        throw new ValidationError([
          {
            path: ['voice'],
            message: 'XTTS needs an actor name as voice, or referenceAudio to clone',
            rule: 'required',
          },
        ])
      }
      const json = call.body(
        ttsGenerateRequestSchema,
        ttsBody(input, warnings),
        'POST /tts/generate',
      )
      return inline((request) => generateSpeech(transport, json, request))
    },
  }
}

export function musicHandler(runtime: Runtime): TaskHandler<'music.generate'> {
  const { transport } = runtime
  return {
    models: MUSIC_MODELS,
    // The sidecar cannot stop a music job: a cancel stops watching, and the GPU slot and the
    // files wait for the server to be done (see `cancelJob`).
    cancel: 'local',
    resumable: true,
    providerOptions: musicOptionsSchema,
    // `batch_size` is at most 4: core splits a larger `n` into several jobs.
    maxOutputsPerCall: 4,
    async submit(input, context) {
      const call = await prepareRequest(runtime, 'music.generate', input, context)
      const body = musicBody(input, call.model)
      const json = call.body(musicGenerateRequestSchema, body, 'POST /music/generate')
      return call.submitJob<MusicOutput>(
        'music',
        (request) => generateMusic(transport, json, request),
        { format: json.audio_format ?? 'wav' },
      )
    },
    poll: (ref, context) =>
      pollJob(runtime, 'music', ref, context, async (request) =>
        musicSnapshot(await getMusicStatus(transport, ref.id, request), ref, transport),
      ),
    cancelJob: (ref, context) => cancelJob(runtime, 'music', ref, context),
  }
}

/** XTTS (`/tts/generate`) body for a named actor. */
export function ttsBody(input: SpeechGenerateInput, warnings: Warning[]): Record<string, unknown> {
  if (input.seed !== undefined) warnings.push(unsupportedOption('seed', 'XTTS takes no seed'))
  if (input.outputFormat && input.outputFormat !== 'wav') {
    warnings.push(unsupportedOption('outputFormat', 'WAV only'))
  }
  // The server's whole-clip XTTS synthesis passes no speed to the model (only its stream does).
  if (input.speed !== undefined) {
    warnings.push(unsupportedOption('speed', 'XTTS speaks whole clips at its own pace'))
  }
  return {
    text: input.text,
    actor: input.voice,
    ...(input.language !== undefined ? { language: input.language.toLowerCase() } : {}),
  }
}

/** Maya (`/tts/maya/generate`) body for a described voice (the description added when known). */
export function mayaBody(
  input: SpeechGenerateInput,
  voiceDescription: string | undefined,
  warnings: Warning[],
): Record<string, unknown> {
  if (input.language !== undefined && !input.language.toLowerCase().startsWith('en')) {
    throw new UnsupportedError('Maya speaks English only', { provider: PROVIDER_ID })
  }
  if (input.seed !== undefined) warnings.push(unsupportedOption('seed', 'Maya takes no seed'))
  if (input.outputFormat && input.outputFormat !== 'wav') {
    warnings.push(unsupportedOption('outputFormat', 'WAV only'))
  }
  return {
    text: input.text,
    ...(voiceDescription !== undefined ? { voice_description: voiceDescription } : {}),
    ...(input.speed !== undefined ? { speed: input.speed } : {}),
  }
}

/** `/music/generate` body. */
export function musicBody(input: MusicGenerateInput, model: string): Record<string, unknown> {
  return {
    model,
    caption: input.prompt,
    ...(input.lyrics !== undefined ? { lyrics: input.lyrics } : {}),
    ...(input.instrumental !== undefined ? { instrumental: input.instrumental } : {}),
    ...(input.durationSeconds !== undefined ? { duration: input.durationSeconds } : {}),
    ...(input.bpm !== undefined ? { bpm: input.bpm } : {}),
    ...(input.n !== undefined ? { batch_size: input.n } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.outputFormat !== undefined ? { audio_format: input.outputFormat } : {}),
  }
}
