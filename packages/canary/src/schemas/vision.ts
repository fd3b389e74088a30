import { readNumber } from '@atelier/core/driver'
import * as z from 'zod/mini'
import {
  base64Data,
  intIn,
  lenient,
  lenientList,
  lenientNumber,
  openEnum,
  text,
  tolerantList,
  unitInterval,
} from './common'

/** Built-in object detection models; custom model ids from training work too. */
export const OBJECT_DETECTION_MODELS = ['yolo11n', 'yolo11s', 'yolo11m'] as const
/** The zero-shot and auto-label model. */
export const ZERO_SHOT_MODEL = 'florence-2-base'
/** Face detection models; `haarcascade` is the default. */
export const FACE_DETECTION_MODELS = ['haarcascade', 'mediapipe', 'yolo-face'] as const
/** Web detection engines; `gcvision` is the default. */
export const WEB_DETECTION_ENGINES = ['gcvision', 'tineye'] as const
export type WebDetectionEngine = (typeof WEB_DETECTION_ENGINES)[number]

/** Defaults the document states (applied by the server). */
export const VISION_DEFAULTS = {
  objectConfidence: 0.25,
  faceConfidence: 0.5,
  faceModel: 'haarcascade',
  blurStrength: 51,
  webEngine: 'gcvision',
} as const

/** Minimum images of `POST /api/vision/auto-train`. */
export const AUTO_TRAIN_MIN_IMAGES = 10

const image = () => base64Data('image')

/** Body of `POST /api/vision/detect` (YOLO objects, COCO classes or a custom model). */
export const detectRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    image: image(),
    /** `yolo11n`/`s`/`m` or a custom model id. */
    model: z.optional(text()),
    /** Minimum confidence 0-1, default 0.25. */
    confidence: z.optional(unitInterval()),
  }))()
export type DetectRequest = z.input<typeof detectRequestSchema>

/** Body of `POST /api/vision/detect/zero-shot` (Florence-2 with a text prompt). */
export const zeroShotDetectRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    image: image(),
    /** What to find, e.g. `coca-cola bottle, pepsi can`. */
    prompt: text(),
    model: z.optional(text()),
    confidence: z.optional(unitInterval()),
  }))()
export type ZeroShotDetectRequest = z.input<typeof zeroShotDetectRequestSchema>

/** Body of `POST /api/vision/detect/faces` (faces, optionally blurred). */
export const faceDetectRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    image: image(),
    /** `haarcascade` (default), `mediapipe` or `yolo-face`. */
    model: z.optional(z.enum(FACE_DETECTION_MODELS, 'must be haarcascade, mediapipe or yolo-face')),
    /** Minimum confidence 0-1, default 0.5. */
    confidence: z.optional(unitInterval()),
    /** Blur the faces found. */
    blur: z.optional(z.boolean('must be a boolean')),
    /** Gaussian kernel size: an odd number, default 51. */
    blurStrength: z.optional(
      intIn(1).check(z.refine((value) => value % 2 === 1, 'must be an odd number')),
    ),
  }))()
export type FaceDetectRequest = z.input<typeof faceDetectRequestSchema>

/** Body of `POST /api/vision/detect/web` (reverse image search). */
export const webDetectRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    image: image(),
    maxResults: z.optional(intIn(1, 1000)),
    /** `gcvision` (default) or `tineye`. */
    engine: z.optional(z.enum(WEB_DETECTION_ENGINES, 'must be gcvision or tineye')),
  }))()
export type WebDetectRequest = z.input<typeof webDetectRequestSchema>

const classes = () =>
  z
    .array(text(), 'must be an array of class names')
    .check(z.minLength(1, 'needs at least one class'))

/** Body of `POST /api/vision/train`: a YOLO dataset zip, classes, optional epochs. */
export const trainRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** Base64 zip with images and YOLO labels. */
    datasetB64: base64Data('zip'),
    /** Default `yolo11n`. */
    baseModel: z.optional(text()),
    classes: classes(),
    /**
     * Training image size in pixels. The document gives `640` and no rule: any positive whole
     * number is sent (YOLO rounds it to its stride itself; the gateway's answer is the truth).
     */
    imageSize: z.optional(intIn(1)),
    /** Override the auto-calculated epochs. */
    epochs: z.optional(intIn(1, 10_000)),
  }))()
export type TrainRequest = z.input<typeof trainRequestSchema>

/** Body of `POST /api/vision/auto-label`. */
export const autoLabelRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    images: z
      .array(image(), 'must be an array of base64 images')
      .check(z.minLength(1, 'needs at least one image')),
    classes: classes(),
    confidence: z.optional(unitInterval()),
  }))()
