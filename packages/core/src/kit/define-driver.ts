/**
 * `defineDriver`: how a provider package declares its driver — an id, a typed handler per
 * task, and the polling defaults that suit the provider. Capabilities are derived from the
 * handlers, so what a driver claims and what it does cannot drift apart.
 */
import type {
  Driver,
  DriverCapabilities,
  DriverContext,
  ModelInfo,
  TaskCapability,
  TaskHandlers,
} from '../driver'
import type { PollingOptions } from '../polling'
import { TASK_NAMES } from '../tasks'

export interface DriverDefinition<Id extends string, Tasks extends TaskHandlers> {
  /** Provider id used in `provider/model` addressing and in job refs, e.g. `local`. */
  id: Id
  /** One handler per task the driver does, typed by the task. */
  tasks: Tasks
  /** Polling defaults that suit this provider (the engine's defaults otherwise). */
  polling?: Partial<PollingOptions>
  /** What the server offers right now. */
  listModels?(context: DriverContext): Promise<ModelInfo[]>
}

/**
 * Builds a driver from its handlers. Checks the handlers hang together (a resumable task can be
 * observed, a remotely canceled one has `cancelJob`) and throws a TypeError naming the task
 * when they do not: a mistake in the driver, found when it is created rather than in a job.
 */
export function defineDriver<const Id extends string, const Tasks extends TaskHandlers>(
  definition: DriverDefinition<Id, Tasks>,
): Driver<Id, Tasks> {
  const capabilities: DriverCapabilities = {}
  for (const task of TASK_NAMES) {
    const handler = definition.tasks[task]
    if (!handler) continue
    if (handler.resumable && !handler.poll && !handler.watch) {
      throw new TypeError(`${definition.id}: ${task} is resumable but has neither poll nor watch`)
    }
    if (handler.cancel === 'remote' && !handler.cancelJob) {
      throw new TypeError(`${definition.id}: ${task} cancels remotely but has no cancelJob`)
    }
    const capability: TaskCapability = {
      cancel: handler.cancel,
      resumable: handler.resumable,
    }
    if (handler.models) capability.models = handler.models
    if ('stream' in handler && typeof handler.stream === 'function') capability.streaming = true
    capabilities[task] = capability
  }
  return {
    id: definition.id,
    tasks: definition.tasks,
    capabilities,
    ...(definition.polling ? { polling: definition.polling } : {}),
    ...(definition.listModels ? { listModels: definition.listModels } : {}),
  }
}
