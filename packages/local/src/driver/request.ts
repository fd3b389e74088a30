/**
 * One call's request to the sidecar, prepared the same way by every handler: the model checked
 * against what the server lists, the caller's `providerOptions.local` read, the body built with
 * its warnings, merged with those options (one that would overwrite a field set from a task
 * field is refused) and checked against the endpoint's wire schema, issues named in the
 * caller's fields. Then the work runs as an inline job or a sidecar job with the same fields and
 * warnings. A handler says only what is its own: which body, which schema, which endpoint, which
 * work.
 */
import type {
  DriverContext,
  JsonValue,
  ProviderOptions,
  StandardSchemaV1,
  TaskSubmission,
  Warning,
} from '@atelier/core'
import { providerOptionsOf, type RequestContext, withProviderOptions } from '@atelier/core/driver'
import type { ProgressResponse } from '../schemas'
import {
  type CallerFields,
  checkCallerBody,
  FIELDS,
  type LocalTask,
  PROVIDER_ID,
} from './caller-fields'
import type { JobKind } from './held-jobs'
import { type Created, submitJob } from './jobs'
import type { Runtime } from './runtime'

/** One call of a task, its model checked and its provider options read (see `prepareRequest`). */
export class TaskRequest {
  readonly model: string
  /** How the request's issues are named: its task's fields and the options the caller passed. */
  readonly fields: CallerFields
  /** What the call cannot honour, gathered while its body is built. */
  readonly warnings: Warning[] = []
  readonly #runtime: Runtime
  readonly #context: DriverContext
  readonly #options: Record<string, unknown>

  constructor(init: {
    runtime: Runtime
    task: LocalTask
    model: string
    context: DriverContext
    options: Record<string, unknown>
  }) {
    this.#runtime = init.runtime
    this.model = init.model
    this.#context = init.context
    this.#options = init.options
    this.fields = { task: init.task, optionKeys: Object.keys(init.options) }
  }

  /** `body` with the caller's provider options added; one set from a task field is refused. */
  merge(body: Record<string, unknown>): Record<string, unknown> {
    return withProviderOptions(body, this.#options, {
      provider: PROVIDER_ID,
      taskFields: FIELDS[this.fields.task],
    })
  }

  /** `body` checked against the wire schema of `endpoint` (`POST /...`), issues named in the caller's fields. */
  check<Output>(
    schema: StandardSchemaV1<unknown, Output>,
    body: unknown,
    endpoint: string,
  ): Output {
    return checkCallerBody(schema, body, this.fields, endpoint)
  }

  /** The body to send: `body` with the caller's provider options added, then checked. */
  body<Output>(
    schema: StandardSchemaV1<unknown, Output>,
    body: Record<string, unknown>,
    endpoint: string,
  ): Output {
    return this.check(schema, this.merge(body), endpoint)
  }

  /** Runs `work` as an inline job holding the model's GPU slot (see `Runtime.inline`). */
  inline<Output>(
    work: (request: RequestContext) => Promise<Output>,
    endpoint?: (request: RequestContext) => Promise<ProgressResponse>,
  ): TaskSubmission<Output> {
    return this.#runtime.inline<Output>({
      model: this.model,
      context: this.#context,
      fields: this.fields,
      warnings: this.warnings,
      work,
      ...(endpoint ? { endpoint } : {}),
    })
  }

  /** Submits a sidecar job of `kind` holding a GPU slot (see `submitJob`). */
  submitJob<Output>(
    kind: JobKind,
    start: (request: RequestContext) => Promise<Created>,
    data?: Record<string, JsonValue>,
  ): Promise<TaskSubmission<Output>> {
    return submitJob<Output>(this.#runtime, {
      kind,
      model: this.model,
      context: this.#context,
      fields: this.fields,
      warnings: this.warnings,
      start,
      ...(data ? { data } : {}),
    })
  }
}

/**
 * Prepares a call of `task`: refuses a model the server does not list for it, then reads the
 * caller's provider options. The handler builds its body on what this answers.
 */
export async function prepareRequest(
  runtime: Runtime,
  task: LocalTask,
  input: { model: string; providerOptions?: ProviderOptions },
  context: DriverContext,
): Promise<TaskRequest> {
  await runtime.models.check(task, input.model, context)
  const options = providerOptionsOf(input, PROVIDER_ID)
  return new TaskRequest({ runtime, task, model: input.model, context, options })
}
