/** Queue results → task outputs. */
import type {
  AudioOutput,
  Detection,
  FinishReason,
  ImageOutput,
  MusicOutput,
  TaskName,
  TextOutput,
  TranscriptionOutput,
  TranscriptSegment,
  Usage,
  VideoOutput,
  VisionDetectOutput,
  Warning,
  WebMatch,
} from '@atelier/core'
import type {
  CompletionResult,
  DetectionResult,
  ImageResult,
  MusicResult,
  ResultKind,
  SpeechResult,
  TranscriptionResult,
  TranscriptWord,
  VideoResult,
  WebDetectionResult,
} from '../schemas'

/** Which result schema a task's job produces. */
export function resultKindOf(task: string, mode?: string): ResultKind {
  switch (task) {
    case 'image.generate':
      return 'image'
    case 'video.generate':
      return 'video'
    case 'speech.generate':
      return 'speech'
    case 'soundEffect.generate':
      return 'soundEffect'
    case 'music.generate':
      return 'music'
    case 'dialogue.generate':
      return 'dialogue'
    case 'transcription.create':
      return 'transcription'
    case 'text.generate':
      return 'completion'
    default:
      return mode === 'web' ? 'webDetection' : 'detection'
  }
}

/** What the driver stored in the ref at submit, needed to shape the output. */
export interface OutputContext {
  queueId: string
  warnings: Warning[]
  /** `vision.detect` (objects, zero-shot, faces): keep at most this many detections, best first. */
  maxResults?: number
  /** `transcription.create`: `none` leaves words and segments out. */
  timestamps?: string
}

const defined = <T extends Record<string, unknown>>(record: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>

/** The task output for a completed job's `result`. */
export function outputFor(
  task: TaskName,
  kind: ResultKind,
  result: unknown,
  context: OutputContext,
): unknown {
  const { queueId, warnings } = context
  switch (kind) {
    case 'image': {
      const image = result as ImageResult
      return {
        images: image.images.map((item) => item.data),
        warnings,
        ...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
        providerMetadata: defined({ queueId, model: image.model, provider: image.provider }),
      } satisfies ImageOutput
    }
    case 'video': {
      const video = result as VideoResult
      return {
        videos: video.videos.map((item) => item.data),
        warnings,
        providerMetadata: defined({ queueId, model: video.model, provider: video.provider }),
      } satisfies VideoOutput
    }
    case 'music': {
      const music = result as MusicResult
      return {
        tracks: [music.audio],
        warnings,
        ...(music.durationMs !== undefined ? { usage: { seconds: music.durationMs / 1000 } } : {}),
        providerMetadata: defined({ queueId, model: music.model, durationMs: music.durationMs }),
      } satisfies MusicOutput
    }
    case 'speech':
    case 'soundEffect':
    case 'dialogue': {
      const audio = result as SpeechResult & { durationSeconds?: number }
      return {
        audio: audio.audio,
        warnings,
        ...(audio.durationSeconds !== undefined
          ? { usage: { seconds: audio.durationSeconds } }
          : {}),
        providerMetadata: defined({
          queueId,
          model: audio.model,
          characterCount: audio.characterCount,
          durationSeconds: audio.durationSeconds,
        }),
      } satisfies AudioOutput
    }
    case 'transcription':
      return transcriptionOutput(result as TranscriptionResult, context)
    case 'completion': {
      const completion = result as CompletionResult
      const usage = tokenUsageOf(completion.usage)
      return {
        text: completion.text ?? completion.content ?? '',
        finishReason: finishReasonOf(completion.finishReason),
        warnings,
        ...(usage ? { usage } : {}),
        providerMetadata: defined({
          queueId,
          model: completion.model,
          provider: completion.provider,
        }),
      } satisfies TextOutput
    }
    case 'detection': {
      const detection = result as DetectionResult
      const detections: Detection[] = detection.detections.map((item) => ({
        label: item.label,
        score: item.confidence,
        ...(item.bbox
          ? {
              box: {
                x: item.bbox.x,
                y: item.bbox.y,
                width: item.bbox.width,
                height: item.bbox.height,
              },
            }
          : {}),
      }))
      return {
        detections: limit(
          detections.sort((a, b) => b.score - a.score),
          context.maxResults,
        ),
        warnings,
        providerMetadata: defined({
          queueId,
          model: detection.model,
          inferenceTimeMs: detection.inferenceTimeMs,
          imageSize: detection.imageSize,
          blurredImage: detection.blurredImage,
        }),
      } satisfies VisionDetectOutput
    }
    case 'webDetection':
      return webOutput(result as WebDetectionResult, context)
  }
  throw new TypeError(`no output mapping for ${task}`)
}

/** The token counts of a completion's `usage` (the result's, or a stream's `done` event's), if any. */
export function tokenUsageOf(value: unknown): Usage | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const usage = Object.fromEntries(
    (['inputTokens', 'outputTokens', 'totalTokens'] as const)
      .filter((key) => typeof record[key] === 'number')
      .map((key) => [key, record[key] as number]),
  )
  return Object.keys(usage).length ? usage : undefined
}

