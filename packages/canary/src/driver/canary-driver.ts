/**
 * The `canary` driver: atelier's tasks on the CanaryLLM gateway, one handler per task (built
 * in `image.ts`, `video.ts`, `audio.ts`, `vision.ts` and `text.ts`). Every generation is a
 * job on CanaryLLM's queue, addressed by its `queueId`; what the jobs share (poll, watch over
 * Server-Sent Events, cancel) is in `queue-job.ts`. Core's engine does all the waiting.
 */
import {
  checkOptionNames,
  type Driver,
  type DriverContext,
  type ModelInfo,
  type OptionNames,
  POLLING_OPTION_NAMES,
  type PollingOptions,
} from '@atelier/core'
import { defineDriver } from '@atelier/core/driver'
import { CANARY_CLIENT_OPTION_NAMES, type CanaryClientOptions } from '../client/options'
import { CanaryTransport } from '../client/transport'
import { listVisionModels } from '../client/vision'
import { audioHandlers } from './audio'
import { imageHandlers } from './image'
import { queueJobs } from './queue-job'
import { PROVIDER_ID } from './shared'
import { textHandlers } from './text'
import { videoHandlers } from './video'
import { visionHandlers } from './vision'

export interface CanaryDriverOptions extends Partial<CanaryClientOptions> {
  /**
   * A connection to reuse, e.g. another driver's `driver.transport` or a client's
   * `client.transport`: its base URL, credentials, retries and `fetch` are used, and the
   * connection options here are ignored. Built from them otherwise.
   */
  transport?: CanaryTransport
  /**
   * Watch jobs over `/api/llm/queue/stream` (Server-Sent Events) once they are close to the
   * front, instead of polling. Default true; turn it off behind proxies that buffer SSE.
   */
  eventStream?: boolean
  /**
   * While more than this many jobs are ahead, core polls the status (the positions move);
   * then the event stream is opened. Default 0: the stream opens once the job is next in
   * line or processing (the stream carries no positions).
   */
  streamFromPosition?: number
  /**
   * Polling defaults of this driver (core merges the facade's and each call's options over
   * them). Default: first poll after 1 s, at most every 10 s.
   */
  polling?: Partial<PollingOptions>
}

/**
 * The driver's handlers, one per task, each typed by its task, with its `providerOptions`
 * schema and model ids as their own types (the facade types `providerOptions.canary` and
 * completes `canary/<model>` from them).
 */
export type CanaryTaskHandlers = ReturnType<typeof imageHandlers> &
  ReturnType<typeof videoHandlers> &
  ReturnType<typeof audioHandlers> &
  ReturnType<typeof visionHandlers> &
  ReturnType<typeof textHandlers>

/** The tasks the gateway does. */
export type CanaryTask = keyof CanaryTaskHandlers

export interface CanaryDriver extends Driver<typeof PROVIDER_ID, CanaryTaskHandlers> {
  /**
   * The connection the driver's requests go through. Make direct calls on it with the
   * endpoint functions (`listVisionModels(driver.transport)`) or with
   * `new CanaryClient(driver.transport)` from `@atelier/canary/client`.
   */
  readonly transport: CanaryTransport
}

/** Polling that suits a queue whose jobs take seconds to minutes. */
const POLLING: Partial<PollingOptions> = { initialIntervalMs: 1_000, maxIntervalMs: 10_000 }

const CANARY_OPTION_NAMES = {
  ...CANARY_CLIENT_OPTION_NAMES,
  transport: true,
  eventStream: true,
  streamFromPosition: true,
  polling: true,
} as const satisfies OptionNames<CanaryDriverOptions>

/** Creates the driver. `baseUrl` (and usually `apiKey`) are required unless a `transport` is given. */
export function canary(options: CanaryDriverOptions): CanaryDriver {
  checkOptionNames('canary()', options, CANARY_OPTION_NAMES)
  checkOptionNames('canary()', options?.polling, POLLING_OPTION_NAMES, ['polling'])
  // Only the transport, never the client class: the class references every endpoint, and the
  // driver's bundle should hold just the endpoints its tasks call.
  const transport = options.transport ?? new CanaryTransport(options as CanaryClientOptions)
  const jobs = queueJobs(transport, {
    eventStream: options.eventStream ?? true,
    streamFromPosition: options.streamFromPosition ?? 0,
  })

  async function listModels(context: DriverContext): Promise<ModelInfo[]> {
    const { models } = await listVisionModels(transport, context)
    return models.map((model) => ({
      id: model.id,
      tasks: ['vision.detect'],
      ...(model.name !== undefined ? { name: model.name } : {}),
      metadata: {
        ...(model.type !== undefined ? { type: model.type } : {}),
        ...(model.custom !== undefined ? { custom: model.custom } : {}),
        ...(model.classes !== undefined ? { classes: model.classes } : {}),
      },
    }))
  }

  const driver = defineDriver({
    id: PROVIDER_ID,
    tasks: {
      ...imageHandlers(jobs),
      ...videoHandlers(jobs),
      ...audioHandlers(jobs),
      ...visionHandlers(jobs),
      ...textHandlers(jobs),
    },
    polling: { ...POLLING, ...options.polling },
    listModels,
  })
  return { ...driver, transport }
}
