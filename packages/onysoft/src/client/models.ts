/**
 * `GET /v1/models` (a function of a transport) and the cached catalogue built on it. The
 * gateway's list is dynamic (synced from its admin panel, prices with the project's markup), so
 * atelier never relies on it being complete: a model missing from it is still sent.
 */
import { type Clock, systemClock, type TaskName } from '@atelier/core'
import { type RequestContext, raceAbort } from '@atelier/core/driver'
import { type EstimatedCost, type ModelEntry, modelsResponseSchema } from '../schemas'
import { tasksForModel } from './model-tasks'
import type { OnysoftTransport } from './transport'

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

/** A list entry → `OnysoftModel`; undefined for entries without an id. */
export function normaliseModel(entry: ModelEntry): OnysoftModel | undefined {
  if (typeof entry === 'string') {
    if (entry.length === 0) return undefined
    const tasks = tasksForModel(entry)
    return { id: entry, ...(tasks ? { tasks } : {}), raw: entry }
  }
  const id = entry.id ?? entry.model
  if (!id) return undefined
  const type = entry.type ?? entry.category ?? entry.task ?? undefined
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
 * provider, price, atelier tasks). The document gives no shape; a bare array, `{data: [...]}`
 * and `{models: [...]}` are all read (with or without `success`; `success: false` is an
 * error). A `read` call, retried on transient faults.
 */
export async function listModels(
  transport: OnysoftTransport,
  context: RequestContext = {},
): Promise<OnysoftModel[]> {
  const { data: body } = await transport.json(
    { method: 'GET', path: '/v1/models', kind: 'read', schema: modelsResponseSchema },
    context,
  )
  const entries = Array.isArray(body)
    ? body
    : 'models' in body && Array.isArray(body.models)
      ? body.models
      : Array.isArray(body.data)
        ? body.data
        : (body.data as { models: ModelEntry[] }).models
  return entries.map(normaliseModel).filter((model): model is OnysoftModel => !!model)
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
      const pending = listModels(this.#transport, context.hooks ? { hooks: context.hooks } : {})
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
