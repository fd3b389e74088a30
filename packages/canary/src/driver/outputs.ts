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
  ResultOf,
  SpeechResult,
  TranscriptionResult,
  TranscriptWord,
  VideoResult,
  WebDetectionResult,
} from '../schemas'

/** Which result schema each task's job produces (`vision.detect` by mode: see `resultKindOf`). */
const RESULT_KINDS: Partial<Record<TaskName, ResultKind>> = {
  'image.generate': 'image',
  'video.generate': 'video',
  'speech.generate': 'speech',
  'soundEffect.generate': 'soundEffect',
  'music.generate': 'music',
  'dialogue.generate': 'dialogue',
  'transcription.create': 'transcription',
  'text.generate': 'completion',
}

/** Which result schema a task's job produces. */
export function resultKindOf(task: string, mode?: string): ResultKind {
  return RESULT_KINDS[task as TaskName] ?? (mode === 'web' ? 'webDetection' : 'detection')
}

/** What the driver stored in the ref at submit, needed to shape the output. */
export interface OutputContext {
  queueId: string
  /**
   * Warnings found while reading the result. Those found at submit travel in the job's ref;
   * core puts them in front of these.
   */
  warnings?: Warning[]
  /** `vision.detect` (objects, zero-shot, faces): keep at most this many detections, best first. */
  maxResults?: number
  /** `transcription.create`: `none` leaves words and segments out. */
  timestamps?: string
}

const defined = <T extends Record<string, unknown>>(record: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  ) as Partial<T>

/** How each kind of result becomes its task's output. */
const OUTPUTS: { [K in ResultKind]: (result: ResultOf<K>, context: OutputContext) => unknown } = {
  image: imageOutput,
  video: videoOutput,
  music: musicOutput,
  speech: audioOutput,
  soundEffect: audioOutput,
  dialogue: audioOutput,
  transcription: transcriptionOutput,
  completion: textOutput,
  detection: detectionOutput,
  webDetection: webOutput,
}

/** The task output for a completed job's `result`, by the kind of result. */
export function outputFor(
  task: TaskName,
  kind: ResultKind,
  result: unknown,
  context: OutputContext,
): unknown {
  if (!Object.hasOwn(OUTPUTS, kind)) throw new TypeError(`no output mapping for ${task}`)
  const toOutput = OUTPUTS[kind] as (result: unknown, context: OutputContext) => unknown
  return toOutput(result, context)
}

/** `image.generate`: the images as the upstream returned them. */
export function imageOutput(image: ImageResult, context: OutputContext): ImageOutput {
  return {
    images: image.images.map((item) => item.data),
    warnings: context.warnings ?? [],
    ...(image.revisedPrompt ? { revisedPrompt: image.revisedPrompt } : {}),
    providerMetadata: defined({
      queueId: context.queueId,
      model: image.model,
      provider: image.provider,
    }),
  }
}

/** `video.generate`. */
export function videoOutput(video: VideoResult, context: OutputContext): VideoOutput {
  return {
    videos: video.videos.map((item) => item.data),
    warnings: context.warnings ?? [],
    providerMetadata: defined({
      queueId: context.queueId,
      model: video.model,
      provider: video.provider,
    }),
  }
}

/** `music.generate`: one track per job. */
export function musicOutput(music: MusicResult, context: OutputContext): MusicOutput {
  return {
    tracks: [music.audio],
    warnings: context.warnings ?? [],
    ...(music.durationMs !== undefined ? { usage: { seconds: music.durationMs / 1000 } } : {}),
    providerMetadata: defined({
      queueId: context.queueId,
      model: music.model,
      durationMs: music.durationMs,
    }),
  }
}

/** `speech.generate`, `soundEffect.generate` and `dialogue.generate`. */
export function audioOutput(
  audio: SpeechResult & { durationSeconds?: number | undefined },
  context: OutputContext,
): AudioOutput {
  return {
    audio: audio.audio,
    warnings: context.warnings ?? [],
    ...(audio.durationSeconds !== undefined ? { usage: { seconds: audio.durationSeconds } } : {}),
    providerMetadata: defined({
      queueId: context.queueId,
      model: audio.model,
      characterCount: audio.characterCount,
      durationSeconds: audio.durationSeconds,
    }),
  }
}

/** `text.generate`. */
export function textOutput(completion: CompletionResult, context: OutputContext): TextOutput {
  const usage = tokenUsageOf(completion.usage)
  return {
    text: completion.text ?? completion.content ?? '',
    finishReason: finishReasonOf(completion.finishReason),
    warnings: context.warnings ?? [],
    ...(usage ? { usage } : {}),
    providerMetadata: defined({
      queueId: context.queueId,
      model: completion.model,
      provider: completion.provider,
    }),
  }
}

/**
 * A detection as `vision.detect` reports it; `count` (how many of its label the image holds) is
 * set when the gateway says, as its detection result does on each detection.
 */
export type CanaryDetection = Detection

/** A box whose four sides were all read; a partial one is left out rather than guessed. */
function boxOf(bbox: DetectionResult['detections'][number]['bbox']): Detection['box'] {
  if (!bbox) return undefined
  const { x, y, width, height } = bbox
  if (x === undefined || y === undefined || width === undefined || height === undefined)
    return undefined
  return { x, y, width, height }
}

/** `vision.detect` (objects, zero-shot, faces): detections best first, at most `maxResults`. */
export function detectionOutput(
  detection: DetectionResult,
  context: OutputContext,
): VisionDetectOutput {
  const detections: CanaryDetection[] = detection.detections.map((item) => {
    const box = boxOf(item.bbox)
    return {
      label: item.label,
      score: item.confidence,
      ...(box ? { box } : {}),
      ...(item.count !== undefined ? { count: item.count } : {}),
    }
  })
  return {
    detections: limit(
      detections.sort((a, b) => b.score - a.score),
      context.maxResults,
    ),
    warnings: context.warnings ?? [],
    providerMetadata: defined({
      queueId: context.queueId,
      model: detection.model,
      inferenceTimeMs: detection.inferenceTimeMs,
      imageSize: detection.imageSize,
      blurredImage: detection.blurredImage,
    }),
  }
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
export function transcriptionOutput(
  result: TranscriptionResult,
  context: OutputContext,
): TranscriptionOutput {
  const timed = (result.words ?? []).filter(
    (word): word is TranscriptWord & { text: string; start: number; end: number } =>
      (word.type === undefined || word.type === 'word') &&
      typeof word.text === 'string' &&
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
    warnings: context.warnings ?? [],
    providerMetadata: defined({ queueId: context.queueId, model: result.model }),
  }
}

/** `vision.detect` `web`: web entities as detections, and the matching images and pages. */
export function webOutput(result: WebDetectionResult, context: OutputContext): VisionDetectOutput {
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
    warnings: context.warnings ?? [],
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
