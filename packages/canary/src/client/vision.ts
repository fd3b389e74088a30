/**
 * `/api/vision/*`: object, zero-shot, face and web detection (answered through the queue),
 * and custom YOLO models: training, auto-labelling, training status, listing and deleting.
 * Images travel as base64; pass base64 text or a file (bytes, `Blob`, `MediaFile`) that is
 * encoded here.
 *
 * Each endpoint is a standalone function taking the `CanaryTransport` first, so a bundle that
 * only detects carries none of the training endpoints or their schemas; `client.vision`
 * offers the same calls as methods.
 */
import { encodePathSegment, type RequestContext, type ResponseSchema } from '@atelier/core/driver'
import * as z from 'zod/mini'
import {
  type AutoLabelRequest,
  type AutoLabelResponse,
  type AutoTrainRequest,
  type AutoTrainResponse,
  autoLabelRequestSchema,
  autoLabelResponseSchema,
  autoTrainRequestSchema,
  autoTrainResponseSchema,
  type DeleteModelResponse,
  type DetectRequest,
  deleteModelResponseSchema,
  detectRequestSchema,
  type FaceDetectRequest,
  faceDetectRequestSchema,
  type QueuedResponse,
  queuedResponseSchema,
  type TrainRequest,
  type TrainResponse,
  type TrainStatusResponse,
  text,
  tolerantList,
  trainRequestSchema,
  trainResponseSchema,
  trainStatusResponseSchema,
  type VisionModelsResponse,
  visionModelSchema,
  visionModelsResponseSchema,
  type WebDetectRequest,
  webDetectRequestSchema,
  type ZeroShotDetectRequest,
  zeroShotDetectRequestSchema,
} from '../schemas'
import { type Base64Input, withBase64Fields } from './binary-fields'
import type { CanaryTransport } from './transport'

type WithImage<T> = Omit<T, 'image'> & { image: Base64Input }
export type DetectBody = WithImage<DetectRequest>
export type ZeroShotDetectBody = WithImage<ZeroShotDetectRequest>
export type FaceDetectBody = WithImage<FaceDetectRequest>
export type WebDetectBody = WithImage<WebDetectRequest>
export type TrainBody = Omit<TrainRequest, 'datasetB64'> & { datasetB64: Base64Input }
export type AutoLabelBody = Omit<AutoLabelRequest, 'images'> & { images: Base64Input[] }
export type AutoTrainBody = Omit<AutoTrainRequest, 'images'> & { images: Base64Input[] }

/**
 * `GET /api/vision/models` answers `{models: [...]}`; a bare array is accepted too (`listVisionModels`
 * wraps it). Either way an entry without an id is skipped: one odd entry never fails the list.
 */
const modelsSchema = /* @__PURE__ */ (() =>
  z.union([tolerantList(visionModelSchema), visionModelsResponseSchema]))()

// The arguments are checked whole and by the names the caller used, so an issue names `jobId`
// (not an internal name) and a missing or non-object argument is a ValidationError too.
const jobIdArgs = /* @__PURE__ */ (() => z.object({ jobId: text() }))()
const modelIdArgs = /* @__PURE__ */ (() => z.object({ modelId: text() }))()

/**
 * `POST /api/vision/detect`: YOLO object detection (`yolo11n`/`s`/`m` or a custom model id),
 * `confidence` 0-1 (server default 0.25). Queued: the result (`kind: 'detection'`) holds
 * `detections: [{label, confidence, bbox}]`, `model`, `inferenceTimeMs`, `imageSize`.
 */
export function detectObjects(
  transport: CanaryTransport,
  body: DetectBody,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return detection(transport, '/api/vision/detect', detectRequestSchema, body, context)
}

/** `POST /api/vision/detect/zero-shot`: Florence-2 finds what `prompt` names (`"coca-cola bottle, pepsi can"`). Queued, like `detectObjects`. */
export function detectZeroShot(
  transport: CanaryTransport,
  body: ZeroShotDetectBody,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return detection(
    transport,
    '/api/vision/detect/zero-shot',
    zeroShotDetectRequestSchema,
    body,
    context,
  )
}

/**
 * `POST /api/vision/detect/faces`: faces with `haarcascade` (default), `mediapipe` or
 * `yolo-face`, `confidence` (server default 0.5), optionally blurred (`blur`,
 * `blurStrength` an odd kernel size, default 51). Queued, like `detectObjects`.
 */
export function detectFaces(
  transport: CanaryTransport,
  body: FaceDetectBody,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return detection(transport, '/api/vision/detect/faces', faceDetectRequestSchema, body, context)
}

/**
 * `POST /api/vision/detect/web`: reverse image search with `gcvision` (default: web
 * entities, best-guess labels, similar images) or `tineye` (exact and edited copies with
 * domain and crawl date), `maxResults`. Queued: the result (`kind: 'webDetection'`) holds
 * `likelyFromWeb`, the matching images and pages.
 */
