/**
 * `transcription.create` on the gateway's `audio` alias (ElevenLabs speech-to-text). The
 * recording goes as `audio_url`, a public URL: the gateway takes no uploads here.
 */
import type { TranscriptionOutput, TranscriptSegment, ValidTaskInput } from '@atelier/core'
import { type TaskStatusData, TRANSCRIPTION_MODELS } from '../schemas'
import {
  droppedOptions,
  type Gateway,
  type GatewayHandler,
  gatewayHandler,
  type TaskRequest,
} from './gateway'
import { audioUrl } from './media-input'

/** The body of a `transcription.create` task. */
export function transcriptionRequest(input: ValidTaskInput<'transcription.create'>): TaskRequest {
  return {
    body: { audio_url: audioUrl(input.audio, 'audio') },
    fields: { audio_url: 'audio' },
    warnings: droppedOptions(input, {
      language: 'the model detects the language',
      diarize: 'no documented diarization switch',
      speakers: 'no documented speaker count',
      timestamps: 'the transcript comes as the model returns it',
      tagAudioEvents: 'no documented audio-event switch',
    }),
  }
}

/** The transcript of a completed status (`text` or `transcript`, ElevenLabs `words`). */
function transcriptOf(
  status: TaskStatusData,
): Omit<TranscriptionOutput, 'warnings' | 'usage' | 'providerMetadata'> | undefined {
  const text = status.text ?? status.transcript ?? undefined
  if (text == null) return undefined
  const words: TranscriptSegment[] = (status.words ?? [])
    .filter((word) => word.type == null || word.type === 'word')
    .filter((word) => word.start != null && word.end != null)
    .map((word) => ({
      text: word.text,
      start: word.start!,
      end: word.end!,
      ...(word.speaker_id ? { speaker: word.speaker_id } : {}),
    }))
  return {
    text,
    ...(status.language_code ? { language: status.language_code } : {}),
    ...(words.length ? { words, durationSeconds: words[words.length - 1]!.end } : {}),
  }
}

export function transcriptionHandler(gateway: Gateway): GatewayHandler<'transcription.create'> {
  return gatewayHandler(gateway, {
    task: 'transcription.create',
    models: TRANSCRIPTION_MODELS,
    build: transcriptionRequest,
    read: (status, _files, base) => {
      const transcript = transcriptOf(status)
      return transcript ? { ...transcript, ...base } : 'a transcript (text)'
    },
  })
}
