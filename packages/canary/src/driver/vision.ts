/**
 * `vision.detect` → `/api/vision/detect*`, one endpoint per mode: `objects` (YOLO or a custom
 * model), `zero-shot` (Florence-2, the labels as the prompt), `faces` (optionally blurred) and
 * `web` (reverse image search; the model is the engine). The image travels as base64.
 */
import {
  type DriverContext,
  type MediaFile,
  type StandardSchemaV1,
  toMediaFile,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { unsupportedOption } from '@atelier/core/driver'
import { BASE64_PLACEHOLDER } from '../client/binary-fields'
import { detectFaces, detectObjects, detectWeb, detectZeroShot } from '../client/vision'
import {
  detectRequestSchema,
  FACE_DETECTION_MODELS,
  faceDetectRequestSchema,
  OBJECT_DETECTION_MODELS,
  type QueuedResponse,
  WEB_DETECTION_ENGINES,
  webDetectRequestSchema,
  ZERO_SHOT_MODEL,
  zeroShotDetectRequestSchema,
} from '../schemas'
import { detectionOutput, webOutput } from './outputs'
import { type QueueJobs, queued } from './queue-job'
import {
  type BuiltBody,
  canaryOptions,
  checkedBody,
  optionsSchema,
  withoutUndefined,
} from './shared'

/**
 * `providerOptions.canary` of `vision.detect`: the fields of the four detection bodies
 * (`blur` and `blurStrength` for faces, ...). A field the mode's endpoint does not take
 * fails when the body is checked, naming it.
 */
export const visionOptionsSchema = optionsSchema({
  ...faceDetectRequestSchema.shape,
  ...webDetectRequestSchema.shape,
  ...zeroShotDetectRequestSchema.shape,
  ...detectRequestSchema.shape,
})

/** Which `/api/vision/detect*` endpoint a detection mode uses. */
export type DetectEndpoint = 'detect' | 'detectZeroShot' | 'detectFaces' | 'detectWeb'

/** The endpoint of a detection and its body, with the image left out. */
export function detectRequest(
  input: ValidTaskInput<'vision.detect'>,
  warnings: Warning[],
): { endpoint: DetectEndpoint } & BuiltBody {
  const model = input.model
  const confidence = input.threshold !== undefined ? { confidence: input.threshold } : {}
  const fields = {
    model: 'model',
    ...(input.threshold !== undefined ? { confidence: 'threshold' } : {}),
  }
  switch (input.mode) {
    case 'objects':
      return { endpoint: 'detect', body: { model, ...confidence }, fields }
    case 'zero-shot':
      // The document's zero-shot endpoint has one model (florence-2-base) and its example sends
      // none; the `model` parameter is described for object and face detection. So the default
      // is not sent (the gateway uses it); another id is sent as given.
      return {
        endpoint: 'detectZeroShot',
        body: {
          prompt: (input.labels ?? []).join(', '),
          ...(model !== ZERO_SHOT_MODEL ? { model } : {}),
          ...confidence,
        },
        fields: { ...fields, prompt: 'labels' },
      }
    case 'faces':
      return { endpoint: 'detectFaces', body: { model, ...confidence }, fields }
    case 'web':
      if (input.threshold !== undefined)
        warnings.push(unsupportedOption('threshold', 'web detection takes no confidence threshold'))
      return {
        endpoint: 'detectWeb',
        body: withoutUndefined({ engine: model, maxResults: input.maxResults }),
        fields: {
          engine: 'model',
          ...(input.maxResults !== undefined ? { maxResults: 'maxResults' } : {}),
        },
      }
  }
}

export function visionHandlers(jobs: QueueJobs) {
  const { transport } = jobs

  /** Sends a detection body, checked against `schema`, with the image joined once it has passed. */
  const call =
    <Body>(
      schema: StandardSchemaV1<unknown, Body>,
      what: string,
      send: (
        body: Omit<Body, 'image'> & { image: MediaFile },
        context: DriverContext,
      ) => Promise<QueuedResponse>,
    ) =>
    (
      built: BuiltBody,
      options: Readonly<Record<string, unknown>>,
      image: MediaFile,
      context: DriverContext,
    ) =>
      send({ ...checkedBody(schema, what, built, options), image }, context)

  const endpoints = {
    detect: call(detectRequestSchema, 'POST /api/vision/detect', (body, context) =>
      detectObjects(transport, body, context),
    ),
    detectZeroShot: call(
      zeroShotDetectRequestSchema,
      'POST /api/vision/detect/zero-shot',
      (body, context) => detectZeroShot(transport, body, context),
    ),
    detectFaces: call(faceDetectRequestSchema, 'POST /api/vision/detect/faces', (body, context) =>
      detectFaces(transport, body, context),
    ),
    detectWeb: call(webDetectRequestSchema, 'POST /api/vision/detect/web', (body, context) =>
      detectWeb(transport, body, context),
    ),
  } satisfies Record<DetectEndpoint, unknown>

  /** Checks the body (a stand-in for the image, which is read only once the rest has passed) and sends it. */
  function send(
    request: { endpoint: DetectEndpoint } & BuiltBody,
    options: Readonly<Record<string, unknown>>,
    image: MediaFile,
    context: DriverContext,
  ): Promise<QueuedResponse> {
    const built = {
      body: { ...request.body, image: BASE64_PLACEHOLDER },
      fields: { ...request.fields, image: 'image' },
    }
    return endpoints[request.endpoint](built, options, image, context)
  }

  return {
    'vision.detect': jobs.handler('vision.detect', {
      models: [
        ...OBJECT_DETECTION_MODELS,
        ZERO_SHOT_MODEL,
        ...FACE_DETECTION_MODELS,
        ...WEB_DETECTION_ENGINES,
      ],
      providerOptions: visionOptionsSchema,
      async submit(input, context) {
        const options = canaryOptions(input, visionOptionsSchema)
        const warnings: Warning[] = []
        const image = toMediaFile(input.image, 'image/png')
        const answer = await send(detectRequest(input, warnings), options, image, context)
        return queued(answer, input.model, warnings, {
          mode: input.mode,
          // Detections are cut to `maxResults` when read; web detection sends it instead.
          ...(input.maxResults !== undefined && input.mode !== 'web'
            ? { maxResults: input.maxResults }
            : {}),
        })
      },
      output: (ref, context) => {
        const maxResults = ref.data?.maxResults
        const outputContext = {
          queueId: ref.id,
          ...(typeof maxResults === 'number' ? { maxResults } : {}),
        }
        return ref.data?.mode === 'web'
          ? jobs.readResult(ref, 'webDetection', context, (result) =>
              webOutput(result, outputContext),
            )
          : jobs.readResult(ref, 'detection', context, (result) =>
              detectionOutput(result, outputContext),
            )
      },
    }),
  }
}