export function detectWeb(
  transport: CanaryTransport,
  body: WebDetectBody,
  context: RequestContext = {},
): Promise<QueuedResponse> {
  return detection(transport, '/api/vision/detect/web', webDetectRequestSchema, body, context)
}

/**
 * `POST /api/vision/train`: starts training a custom model from a YOLO dataset zip
 * (`datasetB64`), `classes`, `baseModel` (default `yolo11n`), `imageSize`, optional
 * `epochs` (auto-calculated otherwise). Answers `{jobId, status: "pending", datasetStats,
 * trainingProfile, augmentation, effectiveEpochs, warnings}`; follow it with
 * `getTrainingStatus`.
 */
export function trainModel(
  transport: CanaryTransport,
  body: TrainBody,
  context: RequestContext = {},
): Promise<TrainResponse> {
  return startWork(
    transport,
    '/api/vision/train',
    trainRequestSchema,
    trainResponseSchema,
    body,
    ['datasetB64'],
    context,
  )
}

/**
 * `POST /api/vision/auto-label`: Florence-2 labels `images` for `classes` and answers with a
 * YOLO dataset zip (`datasetB64`, `format: "yolo-zip"`) and statistics.
 */
export function autoLabelImages(
  transport: CanaryTransport,
  body: AutoLabelBody,
  context: RequestContext = {},
): Promise<AutoLabelResponse> {
  return startWork(
    transport,
    '/api/vision/auto-label',
    autoLabelRequestSchema,
    autoLabelResponseSchema,
    body,
    ['images'],
    context,
  )
}

/** `POST /api/vision/auto-train`: auto-label and train in one step; at least 10 images. Answers the training job. */
export function autoTrainModel(
  transport: CanaryTransport,
  body: AutoTrainBody,
  context: RequestContext = {},
): Promise<AutoTrainResponse> {
  return startWork(
    transport,
    '/api/vision/auto-train',
    autoTrainRequestSchema,
    autoTrainResponseSchema,
    body,
    ['images'],
    context,
  )
}

/** `GET /api/vision/train/{jobId}`: training status, progress and metrics; `modelId` once completed. */
export async function getTrainingStatus(
  transport: CanaryTransport,
  args: { jobId: string },
  context: RequestContext = {},
): Promise<TrainStatusResponse> {
  const { jobId } = transport.validate(jobIdArgs, args, 'GET /api/vision/train/{jobId}')
  return transport.data(
    {
      method: 'GET',
      path: `/api/vision/train/${encodePathSegment(jobId, 'jobId')}`,
      kind: 'read',
      schema: trainStatusResponseSchema,
    },
    context,
  )
}

/** `GET /api/vision/models`: built-in and custom models. */
export async function listVisionModels(
  transport: CanaryTransport,
  context: RequestContext = {},
): Promise<VisionModelsResponse> {
  const answer = await transport.data(
    { method: 'GET', path: '/api/vision/models', kind: 'read', schema: modelsSchema },
    context,
  )
  return Array.isArray(answer) ? { models: answer } : answer
}

/** `DELETE /api/vision/models/{modelId}`: deletes a custom model. Idempotent, retried like a read. */
export async function deleteVisionModel(
  transport: CanaryTransport,
  args: { modelId: string },
  context: RequestContext = {},
): Promise<DeleteModelResponse> {
  const { modelId } = transport.validate(modelIdArgs, args, 'DELETE /api/vision/models/{modelId}')
  return transport.data(
    {
      method: 'DELETE',
      path: `/api/vision/models/${encodePathSegment(modelId, 'modelId')}`,
      kind: 'cancel',
      schema: deleteModelResponseSchema,
    },
    context,
  )
}

/** A detection: `image` read into base64, answered with the queued job. */
function detection(
  transport: CanaryTransport,
  path: string,
  schema: Parameters<typeof withBase64Fields>[1],
  body: unknown,
  context: RequestContext,
): Promise<QueuedResponse> {
  return startWork(transport, path, schema, queuedResponseSchema, body, ['image'], context)
}

/** A POST that starts work: the body checked, its file fields read into base64, the answer checked. */
async function startWork<T>(
  transport: CanaryTransport,
  path: string,
  requestSchema: Parameters<typeof withBase64Fields>[1],
  responseSchema: ResponseSchema<T>,
  body: unknown,
  fileFields: string[],
  context: RequestContext,
): Promise<T> {
  const json = await withBase64Fields(
    transport,
    requestSchema,
    body,
    fileFields,
    `POST ${path}`,
    context.signal,
  )
  return transport.data(
    { method: 'POST', path, json, kind: 'submit', schema: responseSchema },
    context,
  )
}
