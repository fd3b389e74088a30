/**
 * Video as the spec's video model, with the operation flow ai 7 drives
 * (`experimental_startVideo` / `experimental_getVideoStatus`):
 *
 * - `doStart` submits the job and returns its atelier `JobRef` as the `operation` (plain JSON:
 *   store it, and read the status from any process). The AI SDK's idempotency key (the
 *   `idempotency-key` header it sends) is the submit's key.
 * - `doStatus` resumes the ref and looks once through the engine (`job.check()`): `pending`
 *   with the state, progress, place in line and when to look again in
 *   `providerMetadata.atelier`; `completed` with the videos; `error` for a failed or canceled job.
 * - `doGenerate` (ai 6 and ai 7's `generateVideo`) submits and waits; the call's abort
 *   cancels the remote job where the provider can.
 *
 * A video comes back as its URL when it has one (the spec lets a large file pass so), else as
 * bytes; `videoDelivery: 'bytes'` always downloads. The spec has no cancel or resume: the
 * provider's `jobs.cancel(operation)` and `jobs.resume(operation)` give them.
 */
import type {
  JSONValue,
  SharedV3Warning,
  Experimental_VideoModelV3CallOptions as VideoModelV3CallOptions,
} from '@ai-sdk/provider'
import { type JobRef, ValidationError } from '@atelier/core'
import type { Atelier, AtelierJob } from 'atelier'
import { sizeOf } from './image'
import { mediaInputOf, type VideoDelivery, videoDataOf } from './media'
import { runJob, submitJob } from './run'
import {
  atelierOptionsOf,
  callerHeaders,
  idempotencyKeyOf,
  jsonObject,
  PROVIDER_KEY,
  prepareInput,
  progressMetadata,
  providerNameOf,
  responseOf,
  specWarnings,
  toAiSdkError,
  toJson,
  unsupported,
} from './shared'
import type {
  SpecificationVersion,
  VideoModelV3WithOperations,
  VideoModelV4,
  VideoOperationStatusResult,
} from './spec'

/** atelier's own limit on `n` for a video call. */
const MAX_VIDEOS_PER_CALL = 4

