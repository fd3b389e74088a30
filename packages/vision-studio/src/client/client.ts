/**
 * `VisionStudioClient`: a typed client for every endpoint of the Vision Studio API (91 in
 * the document), grouped by provider and media: `prompt.*`, `caption.*`, `bria.*`,
 * `loRA.*` (Bria tailored models), `google.*` (Imagen, Gemini, Veo), `openai.*`,
 * `firefly.*`, `runway.*`, and `health()`.
 *
 * ```ts
 * const studio = new VisionStudioClient({ baseUrl, apiKey })
 * const image = await studio.bria.image.generate({ prompt: 'a lighthouse at dusk' })
 * const task = await studio.runway.video.generateFromText({ prompt: 'waves at night' })
 * const status = await studio.tasks.status(task) // { state: 'running', progress: 0.4, ... }
 * ```
 *
 * Every body is checked with the schema generated from the document before anything is sent
 * (a `ValidationError` names the field and the rule). Answers are unwrapped from the
 * `{status, result}` envelope. Asynchronous endpoints (Firefly, Runway, Bria with
 * `sync: false`) resolve with a `VisionStudioTask` to follow with `tasks.status` and, where the
 * provider can, cancel with `tasks.cancel`. The server's 422 becomes a
 * `VisionStudioValidationError` with its `detail` list and field paths.
 *
 * The class is a thin wrapper: each method is the endpoint's standalone function
 * (`client.bria.image.generate(body)` is `generateBriaImage(client.transport, body)`), so it
 * holds every endpoint and lives in its own entry, `@atelier/vision-studio/client`. A program
 * that calls a few endpoints imports their functions instead and bundles only those.
 */
import { checkOptionNames } from '@atelier/core'
import type { HttpClient, RequestContext } from '@atelier/core/driver'
import { checkHealth } from '../generated/functions'
import { createOperations, type VisionStudioOperations } from '../generated/operations'
import type { HealthResult } from '../schemas/results'
import {
  createTransport,
  VISION_STUDIO_CLIENT_OPTION_NAMES,
  type VisionStudioClientOptions,
} from './http'
import { cancelTask, readTaskStatus, type TaskLocator, type TaskStatus } from './tasks'
import { Transport } from './transport'

export class VisionStudioClient {
  /** The HTTP client every call goes through (provider `vision-studio`). */
  readonly http: HttpClient
  /** Validation, paths, envelope and tasks, shared by every method (and by a driver built on it). */
  readonly transport: Transport
  /** Prompt tools (`/api/v1/prompt/*`): enhance, and prompts for backgrounds, images, subjects and poses. */
  readonly prompt: VisionStudioOperations['prompt']
  /** Image and video captions and tags (`/api/v1/caption/*`). */
  readonly caption: VisionStudioOperations['caption']
  /** Bria: prompt enhancement, image generation and editing, video background removal, status. */
  readonly bria: VisionStudioOperations['bria']
  /** Bria tailored models (LoRA): generation, projects, datasets and their images, models, training. */
  readonly loRA: VisionStudioOperations['loRA']
  /** Google: Imagen and Gemini images, Veo video. */
  readonly google: VisionStudioOperations['google']
  /** OpenAI GPT Image: generation, edits, inpainting. */
  readonly openai: VisionStudioOperations['openai']
  /** Adobe Firefly (asynchronous): generation, variations, edits, upload, status, cancel. */
  readonly firefly: VisionStudioOperations['firefly']
  /** Runway (asynchronous): images, video from text, image, video or motion, upscaling, speech, status, cancel. */
  readonly runway: VisionStudioOperations['runway']

  /**
   * A client from options (`{ baseUrl, apiKey, ... }`: a transport of its own), or on an
   * existing transport — `new VisionStudioClient(driver.transport)` — whose HttpClient, auth,
   * timeouts and retries it then shares with the driver, so direct calls and the driver's
   * tasks go through the same `fetch`.
   */
  constructor(options: VisionStudioClientOptions | Transport) {
    if (!(options instanceof Transport)) {
      checkOptionNames('new VisionStudioClient()', options, VISION_STUDIO_CLIENT_OPTION_NAMES)
    }
    this.transport = options instanceof Transport ? options : createTransport(options)
    this.http = this.transport.http
    const operations = createOperations(this.transport)
    this.prompt = operations.prompt
    this.caption = operations.caption
    this.bria = operations.bria
    this.loRA = operations.loRA
    this.google = operations.google
    this.openai = operations.openai
    this.firefly = operations.firefly
    this.runway = operations.runway
  }

  /** `GET /health`: the service's liveness probe (`checkHealth`). */
  readonly health = (context?: RequestContext): Promise<HealthResult> =>
    checkHealth(this.transport, context)

  /** Any provider's tasks, the same way (`readTaskStatus`, `cancelTask`). */
  readonly tasks = {
    /** One status request, mapped to `queued | running | completed | failed | canceled` with progress and output URLs. */
    status: (task: TaskLocator, context?: RequestContext): Promise<TaskStatus> =>
      readTaskStatus(this.transport, task, context),
    /** Cancels on the server (Firefly, Runway). Bria has no cancel route: this throws for Bria tasks. */
    cancel: (task: TaskLocator, context?: RequestContext): Promise<void> =>
      cancelTask(this.transport, task, context),
  }
}
