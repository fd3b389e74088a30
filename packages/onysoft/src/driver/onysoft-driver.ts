/**
 * The `onysoft` driver: atelier's media tasks on the Onysoft AI Gateway. Every task is one
 * gateway task: `submit` starts it through the alias that fits (`image`, `video`, `voice`,
 * `audio`, `music`) and returns a pending job; `poll` makes one status request. Task ids are
 * global, so a job resumes from its ref in any process. The gateway has no cancel endpoint:
 * cancelling stops watching, the task runs (and is charged) to the end.
 */
import {
  AbortError,
  type Driver,
  type DriverCapabilities,
  type DriverContext,
  JobFailedError,
  type JobRef,
  type JobSnapshot,
  type ModelInfo,
  ProviderError,
  pollHintsFrom,
  type Submission,
  type TaskName,
  type TaskOutput,
  UnsupportedError,
  ValidationError,
  type ValidTaskInput,
} from '@atelier/core'
import {
  ModelCatalogue,
  OnysoftClient,
  type OnysoftClientOptions,
  oversizeError,
  requestIssues,
  tasksForModel,
} from '../client'
import {
  ALIASES,
  type Alias,
  DIALOGUE_MODELS,
  generateRequestSchema,
  IMAGE_EDIT_MODELS,
  IMAGE_MODELS,
  MAX_REQUEST_BYTES,
  MUSIC_MODELS,
  SOUND_EFFECT_MODELS,
  TRANSCRIPTION_MODELS,
  TTS_MODELS,
  VIDEO_MODELS,
} from '../schemas'
import { PROVIDER_ID } from './media-input'
import {
  type BuiltRequest,
  dialogueRequest,
  imageEditRequest,
  imageGenerateRequest,
  musicRequest,
  soundEffectRequest,
  speechRequest,
  TASK_ALIASES,
  transcriptionRequest,
  videoRequest,
} from './requests'
import { refData, snapshotOf } from './snapshots'

export interface OnysoftDriverOptions extends OnysoftClientOptions {
  /** A client to reuse (e.g. one shared with your own direct calls). Built from the other options otherwise. */
  client?: OnysoftClient
  /** How long the `GET /v1/models` list is cached, in milliseconds. Default 10 minutes. */
  modelsCacheMs?: number
  /**
   * Before submitting, look the model up in the (cached) catalogue and refuse one that serves
   * another task (a video model for `image.generate`), since every alias would run it and
   * bill it. Models the catalogue does not list are sent. Default true.
   */
  checkModelTask?: boolean
}

