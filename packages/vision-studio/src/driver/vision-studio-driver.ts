/**
 * The `vision-studio` driver: atelier's tasks on the Vision Studio API.
 *
 * | task              | models                                                                  |
 * | ----------------- | ----------------------------------------------------------------------- |
 * | `prompt.enhance`  | `openai`, `gemini` (Vision Studio's prompt tool), `bria` (Llama 3)       |
 * | `vision.analyze`  | `openai`, `gemini` (image captions and tags), `gemini` for video         |
 * | `image.generate`  | `bria/*`, `bria-lora/<model_id>`, `google/*`, `openai/*`, `firefly/*`, `runway/*` |
 * | `image.edit`      | `bria`, `bria/product`, `google/imagen`, `google/gemini-*`, `openai/*`, `firefly` |
 * | `video.generate`  | `runway/gen4_turbo`, `runway/gen3a_turbo`, `runway/veo3`, `runway/motion`, `google/veo-*` |
 * | `speech.generate` | `runway/eleven_multilingual_v2`                                         |
 *
 * Synchronous calls are inline jobs (cancel aborts the request). Asynchronous ones — Firefly,
 * Runway, and Bria, which the driver runs with `sync: false` — are jobs resumable from their
 * ref, polled on the provider's status route; Firefly and Runway jobs are cancelled on the
 * server, Bria ones (no cancel route) stop being watched.
 *
 * The driver imports only the endpoints it maps, so a bundle holds their schemas alone; the
 * complete client is `VisionStudioClient`.
 */
import {
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  ProviderError,
  type Submission,
  type TaskName,
  type TaskOutput,
  UnsupportedError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import { createTransport, type VisionStudioClientOptions } from '../client/http'
import { canCancel, cancelTask, readTaskStatus } from '../client/tasks'
import type { Transport } from '../client/transport'
import { imageEditPlan } from './edits'
import { imageGeneratePlan } from './images'
import { execute, type Plan, refRoute, requestContextOf, snapshotOf } from './jobs'
import {
  EDIT_MODELS,
  IMAGE_MODELS,
  PROMPT_MODELS,
  PROVIDER_ID,
  SPEECH_MODELS,
  VIDEO_MODELS,
  VISION_MODELS,
} from './models'
import { speechGeneratePlan } from './speech'
import { promptEnhancePlan, visionAnalyzePlan } from './text'
import { videoGeneratePlan } from './video'

export interface VisionStudioDriverOptions extends Partial<VisionStudioClientOptions> {
  /** A transport to share (e.g. `client.transport` of a `VisionStudioClient`); built from the other options otherwise. */
  transport?: Transport
}

export interface VisionStudioDriver extends Driver {
  /** The transport every call goes through (`transport.http` is the HttpClient). */
  readonly transport: Transport
}

/**
 * Capabilities. `cancel` is the weakest among a task's models: Bria jobs and synchronous
 * calls can only stop being watched (`local`), Firefly and Runway jobs are cancelled on the
 * server — see the docs page for the table per model.
 */
const CAPABILITIES: DriverCapabilities = {
  'prompt.enhance': { cancel: 'local', resumable: false, models: PROMPT_MODELS },
  'vision.analyze': { cancel: 'local', resumable: false, models: VISION_MODELS },
  'image.generate': { cancel: 'local', resumable: true, models: IMAGE_MODELS },
  'image.edit': { cancel: 'local', resumable: true, models: EDIT_MODELS },
  'video.generate': { cancel: 'local', resumable: true, models: VIDEO_MODELS },
  'speech.generate': { cancel: 'remote', resumable: true, models: SPEECH_MODELS },
}

/** Creates the driver. `baseUrl` is required (or a `transport`); `apiKey` goes in `X-API-Key`. */
export function visionStudio(options: VisionStudioDriverOptions): VisionStudioDriver {
  const transport =
    options.transport ??
    (() => {
      if (options.baseUrl === undefined) {
        throw new TypeError(`${PROVIDER_ID}: baseUrl is required (the Vision Studio API's URL)`)
      }
      return createTransport(options as VisionStudioClientOptions)
    })()

  function plan(task: TaskName, input: unknown, warnings: Warning[]): Plan {
    switch (task) {
      case 'prompt.enhance':
        return promptEnhancePlan(input as ValidTaskInput<'prompt.enhance'>, warnings)
      case 'vision.analyze':
        return visionAnalyzePlan(input as ValidTaskInput<'vision.analyze'>, warnings)
      case 'image.generate':
        return imageGeneratePlan(input as ValidTaskInput<'image.generate'>, warnings)
      case 'image.edit':
        return imageEditPlan(input as ValidTaskInput<'image.edit'>, transport, warnings)
      case 'video.generate':
        return videoGeneratePlan(input as ValidTaskInput<'video.generate'>, warnings)
      case 'speech.generate':
        return speechGeneratePlan(input as ValidTaskInput<'speech.generate'>, warnings)
      default:
        throw new UnsupportedError(`${PROVIDER_ID} does not support ${task}`, {
          provider: PROVIDER_ID,
        })
    }
  }

  return {
    id: PROVIDER_ID,
    capabilities: CAPABILITIES,
    transport,
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 15_000 },

    async submit<T extends TaskName>(
      task: T,
      input: ValidTaskInput<T>,
      context: DriverContext,
    ): Promise<Submission<TaskOutput<T>>> {
      const warnings: Warning[] = []
      return execute<TaskOutput<T>>(transport, task, plan(task, input, warnings), context, warnings)
    },

    async poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
      const { route } = refRoute(ref)
      try {
        const status = await readTaskStatus(
          transport,
          { route, taskId: ref.id },
          requestContextOf(context),
        )
        return snapshotOf(transport, ref, status)
      } catch (error) {
        // Bria: "404: Request ID not found or expired"; the others likewise for unknown tasks.
        if (error instanceof ProviderError && error.status === 404) {
          return {
            state: 'failed',
            error: new JobFailedError(
              `vision-studio ${ref.task} task ${ref.id} is unknown or expired`,
              {
                provider: PROVIDER_ID,
                jobId: ref.id,
                ...(error.body !== undefined ? { body: error.body } : {}),
              },
            ),
          }
        }
        throw error
      }
    },

    async cancel(ref: JobRef, context: DriverContext): Promise<void> {
      const { route } = refRoute(ref)
      // Bria has no cancel route: the job stops being watched; Bria may finish it anyway.
      if (!canCancel(route)) return
      await cancelTask(transport, { route, taskId: ref.id }, requestContextOf(context))
    },
  }
}
