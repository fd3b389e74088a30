/**
 * The `onysoft` driver: atelier's media tasks on the Onysoft AI Gateway, one handler per task
 * (`image.ts`, `video.ts`, `audio.ts`, `music.ts`, `transcription.ts`), all built on the
 * shared gateway handler (`gateway.ts`): every task is one resumable gateway task, polled by
 * the engine, canceled locally (the gateway has no cancel endpoint).
 */
import {
  checkOptionNames,
  type Driver,
  type DriverContext,
  type ModelInfo,
  type OptionNames,
  type TaskName,
} from '@atelier/core'
import { defineDriver, requestContextOf } from '@atelier/core/driver'
import type { OnysoftClient } from '../client/client'
import { ModelCatalogue } from '../client/models'
import {
  createOnysoftTransport,
  ONYSOFT_CLIENT_OPTION_NAMES,
  type OnysoftTransport,
  type OnysoftTransportOptions,
} from '../client/transport'
import { dialogueHandler, soundEffectHandler, speechHandler } from './audio'
import { type Gateway, type GatewayHandler, PROVIDER_ID } from './gateway'
import { imageEditHandler, imageGenerateHandler } from './image'
import { musicHandler } from './music'
import { transcriptionHandler } from './transcription'
import { videoHandler } from './video'

export interface OnysoftDriverOptions extends OnysoftTransportOptions {
  /**
   * A connection to share (`createOnysoftTransport(...)`, another driver's `transport`, or
   * `client.transport`), e.g. with your own direct calls. Its own settings apply: the
   * connection options here (`apiKey`, `baseUrl`, `maxRequestBytes`, ...) are then not read.
   * Without it (or `client`), the driver builds its connection from them.
   */
  transport?: OnysoftTransport
  /**
   * An `OnysoftClient` to share: the driver sends through its `transport`, as if given that
   * (the class itself is never used, so it stays out of a bundle of the driver). `transport`
   * wins when both are given.
   */
  client?: Pick<OnysoftClient, 'transport'>
  /** How long the `GET /v1/models` list is cached, in milliseconds. Default 10 minutes. */
  modelsCacheMs?: number
  /**
   * Before submitting, look the model up in the (cached) catalogue and refuse one that serves
   * another task (a video model for `image.generate`), since every alias would run it and
   * bill it. Models the catalogue does not list are sent. Default true.
   */
  checkModelTask?: boolean
}

/** The driver's handlers, one per task. */
export interface OnysoftHandlers {
  readonly 'image.generate': GatewayHandler<'image.generate'>
  readonly 'image.edit': GatewayHandler<'image.edit'>
  readonly 'video.generate': GatewayHandler<'video.generate'>
  readonly 'speech.generate': GatewayHandler<'speech.generate'>
  readonly 'dialogue.generate': GatewayHandler<'dialogue.generate'>
  readonly 'soundEffect.generate': GatewayHandler<'soundEffect.generate'>
  readonly 'music.generate': GatewayHandler<'music.generate'>
  readonly 'transcription.create': GatewayHandler<'transcription.create'>
}

export interface OnysoftDriver extends Driver<typeof PROVIDER_ID, OnysoftHandlers> {
  /**
   * The connection the handlers send through. Direct calls on it share the driver's HTTP
   * client: pass it to the endpoint functions (`listVideos(driver.transport)`), or build the
   * whole typed client on it with `new OnysoftClient(driver.transport)` from
   * `@atelier/onysoft/client`.
   */
  readonly transport: OnysoftTransport
  /** `GET /v1/models`, cached. */
  readonly catalogue: ModelCatalogue
  /**
   * The tasks a model id serves, from the catalogue (its reported type) or, for models it does
   * not list, the id's family. `[]`: none of atelier's tasks (a chat model); undefined: unknown.
   */
  tasksOf(model: string, context?: Partial<DriverContext>): Promise<TaskName[] | undefined>
  /** The task a model id serves (the first of `tasksOf`), for callers that give only a model. */
  taskOf(model: string, context?: Partial<DriverContext>): Promise<TaskName | undefined>
}

const ONYSOFT_OPTION_NAMES = {
  ...ONYSOFT_CLIENT_OPTION_NAMES,
  transport: true,
  client: true,
  modelsCacheMs: true,
  checkModelTask: true,
} as const satisfies OptionNames<OnysoftDriverOptions>

/** Creates the driver. Pass `apiKey` (or `auth`, or a ready `transport`). */
export function onysoft(options: OnysoftDriverOptions = {}): OnysoftDriver {
  checkOptionNames('onysoft()', options, ONYSOFT_OPTION_NAMES)
  const transport =
    options.transport ?? options.client?.transport ?? createOnysoftTransport(options)
  const catalogue = new ModelCatalogue(transport, {
    ...(options.modelsCacheMs !== undefined ? { ttlMs: options.modelsCacheMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
  const gateway: Gateway = {
    transport,
    catalogue,
    checkModelTask: options.checkModelTask ?? true,
  }

  async function tasksOf(model: string, context: Partial<DriverContext> = {}) {
    return catalogue.tasksOf(model, requestContextOf(context))
  }

  async function listCatalogueModels(context: DriverContext): Promise<ModelInfo[]> {
    const models = await catalogue.list(requestContextOf(context))
    return models.map((model) => ({
      id: model.id,
      ...(model.tasks ? { tasks: model.tasks } : {}),
      ...(model.name ? { name: model.name } : {}),
      ...(model.description ? { description: model.description } : {}),
      metadata: {
        ...(model.type ? { type: model.type } : {}),
        ...(model.provider ? { provider: model.provider } : {}),
        ...(model.price ? { price: model.price } : {}),
      },
    }))
  }

  const tasks: OnysoftHandlers = {
    'image.generate': imageGenerateHandler(gateway),
    'image.edit': imageEditHandler(gateway),
    'video.generate': videoHandler(gateway),
    'speech.generate': speechHandler(gateway),
    'dialogue.generate': dialogueHandler(gateway),
    'soundEffect.generate': soundEffectHandler(gateway),
    'music.generate': musicHandler(gateway),
    'transcription.create': transcriptionHandler(gateway),
  }
  const driver = defineDriver({
    id: PROVIDER_ID,
    tasks,
    // Typical durations: image 10-30 s, TTS 5-15 s, video 30-180 s, music 30-90 s.
    polling: { initialIntervalMs: 2_000, maxIntervalMs: 15_000 },
    listModels: listCatalogueModels,
  })
  return {
    ...driver,
    transport,
    catalogue,
    tasksOf,
    async taskOf(model, context) {
      return (await tasksOf(model, context))?.[0]
    },
  }
}
