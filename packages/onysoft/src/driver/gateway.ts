/**
 * What every onysoft handler shares. Every task is one gateway task: `submit` builds the body
 * from the task input (the task's own builder), adds `providerOptions.onysoft`, checks the
 * body and the model, and posts it through the task's alias, answering a pending job; `poll`
 * makes one status request and the task's reader turns a completed answer into its output.
 * Task ids are global, so a job resumes from its ref in any process. The gateway has no cancel
 * endpoint: cancelling stops watching, the task runs (and is charged) to the end.
 */
import {
  AbortError,
  type DriverContext,
  type QueuedSnapshot,
  type RunningSnapshot,
  type TaskHandlerBase,
  type TaskName,
  type TaskOutput,
  UnsupportedError,
  type ValidTaskInput,
  type Warning,
} from '@atelier/core'
import {
  checkBody,
  pollHintsFrom,
  providerOptionsOf,
  requestContextOf,
  unlessJobGone,
  unsupportedOption,
  withProviderOptions,
} from '@atelier/core/driver'
import { getTaskStatusWithHeaders, sendTask } from '../client/generation'
import { tasksForModel } from '../client/model-tasks'
import type { ModelCatalogue } from '../client/models'
import { type OnysoftTransport, serialiseBody } from '../client/transport'
import { type OnysoftTask, TASK_ALIASES } from '../endpoints'
import {
  ALIASES,
  type Alias,
  generateRequestSchema,
  onysoftOptionsSchema,
  readTaskStatus,
} from '../schemas'
import { type OutputReader, refData, snapshotOf } from './snapshots'

export const PROVIDER_ID = 'onysoft'

/** What the handlers share: the connection, the model catalogue and the driver's settings. */
export interface Gateway {
  /** Every request goes through it (its `maxRequestBytes` is the body limit the handlers check). */
  readonly transport: OnysoftTransport
  readonly catalogue: ModelCatalogue
  /** Refuse a model the catalogue lists for another task. */
  readonly checkModelTask: boolean
}

/** What a task's builder makes of its input, before `providerOptions.onysoft` is added. */
export interface TaskRequest {
  /** Body fields built from the input (besides `model`); undefined values are not sent. */
  body: Record<string, unknown>
  /**
   * Body field → the task input field it was built from, for every field of `body`
   * (`aspect_ratio` → `aspectRatio`, `prompt` → `text`): errors name the caller's field, and a
   * provider option cannot replace a field the caller set.
   */
  fields: Record<string, string>
  /** Options the gateway cannot honour exactly. */
  warnings?: Warning[]
}

/** One task on the gateway: its builder and its output reader. */
export interface GatewayTask<T extends OnysoftTask> {
  task: T
  /** Featured models: autocompletion and routing hints. */
  models: readonly string[]
  /** Outputs one task makes, for tasks with an `n` field. */
  maxOutputsPerCall?: number
  build(input: ValidTaskInput<T>, context: DriverContext): TaskRequest | Promise<TaskRequest>
  read: OutputReader<TaskOutput<T>>
}

/** An onysoft handler: core's `TaskHandlerBase` (a gateway task does not stream, and cancels locally). */
export type GatewayHandler<T extends OnysoftTask> = Omit<
  TaskHandlerBase<T>,
  'models' | 'providerOptions'
> & {
  readonly models: readonly string[]
  // Kept exact, so the facade types `providerOptions.onysoft`.
  readonly providerOptions: typeof onysoftOptionsSchema
}

