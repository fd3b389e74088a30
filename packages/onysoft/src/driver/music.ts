/**
 * `music.generate` on the gateway's `music` alias (Suno, and KieAI's ai-music-api in front of
 * it). The documented music parameters are a prompt only; a task makes two variations of the
 * song, so core splits a larger `n` into tasks of two.
 */
import type { ValidTaskInput } from '@atelier/core'
import { adjustedOption } from '@atelier/core/driver'
import { MUSIC_MODELS } from '../schemas'
import {
  droppedOptions,
  type Gateway,
  type GatewayHandler,
  gatewayHandler,
  refuse,
  type TaskRequest,
} from './gateway'

/** Tracks one task makes: Suno answers every song with two variations. */
export const TRACKS_PER_TASK = 2

/** The body of a `music.generate` task. */
export function musicRequest(input: ValidTaskInput<'music.generate'>): TaskRequest {
  if (input.lyrics !== undefined)
    refuse(
      'the documented music parameters take a prompt only, no lyrics; describe the song in the prompt',
    )
  if (input.instrumental === true)
    refuse(
      'the documented music parameters have no instrumental switch; say "instrumental" in the prompt',
    )
  const warnings = droppedOptions(input, {
    durationSeconds: 'the model decides the length',
    bpm: 'describe the tempo in the prompt',
    seed: 'the gateway takes no seed',
  })
  if (input.n !== undefined && input.n !== TRACKS_PER_TASK)
    warnings.push(
      adjustedOption('n', `a task makes ${TRACKS_PER_TASK} tracks; both are in the output`),
    )
  warnings.push(...droppedOptions(input, { outputFormat: 'the model decides the audio format' }))
  return { body: { prompt: input.prompt }, fields: { prompt: 'prompt' }, warnings }
}

export function musicHandler(gateway: Gateway): GatewayHandler<'music.generate'> {
  return gatewayHandler(gateway, {
    task: 'music.generate',
    // The first two make a new song from a prompt; the rest transform existing audio.
    models: MUSIC_MODELS.slice(0, 2),
    maxOutputsPerCall: TRACKS_PER_TASK,
    build: musicRequest,
    read: (_status, files, base) => {
      const tracks = files.of('audio')
      return tracks.length ? { tracks, ...base } : 'audio URLs'
    },
  })
}
