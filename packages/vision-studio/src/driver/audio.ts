/** `speech.generate` on Vision Studio: Runway's text to speech (ElevenLabs multilingual v2) with a preset voice. */
import type { ValidTaskInput, Warning } from '@atelier/core'
import { runwayAudioTextToSpeechEndpoint } from '../generated/endpoints'
import type { Plan } from './jobs'
import { parseModel, SPEECH_MODELS, unknownModel } from './models'
import { extrasOf, planFor, refuse, required, warnUnsupported } from './plan'

type Input = ValidTaskInput<'speech.generate'>

/** The `type` of a Runway preset voice (`{type, preset_id}`). */
export const RUNWAY_PRESET_VOICE = 'runway-preset'

export function speechGeneratePlan(input: Input, warnings: Warning[]): Plan {
  const { provider, name } = parseModel(input.model)
  if (provider !== 'runway' || !name)
    throw unknownModel('speech.generate', input.model, SPEECH_MODELS)
  if (input.referenceAudio !== undefined)
    throw refuse('Runway speech on Vision Studio has no voice cloning: give a preset voice')
  if (input.voiceDescription !== undefined)
    throw refuse('Runway speech on Vision Studio has no voice design: give a preset voice')
  if (input.voice === undefined)
    throw required('voice', 'Runway speech needs a preset voice id (e.g. "Maya")')
  const common = input as unknown as Record<string, unknown>
  warnUnsupported(
    warnings,
    common,
    ['language', 'speed', 'seed', 'outputFormat', 'referenceText'],
    'Runway speech',
  )
  return planFor(runwayAudioTextToSpeechEndpoint, extrasOf(input), 'audio', () => ({
    prompt: input.text,
    voice: { type: RUNWAY_PRESET_VOICE, preset_id: input.voice },
    model: name,
  }))
}