/** The handler of one gateway task. */
export function gatewayHandler<T extends OnysoftTask>(
  gateway: Gateway,
  spec: GatewayTask<T>,
): GatewayHandler<T> {
  const { transport } = gateway
  const alias: Alias = TASK_ALIASES[spec.task]
  return {
    models: spec.models,
    cancel: 'local',
    resumable: true,
    providerOptions: onysoftOptionsSchema,
    ...(spec.maxOutputsPerCall !== undefined ? { maxOutputsPerCall: spec.maxOutputsPerCall } : {}),

    async submit(input, context) {
      const options = providerOptionsOf(input, PROVIDER_ID, onysoftOptionsSchema)
      const built = await spec.build(input, context)
      const fields = { model: 'model', ...built.fields }
      const own = defined({ model: input.model, ...built.body })
      const body = withProviderOptions(own, options, { provider: PROVIDER_ID, taskFields: fields })
      // Checked as the client checks it, issues named after the caller's fields.
      const check = {
        provider: PROVIDER_ID,
        what: `POST /v1/${alias}/generate`,
        fields,
        providerOptionKeys: Object.keys(options),
      }
      const request = checkBody(generateRequestSchema, body, check)
      // Serialised once: the text measured against the limit is the text sent, unchecked again.
      const json = serialiseBody(request, transport.maxRequestBytes, check)
      await checkModel(gateway, spec.task, input.model, context)
      const { data: accepted } = await sendTask(transport, alias, json, requestContextOf(context))
      return {
        type: 'pending',
        id: accepted.task_id,
        data: refData(alias, input.model, accepted.estimated_cost),
        snapshot: acceptedSnapshot(accepted.status),
        ...(built.warnings?.length ? { warnings: built.warnings } : {}),
      }
    },

    async poll(ref, context) {
      // The alias it was submitted through (any would do: task ids are global).
      const stored = ALIASES.find((name) => name === ref.data?.alias) ?? alias
      return unlessJobGone(ref, async () => {
        const { data, headers } = await getTaskStatusWithHeaders(
          transport,
          stored,
          ref.id,
          requestContextOf(context),
        )
        return snapshotOf(data, ref, transport, pollHintsFrom(headers), spec.read)
      })
    },
  }
}

/**
 * What a submit answer's status says of the task: running when it is under way, else queued.
 * The task exists whatever the word (or its absence): a finished or failed one is seen at the
 * first poll, which reads its output or its reason.
 */
function acceptedSnapshot(status: string | undefined): QueuedSnapshot | RunningSnapshot {
  const read = status !== undefined ? readTaskStatus(status) : undefined
  const providerStatus = read?.providerStatus ?? 'pending'
  return read?.state === 'running' && read.recognised
    ? { state: 'running', providerStatus }
    : { state: 'queued', providerStatus }
}

/**
 * Refuses a model the catalogue says serves another task, before any paid work: every alias
 * would run it, and bill it.
 */
async function checkModel(
  gateway: Gateway,
  task: TaskName,
  model: string,
  context: DriverContext,
): Promise<void> {
  if (!gateway.checkModelTask) return
  let tasks: TaskName[] | undefined
  try {
    tasks = await gateway.catalogue.tasksOf(model, requestContextOf(context))
  } catch (error) {
    if (error instanceof AbortError || context.signal?.aborted) throw error
    // No catalogue (offline, not allowed): the model id's family still says something.
    tasks = tasksForModel(model)
  }
  if (tasks === undefined || tasks.includes(task)) return
  throw new UnsupportedError(
    tasks.length === 0
      ? `${PROVIDER_ID}: ${model} does not run on the task backend (text and chat models, including Gemini image models, use /v1/chat/completions)`
      : `${PROVIDER_ID}: ${model} serves ${tasks.join(', ')}, not ${task}`,
    { provider: PROVIDER_ID },
  )
}

/** `value` without its undefined fields, so absent options are not sent. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined))
}

/** A warning, in the order given, for each option the input sets that the gateway cannot take. */
export function droppedOptions<Input extends object>(
  input: Input,
  details: Partial<Record<keyof Input & string, string>>,
): Warning[] {
  const entries = Object.entries(details) as [keyof Input & string, string][]
  return entries
    .filter(([option]) => input[option] !== undefined)
    .map(([option, detail]) => unsupportedOption(option, detail))
}

/** Refuses an input the gateway cannot run without changing the result. */
export function refuse(message: string): never {
  throw new UnsupportedError(`${PROVIDER_ID}: ${message}`, { provider: PROVIDER_ID })
}
