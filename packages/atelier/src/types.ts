/**
 * What the facade's inputs and jobs are typed from: the configured drivers. A driver written
 * with `defineDriver` keeps its id, its handlers' model ids and its provider-option schemas as
 * literal types, so `createAtelier({ providers: [local(), canary()] })` completes
 * `model: 'local/…' | 'canary/…'` per task and types `providerOptions.local` with the
 * handler's own schema. Drivers typed loosely (`Driver[]`) give `string` and
 * `Record<string, unknown>`: nothing is refused that would have been accepted before.
 */
import type {
  Driver,
  Job,
  JobRef,
  StandardSchemaV1,
  TaskInput,
  TaskName,
  TaskOutput,
} from '@atelier/core'

/** The drivers a client was created with, as `createAtelier` infers them. */
export type Providers = readonly Driver[]

/** `provider/model` for each model id the driver's handler for `T` lists. */
type KnownModels<D, T extends TaskName> =
  D extends Driver<infer Id, infer Tasks>
    ? T extends keyof Tasks
      ? Tasks[T] extends { readonly models: readonly (infer Model extends string)[] }
        ? `${Id}/${Model}`
        : never
      : never
    : never

/**
 * A model for task `T`: the known `provider/model` ids of the configured drivers (completed by
 * the editor), or any other string — servers add models faster than drivers list them, and a
 * bare id works when only one provider serves the task. `string` when no driver lists any.
 */
export type ModelId<P extends Providers, T extends TaskName> = [KnownModels<P[number], T>] extends [
  never,
]
  ? string
  : KnownModels<P[number], T> | (string & {})

/** What a handler's `providerOptions` schema accepts; any record when it declares none. */
type HandlerOptions<Handler> = Handler extends {
  readonly providerOptions: infer Schema extends StandardSchemaV1
}
  ? StandardSchemaV1.InferInput<Schema>
  : Record<string, unknown>

type DriverOptions<D, T extends TaskName> =
  D extends Driver<string, infer Tasks>
    ? T extends keyof Tasks
      ? HandlerOptions<Tasks[T]>
      : Record<string, unknown>
    : Record<string, unknown>

/**
 * `providerOptions` for task `T`: one optional entry per configured provider, typed by the
 * schema that provider's handler declares for the task. Any other key is refused (by the
 * compiler here, and at run time before any request).
 */
export type ProviderOptionsFor<P extends Providers, T extends TaskName> = {
  [D in P[number] as D['id']]?: DriverOptions<D, T>
}

/** `Omit` applied to each member of a union, so a union input keeps its members apart. */
type OmitEach<Type, Keys extends PropertyKey> = Type extends unknown ? Omit<Type, Keys> : never

/**
 * A facade input: the task's input with `model` as `provider/model` (or an ordered list to
 * fall back through) and `providerOptions` keyed by the configured providers.
 */
export type AtelierInput<T extends TaskName, P extends Providers = Providers> = OmitEach<
  TaskInput<T>,
  'model' | 'providerOptions'
> & {
  model: ModelId<P, T> | readonly ModelId<P, T>[]
  /** Options only one provider understands, keyed by provider id. */
  providerOptions?: ProviderOptionsFor<P, T>
}

/**
 * A job of task `T`: `wait()` resolves to the task's output, and its ref (`job.ref`,
 * `job.toJSON()`) names the task, so `ai.jobs.resume(job.toJSON())` is typed the same way.
 */
export interface AtelierJob<T extends TaskName = TaskName> extends Job<TaskOutput<T>> {
  readonly ref: JobRef<T>
  readonly task: T
  /** The ref: store it (it is plain JSON) and `resume` it anywhere. */
  toJSON(): JobRef<T>
}
