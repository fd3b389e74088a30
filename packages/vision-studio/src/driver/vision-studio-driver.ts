/**
 * The `vision-studio` driver: atelier's tasks on the Vision Studio API, one handler per task.
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
 * The driver imports only the endpoints it maps, so a bundle holds their schemas alone. It
 * never refers to the client class: the complete client, `VisionStudioClient`, is in
 * `@atelier/vision-studio/client`, and can be built on the driver's own transport
 * (`new VisionStudioClient(driver.transport)`) to share its HttpClient, auth, retries and hooks.
 */
import { checkOptionNames, type Driver, type OptionNames } from '@atelier/core'
import { defineDriver, requiredBaseUrl } from '@atelier/core/driver'
import {
  createTransport,
  VISION_STUDIO_CLIENT_OPTION_NAMES,
  type VisionStudioClientOptions,
} from '../client/http'
import type { Transport } from '../client/transport'
import { speechGenerateTask } from './audio'
import { imageGenerateTask } from './image'
import { imageEditTask } from './image-edit'
import { plannedHandler } from './jobs'
import { PROVIDER_ID } from './models'
import { promptEnhanceTask } from './text'
import { videoGenerateTask } from './video'
import { visionAnalyzeTask } from './vision'

export interface VisionStudioDriverOptions extends Partial<VisionStudioClientOptions> {
  /**
   * A transport to share (`createTransport(options)`, or `client.transport` of a
   * `VisionStudioClient`); built from the other options otherwise, which are then ignored.
   */
  transport?: Transport
}

/** The handlers of the driver, one per task. */
function tasksOf(transport: Transport) {
  return {
    'prompt.enhance': plannedHandler(transport, promptEnhanceTask),
    'vision.analyze': plannedHandler(transport, visionAnalyzeTask),
    'image.generate': plannedHandler(transport, imageGenerateTask(transport)),
    'image.edit': plannedHandler(transport, imageEditTask(transport)),
    'video.generate': plannedHandler(transport, videoGenerateTask(transport)),
    'speech.generate': plannedHandler(transport, speechGenerateTask(transport)),
  }
}

export interface VisionStudioDriver extends Driver<typeof PROVIDER_ID, ReturnType<typeof tasksOf>> {
  /**
   * The transport every call goes through (`transport.http` is the HttpClient). Give it to an
   * endpoint function (`listLoRAProjects(driver.transport)`) or to
   * `new VisionStudioClient(driver.transport)` for direct calls that share it.
   */
  readonly transport: Transport
}

const VISION_STUDIO_OPTION_NAMES = {
  ...VISION_STUDIO_CLIENT_OPTION_NAMES,
  transport: true,
} as const satisfies OptionNames<VisionStudioDriverOptions>

/** Creates the driver. `baseUrl` is required (or a `transport`); `apiKey` goes in `X-API-Key`. */
export function visionStudio(options: VisionStudioDriverOptions): VisionStudioDriver {
  checkOptionNames('visionStudio()', options, VISION_STUDIO_OPTION_NAMES)
  const transport =
    options.transport ??
    (() => {
      if (options.baseUrl === undefined) {
        throw requiredBaseUrl(PROVIDER_ID, "the Vision Studio API's URL")
      }
      return createTransport(options as VisionStudioClientOptions)
    })()
  const driver = defineDriver({
    id: PROVIDER_ID,
    tasks: tasksOf(transport),
    polling: { initialIntervalMs: 1_000, maxIntervalMs: 15_000 },
  })
  return { ...driver, transport }
}
