import { MediaFile } from '@atelier/core'
import * as z from 'zod/mini'
import {
  lenient,
  lenientList,
  lenientNumber,
  lenientTimestamp,
  numeric,
  openEnum,
  QUEUE_STATUSES,
  text,
  tolerantList,
} from './common'

/** Body of every `/api/llm/queue/*` call. */
export const queueRequestSchema = /* @__PURE__ */ (() => z.strictObject({ queueId: text() }))()
export type QueueRequest = z.input<typeof queueRequestSchema>

/** A failed job's reason: a message, or `{message, code}` (each part read leniently). */
export const queueErrorSchema = /* @__PURE__ */ (() =>
  z.union([
    z.string(),
    z.looseObject({
      message: lenient(z.string()),
      code: lenient(z.union([z.string(), z.number()])),
    }),
  ]))()

/** Answer of `POST /api/llm/queue/status`. Only `status` is strict: the rest is read leniently. */
export const queueStatusResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: lenient(z.string()),
    /** `queued`, `processing`, `completed`, `error` or `cancelled` (read with `readStatus`). */
    status: openEnum(QUEUE_STATUSES),
    /** Jobs ahead of this one while queued (0 = next). */
    position: lenientNumber(),
    /** Timestamps in any form (ISO with any offset or none, epoch seconds or ms), read as ISO. */
    createdAt: lenientTimestamp(),
    startedAt: lenientTimestamp(),
    completedAt: lenientTimestamp(),
    error: lenient(queueErrorSchema),
  }))()
export type QueueStatusResponse = z.infer<typeof queueStatusResponseSchema>

/**
 * Answer of `POST /api/llm/queue/cancel`: `{status: "cancelled"}`. `status` may be absent: a
 * 2xx answer is the gateway saying it cancelled (`cancelQueueJob` then reads `cancelled`).
 */
export const queueCancelResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: lenient(z.string()),
    status: lenient(z.string()),
  }))()
export type QueueCancelResponse = z.infer<typeof queueCancelResponseSchema>

/** `data` of a 202 from `POST /api/llm/queue/result`: not finished yet. Every field may be missing. */
export const queuePendingResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: lenient(z.string()),
    status: lenient(z.string()),
    position: lenientNumber(),
  }))()

/**
 * The API document prints the vision results (detection, web detection) bare: the result
 * itself, without the `{queueId, status, result}` that its other results put in `data`. An
 * answer holding none of those three is read as the result of a completed job.
 */
function asQueueAnswer(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
  const record = data as Record<string, unknown>
  // An empty answer says nothing about the job: it stays an error, not an empty result.
  if (Object.keys(record).length === 0) return data
  if ('status' in record || 'result' in record || 'queueId' in record) return data
  return { status: 'completed', result: data }
}

/**
 * `data` of a finished job from `POST /api/llm/queue/result` (HTTP 200): `status` and, once
 * completed, `result` (checked against its kind's schema by `getQueueResult`); or a bare result.
 */
export const queueReadyResultSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.transform(asQueueAnswer),
    z.looseObject({
      queueId: lenient(z.string()),
      status: openEnum(QUEUE_STATUSES),
      result: z.optional(z.unknown()),
      error: lenient(queueErrorSchema),
    }),
  ))()

/**
 * A media field of a result. On the wire it is base64 text; `client.queue.result()` hands it
 * over as a `MediaFile` (decoded lazily, streamed when large).
 */
export const mediaFileSchema = /* @__PURE__ */ (() =>
  z.custom<MediaFile>((value) => value instanceof MediaFile, 'must be base64 media'))()

const mediaItem = /* @__PURE__ */ (() =>
  z.looseObject({ data: mediaFileSchema, mimeType: lenient(z.string()) }))()

/** `result` of an image job. Only the images are strict. */
export const imageResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    images: z.array(mediaItem),
    model: lenient(z.string()),
    provider: lenient(z.string()),
    revisedPrompt: lenient(z.string()),
  }))()
export type ImageResult = z.infer<typeof imageResultSchema>

/** `result` of a video job. Only the videos are strict. */
export const videoResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    videos: z.array(mediaItem),
    model: lenient(z.string()),
    provider: lenient(z.string()),
  }))()
export type VideoResult = z.infer<typeof videoResultSchema>

const audioResultShape = /* @__PURE__ */ (() => ({
  audio: mediaFileSchema,
  mimeType: lenient(z.string()),
  model: lenient(z.string()),
}))()

/** `result` of a speech job (`generate-audio`). Only the audio is strict. */
export const speechResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    characterCount: lenientNumber(),
  }))()
export type SpeechResult = z.infer<typeof speechResultSchema>

/** `result` of a sound-effect job. */
export const soundEffectResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    durationSeconds: lenientNumber(),
  }))()
export type SoundEffectResult = z.infer<typeof soundEffectResultSchema>

