/**
 * `GET /v1/models` (a function of a transport) and the cached catalogue built on it. The
 * gateway's list is dynamic (synced from its admin panel, prices with the project's markup), so
 * atelier never relies on it being complete: a model missing from it is still sent.
 */
import { type Clock, ResponseShapeError, systemClock, type TaskName } from '@atelier/core'
import { type RequestContext, raceAbort, redactBody, requestContextOf } from '@atelier/core/driver'
import {
  type EstimatedCost,
  type ModelEntry,
  type ModelsResponse,
  modelEntrySchema,
  modelsResponseSchema,
} from '../schemas'
import { tasksForModel } from './model-tasks'
import { type OnysoftTransport, PROVIDER } from './transport'

/** One model of the gateway's list, normalised. */
export interface OnysoftModel {
  id: string
  name?: string
  /** The kind the gateway reports (`video`, `t2i`, `TTS`, ...), when it does. */
  type?: string
  /** The upstream provider (`OpenAI`, `Kling`, `ElevenLabs`, ...). */
  provider?: string
  description?: string
  /** The price as listed, when it is a number or `{amount, currency}` (a number is taken as USD). */
  price?: EstimatedCost
  /**
   * The atelier tasks this model serves (from `type`, else from the id's family): `[]` for
   * none (chat models, audio filters), undefined when neither says.
   */
  tasks?: TaskName[]
  /** The entry as the gateway sent it. */
  raw: ModelEntry
}

function priceOf(value: unknown): EstimatedCost | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { amount: value, currency: 'USD' }
  if (typeof value === 'string' && /^\$?\d+(?:\.\d+)?$/.test(value.trim())) {
    return { amount: Number(value.trim().replace('$', '')), currency: 'USD' }
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const amount = record.amount ?? record.price ?? record.usd
    if (typeof amount === 'number') {
      return {
        amount,
        currency: typeof record.currency === 'string' ? record.currency : 'USD',
      }
    }
  }
  return undefined
}

/**
 * A list entry → `OnysoftModel`; undefined for entries without an id. `group` is the kind the
 * list grouped it under (`video` of `{video: [...]}`), its type when the entry names none.
 */