export interface OnysoftDriver extends Driver {
  /** The typed client for every endpoint. */
  readonly client: OnysoftClient
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

const task = (models: readonly string[]) => ({ cancel: 'local', resumable: true, models }) as const

const CAPABILITIES: DriverCapabilities = {
  'image.generate': task(IMAGE_MODELS),
  'image.edit': task(IMAGE_EDIT_MODELS),
  'video.generate': task(VIDEO_MODELS),
  'speech.generate': task(TTS_MODELS),
  'dialogue.generate': task(DIALOGUE_MODELS),
  'soundEffect.generate': task(SOUND_EFFECT_MODELS),
  'music.generate': task(MUSIC_MODELS.slice(0, 2)),
  'transcription.create': task(TRANSCRIPTION_MODELS),
}

/** The alias a task's requests go to (`video` for a task without one: any alias reaches every task). */
const aliasOf = (name: TaskName): Alias => TASK_ALIASES[name] ?? 'video'

/** Creates the driver. Pass `apiKey` (or `auth`, or a ready `client`). */
export function onysoft(options: OnysoftDriverOptions = {}): OnysoftDriver {
  const client = options.client ?? new OnysoftClient(options)
  const catalogue = new ModelCatalogue(client.models, {
    ...(options.modelsCacheMs !== undefined ? { ttlMs: options.modelsCacheMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
  const checkModelTask = options.checkModelTask ?? true
  const maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES

  async function tasksOf(model: string, context: Partial<DriverContext> = {}) {
    return catalogue.tasksOf(model, { signal: context.signal, hooks: context.hooks })
  }

  async function build(
    name: TaskName,
    input: ValidTaskInput<TaskName>,
    signal: AbortSignal | undefined,
  ): Promise<BuiltRequest> {
    switch (name) {
      case 'image.generate':
        return imageGenerateRequest(input as ValidTaskInput<'image.generate'>)
      case 'image.edit':
        return imageEditRequest(input as ValidTaskInput<'image.edit'>, signal)
      case 'video.generate':
        return videoRequest(input as ValidTaskInput<'video.generate'>, signal)
      case 'speech.generate':
        return speechRequest(input as ValidTaskInput<'speech.generate'>)
      case 'dialogue.generate':
        return dialogueRequest(input as ValidTaskInput<'dialogue.generate'>)
      case 'soundEffect.generate':
        return soundEffectRequest(input as ValidTaskInput<'soundEffect.generate'>)
      case 'music.generate':
        return musicRequest(input as ValidTaskInput<'music.generate'>)
      case 'transcription.create':
        return transcriptionRequest(input as ValidTaskInput<'transcription.create'>)
      default:
        throw new UnsupportedError(`the Onysoft gateway driver does not do ${name}`, {
          provider: PROVIDER_ID,
        })
    }
  }

  /**
   * Checks the body with the client's schema and size limit, naming the task field a body
   * field came from (`durationSeconds`, not `duration`), or `providerOptions.onysoft.<key>`.
   */
  function check(built: BuiltRequest, alias: Alias, input: ValidTaskInput<TaskName>): void {
    const own = new Set(Object.keys(input.providerOptions?.[PROVIDER_ID] ?? {}))
    const rename = (path: (string | number)[]): (string | number)[] => {
      const [head, ...rest] = path
      if (typeof head !== 'string') return path
      if (own.has(head)) return ['providerOptions', PROVIDER_ID, head, ...rest]
      return [built.fields[head] ?? head, ...rest]
    }
    const parsed = generateRequestSchema.safeParse(built.body)
    const error = parsed.success
      ? oversizeError(built.body, maxRequestBytes, `POST /v1/${alias}/generate`)
      : new ValidationError(requestIssues(parsed.error.issues), { provider: PROVIDER_ID })
    if (!error) return
    const issues = error.issues.map((issue) => ({ ...issue, path: rename(issue.path) }))
    throw new ValidationError(issues, {
      provider: PROVIDER_ID,
      ...(parsed.success ? { message: error.message } : {}),
    })
  }

  /** Refuses a model the catalogue says serves another task, before any paid work. */
  async function checkTask(name: TaskName, model: string, context: DriverContext): Promise<void> {
    if (!checkModelTask) return
    let tasks: TaskName[] | undefined
    try {
      tasks = await tasksOf(model, context)
    } catch (error) {
      if (error instanceof AbortError || context.signal?.aborted) throw error
      // No catalogue (offline, not allowed): the model id's family still says something.
      tasks = tasksForModel(model)
    }
    if (tasks === undefined || tasks.includes(name)) return
    throw new UnsupportedError(
      tasks.length === 0
        ? `${PROVIDER_ID}: ${model} does not run on the task backend (text and chat models, including Gemini image models, use /v1/chat/completions)`
        : `${PROVIDER_ID}: ${model} serves ${tasks.join(', ')}, not ${name}`,
      { provider: PROVIDER_ID },
    )
  }

  async function submit<T extends TaskName>(
    name: T,
    input: ValidTaskInput<T>,
    context: DriverContext,
  ): Promise<Submission<TaskOutput<T>>> {
    const built = await build(name, input, context.signal)
    const alias = aliasOf(name)
    check(built, alias, input)
    await checkTask(name, input.model, context)
    const accepted = await client
      .alias(alias)
      .generate(built.body as never, { signal: context.signal, hooks: context.hooks })
    const ref: JobRef = {
      provider: PROVIDER_ID,
      task: name,
      id: accepted.task_id,
      data: refData(alias, input.model, accepted.estimated_cost, built.warnings),
      submittedAt: new Date(context.clock.now()).toISOString(),
    }
    return {
      type: 'pending',
      ref,
      snapshot:
        accepted.status === 'processing'
          ? { state: 'running', providerStatus: accepted.status }
          : { state: 'queued', providerStatus: accepted.status },
    }
  }

  async function poll(ref: JobRef, context: DriverContext): Promise<JobSnapshot<unknown>> {
    const stored = ref.data?.alias
    const alias =
      typeof stored === 'string' && (ALIASES as readonly string[]).includes(stored)
        ? (stored as Alias)
        : aliasOf(ref.task as TaskName)
    try {
      const { data, headers } = await client
        .alias(alias)
        .statusWithHeaders(ref.id, { signal: context.signal, hooks: context.hooks })
      return snapshotOf(data, ref, client, pollHintsFrom(headers))
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        return {
          state: 'failed',
          error: new JobFailedError(`the gateway no longer knows task ${ref.id} (404)`, {
            provider: PROVIDER_ID,
            jobId: ref.id,
            body: error.body,
          }),
        }
      }
      throw error
    }
  }

  async function listModels(context: DriverContext): Promise<ModelInfo[]> {
    const models = await catalogue.list({ signal: context.signal, hooks: context.hooks })
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

  return {
    id: PROVIDER_ID,
    capabilities: CAPABILITIES,
    // Typical durations: image 10-30 s, TTS 5-15 s, video 30-180 s, music 30-90 s.
    polling: { initialIntervalMs: 2_000, maxIntervalMs: 15_000 },
    client,
    catalogue,
    tasksOf,
    async taskOf(model, context) {
      return (await tasksOf(model, context))?.[0]
    },
    submit,
    poll,
    listModels,
  }
}