/** `result` of a music job. */
export const musicResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    durationMs: lenientNumber(),
  }))()
export type MusicResult = z.infer<typeof musicResultSchema>

/** `result` of a dialogue job: the fields of a speech result. */
export const dialogueResultSchema = speechResultSchema
export type DialogueResult = z.infer<typeof dialogueResultSchema>

/** One word (or character, spacing or audio event) of a transcript, times in seconds. */
export const transcriptWordSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: lenient(z.string()),
    start: lenientNumber(),
    end: lenientNumber(),
    /** `word`, `spacing`, `audio_event`, ... */
    type: lenient(z.string()),
    speakerId: lenient(z.string()),
  }))()
export type TranscriptWord = z.infer<typeof transcriptWordSchema>

/** `result` of a transcription job. Only the text is strict. */
export const transcriptionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.string(),
    language: lenient(z.string()),
    model: lenient(z.string()),
    words: lenientList(transcriptWordSchema),
  }))()
export type TranscriptionResult = z.infer<typeof transcriptionResultSchema>

/** Token counts of a completion. */
export const completionUsageSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    inputTokens: lenientNumber(),
    outputTokens: lenientNumber(),
    totalTokens: lenientNumber(),
  }))()

/** `result` of an LLM completion (`text`, or `content` as some upstreams name it). */
export const completionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: lenient(z.string()),
    content: lenient(z.string()),
    model: lenient(z.string()),
    provider: lenient(z.string()),
    finishReason: lenient(z.string()),
    usage: lenient(completionUsageSchema),
  }))()
export type CompletionResult = z.infer<typeof completionResultSchema>

/** A box in pixels: top-left corner and size (a box missing a side is not used). */
export const boundingBoxSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    x: lenientNumber(),
    y: lenientNumber(),
    width: lenientNumber(),
    height: lenientNumber(),
  }))()

/** One detection: a label and its confidence (what the output is); the rest is read leniently. */
export const detectionSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    label: z.string(),
    confidence: numeric(),
    bbox: lenient(boundingBoxSchema),
    /** How many of this label the image holds. */
    count: lenientNumber(),
  }))()
export type Detection = z.infer<typeof detectionSchema>

/** `result` of object, zero-shot and face detection. `blurredImage` comes back from faces with `blur`. */
export const detectionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    detections: tolerantList(detectionSchema),
    model: lenient(z.string()),
    inferenceTimeMs: lenientNumber(),
    imageSize: lenient(z.looseObject({ width: lenientNumber(), height: lenientNumber() })),
    blurredImage: lenient(mediaFileSchema),
  }))()
export type DetectionResult = z.infer<typeof detectionResultSchema>

/** One match of web detection (gcvision or tineye shape): the URL, and what else is there. */
export const webMatchSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    url: z.string(),
    score: lenientNumber(),
    pageTitle: lenient(z.string()),
    domain: lenient(z.string()),
    crawlDate: lenient(z.string()),
  }))()
export type WebMatch = z.infer<typeof webMatchSchema>

/** `result` of web detection, for both engines. Every field is read leniently. */
export const webDetectionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    likelyFromWeb: lenient(z.boolean()),
    totalResults: lenientNumber(),
    totalBacklinks: lenientNumber(),
    fullMatchingImages: lenientList(webMatchSchema),
    partialMatchingImages: lenientList(webMatchSchema),
    pagesWithMatchingImages: lenientList(webMatchSchema),
    visuallySimilarImages: lenientList(webMatchSchema),
    webEntities: lenientList(
      z.looseObject({ description: lenient(z.string()), score: lenientNumber() }),
    ),
    bestGuessLabels: lenientList(z.string()),
    model: lenient(z.string()),
    provider: lenient(z.string()),
    inferenceTimeMs: lenientNumber(),
  }))()
export type WebDetectionResult = z.infer<typeof webDetectionResultSchema>

/** Result schemas by job kind, for `client.queue.result({queueId, kind})`. */
export const RESULT_SCHEMAS = {
  image: imageResultSchema,
  video: videoResultSchema,
  speech: speechResultSchema,
  soundEffect: soundEffectResultSchema,
  music: musicResultSchema,
  dialogue: dialogueResultSchema,
  transcription: transcriptionResultSchema,
  completion: completionResultSchema,
  detection: detectionResultSchema,
  webDetection: webDetectionResultSchema,
} as const
export type ResultKind = keyof typeof RESULT_SCHEMAS
/** The `result` type of each kind. */
export type ResultOf<K extends ResultKind> = z.infer<(typeof RESULT_SCHEMAS)[K]>

/** `data` of a `chunk` event on `/api/llm/queue/stream`. */
export const streamChunkSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    delta: lenient(z.string()),
    finishReason: lenient(z.string()),
  }))()
export type StreamChunk = z.infer<typeof streamChunkSchema>
