/** `speech.generate` on Vision Studio: Runway's text to speech (ElevenLabs multilingual v2) with a preset voice. */
import type { AudioOutput, ValidTaskInput, Warning } from '@atelier/core'
import type { Transport } from '../client/transport'
import { runwayAudioTextToSpeechEndpoint } from '../generated/endpoints'
import { mediaCompleted, mediaPlanner, type PlannedTask } from './jobs'
import { parseModel, SPEECH_MODELS, unknownModel } from './models'
import { type Plan, providerOptionsSchema, refuse, required, warnUnsupported } from './plan'

type Input = ValidTaskInput<'speech.generate'>

/** The `type` of a Runway preset voice (`{type, preset_id}`). */
export const RUNWAY_PRESET_VOICE = 'runway-preset'

/** The endpoints `speech.generate` maps onto. */
export const SPEECH_GENERATE_ENDPOINTS = [runwayAudioTextToSpeechEndpoint] as const

const OPTIONS = /* @__PURE__ */ providerOptionsSchema(SPEECH_GENERATE_ENDPOINTS)

function speechGeneratePlan(
  transport: Transport,
  input: Input,
  warnings: Warning[],
): Plan<AudioOutput> {
  const { provider, name } = parseModel(input.model)
  if (provider !== 'runway' || !name)
    throw unknownModel('speech.generate', input.model, SPEECH_MODELS)
  if (input.referenceAudio !== undefined)
    throw refuse('Runway speech on Vision Studio has no voice cloning: give a preset voice')
  if (input.voiceDescription !== undefined)
    throw refuse('Runway speech on Vision Studio has no voice design: give a preset voice')
  if (input.voice === undefined)
    throw required('voice', 'Runway speech needs a preset voice id (e.g. "Maya")')
  warnUnsupported(
    warnings,
    input,
    ['language', 'speed', 'seed', 'outputFormat', 'referenceText'],
    'Runway speech',
  )
  return mediaPlanner(transport, 'audio')(
    runwayAudioTextToSpeechEndpoint,
    { prompt: 'text', voice: 'voice', model: 'model' },
    {
      prompt: input.text,
      voice: { type: RUNWAY_PRESET_VOICE, preset_id: input.voice },
      model: name,
    },
  )
}

/** The `speech.generate` handler's parts: Runway tasks, cancelled on Runway. */
export function speechGenerateTask(transport: Transport): PlannedTask<'speech.generate'> {
  return {
    models: SPEECH_MODELS,
    cancel: 'remote',
    resumable: true,
    providerOptions: OPTIONS,
    plan: (input, warnings) => speechGeneratePlan(transport, input, warnings),
    completed: mediaCompleted(transport, 'audio'),
  }
}