function limit<T>(items: T[], max: number | undefined): T[] {
  return max === undefined ? items : items.slice(0, max)
}

/** `stop`, `length`, `content-filter`, `error` or `other` from the upstream's word for it. */
export function finishReasonOf(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case undefined:
    case null:
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
    case 'STOP':
      return 'stop'
    case 'length':
    case 'max_tokens':
    case 'MAX_TOKENS':
      return 'length'
    case 'content_filter':
    case 'content-filter':
    case 'safety':
    case 'SAFETY':
      return 'content-filter'
    case 'error':
      return 'error'
    default:
      return 'other'
  }
}

const SENTENCE_END = /[.!?…]["')\]]*$/

/**
 * Words (type `word`, or untyped) with times, and segments built from them: a new segment
 * starts when the speaker changes or after a word that ends a sentence.
 */
function transcriptionOutput(
  result: TranscriptionResult,
  context: OutputContext,
): TranscriptionOutput {
  const timed = (result.words ?? []).filter(
    (word): word is TranscriptWord & { start: number; end: number } =>
      (word.type === undefined || word.type === 'word') &&
      typeof word.start === 'number' &&
      typeof word.end === 'number',
  )
  const words: TranscriptSegment[] = timed.map((word) => ({
    text: word.text,
    start: word.start,
    end: word.end,
    ...(word.speakerId ? { speaker: word.speakerId } : {}),
  }))
  const segments: TranscriptSegment[] = []
  let current: TranscriptSegment | undefined
  for (const word of words) {
    if (!current || current.speaker !== word.speaker) {
      current = { ...word }
      segments.push(current)
    } else {
      current.text += ` ${word.text}`
      current.end = word.end
    }
    if (SENTENCE_END.test(word.text)) current = undefined
  }
  const withTimes = context.timestamps !== 'none' && words.length > 0
  return {
    text: result.text,
    ...(result.language ? { language: result.language } : {}),
    ...(withTimes ? { words, segments, durationSeconds: words[words.length - 1]!.end } : {}),
    warnings: context.warnings,
    providerMetadata: defined({ queueId: context.queueId, model: result.model }),
  }
}

function webOutput(result: WebDetectionResult, context: OutputContext): VisionDetectOutput {
  const matches = (kind: string, items: WebDetectionResult['fullMatchingImages']): WebMatch[] =>
    (items ?? []).map((item) => ({
      url: item.url,
      kind,
      ...(item.score !== undefined ? { score: item.score } : {}),
      ...(item.pageTitle !== undefined ? { title: item.pageTitle } : {}),
    }))
  const webMatches = [
    ...matches('full', result.fullMatchingImages),
    ...matches('partial', result.partialMatchingImages),
    ...matches('page', result.pagesWithMatchingImages),
    ...matches('similar', result.visuallySimilarImages),
  ]
  const detections: Detection[] = (result.webEntities ?? [])
    .filter((entity) => entity.description)
    .map((entity) => ({ label: entity.description!, score: entity.score ?? 0 }))
  return {
    detections,
    webMatches,
    warnings: context.warnings,
    providerMetadata: defined({
      queueId: context.queueId,
      likelyFromWeb: result.likelyFromWeb,
      bestGuessLabels: result.bestGuessLabels,
      totalResults: result.totalResults,
      totalBacklinks: result.totalBacklinks,
      pages: result.pagesWithMatchingImages,
      engine: result.provider,
      model: result.model,
      inferenceTimeMs: result.inferenceTimeMs,
    }),
  }
}