export type AutoLabelRequest = z.input<typeof autoLabelRequestSchema>

/** Body of `POST /api/vision/auto-train`: at least 10 images. */
export const autoTrainRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    images: z
      .array(image(), 'must be an array of base64 images')
      .check(z.minLength(AUTO_TRAIN_MIN_IMAGES, `needs at least ${AUTO_TRAIN_MIN_IMAGES} images`)),
    classes: classes(),
    baseModel: z.optional(text()),
    confidence: z.optional(unitInterval()),
    epochs: z.optional(intIn(1, 10_000)),
  }))()
export type AutoTrainRequest = z.input<typeof autoTrainRequestSchema>

/** Answer of `POST /api/vision/train` (and, with label statistics, of `auto-train`). Only the job is strict. */
export const trainResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    jobId: z.string(),
    status: z.string(),
    datasetStats: lenient(
      z.looseObject({
        train: lenientNumber(),
        val: lenientNumber(),
        total: lenientNumber(),
      }),
    ),
    trainingProfile: lenient(z.string()),
    augmentation: lenient(z.string()),
    effectiveEpochs: lenientNumber(),
    warnings: lenient(z.array(z.unknown())),
  }))()
export type TrainResponse = z.infer<typeof trainResponseSchema>

/**
 * Values by name (per-class counts, training metrics): numbers and numeric strings read as
 * numbers, anything else kept as it came.
 */
const numbersByName = () =>
  lenient(
    z.pipe(
      z.record(z.string(), z.unknown()),
      z.transform((record) =>
        Object.fromEntries(
          Object.entries(record).map(([key, value]) => [key, readNumber(value) ?? value]),
        ),
      ),
    ),
  )

/** The labelling statistics of `auto-label` (`stats`) and `auto-train` (`labelStats`). */
export const labelStatsSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    totalImages: lenientNumber(),
    trainImages: lenientNumber(),
    valImages: lenientNumber(),
    imagesWithDetections: lenientNumber(),
    imagesWithoutDetections: lenientNumber(),
    detectionsPerClass: numbersByName(),
    totalDetections: lenientNumber(),
  }))()

/** Answer of `POST /api/vision/auto-label`: a YOLO dataset zip (strict) and statistics (lenient). */
export const autoLabelResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    datasetB64: z.string(),
    format: lenient(z.string()),
    stats: lenient(labelStatsSchema),
    processingTimeMs: lenientNumber(),
  }))()
export type AutoLabelResponse = z.infer<typeof autoLabelResponseSchema>

/** Answer of `POST /api/vision/auto-train`: the training job, plus the labelling statistics. */
export const autoTrainResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    ...trainResponseSchema.shape,
    labelStats: lenient(labelStatsSchema),
  }))()
export type AutoTrainResponse = z.infer<typeof autoTrainResponseSchema>

/** Training states: `pending`, `training`, `completed`, `failed`. */
export const TRAIN_STATUSES = ['pending', 'training', 'completed', 'failed'] as const

/** Answer of `GET /api/vision/train/{jobId}`: status (strict) and metrics (lenient). */
export const trainStatusResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    jobId: z.string(),
    status: openEnum(TRAIN_STATUSES),
    /** 0-1. */
    progress: lenientNumber(),
    epoch: lenientNumber(),
    totalEpochs: lenientNumber(),
    metrics: numbersByName(),
    /** The model id to detect with, once completed. */
    modelId: lenient(z.string()),
    recommended_confidence: lenientNumber(),
    error: lenient(z.string()),
  }))()
export type TrainStatusResponse = z.infer<typeof trainStatusResponseSchema>

/** One model of `GET /api/vision/models`: its id (strict) and what else is said of it (lenient). */
export const visionModelSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    id: z.string(),
    name: lenient(z.string()),
    /** E.g. `object`, `zero-shot`, `face`, `custom`. */
    type: lenient(z.string()),
    custom: lenient(z.boolean()),
    classes: lenientList(z.string()),
  }))()
export type VisionModel = z.infer<typeof visionModelSchema>

/** Answer of `GET /api/vision/models`. An entry without an id is skipped, never failing the list. */
export const visionModelsResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({ models: tolerantList(visionModelSchema) }))()
export type VisionModelsResponse = z.infer<typeof visionModelsResponseSchema>

/** Answer of `DELETE /api/vision/models/{modelId}`. */
export const deleteModelResponseSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    deleted: lenient(z.boolean()),
    modelId: lenient(z.string()),
  }))()
export type DeleteModelResponse = z.infer<typeof deleteModelResponseSchema>