export function normaliseModel(entry: ModelEntry, group?: string): OnysoftModel | undefined {
  if (typeof entry === 'string') {
    if (entry.length === 0) return undefined
    const tasks = tasksForModel(entry, group)
    return { id: entry, ...(group ? { type: group } : {}), ...(tasks ? { tasks } : {}), raw: entry }
  }
  const id = entry.id ?? entry.model
  if (!id) return undefined
  const type = entry.type ?? entry.category ?? entry.task ?? group
  const provider = entry.provider ?? entry.owned_by ?? undefined
  const price = priceOf(entry.price ?? entry.pricing)
  const tasks = tasksForModel(id, type)
  return {
    id,
    ...(entry.name ? { name: entry.name } : {}),
    ...(type ? { type } : {}),
    ...(provider ? { provider } : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(price ? { price } : {}),
    ...(tasks ? { tasks } : {}),
    raw: entry,
  }
}

/**
 * `GET /v1/models`: the models and prices the gateway offers now, normalised (id, type,
 * provider, price, atelier tasks). The document gives no shape; a bare array, `{data: [...]}`,
 * `{models: [...]}` and lists grouped by kind (`{video: [...], image: [...]}`) are all read
 * (with or without `success`; `success: false` is an error). A `read` call, retried on
 * transient faults.
 */
export async function listModels(
  transport: OnysoftTransport,
  context: RequestContext = {},
): Promise<OnysoftModel[]> {
  const { data: body } = await transport.json(
    { method: 'GET', path: '/v1/models', kind: 'read', schema: modelsResponseSchema },
    context,
  )
  const listed = listedEntries(body)
  if (listed === undefined) {
    throw new ResponseShapeError(
      `${PROVIDER} GET /v1/models answered without a list of models: ${redactBody(JSON.stringify(body), transport.http.secrets)}`,
      {
        provider: PROVIDER,
        status: 200,
        body: redactBody(JSON.stringify(body), transport.http.secrets),
      },
    )
  }
  return listed
    .map(({ entry, group }) => normaliseModel(entry, group))
    .filter((model): model is OnysoftModel => !!model)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The readable entries of a list, each tagged with its group; an unreadable entry is skipped. */
function readEntries(items: unknown[], group?: string): { entry: ModelEntry; group?: string }[] {
  return items.flatMap((item) => {
    const read = modelEntrySchema.safeParse(item)
    return read.success ? [{ entry: read.data, ...(group ? { group } : {}) }] : []
  })
}

/**
 * The entries of a models answer in any of its shapes: a list (bare, `models`, `data`,
 * `data.models`), or lists grouped by kind (`{video: [...], image: [...]}`, bare or under
 * `data`). Undefined when the answer holds no list at all.
 */
function listedEntries(body: ModelsResponse): { entry: ModelEntry; group?: string }[] | undefined {
  if (Array.isArray(body)) return readEntries(body)
  const record = body as Record<string, unknown>
  if (Array.isArray(record.models)) return readEntries(record.models)
  const data = record.data
  if (Array.isArray(data)) return readEntries(data)
  const holder = isRecord(data) ? data : record
  if (Array.isArray(holder.models)) return readEntries(holder.models)
  const groups = Object.entries(holder).filter((pair): pair is [string, unknown[]] =>
    Array.isArray(pair[1]),
  )
  if (groups.length === 0) return undefined
  return groups.flatMap(([group, items]) => readEntries(items, group))
}

export interface ModelCatalogueOptions {
  /** How long a fetched list is trusted, in milliseconds. Default 10 minutes. */
  ttlMs?: number
  clock?: Clock
}

/**
 * `GET /v1/models`, cached: one request per `ttlMs` however many callers ask (concurrent
 * callers share the request in flight). A failed fetch is not cached. Used to tell which task
 * a model id belongs to.
 */
export class ModelCatalogue {
  readonly #transport: OnysoftTransport
  readonly #ttlMs: number
  readonly #clock: Clock
  #cached: { at: number; models: OnysoftModel[] } | undefined
  #pending: Promise<OnysoftModel[]> | undefined

  /** `transport`: the connection the list is fetched through (the driver's own). */
  constructor(transport: OnysoftTransport, options: ModelCatalogueOptions = {}) {
    this.#transport = transport
    this.#ttlMs = options.ttlMs ?? 10 * 60_000
    this.#clock = options.clock ?? systemClock
  }

  /** The list, from the cache while it is fresh. Aborting `context.signal` stops this caller only. */
  async list(context: RequestContext = {}): Promise<OnysoftModel[]> {
    const cached = this.#cached
    if (cached && this.#clock.now() - cached.at < this.#ttlMs) return cached.models
    if (!this.#pending) {
      // Shared by every caller until it lands: not ended by this caller's signal.
      const pending = listModels(this.#transport, requestContextOf(context, { signal: undefined }))
        .then((models) => {
          this.#cached = { at: this.#clock.now(), models }
          return models
        })
        .finally(() => {
          if (this.#pending === pending) this.#pending = undefined
        })
      this.#pending = pending
    }
    return raceAbort(this.#pending, context.signal)
  }

  /** The entry for `id`, or undefined when the gateway does not list it. */
  async find(id: string, context: RequestContext = {}): Promise<OnysoftModel | undefined> {
    return (await this.list(context)).find((model) => model.id === id)
  }

  /**
   * The tasks `id` serves: from its catalogue entry when listed, else from its family. `[]`:
   * none of atelier's tasks (a chat model); undefined: unknown.
   */
  async tasksOf(id: string, context: RequestContext = {}): Promise<TaskName[] | undefined> {
    const model = await this.find(id, context)
    return model?.tasks ?? tasksForModel(id)
  }

  /** Forgets the cached list; the next call fetches it again. */
  invalidate(): void {
    this.#cached = undefined
  }
}
