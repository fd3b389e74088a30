import { MediaFile } from '@atelier/core'
import * as z from 'zod/mini'
import { openEnum, QUEUE_STATUSES, text } from './common'

/** Body of every `/api/llm/queue/*` call. */
export const queueRequestSchema = /* @__PURE__ */ (() => z.strictObject({ queueId: text() }))()
export type QueueRequest = z.input<typeof queueRequestSchema>

/** A failed job's reason: a message, or `{message, code}`. */
export const queueErrorSchema = /* @__PURE__ */ (() =>
  z.union([
    z.string(),
    z.looseObject({ message: z.optional(z.string()), code: z.optional(z.string()) }),
  ]))()

/** Answer of `POST /api/llm/queue/status`. */
export const queueStatusResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: z.optional(z.string()),
    /** `queued`, `processing`, `completed`, `error` or `cancelled`. */
    status: openEnum(QUEUE_STATUSES),
    /** Jobs ahead of this one while queued (0 = next). */
    position: z.optional(z.nullable(z.number())),
    createdAt: z.optional(z.nullable(z.string())),
    startedAt: z.optional(z.nullable(z.string())),
    completedAt: z.optional(z.nullable(z.string())),
    error: z.optional(z.nullable(queueErrorSchema)),
  }))()
export type QueueStatusResponse = z.infer<typeof queueStatusResponseSchema>

/** Answer of `POST /api/llm/queue/cancel`. */
export const queueCancelResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: z.optional(z.string()),
    status: openEnum(QUEUE_STATUSES),
  }))()
export type QueueCancelResponse = z.infer<typeof queueCancelResponseSchema>

/** `data` of a 202 from `POST /api/llm/queue/result`: not finished yet. */
export const queuePendingResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    queueId: z.optional(z.string()),
    status: z.optional(openEnum(QUEUE_STATUSES)),
    position: z.optional(z.nullable(z.number())),
  }))()

/**
 * A media field of a result. On the wire it is base64 text; `client.queue.result()` hands it
 * over as a `MediaFile` (decoded lazily, streamed when large).
 */
export const mediaFileSchema = /* @__PURE__ */ (() =>
  z.custom<MediaFile>((value) => value instanceof MediaFile, 'must be base64 media'))()

const mediaItem = /* @__PURE__ */ (() =>
  z.looseObject({ data: mediaFileSchema, mimeType: z.optional(z.string()) }))()

/** `result` of an image job. */
export const imageResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    images: z.array(mediaItem),
    model: z.optional(z.string()),
    provider: z.optional(z.string()),
    revisedPrompt: z.optional(z.nullable(z.string())),
  }))()
export type ImageResult = z.infer<typeof imageResultSchema>

/** `result` of a video job. */
export const videoResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    videos: z.array(mediaItem),
    model: z.optional(z.string()),
    provider: z.optional(z.string()),
  }))()
export type VideoResult = z.infer<typeof videoResultSchema>

const audioResultShape = /* @__PURE__ */ (() => ({
  audio: mediaFileSchema,
  mimeType: z.optional(z.string()),
  model: z.optional(z.string()),
}))()

/** `result` of a speech job (`generate-audio`). */
export const speechResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    characterCount: z.optional(z.number()),
  }))()
export type SpeechResult = z.infer<typeof speechResultSchema>

/** `result` of a sound-effect job. */
export const soundEffectResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    durationSeconds: z.optional(z.number()),
  }))()
export type SoundEffectResult = z.infer<typeof soundEffectResultSchema>

/** `result` of a music job. */
export const musicResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...audioResultShape,
    durationMs: z.optional(z.number()),
  }))()
export type MusicResult = z.infer<typeof musicResultSchema>

/** `result` of a dialogue job: the fields of a speech result. */
export const dialogueResultSchema = speechResultSchema
export type DialogueResult = z.infer<typeof dialogueResultSchema>

/** One word (or character, spacing or audio event) of a transcript, times in seconds. */
export const transcriptWordSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.string(),
    start: z.optional(z.nullable(z.number())),
    end: z.optional(z.nullable(z.number())),
    /** `word`, `spacing`, `audio_event`, ... */
    type: z.optional(z.string()),
    speakerId: z.optional(z.nullable(z.string())),
  }))()
export type TranscriptWord = z.infer<typeof transcriptWordSchema>

/** `result` of a transcription job. */
export const transcriptionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.string(),
    language: z.optional(z.nullable(z.string())),
    model: z.optional(z.string()),
    words: z.optional(z.array(transcriptWordSchema)),
  }))()
export type TranscriptionResult = z.infer<typeof transcriptionResultSchema>

/** Token counts of a completion. */
export const completionUsageSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    inputTokens: z.optional(z.number()),
    outputTokens: z.optional(z.number()),
    totalTokens: z.optional(z.number()),
  }))()

/** `result` of an LLM completion (`text`, or `content` as some upstreams name it). */
export const completionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    text: z.optional(z.string()),
    content: z.optional(z.string()),
    model: z.optional(z.string()),
    provider: z.optional(z.string()),
    finishReason: z.optional(z.nullable(z.string())),
    usage: z.optional(completionUsageSchema),
  }))()
export type CompletionResult = z.infer<typeof completionResultSchema>

/** A box in pixels: top-left corner and size. */
export const boundingBoxSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    x: z.number(),
    y: z.number(),
    width: z.number(),
    height: z.number(),
  }))()

/** One detection. */
export const detectionSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    label: z.string(),
    confidence: z.number(),
    bbox: z.optional(boundingBoxSchema),
    /** How many of this label the image holds. */
    count: z.optional(z.number()),
  }))()
export type Detection = z.infer<typeof detectionSchema>

/** `result` of object, zero-shot and face detection. `blurredImage` comes back from faces with `blur`. */
export const detectionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    detections: z.array(detectionSchema),
    model: z.optional(z.string()),
    inferenceTimeMs: z.optional(z.number()),
    imageSize: z.optional(z.looseObject({ width: z.number(), height: z.number() })),
    blurredImage: z.optional(mediaFileSchema),
  }))()
export type DetectionResult = z.infer<typeof detectionResultSchema>

/** One match of web detection (gcvision or tineye shape). */
export const webMatchSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    url: z.string(),
    score: z.optional(z.number()),
    pageTitle: z.optional(z.string()),
    domain: z.optional(z.string()),
    crawlDate: z.optional(z.string()),
  }))()
export type WebMatch = z.infer<typeof webMatchSchema>

/** `result` of web detection, for both engines. */
export const webDetectionResultSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    likelyFromWeb: z.optional(z.boolean()),
    totalResults: z.optional(z.number()),
    totalBacklinks: z.optional(z.number()),
    fullMatchingImages: z.optional(z.array(webMatchSchema)),
    partialMatchingImages: z.optional(z.array(webMatchSchema)),
    pagesWithMatchingImages: z.optional(z.array(webMatchSchema)),
    visuallySimilarImages: z.optional(z.array(webMatchSchema)),
    webEntities: z.optional(
      z.array(
        z.looseObject({ description: z.optional(z.string()), score: z.optional(z.number()) }),
      ),
    ),
    bestGuessLabels: z.optional(z.array(z.string())),
    model: z.optional(z.string()),
    provider: z.optional(z.string()),
    inferenceTimeMs: z.optional(z.number()),
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
    delta: z.optional(z.nullable(z.string())),
    finishReason: z.optional(z.nullable(z.string())),
  }))()
export type StreamChunk = z.infer<typeof streamChunkSchema>