export function videoModel<V extends SpecificationVersion>(
  ai: Atelier,
  modelId: string,
  version: V,
  delivery: VideoDelivery,
): V extends 'v4' ? VideoModelV4 : VideoModelV3WithOperations {
  const provider = providerNameOf(modelId)

  const model: Omit<VideoModelV3WithOperations, 'specificationVersion'> = {
    provider,
    modelId,
    maxVideosPerCall: MAX_VIDEOS_PER_CALL,

    async doGenerate(options: VideoModelV3CallOptions) {
      const warnings: SharedV3Warning[] = []
      const input = prepareInput(modelId, () => videoInput(modelId, options, warnings))
      const { job, output } = await runJob(ai, 'video.generate', input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
      })
      const videos = await Promise.all(
        output.videos.map((video) => videoDataOf(video, delivery, options.abortSignal)),
      )
      return {
        videos,
        warnings: [...warnings, ...specWarnings(output.warnings)],
        providerMetadata: {
          [PROVIDER_KEY]: jsonObject({
            jobId: job.id,
            usage: output.usage,
            providerMetadata: output.providerMetadata,
          }),
        },
        response: responseOf(modelId),
      }
    },

    async doStart(options) {
      const warnings: SharedV3Warning[] = []
      const input = prepareInput(modelId, () => videoInput(modelId, options, warnings))
      if (options.webhookUrl !== undefined) {
        warnings.push(unsupported('webhookUrl', 'read the status with doStatus instead'))
      }
      const key = idempotencyKeyOf(options.headers)
      const job = await submitJob(ai, 'video.generate', input, {
        modelId,
        abortSignal: options.abortSignal,
        headers: options.headers,
        ...(key ? { idempotencyKey: key } : {}),
      })
      return {
        operation: toJson(job.toJSON()),
        warnings: [...warnings, ...specWarnings(job.ref.warnings)],
        providerMetadata: {
          [PROVIDER_KEY]: jsonObject({
            jobId: job.id,
            ...(job.snapshot ? progressMetadata(job.snapshot) : {}),
          }),
        },
        response: responseOf(modelId),
      }
    },

    async doStatus({ operation, abortSignal, headers }): Promise<VideoOperationStatusResult> {
      const job = prepareInput(modelId, () => resumeOperation(ai, operation))
      const own = callerHeaders(headers)
      let check: Awaited<ReturnType<typeof job.check>>
      try {
        check = await job.check({
          ...(abortSignal ? { signal: abortSignal } : {}),
          ...(Object.keys(own).length > 0 ? { headers: own } : {}),
        })
      } catch (error) {
        throw toAiSdkError(error, { modelId, input: operation, jobStarted: true, readOnly: true })
      }
      const { snapshot, nextCheckInMs } = check
      const response = responseOf(modelId)
      if (snapshot.state === 'completed') {
        const output = snapshot.output
        const videos = await Promise.all(
          output.videos.map((video) => videoDataOf(video, delivery, abortSignal)),
        )
        return {
          status: 'completed',
          videos,
          warnings: specWarnings(output.warnings),
          providerMetadata: {
            [PROVIDER_KEY]: jsonObject({
              jobId: job.id,
              state: 'completed',
              usage: output.usage,
              providerMetadata: output.providerMetadata,
            }),
          },
          response,
        }
      }
      if (snapshot.state === 'failed' || snapshot.state === 'canceled') {
        return {
          status: 'error',
          error:
            snapshot.state === 'failed' ? snapshot.error.message : `The job ${job.id} was canceled`,
          providerMetadata: {
            [PROVIDER_KEY]: jsonObject({
              jobId: job.id,
              state: snapshot.state,
              ...(snapshot.state === 'failed' ? { error: snapshot.error.toJSON() } : {}),
            }),
          },
          response,
        }
      }
      return {
        status: 'pending',
        providerMetadata: {
          [PROVIDER_KEY]: {
            jobId: job.id,
            ...progressMetadata(snapshot),
            ...jsonObject({ nextCheckInMs }),
          },
        },
        response,
      }
    },
  }
  return { specificationVersion: version, ...model } as V extends 'v4'
    ? VideoModelV4
    : VideoModelV3WithOperations
}

/** The job behind an operation `doStart` returned (here or in another process). */
export function resumeOperation(ai: Atelier, operation: JSONValue): AtelierJob<'video.generate'> {
  const ref = operation as unknown as JobRef<'video.generate'>
  if (typeof operation !== 'object' || operation === null || ref.task !== 'video.generate') {
    throw new ValidationError([
      {
        path: ['operation'],
        message: 'is not the operation of an atelier video job (a JobRef of video.generate)',
        rule: 'invalid_type',
      },
    ])
  }
  return ai.jobs.resume(ref)
}

/** The atelier `video.generate` input for an AI SDK video call. */
function videoInput(
  modelId: string,
  options: VideoModelV3CallOptions,
  warnings: SharedV3Warning[],
): Record<string, unknown> {
  const first = options.frameImages?.find((frame) => frame.frameType === 'first_frame')
  const last = options.frameImages?.find((frame) => frame.frameType === 'last_frame')
  const image = options.image ?? first?.image
  const size = sizeOf(options.resolution)
  if (options.aspectRatio === 'adaptive') {
    warnings.push(unsupported('aspectRatio', '"adaptive" is left to the provider'))
  }
  if (options.inputReferences?.length) {
    warnings.push(
      unsupported('inputReferences', 'atelier video takes a first and a last frame only'),
    )
  }
  return {
    ...atelierOptionsOf(options.providerOptions),
    model: modelId,
    ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
    ...(options.n !== 1 ? { n: options.n } : {}),
    ...(options.aspectRatio !== undefined && options.aspectRatio !== 'adaptive'
      ? { aspectRatio: options.aspectRatio }
      : {}),
    ...(size ? { size } : {}),
    ...(options.duration !== undefined ? { durationSeconds: options.duration } : {}),
    ...(options.fps !== undefined ? { fps: options.fps } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(image ? { image: mediaInputOf(image) } : {}),
    ...(last ? { lastFrame: mediaInputOf(last.image) } : {}),
    ...(options.generateAudio !== undefined ? { generateAudio: options.generateAudio } : {}),
  }
}
